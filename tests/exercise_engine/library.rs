//! The exercise files: all load, ids are exact, bad files name the file and the field.

use std::path::Path;

use backcoach::exercise::{Category, ExerciseError, ExerciseLibrary, demo_pose, parse_exercise};
use backcoach::landmark::Landmark;

use super::{exercises_dir, library};

const IDS: [&str; 10] = [
    "back-extension",
    "deep-squat",
    "hip-hinge",
    "knee-bend",
    "knee-raise",
    "march-in-place",
    "side-bend",
    "sit-to-stand",
    "squat-lift",
    "trunk-rotation",
];

#[test]
fn every_file_in_exercises_loads_with_the_exact_ids() {
    let lib = library();
    let ids: Vec<&str> = lib.ids().collect();
    assert_eq!(ids, IDS);
    for ex in lib.exercises() {
        assert!(!ex.steps.is_empty() && !ex.muscles.is_empty() && !ex.cautions.is_empty());
        assert!(
            (5..=10).contains(&ex.reps) || ex.id == "squat-lift",
            "{}",
            ex.id
        );
        assert!(ex.demo.keyframes.len() >= 2, "{}", ex.id);
    }
    let embedded = ExerciseLibrary::embedded().expect("embedded");
    assert_eq!(embedded.exercises(), lib.exercises());
    assert_eq!(ExerciseLibrary::builtin_dir(), exercises_dir());
}

#[test]
fn alternating_exercises_are_the_sided_ones() {
    let lib = library();
    let alternating: Vec<&str> = lib
        .exercises()
        .iter()
        .filter(|e| e.alternating)
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(
        alternating,
        [
            "knee-raise",
            "march-in-place",
            "side-bend",
            "trunk-rotation"
        ]
    );
}

fn knee_bend_text() -> String {
    std::fs::read_to_string(exercises_dir().join("knee-bend.toml")).expect("file")
}

#[test]
fn unknown_field_names_the_file_and_the_field() {
    let text = knee_bend_text().replace("reps = 8", "reps = 8\nrepz = 3");
    let err = parse_exercise(&text, Path::new("bad.toml")).expect_err("unknown field");
    let msg = err.to_string();
    assert!(msg.contains("bad.toml") && msg.contains("repz"), "{msg}");
}

#[test]
fn bad_values_name_the_field_and_what_was_expected() {
    let cases = [
        ("target_deg = 30.0", "target_deg = 5.0", "signal.target_deg"),
        ("reps = 8", "reps = 0", "reps"),
        ("min = 0.6", "min_deg = 0.6", "rules[1].min_deg"),
        ("t_secs = 3.5", "t_secs = 9.5", "demo.keyframes[3].t_secs"),
        (
            "left_knee = [0.57, 0.74]",
            "left_kne = [0.57, 0.74]",
            "demo.keyframes[2].pose.left_kne",
        ),
    ];
    for (from, to, field) in cases {
        let text = knee_bend_text().replacen(from, to, 1);
        assert_ne!(text, knee_bend_text(), "{from}");
        match parse_exercise(&text, Path::new("knee-bend.toml")) {
            Err(ExerciseError::Invalid {
                path,
                field: f,
                message,
            }) => {
                assert_eq!(path, Path::new("knee-bend.toml"));
                assert_eq!(f, field, "{message}");
                assert!(message.contains("expected"), "{message}");
            }
            other => panic!("{field}: {other:?}"),
        }
    }
}

#[test]
fn every_category_has_an_exercise() {
    let lib = library();
    for category in Category::ALL {
        assert!(
            lib.exercises().iter().any(|e| e.category == category),
            "no {} exercise",
            category.name()
        );
    }
}

#[test]
fn a_missing_or_unknown_category_names_the_file_and_the_allowed_values() {
    let text = knee_bend_text().replace("category = \"strength\"\n", "");
    assert_ne!(text, knee_bend_text());
    let msg = parse_exercise(&text, Path::new("x.toml"))
        .expect_err("missing category")
        .to_string();
    for needle in [
        "x.toml",
        "category",
        "mobility",
        "stability",
        "strength",
        "stamina",
    ] {
        assert!(msg.contains(needle), "{needle}: {msg}");
    }
    let text = knee_bend_text().replace("category = \"strength\"", "category = \"cardio\"");
    let msg = parse_exercise(&text, Path::new("y.toml"))
        .expect_err("unknown category")
        .to_string();
    for needle in [
        "y.toml",
        "cardio",
        "mobility",
        "stability",
        "strength",
        "stamina",
    ] {
        assert!(msg.contains(needle), "{needle}: {msg}");
    }
}

#[test]
fn wrong_type_and_unknown_metric_are_parse_errors() {
    let text =
        knee_bend_text().replace("metric = \"knee_flexion_both\"", "metric = \"knee_angle\"");
    let msg = parse_exercise(&text, Path::new("x.toml"))
        .expect_err("unknown metric")
        .to_string();
    assert!(
        msg.contains("knee_angle") && msg.contains("x.toml"),
        "{msg}"
    );
    let text = knee_bend_text().replace("reps = 8", "reps = \"eight\"");
    let msg = parse_exercise(&text, Path::new("x.toml"))
        .expect_err("wrong type")
        .to_string();
    assert!(msg.contains("reps"), "{msg}");
}

#[test]
fn a_user_folder_adds_exercises_and_duplicates_are_rejected() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = knee_bend_text().replace("id = \"knee-bend\"", "id = \"my-bend\"");
    std::fs::write(dir.path().join("my-bend.toml"), &text).expect("write");
    let lib = ExerciseLibrary::load_dir(dir.path()).expect("loads");
    assert!(lib.get("my-bend").is_some());
    std::fs::write(dir.path().join("again.toml"), &text).expect("write");
    assert!(matches!(
        ExerciseLibrary::load_dir(dir.path()),
        Err(ExerciseError::DuplicateId { .. })
    ));
    let empty = tempfile::tempdir().expect("tempdir");
    assert!(matches!(
        ExerciseLibrary::load_dir(empty.path()),
        Err(ExerciseError::EmptyDir { .. })
    ));
    let err = library().require("toe-touch").expect_err("unknown");
    assert!(err.to_string().contains("knee-bend"), "{err}");
}

#[test]
fn demo_poses_loop_and_stay_in_the_box() {
    for ex in library().exercises() {
        let period = f64::from(ex.demo.period_secs);
        let start = demo_pose(ex, 0.0);
        let again = demo_pose(ex, period);
        for lm in Landmark::ALL {
            let (a, b) = (start.get(lm), again.get(lm));
            assert!((a[0] - b[0]).abs() < 1e-4 && (a[1] - b[1]).abs() < 1e-4);
        }
        let mut moved = 0.0f32;
        for i in 0..100 {
            let p = demo_pose(ex, period * i as f64 / 100.0);
            for xy in p.points {
                assert!(xy.iter().all(|v| (0.0..=1.0).contains(v)), "{}", ex.id);
            }
            let k = p.get(Landmark::Nose);
            let s = start.get(Landmark::Nose);
            let w = p.get(Landmark::LeftKnee);
            let sw = start.get(Landmark::LeftKnee);
            moved = moved.max((k[0] - s[0]).abs() + (k[1] - s[1]).abs());
            moved = moved.max((w[0] - sw[0]).abs() + (w[1] - sw[1]).abs());
        }
        assert!(moved > 0.03, "{} demo does not move", ex.id);
    }
}

#[test]
fn a_bad_form_limit_names_its_field() {
    let text = std::fs::read_to_string(exercises_dir().join("deep-squat.toml"))
        .expect("reads")
        .replace(
            "knee_spacing_pct = { good = 100.0, limit = 84.0 }",
            "knee_spacing_pct = { good = 84.0, limit = 84.0 }",
        );
    let err = parse_exercise(&text, Path::new("deep-squat.toml")).expect_err("good = limit");
    let msg = err.to_string();
    assert!(
        msg.contains("deep-squat.toml") && msg.contains("form.knee_spacing_pct"),
        "{msg}"
    );
    let text = std::fs::read_to_string(exercises_dir().join("sit-to-stand.toml"))
        .expect("reads")
        .replace("[form]", "[form]\nknee_spacing = 3.0");
    let msg = parse_exercise(&text, Path::new("sit-to-stand.toml"))
        .expect_err("unknown field")
        .to_string();
    assert!(msg.contains("knee_spacing"), "{msg}");
}

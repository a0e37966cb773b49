//! Fuzzing, bounded, under `cargo test`: every parser a user's file reaches, with inputs
//! made by proptest (which shrinks a failure to its smallest case). Pose tracks (a line
//! alone, and whole tracks through every exercise's tracker), exercise files (mutated
//! real files, and those that still load run through the tracker), eval manifests and the
//! settings rows of the history. The property each time: no panic; an error is a sentence;
//! what loads is usable. Findings are kept below as plain regression tests.
//!
//! `FUZZ_CASES` (default 64 per property) sets the budget; CI runs the default.

use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use backcoach::analysis::ReportSink;
use backcoach::eval::{LabelledRecording, exercises_for_movement, expectations};
use backcoach::exercise::{Exercise, ExerciseLibrary, TrackerConfig, parse_exercise};
use backcoach::history::{HISTORY_FILE_NAME, History};
use backcoach::landmark::Landmark;
use backcoach::pose::{ImagePoint, Pose, PoseFrame};
use backcoach::track::{TrackReader, frame_to_line, parse_frame_line};

/// Cases per property (`FUZZ_CASES`, default 64).
fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

/// A runner with the case budget; no regression files written (findings become tests).
fn runner(scale: u32) -> TestRunner {
    TestRunner::new(Config {
        cases: (cases() / scale).max(8),
        failure_persistence: None,
        ..Config::default()
    })
}

fn repo(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// A real pose-track line.
fn real_line() -> String {
    let text = std::fs::read_to_string(repo("tests/data/posetracks/cmu_13_29_squats_front.jsonl"))
        .expect("track");
    text.lines().nth(40).expect("line").to_owned()
}

/// Byte edits: (position share, kind, byte).
fn edits() -> impl Strategy<Value = Vec<(f64, u8, u8)>> {
    prop::collection::vec((0.0..1.0f64, 0u8..3, any::<u8>()), 1..12)
}

/// Applies edits (replace, insert, delete) to `text`, keeping it UTF-8 (lossy).
fn mutate(text: &str, edits: &[(f64, u8, u8)]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for &(at, kind, byte) in edits {
        if bytes.is_empty() {
            bytes.push(byte);
            continue;
        }
        let i = ((bytes.len() as f64 * at) as usize).min(bytes.len() - 1);
        match kind {
            0 => bytes[i] = byte,
            1 => bytes.insert(i, byte),
            _ => {
                bytes.remove(i);
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Runs `frames` through every exercise's tracker (the `analyze` sink).
fn judge_with_every_exercise(frames: &[PoseFrame], library: &ExerciseLibrary) {
    for exercise in library.exercises() {
        judge(frames, exercise);
    }
}

fn judge(frames: &[PoseFrame], exercise: &Exercise) {
    use backcoach::pipeline::{Sink, StreamItem};
    let mut sink = ReportSink::with_config(exercise, TrackerConfig::default());
    for frame in frames {
        let item = StreamItem {
            pose_frame: frame.clone(),
            image: None,
            timings: Default::default(),
            latency_ms: 0.0,
        };
        sink.on_item(&item).expect("the sink takes any frame");
    }
    sink.finish().expect("finish");
    let report = sink.into_report().expect("a report");
    assert!(report.frames == frames.len() as u64);
}

#[test]
fn fuzz_pose_track_lines() {
    let line = real_line();
    parse_frame_line(&line).expect("the real line parses");
    runner(1)
        .run(&(edits(), ".{0,80}"), |(edits, noise)| {
            for text in [mutate(&line, &edits), noise] {
                if let Err(message) = parse_frame_line(&text) {
                    prop_assert!(!message.is_empty());
                }
            }
            Ok(())
        })
        .expect("pose-track lines");
}

/// Any f32 a JSON file can hold, weighted to the troublesome ones.
fn coordinate() -> impl Strategy<Value = f32> {
    prop_oneof![
        4 => -100.0f32..2000.0,
        1 => Just(0.0f32),
        1 => Just(-0.0f32),
        1 => Just(f32::MAX),
        1 => Just(-f32::MAX),
        1 => Just(1e-30f32),
        1 => any::<f32>().prop_filter("finite", |v| v.is_finite()),
    ]
}

/// A frame: any time, any image size, some landmarks at any place and visibility.
fn frame() -> impl Strategy<Value = PoseFrame> {
    (
        prop_oneof![3 => 0.0..100.0f64, 1 => -1e6..1e9f64, 1 => Just(0.0)],
        (
            prop_oneof![Just(0u32), 1u32..4000, Just(u32::MAX)],
            0u32..4000,
        ),
        prop::collection::vec(
            (0..33usize, coordinate(), coordinate(), -1.0f32..2.0),
            0..33,
        ),
        prop::option::of(0u32..5),
    )
        .prop_map(|(t_secs, (w, h), points, people)| {
            let pose = (!points.is_empty()).then(|| {
                let mut pose = Pose::empty();
                for (i, x, y, v) in points {
                    pose.landmarks[Landmark::ALL[i].index()] = Some(ImagePoint {
                        x_px: x,
                        y_px: y,
                        visibility: v,
                    });
                }
                pose.score = 0.9;
                pose
            });
            PoseFrame {
                t_secs,
                image_size: [w, h],
                pose,
                people_detected: people,
                brightness: None,
            }
        })
}

#[test]
fn fuzz_pose_tracks_through_every_tracker() {
    let library = ExerciseLibrary::embedded().expect("library");
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("fuzz.jsonl");
    runner(2)
        .run(&prop::collection::vec(frame(), 1..40), |frames| {
            // Through the file format, as a user's track arrives.
            let text: String = frames.iter().map(|f| frame_to_line(f) + "\n").collect();
            std::fs::write(&path, text).expect("write");
            let read: Vec<PoseFrame> = TrackReader::open(&path)
                .expect("open")
                .filter_map(Result::ok)
                .collect();
            judge_with_every_exercise(&read, &library);
            Ok(())
        })
        .expect("pose tracks");
}

/// A numeric literal a user might type.
fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (0.0..2.0f64).prop_map(|v| format!("{v:.2}")),
        2 => (0i64..12).prop_map(|v| v.to_string()),
        1 => (-1000i64..1000).prop_map(|v| v.to_string()),
        1 => (-1e6..1e6f64).prop_map(|v| format!("{v:?}")),
        1 => Just("0".to_owned()),
        1 => Just("0.0".to_owned()),
        1 => Just("-0.0".to_owned()),
        1 => Just("nan".to_owned()),
        1 => Just("inf".to_owned()),
        1 => Just("-inf".to_owned()),
        1 => Just("1e300".to_owned()),
        1 => Just("4294967296".to_owned()),
    ]
}

/// The exercise files' texts.
fn exercise_texts() -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir(repo("exercises"))
        .expect("exercises")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            (
                p.file_name().expect("name").to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).expect("read"),
            )
        })
        .collect()
}

/// Replaces the `n`-th number of `text` (wrapping) with `value`.
fn replace_nth_number(text: &str, n: usize, value: &str) -> String {
    let spans: Vec<(usize, usize)> = {
        let bytes = text.as_bytes();
        let mut spans = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            let starts = bytes[i].is_ascii_digit()
                && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_'));
            if starts {
                let start = if i > 0 && bytes[i - 1] == b'-' {
                    i - 1
                } else {
                    i
                };
                let mut end = i;
                while end < bytes.len() && (bytes[end].is_ascii_digit() || bytes[end] == b'.') {
                    end += 1;
                }
                spans.push((start, end));
                i = end;
            } else {
                i += 1;
            }
        }
        spans
    };
    if spans.is_empty() {
        return text.to_owned();
    }
    let (start, end) = spans[n % spans.len()];
    format!("{}{}{}", &text[..start], value, &text[end..])
}

/// A short synthetic track: a standing figure bending its knees twice.
fn bending_frames() -> Vec<PoseFrame> {
    let text = std::fs::read_to_string(repo("tests/data/posetracks/cmu_13_29_squats_front.jsonl"))
        .expect("track");
    text.lines()
        .filter_map(|l| parse_frame_line(l).ok())
        .step_by(3)
        .collect()
}

/// Mutated exercise files that still loaded (and so were coached through a track).
static LOADED: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

#[test]
fn fuzz_exercise_files() {
    let texts = exercise_texts();
    let frames = bending_frames();
    let strategy = (
        0..texts.len(),
        prop::collection::vec((any::<usize>(), number()), 1..4),
        prop::option::weighted(0.2, edits()),
    );
    runner(2)
        .run(&strategy, |(file, numbers, bytes)| {
            let (name, text) = &texts[file];
            let mut text = text.clone();
            for (n, value) in &numbers {
                text = replace_nth_number(&text, *n, value);
            }
            if let Some(bytes) = &bytes {
                text = mutate(&text, bytes);
            }
            match parse_exercise(&text, Path::new(name)) {
                Err(e) => {
                    let message = e.to_string();
                    prop_assert!(message.contains(name.as_str()), "{message}");
                }
                // What loads must coach without a panic.
                Ok(exercise) => {
                    LOADED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    judge(&frames, &exercise)
                }
            }
            Ok(())
        })
        .expect("exercise files");
    eprintln!(
        "{} mutated exercise files loaded and were coached",
        LOADED.load(std::sync::atomic::Ordering::Relaxed)
    );
}

/// Any JSON value, a few levels deep.
fn json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        (-1e9..1e9f64).prop_map(serde_json::Value::from),
        ".{0,12}".prop_map(serde_json::Value::from),
        prop_oneof![
            Just("knee-bend"),
            Just("other:yoga"),
            Just("squat"),
            Just("NEGATIVE: standing"),
            Just("file"),
            Just("reps"),
        ]
        .prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(serde_json::Value::from),
            prop::collection::btree_map(
                prop_oneof![
                    Just("file".to_owned()),
                    Just("exercise".to_owned()),
                    Just("movement".to_owned()),
                    Just("exercises".to_owned()),
                    Just("reps".to_owned()),
                    Just("reps_acceptable".to_owned()),
                    Just("reps_by_side".to_owned()),
                    Just("negative".to_owned()),
                    Just("left".to_owned()),
                    Just("right".to_owned()),
                    "[a-z_]{1,8}",
                ],
                inner,
                0..6
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

#[test]
fn fuzz_eval_manifests() {
    let library = ExerciseLibrary::embedded().expect("library");
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("labels.json");
    let real = std::fs::read_to_string(repo("tests/data/posetracks/labels.json")).expect("labels");
    runner(1)
        .run(&(json(), prop::option::of(edits())), |(value, bytes)| {
            let text = match &bytes {
                Some(bytes) => mutate(&real, bytes),
                None => value.to_string(),
            };
            std::fs::write(&path, &text).expect("write");
            match backcoach::eval::read_manifest(&path) {
                Err(e) => prop_assert!(e.to_string().contains("labels.json"), "{e}"),
                Ok(recordings) => {
                    for rec in &recordings {
                        check_recording(rec, &library);
                    }
                }
            }
            Ok(())
        })
        .expect("manifests");
}

fn check_recording(rec: &LabelledRecording, library: &ExerciseLibrary) {
    if let Some(m) = &rec.movement {
        let _ = exercises_for_movement(m);
    }
    let _ = expectations(rec, library);
}

/// The settings keys, and some that are not.
fn settings_key() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("camera".to_owned()),
        Just("camera_width_px".to_owned()),
        Just("camera_height_px".to_owned()),
        Just("mirror_view".to_owned()),
        Just("language".to_owned()),
        Just("voice".to_owned()),
        Just("voice_rate_percent".to_owned()),
        Just("voice_volume_percent".to_owned()),
        Just("tempo_calls".to_owned()),
        "[a-z_]{1,12}",
    ]
}

/// A value a damaged or hand-edited row might hold.
fn settings_value() -> impl Strategy<Value = String> {
    prop_oneof![
        number(),
        Just("true".to_owned()),
        Just("false".to_owned()),
        Just("da".to_owned()),
        Just(String::new()),
        Just("99999999999".to_owned()),
        ".{0,16}",
    ]
}

#[test]
fn fuzz_settings_rows() {
    let dir = tempfile::tempdir().expect("tmp");
    let history = History::open(dir.path()).expect("history");
    drop(history);
    let db = rusqlite::Connection::open(dir.path().join(HISTORY_FILE_NAME)).expect("db");
    runner(1)
        .run(
            &prop::collection::vec((settings_key(), settings_value()), 0..12),
            |rows| {
                db.execute("DELETE FROM settings", []).expect("clear");
                for (k, v) in &rows {
                    db.execute(
                        "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)",
                        [k, v],
                    )
                    .expect("insert");
                }
                let history = History::open(dir.path()).expect("reopen");
                let s = history.settings().expect("settings always read");
                prop_assert!((50..=200).contains(&s.voice_rate_percent));
                prop_assert!(s.voice_volume_percent <= 100);
                prop_assert!(s.width > 0 && s.height > 0, "{s:?}");
                prop_assert!(!s.camera.is_empty());
                Ok(())
            },
        )
        .expect("settings rows");
}

/// Fuzzing's findings, kept.
#[test]
fn settings_rows_found_by_fuzzing() {
    let dir = tempfile::tempdir().expect("tmp");
    drop(History::open(dir.path()).expect("history"));
    let db = rusqlite::Connection::open(dir.path().join(HISTORY_FILE_NAME)).expect("db");
    // A zero camera size was taken as it was (found by fuzz_settings_rows).
    for (key, value) in [
        ("camera_width_px", "0"),
        ("camera_height_px", "0"),
        ("camera_width_px", "4294967295"),
    ] {
        db.execute("DELETE FROM settings", []).expect("clear");
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)",
            [key, value],
        )
        .expect("insert");
        let s = History::open(dir.path())
            .expect("reopen")
            .settings()
            .expect("settings");
        assert_eq!((s.width, s.height), (1280, 720), "{key} = {value}");
    }
}

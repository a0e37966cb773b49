//! Real motion: CMU 13_29 pose tracks (front and side views) with labelled rep counts.
//!
//! Side convention: "left"/"right" are the person's own, as in the landmark names. The
//! engine reports the side twists as left, right, left (left 2, right 1): the first turn
//! moves the left shoulder away from the camera (the body turns to its left). The CMU
//! annotation calls these turns "right, left, right" with the opposite sign convention;
//! the elbow-to-knee segment confirms ours (right knee up with the left elbow crossing
//! over turns the shoulders to the right, and the engine reads a right turn there).

use backcoach::analysis::{AnalysisReport, analyze_frames};

use super::{exercise, library, read_track};

const VIEWS: [&str; 2] = ["front", "side"];

fn analyze(segment: &str, view: &str, exercise_id: &str) -> AnalysisReport {
    let frames = read_track(&format!("cmu_13_29_{segment}_{view}.jsonl"));
    analyze_frames(&exercise(exercise_id), frames)
}

fn assert_count(segment: &str, exercise_id: &str, reps: u32, left: u32, right: u32) {
    for view in VIEWS {
        let r = analyze(segment, view, exercise_id);
        assert_eq!(
            (r.reps, r.reps_by_side.left, r.reps_by_side.right),
            (reps, left, right),
            "{segment} ({view}) as {exercise_id}:\n{}",
            r.summary_text()
        );
    }
}

#[test]
fn squats_count_as_knee_bends_and_squat_lifts() {
    assert_count("squats", "knee-bend", 2, 0, 0);
    assert_count("squats", "squat-lift", 2, 0, 0);
}

#[test]
fn bend_overs_count_as_hip_hinges() {
    assert_count("bend_over", "hip-hinge", 3, 0, 0);
}

#[test]
fn side_twists_count_as_trunk_rotations_per_side() {
    assert_count("side_twists", "trunk-rotation", 3, 2, 1);
}

#[test]
fn elbow_to_knee_counts_as_alternating_knee_raises() {
    assert_count("elbow_to_knee", "knee-raise", 6, 3, 3);
}

#[test]
fn rep_peaks_match_the_labelled_times() {
    // Each counted rep's window contains one labelled peak time.
    let cases = [
        ("squats", "knee-bend", vec![1.6, 4.7]),
        ("bend_over", "hip-hinge", vec![0.8, 3.0, 4.9]),
        ("side_twists", "trunk-rotation", vec![0.8, 2.5, 4.4]),
        (
            "elbow_to_knee",
            "knee-raise",
            vec![1.0, 2.4, 3.7, 5.1, 6.7, 8.0],
        ),
    ];
    for (segment, id, peaks) in cases {
        for view in VIEWS {
            let r = analyze(segment, view, id);
            assert_eq!(r.rep_details.len(), peaks.len());
            for (rep, peak) in r.rep_details.iter().zip(&peaks) {
                assert!(
                    rep.start_secs <= *peak && *peak <= rep.end_secs,
                    "{segment} {view}: rep {} spans {:.2}-{:.2}, label {peak}",
                    rep.index,
                    rep.start_secs,
                    rep.end_secs
                );
            }
        }
    }
}

#[test]
fn knee_raise_sides_alternate_right_first() {
    use backcoach::exercise::Side;
    for view in VIEWS {
        let r = analyze("elbow_to_knee", view, "knee-raise");
        let sides: Vec<Option<Side>> = r.rep_details.iter().map(|d| d.side).collect();
        let expected: Vec<Option<Side>> = [Side::Right, Side::Left]
            .iter()
            .cycle()
            .take(6)
            .map(|s| Some(*s))
            .collect();
        assert_eq!(sides, expected, "{view}");
    }
}

#[test]
fn non_target_movements_give_no_reps_for_any_exercise() {
    let lib = library();
    for segment in ["arm_swings", "jumping_jacks"] {
        for view in VIEWS {
            let frames = read_track(&format!("cmu_13_29_{segment}_{view}.jsonl"));
            for ex in lib.exercises() {
                let r = analyze_frames(ex, frames.clone());
                assert_eq!(
                    r.reps,
                    0,
                    "{segment} ({view}) as {}:\n{}",
                    ex.id,
                    r.summary_text()
                );
            }
        }
    }
}

#[test]
fn every_exercise_report_on_every_track_accounts_for_every_frame() {
    let lib = library();
    let frames = read_track("cmu_13_29_squats_side.jsonl");
    for ex in lib.exercises() {
        let r = analyze_frames(ex, frames.clone());
        assert_eq!(r.frames, frames.len() as u64);
        assert_eq!(r.frames_with_person, frames.len() as u64);
    }
}

/// Prints every exercise × every fixture (run with `--ignored --nocapture`); used to
/// build docs/ACCURACY.md.
#[test]
#[ignore]
fn print_count_matrix() {
    let lib = library();
    let segments = [
        "squats",
        "bend_over",
        "side_twists",
        "elbow_to_knee",
        "arm_swings",
        "jumping_jacks",
    ];
    for segment in segments {
        for view in VIEWS {
            let frames = read_track(&format!("cmu_13_29_{segment}_{view}.jsonl"));
            let row: Vec<String> = lib
                .exercises()
                .iter()
                .map(|ex| {
                    let r = analyze_frames(ex, frames.clone());
                    format!(
                        "{}={}(p{} L{} R{})",
                        ex.id, r.reps, r.partial_reps, r.reps_by_side.left, r.reps_by_side.right
                    )
                })
                .collect();
            println!("{segment:14} {view:5} {}", row.join(" "));
        }
    }
}

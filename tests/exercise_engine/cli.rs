//! `backcoach analyze`: the binary's JSON parsed back into the typed report.

use std::process::Command;

use backcoach::report::AnalysisReport;

use super::posetracks_dir;

fn backcoach() -> Command {
    Command::new(env!("CARGO_BIN_EXE_backcoach"))
}

/// `backcoach analyze --json ARGS... TRACK`, which must succeed, parsed into the report.
fn analyze_json(args: &[&std::ffi::OsStr], track: &std::path::Path) -> AnalysisReport {
    let out = backcoach()
        .args(["analyze", "--json"])
        .args(args)
        .arg(track)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("typed report")
}

#[test]
fn analyze_json_parses_back_into_the_report() {
    let track = posetracks_dir().join("cmu_13_29_side_twists_front.jsonl");
    let report = analyze_json(&["--exercise".as_ref(), "trunk-rotation".as_ref()], &track);
    assert_eq!(report.exercise, "trunk-rotation");
    assert_eq!(report.reps, 3);
    assert_eq!(
        (report.reps_by_side.left, report.reps_by_side.right),
        (2, 1)
    );
    assert_eq!(report.frames, 156);
    assert_eq!(report.frames_with_person, 156);
}

#[test]
fn analyze_prints_a_readable_summary_by_default() {
    let track = posetracks_dir().join("cmu_13_29_squats_side.jsonl");
    let out = backcoach()
        .args(["analyze", "--exercise", "knee-bend"])
        .arg(&track)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("knee-bend: 2 reps"), "{text}");
}

#[test]
fn analyze_fails_clearly_for_unknown_exercise_or_input() {
    let track = posetracks_dir().join("cmu_13_29_squats_side.jsonl");
    let out = backcoach()
        .args(["analyze", "--exercise", "toe-touch"])
        .arg(&track)
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unknown exercise") && err.contains("knee-bend"),
        "{err}"
    );

    let out = backcoach()
        .args(["analyze", "--exercise", "knee-bend", "no/such/track.jsonl"])
        .output()
        .expect("runs");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/track.jsonl"));
}

#[test]
fn analyze_uses_a_user_exercise_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(super::exercises_dir().join("knee-bend.toml"))
        .expect("file")
        .replace("id = \"knee-bend\"", "id = \"my-bend\"");
    std::fs::write(dir.path().join("my-bend.toml"), text).expect("write");
    let track = posetracks_dir().join("cmu_13_29_squats_front.jsonl");
    let args = [
        "--exercise".as_ref(),
        "my-bend".as_ref(),
        "--exercises".as_ref(),
        dir.path().as_os_str(),
    ];
    let report = analyze_json(&args, &track);
    assert_eq!((report.exercise.as_str(), report.reps), ("my-bend", 2));
}

/// A dark room: the repo's test video darkened with ffmpeg (its first second, 270 px wide,
/// so the test stays fast) gives the too-dark warning, in the JSON and in the summary.
#[test]
fn a_video_too_dark_to_see_anyone_says_turn_on_a_light() {
    let dir = tempfile::tempdir().expect("tmp");
    let dark = dir.path().join("dark.mp4");
    let video = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/video/pose2sim_single_person_cam01.mp4");
    let status = Command::new("ffmpeg")
        .args([
            "-hide_banner",
            "-nostdin",
            "-loglevel",
            "error",
            "-t",
            "1",
            "-i",
        ])
        .arg(&video)
        .args([
            "-vf",
            "scale=270:-2,eq=brightness=-0.4:contrast=0.3",
            "-an",
            "-c:v",
            "libx264",
            "-pix_fmt",
            "yuv420p",
        ])
        .arg(&dark)
        .status()
        .expect("ffmpeg runs");
    assert!(status.success());
    let report = analyze_json(&["--exercise".as_ref(), "knee-bend".as_ref()], &dark);
    assert!(report.frames > 0);
    assert!(
        report.too_dark(),
        "{} of {} frames too dark",
        report.too_dark_frames,
        report.frames
    );
    let json = serde_json::to_value(&report).expect("json");
    assert_eq!(json["too_dark_frames"], report.too_dark_frames);
    let text = report.summary_text();
    assert!(text.contains("Turn on a light"), "{text}");
}

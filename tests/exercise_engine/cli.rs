//! `backcoach analyze`: the binary's JSON parsed back into the typed report.

use std::process::Command;

use backcoach::analysis::AnalysisReport;

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
fn a_reader_that_stops_early_is_not_a_crash() {
    // `backcoach analyze ... | head -1`: the pipe closes before the summary is written.
    let track = posetracks_dir().join("cmu_13_29_side_twists_front.jsonl");
    for json in [false, true] {
        let mut cmd = backcoach();
        cmd.args(["analyze", "--exercise", "trunk-rotation"]);
        if json {
            cmd.arg("--json");
        }
        let mut child = cmd
            .arg(&track)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("runs");
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("ends");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(out.status.success(), "{stderr}");
    }
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

/// The first second of the repo's test video, 270 px wide (fast to judge), re-encoded with
/// the ffmpeg filter `vf` into `dir`.
fn short_clip(dir: &std::path::Path, name: &str, vf: &str) -> std::path::PathBuf {
    let out = dir.join(name);
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
            &format!("scale=270:-2,{vf}"),
            "-an",
            "-c:v",
            "libx264",
        ])
        .args(["-pix_fmt", "yuv420p"])
        .arg(&out)
        .status()
        .expect("ffmpeg runs");
    assert!(status.success());
    out
}

/// A dark room: the test video darkened to a mean brightness of ~0.06 with a dark
/// camera's sensor noise (darkness alone, at 0.03, still shows the person to the model)
/// gives the too-dark warning, in the JSON and in the summary.
#[test]
fn a_video_too_dark_to_see_anyone_says_turn_on_a_light() {
    let dir = tempfile::tempdir().expect("tmp");
    let dark = short_clip(
        dir.path(),
        "dark.mp4",
        "eq=brightness=-0.4:contrast=0.3,noise=alls=30:allf=t",
    );
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

/// `eval --condition`: the video judged as recorded and re-encoded, side by side; a pose
/// track in the manifest is skipped, not re-encoded.
#[test]
fn eval_conditions_reencode_videos_and_skip_pose_tracks() {
    let dir = tempfile::tempdir().expect("tmp");
    short_clip(dir.path(), "clip.mp4", "null");
    let track = posetracks_dir().join("cmu_13_29_squats_side.jsonl");
    let manifest = dir.path().join("labels.json");
    let list = serde_json::json!([
        {"file": "clip.mp4", "movement": "NEGATIVE: standing", "negative": true},
        {"file": track, "movement": "squat", "reps": 2},
    ]);
    std::fs::write(&manifest, list.to_string()).expect("manifest");
    let out = backcoach()
        .args(["eval", "--json", "--condition", "mirrored"])
        .arg(&manifest)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let conditions = doc["conditions"].as_array().expect("conditions");
    assert_eq!(conditions.len(), 2, "as recorded, mirrored");
    assert_eq!(conditions[0]["condition"], serde_json::Value::Null);
    assert_eq!(conditions[1]["condition"], "mirrored");
    for c in conditions {
        let recordings = c["recordings"].as_array().expect("recordings");
        assert_eq!(recordings.len(), 1, "the track is not re-encoded");
        assert_eq!(recordings[0]["error"], serde_json::Value::Null, "{c}");
        assert!(recordings[0]["frames"].as_u64() > Some(20), "{c}");
    }
    assert_eq!(doc["skipped_tracks"][0], track.to_string_lossy().as_ref());
    // Nothing is left next to the video.
    let files = std::fs::read_dir(dir.path()).expect("dir").count();
    assert_eq!(files, 2, "clip.mp4 and labels.json only");
}

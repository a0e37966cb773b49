//! The clock jumping: a 10-minute gap in frame times (a suspended laptop, a camera driver
//! that stalls, a recording paused and resumed) never counts a rep across the gap, and work
//! mode counts neither sitting nor a break over it.

use std::path::{Path, PathBuf};
use std::process::Command;

use backcoach::analysis::{AnalysisReport, ReportSink};
use backcoach::exercise::{ExerciseLibrary, TrackerConfig};
use backcoach::pipeline::{PipelineOptions, SourceSpec, open_pose_stream, run_to_sinks};
use backcoach::pose::PoseFrame;
use backcoach::track::{TrackReader, TrackWriter};

/// The gap, seconds.
const GAP_SECS: f64 = 600.0;

fn posetrack(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/posetracks")
        .join(name)
}

fn read_track(path: &Path) -> Vec<PoseFrame> {
    TrackReader::open(path)
        .expect("track")
        .map(|f| f.expect("frame"))
        .collect()
}

fn write_track(path: &Path, frames: &[PoseFrame]) -> PathBuf {
    let mut w = TrackWriter::create(path).expect("create");
    for f in frames {
        w.write(f).expect("write");
    }
    w.flush().expect("flush");
    path.to_owned()
}

fn analyze(track: &Path, exercise: &str) -> AnalysisReport {
    let library = ExerciseLibrary::load_default().expect("library");
    let exercise = library.require(exercise).expect("exercise");
    let mut stream = open_pose_stream(
        &SourceSpec::Track(track.to_owned()),
        &PipelineOptions::default(),
    )
    .expect("stream");
    let mut sink = ReportSink::with_config(exercise, TrackerConfig::default());
    run_to_sinks(stream.as_mut(), &mut [&mut sink], |_| {}).expect("run");
    sink.into_report().expect("report")
}

/// The real squats and side twists, cut at five points (mid-movement at some of them) with
/// a 10-minute gap inserted: never more reps than the two halves count on their own.
#[test]
fn a_ten_minute_gap_never_counts_a_rep_across_it() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut cuts_tried = 0;
    for (file, exercise) in [
        ("cmu_13_29_squats_front.jsonl", "knee-bend"),
        ("cmu_13_29_squats_side.jsonl", "squat-lift"),
        ("cmu_13_29_side_twists_front.jsonl", "trunk-rotation"),
    ] {
        let frames = read_track(&posetrack(file));
        let whole = analyze(&posetrack(file), exercise);
        assert!(whole.reps >= 2, "{file}: {} reps", whole.reps);
        for share in [0.2, 0.35, 0.5, 0.65, 0.8] {
            let cut = (frames.len() as f64 * share) as usize;
            let (before, after) = frames.split_at(cut);
            let mut gapped = before.to_vec();
            gapped.extend(after.iter().cloned().map(|mut f| {
                f.t_secs += GAP_SECS;
                f
            }));
            let first = analyze(&write_track(&dir.path().join("a.jsonl"), before), exercise);
            let second = analyze(&write_track(&dir.path().join("b.jsonl"), after), exercise);
            let jumped = analyze(&write_track(&dir.path().join("g.jsonl"), &gapped), exercise);
            assert!(
                jumped.reps <= first.reps + second.reps,
                "{file} cut at {share}: {} reps across the gap, {} + {} in the halves \
                 ({} without a gap)",
                jumped.reps,
                first.reps,
                second.reps,
                whole.reps
            );
            // Every frame was judged: the gap lost none.
            assert_eq!(jumped.frames, frames.len() as u64);
            cuts_tried += 1;
        }
    }
    assert_eq!(cuts_tried, 15);
}

/// `backcoach work` on 2 minutes of sitting with a 10-minute hole in the middle: the
/// sitting time is the 2 minutes, and no break is counted over the hole.
#[test]
fn a_ten_minute_gap_is_neither_sitting_nor_a_break_in_work_mode() {
    let dir = tempfile::tempdir().expect("tmp");
    let sitting = super::common::sitting_track(dir.path(), "sit.jsonl", 120.0, 2.0);
    let mut frames = read_track(&sitting);
    let half = frames.len() / 2;
    for f in &mut frames[half..] {
        f.t_secs += GAP_SECS;
    }
    let track = write_track(&dir.path().join("gap.jsonl"), &frames);
    let out = Command::new(env!("CARGO_BIN_EXE_backcoach"))
        .args(["work", "--no-desktop-notify", "--json", "--source"])
        .arg(&track)
        .arg("--data-dir")
        .arg(dir.path().join("data"))
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    let figures = find(&doc, "sitting_secs").expect("figures in the JSON");
    let sitting_secs = figures["sitting_secs"].as_f64().expect("sitting_secs");
    assert!(
        (60.0..=125.0).contains(&sitting_secs),
        "{sitting_secs} s of sitting counted from 120 s of frames: {figures}"
    );
    assert_eq!(figures["breaks_taken"], 0, "{figures}");
    let away_secs = figures["away_secs"].as_f64().unwrap_or(0.0);
    assert!(away_secs < 60.0, "the gap counted as away: {figures}");
}

/// The first object in `doc` with the key `key`.
fn find<'a>(doc: &'a serde_json::Value, key: &str) -> Option<&'a serde_json::Value> {
    match doc {
        serde_json::Value::Object(map) if map.contains_key(key) => Some(doc),
        serde_json::Value::Object(map) => map.values().find_map(|v| find(v, key)),
        serde_json::Value::Array(items) => items.iter().find_map(|v| find(v, key)),
        _ => None,
    }
}

//! A cut-off or still-growing video: the frames that were read are judged, and the text,
//! the JSON (`warning`), `eval` and the live app say "read X s of Y s: the file ends
//! early". The clips are cut at test time from `tests/data/video`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use backcoach::analysis::AnalysisReport;
use backcoach::pipeline::{PipelineOptions, SourceSpec, WorkerStatus};

/// The 3-s test clip (90 frames, 30 frames/s).
fn source_clip() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/video/sports2d_several_people_3s_640.mp4")
}

fn backcoach() -> Command {
    Command::new(env!("CARGO_BIN_EXE_backcoach"))
}

/// The test clip remuxed (no re-encoding) into `name` with extra ffmpeg output options.
fn remux(dir: &Path, name: &str, options: &[&str]) -> PathBuf {
    let out = dir.join(name);
    let status = Command::new("ffmpeg")
        .args(["-v", "error", "-y", "-i"])
        .arg(source_clip())
        .args(["-c", "copy"])
        .args(options)
        .arg(&out)
        .status()
        .expect("ffmpeg runs");
    assert!(status.success(), "ffmpeg made {name}");
    out
}

/// The first `fraction` of a file's bytes, as a copy that did not finish would have them.
fn cut(file: &Path, fraction: f64) -> PathBuf {
    let bytes = std::fs::read(file).expect("read");
    let keep = (bytes.len() as f64 * fraction) as usize;
    let name = format!(
        "cut_{}",
        file.file_name().and_then(|n| n.to_str()).expect("name")
    );
    let out = file.with_file_name(name);
    std::fs::write(&out, &bytes[..keep]).expect("write");
    out
}

fn analyze(file: &Path, json: bool) -> (String, String) {
    let mut cmd = backcoach();
    cmd.args(["analyze", "--exercise", "knee-bend", "--lang", "en"]);
    if json {
        cmd.arg("--json");
    }
    let out = cmd.arg(file).output().expect("runs");
    assert!(
        out.status.success(),
        "analyze failed on {}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// "read X s of 3.0 s: the file ends early", with X < 3.0.
fn says_ends_early(text: &str) -> bool {
    text.contains(" s of 3.0 s: the file ends early")
}

/// A faststart MP4 (index first, as phones write them once done), a Matroska file and a
/// fragmented MP4 (as a recording still being written): half of each is judged, and
/// every output says the file ends early.
#[test]
fn a_cut_off_video_says_how_much_was_read() {
    let dir = tempfile::tempdir().expect("tmp");
    let files = [
        remux(dir.path(), "phone.mp4", &["-movflags", "+faststart"]),
        remux(dir.path(), "camera.mkv", &[]),
        remux(
            dir.path(),
            "growing.mp4",
            &["-movflags", "frag_keyframe+empty_moov"],
        ),
    ];
    for whole in &files {
        // The whole file: no warning.
        let (text, _) = analyze(whole, false);
        assert!(!text.contains("warning"), "{}: {text}", whole.display());

        let cut = cut(whole, 0.5);
        let (text, stderr) = analyze(&cut, false);
        assert!(says_ends_early(&text), "{}: {text}", cut.display());
        assert!(says_ends_early(&stderr), "{stderr}");
        let (json, _) = analyze(&cut, true);
        let report: AnalysisReport = serde_json::from_str(&json).expect("typed report");
        let warning = report.warning.expect("a warning in the JSON");
        assert!(says_ends_early(&warning), "{warning}");
        // What was read is kept: the frames before the cut are judged.
        assert!(report.frames >= 5, "{} frames", report.frames);
        assert!(report.duration_secs < 2.0, "{} s", report.duration_secs);
    }
}

/// `eval`: the recording's row carries the warning, in the JSON and in the table.
#[test]
fn eval_says_a_recording_ends_early() {
    let dir = tempfile::tempdir().expect("tmp");
    let whole = remux(dir.path(), "phone.mp4", &["-movflags", "+faststart"]);
    let cut = cut(&whole, 0.5);
    let manifest = dir.path().join("labels.json");
    let list = serde_json::json!([
        {"file": cut.file_name().and_then(|n| n.to_str()), "movement": "NEGATIVE: standing", "negative": true},
    ]);
    std::fs::write(&manifest, list.to_string()).expect("manifest");
    for json in [true, false] {
        let mut cmd = backcoach();
        cmd.arg("eval");
        if json {
            cmd.arg("--json");
        }
        let out = cmd.arg(&manifest).output().expect("runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        if json {
            let doc: serde_json::Value = serde_json::from_str(&stdout).expect("json");
            let warning = doc["recordings"][0]["warning"].as_str().unwrap_or_default();
            assert!(says_ends_early(warning), "{doc}");
        } else {
            assert!(says_ends_early(&stdout), "{stdout}");
        }
    }
}

/// The live app with the cut file as its camera: the worker delivers the frames it read,
/// then ends early, with the seconds read and promised for the notice.
#[test]
fn the_live_worker_ends_early_on_a_cut_file() {
    let dir = tempfile::tempdir().expect("tmp");
    let whole = remux(dir.path(), "phone.mp4", &["-movflags", "+faststart"]);
    let cut = cut(&whole, 0.5);
    let worker = backcoach::pipeline::LiveWorker::spawn(
        SourceSpec::Video(cut),
        PipelineOptions {
            every_frame: true,
            ..PipelineOptions::default()
        },
    )
    .expect("worker");
    let started = Instant::now();
    let mut poses = 0;
    while !worker.status().has_ended() {
        poses += worker.take_poses().len();
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{:?}",
            worker.status()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    poses += worker.take_poses().len();
    assert!(poses >= 5, "{poses} poses delivered");
    match worker.status() {
        WorkerStatus::EndedEarly {
            message,
            read_of_promised_secs: Some((read, promised)),
        } => {
            assert!(says_ends_early(&message), "{message}");
            assert!(
                read < 2.0 && (promised - 3.0).abs() < 0.1,
                "{read} {promised}"
            );
        }
        other => panic!("{other:?}"),
    }
}

/// A file damaged mid-stream (20 KB zeroed in the middle, as a bad sector or a broken
/// download leaves it): decoder errors and frames missing say "truncated after N frames";
/// the frames decoded are judged.
#[test]
fn a_video_damaged_mid_stream_says_it_is_truncated() {
    let dir = tempfile::tempdir().expect("tmp");
    let whole = remux(dir.path(), "phone.mp4", &["-movflags", "+faststart"]);
    let mut bytes = std::fs::read(&whole).expect("read");
    let middle = bytes.len() / 2;
    bytes[middle..middle + 20_000].fill(0);
    let damaged = dir.path().join("damaged.mp4");
    std::fs::write(&damaged, &bytes).expect("write");
    let (json, _) = analyze(&damaged, true);
    let report: AnalysisReport = serde_json::from_str(&json).expect("typed report");
    let warning = report.warning.expect("a warning in the JSON");
    assert!(
        warning.contains("the video is truncated after"),
        "{warning}"
    );
    assert!(report.frames >= 10, "{} frames judged", report.frames);
}

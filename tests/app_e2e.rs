//! End to end: the real binary under Xvfb with a pose track and with a video as the
//! camera, the session (and its reps) found in the SQLite history afterwards; and a run
//! killed with SIGKILL mid-session whose completed reps are still there.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use backcoach::history::{History, SessionStatus, SessionSummary};

/// Seconds of still standing put before the recorded squats, so the stance gate can pass.
const LEAD_IN_SECS: f64 = 3.0;
/// Frame rate of the lead-in frames.
const LEAD_IN_FPS: f64 = 30.0;

/// `true` (and says so) when `xvfb-run` is not installed: the test is then skipped.
fn xvfb_missing() -> bool {
    let found = Command::new("sh")
        .args(["-c", "command -v xvfb-run"])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        eprintln!("skipped: xvfb-run is not installed (apt-get install xvfb)");
    }
    !found
}

/// The CMU squats track (2 real squats) with a still lead-in, as a knee-bend session.
fn knee_bend_track(dir: &Path) -> PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/posetracks/cmu_13_29_squats_front.jsonl");
    let text = std::fs::read_to_string(src).unwrap();
    let frames: Vec<serde_json::Value> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut out = String::new();
    let lead = (LEAD_IN_SECS * LEAD_IN_FPS) as usize;
    for i in 0..lead {
        let mut f = frames[0].clone();
        f["t_secs"] = serde_json::json!(i as f64 / LEAD_IN_FPS);
        out.push_str(&f.to_string());
        out.push('\n');
    }
    for f in &frames {
        let mut f = f.clone();
        let t = f["t_secs"].as_f64().unwrap() + LEAD_IN_SECS;
        f["t_secs"] = serde_json::json!(t);
        out.push_str(&f.to_string());
        out.push('\n');
    }
    let path = dir.join("knee-bend.jsonl");
    std::fs::write(&path, out).unwrap();
    path
}

fn app_command(source: &Path, data: &Path, exit_after: u32, shot: Option<&Path>) -> Vec<String> {
    let mut args = vec![
        env!("CARGO_BIN_EXE_backcoach").to_owned(),
        "--source".into(),
        source.display().to_string(),
        "--exercise".into(),
        "knee-bend".into(),
        "--data-dir".into(),
        data.display().to_string(),
        "--exit-after".into(),
        exit_after.to_string(),
        // The machine's shared Speech Dispatcher hangs with no sound card: the voice is
        // checked through --voice-log, the engine in tests/voice_engine.rs.
        "--silent".into(),
    ];
    if let Some(shot) = shot {
        args.push("--screenshot".into());
        args.push(shot.display().to_string());
    }
    args
}

/// The window size asked for by the app (and the Xvfb screen it runs on).
const WINDOW_SIZE_PX: [u32; 2] = [1280, 800];

/// `xvfb-run`'s server argument for a screen of [`WINDOW_SIZE_PX`].
fn xvfb_screen() -> String {
    format!("-screen 0 {}x{}x24", WINDOW_SIZE_PX[0], WINDOW_SIZE_PX[1])
}

/// Runs the app under Xvfb on `source` until `--exit-after`, asserts it exited cleanly
/// (showing its stderr if not) and returns the screenshot it took.
fn run_app(source: &Path, data: &Path, exit_after: u32, shot: &Path) -> image::DynamicImage {
    run_app_with(source, data, exit_after, shot, &[])
}

/// [`run_app`] with more arguments.
fn run_app_with(
    source: &Path,
    data: &Path,
    exit_after: u32,
    shot: &Path,
    extra: &[String],
) -> image::DynamicImage {
    let output = Command::new("xvfb-run")
        .args(["-a", "-s", &xvfb_screen()])
        .args(app_command(source, data, exit_after, Some(shot)))
        .args(extra)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "exit {:?}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    image::open(shot).unwrap()
}

/// The history's only session, which must be a knee-bend plan.
fn the_knee_bend_session(history: &History) -> SessionSummary {
    let mut sessions = history.sessions().unwrap();
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].plan[0].exercise_id, "knee-bend");
    sessions.remove(0)
}

#[test]
fn a_session_from_a_pose_track_saves_its_reps_and_a_screenshot() {
    if xvfb_missing() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let track = knee_bend_track(dir.path());
    let data = dir.path().join("data");
    let png = run_app(&track, &data, 13, &dir.path().join("shot.png"));
    assert!(
        png.width() >= 800 && png.height() >= 600,
        "{}x{}",
        png.width(),
        png.height()
    );

    let history = History::open(&data).unwrap();
    the_knee_bend_session(&history);
    let reps = history.reps(None).unwrap();
    let counted: Vec<_> = reps.iter().filter(|r| !r.rep.partial).collect();
    assert_eq!(counted.len(), 2, "the track has two squats: {reps:#?}");
    assert!(counted.iter().all(|r| r.exercise_id == "knee-bend"));
}

/// Seconds the video run lasts: the model loads (debug build), the 1.7 s clip plays.
const VIDEO_RUN_SECS: u32 = 5;

#[test]
fn a_session_from_a_video_runs_the_model_and_is_saved() {
    if xvfb_missing() {
        return;
    }
    let video = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/video/pose2sim_single_person_cam01.mp4");
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let stats_path = dir.path().join("stats.json");
    let png = run_app_with(
        &video,
        &data,
        VIDEO_RUN_SECS,
        &dir.path().join("shot.png"),
        &["--stats".into(), stats_path.display().to_string()],
    );
    assert_eq!([png.width(), png.height()], WINDOW_SIZE_PX);

    // What the live session judged, measured by the app itself (`--stats`).
    let stats: backcoach::stats::StatsReport =
        serde_json::from_str(&std::fs::read_to_string(&stats_path).unwrap()).unwrap();
    assert!(
        (1..=100).contains(&stats.frames_offered),
        "the clip has 100 frames: {stats:?}"
    );
    assert!(stats.frames_judged > 0, "{stats:?}");
    // Every offered frame was judged or dropped, but for the one or two in flight when
    // the window closed.
    let accounted = stats.frames_judged + stats.frames_dropped;
    assert!(
        accounted <= stats.frames_offered && stats.frames_offered - accounted <= 2,
        "{stats:?}"
    );
    assert_eq!(stats.frames_dropped, stats.dropped_at.values().sum::<u64>());
    for p in [stats.inference_ms, stats.latency_ms] {
        assert!(p.p50 > 0.0 && p.p50 <= p.p95, "{stats:?}");
    }
    assert!(
        stats.cpu_percent > 0.0 && stats.peak_rss_mb > 0.0,
        "{stats:?}"
    );
    assert_eq!(stats.model, "full");
    // A recording as the source is not a camera: the models are not timed at start, and
    // the automatic choice says so.
    let choice = stats
        .model_choice
        .expect("the model choice is in the stats");
    assert_eq!(
        (
            choice.preference.name(),
            choice.reason.code(),
            choice.model.name()
        ),
        ("auto", "not_timed", "full"),
        "{stats:?}"
    );
    assert!(stats.fps_painted > 0.0, "{stats:?}");

    // The clip is a person walking: the session is saved, no rep is counted.
    let history = History::open(&data).unwrap();
    assert_eq!(the_knee_bend_session(&history).reps, 0);
    assert!(history.reps(None).unwrap().is_empty());
}

#[test]
fn reps_survive_a_sigkill_mid_session() {
    if xvfb_missing() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let track = knee_bend_track(dir.path());
    let data = dir.path().join("data");
    let pid_file = dir.path().join("pid");
    // `exec` keeps the app's pid, so the kill hits the app itself, not the wrapper.
    let script = format!("echo $$ > '{}'; exec \"$@\"", pid_file.display());
    let mut child = Command::new("xvfb-run")
        .args(["-a", "-s", &xvfb_screen(), "sh", "-c", &script, "sh"])
        .args(app_command(&track, &data, 120, None))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut seen = 0;
    while started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(300));
        if let Ok(h) = History::open(&data) {
            seen = h.reps(None).map(|r| r.len()).unwrap_or(0);
            if seen >= 1 {
                break;
            }
        }
    }
    assert!(seen >= 1, "no rep was saved within 60 s");
    let pid = std::fs::read_to_string(&pid_file).unwrap();
    let status = Command::new("kill")
        .args(["-KILL", pid.trim()])
        .status()
        .unwrap();
    assert!(status.success());
    let _ = child.wait();

    let history = History::open(&data).unwrap();
    let reps = history.reps(None).unwrap();
    assert!(
        reps.len() >= seen,
        "{} reps after the kill, {seen} before",
        reps.len()
    );
    let sessions = history.sessions().unwrap();
    assert_eq!(
        sessions[0].status,
        SessionStatus::InProgress,
        "never closed"
    );
}

/// Seconds the app may run on a clip judged frame by frame (`--every-frame`): it closes
/// when the clip has been judged; this only bounds a run on a slow machine.
fn run_secs_for(video: &Path) -> u32 {
    let out = Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-show_entries",
            "format=duration",
            "-of",
            "csv=p=0",
        ])
        .arg(video)
        .output()
        .unwrap();
    let secs: f64 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    (secs * 4.0).ceil() as u32 + 30
}

/// Runs ffmpeg with `args` (after `-v error -y`) and asserts it succeeded.
fn ffmpeg(args: &[&str]) {
    let status = Command::new("ffmpeg")
        .args(["-v", "error", "-y"])
        .args(args)
        .status()
        .unwrap();
    assert!(status.success(), "ffmpeg {args:?}");
}

/// `backcoach analyze --json` on a recording.
fn analyze_json(video: &Path, exercise: &str) -> serde_json::Value {
    let analyzed = Command::new(env!("CARGO_BIN_EXE_backcoach"))
        .args(["analyze", "--exercise", exercise, "--json"])
        .arg(video)
        .output()
        .unwrap();
    assert!(
        analyzed.status.success(),
        "{}",
        String::from_utf8_lossy(&analyzed.stderr)
    );
    serde_json::from_slice(&analyzed.stdout).unwrap()
}

/// A recording the live session must judge exactly as `analyze` does.
struct Case {
    name: &'static str,
    clip: PathBuf,
    /// The labelled count range, for the recording as it is.
    labelled: (u64, u64),
    /// Several people in view (the two-person clips).
    crowded: bool,
}

#[test]
fn the_live_session_saves_exactly_what_analyze_counts() {
    if xvfb_missing() {
        return;
    }
    let Some(dir) = common::shared_data("real") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let path = |name: &str| tmp.path().join(name);
    let held = "tpad=start_mode=clone:start_duration=2";
    let src = |name: &str| dir.join(name).display().to_string();
    // Each dev squat video with the whole body in frame, its first frame held 2 s (a
    // person standing still before starting: the tracker's region converges on a still
    // picture, which must never count as a rep); and two dev clips side by side (two
    // people exercising: nothing may be counted while both are in view).
    for name in [
        "postopcv_squats_front_overlay.mp4",
        "jump_squats_side_portrait.mp4",
    ] {
        ffmpeg(&[
            "-i",
            &src(name),
            "-vf",
            held,
            "-an",
            path(&format!("held_{name}")).to_str().unwrap(),
        ]);
    }
    ffmpeg(&[
        "-i",
        &src("seeed_squats_side.mp4"),
        "-i",
        &src("postopcv_squats_front_overlay.mp4"),
        "-filter_complex",
        "[0:v]scale=-2:480,fps=20[a];[1:v]scale=-2:480,fps=20[b];[a][b]hstack=inputs=2,scale=trunc(iw/2)*2:trunc(ih/2)*2",
        "-t",
        "10.7",
        "-an",
        path("two_squats.mp4").to_str().unwrap(),
    ]);
    let cases = [
        Case {
            name: "postopcv_squats_front_overlay.mp4, first frame held 2 s",
            clip: path("held_postopcv_squats_front_overlay.mp4"),
            labelled: (4, 4),
            crowded: false,
        },
        Case {
            name: "jump_squats_side_portrait.mp4, first frame held 2 s",
            clip: path("held_jump_squats_side_portrait.mp4"),
            labelled: (5, 6),
            crowded: false,
        },
        Case {
            name: "two dev squat clips side by side",
            clip: path("two_squats.mp4"),
            labelled: (0, 0),
            crowded: true,
        },
    ];
    for case in &cases {
        let name = case.name;
        let report = analyze_json(&case.clip, "knee-bend");
        let want = report["reps"].as_u64().unwrap();
        assert!(
            (case.labelled.0..=case.labelled.1).contains(&want),
            "{name}: analyze counts {want}, labelled {:?}",
            case.labelled
        );
        let spans = report["several_people"].as_array().unwrap().len();
        assert_eq!(spans > 0, case.crowded, "{name}: {report}");

        let data = tmp
            .path()
            .join(format!("data-{}", case.clip.display()).replace('/', "_"));
        let voice_log = data.with_extension("voice.jsonl");
        run_app_with(
            &case.clip,
            &data,
            run_secs_for(&case.clip),
            &data.with_extension("png"),
            &[
                "--every-frame".into(),
                "--voice-log".into(),
                voice_log.display().to_string(),
            ],
        );
        let history = History::open(&data).unwrap();
        let reps = history.reps(None).unwrap_or_default();
        let counted = reps.iter().filter(|r| !r.rep.partial).count() as u64;
        assert_eq!(
            counted, want,
            "{name}: the app saved {counted}, analyze counts {want}"
        );
        // The voice said every saved rep's count, in order; and the several-people pause
        // once per pause, never more often than analyze saw pauses.
        let said: Vec<serde_json::Value> = std::fs::read_to_string(&voice_log)
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let counts: Vec<&serde_json::Value> =
            said.iter().filter(|u| u["kind"] == "count").collect();
        assert_eq!(counts.len() as u64, counted, "{name}: said {said:#?}");
        for (i, u) in counts.iter().enumerate() {
            let text = u["text"].as_str().unwrap();
            assert!(text.starts_with(&(i + 1).to_string()), "{name}: {u}");
        }
        let paused = said
            .iter()
            .filter(|u| {
                u["text"]
                    .as_str()
                    .is_some_and(|t| t.contains("people in view: counting paused"))
            })
            .count();
        if case.crowded {
            assert!(
                (1..=spans).contains(&paused),
                "{name}: {paused} pause announcements for {spans} spans: {said:#?}"
            );
        } else {
            assert_eq!(paused, 0, "{name}: {said:#?}");
        }
        for kind in ["gate", "rest", "summary", "count", "tempo", "cue", "pain"] {
            let n = said.iter().filter(|u| u["kind"] == kind).count();
            eprintln!("{name}: {n} {kind} utterances");
        }
    }
}

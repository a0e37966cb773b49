//! SIGTERM and SIGINT mid-set: the real binary under Xvfb closes the set, saves the
//! session as interrupted, keeps every rep counted so far and exits cleanly. (SIGKILL,
//! which cannot be handled, is in tests/app_e2e.rs: the reps stay, the session stays open.)

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use backcoach::history::{History, SessionStatus};

/// Seconds of standing still before the squats, so the stance gate can pass.
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

/// The CMU squats track with a still lead-in, played twice over (so the set is still
/// running when the signal comes).
fn knee_bend_track(dir: &Path) -> PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/posetracks/cmu_13_29_squats_front.jsonl");
    let text = std::fs::read_to_string(src).expect("track");
    let frames: Vec<serde_json::Value> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    let span = frames
        .last()
        .and_then(|f| f["t_secs"].as_f64())
        .expect("t_secs")
        + 1.0 / LEAD_IN_FPS;
    let mut out = String::new();
    let lead = (LEAD_IN_SECS * LEAD_IN_FPS) as usize;
    for i in 0..lead {
        let mut f = frames[0].clone();
        f["t_secs"] = serde_json::json!(i as f64 / LEAD_IN_FPS);
        out.push_str(&f.to_string());
        out.push('\n');
    }
    for round in 0..4 {
        for f in &frames {
            let mut f = f.clone();
            let t = f["t_secs"].as_f64().expect("t") + LEAD_IN_SECS + f64::from(round) * span;
            f["t_secs"] = serde_json::json!(t);
            out.push_str(&f.to_string());
            out.push('\n');
        }
    }
    let path = dir.join("knee-bend.jsonl");
    std::fs::write(&path, out).expect("write");
    path
}

/// Runs the app on the track, waits for a saved rep, sends `signal`, and checks what was
/// kept.
fn stop_with(signal: &str) {
    let dir = tempfile::tempdir().expect("tmp");
    let track = knee_bend_track(dir.path());
    let data = dir.path().join("data");
    let pid_file = dir.path().join("pid");
    // `exec` keeps the app's pid, so the signal reaches the app itself, not the wrapper.
    let script = format!("echo $$ > '{}'; exec \"$@\"", pid_file.display());
    let child = Command::new("xvfb-run")
        .args([
            "-a",
            "-s",
            "-screen 0 1280x800x24",
            "sh",
            "-c",
            &script,
            "sh",
        ])
        .arg(env!("CARGO_BIN_EXE_backcoach"))
        .arg("--source")
        .arg(&track)
        .args(["--exercise", "knee-bend", "--silent", "--exit-after", "120"])
        .arg("--data-dir")
        .arg(&data)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("xvfb-run");
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
    let pid = std::fs::read_to_string(&pid_file).expect("pid");
    let sent = Command::new("kill")
        .args([&format!("-{signal}"), pid.trim()])
        .status()
        .expect("kill");
    assert!(sent.success());
    let output = exit_within_20_s(child, signal);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{:?}: {stderr}", output.status);
    assert!(
        stderr.contains(&format!("stopped by SIG{signal}")),
        "{stderr}"
    );

    let history = History::open(&data).expect("history");
    let reps = history.reps(None).expect("reps").len();
    assert!(reps >= seen, "{reps} reps after {signal}, {seen} before");
    let sessions = history.sessions().expect("sessions");
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].status, SessionStatus::Interrupted);
    assert!(
        sessions[0].ended_unix_secs.is_some(),
        "the session is closed"
    );
}

/// The app's output once it has exited, at most 20 s after `signal` (killed and failed
/// otherwise, so a hang never blocks CI).
fn exit_within_20_s(mut child: std::process::Child, signal: &str) -> std::process::Output {
    let signalled = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if signalled.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("still running 20 s after SIG{signal}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn sigterm_mid_set_keeps_the_reps_and_marks_the_session_interrupted() {
    if xvfb_missing() {
        return;
    }
    stop_with("TERM");
}

#[test]
fn sigint_mid_set_keeps_the_reps_and_marks_the_session_interrupted() {
    if xvfb_missing() {
        return;
    }
    stop_with("INT");
}

fn sitting_secs(data: &Path) -> Option<f64> {
    let h = History::open(data).ok()?;
    h.work_days().ok()?.last().map(|d| d.figures.sitting_secs)
}

/// Work mode, SIGTERM between two of its 10-s saves: the day's figures are saved up to the
/// signal, not up to the last save.
#[test]
fn sigterm_in_work_mode_saves_the_day_up_to_the_signal() {
    if xvfb_missing() {
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    let track = super::common::sitting_track(dir.path(), "seated.jsonl", 120.0, 10.0);
    let data = dir.path().join("data");
    let pid_file = dir.path().join("pid");
    let script = format!("echo $$ > '{}'; exec \"$@\"", pid_file.display());
    let child = Command::new("xvfb-run")
        .args([
            "-a",
            "-s",
            "-screen 0 1280x800x24",
            "sh",
            "-c",
            &script,
            "sh",
        ])
        .arg(env!("CARGO_BIN_EXE_backcoach"))
        .arg("--source")
        .arg(&track)
        .args(["--work", "--silent", "--exit-after", "120"])
        .arg("--data-dir")
        .arg(&data)
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("xvfb-run");
    // Wait for a save with some sitting in it, then for the moment it changes (a periodic
    // save), then signal 5 s later: half-way to the next save.
    let started = Instant::now();
    let mut last = None;
    let saved_at = loop {
        std::thread::sleep(Duration::from_millis(200));
        let now = sitting_secs(&data).filter(|s| *s > 0.0);
        if last.is_some() && now != last {
            break now.expect("a save");
        }
        last = last.or(now);
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no periodic save within 60 s"
        );
    };
    std::thread::sleep(Duration::from_secs(5));
    let pid = std::fs::read_to_string(&pid_file).expect("pid");
    let sent = Command::new("kill")
        .args(["-TERM", pid.trim()])
        .status()
        .expect("kill");
    assert!(sent.success());
    let output = exit_within_20_s(child, "TERM");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{:?}: {stderr}", output.status);
    let final_secs = sitting_secs(&data).expect("figures");
    assert!(
        final_secs >= saved_at + 3.0,
        "{final_secs} s of sitting saved at the signal, {saved_at} s at the save 5 s before"
    );
}

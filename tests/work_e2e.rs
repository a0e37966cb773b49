//! Work mode in the window, under Xvfb: on a real video of a person sitting (the shared
//! development clip, read in place) and on a seated pose track (always available), the
//! screen shows the state and the sitting timer, the break reminder is sent (logged, as no
//! notification service runs here) and the day is saved in the history.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use backcoach::history::History;
use backcoach::work::NotificationLogLine;

fn xvfb_missing() -> bool {
    let found = Command::new("sh")
        .args(["-c", "command -v xvfb-run"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "xvfb-run is missing under CI"
        );
        eprintln!("skipped: xvfb-run is not installed (apt-get install xvfb)");
    }
    !found
}

/// A minute seated, at 10 frames/s.
fn seated_track(dir: &Path) -> PathBuf {
    common::sitting_track(dir, "seated.jsonl", 60.0, 10.0)
}

/// Runs `backcoach --work` on `source` for `secs` with a 6 s sitting limit; returns the
/// screenshot, the notification log and the history folder.
fn run_work(source: &Path, dir: &Path, secs: u32) -> (image::RgbaImage, Vec<NotificationLogLine>) {
    let shot = dir.join("work.png");
    let log = dir.join("notify.jsonl");
    let data = dir.join("data");
    let out = Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1280x800x24"])
        .arg(env!("CARGO_BIN_EXE_backcoach"))
        .arg("--source")
        .arg(source)
        .args(["--work", "--work-limit-mins", "0.1", "--lang", "en"])
        .arg("--data-dir")
        .arg(&data)
        .arg("--notify-log")
        .arg(&log)
        .args([
            "--silent",
            "--exit-after",
            &secs.to_string(),
            "--screenshot",
        ])
        .arg(&shot)
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .output()
        .expect("xvfb-run runs");
    assert!(
        out.status.success(),
        "exit {:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let img = image::open(&shot).expect("screenshot").to_rgba8();
    let lines = std::fs::read_to_string(&log)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    let h = History::open(&data).expect("history");
    let days = h.work_days().expect("work days");
    let day = days.last().expect("the day is saved");
    assert!(day.figures.sitting_secs > 5.0, "{:?}", day.figures);
    assert!(day.figures.break_reminders >= 1, "{:?}", day.figures);
    (img, lines)
}

/// Pixels of the accent colour below the top bar (whose title is accent too): the
/// state's big word.
fn accent_pixels(img: &image::RgbaImage) -> usize {
    img.enumerate_pixels()
        .filter(|(_, y, p)| (115..400).contains(y) && p[0] > 200 && p[1] > 160 && p[2] < 80)
        .count()
}

fn check(img: &image::RgbaImage, lines: &[NotificationLogLine]) {
    let first = lines.first().expect("the break reminder was sent");
    assert_eq!(first.notification.kind, "break_reminder");
    assert_eq!(first.notification.title, "Time to stand up");
    // "Sitting" in large accent letters and the blue "Time to stand up" card.
    assert!(
        accent_pixels(img) > 2_000,
        "{} accent pixels",
        accent_pixels(img)
    );
    let blue = img
        .pixels()
        .filter(|p| p[0] < 10 && (60..80).contains(&p[1]) && (130..150).contains(&p[2]))
        .count();
    assert!(blue > 20_000, "{blue} pixels of the reminder card");
}

#[test]
fn work_mode_on_a_seated_track_shows_sitting_and_reminds() {
    if xvfb_missing() {
        return;
    }
    let tmp = tempfile::tempdir().expect("tmp");
    let track = seated_track(tmp.path());
    let (img, lines) = run_work(&track, tmp.path(), 14);
    check(&img, &lines);
}

#[test]
fn work_mode_on_a_real_sitting_video() {
    if xvfb_missing() {
        return;
    }
    let Some(dir) = common::shared_data("sitting") else {
        return;
    };
    let video = dir.join("physio_sitting_posture_demo_side.mp4");
    let tmp = tempfile::tempdir().expect("tmp");
    let (img, lines) = run_work(&video, tmp.path(), 20);
    img.save(tmp.path().join("kept.png")).ok();
    check(&img, &lines);
}

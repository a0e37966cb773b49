//! The day's figures in the history: saved, continued after a restart, kept after a
//! SIGKILL; `backcoach work --json` parsed back; notifications logged where no
//! notification service runs.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{sitting_pose, sitting_track};
use backcoach::history::History;
use backcoach::pose::PoseFrame;
use backcoach::work::{
    DayFigures, NotificationLogLine, PostureState, WorkReport, WorkSettings, WorkSink,
};

fn today_figures(data: &Path) -> Option<DayFigures> {
    let h = History::open(data).ok()?;
    h.work_days().ok()?.last().map(|d| d.figures.clone())
}

fn work_cmd(track: &Path, data: &Path, extra: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_backcoach"));
    c.args(["work", "--no-desktop-notify", "--json", "--source"])
        .arg(track)
        .arg("--data-dir")
        .arg(data)
        .args(extra);
    c
}

#[test]
fn figures_round_trip_and_a_restart_continues_the_day() {
    let tmp = tempfile::tempdir().expect("tmp");
    let figures = DayFigures {
        sitting_secs: 1200.0,
        longest_sitting_bout_secs: 900.0,
        breaks_taken: 2,
        reminders_ignored: 1,
        ..DayFigures::default()
    };
    {
        let mut h = History::open(tmp.path()).expect("open");
        h.save_work_day(20_000, &figures, 1.7e9).expect("save");
        h.save_work_day(20_001, &DayFigures::default(), 1.7e9 + 86_400.0)
            .expect("save");
    }
    let h = History::open(tmp.path()).expect("reopen");
    assert_eq!(h.work_day(20_000).expect("read"), Some(figures.clone()));
    assert_eq!(h.work_day(19_999).expect("read"), None);
    assert_eq!(h.work_days().expect("list").len(), 2);
    // The restarted day counts on from the saved figures.
    let mut sink = WorkSink::resume(WorkSettings::default(), figures, None);
    for i in 0..121 {
        sink.push(&PoseFrame {
            t_secs: f64::from(i),
            image_size: [1280, 720],
            pose: Some(sitting_pose()),
            people_detected: None,
            brightness: None,
        });
    }
    let r = sink.into_report();
    assert!(
        (r.figures.sitting_secs - 1320.0).abs() < 1.5,
        "{:?}",
        r.figures
    );
    assert_eq!(r.figures.breaks_taken, 2);
}

#[test]
fn the_cli_saves_the_day_and_a_second_run_adds_to_it() {
    let tmp = tempfile::tempdir().expect("tmp");
    let track = sitting_track(tmp.path(), "sit.jsonl", 120.0, 2.0);
    let data = tmp.path().join("data");
    let out = work_cmd(&track, &data, &[]).output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: WorkReport = serde_json::from_slice(&out.stdout).expect("JSON report");
    assert_eq!(report.segments.len(), 1, "{report:?}");
    assert_eq!(report.segments[0].state, PostureState::Sitting);
    assert_eq!(report.segments[0].start_secs, 0.0);
    let first = today_figures(&data).expect("saved");
    assert!((first.sitting_secs - 119.0).abs() < 1.5, "{first:?}");
    let out = work_cmd(&track, &data, &[]).output().expect("runs again");
    assert!(out.status.success());
    let second = today_figures(&data).expect("saved");
    assert!(
        (second.sitting_secs - 2.0 * first.sitting_secs).abs() < 1.5,
        "{second:?}"
    );
}

#[test]
fn the_figures_survive_a_sigkill() {
    let tmp = tempfile::tempdir().expect("tmp");
    // Ten minutes of sitting, played in real time: it is killed long before the end.
    let track = sitting_track(tmp.path(), "long.jsonl", 600.0, 2.0);
    let data = tmp.path().join("data");
    let stderr_path = tmp.path().join("stderr.txt");
    let mut child = work_cmd(&track, &data, &["--realtime", "--save-every-secs", "1"])
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&stderr_path).expect("stderr file"))
        .spawn()
        .expect("starts");
    // Wait until a save with some sitting time is in the file (or give up after 180 s: in
    // CI this binary's tests share 2 cores with the model-running real-clip tests, and a
    // save once took over 60 s to appear).
    let started = Instant::now();
    let saved = loop {
        if let Some(f) = today_figures(&data)
            && f.sitting_secs >= 2.0
        {
            break Some(f);
        }
        if started.elapsed() > Duration::from_secs(180)
            || child.try_wait().expect("polls").is_some()
        {
            break None;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    // SIGKILL, as `kill -9` would send (and nothing if it already ended by itself).
    child.kill().expect("kill runs");
    let exit = child.wait().expect("reaped");
    assert!(!exit.success(), "killed, not finished: {exit:?}");
    let saved = saved.unwrap_or_else(|| {
        panic!(
            "no save before the kill (exit {exit:?}); stderr: {}",
            std::fs::read_to_string(&stderr_path).unwrap_or_default()
        )
    });
    let after = today_figures(&data).expect("the day is still in the history");
    assert!(
        after.sitting_secs >= saved.sitting_secs,
        "{after:?} vs {saved:?}"
    );
    // The next run continues from what the kill left.
    let short = sitting_track(tmp.path(), "short.jsonl", 30.0, 2.0);
    let out = work_cmd(&short, &data, &[]).output().expect("runs");
    assert!(out.status.success());
    let next = today_figures(&data).expect("saved");
    assert!(
        (next.sitting_secs - after.sitting_secs - 29.5).abs() < 1.5,
        "{next:?} after {after:?}"
    );
}

#[test]
fn a_break_reminder_is_logged_where_no_notification_service_runs() {
    let tmp = tempfile::tempdir().expect("tmp");
    // Three minutes seated with a one-minute limit.
    let track = sitting_track(tmp.path(), "sit.jsonl", 180.0, 1.0);
    let log = tmp.path().join("notify.jsonl");
    let out = Command::new(env!("CARGO_BIN_EXE_backcoach"))
        .args(["work", "--json", "--limit-mins", "1", "--source"])
        .arg(&track)
        .arg("--notify-log")
        .arg(&log)
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: WorkReport = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(report.figures.break_reminders >= 1, "{:?}", report.figures);
    let lines: Vec<NotificationLogLine> = std::fs::read_to_string(&log)
        .expect("the log exists")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    let first = lines.first().expect("one notification at least");
    assert_eq!(first.notification.kind, "break_reminder");
    assert_eq!(first.notification.title, "Time to stand up");
    assert!((first.notification.t_secs - 60.0).abs() < 1.01, "{first:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("Time to stand up"));
}

//! `backcoach remind`: when it nudges and with what words (`--dry-run --now --json`), and
//! its installation as a systemd user timer or an XDG autostart entry into a temporary
//! config folder.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;

use backcoach::history::{History, PainReport, PlannedExercise, SessionStatus};
use backcoach::remind::{Decision, Schedule, secs_until_next};

/// Unix seconds of a UTC date-time (the tests run the binary with `TZ=UTC`).
fn unix(text: &str) -> f64 {
    chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
        .unwrap()
        .and_utc()
        .timestamp() as f64
}

/// The binary's stdout; it must succeed (else its stderr is shown).
fn stdout_of(cmd: &mut Command) -> Vec<u8> {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn remind(data: &Path, now: &str, lang: &str) -> Decision {
    let out = stdout_of(
        Command::new(env!("CARGO_BIN_EXE_backcoach"))
            .args([
                "remind",
                "--dry-run",
                "--json",
                "--now",
                now,
                "--lang",
                lang,
            ])
            .arg("--data-dir")
            .arg(data)
            .env("TZ", "UTC"),
    );
    serde_json::from_slice(&out).unwrap()
}

fn session(h: &mut History, start: &str, status: SessionStatus) {
    let plan = [PlannedExercise {
        exercise_id: "knee-bend".into(),
        sets: 2,
        reps: 5,
    }];
    let id = h.start_session(unix(start), &plan).unwrap();
    h.end_session(id, status, unix(start) + 600.0).unwrap();
}

#[test]
fn it_nudges_only_when_the_day_is_not_done() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // A new user (no history): today's plan, with its size; nothing is created.
    let d = remind(&data, "2026-12-03T18:00:00", "en");
    assert!(d.notify, "{d:?}");
    assert_eq!(d.reason, "routine");
    assert_eq!(d.title, "Your back exercises");
    assert!(d.exercises >= 1 && d.minutes >= 1, "{d:?}");
    assert_eq!(
        d.body,
        format!("{} exercises, about {} minutes", d.exercises, d.minutes)
    );
    assert!(!data.exists(), "a reminder never creates a history");
    // Its button opens the coach on today's plan.
    assert_eq!(d.action.as_deref(), Some("Start today's exercises"));
    let da = remind(&data, "2026-12-03T18:00:00", "da");
    assert_eq!(da.title, "Dine rygøvelser");
    assert_eq!(da.action.as_deref(), Some("Start dagens øvelser"));
    assert!(da.body.contains("øvelser, cirka"), "{da:?}");

    // Done this morning: no reminder today; tomorrow again.
    let mut h = History::open(&data).unwrap();
    session(&mut h, "2026-12-03T08:00", SessionStatus::Completed);
    assert_eq!(
        remind(&data, "2026-12-03T18:00:00", "en").reason,
        "done_today"
    );
    assert!(!remind(&data, "2026-12-03T18:00:00", "en").notify);
    assert!(remind(&data, "2026-12-04T18:00:00", "en").notify);
    // A session ended early is not a done day.
    session(&mut h, "2026-12-05T08:00", SessionStatus::EndedEarly);
    assert_eq!(remind(&data, "2026-12-05T18:00:00", "en").reason, "routine");
}

#[test]
fn after_pain_it_never_asks_for_exercise() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut h = History::open(&data).unwrap();
    // A pain stop this morning: the evening says see your doctor, not exercise.
    session(&mut h, "2026-12-03T08:00", SessionStatus::StoppedForPain);
    let d = remind(&data, "2026-12-03T18:00:00", "en");
    assert!(d.notify);
    assert_eq!(d.reason, "see_doctor");
    assert_eq!(
        d.body,
        "See your doctor or therapist before you exercise again."
    );
    assert_eq!(d.action, None, "no button to start exercising after pain");
    let da = remind(&data, "2026-12-03T18:00:00", "da");
    assert_eq!(
        da.body,
        "Tal med din læge eller fysioterapeut, før du træner igen."
    );
    // Two days later (past 36 hours) the routine is back.
    assert_eq!(remind(&data, "2026-12-05T18:00:00", "en").reason, "routine");

    // The 36-hour advice: the same pain for more than 36 hours.
    for t in ["2026-12-10T08:00", "2026-12-11T08:00", "2026-12-11T21:00"] {
        h.add_pain_report(&PainReport {
            reported_unix_secs: unix(t),
            intensity: Some(5),
            location: "lower back".into(),
            session_id: None,
            exercise_id: None,
        })
        .unwrap();
    }
    assert_eq!(
        remind(&data, "2026-12-11T22:00:00", "en").reason,
        "see_doctor"
    );
}

#[test]
fn install_writes_a_timer_or_an_autostart_entry_and_uninstall_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    let run = |args: &[&str]| {
        let out = stdout_of(
            Command::new(env!("CARGO_BIN_EXE_backcoach"))
                .arg("remind")
                .args(args)
                .env("XDG_CONFIG_HOME", &config),
        );
        String::from_utf8_lossy(&out).into_owned()
    };
    assert!(run(&["--status"]).contains("not installed"));

    run(&[
        "--install",
        "--scheduler",
        "systemd",
        "--at",
        "07:30",
        "--days",
        "mon,wed,fri",
    ]);
    let timer =
        std::fs::read_to_string(config.join("systemd/user/backcoach-remind.timer")).unwrap();
    assert!(
        timer.contains("OnCalendar=Mon,Wed,Fri *-*-* 07:30:00"),
        "{timer}"
    );
    assert!(timer.contains("WantedBy=timers.target"));
    let service =
        std::fs::read_to_string(config.join("systemd/user/backcoach-remind.service")).unwrap();
    assert!(
        service.contains(&format!(
            "ExecStart=\"{}\" remind",
            env!("CARGO_BIN_EXE_backcoach")
        )),
        "{service}"
    );
    assert!(run(&["--status"]).contains("systemd user timer"));
    // systemd's own checks, where it is installed: the calendar expression parses and
    // the units have no unknown or bad keys.
    if let Ok(out) = Command::new("systemd-analyze")
        .args(["calendar", "Mon,Wed,Fri *-*-* 07:30:00"])
        .output()
    {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let out = Command::new("systemd-analyze")
            .arg("verify")
            .arg(config.join("systemd/user/backcoach-remind.timer"))
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(
            !said.contains("backcoach-remind"),
            "systemd-analyze: {said}"
        );
    }

    // Reinstalling as autostart replaces the timer.
    run(&["--install", "--scheduler", "autostart", "--at", "18:00"]);
    assert!(!config.join("systemd/user/backcoach-remind.timer").exists());
    let entry = std::fs::read_to_string(config.join("autostart/backcoach-remind.desktop")).unwrap();
    assert!(
        entry.starts_with("[Desktop Entry]\nType=Application\n"),
        "{entry}"
    );
    assert!(
        entry.contains("remind --wait --at 18:00 --days mon,tue,wed,thu,fri,sat,sun"),
        "{entry}"
    );
    assert!(run(&["--status"]).contains("autostart entry"));

    assert!(run(&["--uninstall"]).contains("removed"));
    assert!(!config.join("autostart/backcoach-remind.desktop").exists());
    assert!(run(&["--status"]).contains("not installed"));
}

#[test]
fn the_wait_finds_the_next_chosen_day() {
    let s = Schedule::parse("18:00", "mon,thu").unwrap();
    // Monday 17:00 → 1 h; Monday 19:00 → Thursday 18:00.
    assert_eq!(secs_until_next(&s, 0, 17 * 3600), 3600);
    assert_eq!(secs_until_next(&s, 0, 19 * 3600), 3 * 86_400 - 3600);
    assert!(Schedule::parse("25:00", "").is_err());
    assert!(Schedule::parse("18:00", "someday").is_err());
}

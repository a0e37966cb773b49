//! The SQLite history: round trips, migrations, crash safety, damaged and locked files,
//! settings.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use backcoach::history::{
    History, HistoryError, PainReport, PlannedExercise, RepRecord, SCHEMA_VERSION, SessionStatus,
    Settings,
};

fn rep(n: u32, faults: &[&str]) -> RepRecord {
    RepRecord {
        rep_number: n,
        start_secs: f64::from(n) * 5.0,
        end_secs: f64::from(n) * 5.0 + 4.2,
        phase_secs: vec![2.0, 2.2],
        depth: Some(1.05),
        faults: faults.iter().map(|s| (*s).to_owned()).collect(),
        side: None,
        partial: false,
        form_score: None,
        form_notes: Vec::new(),
    }
}

fn plan() -> Vec<PlannedExercise> {
    vec![PlannedExercise {
        exercise_id: "knee-bend".into(),
        sets: 2,
        reps: 8,
    }]
}

#[test]
fn stores_sessions_sets_reps_and_reads_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = History::open(dir.path()).unwrap();
    assert_eq!(h.schema_version().unwrap(), SCHEMA_VERSION);
    let s = h.start_session(1_700_000_000.0, &plan()).unwrap();
    let set = h.start_set(s, "knee-bend", 1, 8, 1_700_000_001.0).unwrap();
    h.record_rep(set, &rep(1, &[]), 1_700_000_006.0).unwrap();
    h.record_rep(set, &rep(2, &["too_fast"]), 1_700_000_011.0)
        .unwrap();
    let mut partial = rep(3, &["partial_rep"]);
    partial.partial = true;
    h.record_rep(set, &partial, 1_700_000_016.0).unwrap();
    h.end_set(set, 1_700_000_020.0).unwrap();
    h.end_session(s, SessionStatus::Completed, 1_700_000_030.0)
        .unwrap();
    drop(h);

    let h = History::open(dir.path()).unwrap();
    let sessions = h.sessions().unwrap();
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].status, SessionStatus::Completed);
    assert_eq!(sessions[0].reps, 2);
    assert_eq!(sessions[0].good_reps, 1);
    assert_eq!(sessions[0].partial_reps, 1);
    assert_eq!(sessions[0].plan, plan());
    let reps = h.reps(Some(s)).unwrap();
    assert_eq!(reps.len(), 3);
    assert_eq!(reps[1].rep, rep(2, &["too_fast"]));
    assert_eq!(reps[1].exercise_id, "knee-bend");
}

#[test]
fn pain_reports_and_exports() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = History::open(dir.path()).unwrap();
    let s = h.start_session(100.0, &plan()).unwrap();
    let set = h.start_set(s, "knee-bend", 1, 8, 101.0).unwrap();
    h.record_rep(set, &rep(1, &["head_forward"]), 106.0)
        .unwrap();
    h.end_session(s, SessionStatus::StoppedForPain, 110.0)
        .unwrap();
    h.add_pain_report(&PainReport {
        reported_unix_secs: 110.0,
        intensity: Some(6),
        location: "lower back, left".into(),
        session_id: Some(s.0),
        exercise_id: Some("knee-bend".into()),
    })
    .unwrap();
    h.add_pain_report(&PainReport {
        reported_unix_secs: 50.0,
        intensity: None,
        location: String::new(),
        session_id: None,
        exercise_id: None,
    })
    .unwrap();
    let pain = h.pain_reports().unwrap();
    assert_eq!(pain.len(), 2);
    assert_eq!(pain[0].reported_unix_secs, 50.0, "oldest first");
    assert_eq!(pain[1].intensity, Some(6));

    let mut json = Vec::new();
    h.export_json(&mut json).unwrap();
    let doc: backcoach::history::HistoryExport = serde_json::from_slice(&json).unwrap();
    assert_eq!(doc.sessions[0].status, SessionStatus::StoppedForPain);
    assert_eq!(doc.reps.len(), 1);
    assert_eq!(doc.pain_reports.len(), 2);

    let mut csv = Vec::new();
    h.export_csv(&mut csv).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 4, "{csv}");
    assert!(lines[0].starts_with("record,session_id,exercise_id"));
    assert!(lines[1].starts_with("rep,1,knee-bend,1,"));
    assert!(lines.iter().any(|l| l.contains("\"lower back, left\"")));
}

#[test]
fn reps_written_survive_without_closing_the_session() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = History::open(dir.path()).unwrap();
    let s = h.start_session(0.0, &plan()).unwrap();
    let set = h.start_set(s, "knee-bend", 1, 8, 0.0).unwrap();
    h.record_rep(set, &rep(1, &[]), 5.0).unwrap();
    // Simulate a crash: leak the connection so nothing runs on drop.
    std::mem::forget(h);
    let h = History::open(dir.path()).unwrap();
    let sessions = h.sessions().unwrap();
    assert_eq!(sessions[0].status, SessionStatus::InProgress);
    assert_eq!(sessions[0].reps, 1);
}

#[test]
fn migrations_are_idempotent_and_newer_files_refused() {
    let dir = tempfile::tempdir().unwrap();
    drop(History::open(dir.path()).unwrap());
    drop(History::open(dir.path()).unwrap());
    let path = dir.path().join(backcoach::history::HISTORY_FILE_NAME);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 5)
            .unwrap();
    }
    let err = History::open(dir.path()).unwrap_err();
    assert!(matches!(err, HistoryError::TooNew { .. }), "{err}");
    assert!(err.to_string().contains("--data-dir"));
}

#[test]
fn migrates_a_version_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(backcoach::history::HISTORY_FILE_NAME);
    {
        // A version-1 file: the tables without the indexes, with one session in it.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE sessions (id INTEGER PRIMARY KEY, started_unix_secs REAL NOT NULL,
                ended_unix_secs REAL, status TEXT NOT NULL, plan_json TEXT NOT NULL);
             CREATE TABLE sets (id INTEGER PRIMARY KEY, session_id INTEGER NOT NULL,
                exercise_id TEXT NOT NULL, set_number INTEGER NOT NULL, target_reps INTEGER NOT NULL,
                started_unix_secs REAL NOT NULL, ended_unix_secs REAL);
             CREATE TABLE reps (id INTEGER PRIMARY KEY, set_id INTEGER NOT NULL,
                session_id INTEGER NOT NULL, exercise_id TEXT NOT NULL, rep_number INTEGER NOT NULL,
                start_secs REAL NOT NULL, end_secs REAL NOT NULL, phase_secs_json TEXT NOT NULL,
                depth REAL, faults_json TEXT NOT NULL, side TEXT, partial INTEGER NOT NULL DEFAULT 0,
                recorded_unix_secs REAL NOT NULL);
             CREATE TABLE pain_reports (id INTEGER PRIMARY KEY, reported_unix_secs REAL NOT NULL,
                intensity INTEGER, location TEXT NOT NULL DEFAULT '', session_id INTEGER,
                exercise_id TEXT);
             INSERT INTO sessions (started_unix_secs, status, plan_json) VALUES (1.0, 'completed', '[]');
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let h = History::open(dir.path()).unwrap();
    assert_eq!(h.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(h.sessions().unwrap().len(), 1, "old data kept");
    assert_eq!(
        h.settings().unwrap(),
        Settings::default(),
        "settings table added"
    );
}

#[test]
fn settings_are_stored_and_survive_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = History::open(dir.path()).unwrap();
    assert_eq!(h.settings().unwrap(), Settings::default());
    let s = h.start_session(1.0, &plan()).unwrap();
    let chosen = Settings {
        camera: "1".into(),
        width: 1920,
        height: 1080,
        mirror: true,
        ..Settings::default()
    };
    h.save_settings(&chosen).unwrap();
    let changed = Settings {
        mirror: false,
        ..chosen.clone()
    };
    h.save_settings(&changed).unwrap();
    drop(h);
    let h = History::open(dir.path()).unwrap();
    assert_eq!(h.settings().unwrap(), changed);
    assert_eq!(h.sessions().unwrap()[0].id, s.0, "sessions untouched");
}

#[test]
fn a_damaged_file_is_an_error_and_is_not_touched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(backcoach::history::HISTORY_FILE_NAME);
    let garbage = b"this is not a database, but it is the user's file".repeat(100);
    std::fs::write(&path, &garbage).unwrap();
    let err = History::open(dir.path()).unwrap_err();
    assert!(matches!(err, HistoryError::Corrupt { .. }), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("damaged"), "{message}");
    assert!(message.contains("Nothing was deleted"), "{message}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        garbage,
        "file left as it was"
    );
}

#[test]
fn a_locked_file_is_an_error_with_a_way_forward() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = History::open_with_timeout(dir.path(), Duration::from_millis(50)).unwrap();
    let s = h.start_session(0.0, &plan()).unwrap();
    let path = dir.path().join(backcoach::history::HISTORY_FILE_NAME);
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let err = h.start_set(s, "knee-bend", 1, 8, 1.0).unwrap_err();
    assert!(matches!(err, HistoryError::Locked { .. }), "{err:?}");
    assert!(err.to_string().contains("Close the other backcoach"));
    other.execute_batch("ROLLBACK").unwrap();
    h.start_set(s, "knee-bend", 1, 8, 1.0).unwrap();
}

#[test]
fn rep_for_unknown_set_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = History::open(dir.path()).unwrap();
    let err = h
        .record_rep(backcoach::history::SetId(42), &rep(1, &[]), 0.0)
        .unwrap_err();
    assert!(matches!(err, HistoryError::Missing { .. }));
}

#[test]
fn two_processes_creating_the_file_at_once_both_open_it() {
    // The app and `backcoach work` may open a new history in the same instant; neither
    // may fail on the other's half-done migration. Threads with their own connections
    // stand in for the processes.
    for round in 0..20 {
        let tmp = tempfile::tempdir().unwrap();
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(4));
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let dir = tmp.path().to_owned();
                let barrier = barrier.clone();
                std::thread::spawn(move || {
                    barrier.wait();
                    History::open(&dir).map(|h| h.schema_version().unwrap())
                })
            })
            .collect();
        for h in handles {
            let version = h.join().unwrap();
            let version = version.map_err(|e| e.to_string());
            assert_eq!(version, Ok(SCHEMA_VERSION), "round {round}");
        }
    }
}

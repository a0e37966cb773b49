//! The history failing under a running session: the disk filling up, the file deleted or
//! replaced, the database locked by a second backcoach. Each time coaching goes on, every
//! rep is counted (the summary has them all), the reps written before the fault stay in
//! the file, and `Session::history_error` (the live screen's "History is not being saved:
//! ..." banner) says what happened and what to do.

use std::path::Path;
use std::time::Duration;

use backcoach::exercise::ExerciseLibrary;
use backcoach::history::{HISTORY_FILE_NAME, History, SessionStatus};
use backcoach::i18n::Lang;
use backcoach::pose::PoseFrame;
use backcoach::session::{Coach, CoachFactory, Command, PlanItem, Session, Stage};

use super::common::{ScriptedCoach, person_frame};

/// Frames per second of the synthetic stream.
const FPS: f64 = 10.0;
/// Frames per rep of the scripted coach (one rep every 2 s).
const FRAMES_PER_REP: u32 = 20;

fn factory() -> CoachFactory {
    Box::new(|item: &PlanItem, _lang: Lang| {
        Box::new(ScriptedCoach::new(item.reps, FRAMES_PER_REP, 2.0)) as Box<dyn Coach>
    })
}

/// Reps in the one set (enough to fill more than a page of the history).
const REPS: u32 = 60;

/// One exercise, one set of [`REPS`] reps.
fn plan() -> Vec<PlanItem> {
    let lib = ExerciseLibrary::embedded().expect("library");
    let mut item = PlanItem::new(lib.get("knee-bend").expect("knee-bend").clone());
    item.sets = 1;
    item.reps = REPS;
    vec![item]
}

/// Frames with a person for `secs` from `*t`.
fn run(session: &mut Session, t: &mut f64, secs: f64) {
    for _ in 0..(secs * FPS).round() as u32 {
        *t += 1.0 / FPS;
        let frame: PoseFrame = person_frame(*t);
        session.on_frame(*t, &frame);
    }
}

/// A session started on `history`, run until 3 reps are counted.
fn three_reps_in(history: History) -> (Session, f64) {
    let mut s = Session::new(plan(), Some(history), factory(), 1.79e9);
    let mut t = 0.0;
    s.apply(Command::Start);
    // The scripted coach passes the stance check at once.
    run(&mut s, &mut t, 0.5);
    assert!(matches!(s.stage(), Stage::Set { .. }), "{:?}", s.stage());
    while s.live().reps_in_set < 3 {
        run(&mut s, &mut t, 0.1);
        assert!(t < 60.0, "no reps");
    }
    assert_eq!(s.history_error(), None);
    (s, t)
}

/// Runs the rest of the set; all 10 reps are counted whatever the history did.
fn finish_set(s: &mut Session, t: &mut f64) {
    while !matches!(s.stage(), Stage::Summary) {
        run(s, t, 0.1);
        assert!(*t < 600.0, "the set never ended: {:?}", s.stage());
    }
    assert_eq!(
        s.results()[0].reps.len(),
        REPS as usize,
        "every rep counted"
    );
}

fn saved_reps(dir: &Path) -> usize {
    let saved = History::open(dir)
        .expect("reopen")
        .reps(None)
        .expect("reps")
        .len();
    eprintln!("{saved} of {REPS} reps in the history file");
    saved
}

#[test]
fn a_full_disk_mid_set_keeps_coaching_and_every_rep() {
    let dir = tempfile::tempdir().expect("tmp");
    let history = History::open(dir.path()).expect("history");
    let (mut s, mut t) = three_reps_in(history);
    // No room for one more page: once the last page is full a write fails as on a full
    // disk (the long set makes sure one does).
    s.history().expect("history").cap_size_now().expect("cap");
    while s.unsaved_reps() < 2 {
        run(&mut s, &mut t, 0.1);
        assert!(t < 600.0, "the disk never filled");
    }
    let error = s.history_error().expect("the banner's error");
    assert!(error.contains("database or disk is full"), "{error}");
    assert!(matches!(s.stage(), Stage::Set { .. }), "coaching goes on");
    // Space is freed: the waiting reps are written, in order, and the banner goes.
    s.history().expect("history").uncap_size().expect("uncap");
    finish_set(&mut s, &mut t);
    assert_eq!(s.unsaved_reps(), 0);
    assert_eq!(s.history_error(), None);
    assert_eq!(saved_reps(dir.path()), REPS as usize, "no rep lost");
}

#[test]
fn a_disk_that_stays_full_keeps_the_reps_written_before() {
    let dir = tempfile::tempdir().expect("tmp");
    let history = History::open(dir.path()).expect("history");
    let (mut s, mut t) = three_reps_in(history);
    s.history().expect("history").cap_size_now().expect("cap");
    finish_set(&mut s, &mut t);
    let error = s.history_error().expect("the banner's error");
    assert!(error.contains("database or disk is full"), "{error}");
    let saved = saved_reps(dir.path());
    assert!(saved >= 3, "the reps before the disk filled");
    assert_eq!(
        saved + s.unsaved_reps(),
        REPS as usize,
        "the rest still waiting"
    );
}

#[test]
fn a_deleted_history_file_is_recreated_and_the_set_saved_in_it() {
    let dir = tempfile::tempdir().expect("tmp");
    let history = History::open(dir.path()).expect("history");
    let (mut s, mut t) = three_reps_in(history);
    std::fs::remove_file(dir.path().join(HISTORY_FILE_NAME)).expect("delete");
    finish_set(&mut s, &mut t);
    assert_eq!(s.history_error(), None, "{:?}", s.history_error());
    let notice = s.history_notice().expect("the notice");
    assert!(notice.contains("was deleted or replaced"), "{notice}");
    assert!(notice.contains("goes on being saved"), "{notice}");
    // The new file has the whole set (the 3 reps before the deletion written again).
    assert_eq!(saved_reps(dir.path()), REPS as usize, "no rep lost");
    let sessions = History::open(dir.path())
        .expect("reopen")
        .sessions()
        .expect("sessions");
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].status, SessionStatus::Completed);
    assert!(orphaned_log_kept(dir.path()));
}

#[test]
fn a_history_file_deleted_after_the_session_starts_empty() {
    let dir = tempfile::tempdir().expect("tmp");
    let history = History::open(dir.path()).expect("history");
    let (mut s, mut t) = three_reps_in(history);
    finish_set(&mut s, &mut t);
    std::fs::remove_file(dir.path().join(HISTORY_FILE_NAME)).expect("delete");
    s.tick(t + 1.0);
    assert_eq!(s.history_error(), None);
    assert_eq!(s.history_notice(), None, "no session to carry on");
    let sessions = History::open(dir.path())
        .expect("reopen")
        .sessions()
        .expect("sessions");
    assert!(
        sessions.is_empty(),
        "the finished session is not started again"
    );
}

#[test]
fn a_replaced_history_file_is_followed() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join(HISTORY_FILE_NAME);
    let history = History::open(dir.path()).expect("history");
    let (mut s, mut t) = three_reps_in(history);
    // A backup restored over it (a copy of the file as it is now, renamed in place).
    let copy = dir.path().join("restored.sqlite3");
    std::fs::copy(&path, &copy).expect("copy");
    std::fs::rename(&copy, &path).expect("replace");
    finish_set(&mut s, &mut t);
    assert_eq!(s.history_error(), None, "{:?}", s.history_error());
    assert!(s.history_notice().is_some());
    // The restored file gets this session from the set in progress: all of its reps.
    let h = History::open(dir.path()).expect("reopen");
    let sessions = h.sessions().expect("sessions");
    let newest = sessions
        .iter()
        .max_by_key(|s| s.id)
        .expect("the new session");
    assert_eq!(newest.reps, REPS);
    assert_eq!(newest.status, SessionStatus::Completed);
    assert!(orphaned_log_kept(dir.path()));
}

/// The old file's write-ahead log was moved aside, not deleted, nor read over the new file.
fn orphaned_log_kept(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(Result::ok)
        .any(|e| e.file_name().to_string_lossy().contains("-wal.orphaned-"))
}

#[test]
fn a_history_file_replaced_by_a_damaged_one_is_left_alone() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join(HISTORY_FILE_NAME);
    let history = History::open(dir.path()).expect("history");
    let (mut s, mut t) = three_reps_in(history);
    let garbage = b"not a database".repeat(300);
    let tmp = dir.path().join("garbage");
    std::fs::write(&tmp, &garbage).expect("write");
    std::fs::rename(&tmp, &path).expect("replace");
    finish_set(&mut s, &mut t);
    let error = s.history_error().expect("the banner's error");
    assert!(
        error.contains("damaged") && error.contains("Nothing was deleted"),
        "{error}"
    );
    assert_eq!(
        std::fs::read(&path).expect("read"),
        garbage,
        "left as it was"
    );
    assert!(orphaned_log_kept(dir.path()));
}

#[test]
fn a_second_backcoach_holding_the_database_does_not_stop_the_set() {
    let dir = tempfile::tempdir().expect("tmp");
    let history =
        History::open_with_timeout(dir.path(), Duration::from_millis(50)).expect("history");
    let (mut s, mut t) = three_reps_in(history);
    // A second backcoach in the middle of a write.
    let other = rusqlite::Connection::open(dir.path().join(HISTORY_FILE_NAME)).expect("other");
    other.execute_batch("BEGIN IMMEDIATE").expect("lock");
    run(&mut s, &mut t, 3.0);
    let error = s.history_error().expect("the banner's error").to_owned();
    assert!(error.contains("Close the other backcoach"), "{error}");
    other.execute_batch("ROLLBACK").expect("unlock");
    finish_set(&mut s, &mut t);
    assert_eq!(
        saved_reps(dir.path()),
        REPS as usize,
        "the reps counted while locked too"
    );
    assert_eq!(s.history_error(), None, "the banner goes once all is saved");
    let sessions = History::open(dir.path())
        .expect("reopen")
        .sessions()
        .expect("sessions");
    assert_eq!(sessions.len(), 1);
    assert_ne!(sessions[0].status, SessionStatus::InProgress, "closed");
}

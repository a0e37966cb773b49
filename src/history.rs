//! The user's exercise history in SQLite: sessions, sets, reps, pain reports, and the app's
//! [`Settings`] (camera, resolution, mirror view) and the user's own sets and reps per
//! exercise ([`ExerciseOverride`]) in a small key/value table.
//!
//! Contract:
//! - One file, `history.sqlite3`, in the platform's data directory ([`default_data_dir`])
//!   or a folder the caller chooses (`--data-dir`).
//! - The schema carries a version (`PRAGMA user_version`); [`History::open`] applies the
//!   missing migrations in order, each in a transaction. A file written by a newer
//!   backcoach is refused, never rewritten.
//! - The journal is WAL and every write is its own transaction, so a crash or a kill
//!   loses at most the rep in progress: call [`History::record_rep`] when a rep completes.
//! - Nothing here ever deletes rows. A damaged or locked file is a [`HistoryError`] whose
//!   message says what happened and what to do next.
//! - Time is an input: wall-clock times are `*_unix_secs` passed by the caller; rep times
//!   are seconds since the start of the session (`t_secs`).

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, TransactionBehavior};

/// File name of the history database inside the data directory.
pub const HISTORY_FILE_NAME: &str = "history.sqlite3";

/// How long a write waits for another process holding the database before giving up.
pub const DEFAULT_BUSY_TIMEOUT: Duration = Duration::from_secs(3);

/// Seconds in a day, for day numbers.
const SECS_PER_DAY: f64 = 86_400.0;

/// The schema migrations, in order. Migration `i` brings the schema to version `i + 1`.
const MIGRATIONS: &[&str] = &[
    // Version 1: the tables.
    "CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        started_unix_secs REAL NOT NULL,
        ended_unix_secs REAL,
        status TEXT NOT NULL,
        plan_json TEXT NOT NULL
    );
    CREATE TABLE sets (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        exercise_id TEXT NOT NULL,
        set_number INTEGER NOT NULL,
        target_reps INTEGER NOT NULL,
        started_unix_secs REAL NOT NULL,
        ended_unix_secs REAL
    );
    CREATE TABLE reps (
        id INTEGER PRIMARY KEY,
        set_id INTEGER NOT NULL REFERENCES sets(id),
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        exercise_id TEXT NOT NULL,
        rep_number INTEGER NOT NULL,
        start_secs REAL NOT NULL,
        end_secs REAL NOT NULL,
        phase_secs_json TEXT NOT NULL,
        depth REAL,
        faults_json TEXT NOT NULL,
        side TEXT,
        partial INTEGER NOT NULL DEFAULT 0,
        recorded_unix_secs REAL NOT NULL
    );
    CREATE TABLE pain_reports (
        id INTEGER PRIMARY KEY,
        reported_unix_secs REAL NOT NULL,
        intensity INTEGER,
        location TEXT NOT NULL DEFAULT '',
        session_id INTEGER REFERENCES sessions(id),
        exercise_id TEXT
    );",
    // Version 2: indexes for the history screen.
    "CREATE INDEX reps_by_session ON reps(session_id);
    CREATE INDEX sets_by_session ON sets(session_id);
    CREATE INDEX pain_by_time ON pain_reports(reported_unix_secs);",
    // Version 3: the app's settings, one row per key.
    "CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );",
    // Version 4: work mode's day figures, one row per local day (see `history/work.rs`).
    "CREATE TABLE work_days (
        day INTEGER PRIMARY KEY,
        updated_unix_secs REAL NOT NULL,
        figures_json TEXT NOT NULL
    );",
    // Version 5: each rep's form score, 0-100 (exercises with a `[form]` section; NULL
    // for the others and for reps stored before).
    "ALTER TABLE reps ADD COLUMN form_score REAL;",
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Failures of the history store. Each message names the file and the way forward.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    /// No home/data directory could be determined for this user.
    #[error("cannot find a data folder for your history; start backcoach with --data-dir FOLDER")]
    NoDataDir,
    /// The data folder could not be created.
    #[error(
        "cannot create the history folder {path}: {source}; choose another with --data-dir FOLDER"
    )]
    CreateDir {
        /// The folder.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file exists but is not a readable SQLite database.
    #[error(
        "the history file {path} is damaged ({detail}). Nothing was deleted. Rename or move that file \
         to keep it, then start backcoach again to begin a new history, or use --data-dir FOLDER"
    )]
    Corrupt {
        /// The database file.
        path: PathBuf,
        /// What SQLite said.
        detail: String,
    },
    /// Another program holds the database.
    #[error(
        "the history file {path} is in use by another program (is backcoach already open?). \
         Close the other backcoach and try again"
    )]
    Locked {
        /// The database file.
        path: PathBuf,
    },
    /// The file was written by a newer backcoach.
    #[error(
        "the history file {path} has schema version {found}, newer than this backcoach knows \
         ({supported}). Update backcoach, or use --data-dir FOLDER for a separate history"
    )]
    TooNew {
        /// The database file.
        path: PathBuf,
        /// The version in the file.
        found: i64,
        /// The newest version this build knows.
        supported: i64,
    },
    /// The database could not be opened or written (permissions, disk full, ...).
    #[error("cannot use the history file {path}: {source}")]
    Sql {
        /// The database file.
        path: PathBuf,
        /// The underlying error.
        source: rusqlite::Error,
    },
    /// The file was deleted, or another file put in its place, while backcoach had it open:
    /// what is written now goes to the old file, which no one can read afterwards.
    #[error(
        "the history file {path} was deleted or replaced while backcoach was running: this \
         session is not being saved there (the reps so far are on the summary). Restart \
         backcoach to use the history at that path again"
    )]
    FileGone {
        /// The database file.
        path: PathBuf,
    },
    /// After [`HistoryError::FileGone`], the file now at the path (a new one, or the one put
    /// in place) was opened and the session goes on being saved in it.
    #[error(
        "the history file {path} was deleted or replaced while backcoach was running. This \
         session goes on being saved in the file now at that path, from the set in progress \
         ({reps} reps of it written again); its earlier sets were only in the old file"
    )]
    Reopened {
        /// The database file.
        path: PathBuf,
        /// Reps of the set in progress written to the new file.
        reps: u32,
    },
    /// An id does not exist (a programming error in the caller).
    #[error("history has no {what} with id {id}")]
    Missing {
        /// "session" or "set".
        what: &'static str,
        /// The id asked for.
        id: i64,
    },
    /// Exporting failed.
    #[error("cannot write the export: {0}")]
    Export(String),
}

/// The platform's data directory for backcoach (e.g. `~/.local/share/backcoach`).
pub fn default_data_dir() -> Result<PathBuf, HistoryError> {
    directories::ProjectDirs::from("", "", "backcoach")
        .map(|dirs| dirs.data_dir().to_owned())
        .ok_or(HistoryError::NoDataDir)
}

mod export;
mod overrides;
mod pain;
mod sessions;
mod settings;
mod work;

pub use export::HistoryExport;
pub use overrides::ExerciseOverride;
pub use pain::PainReport;
pub use sessions::{
    PlannedExercise, RepRecord, SessionId, SessionStatus, SessionSummary, SetId, StoredRep,
};
pub use settings::{RESOLUTIONS, Settings};
pub use work::WorkDayRecord;

/// SQLite's largest `max_page_count` (its default).
const SQLITE_MAX_PAGE_COUNT: i64 = 0xffff_fffe;

/// An open history database.
pub struct History {
    conn: Connection,
    path: PathBuf,
    /// The file's device and inode at open (Unix), to notice it being deleted or replaced.
    identity: Option<(u64, u64)>,
}

/// The device and inode of the file at `path`, where the platform has them.
fn file_identity(path: &Path) -> std::io::Result<Option<(u64, u64)>> {
    let meta = std::fs::metadata(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        Ok(Some((meta.dev(), meta.ino())))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Ok(None)
    }
}

impl std::fmt::Debug for History {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("History").field("path", &self.path).finish()
    }
}

impl History {
    /// Opens (creating if needed) `dir/history.sqlite3` and migrates it.
    pub fn open(dir: &Path) -> Result<History, HistoryError> {
        Self::open_with_timeout(dir, DEFAULT_BUSY_TIMEOUT)
    }

    /// Like [`History::open`] with a chosen wait for a busy database.
    pub fn open_with_timeout(dir: &Path, busy_timeout: Duration) -> Result<History, HistoryError> {
        std::fs::create_dir_all(dir).map_err(|source| HistoryError::CreateDir {
            path: dir.to_owned(),
            source,
        })?;
        let path = dir.join(HISTORY_FILE_NAME);
        let conn = Connection::open(&path).map_err(|e| classify(&path, e))?;
        let identity = file_identity(&path).ok().flatten();
        let history = History {
            conn,
            path,
            identity,
        };
        history.configure(busy_timeout)?;
        history.migrate()?;
        Ok(history)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// [`HistoryError::FileGone`] when the file at [`History::path`] is no longer the one
    /// opened (deleted, or replaced by another): writes would be lost. A stat, no query.
    pub fn check_file(&self) -> Result<(), HistoryError> {
        let gone = || HistoryError::FileGone {
            path: self.path.clone(),
        };
        match file_identity(&self.path) {
            Ok(now) if now == self.identity => Ok(()),
            Ok(_) => Err(gone()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(gone()),
            // Cannot tell (permissions): the next write says what is wrong, if anything.
            Err(_) => Ok(()),
        }
    }

    /// Closes a history whose file was deleted or replaced (see [`History::check_file`]),
    /// so that the file now at the path can be opened on its own. SQLite leaves the old
    /// file's write-ahead log at the path when the file has moved (it holds what was not
    /// yet copied into the old file); opened beside the new file it would be read over it,
    /// and copied into it. The log is kept, renamed `history.sqlite3-wal.orphaned-UNIX`
    /// (nothing is deleted but its index, `-shm`, which SQLite rebuilds).
    pub fn close_moved(self, unix_now_secs: f64) {
        let path = self.path.clone();
        let moved = self.check_file().is_err();
        drop(self.conn);
        if !moved {
            return;
        }
        let with_suffix = |suffix: &str| {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            PathBuf::from(name)
        };
        let wal = with_suffix("-wal");
        if wal.exists() {
            let aside = with_suffix(&format!("-wal.orphaned-{}", unix_now_secs as i64));
            if let Err(e) = std::fs::rename(&wal, &aside) {
                log_warning(&format!("cannot move {} aside: {e}", wal.display()));
            }
            let _ = std::fs::remove_file(with_suffix("-shm"));
        }
    }

    /// Caps the file at the pages it has now (SQLite's `max_page_count`, for this
    /// connection): a write that needs another page fails with "database or disk is full",
    /// exactly as on a full disk. For fault tests.
    pub fn cap_size_now(&self) -> Result<(), HistoryError> {
        self.set_max_pages(None)
    }

    /// Lifts [`History::cap_size_now`] (as if space were freed on the disk).
    pub fn uncap_size(&self) -> Result<(), HistoryError> {
        self.set_max_pages(Some(SQLITE_MAX_PAGE_COUNT))
    }

    /// `max_page_count` = `pages`, or the current page count.
    fn set_max_pages(&self, pages: Option<i64>) -> Result<(), HistoryError> {
        let pages: i64 = match pages {
            Some(pages) => pages,
            None => self
                .conn
                .query_row("PRAGMA page_count", [], |r| r.get(0))
                .map_err(|e| self.err(e))?,
        };
        self.conn
            .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |r| {
                r.get::<_, i64>(0)
            })
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    fn err(&self, e: rusqlite::Error) -> HistoryError {
        classify(&self.path, e)
    }

    fn configure(&self, busy_timeout: Duration) -> Result<(), HistoryError> {
        self.conn
            .busy_timeout(busy_timeout)
            .map_err(|e| self.err(e))?;
        // Reading the schema first detects a file that is not a database.
        self.conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            })
            .map_err(|e| self.err(e))?;
        let mode = self.set_wal(busy_timeout)?;
        if !mode.eq_ignore_ascii_case("wal") {
            log_warning(&format!("history journal mode is {mode}, not WAL"));
        }
        self.conn
            .pragma_update(None, "synchronous", "NORMAL")
            .map_err(|e| self.err(e))?;
        self.conn
            .pragma_update(None, "foreign_keys", true)
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Switches the file to WAL (a setting stored in the file). SQLite answers "busy" at
    /// once, without waiting, when another connection switches it at the same moment (two
    /// processes opening a new file), so this retries until `busy_timeout` has passed.
    fn set_wal(&self, busy_timeout: Duration) -> Result<String, HistoryError> {
        let started = std::time::Instant::now();
        loop {
            match self
                .conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
            {
                Ok(mode) => return Ok(mode),
                Err(e)
                    if e.sqlite_error_code() == Some(ErrorCode::DatabaseBusy)
                        && started.elapsed() < busy_timeout =>
                {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(e) => return Err(self.err(e)),
            }
        }
    }

    /// The schema version stored in the file.
    pub fn schema_version(&self) -> Result<i64, HistoryError> {
        self.conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// SQLite's `PRAGMA integrity_check`: the problems it lists (empty when the file is
    /// sound). Reads only.
    pub fn integrity_problems(&self) -> Result<Vec<String>, HistoryError> {
        let mut stmt = self
            .conn
            .prepare("PRAGMA integrity_check")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.err(e))?;
        Ok(rows.into_iter().filter(|r| r != "ok").collect())
    }

    /// Brings the schema up to date. The version is read inside an immediate (write-locked)
    /// transaction, so two processes opening a new file at once (the app and `backcoach
    /// work`, say) cannot both run the same migration: the second waits for the first and
    /// then finds nothing left to do.
    fn migrate(&self) -> Result<(), HistoryError> {
        if self.schema_version()? == SCHEMA_VERSION {
            return Ok(());
        }
        // Immediate: the write lock is taken here, waiting (busy timeout) while another
        // process migrates.
        let tx = rusqlite::Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)
            .map_err(|e| self.err(e))?;
        let found: i64 = tx
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| self.err(e))?;
        if found > SCHEMA_VERSION {
            return Err(HistoryError::TooNew {
                path: self.path.clone(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(found.max(0) as usize) {
            tx.execute_batch(sql).map_err(|e| self.err(e))?;
            tx.pragma_update(None, "user_version", i as i64 + 1)
                .map_err(|e| self.err(e))?;
        }
        tx.commit().map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Runs `f` in its own immediate transaction and commits.
    fn write<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> rusqlite::Result<T>,
    ) -> Result<T, HistoryError> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| classify(&path, e))?;
        let value = f(&tx).map_err(|e| classify(&path, e))?;
        tx.commit().map_err(|e| classify(&path, e))?;
        Ok(value)
    }
}

fn classify(path: &Path, e: rusqlite::Error) -> HistoryError {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => HistoryError::Corrupt {
            path: path.to_owned(),
            detail: e.to_string(),
        },
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => HistoryError::Locked {
            path: path.to_owned(),
        },
        _ => HistoryError::Sql {
            path: path.to_owned(),
            source: e,
        },
    }
}

fn log_warning(message: &str) {
    eprintln!("backcoach: warning: {message}");
}

/// Days (with fraction) since the Unix epoch of a wall-clock time, shifted by the local
/// UTC offset in seconds: the x axis of the history chart.
pub fn local_days(unix_secs: f64, utc_offset_secs: i64) -> f64 {
    (unix_secs + utc_offset_secs as f64) / SECS_PER_DAY
}

/// Day number (whole days since the Unix epoch) of a wall-clock time, shifted by the local
/// UTC offset in seconds.
pub fn day_number(unix_secs: f64, utc_offset_secs: i64) -> i64 {
    local_days(unix_secs, utc_offset_secs).floor() as i64
}

/// The daily streak: how many consecutive days, ending today or yesterday, have at least
/// one session day in `days` (day numbers, any order, duplicates allowed).
pub fn daily_streak(days: &[i64], today: i64) -> u32 {
    let set: std::collections::BTreeSet<i64> = days.iter().copied().collect();
    let mut day = if set.contains(&today) {
        today
    } else {
        today - 1
    };
    let mut streak = 0;
    while set.contains(&day) {
        streak += 1;
        day -= 1;
    }
    streak
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streak_counts_consecutive_days() {
        assert_eq!(daily_streak(&[], 10), 0);
        assert_eq!(daily_streak(&[10, 9, 9, 8, 6], 10), 3);
        assert_eq!(
            daily_streak(&[9, 8], 10),
            2,
            "today not done yet keeps the streak"
        );
        assert_eq!(daily_streak(&[8], 10), 0);
    }

    #[test]
    fn day_number_uses_offset() {
        assert_eq!(day_number(0.0, 0), 0);
        assert_eq!(day_number(86_399.0, 0), 0);
        assert_eq!(day_number(86_399.0, 3600), 1);
        assert_eq!(day_number(-1.0, 0), -1);
    }
}

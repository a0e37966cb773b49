//! The user's exercise history in SQLite: sessions, sets, reps, pain reports, and the app's
//! [`Settings`] (camera, resolution, mirror view) in a small key/value table.
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

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OptionalExtension, TransactionBehavior, params};
use serde::{Deserialize, Serialize};

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

/// How a session ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionStatus {
    /// Still running, or the app stopped without closing it (crash, kill).
    InProgress,
    /// Every planned set done.
    Completed,
    /// The user stopped for pain.
    StoppedForPain,
    /// The user ended early without pain.
    EndedEarly,
}

impl SessionStatus {
    fn as_str(self) -> &'static str {
        match self {
            SessionStatus::InProgress => "in_progress",
            SessionStatus::Completed => "completed",
            SessionStatus::StoppedForPain => "stopped_for_pain",
            SessionStatus::EndedEarly => "ended_early",
        }
    }

    fn parse(s: &str) -> SessionStatus {
        match s {
            "completed" => SessionStatus::Completed,
            "stopped_for_pain" => SessionStatus::StoppedForPain,
            "ended_early" => SessionStatus::EndedEarly,
            _ => SessionStatus::InProgress,
        }
    }
}

/// One planned exercise of a session, as stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlannedExercise {
    /// Exercise id (`knee-bend`).
    pub exercise_id: String,
    /// Sets planned.
    pub sets: u32,
    /// Reps per set planned.
    pub reps: u32,
}

/// Id of a stored session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SessionId(pub i64);

/// Id of a stored set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SetId(pub i64);

/// A completed rep (or a partial one), ready to store.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RepRecord {
    /// 1-based number of the rep within its set.
    pub rep_number: u32,
    /// Start, seconds since the session started.
    pub start_secs: f64,
    /// End, seconds since the session started.
    pub end_secs: f64,
    /// Duration of each phase (down, up, ...), seconds.
    pub phase_secs: Vec<f64>,
    /// Peak of the rep signal (the exercise's unit, e.g. radians), if known.
    pub depth: Option<f64>,
    /// Fault codes seen during the rep (`too_fast`, ...).
    pub faults: Vec<String>,
    /// `left`/`right` for alternating exercises.
    pub side: Option<String>,
    /// A movement that did not reach the threshold (not counted).
    pub partial: bool,
}

/// A stored rep with its context.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredRep {
    /// Session it belongs to.
    pub session_id: i64,
    /// Set it belongs to.
    pub set_id: i64,
    /// Exercise id.
    pub exercise_id: String,
    /// The rep itself.
    #[serde(flatten)]
    pub rep: RepRecord,
    /// When it was written, seconds since the Unix epoch.
    pub recorded_unix_secs: f64,
}

/// A pain report in the diary.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PainReport {
    /// When, seconds since the Unix epoch.
    pub reported_unix_secs: f64,
    /// 0 (none) to 10 (worst), if the user gave it.
    pub intensity: Option<u8>,
    /// Where it hurts, in the user's words (may be empty).
    pub location: String,
    /// The session during which it was reported, if any.
    pub session_id: Option<i64>,
    /// The exercise being done when it was reported, if any.
    pub exercise_id: Option<String>,
}

/// Camera resolutions offered in the settings, `[width, height]` in pixels.
pub const RESOLUTIONS: [[u32; 2]; 3] = [[640, 480], [1280, 720], [1920, 1080]];

/// The app's settings, stored in the `settings` table (one row per field).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// Camera index or name as listed by the system. Default `"0"` (the first camera).
    pub camera: String,
    /// Requested camera frame width in pixels. Default 1280.
    pub width: u32,
    /// Requested camera frame height in pixels. Default 720.
    pub height: u32,
    /// Show the camera image and skeleton mirrored left-right, like a mirror. Default off.
    /// Only the display changes; the pose maths sees the camera's own image.
    pub mirror: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            camera: "0".to_owned(),
            width: 1280,
            height: 720,
            mirror: false,
        }
    }
}

/// Keys of the `settings` table.
const KEY_CAMERA: &str = "camera";
const KEY_WIDTH: &str = "camera_width_px";
const KEY_HEIGHT: &str = "camera_height_px";
const KEY_MIRROR: &str = "mirror_view";

impl Settings {
    fn to_rows(&self) -> [(&'static str, String); 4] {
        [
            (KEY_CAMERA, self.camera.clone()),
            (KEY_WIDTH, self.width.to_string()),
            (KEY_HEIGHT, self.height.to_string()),
            (KEY_MIRROR, self.mirror.to_string()),
        ]
    }

    /// Builds settings from stored rows; a missing or unreadable value keeps its default.
    fn from_rows<'a>(rows: impl IntoIterator<Item = (&'a str, &'a str)>) -> Settings {
        let mut settings = Settings::default();
        for (key, value) in rows {
            match key {
                KEY_CAMERA if !value.is_empty() => settings.camera = value.to_owned(),
                KEY_WIDTH => {
                    if let Ok(v) = value.parse() {
                        settings.width = v;
                    }
                }
                KEY_HEIGHT => {
                    if let Ok(v) = value.parse() {
                        settings.height = v;
                    }
                }
                KEY_MIRROR => {
                    if let Ok(v) = value.parse() {
                        settings.mirror = v;
                    }
                }
                _ => {}
            }
        }
        settings
    }
}

/// One session as listed on the history screen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionSummary {
    /// Session id.
    pub id: i64,
    /// Start, seconds since the Unix epoch.
    pub started_unix_secs: f64,
    /// End, if it was closed.
    pub ended_unix_secs: Option<f64>,
    /// How it ended.
    pub status: SessionStatus,
    /// The plan.
    pub plan: Vec<PlannedExercise>,
    /// Counted reps.
    pub reps: u32,
    /// Counted reps with no fault.
    pub good_reps: u32,
    /// Partial reps.
    pub partial_reps: u32,
}

/// The whole history as one JSON document (the export format).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryExport {
    /// Schema version of the database exported.
    pub schema_version: i64,
    /// Every session.
    pub sessions: Vec<SessionSummary>,
    /// Every rep.
    pub reps: Vec<StoredRep>,
    /// Every pain report.
    pub pain_reports: Vec<PainReport>,
}

/// An open history database.
pub struct History {
    conn: Connection,
    path: PathBuf,
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
        let history = History { conn, path };
        history.configure(busy_timeout)?;
        history.migrate()?;
        Ok(history)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
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
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
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

    fn migrate(&self) -> Result<(), HistoryError> {
        let found = self.schema_version()?;
        if found > SCHEMA_VERSION {
            return Err(HistoryError::TooNew {
                path: self.path.clone(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(found.max(0) as usize) {
            let version = i as i64 + 1;
            let tx = self.conn.unchecked_transaction().map_err(|e| self.err(e))?;
            tx.execute_batch(sql).map_err(|e| self.err(e))?;
            tx.pragma_update(None, "user_version", version)
                .map_err(|e| self.err(e))?;
            tx.commit().map_err(|e| self.err(e))?;
        }
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

    /// Stores a new session (status in progress).
    pub fn start_session(
        &mut self,
        started_unix_secs: f64,
        plan: &[PlannedExercise],
    ) -> Result<SessionId, HistoryError> {
        let plan_json = serde_json::to_string(plan).unwrap_or_else(|_| "[]".to_owned());
        self.write(|tx| {
            tx.execute(
                "INSERT INTO sessions (started_unix_secs, status, plan_json) VALUES (?1, ?2, ?3)",
                params![
                    started_unix_secs,
                    SessionStatus::InProgress.as_str(),
                    plan_json
                ],
            )?;
            Ok(SessionId(tx.last_insert_rowid()))
        })
    }

    /// Closes a session with its final status.
    pub fn end_session(
        &mut self,
        session: SessionId,
        status: SessionStatus,
        ended_unix_secs: f64,
    ) -> Result<(), HistoryError> {
        let changed = self.write(|tx| {
            tx.execute(
                "UPDATE sessions SET status = ?1, ended_unix_secs = ?2 WHERE id = ?3",
                params![status.as_str(), ended_unix_secs, session.0],
            )
        })?;
        if changed == 0 {
            return Err(HistoryError::Missing {
                what: "session",
                id: session.0,
            });
        }
        Ok(())
    }

    /// Stores the start of a set.
    pub fn start_set(
        &mut self,
        session: SessionId,
        exercise_id: &str,
        set_number: u32,
        target_reps: u32,
        started_unix_secs: f64,
    ) -> Result<SetId, HistoryError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO sets (session_id, exercise_id, set_number, target_reps, started_unix_secs)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![session.0, exercise_id, set_number, target_reps, started_unix_secs],
            )?;
            Ok(SetId(tx.last_insert_rowid()))
        })
    }

    /// Marks a set finished.
    pub fn end_set(&mut self, set: SetId, ended_unix_secs: f64) -> Result<(), HistoryError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE sets SET ended_unix_secs = ?1 WHERE id = ?2",
                params![ended_unix_secs, set.0],
            )
        })?;
        Ok(())
    }

    /// Stores one rep, in its own transaction. Call it as soon as the rep completes.
    pub fn record_rep(
        &mut self,
        set: SetId,
        rep: &RepRecord,
        recorded_unix_secs: f64,
    ) -> Result<i64, HistoryError> {
        let phase_json = serde_json::to_string(&rep.phase_secs).unwrap_or_else(|_| "[]".into());
        let faults_json = serde_json::to_string(&rep.faults).unwrap_or_else(|_| "[]".into());
        let id = self.write(|tx| {
            let owner: Option<(i64, String)> = tx
                .query_row(
                    "SELECT session_id, exercise_id FROM sets WHERE id = ?1",
                    params![set.0],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let Some((session_id, exercise_id)) = owner else {
                return Ok(None);
            };
            tx.execute(
                "INSERT INTO reps (set_id, session_id, exercise_id, rep_number, start_secs, end_secs,
                    phase_secs_json, depth, faults_json, side, partial, recorded_unix_secs)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    set.0,
                    session_id,
                    exercise_id,
                    rep.rep_number,
                    rep.start_secs,
                    rep.end_secs,
                    phase_json,
                    rep.depth,
                    faults_json,
                    rep.side,
                    rep.partial,
                    recorded_unix_secs
                ],
            )?;
            Ok(Some(tx.last_insert_rowid()))
        })?;
        id.ok_or(HistoryError::Missing {
            what: "set",
            id: set.0,
        })
    }

    /// Adds a pain report to the diary.
    pub fn add_pain_report(&mut self, report: &PainReport) -> Result<i64, HistoryError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO pain_reports (reported_unix_secs, intensity, location, session_id, exercise_id)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    report.reported_unix_secs,
                    report.intensity,
                    report.location,
                    report.session_id,
                    report.exercise_id
                ],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Every pain report, oldest first.
    pub fn pain_reports(&self) -> Result<Vec<PainReport>, HistoryError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT reported_unix_secs, intensity, location, session_id, exercise_id
                 FROM pain_reports ORDER BY reported_unix_secs, id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(PainReport {
                    reported_unix_secs: r.get(0)?,
                    intensity: r.get(1)?,
                    location: r.get(2)?,
                    session_id: r.get(3)?,
                    exercise_id: r.get(4)?,
                })
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }

    /// The stored settings (defaults for anything never saved).
    pub fn settings(&self) -> Result<Settings, HistoryError> {
        let mut stmt = self
            .conn
            .prepare("SELECT key, value FROM settings")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.err(e))?;
        Ok(Settings::from_rows(
            rows.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        ))
    }

    /// Stores the settings, all fields in one transaction.
    pub fn save_settings(&mut self, settings: &Settings) -> Result<(), HistoryError> {
        let rows = settings.to_rows();
        self.write(|tx| {
            for (key, value) in &rows {
                tx.execute(
                    "INSERT INTO settings (key, value) VALUES (?1, ?2)
                     ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    params![key, value],
                )?;
            }
            Ok(())
        })
    }

    /// Every session with its rep counts, oldest first.
    pub fn sessions(&self) -> Result<Vec<SessionSummary>, HistoryError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT s.id, s.started_unix_secs, s.ended_unix_secs, s.status, s.plan_json,
                    COALESCE(SUM(CASE WHEN r.partial = 0 THEN 1 ELSE 0 END), 0),
                    COALESCE(SUM(CASE WHEN r.partial = 0 AND r.faults_json = '[]' THEN 1 ELSE 0 END), 0),
                    COALESCE(SUM(CASE WHEN r.partial = 1 THEN 1 ELSE 0 END), 0)
                 FROM sessions s LEFT JOIN reps r ON r.session_id = s.id
                 GROUP BY s.id ORDER BY s.started_unix_secs, s.id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                let status: String = r.get(3)?;
                let plan_json: String = r.get(4)?;
                Ok(SessionSummary {
                    id: r.get(0)?,
                    started_unix_secs: r.get(1)?,
                    ended_unix_secs: r.get(2)?,
                    status: SessionStatus::parse(&status),
                    plan: serde_json::from_str(&plan_json).unwrap_or_default(),
                    reps: r.get(5)?,
                    good_reps: r.get(6)?,
                    partial_reps: r.get(7)?,
                })
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }

    /// Reps of one session (or of all sessions with `None`), in the order recorded.
    pub fn reps(&self, session: Option<SessionId>) -> Result<Vec<StoredRep>, HistoryError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT session_id, set_id, exercise_id, rep_number, start_secs, end_secs,
                    phase_secs_json, depth, faults_json, side, partial, recorded_unix_secs
                 FROM reps WHERE ?1 IS NULL OR session_id = ?1 ORDER BY id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params![session.map(|s| s.0)], |r| {
                let phase_json: String = r.get(6)?;
                let faults_json: String = r.get(8)?;
                Ok(StoredRep {
                    session_id: r.get(0)?,
                    set_id: r.get(1)?,
                    exercise_id: r.get(2)?,
                    rep: RepRecord {
                        rep_number: r.get(3)?,
                        start_secs: r.get(4)?,
                        end_secs: r.get(5)?,
                        phase_secs: serde_json::from_str(&phase_json).unwrap_or_default(),
                        depth: r.get(7)?,
                        faults: serde_json::from_str(&faults_json).unwrap_or_default(),
                        side: r.get(9)?,
                        partial: r.get(10)?,
                    },
                    recorded_unix_secs: r.get(11)?,
                })
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }

    /// Everything, as one document.
    pub fn export(&self) -> Result<HistoryExport, HistoryError> {
        Ok(HistoryExport {
            schema_version: self.schema_version()?,
            sessions: self.sessions()?,
            reps: self.reps(None)?,
            pain_reports: self.pain_reports()?,
        })
    }

    /// Writes the whole history as pretty JSON.
    pub fn export_json(&self, out: &mut dyn Write) -> Result<(), HistoryError> {
        let doc = self.export()?;
        serde_json::to_writer_pretty(&mut *out, &doc)
            .map_err(|e| HistoryError::Export(e.to_string()))?;
        writeln!(out).map_err(|e| HistoryError::Export(e.to_string()))
    }

    /// Writes every rep as CSV, one line per rep, with a header; then pain reports as
    /// rows with `record = pain`.
    pub fn export_csv(&self, out: &mut dyn Write) -> Result<(), HistoryError> {
        let doc = self.export()?;
        let io = |e: std::io::Error| HistoryError::Export(e.to_string());
        writeln!(
            out,
            "record,session_id,exercise_id,rep_number,start_secs,end_secs,phase_secs,depth,faults,side,partial,unix_secs,intensity,location"
        )
        .map_err(io)?;
        for r in &doc.reps {
            let phases: Vec<String> = r.rep.phase_secs.iter().map(|p| format!("{p:.2}")).collect();
            writeln!(
                out,
                "rep,{},{},{},{:.3},{:.3},{},{},{},{},{},{:.0},,",
                r.session_id,
                csv_field(&r.exercise_id),
                r.rep.rep_number,
                r.rep.start_secs,
                r.rep.end_secs,
                csv_field(&phases.join(" ")),
                r.rep.depth.map(|d| format!("{d:.4}")).unwrap_or_default(),
                csv_field(&r.rep.faults.join(" ")),
                r.rep.side.as_deref().unwrap_or(""),
                u8::from(r.rep.partial),
                r.recorded_unix_secs,
            )
            .map_err(io)?;
        }
        for p in &doc.pain_reports {
            writeln!(
                out,
                "pain,{},{},,,,,,,,,{:.0},{},{}",
                p.session_id.map(|s| s.to_string()).unwrap_or_default(),
                csv_field(p.exercise_id.as_deref().unwrap_or("")),
                p.reported_unix_secs,
                p.intensity.map(|i| i.to_string()).unwrap_or_default(),
                csv_field(&p.location),
            )
            .map_err(io)?;
        }
        Ok(())
    }
}

/// Quotes a CSV field when it needs it.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
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

    #[test]
    fn settings_rows_round_trip_and_bad_values_keep_defaults() {
        let settings = Settings {
            camera: "2".into(),
            width: 640,
            height: 480,
            mirror: true,
        };
        let rows = settings.to_rows();
        let back = Settings::from_rows(rows.iter().map(|(k, v)| (*k, v.as_str())));
        assert_eq!(back, settings);
        let bad =
            Settings::from_rows([(KEY_WIDTH, "wide"), (KEY_MIRROR, "maybe"), ("unknown", "x")]);
        assert_eq!(bad, Settings::default());
    }

    #[test]
    fn csv_quotes_when_needed() {
        assert_eq!(csv_field("lower back"), "lower back");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}

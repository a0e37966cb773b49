//! Sessions, sets and reps: what the user did, stored as it happens.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::{History, HistoryError};

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
    /// The app was closed from outside mid-session (SIGTERM, SIGINT): the set in progress
    /// was closed and the reps so far are kept. (An older backcoach reads it as
    /// [`SessionStatus::InProgress`], which it also shows as interrupted.)
    Interrupted,
}

impl SessionStatus {
    fn as_str(self) -> &'static str {
        match self {
            SessionStatus::InProgress => "in_progress",
            SessionStatus::Completed => "completed",
            SessionStatus::StoppedForPain => "stopped_for_pain",
            SessionStatus::EndedEarly => "ended_early",
            SessionStatus::Interrupted => "interrupted",
        }
    }

    fn parse(s: &str) -> SessionStatus {
        match s {
            "completed" => SessionStatus::Completed,
            "stopped_for_pain" => SessionStatus::StoppedForPain,
            "ended_early" => SessionStatus::EndedEarly,
            "interrupted" => SessionStatus::Interrupted,
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
    /// The rep's form score, 0-100 (exercises with a form score; `None` otherwise and for
    /// reps stored before schema version 5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form_score: Option<f64>,
    /// What the form measured past its limits, for people ("knees 8 cm inside the
    /// ankles"), in the session's language: shown on the Summary, not stored (a rep read
    /// back from the history has none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub form_notes: Vec<String>,
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

impl History {
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
                    phase_secs_json, depth, faults_json, side, partial, recorded_unix_secs,
                    form_score)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
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
                    recorded_unix_secs,
                    rep.form_score
                ],
            )?;
            Ok(Some(tx.last_insert_rowid()))
        })?;
        id.ok_or(HistoryError::Missing {
            what: "set",
            id: set.0,
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
                    phase_secs_json, depth, faults_json, side, partial, recorded_unix_secs,
                    form_score
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
                        form_score: r.get(12)?,
                        form_notes: Vec::new(),
                    },
                    recorded_unix_secs: r.get(11)?,
                })
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }
}

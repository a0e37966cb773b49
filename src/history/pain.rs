//! The pain diary.

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::{History, HistoryError};

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

impl History {
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
}

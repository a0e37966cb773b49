//! Work mode's days: one row per local day number with the day's figures as JSON
//! ([`DayFigures`]), written whole on every save (an upsert), so a restart or a kill
//! keeps what the last save held and the figures can grow new fields without a migration.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::{History, HistoryError};
use crate::work::DayFigures;

/// One working day in the history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkDayRecord {
    /// Local day number (see [`day_number`](super::day_number)).
    pub day: i64,
    /// When it was last saved, seconds since the Unix epoch.
    pub updated_unix_secs: f64,
    /// The day's figures.
    pub figures: DayFigures,
}

fn parse_figures(json: &str) -> DayFigures {
    // A row this build cannot read keeps its file; the figures read as zero.
    serde_json::from_str(json).unwrap_or_default()
}

impl History {
    /// Saves (replaces) the figures of local day `day`.
    pub fn save_work_day(
        &mut self,
        day: i64,
        figures: &DayFigures,
        updated_unix_secs: f64,
    ) -> Result<(), HistoryError> {
        let json =
            serde_json::to_string(figures).map_err(|e| HistoryError::Export(e.to_string()))?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO work_days (day, updated_unix_secs, figures_json) VALUES (?1, ?2, ?3)
                 ON CONFLICT(day) DO UPDATE SET updated_unix_secs = ?2, figures_json = ?3",
                params![day, updated_unix_secs, json],
            )?;
            Ok(())
        })
    }

    /// The figures of local day `day`, if work mode ran that day.
    pub fn work_day(&self, day: i64) -> Result<Option<DayFigures>, HistoryError> {
        self.conn
            .query_row(
                "SELECT figures_json FROM work_days WHERE day = ?1",
                params![day],
                |r| r.get::<_, String>(0),
            )
            .optional()
            .map(|json| json.as_deref().map(parse_figures))
            .map_err(|e| self.err(e))
    }

    /// Every working day, oldest first.
    pub fn work_days(&self) -> Result<Vec<WorkDayRecord>, HistoryError> {
        let mut stmt = self
            .conn
            .prepare("SELECT day, updated_unix_secs, figures_json FROM work_days ORDER BY day")
            .map_err(|e| self.err(e))?;
        stmt.query_map([], |r| {
            Ok(WorkDayRecord {
                day: r.get(0)?,
                updated_unix_secs: r.get(1)?,
                figures: parse_figures(&r.get::<_, String>(2)?),
            })
        })
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
        .map_err(|e| self.err(e))
    }
}

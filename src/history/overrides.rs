//! The user's own sets and reps for an exercise, which the programme's plan honours; kept
//! in the settings table, one row per exercise (`exercise_override.<id>` = `SETSxREPS`).

use std::collections::BTreeMap;

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::{History, HistoryError};

/// Key prefix of an exercise's override in the settings table.
const KEY_PREFIX: &str = "exercise_override.";

/// Sets and reps the user chose for an exercise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseOverride {
    /// Sets.
    pub sets: u32,
    /// Reps per set.
    pub reps: u32,
}

impl ExerciseOverride {
    /// `SETSxREPS` (`3x8`), as stored and as typed on the command line.
    pub fn to_text(self) -> String {
        format!("{}x{}", self.sets, self.reps)
    }

    /// Parses `SETSxREPS`; `None` when it is not two positive numbers around an `x`.
    pub fn parse(text: &str) -> Option<ExerciseOverride> {
        let (sets, reps) = text.trim().split_once(['x', 'X', '×'])?;
        let sets: u32 = sets.trim().parse().ok()?;
        let reps: u32 = reps.trim().parse().ok()?;
        (sets > 0 && reps > 0).then_some(ExerciseOverride { sets, reps })
    }
}

impl History {
    /// Every exercise's override, by exercise id (unreadable rows are skipped).
    pub fn exercise_overrides(&self) -> Result<BTreeMap<String, ExerciseOverride>, HistoryError> {
        let mut stmt = self
            .conn
            .prepare("SELECT key, value FROM settings WHERE key LIKE 'exercise\\_override.%' ESCAPE '\\'")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.err(e))?;
        Ok(rows
            .iter()
            .filter_map(|(key, value)| {
                let id = key.strip_prefix(KEY_PREFIX)?;
                Some((id.to_owned(), ExerciseOverride::parse(value)?))
            })
            .collect())
    }

    /// Stores (`Some`) or removes (`None`) the user's choice for an exercise.
    pub fn set_exercise_override(
        &mut self,
        exercise_id: &str,
        choice: Option<ExerciseOverride>,
    ) -> Result<(), HistoryError> {
        let key = format!("{KEY_PREFIX}{exercise_id}");
        self.write(|tx| match choice {
            Some(o) => tx
                .execute(
                    "INSERT INTO settings (key, value) VALUES (?1, ?2)
                     ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    params![key, o.to_text()],
                )
                .map(|_| ()),
            None => tx
                .execute("DELETE FROM settings WHERE key = ?1", params![key])
                .map(|_| ()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_parse_and_round_trip() {
        let o = ExerciseOverride { sets: 3, reps: 8 };
        assert_eq!(ExerciseOverride::parse(&o.to_text()), Some(o));
        assert_eq!(
            ExerciseOverride::parse(" 2 × 10 "),
            Some(ExerciseOverride { sets: 2, reps: 10 })
        );
        for bad in ["", "3", "0x5", "3x", "ax5", "3x-1"] {
            assert_eq!(ExerciseOverride::parse(bad), None, "{bad}");
        }
        let dir = tempfile::tempdir().unwrap();
        let mut h = History::open(dir.path()).unwrap();
        h.set_exercise_override("knee-bend", Some(o)).unwrap();
        h.set_exercise_override("side-bend", Some(o)).unwrap();
        h.set_exercise_override("side-bend", None).unwrap();
        let all = h.exercise_overrides().unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all["knee-bend"], o);
        assert_eq!(h.settings().unwrap(), crate::history::Settings::default());
    }
}

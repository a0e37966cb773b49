//! What the programme needs from the history, read once: per session, each exercise
//! attempted with its plan and counts; the pain reports; the days with a session.

use std::collections::BTreeMap;

use crate::history::{ExerciseOverride, History, HistoryError, day_number};

/// One exercise attempted in one session (at least one movement, counted or partial, or a
/// pain stop during it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExerciseSessionFact {
    /// Local day of the session.
    pub day: i64,
    /// The session's id (pain stops name it).
    pub session_id: i64,
    /// The exercise.
    pub exercise_id: String,
    /// Sets planned for it in that session.
    pub planned_sets: u32,
    /// Reps per set planned.
    pub planned_reps: u32,
    /// Counted (not partial) reps.
    pub counted_reps: u32,
    /// Counted reps with at least one form fault.
    pub faulted_reps: u32,
}

/// A pain report, with its local day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PainFact {
    /// Local day of the report.
    pub day: i64,
    /// 0-10, if given.
    pub intensity: Option<u8>,
    /// The session it was reported in (a pain stop), if any.
    pub session_id: Option<i64>,
    /// The exercise being done, if any.
    pub exercise_id: Option<String>,
}

impl PainFact {
    /// Whether this report is a pain stop: the live session writes one report, naming its
    /// session and exercise, each time the user stops for pain during an exercise; a
    /// report from the pain diary names neither.
    pub fn is_pain_stop(&self) -> bool {
        self.session_id.is_some() && self.exercise_id.is_some()
    }
}

/// Everything the programme reads from a history, in time order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HistoryFacts {
    /// Exercises attempted, session by session, oldest first.
    pub exercise_sessions: Vec<ExerciseSessionFact>,
    /// Pain reports, oldest first.
    pub pain: Vec<PainFact>,
    /// Days with at least one session (any status), ascending, no duplicates.
    pub session_days: Vec<i64>,
    /// The user's own sets and reps, by exercise id: the plan shows these instead of the
    /// programme's.
    pub overrides: BTreeMap<String, ExerciseOverride>,
}

impl HistoryFacts {
    /// Reads the facts from `history`; days are local days with `utc_offset_secs`.
    pub fn read(history: &History, utc_offset_secs: i64) -> Result<HistoryFacts, HistoryError> {
        let sessions = history.sessions()?;
        let reps = history.reps(None)?;
        let pain_reports = history.pain_reports()?;

        // (session, exercise) -> (counted, faulted, any movement)
        let mut counts: BTreeMap<(i64, &str), (u32, u32, bool)> = BTreeMap::new();
        for r in &reps {
            let entry = counts
                .entry((r.session_id, r.exercise_id.as_str()))
                .or_default();
            entry.2 = true;
            if !r.rep.partial {
                entry.0 += 1;
                if !r.rep.faults.is_empty() {
                    entry.1 += 1;
                }
            }
        }
        let pain: Vec<PainFact> = pain_reports
            .iter()
            .map(|p| PainFact {
                day: day_number(p.reported_unix_secs, utc_offset_secs),
                intensity: p.intensity,
                session_id: p.session_id,
                exercise_id: p.exercise_id.clone(),
            })
            .collect();

        let mut exercise_sessions = Vec::new();
        let mut session_days = Vec::new();
        for s in &sessions {
            let day = day_number(s.started_unix_secs, utc_offset_secs);
            session_days.push(day);
            for item in &s.plan {
                let (counted, faulted, moved) = counts
                    .get(&(s.id, item.exercise_id.as_str()))
                    .copied()
                    .unwrap_or_default();
                let stopped = pain.iter().any(|p| {
                    p.is_pain_stop()
                        && p.session_id == Some(s.id)
                        && p.exercise_id.as_deref() == Some(item.exercise_id.as_str())
                });
                if moved || stopped {
                    exercise_sessions.push(ExerciseSessionFact {
                        day,
                        session_id: s.id,
                        exercise_id: item.exercise_id.clone(),
                        planned_sets: item.sets,
                        planned_reps: item.reps,
                        counted_reps: counted,
                        faulted_reps: faulted,
                    });
                }
            }
        }
        session_days.sort_unstable();
        session_days.dedup();
        Ok(HistoryFacts {
            exercise_sessions,
            pain,
            session_days,
            overrides: history.exercise_overrides()?,
        })
    }
}

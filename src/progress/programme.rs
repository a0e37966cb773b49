//! The report's "Programme": per exercise, the plan's sets × reps over the period and the
//! changes, from the programme's [`timeline`](crate::programme::timeline) (so the words
//! match `backcoach plan`).

use serde::{Deserialize, Serialize};

use super::date_of_day;
use crate::exercise::{Category, ExerciseLibrary};
use crate::i18n::{Lang, tr, tr_args};
use crate::programme::{
    BackOffCause, ChangeKind, ExerciseStanding, HistoryFacts, ProgrammeRules, Reason, reason_text,
    timeline,
};

/// One exercise's programme in the period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeExercise {
    /// Exercise id.
    pub id: String,
    /// Its name in the report's language.
    pub name: String,
    /// Its category.
    pub category: Category,
    /// The plan's numbers on the period's first day (or the first day it was done), then
    /// one point per day they change.
    pub points: Vec<ProgrammePoint>,
    /// The changes in the period, oldest first.
    pub events: Vec<ProgrammeEvent>,
}

/// The plan's numbers from a day on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammePoint {
    /// Local date, `YYYY-MM-DD`.
    pub date: String,
    /// Local day number.
    pub day: i64,
    /// Sets in the plan.
    pub sets: u32,
    /// Reps per set in the plan.
    pub reps: u32,
    /// Whether these are the user's own numbers (the programme's are underneath).
    pub user_choice: bool,
    /// The programme's reps per set underneath.
    pub programme_reps: u32,
}

/// One change of an exercise's numbers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeEvent {
    /// The first date whose plan has it, `YYYY-MM-DD`.
    pub date: String,
    /// Its local day number.
    pub day: i64,
    /// `step_up`, `back_off`, `missed_week`, `override` or `override_cleared`.
    pub kind: String,
    /// For a back-off: `pain_stop` or `pain_report`.
    pub cause: Option<BackOffCause>,
    /// The date of the session or pain that caused it, when another day.
    pub cause_date: Option<String>,
    /// Sets from `date`.
    pub sets: u32,
    /// Reps per set from `date`.
    pub reps: u32,
    /// The plan's reason in the report's language (the words of `backcoach plan`).
    pub reason: String,
    /// The reason's code (`pain_stop`), the same in every language.
    pub reason_code: String,
    /// The reason's data (days, intensities), for the page's own wording.
    pub reason_detail: Reason,
}

/// The programme of every exercise done (or chosen) up to `to_day`, from `from_day`.
pub fn programme_figures(
    library: &ExerciseLibrary,
    rules: &ProgrammeRules,
    facts: &HistoryFacts,
    from_day: i64,
    to_day: i64,
    lang: Lang,
) -> Vec<ProgrammeExercise> {
    timeline(library, rules, facts, from_day, to_day)
        .exercises
        .into_iter()
        .map(|e| ProgrammeExercise {
            name: library
                .get(&e.exercise_id)
                .map_or_else(|| e.exercise_id.clone(), |x| x.name_in(lang).to_owned()),
            category: e.category,
            points: e
                .points
                .iter()
                .map(|p| ProgrammePoint {
                    date: date_of_day(p.day),
                    day: p.day,
                    sets: p.sets,
                    reps: p.reps,
                    user_choice: (p.sets, p.reps) != (p.programme_sets, p.programme_reps),
                    programme_reps: p.programme_reps,
                })
                .collect(),
            events: e
                .events
                .iter()
                .map(|v| {
                    let standing = ExerciseStanding {
                        sets: v.sets,
                        reps: v.reps,
                        reason: v.reason.clone(),
                        ..e.last.clone()
                    };
                    ProgrammeEvent {
                        date: date_of_day(v.day),
                        day: v.day,
                        kind: v.change.code().to_owned(),
                        cause: match v.change {
                            ChangeKind::BackOff { cause } => Some(cause),
                            _ => None,
                        },
                        cause_date: v.cause_day.map(date_of_day),
                        sets: v.sets,
                        reps: v.reps,
                        reason: reason_text(&standing, rules, lang),
                        reason_code: v.reason_code.clone(),
                        reason_detail: v.reason.clone(),
                    }
                })
                .collect(),
            id: e.exercise_id,
        })
        .collect()
}

/// `YYYY-MM-DD` as "12 Mar" ("12. mar." in Danish), for the programme's changes; the
/// text as it is when it is not a date.
pub fn short_date(lang: Lang, date: &str) -> String {
    let parts: Vec<&str> = date.split('-').collect();
    let (Some(month), Some(day)) = (
        parts.get(1).and_then(|m| m.parse::<usize>().ok()),
        parts.get(2).and_then(|d| d.parse::<u32>().ok()),
    ) else {
        return date.to_owned();
    };
    let months = tr(lang, "report-programme-months");
    let Some(name) = months.split_whitespace().nth(month.wrapping_sub(1)) else {
        return date.to_owned();
    };
    tr_args(
        lang,
        "report-programme-date",
        &[("day", day.into()), ("month", name.into())],
    )
}

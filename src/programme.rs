//! The programme: today's plan, which progresses and backs off (`backcoach plan`).
//!
//! Contract:
//! - The rules are data: `exercises/programme/rules.toml` ([`ProgrammeRules`], embedded in
//!   the binary like the exercises). Every number lives there; this module only applies
//!   them. In short: every exercise starts at 2 sets of 5; 2 clean sessions in a row (every
//!   planned rep counted, no pain report above the user's usual that day, at most 1 counted
//!   rep in 5 with a form fault) add a rep per set, up to 10; a pain stop during an
//!   exercise, or a pain report for it 2 points above the usual, drops it 2 reps (never
//!   below 5) and pauses its progression for the day and the 3 days after; 7 days in a row
//!   without a session (a missed week) bring every exercise already started one rep lower.
//! - The user's usual pain on a day is the (upper) median intensity of their pain reports
//!   in the 28 days before it, 0 without any: a median, so one bad day does not move it,
//!   and the days before, so today's report is judged against the user's own past.
//! - Variety: each day's plan holds one exercise from each of 3 of the 4 categories
//!   (`category` in the exercise files): the categories offered (or done) longest ago,
//!   replayed day by day from the first session, so the rotation keeps turning on days
//!   without a session and every category comes back within 2 days (checked against the
//!   rules' `max_category_gap_days`, 3); each category takes its turn at being left out,
//!   one day in 4. In each category, the exercise done longest ago.
//! - Pure: [`plan_for_day`] and [`standings`] read [`HistoryFacts`] (read once from a
//!   [`History`](crate::history::History) by [`HistoryFacts::read`]), the library, the rules
//!   and the day; time is an input (a local day number), nothing here reads a clock. The
//!   plan for a day depends only on the days before it: a session done today counts from
//!   tomorrow's plan on.
//! - A pain stop is the report the live session writes when the user stops for pain: it
//!   names its session and exercise ([`PainFact::is_pain_stop`]). A diary report names no
//!   exercise: above the usual it keeps that day's sessions from being clean; 2 points or
//!   more above it backs off every exercise done that day (the pain is put down to them).
//!   At most one back-off per exercise per day; a session on the day of its back-off is
//!   not judged, nor are sessions during the pause.
//! - The user's own sets and reps for an exercise (kept in the history's settings,
//!   [`ExerciseOverride`](crate::history::ExerciseOverride)) replace the programme's in the
//!   plan, with the programme's in the reason; the programme's count goes on underneath
//!   (sessions are judged against what was planned in them).
//! - The week at a glance ([`week_summary`]): the last 7 days, today included, each done
//!   or not (a counted rep that day) with the categories trained; pure, like the plan.
//! - Reasons are data ([`Reason`]); [`reason_text`] words them in English or Danish
//!   (`locales/<lang>/programme.ftl`).
//! - Over time: [`timeline`] replays the same days ([`Replay`], one pass) for each
//!   exercise's sets × reps day by day and the changes (step up, back-off and its cause,
//!   missed week, the user's own numbers), each with the plan's [`Reason`]: the History
//!   screen and the therapist report draw it.

mod facts;
mod plan;
mod rules;
mod timeline;
mod week;

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::exercise::{Category, ExerciseLibrary};
use crate::i18n::{Arg, Lang, tr_args};
use crate::progress::date_of_day;

pub use facts::{ExerciseSessionFact, HistoryFacts, PainFact};
pub use plan::{
    DayPlan, ExerciseStanding, Reason, Replay, apply_override, plan_for_day, standings, usual_pain,
};
pub use rules::{
    BackOffRules, MissedWeekRules, ProgrammeRules, ProgressionRules, RULES_PATH_IN_EXERCISES,
    RotationRules, StartRules, UsualPainRules,
};
pub use timeline::{
    BackOffCause, ChangeKind, ExerciseTimeline, Timeline, TimelineEvent, TimelinePoint, timeline,
};
pub use week::{DaySummary, WEEK_DAYS, week_summary, weekday_from_monday};

/// Failures loading the programme's rules.
#[derive(Debug, thiserror::Error)]
pub enum ProgrammeError {
    /// The rules file could not be read.
    #[error("cannot read the programme rules {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file is not valid TOML for the rules (unknown or missing field, wrong type).
    #[error("programme rules {path}: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// The TOML error, with line and column.
        message: String,
    },
    /// A field has a value the programme cannot use.
    #[error("programme rules {path}: field `{field}`: {message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Dotted path of the field (`back_off.drop_reps`).
        field: String,
        /// Expected vs found.
        message: String,
    },
}

/// The local day number (days since 1970-01-01) of a calendar date.
pub fn day_of_date(date: chrono::NaiveDate) -> i64 {
    date.signed_duration_since(chrono::NaiveDate::default())
        .num_days()
}

/// The `backcoach plan --json` document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanDocument {
    /// The plan's date, `YYYY-MM-DD`.
    pub date: String,
    /// Today's exercises.
    pub exercises: Vec<PlanEntry>,
}

/// One exercise of [`PlanDocument`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanEntry {
    /// Exercise id.
    pub id: String,
    /// Its name in the document's language.
    pub name: String,
    /// Its category.
    pub category: Category,
    /// Sets.
    pub sets: u32,
    /// Reps per set.
    pub reps: u32,
    /// Why these sets and reps, in the document's language.
    pub reason: String,
    /// [`Reason::code`]: the same in every language.
    pub reason_code: String,
}

impl DayPlan {
    /// The JSON document, names and reasons in `lang`.
    pub fn document(
        &self,
        library: &ExerciseLibrary,
        rules: &ProgrammeRules,
        lang: Lang,
    ) -> PlanDocument {
        PlanDocument {
            date: date_of_day(self.day),
            exercises: self
                .exercises
                .iter()
                .map(|s| PlanEntry {
                    id: s.exercise_id.clone(),
                    name: library
                        .get(&s.exercise_id)
                        .map(|e| e.name_in(lang).to_owned())
                        .unwrap_or_else(|| s.exercise_id.clone()),
                    category: s.category,
                    sets: s.sets,
                    reps: s.reps,
                    reason: reason_text(s, rules, lang),
                    reason_code: s.reason.code().to_owned(),
                })
                .collect(),
        }
    }
}

/// A category's name in `lang` ("mobility", "mobilitet"), for the text form.
pub fn category_name(category: Category, lang: Lang) -> String {
    let key = match category {
        Category::Mobility => "programme-category-mobility",
        Category::Stability => "programme-category-stability",
        Category::Strength => "programme-category-strength",
        Category::Stamina => "programme-category-stamina",
    };
    crate::i18n::tr(lang, key)
}

/// The reason for a standing, in `lang`.
pub fn reason_text(s: &ExerciseStanding, rules: &ProgrammeRules, lang: Lang) -> String {
    let p = &rules.progression;
    let mut args: Vec<(&str, Arg)> = vec![("sets", s.sets.into()), ("reps", s.reps.into())];
    let key = match &s.reason {
        Reason::Start => "programme-reason-start",
        Reason::SteppedUp { .. } => {
            args.push(("clean", p.clean_sessions_to_step_up.into()));
            args.push(("faulted", p.max_faulted_reps.into()));
            args.push(("out_of", p.faulted_reps_out_of.into()));
            "programme-reason-stepped-up"
        }
        Reason::AtTop => "programme-reason-at-top",
        Reason::Holding { clean_sessions } => {
            args.push(("clean", (*clean_sessions).into()));
            args.push(("needed", p.clean_sessions_to_step_up.into()));
            "programme-reason-holding"
        }
        Reason::Incomplete {
            counted_reps,
            planned_reps,
        } => {
            args.push(("counted", (*counted_reps).into()));
            args.push(("planned", (*planned_reps).into()));
            "programme-reason-incomplete"
        }
        Reason::TooManyFaults {
            faulted_reps,
            counted_reps,
        } => {
            args.push(("faulted", (*faulted_reps).into()));
            args.push(("counted", (*counted_reps).into()));
            args.push(("max", p.max_faulted_reps.into()));
            args.push(("out_of", p.faulted_reps_out_of.into()));
            "programme-reason-too-many-faults"
        }
        Reason::PainAboveUsual { intensity, usual } => {
            args.push(("intensity", u32::from(*intensity).into()));
            args.push(("usual", u32::from(*usual).into()));
            "programme-reason-pain-above-usual"
        }
        Reason::PainStop {
            day,
            paused_until_day,
        } => {
            args.push(("date", date_of_day(*day).into()));
            args.push(("resume", date_of_day(paused_until_day + 1).into()));
            args.push(("drop", rules.back_off.drop_reps.into()));
            "programme-reason-pain-stop"
        }
        Reason::PainReport {
            day,
            intensity,
            usual,
            paused_until_day,
        } => {
            args.push(("date", date_of_day(*day).into()));
            args.push(("resume", date_of_day(paused_until_day + 1).into()));
            args.push(("drop", rules.back_off.drop_reps.into()));
            args.push(("intensity", u32::from(*intensity).into()));
            args.push(("usual", u32::from(*usual).into()));
            "programme-reason-pain-report"
        }
        Reason::MissedWeek {
            days_without_session,
        } => {
            args.push(("days", (*days_without_session).into()));
            "programme-reason-missed-week"
        }
        Reason::UserChoice {
            programme_sets,
            programme_reps,
        } => {
            args.push(("programme_sets", (*programme_sets).into()));
            args.push(("programme_reps", (*programme_reps).into()));
            "programme-reason-user-choice"
        }
    };
    tr_args(lang, key, &args)
}

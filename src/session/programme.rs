//! Today's programme inside the session: the plan Home shows and Start runs, with the
//! reason for each exercise, and the week at a glance.
//!
//! Contract:
//! - The plan is [`plan_for_day`] for the user's local day, from [`HistoryFacts::read`] of
//!   the session's history, the library and the rules: the very same function and inputs
//!   as `backcoach plan` (the user's Library overrides included).
//! - It is read again when the day changes (seen in [`Session::tick`] on Home) and when a
//!   session ends; after an override
//!   ([`Command::SetOverride`](super::Command::SetOverride)) only the overrides are read
//!   again. Never per frame. (A year of daily sessions, ~11,000 reps: reading the facts
//!   and planning take ~60-100 ms in a debug build.)
//! - A hand choice in the Library ([`super::Command::SetPlan`] with exercises) replaces the
//!   programme's selection of exercises for today, with the sets and reps it gives (the
//!   Library gives today's: the programme's, or the user's override; an override changed
//!   later reaches the hand choice too). An empty hand choice, [`super::Command::FollowProgramme`]
//!   or the next day brings the programme's selection back. Simplest for the user: what
//!   they chose today is what they do today; tomorrow the programme plans again.

use crate::exercise::ExerciseLibrary;
use crate::history::{ExerciseOverride, History, HistoryError, day_number};
use crate::i18n::Lang;
use crate::programme::{
    DayPlan, DaySummary, ExerciseStanding, HistoryFacts, ProgrammeRules, apply_override,
    plan_for_day, reason_text, standings, week_summary,
};

use super::{PlanItem, REPS_RANGE, Session, Stage};

/// Most sets the Library's stepper offers.
pub const MAX_OVERRIDE_SETS: u32 = 5;

/// The programme as it stands today.
#[derive(Clone, Debug)]
pub struct TodayProgramme {
    library: ExerciseLibrary,
    rules: ProgrammeRules,
    utc_offset_secs: i64,
    facts: HistoryFacts,
    day: i64,
    plan: DayPlan,
    /// Every exercise's standing today, the user's overrides applied, in id order.
    standings: Vec<ExerciseStanding>,
}

impl TodayProgramme {
    /// Today's programme from `history` (none: every exercise starts afresh) on the local
    /// day of `unix_secs`.
    fn read(
        library: ExerciseLibrary,
        rules: ProgrammeRules,
        utc_offset_secs: i64,
        history: Option<&History>,
        unix_secs: f64,
    ) -> (TodayProgramme, Option<HistoryError>) {
        let day = day_number(unix_secs, utc_offset_secs);
        let mut p = TodayProgramme {
            plan: DayPlan {
                day,
                exercises: Vec::new(),
            },
            library,
            rules,
            utc_offset_secs,
            facts: HistoryFacts::default(),
            day,
            standings: Vec::new(),
        };
        let error = p.refresh(history, day);
        (p, error)
    }

    /// Reads the facts again and replans for `day`; on a history error the facts are
    /// kept as they were.
    fn refresh(&mut self, history: Option<&History>, day: i64) -> Option<HistoryError> {
        let mut error = None;
        if let Some(h) = history {
            match HistoryFacts::read(h, self.utc_offset_secs) {
                Ok(facts) => self.facts = facts,
                Err(e) => error = Some(e),
            }
        }
        self.day = day;
        self.replan();
        error
    }

    /// Reads only the user's overrides again (cheap: no reps) and replans.
    fn refresh_overrides(&mut self, history: Option<&History>) -> Option<HistoryError> {
        let mut error = None;
        if let Some(h) = history {
            match h.exercise_overrides() {
                Ok(o) => self.facts.overrides = o,
                Err(e) => error = Some(e),
            }
        }
        self.replan();
        error
    }

    /// The plan and the standings for the day from the facts held.
    fn replan(&mut self) {
        self.plan = plan_for_day(&self.library, &self.rules, &self.facts, self.day);
        self.standings = standings(&self.library, &self.rules, &self.facts, self.day)
            .into_iter()
            .map(|s| apply_override(s, &self.facts))
            .collect();
    }

    /// The local day planned for (days since 1970-01-01).
    pub fn day(&self) -> i64 {
        self.day
    }

    /// The programme's plan for today (whether or not the user chose by hand).
    pub fn plan(&self) -> &DayPlan {
        &self.plan
    }

    /// An exercise's standing today (the user's override applied).
    pub fn standing(&self, exercise_id: &str) -> Option<&ExerciseStanding> {
        self.standings.iter().find(|s| s.exercise_id == exercise_id)
    }

    /// The user's override for an exercise, if any.
    pub fn override_for(&self, exercise_id: &str) -> Option<ExerciseOverride> {
        self.facts.overrides.get(exercise_id).copied()
    }

    /// Why an exercise has today's sets and reps, in `lang`.
    pub fn reason_text(&self, exercise_id: &str, lang: Lang) -> Option<String> {
        let s = self
            .plan
            .exercises
            .iter()
            .find(|s| s.exercise_id == exercise_id)
            .or_else(|| self.standing(exercise_id))?;
        Some(reason_text(s, &self.rules, lang))
    }

    /// The last 7 days, today last (see [`week_summary`]).
    pub fn week(&self) -> Vec<DaySummary> {
        week_summary(&self.facts, &self.library, self.day)
    }

    /// Reps per set the user may choose: the rules' range within [`REPS_RANGE`].
    pub fn reps_range(&self) -> std::ops::RangeInclusive<u32> {
        let low = self.rules.back_off.min_reps.max(*REPS_RANGE.start());
        let high = self.rules.progression.max_reps.min(*REPS_RANGE.end());
        low..=high.max(low)
    }

    /// The programme's plan as plan items.
    fn plan_items(&self) -> Vec<PlanItem> {
        self.plan
            .exercises
            .iter()
            .filter_map(|s| {
                let exercise = self.library.get(&s.exercise_id)?.clone();
                Some(PlanItem {
                    exercise,
                    sets: s.sets,
                    reps: s.reps,
                })
            })
            .collect()
    }
}

impl Session {
    /// Follows the programme: the plan becomes today's programme for the local day of the
    /// session's clock (`utc_offset_secs` east of UTC), unless a plan was already chosen.
    pub fn with_programme(
        mut self,
        library: ExerciseLibrary,
        rules: ProgrammeRules,
        utc_offset_secs: i64,
    ) -> Session {
        let (p, error) = TodayProgramme::read(
            library,
            rules,
            utc_offset_secs,
            self.history.as_ref(),
            self.unix(self.now_secs),
        );
        if let Some(e) = error {
            self.history_error = Some(e.to_string());
        }
        self.programme = Some(p);
        self.hand_chosen = !self.plan.is_empty();
        self.sync_plan();
        self
    }

    /// Today's programme, when the session follows one.
    pub fn programme(&self) -> Option<&TodayProgramme> {
        self.programme.as_ref()
    }

    /// Whether today's plan was chosen by hand in the Library (not the programme's
    /// selection).
    pub fn plan_is_hand_chosen(&self) -> bool {
        self.hand_chosen
    }

    /// Today's sets and reps for an exercise: the programme's standing (with the user's
    /// override), without a programme the exercise's own.
    pub fn count_for(&self, item: &PlanItem) -> (u32, u32) {
        self.programme
            .as_ref()
            .and_then(|p| p.standing(&item.exercise.id))
            .map_or((item.sets, item.reps), |s| (s.sets, s.reps))
    }

    /// Reads the programme again (after the history changed, or on a new day) and, on
    /// Home, replans.
    pub(super) fn refresh_programme(&mut self) {
        let day = day_number(self.unix(self.now_secs), self.utc_offset_secs());
        let Some(p) = self.programme.as_mut() else {
            return;
        };
        if let Some(e) = p.refresh(self.history.as_ref(), day) {
            self.history_error = Some(e.to_string());
        }
        self.sync_plan();
    }

    fn utc_offset_secs(&self) -> i64 {
        self.programme.as_ref().map_or(0, |p| p.utc_offset_secs)
    }

    /// On Home, a new local day: the programme plans again and a hand choice ends.
    pub(super) fn check_new_day(&mut self) {
        if !matches!(self.stage, Stage::Plan) {
            return;
        }
        let day = day_number(self.unix(self.now_secs), self.utc_offset_secs());
        if self.programme.as_ref().is_some_and(|p| p.day != day) {
            self.hand_chosen = false;
            self.refresh_programme();
        }
    }

    /// On Home without a hand choice: the plan is the programme's.
    pub(super) fn sync_plan(&mut self) {
        if !matches!(self.stage, Stage::Plan) {
            return;
        }
        let Some(p) = self.programme.as_ref() else {
            return;
        };
        if !self.hand_chosen {
            self.plan = p.plan_items();
        }
    }

    /// [`super::Command::SetOverride`]: stores the choice (as `backcoach plan --choose` does)
    /// and replans.
    pub(super) fn set_override(&mut self, exercise_id: &str, choice: Option<ExerciseOverride>) {
        let known = self
            .programme
            .as_ref()
            .is_some_and(|p| p.library.get(exercise_id).is_some());
        if !known {
            return;
        }
        let range = self
            .programme
            .as_ref()
            .map_or(REPS_RANGE, TodayProgramme::reps_range);
        let choice = choice.map(|c| ExerciseOverride {
            sets: c.sets.clamp(1, MAX_OVERRIDE_SETS),
            reps: c.reps.clamp(*range.start(), *range.end()),
        });
        let id = exercise_id.to_owned();
        self.record_history(|h| h.set_exercise_override(&id, choice));
        if let Some(p) = self.programme.as_mut()
            && let Some(e) = p.refresh_overrides(self.history.as_ref())
        {
            self.history_error = Some(e.to_string());
        }
        self.sync_plan();
        // A hand choice holding this exercise takes its new count too.
        if self.hand_chosen && matches!(self.stage, Stage::Plan) {
            let count = self
                .programme
                .as_ref()
                .and_then(|p| p.standing(exercise_id))
                .map(|s| (s.sets, s.reps));
            if let Some((sets, reps)) = count {
                for item in self.plan.iter_mut().filter(|i| i.exercise.id == id) {
                    (item.sets, item.reps) = (sets, reps);
                }
            }
        }
    }
}

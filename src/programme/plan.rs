//! The pure part: the history's facts replayed day by day through the rules, then today's
//! choice of exercises.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::facts::{ExerciseSessionFact, HistoryFacts, PainFact};
use super::rules::ProgrammeRules;
use crate::exercise::{Category, ExerciseLibrary};

/// Why an exercise has its sets and reps today. The last thing that happened to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Reason {
    /// Never done: the start.
    Start,
    /// A step up after enough clean sessions in a row.
    SteppedUp {
        /// Day of the session that completed the run.
        day: i64,
    },
    /// Clean again, and already at the most reps.
    AtTop,
    /// Clean, but not yet enough clean sessions in a row.
    Holding {
        /// Clean sessions in a row so far.
        clean_sessions: u32,
    },
    /// The last session was not clean: every planned rep not counted.
    Incomplete {
        /// Reps counted.
        counted_reps: u32,
        /// Reps planned (sets × reps).
        planned_reps: u32,
    },
    /// The last session was not clean: too many reps with a form fault.
    TooManyFaults {
        /// Counted reps with a fault.
        faulted_reps: u32,
        /// Counted reps.
        counted_reps: u32,
    },
    /// The last session was not clean: pain above the usual that day.
    PainAboveUsual {
        /// The highest intensity reported.
        intensity: u8,
        /// The usual then.
        usual: u8,
    },
    /// Backed off for a pain stop.
    PainStop {
        /// Day of the pain stop.
        day: i64,
        /// Last day of the pause.
        paused_until_day: i64,
    },
    /// Backed off for a pain report well above the usual.
    PainReport {
        /// Day of the report.
        day: i64,
        /// Its intensity.
        intensity: u8,
        /// The usual then.
        usual: u8,
        /// Last day of the pause.
        paused_until_day: i64,
    },
    /// One step lower after a missed week.
    MissedWeek {
        /// Days in a row without a session.
        days_without_session: u32,
    },
    /// The user chose the sets and reps (the Library override); the programme keeps its
    /// own count underneath.
    UserChoice {
        /// The programme's sets.
        programme_sets: u32,
        /// The programme's reps per set.
        programme_reps: u32,
    },
}

impl Reason {
    /// The stable snake_case code (`stepped_up`), as in the JSON's `reason_code`.
    pub fn code(&self) -> &'static str {
        match self {
            Reason::Start => "start",
            Reason::SteppedUp { .. } => "stepped_up",
            Reason::AtTop => "at_top",
            Reason::Holding { .. } => "holding",
            Reason::Incomplete { .. } => "incomplete",
            Reason::TooManyFaults { .. } => "too_many_faults",
            Reason::PainAboveUsual { .. } => "pain_above_usual",
            Reason::PainStop { .. } => "pain_stop",
            Reason::PainReport { .. } => "pain_report",
            Reason::MissedWeek { .. } => "missed_week",
            Reason::UserChoice { .. } => "user_choice",
        }
    }
}

/// One exercise's standing on a day: its sets and reps if it were done that day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseStanding {
    /// The exercise.
    pub exercise_id: String,
    /// Its category.
    pub category: Category,
    /// Sets.
    pub sets: u32,
    /// Reps per set.
    pub reps: u32,
    /// Clean sessions in a row towards the next step up.
    pub clean_sessions: u32,
    /// Last day of a pause after pain (no step up until the day after), if any.
    pub paused_until_day: Option<i64>,
    /// Last day a session counted at least one rep of it, if any.
    pub last_done_day: Option<i64>,
    /// Why.
    pub reason: Reason,
}

/// Today's plan: one exercise from each of the chosen categories.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayPlan {
    /// The plan's local day (days since 1970-01-01).
    pub day: i64,
    /// The exercises, in the rules' category order.
    pub exercises: Vec<ExerciseStanding>,
}

/// The user's usual pain on `day`: the upper median of the intensities reported in the
/// `window_days` days before it, or the default with too few reports.
pub fn usual_pain(rules: &ProgrammeRules, pain: &[PainFact], day: i64) -> u8 {
    let u = &rules.usual_pain;
    let from = day - i64::from(u.window_days);
    let mut values: Vec<u8> = pain
        .iter()
        .filter(|p| p.day >= from && p.day < day)
        .filter_map(|p| p.intensity)
        .collect();
    if values.len() < u.min_reports as usize {
        return u.default_points;
    }
    values.sort_unstable();
    values[values.len() / 2]
}

/// Every exercise of `library` as it stands on `today`, from the facts of the days
/// before `today` (a session done today counts from tomorrow on), in id order.
pub fn standings(
    library: &ExerciseLibrary,
    rules: &ProgrammeRules,
    facts: &HistoryFacts,
    today: i64,
) -> Vec<ExerciseStanding> {
    Replay::new(library, rules, facts).standings_on(today)
}

/// The history's facts replayed day by day through the rules, for the standings of many
/// days in one pass: [`Replay::standings_on`] a day gives what [`standings`] gives for it.
/// Ask for days in ascending order (an earlier day starts the replay again).
pub struct Replay<'a> {
    library: &'a ExerciseLibrary,
    rules: &'a ProgrammeRules,
    facts: &'a HistoryFacts,
    /// Every pain report, oldest first.
    pain: Vec<&'a PainFact>,
    /// The days that can change a standing (session days and pain stops), ascending.
    days: Vec<i64>,
    /// How many of `days` are replayed.
    replayed: usize,
    state: BTreeMap<&'a str, ExerciseStanding>,
    started: BTreeSet<String>,
    last_session_day: Option<i64>,
    /// The last day asked for.
    asked: Option<i64>,
}

impl<'a> Replay<'a> {
    /// A replay at its start: every exercise at the rules' start.
    pub fn new(
        library: &'a ExerciseLibrary,
        rules: &'a ProgrammeRules,
        facts: &'a HistoryFacts,
    ) -> Replay<'a> {
        let mut days: BTreeSet<i64> = facts.session_days.iter().copied().collect();
        days.extend(
            facts
                .pain
                .iter()
                .filter(|p| p.exercise_id.is_some())
                .map(|p| p.day),
        );
        let mut replay = Replay {
            library,
            rules,
            facts,
            pain: facts.pain.iter().collect(),
            days: days.into_iter().collect(),
            replayed: 0,
            state: BTreeMap::new(),
            started: BTreeSet::new(),
            last_session_day: None,
            asked: None,
        };
        replay.restart();
        replay
    }

    fn restart(&mut self) {
        let rules = self.rules;
        self.state = self
            .library
            .exercises()
            .iter()
            .map(|e| {
                (
                    e.id.as_str(),
                    ExerciseStanding {
                        exercise_id: e.id.clone(),
                        category: e.category,
                        sets: rules.start.sets,
                        reps: rules.start.reps,
                        clean_sessions: 0,
                        paused_until_day: None,
                        last_done_day: None,
                        reason: Reason::Start,
                    },
                )
            })
            .collect();
        self.started.clear();
        self.last_session_day = None;
        self.replayed = 0;
        self.asked = None;
    }

    /// Every exercise of the library as it stands on `today`, in id order: the days
    /// before it replayed (from where the last call stopped).
    pub fn standings_on(&mut self, today: i64) -> Vec<ExerciseStanding> {
        if self.asked.is_some_and(|asked| today < asked) {
            self.restart();
        }
        self.asked = Some(today);
        while let Some(&day) = self.days.get(self.replayed) {
            if day >= today {
                break;
            }
            self.replay_day(day);
            self.replayed += 1;
        }
        let mut state = self.state.clone();
        if let Some(prev) = self.last_session_day {
            missed_week(self.rules, &mut state, &self.started, prev, today);
        }
        state.into_values().collect()
    }

    /// One day's facts: its missed week, back-offs, then its sessions judged.
    fn replay_day(&mut self, day: i64) {
        let (rules, facts) = (self.rules, self.facts);
        let state = &mut self.state;
        let started = &mut self.started;
        if facts.session_days.binary_search(&day).is_ok() {
            if let Some(prev) = self.last_session_day {
                missed_week(rules, state, started, prev, day);
            }
            self.last_session_day = Some(day);
        }
        let usual = usual_pain(rules, &facts.pain, day);
        let mut backed_off: BTreeSet<String> = BTreeSet::new();
        let sessions: Vec<&ExerciseSessionFact> = facts
            .exercise_sessions
            .iter()
            .filter(|f| f.day == day)
            .collect();
        let done_today: Vec<&str> = sessions.iter().map(|f| f.exercise_id.as_str()).collect();
        // Back-offs first: a session on the day of a back-off is not judged for progress.
        for p in self.pain.iter().filter(|p| p.day == day) {
            let high = p
                .intensity
                .filter(|i| *i >= usual.saturating_add(rules.back_off.pain_above_usual_points));
            // A pain stop or a report for an exercise backs off that exercise; a diary
            // report well above the usual backs off every exercise done that day.
            let targets: Vec<&str> = match p.exercise_id.as_deref() {
                Some(id) if p.is_pain_stop() || high.is_some() => vec![id],
                Some(_) => Vec::new(),
                None if high.is_some() => done_today.clone(),
                None => Vec::new(),
            };
            for id in targets {
                if backed_off.contains(id) {
                    continue;
                }
                let Some(s) = state.get_mut(id) else { continue };
                let paused_until_day = day + i64::from(rules.back_off.pause_days);
                s.reps = s
                    .reps
                    .saturating_sub(rules.back_off.drop_reps)
                    .max(rules.back_off.min_reps);
                s.clean_sessions = 0;
                s.paused_until_day = Some(paused_until_day);
                s.reason = match high {
                    Some(intensity) if !p.is_pain_stop() => Reason::PainReport {
                        day,
                        intensity,
                        usual,
                        paused_until_day,
                    },
                    _ => Reason::PainStop {
                        day,
                        paused_until_day,
                    },
                };
                backed_off.insert(id.to_owned());
                started.insert(id.to_owned());
            }
        }
        for fact in sessions {
            let Some(s) = state.get_mut(fact.exercise_id.as_str()) else {
                continue;
            };
            started.insert(fact.exercise_id.clone());
            if fact.counted_reps > 0 {
                s.last_done_day = Some(day);
            }
            if backed_off.contains(fact.exercise_id.as_str()) {
                continue;
            }
            judge(rules, s, fact, &self.pain, usual);
        }
    }
}

/// A missed week between the session day `prev` and `day` (a later session day, or the
/// plan's day): every started exercise one step lower.
fn missed_week(
    rules: &ProgrammeRules,
    state: &mut BTreeMap<&str, ExerciseStanding>,
    started: &BTreeSet<String>,
    prev: i64,
    day: i64,
) {
    let missed = day - prev - 1;
    if missed < i64::from(rules.missed_week.days_without_session) {
        return;
    }
    for s in state.values_mut() {
        if !started.contains(&s.exercise_id) {
            continue;
        }
        s.reps = s
            .reps
            .saturating_sub(rules.missed_week.step_down_reps)
            .max(rules.back_off.min_reps);
        s.clean_sessions = 0;
        s.reason = Reason::MissedWeek {
            days_without_session: u32::try_from(missed).unwrap_or(u32::MAX),
        };
    }
}

/// Judges one session of an exercise (no back-off that day): clean or not, and a step up
/// after enough clean ones in a row outside a pause.
fn judge(
    rules: &ProgrammeRules,
    s: &mut ExerciseStanding,
    fact: &ExerciseSessionFact,
    pain: &[&PainFact],
    usual: u8,
) {
    if s.paused_until_day.is_some_and(|until| fact.day <= until) {
        // Paused: the session does not count either way; the back-off stays the reason.
        return;
    }
    let p = &rules.progression;
    let planned_reps = fact.planned_sets * fact.planned_reps;
    // Pain that day: the diary's reports (no exercise) and this exercise's own.
    let worst_pain = pain
        .iter()
        .filter(|r| r.day == fact.day)
        .filter(|r| r.exercise_id.is_none() || r.exercise_id.as_deref() == Some(&fact.exercise_id))
        .filter_map(|r| r.intensity)
        .max();
    let not_clean = if fact.counted_reps < planned_reps {
        Some(Reason::Incomplete {
            counted_reps: fact.counted_reps,
            planned_reps,
        })
    } else if let Some(intensity) = worst_pain.filter(|i| *i > usual) {
        Some(Reason::PainAboveUsual { intensity, usual })
    } else if u64::from(fact.faulted_reps) * u64::from(p.faulted_reps_out_of)
        > u64::from(p.max_faulted_reps) * u64::from(fact.counted_reps)
    {
        Some(Reason::TooManyFaults {
            faulted_reps: fact.faulted_reps,
            counted_reps: fact.counted_reps,
        })
    } else {
        None
    };
    if let Some(reason) = not_clean {
        s.clean_sessions = 0;
        s.reason = reason;
        return;
    }
    s.clean_sessions += 1;
    if s.clean_sessions < p.clean_sessions_to_step_up {
        s.reason = Reason::Holding {
            clean_sessions: s.clean_sessions,
        };
    } else if s.reps >= p.max_reps {
        s.clean_sessions = 0;
        s.reason = Reason::AtTop;
    } else {
        s.reps = (s.reps + p.step_reps).min(p.max_reps);
        s.clean_sessions = 0;
        s.reason = Reason::SteppedUp { day: fact.day };
    }
}

/// Today's plan: the `categories_per_day` categories offered or done longest ago (see
/// `rotation`), from each the exercise done longest ago (ties by id), with its standing,
/// or the user's own sets and reps where they chose them. Categories without an exercise
/// in the library are skipped.
pub fn plan_for_day(
    library: &ExerciseLibrary,
    rules: &ProgrammeRules,
    facts: &HistoryFacts,
    today: i64,
) -> DayPlan {
    let all = standings(library, rules, facts, today);
    let chosen = rotation(rules, &all, facts, today);
    let exercises = chosen
        .iter()
        .filter_map(|c| {
            all.iter()
                .filter(|s| s.category == *c)
                .min_by(|a, b| {
                    (a.last_done_day, &a.exercise_id).cmp(&(b.last_done_day, &b.exercise_id))
                })
                .cloned()
        })
        .map(|s| apply_override(s, facts))
        .collect();
    DayPlan {
        day: today,
        exercises,
    }
}

/// A standing with the user's own sets and reps where they chose them (the Library's
/// override): those replace the programme's, which go into the reason.
pub fn apply_override(mut s: ExerciseStanding, facts: &HistoryFacts) -> ExerciseStanding {
    if let Some(o) = facts.overrides.get(&s.exercise_id) {
        s.reason = Reason::UserChoice {
            programme_sets: s.sets,
            programme_reps: s.reps,
        };
        s.sets = o.sets;
        s.reps = o.reps;
    }
    s
}

/// A category's place in a day's rotation; sorted, the first ones are offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct RotationRank {
    /// Offered (or done) longest ago first; never first of all.
    offered_day: Option<i64>,
    /// Then the one left out most recently (each takes its turn at being left out).
    left_out_day: std::cmp::Reverse<Option<i64>>,
    /// Then the rules' order.
    order: usize,
    /// The category.
    category: Category,
}

/// The categories of `today`'s plan, in the rules' order. The rotation is replayed day by
/// day from the first session day: each day offers the `categories_per_day` categories
/// offered or done longest ago (never first; ties go to the one left out most recently,
/// then the rules' order, so with 3 of 4 a day each category is left out one day in 4).
/// It keeps turning on days without a session, and every category comes back within
/// [`ProgrammeRules::category_gap_days`].
fn rotation(
    rules: &ProgrammeRules,
    all: &[ExerciseStanding],
    facts: &HistoryFacts,
    today: i64,
) -> Vec<Category> {
    let present: Vec<Category> = rules
        .rotation
        .order
        .iter()
        .copied()
        .filter(|c| all.iter().any(|s| s.category == *c))
        .collect();
    let category_of: BTreeMap<&str, Category> = all
        .iter()
        .map(|s| (s.exercise_id.as_str(), s.category))
        .collect();
    let mut done: BTreeMap<i64, BTreeSet<Category>> = BTreeMap::new();
    for f in facts
        .exercise_sessions
        .iter()
        .filter(|f| f.counted_reps > 0)
    {
        if let Some(c) = category_of.get(f.exercise_id.as_str()) {
            done.entry(f.day).or_default().insert(*c);
        }
    }
    let first = facts
        .session_days
        .first()
        .copied()
        .unwrap_or(today)
        .min(today);
    let mut offered: BTreeMap<Category, Option<i64>> = present.iter().map(|c| (*c, None)).collect();
    let mut left_out: BTreeMap<Category, Option<i64>> =
        present.iter().map(|c| (*c, None)).collect();
    let per_day = rules.rotation.categories_per_day as usize;
    let mut day = first;
    loop {
        let mut ranked: Vec<RotationRank> = present
            .iter()
            .enumerate()
            .map(|(order, c)| RotationRank {
                offered_day: offered.get(c).copied().flatten(),
                left_out_day: std::cmp::Reverse(left_out.get(c).copied().flatten()),
                order,
                category: *c,
            })
            .collect();
        ranked.sort();
        let rest = ranked.split_off(per_day.min(ranked.len()));
        if day >= today {
            ranked.sort_by_key(|r| r.order);
            return ranked.into_iter().map(|r| r.category).collect();
        }
        for r in &ranked {
            offered.insert(r.category, Some(day));
        }
        for r in &rest {
            left_out.insert(r.category, Some(day));
        }
        for c in done.get(&day).into_iter().flatten() {
            offered.insert(*c, Some(day));
        }
        day += 1;
    }
}

//! The programme over time: per exercise, its sets × reps day by day and the events that
//! changed them (the History screen's and the therapist report's "Programme").
//!
//! Contract:
//! - Pure and replayed, not re-ruled: the standings come from [`Replay`] (the same replay
//!   as [`standings`](super::standings) and the plan), one day after another, so each
//!   day's numbers are the ones `backcoach plan` gives for it, and each event's
//!   [`Reason`] is the one the plan words.
//! - A day's numbers are those of its plan: a change shows on the first day whose plan
//!   has it (a step up earned on Monday shows on Tuesday; [`TimelineEvent::cause_day`] is
//!   Monday).
//! - The user's own sets × reps ([`ChangeKind::Override`]) are read from what was done:
//!   the history keeps no date for a choice, but each session keeps its plan. A session
//!   of an exercise planned with other numbers than the programme's for that day starts
//!   an override; one planned with the programme's numbers ends it. On the last day, the
//!   choice kept in the settings ([`HistoryFacts::overrides`]) is what the plan shows.
//! - Exercises: every one of the library done (or stopped for pain) up to the last day,
//!   or with a choice of the user's; in id order.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::facts::{ExerciseSessionFact, HistoryFacts};
use super::plan::{ExerciseStanding, Reason, Replay};
use super::rules::ProgrammeRules;
use crate::exercise::{Category, ExerciseLibrary};

/// What made a back-off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BackOffCause {
    /// The user stopped the exercise for pain.
    PainStop,
    /// A pain report 2 points (the rules' `pain_above_usual_points`) above the usual.
    PainReport,
}

/// What changed an exercise's sets × reps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChangeKind {
    /// A rep per set more after clean sessions.
    StepUp,
    /// Reps dropped (never below the minimum) and progression paused, for pain.
    BackOff {
        /// Why.
        cause: BackOffCause,
    },
    /// One step lower after a week without a session.
    MissedWeek,
    /// The user's own numbers replace the programme's.
    Override {
        /// Sets.
        sets: u32,
        /// Reps per set.
        reps: u32,
    },
    /// Back on the programme's numbers.
    OverrideCleared,
}

impl ChangeKind {
    /// The stable snake_case code (`back_off`).
    pub fn code(&self) -> &'static str {
        match self {
            ChangeKind::StepUp => "step_up",
            ChangeKind::BackOff { .. } => "back_off",
            ChangeKind::MissedWeek => "missed_week",
            ChangeKind::Override { .. } => "override",
            ChangeKind::OverrideCleared => "override_cleared",
        }
    }
}

/// An exercise's numbers from a day on (until the next point).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelinePoint {
    /// Local day number (days since 1970-01-01).
    pub day: i64,
    /// Sets in the plan (the user's when they chose them).
    pub sets: u32,
    /// Reps per set in the plan.
    pub reps: u32,
    /// The programme's sets underneath.
    pub programme_sets: u32,
    /// The programme's reps per set underneath.
    pub programme_reps: u32,
}

/// One change of an exercise's numbers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEvent {
    /// The first day whose plan has the change.
    pub day: i64,
    /// The day of what caused it (the session that completed the clean run, the pain),
    /// when it is another day.
    pub cause_day: Option<i64>,
    /// What changed.
    pub change: ChangeKind,
    /// Sets in the plan from `day`.
    pub sets: u32,
    /// Reps per set in the plan from `day`.
    pub reps: u32,
    /// The plan's reason from `day` ([`super::reason_text`] words it).
    pub reason: Reason,
    /// [`Reason::code`] of `reason`.
    pub reason_code: String,
}

/// One exercise's programme over the days.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseTimeline {
    /// The exercise.
    pub exercise_id: String,
    /// Its category.
    pub category: Category,
    /// Its numbers on the first day, then one point per day they change.
    pub points: Vec<TimelinePoint>,
    /// The changes in the days, oldest first.
    pub events: Vec<TimelineEvent>,
    /// Its standing on the last day (the programme's numbers and reason).
    pub last: ExerciseStanding,
}

/// The programme over a range of days.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timeline {
    /// First day.
    pub from_day: i64,
    /// Last day (included).
    pub to_day: i64,
    /// Per exercise, in id order.
    pub exercises: Vec<ExerciseTimeline>,
}

impl Timeline {
    /// One exercise's timeline.
    pub fn exercise(&self, exercise_id: &str) -> Option<&ExerciseTimeline> {
        self.exercises.iter().find(|e| e.exercise_id == exercise_id)
    }
}

impl ExerciseTimeline {
    /// The plan's (sets, reps) on `day` (the last point on or before it).
    pub fn on(&self, day: i64) -> Option<(u32, u32)> {
        self.points
            .iter()
            .rev()
            .find(|p| p.day <= day)
            .map(|p| (p.sets, p.reps))
    }
}

/// What is tracked of one exercise through the replay.
struct Track {
    /// The first day it was done (or stopped, or chosen).
    begin: i64,
    previous: Option<ExerciseStanding>,
    /// The user's own numbers in force, if any.
    chosen: Option<(u32, u32)>,
    points: Vec<TimelinePoint>,
    events: Vec<TimelineEvent>,
}

/// The programme from `from_day` to `to_day` (included), from the facts (all of them:
/// the days before `from_day` are replayed too, so the first day starts where the
/// history left it).
pub fn timeline(
    library: &ExerciseLibrary,
    rules: &ProgrammeRules,
    facts: &HistoryFacts,
    from_day: i64,
    to_day: i64,
) -> Timeline {
    // Each exercise from the first day it was done (or stopped, or chosen).
    let mut begins: BTreeMap<&str, i64> = BTreeMap::new();
    let done = facts
        .exercise_sessions
        .iter()
        .map(|f| (f.exercise_id.as_str(), f.day))
        .chain(
            facts
                .pain
                .iter()
                .filter(|p| p.is_pain_stop())
                .filter_map(|p| Some((p.exercise_id.as_deref()?, p.day))),
        )
        .chain(facts.overrides.keys().map(|id| (id.as_str(), to_day)));
    for (id, day) in done.filter(|(id, day)| *day <= to_day && library.get(id).is_some()) {
        let begin = begins.entry(id).or_insert(day);
        *begin = (*begin).min(day);
    }
    let mut tracks: BTreeMap<&str, Track> = begins
        .iter()
        .map(|(id, begin)| {
            (
                *id,
                Track {
                    begin: *begin,
                    previous: None,
                    chosen: None,
                    points: Vec::new(),
                    events: Vec::new(),
                },
            )
        })
        .collect();
    // The replay starts at the first fact, so choices made before `from_day` carry over.
    let first_day = begins
        .values()
        .copied()
        .min()
        .unwrap_or(from_day)
        .min(from_day);
    let mut replay = Replay::new(library, rules, facts);
    let mut sessions_by_day: BTreeMap<i64, Vec<&ExerciseSessionFact>> = BTreeMap::new();
    for f in &facts.exercise_sessions {
        sessions_by_day.entry(f.day).or_default().push(f);
    }
    for day in first_day..=to_day {
        let today_sessions = sessions_by_day.get(&day).map_or(&[][..], Vec::as_slice);
        let standings = replay.standings_on(day);
        for s in standings {
            let Some(track) = tracks.get_mut(s.exercise_id.as_str()) else {
                continue;
            };
            let mut events = Vec::new();
            if let Some(previous) = &track.previous
                && let Some(change) = programme_change(rules, facts, day, previous, &s)
            {
                events.push(event(day, change, s.sets, s.reps, &s));
            }
            let programme = (s.sets, s.reps);
            let mut chosen = track.chosen;
            for f in today_sessions
                .iter()
                .filter(|f| f.exercise_id == s.exercise_id)
            {
                let planned = (f.planned_sets, f.planned_reps);
                chosen = (planned != programme).then_some(planned);
            }
            if day == to_day {
                chosen = facts
                    .overrides
                    .get(&s.exercise_id)
                    .map(|o| (o.sets, o.reps))
                    .filter(|o| *o != programme);
            }
            if chosen != track.chosen {
                let change = match chosen {
                    Some((sets, reps)) => ChangeKind::Override { sets, reps },
                    None => ChangeKind::OverrideCleared,
                };
                let (sets, reps) = chosen.unwrap_or(programme);
                events.push(event(day, change, sets, reps, &s));
                track.chosen = chosen;
            }
            let (sets, reps) = chosen.unwrap_or(programme);
            if day < track.begin {
                track.previous = Some(s);
                continue;
            }
            let point = TimelinePoint {
                day: day.max(from_day),
                sets,
                reps,
                programme_sets: s.sets,
                programme_reps: s.reps,
            };
            if day >= from_day {
                track.events.extend(events);
            }
            match track.points.last_mut() {
                // Before the range, only the latest numbers are kept (as the first day's).
                Some(last) if day <= from_day => *last = point,
                Some(last)
                    if (
                        last.sets,
                        last.reps,
                        last.programme_sets,
                        last.programme_reps,
                    ) == (sets, reps, s.sets, s.reps) => {}
                _ => track.points.push(point),
            }
            track.previous = Some(s);
        }
    }
    Timeline {
        from_day,
        to_day,
        exercises: tracks
            .into_iter()
            .filter_map(|(id, t)| {
                let last = t.previous?;
                Some(ExerciseTimeline {
                    exercise_id: id.to_owned(),
                    category: last.category,
                    points: t.points,
                    events: t.events,
                    last,
                })
            })
            .collect(),
    }
}

/// The programme's change on `day`, from the day before's standing, if any: a new reason
/// that steps up or backs off, or the first day of a missed week's step down (the days
/// without a session then number exactly the rules' count since the last session; the
/// reason alone does not tell two missed weeks apart).
fn programme_change(
    rules: &ProgrammeRules,
    facts: &HistoryFacts,
    day: i64,
    previous: &ExerciseStanding,
    now: &ExerciseStanding,
) -> Option<ChangeKind> {
    match now.reason {
        Reason::MissedWeek {
            days_without_session,
        } => {
            let last_session = facts.session_days.iter().rev().find(|d| **d < day);
            let first_day_lower = days_without_session == rules.missed_week.days_without_session
                && last_session == Some(&(day - i64::from(days_without_session) - 1));
            first_day_lower.then_some(ChangeKind::MissedWeek)
        }
        _ if previous.reason == now.reason => None,
        Reason::SteppedUp { .. } => Some(ChangeKind::StepUp),
        Reason::PainStop { .. } => Some(ChangeKind::BackOff {
            cause: BackOffCause::PainStop,
        }),
        Reason::PainReport { .. } => Some(ChangeKind::BackOff {
            cause: BackOffCause::PainReport,
        }),
        _ => None,
    }
}

fn event(
    day: i64,
    change: ChangeKind,
    sets: u32,
    reps: u32,
    standing: &ExerciseStanding,
) -> TimelineEvent {
    let reason = match change {
        ChangeKind::Override { .. } => Reason::UserChoice {
            programme_sets: standing.sets,
            programme_reps: standing.reps,
        },
        _ => standing.reason.clone(),
    };
    let cause_day = match &reason {
        Reason::SteppedUp { day: cause }
        | Reason::PainStop { day: cause, .. }
        | Reason::PainReport { day: cause, .. } => Some(*cause).filter(|c| *c != day),
        _ => None,
    };
    TimelineEvent {
        day,
        cause_day,
        change,
        sets,
        reps,
        reason_code: reason.code().to_owned(),
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::ExerciseOverride;
    use crate::programme::{ExerciseSessionFact, PainFact, standings};

    const ID: &str = "knee-raise";

    fn done(day: i64, sets: u32, reps: u32) -> ExerciseSessionFact {
        ExerciseSessionFact {
            day,
            session_id: day,
            exercise_id: ID.to_owned(),
            planned_sets: sets,
            planned_reps: reps,
            counted_reps: sets * reps,
            faulted_reps: 0,
        }
    }

    /// Daily clean sessions of `ID` on `days`, each planned as the programme says.
    fn facts_with(days: &[i64], pain: Vec<PainFact>) -> HistoryFacts {
        let library = ExerciseLibrary::embedded().unwrap();
        let rules = ProgrammeRules::embedded().unwrap();
        let mut facts = HistoryFacts {
            pain,
            ..HistoryFacts::default()
        };
        for &day in days {
            let s = standings(&library, &rules, &facts, day)
                .into_iter()
                .find(|s| s.exercise_id == ID)
                .unwrap();
            facts.exercise_sessions.push(done(day, s.sets, s.reps));
            facts.session_days.push(day);
        }
        facts
    }

    fn run(facts: &HistoryFacts, from: i64, to: i64) -> ExerciseTimeline {
        let library = ExerciseLibrary::embedded().unwrap();
        let rules = ProgrammeRules::embedded().unwrap();
        let t = timeline(&library, &rules, facts, from, to);
        assert_eq!(t.exercises.len(), 1, "{t:?}");
        t.exercise(ID).unwrap().clone()
    }

    fn kinds(t: &ExerciseTimeline) -> Vec<(i64, &'static str)> {
        t.events.iter().map(|e| (e.day, e.change.code())).collect()
    }

    #[test]
    fn two_clean_sessions_step_up_the_day_after_the_second() {
        let facts = facts_with(&[0, 1, 2, 3], Vec::new());
        let t = run(&facts, 0, 5);
        assert_eq!(kinds(&t), vec![(2, "step_up"), (4, "step_up")]);
        assert_eq!(t.events[0].cause_day, Some(1));
        assert_eq!((t.events[0].sets, t.events[0].reps), (2, 6));
        assert_eq!(t.events[0].reason_code, "stepped_up");
        let points: Vec<(i64, u32)> = t.points.iter().map(|p| (p.day, p.reps)).collect();
        assert_eq!(points, vec![(0, 5), (2, 6), (4, 7)]);
        assert_eq!(t.on(3), Some((2, 6)));
    }

    #[test]
    fn a_pain_stop_backs_off_and_a_missed_week_steps_down() {
        let pain = vec![PainFact {
            day: 5,
            intensity: Some(5),
            session_id: Some(5),
            exercise_id: Some(ID.to_owned()),
        }];
        // Up to 7 by day 4; the stop on day 5; then nothing from day 6 to day 20.
        let facts = facts_with(&[0, 1, 2, 3, 4, 5], pain);
        let t = run(&facts, 0, 20);
        assert_eq!(
            kinds(&t),
            vec![
                (2, "step_up"),
                (4, "step_up"),
                (6, "back_off"),
                (13, "missed_week")
            ]
        );
        let back_off = &t.events[2];
        assert_eq!(
            back_off.change,
            ChangeKind::BackOff {
                cause: BackOffCause::PainStop
            }
        );
        assert_eq!((back_off.reps, back_off.cause_day), (5, Some(5)));
        assert_eq!(t.events[3].reps, 5, "never below 5");
        assert_eq!(t.last.reason.code(), "missed_week");
    }

    #[test]
    fn the_days_before_the_range_are_replayed() {
        let facts = facts_with(&[0, 1, 2, 3], Vec::new());
        let t = run(&facts, 3, 6);
        assert_eq!(kinds(&t), vec![(4, "step_up")]);
        assert_eq!(t.points[0].day, 3);
        assert_eq!(t.points[0].reps, 6);
    }

    #[test]
    fn the_users_numbers_are_read_from_the_sessions_and_the_settings() {
        let mut facts = facts_with(&[0, 1], Vec::new());
        // Day 3 at the user's 3 × 8; day 4 back on the programme's 2 × 6.
        facts.exercise_sessions.push(done(3, 3, 8));
        facts.exercise_sessions.push(done(4, 2, 6));
        facts.session_days.extend([3, 4]);
        let t = run(&facts, 0, 6);
        assert_eq!(
            kinds(&t),
            vec![
                (2, "step_up"),
                (3, "override"),
                (4, "override_cleared"),
                // The sessions at the user's numbers count for the programme underneath.
                (5, "step_up")
            ]
        );
        assert_eq!(
            t.events[1].change,
            ChangeKind::Override { sets: 3, reps: 8 }
        );
        assert_eq!(t.events[1].reason_code, "user_choice");
        assert_eq!(t.on(3), Some((3, 8)));
        assert_eq!(
            t.points.iter().find(|p| p.day == 3).unwrap().programme_reps,
            6
        );

        // A choice kept in the settings shows on the last day.
        facts
            .overrides
            .insert(ID.to_owned(), ExerciseOverride { sets: 3, reps: 9 });
        let t = run(&facts, 0, 6);
        assert_eq!(t.events.last().unwrap().day, 6);
        assert_eq!(
            t.events.last().unwrap().change,
            ChangeKind::Override { sets: 3, reps: 9 }
        );
        assert_eq!(t.on(6), Some((3, 9)));
    }

    #[test]
    fn each_day_has_the_standing_of_the_plan() {
        let pain = vec![PainFact {
            day: 9,
            intensity: Some(6),
            session_id: None,
            exercise_id: None,
        }];
        let days: Vec<i64> = (0..12).collect();
        let facts = facts_with(&days, pain);
        let library = ExerciseLibrary::embedded().unwrap();
        let rules = ProgrammeRules::embedded().unwrap();
        let t = run(&facts, 0, 14);
        for day in 0..=14 {
            let s = standings(&library, &rules, &facts, day)
                .into_iter()
                .find(|s| s.exercise_id == ID)
                .unwrap();
            assert_eq!(t.on(day), Some((s.sets, s.reps)), "day {day}");
        }
        let report = t
            .events
            .iter()
            .find(|e| e.change.code() == "back_off")
            .unwrap();
        assert_eq!(report.day, 10);
        assert_eq!(report.reason_code, "pain_report");
        // Serialisable.
        let json = serde_json::to_string(&t).unwrap();
        assert!(json.contains("\"kind\":\"back_off\"") && json.contains("pain_report"));
    }

    #[test]
    fn a_second_missed_week_is_marked_too() {
        // Started on days 0 and 1; back on day 9 with another exercise only, then away
        // again: the exercise keeps its first missed week's reason in between.
        let mut facts = facts_with(&[0, 1], Vec::new());
        facts.exercise_sessions.push(ExerciseSessionFact {
            exercise_id: "knee-bend".into(),
            ..done(9, 2, 5)
        });
        facts.session_days.push(9);
        let library = ExerciseLibrary::embedded().unwrap();
        let rules = ProgrammeRules::embedded().unwrap();
        let t = timeline(&library, &rules, &facts, 0, 20);
        let knee_raise = t.exercise(ID).unwrap();
        assert_eq!(
            kinds(knee_raise),
            vec![(2, "step_up"), (9, "missed_week"), (17, "missed_week")]
        );
        assert_eq!(knee_raise.on(20), Some((2, 5)));
        let knee_bend = t.exercise("knee-bend").unwrap();
        assert_eq!(kinds(knee_bend), vec![(17, "missed_week")]);
    }
}

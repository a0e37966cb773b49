//! A 60-day history for the programme's timeline (shared by tests/programme.rs,
//! tests/report.rs and tests/app_ui.rs): each day's plan from `plan_for_day`, done as the
//! live session writes it (synthetic time), with a pain stop, a diary report 2 points
//! above the usual, a missed week and the user's own numbers for one exercise.
#![allow(dead_code, clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::Path;

use backcoach::exercise::ExerciseLibrary;
use backcoach::history::{
    ExerciseOverride, History, PainReport, PlannedExercise, RepRecord, SessionStatus,
};
use backcoach::i18n::Lang;
use backcoach::programme::{DayPlan, HistoryFacts, PlanDocument, ProgrammeRules, plan_for_day};

pub const SECS_PER_DAY: f64 = 86_400.0;
/// Days simulated.
pub const DAYS: i64 = 60;
/// The usual pain the diary reports every third day.
pub const USUAL: u8 = 2;
/// The exercise stopped for pain, and later done at the user's numbers.
pub const STOPPED: &str = "knee-raise";
/// The pain stop happens on the first day from this one with `STOPPED` in the plan.
pub const PAIN_STOP_FROM_DAY: i64 = 22;
/// The diary's report 2 above the usual (back-off of that day's exercises).
pub const PAIN_REPORT_DAY: i64 = 30;
/// The missed week: no session on these days.
pub const MISSED: std::ops::RangeInclusive<i64> = 40..=46;
/// The user chooses `CHOICE` for `STOPPED` on this day (before the session) ...
pub const CHOICE_DAY: i64 = 50;
/// ... and drops it on this one.
pub const CHOICE_DROPPED_DAY: i64 = 56;
/// The user's own numbers.
pub const CHOICE: ExerciseOverride = ExerciseOverride { sets: 3, reps: 8 };

/// What the simulation did, by day relative to its start.
pub struct Simulated {
    /// Day number of relative day 0.
    pub start_day: i64,
    /// Each day's plan.
    pub plans: Vec<DayPlan>,
    /// Exercises done each day (relative day -> ids).
    pub done: BTreeMap<i64, Vec<String>>,
    /// The relative day of the pain stop.
    pub pain_stop_day: i64,
}

impl Simulated {
    /// Whether `id` was done on relative day `d`.
    pub fn did(&self, d: i64, id: &str) -> bool {
        self.done
            .get(&d)
            .is_some_and(|ids| ids.iter().any(|i| i == id))
    }

    /// The first relative day from `from` on which `id` was done.
    pub fn first_done_from(&self, from: i64, id: &str) -> Option<i64> {
        (from..DAYS).find(|d| self.did(*d, id))
    }
}

/// Noon UTC of relative day `d` from `start_day`, plus seconds.
pub fn unix(start_day: i64, d: i64, secs: f64) -> f64 {
    (start_day + d) as f64 * SECS_PER_DAY + 12.0 * 3600.0 + secs
}

/// A day's plan as the live session records it when the session starts.
pub fn planned(plan: &DayPlan) -> Vec<PlannedExercise> {
    plan.exercises
        .iter()
        .map(|e| PlannedExercise {
            exercise_id: e.exercise_id.clone(),
            sets: e.sets,
            reps: e.reps,
        })
        .collect()
}

/// A clean, slow rep `n` as the live session records it.
pub fn rep(n: u32) -> RepRecord {
    RepRecord {
        rep_number: n,
        start_secs: f64::from(n) * 6.0,
        end_secs: f64::from(n) * 6.0 + 4.5,
        phase_secs: vec![2.2, 2.3],
        depth: Some(0.9),
        faults: Vec::new(),
        side: None,
        partial: false,
        form_score: None,
        form_notes: Vec::new(),
    }
}

/// `backcoach plan --json --date D --lang L --data-dir DIR` (the real binary, UTC) for
/// the local day number `day`, parsed back.
pub fn cli_plan(dir: &Path, day: i64, lang: Lang) -> PlanDocument {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_backcoach"))
        .args(["plan", "--json", "--date"])
        .arg(backcoach::progress::date_of_day(day))
        .args(["--lang", lang.code(), "--data-dir"])
        .arg(dir)
        .env("TZ", "UTC")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn add_diary(h: &mut History, start_day: i64, d: i64, intensity: u8) {
    h.add_pain_report(&PainReport {
        reported_unix_secs: unix(start_day, d, 8.0 * 3600.0), // 20:00 UTC
        intensity: Some(intensity),
        location: String::new(),
        session_id: None,
        exercise_id: None,
    })
    .unwrap();
}

/// Writes the 60 days into the history in `dir` (UTC days), from `start_day`.
pub fn simulate(dir: &Path, start_day: i64) -> Simulated {
    simulate_for(dir, start_day, DAYS)
}

/// Writes the first `days` days only.
pub fn simulate_for(dir: &Path, start_day: i64, days: i64) -> Simulated {
    let mut h = History::open(dir).unwrap();
    let library = ExerciseLibrary::embedded().unwrap();
    let rules = ProgrammeRules::embedded().unwrap();
    for d in [-3, -1] {
        add_diary(&mut h, start_day, d, USUAL);
    }
    let mut plans = Vec::new();
    let mut done = BTreeMap::new();
    let mut pain_stop_day = None;
    for d in 0..days {
        if d == CHOICE_DAY {
            h.set_exercise_override(STOPPED, Some(CHOICE)).unwrap();
        }
        if d == CHOICE_DROPPED_DAY {
            h.set_exercise_override(STOPPED, None).unwrap();
        }
        let facts = HistoryFacts::read(&h, 0).unwrap();
        let plan = plan_for_day(&library, &rules, &facts, start_day + d);
        let mut ids = Vec::new();
        if !MISSED.contains(&d) {
            let stop_here = pain_stop_day.is_none()
                && d >= PAIN_STOP_FROM_DAY
                && plan.exercises.iter().any(|e| e.exercise_id == STOPPED);
            if stop_here {
                pain_stop_day = Some(d);
            }
            let planned = planned(&plan);
            let session = h.start_session(unix(start_day, d, 0.0), &planned).unwrap();
            let mut t = 10.0;
            let mut status = SessionStatus::Completed;
            'exercises: for e in &plan.exercises {
                ids.push(e.exercise_id.clone());
                for set_number in 1..=e.sets {
                    let set = h
                        .start_set(
                            session,
                            &e.exercise_id,
                            set_number,
                            e.reps,
                            unix(start_day, d, t),
                        )
                        .unwrap();
                    for n in 1..=e.reps {
                        t += 6.0;
                        if stop_here && e.exercise_id == STOPPED && n > 3 {
                            h.end_set(set, unix(start_day, d, t)).unwrap();
                            h.add_pain_report(&PainReport {
                                reported_unix_secs: unix(start_day, d, t + 20.0),
                                intensity: Some(5),
                                location: "lower back".into(),
                                session_id: Some(session.0),
                                exercise_id: Some(e.exercise_id.clone()),
                            })
                            .unwrap();
                            status = SessionStatus::StoppedForPain;
                            break 'exercises;
                        }
                        h.record_rep(set, &rep(n), unix(start_day, d, t)).unwrap();
                    }
                    t += 30.0;
                    h.end_set(set, unix(start_day, d, t)).unwrap();
                }
            }
            h.end_session(session, status, unix(start_day, d, t + 60.0))
                .unwrap();
        }
        match d {
            PAIN_REPORT_DAY => add_diary(&mut h, start_day, d, USUAL + 2),
            d if d.rem_euclid(3) == 0 => add_diary(&mut h, start_day, d, USUAL),
            _ => {}
        }
        done.insert(d, ids);
        plans.push(plan);
    }
    Simulated {
        start_day,
        plans,
        done,
        pain_stop_day: pain_stop_day.unwrap(),
    }
}

//! Today's plan and what was done: plan items, per-exercise results (the seed's checklist
//! is in the catalogue, `checklist-*`).

use std::collections::BTreeMap;

use crate::exercise::Exercise;
use crate::history::RepRecord;

/// Reps per set the user may choose (the seed: "Repeat each exercise 5 to 10 times").
pub const REPS_RANGE: std::ops::RangeInclusive<u32> = 5..=10;

/// Samples of the rep signal kept per exercise for the summary plot.
pub const MAX_TRACE_POINTS: usize = 20_000;

/// One exercise in today's plan.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanItem {
    /// The exercise.
    pub exercise: Exercise,
    /// Sets.
    pub sets: u32,
    /// Reps per set (5-10).
    pub reps: u32,
}

impl PlanItem {
    /// A plan item with the exercise's own sets and reps (reps clamped to 5-10).
    pub fn new(exercise: Exercise) -> PlanItem {
        PlanItem {
            sets: exercise.sets.max(1),
            reps: exercise.reps.clamp(*REPS_RANGE.start(), *REPS_RANGE.end()),
            exercise,
        }
    }
}

/// What was done for one exercise, for the summary.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExerciseResult {
    /// Counted reps, in order.
    pub reps: Vec<RepRecord>,
    /// Partial reps.
    pub partial_reps: u32,
    /// Sets completed.
    pub sets_completed: u32,
    /// The rep signal over time `(t_secs, value)` on the pose stream's clock.
    pub signal: Vec<[f64; 2]>,
}

impl ExerciseResult {
    /// Reps with no fault.
    pub fn good_reps(&self) -> usize {
        self.reps.iter().filter(|r| r.faults.is_empty()).count()
    }

    /// Mean rep duration, seconds.
    pub fn average_rep_secs(&self) -> Option<f64> {
        if self.reps.is_empty() {
            return None;
        }
        let total: f64 = self.reps.iter().map(|r| r.end_secs - r.start_secs).sum();
        Some(total / self.reps.len() as f64)
    }

    /// How often each fault was seen in a rep.
    pub fn fault_counts(&self) -> BTreeMap<String, u32> {
        let mut counts = BTreeMap::new();
        for rep in &self.reps {
            for f in &rep.faults {
                *counts.entry(f.clone()).or_insert(0) += 1;
            }
        }
        counts
    }
}

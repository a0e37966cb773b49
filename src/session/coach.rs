//! The coach seam: what judges each frame ([`Coach`]; the real one is [`TrackerCoach`], the
//! exercise engine) and what it reports ([`CoachStep`], [`StanceView`], [`TempoView`]).

use crate::exercise::{
    ExerciseEvent, ExerciseTracker, FaultCode, GateStatus, StanceGate, TrackerConfig, body_in_view,
};
use crate::history::RepRecord;
use crate::i18n::Lang;
use crate::landmark::Landmark;
use crate::pose::PoseFrame;

use super::PlanItem;

/// What a coach says about one frame while a set runs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CoachStep {
    /// Whether a person was in view.
    pub person_in_view: bool,
    /// Reps counted on this frame.
    pub reps: Vec<RepRecord>,
    /// Partial reps on this frame.
    pub partial_reps: u32,
    /// The set's reps are all done.
    pub set_completed: bool,
    /// The rep signal (for the plot), if known.
    pub signal: Option<f32>,
    /// Fault codes active now (for colouring the skeleton).
    pub active_faults: Vec<String>,
    /// The one cue to show now.
    pub cue: Option<String>,
    /// The cue is praise after a clean rep (not a correction).
    pub cue_praise: bool,
    /// The current phase, for the tempo indicator.
    pub tempo: Option<TempoView>,
}

/// The tempo indicator's data.
#[derive(Clone, Debug, PartialEq)]
pub struct TempoView {
    /// Phase name ("Rest", "Down", ...).
    pub name: String,
    /// Seconds in this phase.
    pub secs_in_phase: f64,
    /// Slowest-allowed minimum for the phase, seconds (0 at rest).
    pub min_secs: f64,
}

/// The stance gate's verdict, for the Before-you-begin screen.
#[derive(Clone, Debug, PartialEq)]
pub enum StanceView {
    /// No frame yet.
    Waiting,
    /// The person is not seen well enough to start.
    NotInView {
        /// What to do ("I can't see your feet: ...").
        instruction: String,
    },
    /// Something to fix.
    Adjust {
        /// What to do.
        cue: String,
    },
    /// Holding the neutral stance.
    Holding {
        /// Fraction of the hold done, 0..1.
        progress: f32,
    },
    /// Ready: counting starts.
    Ready,
}

/// Judges frames for one exercise. [`TrackerCoach`] is the real one.
pub trait Coach {
    /// Starts a set: reset the stance gate; counting continues from the last set.
    fn begin_set(&mut self);
    /// Feeds a frame to the stance gate (before a set).
    fn stance(&mut self, frame: &PoseFrame) -> StanceView;
    /// Feeds a frame during a set.
    fn step(&mut self, frame: &PoseFrame) -> CoachStep;
}

/// Makes a coach for a plan item, speaking the given language.
pub type CoachFactory = Box<dyn FnMut(&PlanItem, Lang) -> Box<dyn Coach>>;

/// The exercise engine as a [`Coach`].
pub struct TrackerCoach {
    tracker: ExerciseTracker,
    gate: StanceGate,
    alternating: bool,
    lang: Lang,
    /// Reps done while the gate was still waiting (the user started without holding
    /// still): handed to the set with its first step, never lost.
    pending: Option<CoachStep>,
}

impl TrackerCoach {
    /// A coach for the item's exercise, sets and reps, with cues in `lang`.
    pub fn new(item: &PlanItem, lang: Lang) -> TrackerCoach {
        let config = TrackerConfig {
            reps_per_set: Some(item.reps),
            sets: Some(item.sets),
            lang,
            ..TrackerConfig::default()
        };
        TrackerCoach {
            tracker: ExerciseTracker::new(&item.exercise, config),
            gate: StanceGate::default(),
            alternating: item.exercise.alternating,
            lang,
            pending: None,
        }
    }

    /// The factory the app uses.
    pub fn factory() -> CoachFactory {
        Box::new(|item: &PlanItem, lang: Lang| {
            Box::new(TrackerCoach::new(item, lang)) as Box<dyn Coach>
        })
    }
}

impl Coach for TrackerCoach {
    fn begin_set(&mut self) {
        self.gate.reset();
    }

    fn stance(&mut self, frame: &PoseFrame) -> StanceView {
        // Several people in view: the tracker pauses (as in `analyze`) and the gate waits
        // for one person, holding nothing.
        if let Some(people) = frame.people_detected.filter(|n| *n > 1) {
            self.tracker.update(frame);
            self.gate.reset();
            return StanceView::NotInView {
                instruction: crate::i18n::tr_args(
                    self.lang,
                    "several-people",
                    &[("people", people.into())],
                ),
            };
        }
        // The counter already watches while the gate waits: a rep done before the user
        // held still opens the gate and is counted.
        let status = if body_in_view(frame).is_ok() {
            let out = self.tracker.update(frame);
            let status = self.gate.update_with_metrics(frame.t_secs, &out.metrics);
            let step = self.step_of(out);
            if !step.reps.is_empty() {
                self.pending = Some(step);
                return StanceView::Ready;
            }
            status
        } else {
            self.gate.update(frame)
        };
        match status {
            GateStatus::NotInView(problem) => StanceView::NotInView {
                instruction: problem.instruction_in(self.lang),
            },
            GateStatus::Adjust { failed } => StanceView::Adjust {
                cue: failed
                    .first()
                    .map(|k| k.cue_in(self.lang))
                    .unwrap_or_default(),
            },
            GateStatus::Holding {
                held_secs,
                hold_secs,
            } => StanceView::Holding {
                progress: (held_secs / hold_secs.max(1e-6)).clamp(0.0, 1.0) as f32,
            },
            GateStatus::Ready => StanceView::Ready,
        }
    }

    fn step(&mut self, frame: &PoseFrame) -> CoachStep {
        let out = self.tracker.update(frame);
        let mut step = self.step_of(out);
        if let Some(mut early) = self.pending.take() {
            early.reps.append(&mut step.reps);
            step.reps = early.reps;
            step.partial_reps += early.partial_reps;
            step.set_completed |= early.set_completed;
        }
        step
    }
}

impl TrackerCoach {
    fn step_of(&self, out: crate::exercise::FrameOutcome) -> CoachStep {
        let mut step = CoachStep {
            person_in_view: out.person_in_view,
            signal: out.signal,
            active_faults: out
                .active_faults
                .iter()
                .map(|f| f.as_str().to_owned())
                .collect(),
            cue_praise: out
                .cue
                .as_ref()
                .is_some_and(|c| c.priority == crate::feedback::CuePriority::Praise),
            cue: out.cue.map(|c| c.text),
            tempo: Some(TempoView {
                name: out.phase.name.clone(),
                secs_in_phase: out.phase.secs_in_phase,
                min_secs: out.phase.min_secs,
            }),
            ..CoachStep::default()
        };
        let in_set = out.counts.in_set;
        for ev in out.events {
            match ev {
                ExerciseEvent::RepCompleted(rep) => {
                    let number = if self.alternating {
                        rep.index
                    } else {
                        in_set.max(1)
                    };
                    step.reps.push(RepRecord {
                        rep_number: number,
                        start_secs: rep.start_secs,
                        end_secs: rep.end_secs,
                        phase_secs: rep.phase_secs.to_vec(),
                        depth: Some(f64::from(rep.depth)),
                        faults: rep.faults.iter().map(|f| f.as_str().to_owned()).collect(),
                        side: rep.side.map(|s| {
                            match s {
                                crate::exercise::Side::Left => "left",
                                crate::exercise::Side::Right => "right",
                            }
                            .to_owned()
                        }),
                        partial: false,
                        form_score: rep.form_score.map(f64::from),
                        form_notes: rep
                            .form
                            .iter()
                            .filter(|m| m.broken)
                            .map(|m| m.text.clone())
                            .collect(),
                    });
                }
                ExerciseEvent::PartialRep { .. } => step.partial_reps += 1,
                ExerciseEvent::SetCompleted { .. } => step.set_completed = true,
                ExerciseEvent::FaultStarted { .. } | ExerciseEvent::FaultEnded { .. } => {}
            }
        }
        step
    }
}

/// The fault code a landmark's colour should show (the first active fault that concerns
/// it), for the skeleton overlay.
pub fn fault_for_landmark(active_faults: &[String], landmark: Landmark) -> Option<&str> {
    use Landmark::*;
    active_faults.iter().map(String::as_str).find(|code| {
        let parts: &[Landmark] = match *code {
            "feet_not_parallel" => &[
                LeftHeel,
                RightHeel,
                LeftFootIndex,
                RightFootIndex,
                LeftAnkle,
                RightAnkle,
            ],
            "stance_too_narrow" | "stance_too_wide" => {
                &[LeftAnkle, RightAnkle, LeftHeel, RightHeel]
            }
            "knees_locked" | "knees_caving_in" => &[LeftKnee, RightKnee],
            "leaning_forward" | "back_rounded" | "trunk_twist" | "leaning_sideways"
            | "hips_turning" => &[LeftShoulder, RightShoulder, LeftHip, RightHip],
            "head_forward" => &[Nose, LeftEar, RightEar],
            _ => &[],
        };
        parts.contains(&landmark)
    })
}

/// Every known fault code string (for tests and the legend).
pub fn fault_codes() -> Vec<&'static str> {
    FaultCode::ALL.iter().map(|f| f.as_str()).collect()
}

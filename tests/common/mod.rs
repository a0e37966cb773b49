//! Test helpers shared by the session and UI tests: a scripted coach and figure poses.
#![allow(dead_code)] // each test crate uses a different part

use backcoach::exercise::{DemoPose, ViewProblem};
use backcoach::history::RepRecord;
use backcoach::landmark::Landmark;
use backcoach::pose::{ImagePoint, Pose, PoseFrame};
use backcoach::session::{Coach, CoachStep, StanceView, TempoView};

/// A coach with a fixed script, so session and UI tests do not depend on the exercise
/// engine: ready as soon as someone is in view (or, with `stance_cue`, never ready:
/// always asks for that adjustment); a rep every `frames_per_rep` frames with a person;
/// rep 2 has the fault `too_fast`.
pub struct ScriptedCoach {
    /// Reps that complete a set.
    pub reps_per_set: u32,
    /// Frames with a person per rep.
    pub frames_per_rep: u32,
    /// Duration of each rep (two equal phases).
    pub rep_secs: f64,
    /// Cue shown on every frame.
    pub cue: Option<String>,
    /// Cue shown on a frame that completes a rep (overrides `cue`).
    pub rep_cue: Option<String>,
    /// Faults active on every frame.
    pub active_faults: Vec<String>,
    /// When set, the stance check never passes and asks for this.
    pub stance_cue: Option<String>,
    frames: u32,
    in_set: u32,
}

impl ScriptedCoach {
    /// A coach completing a set after `reps_per_set` reps of `frames_per_rep` frames each.
    pub fn new(reps_per_set: u32, frames_per_rep: u32, rep_secs: f64) -> ScriptedCoach {
        ScriptedCoach {
            reps_per_set,
            frames_per_rep,
            rep_secs,
            cue: None,
            rep_cue: None,
            active_faults: Vec::new(),
            stance_cue: None,
            frames: 0,
            in_set: 0,
        }
    }
}

impl Coach for ScriptedCoach {
    fn begin_set(&mut self) {
        self.frames = 0;
        self.in_set = 0;
    }

    fn stance(&mut self, frame: &PoseFrame) -> StanceView {
        if let Some(cue) = &self.stance_cue {
            StanceView::Adjust { cue: cue.clone() }
        } else if frame.pose.is_some() {
            StanceView::Ready
        } else {
            StanceView::NotInView {
                instruction: ViewProblem::Nobody.instruction().to_owned(),
            }
        }
    }

    fn step(&mut self, frame: &PoseFrame) -> CoachStep {
        let person = frame.pose.is_some();
        if person {
            self.frames += 1;
        }
        let phase = f64::from(self.frames % self.frames_per_rep) / f64::from(self.frames_per_rep);
        let mut step = CoachStep {
            person_in_view: person,
            signal: Some((phase * std::f64::consts::PI).sin() as f32),
            cue: self.cue.clone(),
            active_faults: self.active_faults.clone(),
            tempo: Some(TempoView {
                name: "Down".into(),
                secs_in_phase: 1.0,
                min_secs: 2.0,
            }),
            ..CoachStep::default()
        };
        if person && self.frames.is_multiple_of(self.frames_per_rep) {
            self.in_set += 1;
            step.reps.push(RepRecord {
                rep_number: self.in_set,
                start_secs: frame.t_secs - self.rep_secs,
                end_secs: frame.t_secs,
                phase_secs: vec![self.rep_secs / 2.0; 2],
                depth: Some(1.0),
                faults: if self.in_set == 2 {
                    vec!["too_fast".into()]
                } else {
                    vec![]
                },
                side: None,
                partial: false,
            });
            if self.rep_cue.is_some() {
                step.cue = self.rep_cue.clone();
            }
            step.set_completed = self.in_set >= self.reps_per_set;
        }
        step
    }
}

/// A pose in pixels from a demo figure's normalised points: `x * scale + x_offset_px`,
/// `y * scale`, every landmark visible.
pub fn figure_pose(points: &DemoPose, scale: f32, x_offset_px: f32) -> Pose {
    let mut pose = Pose::empty();
    for lm in Landmark::ALL {
        let [x, y] = points.get(lm);
        pose.landmarks[lm.index()] = Some(ImagePoint {
            x_px: x_offset_px + x * scale,
            y_px: y * scale,
            visibility: 0.95,
        });
    }
    pose
}

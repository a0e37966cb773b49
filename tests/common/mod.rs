//! Test helpers shared by the test crates: a scripted coach, figure poses, a person frame
//! and the shared development data.
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
                form_score: None,
                form_notes: Vec::new(),
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

/// A frame with a person: every landmark in view (visibility 0.9), one person detected.
pub fn person_frame(t_secs: f64) -> PoseFrame {
    let mut pose = Pose::empty();
    for lm in Landmark::ALL {
        pose.landmarks[lm.index()] = Some(ImagePoint {
            x_px: 300.0,
            y_px: 200.0 + lm.index() as f32,
            visibility: 0.9,
        });
    }
    pose.score = 0.9;
    PoseFrame {
        t_secs,
        image_size: [640, 480],
        pose: Some(pose),
        people_detected: Some(1),
        brightness: None,
    }
}

/// `../shared/data/SUBDIR` (the development recordings: internal evaluation only, read
/// in place, never copied), or `None` and a notice where it is absent outside CI; under
/// CI its absence is a failure.
pub fn shared_data(subdir: &str) -> Option<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(subdir);
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{} is missing under CI",
        dir.display()
    );
    eprintln!("skipped: {} is not here", dir.display());
    None
}

/// A seated person seen from the side (legs visible), pixels.
pub fn sitting_pose() -> Pose {
    use backcoach::landmark::Landmark::*;
    pose_of(
        &[
            (LeftHip, 600.0, 450.0),
            (RightHip, 604.0, 452.0),
            (LeftKnee, 720.0, 445.0),
            (RightKnee, 724.0, 447.0),
            (LeftAnkle, 720.0, 565.0),
            (RightAnkle, 724.0, 567.0),
            (LeftShoulder, 590.0, 270.0),
            (RightShoulder, 594.0, 272.0),
            (LeftEar, 600.0, 220.0),
            (Nose, 620.0, 210.0),
        ],
        0.95,
    )
}

/// A figure from (landmark, x, y) in pixels, every listed point at `visibility`, pose
/// score 0.95; unlisted landmarks absent.
pub fn pose_of(points: &[(Landmark, f32, f32)], visibility: f32) -> Pose {
    let mut p = Pose::empty();
    p.score = 0.95;
    for &(lm, x, y) in points {
        p.landmarks[lm.index()] = Some(ImagePoint {
            x_px: x,
            y_px: y,
            visibility,
        });
    }
    p
}

/// A track of `secs` seated at `fps`.
pub fn sitting_track(dir: &std::path::Path, name: &str, secs: f64, fps: f64) -> std::path::PathBuf {
    let path = dir.join(name);
    let mut w = backcoach::track::TrackWriter::create(&path).expect("track file");
    let n = (secs * fps) as usize;
    for i in 0..n {
        w.write(&PoseFrame {
            t_secs: i as f64 / fps,
            image_size: [1280, 720],
            pose: Some(sitting_pose()),
            people_detected: None,
            brightness: None,
        })
        .expect("write");
    }
    w.flush().expect("flush");
    path
}

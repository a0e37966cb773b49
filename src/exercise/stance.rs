//! The neutral stance (the seed's "Before you begin"): feet parallel, about hip-width
//! apart, knees slightly bent, trunk upright, chin in. Each part is a named check.
//!
//! [`check_stance`] judges one frame's metrics; [`StanceGate`] is the live session's
//! "hold the neutral stance for 1 s with the whole body in view" before counting starts.
//! `analyze` does not gate; the tracker reports stance faults while resting instead.

use serde::{Deserialize, Serialize};

use crate::i18n::{self, Lang};

use super::fault::FaultCode;
use crate::landmark::Landmark;
use crate::metrics::{BodyMetrics, CameraView, MetricId, body_metrics};
use crate::pose::PoseFrame;

const DEG: f32 = std::f32::consts::PI / 180.0;

/// Feet are "not parallel" when the angle between them exceeds this (radians, 35°).
/// Relaxed standing turns each foot out ~10°; 35° between the feet is a clear "V".
pub const FEET_MAX_ANGLE_RAD: f32 = 35.0 * DEG;
/// Stance is too narrow below this ankle spacing / hip-joint spacing (ratio).
pub const STANCE_MIN_WIDTH_RATIO: f32 = 0.6;
/// Stance is too wide above this ankle spacing / hip-joint spacing (ratio). Hip *joints*
/// are ~0.18 m apart, so hip-width feet give ~1.0-1.5.
pub const STANCE_MAX_WIDTH_RATIO: f32 = 2.5;
/// Knees are "locked" below this knee flexion (radians, 6°): a BlazePose straight leg
/// reads about 170-180°, "slightly bent" about 160-170°.
pub const KNEES_LOCKED_MAX_FLEXION_RAD: f32 = 6.0 * DEG;
/// Knees are in a squat, not the neutral stance, above this knee flexion (radians, 50°).
pub const KNEES_SQUATTING_MIN_FLEXION_RAD: f32 = 50.0 * DEG;
/// The trunk is not upright beyond this lean forward or back (radians, 20°).
pub const TRUNK_MAX_TILT_RAD: f32 = 20.0 * DEG;
/// Head is forward above this ear-ahead-of-shoulder offset / torso length (ratio, ~10 cm
/// for a 0.5 m torso).
pub const HEAD_FORWARD_MAX_RATIO: f32 = 0.2;
/// Default seconds the neutral stance must be held before counting starts.
pub const DEFAULT_HOLD_SECS: f64 = 1.0;
/// Seconds a glitch (a landmark missing for a moment) may last without restarting the
/// hold: the pose model drops single frames now and then.
pub const GATE_GRACE_SECS: f64 = 0.3;
/// Visibility a landmark needs to count as seen by the gate. BlazePose gives a body part
/// hidden behind the body (the far elbow in a side view) ~0.02; a seen one ~0.8-1.0.
pub const GATE_MIN_VISIBILITY: f32 = 0.5;
/// How far outside the image (fraction of its size) a seen landmark may lie and still
/// count as in view: BlazePose extrapolates joints that touch the edge (ankles and toes at
/// the bottom of a home webcam's picture land a few pixels below it).
pub const IN_VIEW_TOLERANCE: f32 = 0.03;
/// A frame is too dark below this mean brightness (luma, 0 = black .. 1 = white, see
/// [`PoseFrame::brightness`]): when the person is then not seen well enough, the gate says
/// "turn on a light" instead of where to stand.
///
/// Measured (`engine::mean_brightness`, per frame) on the seven real development videos:
/// as recorded 0.36-0.97 (the darkest frame: 0.364, a living room); re-encoded dim and
/// noisy (`eval --conditions`) 0.10-0.54, where the model lost the person in 70 of 238
/// frames of the darkest clip, all at 0.108-0.142. 0.25 lies 0.11 below the darkest lit
/// frame and 0.11 above the brightest frame lost in the dark. Dim but seen is fine: a clip
/// at 0.15 kept the person in every frame, and a seen body is never "too dark". It is the
/// dark's sensor noise and lost contrast that hide people: the repo's test clip darkened to
/// 0.03 without noise keeps the person in 60 of 60 frames, with noise (0.06) in 1 of 60.
pub const TOO_DARK_MAX_BRIGHTNESS: f32 = 0.25;
/// The head: any one of these seen is enough (a side view shows one eye and one ear).
pub const HEAD: [Landmark; 5] = [
    Landmark::Nose,
    Landmark::LeftEye,
    Landmark::RightEye,
    Landmark::LeftEar,
    Landmark::RightEar,
];
/// One leg: hip, knee and ankle of the same side. At least one leg must be fully seen
/// (the far leg of a side view may be hidden); toes are not needed.
pub const LEG_LEFT: [Landmark; 3] = [Landmark::LeftHip, Landmark::LeftKnee, Landmark::LeftAnkle];
/// The right leg (see [`LEG_LEFT`]).
pub const LEG_RIGHT: [Landmark; 3] = [
    Landmark::RightHip,
    Landmark::RightKnee,
    Landmark::RightAnkle,
];
/// The shoulders: at least one seen.
pub const SHOULDERS: [Landmark; 2] = [Landmark::LeftShoulder, Landmark::RightShoulder];

/// Why the gate cannot see the person well enough to start.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ViewProblem {
    /// Nobody in the picture.
    Nobody,
    /// No part of the head is seen.
    HeadNotSeen,
    /// No shoulder is seen.
    ShouldersNotSeen,
    /// No leg is seen down to the ankle.
    FeetNotSeen,
    /// The body is cut off at the left or right edge.
    SideCut,
    /// Nobody, or not enough of the body, is seen, and the picture is too dark
    /// ([`TOO_DARK_MAX_BRIGHTNESS`]).
    TooDark,
}

impl ViewProblem {
    /// Every view problem.
    pub const ALL: [ViewProblem; 6] = [
        ViewProblem::Nobody,
        ViewProblem::HeadNotSeen,
        ViewProblem::ShouldersNotSeen,
        ViewProblem::FeetNotSeen,
        ViewProblem::SideCut,
        ViewProblem::TooDark,
    ];

    /// The stable snake_case name (also the catalogue key `view-<name>`).
    pub fn as_str(self) -> &'static str {
        match self {
            ViewProblem::Nobody => "nobody",
            ViewProblem::HeadNotSeen => "head_not_seen",
            ViewProblem::ShouldersNotSeen => "shoulders_not_seen",
            ViewProblem::FeetNotSeen => "feet_not_seen",
            ViewProblem::SideCut => "side_cut",
            ViewProblem::TooDark => "too_dark",
        }
    }

    /// What to do about it, in the coach's words, in English.
    pub fn instruction(self) -> String {
        self.instruction_in(Lang::En)
    }

    /// What to do about it in `lang`.
    pub fn instruction_in(self, lang: Lang) -> String {
        i18n::tr(lang, &format!("view-{}", self.as_str()))
    }
}

/// One named part of the neutral stance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StanceCheckKind {
    /// Feet parallel.
    FeetParallel,
    /// Feet about hip-width apart (not too narrow).
    StanceNotNarrow,
    /// Feet about hip-width apart (not too wide).
    StanceNotWide,
    /// Knees slightly bent, not locked.
    KneesUnlocked,
    /// Knees not in a squat.
    KneesNotSquatting,
    /// Trunk upright (chest slightly forward is fine).
    TrunkUpright,
    /// Chin pulled in.
    ChinIn,
}

impl StanceCheckKind {
    /// All checks, in the order a coach would mention them.
    pub const ALL: [StanceCheckKind; 7] = [
        StanceCheckKind::FeetParallel,
        StanceCheckKind::StanceNotNarrow,
        StanceCheckKind::StanceNotWide,
        StanceCheckKind::KneesUnlocked,
        StanceCheckKind::KneesNotSquatting,
        StanceCheckKind::TrunkUpright,
        StanceCheckKind::ChinIn,
    ];

    /// The fault reported when the check fails while resting between reps (`None` for
    /// the squatting check: between reps the rep counter already knows the knees are up).
    pub fn fault(self) -> Option<FaultCode> {
        match self {
            StanceCheckKind::FeetParallel => Some(FaultCode::FeetNotParallel),
            StanceCheckKind::StanceNotNarrow => Some(FaultCode::StanceTooNarrow),
            StanceCheckKind::StanceNotWide => Some(FaultCode::StanceTooWide),
            StanceCheckKind::KneesUnlocked => Some(FaultCode::KneesLocked),
            StanceCheckKind::KneesNotSquatting => None,
            StanceCheckKind::TrunkUpright => Some(FaultCode::LeaningForward),
            StanceCheckKind::ChinIn => Some(FaultCode::HeadForward),
        }
    }

    /// What the coach says when the check fails, in English.
    pub fn cue(self) -> String {
        self.cue_in(Lang::En)
    }

    /// What the coach says when the check fails, in `lang`.
    pub fn cue_in(self, lang: Lang) -> String {
        match self {
            StanceCheckKind::KneesNotSquatting => i18n::tr(lang, "stance-knees_not_squatting"),
            StanceCheckKind::TrunkUpright => i18n::tr(lang, "stance-trunk_upright"),
            other => other
                .fault()
                .map(|f| f.cue_in(lang))
                .unwrap_or_else(|| i18n::tr(lang, "stance-neutral")),
        }
    }

    /// Whether the check passes; `None` when its metric is unknown, or cannot be trusted
    /// from this camera view: the trunk's forward lean seen from the front comes from
    /// BlazePose's estimated depth (real clips read 20-40° for people standing upright).
    pub fn passes(self, m: &BodyMetrics) -> Option<bool> {
        if self == StanceCheckKind::TrunkUpright && m.view == CameraView::Front {
            return None;
        }
        Some(match self {
            StanceCheckKind::FeetParallel => {
                m.value(MetricId::FeetAngle)?.abs() <= FEET_MAX_ANGLE_RAD
            }
            StanceCheckKind::StanceNotNarrow => {
                m.value(MetricId::StanceWidth)? >= STANCE_MIN_WIDTH_RATIO
            }
            StanceCheckKind::StanceNotWide => {
                m.value(MetricId::StanceWidth)? <= STANCE_MAX_WIDTH_RATIO
            }
            StanceCheckKind::KneesUnlocked => {
                m.value(MetricId::KneeFlexion)? >= KNEES_LOCKED_MAX_FLEXION_RAD
            }
            StanceCheckKind::KneesNotSquatting => {
                m.value(MetricId::KneeFlexion)? <= KNEES_SQUATTING_MIN_FLEXION_RAD
            }
            StanceCheckKind::TrunkUpright => {
                m.value(MetricId::TrunkFlexion)?.abs() <= TRUNK_MAX_TILT_RAD
            }
            StanceCheckKind::ChinIn => m.value(MetricId::HeadForward)? <= HEAD_FORWARD_MAX_RATIO,
        })
    }
}

/// One check's result.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StanceCheck {
    /// Which part of the stance.
    pub kind: StanceCheckKind,
    /// `Some(true)` passes, `Some(false)` fails, `None` cannot be judged from this view.
    pub ok: Option<bool>,
}

/// All stance checks for one frame.
#[derive(Clone, Debug, PartialEq)]
pub struct StanceReport {
    /// Every check, in [`StanceCheckKind::ALL`] order.
    pub checks: Vec<StanceCheck>,
}

impl StanceReport {
    /// The checks that fail.
    pub fn failed(&self) -> impl Iterator<Item = StanceCheckKind> + '_ {
        self.checks
            .iter()
            .filter(|c| c.ok == Some(false))
            .map(|c| c.kind)
    }

    /// True when no check fails (unknown checks do not block).
    pub fn is_neutral(&self) -> bool {
        self.failed().next().is_none()
    }
}

/// Judges the neutral stance from one frame's metrics.
pub fn check_stance(metrics: &BodyMetrics) -> StanceReport {
    StanceReport {
        checks: StanceCheckKind::ALL
            .iter()
            .map(|&kind| StanceCheck {
                kind,
                ok: kind.passes(metrics),
            })
            .collect(),
    }
}

/// Whether the person is seen well enough to judge the stance: the head (any part), a
/// shoulder, and one leg from hip to ankle, each seen (visibility at least
/// [`GATE_MIN_VISIBILITY`]) and inside the picture (within [`IN_VIEW_TOLERANCE`]). A
/// landmark the body itself hides (the far arm or leg of a side view) is not "out of view".
///
/// When the person is not seen well enough in a frame that is too dark ([`is_too_dark`]),
/// the problem is [`ViewProblem::TooDark`]: the pose model loses people in the dark, and
/// "stand in front of the camera" would send someone who is standing there away. A body
/// cut at the side stays [`ViewProblem::SideCut`] (it is seen, just not all of it).
pub fn body_in_view(frame: &PoseFrame) -> Result<(), ViewProblem> {
    match body_seen(frame) {
        Err(problem) if problem != ViewProblem::SideCut && is_too_dark(frame) => {
            Err(ViewProblem::TooDark)
        }
        seen => seen,
    }
}

/// Whether the frame's mean brightness is known and below [`TOO_DARK_MAX_BRIGHTNESS`].
pub fn is_too_dark(frame: &PoseFrame) -> bool {
    frame
        .brightness
        .is_some_and(|b| b < TOO_DARK_MAX_BRIGHTNESS)
}

/// [`body_in_view`] without the brightness.
fn body_seen(frame: &PoseFrame) -> Result<(), ViewProblem> {
    let Some(pose) = &frame.pose else {
        return Err(ViewProblem::Nobody);
    };
    let [w, h] = frame.image_size;
    let (w, h) = (w as f32, h as f32);
    let (tx, ty) = (IN_VIEW_TOLERANCE * w, IN_VIEW_TOLERANCE * h);
    // Seen: Some(true) inside the picture, Some(false) seen but outside it, None not seen.
    let seen = |lm: Landmark| -> Option<bool> {
        let p = pose.get(lm)?;
        (p.visibility >= GATE_MIN_VISIBILITY).then_some(())?;
        Some(p.x_px >= -tx && p.x_px <= w + tx && p.y_px >= -ty && p.y_px <= h + ty)
    };
    let cut_at_side = |lm: Landmark| {
        pose.get(lm)
            .is_some_and(|p| p.x_px < -tx || p.x_px > w + tx)
    };
    let any_in = |lms: &[Landmark]| lms.iter().any(|&lm| seen(lm) == Some(true));
    let all_in = |lms: &[Landmark]| lms.iter().all(|&lm| seen(lm) == Some(true));
    let problem = if !any_in(&HEAD) {
        ViewProblem::HeadNotSeen
    } else if !any_in(&SHOULDERS) {
        ViewProblem::ShouldersNotSeen
    } else if !all_in(&LEG_LEFT) && !all_in(&LEG_RIGHT) {
        ViewProblem::FeetNotSeen
    } else {
        return Ok(());
    };
    let side_cut = HEAD
        .iter()
        .chain(&SHOULDERS)
        .chain(&LEG_LEFT)
        .chain(&LEG_RIGHT)
        .any(|&lm| cut_at_side(lm));
    Err(if side_cut {
        ViewProblem::SideCut
    } else {
        problem
    })
}

/// The gate's state after a frame.
#[derive(Clone, Debug, PartialEq)]
pub enum GateStatus {
    /// The person is not seen well enough; the problem says what to do.
    NotInView(ViewProblem),
    /// In view but a stance check fails; the first failing check's
    /// [`StanceCheckKind::cue_in`] says what to fix.
    Adjust {
        /// Failing checks, in coaching order.
        failed: Vec<StanceCheckKind>,
    },
    /// Standing and seen, holding.
    Holding {
        /// Seconds held so far.
        held_secs: f64,
        /// Seconds needed.
        hold_secs: f64,
    },
    /// Held long enough: counting may start. Stays ready until [`StanceGate::reset`].
    Ready,
}

/// "Hold the neutral stance for `hold_secs` with the whole body in view."
#[derive(Clone, Debug)]
pub struct StanceGate {
    hold_secs: f64,
    held_since: Option<f64>,
    bad_since: Option<f64>,
    ready: bool,
}

impl StanceGate {
    /// A gate needing `hold_secs` seconds (see [`DEFAULT_HOLD_SECS`]).
    pub fn new(hold_secs: f64) -> StanceGate {
        StanceGate {
            hold_secs,
            held_since: None,
            bad_since: None,
            ready: false,
        }
    }

    /// Starts over (e.g. before the next set).
    pub fn reset(&mut self) {
        self.held_since = None;
        self.bad_since = None;
        self.ready = false;
    }

    /// Whether the stance has been held long enough.
    pub fn is_ready(&self) -> bool {
        self.ready
    }

    /// Feeds one frame (time comes from `frame.t_secs`).
    pub fn update(&mut self, frame: &PoseFrame) -> GateStatus {
        if self.ready {
            return GateStatus::Ready;
        }
        if let Err(problem) = body_in_view(frame) {
            return self.glitch(frame.t_secs, GateStatus::NotInView(problem));
        }
        let metrics = frame
            .pose
            .as_ref()
            .map(body_metrics)
            .unwrap_or_else(BodyMetrics::unknown);
        self.update_with_metrics(frame.t_secs, &metrics)
    }

    /// Like [`StanceGate::update`] for a caller that has already computed the metrics
    /// and checked that the body is in view ([`body_in_view`]).
    ///
    /// Only what every view measures reliably blocks the gate: the person must be standing
    /// (knee flexion known and below the squat threshold, at once, no grace) with the trunk
    /// upright. The other stance checks are coached while resting between reps, never a
    /// reason not to start: depth-based measures (feet angle, stance width in a side view)
    /// are too noisy from one camera to lock a user out.
    pub fn update_with_metrics(&mut self, t_secs: f64, metrics: &BodyMetrics) -> GateStatus {
        if self.ready {
            return GateStatus::Ready;
        }
        let standing = StanceCheckKind::KneesNotSquatting.passes(metrics);
        if standing != Some(true) {
            self.held_since = None;
            self.bad_since = None;
            return match standing {
                Some(false) => GateStatus::Adjust {
                    failed: vec![StanceCheckKind::KneesNotSquatting],
                },
                _ => GateStatus::NotInView(ViewProblem::FeetNotSeen),
            };
        }
        if StanceCheckKind::TrunkUpright.passes(metrics) == Some(false) {
            let status = GateStatus::Adjust {
                failed: vec![StanceCheckKind::TrunkUpright],
            };
            return self.glitch(t_secs, status);
        }
        self.bad_since = None;
        let since = *self.held_since.get_or_insert(t_secs);
        let held_secs = (t_secs - since).max(0.0);
        if held_secs >= self.hold_secs {
            self.ready = true;
            return GateStatus::Ready;
        }
        GateStatus::Holding {
            held_secs,
            hold_secs: self.hold_secs,
        }
    }
}

impl StanceGate {
    /// A bad frame: within the grace period a running hold continues.
    fn glitch(&mut self, t_secs: f64, status: GateStatus) -> GateStatus {
        let bad_since = *self.bad_since.get_or_insert(t_secs);
        match self.held_since {
            Some(since) if t_secs - bad_since <= GATE_GRACE_SECS => GateStatus::Holding {
                held_secs: (t_secs - since).max(0.0),
                hold_secs: self.hold_secs,
            },
            _ => {
                self.held_since = None;
                status
            }
        }
    }
}

impl Default for StanceGate {
    fn default() -> Self {
        StanceGate::new(DEFAULT_HOLD_SECS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pose::{ImagePoint, Pose};

    const SIZE: [u32; 2] = [640, 480];

    /// A frame of `brightness` with `landmarks` seen at `x_px` (the rest of the picture).
    fn frame(brightness: Option<f32>, landmarks: &[Landmark], x_px: f32) -> PoseFrame {
        let mut pose = Pose::empty();
        for (i, &lm) in landmarks.iter().enumerate() {
            pose.landmarks[lm.index()] = Some(ImagePoint {
                x_px,
                y_px: 40.0 + 25.0 * i as f32,
                visibility: 0.9,
            });
        }
        PoseFrame {
            brightness,
            pose: Some(pose),
            ..PoseFrame::nobody(0.0, SIZE)
        }
    }

    fn whole_body() -> Vec<Landmark> {
        HEAD.iter()
            .chain(&SHOULDERS)
            .chain(&LEG_LEFT)
            .chain(&LEG_RIGHT)
            .copied()
            .collect()
    }

    #[test]
    fn nobody_in_a_dark_frame_is_told_to_turn_on_a_light() {
        let dark = Some(TOO_DARK_MAX_BRIGHTNESS * 0.5);
        let nobody = |brightness| PoseFrame {
            brightness,
            ..PoseFrame::nobody(0.0, SIZE)
        };
        assert_eq!(body_in_view(&nobody(dark)), Err(ViewProblem::TooDark));
        // Lit, or brightness unknown (old pose tracks): where to stand, as before.
        assert_eq!(body_in_view(&nobody(Some(0.5))), Err(ViewProblem::Nobody));
        assert_eq!(body_in_view(&nobody(None)), Err(ViewProblem::Nobody));

        // The gate says it, in both languages.
        let mut gate = StanceGate::default();
        let status = gate.update(&nobody(dark));
        assert_eq!(status, GateStatus::NotInView(ViewProblem::TooDark));
        assert_eq!(
            ViewProblem::TooDark.instruction(),
            "It is too dark: turn on a light"
        );
        assert_ne!(
            ViewProblem::TooDark.instruction_in(Lang::Da),
            ViewProblem::TooDark.instruction()
        );
    }

    #[test]
    fn too_dark_only_when_the_body_is_not_seen_well_enough() {
        let dark = Some(TOO_DARK_MAX_BRIGHTNESS * 0.5);
        // The whole body seen in a dark room: nothing to say about the light.
        assert_eq!(body_in_view(&frame(dark, &whole_body(), 320.0)), Ok(()));
        // Only the head and shoulders found in the dark: too dark, not "step back".
        let upper: Vec<Landmark> = HEAD.iter().chain(&SHOULDERS).copied().collect();
        assert_eq!(
            body_in_view(&frame(dark, &upper, 320.0)),
            Err(ViewProblem::TooDark)
        );
        assert_eq!(
            body_in_view(&frame(Some(0.5), &upper, 320.0)),
            Err(ViewProblem::FeetNotSeen)
        );
        // Cut at the side is a matter of where to stand, dark or not.
        assert_eq!(
            body_in_view(&frame(dark, &upper, -100.0)),
            Err(ViewProblem::SideCut)
        );
    }
}

//! The neutral stance (the seed's "Before you begin"): feet parallel, about hip-width
//! apart, knees slightly bent, trunk upright, chin in. Each part is a named check.
//!
//! [`check_stance`] judges one frame's metrics; [`StanceGate`] is the live session's
//! "hold the neutral stance for 1 s with the whole body in view" before counting starts.
//! `analyze` does not gate; the tracker reports stance faults while resting instead.

use serde::{Deserialize, Serialize};

use super::fault::FaultCode;
use crate::landmark::Landmark;
use crate::metrics::{BodyMetrics, MIN_VISIBILITY, MetricId, body_metrics};
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
/// Landmarks that must be visible and inside the image for "whole body in view".
pub const WHOLE_BODY: [Landmark; 13] = [
    Landmark::Nose,
    Landmark::LeftShoulder,
    Landmark::RightShoulder,
    Landmark::LeftElbow,
    Landmark::RightElbow,
    Landmark::LeftHip,
    Landmark::RightHip,
    Landmark::LeftKnee,
    Landmark::RightKnee,
    Landmark::LeftAnkle,
    Landmark::RightAnkle,
    Landmark::LeftFootIndex,
    Landmark::RightFootIndex,
];
/// Seconds a glitch (a landmark missing, a check failing) may last without restarting
/// the hold: the pose model drops single frames now and then.
pub const GATE_GRACE_SECS: f64 = 0.3;
/// Margin (fraction of the image size) a whole-body landmark must keep from the edges.
pub const IN_VIEW_MARGIN: f32 = 0.01;

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
            StanceCheckKind::TrunkUpright => Some(FaultCode::BackRounded),
            StanceCheckKind::ChinIn => Some(FaultCode::HeadForward),
        }
    }

    /// What the coach says when the check fails.
    pub fn cue(self) -> &'static str {
        match self {
            StanceCheckKind::KneesNotSquatting => "Stand up tall, knees only slightly bent",
            StanceCheckKind::TrunkUpright => "Stand tall with your chest slightly forward",
            other => other
                .fault()
                .map(FaultCode::default_cue)
                .unwrap_or("Find your neutral stance"),
        }
    }

    /// Whether the check passes; `None` when its metric is unknown.
    pub fn passes(self, m: &BodyMetrics) -> Option<bool> {
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

/// True when every [`WHOLE_BODY`] landmark is visible and inside the image.
pub fn whole_body_in_view(frame: &PoseFrame) -> bool {
    let Some(pose) = &frame.pose else {
        return false;
    };
    let [w, h] = frame.image_size;
    let (w, h) = (w as f32, h as f32);
    let (mx, my) = (IN_VIEW_MARGIN * w, IN_VIEW_MARGIN * h);
    WHOLE_BODY.iter().all(|&lm| {
        pose.get(lm).is_some_and(|p| {
            p.visibility >= MIN_VISIBILITY
                && p.x_px >= mx
                && p.x_px <= w - mx
                && p.y_px >= my
                && p.y_px <= h - my
        })
    })
}

/// The gate's state after a frame.
#[derive(Clone, Debug, PartialEq)]
pub enum GateStatus {
    /// The whole body is not in view.
    NotInView,
    /// In view but a stance check fails; `cue` says what to fix (the first failing check).
    Adjust {
        /// Failing checks, in coaching order.
        failed: Vec<StanceCheckKind>,
        /// The cue for the first failing check.
        cue: &'static str,
    },
    /// In the neutral stance, holding.
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
        if !whole_body_in_view(frame) {
            return self.glitch(frame.t_secs, GateStatus::NotInView);
        }
        let metrics = frame
            .pose
            .as_ref()
            .map(body_metrics)
            .unwrap_or_else(BodyMetrics::unknown);
        self.update_with_metrics(frame.t_secs, &metrics)
    }

    /// Like [`StanceGate::update`] for a caller that has already computed the metrics
    /// and checked that the whole body is in view.
    pub fn update_with_metrics(&mut self, t_secs: f64, metrics: &BodyMetrics) -> GateStatus {
        if self.ready {
            return GateStatus::Ready;
        }
        let report = check_stance(metrics);
        let failed: Vec<StanceCheckKind> = report.failed().collect();
        if let Some(first) = failed.first() {
            let status = GateStatus::Adjust {
                cue: first.cue(),
                failed,
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

//! "Vary your posture": is a seated person slouched in this frame?
//!
//! Measured only from what is really seen (the hips and shoulders visible and inside the
//! image: at a desk the hips are often hidden, and then nothing is claimed):
//! - trunk flexion (hip centre → shoulder centre from vertical, see
//!   [`MetricId::TrunkFlexion`]) above [`SLOUCH_TRUNK_FLEXION_RAD`] (20°): leaning or
//!   slumping forward. Upright sitting on the real clips reads 1-7°, slumped and
//!   forearms-on-thighs sitting 13-30°;
//! - or the head forward of the shoulders ([`MetricId::HeadForward`]) above
//!   [`SLOUCH_HEAD_FORWARD_RATIO`] of the torso length (the exercise stance allows 0.2).
//!
//! One frame says little; [`WorkDay`](super::WorkDay) reminds only after minutes of it.

use crate::landmark::Landmark;
use crate::metrics::{MetricId, body_metrics};
use crate::pose::PoseFrame;

use super::posture::{LEG_MIN_VISIBILITY, UPPER_MIN_VISIBILITY, seen};

/// Trunk flexion above this (radians, 20°) is a slouch.
pub const SLOUCH_TRUNK_FLEXION_RAD: f32 = 20.0 * std::f32::consts::PI / 180.0;
/// Head forward above this (ear ahead of shoulders / torso length) is a slouch.
pub const SLOUCH_HEAD_FORWARD_RATIO: f32 = 0.3;

/// `Some(true)` when slouched, `Some(false)` when upright, `None` when the trunk is not
/// seen well enough to say.
pub fn slouched(frame: &PoseFrame) -> Option<bool> {
    let pose = frame.pose.as_ref()?;
    let size = frame.image_size;
    use Landmark::*;
    let hip = [LeftHip, RightHip]
        .into_iter()
        .any(|lm| seen(pose.get(lm), LEG_MIN_VISIBILITY, size).is_some());
    let shoulder = [LeftShoulder, RightShoulder]
        .into_iter()
        .any(|lm| seen(pose.get(lm), UPPER_MIN_VISIBILITY, size).is_some());
    if !hip || !shoulder {
        return None;
    }
    let m = body_metrics(pose);
    let trunk = m.value(MetricId::TrunkFlexion);
    let head = m.value(MetricId::HeadForward);
    match (trunk, head) {
        (None, None) => None,
        (t, h) => Some(
            t.is_some_and(|t| t > SLOUCH_TRUNK_FLEXION_RAD)
                || h.is_some_and(|h| h > SLOUCH_HEAD_FORWARD_RATIO),
        ),
    }
}

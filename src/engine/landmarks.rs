//! Decoding the BlazePose landmark model's outputs.
//!
//! `Identity` is 39 × (x, y, z, visibility logit, presence logit) in 256-px crop units:
//! 33 body landmarks then 6 auxiliary points (33 and 34 align the next frame's region).
//! `Identity_4` is 39 × (x, y, z) metres, hip-centred, in the crop's rotated frame.

use crate::landmark::LANDMARK_COUNT;
use crate::pose::{ImagePoint, Pose, WorldPoint};

use super::geometry::Roi;

/// Landmark model input side, pixels.
pub const LANDMARK_INPUT_SIZE: usize = 256;
/// Landmarks the model outputs (33 body + 6 auxiliary).
pub const MODEL_LANDMARKS: usize = 39;
/// Values per landmark in `Identity`.
pub const VALUES_PER_LANDMARK: usize = 5;
/// Auxiliary landmark used as the region centre (mid-hip).
pub const AUX_CENTER: usize = 33;
/// Auxiliary landmark whose distance and direction give the region size and rotation.
pub const AUX_SCALE: usize = 34;

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// The landmark model's output for one crop, mapped to image pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct LandmarkOutput {
    /// The 33 body landmarks.
    pub pose: Pose,
    /// Auxiliary alignment points (centre, scale) in pixels.
    pub aux_px: [[f32; 2]; 2],
}

/// Maps raw outputs to a [`LandmarkOutput`]. `raw` is `Identity` (195 values), `world`
/// is `Identity_4` (117 values), `pose_flag` is `Identity_1`.
pub fn decode(raw: &[f32], world: &[f32], pose_flag: f32, roi: &Roi) -> Option<LandmarkOutput> {
    if raw.len() < MODEL_LANDMARKS * VALUES_PER_LANDMARK || world.len() < MODEL_LANDMARKS * 3 {
        return None;
    }
    let size = LANDMARK_INPUT_SIZE as f32;
    let mut pose = Pose::empty();
    let mut world_points = [None; LANDMARK_COUNT];
    for i in 0..LANDMARK_COUNT {
        let r = &raw[i * VALUES_PER_LANDMARK..(i + 1) * VALUES_PER_LANDMARK];
        let [x, y] = roi.to_image(r[0] / size, r[1] / size);
        pose.landmarks[i] = Some(ImagePoint {
            x_px: x,
            y_px: y,
            visibility: sigmoid(r[3]),
        });
        let w = &world[i * 3..i * 3 + 3];
        let [wx, wy] = roi.rotate(w[0], w[1]);
        world_points[i] = Some(WorldPoint {
            x_m: wx,
            y_m: wy,
            z_m: w[2],
        });
    }
    pose.world_landmarks = Some(world_points);
    pose.score = pose_flag;
    let aux = |i: usize| {
        let r = &raw[i * VALUES_PER_LANDMARK..];
        roi.to_image(r[0] / size, r[1] / size)
    };
    Some(LandmarkOutput {
        pose,
        aux_px: [aux(AUX_CENTER), aux(AUX_SCALE)],
    })
}

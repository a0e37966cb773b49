//! Pose-track variants that stand in for people and cameras we have not seen: the mirror
//! image (the same movement done to the other side) and an arm movement exaggerated and
//! made noisy (a person whose shoulders rise or pull back more with their arms).

use backcoach::landmark::{LANDMARK_COUNT, Landmark};
use backcoach::pose::{ImagePoint, PoseFrame, WorldPoint};

use super::synth::Rng;

/// The mirror image of a track: every left landmark becomes the right one and vice
/// versa, image points flip about the image's vertical centre line (x' = width − x) and
/// world points about the body's (x' = −x). A left turn becomes a right turn.
pub fn mirrored(frames: &[PoseFrame]) -> Vec<PoseFrame> {
    frames.iter().map(mirror_frame).collect()
}

fn mirror_frame(frame: &PoseFrame) -> PoseFrame {
    let mut out = frame.clone();
    let width_px = frame.image_size[0] as f32;
    if let (Some(pose), Some(src)) = (out.pose.as_mut(), frame.pose.as_ref()) {
        for lm in Landmark::ALL {
            pose.landmarks[lm.mirrored().index()] = src.landmarks[lm.index()].map(|p| ImagePoint {
                x_px: width_px - p.x_px,
                ..p
            });
        }
        if let (Some(world), Some(src_world)) =
            (pose.world_landmarks.as_mut(), src.world_landmarks.as_ref())
        {
            for lm in Landmark::ALL {
                world[lm.mirrored().index()] =
                    src_world[lm.index()].map(|p| WorldPoint { x_m: -p.x_m, ..p });
            }
        }
    }
    out
}

/// How to exaggerate an arm movement.
#[derive(Clone, Copy, Debug)]
pub struct ArmVariant {
    /// The shoulder points' movement relative to the hips (from the track's first
    /// frame) is multiplied by this; the arms move along with their shoulder.
    pub shoulder_gain: f32,
    /// The head points' movement relative to the hips is multiplied by this.
    pub head_gain: f32,
    /// Gaussian noise on every point: σ in metres (world) and `σ × 170` pixels (image,
    /// about a person 3 m from a 900 px camera).
    pub noise_m: f32,
    /// Noise seed.
    pub seed: u64,
}

const PX_PER_M: f32 = 170.0;

/// The head's landmarks: the first 11 in BlazePose order (nose to mouth).
const HEAD: &[Landmark] = Landmark::ALL.split_at(11).0;

/// Each shoulder with the arm points that follow it.
const ARMS: [(Landmark, [Landmark; 5]); 2] = {
    use Landmark::*;
    [
        (
            LeftShoulder,
            [LeftElbow, LeftWrist, LeftPinky, LeftIndex, LeftThumb],
        ),
        (
            RightShoulder,
            [RightElbow, RightWrist, RightPinky, RightIndex, RightThumb],
        ),
    ]
};

/// A 3-vector in either space (metres or pixels; z = 0 in the image).
type V = [f32; 3];

fn hip_mid(points: &[Option<V>; LANDMARK_COUNT]) -> Option<V> {
    let l = points[Landmark::LeftHip.index()]?;
    let r = points[Landmark::RightHip.index()]?;
    Some([
        0.5 * (l[0] + r[0]),
        0.5 * (l[1] + r[1]),
        0.5 * (l[2] + r[2]),
    ])
}

/// Moves `points` so that the shoulders' and head's movement from `reference` (both
/// relative to the hip centre) is scaled by the variant's gains.
fn exaggerate(
    points: &mut [Option<V>; LANDMARK_COUNT],
    reference: &[Option<V>; LANDMARK_COUNT],
    v: &ArmVariant,
) {
    let (Some(h), Some(h0)) = (hip_mid(points), hip_mid(reference)) else {
        return;
    };
    let original = *points;
    let extra = |lm: Landmark, gain: f32| -> Option<V> {
        let p = original[lm.index()]?;
        let p0 = reference[lm.index()]?;
        Some(std::array::from_fn(|i| {
            (gain - 1.0) * ((p[i] - h[i]) - (p0[i] - h0[i]))
        }))
    };
    let mut shift = |lm: Landmark, d: V| {
        if let Some(p) = points[lm.index()].as_mut() {
            for i in 0..3 {
                p[i] += d[i];
            }
        }
    };
    for &lm in HEAD {
        if let Some(d) = extra(lm, v.head_gain) {
            shift(lm, d);
        }
    }
    for (shoulder, arm) in ARMS {
        if let Some(d) = extra(shoulder, v.shoulder_gain) {
            shift(shoulder, d);
            for lm in arm {
                shift(lm, d);
            }
        }
    }
}

/// The track with its arm movement exaggerated (see [`ArmVariant`]).
pub fn exaggerated(frames: &[PoseFrame], v: ArmVariant) -> Vec<PoseFrame> {
    let mut rng = Rng(v.seed);
    let image_of = |f: &PoseFrame| -> [Option<V>; LANDMARK_COUNT] {
        std::array::from_fn(|i| {
            f.pose
                .as_ref()
                .and_then(|p| p.landmarks[i])
                .map(|p| [p.x_px, p.y_px, 0.0])
        })
    };
    let world_of = |f: &PoseFrame| -> [Option<V>; LANDMARK_COUNT] {
        std::array::from_fn(|i| {
            f.pose
                .as_ref()
                .and_then(|p| p.world_landmarks.as_ref())
                .and_then(|w| w[i])
                .map(|p| [p.x_m, p.y_m, p.z_m])
        })
    };
    let Some(first) = frames.iter().find(|f| f.pose.is_some()) else {
        return frames.to_vec();
    };
    let (image0, world0) = (image_of(first), world_of(first));
    frames
        .iter()
        .map(|f| {
            let mut out = f.clone();
            let Some(pose) = out.pose.as_mut() else {
                return out;
            };
            let mut image = image_of(f);
            exaggerate(&mut image, &image0, &v);
            let mut world = world_of(f);
            exaggerate(&mut world, &world0, &v);
            for lm in Landmark::ALL {
                let i = lm.index();
                if let (Some(p), Some(q)) = (pose.landmarks[i].as_mut(), image[i]) {
                    p.x_px = q[0] + rng.normal() * v.noise_m * PX_PER_M;
                    p.y_px = q[1] + rng.normal() * v.noise_m * PX_PER_M;
                }
                if let (Some(w), Some(q)) = (pose.world_landmarks.as_mut(), world[i])
                    && let Some(p) = w[i].as_mut()
                {
                    p.x_m = q[0] + rng.normal() * v.noise_m;
                    p.y_m = q[1] + rng.normal() * v.noise_m;
                    p.z_m = q[2] + rng.normal() * v.noise_m;
                }
            }
            out
        })
        .collect()
}

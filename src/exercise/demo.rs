//! The looping demo animation: interpolated stick-figure points, so the app only draws.

use super::schema::{DemoView, Exercise};
use crate::landmark::{LANDMARK_COUNT, Landmark};

/// A 2D figure pose in figure space (unit box, x right, y down), per landmark.
#[derive(Clone, Debug, PartialEq)]
pub struct DemoPose {
    /// Points indexed by [`Landmark::index`]; every landmark is set.
    pub points: [[f32; 2]; LANDMARK_COUNT],
}

impl DemoPose {
    /// The point of one landmark.
    pub fn get(&self, landmark: Landmark) -> [f32; 2] {
        self.points[landmark.index()]
    }
}

/// The neutral standing figure for a view.
pub fn neutral_figure(view: DemoView) -> DemoPose {
    use Landmark::*;
    let pts: &[(Landmark, [f32; 2])] = match view {
        DemoView::Front => &[
            (Nose, [0.5, 0.1]),
            (LeftEyeInner, [0.51, 0.085]),
            (LeftEye, [0.52, 0.085]),
            (LeftEyeOuter, [0.53, 0.085]),
            (RightEyeInner, [0.49, 0.085]),
            (RightEye, [0.48, 0.085]),
            (RightEyeOuter, [0.47, 0.085]),
            (LeftEar, [0.545, 0.095]),
            (RightEar, [0.455, 0.095]),
            (MouthLeft, [0.515, 0.125]),
            (MouthRight, [0.485, 0.125]),
            (LeftShoulder, [0.6, 0.22]),
            (RightShoulder, [0.4, 0.22]),
            (LeftElbow, [0.63, 0.37]),
            (RightElbow, [0.37, 0.37]),
            (LeftWrist, [0.64, 0.5]),
            (RightWrist, [0.36, 0.5]),
            (LeftPinky, [0.645, 0.53]),
            (RightPinky, [0.355, 0.53]),
            (LeftIndex, [0.64, 0.535]),
            (RightIndex, [0.36, 0.535]),
            (LeftThumb, [0.63, 0.525]),
            (RightThumb, [0.37, 0.525]),
            (LeftHip, [0.56, 0.52]),
            (RightHip, [0.44, 0.52]),
            (LeftKnee, [0.565, 0.72]),
            (RightKnee, [0.435, 0.72]),
            (LeftAnkle, [0.565, 0.92]),
            (RightAnkle, [0.435, 0.92]),
            (LeftHeel, [0.565, 0.94]),
            (RightHeel, [0.435, 0.94]),
            (LeftFootIndex, [0.575, 0.965]),
            (RightFootIndex, [0.425, 0.965]),
        ],
        DemoView::Side => &[
            (Nose, [0.56, 0.1]),
            (LeftEyeInner, [0.545, 0.085]),
            (LeftEye, [0.54, 0.085]),
            (LeftEyeOuter, [0.535, 0.085]),
            (RightEyeInner, [0.545, 0.085]),
            (RightEye, [0.54, 0.085]),
            (RightEyeOuter, [0.535, 0.085]),
            (LeftEar, [0.49, 0.095]),
            (RightEar, [0.49, 0.095]),
            (MouthLeft, [0.55, 0.125]),
            (MouthRight, [0.55, 0.125]),
            (LeftShoulder, [0.5, 0.22]),
            (RightShoulder, [0.5, 0.22]),
            (LeftElbow, [0.5, 0.37]),
            (RightElbow, [0.5, 0.37]),
            (LeftWrist, [0.52, 0.5]),
            (RightWrist, [0.52, 0.5]),
            (LeftPinky, [0.525, 0.53]),
            (RightPinky, [0.525, 0.53]),
            (LeftIndex, [0.53, 0.535]),
            (RightIndex, [0.53, 0.535]),
            (LeftThumb, [0.535, 0.52]),
            (RightThumb, [0.535, 0.52]),
            (LeftHip, [0.5, 0.52]),
            (RightHip, [0.5, 0.52]),
            (LeftKnee, [0.515, 0.72]),
            (RightKnee, [0.515, 0.72]),
            (LeftAnkle, [0.5, 0.92]),
            (RightAnkle, [0.5, 0.92]),
            (LeftHeel, [0.475, 0.945]),
            (RightHeel, [0.475, 0.945]),
            (LeftFootIndex, [0.58, 0.965]),
            (RightFootIndex, [0.58, 0.965]),
        ],
    };
    let mut points = [[0.5, 0.5]; LANDMARK_COUNT];
    for (lm, xy) in pts {
        points[lm.index()] = *xy;
    }
    DemoPose { points }
}

/// The landmark whose movement an unspecified landmark follows.
fn anchor(lm: Landmark) -> Option<Landmark> {
    use Landmark::*;
    match lm {
        LeftEyeInner | LeftEye | LeftEyeOuter | RightEyeInner | RightEye | RightEyeOuter
        | LeftEar | RightEar | MouthLeft | MouthRight => Some(Nose),
        LeftPinky | LeftIndex | LeftThumb => Some(LeftWrist),
        RightPinky | RightIndex | RightThumb => Some(RightWrist),
        LeftHeel | LeftFootIndex => Some(LeftAnkle),
        RightHeel | RightFootIndex => Some(RightAnkle),
        _ => None,
    }
}

/// A keyframe's full figure: its points over the neutral figure, anchors applied.
fn keyframe_figure(
    neutral: &DemoPose,
    pose: &std::collections::BTreeMap<String, [f32; 2]>,
) -> DemoPose {
    let mut out = neutral.clone();
    let given = |lm: Landmark| pose.get(lm.name()).copied();
    for lm in Landmark::ALL {
        if let Some(xy) = given(lm) {
            out.points[lm.index()] = xy;
        }
    }
    for lm in Landmark::ALL {
        if given(lm).is_some() {
            continue;
        }
        if let Some(a) = anchor(lm)
            && let Some(axy) = given(a)
        {
            let base = neutral.get(a);
            let own = neutral.get(lm);
            out.points[lm.index()] = [own[0] + axy[0] - base[0], own[1] + axy[1] - base[1]];
        }
    }
    out
}

/// Ease in and out (smoothstep) on 0..1.
fn ease(u: f32) -> f32 {
    let u = u.clamp(0.0, 1.0);
    u * u * (3.0 - 2.0 * u)
}

/// The demo figure at `t_secs` (looping every `demo.period_secs`).
pub fn demo_pose(exercise: &Exercise, t_secs: f64) -> DemoPose {
    let demo = &exercise.demo;
    let neutral = neutral_figure(demo.view);
    if demo.keyframes.is_empty() {
        return neutral;
    }
    let period = f64::from(demo.period_secs.max(1e-3));
    let t = t_secs.rem_euclid(period) as f32;
    let frames: Vec<(f32, DemoPose)> = demo
        .keyframes
        .iter()
        .map(|k| (k.t_secs, keyframe_figure(&neutral, &k.pose)))
        .collect();
    // Find the segment [a, b] containing t, wrapping around the loop.
    let n = frames.len();
    let idx_after = frames.iter().position(|(kt, _)| *kt > t).unwrap_or(n);
    let (a, b) = if idx_after == 0 {
        (n - 1, 0)
    } else {
        (idx_after - 1, idx_after % n)
    };
    let ta = frames[a].0;
    let mut tb = frames[b].0;
    let mut tt = t;
    let p = period as f32;
    if tb <= ta {
        tb += p;
    }
    if tt < ta {
        tt += p;
    }
    let u = if tb > ta {
        ease((tt - ta) / (tb - ta))
    } else {
        0.0
    };
    let mut out = frames[a].1.clone();
    for (o, q) in out.points.iter_mut().zip(frames[b].1.points.iter()) {
        o[0] += u * (q[0] - o[0]);
        o[1] += u * (q[1] - o[1]);
    }
    out
}

//! One Euro filtering of landmarks between frames.
//!
//! A One Euro filter is a low-pass filter whose cut-off rises with speed: still joints
//! are smoothed hard (no jitter), moving joints lightly (little lag). Parameters are split
//! from state, and time is passed in (`t_secs`), so replays and tests are exact.
//! Speeds are measured in body sizes per second, so the same parameters work near and far
//! from the camera. Defaults follow MediaPipe's pose filtering (landmarks: min cut-off
//! 0.1 Hz, β 40, derivative cut-off 1 Hz; visibility: low-pass α 0.1).

use crate::landmark::LANDMARK_COUNT;
use crate::pose::{ImagePoint, Pose, WorldPoint};

/// One Euro parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OneEuroParams {
    /// Cut-off frequency at zero speed, Hz.
    pub min_cutoff_hz: f32,
    /// How fast the cut-off rises with speed (per unit of normalised speed).
    pub beta: f32,
    /// Cut-off for the speed estimate, Hz.
    pub derivative_cutoff_hz: f32,
}

/// MediaPipe's landmark smoothing parameters.
pub const LANDMARK_FILTER: OneEuroParams = OneEuroParams {
    min_cutoff_hz: 0.1,
    beta: 40.0,
    derivative_cutoff_hz: 1.0,
};

/// MediaPipe's (heavier) smoothing of the auxiliary alignment points.
pub const AUX_FILTER: OneEuroParams = OneEuroParams {
    min_cutoff_hz: 0.01,
    beta: 1.0,
    derivative_cutoff_hz: 1.0,
};

/// Weight of the new visibility in its low-pass filter.
pub const VISIBILITY_ALPHA: f32 = 0.1;

fn alpha(cutoff_hz: f32, dt_secs: f32) -> f32 {
    let tau = 1.0 / (2.0 * std::f32::consts::PI * cutoff_hz);
    1.0 / (1.0 + tau / dt_secs)
}

/// State of one scalar One Euro filter.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct OneEuroState {
    last: Option<(f64, f32, f32)>, // (t_secs, value, derivative)
}

impl OneEuroState {
    /// Filters `value` observed at `t_secs`. `scale` normalises speed (e.g. body size in
    /// the value's unit). A repeated or earlier time returns the last output.
    pub fn filter(&mut self, p: &OneEuroParams, t_secs: f64, value: f32, scale: f32) -> f32 {
        let Some((t0, x0, d0)) = self.last else {
            self.last = Some((t_secs, value, 0.0));
            return value;
        };
        let dt = (t_secs - t0) as f32;
        if dt <= 0.0 {
            return x0;
        }
        let speed = (value - x0) / dt / scale.max(1e-6);
        let d = d0 + alpha(p.derivative_cutoff_hz, dt) * (speed - d0);
        let cutoff = p.min_cutoff_hz + p.beta * d.abs();
        let x = x0 + alpha(cutoff, dt) * (value - x0);
        self.last = Some((t_secs, x, d));
        x
    }
}

/// Smooths whole poses: image x/y, world x/y/z and visibility of every landmark.
#[derive(Clone, Debug)]
pub struct PoseSmoother {
    params: OneEuroParams,
    image: Vec<[OneEuroState; 2]>,
    world: Vec<[OneEuroState; 3]>,
    visibility: Vec<Option<f32>>,
}

impl PoseSmoother {
    /// A smoother with the given parameters.
    pub fn new(params: OneEuroParams) -> PoseSmoother {
        PoseSmoother {
            params,
            image: vec![Default::default(); LANDMARK_COUNT],
            world: vec![Default::default(); LANDMARK_COUNT],
            visibility: vec![None; LANDMARK_COUNT],
        }
    }

    /// Forgets the past (after the person was lost).
    pub fn reset(&mut self) {
        *self = PoseSmoother::new(self.params);
    }

    /// Returns the smoothed pose at `t_secs`.
    pub fn apply(&mut self, t_secs: f64, pose: &Pose) -> Pose {
        let mut out = pose.clone();
        let scale_px = pose
            .bounding_box_px(0.0)
            .map(|[a, b, c, d]| ((c - a) + (d - b)) / 2.0)
            .unwrap_or(1.0)
            .max(1.0);
        for i in 0..LANDMARK_COUNT {
            if let Some(p) = pose.landmarks[i] {
                let [fx, fy] = &mut self.image[i];
                let vis = match self.visibility[i] {
                    Some(v) => v + VISIBILITY_ALPHA * (p.visibility - v),
                    None => p.visibility,
                };
                self.visibility[i] = Some(vis);
                out.landmarks[i] = Some(ImagePoint {
                    x_px: fx.filter(&self.params, t_secs, p.x_px, scale_px),
                    y_px: fy.filter(&self.params, t_secs, p.y_px, scale_px),
                    visibility: vis,
                });
            }
        }
        if let (Some(world), Some(out_world)) = (&pose.world_landmarks, &mut out.world_landmarks) {
            // World coordinates are metres; a body is about a metre across.
            const WORLD_SCALE_M: f32 = 1.0;
            for i in 0..LANDMARK_COUNT {
                if let Some(p) = world[i] {
                    let [fx, fy, fz] = &mut self.world[i];
                    out_world[i] = Some(WorldPoint {
                        x_m: fx.filter(&self.params, t_secs, p.x_m, WORLD_SCALE_M),
                        y_m: fy.filter(&self.params, t_secs, p.y_m, WORLD_SCALE_M),
                        z_m: fz.filter(&self.params, t_secs, p.z_m, WORLD_SCALE_M),
                    });
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn still_noisy_signal_is_calmed() {
        let mut f = OneEuroState::default();
        let mut raw_dev = 0.0f32;
        let mut out_dev = 0.0f32;
        for i in 0..300 {
            let noise = if i % 2 == 0 { 1.0 } else { -1.0 };
            let y = f.filter(&LANDMARK_FILTER, i as f64 / 30.0, 100.0 + noise, 200.0);
            if i > 30 {
                raw_dev += noise.abs();
                out_dev += (y - 100.0).abs();
            }
        }
        assert!(out_dev < raw_dev * 0.2, "raw {raw_dev} smoothed {out_dev}");
    }

    #[test]
    fn fast_motion_is_followed() {
        let mut f = OneEuroState::default();
        let mut y = 0.0;
        for i in 0..30 {
            // 200 px/s ramp for one second, body size 200 px.
            y = f.filter(
                &LANDMARK_FILTER,
                i as f64 / 30.0,
                i as f32 * 200.0 / 30.0,
                200.0,
            );
        }
        let target = 29.0 * 200.0 / 30.0;
        assert!(
            (target - y).abs() < 0.1 * target,
            "lag too large: {y} vs {target}"
        );
    }
}

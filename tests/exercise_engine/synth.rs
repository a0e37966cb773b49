//! A small synthetic pose-track generator: a stick person facing the camera doing N reps
//! at a known tempo, with optional seeded faults, jitter and dropped landmarks.
//!
//! World: metres, hip-centred, x to image right (the person's left), y down, z away from
//! the camera; the person faces the camera (forward = −z). A pinhole camera 3 m away
//! gives the image landmarks.

use backcoach::landmark::{LANDMARK_COUNT, Landmark};
use backcoach::pose::{ImagePoint, Pose, PoseFrame, WorldPoint};

const FPS: f64 = 30.0;
const IMAGE_SIZE: [u32; 2] = [1280, 720];
const FOCAL_PX: f32 = 800.0;
const CAMERA_DISTANCE_M: f32 = 3.0;
const THIGH_M: f32 = 0.45;
const SHIN_M: f32 = 0.45;
const TORSO_M: f32 = 0.5;
const HALF_HIP_M: f32 = 0.1;
const HALF_SHOULDER_M: f32 = 0.18;

/// What one rep does (the peak of the movement, degrees).
#[derive(Clone, Copy, Debug)]
pub enum Movement {
    /// Bend both knees by this much more than at rest.
    KneeBend(f32),
    /// Tip the trunk forward.
    HipHinge(f32),
    /// Lean the trunk back.
    BackExtension(f32),
    /// Lean sideways, alternating left then right.
    SideBend(f32),
    /// Turn the shoulders, alternating left then right.
    TrunkRotation(f32),
    /// Lift one thigh, alternating left then right.
    KneeRaise(f32),
    /// Turn the whole body (pelvis with the shoulders), alternating left then right.
    WholeBodyTurn(f32),
    /// Raise both straight arms sideways (in the frontal plane) by this much from hanging;
    /// the trunk stays still (the shoulders may shrug, see [`Synth::shrug`]).
    LateralRaise(f32),
    /// Raise both straight arms forwards and up (in the sagittal plane) by this much from
    /// hanging (180 = overhead); the trunk stays still.
    OverheadRaise(f32),
}

impl Movement {
    fn alternating(self) -> bool {
        matches!(
            self,
            Movement::SideBend(_)
                | Movement::TrunkRotation(_)
                | Movement::KneeRaise(_)
                | Movement::WholeBodyTurn(_)
        )
    }
}

/// The generator's settings; `Default` is a clean, slow session.
#[derive(Clone, Debug)]
pub struct Synth {
    /// The movement.
    pub movement: Movement,
    /// Number of reps (all sides).
    pub reps: usize,
    /// Seconds out and seconds back per rep.
    pub phase_secs: f64,
    /// Seconds of still standing before, between and after reps.
    pub rest_secs: f64,
    /// Knee flexion at rest, degrees (12 = slightly bent; 2 = locked).
    pub rest_knee_deg: f32,
    /// Each foot turned out by this, degrees.
    pub foot_out_deg: f32,
    /// Ear ahead of the shoulders / torso length.
    pub head_forward: f32,
    /// Ankle spacing / hip spacing.
    pub stance_ratio: f32,
    /// `(from, to)` seconds with nobody in view.
    pub away: Option<(f64, f64)>,
    /// Gaussian noise: σ in metres for world points (pixels scale with the camera).
    pub jitter_m: f32,
    /// Probability that any one landmark is missing from a frame.
    pub drop_prob: f64,
    /// Random seed.
    pub seed: u64,
    /// Hands reach this far forward (metres) at the peak of each rep (0 = hanging).
    pub hands_forward_m: f32,
    /// Shoulders turn against the hips by this (degrees) at the peak of each rep.
    pub twist_deg: f32,
    /// The shoulder points (not the head) move this much at the peak of each rep,
    /// metres `[up, back]`: the shoulder girdle riding up and back with raised arms.
    pub shrug: [f32; 2],
    /// A constant trunk rotation at rest (degrees, positive = shoulders to the left):
    /// a person who stands a little turned, or a biased pose model.
    pub rest_rotation_deg: f32,
    /// A constant lateral lean at rest (degrees, positive = to the left): a person who
    /// stands a little crooked, or a camera that is not level.
    pub rest_lean_deg: f32,
}

impl Default for Synth {
    fn default() -> Self {
        Synth {
            movement: Movement::KneeBend(40.0),
            reps: 5,
            phase_secs: 2.5,
            rest_secs: 1.5,
            rest_knee_deg: 12.0,
            foot_out_deg: 5.0,
            head_forward: 0.0,
            stance_ratio: 1.2,
            away: None,
            jitter_m: 0.003,
            drop_prob: 0.03,
            seed: 7,
            hands_forward_m: 0.0,
            twist_deg: 0.0,
            shrug: [0.0, 0.0],
            rest_rotation_deg: 0.0,
            rest_lean_deg: 0.0,
        }
    }
}

/// SplitMix64 with Box–Muller normals: deterministic, no dependencies.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn normal(&mut self) -> f32 {
        let u1 = self.uniform().max(1e-12);
        let u2 = self.uniform();
        ((-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()) as f32
    }
}

/// Body parameters for one instant (degrees).
#[derive(Clone, Copy, Default)]
struct Params {
    knee_extra: f32,
    trunk_flex: f32,
    lean: f32,
    rotation: f32,
    body_turn: f32,
    lift_left: f32,
    lift_right: f32,
    hands_forward_m: f32,
    /// Arm raise from hanging, degrees, and whether sideways (else forwards).
    arm_raise: f32,
    arm_sideways: bool,
    /// Shoulder points moved `[up, back]`, metres.
    shrug: [f32; 2],
}

type P3 = [f32; 3];

fn add(a: P3, b: P3) -> P3 {
    [a[0] + b[0], a[1] + b[1], a[2] + b[2]]
}
fn scale(a: P3, k: f32) -> P3 {
    [a[0] * k, a[1] * k, a[2] * k]
}

impl Synth {
    /// Total seconds of the track.
    pub fn duration_secs(&self) -> f64 {
        self.rest_secs + self.reps as f64 * (2.0 * self.phase_secs + self.rest_secs)
    }

    /// The movement's progress at `t`: `(rep index, 0..1..0 amplitude)`.
    fn amplitude(&self, t: f64) -> Option<(usize, f32)> {
        let period = 2.0 * self.phase_secs + self.rest_secs;
        let t = t - self.rest_secs;
        if t < 0.0 {
            return None;
        }
        let rep = (t / period) as usize;
        if rep >= self.reps {
            return None;
        }
        let u = t - rep as f64 * period;
        if u >= 2.0 * self.phase_secs {
            return None;
        }
        let x = u / (2.0 * self.phase_secs);
        Some((
            rep,
            (0.5 - 0.5 * (2.0 * std::f64::consts::PI * x).cos()) as f32,
        ))
    }

    fn params(&self, t: f64) -> Params {
        let mut p = Params {
            rotation: self.rest_rotation_deg,
            lean: self.rest_lean_deg,
            ..Params::default()
        };
        let Some((rep, a)) = self.amplitude(t) else {
            return p;
        };
        p.shrug = [a * self.shrug[0], a * self.shrug[1]];
        p.hands_forward_m = a * self.hands_forward_m;
        p.rotation += a * self.twist_deg;
        let sign = if self.movement.alternating() && rep % 2 == 1 {
            -1.0
        } else {
            1.0
        };
        match self.movement {
            Movement::KneeBend(d) => {
                p.knee_extra = a * d;
                p.trunk_flex = a * 10.0;
            }
            Movement::HipHinge(d) => p.trunk_flex = a * d,
            Movement::BackExtension(d) => p.trunk_flex = -a * d,
            Movement::SideBend(d) => p.lean += sign * a * d,
            Movement::TrunkRotation(d) => p.rotation += sign * a * d,
            Movement::LateralRaise(d) => {
                p.arm_raise = a * d;
                p.arm_sideways = true;
            }
            Movement::OverheadRaise(d) => p.arm_raise = a * d,
            Movement::WholeBodyTurn(d) => p.body_turn = sign * a * d,
            Movement::KneeRaise(d) => {
                if sign > 0.0 {
                    p.lift_left = a * d;
                } else {
                    p.lift_right = a * d;
                }
            }
        }
        p
    }

    /// World landmarks for one instant.
    fn world(&self, p: Params) -> [Option<P3>; LANDMARK_COUNT] {
        use Landmark::*;
        let r = |deg: f32| deg.to_radians();
        let mut w: [Option<P3>; LANDMARK_COUNT] = [None; LANDMARK_COUNT];
        let mut set = |lm: Landmark, v: P3| w[lm.index()] = Some(v);
        // Legs.
        for (side, lift) in [(1.0f32, p.lift_left), (-1.0, p.lift_right)] {
            let hip = [side * HALF_HIP_M, 0.0, 0.0];
            let ankle_x = side * HALF_HIP_M * self.stance_ratio;
            let flex = r(self.rest_knee_deg + p.knee_extra);
            let (thigh_a, shin_a) = if lift > 0.0 {
                (r(lift), 0.0)
            } else {
                (flex / 2.0, -flex / 2.0)
            };
            let thigh = [0.0, THIGH_M * thigh_a.cos(), -THIGH_M * thigh_a.sin()];
            let shin = [0.0, SHIN_M * shin_a.cos(), -SHIN_M * shin_a.sin()];
            let knee_off = (ankle_x - hip[0]) * 0.5;
            let knee = add(add(hip, thigh), [knee_off, 0.0, 0.0]);
            let ankle = add(add(knee, shin), [knee_off, 0.0, 0.0]);
            let out = r(self.foot_out_deg);
            let heel = add(ankle, [0.0, 0.05, 0.05]);
            let toe = add(heel, [side * 0.2 * out.sin(), 0.02, -0.2 * out.cos()]);
            let (h, k, a, he, to) = if side > 0.0 {
                (LeftHip, LeftKnee, LeftAnkle, LeftHeel, LeftFootIndex)
            } else {
                (RightHip, RightKnee, RightAnkle, RightHeel, RightFootIndex)
            };
            set(h, hip);
            set(k, knee);
            set(a, ankle);
            set(he, heel);
            set(to, toe);
        }
        // Trunk.
        let (fl, le) = (r(p.trunk_flex), r(p.lean));
        let t_hat = [le.sin() * fl.cos(), -le.cos() * fl.cos(), -fl.sin()];
        let sc = scale(t_hat, TORSO_M);
        let rot = r(p.rotation);
        let left = [rot.cos(), 0.0, rot.sin()];
        // The shoulder points ride up and back with the shoulder girdle (the head does not).
        let girdle = [0.0, -p.shrug[0], p.shrug[1]];
        let ls = add(add(sc, scale(left, HALF_SHOULDER_M)), girdle);
        let rs = add(add(sc, scale(left, -HALF_SHOULDER_M)), girdle);
        set(LeftShoulder, ls);
        set(RightShoulder, rs);
        if p.arm_raise > 0.0 {
            // Straight arms raised sideways or forwards by `arm_raise` from hanging.
            let th = r(p.arm_raise);
            for (side, shoulder, elbow, wrist) in [
                (1.0f32, ls, LeftElbow, LeftWrist),
                (-1.0, rs, RightElbow, RightWrist),
            ] {
                let dir = if p.arm_sideways {
                    [side * th.sin(), th.cos(), 0.0]
                } else {
                    [0.0, th.cos(), -th.sin()]
                };
                set(elbow, add(shoulder, scale(dir, 0.28)));
                set(wrist, add(shoulder, scale(dir, 0.54)));
            }
        } else {
            // Arms hang straight down, or reach forward by `hands_forward_m`.
            let reach = p.hands_forward_m;
            set(LeftElbow, add(ls, [0.02, 0.28, -0.5 * reach]));
            set(RightElbow, add(rs, [-0.02, 0.28, -0.5 * reach]));
            set(LeftWrist, add(ls, [0.03, 0.54, -reach]));
            set(RightWrist, add(rs, [-0.03, 0.54, -reach]));
        }
        for (lm, base) in [
            (LeftPinky, LeftWrist),
            (LeftIndex, LeftWrist),
            (LeftThumb, LeftWrist),
            (RightPinky, RightWrist),
            (RightIndex, RightWrist),
            (RightThumb, RightWrist),
        ] {
            if let Some(b) = w[base.index()] {
                w[lm.index()] = Some(add(b, [0.0, 0.07, -0.01]));
            }
        }
        // Head: forward (perpendicular to the trunk) by `head_forward` torso lengths.
        let fwd = [0.0, 0.0, -1.0];
        let d = fwd[0] * t_hat[0] + fwd[1] * t_hat[1] + fwd[2] * t_hat[2];
        let n = add(fwd, scale(t_hat, -d));
        let nn = (n[0] * n[0] + n[1] * n[1] + n[2] * n[2]).sqrt();
        let n = scale(n, 1.0 / nn);
        let ear_mid = add(
            add(sc, scale(t_hat, 0.18)),
            scale(n, self.head_forward * TORSO_M),
        );
        let mut head = |lm: Landmark, along: f32, fwd_m: f32, up_m: f32| {
            w[lm.index()] = Some(add(
                add(add(ear_mid, scale(left, along)), scale(n, fwd_m)),
                scale(t_hat, up_m),
            ));
        };
        head(LeftEar, 0.075, 0.0, 0.0);
        head(RightEar, -0.075, 0.0, 0.0);
        head(Nose, 0.0, 0.1, -0.02);
        head(LeftEyeInner, 0.015, 0.08, 0.02);
        head(LeftEye, 0.03, 0.08, 0.02);
        head(LeftEyeOuter, 0.045, 0.075, 0.02);
        head(RightEyeInner, -0.015, 0.08, 0.02);
        head(RightEye, -0.03, 0.08, 0.02);
        head(RightEyeOuter, -0.045, 0.075, 0.02);
        head(MouthLeft, 0.025, 0.085, -0.05);
        head(MouthRight, -0.025, 0.085, -0.05);
        // A whole-body turn about the vertical through the hips (left turn: +x → +z).
        let (c, s) = (r(p.body_turn).cos(), r(p.body_turn).sin());
        for [x, _, z] in w.iter_mut().flatten() {
            (*x, *z) = (*x * c - *z * s, *x * s + *z * c);
        }
        w
    }

    /// The whole track.
    pub fn frames(&self) -> Vec<PoseFrame> {
        let mut rng = Rng(self.seed);
        let n = (self.duration_secs() * FPS).round() as usize + 1;
        let [iw, ih] = IMAGE_SIZE;
        // Hips sit at this height in the image when standing (pixels).
        let hip_row = 0.5 * ih as f32 + 20.0;
        (0..n)
            .map(|i| {
                let t = i as f64 / FPS;
                if self.away.is_some_and(|(a, b)| t >= a && t < b) {
                    return PoseFrame::nobody(t, IMAGE_SIZE);
                }
                let p = self.params(t);
                let w = self.world(p);
                // Keep the feet on the floor: the hips drop as the knees bend.
                let floor = w[Landmark::LeftAnkle.index()]
                    .map(|a| a[1])
                    .unwrap_or(THIGH_M + SHIN_M);
                let drop = THIGH_M + SHIN_M - floor;
                let mut pose = Pose::empty();
                let mut world = [None; LANDMARK_COUNT];
                for lm in Landmark::ALL {
                    let Some(v) = w[lm.index()] else { continue };
                    if rng.uniform() < self.drop_prob {
                        continue;
                    }
                    let j = |rng: &mut Rng| rng.normal() * self.jitter_m;
                    let wv = [v[0] + j(&mut rng), v[1] + j(&mut rng), v[2] + j(&mut rng)];
                    let z = CAMERA_DISTANCE_M + v[2];
                    let px = 0.5 * iw as f32 + FOCAL_PX * v[0] / z;
                    let py = hip_row + FOCAL_PX * (v[1] + drop) / z;
                    let pj = FOCAL_PX / CAMERA_DISTANCE_M * self.jitter_m;
                    pose.landmarks[lm.index()] = Some(ImagePoint {
                        x_px: px + rng.normal() * pj,
                        y_px: py + rng.normal() * pj,
                        visibility: 0.95,
                    });
                    world[lm.index()] = Some(WorldPoint {
                        x_m: wv[0],
                        y_m: wv[1],
                        z_m: wv[2],
                    });
                }
                pose.world_landmarks = Some(world);
                pose.score = 0.95;
                PoseFrame {
                    t_secs: t,
                    image_size: IMAGE_SIZE,
                    pose: Some(pose),
                    people_detected: Some(1),
                    brightness: None,
                }
            })
            .collect()
    }
}

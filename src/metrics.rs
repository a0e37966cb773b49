//! Body metrics: angles and ratios computed from one [`Pose`], pure functions.
//!
//! Contract:
//! - Angles are **radians**; ratios are unitless. Signs are stated per [`MetricId`].
//! - World landmarks (metres) are used when present; otherwise image landmarks (pixels)
//!   are used and the view (front or side) is estimated from the body's proportions. A
//!   metric that cannot be measured from what is visible (or from the view, e.g. trunk
//!   rotation from a 2D image) is *unknown* (`None`), never zero.
//! - Each known metric carries a confidence: the lowest visibility of the landmarks it
//!   used.
//! - "Up" is the camera's up (`-y`): a level camera is assumed for world landmarks.
//!   "Left" is the person's own left.

use serde::{Deserialize, Serialize};

use crate::landmark::Landmark;
use crate::pose::Pose;

/// Landmarks below this visibility (0..1) are treated as not visible.
pub const MIN_VISIBILITY: f32 = 0.3;

/// In 2D, a shoulder width above this fraction of the torso length means a front view.
const FRONT_VIEW_MIN_SHOULDER_RATIO: f32 = 0.45;
/// In 2D, a shoulder width below this fraction of the torso length means a side view.
const SIDE_VIEW_MAX_SHOULDER_RATIO: f32 = 0.25;
/// The knee-width ratio is only judged when the mean knee flexion exceeds this (radians,
/// 45°): on straight legs the knees' spacing says nothing about caving in.
pub const KNEE_WIDTH_MIN_FLEXION_RAD: f32 = 45.0 * std::f32::consts::PI / 180.0;
/// Shorter segments than this (metres, or pixels/1000 in 2D) are degenerate.
const MIN_SEGMENT: f32 = 1e-4;

/// A named body metric. Angles in radians; the sign convention is on each variant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricId {
    /// Left knee flexion (radians): 0 = straight leg, grows as the knee bends.
    KneeFlexionLeft,
    /// Right knee flexion (radians): 0 = straight leg.
    KneeFlexionRight,
    /// Mean of both knees' flexion (radians); one side alone when the other is unknown.
    KneeFlexion,
    /// The less bent knee's flexion (radians): large only when *both* knees bend, as in a
    /// squat (a knee raise bends one). When only one knee is seen (the far side in a side
    /// view), that knee's flexion.
    KneeFlexionBoth,
    /// Left hip flexion (radians): angle between trunk and thigh, 0 = straight line.
    HipFlexionLeft,
    /// Right hip flexion (radians).
    HipFlexionRight,
    /// Left thigh lift (radians): angle of the thigh (hip → knee) from straight down.
    ThighLiftLeft,
    /// Right thigh lift (radians).
    ThighLiftRight,
    /// Left minus right thigh lift (radians): positive = left knee higher.
    ThighLiftDifference,
    /// Trunk flexion (radians): hip-centre → shoulder-centre from vertical in the
    /// sagittal plane; positive = leaning forward, negative = leaning back (extension).
    TrunkFlexion,
    /// Head-line flexion (radians): hip-centre → ear-centre (one ear when only one is
    /// seen) from vertical in the sagittal plane; positive = forward, negative = back.
    /// It uses no shoulder point: raising, shrugging or pulling back the arms moves the
    /// shoulder landmarks (the shoulder girdle rides on the ribs) but not the head, which
    /// sits on the spine. Leaning the trunk back over the pelvis moves it as much as
    /// [`MetricId::TrunkFlexion`] (a little less with the chin tucked). Its rest value
    /// differs from person to person (head carriage), so use it relative to rest (as
    /// a `[[signal.confirm]]` witness), not against an absolute limit.
    HeadLineFlexion,
    /// Trunk lateral lean (radians): positive = leaning to the person's left.
    TrunkLateralLean,
    /// Trunk rotation (radians): shoulder line vs hip line about the vertical; positive =
    /// shoulders turned to the person's left.
    TrunkRotation,
    /// Pelvis rotation (radians): the hip line's turn about the vertical from square to
    /// the camera; positive = hips turned to the person's left. Seen only with depth
    /// (world landmarks); a whole-body turn shows here, not in [`MetricId::TrunkRotation`].
    PelvisRotation,
    /// Left foot angle (radians): heel → toe vs straight ahead; positive = toes out.
    FootAngleLeft,
    /// Right foot angle (radians): positive = toes out.
    FootAngleRight,
    /// Angle between the two feet on the floor (radians): left + right foot angle;
    /// 0 = parallel, positive = a "V" with toes out.
    FeetAngle,
    /// Stance width (ratio): ankle spacing across the body / hip-joint spacing.
    StanceWidth,
    /// Head forward (ratio): ear centre ahead of shoulder centre, perpendicular to the
    /// trunk, / torso length. Positive = head poking forward ("chin in" lowers it).
    HeadForward,
    /// Knee width (ratio): knee spacing / ankle spacing across the body, only while the
    /// knees are bent (see [`KNEE_WIDTH_MIN_FLEXION_RAD`]). Low = knees caving in.
    KneeWidthRatio,
    /// Hands from the hips (ratio): horizontal distance from the hip centre to the wrist
    /// centre (one wrist when only one is seen) / torso length. Small = the hands (and
    /// what they carry) close to the body. Needs depth or a side view: unknown from a
    /// front view in 2D.
    HandsFromHips,
}

/// Number of [`MetricId`] variants.
pub const METRIC_COUNT: usize = 21;

impl MetricId {
    /// Every metric, in declaration order.
    pub const ALL: [MetricId; METRIC_COUNT] = [
        MetricId::KneeFlexionLeft,
        MetricId::KneeFlexionRight,
        MetricId::KneeFlexion,
        MetricId::KneeFlexionBoth,
        MetricId::HipFlexionLeft,
        MetricId::HipFlexionRight,
        MetricId::ThighLiftLeft,
        MetricId::ThighLiftRight,
        MetricId::ThighLiftDifference,
        MetricId::TrunkFlexion,
        MetricId::HeadLineFlexion,
        MetricId::TrunkLateralLean,
        MetricId::TrunkRotation,
        MetricId::PelvisRotation,
        MetricId::FootAngleLeft,
        MetricId::FootAngleRight,
        MetricId::FeetAngle,
        MetricId::StanceWidth,
        MetricId::HeadForward,
        MetricId::KneeWidthRatio,
        MetricId::HandsFromHips,
    ];

    /// Whether the metric is an angle (radians) rather than a ratio.
    pub fn is_angle(self) -> bool {
        !matches!(
            self,
            MetricId::StanceWidth
                | MetricId::HeadForward
                | MetricId::KneeWidthRatio
                | MetricId::HandsFromHips
        )
    }

    /// Whether the metric is signed with positive = the person's left side (usable as
    /// the signal of an alternating exercise).
    pub fn is_left_right_signed(self) -> bool {
        matches!(
            self,
            MetricId::ThighLiftDifference
                | MetricId::TrunkLateralLean
                | MetricId::TrunkRotation
                | MetricId::PelvisRotation
        )
    }

    /// The snake_case name used in exercise files.
    pub fn name(self) -> &'static str {
        match self {
            MetricId::KneeFlexionLeft => "knee_flexion_left",
            MetricId::KneeFlexionRight => "knee_flexion_right",
            MetricId::KneeFlexion => "knee_flexion",
            MetricId::KneeFlexionBoth => "knee_flexion_both",
            MetricId::HipFlexionLeft => "hip_flexion_left",
            MetricId::HipFlexionRight => "hip_flexion_right",
            MetricId::ThighLiftLeft => "thigh_lift_left",
            MetricId::ThighLiftRight => "thigh_lift_right",
            MetricId::ThighLiftDifference => "thigh_lift_difference",
            MetricId::TrunkFlexion => "trunk_flexion",
            MetricId::HeadLineFlexion => "head_line_flexion",
            MetricId::TrunkLateralLean => "trunk_lateral_lean",
            MetricId::TrunkRotation => "trunk_rotation",
            MetricId::PelvisRotation => "pelvis_rotation",
            MetricId::FootAngleLeft => "foot_angle_left",
            MetricId::FootAngleRight => "foot_angle_right",
            MetricId::FeetAngle => "feet_angle",
            MetricId::StanceWidth => "stance_width",
            MetricId::HeadForward => "head_forward",
            MetricId::KneeWidthRatio => "knee_width_ratio",
            MetricId::HandsFromHips => "hands_from_hips",
        }
    }

    fn slot(self) -> usize {
        self as usize
    }
}

/// One measured metric.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Metric {
    /// Radians for angles, unitless for ratios (see [`MetricId`]).
    pub value: f32,
    /// Lowest visibility of the landmarks used, 0..1.
    pub confidence: f32,
}

/// Where the metrics came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum MetricSource {
    /// No person, nothing measured.
    #[default]
    None,
    /// World landmarks (metres, 3D).
    World,
    /// Image landmarks seen from the front (2D).
    ImageFront,
    /// Image landmarks seen from the side (2D).
    ImageSide,
    /// Image landmarks, view not decided (2D; only view-independent metrics).
    ImageUnknownView,
}

/// How the camera sees the person, from the image alone (shoulder width / torso length).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum CameraView {
    /// Not decided (shoulders or torso not seen).
    #[default]
    Unknown,
    /// Facing (or back to) the camera: forward/back measures rely on estimated depth.
    Front,
    /// Side-on: left/right measures (stance width, feet angle) rely on estimated depth.
    Side,
    /// In between.
    Oblique,
}

/// All metrics of one pose; unknown ones are `None`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct BodyMetrics {
    values: [Option<Metric>; METRIC_COUNT],
    /// Which landmarks the metrics came from.
    pub source: MetricSource,
    /// The camera's view of the person.
    pub view: CameraView,
}

impl BodyMetrics {
    /// Metrics with everything unknown (no person).
    pub fn unknown() -> BodyMetrics {
        BodyMetrics::default()
    }

    /// The metric, if known.
    pub fn get(&self, id: MetricId) -> Option<Metric> {
        self.values[id.slot()]
    }

    /// The metric's value, if known.
    pub fn value(&self, id: MetricId) -> Option<f32> {
        self.get(id).map(|m| m.value)
    }

    /// Sets (or clears) a metric. Useful for tests and for callers that measure more.
    pub fn set(&mut self, id: MetricId, metric: Option<Metric>) {
        self.values[id.slot()] = metric;
    }

    /// Iterates over the known metrics.
    pub fn iter(&self) -> impl Iterator<Item = (MetricId, Metric)> + '_ {
        MetricId::ALL
            .iter()
            .filter_map(|id| self.get(*id).map(|m| (*id, m)))
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct V3 {
    x: f32,
    y: f32,
    z: f32,
}

impl V3 {
    const fn new(x: f32, y: f32, z: f32) -> V3 {
        V3 { x, y, z }
    }
    fn sub(self, o: V3) -> V3 {
        V3::new(self.x - o.x, self.y - o.y, self.z - o.z)
    }
    fn add(self, o: V3) -> V3 {
        V3::new(self.x + o.x, self.y + o.y, self.z + o.z)
    }
    fn scale(self, k: f32) -> V3 {
        V3::new(self.x * k, self.y * k, self.z * k)
    }
    fn dot(self, o: V3) -> f32 {
        self.x * o.x + self.y * o.y + self.z * o.z
    }
    fn cross(self, o: V3) -> V3 {
        V3::new(
            self.y * o.z - self.z * o.y,
            self.z * o.x - self.x * o.z,
            self.x * o.y - self.y * o.x,
        )
    }
    fn norm(self) -> f32 {
        self.dot(self).sqrt()
    }
    fn normalized(self) -> Option<V3> {
        let n = self.norm();
        (n > MIN_SEGMENT).then(|| self.scale(1.0 / n))
    }
    fn horizontal(self) -> V3 {
        V3::new(self.x, 0.0, self.z)
    }
}

/// "Up" in both spaces: y grows downwards.
const UP: V3 = V3::new(0.0, -1.0, 0.0);

/// Angle at `b` between `a` and `c`, radians in `[0, π]`.
fn angle_at(a: V3, b: V3, c: V3) -> Option<f32> {
    let u = a.sub(b).normalized()?;
    let w = c.sub(b).normalized()?;
    Some(u.dot(w).clamp(-1.0, 1.0).acos())
}

/// Landmark positions with visibility, in one space (world or image).
struct Points {
    pos: [Option<(V3, f32)>; crate::landmark::LANDMARK_COUNT],
}

impl Points {
    fn get(&self, lm: Landmark) -> Option<(V3, f32)> {
        self.pos[lm.index()]
    }

    /// Positions and the lowest visibility of all requested landmarks.
    fn all<const N: usize>(&self, lms: [Landmark; N]) -> Option<([V3; N], f32)> {
        let mut out = [V3::new(0.0, 0.0, 0.0); N];
        let mut conf = 1.0f32;
        for (slot, lm) in out.iter_mut().zip(lms) {
            let (p, v) = self.get(lm)?;
            *slot = p;
            conf = conf.min(v);
        }
        Some((out, conf))
    }

    fn mid(&self, a: Landmark, b: Landmark) -> Option<(V3, f32)> {
        let ([pa, pb], c) = self.all([a, b])?;
        Some((pa.add(pb).scale(0.5), c))
    }
}

fn metric(value: f32, confidence: f32) -> Option<Metric> {
    value.is_finite().then_some(Metric { value, confidence })
}

/// Computes every metric it can from a pose (see the module docs for the rules).
pub fn body_metrics(pose: &Pose) -> BodyMetrics {
    let mut world = Points {
        pos: [None; crate::landmark::LANDMARK_COUNT],
    };
    let mut image = Points {
        pos: [None; crate::landmark::LANDMARK_COUNT],
    };
    let mut world_count = 0;
    for lm in Landmark::ALL {
        let Some(ip) = pose.get(lm) else { continue };
        if ip.visibility < MIN_VISIBILITY || !ip.x_px.is_finite() || !ip.y_px.is_finite() {
            continue;
        }
        image.pos[lm.index()] = Some((V3::new(ip.x_px, ip.y_px, 0.0), ip.visibility));
        if let Some(wp) = pose.world(lm) {
            world.pos[lm.index()] = Some((V3::new(wp.x_m, wp.y_m, wp.z_m), ip.visibility));
            world_count += 1;
        }
    }
    let view = camera_view(&image);
    let mut m = if world_count > 0 {
        metrics_3d(&world, MetricSource::World)
    } else {
        metrics_2d(&image, view)
    };
    m.view = view;
    m
}

/// The view from image landmarks: shoulder width against torso length.
fn camera_view(p: &Points) -> CameraView {
    use Landmark::*;
    let (Some((h, _)), Some((s, _)), Some(([l, r], _))) = (
        p.mid(LeftHip, RightHip),
        p.mid(LeftShoulder, RightShoulder),
        p.all([LeftShoulder, RightShoulder]),
    ) else {
        return CameraView::Unknown;
    };
    let torso = s.sub(h).norm();
    if torso <= MIN_SEGMENT {
        return CameraView::Unknown;
    }
    let ratio = l.sub(r).norm() / torso;
    if ratio >= FRONT_VIEW_MIN_SHOULDER_RATIO {
        CameraView::Front
    } else if ratio <= SIDE_VIEW_MAX_SHOULDER_RATIO {
        CameraView::Side
    } else {
        CameraView::Oblique
    }
}

/// Body axes: the person's left (horizontal), forward (horizontal) and up.
struct Axes {
    left: V3,
    forward: V3,
}

fn metrics_common(p: &Points, m: &mut BodyMetrics) {
    use Landmark::*;
    // Knee flexion.
    let knee = |hip, knee, ankle| {
        let ([h, k, a], c) = p.all([hip, knee, ankle])?;
        metric(std::f32::consts::PI - angle_at(h, k, a)?, c)
    };
    let kl = knee(LeftHip, LeftKnee, LeftAnkle);
    let kr = knee(RightHip, RightKnee, RightAnkle);
    m.set(MetricId::KneeFlexionLeft, kl);
    m.set(MetricId::KneeFlexionRight, kr);
    m.set(
        MetricId::KneeFlexionBoth,
        match (kl, kr) {
            (Some(l), Some(r)) => metric(l.value.min(r.value), l.confidence.min(r.confidence)),
            (one, None) | (None, one) => one,
        },
    );
    m.set(
        MetricId::KneeFlexion,
        match (kl, kr) {
            (Some(l), Some(r)) => metric(0.5 * (l.value + r.value), l.confidence.min(r.confidence)),
            (one, None) | (None, one) => one,
        },
    );
    // Hip flexion.
    let hip = |shoulder, hip, knee| {
        let ([s, h, k], c) = p.all([shoulder, hip, knee])?;
        metric(std::f32::consts::PI - angle_at(s, h, k)?, c)
    };
    m.set(
        MetricId::HipFlexionLeft,
        hip(LeftShoulder, LeftHip, LeftKnee),
    );
    m.set(
        MetricId::HipFlexionRight,
        hip(RightShoulder, RightHip, RightKnee),
    );
    // Thigh lift from straight down.
    let down = UP.scale(-1.0);
    let lift = |hip, knee| {
        let ([h, k], c) = p.all([hip, knee])?;
        let t = k.sub(h).normalized()?;
        metric(t.dot(down).clamp(-1.0, 1.0).acos(), c)
    };
    let ll = lift(LeftHip, LeftKnee);
    let lr = lift(RightHip, RightKnee);
    m.set(MetricId::ThighLiftLeft, ll);
    m.set(MetricId::ThighLiftRight, lr);
    if let (Some(l), Some(r)) = (ll, lr) {
        m.set(
            MetricId::ThighLiftDifference,
            metric(l.value - r.value, l.confidence.min(r.confidence)),
        );
    }
}

fn metrics_3d(p: &Points, source: MetricSource) -> BodyMetrics {
    use Landmark::*;
    let mut m = BodyMetrics {
        source,
        ..BodyMetrics::default()
    };
    metrics_common(p, &mut m);
    // Body axes from the hip line (or the shoulder line when the hips are not seen).
    let line = p
        .all([LeftHip, RightHip])
        .or_else(|| p.all([LeftShoulder, RightShoulder]));
    let axes = line.and_then(|([l, r], _)| {
        let left = l.sub(r).horizontal().normalized()?;
        Some(Axes {
            left,
            forward: left.cross(UP),
        })
    });
    let hip_mid = p.mid(LeftHip, RightHip);
    let shoulder_mid = p.mid(LeftShoulder, RightShoulder);
    let torso = match (hip_mid, shoulder_mid) {
        (Some((h, ch)), Some((s, cs))) => Some((s.sub(h), ch.min(cs))),
        _ => None,
    };
    if let (Some(ax), Some((t, c))) = (&axes, torso) {
        m.set(
            MetricId::TrunkFlexion,
            metric(t.dot(ax.forward).atan2(t.dot(UP)), c),
        );
        m.set(
            MetricId::TrunkLateralLean,
            metric(t.dot(ax.left).atan2(t.dot(UP)), c),
        );
    }
    if let (Some(ax), Some((h, ch)), Some((e, ce))) = (&axes, hip_mid, ears(p)) {
        let line = e.sub(h);
        m.set(
            MetricId::HeadLineFlexion,
            metric(line.dot(ax.forward).atan2(line.dot(UP)), ch.min(ce)),
        );
    }
    if let (Some((h, ch)), Some((t, ct)), Some((w, cw))) = (hip_mid, torso, wrists(p))
        && t.norm() > MIN_SEGMENT
    {
        m.set(
            MetricId::HandsFromHips,
            metric(w.sub(h).horizontal().norm() / t.norm(), ch.min(ct).min(cw)),
        );
    }
    // Trunk rotation: signed angle from the hip line to the shoulder line about "up".
    if let (Some(([lh, rh], ch)), Some(([ls, rs], cs))) = (
        p.all([LeftHip, RightHip]),
        p.all([LeftShoulder, RightShoulder]),
    ) {
        let h = lh.sub(rh).horizontal();
        let s = ls.sub(rs).horizontal();
        if h.norm() > MIN_SEGMENT {
            // Square to the camera, the left hip is at +x; turning left takes it back (+z).
            m.set(MetricId::PelvisRotation, metric(h.z.atan2(h.x), ch));
        }
        if h.norm() > MIN_SEGMENT && s.norm() > MIN_SEGMENT {
            m.set(
                MetricId::TrunkRotation,
                metric(h.cross(s).dot(UP).atan2(h.dot(s)), ch.min(cs)),
            );
        }
    }
    if let Some(ax) = &axes {
        // Feet angles: positive = toes out.
        let foot = |heel, toe, outward: f32| {
            let ([h, t], c) = p.all([heel, toe])?;
            let v = t.sub(h).horizontal();
            (v.norm() > MIN_SEGMENT)
                .then(|| metric((outward * v.dot(ax.left)).atan2(v.dot(ax.forward)), c))
                .flatten()
        };
        let fl = foot(LeftHeel, LeftFootIndex, 1.0);
        let fr = foot(RightHeel, RightFootIndex, -1.0);
        m.set(MetricId::FootAngleLeft, fl);
        m.set(MetricId::FootAngleRight, fr);
        if let (Some(l), Some(r)) = (fl, fr) {
            m.set(
                MetricId::FeetAngle,
                metric(l.value + r.value, l.confidence.min(r.confidence)),
            );
        }
        // Widths across the body.
        set_widths(p, &mut m, |a, b| a.sub(b).dot(ax.left).abs());
        // Head forward, perpendicular to the trunk in the sagittal plane.
        if let (Some((t, ct)), Some((ear, ce)), Some((s, _))) =
            (torso, p.mid(LeftEar, RightEar), shoulder_mid)
            && let Some(t_hat) = t.normalized()
        {
            let n = ax
                .forward
                .sub(t_hat.scale(ax.forward.dot(t_hat)))
                .normalized();
            if let Some(n) = n {
                m.set(
                    MetricId::HeadForward,
                    metric(ear.sub(s).dot(n) / t.norm(), ct.min(ce)),
                );
            }
        }
    }
    m
}

/// Stance width (ankles / hips) and knee-width ratio (knees / ankles, only with bent
/// knees), with `across` measuring a left-right pair's spacing across the body (3D: along
/// the body's left axis; 2D front view: along image x). Needs `KneeFlexion` already set.
fn set_widths(p: &Points, m: &mut BodyMetrics, across: impl Fn(V3, V3) -> f32) {
    use Landmark::*;
    let width = |l, r| p.all([l, r]).map(|([a, b], c)| (across(a, b), c));
    let ankle_w = width(LeftAnkle, RightAnkle);
    if let (Some((hw, ch)), Some((aw, ca))) = (width(LeftHip, RightHip), ankle_w)
        && hw > MIN_SEGMENT
    {
        m.set(MetricId::StanceWidth, metric(aw / hw, ch.min(ca)));
    }
    if let (Some((kw, ck)), Some((aw, ca)), Some(flex)) = (
        width(LeftKnee, RightKnee),
        ankle_w,
        m.value(MetricId::KneeFlexion),
    ) && aw > MIN_SEGMENT
        && flex > KNEE_WIDTH_MIN_FLEXION_RAD
    {
        m.set(MetricId::KneeWidthRatio, metric(kw / aw, ck.min(ca)));
    }
}

/// The ears' centre, or the one ear seen.
fn ears(p: &Points) -> Option<(V3, f32)> {
    use Landmark::*;
    p.mid(LeftEar, RightEar)
        .or_else(|| p.get(LeftEar))
        .or_else(|| p.get(RightEar))
}

/// The wrists' centre, or the one wrist seen.
fn wrists(p: &Points) -> Option<(V3, f32)> {
    use Landmark::*;
    p.mid(LeftWrist, RightWrist)
        .or_else(|| p.get(LeftWrist))
        .or_else(|| p.get(RightWrist))
}

fn metrics_2d(p: &Points, view: CameraView) -> BodyMetrics {
    use Landmark::*;
    let hip_mid = p.mid(LeftHip, RightHip);
    let shoulder_mid = p.mid(LeftShoulder, RightShoulder);
    let torso = match (hip_mid, shoulder_mid) {
        (Some((h, ch)), Some((s, cs))) => Some((s.sub(h), ch.min(cs))),
        _ => None,
    };
    let source = match view {
        CameraView::Front => MetricSource::ImageFront,
        CameraView::Side => MetricSource::ImageSide,
        CameraView::Oblique | CameraView::Unknown => MetricSource::ImageUnknownView,
    };
    let mut m = BodyMetrics {
        source,
        ..BodyMetrics::default()
    };
    if p.pos.iter().all(Option::is_none) {
        m.source = MetricSource::None;
        return m;
    }
    metrics_common(p, &mut m);
    match source {
        MetricSource::ImageFront => {
            // Facing the camera when the left shoulder is on the image's right.
            let facing_camera = p
                .all([LeftShoulder, RightShoulder])
                .is_some_and(|([l, r], _)| l.x > r.x);
            let left_x = if facing_camera { 1.0 } else { -1.0 };
            let left = V3::new(left_x, 0.0, 0.0);
            if let Some((t, c)) = torso {
                m.set(
                    MetricId::TrunkLateralLean,
                    metric(t.dot(left).atan2(t.dot(UP)), c),
                );
            }
            // Across the body = along the image's x axis in a front view.
            set_widths(p, &mut m, |a, b| (a.x - b.x).abs());
        }
        MetricSource::ImageSide => {
            // Facing direction from the toes (heel → toe) or else from the nose.
            let toes = p
                .all([LeftHeel, LeftFootIndex])
                .or_else(|| p.all([RightHeel, RightFootIndex]))
                .map(|([h, t], _)| t.x - h.x);
            let nose = match (p.get(Nose), p.mid(LeftEar, RightEar).or(p.get(LeftEar))) {
                (Some((n, _)), Some((e, _))) => Some(n.x - e.x),
                _ => None,
            };
            if let (Some((h, ch)), Some((t, ct)), Some((w, cw))) = (hip_mid, torso, wrists(p))
                && t.norm() > MIN_SEGMENT
            {
                m.set(
                    MetricId::HandsFromHips,
                    metric((w.x - h.x).abs() / t.norm(), ch.min(ct).min(cw)),
                );
            }
            let dir = toes.filter(|d| d.abs() > MIN_SEGMENT).or(nose);
            if let (Some(dir), Some((t, c))) = (dir, torso) {
                let forward = V3::new(dir.signum(), 0.0, 0.0);
                m.set(
                    MetricId::TrunkFlexion,
                    metric(t.dot(forward).atan2(t.dot(UP)), c),
                );
                if let (Some((h, ch)), Some((e, ce))) = (hip_mid, ears(p)) {
                    let line = e.sub(h);
                    m.set(
                        MetricId::HeadLineFlexion,
                        metric(line.dot(forward).atan2(line.dot(UP)), ch.min(ce)),
                    );
                }
                if let (Some((ear, ce)), Some((s, _)), Some(t_hat)) = (
                    p.mid(LeftEar, RightEar)
                        .or(p.get(RightEar))
                        .or(p.get(LeftEar)),
                    shoulder_mid,
                    t.normalized(),
                ) {
                    let n = forward.sub(t_hat.scale(forward.dot(t_hat))).normalized();
                    if let Some(n) = n {
                        m.set(
                            MetricId::HeadForward,
                            metric(ear.sub(s).dot(n) / t.norm(), c.min(ce)),
                        );
                    }
                }
            }
        }
        _ => {}
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pose::{ImagePoint, WorldPoint};

    const DEG: f32 = std::f32::consts::PI / 180.0;

    /// A standing person facing the camera, world metres (y down, hip-centred).
    fn standing_world() -> Pose {
        use Landmark::*;
        let pts: &[(Landmark, [f32; 3])] = &[
            (Nose, [0.0, -0.62, -0.1]),
            (LeftEar, [0.075, -0.6, 0.0]),
            (RightEar, [-0.075, -0.6, 0.0]),
            (LeftShoulder, [0.18, -0.5, 0.0]),
            (RightShoulder, [-0.18, -0.5, 0.0]),
            (LeftHip, [0.1, 0.0, 0.0]),
            (RightHip, [-0.1, 0.0, 0.0]),
            (LeftKnee, [0.1, 0.45, -0.02]),
            (RightKnee, [-0.1, 0.45, -0.02]),
            (LeftAnkle, [0.1, 0.9, 0.0]),
            (RightAnkle, [-0.1, 0.9, 0.0]),
            (LeftHeel, [0.1, 0.95, 0.05]),
            (RightHeel, [-0.1, 0.95, 0.05]),
            (LeftFootIndex, [0.1, 0.97, -0.15]),
            (RightFootIndex, [-0.1, 0.97, -0.15]),
        ];
        let mut pose = Pose::empty();
        let mut world = [None; crate::landmark::LANDMARK_COUNT];
        for (lm, [x, y, z]) in pts {
            pose.landmarks[lm.index()] = Some(ImagePoint {
                x_px: 640.0 + x * 300.0,
                y_px: 360.0 + y * 300.0,
                visibility: 0.9,
            });
            world[lm.index()] = Some(WorldPoint {
                x_m: *x,
                y_m: *y,
                z_m: *z,
            });
        }
        pose.world_landmarks = Some(world);
        pose
    }

    #[test]
    fn standing_pose_is_neutral() {
        let m = body_metrics(&standing_world());
        assert_eq!(m.source, MetricSource::World);
        let flex = m.value(MetricId::KneeFlexion).expect("knees seen");
        assert!(flex > 2.0 * DEG && flex < 8.0 * DEG, "{}", flex / DEG);
        assert!(m.value(MetricId::TrunkFlexion).expect("trunk").abs() < 1.0 * DEG);
        assert!(m.value(MetricId::TrunkRotation).expect("rotation").abs() < 1.0 * DEG);
        assert!(m.value(MetricId::FeetAngle).expect("feet").abs() < 1.0 * DEG);
        let width = m.value(MetricId::StanceWidth).expect("width");
        assert!((width - 1.0).abs() < 0.01);
        assert_eq!(
            m.get(MetricId::KneeWidthRatio),
            None,
            "straight legs: not judged"
        );
        assert!(m.value(MetricId::HeadForward).expect("head").abs() < 0.01);
    }

    #[test]
    fn signs_follow_the_persons_left_and_forward() {
        let mut pose = standing_world();
        let w = pose.world_landmarks.as_mut().expect("world");
        // Lean forward: shoulders move towards the camera (-z) for a person facing it.
        for lm in [Landmark::LeftShoulder, Landmark::RightShoulder] {
            if let Some(p) = w[lm.index()].as_mut() {
                p.z_m -= 0.2;
            }
        }
        // Turn the shoulders to the person's left: left shoulder goes back (+z).
        if let Some(p) = w[Landmark::LeftShoulder.index()].as_mut() {
            p.z_m += 0.1;
        }
        if let Some(p) = w[Landmark::RightShoulder.index()].as_mut() {
            p.z_m -= 0.1;
        }
        // Raise the left knee.
        if let Some(p) = w[Landmark::LeftKnee.index()].as_mut() {
            p.y_m = 0.1;
            p.z_m = -0.4;
        }
        let m = body_metrics(&pose);
        assert!(m.value(MetricId::TrunkFlexion).expect("trunk") > 15.0 * DEG);
        assert!(m.value(MetricId::TrunkRotation).expect("rotation") > 15.0 * DEG);
        assert!(m.value(MetricId::ThighLiftDifference).expect("lift") > 45.0 * DEG);
    }

    #[test]
    fn shoulders_pulled_back_are_not_a_lean_of_the_head_line() {
        let lean_back = |pose: &Pose| {
            let m = body_metrics(pose);
            (
                -m.value(MetricId::TrunkFlexion).expect("trunk") / DEG,
                -m.value(MetricId::HeadLineFlexion).expect("head line") / DEG,
            )
        };
        let (trunk0, head0) = lean_back(&standing_world());
        assert!(trunk0.abs() < 1.0 && head0.abs() < 1.0, "{trunk0} {head0}");
        // Arms overhead: the shoulder points ride up 5 cm and back (+z) 12 cm.
        let mut shrug = standing_world();
        let w = shrug.world_landmarks.as_mut().expect("world");
        for lm in [Landmark::LeftShoulder, Landmark::RightShoulder] {
            if let Some(p) = w[lm.index()].as_mut() {
                p.y_m -= 0.05;
                p.z_m += 0.12;
            }
        }
        let (trunk, head) = lean_back(&shrug);
        assert!(trunk > 12.0, "the shoulder line reads a lean back: {trunk}");
        assert!(head.abs() < 1.0, "the head line does not: {head}");
        // The trunk leaning back 20° about the hips moves both.
        let mut lean = standing_world();
        let w = lean.world_landmarks.as_mut().expect("world");
        let (c, s) = ((20.0 * DEG).cos(), (20.0 * DEG).sin());
        for p in w.iter_mut().flatten().filter(|p| p.y_m < 0.0) {
            (p.y_m, p.z_m) = (p.y_m * c + p.z_m * s, -p.y_m * s + p.z_m * c);
        }
        let (trunk, head) = lean_back(&lean);
        assert!((trunk - 20.0).abs() < 1.0, "{trunk}");
        assert!((head - 20.0).abs() < 3.0, "{head}");
    }

    #[test]
    fn invisible_landmarks_make_metrics_unknown() {
        let mut pose = standing_world();
        for lm in [Landmark::LeftAnkle, Landmark::RightAnkle] {
            if let Some(p) = pose.landmarks[lm.index()].as_mut() {
                p.visibility = 0.1;
            }
        }
        let m = body_metrics(&pose);
        assert_eq!(m.get(MetricId::KneeFlexion), None);
        assert_eq!(m.get(MetricId::StanceWidth), None);
        assert!(m.get(MetricId::TrunkFlexion).is_some());
        assert_eq!(body_metrics(&Pose::empty()).source, MetricSource::None);
    }

    #[test]
    fn image_only_front_view_measures_lean_not_rotation() {
        let mut pose = standing_world();
        pose.world_landmarks = None;
        let m = body_metrics(&pose);
        assert_eq!(m.source, MetricSource::ImageFront);
        assert!(m.value(MetricId::TrunkLateralLean).expect("lean").abs() < 1.0 * DEG);
        assert_eq!(m.get(MetricId::TrunkRotation), None);
        assert_eq!(m.get(MetricId::TrunkFlexion), None);
    }
}

//! Per-rep form: the faults a therapist corrects in a squat, measured once per rep, and a
//! form score from 0 to 100 (higher is better).
//!
//! Contract:
//! - An exercise opts in with a `[form]` section ([`FormSpec`]); each measure it lists has
//!   a `good` value (full marks) and a `limit` (beyond it the rep carries the fault).
//! - The tracker feeds [`FormMeter::observe`] every frame with the counter's phase; the
//!   frames while resting are the person's own standing posture (the baseline), the frames
//!   of the excursion are the rep. When the rep completes, [`FormMeter::finish_rep`]
//!   returns its [`RepForm`] at once: no rep is held back to be judged.
//! - Sideways measures (knees caving in, sideways tilt, hip shift) are judged only when
//!   the camera sees the person from the front ([`FRONTAL_MIN_HIP_RATIO`]); otherwise they
//!   are "not judged", never flagged. Distances need world landmarks (metres).
//! - The score uses no tempo: `100 - Σ POINTS_AT_LIMIT · min(margin, MAX_MARGIN)` over the
//!   judged measures, where a measure's margin is 0 at (or better than) `good` and 1 at
//!   `limit`, growing linearly past it.
//! - Angles are radians inside; [`FormMeasure`] reports degrees and centimetres for people.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use super::fault::FaultCode;
use crate::i18n::{self, Lang};
use crate::landmark::Landmark;
use crate::metrics::{BodyMetrics, MIN_VISIBILITY, MetricId};
use crate::pose::Pose;

/// Score points a measure costs when it is exactly at its limit (a rep with one measure at
/// its limit scores 70).
pub const POINTS_AT_LIMIT: f32 = 30.0;
/// A measure's margin counts up to this many limits (one measure alone can take at most
/// 90 points).
pub const MAX_MARGIN: f32 = 3.0;
/// Seconds of resting frames before a rep that make its baseline (the person's own
/// standing trunk, shin, tilt and hip position).
pub const BASELINE_WINDOW_SECS: f64 = 0.5;
/// The image's hip width over its torso length (hip centre to shoulder centre) at or above
/// which the camera sees the person from the front well enough to judge sideways measures.
/// Facing the camera it is 0.35-0.5; it falls with the cosine of the turn, so 0.25 is a
/// turn of about 45-55°. Side-on it is near 0.
pub const FRONTAL_MIN_HIP_RATIO: f32 = 0.25;
/// The bottom of a rep: frames whose knee flexion is within this of the rep's deepest
/// (radians, 15°). Knees caving in is judged there, where the load on the knees is.
pub const BOTTOM_BAND_RAD: f32 = 15.0 * std::f32::consts::PI / 180.0;
/// Per rep a measure takes this quantile of its frames (0..1), not the single worst frame:
/// one frame of landmark noise does not make a fault.
pub const FRAME_QUANTILE: f32 = 0.9;
/// A sideways measure needs at least this share (0..1) of its frames seen from the front.
pub const MIN_FRONTAL_SHARE: f32 = 0.5;

/// A measure's full-marks value and its fault limit, in the unit its field name says.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormLimit {
    /// Full marks at or better than this. Required.
    pub good: f32,
    /// The fault starts beyond this (on the far side from `good`). Required, != good.
    pub limit: f32,
}

impl FormLimit {
    /// How far `value` is from `good` towards (1.0) and past `limit`; 0 when at or better
    /// than `good`.
    pub fn margin(&self, value: f32) -> f32 {
        ((value - self.good) / (self.limit - self.good)).max(0.0)
    }

    /// Whether `value` is beyond the limit.
    pub fn is_broken_by(&self, value: f32) -> bool {
        if self.limit < self.good {
            value < self.limit
        } else {
            value > self.limit
        }
    }
}

/// The `[form]` section of an exercise file: which per-rep measures to judge. Every field
/// is optional (default: not judged).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FormSpec {
    /// Degrees: the deepest knee flexion of the rep (the less bent knee; 0 = straight).
    /// Below the limit: `not_deep_enough`.
    pub knee_flexion_deg: Option<FormLimit>,
    /// Percent: the knees' spacing at the bottom as a share of the ankles' spacing (100 =
    /// knees straight above the ankles, less = knees inside them). Below the limit:
    /// `knees_caving_in`. A share, not centimetres, so a narrow stance is judged like a wide
    /// one; the report also says how many centimetres inside the ankles the knees were.
    /// Front view only.
    pub knee_spacing_pct: Option<FormLimit>,
    /// Degrees: how much more the trunk inclines forward than the shins, as hip flexion
    /// minus knee flexion (in the body's plane the same thing, and free of the camera's
    /// vertical and depth axis), from the person's standing posture before the rep. Above
    /// the limit: `leaning_forward`.
    pub lean_over_shins_deg: Option<FormLimit>,
    /// Degrees: the trunk's sideways tilt, from the standing posture. Above the limit:
    /// `leaning_sideways`. Front view only.
    pub side_tilt_deg: Option<FormLimit>,
    /// Centimetres: the hips' sideways shift over the feet, from the standing posture.
    /// Above the limit: `hips_shifting`. Front view only.
    pub hip_shift_cm: Option<FormLimit>,
}

impl FormSpec {
    /// The spec's measures with their limits, in a fixed order.
    pub fn measures(&self) -> Vec<(FormMeasureKind, FormLimit)> {
        [
            (FormMeasureKind::Depth, self.knee_flexion_deg),
            (FormMeasureKind::KneeSpacing, self.knee_spacing_pct),
            (FormMeasureKind::LeanOverShins, self.lean_over_shins_deg),
            (FormMeasureKind::SideTilt, self.side_tilt_deg),
            (FormMeasureKind::HipShift, self.hip_shift_cm),
        ]
        .into_iter()
        .filter_map(|(k, l)| l.map(|l| (k, l)))
        .collect()
    }
}

/// Which per-rep measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FormMeasureKind {
    /// Deepest knee flexion, degrees.
    Depth,
    /// Knee spacing over ankle spacing, percent.
    KneeSpacing,
    /// Trunk inclined beyond the shins, degrees.
    LeanOverShins,
    /// Sideways trunk tilt, degrees.
    SideTilt,
    /// Sideways hip shift, centimetres.
    HipShift,
}

impl FormMeasureKind {
    /// The fault a measure beyond its limit gives.
    pub fn fault(self) -> FaultCode {
        match self {
            FormMeasureKind::Depth => FaultCode::NotDeepEnough,
            FormMeasureKind::KneeSpacing => FaultCode::KneesCavingIn,
            FormMeasureKind::LeanOverShins => FaultCode::LeaningForward,
            FormMeasureKind::SideTilt => FaultCode::LeaningSideways,
            FormMeasureKind::HipShift => FaultCode::HipsShifting,
        }
    }

    /// The unit of its value: `"deg"` or `"cm"`.
    pub fn unit(self) -> &'static str {
        match self {
            FormMeasureKind::HipShift => "cm",
            FormMeasureKind::KneeSpacing => "pct",
            _ => "deg",
        }
    }

    /// Its stable snake_case name (as serialised).
    pub fn as_str(self) -> &'static str {
        match self {
            FormMeasureKind::Depth => "depth",
            FormMeasureKind::KneeSpacing => "knee_spacing",
            FormMeasureKind::LeanOverShins => "lean_over_shins",
            FormMeasureKind::SideTilt => "side_tilt",
            FormMeasureKind::HipShift => "hip_shift",
        }
    }

    /// The catalogue key of its measured-value text.
    fn text_key(self) -> &'static str {
        match self {
            FormMeasureKind::Depth => "form-depth",
            FormMeasureKind::KneeSpacing => "form-knee_spacing",
            FormMeasureKind::LeanOverShins => "form-lean_over_shins",
            FormMeasureKind::SideTilt => "form-side_tilt",
            FormMeasureKind::HipShift => "form-hip_shift",
        }
    }

    /// The catalogue key of its name ("knees over the toes").
    fn name_key(self) -> &'static str {
        match self {
            FormMeasureKind::Depth => "form-name-depth",
            FormMeasureKind::KneeSpacing => "form-name-knee_spacing",
            FormMeasureKind::LeanOverShins => "form-name-lean_over_shins",
            FormMeasureKind::SideTilt => "form-name-side_tilt",
            FormMeasureKind::HipShift => "form-name-hip_shift",
        }
    }

    /// Whether it is judged only from the front.
    fn needs_front(self) -> bool {
        matches!(
            self,
            FormMeasureKind::KneeSpacing | FormMeasureKind::SideTilt | FormMeasureKind::HipShift
        )
    }
}

/// One measure of one rep.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormMeasure {
    /// Which measure.
    pub measure: FormMeasureKind,
    /// The fault it checks.
    pub fault: FaultCode,
    /// The measured value in `unit` (`None` when not judged).
    pub value: Option<f32>,
    /// The fault limit in `unit`.
    pub limit: f32,
    /// `"deg"`, `"cm"` or `"pct"`.
    pub unit: String,
    /// For the knee spacing: how far the knees were inside the ankles, centimetres
    /// (negative = outside; needs world landmarks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub knees_inside_cm: Option<f32>,
    /// Whether the value is beyond the limit (never when not judged).
    pub broken: bool,
    /// Margin: 0 at `good`, 1 at the limit (0 when not judged).
    pub margin: f32,
    /// For people: "knees 8 cm inside the ankles", or why it was not judged.
    pub text: String,
}

/// The form of one rep.
#[derive(Clone, Debug, PartialEq)]
pub struct RepForm {
    /// 0-100, higher is better.
    pub score: f32,
    /// Every measure of the spec, judged or not.
    pub measures: Vec<FormMeasure>,
}

impl RepForm {
    /// The faults of the measures beyond their limits, worst margin first.
    pub fn faults(&self) -> Vec<FaultCode> {
        let mut broken: Vec<&FormMeasure> = self.measures.iter().filter(|m| m.broken).collect();
        broken.sort_by(|a, b| b.margin.total_cmp(&a.margin));
        broken.iter().map(|m| m.fault).collect()
    }
}

/// What one frame shows of the measures (radians, metres; `None` when not seen).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct FormSample {
    knee_flexion_rad: Option<f32>,
    /// Hip flexion minus knee flexion, mean of the sides seen: in the body's own plane
    /// the trunk's forward inclination minus the shins' (both hinge on the thigh), with
    /// no reference to the camera's vertical or its depth axis.
    lean_over_shins_rad: Option<f32>,
    tilt_rad: Option<f32>,
    knees_inside_m: Option<f32>,
    knee_spacing_ratio: Option<f32>,
    hip_shift_m: Option<f32>,
    frontal: bool,
}

type P3 = [f32; 3];

fn sub(a: P3, b: P3) -> P3 {
    [a[0] - b[0], a[1] - b[1], a[2] - b[2]]
}
fn mid(a: P3, b: P3) -> P3 {
    [
        0.5 * (a[0] + b[0]),
        0.5 * (a[1] + b[1]),
        0.5 * (a[2] + b[2]),
    ]
}
fn dot(a: P3, b: P3) -> f32 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

/// The pose's world landmark (metres, y down), when seen well enough.
fn world(pose: &Pose, lm: Landmark) -> Option<P3> {
    let seen = pose.get(lm).is_some_and(|p| p.visibility >= MIN_VISIBILITY);
    let w = pose.world(lm).filter(|_| seen)?;
    Some([w.x_m, w.y_m, w.z_m])
}

/// Whether the image sees the hips square enough to judge sideways measures.
fn is_frontal(pose: &Pose) -> bool {
    use Landmark::*;
    let pt = |lm| {
        pose.get(lm)
            .filter(|p| p.visibility >= MIN_VISIBILITY)
            .map(|p| [p.x_px, p.y_px, 0.0])
    };
    let (Some(lh), Some(rh), Some(ls), Some(rs)) = (
        pt(LeftHip),
        pt(RightHip),
        pt(LeftShoulder),
        pt(RightShoulder),
    ) else {
        return false;
    };
    let torso = sub(mid(ls, rs), mid(lh, rh));
    let torso_len = dot(torso, torso).sqrt();
    let hips = sub(lh, rh);
    torso_len > 1.0 && dot(hips, hips).sqrt() / torso_len >= FRONTAL_MIN_HIP_RATIO
}

fn sample(pose: &Pose, metrics: &BodyMetrics) -> FormSample {
    use Landmark::*;
    let mut s = FormSample {
        knee_flexion_rad: metrics.value(MetricId::KneeFlexionBoth),
        lean_over_shins_rad: lean_over_shins(metrics),
        tilt_rad: metrics.value(MetricId::TrunkLateralLean),
        frontal: is_frontal(pose),
        ..FormSample::default()
    };
    let w = |lm| world(pose, lm);
    let (Some(lh), Some(rh)) = (w(LeftHip), w(RightHip)) else {
        return s;
    };
    // The person's left, horizontal; forward = left × up (up = -y).
    let mut left = sub(lh, rh);
    left[1] = 0.0;
    let n = dot(left, left).sqrt();
    if n < 1e-4 {
        return s;
    }
    let left = [left[0] / n, 0.0, left[2] / n];
    let (Some(lk), Some(rk), Some(la), Some(ra)) =
        (w(LeftKnee), w(RightKnee), w(LeftAnkle), w(RightAnkle))
    else {
        return s;
    };
    let knee_w = dot(sub(lk, rk), left).abs();
    let ankle_w = dot(sub(la, ra), left).abs();
    s.knees_inside_m = Some(0.5 * (ankle_w - knee_w));
    s.knee_spacing_ratio = (ankle_w > 1e-3).then(|| knee_w / ankle_w);
    s.hip_shift_m = Some(dot(sub(mid(lh, rh), mid(la, ra)), left));
    s
}

/// Hip flexion minus knee flexion (radians), the mean of the sides where both are known.
fn lean_over_shins(metrics: &BodyMetrics) -> Option<f32> {
    let side = |hip, knee| Some(metrics.value(hip)? - metrics.value(knee)?);
    mean(
        [
            side(MetricId::HipFlexionLeft, MetricId::KneeFlexionLeft),
            side(MetricId::HipFlexionRight, MetricId::KneeFlexionRight),
        ]
        .into_iter()
        .flatten(),
    )
}

/// The `q` quantile (0..1) of `values` (sorted in place); `None` when empty.
fn quantile(values: &mut [f32], q: f32) -> Option<f32> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f32::total_cmp);
    let i = ((values.len() - 1) as f32 * q).round() as usize;
    values.get(i).copied()
}

fn mean(values: impl Iterator<Item = f32>) -> Option<f32> {
    let (sum, n) = values.fold((0.0, 0u32), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f32)
}

/// The standing posture before a rep (means over [`BASELINE_WINDOW_SECS`]).
#[derive(Clone, Copy, Debug, Default)]
struct Baseline {
    lean_over_shins_rad: f32,
    tilt_rad: f32,
    hip_shift_m: f32,
}

/// Measures a rep's form from the frames the tracker feeds it.
#[derive(Clone, Debug)]
pub struct FormMeter {
    spec: FormSpec,
    lang: Lang,
    rest: VecDeque<(f64, FormSample)>,
    rep: Option<(Baseline, Vec<FormSample>)>,
}

impl FormMeter {
    /// A meter for `spec`, its texts in `lang`.
    pub fn new(spec: &FormSpec, lang: Lang) -> FormMeter {
        FormMeter {
            spec: spec.clone(),
            lang,
            rest: VecDeque::new(),
            rep: None,
        }
    }

    /// Feeds one frame: `moving` while the counter is in a rep (out or back).
    pub fn observe(
        &mut self,
        t_secs: f64,
        pose: Option<&Pose>,
        metrics: &BodyMetrics,
        moving: bool,
    ) {
        let s = pose.map_or_else(FormSample::default, |p| sample(p, metrics));
        if moving {
            let baseline = self.baseline();
            self.rep
                .get_or_insert_with(|| (baseline, Vec::new()))
                .1
                .push(s);
        } else {
            self.rest.push_back((t_secs, s));
            while self
                .rest
                .front()
                .is_some_and(|(t, _)| t_secs - t > BASELINE_WINDOW_SECS)
            {
                self.rest.pop_front();
            }
        }
    }

    fn baseline(&self) -> Baseline {
        let rest = || self.rest.iter().map(|(_, s)| s);
        Baseline {
            lean_over_shins_rad: mean(rest().filter_map(|s| s.lean_over_shins_rad)).unwrap_or(0.0),
            tilt_rad: mean(rest().filter_map(|s| s.tilt_rad)).unwrap_or(0.0),
            hip_shift_m: mean(rest().filter_map(|s| s.hip_shift_m)).unwrap_or(0.0),
        }
    }

    /// Whether a rep is being measured.
    pub fn in_rep(&self) -> bool {
        self.rep.is_some()
    }

    /// Forgets the rep in progress (a partial rep, a bounce, a pause).
    pub fn cancel(&mut self) {
        self.rep = None;
    }

    /// Forgets everything (several people in view).
    pub fn reset(&mut self) {
        self.rep = None;
        self.rest.clear();
    }

    /// The form of the rep that just completed (`None` when no rep frames were seen).
    pub fn finish_rep(&mut self) -> Option<RepForm> {
        let (base, frames) = self.rep.take()?;
        let peak = frames
            .iter()
            .filter_map(|s| s.knee_flexion_rad)
            .fold(None, |m: Option<f32>, v| Some(m.map_or(v, |m| m.max(v))));
        let bottom: Vec<&FormSample> = frames
            .iter()
            .filter(|s| {
                peak.is_some_and(|p| s.knee_flexion_rad.is_some_and(|k| k >= p - BOTTOM_BAND_RAD))
            })
            .collect();
        let mut measures = Vec::new();
        let mut score = 100.0;
        for (kind, limit) in self.spec.measures() {
            let frames_for: Vec<&FormSample> = match kind {
                FormMeasureKind::KneeSpacing => bottom.clone(),
                _ => frames.iter().collect(),
            };
            let frontal = frames_for.iter().filter(|s| s.frontal).count() as f32;
            let seen_from_front =
                !frames_for.is_empty() && frontal >= MIN_FRONTAL_SHARE * frames_for.len() as f32;
            let judged_frames = frames_for
                .iter()
                .filter(|s| s.frontal || !kind.needs_front());
            let mut values: Vec<f32> = match kind {
                FormMeasureKind::Depth => judged_frames
                    .filter_map(|s| s.knee_flexion_rad.map(f32::to_degrees))
                    .collect(),
                FormMeasureKind::KneeSpacing => judged_frames
                    .filter_map(|s| s.knee_spacing_ratio.map(|r| r * 100.0))
                    .collect(),
                FormMeasureKind::LeanOverShins => judged_frames
                    .filter_map(|s| {
                        s.lean_over_shins_rad
                            .map(|v| (v - base.lean_over_shins_rad).to_degrees())
                    })
                    .collect(),
                FormMeasureKind::SideTilt => judged_frames
                    .filter_map(|s| s.tilt_rad.map(|v| (v - base.tilt_rad).abs().to_degrees()))
                    .collect(),
                FormMeasureKind::HipShift => judged_frames
                    .filter_map(|s| s.hip_shift_m.map(|v| (v - base.hip_shift_m).abs() * 100.0))
                    .collect(),
            };
            let value = if kind.needs_front() && !seen_from_front {
                None
            } else if kind == FormMeasureKind::Depth {
                peak.map(f32::to_degrees)
            } else if limit.limit < limit.good {
                // Lower is worse: the low quantile.
                quantile(&mut values, 1.0 - FRAME_QUANTILE)
            } else {
                quantile(&mut values, FRAME_QUANTILE)
            };
            let knees_inside_cm = if kind == FormMeasureKind::KneeSpacing && value.is_some() {
                let mut cm: Vec<f32> = bottom
                    .iter()
                    .filter(|s| s.frontal)
                    .filter_map(|s| s.knees_inside_m.map(|m| m * 100.0))
                    .collect();
                quantile(&mut cm, FRAME_QUANTILE).map(|v| (v * 10.0).round() / 10.0)
            } else {
                None
            };
            let broken = value.is_some_and(|v| limit.is_broken_by(v));
            let margin = value.map_or(0.0, |v| limit.margin(v));
            score -= POINTS_AT_LIMIT * margin.min(MAX_MARGIN);
            measures.push(FormMeasure {
                measure: kind,
                fault: kind.fault(),
                value: value.map(|v| (v * 10.0).round() / 10.0),
                limit: limit.limit,
                unit: kind.unit().to_owned(),
                knees_inside_cm,
                broken,
                margin: (margin * 100.0).round() / 100.0,
                text: measure_text(self.lang, kind, value, knees_inside_cm, limit.limit),
            });
        }
        Some(RepForm {
            score: (score.clamp(0.0, 100.0) * 10.0).round() / 10.0,
            measures,
        })
    }
}

/// "knees 8 cm inside the ankles (spacing 70 % of the ankles', at least 84 %)", in
/// `lang`.
pub fn measure_text(
    lang: Lang,
    kind: FormMeasureKind,
    value: Option<f32>,
    knees_inside_cm: Option<f32>,
    limit: f32,
) -> String {
    let Some(v) = value else {
        let what = i18n::tr(lang, kind.name_key());
        return i18n::tr_args(lang, "form-not-judged", &[("what", what.into())]);
    };
    let key = match (kind, knees_inside_cm) {
        (FormMeasureKind::KneeSpacing, Some(cm)) if cm < 0.0 => "form-knees_outside",
        (FormMeasureKind::KneeSpacing, Some(_)) => "form-knees_inside",
        _ => kind.text_key(),
    };
    i18n::tr_args(
        lang,
        key,
        &[
            ("value", f64::from(v.max(0.0).round()).into()),
            ("limit", f64::from(limit.round()).into()),
            (
                "cm",
                f64::from(knees_inside_cm.unwrap_or(0.0).abs().round()).into(),
            ),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn margins_grow_past_the_limit_in_either_direction() {
        let depth = FormLimit {
            good: 125.0,
            limit: 105.0,
        };
        assert_eq!(depth.margin(130.0), 0.0);
        assert!((depth.margin(105.0) - 1.0).abs() < 1e-6);
        assert!(depth.is_broken_by(100.0) && !depth.is_broken_by(110.0));
        let knees = FormLimit {
            good: 0.0,
            limit: 4.0,
        };
        assert!((knees.margin(8.0) - 2.0).abs() < 1e-6);
        assert!(knees.is_broken_by(4.5) && !knees.is_broken_by(-3.0));
    }

    #[test]
    fn quantile_ignores_a_single_outlier() {
        let mut v: Vec<f32> = (0..20).map(|i| i as f32 * 0.1).collect();
        v.push(50.0);
        assert!(quantile(&mut v, FRAME_QUANTILE).is_some_and(|q| q < 2.0));
        assert_eq!(quantile(&mut [], 0.5), None);
    }
}

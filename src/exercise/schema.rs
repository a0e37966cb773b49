//! The exercise file schema (`exercises/*.toml`). Strict: unknown fields are errors.
//!
//! Angles in files are degrees and their field names end in `_deg`; the accessors ending
//! in `_rad` give radians, which is what the engine uses.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::fault::FaultCode;
use super::form::FormSpec;
use super::text::ExerciseText;
use crate::i18n::Lang;
use crate::metrics::MetricId;

/// One exercise, as written in its TOML file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    /// Stable id, kebab-case (`knee-bend`). Required.
    pub id: String,
    /// Display name. Required.
    pub name: String,
    /// One-sentence summary for the exercise list. Required.
    pub summary: String,
    /// What the exercise trains, for the programme's daily rotation: `mobility`,
    /// `stability`, `strength` or `stamina`. Required.
    pub category: Category,
    /// Step-by-step instructions, in order. Required, at least one.
    pub steps: Vec<String>,
    /// Muscle groups trained. Default: empty.
    #[serde(default)]
    pub muscles: Vec<String>,
    /// Safety notes shown before the exercise. Default: empty.
    #[serde(default)]
    pub cautions: Vec<String>,
    /// The camera view that sees the movement best. Default: `either`.
    #[serde(default)]
    pub view: View,
    /// Reps per set (per side when `alternating`), 1..=50. Default: 8.
    #[serde(default = "default_reps")]
    pub reps: u32,
    /// Sets, 1..=10. Default: 2.
    #[serde(default = "default_sets")]
    pub sets: u32,
    /// Rest between sets, seconds (timed by the live session). Default: 30.
    #[serde(default = "default_rest_secs")]
    pub rest_secs: f32,
    /// Whether the movement alternates sides (one rep = one side out and back; reps are
    /// counted per side). Default: false.
    #[serde(default)]
    pub alternating: bool,
    /// The rep signal and its thresholds. Required.
    pub signal: SignalSpec,
    /// Tempo (slow pace) and phase names. Default: see [`TempoSpec`].
    #[serde(default)]
    pub tempo: TempoSpec,
    /// Form rules checked while moving. Default: none.
    #[serde(default)]
    pub rules: Vec<FormRule>,
    /// Per-rep form measures and the form score (`[form]`, see [`FormSpec`]). Default:
    /// none (no form score; the rules alone judge the form).
    #[serde(default)]
    pub form: Option<FormSpec>,
    /// Looping demo animation. Default: a still neutral figure.
    #[serde(default)]
    pub demo: DemoSpec,
    /// The file's texts in other languages (`[translations.da]`); the file's own texts
    /// are English. Default: none (every language shows the English).
    #[serde(default)]
    pub translations: BTreeMap<Lang, ExerciseText>,
}

fn default_reps() -> u32 {
    8
}
fn default_sets() -> u32 {
    2
}
fn default_rest_secs() -> f32 {
    30.0
}

/// What an exercise trains. The seed: "Vary your training, for example, between stamina
/// and stability training and strength and circuit training"; the programme's daily plan
/// rotates through the categories (see `crate::programme`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Moving the back through its range (bends, rotations).
    Mobility,
    /// Holding the trunk steady while something else moves (balance, deep core).
    Stability,
    /// Working the legs, buttocks and back against the body's weight (bends, lifts).
    Strength,
    /// Keeping going: many easy repetitions that raise the pulse.
    Stamina,
}

impl Category {
    /// Every category, in the order the programme's rotation starts with.
    pub const ALL: [Category; 4] = [
        Category::Mobility,
        Category::Stability,
        Category::Strength,
        Category::Stamina,
    ];

    /// The snake_case name used in files and JSON (`mobility`).
    pub fn name(self) -> &'static str {
        match self {
            Category::Mobility => "mobility",
            Category::Stability => "stability",
            Category::Strength => "strength",
            Category::Stamina => "stamina",
        }
    }
}

/// Which camera view suits the exercise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum View {
    /// Facing the camera.
    Front,
    /// Side-on to the camera.
    Side,
    /// Either works.
    #[default]
    Either,
}

/// Which way the metric moves during the "out" phase of a rep.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// The metric grows (e.g. knee flexion in a knee bend).
    #[default]
    Increase,
    /// The metric shrinks (e.g. trunk flexion in a backward bend).
    Decrease,
}

/// What the signal is measured against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Baseline {
    /// The metric's own value (trunk angles are meaningful against the vertical).
    #[default]
    Absolute,
    /// Relative to the person's rest level, learned during the session: it follows the
    /// metric at once towards the rest side and drifts slowly (see
    /// `REST_BASELINE_DRIFT_SECS`) while resting. Use it where the absolute value varies
    /// from person to person (knee angles). For an alternating exercise the rest level is
    /// the centre between the sides: it starts at the first value and only drifts while
    /// resting, so a person who stands a little turned or leaning (or a tilted camera)
    /// gets the same depth on both sides.
    Rest,
}

/// The rep signal: a body metric, made relative and oriented so a rep goes up from 0.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignalSpec {
    /// The body metric (snake_case name, e.g. `knee_flexion`); must be an angle. For an
    /// alternating exercise it must be left/right signed (positive = left side). Required.
    pub metric: MetricId,
    /// Which way the metric moves going out. Ignored when alternating. Default: `increase`.
    #[serde(default)]
    pub direction: Direction,
    /// What the signal is relative to. Default: `absolute`.
    #[serde(default)]
    pub baseline: Baseline,
    /// Degrees: above this the movement has started; back below it, it has ended (the low
    /// side of the hysteresis). Required, > 0.
    pub start_deg: f32,
    /// Degrees: the depth a rep must reach to count (the high side). Required, > start.
    pub target_deg: f32,
    /// Degrees: an excursion that reaches this but not the target is a partial rep.
    /// Default: halfway between start and target.
    #[serde(default)]
    pub partial_deg: Option<f32>,
    /// Seconds: time constant of the smoothing filter. Default: 0.1.
    #[serde(default = "default_smoothing_secs")]
    pub smoothing_secs: f32,
    /// Seconds: the physical floor. An excursion shorter than this is a bounce or a
    /// landing, not a rep (reported as `too_fast`); a longer one that reaches the target is
    /// a rep, flagged `too_fast` when faster than the `[tempo]`. Default: 0.5.
    #[serde(default = "default_min_rep_secs")]
    pub min_rep_secs: f32,
    /// Witnesses (`[[signal.confirm]]`): other metrics that must move with the signal for
    /// an excursion to be a rep at all. Default: none.
    #[serde(default)]
    pub confirm: Vec<ConfirmSpec>,
}

/// A witness for the rep signal: a second body metric that must move the same way as the
/// signal, by at least `min_deg` from its own rest level, during an excursion. An
/// excursion whose witness does not agree (or is never seen) is not a rep, partial or
/// otherwise: the signal moved, but not the body part the exercise is about (for example
/// the shoulders rising with the arms, not the trunk leaning back over the pelvis).
///
/// The witness's rest level is its least-out value in the
/// `WITNESS_REST_WINDOW_SECS` before the excursion started, so a person's own posture
/// (head carriage, a slight lean) does not count towards it. "The same way" is the
/// signal's `direction`; for an alternating exercise, towards the excursion's side.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfirmSpec {
    /// The witness metric (snake_case name); must be an angle, and left/right signed when
    /// the exercise alternates. Required.
    pub metric: MetricId,
    /// Degrees: how far the witness must move from its rest level. Required, > 0.
    pub min_deg: f32,
}

impl ConfirmSpec {
    /// [`ConfirmSpec::min_deg`] in radians.
    pub fn min_rad(&self) -> f32 {
        to_rad(self.min_deg)
    }
}

fn default_smoothing_secs() -> f32 {
    0.1
}
fn default_min_rep_secs() -> f32 {
    0.5
}

fn to_rad(deg: f32) -> f32 {
    deg.to_radians()
}

impl SignalSpec {
    /// Start threshold, radians.
    pub fn start_rad(&self) -> f32 {
        to_rad(self.start_deg)
    }
    /// Target threshold, radians.
    pub fn target_rad(&self) -> f32 {
        to_rad(self.target_deg)
    }
    /// Partial threshold, radians (default: halfway between start and target).
    pub fn partial_rad(&self) -> f32 {
        to_rad(
            self.partial_deg
                .unwrap_or(0.5 * (self.start_deg + self.target_deg)),
        )
    }
}

/// Tempo: the seed's "slow pace", as minimum seconds per phase.
///
/// A phase is timed between threshold crossings: "out" from crossing `start_deg` to the
/// deepest point, "back" from the deepest point to crossing `start_deg` again. The slow
/// tails near rest are not included: for a smooth movement about 30 % of its depth past
/// the start threshold, 1.2 s measured is about 2 s of visible movement (the seed's "slow
/// pace"; the issue's "about 2 s down and 2 s up").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TempoSpec {
    /// Name of the out phase, shown by the tempo indicator. Default: "Out".
    pub out_name: String,
    /// Name of the back phase. Default: "Back".
    pub back_name: String,
    /// Minimum seconds for the out phase; faster is `too_fast`. Default: 1.2.
    pub min_out_secs: f32,
    /// Minimum seconds for the back phase; faster is `too_fast`. Default: 1.2.
    pub min_back_secs: f32,
    /// The voice may call the tempo ("bend ... two ... rise ... two"). Off for quick or
    /// alternating movements where calls would crowd the counts. Default: true.
    pub calls: bool,
}

impl Default for TempoSpec {
    fn default() -> Self {
        TempoSpec {
            out_name: "Out".into(),
            back_name: "Back".into(),
            min_out_secs: 1.2,
            min_back_secs: 1.2,
            calls: true,
        }
    }
}

/// When a form rule applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RulePhase {
    /// Between reps.
    Rest,
    /// Moving out (towards the deepest point).
    Out,
    /// Coming back.
    Back,
    /// Out or back (during a rep).
    #[default]
    Rep,
    /// Always.
    Any,
    /// At the bottom of a rep: during a rep with the signal at or past the target depth.
    Bottom,
}

/// A form rule: a metric must stay in a range during a phase.
///
/// Use `min_deg`/`max_deg` for angle metrics and `min`/`max` for ratio metrics.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormRule {
    /// The metric checked. Required.
    pub metric: MetricId,
    /// Degrees: lowest allowed value (angle metrics). Default: no limit.
    #[serde(default)]
    pub min_deg: Option<f32>,
    /// Degrees: highest allowed value (angle metrics). Default: no limit.
    #[serde(default)]
    pub max_deg: Option<f32>,
    /// Lowest allowed value (ratio metrics). Default: no limit.
    #[serde(default)]
    pub min: Option<f32>,
    /// Highest allowed value (ratio metrics). Default: no limit.
    #[serde(default)]
    pub max: Option<f32>,
    /// When the rule applies. Default: `rep`.
    #[serde(default)]
    pub phase: RulePhase,
    /// The fault reported when the metric is outside the range. Required.
    pub fault: FaultCode,
    /// Cue text. Default: the fault's standard cue.
    #[serde(default)]
    pub cue: Option<String>,
    /// The guidance rule this checks, in the guidance's words, for the per-rep summary
    /// ("which of the guidance's rules were kept"). Default: none (not listed).
    #[serde(default)]
    pub guidance: Option<String>,
}

/// Whether one guidance rule was kept in a rep.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuidanceVerdict {
    /// The guidance rule, in the guidance's words.
    pub guidance: String,
    /// The faults that break it.
    pub faults: Vec<FaultCode>,
    /// `true` when none of them occurred in the rep.
    pub kept: bool,
}

impl Exercise {
    /// For a rep with these faults, whether each guidance rule the exercise checks
    /// (rules with a `guidance` text; rules sharing a text are one guidance rule) was kept,
    /// in English.
    pub fn guidance_verdicts(&self, rep_faults: &[FaultCode]) -> Vec<GuidanceVerdict> {
        self.guidance_verdicts_in(rep_faults, crate::i18n::Lang::En)
    }

    /// [`Exercise::guidance_verdicts`] with the rules' words in `lang`.
    pub fn guidance_verdicts_in(
        &self,
        rep_faults: &[FaultCode],
        lang: crate::i18n::Lang,
    ) -> Vec<GuidanceVerdict> {
        let mut out: Vec<GuidanceVerdict> = Vec::new();
        for rule in &self.rules {
            let Some(text) = self.rule_guidance_in(rule, lang) else {
                continue;
            };
            let text = &text;
            let broken = rep_faults.contains(&rule.fault);
            match out.iter_mut().find(|v| &v.guidance == text) {
                Some(v) => {
                    if !v.faults.contains(&rule.fault) {
                        v.faults.push(rule.fault);
                    }
                    v.kept &= !broken;
                }
                None => out.push(GuidanceVerdict {
                    guidance: text.to_string(),
                    faults: vec![rule.fault],
                    kept: !broken,
                }),
            }
        }
        out
    }
}

impl FormRule {
    /// Allowed range in engine units (radians for angles), `(min, max)`.
    pub fn range(&self) -> (Option<f32>, Option<f32>) {
        if self.metric.is_angle() {
            (self.min_deg.map(to_rad), self.max_deg.map(to_rad))
        } else {
            (self.min, self.max)
        }
    }

    /// Whether `value` (engine units) breaks the rule.
    pub fn is_broken_by(&self, value: f32) -> bool {
        let (lo, hi) = self.range();
        lo.is_some_and(|lo| value < lo) || hi.is_some_and(|hi| value > hi)
    }

    /// The cue text for this rule in English.
    pub fn cue_text(&self) -> String {
        self.cue.clone().unwrap_or_else(|| self.fault.default_cue())
    }
}

/// The demo animation: keyframes of a 2D stick figure.
///
/// Figure space: a unit box, x to the right and y down, both 0..1; the figure stands
/// with its feet near y = 0.96 and head near y = 0.1. `view = "front"` faces the viewer
/// (the person's left on the box's right); `view = "side"` faces the box's right.
/// Landmarks not given in a keyframe keep the neutral figure's position, moved along with
/// their anchor (face points follow the nose, hand points the wrist, foot points the
/// ankle). The animation loops: after the last keyframe it eases back to the first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DemoSpec {
    /// Which neutral figure the keyframes start from. Default: `front`.
    pub view: DemoView,
    /// Seconds for one loop. Default: 6. Must exceed the last keyframe's time.
    pub period_secs: f32,
    /// Keyframes in time order. Default: none (a still neutral figure).
    pub keyframes: Vec<Keyframe>,
}

impl Default for DemoSpec {
    fn default() -> Self {
        DemoSpec {
            view: DemoView::Front,
            period_secs: 6.0,
            keyframes: Vec::new(),
        }
    }
}

/// The demo figure's view.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DemoView {
    /// Facing the viewer.
    #[default]
    Front,
    /// Facing right.
    Side,
}

/// One demo keyframe.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Keyframe {
    /// Seconds from the start of the loop, `0 <= t_secs < period_secs`.
    pub t_secs: f32,
    /// Landmark (snake_case name) → `[x, y]` in figure space.
    #[serde(default)]
    pub pose: BTreeMap<String, [f32; 2]>,
}

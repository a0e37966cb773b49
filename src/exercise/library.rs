//! Loading and validating exercise files.

use std::path::{Path, PathBuf};

use super::ExerciseError;
use super::schema::{Category, Exercise};
use crate::landmark::Landmark;

/// The built-in exercise files, embedded so the binary works from anywhere.
const EMBEDDED: [(&str, &str); 10] = [
    (
        "knee-bend.toml",
        include_str!("../../exercises/knee-bend.toml"),
    ),
    (
        "squat-lift.toml",
        include_str!("../../exercises/squat-lift.toml"),
    ),
    (
        "hip-hinge.toml",
        include_str!("../../exercises/hip-hinge.toml"),
    ),
    (
        "back-extension.toml",
        include_str!("../../exercises/back-extension.toml"),
    ),
    (
        "side-bend.toml",
        include_str!("../../exercises/side-bend.toml"),
    ),
    (
        "trunk-rotation.toml",
        include_str!("../../exercises/trunk-rotation.toml"),
    ),
    (
        "knee-raise.toml",
        include_str!("../../exercises/knee-raise.toml"),
    ),
    (
        "deep-squat.toml",
        include_str!("../../exercises/deep-squat.toml"),
    ),
    (
        "sit-to-stand.toml",
        include_str!("../../exercises/sit-to-stand.toml"),
    ),
    (
        "march-in-place.toml",
        include_str!("../../exercises/march-in-place.toml"),
    ),
];

/// A set of exercises with unique ids, in id order.
#[derive(Clone, Debug, Default)]
pub struct ExerciseLibrary {
    exercises: Vec<Exercise>,
}

impl ExerciseLibrary {
    /// Loads every `*.toml` file in `dir`. Any bad file is an error naming it.
    pub fn load_dir(dir: &Path) -> Result<ExerciseLibrary, ExerciseError> {
        let entries = std::fs::read_dir(dir).map_err(|source| ExerciseError::Io {
            path: dir.to_owned(),
            source,
        })?;
        let mut paths = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|source| ExerciseError::Io {
                path: dir.to_owned(),
                source,
            })?;
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "toml") {
                paths.push(path);
            }
        }
        paths.sort();
        if paths.is_empty() {
            return Err(ExerciseError::EmptyDir {
                path: dir.to_owned(),
            });
        }
        let mut exercises = Vec::with_capacity(paths.len());
        for path in paths {
            let text = std::fs::read_to_string(&path).map_err(|source| ExerciseError::Io {
                path: path.clone(),
                source,
            })?;
            exercises.push(parse_exercise(&text, &path)?);
        }
        ExerciseLibrary::from_exercises(exercises)
    }

    /// `exercises/` next to the executable if it exists, else the source tree's
    /// `exercises/` (fixed at compile time).
    pub fn builtin_dir() -> PathBuf {
        let beside_exe = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|dir| dir.join("exercises")));
        match beside_exe {
            Some(dir) if dir.is_dir() => dir,
            _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("exercises"),
        }
    }

    /// The exercises compiled into the binary.
    pub fn embedded() -> Result<ExerciseLibrary, ExerciseError> {
        let exercises = EMBEDDED
            .iter()
            .map(|(name, text)| parse_exercise(text, Path::new(name)))
            .collect::<Result<Vec<_>, _>>()?;
        ExerciseLibrary::from_exercises(exercises)
    }

    /// [`ExerciseLibrary::builtin_dir`] when it exists, else the embedded exercises.
    pub fn load_default() -> Result<ExerciseLibrary, ExerciseError> {
        let dir = ExerciseLibrary::builtin_dir();
        if dir.is_dir() {
            ExerciseLibrary::load_dir(&dir)
        } else {
            ExerciseLibrary::embedded()
        }
    }

    /// A library from already-parsed exercises; ids must be unique.
    pub fn from_exercises(mut exercises: Vec<Exercise>) -> Result<ExerciseLibrary, ExerciseError> {
        exercises.sort_by(|a, b| a.id.cmp(&b.id));
        for pair in exercises.windows(2) {
            if pair[0].id == pair[1].id {
                return Err(ExerciseError::DuplicateId {
                    id: pair[0].id.clone(),
                });
            }
        }
        Ok(ExerciseLibrary { exercises })
    }

    /// The exercise with this id.
    pub fn get(&self, id: &str) -> Option<&Exercise> {
        self.exercises.iter().find(|e| e.id == id)
    }

    /// The exercise with this id, or an error listing the known ids.
    pub fn require(&self, id: &str) -> Result<&Exercise, ExerciseError> {
        self.get(id).ok_or_else(|| ExerciseError::UnknownExercise {
            id: id.to_owned(),
            known: self.ids().map(str::to_owned).collect(),
        })
    }

    /// All exercises, in id order.
    pub fn exercises(&self) -> &[Exercise] {
        &self.exercises
    }

    /// All ids, in order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.exercises.iter().map(|e| e.id.as_str())
    }

    /// Number of exercises.
    pub fn len(&self) -> usize {
        self.exercises.len()
    }

    /// Whether the library is empty.
    pub fn is_empty(&self) -> bool {
        self.exercises.is_empty()
    }
}

/// Parses and validates one exercise file's text; `path` is only used in errors.
pub fn parse_exercise(text: &str, path: &Path) -> Result<Exercise, ExerciseError> {
    let exercise: Exercise = toml::from_str(text).map_err(|e| {
        let mut message = e.to_string().trim_end().to_owned();
        if message.contains("missing field `category`") {
            let allowed: Vec<&str> = Category::ALL.iter().map(|c| c.name()).collect();
            message.push_str(&format!("\n(category is one of: {})", allowed.join(", ")));
        }
        ExerciseError::Parse {
            path: path.to_owned(),
            message,
        }
    })?;
    validate(&exercise).map_err(|(field, message)| ExerciseError::Invalid {
        path: path.to_owned(),
        field,
        message,
    })?;
    Ok(exercise)
}

fn invalid(field: &str, message: String) -> Result<(), (String, String)> {
    Err((field.to_owned(), message))
}

/// Checks what serde cannot: ranges, orderings and names.
/// The `[form]` field of a measure.
fn form_field(kind: super::form::FormMeasureKind) -> &'static str {
    use super::form::FormMeasureKind::*;
    match kind {
        Depth => "knee_flexion_deg",
        KneeSpacing => "knee_spacing_pct",
        LeanOverShins => "lean_over_shins_deg",
        SideTilt => "side_tilt_deg",
        HipShift => "hip_shift_cm",
    }
}

fn validate(e: &Exercise) -> Result<(), (String, String)> {
    let id_ok = !e.id.is_empty()
        && e.id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !id_ok {
        return invalid(
            "id",
            format!(
                "expected lowercase letters, digits and '-', found {:?}",
                e.id
            ),
        );
    }
    if e.name.trim().is_empty() {
        return invalid("name", "expected a non-empty name".into());
    }
    if e.steps.is_empty() {
        return invalid("steps", "expected at least one step".into());
    }
    if let Some(problem) = e.translation_problems().into_iter().next() {
        return invalid("translations", problem);
    }
    if !(1..=50).contains(&e.reps) {
        return invalid("reps", format!("expected 1..=50, found {}", e.reps));
    }
    if !(1..=10).contains(&e.sets) {
        return invalid("sets", format!("expected 1..=10, found {}", e.sets));
    }
    if !(e.rest_secs.is_finite() && e.rest_secs >= 0.0) {
        return invalid(
            "rest_secs",
            format!("expected seconds >= 0, found {}", e.rest_secs),
        );
    }
    let s = &e.signal;
    if !s.metric.is_angle() {
        return invalid(
            "signal.metric",
            format!("expected an angle metric, found {}", s.metric.name()),
        );
    }
    if e.alternating && !s.metric.is_left_right_signed() {
        return invalid(
            "signal.metric",
            format!(
                "an alternating exercise needs a left/right signed metric \
                 (thigh_lift_difference, trunk_lateral_lean, trunk_rotation), found {}",
                s.metric.name()
            ),
        );
    }
    if !(s.start_deg.is_finite() && s.start_deg > 0.0) {
        return invalid(
            "signal.start_deg",
            format!("expected degrees > 0, found {}", s.start_deg),
        );
    }
    if !(s.target_deg.is_finite() && s.target_deg > s.start_deg) {
        return invalid(
            "signal.target_deg",
            format!(
                "expected degrees > start_deg ({}), found {}",
                s.start_deg, s.target_deg
            ),
        );
    }
    if let Some(p) = s.partial_deg
        && !(p > s.start_deg && p <= s.target_deg)
    {
        return invalid(
            "signal.partial_deg",
            format!(
                "expected degrees in ({}, {}], found {p}",
                s.start_deg, s.target_deg
            ),
        );
    }
    if !(s.smoothing_secs.is_finite() && (0.0..=2.0).contains(&s.smoothing_secs)) {
        return invalid(
            "signal.smoothing_secs",
            format!("expected seconds in 0..=2, found {}", s.smoothing_secs),
        );
    }
    if !(s.min_rep_secs.is_finite() && s.min_rep_secs >= 0.0) {
        return invalid(
            "signal.min_rep_secs",
            format!("expected seconds >= 0, found {}", s.min_rep_secs),
        );
    }
    for (i, c) in s.confirm.iter().enumerate() {
        let field = |name: &str| format!("signal.confirm[{i}].{name}");
        if !c.metric.is_angle() {
            return Err((
                field("metric"),
                format!("expected an angle metric, found {}", c.metric.name()),
            ));
        }
        if e.alternating && !c.metric.is_left_right_signed() {
            return Err((
                field("metric"),
                format!(
                    "an alternating exercise needs a left/right signed witness, found {}",
                    c.metric.name()
                ),
            ));
        }
        if !(c.min_deg.is_finite() && c.min_deg > 0.0) {
            return Err((
                field("min_deg"),
                format!("expected degrees > 0, found {}", c.min_deg),
            ));
        }
    }
    let t = &e.tempo;
    for (field, v) in [
        ("tempo.min_out_secs", t.min_out_secs),
        ("tempo.min_back_secs", t.min_back_secs),
    ] {
        if !(v.is_finite() && v >= 0.0) {
            return invalid(field, format!("expected seconds >= 0, found {v}"));
        }
    }
    if let Some(form) = &e.form {
        for (kind, limit) in form.measures() {
            let field = format!("form.{}", form_field(kind));
            if !(limit.good.is_finite() && limit.limit.is_finite()) || limit.good == limit.limit {
                return Err((
                    field,
                    format!(
                        "expected finite good and limit that differ, found good = {}, limit = {}",
                        limit.good, limit.limit
                    ),
                ));
            }
        }
    }
    for (i, rule) in e.rules.iter().enumerate() {
        let field = |name: &str| format!("rules[{i}].{name}");
        let angle = rule.metric.is_angle();
        let (deg_used, plain_used) = (
            rule.min_deg.is_some() || rule.max_deg.is_some(),
            rule.min.is_some() || rule.max.is_some(),
        );
        if angle && plain_used {
            return Err((
                field("min"),
                format!(
                    "expected min_deg/max_deg for the angle metric {}, found min/max",
                    rule.metric.name()
                ),
            ));
        }
        if !angle && deg_used {
            return Err((
                field("min_deg"),
                format!(
                    "expected min/max for the ratio metric {}, found min_deg/max_deg",
                    rule.metric.name()
                ),
            ));
        }
        if !deg_used && !plain_used {
            return Err((field("max"), "expected at least one limit".into()));
        }
        if let (Some(lo), Some(hi)) = rule.range()
            && lo >= hi
        {
            return Err((field("max"), format!("expected max > min ({lo} >= {hi})")));
        }
    }
    let d = &e.demo;
    if !(d.period_secs.is_finite() && d.period_secs > 0.0) {
        return invalid(
            "demo.period_secs",
            format!("expected seconds > 0, found {}", d.period_secs),
        );
    }
    let mut last = -1.0f32;
    for (i, k) in d.keyframes.iter().enumerate() {
        if !(k.t_secs > last && k.t_secs < d.period_secs) {
            return Err((
                format!("demo.keyframes[{i}].t_secs"),
                format!(
                    "expected increasing times below period_secs ({}), found {}",
                    d.period_secs, k.t_secs
                ),
            ));
        }
        last = k.t_secs;
        for (name, xy) in &k.pose {
            if Landmark::from_name(name).is_none() {
                return Err((
                    format!("demo.keyframes[{i}].pose.{name}"),
                    "expected a landmark name such as left_knee".into(),
                ));
            }
            if !xy.iter().all(|v| v.is_finite() && (-0.5..=1.5).contains(v)) {
                return Err((
                    format!("demo.keyframes[{i}].pose.{name}"),
                    format!("expected figure-space coordinates near 0..1, found {xy:?}"),
                ));
            }
        }
    }
    Ok(())
}

//! Accuracy on labelled recordings (`backcoach eval MANIFEST.json`).
//!
//! Contract: a manifest is a JSON list of [`LabelledRecording`]s (the format of the
//! development sets' `labels.json`: `file`, `exercise` or `movement`, `reps` or
//! `reps_acceptable`, `reps_by_side`, `negative`; unknown fields are ignored). Each
//! recording maps to the exercises it is labelled for ([`expectations`]); every library
//! exercise is run over its frames ([`evaluate_frames`]), so a negative also proves that no
//! exercise counts it. [`EvalSummary`] and [`markdown_table`] turn the runs into the
//! accuracy table. No clock, no I/O here except reading the manifest; [`conditions`]
//! re-encodes videos under real camera conditions (with ffmpeg) for the same table.

pub mod conditions;
mod form_table;

pub use form_table::{
    FormRow, JudgedRep, RepCondition, RepSpan, RepsLabel, auc, form_markdown, form_rows,
    judge_labelled_reps,
};

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::analysis::{AnalysisReport, analyze_frames};
use crate::exercise::{
    Exercise, ExerciseLibrary, FaultCode, GateStatus, StanceGate, ViewProblem, body_in_view,
    thresholds::DEFAULT_HOLD_SECS,
};
use crate::pose::PoseFrame;

/// Failures reading a manifest.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// The manifest could not be read.
    #[error("cannot read the manifest {path}: {cause}")]
    Read {
        /// The manifest.
        path: PathBuf,
        /// Why.
        cause: std::io::Error,
    },
    /// The manifest is not a JSON list of labelled recordings.
    #[error(
        "{path} is not a manifest (a JSON list of {{\"file\", \"exercise\" or \"movement\", \"reps\"}}): {cause}"
    )]
    Parse {
        /// The manifest.
        path: PathBuf,
        /// Why.
        cause: serde_json::Error,
    },
    /// A recording names an exercise the library does not have.
    #[error("{file}: unknown exercise \"{id}\" (known: {known})")]
    UnknownExercise {
        /// The recording.
        file: String,
        /// The id.
        id: String,
        /// The library's ids.
        known: String,
    },
}

/// Counts per side, as labelled.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SideCounts {
    /// The person's left.
    pub left: u32,
    /// The person's right.
    pub right: u32,
}

/// One labelled recording of a manifest.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LabelledRecording {
    /// Path, relative to the manifest's folder (or absolute).
    pub file: String,
    /// An exercise id of the library, or `other:NAME` for a movement outside it.
    #[serde(default)]
    pub exercise: Option<String>,
    /// Free text ("bodyweight squat"), mapped to exercises by keywords.
    #[serde(default)]
    pub movement: Option<String>,
    /// Explicit exercise ids this recording is a positive for (overrides the mapping).
    #[serde(default)]
    pub exercises: Option<Vec<String>>,
    /// Counted reps (all sides), or each rep's time span.
    #[serde(default)]
    pub reps: Option<RepsLabel>,
    /// Whether the reps were done correctly or incorrectly (a form-labelled set).
    #[serde(default)]
    pub condition: Option<RepCondition>,
    /// Who did them (a volunteer's number or a description), for per-person figures.
    #[serde(default)]
    pub subject: Option<serde_json::Value>,
    /// Inclusive range of counts a careful human would accept.
    #[serde(default)]
    pub reps_acceptable: Option<[u32; 2]>,
    /// Reps per side, for alternating exercises.
    #[serde(default)]
    pub reps_by_side: Option<SideCounts>,
    /// `true`: no exercise may count a rep.
    #[serde(default)]
    pub negative: bool,
}

impl LabelledRecording {
    /// The labelled count (the number of spans when spans are given).
    pub fn labelled_reps(&self) -> Option<u32> {
        match &self.reps {
            Some(RepsLabel::Count(n)) => Some(*n),
            Some(RepsLabel::Spans(s)) => Some(s.len() as u32),
            None => None,
        }
    }

    /// The labelled rep spans (empty when only a count is given).
    pub fn rep_spans(&self) -> &[RepSpan] {
        match &self.reps {
            Some(RepsLabel::Spans(s)) => s,
            _ => &[],
        }
    }
}

/// Reads a manifest.
pub fn read_manifest(path: &Path) -> Result<Vec<LabelledRecording>, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|cause| EvalError::Read {
        path: path.to_owned(),
        cause,
    })?;
    serde_json::from_str(&text).map_err(|cause| EvalError::Parse {
        path: path.to_owned(),
        cause,
    })
}

/// What a run of one exercise over one recording should give.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Expectation {
    /// The recording is labelled for this exercise.
    Reps {
        /// Least acceptable count.
        min: u32,
        /// Most acceptable count.
        max: u32,
        /// The labelled count.
        labelled: u32,
        /// Per side (alternating exercises), with the same tolerance as the total.
        by_side: Option<SideCounts>,
        /// Tolerance applied per side.
        side_tolerance: u32,
    },
    /// Not one rep may be counted.
    None,
    /// Not labelled for this exercise: the count is reported for information.
    Info,
}

/// Sets of at least this many reps, labelled without a range, accept ±1 (one rep of a
/// long set is where labellers themselves disagree).
pub const LONG_SET_REPS: u32 = 8;

/// Movement keywords → exercise ids (lower case, matched as substrings).
const MOVEMENT_EXERCISES: [(&str, &[&str]); 10] = [
    ("squat", &["knee-bend", "squat-lift"]),
    ("deep squat", &["deep-squat"]),
    ("sit to stand", &["sit-to-stand"]),
    ("knee bend", &["knee-bend"]),
    ("deadlift", &["hip-hinge"]),
    ("hip hinge", &["hip-hinge"]),
    ("knee raise", &["knee-raise"]),
    ("side bend", &["side-bend"]),
    ("trunk rotation", &["trunk-rotation"]),
    ("back extension", &["back-extension"]),
];

/// The exercises a free-text movement maps to.
pub fn exercises_for_movement(movement: &str) -> Vec<&'static str> {
    let m = movement.to_ascii_lowercase().replace(['-', '_'], " ");
    let mut ids: Vec<&'static str> = Vec::new();
    for (key, list) in MOVEMENT_EXERCISES {
        if m.contains(key) {
            for id in list {
                if !ids.contains(id) {
                    ids.push(id);
                }
            }
        }
    }
    ids
}

/// For every exercise of the library: what the recording should give.
pub fn expectations(
    rec: &LabelledRecording,
    library: &ExerciseLibrary,
) -> Result<Vec<(String, Expectation)>, EvalError> {
    let positives: Vec<String> = if rec.negative {
        Vec::new()
    } else if let Some(list) = &rec.exercises {
        list.clone()
    } else {
        match rec.exercise.as_deref() {
            Some(id) if !id.starts_with("other:") => vec![id.to_owned()],
            other => {
                let movement = other
                    .map(|o| o.trim_start_matches("other:"))
                    .or(rec.movement.as_deref())
                    .unwrap_or_default();
                exercises_for_movement(movement)
                    .into_iter()
                    .map(str::to_owned)
                    .collect()
            }
        }
    };
    for id in &positives {
        if library.get(id).is_none() {
            return Err(EvalError::UnknownExercise {
                file: rec.file.clone(),
                id: id.clone(),
                known: library.ids().collect::<Vec<_>>().join(", "),
            });
        }
    }
    // A labelled movement outside the library (and every negative) must count nothing.
    let all_negative = positives.is_empty();
    let labelled = rec.labelled_reps().unwrap_or(0);
    let tolerance = u32::from(rec.reps_acceptable.is_none() && labelled >= LONG_SET_REPS);
    let [min, max] = rec
        .reps_acceptable
        .unwrap_or([labelled.saturating_sub(tolerance), labelled + tolerance]);
    Ok(library
        .exercises()
        .iter()
        .map(|ex| {
            let e = if positives.contains(&ex.id) {
                Expectation::Reps {
                    min,
                    max,
                    labelled,
                    by_side: rec.reps_by_side.filter(|_| ex.alternating),
                    side_tolerance: tolerance,
                }
            } else if all_negative {
                Expectation::None
            } else {
                Expectation::Info
            };
            (ex.id.clone(), e)
        })
        .collect())
}

/// How a run compares with its label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The labelled count exactly (and per side where labelled).
    Exact,
    /// Within the acceptable range (and per side).
    WithinRange,
    /// Outside it (or reps counted on a negative).
    Miss,
    /// Not labelled for this exercise.
    Info,
}

/// One exercise run over one recording.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExerciseRun {
    /// Exercise id.
    pub exercise: String,
    /// What was expected.
    pub expectation: Expectation,
    /// Counted reps.
    pub reps: u32,
    /// Counted per side (alternating exercises).
    pub by_side: Option<SideCounts>,
    /// Counted reps flagged `too_fast`.
    pub too_fast: u32,
    /// Partial reps.
    pub partial_reps: u32,
    /// Distinct faults reported (sorted).
    pub faults: Vec<FaultCode>,
    /// Cues shown, in order, without repeats in a row.
    pub cues: Vec<String>,
    /// Cues shown (repeats included) per counted rep (0 when no rep was counted).
    #[serde(default)]
    pub cues_per_rep: f64,
    /// Per labelled rep span (form-labelled recordings, positive runs): how it was judged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labelled_reps: Vec<JudgedRep>,
    /// The verdict.
    pub verdict: Verdict,
}

/// Every run over one recording.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordingResult {
    /// The manifest's `file`.
    pub file: String,
    /// The manifest's `movement` (for the form table).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub movement: Option<String>,
    /// The manifest's `condition` (form-labelled sets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<RepCondition>,
    /// The manifest's `subject` (a number or text), as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Why the recording could not be read (then `runs` is empty).
    pub error: Option<String>,
    /// A warning about the input (e.g. a truncated video: what was decoded was used).
    pub warning: Option<String>,
    /// Frames read.
    pub frames: u64,
    /// Frames with a person.
    pub frames_with_person: u64,
    /// Frames too dark to see the person ([`ViewProblem::TooDark`]).
    #[serde(default)]
    pub too_dark_frames: u64,
    /// Seconds of the first frame at which the live session's stance gate would open.
    pub gate_open_secs: Option<f64>,
    /// What the gate said most often before it opened.
    pub gate_said: Option<String>,
    /// One run per library exercise.
    pub runs: Vec<ExerciseRun>,
}

impl RecordingResult {
    /// The result for a recording that could not be read.
    pub fn refused(file: &str, error: String) -> RecordingResult {
        RecordingResult {
            file: file.to_owned(),
            movement: None,
            condition: None,
            subject: None,
            error: Some(error),
            warning: None,
            frames: 0,
            frames_with_person: 0,
            too_dark_frames: 0,
            gate_open_secs: None,
            gate_said: None,
            runs: Vec::new(),
        }
    }
}

fn within(count: u32, labelled: u32, tolerance: u32) -> bool {
    count + tolerance >= labelled && count <= labelled + tolerance
}

/// The verdict of a count against its expectation.
pub fn verdict(e: &Expectation, reps: u32, by_side: Option<SideCounts>) -> Verdict {
    match *e {
        Expectation::Info => Verdict::Info,
        Expectation::None if reps == 0 => Verdict::Exact,
        Expectation::None => Verdict::Miss,
        Expectation::Reps {
            min,
            max,
            labelled,
            by_side: want,
            side_tolerance,
        } => {
            let sides_exact = match (want, by_side) {
                (Some(w), Some(g)) => w == g,
                _ => true,
            };
            let sides_ok = match (want, by_side) {
                (Some(w), Some(g)) => {
                    within(g.left, w.left, side_tolerance)
                        && within(g.right, w.right, side_tolerance)
                }
                (Some(_), None) => false,
                _ => true,
            };
            if reps == labelled && sides_exact {
                Verdict::Exact
            } else if (min..=max).contains(&reps) && sides_ok {
                Verdict::WithinRange
            } else {
                Verdict::Miss
            }
        }
    }
}

fn run_of(
    rec: &LabelledRecording,
    exercise: &Exercise,
    expectation: Expectation,
    report: &AnalysisReport,
) -> ExerciseRun {
    let by_side = exercise.alternating.then_some(SideCounts {
        left: report.reps_by_side.left,
        right: report.reps_by_side.right,
    });
    let too_fast = report
        .rep_details
        .iter()
        .filter(|r| r.faults.contains(&FaultCode::TooFast))
        .count() as u32;
    let mut cues: Vec<String> = Vec::new();
    for c in &report.cues {
        if cues.last() != Some(&c.text) {
            cues.push(c.text.clone());
        }
    }
    ExerciseRun {
        exercise: exercise.id.clone(),
        expectation,
        reps: report.reps,
        by_side,
        too_fast,
        partial_reps: report.partial_reps,
        faults: report.fault_codes(),
        cues,
        cues_per_rep: if report.reps > 0 {
            report.cues.len() as f64 / f64::from(report.reps)
        } else {
            0.0
        },
        labelled_reps: match expectation {
            Expectation::Reps { .. } if rec.condition.is_some() => {
                judge_labelled_reps(rec.rep_spans(), report)
            }
            _ => Vec::new(),
        },
        verdict: verdict(&expectation, report.reps, by_side),
    }
}

/// When the live stance gate (default hold) would first open on these frames, and what
/// it said most often before that (`None` when it opened at the first chance).
pub fn gate_open_secs(frames: &[PoseFrame]) -> (Option<f64>, Option<String>) {
    let mut gate = StanceGate::new(DEFAULT_HOLD_SECS);
    let mut said: Vec<(String, u32)> = Vec::new();
    for f in frames {
        let text = match gate.update(f) {
            GateStatus::Ready => return (Some(f.t_secs), most_said(said)),
            GateStatus::Holding { .. } => continue,
            GateStatus::NotInView(p) => p.instruction(),
            GateStatus::Adjust { failed } => failed.first().map(|k| k.cue()).unwrap_or_default(),
        };
        match said.iter_mut().find(|(t, _)| *t == text) {
            Some((_, n)) => *n += 1,
            None => said.push((text, 1)),
        }
    }
    (None, most_said(said))
}

fn most_said(said: Vec<(String, u32)>) -> Option<String> {
    said.into_iter().max_by_key(|(_, n)| *n).map(|(t, _)| t)
}

/// Runs every library exercise over a recording's frames.
pub fn evaluate_frames(
    rec: &LabelledRecording,
    frames: &[PoseFrame],
    library: &ExerciseLibrary,
) -> Result<RecordingResult, EvalError> {
    let expected = expectations(rec, library)?;
    let runs = library
        .exercises()
        .iter()
        .zip(expected)
        .map(|(ex, (_, e))| run_of(rec, ex, e, &analyze_frames(ex, frames.iter().cloned())))
        .collect();
    let (gate_open_secs, gate_said) = gate_open_secs(frames);
    Ok(RecordingResult {
        file: rec.file.clone(),
        movement: rec.movement.clone().or_else(|| rec.exercise.clone()),
        condition: rec.condition,
        subject: rec.subject.as_ref().map(|v| match v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        }),
        error: None,
        warning: None,
        frames: frames.len() as u64,
        frames_with_person: frames.iter().filter(|f| f.pose.is_some()).count() as u64,
        too_dark_frames: frames
            .iter()
            .filter(|f| body_in_view(f) == Err(ViewProblem::TooDark))
            .count() as u64,
        gate_open_secs,
        gate_said,
        runs,
    })
}

/// The totals over a set of recordings.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EvalSummary {
    /// Recordings in the manifest.
    pub recordings: u32,
    /// Recordings that could not be read.
    pub refused: u32,
    /// Labelled (recording, exercise) runs.
    pub positive_runs: u32,
    /// Of those, exact.
    pub exact: u32,
    /// Of those, within the acceptable range (exact included).
    pub within_range: u32,
    /// Mean absolute error of the counts against the labels, positives only.
    pub mean_abs_error: f64,
    /// Runs that must count nothing.
    pub negative_runs: u32,
    /// Reps counted on them, in all.
    pub false_reps: u32,
}

impl EvalSummary {
    /// Totals of the results.
    pub fn of(results: &[RecordingResult]) -> EvalSummary {
        let mut s = EvalSummary {
            recordings: results.len() as u32,
            ..EvalSummary::default()
        };
        let mut abs_err = 0.0;
        for r in results {
            if r.error.is_some() {
                s.refused += 1;
            }
            for run in &r.runs {
                match run.expectation {
                    Expectation::Reps { labelled, .. } => {
                        s.positive_runs += 1;
                        abs_err += f64::from(run.reps.abs_diff(labelled));
                        match run.verdict {
                            Verdict::Exact => {
                                s.exact += 1;
                                s.within_range += 1;
                            }
                            Verdict::WithinRange => s.within_range += 1,
                            _ => {}
                        }
                    }
                    Expectation::None => {
                        s.negative_runs += 1;
                        s.false_reps += run.reps;
                    }
                    Expectation::Info => {}
                }
            }
        }
        if s.positive_runs > 0 {
            s.mean_abs_error = abs_err / f64::from(s.positive_runs);
        }
        s
    }

    /// True when every positive is within range, no negative counts and nothing was refused.
    pub fn all_pass(&self) -> bool {
        self.refused == 0 && self.within_range == self.positive_runs && self.false_reps == 0
    }
}

fn sides(s: Option<SideCounts>) -> String {
    s.map_or("–".to_owned(), |s| format!("{} / {}", s.left, s.right))
}

/// The accuracy table (Markdown): labelled and negative runs first, then, per recording,
/// the other exercises' counts for information.
pub fn markdown_table(results: &[RecordingResult]) -> String {
    let mut out = String::from(
        "| recording | exercise | labelled | counted | left / right | too fast | partial | cues / rep | verdict | faults |\n\
         |---|---|---|---|---|---|---|---|---|---|\n",
    );
    let mut info = String::new();
    for r in results {
        if let Some(err) = &r.error {
            out.push_str(&format!(
                "| {} | – | – | refused | – | – | – | – | **miss** | {err} |\n",
                r.file
            ));
            continue;
        }
        let mut others = Vec::new();
        for run in &r.runs {
            let labelled = match run.expectation {
                Expectation::Reps {
                    min,
                    max,
                    labelled,
                    by_side,
                    ..
                } => {
                    let range = if min == max {
                        format!("{labelled}")
                    } else {
                        format!("{labelled} ({min}-{max})")
                    };
                    match by_side {
                        Some(s) => format!("{range} ({} / {})", s.left, s.right),
                        None => range,
                    }
                }
                Expectation::None => "0 (negative)".to_owned(),
                Expectation::Info => {
                    if run.reps > 0 {
                        others.push(format!("{} {}", run.exercise, run.reps));
                    }
                    continue;
                }
            };
            let verdict = match run.verdict {
                Verdict::Exact => "exact",
                Verdict::WithinRange => "in range",
                Verdict::Miss => "**miss**",
                Verdict::Info => "–",
            };
            let faults: Vec<&str> = run
                .faults
                .iter()
                .filter(|f| **f != FaultCode::TooFast)
                .map(|f| f.as_str())
                .collect();
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} | {} | {:.1} | {} | {} |\n",
                r.file,
                run.exercise,
                labelled,
                run.reps,
                sides(run.by_side),
                run.too_fast,
                run.partial_reps,
                run.cues_per_rep,
                verdict,
                if faults.is_empty() {
                    "–".to_owned()
                } else {
                    faults.join(", ")
                }
            ));
        }
        let mut gate = r
            .gate_open_secs
            .map_or("never".to_owned(), |t| format!("{t:.1} s"));
        if let Some(said) = &r.gate_said {
            gate.push_str(&format!(" (before: \"{said}\")"));
        }
        let mut warn = r
            .warning
            .as_deref()
            .map_or(String::new(), |w| format!("; warning: {w}"));
        if r.too_dark_frames > 0 {
            warn.push_str(&format!(
                "; too dark to see the person in {} frames",
                r.too_dark_frames
            ));
        }
        info.push_str(&format!(
            "| {} | {} | {} | {}{} |\n",
            r.file,
            gate,
            r.frames_with_person,
            if others.is_empty() {
                "–".to_owned()
            } else {
                others.join(", ")
            },
            warn
        ));
    }
    let s = EvalSummary::of(results);
    out.push_str(&format!(
        "\n**Within range: {} / {} labelled runs ({} exact). Mean absolute count error: {:.2} \
         reps. False reps on negatives: {} in {} runs. Refused recordings: {}.**\n",
        s.within_range,
        s.positive_runs,
        s.exact,
        s.mean_abs_error,
        s.false_reps,
        s.negative_runs,
        s.refused
    ));
    out.push_str(
        "\n| recording | stance gate opens | frames with a person | other exercises counting (not labelled) |\n|---|---|---|---|\n",
    );
    out.push_str(&info);
    out.push_str(&form_markdown(&form_rows(results)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(json: &str) -> LabelledRecording {
        serde_json::from_str(json).expect("recording")
    }

    #[test]
    fn movements_map_to_exercises() {
        assert_eq!(
            exercises_for_movement("bodyweight squat (wide stance)"),
            ["knee-bend", "squat-lift"]
        );
        assert_eq!(
            exercises_for_movement("knee raise: high knees"),
            ["knee-raise"]
        );
        assert!(exercises_for_movement("NEGATIVE: walking").is_empty());
    }

    #[test]
    fn expectations_follow_labels() -> Result<(), EvalError> {
        let lib = ExerciseLibrary::embedded().expect("library");
        let squat = rec(r#"{"file":"a.mp4","movement":"squat","reps":4,"extra":1}"#);
        let e = expectations(&squat, &lib)?;
        let knee = e.iter().find(|(id, _)| id == "knee-bend").expect("knee");
        assert!(matches!(knee.1, Expectation::Reps { min: 4, max: 4, .. }));
        let hinge = e.iter().find(|(id, _)| id == "hip-hinge").expect("hinge");
        assert_eq!(hinge.1, Expectation::Info);
        let arms = rec(r#"{"file":"b.jsonl","exercise":"other:arm-raise","reps":4}"#);
        assert!(
            expectations(&arms, &lib)?
                .iter()
                .all(|(_, e)| *e == Expectation::None)
        );
        let long = rec(
            r#"{"file":"c.jsonl","exercise":"side-bend","reps":10,"reps_by_side":{"left":5,"right":5}}"#,
        );
        let e = expectations(&long, &lib)?;
        let bend = e.iter().find(|(id, _)| id == "side-bend").expect("bend");
        assert!(matches!(
            bend.1,
            Expectation::Reps {
                min: 9,
                max: 11,
                side_tolerance: 1,
                ..
            }
        ));
        assert!(matches!(
            expectations(&rec(r#"{"file":"d","exercise":"no-such","reps":1}"#), &lib),
            Err(EvalError::UnknownExercise { .. })
        ));
        Ok(())
    }

    #[test]
    fn verdicts() {
        let e = Expectation::Reps {
            min: 9,
            max: 11,
            labelled: 10,
            by_side: Some(SideCounts { left: 5, right: 5 }),
            side_tolerance: 1,
        };
        let s = |left, right| Some(SideCounts { left, right });
        assert_eq!(verdict(&e, 10, s(5, 5)), Verdict::Exact);
        assert_eq!(verdict(&e, 9, s(4, 5)), Verdict::WithinRange);
        assert_eq!(verdict(&e, 10, s(3, 7)), Verdict::Miss);
        assert_eq!(verdict(&e, 8, s(4, 4)), Verdict::Miss);
        assert_eq!(verdict(&Expectation::None, 0, None), Verdict::Exact);
        assert_eq!(verdict(&Expectation::None, 1, None), Verdict::Miss);
    }
}

//! Real camera conditions (`backcoach eval MANIFEST --conditions`): each video of a
//! manifest re-encoded under a [`Condition`] (mirrored, dim and noisy, low resolution, low
//! frame rate, heavy compression, feet cut off, a tilted camera) and judged again.
//!
//! Contract: [`Condition`] says what each condition does to a video (its ffmpeg filter or
//! encoder setting); [`reencode`] writes the re-encoded copy with the ffmpeg command-line
//! tool into a folder the caller owns (never next to the original); [`conditions_table`]
//! puts the results of every condition side by side. Pose tracks (`.jsonl`) are not
//! videos and are not re-encoded ([`is_video`]). No clock here.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde::{Deserialize, Serialize};

use super::{EvalSummary, Expectation, RecordingResult, Verdict};

/// Failures re-encoding a video.
#[derive(Debug, thiserror::Error)]
pub enum ConditionError {
    /// ffmpeg could not be started.
    #[error("cannot run ffmpeg (install it, e.g. apt-get install ffmpeg): {cause}")]
    Spawn {
        /// Why.
        cause: std::io::Error,
    },
    /// ffmpeg ran and failed.
    #[error("ffmpeg could not re-encode {path} as \"{condition}\": {stderr}")]
    Encode {
        /// The original video.
        path: PathBuf,
        /// The condition's name.
        condition: &'static str,
        /// The end of ffmpeg's complaint.
        stderr: String,
    },
}

/// The quality every condition except [`Condition::HeavyCompression`] is encoded at
/// (libx264 CRF; 18 is visually lossless), so only the condition itself changes.
pub const REFERENCE_CRF: u32 = 18;
/// The CRF of [`Condition::HeavyCompression`] (libx264: 51 is the worst; 42 smears the
/// picture into blocks the way a starved video call does).
pub const HEAVY_CRF: u32 = 42;

/// One way a real camera differs from the development videos.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    /// Mirrored left-right (a mirror-view webcam app).
    Mirrored,
    /// A dim room: darker, lower contrast, sensor noise.
    DimNoisy,
    /// 320 px wide (a cheap webcam, or a downscaled stream).
    Width320,
    /// 12 frames per second (a slow laptop, a low-light exposure).
    Fps12,
    /// Heavy compression (libx264 CRF [`HEAVY_CRF`]).
    HeavyCompression,
    /// The bottom 12 % cut off: the feet leave the picture.
    FeetCut,
    /// The camera tilted 7° (clockwise; the corners filled black).
    Tilted7,
}

impl Condition {
    /// Every condition, in the order of the tables.
    pub const ALL: [Condition; 7] = [
        Condition::Mirrored,
        Condition::DimNoisy,
        Condition::Width320,
        Condition::Fps12,
        Condition::HeavyCompression,
        Condition::FeetCut,
        Condition::Tilted7,
    ];

    /// The stable snake_case name (JSON, file names).
    pub fn as_str(self) -> &'static str {
        match self {
            Condition::Mirrored => "mirrored",
            Condition::DimNoisy => "dim_noisy",
            Condition::Width320 => "width_320",
            Condition::Fps12 => "fps_12",
            Condition::HeavyCompression => "crf_42",
            Condition::FeetCut => "feet_cut",
            Condition::Tilted7 => "tilted_7",
        }
    }

    /// The condition named `name` (its [`Condition::as_str`]).
    pub fn from_name(name: &str) -> Option<Condition> {
        Condition::ALL.into_iter().find(|c| c.as_str() == name)
    }

    /// A short heading for the tables.
    pub fn title(self) -> &'static str {
        match self {
            Condition::Mirrored => "mirrored",
            Condition::DimNoisy => "dim and noisy",
            Condition::Width320 => "320 px wide",
            Condition::Fps12 => "12 frames/s",
            Condition::HeavyCompression => "heavy compression",
            Condition::FeetCut => "feet cut off",
            Condition::Tilted7 => "tilted 7°",
        }
    }

    /// The ffmpeg video filter, if the condition is one.
    pub fn filter(self) -> Option<&'static str> {
        match self {
            Condition::Mirrored => Some("hflip"),
            Condition::DimNoisy => {
                Some("eq=brightness=-0.18:gamma=0.7:contrast=0.8,noise=alls=18:allf=t")
            }
            Condition::Width320 => Some("scale=320:-2"),
            Condition::Fps12 => Some("fps=12"),
            Condition::HeavyCompression => None,
            // The bottom 12 % (ffmpeg rounds the height to the even one 4:2:0 needs).
            Condition::FeetCut => Some("crop=iw:ih*0.88:0:0"),
            Condition::Tilted7 => Some("rotate=7*PI/180"),
        }
    }

    /// The libx264 CRF the condition is encoded at.
    pub fn crf(self) -> u32 {
        match self {
            Condition::HeavyCompression => HEAVY_CRF,
            _ => REFERENCE_CRF,
        }
    }

    /// What was done, for the table headings (`hflip`, `-crf 42`).
    pub fn recipe(self) -> String {
        match self.filter() {
            Some(f) => format!("-vf {f}"),
            None => format!("-crf {}", self.crf()),
        }
    }

    /// The ffmpeg arguments after the input: the filter, the encoder, no audio.
    pub fn ffmpeg_output_args(self) -> Vec<String> {
        let mut args: Vec<String> = vec!["-map".into(), "0:v:0".into(), "-an".into()];
        if let Some(f) = self.filter() {
            args.extend(["-vf".into(), f.into()]);
        }
        // Keep the original frame times (variable frame rate clips) unless the condition
        // is the frame rate itself.
        if self != Condition::Fps12 {
            args.extend(["-fps_mode".into(), "passthrough".into()]);
        }
        args.extend([
            "-c:v".into(),
            "libx264".into(),
            "-preset".into(),
            "veryfast".into(),
            "-crf".into(),
            self.crf().to_string(),
            "-pix_fmt".into(),
            "yuv420p".into(),
        ]);
        args
    }
}

/// Whether a manifest's file is a video to re-encode (a pose track is not).
pub fn is_video(file: &str) -> bool {
    !file.to_ascii_lowercase().ends_with(".jsonl")
}

/// Re-encodes `input` under `condition` into `out_dir` (which must exist) as
/// `<stem>.<condition>.mp4` and returns that path.
pub fn reencode(
    input: &Path,
    condition: Condition,
    out_dir: &Path,
) -> Result<PathBuf, ConditionError> {
    let stem = input.file_stem().unwrap_or_default().to_string_lossy();
    let out = out_dir.join(format!("{stem}.{}.mp4", condition.as_str()));
    let output = Command::new("ffmpeg")
        .args(["-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i"])
        .arg(input)
        .args(condition.ffmpeg_output_args())
        .arg(&out)
        .stdin(Stdio::null())
        .output()
        .map_err(|cause| ConditionError::Spawn { cause })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let tail: Vec<&str> = stderr.lines().rev().take(3).collect();
        return Err(ConditionError::Encode {
            path: input.to_owned(),
            condition: condition.as_str(),
            stderr: tail.into_iter().rev().collect::<Vec<_>>().join(" / "),
        });
    }
    Ok(out)
}

/// The results of one condition (`None`: the recordings as they are).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConditionResult {
    /// The condition; `None` for the original recordings.
    pub condition: Option<Condition>,
    /// Its totals.
    pub summary: EvalSummary,
    /// Every recording's runs.
    pub recordings: Vec<RecordingResult>,
}

impl ConditionResult {
    /// Totals and results of one condition.
    pub fn new(condition: Option<Condition>, recordings: Vec<RecordingResult>) -> Self {
        ConditionResult {
            condition,
            summary: EvalSummary::of(&recordings),
            recordings,
        }
    }

    /// The column heading.
    pub fn title(&self) -> &'static str {
        self.condition.map_or("as recorded", Condition::title)
    }
}

/// True when every condition passes ([`EvalSummary::all_pass`]).
pub fn all_conditions_pass(results: &[ConditionResult]) -> bool {
    results.iter().all(|c| c.summary.all_pass())
}

/// One cell: the count and how it compares (`3`, `5 ~`, `0 ✗`).
fn cell(reps: u32, verdict: Verdict) -> String {
    match verdict {
        Verdict::Exact | Verdict::Info => reps.to_string(),
        Verdict::WithinRange => format!("{reps} ~"),
        Verdict::Miss => format!("**{reps} ✗**"),
    }
}

/// Condition × recording: per labelled (recording, exercise), the count under every
/// condition; per negative recording, the reps all its exercises counted together. Then
/// the totals per condition. Legend: a plain number is exact, `~` within the acceptable
/// range, `✗` a miss, `refused` a recording that could not be read.
pub fn conditions_table(results: &[ConditionResult]) -> String {
    let mut out = String::from("| recording | exercise | labelled |");
    let mut rule = String::from("|---|---|---|");
    for c in results {
        out.push_str(&format!(" {} |", c.title()));
        rule.push_str("---|");
    }
    out.push('\n');
    out.push_str(&rule);
    out.push('\n');
    // Rows from the first condition's recordings; the others are matched by file.
    let Some(first) = results.first() else {
        return out;
    };
    for rec in &first.recordings {
        let of = |c: &ConditionResult| c.recordings.iter().find(|r| r.file == rec.file).cloned();
        if rec.error.is_some() {
            out.push_str(&format!("| {} | – | – |", rec.file));
            for c in results {
                let refused = of(c).is_none_or(|r| r.error.is_some());
                out.push_str(if refused { " refused |" } else { " read |" });
            }
            out.push('\n');
            continue;
        }
        let negative = rec
            .runs
            .iter()
            .all(|r| matches!(r.expectation, Expectation::None | Expectation::Info));
        if negative {
            let n = rec
                .runs
                .iter()
                .filter(|r| r.expectation == Expectation::None)
                .count();
            out.push_str(&format!("| {} | all {n} (negative) | 0 |", rec.file));
            for c in results {
                out.push_str(&match of(c) {
                    Some(r) if r.error.is_none() => {
                        let reps: u32 = r
                            .runs
                            .iter()
                            .filter(|x| x.expectation == Expectation::None)
                            .map(|x| x.reps)
                            .sum();
                        let v = if reps == 0 {
                            Verdict::Exact
                        } else {
                            Verdict::Miss
                        };
                        format!(" {} |", cell(reps, v))
                    }
                    _ => " refused |".to_owned(),
                });
            }
            out.push('\n');
            continue;
        }
        for run in &rec.runs {
            let Expectation::Reps {
                min, max, labelled, ..
            } = run.expectation
            else {
                continue;
            };
            let label = if min == max {
                labelled.to_string()
            } else {
                format!("{labelled} ({min}-{max})")
            };
            out.push_str(&format!("| {} | {} | {label} |", rec.file, run.exercise));
            for c in results {
                let found = of(c).and_then(|r| {
                    r.runs
                        .iter()
                        .find(|x| x.exercise == run.exercise)
                        .map(|x| cell(x.reps, x.verdict))
                });
                out.push_str(&format!(" {} |", found.unwrap_or_else(|| "refused".into())));
            }
            out.push('\n');
        }
    }
    out.push_str("| **within range** | | |");
    for c in results {
        out.push_str(&format!(
            " {} / {} |",
            c.summary.within_range, c.summary.positive_runs
        ));
    }
    out.push_str("\n| **false reps on negatives** | | |");
    for c in results {
        out.push_str(&format!(" {} |", c.summary.false_reps));
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::{ExerciseRun, SideCounts};

    fn run(exercise: &str, expectation: Expectation, reps: u32) -> ExerciseRun {
        ExerciseRun {
            exercise: exercise.into(),
            expectation,
            reps,
            by_side: None::<SideCounts>,
            too_fast: 0,
            partial_reps: 0,
            faults: Vec::new(),
            cues: Vec::new(),
            cues_per_rep: 0.0,
            labelled_reps: Vec::new(),
            verdict: crate::eval::verdict(&expectation, reps, None),
        }
    }

    fn recording(file: &str, runs: Vec<ExerciseRun>) -> RecordingResult {
        let mut r = RecordingResult::refused(file, String::new());
        r.error = None;
        r.runs = runs;
        r
    }

    #[test]
    fn every_condition_has_a_distinct_name_and_one_change() {
        let names: std::collections::BTreeSet<_> =
            Condition::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(names.len(), Condition::ALL.len());
        for c in Condition::ALL {
            // Exactly one thing changes: a filter, or the compression.
            assert_ne!(c.filter().is_some(), c.crf() != REFERENCE_CRF, "{c:?}");
            let args = c.ffmpeg_output_args();
            assert!(
                args.windows(2).any(|w| w == ["-c:v", "libx264"]),
                "{args:?}"
            );
        }
        assert_eq!(Condition::from_name("fps_12"), Some(Condition::Fps12));
        assert_eq!(Condition::from_name("fps12"), None);
        assert!(is_video("a/b.MP4"));
        assert!(!is_video("kimore.jsonl"));
    }

    #[test]
    fn the_table_puts_conditions_side_by_side_and_marks_misses() {
        let squat = Expectation::Reps {
            min: 3,
            max: 3,
            labelled: 3,
            by_side: None,
            side_tolerance: 0,
        };
        let as_recorded = ConditionResult::new(
            None,
            vec![
                recording("squat.mp4", vec![run("knee-bend", squat, 3)]),
                recording("walk.mp4", vec![run("knee-bend", Expectation::None, 0)]),
            ],
        );
        let dim = ConditionResult::new(
            Some(Condition::DimNoisy),
            vec![
                recording("squat.mp4", vec![run("knee-bend", squat, 0)]),
                recording("walk.mp4", vec![run("knee-bend", Expectation::None, 1)]),
            ],
        );
        let both = [as_recorded, dim];
        let t = conditions_table(&both);
        assert!(t.contains("| as recorded | dim and noisy |"), "{t}");
        assert!(
            t.contains("| squat.mp4 | knee-bend | 3 | 3 | **0 ✗** |"),
            "{t}"
        );
        assert!(
            t.contains("| walk.mp4 | all 1 (negative) | 0 | 0 | **1 ✗** |"),
            "{t}"
        );
        assert!(
            t.contains("| **within range** | | | 1 / 1 | 0 / 1 |"),
            "{t}"
        );
        assert!(!all_conditions_pass(&both));
        let refused = ConditionResult::new(
            Some(Condition::Mirrored),
            vec![RecordingResult::refused("squat.mp4", "no ffmpeg".into())],
        );
        let t = conditions_table(&[refused]);
        assert!(t.contains("| squat.mp4 | – | – | refused |"), "{t}");
        assert!(all_conditions_pass(&both[..1]));
    }
}

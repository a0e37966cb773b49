//! The form table: how well the per-rep form judgement tells correct reps from incorrect
//! ones, on a manifest whose recordings carry `condition` (correct / incorrect) and each
//! rep's time span (UI-PRMD's `labels.json` as it is).
//!
//! Contract: a manifest's `reps` may be each rep's span ([`RepsLabel`]) and its
//! `condition` correct or incorrect ([`RepCondition`]); [`judge_labelled_reps`] matches each
//! labelled span to a counted rep. [`form_rows`] reads the judged labelled reps of every positive run
//! ([`JudgedRep`](super::JudgedRep)) and gives, per movement and exercise (and per
//! volunteer), the share of incorrect reps flagged, the share of correct reps flagged, the
//! balanced accuracy and the form score's AUC (the chance that a correct rep scores above
//! an incorrect one, ties counting half). A labelled rep that was not counted is flagged
//! and scores 0. Nothing here is fitted: the limits come from the exercise files, so no
//! cross-validation is needed.

use serde::{Deserialize, Serialize};

use super::{Expectation, RecordingResult};
use crate::analysis::AnalysisReport;
use crate::exercise::FaultCode;

/// A rep's labelled time span (UI-PRMD's `labels.json`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct RepSpan {
    /// Seconds, when the rep starts.
    pub start_s: f64,
    /// Seconds, when it ends.
    pub end_s: f64,
}

/// The labelled reps: a count, or each rep's time span (then the count is their number).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum RepsLabel {
    /// How many reps.
    Count(u32),
    /// Each rep's span.
    Spans(Vec<RepSpan>),
}

/// How the reps of a recording were done (UI-PRMD: each movement done 10 times correctly
/// and 10 times incorrectly).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RepCondition {
    /// Done as the exercise asks.
    Correct,
    /// Deliberately done wrong, as patients often do.
    Incorrect,
}

/// How one labelled rep was judged: matched to the counted rep that overlaps it most.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct JudgedRep {
    /// Whether a counted rep overlaps the labelled span.
    pub counted: bool,
    /// Flagged: not counted, or counted with any fault except `too_fast`.
    pub flagged: bool,
    /// The counted rep's form score (0 when not counted; `None` for an exercise without
    /// a form score).
    pub form_score: Option<f32>,
}

/// Matches each labelled span to the counted rep overlapping it most (each counted rep at
/// most once) and judges it.
pub fn judge_labelled_reps(spans: &[RepSpan], report: &AnalysisReport) -> Vec<JudgedRep> {
    let has_score = report.rep_details.iter().any(|r| r.form_score.is_some());
    let mut used = vec![false; report.rep_details.len()];
    spans
        .iter()
        .map(|span| {
            let best = report
                .rep_details
                .iter()
                .enumerate()
                .filter(|(i, _)| !used.get(*i).copied().unwrap_or(true))
                .map(|(i, r)| {
                    let overlap = span.end_s.min(r.end_secs) - span.start_s.max(r.start_secs);
                    (i, overlap)
                })
                .filter(|(_, overlap)| *overlap > 0.0)
                .max_by(|a, b| a.1.total_cmp(&b.1));
            match best.and_then(|(i, _)| {
                used[i] = true;
                report.rep_details.get(i)
            }) {
                Some(rep) => JudgedRep {
                    counted: true,
                    flagged: rep.faults.iter().any(|f| *f != FaultCode::TooFast),
                    form_score: rep.form_score.or(has_score.then_some(100.0)),
                },
                None => JudgedRep {
                    counted: false,
                    flagged: true,
                    form_score: has_score.then_some(0.0),
                },
            }
        })
        .collect()
}

/// One row of the form table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormRow {
    /// The manifest's movement.
    pub movement: String,
    /// The exercise judged.
    pub exercise: String,
    /// The volunteer (`None`: all of them).
    pub subject: Option<String>,
    /// Labelled correct reps.
    pub correct_reps: u32,
    /// Of those, flagged.
    pub correct_flagged: u32,
    /// Labelled incorrect reps.
    pub incorrect_reps: u32,
    /// Of those, flagged.
    pub incorrect_flagged: u32,
    /// Mean of the share of incorrect reps flagged and the share of correct reps not
    /// flagged.
    pub balanced_accuracy: f64,
    /// The form score's AUC, correct above incorrect (`None` without a form score).
    pub auc: Option<f64>,
    /// Recordings, and how many had every labelled rep counted (and no more).
    pub recordings: u32,
    /// Recordings with exactly the labelled reps counted.
    pub recordings_all_counted: u32,
    /// Cues per counted rep, mean over the recordings.
    pub cues_per_rep: f64,
}

/// AUC of `correct` scores above `incorrect` ones (ties count half); `None` when either is
/// empty.
pub fn auc(correct: &[f32], incorrect: &[f32]) -> Option<f64> {
    if correct.is_empty() || incorrect.is_empty() {
        return None;
    }
    let mut wins = 0.0;
    for c in correct {
        for i in incorrect {
            wins += match c.total_cmp(i) {
                std::cmp::Ordering::Greater => 1.0,
                std::cmp::Ordering::Equal => 0.5,
                std::cmp::Ordering::Less => 0.0,
            };
        }
    }
    Some(wins / (correct.len() * incorrect.len()) as f64)
}

/// A row's key: movement, exercise, volunteer (`None`: all).
type RowKey = (String, String, Option<String>);

#[derive(Default)]
struct Acc {
    correct: Vec<(bool, Option<f32>)>,
    incorrect: Vec<(bool, Option<f32>)>,
    recordings: u32,
    all_counted: u32,
    cues_per_rep: f64,
}

/// The form table's rows: per movement and exercise over all volunteers, then per
/// volunteer.
pub fn form_rows(results: &[RecordingResult]) -> Vec<FormRow> {
    let mut groups: Vec<(RowKey, Acc)> = Vec::new();
    for r in results {
        let Some(condition) = r.condition else {
            continue;
        };
        let movement = r.movement.clone().unwrap_or_default();
        for run in &r.runs {
            if run.labelled_reps.is_empty() {
                continue;
            }
            let Expectation::Reps { labelled, .. } = run.expectation else {
                continue;
            };
            for subject in [None, r.subject.clone()] {
                let all = subject.is_none();
                let key = (movement.clone(), run.exercise.clone(), subject);
                let acc = match groups.iter().position(|(k, _)| *k == key) {
                    Some(i) => &mut groups[i].1,
                    None => {
                        groups.push((key, Acc::default()));
                        let last = groups.len() - 1;
                        &mut groups[last].1
                    }
                };
                let reps = run.labelled_reps.iter().map(|j| (j.flagged, j.form_score));
                match condition {
                    RepCondition::Correct => acc.correct.extend(reps),
                    RepCondition::Incorrect => acc.incorrect.extend(reps),
                }
                acc.recordings += 1;
                acc.all_counted += u32::from(run.reps == labelled);
                acc.cues_per_rep += run.cues_per_rep;
                if all && r.subject.is_none() {
                    break;
                }
            }
        }
    }
    // All volunteers first, then per volunteer.
    groups.sort_by_key(|((m, e, s), _)| {
        // Numbers in order (2 before 10).
        let n = s.as_deref().and_then(|s| s.parse::<u64>().ok());
        (s.is_some(), m.clone(), e.clone(), n, s.clone())
    });
    groups
        .into_iter()
        .map(|((movement, exercise, subject), a)| {
            let flagged = |v: &[(bool, Option<f32>)]| v.iter().filter(|(f, _)| *f).count() as u32;
            let (cf, inf) = (flagged(&a.correct), flagged(&a.incorrect));
            let share = |n: u32, of: usize| {
                if of == 0 {
                    0.0
                } else {
                    f64::from(n) / of as f64
                }
            };
            let scores = |v: &[(bool, Option<f32>)]| -> Option<Vec<f32>> {
                v.iter().map(|(_, s)| *s).collect()
            };
            let auc = match (scores(&a.correct), scores(&a.incorrect)) {
                (Some(c), Some(i)) => auc(&c, &i),
                _ => None,
            };
            FormRow {
                movement,
                exercise,
                subject,
                correct_reps: a.correct.len() as u32,
                correct_flagged: cf,
                incorrect_reps: a.incorrect.len() as u32,
                incorrect_flagged: inf,
                balanced_accuracy: 0.5
                    * (share(inf, a.incorrect.len()) + 1.0 - share(cf, a.correct.len())),
                auc,
                recordings: a.recordings,
                recordings_all_counted: a.all_counted,
                cues_per_rep: if a.recordings == 0 {
                    0.0
                } else {
                    a.cues_per_rep / f64::from(a.recordings)
                },
            }
        })
        .collect()
}

/// The form table (Markdown), empty when no recording is form-labelled.
pub fn form_markdown(rows: &[FormRow]) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "\n**Form** (a rep is flagged when it was not counted or carries any fault except \
         too_fast; nothing is fitted: the limits are the exercise files')\n\n\
         | movement | exercise | volunteer | incorrect flagged | correct flagged | balanced accuracy | form-score AUC | all reps counted | cues / rep |\n\
         |---|---|---|---|---|---|---|---|---|\n",
    );
    for r in rows {
        out.push_str(&format!(
            "| {} | {} | {} | {}/{} | {}/{} | {:.2} | {} | {}/{} | {:.2} |\n",
            r.movement,
            r.exercise,
            r.subject.as_deref().unwrap_or("all"),
            r.incorrect_flagged,
            r.incorrect_reps,
            r.correct_flagged,
            r.correct_reps,
            r.balanced_accuracy,
            r.auc.map_or("–".to_owned(), |a| format!("{a:.2}")),
            r.recordings_all_counted,
            r.recordings,
            r.cues_per_rep,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auc_counts_ties_half() {
        assert_eq!(auc(&[90.0, 80.0], &[50.0, 80.0]), Some(0.875));
        assert_eq!(auc(&[], &[1.0]), None);
    }
}

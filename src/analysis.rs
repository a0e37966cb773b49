//! The analysis report (`backcoach analyze --json`), built as a sink over a pose stream.
//!
//! Contract: [`ReportBuilder`] runs an [`ExerciseTracker`] over frames in time order (no
//! stance gate: a recording is judged as it is) and collects reps, faults and cues into an
//! [`AnalysisReport`], which serialises to the JSON document and parses back.

use serde::{Deserialize, Serialize};

use crate::exercise::{
    Exercise, ExerciseEvent, ExerciseTracker, FaultCode, FrameOutcome, GuidanceVerdict, RepRecord,
    Side, TrackerConfig, ViewProblem, body_in_view,
};
use crate::i18n::{self, Arg, Lang};
use crate::pipeline::{PipelineError, Sink, StreamItem};
use crate::pose::PoseFrame;

/// Reps per side (alternating exercises; both 0 otherwise).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepsBySide {
    /// Left-side reps.
    pub left: u32,
    /// Right-side reps.
    pub right: u32,
}

/// The report warns "too dark" when at least this share of the frames (0..1) were too
/// dark to see the person ([`AnalysisReport::too_dark_frames`]).
pub const TOO_DARK_WARN_SHARE: f64 = 0.25;

/// A fault that started.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FaultEntry {
    /// Seconds.
    pub t_secs: f64,
    /// The fault.
    pub code: FaultCode,
}

/// A cue that was shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CueEntry {
    /// Seconds, when it was first shown.
    pub t_secs: f64,
    /// The text.
    pub text: String,
}

/// A stretch of time, seconds.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimeSpan {
    /// First frame of the span.
    pub start_secs: f64,
    /// Last frame of the span.
    pub end_secs: f64,
}

/// The `analyze --json` document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnalysisReport {
    /// Exercise id.
    pub exercise: String,
    /// Counted reps (all sides).
    pub reps: u32,
    /// Movements that did not reach the target.
    pub partial_reps: u32,
    /// Sets completed (with the exercise's reps per set).
    pub sets_completed: u32,
    /// Reps per side.
    pub reps_by_side: RepsBySide,
    /// Every counted rep.
    pub rep_details: Vec<RepRecord>,
    /// Per counted rep (same order), which of the guidance's rules the exercise checks
    /// were kept (e.g. the lifting rules of `squat-lift`); empty when it checks none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rep_guidance: Vec<Vec<GuidanceVerdict>>,
    /// Every fault start, in time order.
    pub faults: Vec<FaultEntry>,
    /// Every cue shown, in time order.
    pub cues: Vec<CueEntry>,
    /// Frames read.
    pub frames: u64,
    /// Frames with a person.
    pub frames_with_person: u64,
    /// Seconds from the first to the last frame.
    pub duration_secs: f64,
    /// A warning about the input (a truncated video: the decoded part was judged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
    /// When more than one person was in view: nothing was counted or cued then.
    #[serde(default)]
    pub several_people: Vec<TimeSpan>,
    /// The most people seen at once during those spans (0 when there were none).
    #[serde(default)]
    pub most_people: u32,
    /// Frames in which the person was not seen well enough and the picture was too dark
    /// (the stance gate's [`ViewProblem::TooDark`]); see [`AnalysisReport::too_dark`].
    #[serde(default)]
    pub too_dark_frames: u64,
}

impl AnalysisReport {
    /// The distinct fault codes that occurred, sorted.
    pub fn fault_codes(&self) -> Vec<FaultCode> {
        let mut codes: Vec<FaultCode> = self.faults.iter().map(|f| f.code).collect();
        codes.sort();
        codes.dedup();
        codes
    }

    /// Whether so many frames were too dark to see the person
    /// ([`TOO_DARK_WARN_SHARE`]) that the coach must say "turn on a light".
    pub fn too_dark(&self) -> bool {
        self.frames > 0 && self.too_dark_frames as f64 >= TOO_DARK_WARN_SHARE * self.frames as f64
    }

    /// The mean form score of the counted reps (exercises with a form score).
    pub fn mean_form_score(&self) -> Option<f64> {
        let scores: Vec<f64> = self
            .rep_details
            .iter()
            .filter_map(|r| r.form_score.map(f64::from))
            .collect();
        (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64)
    }

    /// A readable summary for people, in English.
    pub fn summary_text(&self) -> String {
        self.summary_text_in(Lang::En)
    }

    /// A readable summary for people in `lang` (the words from the catalogue, `analyze-*`;
    /// the exercise id stays a code; the cues are as the report holds them).
    pub fn summary_text_in(&self, lang: Lang) -> String {
        use std::fmt::Write as _;
        let tr = |key: &str, args: &[(&str, Arg)]| i18n::tr_args(lang, key, args);
        let dec = |value: f64, digits: usize| i18n::decimal(lang, value, digits);
        let fault_name = |code: FaultCode| code.name_in(lang);
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{}",
            tr(
                "analyze-headline",
                &[
                    ("exercise", self.exercise.as_str().into()),
                    ("reps", self.reps.into()),
                    ("partial", self.partial_reps.into()),
                    ("sets", self.sets_completed.into()),
                ],
            )
        );
        if self.reps_by_side.left + self.reps_by_side.right > 0 {
            let by_side = tr(
                "analyze-by-side",
                &[
                    ("left", self.reps_by_side.left.into()),
                    ("right", self.reps_by_side.right.into()),
                ],
            );
            let _ = writeln!(s, "  {by_side}");
        }
        let frames = tr(
            "analyze-frames",
            &[
                ("frames", (self.frames as f64).into()),
                ("with_person", (self.frames_with_person as f64).into()),
                ("secs", dec(self.duration_secs, 1).into()),
            ],
        );
        let _ = writeln!(s, "  {frames}");
        let (left, right) = (
            i18n::tr(lang, "analyze-left"),
            i18n::tr(lang, "analyze-right"),
        );
        let side_width = left.chars().count().max(right.chars().count());
        let (kept, not_kept) = (
            i18n::tr(lang, "analyze-rule-kept"),
            i18n::tr(lang, "analyze-rule-not-kept"),
        );
        for (i, rep) in self.rep_details.iter().enumerate() {
            // Padded to the longer side word so the columns line up.
            let side = match rep.side {
                Some(Side::Left) => format!(" {left:<side_width$}"),
                Some(Side::Right) => format!(" {right:<side_width$}"),
                None => String::new(),
            };
            let faults: Vec<String> = rep.faults.iter().map(|f| fault_name(*f)).collect();
            let faults = if faults.is_empty() {
                String::new()
            } else {
                format!("  [{}]", faults.join(", "))
            };
            let line = tr(
                "analyze-rep",
                &[
                    ("n", format!("{:>2}", rep.index).into()),
                    ("side", side.into()),
                    ("start", format!("{:>6}", dec(rep.start_secs, 1)).into()),
                    ("end", format!("{:>6}", dec(rep.end_secs, 1)).into()),
                    ("out", dec(rep.phase_secs[0], 1).into()),
                    ("back", dec(rep.phase_secs[1], 1).into()),
                    ("depth", dec(f64::from(rep.depth.to_degrees()), 0).into()),
                    ("faults", faults.into()),
                ],
            );
            let form = rep.form_score.map_or(String::new(), |score| {
                let score = tr(
                    "analyze-form",
                    &[("score", dec(f64::from(score), 0).into())],
                );
                format!("  {score}")
            });
            let _ = writeln!(s, "  {line}{form}");
            for m in rep.form.iter().filter(|m| m.broken) {
                let _ = writeln!(s, "           {}: {}", fault_name(m.fault), m.text);
            }
            for v in self.rep_guidance.get(i).into_iter().flatten() {
                let mark = if v.kept { &kept } else { &not_kept };
                let _ = writeln!(s, "           {mark} {}", v.guidance);
            }
        }
        if let Some(mean) = self.mean_form_score() {
            let line = tr(
                "analyze-form-mean",
                &[
                    ("mean", dec(mean, 0).into()),
                    ("reps", self.rep_details.len().into()),
                ],
            );
            let _ = writeln!(s, "  {line}");
        }
        let too_fast = self
            .rep_details
            .iter()
            .filter(|r| r.faults.contains(&FaultCode::TooFast))
            .count();
        if too_fast > 0 {
            let line = tr(
                "analyze-too-fast",
                &[("fast", too_fast.into()), ("reps", self.reps.into())],
            );
            let _ = writeln!(s, "  {line}");
        }
        if !self.several_people.is_empty() {
            let spans: Vec<String> = self
                .several_people
                .iter()
                .map(|span| format!("{}-{} s", dec(span.start_secs, 1), dec(span.end_secs, 1)))
                .collect();
            let line = tr(
                "analyze-several-people",
                &[
                    ("people", self.most_people.max(2).into()),
                    ("spans", spans.join(", ").into()),
                ],
            );
            let _ = writeln!(s, "  {line}");
        }
        if self.too_dark() {
            let line = tr(
                "analyze-too-dark",
                &[
                    ("dark", (self.too_dark_frames as f64).into()),
                    ("frames", (self.frames as f64).into()),
                ],
            );
            let _ = writeln!(s, "  {line}");
        }
        if let Some(w) = &self.warning {
            let _ = writeln!(
                s,
                "  {}",
                tr("analyze-warning", &[("warning", w.as_str().into())])
            );
        }
        let codes = self.fault_codes();
        if codes.is_empty() {
            let _ = writeln!(s, "  {}", i18n::tr(lang, "analyze-no-faults"));
        } else {
            let list: Vec<String> = codes
                .iter()
                .map(|c| {
                    let n = self.faults.iter().filter(|f| f.code == *c).count();
                    format!("{} ×{n}", fault_name(*c))
                })
                .collect();
            let _ = writeln!(
                s,
                "  {}",
                tr("analyze-faults", &[("list", list.join(", ").into())])
            );
        }
        if !self.cues.is_empty() {
            let _ = writeln!(s, "  {}", i18n::tr(lang, "analyze-cues"));
            for cue in &self.cues {
                let _ = writeln!(s, "    {:>6} s  {}", dec(cue.t_secs, 1), cue.text);
            }
        }
        s
    }
}

/// Builds an [`AnalysisReport`] frame by frame.
#[derive(Clone, Debug)]
pub struct ReportBuilder {
    tracker: ExerciseTracker,
    report: AnalysisReport,
    first_t: Option<f64>,
    last_t: f64,
    last_cue: Option<(f64, String)>,
    /// Whether the last frame was in a several-people span.
    in_several: bool,
}

impl ReportBuilder {
    /// A builder for `exercise` with default tracker settings.
    pub fn new(exercise: &Exercise) -> ReportBuilder {
        ReportBuilder::with_config(exercise, TrackerConfig::default())
    }

    /// A builder with explicit tracker settings.
    pub fn with_config(exercise: &Exercise, config: TrackerConfig) -> ReportBuilder {
        ReportBuilder {
            tracker: ExerciseTracker::new(exercise, config),
            report: AnalysisReport {
                exercise: exercise.id.clone(),
                reps: 0,
                partial_reps: 0,
                sets_completed: 0,
                reps_by_side: RepsBySide::default(),
                rep_details: Vec::new(),
                rep_guidance: Vec::new(),
                faults: Vec::new(),
                cues: Vec::new(),
                frames: 0,
                frames_with_person: 0,
                duration_secs: 0.0,
                warning: None,
                several_people: Vec::new(),
                most_people: 0,
                too_dark_frames: 0,
            },
            in_several: false,
            first_t: None,
            last_t: 0.0,
            last_cue: None,
        }
    }

    /// Feeds one frame; returns the tracker's outcome for it.
    pub fn push(&mut self, frame: &PoseFrame) -> FrameOutcome {
        let outcome = self.tracker.update(frame);
        self.record(frame, &outcome);
        outcome
    }

    fn record(&mut self, frame: &PoseFrame, outcome: &FrameOutcome) {
        let r = &mut self.report;
        r.frames += 1;
        if frame.pose.is_some() {
            r.frames_with_person += 1;
        }
        if body_in_view(frame) == Err(ViewProblem::TooDark) {
            r.too_dark_frames += 1;
        }
        self.first_t.get_or_insert(frame.t_secs);
        self.last_t = frame.t_secs;
        match outcome.several_people {
            Some(n) => {
                let t = round_secs(frame.t_secs);
                r.most_people = r.most_people.max(n);
                match r.several_people.last_mut() {
                    Some(span) if self.in_several => span.end_secs = t,
                    _ => r.several_people.push(TimeSpan {
                        start_secs: t,
                        end_secs: t,
                    }),
                }
                self.in_several = true;
            }
            None => self.in_several = false,
        }
        self.record_events(&outcome.events);
        if let Some(cue) = &outcome.cue {
            let key = (cue.shown_at_secs, cue.text.clone());
            if self.last_cue.as_ref() != Some(&key) {
                self.report.cues.push(CueEntry {
                    t_secs: round_secs(cue.shown_at_secs),
                    text: cue.text.clone(),
                });
                self.last_cue = Some(key);
            }
        }
        self.record_counts();
    }

    fn record_counts(&mut self) {
        let counts = self.tracker.counts();
        let r = &mut self.report;
        r.reps = counts.total;
        r.partial_reps = counts.partial;
        r.sets_completed = counts.sets_completed;
        r.reps_by_side = RepsBySide {
            left: counts.left,
            right: counts.right,
        };
    }

    fn record_events(&mut self, events: &[ExerciseEvent]) {
        let r = &mut self.report;
        for event in events {
            match event {
                ExerciseEvent::RepCompleted(rep) => {
                    let verdicts = self
                        .tracker
                        .exercise()
                        .guidance_verdicts_in(&rep.faults, self.tracker.lang());
                    if !verdicts.is_empty() {
                        r.rep_guidance.push(verdicts);
                    }
                    r.rep_details.push(RepRecord {
                        start_secs: round_secs(rep.start_secs),
                        end_secs: round_secs(rep.end_secs),
                        duration_secs: round_secs(rep.duration_secs),
                        phase_secs: rep.phase_secs.map(round_secs),
                        depth: (rep.depth * 1e4).round() / 1e4,
                        ..rep.clone()
                    })
                }
                ExerciseEvent::FaultStarted { code, t_secs, .. } => r.faults.push(FaultEntry {
                    t_secs: round_secs(*t_secs),
                    code: *code,
                }),
                ExerciseEvent::PartialRep { .. }
                | ExerciseEvent::SetCompleted { .. }
                | ExerciseEvent::FaultEnded { .. } => {}
            }
        }
    }

    /// The report so far.
    pub fn report(&self) -> &AnalysisReport {
        &self.report
    }

    /// Finishes and returns the report (closing a rep the recording ends in, see
    /// [`ExerciseTracker::finish`]).
    pub fn finish(mut self) -> AnalysisReport {
        let events = self.tracker.finish();
        self.record_events(&events);
        self.record_counts();
        self.report.duration_secs =
            round_secs(self.first_t.map_or(0.0, |first| self.last_t - first));
        self.report
    }
}

/// Seconds rounded to 0.1 ms, so the JSON is readable and parses back exactly.
fn round_secs(secs: f64) -> f64 {
    (secs * 1e4).round() / 1e4
}

/// Runs a whole sequence of frames through a fresh tracker.
pub fn analyze_frames<I>(exercise: &Exercise, frames: I) -> AnalysisReport
where
    I: IntoIterator<Item = PoseFrame>,
{
    let mut builder = ReportBuilder::new(exercise);
    for frame in frames {
        builder.push(&frame);
    }
    builder.finish()
}

/// A pipeline sink that builds the report.
#[derive(Debug)]
pub struct ReportSink {
    builder: Option<ReportBuilder>,
    done: Option<AnalysisReport>,
}

impl ReportSink {
    /// A sink for `exercise`.
    pub fn new(exercise: &Exercise) -> ReportSink {
        ReportSink::with_config(exercise, TrackerConfig::default())
    }

    /// A sink for `exercise` with explicit tracker settings (e.g. the cues' language).
    pub fn with_config(exercise: &Exercise, config: TrackerConfig) -> ReportSink {
        ReportSink {
            builder: Some(ReportBuilder::with_config(exercise, config)),
            done: None,
        }
    }

    /// The finished report (after the pipeline called `finish`), or the report so far.
    pub fn into_report(self) -> Option<AnalysisReport> {
        self.done
            .or_else(|| self.builder.map(ReportBuilder::finish))
    }
}

impl Sink for ReportSink {
    fn on_item(&mut self, item: &StreamItem) -> Result<(), PipelineError> {
        if let Some(builder) = self.builder.as_mut() {
            builder.push(&item.pose_frame);
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), PipelineError> {
        if let Some(builder) = self.builder.take() {
            self.done = Some(builder.finish());
        }
        Ok(())
    }
}

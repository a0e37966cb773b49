//! The analysis report (`backcoach analyze --json`), built as a sink over a pose stream.
//!
//! Contract: [`ReportBuilder`] runs an [`ExerciseTracker`] over frames in time order (no
//! stance gate: a recording is judged as it is) and collects reps, faults and cues into an
//! [`AnalysisReport`], which serialises to the JSON document and parses back.

use serde::{Deserialize, Serialize};

use crate::exercise::{
    Exercise, ExerciseEvent, ExerciseTracker, FaultCode, FrameOutcome, GuidanceVerdict, RepRecord,
    Side, TrackerConfig,
};
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
}

impl AnalysisReport {
    /// The distinct fault codes that occurred, sorted.
    pub fn fault_codes(&self) -> Vec<FaultCode> {
        let mut codes: Vec<FaultCode> = self.faults.iter().map(|f| f.code).collect();
        codes.sort();
        codes.dedup();
        codes
    }

    /// A readable summary for people.
    pub fn summary_text(&self) -> String {
        use std::fmt::Write as _;
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{}: {} reps ({} partial), {} sets completed",
            self.exercise, self.reps, self.partial_reps, self.sets_completed
        );
        if self.reps_by_side.left + self.reps_by_side.right > 0 {
            let _ = writeln!(
                s,
                "  by side: left {}, right {}",
                self.reps_by_side.left, self.reps_by_side.right
            );
        }
        let _ = writeln!(
            s,
            "  {} frames, {} with a person, {:.1} s",
            self.frames, self.frames_with_person, self.duration_secs
        );
        for (i, rep) in self.rep_details.iter().enumerate() {
            let side = match rep.side {
                Some(Side::Left) => " left ",
                Some(Side::Right) => " right",
                None => "",
            };
            let faults: Vec<&str> = rep.faults.iter().map(|f| f.as_str()).collect();
            let _ = writeln!(
                s,
                "  rep {:>2}{side} {:6.1}-{:6.1} s  out {:.1} s, back {:.1} s, depth {:.0}°{}",
                rep.index,
                rep.start_secs,
                rep.end_secs,
                rep.phase_secs[0],
                rep.phase_secs[1],
                rep.depth.to_degrees(),
                if faults.is_empty() {
                    String::new()
                } else {
                    format!("  [{}]", faults.join(", "))
                }
            );
            for v in self.rep_guidance.get(i).into_iter().flatten() {
                let _ = writeln!(
                    s,
                    "           {} {}",
                    if v.kept { "kept:    " } else { "NOT kept:" },
                    v.guidance
                );
            }
        }
        let too_fast = self
            .rep_details
            .iter()
            .filter(|r| r.faults.contains(&FaultCode::TooFast))
            .count();
        if too_fast > 0 {
            let _ = writeln!(
                s,
                "  too fast: {too_fast} of {} reps (counted, flagged too_fast)",
                self.reps
            );
        }
        if let Some(w) = &self.warning {
            let _ = writeln!(s, "  warning: {w}");
        }
        let codes = self.fault_codes();
        if codes.is_empty() {
            let _ = writeln!(s, "  no faults");
        } else {
            let list: Vec<String> = codes
                .iter()
                .map(|c| {
                    let n = self.faults.iter().filter(|f| f.code == *c).count();
                    format!("{c} ×{n}")
                })
                .collect();
            let _ = writeln!(s, "  faults: {}", list.join(", "));
        }
        if !self.cues.is_empty() {
            let _ = writeln!(s, "  cues:");
            for cue in &self.cues {
                let _ = writeln!(s, "    {:6.1} s  {}", cue.t_secs, cue.text);
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
            },
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
        self.first_t.get_or_insert(frame.t_secs);
        self.last_t = frame.t_secs;
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
                    let verdicts = self.tracker.exercise().guidance_verdicts(&rep.faults);
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
        ReportSink {
            builder: Some(ReportBuilder::new(exercise)),
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

//! Work mode: the working day watched through the same pose pipeline as the exercises.
//!
//! Contract:
//! - A second state machine beside the exercise session, not a branch inside it: it is
//!   fed [`PoseFrame`]s in time order (from a camera at a low rate, a video or a pose
//!   track) and time comes only from their `t_secs`.
//! - [`PostureTracker`] turns poses into a posture state (sitting, standing, away) with
//!   dwell-time hysteresis; [`slouched`] says whether a seated person leans forward;
//!   [`WorkDay`] keeps the day (sitting bouts, break and slouch reminders, standing
//!   meetings, [`DayFigures`]); [`WorkMonitor`] joins them per frame; [`WorkSink`]
//!   collects a run into a [`WorkReport`] (the timeline of `backcoach work --json`).
//! - [`FrameGate`] decides which frames the pose model sees (1-2 frames/s while nothing
//!   changes, faster while a change is pending), so work mode can run all day.
//! - Only posture states and times leave this module: no picture is kept.
//! - [`DesktopNotifier`] shows reminders on the desktop or, where no notification service
//!   runs, logs them; it never fails.

mod day;
mod notify;
mod posture;
mod power;
mod slouch;
pub mod text;

use serde::{Deserialize, Serialize};

pub use day::{DayFigures, MAX_STEP_SECS, WorkDay, WorkEvent, WorkSettings, WorkView};
pub use notify::{
    ActionOutcome, Delivery, DesktopNotifier, Notification, NotificationLogLine, OPEN_ACTION,
};
pub use posture::{
    AWAY_DWELL_SECS, BOUNCE_MAX_SIT_SECS, FIRST_DECISION_SECS, FrameVote, PostureChange,
    PostureCue, PostureState, PostureTracker, PostureUpdate, SIT_STAND_DWELL_SECS,
};
pub use power::{
    FrameGate, GatedPoses, GatedStream, LOW_POWER_WIDTH_PX, LowPowerOptions, LowPowerSettings,
    LowPowerStream, open_low_power_stream,
};
pub use slouch::{SLOUCH_HEAD_FORWARD_RATIO, SLOUCH_TRUNK_FLEXION_RAD, slouched};

/// Named thresholds, for documentation and tests.
pub mod thresholds {
    pub use super::posture::{
        EDGE_MARGIN_FRACTION, HEAD_OUT_TOP_FRACTION, LEG_MIN_VISIBILITY, MIN_POSE_SCORE,
        REFERENCE_FOLLOW_SECS, REFERENCE_LEARN_SECS, SITTING_MAX_RISE, SITTING_MAX_THIGH_DROP,
        STANDING_MIN_RISE, STANDING_MIN_THIGH_DROP, UPPER_MIN_VISIBILITY,
    };
}

use crate::i18n::Lang;
use crate::pipeline::{PipelineError, Sink, StreamItem};
use crate::pose::PoseFrame;

/// Failures in work mode.
#[derive(Debug, thiserror::Error)]
pub enum WorkError {
    /// The settings make no sense (e.g. a sitting limit of zero).
    #[error("work mode setting `{field}`: {message}")]
    BadSetting {
        /// The setting.
        field: &'static str,
        /// Expected vs found.
        message: String,
    },
}

impl WorkSettings {
    /// Checks the settings' ranges.
    pub fn validate(&self) -> Result<(), WorkError> {
        let positive = [
            ("sitting_limit_secs", self.sitting_limit_secs),
            ("break_min_secs", self.break_min_secs),
            ("reminder_repeat_secs", self.reminder_repeat_secs),
            ("ignored_after_secs", self.ignored_after_secs),
            ("slouch_hold_secs", self.slouch_hold_secs),
            ("slouch_recover_secs", self.slouch_recover_secs),
        ];
        for (field, v) in positive {
            if !(v.is_finite() && v > 0.0) {
                return Err(WorkError::BadSetting {
                    field,
                    message: format!("expected a positive number of seconds, found {v}"),
                });
            }
        }
        Ok(())
    }
}

/// A stretch of one posture state.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    /// The state.
    pub state: PostureState,
    /// Seconds: start (when the evidence for it began).
    pub start_secs: f64,
    /// Seconds: end.
    pub end_secs: f64,
}

/// One frame's outcome in work mode.
#[derive(Clone, Debug, PartialEq)]
pub struct MonitorOutcome {
    /// The posture tracker's verdict.
    pub posture: PostureUpdate,
    /// Whether the person is slouched (`None`: not measurable).
    pub slouched: Option<bool>,
    /// What happened in the day.
    pub events: Vec<WorkEvent>,
}

/// Posture tracker + working day, fed frame by frame.
#[derive(Clone, Debug)]
pub struct WorkMonitor {
    /// The posture tracker.
    pub posture: PostureTracker,
    /// The working day.
    pub day: WorkDay,
    /// The first frame's time since the last start or pause (the first decision is dated
    /// from it, as the timeline's first segment is).
    first_t_secs: Option<f64>,
}

impl WorkMonitor {
    /// A monitor for a new day.
    pub fn new(settings: WorkSettings) -> WorkMonitor {
        WorkMonitor {
            posture: PostureTracker::new(),
            day: WorkDay::new(settings),
            first_t_secs: None,
        }
    }

    /// Feeds one frame.
    pub fn update(&mut self, frame: &PoseFrame) -> MonitorOutcome {
        let posture = self.posture.update(frame);
        let slouched = match posture.state {
            Some(PostureState::Sitting) => slouched(frame),
            _ => None,
        };
        let first = *self.first_t_secs.get_or_insert(frame.t_secs);
        let events = self.day.update(frame.t_secs, posture.state, slouched);
        if let Some(change) = posture.change {
            let since = if change.from.is_none() {
                first
            } else {
                change.since_secs
            };
            self.day
                .backdate(change.from, change.to, change.confirmed_secs - since);
        }
        MonitorOutcome {
            posture,
            slouched,
            events,
        }
    }

    /// Pauses (camera released): the posture is forgotten, nothing counted.
    pub fn pause(&mut self) {
        self.posture.reset();
        self.first_t_secs = None;
        self.day.pause();
    }

    /// Resumes after a pause.
    pub fn resume(&mut self) {
        self.day.resume_counting();
    }
}

/// The notification for an event, if it deserves one, in `lang`.
pub fn notification_for(event: &WorkEvent, lang: Lang) -> Option<Notification> {
    match event {
        WorkEvent::BreakReminder {
            t_secs,
            sitting_secs,
        } => Some(Notification {
            t_secs: *t_secs,
            kind: "break_reminder".into(),
            title: text::break_title(lang),
            body: text::break_body(lang, *sitting_secs),
        }),
        WorkEvent::SlouchReminder { t_secs } => Some(Notification {
            t_secs: *t_secs,
            kind: "slouch_reminder".into(),
            title: text::slouch_title(lang),
            body: text::slouch_body(lang),
        }),
        _ => None,
    }
}

/// A whole run in work mode: the `backcoach work --json` document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WorkReport {
    /// The posture timeline.
    pub segments: Vec<Segment>,
    /// The day's figures.
    pub figures: DayFigures,
    /// Reminders and breaks, in order.
    pub events: Vec<WorkEvent>,
    /// Frames seen by the classifier.
    pub frames: u64,
    /// Seconds: first and last frame time.
    pub span_secs: [f64; 2],
    /// Every frame's vote, when asked for (`--trace`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trace: Vec<TraceLine>,
}

/// One frame of the trace.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TraceLine {
    /// Seconds.
    pub t_secs: f64,
    /// The frame's evidence.
    pub vote: FrameVote,
    /// The confirmed state after it.
    pub state: Option<PostureState>,
    /// Slouched, when measurable.
    pub slouched: Option<bool>,
}

impl WorkReport {
    /// Seconds in `state` over the timeline.
    pub fn secs_in(&self, state: PostureState) -> f64 {
        self.segments
            .iter()
            .filter(|s| s.state == state)
            .map(|s| s.end_secs - s.start_secs)
            .sum()
    }

    /// The state at `t_secs` on the timeline.
    pub fn state_at(&self, t_secs: f64) -> Option<PostureState> {
        self.segments
            .iter()
            .find(|s| s.start_secs <= t_secs && t_secs < s.end_secs)
            .map(|s| s.state)
    }

    /// A short human-readable text.
    pub fn summary_text(&self) -> String {
        let f = &self.figures;
        let mut out = String::new();
        for s in &self.segments {
            out.push_str(&format!(
                "{:>8.1} - {:>8.1} s  {}\n",
                s.start_secs,
                s.end_secs,
                s.state.as_str()
            ));
        }
        out.push_str(&format!(
            "sitting {:.0} s (longest bout {:.0} s), standing {:.0} s, away {:.0} s; \
             breaks {}, break reminders {} ({} ignored), slouch reminders {}\n",
            f.sitting_secs,
            f.longest_sitting_bout_secs,
            f.standing_secs,
            f.away_secs,
            f.breaks_taken,
            f.break_reminders,
            f.reminders_ignored,
            f.slouch_reminders
        ));
        out
    }
}

/// Collects a run into a [`WorkReport`] and hands reminders to a notifier.
pub struct WorkSink {
    monitor: WorkMonitor,
    report: WorkReport,
    open: Option<(PostureState, f64)>,
    last_t_secs: Option<f64>,
    notifier: Option<DesktopNotifier>,
    trace: bool,
    lang: Lang,
}

impl WorkSink {
    /// Notifications in this language (default English).
    pub fn with_lang(mut self, lang: Lang) -> WorkSink {
        self.lang = lang;
        self
    }

    /// Keeps every frame's vote in the report.
    pub fn with_trace(mut self) -> WorkSink {
        self.trace = true;
        self
    }

    /// A sink with these settings; `notifier` receives the reminders.
    pub fn new(settings: WorkSettings, notifier: Option<DesktopNotifier>) -> WorkSink {
        WorkSink::resume(settings, DayFigures::default(), notifier)
    }

    /// A sink that continues a day from saved figures (after a restart).
    pub fn resume(
        settings: WorkSettings,
        figures: DayFigures,
        notifier: Option<DesktopNotifier>,
    ) -> WorkSink {
        WorkSink {
            monitor: WorkMonitor {
                posture: PostureTracker::new(),
                day: WorkDay::resume(settings, figures),
                first_t_secs: None,
            },
            report: WorkReport::default(),
            open: None,
            last_t_secs: None,
            notifier,
            trace: false,
            lang: Lang::En,
        }
    }

    /// Feeds one frame.
    pub fn push(&mut self, frame: &PoseFrame) -> MonitorOutcome {
        let t = frame.t_secs;
        if self.report.frames == 0 {
            self.report.span_secs = [t, t];
        }
        self.report.frames += 1;
        self.report.span_secs[1] = t;
        self.last_t_secs = Some(t);
        let out = self.monitor.update(frame);
        if self.trace {
            self.report.trace.push(TraceLine {
                t_secs: t,
                vote: out.posture.vote,
                state: out.posture.state,
                slouched: out.slouched,
            });
        }
        if let Some(change) = out.posture.change {
            if let Some((state, start)) = self.open.take() {
                self.report.segments.push(Segment {
                    state,
                    start_secs: start,
                    end_secs: change.since_secs,
                });
            }
            let start = if change.from.is_none() {
                self.report.span_secs[0]
            } else {
                change.since_secs
            };
            self.open = Some((change.to, start));
        }
        for ev in &out.events {
            if let (Some(n), Some(notifier)) = (notification_for(ev, self.lang), &self.notifier) {
                notifier.notify(&n);
            }
        }
        self.report.events.extend(out.events.iter().cloned());
        out
    }

    /// Closes the timeline and returns the report.
    pub fn into_report(mut self) -> WorkReport {
        self.close();
        self.report
    }

    fn close(&mut self) {
        if let (Some((state, start)), Some(t)) = (self.open.take(), self.last_t_secs) {
            self.report.segments.push(Segment {
                state,
                start_secs: start,
                end_secs: t,
            });
        }
        self.report.figures = self.monitor.day.figures().clone();
    }

    /// The monitor (for the live view).
    pub fn monitor(&self) -> &WorkMonitor {
        &self.monitor
    }
}

impl Sink for WorkSink {
    fn on_item(&mut self, item: &StreamItem) -> Result<(), PipelineError> {
        self.push(&item.pose_frame);
        Ok(())
    }
}

/// Runs frames through work mode (no notifications) and returns the report.
pub fn analyze_work(
    settings: WorkSettings,
    frames: impl IntoIterator<Item = PoseFrame>,
) -> WorkReport {
    let mut sink = WorkSink::new(settings, None);
    for f in frames {
        sink.push(&f);
    }
    sink.into_report()
}

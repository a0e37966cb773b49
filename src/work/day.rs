//! The working day: sitting bouts, break reminders, slouch reminders, standing meetings and
//! the day's figures, from posture states over time.
//!
//! Contract: [`WorkDay::update`] takes the confirmed posture (from
//! [`PostureTracker`](super::PostureTracker)) and whether the person is slouched, at
//! `t_secs` in time order, and returns what happened ([`WorkEvent`]s). Time between two
//! updates is counted in the state of the earlier one (at most [`MAX_STEP_SECS`]; a longer
//! gap is not counted). Only this type changes the day's state; the UI reads
//! [`WorkDay::view`] and calls the commands (pause, resume, meeting).
//!
//! Rules:
//! - A *sitting bout* is sitting time not interrupted by a break. A *break* is standing or
//!   away for at least [`WorkSettings::break_min_secs`]; a shorter stand (fetching a pen)
//!   pauses the bout's clock but does not end the bout.
//! - When a bout reaches [`WorkSettings::sitting_limit_secs`] a break reminder is sent, on
//!   the first update at or past the limit, never while standing or away; while the bout
//!   goes on, it is repeated every [`WorkSettings::reminder_repeat_secs`]. A reminder not
//!   followed by a break within [`WorkSettings::ignored_after_secs`] counts as ignored.
//! - A slouch episode is slouched sitting held without an upright spell of
//!   [`WorkSettings::slouch_recover_secs`]; after [`WorkSettings::slouch_hold_secs`] it gets
//!   one gentle reminder, and no more until the episode ends.
//! - Standing in a standing meeting is standing: it counts towards a break.

use serde::{Deserialize, Serialize};

use super::posture::PostureState;

/// Longest time between two updates that is counted (seconds); longer gaps (a suspended
/// laptop) are not counted in any state.
pub const MAX_STEP_SECS: f64 = 10.0;

/// The user's settings for the working day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WorkSettings {
    /// Seconds of continuous sitting before a break reminder. Default: 2700 (45 min).
    pub sitting_limit_secs: f64,
    /// Seconds standing or away that make a break. Default: 60.
    pub break_min_secs: f64,
    /// Seconds between repeated reminders while the bout goes on. Default: 900 (15 min).
    pub reminder_repeat_secs: f64,
    /// Seconds after a reminder without a break that make it ignored. Default: 600.
    pub ignored_after_secs: f64,
    /// Seconds of unbroken slouched sitting before the slouch reminder. Default: 180.
    pub slouch_hold_secs: f64,
    /// Seconds upright (or not sitting) that end a slouch episode. Default: 30.
    pub slouch_recover_secs: f64,
}

impl Default for WorkSettings {
    fn default() -> Self {
        WorkSettings {
            sitting_limit_secs: 45.0 * 60.0,
            break_min_secs: 60.0,
            reminder_repeat_secs: 15.0 * 60.0,
            ignored_after_secs: 10.0 * 60.0,
            slouch_hold_secs: 3.0 * 60.0,
            slouch_recover_secs: 30.0,
        }
    }
}

/// The day's figures (seconds and counts), as kept in the history.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DayFigures {
    /// Seconds sitting.
    pub sitting_secs: f64,
    /// Seconds standing (meetings included).
    pub standing_secs: f64,
    /// Seconds nobody was in view (while work mode ran).
    pub away_secs: f64,
    /// Seconds of the longest sitting bout.
    pub longest_sitting_bout_secs: f64,
    /// Breaks taken.
    pub breaks_taken: u32,
    /// Break reminders sent.
    pub break_reminders: u32,
    /// Break reminders not followed by a break in time.
    pub reminders_ignored: u32,
    /// Slouch reminders sent.
    pub slouch_reminders: u32,
    /// Seconds standing during standing meetings.
    pub standing_meeting_secs: f64,
}

/// Something that happened in the working day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum WorkEvent {
    /// Time to stand up.
    BreakReminder {
        /// Seconds.
        t_secs: f64,
        /// Seconds of the sitting bout so far.
        sitting_secs: f64,
    },
    /// A reminder passed without a break.
    ReminderIgnored {
        /// Seconds.
        t_secs: f64,
    },
    /// A break was taken (the bout ended).
    BreakTaken {
        /// Seconds (when the break became long enough).
        t_secs: f64,
        /// Seconds of the bout it ended.
        bout_secs: f64,
    },
    /// Vary your posture: a long slouch.
    SlouchReminder {
        /// Seconds.
        t_secs: f64,
    },
}

/// What the work screen shows.
#[derive(Clone, Debug, PartialEq)]
pub struct WorkView {
    /// The posture now (`None`: not decided yet, or paused).
    pub state: Option<PostureState>,
    /// Seconds of the current sitting bout.
    pub sitting_bout_secs: f64,
    /// The limit, seconds.
    pub sitting_limit_secs: f64,
    /// A break reminder is waiting for a break ("Time to stand up").
    pub break_due: bool,
    /// Seconds of the running standing meeting, if one runs.
    pub meeting_secs: Option<f64>,
    /// Work mode is paused (camera released).
    pub paused: bool,
    /// The day so far.
    pub figures: DayFigures,
}

#[derive(Clone, Debug, Default)]
struct SlouchEpisode {
    since_secs: Option<f64>,
    upright_secs: f64,
    reminded: bool,
}

/// The working day's state machine (see the module docs).
#[derive(Clone, Debug)]
pub struct WorkDay {
    settings: WorkSettings,
    figures: DayFigures,
    state: Option<PostureState>,
    last_t_secs: Option<f64>,
    paused: bool,
    bout_secs: f64,
    off_seat_secs: f64,
    last_reminder_secs: Option<f64>,
    pending_reminder_secs: Option<f64>,
    slouch: SlouchEpisode,
    meeting_since_secs: Option<f64>,
    meeting_secs: f64,
}

impl WorkDay {
    /// A new day with these settings.
    pub fn new(settings: WorkSettings) -> WorkDay {
        WorkDay::resume(settings, DayFigures::default())
    }

    /// Continues a day from saved figures (after a restart); the bout starts afresh.
    pub fn resume(settings: WorkSettings, figures: DayFigures) -> WorkDay {
        WorkDay {
            settings,
            figures,
            state: None,
            last_t_secs: None,
            paused: false,
            bout_secs: 0.0,
            off_seat_secs: 0.0,
            last_reminder_secs: None,
            pending_reminder_secs: None,
            slouch: SlouchEpisode::default(),
            meeting_since_secs: None,
            meeting_secs: 0.0,
        }
    }

    /// The settings.
    pub fn settings(&self) -> &WorkSettings {
        &self.settings
    }

    /// Changes the sitting limit (seconds, at least 60).
    pub fn set_sitting_limit_secs(&mut self, secs: f64) {
        self.settings.sitting_limit_secs = secs.max(60.0);
    }

    /// The day's figures so far.
    pub fn figures(&self) -> &DayFigures {
        &self.figures
    }

    /// Pauses: nothing is counted until [`WorkDay::resume_counting`].
    pub fn pause(&mut self) {
        self.paused = true;
        self.state = None;
        self.last_t_secs = None;
        self.slouch = SlouchEpisode::default();
    }

    /// Resumes after a pause (the gap is not counted).
    pub fn resume_counting(&mut self) {
        self.paused = false;
        self.last_t_secs = None;
    }

    /// Whether work mode is paused.
    pub fn is_paused(&self) -> bool {
        self.paused
    }

    /// Starts a standing meeting at `t_secs` (no effect if one runs).
    pub fn start_meeting(&mut self, t_secs: f64) {
        if self.meeting_since_secs.is_none() {
            self.meeting_since_secs = Some(t_secs);
            self.meeting_secs = 0.0;
        }
    }

    /// Ends the standing meeting.
    pub fn stop_meeting(&mut self) {
        self.meeting_since_secs = None;
    }

    /// A break taken outside the camera's view (the standing routine in an exercise
    /// session): the bout ends as after any break.
    pub fn record_break(&mut self) {
        if self.bout_secs > 0.0 {
            self.figures.breaks_taken += 1;
        }
        self.bout_secs = 0.0;
        self.last_reminder_secs = None;
        self.pending_reminder_secs = None;
        self.slouch = SlouchEpisode::default();
    }

    /// The screen's view.
    pub fn view(&self) -> WorkView {
        WorkView {
            state: self.state,
            sitting_bout_secs: self.bout_secs,
            sitting_limit_secs: self.settings.sitting_limit_secs,
            break_due: self.pending_reminder_secs.is_some()
                || (self.last_reminder_secs.is_some() && self.bout_secs > 0.0),
            meeting_secs: self.meeting_since_secs.map(|_| self.meeting_secs),
            paused: self.paused,
            figures: self.figures.clone(),
        }
    }

    /// Moves `secs` already counted in the state before a change into the state after
    /// it: the posture tracker confirms a change only after its dwell, but dates it from
    /// when the evidence began, and the day's figures must agree with that timeline (one
    /// source of truth for `work --json`'s segments and figures). `from`: `None` for the
    /// first decision (nothing was counted before it; the time is simply added).
    pub fn backdate(&mut self, from: Option<PostureState>, to: PostureState, secs: f64) {
        if self.paused || secs <= 0.0 {
            return;
        }
        let taken = match from {
            Some(state) => {
                let tally = self.tally(state);
                let t = secs.min(*tally);
                *tally -= t;
                if state == PostureState::Sitting {
                    self.bout_secs = (self.bout_secs - t).max(0.0);
                } else {
                    self.off_seat_secs = (self.off_seat_secs - t).max(0.0);
                }
                t
            }
            None => secs,
        };
        *self.tally(to) += taken;
        if to == PostureState::Sitting {
            self.bout_secs += taken;
            self.figures.longest_sitting_bout_secs =
                self.figures.longest_sitting_bout_secs.max(self.bout_secs);
        } else {
            self.off_seat_secs += taken;
        }
    }

    /// The day's seconds counted in `state` (anything not sitting or standing is away).
    fn tally(&mut self, state: PostureState) -> &mut f64 {
        match state {
            PostureState::Sitting => &mut self.figures.sitting_secs,
            PostureState::Standing => &mut self.figures.standing_secs,
            _ => &mut self.figures.away_secs,
        }
    }

    /// Feeds the posture at `t_secs` (`None`: not decided) and whether the person is
    /// slouched (`None`: not measurable now).
    pub fn update(
        &mut self,
        t_secs: f64,
        posture: Option<PostureState>,
        slouched: Option<bool>,
    ) -> Vec<WorkEvent> {
        let mut events = Vec::new();
        if self.paused {
            return events;
        }
        let dt = match self.last_t_secs {
            Some(last) if t_secs >= last && t_secs - last <= MAX_STEP_SECS => t_secs - last,
            _ => 0.0,
        };
        self.last_t_secs = Some(t_secs);
        let s = self.settings.clone();
        // Count the step in the state it was spent in.
        match self.state {
            Some(PostureState::Sitting) => {
                self.figures.sitting_secs += dt;
                self.bout_secs += dt;
                self.figures.longest_sitting_bout_secs =
                    self.figures.longest_sitting_bout_secs.max(self.bout_secs);
            }
            Some(off) => {
                if off == PostureState::Standing {
                    self.figures.standing_secs += dt;
                    if self.meeting_since_secs.is_some() {
                        self.meeting_secs += dt;
                        self.figures.standing_meeting_secs += dt;
                    }
                } else {
                    self.figures.away_secs += dt;
                }
                self.off_seat_secs += dt;
                if self.off_seat_secs >= s.break_min_secs && self.bout_secs > 0.0 {
                    events.push(WorkEvent::BreakTaken {
                        t_secs,
                        bout_secs: self.bout_secs,
                    });
                    self.figures.breaks_taken += 1;
                    self.bout_secs = 0.0;
                    self.last_reminder_secs = None;
                    self.pending_reminder_secs = None;
                }
            }
            None => {}
        }
        if posture != self.state && posture == Some(PostureState::Sitting) {
            self.off_seat_secs = 0.0;
        }
        self.state = posture;

        if let Some(at) = self.pending_reminder_secs
            && t_secs - at >= s.ignored_after_secs
        {
            self.pending_reminder_secs = None;
            self.figures.reminders_ignored += 1;
            events.push(WorkEvent::ReminderIgnored { t_secs });
        }
        if self.state == Some(PostureState::Sitting) {
            let due = match self.last_reminder_secs {
                None => self.bout_secs >= s.sitting_limit_secs,
                Some(at) => t_secs - at >= s.reminder_repeat_secs,
            };
            if due {
                if self.pending_reminder_secs.take().is_some() {
                    self.figures.reminders_ignored += 1;
                    events.push(WorkEvent::ReminderIgnored { t_secs });
                }
                self.last_reminder_secs = Some(t_secs);
                self.pending_reminder_secs = Some(t_secs);
                self.figures.break_reminders += 1;
                events.push(WorkEvent::BreakReminder {
                    t_secs,
                    sitting_secs: self.bout_secs,
                });
            }
        }
        self.update_slouch(t_secs, dt, slouched, &mut events);
        events
    }

    fn update_slouch(
        &mut self,
        t_secs: f64,
        dt: f64,
        slouched: Option<bool>,
        events: &mut Vec<WorkEvent>,
    ) {
        let s = &self.settings;
        let ep = &mut self.slouch;
        let sitting = self.state == Some(PostureState::Sitting);
        match (sitting, slouched) {
            (true, Some(true)) => {
                ep.upright_secs = 0.0;
                let since = *ep.since_secs.get_or_insert(t_secs);
                if !ep.reminded && t_secs - since >= s.slouch_hold_secs {
                    ep.reminded = true;
                    self.figures.slouch_reminders += 1;
                    events.push(WorkEvent::SlouchReminder { t_secs });
                }
            }
            (true, None) => {}
            (true, Some(false)) | (false, _) => {
                if ep.since_secs.is_some() {
                    ep.upright_secs += dt;
                    if ep.upright_secs >= s.slouch_recover_secs {
                        *ep = SlouchEpisode::default();
                    }
                }
            }
        }
    }
}

//! Feedback: active faults and exercise events → one clear cue at a time.
//!
//! Contract:
//! - A lasting fault becomes a cue only after it has been active for
//!   [`FeedbackConfig::persist_secs`]; one-off faults (`too_fast`, `partial_rep`) are cued
//!   at once when they happen.
//! - Priority: safety > visibility > stance > form > tempo > praise ([`CuePriority`]).
//! - A cue stays at least [`FeedbackConfig::hold_secs`] (readable, no flicker); only a
//!   strictly more urgent cue may replace it sooner.
//! - After a rep with no faults, a short positive cue when nothing else needs saying.
//! - Time is an input (`t_secs`); the UI only shows [`Cue::text`].

use serde::{Deserialize, Serialize};

use crate::exercise::{ExerciseEvent, FaultCode};

/// How urgent a cue is; earlier variants are more urgent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CuePriority {
    /// Protect the back (rounding, twisting).
    Safety,
    /// The coach cannot see the body.
    Visibility,
    /// The neutral stance.
    Stance,
    /// Movement form.
    Form,
    /// Tempo.
    Tempo,
    /// Encouragement.
    Praise,
}

/// The text shown after a clean rep.
pub const PRAISE_TEXT: &str = "Good rep";

/// Timing of cues, seconds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FeedbackConfig {
    /// Seconds a lasting fault must be active before it is cued. Default: 0.5.
    pub persist_secs: f64,
    /// Seconds a cue stays at least. Default: 2.0.
    pub hold_secs: f64,
    /// Seconds the praise after a clean rep is shown. Default: 1.5.
    pub praise_secs: f64,
}

impl Default for FeedbackConfig {
    fn default() -> Self {
        FeedbackConfig {
            persist_secs: 0.5,
            hold_secs: 2.0,
            praise_secs: 1.5,
        }
    }
}

/// A fault that is active now.
#[derive(Clone, Debug, PartialEq)]
pub struct ActiveFault {
    /// Which fault.
    pub code: FaultCode,
    /// When it became active (seconds).
    pub since_secs: f64,
    /// The cue text (the exercise rule's, or the fault's standard cue).
    pub cue: String,
}

/// The cue to show.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cue {
    /// What to show or say.
    pub text: String,
    /// Its priority class.
    pub priority: CuePriority,
    /// The fault it is about (`None` for praise).
    pub fault: Option<FaultCode>,
    /// When it was first shown (seconds).
    pub shown_at_secs: f64,
}

#[derive(Clone, Debug)]
struct Candidate {
    text: String,
    priority: CuePriority,
    fault: Option<FaultCode>,
}

/// Picks one cue at a time.
#[derive(Clone, Debug, Default)]
pub struct Feedback {
    config: FeedbackConfig,
    current: Option<Cue>,
    /// One-off faults: (code, text, until_secs).
    recent: Vec<(FaultCode, String, f64)>,
    praise_until: Option<f64>,
    /// The praise after a clean rep, in the coach's language.
    praise_text: String,
    /// Whether every clean rep is praised by itself (otherwise the caller decides, with
    /// [`Feedback::praise`]).
    no_auto_praise: bool,
    /// Praise text given by [`Feedback::praise`], shown until `praise_until`.
    praise_override: Option<String>,
}

impl Feedback {
    /// A feedback picker with the given timing.
    pub fn new(config: FeedbackConfig) -> Feedback {
        Feedback {
            config,
            praise_text: PRAISE_TEXT.to_owned(),
            ..Feedback::default()
        }
    }

    /// Uses `text` as the praise after a clean rep (the coach's language).
    pub fn with_praise(mut self, text: String) -> Feedback {
        self.praise_text = text;
        self
    }

    /// Whether a clean rep is praised by itself (default: true). Off when the caller picks
    /// the moments ([`Feedback::praise`]).
    pub fn with_auto_praise(mut self, on: bool) -> Feedback {
        self.no_auto_praise = !on;
        self
    }

    /// Says a one-off cue about `code` now (shown for at least `secs`, like `too_fast`).
    pub fn say(&mut self, t_secs: f64, code: FaultCode, text: String, secs: f64) {
        self.recent.retain(|(c, _, _)| *c != code);
        self.recent
            .push((code, text, t_secs + secs.max(self.config.hold_secs)));
    }

    /// Praises now with `text` (for [`FeedbackConfig::praise_secs`], when nothing more
    /// urgent needs saying).
    pub fn praise(&mut self, t_secs: f64, text: String) {
        self.praise_until = Some(t_secs + self.config.praise_secs);
        self.praise_override = Some(text);
    }

    /// The cue being shown.
    pub fn current(&self) -> Option<&Cue> {
        self.current.as_ref()
    }

    /// Feeds one frame's active faults and events; returns the cue to show now.
    pub fn update(
        &mut self,
        t_secs: f64,
        active: &[ActiveFault],
        events: &[ExerciseEvent],
    ) -> Option<Cue> {
        for event in events {
            match event {
                ExerciseEvent::FaultStarted { code, cue, .. }
                    if matches!(code, FaultCode::TooFast | FaultCode::PartialRep) =>
                {
                    self.recent.retain(|(c, _, _)| c != code);
                    self.recent
                        .push((*code, cue.clone(), t_secs + self.config.hold_secs));
                }
                ExerciseEvent::RepCompleted(rep)
                    if rep.faults.is_empty() && !self.no_auto_praise =>
                {
                    self.praise_until = Some(t_secs + self.config.praise_secs);
                }
                _ => {}
            }
        }
        self.recent.retain(|(_, _, until)| *until > t_secs);
        if self.praise_until.is_some_and(|until| until <= t_secs) {
            self.praise_until = None;
            self.praise_override = None;
        }

        let mut candidates: Vec<Candidate> = active
            .iter()
            .filter(|f| t_secs - f.since_secs >= self.config.persist_secs)
            .map(|f| Candidate {
                text: f.cue.clone(),
                priority: f.code.priority(),
                fault: Some(f.code),
            })
            .chain(self.recent.iter().map(|(code, text, _)| Candidate {
                text: text.clone(),
                priority: code.priority(),
                fault: Some(*code),
            }))
            .collect();
        if candidates.is_empty() && self.praise_until.is_some() {
            candidates.push(Candidate {
                text: self
                    .praise_override
                    .clone()
                    .unwrap_or_else(|| self.praise_text.clone()),
                priority: CuePriority::Praise,
                fault: None,
            });
        }
        // Most urgent first; ties keep the order given (active faults first).
        candidates.sort_by_key(|c| c.priority);
        let best = candidates.first();

        let keep_current = match (&self.current, best) {
            (None, _) => false,
            (Some(cur), best) => {
                let held = t_secs - cur.shown_at_secs < self.config.hold_secs;
                let still_wanted = candidates
                    .iter()
                    .any(|c| c.fault == cur.fault && c.text == cur.text);
                match best {
                    Some(b) if b.priority < cur.priority => false,
                    _ if held => true,
                    Some(b) => still_wanted && b.priority == cur.priority,
                    None => false,
                }
            }
        };
        if !keep_current {
            self.current = best.map(|b| Cue {
                text: b.text.clone(),
                priority: b.priority,
                fault: b.fault,
                shown_at_secs: t_secs,
            });
        }
        self.current.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fault(code: FaultCode, since: f64) -> ActiveFault {
        ActiveFault {
            code,
            since_secs: since,
            cue: code.default_cue().to_owned(),
        }
    }

    #[test]
    fn waits_for_persistence_then_holds() {
        let mut fb = Feedback::new(FeedbackConfig::default());
        let head = [fault(FaultCode::HeadForward, 0.0)];
        assert_eq!(fb.update(0.2, &head, &[]), None);
        let cue = fb.update(0.6, &head, &[]).expect("cue");
        assert_eq!(cue.text, "Pull your chin in");
        // The fault clears, but the cue is held long enough to read.
        assert!(fb.update(1.0, &[], &[]).is_some());
        assert!(fb.update(2.7, &[], &[]).is_none());
    }

    #[test]
    fn more_urgent_cue_preempts_less_urgent_waits() {
        let mut fb = Feedback::new(FeedbackConfig::default());
        let stance = fault(FaultCode::FeetNotParallel, 0.0);
        let safety = fault(FaultCode::LeaningForward, 1.0);
        assert_eq!(
            fb.update(1.0, std::slice::from_ref(&stance), &[])
                .map(|c| c.fault),
            Some(Some(FaultCode::FeetNotParallel))
        );
        let both = [stance.clone(), safety];
        assert_eq!(
            fb.update(1.6, &both, &[]).map(|c| c.fault),
            Some(Some(FaultCode::LeaningForward))
        );
        // A tempo fault does not push the safety cue away.
        let tempo = fault(FaultCode::TooFast, 0.0);
        assert_eq!(
            fb.update(2.0, &[tempo], &[]).map(|c| c.fault),
            Some(Some(FaultCode::LeaningForward))
        );
    }
}

//! What the coach says and when: session events → utterances, through a priority queue
//! that speaks one at a time and drops what has gone stale.
//!
//! Contract:
//! - [`VoicePlanner::update`] takes the session's new events and the time; it returns the
//!   [`SpeechAction`]s to carry out now (speak, or stop at once). Time is an input; the
//!   planner never reads a clock and never touches a speech engine, so a scripted session
//!   gives the same utterances every run.
//! - One voice at a time: an utterance starts only when the previous one has had time to
//!   be said (estimated from its length and the speech rate). The pain advice interrupts
//!   everything, stops speech at once and clears the queue; a count interrupts anything
//!   else (the screen keeps showing a cut cue).
//! - Nothing is said late: each utterance has a deadline (a count is stale once the next
//!   rep is counted or after [`COUNT_STALE_SECS`], e.g. when the app stalled; a tempo call
//!   after [`TEMPO_STALE_SECS`]); a stale one is dropped, not said.
//! - The same cue is not said twice within [`CUE_REPEAT_SECS`]; a gate instruction not
//!   twice within [`GATE_REPEAT_SECS`]; praise is not spoken (the count already says it).
//! - Muted (the setting is off) says nothing and stops what is being said.

use serde::{Deserialize, Serialize};

use crate::i18n::{self, Arg, Lang};
use crate::session::{EventKind, SessionEvent};

/// Seconds after which an unsaid count is dropped.
pub const COUNT_STALE_SECS: f64 = 2.0;
/// Seconds after which an unsaid tempo call is dropped.
pub const TEMPO_STALE_SECS: f64 = 0.4;
/// Seconds after which an unsaid cue is dropped (the screen's cue hold time).
pub const CUE_STALE_SECS: f64 = 2.0;
/// Seconds the same cue is not repeated.
pub const CUE_REPEAT_SECS: f64 = 8.0;
/// Seconds the same gate instruction is not repeated.
pub const GATE_REPEAT_SECS: f64 = 10.0;
/// Seconds a gate instruction must stay before it is said (the gate's own flicker).
pub const GATE_SETTLE_SECS: f64 = 1.0;
/// The beat of a tempo call: "bend ... two" says "two" this long after the phase began.
pub const TEMPO_BEAT_SECS: f64 = 1.0;
/// Seconds before the end of a rest at which the countdown speaks.
pub const REST_CALL_SECS: f64 = 10.0;
/// Estimated speaking time per character at the normal rate, seconds (espeak-ng speaks
/// about 15 characters per second at 175 words per minute).
pub const SECS_PER_CHAR: f64 = 0.068;

/// A count cuts into anything but the pain advice and another count: a count said late
/// is a wrong count, and the cut cue stays on the screen.
fn count_may_interrupt(speaking: UtteranceKind) -> bool {
    !matches!(speaking, UtteranceKind::Pain | UtteranceKind::Count)
}

/// What an utterance is, for the log and for priorities.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UtteranceKind {
    /// The pain advice (interrupts everything).
    Pain,
    /// A rep count ("three", "last one").
    Count,
    /// A form cue ("slow down").
    Cue,
    /// The stance gate's instruction.
    Gate,
    /// Set and exercise announcements, the rest countdown.
    Rest,
    /// The end of the session.
    Summary,
    /// A tempo call ("bend", "two").
    Tempo,
}

impl UtteranceKind {
    /// Lower is more urgent.
    fn rank(self) -> u8 {
        match self {
            UtteranceKind::Pain => 0,
            UtteranceKind::Count => 1,
            UtteranceKind::Cue | UtteranceKind::Gate => 2,
            UtteranceKind::Tempo => 3,
            UtteranceKind::Rest | UtteranceKind::Summary => 4,
        }
    }
}

/// Something to say.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Utterance {
    /// App time when it starts being said (set when spoken), seconds.
    pub t_secs: f64,
    /// App time of the event it answers, seconds.
    pub event_t_secs: f64,
    /// Its language.
    pub lang: Lang,
    /// What it is.
    pub kind: UtteranceKind,
    /// The words.
    pub text: String,
    /// Not said after this app time, seconds.
    #[serde(skip)]
    pub deadline_secs: f64,
}

/// What the speech engine should do now.
#[derive(Clone, Debug, PartialEq)]
pub enum SpeechAction {
    /// Stop speaking at once.
    Stop,
    /// Say this (after stopping anything else when `interrupt`).
    Speak {
        /// The utterance.
        utterance: Utterance,
        /// Stop what is being said first.
        interrupt: bool,
    },
}

/// The voice settings the planner follows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct VoiceOptions {
    /// The voice is on.
    pub enabled: bool,
    /// Tempo calls are on.
    pub tempo_calls: bool,
    /// Speech rate, 1 = normal.
    pub rate: f64,
    /// The language.
    pub lang: Lang,
}

/// Session events → spoken words, one at a time.
#[derive(Clone, Debug, Default)]
pub struct VoicePlanner {
    queue: Vec<Utterance>,
    busy_until_secs: f64,
    /// What is being said now (until `busy_until_secs`).
    speaking: Option<UtteranceKind>,
    last_cue: Option<(String, f64)>,
    last_gate: Option<(String, f64)>,
    /// A gate instruction waiting to settle: (text, since).
    gate_pending: Option<(String, f64)>,
    /// A second tempo call due: (at, phase name).
    tempo_due: Option<(f64, String)>,
    /// The rest countdown: (app time to speak, text).
    rest_due: Option<(f64, String)>,
    enabled: bool,
}

impl VoicePlanner {
    /// A planner with nothing to say (voice on).
    pub fn new() -> VoicePlanner {
        VoicePlanner {
            enabled: true,
            ..VoicePlanner::default()
        }
    }

    /// Utterances waiting (for tests and the debug overlay).
    pub fn queued(&self) -> &[Utterance] {
        &self.queue
    }

    /// Feeds the session's new events at app time `t_secs`; returns what to do now.
    pub fn update(
        &mut self,
        t_secs: f64,
        events: &[SessionEvent],
        options: &VoiceOptions,
    ) -> Vec<SpeechAction> {
        let mut actions = Vec::new();
        if !options.enabled {
            if self.enabled {
                actions.push(SpeechAction::Stop);
            }
            self.enabled = false;
            self.queue.clear();
            self.tempo_due = None;
            self.rest_due = None;
            self.gate_pending = None;
            self.busy_until_secs = t_secs;
            return actions;
        }
        if !self.enabled {
            // Unmuted: say so, so the user 3 m away knows the M key worked.
            let text = i18n::tr(options.lang, "voice-unmuted");
            self.push(t_secs, UtteranceKind::Rest, text, 3.0, options.lang);
        }
        self.enabled = true;
        for event in events {
            if let Some(action) = self.on_event(event, options) {
                actions.push(action);
            }
        }
        self.timed(t_secs, options);
        self.queue.retain(|u| u.deadline_secs >= t_secs);
        let free = t_secs >= self.busy_until_secs;
        let cut_in = !free
            && self.queue.iter().any(|u| u.kind == UtteranceKind::Count)
            && self.speaking.is_some_and(count_may_interrupt);
        if free || cut_in {
            if cut_in {
                // Move the count to the front: it interrupts.
                self.queue.sort_by_key(|u| u.kind != UtteranceKind::Count);
            }
            if let Some(next) = self.pop_next() {
                actions.push(self.speak(next, t_secs, options, cut_in));
            }
        }
        actions
    }

    fn speak(
        &mut self,
        mut utterance: Utterance,
        t_secs: f64,
        options: &VoiceOptions,
        interrupt: bool,
    ) -> SpeechAction {
        utterance.t_secs = t_secs;
        self.speaking = Some(utterance.kind);
        let chars = utterance.text.chars().count() as f64;
        self.busy_until_secs = t_secs + 0.15 + chars * SECS_PER_CHAR / options.rate.max(0.25);
        SpeechAction::Speak {
            utterance,
            interrupt,
        }
    }

    fn pop_next(&mut self) -> Option<Utterance> {
        if self
            .queue
            .first()
            .is_some_and(|u| u.kind == UtteranceKind::Count)
        {
            return Some(self.queue.remove(0));
        }
        let best = self
            .queue
            .iter()
            .enumerate()
            .min_by(|(ia, a), (ib, b)| a.kind.rank().cmp(&b.kind.rank()).then(ia.cmp(ib)))
            .map(|(i, _)| i)?;
        Some(self.queue.remove(best))
    }

    fn push(&mut self, t: f64, kind: UtteranceKind, text: String, stale_secs: f64, lang: Lang) {
        if text.trim().is_empty() {
            return;
        }
        self.queue.push(Utterance {
            t_secs: t,
            event_t_secs: t,
            lang,
            kind,
            text,
            deadline_secs: t + stale_secs,
        });
    }

    fn on_event(&mut self, event: &SessionEvent, o: &VoiceOptions) -> Option<SpeechAction> {
        let t = event.t_secs;
        let lang = o.lang;
        let tr = |key: &str, args: &[(&str, Arg)]| i18n::tr_args(lang, key, args);
        match &event.kind {
            EventKind::PainStopped { physician_advice } => {
                self.queue.clear();
                self.tempo_due = None;
                self.rest_due = None;
                self.gate_pending = None;
                let mut text = i18n::tr(lang, "pain-advice");
                if *physician_advice {
                    text = format!("{text} {}", i18n::tr(lang, "physician-advice"));
                }
                let utterance = Utterance {
                    t_secs: t,
                    event_t_secs: t,
                    lang,
                    kind: UtteranceKind::Pain,
                    text,
                    deadline_secs: t + 60.0,
                };
                return Some(self.speak(utterance, t, o, true));
            }
            EventKind::SetAnnounced { name, set, sets } => {
                self.rest_due = None;
                let text = tr(
                    "voice-start-exercise",
                    &[
                        ("name", name.as_str().into()),
                        ("set", (*set).into()),
                        ("sets", (*sets).into()),
                    ],
                );
                self.push(t, UtteranceKind::Rest, text, 6.0, lang);
            }
            EventKind::SetStarted { .. } => {
                self.gate_pending = None;
                self.queue.retain(|u| u.kind != UtteranceKind::Gate);
            }
            EventKind::Gate { instruction } => {
                self.gate_pending = Some((instruction.clone(), t));
            }
            EventKind::SeveralPeople { people } => {
                // Said once per pause; a pending cue or tempo call is moot now.
                self.queue
                    .retain(|u| !matches!(u.kind, UtteranceKind::Tempo | UtteranceKind::Cue));
                self.tempo_due = None;
                let text = tr("several-people", &[("people", (*people).into())]);
                self.push(t, UtteranceKind::Gate, text, CUE_STALE_SECS, lang);
            }
            EventKind::Rep { number, target, .. } => {
                // A newer count makes an unsaid older one stale, and the tempo call of
                // the rep that just ended is moot.
                self.queue
                    .retain(|u| !matches!(u.kind, UtteranceKind::Count | UtteranceKind::Tempo));
                self.tempo_due = None;
                let mut text = tr("voice-count", &[("n", (*number).into())]);
                if *target > 1 && number + 1 == *target {
                    text = format!("{text}. {}", i18n::tr(lang, "voice-last-one"));
                }
                self.push(t, UtteranceKind::Count, text, COUNT_STALE_SECS, lang);
            }
            EventKind::Cue { text, praise } => {
                let repeated = self
                    .last_cue
                    .as_ref()
                    .is_some_and(|(c, at)| c == text && t - at < CUE_REPEAT_SECS);
                if !praise && !repeated {
                    self.queue.retain(|u| u.kind != UtteranceKind::Cue);
                    self.last_cue = Some((text.clone(), t));
                    self.push(t, UtteranceKind::Cue, text.clone(), CUE_STALE_SECS, lang);
                }
            }
            EventKind::Phase {
                name,
                min_secs,
                calls,
            } => {
                self.queue.retain(|u| u.kind != UtteranceKind::Tempo);
                self.tempo_due = None;
                if *calls && o.tempo_calls {
                    self.push(
                        t,
                        UtteranceKind::Tempo,
                        name.clone(),
                        TEMPO_STALE_SECS,
                        lang,
                    );
                    if *min_secs >= TEMPO_BEAT_SECS {
                        self.tempo_due = Some((t + TEMPO_BEAT_SECS, name.clone()));
                    }
                }
            }
            EventKind::RestStarted {
                until_secs,
                next_name,
                new_exercise,
            } => {
                self.queue
                    .retain(|u| !matches!(u.kind, UtteranceKind::Tempo | UtteranceKind::Cue));
                self.tempo_due = None;
                let secs = (until_secs - t).max(0.0).round() as u32;
                self.push(
                    t,
                    UtteranceKind::Rest,
                    tr("voice-rest", &[("secs", secs.into())]),
                    4.0,
                    lang,
                );
                if until_secs - t > REST_CALL_SECS + 3.0 {
                    let mut text = tr(
                        "voice-rest-left",
                        &[("secs", (REST_CALL_SECS as u32).into())],
                    );
                    if *new_exercise {
                        let next = tr("voice-next", &[("name", next_name.as_str().into())]);
                        text = format!("{text}. {next}");
                    }
                    self.rest_due = Some((until_secs - REST_CALL_SECS, text));
                }
            }
            EventKind::Summary {
                reps,
                stopped_for_pain,
            } => {
                self.tempo_due = None;
                self.rest_due = None;
                self.gate_pending = None;
                self.queue.retain(|u| u.kind == UtteranceKind::Count);
                if !stopped_for_pain {
                    let mut text = tr("voice-summary", &[("reps", (*reps).into())]);
                    if *reps > 0 {
                        text = format!("{text}. {}", i18n::tr(lang, "voice-well-done"));
                    }
                    self.push(t, UtteranceKind::Summary, text, 10.0, lang);
                }
            }
        }
        None
    }

    /// Calls that come from the passing of time: the tempo's second beat, the rest
    /// countdown, a gate instruction that has settled.
    fn timed(&mut self, t: f64, o: &VoiceOptions) {
        if let Some((at, _)) = &self.tempo_due
            && t >= *at
        {
            let at = *at;
            self.tempo_due = None;
            let text = i18n::tr(o.lang, "voice-tempo-two");
            self.push(at, UtteranceKind::Tempo, text, TEMPO_STALE_SECS, o.lang);
        }
        if let Some((at, _)) = &self.rest_due
            && t >= *at
        {
            let Some((at, text)) = self.rest_due.take() else {
                return;
            };
            self.push(at, UtteranceKind::Rest, text, 3.0, o.lang);
        }
        if let Some((text, since)) = &self.gate_pending
            && t - since >= GATE_SETTLE_SECS
        {
            let repeated = self
                .last_gate
                .as_ref()
                .is_some_and(|(g, at)| g == text && t - at < GATE_REPEAT_SECS);
            let text = text.clone();
            self.gate_pending = None;
            if !repeated {
                self.last_gate = Some((text.clone(), t));
                self.queue.retain(|u| u.kind != UtteranceKind::Gate);
                self.push(t, UtteranceKind::Gate, text, 3.0, o.lang);
            }
        }
    }
}

//! The session's event stream: what happened, in order, for the sinks beside the screen
//! (the voice today; anything that must follow the session without polling its state).
//!
//! The session appends events as it changes state; a sink takes them with
//! [`super::Session::take_events`]. Texts are already in the session's language.

/// One thing that happened, at app time `t_secs`.
#[derive(Clone, Debug, PartialEq)]
pub struct SessionEvent {
    /// App time, seconds.
    pub t_secs: f64,
    /// What happened.
    pub kind: EventKind,
}

/// What happened.
#[derive(Clone, Debug, PartialEq)]
pub enum EventKind {
    /// Before-you-begin opened for a set (the exercise is about to start).
    SetAnnounced {
        /// The exercise's name.
        name: String,
        /// 1-based set.
        set: u32,
        /// Sets planned.
        sets: u32,
    },
    /// The stance gate opened: counting runs.
    SetStarted {
        /// 1-based set.
        set: u32,
        /// Sets planned.
        sets: u32,
    },
    /// The stance gate's instruction changed ("I can't see your feet: ...").
    Gate {
        /// What to do.
        instruction: String,
    },
    /// More than one person came into view: counting and cues pause until only one is
    /// seen (said once per pause).
    SeveralPeople {
        /// How many people the detector sees.
        people: u32,
    },
    /// A rep was counted.
    Rep {
        /// The rep's number in the set (per side when alternating).
        number: u32,
        /// Reps per set (per side when alternating).
        target: u32,
        /// Faster than the exercise's tempo.
        too_fast: bool,
    },
    /// The cue on the screen changed to a new one.
    Cue {
        /// The cue.
        text: String,
        /// Praise after a clean rep (not a correction).
        praise: bool,
    },
    /// A movement phase began (not rest).
    Phase {
        /// The exercise's name for the phase ("Bend").
        name: String,
        /// The phase's slow-pace minimum, seconds.
        min_secs: f64,
        /// The exercise wants its tempo called.
        calls: bool,
    },
    /// A rest began.
    RestStarted {
        /// App time when it ends, seconds.
        until_secs: f64,
        /// The next exercise's name.
        next_name: String,
        /// The next exercise is a different one.
        new_exercise: bool,
    },
    /// The session ended and the summary shows.
    Summary {
        /// Reps counted in the whole session.
        reps: usize,
        /// Stopped for pain.
        stopped_for_pain: bool,
    },
    /// Stopped for pain: everything else stops.
    PainStopped {
        /// The 36-hour advice is due too.
        physician_advice: bool,
    },
}

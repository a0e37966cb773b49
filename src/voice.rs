//! The coach's voice: a sink beside the screen on the session's event stream.
//!
//! Contract:
//! - [`planner`] decides what to say and when: session events become utterances with
//!   priorities and deadlines, one voice at a time, the pain advice cutting everything,
//!   stale counts dropped, mute honoured. It reads no clock and touches no engine.
//! - A [`SpeechBackend`] speaks one utterance at a time in a language ("en", "da"). Its
//!   calls never block the caller for long: [`TtsBackend`] hands each request to its own
//!   thread, so a stuck speech server cannot freeze the window or delay a pain stop.
//! - A missing or broken engine is never a crash: [`open_default`] falls back to the
//!   silent [`NullBackend`] and returns the one-line notice to show.
//! - [`log`] writes what was said (`--voice-log`), one JSON line per utterance.
//!
//! Backends: [`TtsBackend`] (the `tts` crate: Speech Dispatcher on Linux, the system
//! voice elsewhere), [`EspeakWavBackend`] (espeak-ng into numbered WAV files, for tests and
//! measurements), [`NullBackend`] (silent) and [`RecordingBackend`] (remembers every call,
//! for tests).

pub mod engine;
pub mod espeak;
pub mod log;
pub mod planner;
pub mod system;

pub use engine::{
    EngineRange, NullBackend, RATE_MAX, RATE_MIN, RecordingBackend, SpeechBackend, SpeechEvent,
    SpeechProbe, VoiceError, choose_voice, engine_rate, engine_volume, open_default,
    open_default_in_background, probe,
};
pub use espeak::{EspeakWavBackend, SpokenWav};
pub use log::VoiceLog;
pub use planner::{SpeechAction, Utterance, UtteranceKind, VoiceOptions, VoicePlanner};
pub use system::TtsBackend;

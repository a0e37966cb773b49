//! The talking coach's voice: speech output backends.
//!
//! Contract:
//! - A [`SpeechBackend`] speaks one utterance at a time in a language ("en", "da"). Its
//!   calls never block the caller for long: [`TtsBackend`] hands each request to its own
//!   thread, so a stuck speech server cannot freeze the window or delay a pain stop.
//! - A missing or broken engine is never a crash: [`open_default`] falls back to the
//!   silent [`NullBackend`] and returns the one-line notice to show.
//! - Backends only speak; what to say, when, and in which order (cue priority, a pain stop
//!   cutting everything) is decided by the caller.
//!
//! Backends: [`TtsBackend`] (the `tts` crate: Speech Dispatcher on Linux, the system
//! voice elsewhere), [`EspeakWavBackend`] (espeak-ng into numbered WAV files, for tests and
//! measurements), [`NullBackend`] (silent) and [`RecordingBackend`] (remembers every call,
//! for tests).

pub mod engine;
pub mod espeak;
pub mod system;

pub use engine::{
    EngineRange, NullBackend, RATE_MAX, RATE_MIN, RecordingBackend, SpeechBackend, SpeechEvent,
    SpeechProbe, VoiceError, choose_voice, engine_rate, engine_volume, open_default, probe,
};
pub use espeak::{EspeakWavBackend, SpokenWav};
pub use system::TtsBackend;

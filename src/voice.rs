//! The coach's voice: a sink beside the screen on the session's event stream.
//!
//! [`planner`] turns session events into utterances (what to say, when, and what to drop);
//! [`engine`] speaks them through the platform's speech engine; [`log`] writes what was
//! said (`--voice-log`). The app glues them together once per frame.

pub mod log;
pub mod planner;

pub use log::VoiceLog;
pub use planner::{SpeechAction, Utterance, UtteranceKind, VoiceOptions, VoicePlanner};

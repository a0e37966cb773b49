//! backcoach: a webcam coach for lower-back exercises.
//!
//! Data flows one way:
//! source → pose → smoothing → body metrics → exercise (checks, reps) → session →
//! feedback → sinks (UI, the `analyze` report in [`analysis`], history; the therapist's
//! `report` is built from the history in [`progress`]).
//!
//! Conventions for coordinates live in [`pose`]; time is always an input (`t_secs`),
//! never read from a clock inside the logic.

pub mod landmark;
pub mod pose;
pub mod track;
pub mod voice;

pub mod app;
pub mod doctor;
pub mod engine;
pub mod history;
pub mod i18n;
pub mod overlay;
pub mod pipeline;
pub mod programme;
pub mod progress;
pub mod remind;
pub mod session;
pub mod smoothing;
pub mod source;
pub mod stats;

pub mod analysis;
pub mod eval;
pub mod exercise;
pub mod feedback;
pub mod metrics;
pub mod work;

//! The exercise engine: the coach's judgement.
//!
//! Contract: feed [`PoseFrame`](crate::pose::PoseFrame)s in time order to an
//! [`ExerciseTracker`]; each [`ExerciseTracker::update`] returns a [`FrameOutcome`] with
//! the frame's metrics, the rep signal, active faults, events (reps, partials, sets,
//! faults), the phase for a tempo indicator and the cue to show. Time comes only from
//! `t_secs`; frames with nobody pause counting and never create or lose a rep.
//!
//! - Exercises are data ([`Exercise`], `exercises/*.toml`, loaded by
//!   [`ExerciseLibrary`]); a bad file's error names the file and the field.
//! - The neutral stance is judged by [`check_stance`]; the live session's "hold it for
//!   1 s with the whole body in view" gate is [`StanceGate`] (the tracker does not gate).
//! - Faults are [`FaultCode`]s with stable snake_case names.
//! - [`demo_pose`] interpolates an exercise's demo keyframes for the app to draw.

mod counter;
mod cue_policy;
mod demo;
mod fault;
mod form;
mod library;
mod schema;
mod stance;
mod text;
mod tracker;
mod witness;

use std::path::PathBuf;

pub use counter::{Phase, Side};
pub use demo::{DemoPose, demo_pose, neutral_figure};
pub use fault::FaultCode;
pub use form::{FormLimit, FormMeasure, FormMeasureKind, FormMeter, FormSpec, RepForm};
pub use library::{ExerciseLibrary, parse_exercise};
pub use schema::{
    Baseline, Category, ConfirmSpec, DemoSpec, DemoView, Direction, Exercise, FormRule,
    GuidanceVerdict, Keyframe, RulePhase, SignalSpec, TempoSpec, View,
};
pub use stance::{
    GateStatus, StanceCheck, StanceCheckKind, StanceGate, StanceReport, ViewProblem, body_in_view,
    check_stance, is_too_dark,
};
pub use text::{ExerciseText, TempoText};
pub use tracker::{
    ExerciseEvent, ExerciseTracker, FrameOutcome, PhaseView, RepCounts, RepRecord, TrackerConfig,
};

/// Named thresholds, for documentation and tests.
pub mod thresholds {
    pub use super::counter::{
        MAX_SIGNAL_GAP_SECS, MIN_TURN_RAD, REST_BASELINE_DRIFT_SECS, TURN_FRACTION,
    };
    pub use super::cue_policy::{PRAISE_EVERY_CLEAN_REPS, PRAISE_MIN_FORM_SCORE, REP_CUE_SECS};
    pub use super::form::{
        BASELINE_WINDOW_SECS, BOTTOM_BAND_RAD, FRAME_QUANTILE, FRONTAL_MIN_HIP_RATIO, MAX_MARGIN,
        MIN_FRONTAL_SHARE, POINTS_AT_LIMIT,
    };
    pub use super::stance::{
        DEFAULT_HOLD_SECS, FEET_MAX_ANGLE_RAD, GATE_GRACE_SECS, GATE_MIN_VISIBILITY, HEAD,
        HEAD_FORWARD_MAX_RATIO, IN_VIEW_TOLERANCE, KNEES_LOCKED_MAX_FLEXION_RAD,
        KNEES_SQUATTING_MIN_FLEXION_RAD, LEG_LEFT, LEG_RIGHT, SHOULDERS, STANCE_MAX_WIDTH_RATIO,
        STANCE_MIN_WIDTH_RATIO, TOO_DARK_MAX_BRIGHTNESS, TRUNK_MAX_TILT_RAD,
    };
    pub use super::tracker::FAULT_ONSET_SECS;
    pub use super::witness::WITNESS_REST_WINDOW_SECS;
}

/// Failures loading exercises.
#[derive(Debug, thiserror::Error)]
pub enum ExerciseError {
    /// A file or directory could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file is not valid TOML for the schema (unknown field, wrong type, missing
    /// field); the message names the field and what was expected.
    #[error("exercise file {path}: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// The TOML error, with line and column.
        message: String,
    },
    /// A field has a value outside what the engine accepts.
    #[error("exercise file {path}: field `{field}`: {message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Dotted path of the field (`signal.target_deg`).
        field: String,
        /// Expected vs found.
        message: String,
    },
    /// Two files have the same id.
    #[error("two exercise files have the id {id:?}")]
    DuplicateId {
        /// The id.
        id: String,
    },
    /// A directory holds no `*.toml` files.
    #[error("no exercise files (*.toml) in {path}")]
    EmptyDir {
        /// The directory.
        path: PathBuf,
    },
    /// No exercise has the requested id.
    #[error("unknown exercise {id:?}; known exercises: {}", known.join(", "))]
    UnknownExercise {
        /// The requested id.
        id: String,
        /// The ids that exist.
        known: Vec<String>,
    },
}

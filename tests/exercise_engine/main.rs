//! Integration tests for the exercise engine: real CMU pose tracks, synthetic tracks with
//! seeded faults, the exercise files, and the report's JSON.

#[path = "../common/mod.rs"]
mod common;

mod accuracy;
mod arm_movements;
mod cli;
mod form;
mod library;
mod lifting;
mod real_tracks;
mod real_world;
mod report_json;
mod several_people;
mod symmetry;
mod synth;
mod synthetic;
mod variants;

use std::path::{Path, PathBuf};

use backcoach::exercise::{Exercise, ExerciseLibrary};
use backcoach::pose::PoseFrame;
use backcoach::track::TrackReader;

/// The repository's `exercises/` folder.
pub fn exercises_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("exercises")
}

/// The shipped exercise library.
pub fn library() -> ExerciseLibrary {
    ExerciseLibrary::load_dir(&exercises_dir()).expect("exercises load")
}

/// One exercise from the shipped library.
pub fn exercise(id: &str) -> Exercise {
    library().require(id).expect("known exercise").clone()
}

/// The CMU fixture folder.
pub fn posetracks_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/posetracks")
}

/// Reads a CMU fixture track.
pub fn read_track(name: &str) -> Vec<PoseFrame> {
    TrackReader::read_all(&posetracks_dir().join(name)).expect("fixture track reads")
}

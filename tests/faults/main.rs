//! The fault matrix (docs/RELIABILITY.md): each test injects one fault and checks that
//! backcoach does not panic, says what happened and what to do, and keeps what it read.
//! The rows proved elsewhere (a damaged history at start, SIGKILL) cite their tests in
//! tests/history.rs, tests/app_e2e.rs and tests/work/figures.rs. Fuzzing is in `fuzz`.

mod camera_lost;
mod clock_jump;
#[path = "../common/mod.rs"]
mod common;
mod cut_video;
mod files;
mod fuzz;
mod history_faults;
mod signals;

//! The fault matrix (docs/RELIABILITY.md): each test injects one fault and checks that
//! backcoach does not panic, says what happened and what to do, and keeps what it read.
//! The rows proved elsewhere (disk full, a damaged or locked history, SIGKILL) cite their
//! tests in tests/history.rs and tests/work/figures.rs.

mod camera_lost;
mod clock_jump;
#[path = "../common/mod.rs"]
#[allow(dead_code)]
mod common;
mod cut_video;
mod files;
mod fuzz;
mod history_faults;
mod signals;

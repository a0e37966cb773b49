//! Work mode: the working-day state machine with synthetic time, posture classification
//! on synthetic poses and on the real sitting clips, the low-power gate, notifications,
//! `backcoach work --json`, and the day's figures in the history.

#[path = "../common/mod.rs"]
mod common;
mod day;
mod figures;
mod posture;
mod real_clips;

pub use common::shared_data as shared;

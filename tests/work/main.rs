//! Work mode: the working-day state machine with synthetic time, posture classification
//! on synthetic poses and on the real sitting clips, the low-power gate, notifications,
//! `backcoach work --json`, and the day's figures in the history.

mod day;
mod figures;
mod posture;
mod real_clips;

use std::path::{Path, PathBuf};

/// `../shared/data/SUBDIR`, or `None` (and a notice) where it is absent outside CI.
pub fn shared(subdir: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(subdir);
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{} is missing under CI",
        dir.display()
    );
    eprintln!("skipped: {} is not here", dir.display());
    None
}

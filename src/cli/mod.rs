//! Command-line interface: one subcommand per tool; no subcommand opens the coach.

mod pose;

use clap::{Parser, Subcommand};

/// backcoach: a webcam coach for lower-back exercises.
#[derive(Debug, Parser)]
#[command(version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run pose estimation on a webcam, video, image or folder; write a pose track.
    Pose(pose::PoseArgs),
    /// List the connected cameras.
    Cameras,
}

/// Runs the chosen command.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Some(Command::Pose(args)) => pose::run(args),
        Some(Command::Cameras) => pose::list_cameras(),
        None => anyhow::bail!("the coach app is not built yet; try `backcoach pose 0`"),
    }
}

//! Command-line interface: one subcommand per tool; no subcommand opens the coach.

/// `print!` that stops quietly when the reader has gone (`backcoach analyze ... | head`):
/// Rust's `print!` panics on a closed pipe. Evaluates to `anyhow::Result<()>`.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::cli::write_stdout(&format!($($arg)*))
    };
}

/// `println!` with [`out!`]'s handling of a closed pipe.
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::cli::write_stdout(&format!("{}\n", format!($($arg)*)))
    };
}

mod analyze;
mod app;
mod doctor;
mod eval;
mod plan;
mod pose;
mod remind;
mod report;
mod work;

use clap::{Parser, Subcommand};

/// backcoach: a webcam coach for lower-back exercises.
#[derive(Debug, Parser)]
#[command(version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Options of the coach app (used when no subcommand is given).
    #[command(flatten)]
    app: app::AppArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run pose estimation on a webcam, video, image or folder; write a pose track.
    Pose(pose::PoseArgs),
    /// Judge a recording (pose track, video, images, webcam): reps, sets, faults, cues.
    Analyze(analyze::AnalyzeArgs),
    /// Accuracy on labelled recordings: counts, sides, faults, false reps (a table).
    Eval(eval::EvalArgs),
    /// List the connected cameras.
    Cameras,
    /// Check this machine: ONNX Runtime, models, cameras, display, data folder, database.
    Doctor(doctor::DoctorArgs),
    /// Write the progress report for a therapist (HTML, or JSON with --format json).
    Report(report::ReportArgs),
    /// Today's exercise plan, which progresses and backs off, with the reason for each.
    Plan(plan::PlanArgs),
    /// The daily reminder: notify if today's exercises are not done (--install to set it
    /// up, --uninstall, --status; --dry-run --now TIME --json for what it would do).
    Remind(remind::RemindArgs),
    /// Work mode without a window: the posture timeline, sitting time and reminders.
    Work(work::WorkArgs),
}

/// Runs the chosen command.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Some(Command::Pose(args)) => pose::run(args),
        Some(Command::Analyze(args)) => analyze::run(args),
        Some(Command::Eval(args)) => eval::run(args),
        Some(Command::Cameras) => pose::list_cameras(),
        Some(Command::Report(args)) => report::run(args),
        Some(Command::Doctor(args)) => doctor::run(args),
        Some(Command::Work(args)) => work::run(args),
        Some(Command::Remind(args)) => remind::run(args),
        Some(Command::Plan(args)) => plan::run(args),
        None => app::run(cli.app),
    }
}

/// Writes `text` to stdout. A closed pipe (the reader stopped reading) is not an error:
/// there is nobody left to tell, so the rest of the output is dropped quietly.
pub fn write_stdout(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

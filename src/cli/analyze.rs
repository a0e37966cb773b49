//! `backcoach analyze INPUT --exercise ID [--json] [--exercises DIR]`: judge a recording.

use std::path::PathBuf;

use anyhow::Context as _;

use backcoach::exercise::ExerciseLibrary;
use backcoach::pipeline::{PipelineOptions, SourceSpec, open_pose_stream, run_to_sinks};
use backcoach::report::{AnalysisReport, ReportSink};

/// Arguments of `analyze`.
#[derive(Debug, clap::Args)]
pub struct AnalyzeArgs {
    /// A pose track (`.jsonl`), a video, an image folder or a webcam index.
    pub input: String,
    /// The exercise id (e.g. `knee-bend`).
    #[arg(long, short = 'e')]
    pub exercise: String,
    /// Print one JSON document instead of the readable summary.
    #[arg(long)]
    pub json: bool,
    /// Load exercises from this folder instead of the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub exercises: Option<PathBuf>,
}

/// Runs `analyze`: prints the summary (or JSON) on stdout.
pub fn run(args: AnalyzeArgs) -> anyhow::Result<()> {
    let report = analyze(&args)?;
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).context("cannot serialise the report")?
        );
    } else {
        print!("{}", report.summary_text());
    }
    Ok(())
}

/// Builds the report for the arguments (shared by `run` and tests).
pub fn analyze(args: &AnalyzeArgs) -> anyhow::Result<AnalysisReport> {
    let library = match &args.exercises {
        Some(dir) => ExerciseLibrary::load_dir(dir)?,
        None => ExerciseLibrary::load_default()?,
    };
    let exercise = library.require(&args.exercise)?;
    let spec = SourceSpec::parse(&args.input);
    // Pose tracks are read directly; videos, images and webcams run the pose engine.
    let mut stream = open_pose_stream(&spec, &PipelineOptions::default())
        .with_context(|| format!("cannot open {}", args.input))?;
    let mut sink = ReportSink::new(exercise);
    let stats = run_to_sinks(stream.as_mut(), &mut [&mut sink], |_| {})
        .with_context(|| format!("cannot analyse {}", args.input))?;
    if let Some(w) = &stats.warning {
        eprintln!("warning: {w} The decoded part was analysed.");
    }
    let mut report = sink.into_report().context("the report was not produced")?;
    report.warning = stats.warning;
    Ok(report)
}

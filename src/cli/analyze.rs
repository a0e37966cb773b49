//! `backcoach analyze INPUT --exercise ID [--json] [--lang en|da] [--exercises DIR]`: judge
//! a recording. The readable summary is in `--lang` (default: the system locale's
//! language); the JSON stays language-neutral (codes, and the cues in English).

use std::path::PathBuf;

use anyhow::Context as _;

use backcoach::analysis::{AnalysisReport, ReportSink};
use backcoach::exercise::{ExerciseLibrary, TrackerConfig};
use backcoach::i18n::Lang;
use backcoach::pipeline::{PipelineOptions, SourceSpec, open_pose_stream, run_to_sinks};

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
    /// The summary's language (default: the system locale's). The JSON does not change.
    #[arg(long, value_name = "en|da", value_parser = super::app::parse_lang)]
    pub lang: Option<Lang>,
}

impl AnalyzeArgs {
    /// The language of the readable summary and its cues: `--lang`, else the system's;
    /// English for `--json`.
    pub fn text_lang(&self) -> Lang {
        if self.json {
            return Lang::En;
        }
        self.lang
            .unwrap_or_else(|| backcoach::i18n::system_lang(|k| std::env::var(k).ok()))
    }
}

/// Runs `analyze`: prints the summary (or JSON) on stdout.
pub fn run(args: AnalyzeArgs) -> anyhow::Result<()> {
    let report = analyze(&args)?;
    if args.json {
        outln!(
            "{}",
            serde_json::to_string_pretty(&report).context("cannot serialise the report")?
        )?;
    } else {
        out!("{}", report.summary_text_in(args.text_lang()))?;
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
    let config = TrackerConfig {
        lang: args.text_lang(),
        ..TrackerConfig::default()
    };
    let mut sink = ReportSink::with_config(exercise, config);
    let stats = run_to_sinks(stream.as_mut(), &mut [&mut sink], |_| {})
        .with_context(|| format!("cannot analyse {}", args.input))?;
    if let Some(w) = &stats.warning {
        eprintln!("warning: {w} The decoded part was analysed.");
    }
    let mut report = sink.into_report().context("the report was not produced")?;
    report.warning = stats.warning;
    Ok(report)
}

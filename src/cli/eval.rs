//! `backcoach eval MANIFEST.json [--json] [--cache DIR] [--check]`: the accuracy table on a
//! labelled set of recordings.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use backcoach::eval::{
    EvalSummary, RecordingResult, evaluate_frames, markdown_table, read_manifest,
};
use backcoach::exercise::ExerciseLibrary;
use backcoach::pipeline::{
    PipelineError, PipelineOptions, Sink, SourceSpec, StreamItem, open_pose_stream, run_to_sinks,
};
use backcoach::pose::PoseFrame;
use backcoach::track::{TrackReader, TrackWriter};

/// Arguments of `eval`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// A JSON list of labelled recordings (`file`, `exercise` or `movement`, `reps` or
    /// `reps_acceptable`, `reps_by_side`, `negative`); files are relative to its folder.
    pub manifest: PathBuf,
    /// Print one JSON document (summary and every run) instead of the table.
    #[arg(long)]
    pub json: bool,
    /// Keep the pose tracks of videos here and reuse them on the next run.
    #[arg(long, value_name = "DIR")]
    pub cache: Option<PathBuf>,
    /// Exit with status 1 unless every labelled run is within range, no negative counts a
    /// rep and every recording could be read.
    #[arg(long)]
    pub check: bool,
    /// Load exercises from this folder instead of the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub exercises: Option<PathBuf>,
}

struct Collect(Vec<PoseFrame>);

impl Sink for Collect {
    fn on_item(&mut self, item: &StreamItem) -> Result<(), PipelineError> {
        self.0.push(item.pose_frame.clone());
        Ok(())
    }
}

/// Frames of a recording and a warning (truncated input), through the cache if any.
fn load(path: &Path, cache: Option<&Path>) -> anyhow::Result<(Vec<PoseFrame>, Option<String>)> {
    let spec = SourceSpec::parse(&path.to_string_lossy());
    let cached = match (&spec, cache) {
        (SourceSpec::Track(_), _) | (_, None) => None,
        (_, Some(dir)) => {
            let len = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
            let stem = path.file_stem().unwrap_or_default().to_string_lossy();
            Some(dir.join(format!("{stem}-{len}.jsonl")))
        }
    };
    if let Some(c) = cached.as_ref().filter(|c| c.is_file()) {
        return Ok((TrackReader::read_all(c)?, None));
    }
    let mut stream = open_pose_stream(&spec, &PipelineOptions::default())?;
    let mut sink = Collect(Vec::new());
    let stats = run_to_sinks(stream.as_mut(), &mut [&mut sink], |_| {})?;
    if let Some(c) = cached.filter(|_| stats.warning.is_none()) {
        if let Some(dir) = c.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut w = TrackWriter::create(&c)?;
        for f in &sink.0 {
            w.write(f)?;
        }
        w.flush()?;
    }
    Ok((sink.0, stats.warning))
}

/// Runs `eval`.
pub fn run(args: EvalArgs) -> anyhow::Result<()> {
    let library = match &args.exercises {
        Some(dir) => ExerciseLibrary::load_dir(dir)?,
        None => ExerciseLibrary::load_default()?,
    };
    let manifest = read_manifest(&args.manifest)?;
    let base = args.manifest.parent().unwrap_or(Path::new("."));
    let mut results = Vec::new();
    for rec in &manifest {
        let path = base.join(&rec.file);
        eprintln!("eval: {}", rec.file);
        let result = match load(&path, args.cache.as_deref()) {
            Ok((frames, warning)) => RecordingResult {
                warning,
                ..evaluate_frames(rec, &frames, &library)?
            },
            Err(e) => RecordingResult::refused(&rec.file, format!("{e:#}")),
        };
        results.push(result);
    }
    let summary = EvalSummary::of(&results);
    if args.json {
        let doc = serde_json::json!({ "summary": summary, "recordings": results });
        println!(
            "{}",
            serde_json::to_string_pretty(&doc).context("cannot serialise the results")?
        );
    } else {
        print!("{}", markdown_table(&results));
    }
    if args.check && !summary.all_pass() {
        std::process::exit(1);
    }
    Ok(())
}

//! `backcoach eval MANIFEST.json [--json] [--cache DIR] [--check] [--conditions]`: the
//! accuracy table on a labelled set of recordings; with `--conditions`, once per real camera
//! condition (each video re-encoded with ffmpeg into a temporary folder) and side by side.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use backcoach::eval::conditions::{
    Condition, ConditionResult, all_conditions_pass, conditions_table, is_video, reencode,
};
use backcoach::eval::{
    EvalSummary, LabelledRecording, RecordingResult, evaluate_frames, markdown_table, read_manifest,
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
    /// Also judge every video re-encoded under each real camera condition (mirrored, dim
    /// and noisy, 320 px wide, 12 frames/s, CRF 42, feet cut off, tilted 7°); pose tracks
    /// are skipped. The copies go to a temporary folder and are deleted.
    #[arg(long)]
    pub conditions: bool,
    /// Only this condition (repeatable; implies `--conditions`): mirrored, dim_noisy,
    /// width_320, fps_12, crf_42, feet_cut, tilted_7.
    #[arg(long = "condition", value_name = "NAME", value_parser = parse_condition)]
    pub only: Vec<Condition>,
}

fn parse_condition(name: &str) -> Result<Condition, String> {
    Condition::from_name(name).ok_or_else(|| {
        let known: Vec<&str> = Condition::ALL.iter().map(|c| c.as_str()).collect();
        format!("unknown condition \"{name}\" (known: {})", known.join(", "))
    })
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
    if args.conditions || !args.only.is_empty() {
        return run_conditions(&args, &library, &manifest, base);
    }
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
        let form = backcoach::eval::form_rows(&results);
        let doc = serde_json::json!({ "summary": summary, "form": form, "recordings": results });
        outln!(
            "{}",
            serde_json::to_string_pretty(&doc).context("cannot serialise the results")?
        )?;
    } else {
        out!("{}", markdown_table(&results))?;
    }
    if args.check && !summary.all_pass() {
        std::process::exit(1);
    }
    Ok(())
}

/// A folder of re-encoded copies, deleted when dropped.
struct WorkDir(PathBuf);

impl WorkDir {
    fn create() -> anyhow::Result<WorkDir> {
        let dir = std::env::temp_dir().join(format!("backcoach-conditions-{}", std::process::id()));
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(WorkDir(dir))
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        if let Err(e) = std::fs::remove_dir_all(&self.0) {
            eprintln!("warning: could not delete {}: {e}", self.0.display());
        }
    }
}

/// One recording under one condition (`None`: as it is).
fn judge(
    rec: &LabelledRecording,
    path: &Path,
    condition: Option<Condition>,
    work: &WorkDir,
    cache: Option<&Path>,
    library: &ExerciseLibrary,
) -> anyhow::Result<RecordingResult> {
    let copy = match condition {
        Some(c) => Some(reencode(path, c, &work.0)?),
        None => None,
    };
    let loaded = load(copy.as_deref().unwrap_or(path), cache);
    if let Some(copy) = &copy {
        // Deleted at once: a long manifest × 7 conditions would fill a small disk.
        let _ = std::fs::remove_file(copy);
    }
    let (frames, warning) = loaded?;
    Ok(RecordingResult {
        warning,
        ..evaluate_frames(rec, &frames, library)?
    })
}

/// `eval --conditions`: the table per condition, then all conditions side by side.
fn run_conditions(
    args: &EvalArgs,
    library: &ExerciseLibrary,
    manifest: &[LabelledRecording],
    base: &Path,
) -> anyhow::Result<()> {
    let (videos, tracks): (Vec<&LabelledRecording>, Vec<&LabelledRecording>) =
        manifest.iter().partition(|r| is_video(&r.file));
    for t in &tracks {
        eprintln!("eval: {}: a pose track, not re-encoded (skipped)", t.file);
    }
    let chosen: Vec<Condition> = if args.only.is_empty() {
        Condition::ALL.to_vec()
    } else {
        args.only.clone()
    };
    let work = WorkDir::create()?;
    let mut all = Vec::new();
    for condition in std::iter::once(None).chain(chosen.into_iter().map(Some)) {
        let title = condition.map_or("as recorded", Condition::title);
        let mut results = Vec::new();
        for rec in &videos {
            eprintln!("eval: {title}: {}", rec.file);
            let path = base.join(&rec.file);
            let result = judge(rec, &path, condition, &work, args.cache.as_deref(), library)
                .unwrap_or_else(|e| RecordingResult::refused(&rec.file, format!("{e:#}")));
            results.push(result);
        }
        all.push(ConditionResult::new(condition, results));
    }
    let skipped: Vec<&str> = tracks.iter().map(|t| t.file.as_str()).collect();
    if args.json {
        let doc = serde_json::json!({ "conditions": all, "skipped_tracks": skipped });
        outln!(
            "{}",
            serde_json::to_string_pretty(&doc).context("cannot serialise the results")?
        )?;
    } else {
        for c in &all {
            let recipe = c
                .condition
                .map_or("the videos as they are".to_owned(), |c| {
                    format!("`{}`", c.recipe())
                });
            outln!("#### {} ({recipe})\n", c.title())?;
            outln!("{}", markdown_table(&c.recordings))?;
        }
        outln!("#### All conditions\n")?;
        out!("{}", conditions_table(&all))?;
        if !skipped.is_empty() {
            outln!(
                "\nPose tracks are not re-encoded and were skipped: {}.",
                skipped.join(", ")
            )?;
        }
    }
    if args.check && !all_conditions_pass(&all) {
        std::process::exit(1);
    }
    Ok(())
}

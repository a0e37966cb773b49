//! `backcoach work --source CAMERA|VIDEO|TRACK [--json]`: work mode without a window.
//!
//! Prints the posture timeline (segments `{state, start_secs, end_secs}`), the day's
//! figures and the reminders; reminders go to the desktop, or are logged where no
//! notification service runs (`--notify-log PATH` keeps them as JSON lines).

use std::path::PathBuf;

use anyhow::Context as _;

use backcoach::engine::ModelKind;
use backcoach::pipeline::{SourceSpec, run_to_sinks};
use backcoach::work::{
    DesktopNotifier, LowPowerOptions, WorkReport, WorkSettings, WorkSink, open_low_power_stream,
};

/// Arguments of `work`.
#[derive(Debug, clap::Args)]
pub struct WorkArgs {
    /// A webcam index (`0`), `camera:NAME`, a video file or a pose track (`.jsonl`).
    #[arg(long)]
    pub source: String,
    /// Print one JSON document instead of the readable timeline.
    #[arg(long)]
    pub json: bool,
    /// Minutes of continuous sitting before a break reminder.
    #[arg(long, default_value_t = 45.0)]
    pub limit_mins: f64,
    /// Minutes of unbroken slouching before the one "vary your posture" reminder.
    #[arg(long, default_value_t = 3.0)]
    pub slouch_mins: f64,
    /// Append every notification to this file as a JSON line.
    #[arg(long, value_name = "PATH")]
    pub notify_log: Option<PathBuf>,
    /// Do not try the desktop's notification service; only log.
    #[arg(long)]
    pub no_desktop_notify: bool,
    /// Run the model on every frame (no low-power frame gate).
    #[arg(long)]
    pub every_frame: bool,
    /// Play a recorded source at its own pace, like a camera.
    #[arg(long)]
    pub realtime: bool,
    /// Include every frame's vote (cue, thigh drop, shoulder rise) in the JSON.
    #[arg(long)]
    pub trace: bool,
    /// Landmark model.
    #[arg(long, value_enum, default_value_t = ModelKind::Lite)]
    pub model: ModelKind,
    /// Folder with the .onnx models (default: the shipped `models/`).
    #[arg(long)]
    pub models_dir: Option<PathBuf>,
}

/// Runs `work`.
pub fn run(args: WorkArgs) -> anyhow::Result<()> {
    let report = work(&args)?;
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

/// Builds the report for the arguments.
pub fn work(args: &WorkArgs) -> anyhow::Result<WorkReport> {
    let settings = WorkSettings {
        sitting_limit_secs: args.limit_mins * 60.0,
        slouch_hold_secs: args.slouch_mins * 60.0,
        ..WorkSettings::default()
    };
    settings.validate()?;
    let mut options = LowPowerOptions {
        realtime: args.realtime,
        ..LowPowerOptions::default()
    };
    options.engine.model = args.model;
    options.engine.models_dir = args.models_dir.clone();
    if args.every_frame {
        options.gate = None;
    }
    let spec = SourceSpec::parse(&args.source);
    let mut stream = open_low_power_stream(&spec, &options)
        .with_context(|| format!("cannot open {}", args.source))?;
    let notifier = DesktopNotifier {
        log_path: args.notify_log.clone(),
        log_only: args.no_desktop_notify,
    };
    let mut sink = WorkSink::new(settings, Some(notifier));
    if args.trace {
        sink = sink.with_trace();
    }
    let stats = run_to_sinks(stream.as_mut(), &mut [&mut sink], |_| {})
        .with_context(|| format!("cannot watch {}", args.source))?;
    if let Some(w) = &stats.warning {
        eprintln!("warning: {w} The decoded part was used.");
    }
    Ok(sink.into_report())
}

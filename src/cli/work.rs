//! `backcoach work --source CAMERA|VIDEO|TRACK [--json]`: work mode without a window.
//!
//! Prints the posture timeline (segments `{state, start_secs, end_secs}`), the day's
//! figures and the reminders; reminders go to the desktop, or are logged where no
//! notification service runs (`--notify-log PATH` keeps them as JSON lines).

use std::path::PathBuf;

use anyhow::Context as _;

use backcoach::engine::ModelKind;
use backcoach::history::{History, day_number};
use backcoach::pipeline::{PipelineError, Sink, SourceSpec, StreamItem, run_to_sinks};
use backcoach::stats::cpu_secs;
use backcoach::work::{
    DayFigures, DesktopNotifier, LowPowerOptions, WorkReport, WorkSettings, WorkSink,
    open_low_power_stream,
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
    /// Keep the day's figures in the history in this folder (today's figures are
    /// continued, and saved every `--save-every-secs` and at the end).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// With `--data-dir`: seconds of source time between saves.
    #[arg(long, default_value_t = 10.0)]
    pub save_every_secs: f64,
    /// Measure CPU time (getrusage: this process, and ffmpeg as a waited child) over wall
    /// time and print it as one JSON line on stderr (the work-mode benchmark; use with
    /// `--realtime` so a recording plays like a camera).
    #[arg(long)]
    pub cpu: bool,
    /// Landmark model.
    #[arg(long, value_enum, default_value_t = ModelKind::Lite)]
    pub model: ModelKind,
    /// Folder with the .onnx models (default: the shipped `models/`).
    #[arg(long)]
    pub models_dir: Option<PathBuf>,
}

/// The `--cpu` line: the steady state, from the moment the source is open and the model
/// loaded to the end, plus the start-up on its own.
#[derive(Debug, serde::Serialize)]
struct CpuLine {
    wall_secs: f64,
    self_cpu_secs: f64,
    children_cpu_secs: f64,
    self_percent_of_one_core: f64,
    with_children_percent_of_one_core: f64,
    startup_wall_secs: f64,
    startup_cpu_secs: f64,
    frames: u64,
}

/// CPU and wall time at one moment.
#[derive(Clone, Copy, Debug)]
struct Mark {
    at: std::time::Instant,
    cpu: (f64, f64),
}

impl Mark {
    fn now() -> Mark {
        Mark {
            at: std::time::Instant::now(),
            cpu: cpu_secs(),
        }
    }
}

/// Runs `work`.
pub fn run(args: WorkArgs) -> anyhow::Result<()> {
    let started = Mark::now();
    let mut opened = None;
    let report = work(&args, || opened = Some(Mark::now()))?;
    if args.cpu {
        let end = Mark::now();
        let opened = opened.unwrap_or(started);
        let wall = (end.at - opened.at).as_secs_f64().max(1e-9);
        let (s, c) = (end.cpu.0 - opened.cpu.0, end.cpu.1 - opened.cpu.1);
        let line = CpuLine {
            wall_secs: wall,
            self_cpu_secs: s,
            children_cpu_secs: c,
            self_percent_of_one_core: 100.0 * s / wall,
            with_children_percent_of_one_core: 100.0 * (s + c) / wall,
            startup_wall_secs: (opened.at - started.at).as_secs_f64(),
            startup_cpu_secs: opened.cpu.0 - started.cpu.0,
            frames: report.frames,
        };
        eprintln!("{}", serde_json::to_string(&line).context("cpu line")?);
    }
    if args.json {
        outln!(
            "{}",
            serde_json::to_string_pretty(&report).context("cannot serialise the report")?
        )?;
    } else {
        out!("{}", report.summary_text())?;
    }
    Ok(())
}

/// Builds the report for the arguments; `on_open` runs once the source is open and the
/// model loaded (where the `--cpu` steady state begins).
pub fn work(args: &WorkArgs, on_open: impl FnOnce()) -> anyhow::Result<WorkReport> {
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
    on_open();
    let notifier = DesktopNotifier {
        log_path: args.notify_log.clone(),
        log_only: args.no_desktop_notify,
    };
    let mut store = match &args.data_dir {
        Some(dir) => Some(DayStore::open(dir)?),
        None => None,
    };
    let figures = match &store {
        Some(s) => s.history.work_day(s.day)?.unwrap_or_default(),
        None => DayFigures::default(),
    };
    let mut sink = WorkSink::resume(settings, figures, Some(notifier));
    if args.trace {
        sink = sink.with_trace();
    }
    let mut saver = SavingSink {
        sink,
        store: store.as_mut(),
        every_secs: args.save_every_secs.max(0.5),
        last_save_secs: None,
    };
    let stats = run_to_sinks(stream.as_mut(), &mut [&mut saver], |_| {})
        .with_context(|| format!("cannot watch {}", args.source))?;
    if let Some(w) = &stats.warning {
        eprintln!("warning: {w} The decoded part was used.");
    }
    let report = saver.sink.into_report();
    if let Some(s) = &mut store {
        s.save(&report.figures)?;
    }
    Ok(report)
}

/// Today's row in the history.
struct DayStore {
    history: History,
    day: i64,
}

fn now_unix_secs() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

impl DayStore {
    fn open(dir: &std::path::Path) -> anyhow::Result<DayStore> {
        let history = History::open(dir)?;
        let offset = i64::from(chrono::Local::now().offset().local_minus_utc());
        Ok(DayStore {
            history,
            day: day_number(now_unix_secs(), offset),
        })
    }

    fn save(&mut self, figures: &DayFigures) -> anyhow::Result<()> {
        self.history
            .save_work_day(self.day, figures, now_unix_secs())
            .context("cannot save the work day")
    }
}

/// Feeds the work sink and saves the figures every so often.
struct SavingSink<'a> {
    sink: WorkSink,
    store: Option<&'a mut DayStore>,
    every_secs: f64,
    last_save_secs: Option<f64>,
}

impl Sink for SavingSink<'_> {
    fn on_item(&mut self, item: &StreamItem) -> Result<(), PipelineError> {
        let t = item.pose_frame.t_secs;
        let out = self.sink.push(&item.pose_frame);
        let Some(store) = self.store.as_deref_mut() else {
            return Ok(());
        };
        let due = self.last_save_secs.is_none_or(|l| t - l >= self.every_secs);
        if due || !out.events.is_empty() {
            self.last_save_secs = Some(t);
            store
                .save(self.sink.monitor().day.figures())
                .map_err(|e| PipelineError::Sink(format!("{e:#}")))?;
        }
        Ok(())
    }
}

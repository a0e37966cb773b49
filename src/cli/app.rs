//! `backcoach` with no subcommand: the coach app window.

use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::Context as _;
use backcoach::app::{
    AppSetup, CoachApp, WorkPanel, apply_style, live_feed, model_timer, system_cameras, work_feed,
};
use backcoach::engine::choice::ModelPreference;
use backcoach::exercise::ExerciseLibrary;
use backcoach::history::{History, default_data_dir};
use backcoach::i18n::Lang;
use backcoach::pipeline::SourceSpec;
use backcoach::voice::VoiceLog;
use backcoach::work::{DesktopNotifier, WorkSettings};

/// Options of the coach app.
#[derive(Debug, Default, clap::Args)]
pub struct AppArgs {
    /// Camera index (0, 1, ...), a video file, an image folder or a pose track (.jsonl).
    /// Default: the camera chosen in the app's settings (the first camera at first).
    #[arg(long, value_name = "CAMERA_INDEX|VIDEO|TRACK.jsonl")]
    pub source: Option<String>,
    /// Start a session with this exercise straight away (repeatable, in order).
    #[arg(long = "exercise", value_name = "ID")]
    pub exercise: Vec<String>,
    /// Folder for the history database (default: the platform's data folder).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Close the window after this many seconds (exit code 0).
    #[arg(long, value_name = "SECS")]
    pub exit_after: Option<f64>,
    /// Save a PNG of the window just before exiting (with --exit-after).
    #[arg(long, value_name = "PATH")]
    pub screenshot: Option<PathBuf>,
    /// Load exercises from this folder instead of the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub exercises: Option<PathBuf>,
    /// Language of the screen and the voice for this run (default: the settings, else the
    /// system locale).
    #[arg(long, value_name = "en|da", value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// Write what the coach says to this file, one JSON line per utterance
    /// (`{"t_secs", "lang", "kind", "text"}`).
    #[arg(long, value_name = "PATH")]
    pub voice_log: Option<PathBuf>,
    /// Open work mode at once (the posture timer for the working day).
    #[arg(long)]
    pub work: bool,
    /// Work mode: minutes of continuous sitting before a break reminder.
    #[arg(long, value_name = "MINUTES", default_value_t = 45.0)]
    pub work_limit_mins: f64,
    /// Work mode: also append every notification to this file as a JSON line.
    #[arg(long, value_name = "PATH")]
    pub notify_log: Option<PathBuf>,
    /// Do not open the speech engine (a silent coach; `--voice-log` still records what it
    /// would say). For tests and machines without sound.
    #[arg(long)]
    pub silent: bool,
    /// With a recording as `--source`: judge every frame, even when this machine falls
    /// behind real time (for tests and evaluation: the session then sees exactly the
    /// frames `backcoach analyze` sees). With `--exit-after`, the app also closes as soon
    /// as the recording has been judged to its end.
    #[arg(long)]
    pub every_frame: bool,
    /// When the app closes, write what it judged and how fast to this file (JSON: frames
    /// offered, judged and dropped, inference and capture-to-screen latency percentiles,
    /// CPU, memory, model). F12 shows the same figures live.
    #[arg(long)]
    pub stats: Option<PathBuf>,
    /// The landmark model for this run: `auto` (chosen from this machine's timings),
    /// `full` or `lite`. Default: the settings' choice (automatic at first).
    #[arg(long, value_name = "auto|full|lite", value_parser = parse_model)]
    pub model: Option<ModelPreference>,
}

/// Parses `--model`.
pub fn parse_model(s: &str) -> Result<ModelPreference, String> {
    ModelPreference::parse(s).ok_or_else(|| format!("unknown model {s:?}: use auto, full or lite"))
}

/// Parses `--lang`.
pub fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language {s:?}: use en (English) or da (Danish)"))
}

/// Opens the coach window and runs until it is closed.
pub fn run(args: AppArgs) -> anyhow::Result<()> {
    let library = match &args.exercises {
        Some(dir) => ExerciseLibrary::load_dir(dir),
        None => ExerciseLibrary::load_default(),
    }
    .context("cannot load the exercises")?;
    for id in &args.exercise {
        library.require(id)?;
    }
    if args.screenshot.is_some() && args.exit_after.is_none() {
        anyhow::bail!(
            "--screenshot needs --exit-after SECS (the picture is taken just before exiting)"
        );
    }
    let data_dir = match args.data_dir.clone() {
        Some(dir) => dir,
        None => default_data_dir()?,
    };
    // A history that does not open is shown in the app; exercising still works.
    let (history, history_error) = match History::open(&data_dir) {
        Ok(h) => (Some(h), None),
        Err(e) => (None, Some(e.to_string())),
    };
    let unix_base_secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0);
    let voice_log = match &args.voice_log {
        Some(path) => Some(
            VoiceLog::create(path)
                .with_context(|| format!("cannot create the voice log {}", path.display()))?,
        ),
        None => None,
    };
    // The speech engine opens beside the window (a second or two); with none, a one-line
    // notice on Home and a silent coach.
    let speech_pending = (!args.silent).then(backcoach::voice::engine::open_default_in_background);
    // What the run judged and how fast: F12 shows it, `--stats` writes it at the end.
    let meter = backcoach::stats::RunMeter::new(
        Default::default(),
        backcoach::engine::ModelKind::default().name(),
    );
    let setup = AppSetup {
        library: library.exercises().to_vec(),
        history,
        history_error,
        feed: live_feed(
            args.source.as_deref().map(SourceSpec::parse),
            args.every_frame,
            Some(meter.counters().clone()),
            args.model,
        ),
        cameras: system_cameras(),
        fixed_source: args.source.clone(),
        start_exercises: args.exercise.clone(),
        unix_base_secs,
        utc_offset_secs: i64::from(chrono::Local::now().offset().local_minus_utc()),
        export_dir: data_dir,
        coach: None,
        system_lang: backcoach::i18n::system_lang(|k| std::env::var(k).ok()),
        forced_lang: args.lang,
        speech: None,
        voice_notice: None,
        speech_pending,
        voice_log,
    };
    let work_settings = WorkSettings {
        sitting_limit_secs: args.work_limit_mins * 60.0,
        ..WorkSettings::default()
    };
    work_settings.validate()?;
    let work = WorkPanel::new(
        work_feed(args.source.as_deref().map(SourceSpec::parse)),
        DesktopNotifier {
            log_path: args.notify_log.clone(),
            log_only: false,
        },
        work_settings,
    );
    // SIGTERM and SIGINT close the session as interrupted, then the window.
    let stop_signals = match backcoach::app::stop::install_stop_signals() {
        Ok(()) => true,
        Err(e) => {
            eprintln!("backcoach: {e}");
            false
        }
    };
    let mut app = CoachApp::new(setup)
        .with_reminder(backcoach::app::reminder::ReminderConfig::from_env())
        .with_stats(meter.clone())
        .with_model_timer(model_timer(None))
        .with_work(work, args.work)
        .with_exit_plan(args.exit_after, args.screenshot.clone())
        .exit_when_source_ends(args.every_frame && args.exit_after.is_some());
    if stop_signals {
        app = app.with_stop_requests(backcoach::app::stop::stop_signal_received);
    }
    let exit_result = app.exit_result();
    // OpenGL first: under software rendering (no GPU driver, Xvfb) Mesa's OpenGL paints the
    // window about 4x as often as its Vulkan (lavapipe) for less CPU, leaving the cores to
    // the pose model (BENCHMARKS.md); wgpu when OpenGL cannot start.
    // `BACKCOACH_RENDERER=wgpu|glow` chooses one.
    let slot = std::rc::Rc::new(std::cell::RefCell::new(Some(app)));
    let renderers = match std::env::var("BACKCOACH_RENDERER").as_deref() {
        Ok("wgpu") => vec![eframe::Renderer::Wgpu],
        Ok("glow") => vec![eframe::Renderer::Glow],
        _ => vec![eframe::Renderer::Glow, eframe::Renderer::Wgpu],
    };
    let mut failures = Vec::new();
    for renderer in renderers {
        // A renderer that failed before the app was handed over leaves it for the next.
        if slot.borrow().is_none() {
            break;
        }
        match open_window(renderer, slot.clone(), stop_signals) {
            Ok(()) => {
                failures.clear();
                break;
            }
            Err(e) => failures.push(format!("{renderer:?}: {e}")),
        }
    }
    if !failures.is_empty() {
        anyhow::bail!(
            "cannot open the window ({}). On Linux install libxcursor1 libxi6 \
             libxkbcommon-x11-0 and a graphics driver (libgl1-mesa-dri or \
             mesa-vulkan-drivers), and run inside a desktop session",
            failures.join("; ")
        );
    }
    if let Some(signal) = backcoach::app::stop::stop_signal_received() {
        eprintln!(
            "backcoach: stopped by {}; the session so far is saved as interrupted.",
            signal.name()
        );
    }
    if let Some(path) = &args.stats {
        meter.report().write(path)?;
    }
    if args.screenshot.is_some() {
        let result = exit_result.lock().ok().and_then(|mut r| r.take());
        match result {
            Some(Ok(())) => {}
            Some(Err(e)) => anyhow::bail!(e),
            None => anyhow::bail!("the window closed before the screenshot was taken"),
        }
    }
    Ok(())
}

/// Runs the window with `renderer` until it closes; the app is taken from `slot` only once
/// the renderer has started.
fn open_window(
    renderer: eframe::Renderer,
    slot: std::rc::Rc<std::cell::RefCell<Option<CoachApp>>>,
    stop_signals: bool,
) -> Result<(), eframe::Error> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("backcoach")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([800.0, 600.0]),
        renderer,
        ..Default::default()
    };
    eframe::run_native(
        "backcoach",
        options,
        Box::new(move |cc| {
            apply_style(&cc.egui_ctx);
            if stop_signals {
                wake_on_stop_signal(cc.egui_ctx.clone());
            }
            let app = slot
                .borrow_mut()
                .take()
                .ok_or("the app was already started")?;
            Ok(Box::new(app))
        }),
    )
}

/// Wakes an idle window when a stop signal arrives (the app checks for one each frame).
fn wake_on_stop_signal(ctx: egui::Context) {
    let spawned = std::thread::Builder::new()
        .name("stop-signal".into())
        .spawn(move || {
            while backcoach::app::stop::stop_signal_received().is_none() {
                std::thread::sleep(STOP_POLL_INTERVAL);
            }
            ctx.request_repaint();
        });
    if let Err(e) = spawned {
        eprintln!("backcoach: cannot watch for SIGTERM/SIGINT: {e}");
    }
}

/// How often the stop-signal watcher looks.
const STOP_POLL_INTERVAL: std::time::Duration = std::time::Duration::from_millis(100);

//! The coach app: egui screens that show a view of the [`Session`] and send it commands.
//!
//! Contract:
//! - Only the session changes session state; the screens read it and push
//!   [`Command`]s. Navigation between Home, Library, Info, History and Settings (and the
//!   list of cameras last looked up, the exercises picked by hand in the Library until
//!   Done) is the only state the app keeps itself. The settings themselves live in the
//!   session, which stores them in the history ([`Command::SaveSettings`]); so do today's
//!   programme and the user's own counts ([`Command::SetOverride`]).
//! - The daily reminder is not session state: it lives in the user's config folder, and
//!   the Settings switch installs or removes it with the same code as `backcoach remind`
//!   ([`reminder`]; the folder is given with [`CoachApp::with_reminder`]).
//! - The app owns the clock: `t_secs` is egui's input time (seconds since start; mocked
//!   in tests) and is passed into the session.
//! - Pose frames come from a [`FrameFeed`] (the pipeline's [`LiveWorker`] in the real app),
//!   started when a session needs the camera and dropped when it ends. The feed opener gets
//!   the current [`Settings`]: without `--source` the camera and resolution come from them.
//! - Mirror view flips the displayed image and skeleton only; the session sees the
//!   camera's own frames.
//! - The pain stop works from every screen: the always-visible button, the keys Space,
//!   P and Escape, and the body gesture (see [`crate::session::pain_gesture`]).

mod draw;
pub mod reminder;
mod screens;
pub mod stop;
mod work;

use std::path::PathBuf;
use std::sync::mpsc::Receiver;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use egui::Key;

use crate::engine::choice::{ModelPreference, ModelTimings};
use crate::exercise::{Exercise, ExerciseLibrary};
use crate::history::{History, Settings, daily_streak, day_number};
use crate::i18n::Lang;
use crate::pipeline::{
    FrameTimings, LiveFrame, LiveWorker, PipelineOptions, SourceSpec, WorkerStatus,
};
use crate::programme::ProgrammeRules;
use crate::session::{CoachFactory, Command, PlanItem, Session, Stage, TrackerCoach};
use crate::source::CameraOptions;
use crate::source::camera::CameraListing;
use crate::stats::{RunMeter, StatsReport};
use crate::voice::engine::SpeechBackend;
use crate::voice::{SpeechAction, VoiceLog, VoiceOptions, VoicePlanner};
use reminder::{ReminderConfig, ReminderPanel};

pub use draw::apply_style;
pub use work::{ROUTINE, SAVE_EVERY_SECS, WorkPanel, work_feed};

/// Where pose frames come from.
pub trait FrameFeed {
    /// The newest frame not yet taken (for display).
    fn latest(&mut self) -> Option<LiveFrame>;
    /// Every pose since the last call, in time order (for the session: none skipped).
    /// The default suits feeds whose frames all pass through `latest`.
    fn take_poses(&mut self) -> Vec<crate::pose::PoseFrame> {
        Vec::new()
    }
    /// What the feed is doing.
    fn status(&self) -> WorkerStatus;
}

impl FrameFeed for LiveWorker {
    fn latest(&mut self) -> Option<LiveFrame> {
        LiveWorker::latest(self)
    }

    fn take_poses(&mut self) -> Vec<crate::pose::PoseFrame> {
        LiveWorker::take_poses(self)
    }

    fn status(&self) -> WorkerStatus {
        LiveWorker::status(self)
    }
}

/// Opens a feed when a session starts, with the current settings; `Err` is a sentence for
/// the user.
pub type FeedOpener = Box<dyn FnMut(&Settings) -> Result<Box<dyn FrameFeed>, String>>;

/// Lists the connected cameras for the settings screen; `Err` is a sentence for the user.
pub type CameraLister = Box<dyn FnMut() -> Result<Vec<CameraListing>, String>>;

/// The camera the settings ask for.
pub fn camera_spec(settings: &Settings) -> SourceSpec {
    SourceSpec::Camera(CameraOptions {
        camera: settings.camera.clone(),
        width: settings.width,
        height: settings.height,
        ..CameraOptions::default()
    })
}

/// A feed opener running the pipeline's live worker on `source` (`--source`), or on the
/// camera from the settings when `source` is `None`. `every_frame`: a recording's late
/// frames are not dropped (see [`PipelineOptions::every_frame`]). `counters`: where the
/// worker counts frames offered and dropped (`--stats`).
pub fn live_feed(
    source: Option<SourceSpec>,
    every_frame: bool,
    counters: Option<std::sync::Arc<crate::stats::LiveCounters>>,
    model: Option<ModelPreference>,
) -> FeedOpener {
    Box::new(move |settings: &Settings| {
        let spec = source.clone().unwrap_or_else(|| camera_spec(settings));
        let options = PipelineOptions {
            keep_images: true,
            every_frame,
            counters: counters.clone(),
            model_preference: Some((model.unwrap_or(settings.model), settings.model_timings)),
            ..PipelineOptions::default()
        };
        LiveWorker::spawn(spec, options)
            .map(|w| Box::new(w) as Box<dyn FrameFeed>)
            .map_err(|e| format!("{e:#}"))
    })
}

/// Starts timing both landmark models on a background thread; the answer arrives on the
/// channel (see [`crate::engine::choice::time_models`]).
pub type ModelTimer = Box<dyn Fn() -> Receiver<Result<ModelTimings, String>>>;

/// Seconds each model is timed for at the first start (about 2 s in all with loading).
pub const MODEL_TIMING_SECS: f64 = 0.5;

/// Times the models in `models_dir` (`None`: the default folder) on a background thread.
pub fn model_timer(models_dir: Option<PathBuf>) -> ModelTimer {
    Box::new(move || {
        let (tx, rx) = std::sync::mpsc::channel();
        let options = crate::engine::EngineOptions {
            models_dir: models_dir.clone(),
            ..Default::default()
        };
        let spawned = std::thread::Builder::new()
            .name("model-timer".into())
            .spawn(move || {
                let result = crate::engine::choice::time_models(&options, MODEL_TIMING_SECS)
                    .map_err(|e| e.to_string());
                let _ = tx.send(result);
            });
        if let Err(e) = spawned {
            let (tx, rx) = std::sync::mpsc::channel();
            let _ = tx.send(Err(format!("cannot start timing the models: {e}")));
            return rx;
        }
        rx
    })
}

/// The system's cameras (see [`crate::source::list_cameras`]).
pub fn system_cameras() -> CameraLister {
    Box::new(|| crate::source::list_cameras().map_err(|e| e.to_string()))
}

/// Everything the app starts from.
pub struct AppSetup {
    /// The exercise library.
    pub library: Vec<Exercise>,
    /// The history, if it opened.
    pub history: Option<History>,
    /// Why the history did not open (shown on Home).
    pub history_error: Option<String>,
    /// Opens the pose feed.
    pub feed: FeedOpener,
    /// Lists cameras for the settings screen.
    pub cameras: CameraLister,
    /// The `--source` in use, if one was given (the settings' camera is then not used).
    pub fixed_source: Option<String>,
    /// Exercise ids to start a session with straight away (`--exercise`).
    pub start_exercises: Vec<String>,
    /// Wall clock at app time 0, seconds since the Unix epoch.
    pub unix_base_secs: f64,
    /// The local time zone's offset from UTC at start-up, seconds (east positive): the
    /// streak and the history's days follow the user's calendar days, not UTC's.
    pub utc_offset_secs: i64,
    /// Folder for exports.
    pub export_dir: PathBuf,
    /// Makes the coach for each exercise (the exercise engine unless a test says otherwise).
    pub coach: Option<CoachFactory>,
    /// The system locale's language (used when the settings follow the system).
    pub system_lang: Lang,
    /// `--lang`: this language for this run, whatever the settings say.
    pub forced_lang: Option<Lang>,
    /// The speech engine (`None`: a silent coach), and why it is missing if it is.
    pub speech: Option<Box<dyn SpeechBackend>>,
    /// A one-line notice about the voice (no speech engine), shown on Home.
    pub voice_notice: Option<String>,
    /// The speech engine still being opened (see
    /// [`crate::voice::engine::open_default_in_background`]): it replaces `speech` and
    /// `voice_notice` once ready.
    pub speech_pending: Option<crate::voice::engine::PendingSpeech>,
    /// `--voice-log`: where to write what the coach says.
    pub voice_log: Option<VoiceLog>,
}

/// The app's own screens (when no session is running).
#[derive(Clone, Debug, PartialEq)]
pub enum Screen {
    /// Today's plan, streak, advice.
    Home,
    /// Choose exercises.
    Library,
    /// One exercise's information and demo.
    Info(String),
    /// Past sessions and pain reports.
    History,
    /// Camera, resolution, mirror view.
    Settings,
    /// Work mode: posture, sitting time, breaks.
    Work,
}

/// One row of the library selection (its sets and reps are today's, from the session:
/// [`Session::count_for`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    /// Selected for today.
    pub selected: bool,
}

/// The pain questions' answers while being filled in.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PainForm {
    /// 0-10, if chosen.
    pub intensity: Option<u8>,
    /// Where it hurts.
    pub location: String,
}

/// Exit and screenshot control for `--exit-after` / `--screenshot`.
#[derive(Default)]
pub struct ExitPlan {
    /// Close after this many seconds of app time.
    pub exit_after_secs: Option<f64>,
    /// Save a PNG of the window just before closing.
    pub screenshot: Option<PathBuf>,
    /// Close as soon as a recorded source has ended and every pose was judged (before
    /// `exit_after_secs`, which then only bounds the run).
    pub when_source_ends: bool,
    requested_at: Option<f64>,
    shot: Arc<Mutex<Option<Arc<egui::ColorImage>>>>,
    /// Set when closing; the error from saving the screenshot, if any.
    pub result: Arc<Mutex<Option<Result<(), String>>>>,
    /// Asks whether a stop signal arrived (see [`stop`]); `None`: never.
    stop_requested: Option<fn() -> Option<stop::StopSignal>>,
    /// The stop signal being handled.
    stopping: Option<stop::StopSignal>,
}

/// The coach app.
pub struct CoachApp {
    session: Session,
    library: Vec<Exercise>,
    screen: Screen,
    choices: Vec<Choice>,
    feed_opener: FeedOpener,
    camera_lister: CameraLister,
    cameras: Option<Result<Vec<CameraListing>, String>>,
    fixed_source: Option<String>,
    feed: Option<Box<dyn FrameFeed>>,
    feed_error: Option<String>,
    last_frame: Option<LiveFrame>,
    texture: Option<egui::TextureHandle>,
    timings: FrameTimings,
    /// What this run judged and how fast (F12 and `--stats`).
    stats: RunMeter,
    /// Times the models (first start, Settings' "measure again").
    model_timer: Option<ModelTimer>,
    /// A model timing under way.
    model_timing: Option<Receiver<Result<ModelTimings, String>>>,
    /// Why the last model timing failed.
    model_timing_error: Option<String>,
    /// F12's figures and when they were made.
    stats_view: Option<(Instant, StatsReport)>,
    debug_overlay: bool,
    pain_form: PainForm,
    /// The home screen's pain report (a number, then optionally where).
    home_pain: PainForm,
    history_error: Option<String>,
    export_dir: PathBuf,
    export_message: Option<String>,
    demo_playing: bool,
    demo_t_secs: f64,
    last_t_secs: Option<f64>,
    unix_base_secs: f64,
    utc_offset_secs: i64,
    exit: ExitPlan,
    voice: VoiceSink,
    work: WorkPanel,
    /// The standing routine started from work mode is running (as a session).
    routine_running: bool,
    /// The daily reminder's switch on the settings screen.
    reminder: ReminderPanel,
}

/// The voice as a sink: the planner, the engine, the log.
struct VoiceSink {
    planner: VoicePlanner,
    speech: Option<Box<dyn SpeechBackend>>,
    log: Option<VoiceLog>,
    notice: Option<String>,
    /// Rate and volume last given to the engine, percent.
    applied: Option<(u32, u32)>,
    /// The engine being opened.
    pending: Option<crate::voice::engine::PendingSpeech>,
}

impl VoiceSink {
    /// Feeds the session's new events; speaks, stops and logs.
    fn step(&mut self, session: &mut Session, t_secs: f64) {
        if let Some(pending) = &self.pending {
            match pending.try_recv() {
                Ok((speech, notice)) => {
                    if let Some(n) = &notice {
                        eprintln!("backcoach: {n}");
                    }
                    self.speech = Some(speech);
                    self.notice = notice;
                    self.applied = None;
                    self.pending = None;
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
                Err(std::sync::mpsc::TryRecvError::Disconnected) => self.pending = None,
            }
        }
        let events = session.take_events();
        let settings = session.settings();
        let options = VoiceOptions {
            enabled: settings.voice,
            tempo_calls: settings.tempo_calls,
            rate: f64::from(settings.voice_rate_percent) / 100.0,
            lang: session.lang(),
        };
        let wanted = (settings.voice_rate_percent, settings.voice_volume_percent);
        if let Some(speech) = self.speech.as_mut()
            && self.applied != Some(wanted)
        {
            self.applied = Some(wanted);
            let (rate, volume) = (wanted.0 as f32 / 100.0, wanted.1 as f32 / 100.0);
            if let Err(e) = speech.set_rate_volume(rate, volume) {
                self.notice = Some(e.to_string());
            }
        }
        for action in self.planner.update(t_secs, &events, &options) {
            match action {
                SpeechAction::Stop => {
                    if let Some(speech) = self.speech.as_mut() {
                        let _ = speech.stop();
                    }
                }
                SpeechAction::Speak {
                    utterance,
                    interrupt,
                } => {
                    if let Some(log) = self.log.as_mut()
                        && let Err(e) = log.write(&utterance)
                    {
                        self.notice = Some(crate::i18n::tr_args(
                            utterance.lang,
                            "notice-voice-log-failed",
                            &[
                                ("path", log.path().display().to_string().into()),
                                ("error", e.to_string().into()),
                            ],
                        ));
                        self.log = None;
                    }
                    if let Some(speech) = self.speech.as_mut()
                        && let Err(e) =
                            speech.speak(&utterance.text, utterance.lang.code(), interrupt)
                    {
                        // One notice, then a silent coach: never a crash, never a stream
                        // of errors.
                        self.notice = Some(e.to_string());
                        self.speech = None;
                    }
                }
            }
        }
    }
}

impl CoachApp {
    /// Builds the app; with `start_exercises` the session starts at once.
    pub fn new(setup: AppSetup) -> CoachApp {
        let factory = setup.coach.unwrap_or_else(TrackerCoach::factory);
        let choices = setup
            .library
            .iter()
            .map(|e| Choice {
                selected: setup.start_exercises.contains(&e.id),
            })
            .collect();
        let mut session = Session::new(Vec::new(), setup.history, factory, setup.unix_base_secs)
            .with_language(setup.system_lang, setup.forced_lang);
        // Today's programme: the same plan as `backcoach plan` (the built-in rules).
        match (
            ExerciseLibrary::from_exercises(setup.library.clone()),
            ProgrammeRules::load_default(),
        ) {
            (Ok(library), Ok(rules)) => {
                session = session.with_programme(library, rules, setup.utc_offset_secs);
            }
            (Err(e), _) => eprintln!("backcoach: no programme: {e}"),
            (_, Err(e)) => eprintln!("backcoach: no programme: {e}"),
        }
        let mut app = CoachApp {
            session,
            library: setup.library,
            screen: Screen::Home,
            choices,
            feed_opener: setup.feed,
            camera_lister: setup.cameras,
            cameras: None,
            fixed_source: setup.fixed_source,
            feed: None,
            feed_error: None,
            last_frame: None,
            texture: None,
            model_timer: None,
            model_timing: None,
            model_timing_error: None,
            timings: FrameTimings::default(),
            stats: RunMeter::default(),
            stats_view: None,
            debug_overlay: false,
            pain_form: PainForm::default(),
            home_pain: PainForm::default(),
            history_error: setup.history_error,
            export_dir: setup.export_dir,
            export_message: None,
            demo_playing: true,
            demo_t_secs: 0.0,
            last_t_secs: None,
            unix_base_secs: setup.unix_base_secs,
            utc_offset_secs: setup.utc_offset_secs,
            exit: ExitPlan::default(),
            voice: VoiceSink {
                planner: VoicePlanner::new(),
                speech: setup.speech,
                log: setup.voice_log,
                notice: setup.voice_notice,
                applied: None,
                pending: setup.speech_pending,
            },
            work: WorkPanel::new(
                work_feed(None),
                crate::work::DesktopNotifier::default(),
                crate::work::WorkSettings::default(),
            ),
            routine_running: false,
            reminder: ReminderPanel::new(ReminderConfig::default()),
        };
        if app.choices.iter().any(|c| c.selected) {
            // `--exercise`: in the order given on the command line, with the exercise
            // files' own sets and reps (a fixed start for demos and tests, not the
            // programme's count).
            let plan: Vec<PlanItem> = setup
                .start_exercises
                .iter()
                .filter_map(|id| app.library.iter().find(|e| e.id == *id))
                .map(|e| PlanItem::new(e.clone()))
                .collect();
            app.session.apply(Command::SetPlan(plan));
            app.session.apply(Command::Start);
        } else {
            app.session.apply(Command::SetPlan(app.selected_plan()));
        }
        app
    }

    /// Counts into `counters` (shared with the feed: see [`live_feed`]); `model` names
    /// the landmark model in the figures.
    pub fn with_stats(mut self, meter: RunMeter) -> Self {
        self.stats = meter;
        self
    }

    /// Times the models with `timer` now if this machine has no timings yet and the
    /// source is the camera (a recording given with `--source` is a test or an analysis:
    /// its run is not slowed by a timing), and again when Settings asks.
    pub fn with_model_timer(mut self, timer: ModelTimer) -> Self {
        let camera_source = self
            .fixed_source
            .as_deref()
            .is_none_or(|s| SourceSpec::parse(s).is_camera());
        if camera_source && self.session.settings().model_timings.is_none() {
            self.model_timing = Some(timer());
        }
        self.model_timer = Some(timer);
        self
    }

    /// Times the models again (Settings' button); the figures replace the stored ones.
    pub(crate) fn retime_models(&mut self) {
        if self.model_timing.is_none()
            && let Some(timer) = &self.model_timer
        {
            self.model_timing = Some(timer());
            self.model_timing_error = None;
        }
    }

    /// Stores the models' timings once they arrive.
    fn poll_model_timing(&mut self) {
        let Some(rx) = &self.model_timing else {
            return;
        };
        match rx.try_recv() {
            Ok(Ok(timings)) => {
                self.model_timing = None;
                let mut settings = self.session.settings().clone();
                settings.model_timings = Some(timings);
                self.command(Command::SaveSettings(settings));
            }
            Ok(Err(e)) => {
                self.model_timing = None;
                self.model_timing_error = Some(e);
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {}
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.model_timing = None;
                self.model_timing_error = Some("the model timing stopped".to_owned());
            }
        }
    }

    /// The run's figures so far (what `--stats` writes at the end).
    pub fn stats_report(&self) -> StatsReport {
        self.stats.report()
    }

    /// The figures shown by F12, refreshed at most once a second (sorting the samples is
    /// not free).
    pub fn stats_view(&mut self) -> StatsReport {
        let stale = self
            .stats_view
            .as_ref()
            .is_none_or(|(at, _)| at.elapsed().as_secs_f64() >= 1.0);
        if stale {
            self.stats_view = Some((Instant::now(), self.stats.report()));
        }
        self.stats_view
            .as_ref()
            .map(|(_, r)| r.clone())
            .unwrap_or_default()
    }

    /// Sets `--exit-after` and `--screenshot`.
    pub fn with_exit_plan(
        mut self,
        exit_after_secs: Option<f64>,
        screenshot: Option<PathBuf>,
    ) -> Self {
        self.exit.exit_after_secs = exit_after_secs;
        self.exit.screenshot = screenshot;
        self
    }

    /// Polls `check` once per frame; when it reports a stop signal the session is closed
    /// as interrupted ([`Command::Interrupt`]) and the window closes (see [`stop`]).
    pub fn with_stop_requests(mut self, check: fn() -> Option<stop::StopSignal>) -> Self {
        self.exit.stop_requested = Some(check);
        self
    }

    /// The stop signal that closed the app, if one did.
    pub fn stopped_by(&self) -> Option<stop::StopSignal> {
        self.exit.stopping
    }

    /// Also closes as soon as a recorded source has ended and all its poses were judged
    /// (see [`ExitPlan::when_source_ends`]).
    pub fn exit_when_source_ends(mut self, yes: bool) -> Self {
        self.exit.when_source_ends = yes;
        self
    }

    /// Sets up work mode (its feed, notifier and settings); `open` shows the work screen
    /// and starts watching at once (`--work`).
    pub fn with_work(mut self, panel: WorkPanel, open: bool) -> Self {
        self.work = panel;
        if open {
            self.open_work();
        }
        self
    }

    /// Opens the work screen and starts watching.
    pub fn open_work(&mut self) {
        self.screen = Screen::Work;
        self.work.start();
    }

    /// Work mode (read-only).
    pub fn work(&self) -> &WorkPanel {
        &self.work
    }

    /// Starts the 2-minute standing routine ([`ROUTINE`]) as an exercise session; work
    /// mode pauses (the session takes the camera) and counts it as a break when it ends.
    pub fn start_routine(&mut self) {
        let plan: Vec<PlanItem> = ROUTINE
            .iter()
            .filter_map(|(id, reps)| {
                let e = self.library.iter().find(|e| e.id == *id)?;
                let mut item = PlanItem::new(e.clone());
                item.sets = 1;
                item.reps = *reps;
                Some(item)
            })
            .collect();
        if plan.is_empty() {
            return;
        }
        self.work.pause();
        self.routine_running = true;
        self.command(Command::SetPlan(plan));
        self.command(Command::Start);
    }

    /// Where the result of the exit screenshot lands.
    pub fn exit_result(&self) -> Arc<Mutex<Option<Result<(), String>>>> {
        self.exit.result.clone()
    }

    /// The session (read-only).
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The current app screen.
    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// The library selection.
    pub fn choices(&self) -> &[Choice] {
        &self.choices
    }

    /// The cameras found when the settings screen was last opened.
    pub fn cameras(&self) -> Option<&Result<Vec<CameraListing>, String>> {
        self.cameras.as_ref()
    }

    /// Where the daily reminder goes (the CLI gives [`ReminderConfig::from_env`]; tests a
    /// temporary folder and a forced scheduler). Without it the switch says it cannot
    /// work.
    pub fn with_reminder(mut self, config: ReminderConfig) -> Self {
        self.reminder = ReminderPanel::new(config);
        self
    }

    /// The daily reminder as the settings screen shows it.
    pub fn reminder(&self) -> &ReminderPanel {
        &self.reminder
    }

    /// Opens the settings screen and looks up the cameras (and the reminder).
    pub fn open_settings(&mut self) {
        self.refresh_cameras();
        self.reminder.refresh();
        self.screen = Screen::Settings;
    }

    /// Looks up the connected cameras again.
    pub fn refresh_cameras(&mut self) {
        self.cameras = Some((self.camera_lister)());
    }

    /// Whether the F12 debug overlay is on.
    pub fn debug_overlay(&self) -> bool {
        self.debug_overlay
    }

    /// An exercise with today's sets and reps (the programme's or the user's own).
    fn plan_item(&self, id: &str) -> Option<PlanItem> {
        let e = self.library.iter().find(|e| e.id == id)?;
        let mut item = PlanItem::new(e.clone());
        (item.sets, item.reps) = self.session.count_for(&item);
        Some(item)
    }

    fn selected_plan(&self) -> Vec<PlanItem> {
        self.library
            .iter()
            .zip(&self.choices)
            .filter(|(_, c)| c.selected)
            .filter_map(|(e, _)| self.plan_item(&e.id))
            .collect()
    }

    /// Why the coach is silent (no speech engine, a broken voice log), if it is.
    pub fn voice_notice(&self) -> Option<&str> {
        self.voice.notice.as_deref()
    }

    /// The language of the screens and the voice (the session decides).
    pub fn lang(&self) -> Lang {
        self.session.lang()
    }

    /// A message from the catalogue in the app's language.
    pub fn tr(&self, key: &str) -> String {
        crate::i18n::tr(self.lang(), key)
    }

    /// A message with variables in the app's language.
    pub fn tr_args(&self, key: &str, args: &[(&str, crate::i18n::Arg)]) -> String {
        crate::i18n::tr_args(self.lang(), key, args)
    }

    /// Sends a command to the session (the only way state changes).
    pub fn command(&mut self, command: Command) {
        if matches!(command, Command::PainStop) {
            self.pain_form = PainForm::default();
        }
        self.session.apply(command);
        // A pain stop silences the voice at once, not on the next frame.
        let now = self.session.now_secs();
        self.voice.step(&mut self.session, now);
        if matches!(self.session.stage(), Stage::Plan) {
            // A session just ended or never started: the camera is not needed, and the
            // next session tries it again (perhaps with new settings).
            self.feed = None;
            self.feed_error = None;
            self.last_frame = None;
        }
    }

    fn needs_feed(&self) -> bool {
        matches!(
            self.session.stage(),
            Stage::BeforeYouBegin { .. } | Stage::Set { .. } | Stage::Rest { .. }
        )
    }

    /// One step of logic at app time `t_secs`: keys, frames, time. No drawing.
    pub fn logic(&mut self, ctx: &egui::Context, t_secs: f64) {
        let dt = self
            .last_t_secs
            .map(|p| (t_secs - p).max(0.0))
            .unwrap_or(0.0);
        self.last_t_secs = Some(t_secs);
        if self.demo_playing {
            self.demo_t_secs += dt;
        }
        self.handle_keys(ctx);
        self.session.tick(t_secs);
        self.poll_model_timing();
        if self.exit.stopping.is_none()
            && let Some(signal) = self.exit.stop_requested.and_then(|check| check())
        {
            self.exit.stopping = Some(signal);
            self.command(Command::Interrupt);
            let unix_now = self.unix_now();
            self.work.save_now(unix_now);
            if self.exit.screenshot.is_none() {
                set_result(&self.exit.result, Ok(()));
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        if self.needs_feed() && self.feed.is_none() && self.feed_error.is_none() {
            match (self.feed_opener)(self.session.settings()) {
                Ok(feed) => self.feed = Some(feed),
                Err(e) => self.feed_error = Some(e),
            }
        }
        if !self.needs_feed() && !matches!(self.session.stage(), Stage::PainStopped { .. }) {
            self.feed = None;
        }
        let poses = self
            .feed
            .as_mut()
            .map(|f| f.take_poses())
            .unwrap_or_default();
        let every_pose_delivered = !poses.is_empty();
        for pose_frame in &poses {
            self.session.on_frame(t_secs, pose_frame);
            self.stats.counters().judged();
        }
        if let Some(feed) = self.feed.as_mut()
            && let Some(frame) = feed.latest()
        {
            if !every_pose_delivered {
                self.session.on_frame(t_secs, &frame.pose_frame);
                self.stats.counters().judged();
            }
            self.timings = frame.timings;
            if let Some(image) = &frame.image {
                let color = draw::preview_image(image);
                match &mut self.texture {
                    Some(t) => t.set(color, egui::TextureOptions::LINEAR),
                    None => {
                        self.texture =
                            Some(ctx.load_texture("camera", color, egui::TextureOptions::LINEAR));
                    }
                }
            }
            if let Some(ready) = frame.timings.ready_at {
                // Shown in this very paint: capture → pose ready → texture → screen.
                self.stats
                    .counters()
                    .latency(frame.timings.latency_ms + ready.elapsed().as_secs_f32() * 1000.0);
            }
            self.last_frame = Some(frame);
        }
        let source_ended =
            !every_pose_delivered && self.feed.as_ref().is_some_and(|f| f.status().has_ended());
        self.work_logic(t_secs);
        self.voice.step(&mut self.session, t_secs);
        self.exit_logic(ctx, t_secs, source_ended);
        if self.feed.is_some()
            || self.work.is_running()
            || self.exit.exit_after_secs.is_some()
            || self.demo_playing
        {
            ctx.request_repaint_after(std::time::Duration::from_millis(16));
        } else if self.model_timing.is_some() {
            // Look for the timings' answer now and then while nothing else repaints.
            ctx.request_repaint_after(std::time::Duration::from_millis(200));
        }
    }

    /// Work mode's step: it watches only on its screen with no session running; the
    /// routine's session ending counts as a break.
    fn work_logic(&mut self, t_secs: f64) {
        let idle = matches!(self.session.stage(), Stage::Plan);
        if self.routine_running && idle {
            self.routine_running = false;
            self.work.routine_done();
            self.session.apply(Command::SetPlan(self.selected_plan()));
            self.open_work();
        }
        if self.work.is_running() && (!idle || self.screen != Screen::Work) {
            self.work.pause();
        }
        let day = self.local_day(self.unix_now());
        let unix_now = self.unix_now();
        let lang = self.lang();
        let _ = self.work.logic(
            t_secs,
            self.session.settings(),
            self.session.history(),
            day,
            unix_now,
            lang,
        );
    }

    fn handle_keys(&mut self, ctx: &egui::Context) {
        let typing = ctx.egui_wants_keyboard_input();
        let (pain, f12, mute) = ctx.input(|i| {
            let pain = [Key::Space, Key::P, Key::Escape]
                .iter()
                .any(|k| i.key_pressed(*k));
            (pain, i.key_pressed(Key::F12), i.key_pressed(Key::M))
        });
        if f12 {
            self.debug_overlay = !self.debug_overlay;
        }
        if mute && !typing {
            self.command(Command::ToggleVoice);
        }
        if pain && !typing && !matches!(self.session.stage(), Stage::PainStopped { .. }) {
            self.command(Command::PainStop);
        }
    }

    fn exit_logic(&mut self, ctx: &egui::Context, t_secs: f64, source_ended: bool) {
        let Some(after) = self.exit.exit_after_secs else {
            return;
        };
        let ended = self.exit.when_source_ends && source_ended;
        if t_secs < after && !ended && self.exit.requested_at.is_none() {
            return;
        }
        let close = |ctx: &egui::Context| ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        let Some(path) = self.exit.screenshot.clone() else {
            set_result(&self.exit.result, Ok(()));
            close(ctx);
            return;
        };
        match self.exit.requested_at {
            None => {
                self.exit.requested_at = Some(t_secs);
                let slot = self.exit.shot.clone();
                let repaint = ctx.clone();
                ctx.request_screenshot(move |image| {
                    if let Ok(mut s) = slot.lock() {
                        *s = Some(image);
                    }
                    repaint.request_repaint();
                });
                ctx.request_repaint();
            }
            Some(asked) => {
                let shot = self.exit.shot.lock().ok().and_then(|mut s| s.take());
                if let Some(image) = shot {
                    set_result(&self.exit.result, save_png(&image, &path));
                    close(ctx);
                } else if t_secs - asked > SCREENSHOT_TIMEOUT_SECS {
                    set_result(
                        &self.exit.result,
                        Err("the window screenshot did not arrive".to_owned()),
                    );
                    close(ctx);
                } else {
                    ctx.request_repaint();
                }
            }
        }
    }

    /// Draws every screen for this frame (call after [`CoachApp::logic`]).
    pub fn show(&mut self, ui: &mut egui::Ui) {
        screens::root_ui(self, ui);
    }

    /// `logic` then `show`, with egui's time: what eframe and the tests call.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let t = ctx.input(|i| i.time);
        self.logic(&ctx, t);
        self.show(ui);
        self.stats.counters().painted();
    }

    fn streak_days(&self) -> u32 {
        let Some(h) = self.session.history() else {
            return 0;
        };
        let days: Vec<i64> = h
            .sessions()
            .unwrap_or_default()
            .iter()
            .filter(|s| s.reps > 0)
            .map(|s| self.local_day(s.started_unix_secs))
            .collect();
        let today = self.local_day(self.unix_now());
        daily_streak(&days, today)
    }

    /// The user's calendar day of a wall-clock time.
    fn local_day(&self, unix_secs: f64) -> i64 {
        day_number(unix_secs, self.utc_offset_secs)
    }

    fn unix_now(&self) -> f64 {
        self.unix_base_secs + self.session.now_secs()
    }
}

/// Seconds to wait for the exit screenshot before closing anyway.
const SCREENSHOT_TIMEOUT_SECS: f64 = 5.0;

/// File name of the therapist report the History screen writes into the export folder.
pub const REPORT_FILE_NAME: &str = "report.html";

fn set_result(slot: &Arc<Mutex<Option<Result<(), String>>>>, result: Result<(), String>) {
    if let Ok(mut s) = slot.lock()
        && s.is_none()
    {
        *s = Some(result);
    }
}

/// Saves an egui screenshot as PNG.
pub fn save_png(image: &egui::ColorImage, path: &std::path::Path) -> Result<(), String> {
    let [w, h] = image.size;
    let mut rgba = Vec::with_capacity(w * h * 4);
    for p in &image.pixels {
        rgba.extend_from_slice(&p.to_srgba_unmultiplied());
    }
    let buffer = image::RgbaImage::from_raw(w as u32, h as u32, rgba)
        .ok_or_else(|| "the screenshot has the wrong size".to_owned())?;
    buffer
        .save(path)
        .map_err(|e| format!("cannot save the screenshot {}: {e}", path.display()))
}

impl eframe::App for CoachApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }
}

impl CoachApp {
    /// Writes the whole history to `backcoach-history.{csv,json}` in the export folder.
    fn export(&mut self, format: &str) {
        let Some(history) = self.session.history() else {
            return;
        };
        let path = self.export_dir.join(format!("backcoach-history.{format}"));
        let result = std::fs::File::create(&path)
            .map_err(|e| e.to_string())
            .and_then(|file| {
                let mut out = std::io::BufWriter::new(file);
                let r = if format == "csv" {
                    history.export_csv(&mut out)
                } else {
                    history.export_json(&mut out)
                };
                r.map_err(|e| e.to_string())?;
                std::io::Write::flush(&mut out).map_err(|e| e.to_string())
            });
        let shown = path.display().to_string();
        self.export_message = Some(match result {
            Ok(()) => self.tr_args("history-saved", &[("path", shown.into())]),
            Err(e) => self.tr_args(
                "history-save-failed",
                &[("path", shown.into()), ("error", e.into())],
            ),
        });
    }

    /// Writes the therapist report (`report.html`, the whole history) into the export
    /// folder and says where.
    fn write_report(&mut self) {
        let Some(history) = self.session.history() else {
            return;
        };
        let path = self.export_dir.join(REPORT_FILE_NAME);
        let options = crate::progress::ReportOptions {
            now_unix_secs: self.unix_now(),
            utc_offset_secs: self.utc_offset_secs,
            since_days: None,
            lang: self.lang(),
        };
        let message = match crate::progress::write_html_report(history, &options, &path) {
            Ok(_) => self.tr_args(
                "history-report-saved",
                &[("path", path.display().to_string().into())],
            ),
            Err(e) => self.tr_args("history-report-failed", &[("error", e.to_string().into())]),
        };
        self.export_message = Some(message);
    }
}

//! The camera vanishing mid-set: the live worker says so at once and reconnects; the live
//! screen says "The camera was lost ... plug it back in", the set and its reps are kept,
//! and counting resumes when frames return.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use backcoach::app::{AppSetup, CoachApp, FrameFeed, apply_style};
use backcoach::exercise::{DemoView, ExerciseLibrary, neutral_figure};
use backcoach::history::{History, Settings};
use backcoach::i18n::Lang;
use backcoach::pipeline::{
    FrameTimings, LiveFrame, LiveWorker, PipelineError, PoseStream, StreamItem, WorkerStatus,
};
use backcoach::pose::PoseFrame;
use backcoach::session::{Coach, PlanItem, Stage};
use backcoach::source::SourceError;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::common::{ScriptedCoach, figure_pose};

/// A standing person at `t_secs`.
fn person(t_secs: f64) -> PoseFrame {
    let mut pose = figure_pose(&neutral_figure(DemoView::Front), 720.0, 280.0);
    pose.score = 0.95;
    PoseFrame {
        t_secs,
        image_size: [1280, 720],
        pose: Some(pose),
        people_detected: Some(1),
        brightness: None,
    }
}

fn lost() -> SourceError {
    SourceError::CameraLost {
        camera: "0".into(),
        message: "no frame for 1 s".into(),
    }
}

/// A live stream that delivers `frames_before` frames, then fails until it has been asked
/// to recover `recover_after` times, then delivers again (time kept running meanwhile).
struct FlakyCamera {
    t_secs: f64,
    frames_before: u32,
    sent: u32,
    recover_calls: u32,
    recover_after: u32,
    recovered: bool,
}

/// Frame interval of the flaky camera, seconds.
const FRAME_SECS: f64 = 0.02;

impl PoseStream for FlakyCamera {
    fn next_item(&mut self) -> Option<Result<StreamItem, PipelineError>> {
        if self.sent >= self.frames_before && !self.recovered {
            return Some(Err(lost().into()));
        }
        std::thread::sleep(Duration::from_secs_f64(FRAME_SECS));
        self.sent += 1;
        self.t_secs += FRAME_SECS;
        Some(Ok(StreamItem {
            pose_frame: person(self.t_secs),
            image: None,
            timings: Default::default(),
            latency_ms: 0.0,
        }))
    }
    fn fps_hint(&self) -> Option<f64> {
        Some(1.0 / FRAME_SECS)
    }
    fn frame_count_hint(&self) -> Option<u64> {
        None
    }
    fn is_live(&self) -> bool {
        true
    }
    fn try_recover(&mut self) -> bool {
        self.recover_calls += 1;
        self.t_secs += 1.0;
        self.recovered = self.recover_calls >= self.recover_after;
        self.recovered
    }
}

/// The worker: Reconnecting within a second of the last frame, every frame before the loss
/// delivered, Running again and frames flowing once the camera is back.
#[test]
fn the_worker_reports_a_lost_camera_within_a_second_and_resumes() {
    let worker = LiveWorker::spawn_stream(Box::new(|| {
        Ok(Box::new(FlakyCamera {
            t_secs: 0.0,
            frames_before: 20,
            sent: 0,
            recover_calls: 0,
            recover_after: 2,
            recovered: false,
        }) as Box<dyn PoseStream>)
    }))
    .expect("worker");
    let started = Instant::now();
    let mut before = 0;
    let mut last_frame_at = Instant::now();
    let lost_at = loop {
        let n = worker.take_poses().len();
        if n > 0 {
            before += n;
            last_frame_at = Instant::now();
        }
        if let WorkerStatus::Reconnecting { message } = worker.status() {
            assert!(message.contains("stopped sending frames"), "{message}");
            break Instant::now();
        }
        assert!(started.elapsed() < Duration::from_secs(10), "never lost");
        std::thread::sleep(Duration::from_millis(10));
    };
    before += worker.take_poses().len();
    assert_eq!(before, 20, "every frame before the loss is delivered");
    let said_after = lost_at.duration_since(last_frame_at);
    assert!(said_after < Duration::from_secs(1), "{said_after:?}");
    let mut after = 0;
    while after < 10 {
        after += worker.take_poses().len();
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "never came back"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(worker.status(), WorkerStatus::Running);
}

/// What the scripted feed does; the test switches it.
#[derive(Default)]
struct FeedState {
    lost: bool,
    t_secs: f64,
    /// The worker failed for good with this (model, not camera).
    failed: Option<String>,
}

struct ScriptedFeed(Arc<Mutex<FeedState>>);

impl FrameFeed for ScriptedFeed {
    fn latest(&mut self) -> Option<LiveFrame> {
        let mut s = self.0.lock().expect("state");
        if s.lost {
            return None;
        }
        s.t_secs += 1.0 / 30.0;
        Some(LiveFrame {
            pose_frame: person(s.t_secs),
            image: None,
            timings: FrameTimings::default(),
        })
    }

    fn status(&self) -> WorkerStatus {
        if let Some(message) = &self.0.lock().expect("state").failed {
            return WorkerStatus::Failed {
                message: message.clone(),
                source_failed: false,
            };
        }
        if self.0.lock().expect("state").lost {
            WorkerStatus::Reconnecting {
                message: lost().to_string(),
            }
        } else {
            WorkerStatus::Running
        }
    }
}

/// The app: the notice during the loss, the set and its saved reps kept, counting resumed.
#[test]
fn the_set_survives_a_lost_camera() {
    let dir = tempfile::tempdir().expect("tmp");
    let state = Arc::new(Mutex::new(FeedState::default()));
    let mut h = app_on(dir.path(), state.clone());
    h.run_steps(22);
    assert!(matches!(h.state().session().stage(), Stage::Set { .. }));
    let reps_before = h.state().session().live().reps_in_set;
    assert!(reps_before >= 2, "{reps_before} reps before the loss");

    state.lock().expect("state").lost = true;
    h.run_steps(30);
    h.get_by_label_contains("The camera was lost");
    h.get_by_label_contains("plug it back in");
    assert!(matches!(h.state().session().stage(), Stage::Set { .. }));
    assert_eq!(h.state().session().live().reps_in_set, reps_before);
    let saved = |h: &Harness<'_, CoachApp>| {
        h.state()
            .session()
            .history()
            .expect("history")
            .reps(None)
            .expect("reps")
            .len() as u32
    };
    assert_eq!(saved(&h), reps_before, "the reps so far are saved");

    state.lock().expect("state").lost = false;
    h.run_steps(20);
    assert!(h.query_by_label_contains("The camera was lost").is_none());
    let reps_after = h.state().session().live().reps_in_set;
    assert!(
        reps_after > reps_before,
        "{reps_after} after, {reps_before} before"
    );
    assert_eq!(saved(&h), reps_after);
}

/// The app on the scripted feed, 1280x720, English, starting a knee-bend set.
fn app_on(dir: &std::path::Path, state: Arc<Mutex<FeedState>>) -> Harness<'static, CoachApp> {
    let feed_state = state;
    let library = ExerciseLibrary::embedded().expect("library");
    let app = CoachApp::new(AppSetup {
        library: library.exercises().to_vec(),
        history: Some(History::open(dir).expect("history")),
        history_error: None,
        feed: Box::new(move |_: &Settings| {
            Ok(Box::new(ScriptedFeed(feed_state.clone())) as Box<dyn FrameFeed>)
        }),
        cameras: Box::new(|| Ok(Vec::new())),
        fixed_source: None,
        start_exercises: vec!["knee-bend".into()],
        unix_base_secs: 1_790_000_000.0,
        utc_offset_secs: 0,
        export_dir: dir.to_owned(),
        coach: Some(Box::new(|item: &PlanItem, _lang: Lang| {
            Box::new(ScriptedCoach::new(item.reps, 6, 0.2)) as Box<dyn Coach>
        })),
        system_lang: Lang::En,
        forced_lang: Some(Lang::En),
        speech: None,
        voice_notice: None,
        speech_pending: None,
        voice_log: None,
    });
    Harness::builder()
        .with_size(egui::vec2(1280.0, 720.0))
        .with_context_setup(apply_style)
        .build_ui_state(|ui, app: &mut CoachApp| app.frame_ui(ui), app)
}

/// A damaged model under the live app is reported as what it is, with its fix, not as a
/// camera fault ("Or choose another camera" would send the user the wrong way).
#[test]
fn a_damaged_model_in_the_live_app_is_not_called_a_camera_fault() {
    let dir = tempfile::tempdir().expect("tmp");
    let state = Arc::new(Mutex::new(FeedState {
        failed: Some(
            "model file models/pose_detection.onnx is damaged or not an ONNX model (...). \
             Restore it with `git checkout -- models/`."
                .into(),
        ),
        lost: true,
        ..FeedState::default()
    }));
    let mut h = app_on(dir.path(), state);
    h.run_steps(5);
    h.get_by_label_contains("Coaching stopped: model file");
    h.get_by_label_contains("Restore it");
    assert!(h.query_by_label_contains("Camera stopped").is_none());
    assert!(h.query_by_label_contains("choose another camera").is_none());
}

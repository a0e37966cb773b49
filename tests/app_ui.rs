//! The coach app's screens with egui_kittest: the pain button, the pain keys, the library
//! multi-select, the info screen, the summary, the settings (kept in the history and given
//! to the camera); the Before-you-begin screen fitting 1280x800 and 1024x768; snapshots of
//! the main screens, in English and Danish; the language and voice settings; the voice-off
//! indicator; the live cue's size at 3 m.
#![allow(clippy::unwrap_used)]

mod common;
use common::{ScriptedCoach, figure_pose};

use backcoach::app::{AppSetup, CoachApp, FrameFeed, Screen, apply_style};
use backcoach::exercise::{DemoView, ExerciseLibrary, neutral_figure};
use backcoach::i18n::Lang;
use std::sync::{Arc, Mutex};

use backcoach::history::{History, PainReport, Settings};
use backcoach::pipeline::{FrameTimings, LiveFrame, WorkerStatus};
use backcoach::pose::PoseFrame;
use backcoach::session::{Coach, PlanItem, Stage};
use backcoach::source::camera::CameraListing;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// A screen's English words, from the catalogue.
fn en(key: &str) -> String {
    backcoach::i18n::tr(Lang::En, key)
}

/// The pain button's English label.
fn pain_button() -> String {
    en("top-pain-button")
}
/// Frames per rep of the scripted coach.
const FRAMES_PER_REP: u32 = 6;

/// A person standing still, one frame per call, 30 frames/s.
struct StandingFeed {
    t_secs: f64,
}

impl FrameFeed for StandingFeed {
    fn latest(&mut self) -> Option<LiveFrame> {
        self.t_secs += 1.0 / 30.0;
        let mut pose = figure_pose(&neutral_figure(DemoView::Front), 720.0, 280.0);
        pose.score = 0.95;
        Some(LiveFrame {
            pose_frame: PoseFrame {
                t_secs: self.t_secs,
                image_size: [1280, 720],
                pose: Some(pose),
                people_detected: Some(1),
                brightness: None,
            },
            image: None,
            timings: FrameTimings {
                inference_ms: 12.0,
                latency_ms: 30.0,
                fps: 30.0,
                ready_at: None,
            },
        })
    }

    fn status(&self) -> WorkerStatus {
        WorkerStatus::Running
    }
}

/// How a test app is built.
#[derive(Default)]
struct TestSetup {
    /// `--exercise` ids.
    start: Vec<String>,
    /// What the camera lister returns.
    cameras: Vec<CameraListing>,
    /// Makes the scripted coach never ready, asking for this.
    stance_cue: Option<String>,
    /// Records the settings each feed was opened with.
    opened_with: Option<Arc<Mutex<Vec<Settings>>>>,
    /// The system locale's language (English by default).
    system_lang: Lang,
}

fn two_cameras() -> Vec<CameraListing> {
    vec![
        CameraListing {
            index: "0".into(),
            name: "Laptop camera".into(),
        },
        CameraListing {
            index: "1".into(),
            name: "USB webcam".into(),
        },
    ]
}

fn app(start: &[&str], dir: &std::path::Path) -> CoachApp {
    app_with(
        TestSetup {
            start: start.iter().map(|s| (*s).to_owned()).collect(),
            cameras: two_cameras(),
            ..TestSetup::default()
        },
        dir,
    )
}

fn app_with(setup: TestSetup, dir: &std::path::Path) -> CoachApp {
    let library = ExerciseLibrary::embedded().unwrap();
    let opened_with = setup.opened_with;
    let cameras = setup.cameras;
    let stance_cue = setup.stance_cue;
    let system_lang = setup.system_lang;
    CoachApp::new(AppSetup {
        library: library.exercises().to_vec(),
        history: Some(History::open(dir).unwrap()),
        history_error: None,
        feed: Box::new(move |settings: &Settings| {
            if let Some(log) = &opened_with {
                log.lock().unwrap().push(settings.clone());
            }
            Ok(Box::new(StandingFeed { t_secs: 0.0 }) as Box<dyn FrameFeed>)
        }),
        cameras: Box::new(move || Ok(cameras.clone())),
        fixed_source: None,
        start_exercises: setup.start,
        unix_base_secs: 1_790_000_000.0,
        utc_offset_secs: 0,
        export_dir: dir.to_owned(),
        coach: Some(Box::new(move |item: &PlanItem, lang: Lang| {
            let mut coach = ScriptedCoach::new(item.reps, FRAMES_PER_REP, 0.2);
            // "Slow down", in the session's language.
            coach.cue = Some(backcoach::i18n::tr(lang, "cue-too_fast"));
            coach.active_faults = vec!["head_forward".into()];
            coach.stance_cue = stance_cue.clone();
            Box::new(coach) as Box<dyn Coach>
        })),
        system_lang,
        forced_lang: None,
        speech: None,
        voice_notice: None,
        speech_pending: None,
        voice_log: None,
    })
}

/// The pain reports in the app's history.
fn saved_pain_reports(h: &Harness<'_, CoachApp>) -> Vec<PainReport> {
    h.state()
        .session()
        .history()
        .unwrap()
        .pain_reports()
        .unwrap()
}

fn harness(app: CoachApp) -> Harness<'static, CoachApp> {
    harness_sized(app, 1280.0, 800.0)
}

fn harness_sized(app: CoachApp, width: f32, height: f32) -> Harness<'static, CoachApp> {
    Harness::builder()
        .with_size(egui::vec2(width, height))
        .with_context_setup(apply_style)
        .build_ui_state(|ui, app: &mut CoachApp| app.frame_ui(ui), app)
}

#[test]
fn pain_button_stops_a_set_and_shows_the_advice() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app(&["knee-bend"], dir.path()));
    h.run_steps(8);
    assert!(matches!(h.state().session().stage(), Stage::Set { .. }));
    h.snapshot("live");
    h.get_by_label(&pain_button()).click();
    h.run_steps(2);
    assert!(matches!(
        h.state().session().stage(),
        Stage::PainStopped { .. }
    ));
    h.get_by_label_contains("consult your doctor or an authorised therapist");
    h.snapshot("pain");
    // Optional answers, then the explicit choice.
    h.get_by_label("7").click();
    h.run_steps(1);
    h.get_by_label("Save").click();
    h.run_steps(2);
    h.get_by_label("End session").click();
    h.run_steps(2);
    assert_eq!(h.state().session().stage(), &Stage::Summary);
    let pain = saved_pain_reports(&h);
    assert_eq!(pain[0].intensity, Some(7));
}

#[test]
fn space_p_and_escape_stop_for_pain() {
    for key in [egui::Key::Space, egui::Key::P, egui::Key::Escape] {
        let dir = tempfile::tempdir().unwrap();
        let mut h = harness(app(&["knee-bend"], dir.path()));
        h.run_steps(8);
        assert!(matches!(h.state().session().stage(), Stage::Set { .. }));
        h.key_press(key);
        h.run_steps(2);
        assert!(
            matches!(h.state().session().stage(), Stage::PainStopped { .. }),
            "{key:?}"
        );
    }
}

#[test]
fn library_multi_select_builds_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app(&[], dir.path()));
    h.run_steps(2);
    h.snapshot("home");
    h.get_by_label("Choose exercises").click();
    h.run_steps(2);
    assert_eq!(h.state().screen(), &Screen::Library);
    // Nine exercises: knee bend is below the fold of 800 px.
    h.get_by_label("Knee bend").scroll_to_me();
    h.run_steps(SCROLL_STEPS);
    h.get_by_label("Knee bend").click();
    h.run_steps(1);
    h.get_by_label("Hip hinge").click();
    h.run_steps(1);
    // Reps stay within 5-10.
    let minus = h.get_all_by_label("-").nth(1).unwrap();
    minus.click();
    h.run_steps(1);
    h.snapshot("library");
    h.get_by_label("Done").click();
    h.run_steps(2);
    let plan = h.state().session().plan();
    let ids: Vec<&str> = plan.iter().map(|p| p.exercise.id.as_str()).collect();
    assert_eq!(ids, ["hip-hinge", "knee-bend"]);
    assert!(plan.iter().all(|p| (5..=10).contains(&p.reps)));
    assert_eq!(h.state().screen(), &Screen::Home);
}

#[test]
fn info_screen_shows_steps_and_a_pausable_demo() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app(&[], dir.path()));
    h.run_steps(1);
    h.get_by_label("Choose exercises").click();
    h.run_steps(2);
    // Exercises are in id order: back-extension, deep-squat, hip-hinge, knee-bend, ...
    h.get_all_by_label("Info").nth(3).unwrap().scroll_to_me();
    h.run_steps(SCROLL_STEPS);
    h.get_all_by_label("Info").nth(3).unwrap().click();
    h.run_steps(2);
    assert_eq!(h.state().screen(), &Screen::Info("knee-bend".into()));
    h.get_by_label("How to do it");
    h.get_by_label("Pause").click();
    h.run_steps(2);
    h.get_by_label("Play");
    h.snapshot("info");
}

/// The app after one set of 5 scripted reps of `exercise`, on the Summary.
fn summary_after_one_set(exercise: &str, dir: &std::path::Path) -> Harness<'static, CoachApp> {
    let mut a = app(&[], dir);
    let library = ExerciseLibrary::embedded().unwrap();
    let mut item = PlanItem::new(library.get(exercise).unwrap().clone());
    item.sets = 1;
    item.reps = 5;
    a.command(backcoach::session::Command::SetPlan(vec![item]));
    let mut h = harness(a);
    h.run_steps(1);
    h.get_by_label("Start").click();
    h.run_steps(5 * FRAMES_PER_REP as usize + 6);
    assert_eq!(h.state().session().stage(), &Stage::Summary);
    h
}

#[test]
fn summary_shows_reps_and_the_plot() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = summary_after_one_set("knee-bend", dir.path());
    h.get_by_label("Well done");
    h.get_by_label_contains("Reps 5   Good 4");
    h.snapshot("summary");
    let sessions = h.state().session().history().unwrap().sessions().unwrap();
    assert_eq!(sessions[0].reps, 5);
}

#[test]
fn summary_says_which_lifting_rules_were_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = summary_after_one_set("squat-lift", dir.path());
    // The scripted reps have no lifting fault: each of the three rules kept in 5 of 5.
    for rule in [
        "Keep the object close to your body",
        "Lift without turning or twisting your body; move your feet instead",
    ] {
        h.get_by_label(&format!("{rule}: kept in 5 of 5 reps"));
    }
    h.snapshot("summary_lifting");
}

#[test]
fn f12_toggles_the_debug_overlay() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app(&["knee-bend"], dir.path()));
    h.run_steps(3);
    h.key_press(egui::Key::F12);
    h.run_steps(2);
    assert!(h.state().debug_overlay());
    h.get_by_label_contains("inference 12");
    // The run's figures, as `--stats` writes them.
    h.get_by_label_contains("inference p50");
    h.get_by_label_contains("judged of");
    h.get_by_label_contains("% of a core");
}

#[test]
fn settings_choose_camera_resolution_and_mirror_and_persist() {
    let dir = tempfile::tempdir().unwrap();
    let opened = Arc::new(Mutex::new(Vec::new()));
    let setup = || TestSetup {
        cameras: two_cameras(),
        opened_with: Some(opened.clone()),
        ..TestSetup::default()
    };
    let mut h = harness(app_with(setup(), dir.path()));
    h.run_steps(1);
    h.get_by_label("Settings").click();
    h.run_steps(2);
    assert_eq!(h.state().screen(), &Screen::Settings);
    assert_eq!(h.state().session().settings(), &Settings::default());
    h.get_by_label("USB webcam").click();
    h.run_steps(1);
    h.get_by_label("640×480").click();
    h.run_steps(1);
    h.get_by_label("Mirror view: On").click();
    h.run_steps(2);
    h.snapshot("settings");
    let wanted = Settings {
        camera: "1".into(),
        width: 640,
        height: 480,
        mirror: true,
        ..Settings::default()
    };
    assert_eq!(h.state().session().settings(), &wanted);
    // Stored in the history at once.
    assert_eq!(
        History::open(dir.path()).unwrap().settings().unwrap(),
        wanted
    );
    h.get_by_label("Back").click();
    h.run_steps(1);
    assert_eq!(h.state().screen(), &Screen::Home);
    drop(h);

    // A new start reads them back, and the camera is opened with them.
    let mut h = harness(app_with(setup(), dir.path()));
    h.run_steps(2);
    assert_eq!(h.state().session().settings(), &wanted);
    h.get_by_label("Settings").click();
    h.run_steps(2);
    h.get_by_label("Mirror view: Off").click();
    h.run_steps(2);
    assert!(!h.state().session().settings().mirror);
    assert!(
        !History::open(dir.path())
            .unwrap()
            .settings()
            .unwrap()
            .mirror
    );
    h.get_by_label("Mirror view: On").click();
    h.run_steps(2);
    h.get_by_label("Back").click();
    h.run_steps(2);
    h.get_by_label("Choose exercises").click();
    h.run_steps(2);
    h.get_by_label("Knee bend").scroll_to_me();
    h.run_steps(SCROLL_STEPS);
    h.get_by_label("Knee bend").click();
    h.run_steps(2);
    h.get_by_label("Done").click();
    h.run_steps(2);
    h.get_by_label("Start").click();
    h.run_steps(3);
    assert_eq!(opened.lock().unwrap().as_slice(), &[wanted]);
}

#[test]
fn settings_say_plainly_when_no_camera_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_with(TestSetup::default(), dir.path()));
    h.run_steps(1);
    h.get_by_label("Settings").click();
    h.run_steps(2);
    h.get_by_label("No camera found");
    h.get_by_label("Look again").click();
    h.run_steps(1);
    h.get_by_label("No camera found");
}

/// Every node with this label lies inside the window.
fn assert_inside(h: &Harness<'_, CoachApp>, label: &str, size: egui::Vec2) {
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, size);
    let rect = h.get_by_label(label).rect();
    assert!(
        window.contains_rect(rect),
        "{label:?} at {rect:?} is outside the {size:?} window"
    );
}

/// Frames for a scroll to finish its animation.
const SCROLL_STEPS: usize = 30;

/// The stance cue of the scripted coach on the Before-you-begin screen.
const STANCE_CUE: &str = "Step your feet hip-width apart";

/// The Before-you-begin screen at a window size: the cue and the pain button inside.
fn before_you_begin_fits(width: f32, height: f32, snapshot: &str) {
    let dir = tempfile::tempdir().unwrap();
    let setup = TestSetup {
        start: vec!["knee-bend".into()],
        stance_cue: Some(STANCE_CUE.into()),
        ..TestSetup::default()
    };
    let mut h = harness_sized(app_with(setup, dir.path()), width, height);
    h.run_steps(4);
    assert!(matches!(
        h.state().session().stage(),
        Stage::BeforeYouBegin { .. }
    ));
    let size = egui::vec2(width, height);
    assert_inside(&h, STANCE_CUE, size);
    assert_inside(&h, &pain_button(), size);
    h.snapshot(snapshot);
    h.get_by_label("End session").scroll_to_me();
    h.run_steps(SCROLL_STEPS);
    assert_inside(&h, "End session", size);
}

#[test]
fn before_you_begin_fits_1280x800() {
    before_you_begin_fits(1280.0, 800.0, "before");
}

#[test]
fn before_you_begin_fits_1024x768() {
    before_you_begin_fits(1024.0, 768.0, "before_1024x768");
}

#[test]
fn home_and_pain_screens_fit_1024x768() {
    let size = egui::vec2(1024.0, 768.0);
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_sized(app(&[], dir.path()), size.x, size.y);
    h.run_steps(2);
    for label in ["Choose exercises", "History", "Settings"] {
        assert_inside(&h, label, size);
    }
    let mut h = harness_sized(app(&["knee-bend"], dir.path()), size.x, size.y);
    h.run_steps(8);
    h.get_by_label(&pain_button()).click();
    h.run_steps(2);
    h.get_by_label_contains("consult your doctor or an authorised therapist");
    for label in ["End session", "Next exercise", "Try this one again"] {
        h.get_by_label(label).scroll_to_me();
        h.run_steps(SCROLL_STEPS);
        assert_inside(&h, label, size);
    }
}

#[test]
fn home_pain_report_saves_the_number_and_where() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app(&[], dir.path()));
    h.run_steps(2);
    // The pain diary is below today's plan and the week.
    h.get_by_label("4").scroll_to_me();
    h.run_steps(SCROLL_STEPS);
    h.get_by_label("4").click();
    h.run_steps(2);
    let field = || egui::accesskit::Role::TextInput;
    h.get_by_role_and_label(field(), "Where? (optional)")
        .focus();
    h.run_steps(1);
    h.get_by_role_and_label(field(), "Where? (optional)")
        .type_text("lower back ");
    h.run_steps(2);
    h.get_by_label("Save pain report").scroll_to_me();
    h.run_steps(SCROLL_STEPS);
    h.snapshot("home_pain");
    h.get_by_label("Save pain report").click();
    h.run_steps(2);
    let pain = saved_pain_reports(&h);
    assert_eq!(pain.len(), 1);
    assert_eq!(pain[0].intensity, Some(4));
    assert_eq!(pain[0].location, "lower back");
}

#[test]
fn history_report_button_writes_the_report_and_shows_where() {
    let size = egui::vec2(1024.0, 768.0);
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_sized(app(&[], dir.path()), size.x, size.y);
    h.run_steps(2);
    h.get_by_label("History").click();
    h.run_steps(2);
    for label in ["Back", "Export JSON", "Export CSV", "Report"] {
        assert_inside(&h, label, size);
    }
    h.get_by_label("Report").click();
    h.run_steps(2);
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert!(html.contains("Exercise and pain record"));
    h.get_by_label_contains("Report saved:");
    assert_inside(&h, "Report", size);
}

/// A screen's Danish words, from the catalogue.
fn da(key: &str) -> String {
    backcoach::i18n::tr(Lang::Da, key)
}

#[test]
fn danish_history_report_button_writes_the_report_in_danish() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_sized(danish_app(&[], dir.path()), 1024.0, 768.0);
    h.run_steps(2);
    h.get_by_label(&da("home-history")).click();
    h.run_steps(2);
    h.get_by_label(&da("history-report")).click();
    h.run_steps(2);
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert!(html.contains("<html lang=\"da\">"), "lang=da");
    assert!(html.contains(&da("report-heading")) && html.contains(">Smertedagbog</h2>"));
    assert!(!html.contains("Exercise and pain record"));
}

/// An app on a Danish system.
fn danish_app(start: &[&str], dir: &std::path::Path) -> CoachApp {
    app_with(
        TestSetup {
            start: start.iter().map(|s| (*s).to_owned()).collect(),
            cameras: two_cameras(),
            system_lang: Lang::Da,
            ..TestSetup::default()
        },
        dir,
    )
}

#[test]
fn danish_home_shows_danish_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = danish_app(&[], dir.path());
    let library = ExerciseLibrary::embedded().unwrap();
    let item = PlanItem::new(library.get("knee-bend").unwrap().clone());
    a.command(backcoach::session::Command::SetPlan(vec![item]));
    let mut h = harness(a);
    h.run_steps(2);
    assert_eq!(h.state().lang(), Lang::Da);
    for key in [
        "home-start",
        "home-choose",
        "home-history",
        "home-settings",
        "top-pain-button",
    ] {
        assert_ne!(da(key), en(key), "{key} is translated");
        h.get_by_label(&da(key));
        assert!(h.query_by_label(&en(key)).is_none(), "no English {key}");
    }
    h.get_by_label(&da("home-plan"));
    h.snapshot("home_da");
}

#[test]
fn danish_live_set() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(danish_app(&["knee-bend"], dir.path()));
    h.run_steps(8);
    assert!(matches!(h.state().session().stage(), Stage::Set { .. }));
    h.get_by_label(&da("top-pain-button"));
    h.get_by_label(&backcoach::i18n::tr_args(
        Lang::Da,
        "live-set",
        &[("set", 1u32.into()), ("sets", 2u32.into())],
    ));
    assert!(h.query_by_label(&pain_button()).is_none());
    h.snapshot("live_da");
    h.get_by_label(&da("top-pain-button")).click();
    h.run_steps(2);
    h.get_by_label(&da("pain-advice"));
    h.get_by_label(&da("pain-try-again"));
}

#[test]
fn settings_language_dansk_changes_home_and_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app(&[], dir.path()));
    h.run_steps(1);
    h.get_by_label(&en("home-settings")).click();
    h.run_steps(2);
    h.get_by_label("Dansk").click();
    h.run_steps(2);
    assert_eq!(h.state().session().settings().language, Some(Lang::Da));
    let stored = History::open(dir.path()).unwrap().settings().unwrap();
    assert_eq!(stored.language, Some(Lang::Da));
    // The settings screen itself is Danish at once; back on Home, so is every button.
    h.get_by_label(&da("settings-title"));
    h.get_by_label(&da("common-back")).click();
    h.run_steps(2);
    assert_eq!(h.state().screen(), &Screen::Home);
    h.get_by_label(&da("home-choose"));
    assert!(h.query_by_label(&en("home-choose")).is_none());
    // "System" follows the system's English again.
    h.get_by_label(&da("home-settings")).click();
    h.run_steps(2);
    h.get_by_label(&da("settings-language-system")).click();
    h.run_steps(2);
    assert_eq!(h.state().session().settings().language, None);
    h.get_by_label(&en("common-back")).click();
    h.run_steps(2);
    h.get_by_label(&en("home-choose"));
}

#[test]
fn settings_voice_speed_volume_and_tempo_calls_are_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app(&[], dir.path()));
    h.run_steps(1);
    h.get_by_label("Settings").click();
    h.run_steps(2);
    for label in ["Voice: Off", "Slow", "Low", "Tempo calls: Off"] {
        h.get_by_label(label).scroll_to_me();
        h.run_steps(SCROLL_STEPS);
        h.get_by_label(label).click();
        h.run_steps(2);
    }
    let wanted = Settings {
        voice: false,
        voice_rate_percent: 80,
        voice_volume_percent: 40,
        tempo_calls: false,
        ..Settings::default()
    };
    assert_eq!(h.state().session().settings(), &wanted);
    assert_eq!(
        History::open(dir.path()).unwrap().settings().unwrap(),
        wanted
    );
    h.snapshot("settings_voice");
    for label in ["Fast", "High", "Voice: On"] {
        h.get_by_label(label).scroll_to_me();
        h.run_steps(SCROLL_STEPS);
        h.get_by_label(label).click();
        h.run_steps(2);
    }
    let settings = h.state().session().settings();
    assert_eq!(
        (
            settings.voice,
            settings.voice_rate_percent,
            settings.voice_volume_percent
        ),
        (true, 130, 100)
    );
}

/// Smallest size of the "Voice off" indicator's text, points (read from 2-3 m).
const VOICE_OFF_MIN_HEIGHT: f32 = 24.0;

#[test]
fn m_shows_a_large_voice_off_indicator() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app(&["knee-bend"], dir.path()));
    h.run_steps(4);
    h.get_by_label(&en("top-voice-hint"));
    assert!(h.query_by_label(&en("top-voice-off")).is_none());
    h.key_press(egui::Key::M);
    h.run_steps(2);
    assert!(!h.state().session().settings().voice);
    let rect = h.get_by_label(&en("top-voice-off")).rect();
    assert!(rect.height() >= VOICE_OFF_MIN_HEIGHT, "{rect:?}");
    assert_inside(&h, &en("top-voice-off"), egui::vec2(1280.0, 800.0));
    h.key_press(egui::Key::M);
    h.run_steps(2);
    assert!(h.state().session().settings().voice);
    h.get_by_label(&en("top-voice-hint"));
}

/// The live cue's text at a window size is at least 5 % of the window's height.
fn live_cue_is_large(width: f32, height: f32) -> egui::Rect {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_sized(app(&["knee-bend"], dir.path()), width, height);
    h.run_steps(8);
    assert!(matches!(h.state().session().stage(), Stage::Set { .. }));
    // The scripted coach's cue.
    let cue = en("cue-too_fast");
    let rect = h.get_by_label(&cue).rect();
    assert!(
        rect.height() >= 0.05 * height,
        "the cue is {} points high in a {height}-point window",
        rect.height()
    );
    assert_inside(&h, &cue, egui::vec2(width, height));
    rect
}

#[test]
fn live_cue_is_at_least_5_percent_of_the_window_height() {
    let small = live_cue_is_large(1280.0, 800.0);
    let large = live_cue_is_large(1920.0, 1080.0);
    // The type grows with the window, not only the wrapping.
    assert!(large.height() > small.height(), "{small:?} {large:?}");
}

/// A model timer that answers at once with a slow full model and a quick lite one.
fn slow_machine_timer() -> backcoach::app::ModelTimer {
    Box::new(|| {
        let (tx, rx) = std::sync::mpsc::channel();
        tx.send(Ok(backcoach::engine::choice::ModelTimings {
            full_ms: 40.0,
            lite_ms: 9.0,
            detector_ms: 12.0,
        }))
        .unwrap();
        rx
    })
}

#[test]
fn the_first_start_times_the_models_and_settings_show_and_override_the_choice() {
    use backcoach::engine::choice::ModelPreference;
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app(&[], dir.path()).with_model_timer(slow_machine_timer()));
    h.run_steps(3);
    // The camera is the source and nothing was timed yet: the figures are stored.
    let stored = History::open(dir.path()).unwrap().settings().unwrap();
    let timings = stored.model_timings.expect("timed at the first start");
    assert_eq!((timings.full_ms, timings.lite_ms), (40.0, 9.0));
    assert_eq!(stored.model, ModelPreference::Auto);
    h.get_by_label("Settings").click();
    h.run_steps(2);
    // 40 ms does not fit half of a 30 frames/s camera's 33 ms: automatic runs the lite one.
    let line = "This computer: accurate 40 ms, fast 9 ms a frame. Automatic uses: Fast.";
    h.get_by_label(line).scroll_to_me();
    h.run_steps(SCROLL_STEPS);
    h.get_by_label("Body tracking: Accurate").click();
    h.run_steps(2);
    assert_eq!(h.state().session().settings().model, ModelPreference::Full);
    assert_eq!(
        History::open(dir.path()).unwrap().settings().unwrap().model,
        ModelPreference::Full
    );
    // A second start does not time again: the stored figures are kept.
    drop(h);
    let again = app(&[], dir.path()).with_model_timer(Box::new(|| {
        panic!("timed again although the figures are stored")
    }));
    let mut h = harness(again);
    h.run_steps(2);
}

mod programme_sim;

#[test]
fn history_shows_each_exercises_programme_with_its_steps_up_and_back_offs() {
    // The app's today is the day of its clock (unix_base_secs); the simulated history
    // ends the day before, with its pain stop and diary back-off in the last 4 weeks.
    let today = (1_790_000_000.0_f64 / programme_sim::SECS_PER_DAY).floor() as i64;
    let days = 46;
    let dir = tempfile::tempdir().unwrap();
    let sim = programme_sim::simulate_for(dir.path(), today - days, days);
    assert!(today - days + sim.pain_stop_day > today - 28);
    let mut h = harness_sized(app(&[], dir.path()), 1280.0, 2400.0);
    h.run_steps(2);
    h.get_by_label("History").click();
    h.run_steps(3);
    h.get_by_label(&en("history-programme"));
    // The stopped exercise by its name, with its numbers now.
    h.get_by_label_contains("Standing knee raise: now 2 × ");
    // Its step-ups and its back-off after the pain stop, dated.
    assert!(h.query_all_by_label_contains(": up to 2 × ").count() >= 2);
    let stop = format!(
        "{}: down to 2 × ",
        backcoach::progress::short_date(
            Lang::En,
            &backcoach::progress::date_of_day(today - days + sim.pain_stop_day + 1)
        )
    );
    let stop_line = h.get_by_label_contains(&stop);
    assert!(
        format!("{stop_line:?}").contains("after a pain stop"),
        "{stop_line:?}"
    );
    // The diary's report 2 above the usual backed off that day's exercises.
    assert!(
        h.query_all_by_label_contains("after pain above your usual")
            .count()
            >= 1
    );
    if let Ok(path) = std::env::var("BACKCOACH_HISTORY_SCREENSHOT") {
        h.render().unwrap().save(path).unwrap();
    }
}

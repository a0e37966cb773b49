//! Text that fits: every screen at 1280x720, 1024x768 and 1280x800, in English and Danish,
//! with the history banner shown and the longest cue of each exercise. A label or button is
//! clipped when its rectangle (the laid-out text's) does not lie inside the window, after
//! scrolling it into view where it sits in a scroll area.
#![allow(clippy::unwrap_used)]

mod common;
use common::{ScriptedCoach, figure_pose};

use backcoach::app::{AppSetup, CoachApp, FrameFeed, Screen, apply_style};
use backcoach::exercise::{DemoView, Exercise, ExerciseLibrary, neutral_figure};
use backcoach::history::{History, Settings};
use backcoach::i18n::{self, Lang};
use backcoach::pipeline::{FrameTimings, LiveFrame, WorkerStatus};
use backcoach::pose::PoseFrame;
use backcoach::session::{Coach, PlanItem, Stage};
use backcoach::source::camera::CameraListing;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// The window sizes every screen must fit.
const SIZES: [(f32, f32); 3] = [(1280.0, 720.0), (1024.0, 768.0), (1280.0, 800.0)];
/// The history banner's error, as SQLite says it when the disk is full.
const DISK_FULL: &str = "database or disk is full";

thread_local! {
    /// The history banner's error for the apps this thread builds.
    static BANNER: std::cell::RefCell<String> = std::cell::RefCell::new(DISK_FULL.to_owned());
    /// Feeds of the apps this thread builds end early after 2 s, as a cut-off video does.
    static ENDED_EARLY: std::cell::RefCell<bool> = const { std::cell::RefCell::new(false) };
}

/// A person standing still, one frame per call, 30 frames/s.
struct StandingFeed {
    t_secs: f64,
    /// Stop after 2 s, as a video cut at 4.2 s of 14.5 s (the seconds are the issue's).
    ended_early: bool,
}

/// A feed's end, as a cut-off recording reports it.
const READ_OF_PROMISED_SECS: (f64, f64) = (4.2, 14.5);

impl FrameFeed for StandingFeed {
    fn latest(&mut self) -> Option<LiveFrame> {
        if self.ended_early && self.t_secs >= 2.0 {
            return None;
        }
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
            timings: FrameTimings::default(),
        })
    }

    fn status(&self) -> WorkerStatus {
        if self.ended_early && self.t_secs >= 2.0 {
            WorkerStatus::EndedEarly {
                message: "clip.mp4: read 4.2 s of 14.5 s: the file ends early".into(),
                read_of_promised_secs: Some(READ_OF_PROMISED_SECS),
            }
        } else {
            WorkerStatus::Running
        }
    }
}

/// An app whose scripted coach shows `cue` on every frame (and, with `stance_cue`, never
/// passes the stance check), with the "History is not being saved" banner.
fn app(
    dir: &std::path::Path,
    lang: Lang,
    start: &[&str],
    cue: Option<String>,
    stance_cue: Option<String>,
) -> CoachApp {
    app_counting(dir, lang, start, cue, stance_cue, u32::MAX)
}

/// The longest banner: the damaged-history one, as `History::open` words it for a file
/// that is not a database.
fn damaged_history_banner() -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(backcoach::history::HISTORY_FILE_NAME),
        vec![0x5a_u8; 4096],
    )
    .unwrap();
    match History::open(dir.path()) {
        Ok(_) => panic!("a damaged file opened"),
        Err(e) => e.to_string(),
    }
}

/// [`app`] whose coach counts a rep every `frames_per_rep` frames.
fn app_counting(
    dir: &std::path::Path,
    lang: Lang,
    start: &[&str],
    cue: Option<String>,
    stance_cue: Option<String>,
    frames_per_rep: u32,
) -> CoachApp {
    let ended_early = ENDED_EARLY.with(|e| *e.borrow());
    let banner = BANNER.with(|b| b.borrow().clone());
    let library = ExerciseLibrary::embedded().unwrap();
    CoachApp::new(AppSetup {
        library: library.exercises().to_vec(),
        history: Some(History::open(dir).unwrap()),
        history_error: Some(banner),
        feed: Box::new(move |_: &Settings| {
            Ok(Box::new(StandingFeed {
                t_secs: 0.0,
                ended_early,
            }) as Box<dyn FrameFeed>)
        }),
        cameras: Box::new(|| {
            Ok(vec![CameraListing {
                index: "0".into(),
                name: "Laptop camera".into(),
            }])
        }),
        fixed_source: None,
        start_exercises: start.iter().map(|s| (*s).to_owned()).collect(),
        unix_base_secs: 1_790_000_000.0,
        utc_offset_secs: 0,
        export_dir: dir.to_owned(),
        coach: Some(Box::new(move |item: &PlanItem, _lang: Lang| {
            let mut coach = ScriptedCoach::new(item.reps, frames_per_rep, 0.2);
            coach.cue = cue.clone();
            coach.stance_cue = stance_cue.clone();
            Box::new(coach) as Box<dyn Coach>
        })),
        system_lang: lang,
        forced_lang: Some(lang),
        speech: None,
        voice_notice: None,
        speech_pending: None,
        voice_log: None,
    })
}

fn harness(app: CoachApp, (width, height): (f32, f32)) -> Harness<'static, CoachApp> {
    Harness::builder()
        .with_size(egui::vec2(width, height))
        .with_context_setup(apply_style)
        .build_ui_state(|ui, app: &mut CoachApp| app.frame_ui(ui), app)
}

/// Frames for a scroll to finish its animation.
const SCROLL_STEPS: usize = 12;

/// A node's text: a label's value (AccessKit keeps a `Role::Label`'s text there), any
/// other node's label.
fn text_of(node: &egui_kittest::Node<'_>) -> Option<String> {
    let node = node.accesskit_node();
    if node.role() == egui::accesskit::Role::Label {
        node.value()
    } else {
        node.label()
    }
}

/// Every labelled node (labels, buttons) lies inside the window; one outside is scrolled
/// into view first (it may sit in a scroll area). Returns the clipped ones, described.
fn clipped(h: &mut Harness<'_, CoachApp>, what: &str) -> Vec<String> {
    let size = h.ctx.content_rect().size();
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, size).expand(0.5);
    // Labelled nodes outside the window: (AccessKit id, text, rectangle).
    let outside = |h: &Harness<'_, CoachApp>| {
        h.root()
            .children_recursive()
            .filter_map(|node| {
                let label = text_of(&node)?;
                node.accesskit_node().bounding_box()?;
                let rect = node.rect();
                (!label.trim().is_empty() && !window.contains_rect(rect))
                    .then(|| (format!("{:?}", node.accesskit_node().id()), label, rect))
            })
            .collect::<Vec<_>>()
    };
    let mut found = Vec::new();
    for (id, label, _) in outside(h) {
        if let Some(node) = h
            .root()
            .children_recursive()
            .find(|n| format!("{:?}", n.accesskit_node().id()) == id)
        {
            node.scroll_to_me();
        }
        h.run_steps(SCROLL_STEPS);
        if let Some((_, _, rect)) = outside(h).into_iter().find(|(i, _, _)| *i == id) {
            found.push(format!("{what} at {size:?}: {label:?} at {rect:?}"));
        }
    }
    found
}

/// The cues an exercise can show in `lang`: its rules' cues, and the catalogue's stance,
/// view and fault cues (any exercise can show those).
fn cues_of(exercise: &Exercise, lang: Lang) -> Vec<String> {
    let mut cues: Vec<String> = exercise
        .rules
        .iter()
        .map(|rule| exercise.rule_cue_in(rule, lang))
        .collect();
    cues.extend(
        i18n::keys(lang)
            .into_iter()
            .filter(|k| k.starts_with("cue-") || k.starts_with("stance-") || k.starts_with("view-"))
            .map(|k| i18n::tr(lang, &k)),
    );
    cues
}

/// The longest of an exercise's cues in `lang`, in characters.
fn longest_cue(exercise: &Exercise, lang: Lang) -> String {
    cues_of(exercise, lang)
        .into_iter()
        .max_by_key(|c| c.chars().count())
        .unwrap_or_default()
}

#[test]
fn the_live_cue_fits_with_the_banner() {
    let library = ExerciseLibrary::embedded().unwrap();
    let mut problems = Vec::new();
    for lang in [Lang::En, Lang::Da] {
        for exercise in library.exercises() {
            let cue = longest_cue(exercise, lang);
            for size in SIZES {
                let dir = tempfile::tempdir().unwrap();
                let app = app(dir.path(), lang, &[&exercise.id], Some(cue.clone()), None);
                let mut h = harness(app, size);
                h.run_steps(8);
                assert!(matches!(h.state().session().stage(), Stage::Set { .. }));
                h.get_by_label(&cue);
                problems.extend(clipped(&mut h, &format!("live {} {lang:?}", exercise.id)));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The longest stance or view instruction in `lang` (the Before-you-begin screen's line).
fn longest_stance_cue(lang: Lang) -> String {
    i18n::keys(lang)
        .into_iter()
        .filter(|k| k.starts_with("stance-") || k.starts_with("view-"))
        .map(|k| i18n::tr(lang, &k))
        .max_by_key(|c| c.chars().count())
        .unwrap_or_default()
}

/// Clicks the first node with this text, scrolled into view.
fn click(h: &mut Harness<'_, CoachApp>, text: &str) {
    h.get_all_by_label(text).next().unwrap().scroll_to_me();
    h.run_steps(SCROLL_STEPS);
    h.get_all_by_label(text).next().unwrap().click();
    h.run_steps(3);
}

/// Every screen, at every size, in both languages, with the longest history banner (the
/// damaged-history one, with its path): nothing clipped. (The live screen's cues are covered one exercise at a time above.)
#[test]
fn every_screen_fits_with_the_banner() {
    let banner = damaged_history_banner();
    assert!(banner.contains("Nothing was deleted"), "{banner}");
    BANNER.with(|b| *b.borrow_mut() = banner);
    let mut problems = Vec::new();
    for lang in [Lang::En, Lang::Da] {
        let t = |key: &str| i18n::tr(lang, key);
        for size in SIZES {
            let dir = tempfile::tempdir().unwrap();
            let mut check = |h: &mut Harness<'_, CoachApp>, screen: &str| {
                problems.extend(clipped(h, &format!("{screen} {lang:?}")));
            };
            // Home, Library, Info, History, Settings, Work.
            let mut h = harness(app(dir.path(), lang, &[], None, None), size);
            h.run_steps(2);
            check(&mut h, "home");
            click(&mut h, &t("home-choose"));
            check(&mut h, "library");
            click(&mut h, &t("library-info"));
            assert!(matches!(h.state().screen(), Screen::Info(_)));
            check(&mut h, "info");
            let mut h = harness(app(dir.path(), lang, &[], None, None), size);
            h.run_steps(2);
            click(&mut h, &t("home-history"));
            check(&mut h, "history");
            h.state_mut().open_settings();
            h.run_steps(3);
            check(&mut h, "settings");
            h.state_mut().open_work();
            h.run_steps(3);
            check(&mut h, "work");

            // Before you begin, with the longest stance instruction.
            let stance = longest_stance_cue(lang);
            let app = app(dir.path(), lang, &["knee-bend"], None, Some(stance.clone()));
            let mut h = harness(app, size);
            h.run_steps(4);
            assert!(matches!(
                h.state().session().stage(),
                Stage::BeforeYouBegin { .. }
            ));
            h.get_by_label(&stance);
            check(&mut h, "before you begin");

            // A set, the rest, the summary; a set, the pain stop.
            let app = app_counting(dir.path(), lang, &["knee-bend"], None, None, 1);
            let mut h = harness(app, size);
            h.run_steps(30);
            assert!(
                matches!(h.state().session().stage(), Stage::Rest { .. }),
                "{:?}",
                h.state().session().stage()
            );
            check(&mut h, "rest");
            click(&mut h, &t("common-end-session"));
            assert_eq!(h.state().session().stage(), &Stage::Summary);
            check(&mut h, "summary");
            let mut h = harness(
                app_counting(dir.path(), lang, &["knee-bend"], None, None, 3),
                size,
            );
            h.run_steps(8);
            click(&mut h, &t("top-pain-button"));
            assert!(matches!(
                h.state().session().stage(),
                Stage::PainStopped { .. }
            ));
            check(&mut h, "pain");
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A cut-off video as the camera: the live screen says how much was read, in the user's
/// language, and the notice fits.
#[test]
fn a_video_that_ends_early_says_so_on_the_live_screen() {
    ENDED_EARLY.with(|e| *e.borrow_mut() = true);
    for (lang, words) in [
        (Lang::En, "read 4.2 s of 14.5 s"),
        (Lang::Da, "4,2 s af 14,5 s blev læst"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut h = harness(
            app(dir.path(), lang, &["knee-bend"], None, None),
            (1280.0, 720.0),
        );
        h.run_steps(80);
        h.get_by_label_contains(words);
        let problems = clipped(&mut h, &format!("ended early {lang:?}"));
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}

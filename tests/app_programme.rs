//! Today's programme in the app (issue #17), with egui_kittest: Home shows the plan of
//! `backcoach plan` for today (names, sets × reps, reasons) and the week (done days,
//! categories) from a synthetic history; the Library's −/+ keep the user's own count, which
//! survives a restart and comes back to the programme's on request; a hand choice for
//! today; the Settings switch installs and removes the daily reminder in a temporary config
//! folder (the XDG autostart scheduler forced: no systemctl). English and Danish.
#![allow(clippy::unwrap_used)]

mod common;
mod programme_sim;

use std::path::Path;

use backcoach::app::reminder::ReminderConfig;
use backcoach::app::{AppSetup, CoachApp, Screen, apply_style};
use backcoach::exercise::ExerciseLibrary;
use backcoach::history::{ExerciseOverride, History, PlannedExercise, SessionStatus};
use backcoach::i18n::{Lang, tr, tr_args};
use backcoach::programme::{
    HistoryFacts, ProgrammeRules, category_name, plan_for_day, reason_text,
};
use backcoach::remind::{ReminderFiles, Scheduler};
use backcoach::session::{Coach, PlanItem};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const SECS_PER_DAY: f64 = 86_400.0;
/// The app's clock at t = 0: 2026-09-21 (a Monday), 14:13 UTC.
const UNIX_BASE_SECS: f64 = 1_790_000_000.0;
/// Frames for a scroll to finish its animation.
const SCROLL_STEPS: usize = 30;

fn today() -> i64 {
    (UNIX_BASE_SECS / SECS_PER_DAY).floor() as i64
}

/// An app on `dir`'s history at [`UNIX_BASE_SECS`] (UTC), in `lang`; no camera.
fn app(dir: &Path, lang: Lang) -> CoachApp {
    let library = ExerciseLibrary::embedded().unwrap();
    CoachApp::new(AppSetup {
        library: library.exercises().to_vec(),
        history: Some(History::open(dir).unwrap()),
        history_error: None,
        feed: Box::new(|_| Err("no camera in this test".to_owned())),
        cameras: Box::new(|| Ok(Vec::new())),
        fixed_source: None,
        start_exercises: Vec::new(),
        unix_base_secs: UNIX_BASE_SECS,
        utc_offset_secs: 0,
        export_dir: dir.to_owned(),
        coach: Some(Box::new(|item: &PlanItem, _| {
            Box::new(common::ScriptedCoach::new(item.reps, 6, 0.2)) as Box<dyn Coach>
        })),
        system_lang: lang,
        forced_lang: None,
        speech: None,
        voice_notice: None,
        speech_pending: None,
        voice_log: None,
    })
}

fn harness(app: CoachApp) -> Harness<'static, CoachApp> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_context_setup(apply_style)
        .build_ui_state(|ui, app: &mut CoachApp| app.frame_ui(ui), app)
}

/// A session at noon (UTC) of `day` in which each exercise gets 2 clean sets of 5
/// (`counted`: false → the session was opened and nothing was counted).
fn session(h: &mut History, day: i64, exercises: &[&str], counted: bool) {
    let noon = day as f64 * SECS_PER_DAY + 12.0 * 3600.0;
    let planned: Vec<PlannedExercise> = exercises
        .iter()
        .map(|id| PlannedExercise {
            exercise_id: (*id).to_owned(),
            sets: 2,
            reps: 5,
        })
        .collect();
    let s = h.start_session(noon, &planned).unwrap();
    let mut t = noon + 10.0;
    for id in exercises.iter().filter(|_| counted) {
        for set_number in 1..=2 {
            let set = h.start_set(s, id, set_number, 5, t).unwrap();
            for n in 1..=5 {
                t += 6.0;
                h.record_rep(set, &programme_sim::rep(n), t).unwrap();
            }
            t += 30.0;
            h.end_set(set, t).unwrap();
        }
    }
    h.end_session(s, SessionStatus::Completed, t + 1.0).unwrap();
}

/// The Home line of a plan entry.
fn plan_line(lang: Lang, name: &str, sets: u32, reps: u32) -> String {
    tr_args(
        lang,
        "home-plan-item",
        &[
            ("name", name.into()),
            ("sets", sets.into()),
            ("reps", reps.into()),
        ],
    )
}

/// Two clean sessions of every exercise (3 and 1 days ago), and one opened and abandoned
/// 5 days ago: every exercise stepped up to 6, 2 days of the week done.
fn two_clean_sessions(dir: &Path) {
    let library = ExerciseLibrary::embedded().unwrap();
    let ids: Vec<&str> = library.ids().collect();
    let mut h = History::open(dir).unwrap();
    session(&mut h, today() - 5, &["knee-bend"], false);
    session(&mut h, today() - 3, &ids, true);
    session(&mut h, today() - 1, &ids, true);
}

#[test]
fn home_shows_todays_plan_with_reasons_and_the_week() {
    home_plan_and_week(Lang::En);
}

#[test]
fn home_shows_todays_plan_and_the_week_in_danish() {
    home_plan_and_week(Lang::Da);
}

/// Home in `lang` on a history of two clean sessions of everything: the plan is
/// `backcoach plan`'s for today, with reasons; the week shows the 2 days done and the
/// categories trained; Start runs that plan.
fn home_plan_and_week(lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    two_clean_sessions(dir.path());
    let library = ExerciseLibrary::embedded().unwrap();
    let rules = ProgrammeRules::load_default().unwrap();
    let facts = HistoryFacts::read(&History::open(dir.path()).unwrap(), 0).unwrap();
    let expected = plan_for_day(&library, &rules, &facts, today());
    assert_eq!(expected.exercises.len(), 3);

    {
        let mut h = harness(app(dir.path(), lang));
        h.run_steps(2);
        // The session's plan is today's programme, exactly.
        let plan: Vec<(String, u32, u32)> = h
            .state()
            .session()
            .plan()
            .iter()
            .map(|p| (p.exercise.id.clone(), p.sets, p.reps))
            .collect();
        let wanted: Vec<(String, u32, u32)> = expected
            .exercises
            .iter()
            .map(|s| (s.exercise_id.clone(), s.sets, s.reps))
            .collect();
        assert_eq!(plan, wanted, "{lang:?}");
        // The very same as `backcoach plan --json` for today: names, counts, reasons.
        let cli = programme_sim::cli_plan(dir.path(), today(), lang);
        assert_eq!(cli.exercises.len(), 3);
        for (entry, standing) in cli.exercises.iter().zip(&expected.exercises) {
            assert_eq!(entry.id, standing.exercise_id);
            assert_eq!(entry.reason_code, "stepped_up", "{entry:?}");
            assert_eq!((entry.sets, entry.reps), (2, 6));
            h.get_by_label(&plan_line(lang, &entry.name, entry.sets, entry.reps));
            assert_eq!(entry.reason, reason_text(standing, &rules, lang));
            // Each exercise's reason under it (here the same reason for the three).
            let same = cli.exercises.iter().filter(|e| e.reason == entry.reason);
            assert_eq!(
                h.get_all_by_label(&entry.reason).count(),
                same.count(),
                "{}",
                entry.reason
            );
        }
        assert!(h.query_by_label(&tr(lang, "home-own-choice")).is_none());

        // The week: 7 day cells, today last; done 3 and 1 days ago (not the abandoned
        // session 5 days ago), with their categories.
        h.get_by_label(&tr(lang, "home-week"));
        assert_eq!(
            h.get_all_by_label(&tr(lang, "home-week-done")).count(),
            2,
            "{lang:?}"
        );
        assert_eq!(h.get_all_by_label("–").count(), 5, "{lang:?}");
        // 2026-09-21 is a Monday: the week runs Tuesday to Monday.
        for key in [
            "home-week-tue",
            "home-week-wed",
            "home-week-thu",
            "home-week-fri",
            "home-week-sat",
            "home-week-sun",
            "home-week-mon",
        ] {
            h.get_by_label(&tr(lang, key));
        }
        for c in backcoach::exercise::Category::ALL {
            // Every category, on each of the two days done.
            assert_eq!(
                h.get_all_by_label(&category_name(c, lang)).count(),
                2,
                "{c:?} {lang:?}"
            );
        }
        if lang == Lang::Da {
            h.get_by_label("søn");
            assert_eq!(h.get_all_by_label("mobilitet").count(), 2);
            assert_eq!(h.get_all_by_label("trænet").count(), 2);
            h.get_by_label(&tr(Lang::Da, "home-week"));
            assert!(h.query_by_label(&tr(Lang::En, "home-week")).is_none());
            h.snapshot("programme_home_da");
        } else {
            h.snapshot("programme_home");
        }
        // Start runs that plan.
        h.get_by_label(&tr(lang, "home-start")).click();
        h.run_steps(2);
        let started = h.state().session().history().unwrap().sessions().unwrap();
        let last = started.last().unwrap();
        let planned: Vec<(String, u32, u32)> = last
            .plan
            .iter()
            .map(|p| (p.exercise_id.clone(), p.sets, p.reps))
            .collect();
        assert_eq!(planned, wanted);
    }
}

/// The index among the Library's "+" buttons of an exercise's reps.
fn reps_plus_index(id: &str) -> usize {
    let library = ExerciseLibrary::embedded().unwrap();
    let i = library.exercises().iter().position(|e| e.id == id).unwrap();
    2 * i + 1
}

#[test]
fn library_plus_keeps_the_users_reps_across_a_restart_and_back_to_the_programme() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app(dir.path(), Lang::En));
    h.run_steps(2);
    let first = h.state().session().plan()[0].clone();
    let id = first.exercise.id.clone();
    let name = first.exercise.name_in(Lang::En).to_owned();
    assert_eq!((first.sets, first.reps), (2, 5));
    h.get_by_label(&plan_line(Lang::En, &name, 2, 5));
    h.get_by_label(&tr(Lang::En, "home-choose")).click();
    h.run_steps(2);
    assert_eq!(h.state().screen(), &Screen::Library);
    h.get_all_by_label("+")
        .nth(reps_plus_index(&id))
        .unwrap()
        .scroll_to_me();
    h.run_steps(SCROLL_STEPS);
    h.get_all_by_label("+")
        .nth(reps_plus_index(&id))
        .unwrap()
        .click();
    h.run_steps(2);
    // Kept in the history at once, as `backcoach plan --choose` keeps it.
    let stored = History::open(dir.path())
        .unwrap()
        .exercise_overrides()
        .unwrap();
    assert_eq!(stored[&id], ExerciseOverride { sets: 2, reps: 6 });
    h.get_by_label(&tr(Lang::En, "library-back-to-programme"));
    h.snapshot("programme_library");
    h.get_by_label(&tr(Lang::En, "library-done")).click();
    h.run_steps(2);
    assert_eq!(h.state().screen(), &Screen::Home);
    h.get_by_label(&plan_line(Lang::En, &name, 2, 6));
    drop(h);

    // A new start on the same data: Home shows the user's reps and says why, in Danish
    // too.
    let rules = ProgrammeRules::load_default().unwrap();
    for lang in [Lang::En, Lang::Da] {
        let mut h = harness(app(dir.path(), lang));
        h.run_steps(2);
        let item = h.state().session().plan()[0].clone();
        assert_eq!(
            (item.exercise.id.as_str(), item.sets, item.reps),
            (id.as_str(), 2, 6)
        );
        h.get_by_label(&plan_line(lang, item.exercise.name_in(lang), 2, 6));
        let facts = HistoryFacts::read(&History::open(dir.path()).unwrap(), 0).unwrap();
        let plan = plan_for_day(
            &ExerciseLibrary::embedded().unwrap(),
            &rules,
            &facts,
            today(),
        );
        assert_eq!(plan.exercises[0].reason.code(), "user_choice");
        let reason = reason_text(&plan.exercises[0], &rules, lang);
        assert!(reason.contains('6'), "{reason}");
        h.get_by_label(&reason);
        assert_eq!(
            programme_sim::cli_plan(dir.path(), today(), lang).exercises[0].reason,
            reason
        );
    }

    // Back to the programme: the override goes, Home shows 2 × 5 again.
    let mut h = harness(app(dir.path(), Lang::En));
    h.run_steps(2);
    h.get_by_label(&tr(Lang::En, "home-choose")).click();
    h.run_steps(2);
    click(&mut h, &tr(Lang::En, "library-back-to-programme"));
    assert!(
        History::open(dir.path())
            .unwrap()
            .exercise_overrides()
            .unwrap()
            .is_empty()
    );
    assert!(
        h.query_by_label(&tr(Lang::En, "library-back-to-programme"))
            .is_none()
    );
    h.get_by_label(&tr(Lang::En, "library-done")).click();
    h.run_steps(2);
    h.get_by_label(&plan_line(Lang::En, &name, 2, 5));
}

#[test]
fn a_hand_choice_replaces_todays_selection_until_the_programme_is_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app(dir.path(), Lang::En));
    h.run_steps(2);
    let programme: Vec<String> = h
        .state()
        .session()
        .plan()
        .iter()
        .map(|p| p.exercise.id.clone())
        .collect();
    h.get_by_label(&tr(Lang::En, "home-choose")).click();
    h.run_steps(2);
    h.get_by_label("Knee bend").scroll_to_me();
    h.run_steps(SCROLL_STEPS);
    h.get_by_label("Knee bend").click();
    h.run_steps(1);
    h.get_by_label(&tr(Lang::En, "library-done")).click();
    h.run_steps(2);
    let plan = h.state().session().plan().to_vec();
    assert_eq!(plan.len(), 1);
    // The programme's count for it: 2 × 5 at the start.
    assert_eq!(
        (plan[0].exercise.id.as_str(), plan[0].sets, plan[0].reps),
        ("knee-bend", 2, 5)
    );
    assert!(h.state().session().plan_is_hand_chosen());
    h.get_by_label(&tr(Lang::En, "home-own-choice"));
    h.get_by_label(&plan_line(Lang::En, "Knee bend", 2, 5));
    h.get_by_label(&tr(Lang::En, "home-follow-programme"))
        .click();
    h.run_steps(2);
    let back: Vec<String> = h
        .state()
        .session()
        .plan()
        .iter()
        .map(|p| p.exercise.id.clone())
        .collect();
    assert_eq!(back, programme);
    assert!(h.query_by_label(&tr(Lang::En, "home-own-choice")).is_none());
    // The Library starts again with nothing picked: Done keeps the programme.
    h.get_by_label(&tr(Lang::En, "home-choose")).click();
    h.run_steps(2);
    assert!(h.state().choices().iter().all(|c| !c.selected));
    h.get_by_label(&tr(Lang::En, "library-done")).click();
    h.run_steps(2);
    assert!(!h.state().session().plan_is_hand_chosen());
}

/// Clicks a labelled button, scrolling it into view first.
fn click(h: &mut Harness<'_, CoachApp>, label: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run_steps(SCROLL_STEPS);
    h.get_by_label(label).click();
    h.run_steps(2);
}

#[test]
fn the_settings_switch_installs_and_removes_the_reminder() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    let reminder = || ReminderConfig {
        config_dir: Some(config.clone()),
        scheduler: Some(Scheduler::Autostart),
        exe: Some("/usr/bin/backcoach".into()),
    };
    let files = ReminderFiles::under(&config);
    let data = dir.path().join("data");
    let mut h = harness(app(&data, Lang::En).with_reminder(reminder()));
    h.run_steps(1);
    h.get_by_label(&tr(Lang::En, "home-settings")).click();
    h.run_steps(2);
    let title = tr(Lang::En, "settings-reminder");
    h.get_by_label(&tr(Lang::En, "settings-reminder-status-off"));
    click(&mut h, &format!("{title}: On"));
    assert_eq!(files.installed(), Some(Scheduler::Autostart));
    let entry = std::fs::read_to_string(&files.autostart).unwrap();
    assert!(
        entry.contains("remind --wait --at 18:00 --days mon,tue,wed,thu,fri,sat,sun"),
        "{entry}"
    );
    let on_at = |time: &str| {
        tr_args(
            Lang::En,
            "settings-reminder-status-autostart",
            &[("time", time.into())],
        )
    };
    h.get_by_label(&on_at("18:00"));
    // Another time and no Sunday: the installed reminder follows at once.
    click(
        &mut h,
        &format!("{}: 08:00", tr(Lang::En, "settings-reminder-time")),
    );
    click(
        &mut h,
        &format!("{}: Sun", tr(Lang::En, "settings-reminder-days")),
    );
    let entry = std::fs::read_to_string(&files.autostart).unwrap();
    assert!(
        entry.contains("--at 08:00 --days mon,tue,wed,thu,fri,sat\n"),
        "{entry}"
    );
    h.get_by_label(&on_at("08:00"));
    h.snapshot("programme_settings_reminder");
    drop(h);

    // A restart reads the installed reminder back; Off removes it (in Danish).
    let mut h = harness(app(&data, Lang::Da).with_reminder(reminder()));
    h.run_steps(1);
    h.get_by_label(&tr(Lang::Da, "home-settings")).click();
    h.run_steps(2);
    h.get_by_label(&tr_args(
        Lang::Da,
        "settings-reminder-status-autostart",
        &[("time", "08:00".into())],
    ));
    let title = tr(Lang::Da, "settings-reminder");
    click(&mut h, &format!("{title}: {}", tr(Lang::Da, "common-off")));
    assert_eq!(files.installed(), None);
    assert!(!files.autostart.exists());
    h.get_by_label(&tr(Lang::Da, "settings-reminder-status-off"));
}

#[test]
fn the_settings_switch_says_so_when_it_cannot_write() {
    let dir = tempfile::tempdir().unwrap();
    let blocked = dir.path().join("not-a-folder");
    std::fs::write(&blocked, "a file").unwrap();
    let data = dir.path().join("data");
    let mut h = harness(app(&data, Lang::En).with_reminder(ReminderConfig {
        config_dir: Some(blocked),
        scheduler: Some(Scheduler::Autostart),
        exe: Some("/usr/bin/backcoach".into()),
    }));
    h.run_steps(1);
    h.get_by_label(&tr(Lang::En, "home-settings")).click();
    h.run_steps(2);
    click(
        &mut h,
        &format!("{}: On", tr(Lang::En, "settings-reminder")),
    );
    h.get_by_label_contains("Could not change the reminder");
    h.get_by_label(&tr(Lang::En, "settings-reminder-status-off"));
}

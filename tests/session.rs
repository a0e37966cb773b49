//! The session state machine with synthetic time and a scripted coach: the whole flow,
//! rests, history writes, the pain stop from every state, the 36-hour rule and the gesture;
//! today's programme (the plan by day, a hand choice, overrides, the week).
#![allow(clippy::unwrap_used)]

mod common;

use common::person_frame;
use common::{ScriptedCoach, figure_pose};

use backcoach::exercise::{DemoView, ExerciseLibrary, demo_pose, neutral_figure};
use backcoach::history::{History, PainReport, SessionStatus, Settings};
use backcoach::i18n::Lang;
use backcoach::landmark::Landmark;
use backcoach::pose::{ImagePoint, Pose, PoseFrame};
use backcoach::session::{
    Coach, Command, PainGesture, PlanItem, ResumeChoice, Session, Stage, StanceView, pain_gesture,
    physician_advice_due,
};

/// Frames per second of the synthetic stream.
const FPS: f64 = 10.0;
/// Frames per rep of the scripted coach.
const FRAMES_PER_REP: u32 = 40;

fn factory() -> backcoach::session::CoachFactory {
    Box::new(|item: &PlanItem, _lang: Lang| {
        let mut coach = ScriptedCoach::new(item.reps, FRAMES_PER_REP, 4.0);
        coach.rep_cue = Some("Good rep".into());
        Box::new(coach) as Box<dyn Coach>
    })
}

fn plan(ids: &[&str], sets: u32, reps: u32) -> Vec<PlanItem> {
    let lib = ExerciseLibrary::embedded().unwrap();
    ids.iter()
        .map(|id| {
            let mut item = PlanItem::new(lib.get(id).unwrap().clone());
            item.sets = sets;
            item.reps = reps;
            item.exercise.rest_secs = 10.0;
            item
        })
        .collect()
}

/// Drives the session with frames at `FPS` for `secs`, starting at app time `*t`.
fn run(session: &mut Session, t: &mut f64, secs: f64, person: bool) {
    let n = (secs * FPS).round() as u32;
    for _ in 0..n {
        *t += 1.0 / FPS;
        let frame = if person {
            person_frame(*t)
        } else {
            PoseFrame::nobody(*t, [640, 480])
        };
        session.on_frame(*t, &frame);
    }
}

#[test]
fn whole_session_flows_plan_to_summary_and_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let history = History::open(dir.path()).unwrap();
    let mut s = Session::new(
        plan(&["knee-bend", "hip-hinge"], 2, 5),
        Some(history),
        factory(),
        1e9,
    );
    assert_eq!(s.stage(), &Stage::Plan);
    let mut t = 0.0;
    s.apply(Command::Start);
    assert_eq!(
        s.stage(),
        &Stage::BeforeYouBegin {
            exercise: 0,
            set: 1
        }
    );

    // Nobody in view: the gate holds, nothing counts.
    run(&mut s, &mut t, 3.0, false);
    assert_eq!(
        s.stage(),
        &Stage::BeforeYouBegin {
            exercise: 0,
            set: 1
        }
    );
    assert_eq!(
        s.live().stance,
        Some(StanceView::NotInView {
            instruction: "I can't see you: stand in front of the camera".to_owned()
        })
    );

    // Someone steps in: the set starts; 5 reps of 4 s each.
    run(&mut s, &mut t, 0.1, true);
    assert_eq!(
        s.stage(),
        &Stage::Set {
            exercise: 0,
            set: 1
        }
    );
    run(&mut s, &mut t, 12.0, true);
    assert_eq!(s.live().reps_in_set, 3);
    run(&mut s, &mut t, 8.0, true);
    assert!(matches!(
        s.stage(),
        Stage::Rest {
            next_exercise: 0,
            next_set: 2,
            ..
        }
    ));
    assert!((s.rest_remaining_secs().unwrap() - 10.0).abs() < 0.2);

    // Rest counts down with time alone (no frames needed), then the gate again.
    s.tick(t + 5.0);
    assert!(matches!(s.stage(), Stage::Rest { .. }));
    t += 10.5;
    s.tick(t);
    assert_eq!(
        s.stage(),
        &Stage::BeforeYouBegin {
            exercise: 0,
            set: 2
        }
    );
    run(&mut s, &mut t, 20.1, true);
    assert!(matches!(
        s.stage(),
        Stage::Rest {
            next_exercise: 1,
            next_set: 1,
            ..
        }
    ));
    s.apply(Command::SkipRest);
    assert_eq!(
        s.stage(),
        &Stage::BeforeYouBegin {
            exercise: 1,
            set: 1
        }
    );
    run(&mut s, &mut t, 20.1, true);
    s.apply(Command::SkipRest);
    run(&mut s, &mut t, 20.1, true);
    assert_eq!(s.stage(), &Stage::Summary);

    let results = s.results();
    assert_eq!(results.len(), 2);
    assert_eq!(results[0].reps.len(), 10);
    assert_eq!(results[0].sets_completed, 2);
    assert_eq!(results[0].good_reps(), 8, "rep 2 of each set was too fast");
    assert_eq!(results[0].fault_counts().get("too_fast"), Some(&2));
    assert!(!results[0].signal.is_empty());
    assert_eq!(s.history_error(), None);

    let h = s.history().unwrap();
    let sessions = h.sessions().unwrap();
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].status, SessionStatus::Completed);
    assert_eq!(sessions[0].reps, 20);
    let reps = h.reps(None).unwrap();
    assert_eq!(
        reps.iter().filter(|r| r.exercise_id == "hip-hinge").count(),
        10
    );

    s.apply(Command::Home);
    assert_eq!(s.stage(), &Stage::Plan);
}

#[test]
fn each_rep_is_in_the_history_as_soon_as_it_completes() {
    let dir = tempfile::tempdir().unwrap();
    let history = History::open(dir.path()).unwrap();
    let mut s = Session::new(plan(&["knee-bend"], 2, 8), Some(history), factory(), 1e9);
    let mut t = 0.0;
    s.apply(Command::Start);
    run(&mut s, &mut t, 12.1, true);
    // Another reader (as after a crash) sees the reps already done.
    let other = History::open(dir.path()).unwrap();
    assert_eq!(other.reps(None).unwrap().len(), 3);
    assert_eq!(
        other.sessions().unwrap()[0].status,
        SessionStatus::InProgress
    );
}

/// Brings a fresh session to the named stage.
fn session_at(stage: &str, dir: &std::path::Path) -> (Session, f64) {
    let history = History::open(dir).unwrap();
    let mut s = Session::new(
        plan(&["knee-bend", "side-bend"], 2, 5),
        Some(history),
        factory(),
        1e9,
    );
    let mut t = 0.0;
    match stage {
        "plan" => {}
        "before" => s.apply(Command::Start),
        "set" => {
            s.apply(Command::Start);
            run(&mut s, &mut t, 6.0, true);
        }
        "rest" => {
            s.apply(Command::Start);
            run(&mut s, &mut t, 20.1, true);
        }
        "summary" => {
            s.apply(Command::Start);
            run(&mut s, &mut t, 1.0, true);
            s.apply(Command::EndSession);
        }
        other => panic!("unknown stage {other}"),
    }
    (s, t)
}

#[test]
fn pain_stop_works_from_every_state() {
    for stage in ["plan", "before", "set", "rest", "summary"] {
        let dir = tempfile::tempdir().unwrap();
        let (mut s, mut t) = session_at(stage, dir.path());
        let before = s.stage().clone();
        let counted_before: usize = s.results().iter().map(|r| r.reps.len()).sum();
        s.apply(Command::PainStop);
        assert!(
            matches!(
                s.stage(),
                Stage::PainStopped {
                    answered: false,
                    ..
                }
            ),
            "{stage}: {:?}",
            s.stage()
        );
        assert!(!s.is_counting(), "{stage}");
        assert_eq!(s.live().cue, None, "{stage}: cues stop");
        // Frames keep coming: nothing counts, nothing moves on by itself.
        run(&mut s, &mut t, 30.0, true);
        s.tick(t + 100.0);
        assert!(matches!(s.stage(), Stage::PainStopped { .. }), "{stage}");
        let counted_after: usize = s.results().iter().map(|r| r.reps.len()).sum();
        assert_eq!(
            counted_before, counted_after,
            "{stage}: no reps after the stop"
        );

        let active = matches!(
            before,
            Stage::BeforeYouBegin { .. } | Stage::Set { .. } | Stage::Rest { .. }
        );
        let h = s.history().unwrap();
        if active {
            let sessions = h.sessions().unwrap();
            assert_eq!(
                sessions[0].status,
                SessionStatus::StoppedForPain,
                "{stage}: saved at once"
            );
        }
        s.apply(Command::PainDetails {
            intensity: Some(6),
            location: " lower back ".into(),
        });
        assert!(matches!(
            s.stage(),
            Stage::PainStopped { answered: true, .. }
        ));
        let pain = s.history().unwrap().pain_reports().unwrap();
        assert_eq!(pain.len(), 1, "{stage}");
        assert_eq!(pain[0].intensity, Some(6));
        assert_eq!(pain[0].location, "lower back");
        if active {
            assert_eq!(pain[0].exercise_id.as_deref(), Some("knee-bend"), "{stage}");
        }
        s.apply(Command::ResumeAfterPain(ResumeChoice::EndSession));
        let expected = if active || before == Stage::Summary {
            if active { Stage::Summary } else { Stage::Plan }
        } else {
            Stage::Plan
        };
        assert_eq!(s.stage(), &expected, "{stage}");
    }
}

#[test]
fn resuming_after_pain_needs_an_explicit_choice() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, mut t) = session_at("set", dir.path());
    s.apply(Command::PainStop);
    // Skipping the questions is fine; the report is still written (no intensity).
    s.apply(Command::ResumeAfterPain(ResumeChoice::NextExercise));
    assert_eq!(
        s.stage(),
        &Stage::BeforeYouBegin {
            exercise: 1,
            set: 1
        }
    );
    let pain = s.history().unwrap().pain_reports().unwrap();
    assert_eq!(pain.len(), 1);
    assert_eq!(pain[0].intensity, None);
    run(&mut s, &mut t, 1.0, true);
    assert!(s.is_counting());
    s.apply(Command::PainStop);
    s.apply(Command::ResumeAfterPain(ResumeChoice::SameExercise));
    assert_eq!(
        s.stage(),
        &Stage::BeforeYouBegin {
            exercise: 1,
            set: 1
        }
    );
    s.apply(Command::EndSession);
    assert_eq!(s.stage(), &Stage::Summary);
    let sessions = s.history().unwrap().sessions().unwrap();
    assert_eq!(
        sessions[0].status,
        SessionStatus::StoppedForPain,
        "stays marked"
    );
}

#[test]
fn several_people_never_count() {
    let mut s = Session::new(plan(&["knee-bend"], 1, 5), None, factory(), 0.0);
    let mut t = 0.0;
    s.apply(Command::Start);
    run(&mut s, &mut t, 1.0, true);
    assert!(s.is_counting());
    for _ in 0..100 {
        t += 0.1;
        let mut frame = person_frame(t);
        frame.people_detected = Some(2);
        s.on_frame(t, &frame);
    }
    assert!(s.live().several_people);
    assert_eq!(s.live().reps_in_set, 0);
}

#[test]
fn end_session_early_is_saved_as_ended_early() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _) = session_at("set", dir.path());
    s.apply(Command::EndSession);
    assert_eq!(s.stage(), &Stage::Summary);
    let sessions = s.history().unwrap().sessions().unwrap();
    assert_eq!(sessions[0].status, SessionStatus::EndedEarly);
}

fn report(hours: f64, intensity: Option<u8>) -> PainReport {
    PainReport {
        reported_unix_secs: hours * 3600.0,
        intensity,
        location: String::new(),
        session_id: None,
        exercise_id: None,
    }
}

#[test]
fn the_36_hour_rule() {
    let now = 100.0 * 3600.0;
    assert!(!physician_advice_due(&[], now));
    assert!(
        !physician_advice_due(&[report(0.0, Some(5))], now),
        "one report shows no duration"
    );
    assert!(physician_advice_due(
        &[report(0.0, Some(5)), report(37.0, Some(5))],
        now
    ));
    assert!(!physician_advice_due(
        &[report(0.0, Some(5)), report(35.0, Some(5))],
        now
    ));
    assert!(
        !physician_advice_due(
            &[
                report(0.0, Some(5)),
                report(37.0, Some(5)),
                report(40.0, Some(3))
            ],
            now
        ),
        "a lower intensity ends it"
    );
    assert!(
        physician_advice_due(
            &[
                report(0.0, Some(5)),
                report(20.0, None),
                report(37.0, Some(5))
            ],
            now
        ),
        "reports without intensity do not break the run"
    );
    assert!(!physician_advice_due(
        &[report(0.0, Some(0)), report(40.0, Some(0))],
        now
    ));
    assert!(
        !physician_advice_due(
            &[report(0.0, Some(5)), report(37.0, Some(5))],
            10.0 * 3600.0
        ),
        "future reports are ignored"
    );
}

#[test]
fn pain_reports_from_home_feed_the_rule() {
    let dir = tempfile::tempdir().unwrap();
    let history = History::open(dir.path()).unwrap();
    let mut s = Session::new(vec![], Some(history), factory(), 0.0);
    s.tick(0.0);
    s.apply(Command::ReportPain {
        intensity: 4,
        location: "back".into(),
    });
    assert!(!s.physician_advice_due());
    s.tick(37.0 * 3600.0);
    s.apply(Command::ReportPain {
        intensity: 4,
        location: "back".into(),
    });
    assert!(s.physician_advice_due());
    s.tick(38.0 * 3600.0);
    s.apply(Command::ReportPain {
        intensity: 2,
        location: "back".into(),
    });
    assert!(!s.physician_advice_due());
}

fn set(pose: &mut Pose, lm: Landmark, x: f32, y: f32) {
    pose.landmarks[lm.index()] = Some(ImagePoint {
        x_px: x,
        y_px: y,
        visibility: 0.95,
    });
}

fn crossed_arms_pose() -> Pose {
    let mut pose = figure_pose(&neutral_figure(DemoView::Front), 1000.0, 0.0);
    // Front view: the person's left shoulder is at image x 600, right at 400; head at 100.
    set(&mut pose, Landmark::LeftElbow, 620.0, 120.0);
    set(&mut pose, Landmark::RightElbow, 380.0, 120.0);
    set(&mut pose, Landmark::LeftWrist, 460.0, 30.0);
    set(&mut pose, Landmark::RightWrist, 540.0, 30.0);
    pose
}

#[test]
fn the_gesture_is_both_wrists_crossed_above_the_head() {
    assert!(pain_gesture(&crossed_arms_pose()));
    // Hands up but not crossed.
    let mut open = crossed_arms_pose();
    set(&mut open, Landmark::LeftWrist, 640.0, 30.0);
    set(&mut open, Landmark::RightWrist, 360.0, 30.0);
    assert!(!pain_gesture(&open));
    // Crossed in front of the chest, not above the head.
    let mut low = crossed_arms_pose();
    set(&mut low, Landmark::LeftWrist, 460.0, 300.0);
    set(&mut low, Landmark::RightWrist, 540.0, 300.0);
    assert!(!pain_gesture(&low));
    // Missing landmarks never trigger it.
    let mut missing = crossed_arms_pose();
    missing.landmarks[Landmark::LeftWrist.index()] = None;
    assert!(!pain_gesture(&missing));
}

#[test]
fn no_exercise_in_the_library_makes_the_gesture() {
    let lib = ExerciseLibrary::embedded().unwrap();
    for ex in lib.exercises() {
        let period = f64::from(ex.demo.period_secs);
        for i in 0..200 {
            let t = period * f64::from(i) / 200.0;
            let pose = figure_pose(&demo_pose(ex, t), 1000.0, 0.0);
            assert!(!pain_gesture(&pose), "{} at {t:.2} s", ex.id);
        }
    }
}

#[test]
fn the_gesture_must_be_held_about_a_second() {
    let pose = crossed_arms_pose();
    let mut g = PainGesture::default();
    assert!(!g.update(0.0, Some(&pose)));
    assert!(!g.update(0.5, Some(&pose)));
    assert!(g.update(1.0, Some(&pose)));
    assert!(!g.update(1.5, Some(&pose)), "fires once");
    assert!(!g.update(1.6, None));
    assert!(!g.update(1.7, Some(&pose)), "starts over after a break");
}

#[test]
fn the_gesture_stops_a_set() {
    let mut s = Session::new(plan(&["knee-bend"], 1, 5), None, factory(), 0.0);
    let mut t = 0.0;
    s.apply(Command::Start);
    run(&mut s, &mut t, 1.0, true);
    assert!(s.is_counting());
    let pose = crossed_arms_pose();
    for _ in 0..12 {
        t += 0.1;
        let frame = PoseFrame {
            t_secs: t,
            image_size: [1000, 1000],
            pose: Some(pose.clone()),
            people_detected: None,
            brightness: None,
        };
        s.on_frame(t, &frame);
    }
    assert!(matches!(s.stage(), Stage::PainStopped { .. }));
}

#[test]
fn settings_are_a_command_stored_in_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let history = History::open(dir.path()).unwrap();
    let mut s = Session::new(vec![], Some(history), factory(), 0.0);
    assert_eq!(s.settings(), &Settings::default());
    let mirrored = Settings {
        mirror: true,
        ..Settings::default()
    };
    s.apply(Command::SaveSettings(mirrored.clone()));
    assert_eq!(s.settings(), &mirrored);
    assert_eq!(s.history().unwrap().settings().unwrap(), mirrored);
    let again = Session::new(
        vec![],
        Some(History::open(dir.path()).unwrap()),
        factory(),
        0.0,
    );
    assert_eq!(again.settings(), &mirrored);

    // Without a history the settings hold for this run.
    let mut s = Session::new(vec![], None, factory(), 0.0);
    s.apply(Command::SaveSettings(mirrored.clone()));
    assert_eq!(s.settings(), &mirrored);
}

/// Today's programme in the session (issue #17): the session's clock decides the day.
mod programme {
    use super::*;
    use backcoach::history::ExerciseOverride;
    use backcoach::programme::{HistoryFacts, ProgrammeRules, plan_for_day};

    const SECS_PER_DAY: f64 = 86_400.0;
    /// A day number (2026-09-21).
    const DAY: i64 = 20_717;

    fn programme_session(dir: &std::path::Path, unix_base_secs: f64) -> Session {
        Session::new(
            Vec::new(),
            Some(History::open(dir).unwrap()),
            factory(),
            unix_base_secs,
        )
        .with_programme(
            ExerciseLibrary::embedded().unwrap(),
            ProgrammeRules::load_default().unwrap(),
            0,
        )
    }

    /// The plan as (id, sets, reps).
    fn counts(session: &Session) -> Vec<(String, u32, u32)> {
        session
            .plan()
            .iter()
            .map(|p| (p.exercise.id.clone(), p.sets, p.reps))
            .collect()
    }

    /// `backcoach plan`'s plan for `day` on `dir`, as (id, sets, reps).
    fn expected(dir: &std::path::Path, day: i64) -> Vec<(String, u32, u32)> {
        let facts = HistoryFacts::read(&History::open(dir).unwrap(), 0).unwrap();
        plan_for_day(
            &ExerciseLibrary::embedded().unwrap(),
            &ProgrammeRules::load_default().unwrap(),
            &facts,
            day,
        )
        .exercises
        .iter()
        .map(|s| (s.exercise_id.clone(), s.sets, s.reps))
        .collect()
    }

    #[test]
    fn the_plan_is_todays_programme_and_a_new_day_replans_and_ends_a_hand_choice() {
        let dir = tempfile::tempdir().unwrap();
        // One minute before midnight (UTC).
        let mut s = programme_session(dir.path(), (DAY + 1) as f64 * SECS_PER_DAY - 60.0);
        assert_eq!(s.programme().unwrap().day(), DAY);
        assert_eq!(counts(&s), expected(dir.path(), DAY));
        assert_eq!(s.plan().len(), 3);
        assert!(!s.plan_is_hand_chosen());
        // A hand choice for today.
        s.apply(Command::SetPlan(plan(&["knee-bend"], 1, 5)));
        assert!(s.plan_is_hand_chosen());
        assert_eq!(counts(&s), [("knee-bend".to_owned(), 1, 5)]);
        s.tick(30.0);
        assert!(s.plan_is_hand_chosen(), "still today");
        // Meanwhile `backcoach plan --choose` keeps a count in the history.
        let first = expected(dir.path(), DAY)[0].0.clone();
        History::open(dir.path())
            .unwrap()
            .set_exercise_override(&first, Some(ExerciseOverride { sets: 1, reps: 9 }))
            .unwrap();
        // Midnight: tomorrow's programme, read again, the hand choice over.
        s.tick(61.0);
        assert_eq!(s.programme().unwrap().day(), DAY + 1);
        assert!(!s.plan_is_hand_chosen());
        assert_eq!(counts(&s), expected(dir.path(), DAY + 1));
        assert!(counts(&s).contains(&(first, 1, 9)), "{:?}", counts(&s));
        // An empty hand choice is the programme again; so is FollowProgramme.
        s.apply(Command::SetPlan(plan(&["hip-hinge"], 2, 6)));
        s.apply(Command::FollowProgramme);
        assert_eq!(counts(&s), expected(dir.path(), DAY + 1));
        s.apply(Command::SetPlan(plan(&["hip-hinge"], 2, 6)));
        s.apply(Command::SetPlan(Vec::new()));
        assert!(!s.plan_is_hand_chosen());
        assert_eq!(counts(&s), expected(dir.path(), DAY + 1));
    }

    #[test]
    fn an_override_is_kept_in_the_history_and_replans_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = programme_session(dir.path(), DAY as f64 * SECS_PER_DAY + 3600.0);
        let id = s.plan()[0].exercise.id.clone();
        let stored = || {
            History::open(dir.path())
                .unwrap()
                .exercise_overrides()
                .unwrap()
        };
        s.apply(Command::SetOverride {
            exercise_id: id.clone(),
            choice: Some(ExerciseOverride { sets: 3, reps: 7 }),
        });
        assert_eq!((s.plan()[0].sets, s.plan()[0].reps), (3, 7));
        assert_eq!(stored()[&id], ExerciseOverride { sets: 3, reps: 7 });
        assert_eq!(counts(&s), expected(dir.path(), DAY));
        assert_eq!(
            s.programme().unwrap().plan().exercises[0].reason.code(),
            "user_choice"
        );
        // Out of range: kept within 1-5 sets and the programme's 5-10 reps.
        s.apply(Command::SetOverride {
            exercise_id: id.clone(),
            choice: Some(ExerciseOverride { sets: 9, reps: 20 }),
        });
        assert_eq!(stored()[&id], ExerciseOverride { sets: 5, reps: 10 });
        // An exercise that does not exist is ignored.
        s.apply(Command::SetOverride {
            exercise_id: "no-such-exercise".into(),
            choice: Some(ExerciseOverride { sets: 2, reps: 6 }),
        });
        assert_eq!(stored().len(), 1);
        // A hand choice holding the exercise takes its new count too.
        s.apply(Command::SetPlan(plan(&[id.as_str()], 5, 10)));
        s.apply(Command::SetOverride {
            exercise_id: id.clone(),
            choice: None,
        });
        assert!(stored().is_empty());
        assert_eq!((s.plan()[0].sets, s.plan()[0].reps), (2, 5));
        s.apply(Command::FollowProgramme);
        assert_eq!(counts(&s), expected(dir.path(), DAY));
        assert_eq!(
            s.programme().unwrap().plan().exercises[0].reason.code(),
            "start"
        );
    }

    #[test]
    fn a_session_ended_counts_in_the_week_at_once_and_in_the_plan_from_tomorrow() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = programme_session(dir.path(), DAY as f64 * SECS_PER_DAY + 3600.0);
        let before = counts(&s);
        let first = s.plan()[0].exercise.category;
        assert!(!s.programme().unwrap().week().last().unwrap().done);
        s.apply(Command::Start);
        let mut t = 0.0;
        run(&mut s, &mut t, 20.0, true);
        assert!(s.results()[0].reps.len() >= 2, "{:?}", s.stage());
        s.apply(Command::EndSession);
        assert_eq!(s.stage(), &Stage::Summary);
        let week = s.programme().unwrap().week();
        let today = week.last().unwrap();
        assert!(today.done);
        assert_eq!(today.categories, [first]);
        s.apply(Command::Home);
        assert_eq!(
            counts(&s),
            before,
            "today's plan depends on the days before"
        );
    }
}

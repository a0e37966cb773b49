//! The voice as a sink on the session's events, with synthetic time: a scripted session
//! says exactly the expected words in order; a pain stop interrupts; stale counts are
//! dropped; mute is honoured; Danish speaks Danish.
#![allow(clippy::unwrap_used)]

mod common;

use common::ScriptedCoach;
use common::person_frame;

use backcoach::exercise::ExerciseLibrary;
use backcoach::i18n::{Lang, tr};
use backcoach::pose::PoseFrame;
use backcoach::session::{Coach, Command, EventKind, PlanItem, Session, SessionEvent, Stage};
use backcoach::voice::planner::{COUNT_STALE_SECS, TEMPO_BEAT_SECS};
use backcoach::voice::{SpeechAction, Utterance, UtteranceKind, VoiceOptions, VoicePlanner};

const FPS: f64 = 10.0;
/// 2 s per rep at 10 frames per second.
const FRAMES_PER_REP: u32 = 20;

fn plan(sets: u32, reps: u32, rest_secs: f32) -> Vec<PlanItem> {
    let lib = ExerciseLibrary::embedded().unwrap();
    let mut item = PlanItem::new(lib.get("knee-bend").unwrap().clone());
    item.sets = sets;
    item.reps = reps;
    item.exercise.rest_secs = rest_secs;
    vec![item]
}

fn scripted_session(sets: u32, reps: u32, rest_secs: f32, lang: Lang) -> Session {
    let factory = Box::new(|item: &PlanItem, _lang: Lang| {
        let mut coach = ScriptedCoach::new(item.reps, FRAMES_PER_REP, 2.0);
        // Rep 2 is too fast (the scripted coach's fault); the cue says so.
        coach.rep_cue = None;
        Box::new(coach) as Box<dyn Coach>
    });
    Session::new(plan(sets, reps, rest_secs), None, factory, 0.0).with_language(lang, None)
}

fn options(lang: Lang) -> VoiceOptions {
    VoiceOptions {
        enabled: true,
        tempo_calls: true,
        rate: 1.0,
        lang,
    }
}

/// Runs the session and the planner frame by frame; returns every action.
struct Run {
    session: Session,
    planner: VoicePlanner,
    t: f64,
    actions: Vec<SpeechAction>,
    options: VoiceOptions,
}

impl Run {
    fn new(session: Session, lang: Lang) -> Run {
        Run {
            session,
            planner: VoicePlanner::new(),
            t: 0.0,
            actions: Vec::new(),
            options: options(lang),
        }
    }

    fn frames(&mut self, secs: f64, person: bool) {
        for _ in 0..(secs * FPS).round() as u32 {
            self.t += 1.0 / FPS;
            let frame = if person {
                person_frame(self.t)
            } else {
                PoseFrame::nobody(self.t, [640, 480])
            };
            self.session.on_frame(self.t, &frame);
            self.voice();
        }
    }

    fn voice(&mut self) {
        let events = self.session.take_events();
        let out = self.planner.update(self.t, &events, &self.options);
        self.actions.extend(out);
    }

    fn command(&mut self, c: Command) {
        self.session.apply(c);
        self.voice();
    }

    fn said(&self) -> Vec<(UtteranceKind, String)> {
        spoken(&self.actions)
            .into_iter()
            .map(|u| (u.kind, u.text))
            .collect()
    }
}

fn spoken(actions: &[SpeechAction]) -> Vec<Utterance> {
    actions
        .iter()
        .filter_map(|a| match a {
            SpeechAction::Speak { utterance, .. } => Some(utterance.clone()),
            SpeechAction::Stop => None,
        })
        .collect()
}

fn s(kind: UtteranceKind, text: &str) -> (UtteranceKind, String) {
    (kind, text.to_owned())
}

#[test]
fn a_scripted_session_says_the_expected_words_in_order() {
    use UtteranceKind::*;
    let mut run = Run::new(scripted_session(2, 3, 15.0, Lang::En), Lang::En);
    run.command(Command::Start);
    run.frames(3.0, false); // nobody: the gate's instruction, once
    run.frames(7.0, true); // the gate opens, 3 reps of 2 s, then the rest starts
    run.frames(16.0, true); // the rest, with its countdown; set 2 is announced
    run.frames(7.0, true); // set 2: 3 reps; the session ends
    run.frames(4.0, true);
    assert_eq!(run.session.stage(), &Stage::Summary);
    let said = run.said();
    let expected = vec![
        s(Rest, "Knee bend. Set 1 of 2"),
        s(Gate, "I can't see you: stand in front of the camera"),
        // The tempo call of the first rep went stale while the gate's instruction was
        // said (dropped, not said late).
        s(Count, "1"),
        s(Count, "2. Last one"),
        s(Count, "3"),
        s(Rest, "Rest. 15 seconds"),
        s(Rest, "10 seconds"),
        s(Rest, "Knee bend. Set 2 of 2"),
        s(Count, "1"),
        s(Count, "2. Last one"),
        s(Count, "3"),
        s(Summary, "Session over. 6 reps counted. Well done"),
    ];
    assert_eq!(said, expected, "said: {said:#?}");
    // One voice at a time: each utterance starts after the previous one could be said.
    let utterances = spoken(&run.actions);
    for pair in utterances.windows(2) {
        let chars = pair[0].text.chars().count() as f64;
        assert!(
            pair[1].t_secs >= pair[0].t_secs + chars * 0.05,
            "{pair:?} overlap"
        );
    }
    // Counts are said when counted, not later than a frame after.
    for u in utterances.iter().filter(|u| u.kind == Count) {
        assert!(u.t_secs - u.event_t_secs <= 1.0 / FPS + 1e-9, "{u:?} late");
    }
}

#[test]
fn a_pain_stop_interrupts_at_once_and_says_the_advice() {
    let mut run = Run::new(scripted_session(2, 5, 15.0, Lang::En), Lang::En);
    run.command(Command::Start);
    run.frames(4.5, true);
    let before = run.actions.len();
    run.command(Command::PainStop);
    let after = &run.actions[before..];
    match after.first() {
        Some(SpeechAction::Speak {
            utterance,
            interrupt,
        }) => {
            assert!(*interrupt, "the pain advice interrupts");
            assert_eq!(utterance.kind, UtteranceKind::Pain);
            assert_eq!(utterance.text, tr(Lang::En, "pain-advice"));
            assert_eq!(utterance.t_secs, run.t, "said in the same frame");
        }
        other => panic!("expected the pain advice first, got {other:?}"),
    }
    // Nothing else is said while stopped: no counts, no tempo, no cue.
    run.frames(10.0, true);
    let later: Vec<_> = spoken(&run.actions[before..])
        .into_iter()
        .filter(|u| u.kind != UtteranceKind::Pain)
        .collect();
    assert!(later.is_empty(), "said after the pain stop: {later:?}");
}

fn ev(t_secs: f64, kind: EventKind) -> SessionEvent {
    SessionEvent { t_secs, kind }
}

fn rep(n: u32) -> EventKind {
    EventKind::Rep {
        number: n,
        target: 10,
        too_fast: false,
    }
}

fn cue_event(text: &str) -> EventKind {
    EventKind::Cue {
        text: text.into(),
        praise: false,
    }
}

/// Runs `planner` from `from` to `to` in 0.1 s steps with `script` events at their times.
fn play(
    planner: &mut VoicePlanner,
    o: &VoiceOptions,
    script: &[(f64, EventKind)],
    to: f64,
) -> Vec<SpeechAction> {
    let mut actions = Vec::new();
    let mut t = 0.0;
    let mut next = 0;
    while t <= to + 1e-9 {
        let mut events = Vec::new();
        while next < script.len() && script[next].0 <= t + 1e-9 {
            events.push(ev(t, script[next].1.clone()));
            next += 1;
        }
        actions.extend(planner.update(t, &events, o));
        t += 0.1;
    }
    actions
}

#[test]
fn stale_counts_are_dropped_not_said_late() {
    let o = options(Lang::En);
    // The app stalled for 3 s (a frame that took long): the events arrive late. Rep 1's
    // count is 2.5 s old and superseded by rep 2's: only "2" is said, at once.
    let mut planner = VoicePlanner::new();
    let mut actions = planner.update(0.0, &[], &o);
    actions.extend(planner.update(3.0, &[ev(0.5, rep(1)), ev(2.9, rep(2))], &o));
    let counts: Vec<Utterance> = spoken(&actions)
        .into_iter()
        .filter(|u| u.kind == UtteranceKind::Count)
        .collect();
    assert_eq!(counts.len(), 1, "{counts:?}");
    assert_eq!(counts[0].text, "2");
    assert_eq!(counts[0].t_secs, 3.0);
    // A lone count older than COUNT_STALE_SECS is not said at all.
    let mut planner = VoicePlanner::new();
    let late = planner.update(5.0, &[ev(5.0 - COUNT_STALE_SECS - 0.5, rep(1))], &o);
    assert!(spoken(&late).is_empty(), "{late:?}");
    // And while the voice is busy with a cue, a count cuts in rather than wait.
    let script = [
        (
            0.0,
            cue_event("Keep your hips facing forward, turn only your upper body"),
        ),
        (1.0, rep(1)),
    ];
    let actions = play(&mut VoicePlanner::new(), &o, &script, 6.0);
    let count = spoken(&actions)
        .into_iter()
        .find(|u| u.kind == UtteranceKind::Count)
        .expect("the count is said");
    assert!((count.t_secs - 1.0).abs() < 1e-6, "{count:?}");
}

#[test]
fn a_count_cuts_into_an_announcement_and_a_tempo_call() {
    let o = options(Lang::En);
    let script = [
        (
            0.0,
            EventKind::SetAnnounced {
                name: "A very long exercise name indeed, said slowly".into(),
                set: 1,
                sets: 3,
            },
        ),
        (1.0, rep(1)),
    ];
    let actions = play(&mut VoicePlanner::new(), &o, &script, 3.0);
    let count = actions
        .iter()
        .find_map(|a| match a {
            SpeechAction::Speak {
                utterance,
                interrupt,
            } if utterance.kind == UtteranceKind::Count => Some((utterance.clone(), *interrupt)),
            _ => None,
        })
        .expect("the count is said");
    assert!(count.1, "it interrupts the announcement");
    assert!(
        (count.0.t_secs - 1.0).abs() < 1e-6,
        "said at once: {:?}",
        count.0
    );
}

#[test]
fn tempo_calls_follow_the_phase_and_the_settings() {
    let phase = |calls: bool| EventKind::Phase {
        name: "Bend".into(),
        min_secs: 1.2,
        calls,
    };
    let o = options(Lang::En);
    let actions = play(&mut VoicePlanner::new(), &o, &[(0.0, phase(true))], 3.0);
    let said: Vec<(String, f64)> = spoken(&actions)
        .into_iter()
        .map(|u| (u.text, u.t_secs))
        .collect();
    assert_eq!(said.len(), 2, "{said:?}");
    assert_eq!(said[0].0, "Bend");
    assert_eq!(said[1].0, "two");
    assert!((said[1].1 - TEMPO_BEAT_SECS).abs() < 0.15, "{said:?}");
    // The exercise does not want calls, or the user turned them off: silence.
    let actions = play(&mut VoicePlanner::new(), &o, &[(0.0, phase(false))], 3.0);
    assert!(spoken(&actions).is_empty());
    let off = VoiceOptions {
        tempo_calls: false,
        ..o
    };
    let actions = play(&mut VoicePlanner::new(), &off, &[(0.0, phase(true))], 3.0);
    assert!(spoken(&actions).is_empty());
}

#[test]
fn the_same_cue_is_not_repeated_and_praise_is_not_spoken() {
    let mut planner = VoicePlanner::new();
    let o = options(Lang::En);
    let cue = |t_secs: f64, text: &str, praise: bool| SessionEvent {
        t_secs,
        kind: EventKind::Cue {
            text: text.into(),
            praise,
        },
    };
    let mut actions = Vec::new();
    let mut t = 0.0;
    let script = [
        (0.0, "Slow down", false),
        (2.5, "Good rep", true),
        (3.0, "Slow down", false),  // within the repeat time: not again
        (12.0, "Slow down", false), // later: again
    ];
    for (at, text, praise) in script {
        while t < at {
            t += 0.1;
            actions.extend(planner.update(t, &[], &o));
        }
        actions.extend(planner.update(t, &[cue(t, text, praise)], &o));
    }
    for _ in 0..50 {
        t += 0.1;
        actions.extend(planner.update(t, &[], &o));
    }
    let said: Vec<String> = spoken(&actions).into_iter().map(|u| u.text).collect();
    assert_eq!(said, vec!["Slow down", "Slow down"]);
}

#[test]
fn mute_stops_speech_and_says_nothing_until_unmuted() {
    let mut run = Run::new(scripted_session(1, 5, 15.0, Lang::En), Lang::En);
    run.command(Command::Start);
    run.frames(3.0, true);
    run.options.enabled = false;
    let before = run.actions.len();
    run.frames(4.0, true);
    let muted = &run.actions[before..];
    assert_eq!(muted.first(), Some(&SpeechAction::Stop), "{muted:?}");
    assert!(
        spoken(muted).is_empty(),
        "muted but said {:?}",
        spoken(muted)
    );
    run.options.enabled = true;
    let before = run.actions.len();
    run.frames(4.0, true);
    assert_eq!(
        spoken(&run.actions[before..])
            .first()
            .map(|u| u.text.clone()),
        Some(tr(Lang::En, "voice-unmuted")),
        "unmuting says so"
    );
    assert!(
        spoken(&run.actions[before..])
            .iter()
            .any(|u| u.kind == UtteranceKind::Count),
        "counts again after unmuting"
    );
}

#[test]
fn danish_sessions_speak_danish() {
    let mut run = Run::new(scripted_session(1, 3, 15.0, Lang::Da), Lang::Da);
    run.command(Command::Start);
    run.frames(10.0, true);
    let said = run.said();
    assert!(
        said.iter()
            .all(|(_, text)| !text.contains("Set ") && !text.contains("Last one")),
        "{said:?}"
    );
    assert!(
        said.iter().any(|(_, t)| t.contains("Sæt ét af ét")),
        "{said:?}"
    );
    assert!(
        said.iter()
            .any(|(_, t)| t.contains(&tr(Lang::Da, "voice-last-one")))
    );
    for u in spoken(&run.actions) {
        assert_eq!(u.lang, Lang::Da);
    }
}

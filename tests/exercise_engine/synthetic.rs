//! Synthetic tracks: exactly N reps and exactly the seeded faults.

use backcoach::analysis::{AnalysisReport, analyze_frames};
use backcoach::exercise::{
    ExerciseEvent, ExerciseTracker, FaultCode, GateStatus, Phase, StanceCheckKind, StanceGate,
    TrackerConfig, ViewProblem,
};

use super::exercise;
use super::synth::{Movement, Synth};

fn run(id: &str, synth: &Synth) -> AnalysisReport {
    analyze_frames(&exercise(id), synth.frames())
}

fn assert_exact(id: &str, synth: &Synth, reps: u32, faults: &[FaultCode]) -> AnalysisReport {
    let r = run(id, synth);
    assert_eq!(r.reps, reps, "{id} {synth:?}\n{}", r.summary_text());
    assert_eq!(r.partial_reps, 0, "{id}\n{}", r.summary_text());
    assert_eq!(
        r.fault_codes(),
        faults,
        "{id} {synth:?}\n{}",
        r.summary_text()
    );
    r
}

#[test]
fn clean_slow_reps_count_exactly_with_no_faults() {
    for seed in 1..=5 {
        let synth = Synth {
            reps: 3 + seed as usize,
            seed,
            ..Synth::default()
        };
        let r = assert_exact("knee-bend", &synth, synth.reps as u32, &[]);
        for rep in &r.rep_details {
            assert!(rep.faults.is_empty());
            assert!(rep.phase_secs[0] >= 1.2 && rep.phase_secs[1] >= 1.2);
        }
    }
}

#[test]
fn every_movement_counts_exactly_without_faults() {
    let cases = [
        ("knee-bend", Movement::KneeBend(40.0), 6),
        ("squat-lift", Movement::KneeBend(80.0), 4),
        ("hip-hinge", Movement::HipHinge(55.0), 5),
        ("back-extension", Movement::BackExtension(25.0), 5),
        ("side-bend", Movement::SideBend(25.0), 6),
        ("trunk-rotation", Movement::TrunkRotation(40.0), 6),
        ("knee-raise", Movement::KneeRaise(70.0), 6),
    ];
    for (id, movement, reps) in cases {
        let synth = Synth {
            movement,
            reps,
            ..Synth::default()
        };
        let r = assert_exact(id, &synth, reps as u32, &[]);
        if exercise(id).alternating {
            assert_eq!(r.reps_by_side.left, reps as u32 / 2, "{id}");
            assert_eq!(r.reps_by_side.right, reps as u32 / 2, "{id}");
        }
    }
}

#[test]
fn feet_turned_out_is_reported() {
    let synth = Synth {
        foot_out_deg: 30.0,
        ..Synth::default()
    };
    assert_exact("knee-bend", &synth, 5, &[FaultCode::FeetNotParallel]);
}

#[test]
fn fast_reps_count_and_are_too_fast() {
    let synth = Synth {
        phase_secs: 0.9,
        ..Synth::default()
    };
    let r = assert_exact("knee-bend", &synth, 5, &[FaultCode::TooFast]);
    assert!(
        r.rep_details
            .iter()
            .all(|d| d.faults == [FaultCode::TooFast])
    );
    assert!(r.cues.iter().any(|c| c.text == "Slow down"));
}

#[test]
fn locked_knees_are_reported() {
    let synth = Synth {
        rest_knee_deg: 2.0,
        ..Synth::default()
    };
    let r = assert_exact("knee-bend", &synth, 5, &[FaultCode::KneesLocked]);
    assert!(
        r.cues
            .iter()
            .any(|c| c.text == "Unlock your knees a little")
    );
}

#[test]
fn head_forward_is_reported() {
    let synth = Synth {
        head_forward: 0.35,
        ..Synth::default()
    };
    let r = assert_exact("knee-bend", &synth, 5, &[FaultCode::HeadForward]);
    assert!(r.cues.iter().any(|c| c.text == "Pull your chin in"));
}

#[test]
fn leaving_the_frame_is_reported_and_loses_no_rep() {
    let synth = Synth {
        rest_secs: 3.0,
        // Away for 2 s during the rest after the second rep (reps take 5 s + 3 s rest).
        away: Some((3.0 + 2.0 * 8.0 - 2.5, 3.0 + 2.0 * 8.0 - 0.5)),
        ..Synth::default()
    };
    let r = assert_exact("knee-bend", &synth, 5, &[FaultCode::OutOfFrame]);
    assert!(r.frames_with_person < r.frames);
}

#[test]
fn several_seeded_faults_at_once() {
    let synth = Synth {
        foot_out_deg: 30.0,
        head_forward: 0.35,
        phase_secs: 0.9,
        ..Synth::default()
    };
    assert_exact(
        "knee-bend",
        &synth,
        5,
        &[
            FaultCode::TooFast,
            FaultCode::FeetNotParallel,
            FaultCode::HeadForward,
        ],
    );
}

#[test]
fn shallow_reps_are_partial_not_counted() {
    let synth = Synth {
        movement: Movement::KneeBend(25.0),
        ..Synth::default()
    };
    let r = run("knee-bend", &synth);
    assert_eq!(r.reps, 0, "{}", r.summary_text());
    assert_eq!(r.partial_reps, 5, "{}", r.summary_text());
    assert_eq!(r.fault_codes(), [FaultCode::PartialRep]);
}

#[test]
fn still_person_and_empty_frames_give_zero_reps() {
    let still = Synth {
        reps: 0,
        rest_secs: 10.0,
        ..Synth::default()
    };
    let lib = super::library();
    for ex in lib.exercises() {
        let r = analyze_frames(ex, still.frames());
        assert_eq!((r.reps, r.partial_reps), (0, 0), "{}", ex.id);
        assert!(r.faults.is_empty(), "{}: {:?}", ex.id, r.faults);
        let nobody = Synth {
            away: Some((0.0, 100.0)),
            ..still.clone()
        };
        let r = analyze_frames(ex, nobody.frames());
        assert_eq!(r.reps, 0);
        assert_eq!(r.frames_with_person, 0);
        assert_eq!(r.fault_codes(), [FaultCode::OutOfFrame]);
    }
}

#[test]
fn sets_complete_and_counting_continues() {
    let synth = Synth {
        reps: 7,
        ..Synth::default()
    };
    let mut tracker = ExerciseTracker::new(
        &exercise("knee-bend"),
        TrackerConfig {
            reps_per_set: Some(3),
            sets: Some(2),
            ..TrackerConfig::default()
        },
    );
    let mut sets = Vec::new();
    let mut set_of_rep = Vec::new();
    for frame in synth.frames() {
        for ev in tracker.update(&frame).events {
            match ev {
                ExerciseEvent::SetCompleted { set_index, .. } => sets.push(set_index),
                ExerciseEvent::RepCompleted(rep) => set_of_rep.push(rep.set_index),
                _ => {}
            }
        }
    }
    assert_eq!(sets, [0, 1]);
    assert_eq!(set_of_rep, [0, 0, 0, 1, 1, 1, 2]);
    assert!(tracker.is_plan_done());
    assert_eq!(tracker.counts().in_set, 1);
}

#[test]
fn alternating_sets_need_reps_on_each_side() {
    let synth = Synth {
        movement: Movement::KneeRaise(70.0),
        reps: 4,
        ..Synth::default()
    };
    let mut tracker = ExerciseTracker::new(&exercise("knee-raise"), TrackerConfig::default());
    tracker.set_plan(2, 1);
    let mut sets = 0;
    for frame in synth.frames() {
        let out = tracker.update(&frame);
        sets += out
            .events
            .iter()
            .filter(|e| matches!(e, ExerciseEvent::SetCompleted { .. }))
            .count();
        if sets == 0 {
            assert!(out.counts.in_set_left <= 2 && out.counts.in_set_right <= 2);
        }
    }
    assert_eq!(sets, 1);
    assert_eq!((tracker.counts().left, tracker.counts().right), (2, 2));
}

#[test]
fn phase_view_tracks_the_tempo() {
    let synth = Synth {
        reps: 1,
        ..Synth::default()
    };
    let mut tracker = ExerciseTracker::new(&exercise("knee-bend"), TrackerConfig::default());
    let mut seen = Vec::new();
    let mut longest_out = 0.0f64;
    for frame in synth.frames() {
        let out = tracker.update(&frame);
        if seen.last() != Some(&out.phase.phase) {
            seen.push(out.phase.phase);
        }
        if out.phase.phase == Phase::Out {
            assert_eq!(out.phase.name, "Bend");
            assert!((out.phase.min_secs - 1.2).abs() < 1e-6);
            longest_out = longest_out.max(out.phase.secs_in_phase);
        }
    }
    assert_eq!(seen, [Phase::Rest, Phase::Out, Phase::Back, Phase::Rest]);
    assert!(longest_out > 1.2 && longest_out < 2.5, "{longest_out}");
}

#[test]
fn stance_gate_needs_a_one_second_hold_in_view() {
    let clean = Synth {
        reps: 0,
        rest_secs: 3.0,
        ..Synth::default()
    };
    let mut gate = StanceGate::default();
    let mut ready_at = None;
    for frame in clean.frames() {
        if gate.update(&frame) == GateStatus::Ready && ready_at.is_none() {
            ready_at = Some(frame.t_secs);
        }
    }
    let ready_at = ready_at.expect("ready");
    assert!((1.0..1.3).contains(&ready_at), "{ready_at}");

    // Feet turned out do not lock the user out (they are coached between reps); the hold
    // is the same.
    let feet_out = Synth {
        foot_out_deg: 30.0,
        ..clean.clone()
    };
    let mut gate = StanceGate::default();
    let ready = feet_out
        .frames()
        .iter()
        .any(|f| gate.update(f) == GateStatus::Ready);
    assert!(ready, "feet turned out must not block the gate");

    // A deep squat never holds: the gate asks to stand up.
    let squat = Synth {
        reps: 0,
        rest_secs: 3.0,
        rest_knee_deg: 80.0,
        ..Synth::default()
    };
    let mut gate = StanceGate::default();
    for f in squat.frames() {
        match gate.update(&f) {
            GateStatus::Adjust { failed } => {
                assert_eq!(failed, vec![StanceCheckKind::KneesNotSquatting]);
                assert_eq!(failed[0].cue(), "Stand up tall, knees only slightly bent")
            }
            other => panic!("a squat must not hold the gate: {other:?}"),
        }
    }

    let away = Synth {
        away: Some((0.0, 10.0)),
        ..clean
    };
    let mut gate = StanceGate::default();
    for f in away.frames() {
        assert_eq!(gate.update(&f), GateStatus::NotInView(ViewProblem::Nobody));
    }
}

//! Accuracy over every labelled track and the seeded synthetic set (docs/ACCURACY.md).

use std::collections::BTreeSet;

use backcoach::analysis::analyze_frames;
use backcoach::exercise::FaultCode;

use super::synth::{Movement, Synth};
use super::{exercise, library, read_track};

/// (segment, exercise, expected reps, expected left, expected right).
pub const LABELLED: [(&str, &str, u32, u32, u32); 5] = [
    ("squats", "knee-bend", 2, 0, 0),
    ("squats", "squat-lift", 2, 0, 0),
    ("bend_over", "hip-hinge", 3, 0, 0),
    ("side_twists", "trunk-rotation", 3, 2, 1),
    ("elbow_to_knee", "knee-raise", 6, 3, 3),
];

struct Scenario {
    name: &'static str,
    id: &'static str,
    synth: Synth,
    faults: &'static [FaultCode],
}

fn scenarios(seed: u64, jitter_m: f32) -> Vec<Scenario> {
    let base = Synth {
        seed,
        jitter_m,
        ..Synth::default()
    };
    let s = |f: &dyn Fn(&mut Synth)| {
        let mut x = base.clone();
        f(&mut x);
        x
    };
    vec![
        Scenario {
            name: "clean",
            id: "knee-bend",
            synth: base.clone(),
            faults: &[],
        },
        Scenario {
            name: "feet turned out",
            id: "knee-bend",
            synth: s(&|x| x.foot_out_deg = 30.0),
            faults: &[FaultCode::FeetNotParallel],
        },
        Scenario {
            name: "fast reps",
            id: "knee-bend",
            synth: s(&|x| x.phase_secs = 0.9),
            faults: &[FaultCode::TooFast],
        },
        Scenario {
            name: "locked knees",
            id: "knee-bend",
            synth: s(&|x| x.rest_knee_deg = 2.0),
            faults: &[FaultCode::KneesLocked],
        },
        Scenario {
            name: "head forward",
            id: "knee-bend",
            synth: s(&|x| x.head_forward = 0.35),
            faults: &[FaultCode::HeadForward],
        },
        Scenario {
            name: "leaves the frame",
            id: "knee-bend",
            synth: s(&|x| x.away = Some((9.0, 10.5))),
            faults: &[FaultCode::OutOfFrame],
        },
        Scenario {
            name: "hip hinge, fast, feet out",
            id: "hip-hinge",
            synth: s(&|x| {
                x.movement = Movement::HipHinge(55.0);
                x.phase_secs = 0.9;
                x.foot_out_deg = 30.0;
            }),
            faults: &[FaultCode::TooFast, FaultCode::FeetNotParallel],
        },
        Scenario {
            name: "knee raise, head forward",
            id: "knee-raise",
            synth: s(&|x| {
                x.movement = Movement::KneeRaise(70.0);
                x.reps = 6;
                x.head_forward = 0.35;
            }),
            faults: &[FaultCode::HeadForward],
        },
        Scenario {
            name: "trunk rotation, locked knees",
            id: "trunk-rotation",
            synth: s(&|x| {
                x.movement = Movement::TrunkRotation(40.0);
                x.reps = 6;
                x.rest_knee_deg = 2.0;
            }),
            faults: &[FaultCode::KneesLocked],
        },
    ]
}

#[derive(Default, Debug)]
struct Tally {
    runs: u32,
    exact: u32,
    abs_err: u32,
    tp: u32,
    fp: u32,
    fn_: u32,
}

fn synthetic_tally() -> (Tally, Vec<String>) {
    let mut t = Tally::default();
    let mut misses = Vec::new();
    for seed in 1..=10 {
        for jitter in [0.003, 0.006] {
            for sc in scenarios(seed, jitter) {
                let r = analyze_frames(&exercise(sc.id), sc.synth.frames());
                let expected = sc.synth.reps as u32;
                t.runs += 1;
                t.exact += u32::from(r.reps == expected);
                t.abs_err += r.reps.abs_diff(expected);
                let got: BTreeSet<FaultCode> = r.fault_codes().into_iter().collect();
                let want: BTreeSet<FaultCode> = sc.faults.iter().copied().collect();
                t.tp += got.intersection(&want).count() as u32;
                t.fp += got.difference(&want).count() as u32;
                t.fn_ += want.difference(&got).count() as u32;
                if got != want || r.reps != expected {
                    misses.push(format!(
                        "{} seed {seed} jitter {jitter}: reps {} (want {expected}), faults {got:?}",
                        sc.name, r.reps
                    ));
                }
            }
        }
    }
    (t, misses)
}

#[test]
fn seeded_synthetic_set_is_exact() {
    let (t, misses) = synthetic_tally();
    assert!(misses.is_empty(), "{}", misses.join("\n"));
    assert_eq!((t.fp, t.fn_), (0, 0));
}

/// Prints the numbers for docs/ACCURACY.md (`--ignored --nocapture`).
#[test]
#[ignore]
fn print_accuracy_table() {
    let mut runs = 0;
    let mut exact = 0;
    let mut abs_err = 0;
    let mut side_exact = 0;
    for (segment, id, reps, left, right) in LABELLED {
        for view in ["front", "side"] {
            let r = analyze_frames(
                &exercise(id),
                read_track(&format!("cmu_13_29_{segment}_{view}.jsonl")),
            );
            runs += 1;
            exact += u32::from(r.reps == reps);
            abs_err += r.reps.abs_diff(reps);
            side_exact += u32::from((r.reps_by_side.left, r.reps_by_side.right) == (left, right));
            println!(
                "| {segment} | {view} | {id} | {reps} | {} | {} / {} | {} |",
                r.reps, r.reps_by_side.left, r.reps_by_side.right, r.partial_reps
            );
        }
    }
    println!(
        "labelled: {exact}/{runs} exact, MAE {:.3}, sides exact {side_exact}/{runs}",
        f64::from(abs_err) / f64::from(runs)
    );
    let lib = library();
    let mut neg_runs = 0;
    let mut false_reps = 0;
    let mut partials = 0;
    for segment in ["arm_swings", "jumping_jacks"] {
        for view in ["front", "side"] {
            let frames = read_track(&format!("cmu_13_29_{segment}_{view}.jsonl"));
            for ex in lib.exercises() {
                let r = analyze_frames(ex, frames.clone());
                neg_runs += 1;
                false_reps += r.reps;
                partials += r.partial_reps;
            }
        }
    }
    println!("negatives: {neg_runs} runs, {false_reps} false reps, {partials} partials");
    let (t, misses) = synthetic_tally();
    println!(
        "synthetic: {} runs, {} exact, MAE {:.3}, faults TP {} FP {} FN {} → precision {:.3} recall {:.3}",
        t.runs,
        t.exact,
        f64::from(t.abs_err) / f64::from(t.runs),
        t.tp,
        t.fp,
        t.fn_,
        f64::from(t.tp) / f64::from((t.tp + t.fp).max(1)),
        f64::from(t.tp) / f64::from((t.tp + t.fn_).max(1)),
    );
    for m in misses {
        println!("  miss: {m}");
    }
}

//! The mechanisms behind counting on real recordings (issue "real people, real
//! cameras"): fast reps, an adaptive rest, whole-body turns, arm raises, the stance gate on
//! real BlazePose output, and the labelled development sets through `backcoach eval`.
//!
//! The development sets live in `../shared/data/` (internal evaluation only, never copied
//! here). Where they are missing the tests say so and pass locally; under CI (`CI` set)
//! a missing set fails.

use std::path::Path;

use backcoach::analysis::analyze_frames;
use backcoach::exercise::{FaultCode, GateStatus, StanceGate, body_in_view};
use backcoach::pose::PoseFrame;
use backcoach::track::TrackReader;

use super::exercise;
use super::synth::{Movement, Synth};

use crate::common::shared_data as shared;

#[test]
fn fast_squats_count_and_are_flagged() {
    // Five squats of 0.5 s each (0.25 s down, 0.25 s up): counted, each flagged too fast.
    let synth = Synth {
        phase_secs: 0.25,
        rest_secs: 1.0,
        ..Synth::default()
    };
    let r = analyze_frames(&exercise("knee-bend"), synth.frames());
    assert_eq!(r.reps, 5, "{}", r.summary_text());
    assert!(
        r.rep_details
            .iter()
            .all(|d| d.faults.contains(&FaultCode::TooFast)),
        "{:?}",
        r.rep_details
    );
    assert!(r.cues.iter().any(|c| c.text == "Slow down"));
}

#[test]
fn fast_knee_raises_count_per_side() {
    let synth = Synth {
        movement: Movement::KneeRaise(70.0),
        reps: 8,
        phase_secs: 0.2,
        rest_secs: 0.05,
        ..Synth::default()
    };
    let r = analyze_frames(&exercise("knee-raise"), synth.frames());
    assert_eq!(r.reps, 8, "{}", r.summary_text());
    assert_eq!((r.reps_by_side.left, r.reps_by_side.right), (4, 4));
}

#[test]
fn a_whole_body_turn_is_not_a_rotation_and_says_why() {
    let synth = Synth {
        movement: Movement::WholeBodyTurn(45.0),
        reps: 4,
        ..Synth::default()
    };
    let r = analyze_frames(&exercise("trunk-rotation"), synth.frames());
    assert_eq!(r.reps, 0, "{}", r.summary_text());
    assert!(
        r.fault_codes().contains(&FaultCode::HipsTurning),
        "{}",
        r.summary_text()
    );
    assert!(
        r.cues
            .iter()
            .any(|c| c.text == "Keep your hips facing forward, turn only your upper body"),
        "{:?}",
        r.cues
    );
    // The shoulders alone turning is the exercise: counted, no hips fault.
    let trunk = Synth {
        movement: Movement::TrunkRotation(40.0),
        reps: 4,
        ..Synth::default()
    };
    let r = analyze_frames(&exercise("trunk-rotation"), trunk.frames());
    assert_eq!(r.reps, 4, "{}", r.summary_text());
    assert!(!r.fault_codes().contains(&FaultCode::HipsTurning));
}

#[test]
fn reps_that_do_not_return_fully_are_not_merged() {
    // Knee bends where the person comes back only to 10° above the first rest (the start
    // threshold is 12°) for 1.5 s between reps: every rep still counts.
    let base = Synth::default().frames();
    let reps = 7;
    let (rest_deg, deep_deg, t_rep) = (10.0f32, 45.0f32, 5.0f64);
    let mut frames: Vec<PoseFrame> = Vec::new();
    let still = Synth {
        reps: 0,
        rest_secs: 2.0,
        ..Synth::default()
    };
    frames.extend(still.frames());
    let t0 = frames.last().map_or(0.0, |f| f.t_secs);
    // Re-time a one-rep synthetic bend whose rest knee is `rest_deg` deeper than before.
    let one = Synth {
        reps: 1,
        rest_secs: 1.5,
        phase_secs: 1.5,
        rest_knee_deg: 12.0 + rest_deg,
        movement: Movement::KneeBend(deep_deg - rest_deg),
        ..Synth::default()
    }
    .frames();
    for i in 0..reps {
        for f in &one {
            let mut f = f.clone();
            f.t_secs += t0 + 1.0 / 30.0 + f64::from(i) * t_rep;
            frames.push(f);
        }
    }
    drop(base);
    let r = analyze_frames(&exercise("knee-bend"), frames);
    assert_eq!(r.reps, reps, "{}", r.summary_text());
}

#[test]
fn the_counter_recovers_after_a_long_excursion() {
    // 20 s crouched (never back), then 3 bends from that new rest: the crouch is no rep,
    // the bends all count.
    let crouch = Synth {
        reps: 0,
        rest_secs: 20.0,
        rest_knee_deg: 40.0,
        ..Synth::default()
    }
    .frames();
    let t0 = crouch.last().map_or(0.0, |f| f.t_secs);
    let bends = Synth {
        reps: 3,
        rest_knee_deg: 40.0,
        movement: Movement::KneeBend(40.0),
        ..Synth::default()
    }
    .frames();
    let mut frames = Synth {
        reps: 0,
        rest_secs: 2.0,
        ..Synth::default()
    }
    .frames();
    let t_start = frames.last().map_or(0.0, |f| f.t_secs) + 1.0 / 30.0;
    frames.extend(crouch.into_iter().map(|mut f| {
        f.t_secs += t_start;
        f
    }));
    frames.extend(bends.into_iter().map(|mut f| {
        f.t_secs += t_start + t0 + 1.0 / 30.0;
        f
    }));
    let r = analyze_frames(&exercise("knee-bend"), frames);
    assert_eq!(r.reps, 3, "{}", r.summary_text());
}

#[test]
fn arm_raises_are_not_back_extensions() {
    let Some(dir) = shared("rehab") else { return };
    let frames = TrackReader::read_all(&dir.join("kimore_p1_es1_arm_raise.jsonl")).expect("reads");
    for id in ["back-extension", "hip-hinge", "side-bend", "trunk-rotation"] {
        let r = analyze_frames(&exercise(id), frames.iter().cloned());
        assert_eq!(r.reps, 0, "{id}: {}", r.summary_text());
    }
}

/// Real BlazePose output (our engine) on a real clip, through `backcoach pose`.
fn blazepose_track(video: &Path, out: &Path) -> Vec<PoseFrame> {
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_backcoach"))
        .args(["pose", "--out"])
        .arg(out)
        .arg(video)
        .status()
        .expect("runs");
    assert!(status.success());
    TrackReader::read_all(out).expect("track")
}

#[test]
fn the_gate_opens_on_real_blazepose_output_and_never_holds_a_squat() {
    let Some(dir) = shared("real") else { return };
    let tmp = tempfile::tempdir().expect("tmp");
    // A 640x480 home-webcam clip (toes tracked below the bottom edge), its first frame
    // held for 2 s as a person standing still before starting.
    let padded = tmp.path().join("front_padded.mp4");
    let status = std::process::Command::new("ffmpeg")
        .args(["-v", "error", "-y", "-i"])
        .arg(dir.join("postopcv_squats_front_overlay.mp4"))
        .args(["-vf", "tpad=start_mode=clone:start_duration=2", "-an"])
        .arg(&padded)
        .status()
        .expect("ffmpeg runs");
    assert!(status.success());
    let frames = blazepose_track(&padded, &tmp.path().join("front.jsonl"));
    let (open, said) = backcoach::eval::gate_open_secs(&frames);
    assert!(open.is_some_and(|t| t <= 3.0), "{open:?}, said {said:?}");
    let standing = frames.iter().find(|f| f.t_secs >= 1.0).expect("frames");
    assert_eq!(
        body_in_view(standing),
        Ok(()),
        "toes past the edge are fine"
    );

    // A low side camera, the far arm hidden, deep squats: the gate opens while standing
    // and a squatting person is never told to hold still.
    let frames = blazepose_track(
        &dir.join("seeed_squats_side.mp4"),
        &tmp.path().join("side.jsonl"),
    );
    let mut gate = StanceGate::default();
    for f in &frames {
        if let GateStatus::Holding { .. } = gate.update(f) {
            let m = backcoach::metrics::body_metrics(f.pose.as_ref().expect("pose"));
            let knee = m
                .value(backcoach::metrics::MetricId::KneeFlexion)
                .expect("knees");
            assert!(
                knee.to_degrees() < 50.0,
                "holding in a squat at {}",
                f.t_secs
            );
        }
    }
    assert!(backcoach::eval::gate_open_secs(&frames).0.is_some());
}

#[test]
fn noise_in_a_dim_room_is_not_a_second_person() {
    let Some(dir) = shared("real") else { return };
    let tmp = tempfile::tempdir().expect("tmp");
    // The first 2.5 s of the side-view deadlift, darkened and with sensor-like noise (the
    // `eval --conditions` dim filter; ffmpeg's noise is seeded, so the frames repeat). On
    // these frames the detector alone once found a second "person" in the noise, and
    // counting paused for a second of a real rep.
    let dim = tmp.path().join("dim.mp4");
    let status = std::process::Command::new("ffmpeg")
        .args(["-v", "error", "-y", "-t", "2.5", "-i"])
        .arg(dir.join("deadlift_side_text_man.mp4"))
        .args([
            "-vf",
            "eq=brightness=-0.18:gamma=0.7:contrast=0.8,noise=alls=18:allf=t",
            "-an",
            "-c:v",
            "libx264",
            "-crf",
            "18",
        ])
        .arg(&dim)
        .status()
        .expect("ffmpeg runs");
    assert!(status.success());
    let frames = blazepose_track(&dim, &tmp.path().join("dim.jsonl"));
    let seen = frames.iter().filter(|f| f.pose.is_some()).count();
    assert!(
        seen * 10 >= frames.len() * 9,
        "tracked in {seen}/{} frames",
        frames.len()
    );
    let crowded: Vec<f64> = frames
        .iter()
        .filter(|f| f.people_detected.unwrap_or(0) > 1)
        .map(|f| f.t_secs)
        .collect();
    assert!(crowded.is_empty(), "two people at {crowded:?}");
}

#[test]
fn a_low_frame_rate_camera_does_not_lose_the_deadlift() {
    let Some(dir) = shared("real") else { return };
    let tmp = tempfile::tempdir().expect("tmp");
    // The side-view deadlift at 12 frames/s: between sparse frames the fast lift once left
    // tracking on a collapsed skeleton (trunk 15° at the bottom instead of 70°), and three
    // of the four hinges were never counted.
    let slow = tmp.path().join("slow.mp4");
    let status = std::process::Command::new("ffmpeg")
        .args(["-v", "error", "-y", "-i"])
        .arg(dir.join("deadlift_side_text_man.mp4"))
        .args(["-vf", "fps=12", "-an", "-c:v", "libx264", "-crf", "18"])
        .arg(&slow)
        .status()
        .expect("ffmpeg runs");
    assert!(status.success());
    let frames = blazepose_track(&slow, &tmp.path().join("slow.jsonl"));
    let report = analyze_frames(&exercise("hip-hinge"), frames);
    assert!((3..=4).contains(&report.reps), "{}", report.summary_text());
}

fn eval_check(manifest: &Path) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_backcoach"))
        .args(["eval", "--check"])
        .arg(manifest)
        .output()
        .expect("runs");
    let table = String::from_utf8_lossy(&out.stdout);
    println!("{table}");
    assert!(
        out.status.success(),
        "{table}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_rehab_development_set_counts_within_range() {
    let Some(dir) = shared("rehab") else { return };
    eval_check(&dir.join("labels.json"));
}

#[test]
fn the_real_video_development_set_counts_within_range() {
    let Some(dir) = shared("real") else { return };
    eval_check(&dir.join("labels.json"));
}

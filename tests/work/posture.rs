//! Posture classification on synthetic poses: side view with legs, a desk view with the
//! upper body only, leaning for a pen, nobody, flicker.

use crate::common::pose_of as pose;
use backcoach::landmark::Landmark;
use backcoach::pose::{ImagePoint, Pose, PoseFrame};
use backcoach::work::{
    AWAY_DWELL_SECS, BOUNCE_MAX_SIT_SECS, FIRST_DECISION_SECS, FrameGate, GatedPoses,
    LowPowerSettings, PostureState, PostureTracker, SIT_STAND_DWELL_SECS, WorkSettings,
    analyze_work,
};

use PostureState::{Away, Sitting, Standing};

const SIZE: [u32; 2] = [1280, 720];

fn both(lm: (Landmark, Landmark), x: f32, y: f32) -> [(Landmark, f32, f32); 2] {
    [(lm.0, x, y), (lm.1, x + 4.0, y + 2.0)]
}

use Landmark::*;

fn side(hip: [f32; 2], knee: [f32; 2], ankle: [f32; 2], shoulder: [f32; 2]) -> Pose {
    let mut pts = Vec::new();
    pts.extend(both((LeftHip, RightHip), hip[0], hip[1]));
    pts.extend(both((LeftKnee, RightKnee), knee[0], knee[1]));
    pts.extend(both((LeftAnkle, RightAnkle), ankle[0], ankle[1]));
    pts.extend(both(
        (LeftShoulder, RightShoulder),
        shoulder[0],
        shoulder[1],
    ));
    pts.extend(both(
        (LeftEar, RightEar),
        shoulder[0] + 10.0,
        shoulder[1] - 50.0,
    ));
    pts.push((Nose, shoulder[0] + 30.0, shoulder[1] - 60.0));
    pose(&pts, 0.95)
}

fn standing_side() -> Pose {
    side(
        [600.0, 410.0],
        [605.0, 530.0],
        [600.0, 650.0],
        [600.0, 230.0],
    )
}

fn sitting_side() -> Pose {
    side(
        [600.0, 450.0],
        [720.0, 445.0],
        [720.0, 565.0],
        [590.0, 270.0],
    )
}

/// Leaning far forward to pick up a pen: the trunk folds, the seat stays.
fn leaning_for_a_pen() -> Pose {
    side(
        [600.0, 450.0],
        [720.0, 445.0],
        [720.0, 565.0],
        [740.0, 400.0],
    )
}

/// A desk view from the front: head and shoulders, the legs hidden (reported with low
/// visibility below the frame, as a landmark model does). `dy` moves the person up.
fn desk(dy: f32, face: bool) -> Pose {
    let mut pts = vec![
        (LeftShoulder, 780.0, 520.0 - dy),
        (RightShoulder, 500.0, 520.0 - dy),
    ];
    if face {
        pts.extend([
            (Nose, 640.0, 360.0 - dy),
            (LeftEye, 670.0, 330.0 - dy),
            (RightEye, 610.0, 330.0 - dy),
            (LeftEar, 710.0, 345.0 - dy),
            (RightEar, 570.0, 345.0 - dy),
        ]);
    }
    let mut p = pose(&pts, 0.95);
    for (lm, x, y) in [
        (LeftHip, 730.0, 900.0),
        (RightHip, 550.0, 900.0),
        (LeftKnee, 730.0, 1100.0),
        (RightKnee, 550.0, 1100.0),
    ] {
        p.landmarks[lm.index()] = Some(ImagePoint {
            x_px: x,
            y_px: y - dy,
            visibility: 0.2,
        });
    }
    // Wrists on the desk keep enough landmarks in view.
    for (lm, x) in [(LeftWrist, 820.0), (RightWrist, 460.0)] {
        p.landmarks[lm.index()] = Some(ImagePoint {
            x_px: x,
            y_px: 680.0 - dy.min(0.0),
            visibility: 0.9,
        });
    }
    p
}

fn frame(t: f64, pose: Option<Pose>) -> PoseFrame {
    PoseFrame {
        t_secs: t,
        image_size: SIZE,
        pose,
        people_detected: None,
        brightness: None,
    }
}

/// Frames at `fps` from `from` to `to` with poses from `f`.
fn frames(from: f64, to: f64, fps: f64, f: impl Fn(f64) -> Option<Pose>) -> Vec<PoseFrame> {
    let n = ((to - from) * fps).round() as usize;
    (0..n)
        .map(|i| {
            let t = from + i as f64 / fps;
            frame(t, f(t))
        })
        .collect()
}

/// (state, confirmed at) of every change.
fn changes(frames: &[PoseFrame]) -> Vec<(PostureState, f64)> {
    let mut tracker = PostureTracker::new();
    frames
        .iter()
        .filter_map(|f| tracker.update(f).change.map(|c| (c.to, c.confirmed_secs)))
        .collect()
}

#[test]
fn side_view_sit_stand_sit_changes_within_the_dwell_and_only_then() {
    let mut all = frames(0.0, 10.0, 10.0, |_| Some(sitting_side()));
    all.extend(frames(10.0, 20.0, 10.0, |_| Some(standing_side())));
    all.extend(frames(20.0, 30.0, 10.0, |_| Some(sitting_side())));
    let c = changes(&all);
    let states: Vec<PostureState> = c.iter().map(|c| c.0).collect();
    assert_eq!(states, vec![Sitting, Standing, Sitting], "{c:?}");
    // The first decision waits a short dwell (one frame is no evidence); changes wait
    // the full dwell.
    assert!((c[0].1 - FIRST_DECISION_SECS).abs() < 1e-9, "{c:?}");
    for (i, boundary) in [(1, 10.0), (2, 20.0)] {
        let delay = c[i].1 - boundary;
        assert!(
            (SIT_STAND_DWELL_SECS - 0.01..3.0).contains(&delay),
            "change {i} after {delay} s"
        );
    }
}

#[test]
fn leaning_to_pick_up_a_pen_is_still_sitting() {
    let mut all = frames(0.0, 10.0, 2.0, |_| Some(sitting_side()));
    all.extend(frames(10.0, 15.0, 2.0, |_| Some(leaning_for_a_pen())));
    all.extend(frames(15.0, 25.0, 2.0, |_| Some(sitting_side())));
    assert_eq!(changes(&all).len(), 1, "{:?}", changes(&all));
}

#[test]
fn nobody_for_a_moment_is_not_away_but_nobody_for_longer_is() {
    let mut all = frames(0.0, 10.0, 2.0, |_| Some(sitting_side()));
    all.extend(frames(10.0, 11.0, 2.0, |_| None));
    all.extend(frames(11.0, 20.0, 2.0, |_| Some(sitting_side())));
    assert_eq!(changes(&all).len(), 1, "a 1 s loss is not away");
    all.extend(frames(20.0, 30.0, 2.0, |_| None));
    let c = changes(&all);
    assert_eq!(c.last().map(|c| c.0), Some(Away), "{c:?}");
    let delay = c.last().map(|c| c.1 - 20.0).unwrap_or(f64::NAN);
    assert!((AWAY_DWELL_SECS - 0.01..3.0).contains(&delay), "{delay}");
}

#[test]
fn contradicting_votes_never_flicker() {
    // Alternating sitting / standing evidence every 0.5 s for a minute (a bad view).
    let all = frames(0.0, 60.0, 4.0, |t| {
        Some(if (t * 2.0).floor() as i64 % 2 == 0 {
            sitting_side()
        } else {
            standing_side()
        })
    });
    let c = changes(&all);
    assert!(c.len() <= 1, "{c:?}");
}

#[test]
fn upper_body_only_at_a_desk_standing_up_and_sitting_down() {
    // Seated 20 s (the reference is learned), stands up: shoulders rise and the head
    // leaves the top of the frame; 20 s later sits down again.
    let mut all = frames(0.0, 20.0, 2.0, |_| Some(desk(0.0, true)));
    all.extend(frames(20.0, 40.0, 2.0, |_| Some(desk(440.0, false))));
    all.extend(frames(40.0, 60.0, 2.0, |_| Some(desk(0.0, true))));
    let c = changes(&all);
    let states: Vec<PostureState> = c.iter().map(|c| c.0).collect();
    assert_eq!(states, vec![Sitting, Standing, Sitting], "{c:?}");
    assert!(c[1].1 - 20.0 < 3.0 && c[2].1 - 40.0 < 3.0, "{c:?}");
}

#[test]
fn upper_body_only_standing_further_back_is_standing() {
    // Stands up with the face still in view: shoulders 0.9 reference sizes higher.
    let mut all = frames(0.0, 20.0, 2.0, |_| Some(desk(0.0, true)));
    all.extend(frames(20.0, 40.0, 2.0, |_| Some(desk(260.0, true))));
    let c = changes(&all);
    assert_eq!(c.last().map(|c| c.0), Some(Standing), "{c:?}");
}

#[test]
fn upper_body_only_slumping_in_the_chair_is_still_sitting() {
    let mut all = frames(0.0, 20.0, 2.0, |_| Some(desk(0.0, true)));
    all.extend(frames(20.0, 60.0, 2.0, |_| Some(desk(-80.0, true))));
    assert_eq!(changes(&all).len(), 1);
}

#[test]
fn the_day_from_frames_counts_sitting_time_and_the_timeline_has_the_segments() {
    let mut all = frames(0.0, 100.0, 2.0, |_| Some(sitting_side()));
    all.extend(frames(100.0, 200.0, 2.0, |_| Some(standing_side())));
    all.extend(frames(200.0, 260.0, 2.0, |_| None));
    let report = analyze_work(WorkSettings::default(), all);
    let states: Vec<PostureState> = report.segments.iter().map(|s| s.state).collect();
    assert_eq!(states, vec![Sitting, Standing, Away], "{report:?}");
    assert!((report.segments[1].start_secs - 100.0).abs() < 0.6);
    assert!((report.segments[2].start_secs - 200.0).abs() < 0.6);
    let f = &report.figures;
    assert!((f.sitting_secs - 100.0).abs() < 3.0, "{f:?}");
    assert!((f.standing_secs - 100.0).abs() < 3.0, "{f:?}");
    assert_eq!(f.breaks_taken, 1);
}

#[test]
fn the_gate_runs_slowly_while_nothing_changes_and_fast_after_a_change() {
    // 30 frames/s in; 100 s seated then standing up at 100 s.
    let mut all = frames(0.0, 100.0, 30.0, |_| Some(sitting_side()));
    all.extend(frames(100.0, 200.0, 30.0, |_| Some(standing_side())));
    let gated: Vec<PoseFrame> =
        GatedPoses::new(all.into_iter(), LowPowerSettings::default()).collect();
    // The first 3 s run fast (the first state is being decided), then 1 frame/s.
    let start = gated.iter().filter(|f| f.t_secs < 3.0).count();
    assert!(start >= 10, "{start} frames in the first 3 s");
    let idle = gated
        .iter()
        .filter(|f| (4.0..99.0).contains(&f.t_secs))
        .count();
    assert!(
        (92..=98).contains(&idle),
        "{idle} frames in 95 s at 1 frame/s"
    );
    let burst = gated
        .iter()
        .filter(|f| (100.0..103.0).contains(&f.t_secs))
        .count();
    assert!(burst >= 10, "{burst} frames in the 3 s after standing up");
    let c = changes(&gated);
    assert_eq!(c.len(), 2, "{c:?}");
    assert!(c[1].1 - 100.0 < 3.0, "{c:?}");
    // And the gate's own interval.
    let gate = FrameGate::new(LowPowerSettings::default());
    assert_eq!(gate.interval_secs(0.0), 1.0);
}

#[test]
fn squats_on_the_spot_are_not_a_seat_but_a_seat_after_them_is() {
    // 20 squats: 1.6 s at the bottom (a seat-like pose, longer than the dwell), 1.4 s up.
    let mut all = frames(0.0, 5.0, 4.0, |_| Some(standing_side()));
    for k in 0..20 {
        let t0 = 5.0 + 3.0 * f64::from(k);
        all.extend(frames(t0, t0 + 1.6, 4.0, |_| Some(sitting_side())));
        all.extend(frames(t0 + 1.6, t0 + 3.0, 4.0, |_| Some(standing_side())));
    }
    // Then sitting down for good at 65 s.
    all.extend(frames(65.0, 90.0, 4.0, |_| Some(sitting_side())));
    let c = changes(&all);
    // The first bottoms may read as seats until the bounces show; after that, none.
    let sits_during_squats = c
        .iter()
        .filter(|(s, t)| *s == Sitting && *t > 15.0 && *t < 65.0)
        .count();
    assert_eq!(sits_during_squats, 0, "{c:?}");
    assert!(
        c.iter().filter(|(s, _)| *s == Sitting).count() <= 3,
        "{c:?}"
    );
    // The real seat is found, within the bounce rule's seat time and the dwell.
    let last = c.last().expect("changes");
    assert_eq!(last.0, Sitting, "{c:?}");
    assert!(
        last.1 - 65.0 <= BOUNCE_MAX_SIT_SECS + SIT_STAND_DWELL_SECS + 0.5,
        "{c:?}"
    );
}

//! Several people in view: the exercise engine pauses (no reps, no cues) and says when.

use backcoach::analysis::analyze_frames;

use super::exercise;
use super::synth::Synth;

/// The synthetic knee bends with `people` in view between `from` and `to` seconds.
fn with_people(synth: &Synth, from: f64, to: f64, people: u32) -> Vec<backcoach::pose::PoseFrame> {
    synth
        .frames()
        .into_iter()
        .map(|mut f| {
            f.people_detected = Some(if (from..to).contains(&f.t_secs) {
                people
            } else {
                1
            });
            f
        })
        .collect()
}

#[test]
fn nothing_is_counted_or_cued_while_two_people_are_in_view() {
    let synth = Synth {
        reps: 6,
        seed: 3,
        ..Synth::default()
    };
    let alone = analyze_frames(&exercise("knee-bend"), synth.frames());
    assert_eq!(alone.reps, 6);
    assert!(alone.several_people.is_empty());

    // The whole recording with two people: nothing at all.
    let end = synth.duration_secs() + 1.0;
    let crowded = analyze_frames(&exercise("knee-bend"), with_people(&synth, 0.0, end, 2));
    assert_eq!(crowded.reps, 0, "{}", crowded.summary_text());
    assert_eq!(crowded.partial_reps, 0);
    assert!(crowded.cues.is_empty(), "{:?}", crowded.cues);
    assert!(crowded.faults.is_empty(), "{:?}", crowded.faults);
    assert_eq!(crowded.several_people.len(), 1);
    assert_eq!(crowded.most_people, 2);
    assert!(
        crowded
            .summary_text()
            .contains("2 people in view: counting paused"),
        "{}",
        crowded.summary_text()
    );

    // A second person through the middle of the set: the reps that lie wholly outside the
    // span count, none that overlaps it, and the span is reported.
    let (from, to) = (
        alone.rep_details[2].start_secs - 0.2,
        alone.rep_details[3].end_secs + 0.2,
    );
    let partly = analyze_frames(&exercise("knee-bend"), with_people(&synth, from, to, 3));
    let outside = alone
        .rep_details
        .iter()
        .filter(|r| r.end_secs < from || r.start_secs >= to)
        .count() as u32;
    assert_eq!(partly.reps, outside, "{}", partly.summary_text());
    assert!(
        partly
            .rep_details
            .iter()
            .all(|r| r.end_secs < from || r.start_secs >= to),
        "{:?}",
        partly.rep_details
    );
    assert_eq!(partly.several_people.len(), 1);
    let span = partly.several_people[0];
    assert!((span.start_secs - from).abs() < 0.1 && (span.end_secs - to).abs() < 0.1);
    assert_eq!(partly.most_people, 3);
}

#[test]
fn a_rep_in_progress_when_a_second_person_appears_is_not_counted() {
    let synth = Synth {
        reps: 3,
        seed: 5,
        ..Synth::default()
    };
    let alone = analyze_frames(&exercise("knee-bend"), synth.frames());
    assert_eq!(alone.reps, 3);
    // The second person is seen for a moment at the bottom of rep 2.
    let r = &alone.rep_details[1];
    let mid = 0.5 * (r.start_secs + r.end_secs);
    let report = analyze_frames(
        &exercise("knee-bend"),
        with_people(&synth, mid - 0.1, mid + 0.1, 2),
    );
    assert_eq!(report.reps, 2, "{}", report.summary_text());
}

//! The working day with synthetic time: reminders exactly at the limit, none while
//! standing or away, one slouch reminder per episode, breaks, ignored reminders, pauses.

use backcoach::work::{PostureState, WorkDay, WorkEvent, WorkSettings};

use PostureState::{Away, Sitting, Standing};

const LIMIT_SECS: f64 = 600.0;

fn settings() -> WorkSettings {
    WorkSettings {
        sitting_limit_secs: LIMIT_SECS,
        break_min_secs: 60.0,
        reminder_repeat_secs: 300.0,
        ignored_after_secs: 120.0,
        slouch_hold_secs: 180.0,
        slouch_recover_secs: 30.0,
    }
}

/// Feeds `state` (and `slouched`) every `step` seconds from `from` to `to` (inclusive of
/// `from`, exclusive of `to`); returns the events with their times.
fn run(
    day: &mut WorkDay,
    from: f64,
    to: f64,
    step: f64,
    state: Option<PostureState>,
    slouched: Option<bool>,
) -> Vec<WorkEvent> {
    let mut events = Vec::new();
    let mut t = from;
    while t < to - 1e-9 {
        events.extend(day.update(t, state, slouched));
        t += step;
    }
    events
}

fn reminders(events: &[WorkEvent]) -> Vec<f64> {
    events
        .iter()
        .filter_map(|e| match e {
            WorkEvent::BreakReminder { t_secs, .. } => Some(*t_secs),
            _ => None,
        })
        .collect()
}

#[test]
fn a_reminder_comes_exactly_when_the_limit_is_passed() {
    let mut day = WorkDay::new(settings());
    let before = run(&mut day, 0.0, LIMIT_SECS, 1.0, Some(Sitting), Some(false));
    assert!(reminders(&before).is_empty(), "{before:?}");
    let at = day.update(LIMIT_SECS, Some(Sitting), Some(false));
    assert_eq!(reminders(&at), vec![LIMIT_SECS], "{at:?}");
    assert!(day.view().break_due);
    assert_eq!(day.figures().break_reminders, 1);
    // Not again on the next frames.
    let after = run(
        &mut day,
        LIMIT_SECS + 1.0,
        LIMIT_SECS + 60.0,
        1.0,
        Some(Sitting),
        None,
    );
    assert!(reminders(&after).is_empty(), "{after:?}");
}

#[test]
fn at_a_low_frame_rate_the_reminder_is_on_the_first_frame_past_the_limit() {
    let mut day = WorkDay::new(settings());
    // 0.7 s steps: the limit falls between two frames.
    let events = run(&mut day, 0.0, LIMIT_SECS + 5.0, 0.7, Some(Sitting), None);
    let r = reminders(&events);
    assert_eq!(r.len(), 1, "{events:?}");
    assert!(r[0] >= LIMIT_SECS && r[0] < LIMIT_SECS + 0.7, "{r:?}");
}

#[test]
fn no_reminder_while_standing_or_away() {
    let mut day = WorkDay::new(settings());
    let mut events = run(&mut day, 0.0, 3.0 * LIMIT_SECS, 1.0, Some(Standing), None);
    events.extend(run(
        &mut day,
        3.0 * LIMIT_SECS,
        6.0 * LIMIT_SECS,
        1.0,
        Some(Away),
        None,
    ));
    assert!(reminders(&events).is_empty(), "{events:?}");
    assert_eq!(day.figures().sitting_secs, 0.0);
    assert!((day.figures().standing_secs - 3.0 * LIMIT_SECS).abs() < 1.5);
}

#[test]
fn a_bout_that_reaches_the_limit_while_standing_up_gets_no_reminder_until_sitting_again() {
    let mut day = WorkDay::new(settings());
    run(&mut day, 0.0, LIMIT_SECS - 10.0, 1.0, Some(Sitting), None);
    // Stands for 30 s (not a break): no reminder while standing.
    let standing = run(
        &mut day,
        LIMIT_SECS - 10.0,
        LIMIT_SECS + 20.0,
        1.0,
        Some(Standing),
        None,
    );
    assert!(reminders(&standing).is_empty(), "{standing:?}");
    // Sits again: the bout went on (a short stand pauses it): 10 s more reach the limit.
    let sitting = run(
        &mut day,
        LIMIT_SECS + 20.0,
        LIMIT_SECS + 40.0,
        1.0,
        Some(Sitting),
        None,
    );
    assert_eq!(reminders(&sitting), vec![LIMIT_SECS + 30.0], "{sitting:?}");
}

#[test]
fn a_break_ends_the_bout_and_heeds_the_reminder() {
    let mut day = WorkDay::new(settings());
    run(&mut day, 0.0, LIMIT_SECS + 10.0, 1.0, Some(Sitting), None);
    assert_eq!(day.figures().break_reminders, 1);
    let brk = run(
        &mut day,
        LIMIT_SECS + 10.0,
        LIMIT_SECS + 80.0,
        1.0,
        Some(Standing),
        None,
    );
    assert!(
        brk.iter()
            .any(|e| matches!(e, WorkEvent::BreakTaken { .. })),
        "{brk:?}"
    );
    let f = day.figures().clone();
    assert_eq!(f.breaks_taken, 1);
    assert_eq!(f.reminders_ignored, 0);
    assert!(
        (f.longest_sitting_bout_secs - (LIMIT_SECS + 10.0)).abs() < 1.5,
        "{f:?}"
    );
    assert!(!day.view().break_due);
    assert_eq!(day.view().sitting_bout_secs, 0.0);
    // A new bout needs the full limit again.
    let again = run(
        &mut day,
        LIMIT_SECS + 80.0,
        2.0 * LIMIT_SECS + 70.0,
        1.0,
        Some(Sitting),
        None,
    );
    assert!(reminders(&again).is_empty(), "{again:?}");
}

#[test]
fn a_reminder_without_a_break_is_ignored_and_repeated() {
    let mut day = WorkDay::new(settings());
    let events = run(&mut day, 0.0, LIMIT_SECS + 301.0, 1.0, Some(Sitting), None);
    // The limit, then the repeat 300 s later.
    assert_eq!(reminders(&events), vec![LIMIT_SECS, LIMIT_SECS + 300.0]);
    assert_eq!(day.figures().reminders_ignored, 1, "{events:?}");
    let ignored_at: Vec<f64> = events
        .iter()
        .filter_map(|e| match e {
            WorkEvent::ReminderIgnored { t_secs } => Some(*t_secs),
            _ => None,
        })
        .collect();
    assert_eq!(ignored_at, vec![LIMIT_SECS + 120.0]);
}

#[test]
fn one_slouch_reminder_per_episode() {
    let mut day = WorkDay::new(settings());
    // 10 minutes slouched: one reminder, at 180 s.
    let ep1 = run(&mut day, 0.0, 590.0, 1.0, Some(Sitting), Some(true));
    let slouch: Vec<f64> = ep1
        .iter()
        .filter_map(|e| match e {
            WorkEvent::SlouchReminder { t_secs } => Some(*t_secs),
            _ => None,
        })
        .collect();
    assert_eq!(slouch, vec![180.0], "{ep1:?}");
    // Short upright moments (10 s) do not end the episode: still no second reminder.
    let mut t = 590.0;
    let mut more = Vec::new();
    for _ in 0..5 {
        more.extend(run(&mut day, t, t + 10.0, 1.0, Some(Sitting), Some(false)));
        more.extend(run(
            &mut day,
            t + 10.0,
            t + 200.0,
            1.0,
            Some(Sitting),
            Some(true),
        ));
        t += 200.0;
    }
    assert!(
        !more
            .iter()
            .any(|e| matches!(e, WorkEvent::SlouchReminder { .. })),
        "{more:?}"
    );
    // A real upright spell (30 s) ends it; the next long slouch gets its one reminder.
    run(&mut day, t, t + 31.0, 1.0, Some(Sitting), Some(false));
    let ep2 = run(
        &mut day,
        t + 31.0,
        t + 400.0,
        1.0,
        Some(Sitting),
        Some(true),
    );
    let n = ep2
        .iter()
        .filter(|e| matches!(e, WorkEvent::SlouchReminder { .. }))
        .count();
    assert_eq!(n, 1, "{ep2:?}");
    assert_eq!(day.figures().slouch_reminders, 2);
}

#[test]
fn slouching_while_standing_is_not_a_sitting_slouch() {
    let mut day = WorkDay::new(settings());
    let events = run(&mut day, 0.0, 600.0, 1.0, Some(Standing), Some(true));
    assert!(events.is_empty(), "{events:?}");
}

#[test]
fn standing_meetings_count_as_breaks_and_are_timed() {
    let mut day = WorkDay::new(settings());
    run(&mut day, 0.0, 300.0, 1.0, Some(Sitting), None);
    day.start_meeting(300.0);
    let events = run(&mut day, 300.0, 900.0, 1.0, Some(Standing), None);
    assert!(
        events
            .iter()
            .any(|e| matches!(e, WorkEvent::BreakTaken { .. }))
    );
    let m = day.view().meeting_secs.expect("meeting runs");
    assert!((m - 599.0).abs() < 1.5, "{m}");
    day.stop_meeting();
    assert_eq!(day.view().meeting_secs, None);
    assert!((day.figures().standing_meeting_secs - 599.0).abs() < 1.5);
}

#[test]
fn a_pause_counts_nothing_and_the_gap_is_not_counted() {
    let mut day = WorkDay::new(settings());
    run(&mut day, 0.0, 100.0, 1.0, Some(Sitting), None);
    day.pause();
    assert!(day.update(150.0, Some(Sitting), None).is_empty());
    day.resume_counting();
    run(&mut day, 5000.0, 5100.0, 1.0, Some(Sitting), None);
    let f = day.figures();
    assert!((f.sitting_secs - 198.0).abs() < 1.5, "{f:?}");
}

#[test]
fn long_gaps_between_frames_are_not_counted() {
    let mut day = WorkDay::new(settings());
    day.update(0.0, Some(Sitting), None);
    day.update(5.0, Some(Sitting), None);
    day.update(3600.0, Some(Sitting), None); // the laptop slept
    assert_eq!(day.figures().sitting_secs, 5.0);
}

#[test]
fn bad_settings_are_refused_with_the_field_name() {
    let s = WorkSettings {
        sitting_limit_secs: 0.0,
        ..WorkSettings::default()
    };
    let e = s.validate().expect_err("zero limit refused");
    assert!(e.to_string().contains("sitting_limit_secs"), "{e}");
    WorkSettings::default()
        .validate()
        .expect("defaults are valid");
}

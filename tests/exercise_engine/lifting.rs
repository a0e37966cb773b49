//! The guidance's lifting rules in `squat-lift`: knees bent (no leaning forward), no
//! twist (turn with the feet), the load close to the body at the bottom; the summary says
//! which were kept in each rep.

use backcoach::analysis::analyze_frames;
use backcoach::exercise::FaultCode;

use super::exercise;
use super::synth::{Movement, Synth};

fn lift(f: impl Fn(&mut Synth)) -> Synth {
    let mut s = Synth {
        movement: Movement::KneeBend(80.0),
        reps: 4,
        ..Synth::default()
    };
    f(&mut s);
    s
}

fn rep_faults(s: &Synth) -> (backcoach::analysis::AnalysisReport, Vec<Vec<FaultCode>>) {
    let r = analyze_frames(&exercise("squat-lift"), s.frames());
    let faults = r.rep_details.iter().map(|d| d.faults.clone()).collect();
    (r, faults)
}

const LIFTING: [FaultCode; 3] = [
    FaultCode::LeaningForward,
    FaultCode::TrunkTwist,
    FaultCode::HandsFarFromBody,
];

#[test]
fn a_clean_lift_keeps_every_rule() {
    let (r, faults) = rep_faults(&lift(|_| {}));
    assert_eq!(r.reps, 4, "{}", r.summary_text());
    for f in &faults {
        assert!(!LIFTING.iter().any(|c| f.contains(c)), "{faults:?}");
    }
    assert_eq!(r.rep_guidance.len(), 4);
    for rep in &r.rep_guidance {
        assert_eq!(rep.len(), 3, "{rep:?}");
        assert!(rep.iter().all(|v| v.kept), "{rep:?}");
    }
    let text = r.summary_text();
    assert!(
        text.contains("kept: Keep the object close to your body"),
        "{text}"
    );
}

#[test]
fn hands_far_from_the_body_at_the_bottom_is_a_fault_in_every_rep() {
    // Arms reaching 0.6 m forward at the bottom.
    let (r, faults) = rep_faults(&lift(|s| s.hands_forward_m = 0.6));
    assert_eq!(r.reps, 4, "{}", r.summary_text());
    for f in &faults {
        assert!(f.contains(&FaultCode::HandsFarFromBody), "{faults:?}");
        assert!(!f.contains(&FaultCode::TrunkTwist), "{faults:?}");
    }
    let close = &r.rep_guidance[0]
        .iter()
        .find(|v| v.faults.contains(&FaultCode::HandsFarFromBody))
        .expect("the load rule is listed");
    assert!(!close.kept);
    assert!(
        r.summary_text()
            .contains("NOT kept: Keep the object close to your body")
    );
}

#[test]
fn a_trunk_twist_while_lifting_is_a_fault_and_says_move_your_feet() {
    let (r, faults) = rep_faults(&lift(|s| s.twist_deg = 30.0));
    assert_eq!(r.reps, 4, "{}", r.summary_text());
    for f in &faults {
        assert!(f.contains(&FaultCode::TrunkTwist), "{faults:?}");
        assert!(!f.contains(&FaultCode::HandsFarFromBody), "{faults:?}");
    }
    assert!(
        r.cues.iter().any(|c| c.text.contains("move your feet")),
        "{:?}",
        r.cues
    );
    let twist = r.rep_guidance[0]
        .iter()
        .find(|v| v.faults.contains(&FaultCode::TrunkTwist))
        .expect("the twist rule is listed");
    assert!(!twist.kept);
}

#[test]
fn hands_out_only_while_standing_is_not_a_lifting_fault() {
    // Reaching forward is judged only at the bottom: a rep too shallow to reach the
    // target never checks it (and is not counted).
    let (r, _) = rep_faults(&lift(|s| {
        s.movement = Movement::KneeBend(40.0);
        s.hands_forward_m = 0.6;
    }));
    assert!(
        !r.fault_codes().contains(&FaultCode::HandsFarFromBody),
        "{}",
        r.summary_text()
    );
}

#[test]
fn the_guidance_rules_read_in_the_trackers_language() {
    use backcoach::analysis::ReportBuilder;
    use backcoach::exercise::TrackerConfig;
    use backcoach::i18n::Lang;

    let s = lift(|s| s.hands_forward_m = 0.6);
    let config = TrackerConfig {
        lang: Lang::Da,
        ..TrackerConfig::default()
    };
    let mut b = ReportBuilder::with_config(&exercise("squat-lift"), config);
    for f in s.frames() {
        b.push(&f);
    }
    let r = b.finish();
    assert_eq!(r.reps, 4, "{}", r.summary_text());
    let close = r.rep_guidance[0]
        .iter()
        .find(|v| v.faults.contains(&FaultCode::HandsFarFromBody))
        .expect("the hands rule");
    assert_eq!(close.guidance, "Hold genstanden tæt ind til kroppen");
    assert!(!close.kept);
    let text = r.summary_text_in(Lang::Da);
    assert!(
        text.contains("Hold genstanden tæt ind til kroppen"),
        "{text}"
    );
    assert!(!text.contains("Keep the object"), "{text}");
}

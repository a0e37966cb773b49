//! The report's JSON: the documented shape, parsed back into the typed report.

use backcoach::analysis::{AnalysisReport, analyze_frames};
use backcoach::exercise::FaultCode;

use super::synth::Synth;
use super::{exercise, read_track};

#[test]
fn json_has_the_documented_fields_and_round_trips() {
    let synth = Synth {
        phase_secs: 0.9,
        head_forward: 0.35,
        ..Synth::default()
    };
    let report = analyze_frames(&exercise("knee-bend"), synth.frames());
    let json = serde_json::to_string_pretty(&report).expect("serialise");
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    for key in [
        "exercise",
        "reps",
        "partial_reps",
        "sets_completed",
        "reps_by_side",
        "rep_details",
        "faults",
        "cues",
        "frames",
        "frames_with_person",
    ] {
        assert!(value.get(key).is_some(), "missing {key}");
    }
    assert_eq!(value["exercise"], "knee-bend");
    assert_eq!(value["reps_by_side"]["left"], 0);
    let rep = &value["rep_details"][0];
    for key in [
        "index",
        "start_secs",
        "end_secs",
        "duration_secs",
        "phase_secs",
        "depth",
        "faults",
    ] {
        assert!(rep.get(key).is_some(), "rep missing {key}");
    }
    assert_eq!(rep["faults"][0], "too_fast");
    assert!(
        value["faults"]
            .as_array()
            .expect("faults")
            .iter()
            .any(|f| f["code"] == "head_forward")
    );
    assert!(value["cues"][0].get("text").is_some());

    let back: AnalysisReport = serde_json::from_str(&json).expect("parse back");
    assert_eq!(back, report);
    assert!(back.fault_codes().contains(&FaultCode::HeadForward));
}

#[test]
fn real_track_report_round_trips_with_sides() {
    let report = analyze_frames(
        &exercise("knee-raise"),
        read_track("cmu_13_29_elbow_to_knee_front.jsonl"),
    );
    let json = serde_json::to_string(&report).expect("serialise");
    assert!(json.contains("\"side\":\"right\""));
    let back: AnalysisReport = serde_json::from_str(&json).expect("parse back");
    assert_eq!(back, report);
    assert!(report.summary_text().contains("knee-raise: 6 reps"));
}

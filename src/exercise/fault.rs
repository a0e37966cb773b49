//! Fault codes: stable snake_case strings used in reports, history and exercise files.

use serde::{Deserialize, Serialize};

use crate::feedback::CuePriority;

/// A form, stance, visibility or tempo fault. The serialised names are stable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultCode {
    /// `too_fast`: a phase took less than the exercise's minimum seconds.
    TooFast,
    /// `feet_not_parallel`: the feet point outwards (or inwards) at the start position.
    FeetNotParallel,
    /// `stance_too_narrow`: feet much closer than hip width.
    StanceTooNarrow,
    /// `stance_too_wide`: feet much wider than hip width.
    StanceTooWide,
    /// `knees_locked`: the knees are straight at the start position.
    KneesLocked,
    /// `knees_caving_in`: the knees fall inwards while bending.
    KneesCavingIn,
    /// `leaning_forward`: trunk flexion (hip centre → shoulder centre tilted forward from
    /// vertical) beyond the exercise's limit. 33 body landmarks cannot see the curve of the
    /// lumbar spine, so this names what is measured: leaning forward, not a rounded back.
    /// Read as `back_rounded` too (its name before 0.2, in old histories and files).
    #[serde(alias = "back_rounded")]
    LeaningForward,
    /// `trunk_twist`: shoulders turn against the hips where the exercise forbids it.
    TrunkTwist,
    /// `head_forward`: the head pokes forward (chin not pulled in).
    HeadForward,
    /// `out_of_frame`: nobody in view, or the body parts the exercise needs are not seen.
    OutOfFrame,
    /// `partial_rep`: a movement started but did not reach the target depth.
    PartialRep,
    /// `leaning_sideways`: the trunk leans to one side where it should stay upright.
    LeaningSideways,
    /// `hips_turning`: the pelvis turns with the shoulders (a whole-body turn) where only
    /// the upper body should turn (pelvis rotation beyond the rule's limit).
    HipsTurning,
    /// `hands_far_from_body`: at the bottom of a lift the hands (and the load) are far from
    /// the body ([`MetricId::HandsFromHips`](crate::metrics::MetricId::HandsFromHips) beyond
    /// the rule's limit): the guidance says keep the object close to the body.
    HandsFarFromBody,
    /// `not_deep_enough`: a rep's deepest knee bend stayed short of the exercise's
    /// `[form]` depth limit (a deep squat that is not deep).
    NotDeepEnough,
    /// `hips_shifting`: the hips moved sideways over the feet during the rep (weight on
    /// one leg), beyond the exercise's `[form]` limit.
    HipsShifting,
}

impl FaultCode {
    /// Every fault code.
    pub const ALL: [FaultCode; 16] = [
        FaultCode::TooFast,
        FaultCode::FeetNotParallel,
        FaultCode::StanceTooNarrow,
        FaultCode::StanceTooWide,
        FaultCode::KneesLocked,
        FaultCode::KneesCavingIn,
        FaultCode::LeaningForward,
        FaultCode::TrunkTwist,
        FaultCode::HeadForward,
        FaultCode::OutOfFrame,
        FaultCode::PartialRep,
        FaultCode::LeaningSideways,
        FaultCode::HipsTurning,
        FaultCode::HandsFarFromBody,
        FaultCode::NotDeepEnough,
        FaultCode::HipsShifting,
    ];

    /// The code for its snake_case string (`"too_fast"`), if there is one.
    pub fn from_code(code: &str) -> Option<FaultCode> {
        FaultCode::ALL.into_iter().find(|f| f.as_str() == code)
    }

    /// The stable snake_case string (same as the serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            FaultCode::TooFast => "too_fast",
            FaultCode::FeetNotParallel => "feet_not_parallel",
            FaultCode::StanceTooNarrow => "stance_too_narrow",
            FaultCode::StanceTooWide => "stance_too_wide",
            FaultCode::KneesLocked => "knees_locked",
            FaultCode::KneesCavingIn => "knees_caving_in",
            FaultCode::LeaningForward => "leaning_forward",
            FaultCode::TrunkTwist => "trunk_twist",
            FaultCode::HeadForward => "head_forward",
            FaultCode::OutOfFrame => "out_of_frame",
            FaultCode::PartialRep => "partial_rep",
            FaultCode::LeaningSideways => "leaning_sideways",
            FaultCode::HipsTurning => "hips_turning",
            FaultCode::HandsFarFromBody => "hands_far_from_body",
            FaultCode::NotDeepEnough => "not_deep_enough",
            FaultCode::HipsShifting => "hips_shifting",
        }
    }

    /// The standard cue in English (an exercise rule may override it); the words are in
    /// the catalogue (`cue-<code>`), see [`FaultCode::cue_in`].
    pub fn default_cue(self) -> String {
        self.cue_in(crate::i18n::Lang::En)
    }

    /// How urgent the cue is (safety > visibility > stance > form > tempo).
    pub fn priority(self) -> CuePriority {
        match self {
            FaultCode::LeaningForward | FaultCode::TrunkTwist | FaultCode::HandsFarFromBody => {
                CuePriority::Safety
            }
            FaultCode::OutOfFrame => CuePriority::Visibility,
            FaultCode::FeetNotParallel
            | FaultCode::StanceTooNarrow
            | FaultCode::StanceTooWide
            | FaultCode::KneesLocked
            | FaultCode::HeadForward => CuePriority::Stance,
            FaultCode::KneesCavingIn
            | FaultCode::PartialRep
            | FaultCode::LeaningSideways
            | FaultCode::HipsTurning
            | FaultCode::NotDeepEnough
            | FaultCode::HipsShifting => CuePriority::Form,
            FaultCode::TooFast => CuePriority::Tempo,
        }
    }
}

impl std::fmt::Display for FaultCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_names_match_as_str() {
        for code in FaultCode::ALL {
            let json = serde_json::to_string(&code).expect("serialise");
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            let back: FaultCode = serde_json::from_str(&json).expect("parse");
            assert_eq!(back, code);
        }
    }
}

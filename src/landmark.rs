//! Named body landmarks (BlazePose's 33) and the skeleton drawn between them.
//!
//! "Left" is always the person's own left. The discriminants are BlazePose's output
//! order, so `Landmark::ALL[i] as usize == i`.

use serde::{Deserialize, Serialize};

/// One of BlazePose's 33 body landmarks, in model output order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum Landmark {
    Nose = 0,
    LeftEyeInner = 1,
    LeftEye = 2,
    LeftEyeOuter = 3,
    RightEyeInner = 4,
    RightEye = 5,
    RightEyeOuter = 6,
    LeftEar = 7,
    RightEar = 8,
    MouthLeft = 9,
    MouthRight = 10,
    LeftShoulder = 11,
    RightShoulder = 12,
    LeftElbow = 13,
    RightElbow = 14,
    LeftWrist = 15,
    RightWrist = 16,
    LeftPinky = 17,
    RightPinky = 18,
    LeftIndex = 19,
    RightIndex = 20,
    LeftThumb = 21,
    RightThumb = 22,
    LeftHip = 23,
    RightHip = 24,
    LeftKnee = 25,
    RightKnee = 26,
    LeftAnkle = 27,
    RightAnkle = 28,
    LeftHeel = 29,
    RightHeel = 30,
    LeftFootIndex = 31,
    RightFootIndex = 32,
}

/// Number of named landmarks.
pub const LANDMARK_COUNT: usize = 33;

impl Landmark {
    /// All landmarks in BlazePose order.
    pub const ALL: [Landmark; LANDMARK_COUNT] = {
        use Landmark::*;
        [
            Nose,
            LeftEyeInner,
            LeftEye,
            LeftEyeOuter,
            RightEyeInner,
            RightEye,
            RightEyeOuter,
            LeftEar,
            RightEar,
            MouthLeft,
            MouthRight,
            LeftShoulder,
            RightShoulder,
            LeftElbow,
            RightElbow,
            LeftWrist,
            RightWrist,
            LeftPinky,
            RightPinky,
            LeftIndex,
            RightIndex,
            LeftThumb,
            RightThumb,
            LeftHip,
            RightHip,
            LeftKnee,
            RightKnee,
            LeftAnkle,
            RightAnkle,
            LeftHeel,
            RightHeel,
            LeftFootIndex,
            RightFootIndex,
        ]
    };

    /// Index in BlazePose's output order.
    pub fn index(self) -> usize {
        self as usize
    }

    /// Landmark at a BlazePose index, if the index is below 33.
    pub fn from_index(index: usize) -> Option<Landmark> {
        Self::ALL.get(index).copied()
    }

    /// The snake_case name used in pose tracks (`left_knee`).
    pub fn name(self) -> &'static str {
        NAMES[self.index()]
    }

    /// Parses a snake_case name.
    pub fn from_name(name: &str) -> Option<Landmark> {
        NAMES
            .iter()
            .position(|n| *n == name)
            .and_then(Landmark::from_index)
    }

    /// The same landmark on the other side of the body (`Nose` maps to itself).
    pub fn mirrored(self) -> Landmark {
        let name = self.name();
        let other = if let Some(rest) = name.strip_prefix("left_") {
            format!("right_{rest}")
        } else if let Some(rest) = name.strip_prefix("right_") {
            format!("left_{rest}")
        } else if name == "mouth_left" {
            "mouth_right".to_owned()
        } else if name == "mouth_right" {
            "mouth_left".to_owned()
        } else {
            name.to_owned()
        };
        Landmark::from_name(&other).unwrap_or(self)
    }
}

const NAMES: [&str; LANDMARK_COUNT] = [
    "nose",
    "left_eye_inner",
    "left_eye",
    "left_eye_outer",
    "right_eye_inner",
    "right_eye",
    "right_eye_outer",
    "left_ear",
    "right_ear",
    "mouth_left",
    "mouth_right",
    "left_shoulder",
    "right_shoulder",
    "left_elbow",
    "right_elbow",
    "left_wrist",
    "right_wrist",
    "left_pinky",
    "right_pinky",
    "left_index",
    "right_index",
    "left_thumb",
    "right_thumb",
    "left_hip",
    "right_hip",
    "left_knee",
    "right_knee",
    "left_ankle",
    "right_ankle",
    "left_heel",
    "right_heel",
    "left_foot_index",
    "right_foot_index",
];

/// The bones drawn for a skeleton overlay, as named pairs.
pub const SKELETON: &[(Landmark, Landmark)] = {
    use Landmark::*;
    &[
        (LeftShoulder, RightShoulder),
        (LeftShoulder, LeftElbow),
        (LeftElbow, LeftWrist),
        (RightShoulder, RightElbow),
        (RightElbow, RightWrist),
        (LeftShoulder, LeftHip),
        (RightShoulder, RightHip),
        (LeftHip, RightHip),
        (LeftHip, LeftKnee),
        (LeftKnee, LeftAnkle),
        (LeftAnkle, LeftHeel),
        (LeftHeel, LeftFootIndex),
        (LeftAnkle, LeftFootIndex),
        (RightHip, RightKnee),
        (RightKnee, RightAnkle),
        (RightAnkle, RightHeel),
        (RightHeel, RightFootIndex),
        (RightAnkle, RightFootIndex),
        (LeftEar, LeftEye),
        (LeftEye, Nose),
        (Nose, RightEye),
        (RightEye, RightEar),
        (MouthLeft, MouthRight),
    ]
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_in_order() {
        for (i, lm) in Landmark::ALL.iter().enumerate() {
            assert_eq!(lm.index(), i);
            assert_eq!(Landmark::from_name(lm.name()), Some(*lm));
        }
        assert_eq!(Landmark::from_name("left_knee"), Some(Landmark::LeftKnee));
        assert_eq!(Landmark::from_name("knee"), None);
    }

    #[test]
    fn mirroring_swaps_sides() {
        assert_eq!(Landmark::LeftKnee.mirrored(), Landmark::RightKnee);
        assert_eq!(Landmark::MouthRight.mirrored(), Landmark::MouthLeft);
        assert_eq!(Landmark::Nose.mirrored(), Landmark::Nose);
    }
}

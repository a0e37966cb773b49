//! The pose types every stage shares.
//!
//! Conventions (stated once, here):
//! - Image landmarks are pixels of the source frame: x to the right, y down, origin at the
//!   top-left corner. `visibility` is a probability in `[0, 1]`.
//! - World landmarks are metres, origin at the mid-point of the hips, axes aligned with
//!   the camera: x to image right, y down, z away from the camera.
//! - "Left" is the person's own left.
//! - Time is `t_secs`, seconds since the start of the source (never a wall clock).

use crate::landmark::{LANDMARK_COUNT, Landmark};

/// A landmark in image pixels with its visibility.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct ImagePoint {
    /// Pixels from the left edge.
    pub x_px: f32,
    /// Pixels from the top edge.
    pub y_px: f32,
    /// Probability that the point is visible (not occluded, in frame), 0..1.
    pub visibility: f32,
}

/// A landmark in metres, hip-centred (see the module docs for the axes).
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct WorldPoint {
    /// Metres to image right.
    pub x_m: f32,
    /// Metres down.
    pub y_m: f32,
    /// Metres away from the camera.
    pub z_m: f32,
}

/// One person's pose in one frame. A landmark may be absent (`None`).
#[derive(Clone, Debug, PartialEq)]
pub struct Pose {
    /// Image landmarks, indexed by [`Landmark::index`].
    pub landmarks: [Option<ImagePoint>; LANDMARK_COUNT],
    /// World landmarks (metres), when the source provides them.
    pub world_landmarks: Option<[Option<WorldPoint>; LANDMARK_COUNT]>,
    /// Confidence that this is a person, 0..1 (the landmark model's pose flag).
    pub score: f32,
}

impl Pose {
    /// A pose with no landmarks at all.
    pub fn empty() -> Pose {
        Pose {
            landmarks: [None; LANDMARK_COUNT],
            world_landmarks: None,
            score: 0.0,
        }
    }

    /// The image landmark, if present.
    pub fn get(&self, landmark: Landmark) -> Option<ImagePoint> {
        self.landmarks[landmark.index()]
    }

    /// The world landmark, if present.
    pub fn world(&self, landmark: Landmark) -> Option<WorldPoint> {
        self.world_landmarks
            .as_ref()
            .and_then(|w| w[landmark.index()])
    }

    /// Axis-aligned bounding box of the present landmarks with visibility at least
    /// `min_visibility`: `[x_min, y_min, x_max, y_max]` in pixels.
    pub fn bounding_box_px(&self, min_visibility: f32) -> Option<[f32; 4]> {
        let mut bbox: Option<[f32; 4]> = None;
        for p in self.landmarks.iter().flatten() {
            if p.visibility < min_visibility {
                continue;
            }
            bbox = Some(match bbox {
                None => [p.x_px, p.y_px, p.x_px, p.y_px],
                Some([a, b, c, d]) => [a.min(p.x_px), b.min(p.y_px), c.max(p.x_px), d.max(p.y_px)],
            });
        }
        bbox
    }
}

/// What the pose stage says about one frame.
#[derive(Clone, Debug, PartialEq)]
pub struct PoseFrame {
    /// Seconds since the start of the source.
    pub t_secs: f64,
    /// Source frame size `[width, height]` in pixels.
    pub image_size: [u32; 2],
    /// The tracked person, or `None` when nobody is in view.
    pub pose: Option<Pose>,
    /// How many people the detector saw at its last run (it re-runs at least once a
    /// second while tracking); `None` when unknown (e.g. pose tracks).
    pub people_detected: Option<u32>,
    /// The frame's mean brightness (luma), 0 = black .. 1 = white; `None` when unknown
    /// (pose tracks recorded without it).
    pub brightness: Option<f32>,
}

impl PoseFrame {
    /// A frame with nobody in it.
    pub fn nobody(t_secs: f64, image_size: [u32; 2]) -> PoseFrame {
        PoseFrame {
            t_secs,
            image_size,
            pose: None,
            people_detected: None,
            brightness: None,
        }
    }
}

//! Posture from one pose: sitting, standing or away, with hysteresis over time.
//!
//! Two cues, chosen per frame by what is really seen (visibility at least
//! [`LEG_MIN_VISIBILITY`] *and* inside the image; a landmark model reports legs it cannot
//! see, so their positions are not trusted otherwise):
//!
//! - **Legs seen** (hip, knee and ankle or shoulders on one side): the *thigh drop*, how
//!   far the knee is below the hip in the image, against the shank (knee → ankle) or, with
//!   no ankle, the torso. Sitting puts the thigh level (drop near 0, in a side view and in
//!   a front view alike); standing, walking and a mini squat keep the knee well below the
//!   hip (drop near 1). Leaning forward on the chair does not change it.
//! - **Upper body only** (the desk hides the legs): the height of the shoulders against
//!   the person's own seated reference, in units of their own size (the reference's head
//!   to shoulder distance or shoulder width, whichever is larger). Standing up raises the
//!   shoulders by more than [`STANDING_MIN_RISE`] of that; the head leaving the top of the
//!   frame while the shoulders are still seen also means standing. The seated reference
//!   is learned from frames where the legs showed sitting, and otherwise from the first
//!   seconds of upper-body view (work mode starts at the desk); it follows slowly while
//!   sitting.
//!
//! A drop outside [`THIGH_DROP_PLAUSIBLE`] is a misplaced leg
//! (an occluded knee, a barbell across it) and is not used.
//!
//! Bouncing: a person squatting, lifting or jumping passes through a seat-like pose
//! again and again. A run of sitting legs votes that a standing vote ends within
//! [`BOUNCE_MAX_SIT_SECS`] is a bounce; after [`BOUNCE_MIN_COUNT`] bounces within
//! [`BOUNCE_WINDOW_SECS`], sitting votes (legs and upper body) count as unclear until
//! the bounces stop for that long or a seat lasts [`BOUNCE_MAX_SIT_SECS`]. Someone who
//! sits down stays seated; someone exercising on their feet keeps coming back up.
//!
//! Nobody in view (or only a few landmarks) votes *away*. Votes become states only after
//! they persist ([`SIT_STAND_DWELL_SECS`], [`AWAY_DWELL_SECS`]), and a frame that is
//! unclear neither confirms nor cancels a change: a person leaning to pick up a pen is
//! still sitting, and a state never flickers. Time comes only from `t_secs`.

use serde::{Deserialize, Serialize};

use crate::landmark::Landmark;
use crate::pose::{ImagePoint, PoseFrame};

/// A landmark counts as seen at this visibility (0..1) or more, and inside the image.
pub const LEG_MIN_VISIBILITY: f32 = 0.6;
/// Upper-body landmarks count as seen at this visibility or more.
pub const UPPER_MIN_VISIBILITY: f32 = 0.5;
/// A seen landmark must lie this fraction of the image size inside its edges.
pub const EDGE_MARGIN_FRACTION: f32 = 0.01;
/// The person is in view when the pose flag is at least this (0..1).
pub const MIN_POSE_SCORE: f32 = 0.5;
/// Thigh drop (knee below hip / shank length) at or below this votes sitting.
pub const SITTING_MAX_THIGH_DROP: f32 = 0.45;
/// Thigh drop at or above this votes standing (a mini squat stays above it).
pub const STANDING_MIN_THIGH_DROP: f32 = 0.65;
/// Shoulders this many reference sizes above the seated reference vote standing.
pub const STANDING_MIN_RISE: f32 = 0.8;
/// Shoulders less than this many reference sizes above the seated reference vote sitting.
pub const SITTING_MAX_RISE: f32 = 0.4;
/// Shoulders within this fraction of the image height from the top, with no face seen,
/// vote standing (the head has left the top of the frame).
pub const HEAD_OUT_TOP_FRACTION: f32 = 0.12;
/// Plausible thigh drops: outside this range the leg's landmarks are misplaced.
pub const THIGH_DROP_PLAUSIBLE: std::ops::RangeInclusive<f32> = -0.8..=1.6;
/// A run of sitting legs votes shorter than this (seconds, first to last sitting vote)
/// that a standing vote ends is a bounce, not a seat.
pub const BOUNCE_MAX_SIT_SECS: f64 = 3.0;
/// Seconds over which bounces are counted.
pub const BOUNCE_WINDOW_SECS: f64 = 8.0;
/// Bounces within [`BOUNCE_WINDOW_SECS`] that mark someone moving on their feet.
pub const BOUNCE_MIN_COUNT: usize = 2;
/// Seconds a sitting or standing vote must persist before the state changes.
pub const SIT_STAND_DWELL_SECS: f64 = 1.5;
/// Seconds the first vote must persist before the first state (there is nothing to
/// flicker from, but one frame is no evidence).
pub const FIRST_DECISION_SECS: f64 = 0.5;
/// Seconds nobody must be seen before the state becomes away.
pub const AWAY_DWELL_SECS: f64 = 2.0;
/// Seconds of upper-body view that make the first seated reference (no legs seen).
pub const REFERENCE_LEARN_SECS: f64 = 2.0;
/// Seconds: time constant with which the seated reference follows the person while
/// sitting (a chair moved, a new position).
pub const REFERENCE_FOLLOW_SECS: f64 = 60.0;

/// The posture state of the working day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PostureState {
    /// Seated.
    Sitting,
    /// On one's feet (standing still, walking, a standing meeting).
    Standing,
    /// Nobody in view.
    Away,
}

impl PostureState {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            PostureState::Sitting => "sitting",
            PostureState::Standing => "standing",
            PostureState::Away => "away",
        }
    }
}

/// Which cue decided a frame's vote.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PostureCue {
    /// Hip and knee geometry.
    Legs,
    /// Shoulder height against the seated reference, or the head leaving the frame.
    UpperBody,
    /// Nobody (or too little) in view.
    Nobody,
    /// A person, but nothing decisive seen.
    Unclear,
}

/// One frame's evidence.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct FrameVote {
    /// The vote, `None` when unclear.
    pub vote: Option<PostureState>,
    /// What decided it.
    pub cue: PostureCue,
    /// Knee below hip / shank (or torso) length, when the legs are seen.
    pub thigh_drop: Option<f32>,
    /// Shoulder rise above the seated reference, in reference sizes, when known.
    pub shoulder_rise: Option<f32>,
}

/// Seated reference for the upper-body cue: shoulder height and body size, pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Reference {
    shoulder_y_px: f32,
    size_px: f32,
}

/// Upper-body measurements of one frame.
#[derive(Clone, Copy, Debug, PartialEq)]
struct UpperBody {
    shoulder_y_px: f32,
    size_px: f32,
    face_seen: bool,
}

/// Frame-level classifier plus dwell-time hysteresis; feed frames in time order.
#[derive(Clone, Debug, Default)]
pub struct PostureTracker {
    state: Option<PostureState>,
    state_since_secs: f64,
    candidate: Option<(PostureState, f64)>,
    reference: Option<Reference>,
    learning: Vec<UpperBody>,
    learning_since_secs: Option<f64>,
    last_t_secs: Option<f64>,
    /// The current run of sitting legs votes: its first and last vote's times, and
    /// whether it began with the first decisive legs vote seen (its true start unknown).
    sit_run: Option<(f64, f64, bool)>,
    /// A decisive legs vote has been seen.
    legs_voted: bool,
    /// Times of the recent bounces (short sits ended by standing).
    bounces_secs: std::collections::VecDeque<f64>,
    /// Sitting votes count as unclear until then (the person is moving on their feet).
    on_feet_until_secs: f64,
}

/// A confirmed change of state.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PostureChange {
    /// The state before (`None` for the first decision).
    pub from: Option<PostureState>,
    /// The new state.
    pub to: PostureState,
    /// Seconds: when the evidence for the new state began (the segment boundary).
    pub since_secs: f64,
    /// Seconds: when it was confirmed (this frame).
    pub confirmed_secs: f64,
}

/// What [`PostureTracker::update`] says about a frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PostureUpdate {
    /// The confirmed state (`None` until the first decision).
    pub state: Option<PostureState>,
    /// The frame's own vote.
    pub vote: FrameVote,
    /// Set on the frame where a change is confirmed.
    pub change: Option<PostureChange>,
    /// A change is pending (votes disagree with the state): sample faster.
    pub unsettled: bool,
}

pub(super) fn seen(
    p: Option<ImagePoint>,
    min_visibility: f32,
    size: [u32; 2],
) -> Option<ImagePoint> {
    let p = p?;
    let (w, h) = (size[0] as f32, size[1] as f32);
    let (mx, my) = (EDGE_MARGIN_FRACTION * w, EDGE_MARGIN_FRACTION * h);
    (p.visibility >= min_visibility
        && p.x_px.is_finite()
        && p.y_px.is_finite()
        && p.x_px >= mx
        && p.x_px <= w - mx
        && p.y_px >= my
        && p.y_px <= h - my)
        .then_some(p)
}

fn dist(a: ImagePoint, b: ImagePoint) -> f32 {
    ((a.x_px - b.x_px).powi(2) + (a.y_px - b.y_px).powi(2)).sqrt()
}

/// Thigh drop on the best-seen side, if the legs are seen.
fn thigh_drop(frame: &PoseFrame) -> Option<f32> {
    let pose = frame.pose.as_ref()?;
    let size = frame.image_size;
    let get = |lm| seen(pose.get(lm), LEG_MIN_VISIBILITY, size);
    let side = |hip, knee, ankle, shoulder| -> Option<(f32, f32)> {
        let (h, k) = (get(hip)?, get(knee)?);
        let scale = match (get(ankle), get(shoulder)) {
            (Some(a), _) => dist(k, a),
            (None, Some(s)) => dist(s, h),
            (None, None) => return None,
        };
        if scale <= 1.0 {
            return None;
        }
        let drop = (k.y_px - h.y_px) / scale;
        THIGH_DROP_PLAUSIBLE
            .contains(&drop)
            .then_some((drop, h.visibility.min(k.visibility)))
    };
    use Landmark::*;
    let l = side(LeftHip, LeftKnee, LeftAnkle, LeftShoulder);
    let r = side(RightHip, RightKnee, RightAnkle, RightShoulder);
    match (l, r) {
        (Some(l), Some(r)) => Some(if l.1 >= r.1 { l.0 } else { r.0 }),
        (Some(one), None) | (None, Some(one)) => Some(one.0),
        (None, None) => None,
    }
}

fn upper_body(frame: &PoseFrame) -> Option<UpperBody> {
    let pose = frame.pose.as_ref()?;
    let size = frame.image_size;
    let get = |lm| seen(pose.get(lm), UPPER_MIN_VISIBILITY, size);
    use Landmark::*;
    let (ls, rs) = (get(LeftShoulder), get(RightShoulder));
    let shoulder_y_px = match (ls, rs) {
        (Some(l), Some(r)) => 0.5 * (l.y_px + r.y_px),
        (Some(one), None) | (None, Some(one)) => one.y_px,
        (None, None) => return None,
    };
    let face = [Nose, LeftEye, RightEye, LeftEar, RightEar]
        .into_iter()
        .filter_map(get)
        .collect::<Vec<_>>();
    let width = match (ls, rs) {
        (Some(l), Some(r)) => dist(l, r),
        _ => 0.0,
    };
    let head = face
        .iter()
        .map(|p| (shoulder_y_px - p.y_px).max(0.0))
        .fold(0.0f32, f32::max);
    Some(UpperBody {
        shoulder_y_px,
        size_px: width.max(head),
        face_seen: !face.is_empty(),
    })
}

fn someone_in_view(frame: &PoseFrame) -> bool {
    let Some(pose) = frame.pose.as_ref() else {
        return false;
    };
    let seen_count = Landmark::ALL
        .iter()
        .filter(|lm| seen(pose.get(**lm), UPPER_MIN_VISIBILITY, frame.image_size).is_some())
        .count();
    pose.score >= MIN_POSE_SCORE && seen_count >= 4
}

impl PostureTracker {
    /// A tracker with no state and no reference yet.
    pub fn new() -> PostureTracker {
        PostureTracker::default()
    }

    /// The confirmed state.
    pub fn state(&self) -> Option<PostureState> {
        self.state
    }

    /// Seconds: when the confirmed state began.
    pub fn state_since_secs(&self) -> f64 {
        self.state_since_secs
    }

    /// Forgets the state and the reference (work mode paused and the camera released: the
    /// person may come back elsewhere).
    pub fn reset(&mut self) {
        *self = PostureTracker::default();
    }

    /// The frame's vote, updating the seated reference.
    fn vote(&mut self, frame: &PoseFrame) -> FrameVote {
        let t = frame.t_secs;
        if !someone_in_view(frame) {
            return FrameVote {
                vote: Some(PostureState::Away),
                cue: PostureCue::Nobody,
                thigh_drop: None,
                shoulder_rise: None,
            };
        }
        let drop = thigh_drop(frame);
        let upper = upper_body(frame);
        let rise = match (self.reference, upper) {
            (Some(r), Some(u)) if r.size_px > 1.0 => {
                Some((r.shoulder_y_px - u.shoulder_y_px) / r.size_px)
            }
            _ => None,
        };
        let mut out = FrameVote {
            vote: None,
            cue: PostureCue::Unclear,
            thigh_drop: drop,
            shoulder_rise: rise,
        };
        if let Some(d) = drop {
            out.cue = PostureCue::Legs;
            let legs = if d <= SITTING_MAX_THIGH_DROP {
                Some(PostureState::Sitting)
            } else if d >= STANDING_MIN_THIGH_DROP {
                Some(PostureState::Standing)
            } else {
                None
            };
            if let Some(v) = legs {
                self.note_legs_vote(v, t);
            }
            match legs {
                Some(PostureState::Sitting) if self.on_feet(t) => {}
                Some(PostureState::Sitting) => {
                    out.vote = legs;
                    if let Some(u) = upper {
                        self.follow_reference(u, t, true);
                    }
                }
                other => out.vote = other,
            }
            return out;
        }
        let Some(u) = upper else {
            return out;
        };
        let h = frame.image_size[1] as f32;
        if !u.face_seen && u.shoulder_y_px <= HEAD_OUT_TOP_FRACTION * h {
            out.cue = PostureCue::UpperBody;
            out.vote = Some(PostureState::Standing);
            return out;
        }
        match rise {
            None => {
                // No reference yet: learn it from the first seconds of upper-body view.
                if u.face_seen {
                    let since = *self.learning_since_secs.get_or_insert(t);
                    self.learning.push(u);
                    if t - since >= REFERENCE_LEARN_SECS {
                        self.reference = median_reference(&self.learning);
                        self.learning.clear();
                    }
                }
            }
            Some(r) => {
                out.cue = PostureCue::UpperBody;
                if r >= STANDING_MIN_RISE {
                    out.vote = Some(PostureState::Standing);
                } else if r < SITTING_MAX_RISE && !self.on_feet(t) {
                    out.vote = Some(PostureState::Sitting);
                    if u.face_seen {
                        self.follow_reference(u, t, false);
                    }
                }
            }
        }
        out
    }

    /// Whether sitting votes count as unclear at `t`: the person is bouncing (see the
    /// module docs).
    fn on_feet(&self, t: f64) -> bool {
        t < self.on_feet_until_secs
    }

    /// Records a decisive legs vote: the runs of sitting votes, the bounces, and from
    /// them how long the person counts as on their feet.
    fn note_legs_vote(&mut self, v: PostureState, t: f64) {
        match v {
            PostureState::Sitting => match &mut self.sit_run {
                Some(run) => {
                    run.1 = t;
                    // A seat held this long ends the bouncing at once.
                    if run.1 - run.0 >= BOUNCE_MAX_SIT_SECS {
                        self.on_feet_until_secs = 0.0;
                        self.bounces_secs.clear();
                    }
                }
                None => self.sit_run = Some((t, t, !self.legs_voted)),
            },
            _ => {
                if let Some((first, last, censored)) = self.sit_run.take()
                    && !censored
                    && last - first < BOUNCE_MAX_SIT_SECS
                {
                    self.bounces_secs.push_back(t);
                }
            }
        }
        self.legs_voted = true;
        while self
            .bounces_secs
            .front()
            .is_some_and(|b| t - b > BOUNCE_WINDOW_SECS)
        {
            self.bounces_secs.pop_front();
        }
        if self.bounces_secs.len() >= BOUNCE_MIN_COUNT {
            self.on_feet_until_secs = t + BOUNCE_WINDOW_SECS;
        }
    }

    fn follow_reference(&mut self, u: UpperBody, t: f64, from_legs: bool) {
        let dt = self.last_t_secs.map_or(0.0, |l| (t - l).max(0.0));
        match &mut self.reference {
            None if from_legs && u.face_seen => {
                self.reference = Some(Reference {
                    shoulder_y_px: u.shoulder_y_px,
                    size_px: u.size_px,
                });
            }
            None => {}
            Some(r) => {
                let k = (dt / REFERENCE_FOLLOW_SECS).min(1.0) as f32;
                r.shoulder_y_px += k * (u.shoulder_y_px - r.shoulder_y_px);
                if u.face_seen {
                    r.size_px += k * (u.size_px - r.size_px);
                }
            }
        }
    }

    /// Feeds one frame (time order).
    pub fn update(&mut self, frame: &PoseFrame) -> PostureUpdate {
        let t = frame.t_secs;
        let vote = self.vote(frame);
        self.last_t_secs = Some(t);
        let mut change = None;
        match vote.vote {
            None => {}
            Some(v) if Some(v) == self.state => self.candidate = None,
            Some(v) => {
                let since = match self.candidate {
                    Some((c, since)) if c == v => since,
                    _ => {
                        self.candidate = Some((v, t));
                        t
                    }
                };
                // The first decision needs a shorter dwell, but one: a single frame (a
                // glitch, the bottom of a squat) is not a state.
                let dwell = match (self.state, v) {
                    (None, _) => FIRST_DECISION_SECS,
                    (_, PostureState::Away) => AWAY_DWELL_SECS,
                    _ => SIT_STAND_DWELL_SECS,
                };
                if t - since >= dwell {
                    change = Some(PostureChange {
                        from: self.state,
                        to: v,
                        since_secs: since,
                        confirmed_secs: t,
                    });
                    self.state = Some(v);
                    self.state_since_secs = since;
                    self.candidate = None;
                }
            }
        }
        PostureUpdate {
            state: self.state,
            vote,
            change,
            unsettled: self.candidate.is_some(),
        }
    }
}

fn median_reference(samples: &[UpperBody]) -> Option<Reference> {
    let median = |mut v: Vec<f32>| -> Option<f32> {
        if v.is_empty() {
            return None;
        }
        v.sort_by(f32::total_cmp);
        Some(v[v.len() / 2])
    };
    Some(Reference {
        shoulder_y_px: median(samples.iter().map(|u| u.shoulder_y_px).collect())?,
        size_px: median(samples.iter().map(|u| u.size_px).collect())?,
    })
}

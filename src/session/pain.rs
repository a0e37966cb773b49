//! The pain stop: the 36-hour rule, the pain gesture, and the session's stop / report /
//! resume steps. The seed's advice is in the catalogue (`pain-advice`, `physician-advice`).

use crate::history::{PainReport, SessionStatus};
use crate::landmark::Landmark;
use crate::pose::Pose;

use super::{LiveView, ResumeChoice, Session, Stage};

/// Seconds of unchanged pain intensity after which the physician advice shows.
pub const SAME_PAIN_LIMIT_SECS: f64 = 36.0 * 3600.0;

/// Seconds the pain gesture must be held.
pub const PAIN_GESTURE_HOLD_SECS: f64 = 1.0;

impl Session {
    pub(super) fn pain_stop(&mut self, now_unix: f64) {
        if matches!(self.stage, Stage::PainStopped { .. }) {
            return;
        }
        let exercise = self.current_item().map(|(i, _)| i);
        let active = matches!(
            self.stage,
            Stage::BeforeYouBegin { .. } | Stage::Set { .. } | Stage::Rest { .. }
        );
        if active {
            self.stopped_for_pain = true;
            if let Some(set_id) = self.set_id.take() {
                self.record_history(|h| h.end_set(set_id, now_unix));
            }
            if let Some(session) = self.session_id {
                self.record_history(|h| {
                    h.end_session(session, SessionStatus::StoppedForPain, now_unix)
                });
            }
        }
        // The report is written when answered or when the user moves on; it starts with
        // the facts known now.
        self.pain_report_pending = Some(PainReport {
            reported_unix_secs: now_unix,
            intensity: None,
            location: String::new(),
            session_id: if active {
                self.session_id.map(|s| s.0)
            } else {
                None
            },
            exercise_id: exercise
                .and_then(|i| self.plan.get(i))
                .filter(|_| active)
                .map(|p| p.exercise.id.clone()),
        });
        self.live = LiveView::default();
        self.gesture = PainGesture::default();
        let physician_advice = self.physician_advice_due();
        self.emit(super::EventKind::PainStopped { physician_advice });
        self.stage = Stage::PainStopped {
            exercise: exercise.filter(|_| active),
            answered: false,
        };
        if !active {
            // Nothing was running: remember whether to go back to the plan or summary.
            self.session_id = None;
        }
    }

    pub(super) fn flush_pending_pain_report(&mut self) {
        if let Some(report) = self.pain_report_pending.take() {
            if self.history.is_some() {
                self.record_history(|h| h.add_pain_report(&report));
                self.reload_pain_reports();
            } else {
                self.pain_reports.push(report);
            }
        }
    }

    pub(super) fn resume_after_pain(&mut self, exercise: Option<usize>, choice: ResumeChoice) {
        let Some(exercise) = exercise else {
            // Nothing was running.
            self.stage = Stage::Plan;
            self.reset_run();
            return;
        };
        let now_unix = self.unix(self.now_secs);
        let reopen = |s: &mut Session| {
            if let Some(session) = s.session_id {
                s.record_history(|h| h.end_session(session, SessionStatus::InProgress, now_unix));
            }
        };
        match choice {
            ResumeChoice::EndSession => self.finish_session(SessionStatus::StoppedForPain),
            ResumeChoice::NextExercise => {
                if exercise + 1 < self.plan.len() {
                    reopen(self);
                    self.coach = None;
                    self.enter_before_you_begin(exercise + 1, 1);
                } else {
                    self.finish_session(SessionStatus::StoppedForPain);
                }
            }
            ResumeChoice::SameExercise => {
                reopen(self);
                let done = self
                    .results
                    .get(exercise)
                    .map(|r| r.sets_completed)
                    .unwrap_or(0);
                let sets = self.plan.get(exercise).map(|p| p.sets).unwrap_or(1);
                self.enter_before_you_begin(exercise, (done + 1).min(sets));
            }
        }
    }
}

/// The 36-hour rule: `true` when the diary shows the same pain intensity (above 0) for
/// more than [`SAME_PAIN_LIMIT_SECS`]: the latest report with an intensity and every
/// earlier one back to the first of that run have the same value, and that run spans more
/// than 36 hours. A lower (or higher) intensity starts a new run. Reports after `now_unix_secs`
/// are ignored.
pub fn physician_advice_due(reports: &[PainReport], now_unix_secs: f64) -> bool {
    let mut rated: Vec<(f64, u8)> = reports
        .iter()
        .filter(|r| r.reported_unix_secs <= now_unix_secs)
        .filter_map(|r| r.intensity.map(|i| (r.reported_unix_secs, i)))
        .collect();
    rated.sort_by(|a, b| a.0.total_cmp(&b.0));
    let Some(&(last_t, last_i)) = rated.last() else {
        return false;
    };
    if last_i == 0 {
        return false;
    }
    let mut first_t = last_t;
    for &(t, i) in rated.iter().rev() {
        if i != last_i {
            break;
        }
        first_t = t;
    }
    last_t - first_t > SAME_PAIN_LIMIT_SECS
}

/// Minimum landmark visibility for the gesture.
const GESTURE_MIN_VISIBILITY: f32 = 0.5;

/// The pain gesture: both wrists above the head (above the nose and the ears) with the
/// forearms crossed (the wrists swapped sides relative to the shoulders), elbows above the
/// shoulders. No exercise in the library raises both hands overhead, let alone crossed.
pub fn pain_gesture(pose: &Pose) -> bool {
    let get = |lm: Landmark| {
        pose.get(lm)
            .filter(|p| p.visibility >= GESTURE_MIN_VISIBILITY)
    };
    let (Some(lw), Some(rw), Some(ls), Some(rs), Some(nose), Some(le), Some(re)) = (
        get(Landmark::LeftWrist),
        get(Landmark::RightWrist),
        get(Landmark::LeftShoulder),
        get(Landmark::RightShoulder),
        get(Landmark::Nose),
        get(Landmark::LeftElbow),
        get(Landmark::RightElbow),
    ) else {
        return false;
    };
    let shoulder_width = (ls.x_px - rs.x_px).abs();
    if shoulder_width < 1.0 {
        return false;
    }
    let head_top = nose.y_px;
    let wrists_above_head = lw.y_px < head_top && rw.y_px < head_top;
    let elbows_up = le.y_px < ls.y_px && re.y_px < rs.y_px;
    // Crossed: the left wrist is on the right shoulder's side of the right wrist.
    let shoulder_sign = (ls.x_px - rs.x_px).signum();
    let wrist_sign = (lw.x_px - rw.x_px).signum();
    let crossed = wrist_sign == -shoulder_sign;
    // Wrists close together (within a shoulder width), as in an X.
    let close = (lw.x_px - rw.x_px).abs() < shoulder_width;
    wrists_above_head && elbows_up && crossed && close
}

/// Detects the pain gesture held for [`PAIN_GESTURE_HOLD_SECS`]; time is the frame's.
#[derive(Clone, Debug, Default)]
pub struct PainGesture {
    since_secs: Option<f64>,
    fired: bool,
}

impl PainGesture {
    /// Feeds one frame; `true` once when the gesture has been held long enough.
    pub fn update(&mut self, t_secs: f64, pose: Option<&Pose>) -> bool {
        if !pose.is_some_and(pain_gesture) {
            self.since_secs = None;
            self.fired = false;
            return false;
        }
        let since = *self.since_secs.get_or_insert(t_secs);
        if !self.fired && t_secs - since >= PAIN_GESTURE_HOLD_SECS {
            self.fired = true;
            return true;
        }
        false
    }
}

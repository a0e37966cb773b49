//! The coach that does not nag: the cue policy of an exercise with a `[form]` section.
//!
//! Contract (the tracker asks, the feedback shows):
//! - At most one corrective cue per rep: after each rep, its worst fault (the form fault
//!   with the largest margin past its limit, else another fault of the rep, else
//!   `too_fast`); between reps, one lasting fault (stance) only if the rep said nothing.
//! - The same fault is not repeated until it comes back after a clean rep: a rep fault
//!   after a clean rep; a lasting fault after it ended and a clean rep came (a fault that
//!   never goes away is said once).
//! - Praise after a clean rep (no fault at all, tempo included, and a form score of at
//!   least [`PRAISE_MIN_FORM_SCORE`]) now and then: on the first such rep and then every
//!   [`PRAISE_EVERY_CLEAN_REPS`] clean reps in a row.
//! - Visibility cues ("step back") are never held back.

use std::collections::BTreeMap;

use super::fault::FaultCode;
use super::form::RepForm;
use super::tracker::{ExerciseEvent, RepRecord};
use crate::feedback::{ActiveFault, Cue, CuePriority, Feedback};

/// Seconds the one cue after a rep stays at least.
pub const REP_CUE_SECS: f64 = 2.5;

/// The coach's words for the policy's cues, in its language.
pub struct CueWords<'a> {
    /// The cue for a fault.
    pub fault: &'a dyn Fn(FaultCode) -> String,
    /// The praise after a clean rep.
    pub praise: String,
}

/// Praise on the first clean rep in a row and then every this many.
pub const PRAISE_EVERY_CLEAN_REPS: u32 = 3;
/// Praise needs at least this form score (0-100): a rep without faults but with several
/// measures near their limits is not praised.
pub const PRAISE_MIN_FORM_SCORE: f32 = 80.0;

/// What to say after a rep.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RepCue {
    /// Correct this fault.
    Correct(FaultCode),
    /// Praise.
    Praise,
}

/// See the module docs.
#[derive(Clone, Debug, Default)]
pub struct CuePolicy {
    /// The rep fault cued last, until a clean rep.
    last_rep_cue: Option<FaultCode>,
    /// Clean reps in a row.
    clean_streak: u32,
    /// A corrective cue was said since the last rep completed.
    spoke: bool,
    /// Lasting faults cued, and whether each has ended since.
    live_cued: BTreeMap<FaultCode, bool>,
}

impl CuePolicy {
    /// After a rep: what to say, if anything (the rep's faults, the form's worst first).
    pub fn after_rep(&mut self, rep: &RepRecord, form_faults: &[FaultCode]) -> Option<RepCue> {
        self.spoke = false;
        let worst = form_faults
            .first()
            .or_else(|| rep.faults.iter().find(|f| **f != FaultCode::TooFast))
            .or_else(|| rep.faults.first())
            .copied();
        match worst {
            Some(code) => {
                self.clean_streak = 0;
                if self.last_rep_cue == Some(code) {
                    return None;
                }
                self.last_rep_cue = Some(code);
                self.spoke = true;
                Some(RepCue::Correct(code))
            }
            None => {
                self.last_rep_cue = None;
                self.live_cued.retain(|_, ended| !*ended);
                self.clean_streak += 1;
                let good = rep.form_score.is_none_or(|s| s >= PRAISE_MIN_FORM_SCORE);
                (good && self.clean_streak % PRAISE_EVERY_CLEAN_REPS == 1).then_some(RepCue::Praise)
            }
        }
    }

    /// Whether a lasting fault may be cued now.
    pub fn allows_live(&self, code: FaultCode) -> bool {
        code.priority() == CuePriority::Visibility
            || (!self.spoke && !self.live_cued.contains_key(&code))
    }

    /// A lasting fault's cue was shown.
    pub fn live_said(&mut self, code: FaultCode) {
        if code.priority() != CuePriority::Visibility {
            self.spoke = true;
            self.live_cued.insert(code, false);
        }
    }

    /// A lasting fault ended (it may be said again once a clean rep has come).
    pub fn live_ended(&mut self, code: FaultCode) {
        if let Some(ended) = self.live_cued.get_mut(&code) {
            *ended = true;
        }
    }
}

impl CuePolicy {
    /// One frame's cue through the policy: after a rep its one cue (handed to `feedback` as
    /// a one-off cue; `too_fast` is cued only that way), between reps a lasting fault only
    /// when [`CuePolicy::allows_live`].
    pub fn cue(
        &mut self,
        feedback: &mut Feedback,
        words: CueWords<'_>,
        t_secs: f64,
        active: &[ActiveFault],
        events: &[ExerciseEvent],
    ) -> Option<Cue> {
        for e in events {
            match e {
                ExerciseEvent::RepCompleted(rep) => {
                    let form = RepForm {
                        score: rep.form_score.unwrap_or(100.0),
                        measures: rep.form.clone(),
                    };
                    match self.after_rep(rep, &form.faults()) {
                        Some(RepCue::Correct(code)) => {
                            feedback.say(t_secs, code, (words.fault)(code), REP_CUE_SECS);
                        }
                        Some(RepCue::Praise) => feedback.praise(t_secs, words.praise.clone()),
                        None => {}
                    }
                }
                ExerciseEvent::FaultEnded { code, .. } => self.live_ended(*code),
                _ => {}
            }
        }
        let events: Vec<ExerciseEvent> = events
            .iter()
            .filter(|e| {
                !matches!(
                    e,
                    ExerciseEvent::FaultStarted {
                        code: FaultCode::TooFast,
                        ..
                    }
                )
            })
            .cloned()
            .collect();
        let active: Vec<ActiveFault> = active
            .iter()
            .filter(|f| self.allows_live(f.code))
            .cloned()
            .collect();
        let cue = feedback.update(t_secs, &active, &events);
        if let Some(c) = &cue
            && c.shown_at_secs == t_secs
            && let Some(code) = c.fault
            && active.iter().any(|f| f.code == code)
        {
            self.live_said(code);
        }
        cue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rep(faults: &[FaultCode]) -> RepRecord {
        RepRecord {
            index: 1,
            side: None,
            set_index: 0,
            start_secs: 0.0,
            end_secs: 2.0,
            duration_secs: 2.0,
            phase_secs: [1.0, 1.0],
            depth: 1.0,
            faults: faults.to_vec(),
            form_score: None,
            form: Vec::new(),
        }
    }

    #[test]
    fn one_cue_per_rep_no_repeats_until_a_clean_rep_and_praise_now_and_then() {
        use FaultCode::*;
        let mut p = CuePolicy::default();
        let knees = [KneesCavingIn];
        assert_eq!(
            p.after_rep(&rep(&[KneesCavingIn, TooFast]), &knees),
            Some(RepCue::Correct(KneesCavingIn))
        );
        // The same fault again: silent.
        assert_eq!(p.after_rep(&rep(&[KneesCavingIn]), &knees), None);
        // A different fault is said.
        assert_eq!(
            p.after_rep(&rep(&[TooFast]), &[]),
            Some(RepCue::Correct(TooFast))
        );
        assert!(!p.allows_live(FeetNotParallel));
        // Clean reps: praise on the first and the fourth.
        let said: Vec<Option<RepCue>> = (0..4).map(|_| p.after_rep(&rep(&[]), &[])).collect();
        assert_eq!(
            said,
            [Some(RepCue::Praise), None, None, Some(RepCue::Praise)]
        );
        // After a clean rep the knees are corrected again.
        assert_eq!(
            p.after_rep(&rep(&[KneesCavingIn]), &knees),
            Some(RepCue::Correct(KneesCavingIn))
        );
        // A rep that said something leaves no room for a stance cue.
        assert!(!p.allows_live(FeetNotParallel));
        // A stance fault: once, and again only after it ended and a clean rep came.
        p.after_rep(&rep(&[]), &[]);
        assert!(p.allows_live(FeetNotParallel));
        p.live_said(FeetNotParallel);
        assert!(!p.allows_live(FeetNotParallel));
        assert!(p.allows_live(OutOfFrame));
        p.after_rep(&rep(&[]), &[]);
        assert!(!p.allows_live(FeetNotParallel), "it never ended");
        p.live_ended(FeetNotParallel);
        p.after_rep(&rep(&[KneesCavingIn]), &knees);
        assert!(!p.allows_live(FeetNotParallel));
        p.after_rep(&rep(&[]), &[]);
        assert!(p.allows_live(FeetNotParallel));
        // A clean rep with a poor score is not praised.
        let mut p = CuePolicy::default();
        let mut meh = rep(&[]);
        meh.form_score = Some(55.0);
        assert_eq!(p.after_rep(&meh, &[]), None);
    }
}

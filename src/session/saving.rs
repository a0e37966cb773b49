//! The history as the session's sink when it misbehaves: a rep whose write fails waits
//! and is written, in order, once the file takes writes again; a file deleted or replaced
//! under a running session is followed (the set in progress written again in the file now
//! at the path). Only the session calls these; time comes from the session's clock.

use super::{Session, Stage};
use crate::history::{History, SetId};

/// Reps kept for a history that cannot take writes (a locked or full database), at most:
/// more than any day's sessions; beyond it the oldest is dropped.
pub const MAX_UNSAVED_REPS: usize = 10_000;

/// Seconds between attempts to open the file put in place of a deleted or replaced
/// history when the last attempt failed (a damaged file, say).
pub const HISTORY_FOLLOW_RETRY_SECS: f64 = 5.0;

impl Session {
    /// Writes a rep, after any earlier ones still waiting; one that cannot be written now
    /// waits (see [`Session::unsaved_reps`]).
    pub(super) fn save_rep(
        &mut self,
        set_id: SetId,
        rep: &crate::history::RepRecord,
        now_unix: f64,
    ) {
        if self.history.is_none() {
            return;
        }
        if self.unsaved_reps.len() >= MAX_UNSAVED_REPS {
            self.unsaved_reps.pop_front();
        }
        self.unsaved_reps.push_back((set_id, rep.clone(), now_unix));
        self.flush_unsaved_reps();
    }

    /// Writes the waiting reps in order, stopping at the first that fails. Once all are
    /// written after a failure, the history error is cleared (the banner goes).
    pub(super) fn flush_unsaved_reps(&mut self) {
        let backlog = self.unsaved_reps.len() > 1;
        while let Some((set_id, rep, at)) = self.unsaved_reps.front().cloned() {
            if self
                .record_history(|h| h.record_rep(set_id, &rep, at))
                .is_none()
            {
                return;
            }
            self.unsaved_reps.pop_front();
        }
        if backlog {
            // Everything is saved again: the banner goes, unless the file itself is gone.
            self.history_error = self
                .history
                .as_ref()
                .and_then(|h| h.check_file().err())
                .map(|e| e.to_string());
        }
    }

    /// When the history file was deleted or replaced under the session (writes to the old
    /// one are lost), opens the file now at that path and carries on there: a new session
    /// row, the set in progress and its reps so far. A stat per call; see
    /// [`crate::history::HistoryError::Reopened`].
    pub(crate) fn follow_history_file(&mut self) {
        let path = match (&self.history, &self.history_to_follow) {
            (Some(h), _) => {
                if h.check_file().is_ok() {
                    return;
                }
                h.path().to_owned()
            }
            (None, Some(path)) => path.clone(),
            (None, None) => return,
        };
        if self.now_secs < self.history_follow_retry_secs {
            return;
        }
        // Close the old connection first, its log moved aside, so the file now at the
        // path is opened on its own (see `History::close_moved`).
        if let Some(old) = self.history.take() {
            old.close_moved(self.unix(self.now_secs));
        }
        let history = match path.parent().map(History::open) {
            Some(Ok(history)) => history,
            other => {
                // Nothing usable there (a damaged file, say): say so, look again later.
                if let Some(Err(e)) = other {
                    self.history_error = Some(e.to_string());
                }
                self.history_to_follow = Some(path);
                self.history_follow_retry_secs = self.now_secs + HISTORY_FOLLOW_RETRY_SECS;
                return;
            }
        };
        self.history_to_follow = None;
        self.history = Some(history);
        // The waiting reps belonged to the old file's set; the set in progress is written
        // again below, those included.
        self.unsaved_reps.clear();
        let now_unix = self.unix(self.now_secs);
        let mut reps = 0;
        let in_session = matches!(
            self.stage,
            Stage::BeforeYouBegin { .. }
                | Stage::Set { .. }
                | Stage::Rest { .. }
                | Stage::PainStopped { .. }
        );
        if !in_session {
            // A finished session (the summary) is not started again in the new file.
            self.session_id = None;
            self.set_id = None;
        }
        if self.session_id.is_some() {
            let planned = self.planned_exercises();
            self.session_id = self.record_history(|h| h.start_session(now_unix, &planned));
            if let (Stage::Set { exercise, set }, Some(_), Some(session)) =
                (self.stage.clone(), self.set_id, self.session_id)
                && let Some(item) = self.plan.get(exercise)
            {
                let (id, target) = (item.exercise.id.clone(), item.reps);
                self.set_id =
                    self.record_history(|h| h.start_set(session, &id, set, target, now_unix));
                let done = self.live.reps_in_set as usize;
                let in_set: Vec<crate::history::RepRecord> = self
                    .results
                    .get(exercise)
                    .map(|r| r.reps[r.reps.len().saturating_sub(done)..].to_vec())
                    .unwrap_or_default();
                if let Some(set_id) = self.set_id {
                    for rep in &in_set {
                        self.save_rep(set_id, rep, now_unix);
                    }
                    reps = in_set.len() as u32;
                }
            }
        }
        // Errors were about the old file; the new one takes writes.
        self.history_error = None;
        if self.session_id.is_some() {
            self.history_notice =
                Some(crate::history::HistoryError::Reopened { path, reps }.to_string());
        }
    }

    /// Something the user should know about the history that is not a failure (the file was
    /// replaced under a session and the session carries on in the new one).
    pub fn history_notice(&self) -> Option<&str> {
        self.history_notice.as_deref()
    }

    /// Reps counted but not yet in the history (its writes are failing).
    pub fn unsaved_reps(&self) -> usize {
        self.unsaved_reps.len()
    }
}

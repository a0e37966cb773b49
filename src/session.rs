//! The live session: plan → before you begin → sets → rest → next exercise → summary, with
//! a pain stop from every state.
//!
//! Contract:
//! - Only [`Session`] changes session state. The UI reads it (getters, [`Stage`]) and sends
//!   [`Command`]s; the app feeds pose frames with [`Session::on_frame`] and the passing of
//!   time with [`Session::tick`].
//! - Time is an input: `t_secs` is the app's clock in seconds (any origin, monotonic);
//!   wall-clock times for the history are `unix_base_secs + t_secs`, the base given at
//!   construction. Nothing here reads a clock.
//! - The judgement of each frame (stance, reps, faults, cue) comes from a [`Coach`]; the
//!   real one is [`TrackerCoach`] (the exercise engine), tests may script their own.
//! - Every completed rep is written to the [`History`] as it happens; a pain stop saves
//!   the session as stopped for pain at once. History errors never stop the session: they
//!   are kept in [`Session::history_error`] for the UI to show.
//! - The pain stop ([`Command::PainStop`], the keys, the button, [`pain_gesture`]) halts
//!   counting and cues at once; resuming needs an explicit [`Command::ResumeAfterPain`].

mod coach;
mod commands;
mod events;
mod pain;
mod plan;
mod programme;
mod saving;

pub use coach::{
    Coach, CoachFactory, CoachStep, StanceView, TempoView, TrackerCoach, fault_codes,
    fault_for_landmark,
};
pub use commands::{Command, ResumeChoice};
pub use events::{EventKind, SessionEvent};
pub use pain::{
    PAIN_GESTURE_HOLD_SECS, PainGesture, SAME_PAIN_LIMIT_SECS, pain_gesture, physician_advice_due,
};
pub use plan::{ExerciseResult, MAX_TRACE_POINTS, PlanItem, REPS_RANGE};
pub use programme::{MAX_OVERRIDE_SETS, TodayProgramme};
pub use saving::{HISTORY_FOLLOW_RETRY_SECS, MAX_UNSAVED_REPS};

use crate::history::{History, PainReport, SessionId, SessionStatus, SetId, Settings};
use crate::i18n::Lang;
use crate::pose::PoseFrame;

/// Where the session is.
#[derive(Clone, Debug, PartialEq)]
pub enum Stage {
    /// Home: choosing today's plan; nothing started.
    Plan,
    /// The checklist and the live stance gate before a set.
    BeforeYouBegin {
        /// Index into the plan.
        exercise: usize,
        /// 1-based set about to start.
        set: u32,
    },
    /// A set is running: reps count.
    Set {
        /// Index into the plan.
        exercise: usize,
        /// 1-based set.
        set: u32,
    },
    /// Resting between sets or exercises.
    Rest {
        /// The exercise (index into the plan) that comes next.
        next_exercise: usize,
        /// The 1-based set that comes next.
        next_set: u32,
        /// App time when the rest ends, seconds.
        until_secs: f64,
    },
    /// The session is over.
    Summary,
    /// Stopped for pain; waiting for the user's explicit choice.
    PainStopped {
        /// The exercise (index into the plan) being done, if any.
        exercise: Option<usize>,
        /// Whether the optional pain questions were answered or skipped.
        answered: bool,
    },
}

/// The live view of the current set.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LiveView {
    /// Reps counted in this set.
    pub reps_in_set: u32,
    /// The one cue to show.
    pub cue: Option<String>,
    /// Tempo indicator.
    pub tempo: Option<TempoView>,
    /// Faults active now.
    pub active_faults: Vec<String>,
    /// Whether a person was in view on the last frame.
    pub person_in_view: bool,
    /// More than one person seen on the last frame.
    pub several_people: bool,
    /// People the detector sees (0 when unknown).
    pub people: u32,
    /// The stance gate (Before-you-begin).
    pub stance: Option<StanceView>,
}

/// The live session state machine.
pub struct Session {
    plan: Vec<PlanItem>,
    stage: Stage,
    factory: CoachFactory,
    coach: Option<(usize, Box<dyn Coach>)>,
    live: LiveView,
    results: Vec<ExerciseResult>,
    history: Option<History>,
    history_error: Option<String>,
    /// See [`Session::history_notice`].
    history_notice: Option<String>,
    /// App time before which a failed [`Session::follow_history_file`] is not retried.
    history_follow_retry_secs: f64,
    /// The history's path while its file could not be opened again (see
    /// [`Session::follow_history_file`]).
    history_to_follow: Option<std::path::PathBuf>,
    /// Reps whose write failed (a locked or full database), oldest first: written, in
    /// order, as soon as the history takes writes again.
    unsaved_reps: std::collections::VecDeque<(SetId, crate::history::RepRecord, f64)>,
    session_id: Option<SessionId>,
    set_id: Option<SetId>,
    unix_base_secs: f64,
    now_secs: f64,
    pain_reports: Vec<PainReport>,
    pain_report_pending: Option<PainReport>,
    stopped_for_pain: bool,
    gesture: PainGesture,
    settings: Settings,
    system_lang: Lang,
    forced_lang: Option<Lang>,
    events: Vec<SessionEvent>,
    /// Today's programme, when the session follows one ([`Session::with_programme`]).
    programme: Option<TodayProgramme>,
    /// Today's plan was chosen by hand in the Library.
    hand_chosen: bool,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("stage", &self.stage)
            .field("plan", &self.plan.len())
            .finish()
    }
}

impl Session {
    /// A session on the Plan stage. `unix_base_secs` is the wall-clock time (seconds since
    /// the Unix epoch) at app time `t_secs = 0`.
    pub fn new(
        plan: Vec<PlanItem>,
        history: Option<History>,
        factory: CoachFactory,
        unix_base_secs: f64,
    ) -> Session {
        let mut session = Session {
            plan,
            stage: Stage::Plan,
            factory,
            coach: None,
            live: LiveView::default(),
            results: Vec::new(),
            history,
            history_error: None,
            history_notice: None,
            history_follow_retry_secs: 0.0,
            history_to_follow: None,
            unsaved_reps: Default::default(),
            session_id: None,
            set_id: None,
            unix_base_secs,
            now_secs: 0.0,
            pain_reports: Vec::new(),
            pain_report_pending: None,
            stopped_for_pain: false,
            gesture: PainGesture::default(),
            settings: Settings::default(),
            system_lang: Lang::En,
            forced_lang: None,
            events: Vec::new(),
            programme: None,
            hand_chosen: false,
        };
        session.reload_pain_reports();
        if let Some(h) = &session.history {
            match h.settings() {
                Ok(s) => session.settings = s,
                Err(e) => session.history_error = Some(e.to_string()),
            }
        }
        session
    }

    fn reload_pain_reports(&mut self) {
        if let Some(h) = &self.history {
            match h.pain_reports() {
                Ok(r) => self.pain_reports = r,
                Err(e) => self.history_error = Some(e.to_string()),
            }
        }
    }

    /// The language to use when the settings follow the system (`system`), and one that
    /// overrides the settings for this run (`--lang`).
    pub fn with_language(mut self, system: Lang, forced: Option<Lang>) -> Session {
        self.system_lang = system;
        self.forced_lang = forced;
        self
    }

    /// The language of the screen, the cues and the voice: `--lang`, else the settings'
    /// choice, else the system's.
    pub fn lang(&self) -> Lang {
        self.forced_lang
            .or(self.settings.language)
            .unwrap_or(self.system_lang)
    }

    /// The events since the last call, in order (for the voice and other sinks).
    pub fn take_events(&mut self) -> Vec<SessionEvent> {
        std::mem::take(&mut self.events)
    }

    fn emit(&mut self, kind: EventKind) {
        // A sink that never takes them must not grow memory without bound.
        const MAX_PENDING_EVENTS: usize = 1000;
        if self.events.len() >= MAX_PENDING_EVENTS {
            self.events.remove(0);
        }
        self.events.push(SessionEvent {
            t_secs: self.now_secs,
            kind,
        });
    }

    /// Shows `cue` (and tells the sinks when it is a new one).
    fn set_cue(&mut self, cue: Option<String>, praise: bool) {
        if let Some(text) = &cue
            && self.live.cue.as_ref() != Some(text)
        {
            let text = text.clone();
            self.emit(EventKind::Cue { text, praise });
        }
        self.live.cue = cue;
    }

    /// Where the session is.
    pub fn stage(&self) -> &Stage {
        &self.stage
    }

    /// Today's plan: the programme's (see [`Session::with_programme`]) or the user's hand
    /// choice.
    pub fn plan(&self) -> &[PlanItem] {
        &self.plan
    }

    /// The live set view.
    pub fn live(&self) -> &LiveView {
        &self.live
    }

    /// Results per plan item (same order as the plan, filled as the session runs).
    pub fn results(&self) -> &[ExerciseResult] {
        &self.results
    }

    /// The last history error, for the UI.
    pub fn history_error(&self) -> Option<&str> {
        self.history_error.as_deref()
    }

    /// The app settings (loaded from the history; defaults without one).
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The history, if one is open.
    pub fn history(&self) -> Option<&History> {
        self.history.as_ref()
    }

    /// The history session id, once started.
    pub fn session_id(&self) -> Option<SessionId> {
        self.session_id
    }

    /// Whether this session was stopped for pain at some point.
    pub fn stopped_for_pain(&self) -> bool {
        self.stopped_for_pain
    }

    /// The pain diary as last loaded.
    pub fn pain_reports(&self) -> &[PainReport] {
        &self.pain_reports
    }

    /// Whether the 36-hour advice is due now.
    pub fn physician_advice_due(&self) -> bool {
        physician_advice_due(&self.pain_reports, self.unix(self.now_secs))
    }

    /// Seconds left in the rest, if resting.
    pub fn rest_remaining_secs(&self) -> Option<f64> {
        match self.stage {
            Stage::Rest { until_secs, .. } => Some((until_secs - self.now_secs).max(0.0)),
            _ => None,
        }
    }

    /// The plan item the stage is about (current or next), if any.
    pub fn current_item(&self) -> Option<(usize, &PlanItem)> {
        let index = match self.stage {
            Stage::BeforeYouBegin { exercise, .. } | Stage::Set { exercise, .. } => exercise,
            Stage::Rest { next_exercise, .. } => next_exercise,
            Stage::PainStopped {
                exercise: Some(e), ..
            } => e,
            _ => return None,
        };
        self.plan.get(index).map(|item| (index, item))
    }

    /// Whether counting and cueing run (a set is live).
    pub fn is_counting(&self) -> bool {
        matches!(self.stage, Stage::Set { .. })
    }

    /// The app time last seen, seconds.
    pub fn now_secs(&self) -> f64 {
        self.now_secs
    }

    fn unix(&self, t_secs: f64) -> f64 {
        self.unix_base_secs + t_secs
    }

    fn record_history<T>(
        &mut self,
        f: impl FnOnce(&mut History) -> Result<T, crate::history::HistoryError>,
    ) -> Option<T> {
        let h = self.history.as_mut()?;
        match f(h) {
            Ok(v) => {
                // A write to a deleted or replaced file succeeds and is lost: say so.
                if let Err(e) = h.check_file() {
                    self.history_error = Some(e.to_string());
                }
                Some(v)
            }
            Err(e) => {
                self.history_error = Some(e.to_string());
                None
            }
        }
    }

    /// The passing of time (call every UI frame).
    pub fn tick(&mut self, t_secs: f64) {
        self.now_secs = self.now_secs.max(t_secs);
        self.follow_history_file();
        self.check_new_day();
        if let Stage::Rest {
            next_exercise,
            next_set,
            until_secs,
        } = self.stage
            && self.now_secs >= until_secs
        {
            self.enter_before_you_begin(next_exercise, next_set);
        }
    }

    /// One pose frame from the pipeline, at app time `t_secs`.
    pub fn on_frame(&mut self, t_secs: f64, frame: &PoseFrame) {
        self.tick(t_secs);
        let people = frame.people_detected.unwrap_or(0);
        let several = people > 1;
        let coaching = matches!(
            self.stage,
            Stage::BeforeYouBegin { .. } | Stage::Set { .. } | Stage::Rest { .. }
        );
        if several && !self.live.several_people && coaching {
            self.emit(EventKind::SeveralPeople { people });
        }
        self.live.several_people = several;
        self.live.people = people;
        self.live.person_in_view = frame.pose.is_some();
        if coaching
            && self.gesture.update(
                frame.t_secs,
                frame.pose.as_ref().filter(|_| !self.live.several_people),
            )
        {
            self.apply(Command::PainStop);
            return;
        }
        match self.stage.clone() {
            Stage::BeforeYouBegin { exercise, set } => {
                let Some(coach) = self.coach_for(exercise) else {
                    return;
                };
                let view = coach.stance(frame);
                let ready = view == StanceView::Ready;
                let instruction = match &view {
                    StanceView::NotInView { instruction } => Some(instruction.clone()),
                    StanceView::Adjust { cue } => Some(cue.clone()),
                    _ => None,
                };
                let said = match &self.live.stance {
                    Some(StanceView::NotInView { instruction }) => Some(instruction),
                    Some(StanceView::Adjust { cue }) => Some(cue),
                    _ => None,
                };
                // The several-people pause is said once by its own event.
                if let Some(instruction) = instruction.filter(|i| Some(i) != said)
                    && !self.live.several_people
                {
                    self.emit(EventKind::Gate { instruction });
                }
                self.live.stance = Some(view);
                if ready {
                    self.start_set(exercise, set);
                }
            }
            Stage::Set { exercise, set } => {
                // With several people in view the exercise engine itself pauses (no
                // reps, no cues), exactly as in `analyze`: the same judgement everywhere.
                let Some(coach) = self.coach_for(exercise) else {
                    return;
                };
                let step = coach.step(frame);
                if self.live.several_people {
                    // The exercise engine pauses by itself; whatever judges the frames,
                    // the session never counts or cues while several people are in view.
                    self.set_cue(None, false);
                    return;
                }
                self.on_step(exercise, set, frame.t_secs, step);
            }
            _ => {}
        }
    }

    fn coach_for(&mut self, exercise: usize) -> Option<&mut Box<dyn Coach>> {
        let fresh = !matches!(&self.coach, Some((i, _)) if *i == exercise);
        if fresh {
            let item = self.plan.get(exercise)?;
            let lang = self.lang();
            let coach = (self.factory)(item, lang);
            self.coach = Some((exercise, coach));
        }
        self.coach.as_mut().map(|(_, c)| c)
    }

    fn on_step(&mut self, exercise: usize, set: u32, frame_t: f64, step: CoachStep) {
        let set_id = self.set_id;
        let now_unix = self.unix(self.now_secs);
        if let Some(result) = self.results.get_mut(exercise) {
            if let Some(v) = step.signal
                && result.signal.len() < MAX_TRACE_POINTS
            {
                result.signal.push([frame_t, f64::from(v)]);
            }
            result.partial_reps += step.partial_reps;
            result.reps.extend(step.reps.iter().cloned());
        }
        let target = self.plan.get(exercise).map_or(0, |p| p.reps);
        for rep in &step.reps {
            self.live.reps_in_set += 1;
            if let Some(set_id) = set_id {
                self.save_rep(set_id, rep, now_unix);
            }
            self.emit(EventKind::Rep {
                number: rep.rep_number,
                target,
                too_fast: rep.faults.iter().any(|f| f == "too_fast"),
            });
        }
        self.set_cue(step.cue, step.cue_praise);
        if let Some(tempo) = &step.tempo
            && tempo.min_secs > 0.0
            && self.live.tempo.as_ref().map(|t| &t.name) != Some(&tempo.name)
        {
            let calls = self
                .plan
                .get(exercise)
                .is_some_and(|p| p.exercise.tempo.calls);
            self.emit(EventKind::Phase {
                name: tempo.name.clone(),
                min_secs: tempo.min_secs,
                calls,
            });
        }
        self.live.tempo = step.tempo;
        self.live.active_faults = step.active_faults;
        self.live.person_in_view = step.person_in_view;
        if step.set_completed {
            self.finish_set(exercise, set);
        }
    }

    fn finish_set(&mut self, exercise: usize, set: u32) {
        let now_unix = self.unix(self.now_secs);
        if let Some(set_id) = self.set_id.take() {
            self.record_history(|h| h.end_set(set_id, now_unix));
        }
        if let Some(r) = self.results.get_mut(exercise) {
            r.sets_completed += 1;
        }
        let Some(item) = self.plan.get(exercise) else {
            return;
        };
        let rest = f64::from(item.exercise.rest_secs.max(0.0));
        if set < item.sets {
            self.enter_rest(exercise, set + 1, rest);
        } else if exercise + 1 < self.plan.len() {
            self.enter_rest(exercise + 1, 1, rest);
        } else {
            self.finish_session(SessionStatus::Completed);
        }
    }

    fn enter_rest(&mut self, next_exercise: usize, next_set: u32, rest_secs: f64) {
        self.live = LiveView::default();
        let until_secs = self.now_secs + rest_secs;
        let new_exercise =
            !matches!(self.stage, Stage::Set { exercise, .. } if exercise == next_exercise);
        self.stage = Stage::Rest {
            next_exercise,
            next_set,
            until_secs,
        };
        let lang = self.lang();
        let next_name = self
            .plan
            .get(next_exercise)
            .map(|p| p.exercise.name_in(lang).to_owned())
            .unwrap_or_default();
        self.emit(EventKind::RestStarted {
            until_secs,
            next_name,
            new_exercise,
        });
    }

    fn enter_before_you_begin(&mut self, exercise: usize, set: u32) {
        self.live = LiveView {
            stance: Some(StanceView::Waiting),
            ..LiveView::default()
        };
        if let Some(coach) = self.coach_for(exercise) {
            coach.begin_set();
        }
        self.stage = Stage::BeforeYouBegin { exercise, set };
        let lang = self.lang();
        if let Some(item) = self.plan.get(exercise) {
            let (name, sets) = (item.exercise.name_in(lang).to_owned(), item.sets);
            self.emit(EventKind::SetAnnounced { name, set, sets });
        }
    }

    fn start_set(&mut self, exercise: usize, set: u32) {
        let now_unix = self.unix(self.now_secs);
        if let (Some(session), Some(item)) = (self.session_id, self.plan.get(exercise)) {
            let (id, reps) = (item.exercise.id.clone(), item.reps);
            self.set_id = self.record_history(|h| h.start_set(session, &id, set, reps, now_unix));
        }
        self.live = LiveView::default();
        self.stage = Stage::Set { exercise, set };
        let sets = self.plan.get(exercise).map_or(1, |p| p.sets);
        self.emit(EventKind::SetStarted { set, sets });
    }

    fn finish_session(&mut self, status: SessionStatus) {
        let now_unix = self.unix(self.now_secs);
        self.flush_unsaved_reps();
        if let Some(set_id) = self.set_id.take() {
            self.record_history(|h| h.end_set(set_id, now_unix));
        }
        let status = if self.stopped_for_pain {
            SessionStatus::StoppedForPain
        } else {
            status
        };
        if let Some(session) = self.session_id {
            self.record_history(|h| h.end_session(session, status, now_unix));
        }
        self.live = LiveView::default();
        self.stage = Stage::Summary;
        // The week (and tomorrow's plan) now count this session.
        self.refresh_programme();
        let reps = self.results.iter().map(|r| r.reps.len()).sum();
        let stopped_for_pain = self.stopped_for_pain;
        self.emit(EventKind::Summary {
            reps,
            stopped_for_pain,
        });
    }
}

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

use std::collections::BTreeMap;

use crate::exercise::{
    Exercise, ExerciseEvent, ExerciseTracker, FaultCode, GateStatus, StanceGate, TrackerConfig,
    body_in_view,
};
use crate::history::{
    History, PainReport, PlannedExercise, RepRecord, SessionId, SessionStatus, SetId, Settings,
};
use crate::landmark::Landmark;
use crate::pose::{Pose, PoseFrame};

/// The seed's advice after a pain stop.
pub const PAIN_ADVICE: &str =
    "Stop. If you feel pain, consult your doctor or an authorised therapist.";

/// The seed's 36-hour advice.
pub const PHYSICIAN_ADVICE: &str = "Your pain has stayed the same for more than 36 hours. \
     Please see a physician or licensed therapist.";

/// Seconds of unchanged pain intensity after which the physician advice shows.
pub const SAME_PAIN_LIMIT_SECS: f64 = 36.0 * 3600.0;

/// Seconds the pain gesture must be held.
pub const PAIN_GESTURE_HOLD_SECS: f64 = 1.0;

/// The seed's "Before you begin" checklist, in its order.
pub const CHECKLIST: [&str; 5] = [
    "Flat shoes or barefoot, loose clothes",
    "Space around you for arms and legs",
    "Feet parallel, knees slightly bent, chin in",
    "Tense your deep core and pelvic floor",
    "Take some deep breaths",
];

/// Reps per set the user may choose (the seed: "Repeat each exercise 5 to 10 times").
pub const REPS_RANGE: std::ops::RangeInclusive<u32> = 5..=10;

/// Samples of the rep signal kept per exercise for the summary plot.
pub const MAX_TRACE_POINTS: usize = 20_000;

/// One exercise in today's plan.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanItem {
    /// The exercise.
    pub exercise: Exercise,
    /// Sets.
    pub sets: u32,
    /// Reps per set (5-10).
    pub reps: u32,
}

impl PlanItem {
    /// A plan item with the exercise's own sets and reps (reps clamped to 5-10).
    pub fn new(exercise: Exercise) -> PlanItem {
        PlanItem {
            sets: exercise.sets.max(1),
            reps: exercise.reps.clamp(*REPS_RANGE.start(), *REPS_RANGE.end()),
            exercise,
        }
    }
}

/// What a coach says about one frame while a set runs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CoachStep {
    /// Whether a person was in view.
    pub person_in_view: bool,
    /// Reps counted on this frame.
    pub reps: Vec<RepRecord>,
    /// Partial reps on this frame.
    pub partial_reps: u32,
    /// The set's reps are all done.
    pub set_completed: bool,
    /// The rep signal (for the plot), if known.
    pub signal: Option<f32>,
    /// Fault codes active now (for colouring the skeleton).
    pub active_faults: Vec<String>,
    /// The one cue to show now.
    pub cue: Option<String>,
    /// The current phase, for the tempo indicator.
    pub tempo: Option<TempoView>,
}

/// The tempo indicator's data.
#[derive(Clone, Debug, PartialEq)]
pub struct TempoView {
    /// Phase name ("Rest", "Down", ...).
    pub name: String,
    /// Seconds in this phase.
    pub secs_in_phase: f64,
    /// Slowest-allowed minimum for the phase, seconds (0 at rest).
    pub min_secs: f64,
}

/// The stance gate's verdict, for the Before-you-begin screen.
#[derive(Clone, Debug, PartialEq)]
pub enum StanceView {
    /// No frame yet.
    Waiting,
    /// The person is not seen well enough to start.
    NotInView {
        /// What to do ("I can't see your feet: ...").
        instruction: String,
    },
    /// Something to fix.
    Adjust {
        /// What to do.
        cue: String,
    },
    /// Holding the neutral stance.
    Holding {
        /// Fraction of the hold done, 0..1.
        progress: f32,
    },
    /// Ready: counting starts.
    Ready,
}

/// Judges frames for one exercise. [`TrackerCoach`] is the real one.
pub trait Coach {
    /// Starts a set: reset the stance gate; counting continues from the last set.
    fn begin_set(&mut self);
    /// Feeds a frame to the stance gate (before a set).
    fn stance(&mut self, frame: &PoseFrame) -> StanceView;
    /// Feeds a frame during a set.
    fn step(&mut self, frame: &PoseFrame) -> CoachStep;
}

/// Makes a coach for a plan item.
pub type CoachFactory = Box<dyn FnMut(&PlanItem) -> Box<dyn Coach>>;

/// The exercise engine as a [`Coach`].
pub struct TrackerCoach {
    tracker: ExerciseTracker,
    gate: StanceGate,
    alternating: bool,
    /// Reps done while the gate was still waiting (the user started without holding
    /// still): handed to the set with its first step, never lost.
    pending: Option<CoachStep>,
}

impl TrackerCoach {
    /// A coach for the item's exercise, sets and reps.
    pub fn new(item: &PlanItem) -> TrackerCoach {
        let config = TrackerConfig {
            reps_per_set: Some(item.reps),
            sets: Some(item.sets),
            ..TrackerConfig::default()
        };
        TrackerCoach {
            tracker: ExerciseTracker::new(&item.exercise, config),
            gate: StanceGate::default(),
            alternating: item.exercise.alternating,
            pending: None,
        }
    }

    /// The factory the app uses.
    pub fn factory() -> CoachFactory {
        Box::new(|item: &PlanItem| Box::new(TrackerCoach::new(item)) as Box<dyn Coach>)
    }
}

impl Coach for TrackerCoach {
    fn begin_set(&mut self) {
        self.gate.reset();
    }

    fn stance(&mut self, frame: &PoseFrame) -> StanceView {
        // The counter already watches while the gate waits: a rep done before the user
        // held still opens the gate and is counted.
        let status = if body_in_view(frame).is_ok() {
            let out = self.tracker.update(frame);
            let status = self.gate.update_with_metrics(frame.t_secs, &out.metrics);
            let step = self.step_of(out);
            if !step.reps.is_empty() {
                self.pending = Some(step);
                return StanceView::Ready;
            }
            status
        } else {
            self.gate.update(frame)
        };
        match status {
            GateStatus::NotInView(problem) => StanceView::NotInView {
                instruction: problem.instruction().to_owned(),
            },
            GateStatus::Adjust { cue, .. } => StanceView::Adjust {
                cue: cue.to_owned(),
            },
            GateStatus::Holding {
                held_secs,
                hold_secs,
            } => StanceView::Holding {
                progress: (held_secs / hold_secs.max(1e-6)).clamp(0.0, 1.0) as f32,
            },
            GateStatus::Ready => StanceView::Ready,
        }
    }

    fn step(&mut self, frame: &PoseFrame) -> CoachStep {
        let out = self.tracker.update(frame);
        let mut step = self.step_of(out);
        if let Some(mut early) = self.pending.take() {
            early.reps.append(&mut step.reps);
            step.reps = early.reps;
            step.partial_reps += early.partial_reps;
            step.set_completed |= early.set_completed;
        }
        step
    }
}

impl TrackerCoach {
    fn step_of(&self, out: crate::exercise::FrameOutcome) -> CoachStep {
        let mut step = CoachStep {
            person_in_view: out.person_in_view,
            signal: out.signal,
            active_faults: out
                .active_faults
                .iter()
                .map(|f| f.as_str().to_owned())
                .collect(),
            cue: out.cue.map(|c| c.text),
            tempo: Some(TempoView {
                name: out.phase.name.clone(),
                secs_in_phase: out.phase.secs_in_phase,
                min_secs: out.phase.min_secs,
            }),
            ..CoachStep::default()
        };
        let in_set = out.counts.in_set;
        for ev in out.events {
            match ev {
                ExerciseEvent::RepCompleted(rep) => {
                    let number = if self.alternating {
                        rep.index
                    } else {
                        in_set.max(1)
                    };
                    step.reps.push(RepRecord {
                        rep_number: number,
                        start_secs: rep.start_secs,
                        end_secs: rep.end_secs,
                        phase_secs: rep.phase_secs.to_vec(),
                        depth: Some(f64::from(rep.depth)),
                        faults: rep.faults.iter().map(|f| f.as_str().to_owned()).collect(),
                        side: rep.side.map(|s| {
                            match s {
                                crate::exercise::Side::Left => "left",
                                crate::exercise::Side::Right => "right",
                            }
                            .to_owned()
                        }),
                        partial: false,
                    });
                }
                ExerciseEvent::PartialRep { .. } => step.partial_reps += 1,
                ExerciseEvent::SetCompleted { .. } => step.set_completed = true,
                ExerciseEvent::FaultStarted { .. } | ExerciseEvent::FaultEnded { .. } => {}
            }
        }
        step
    }
}

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

/// What the user (or the app on their behalf) asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Replace today's plan (only on the Plan stage).
    SetPlan(Vec<PlanItem>),
    /// Start the planned session.
    Start,
    /// Skip the rest countdown.
    SkipRest,
    /// End the session now (no pain) and show the summary.
    EndSession,
    /// Stop at once for pain (button, keys, gesture).
    PainStop,
    /// The optional answers after a pain stop: intensity 0-10 and where.
    PainDetails {
        /// 0-10, if given.
        intensity: Option<u8>,
        /// Where it hurts (may be empty).
        location: String,
    },
    /// After a pain stop, the explicit choice of what to do next.
    ResumeAfterPain(ResumeChoice),
    /// Add a pain report to the diary from Home (any time).
    ReportPain {
        /// 0-10.
        intensity: u8,
        /// Where it hurts (may be empty).
        location: String,
    },
    /// Back to Home from the summary.
    Home,
    /// Replace the app settings (camera, resolution, mirror view) and store them. Takes
    /// effect the next time the camera starts.
    SaveSettings(Settings),
}

/// What to do after a pain stop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResumeChoice {
    /// End the session (show the summary).
    EndSession,
    /// Skip the exercise that hurt and go on with the next one.
    NextExercise,
    /// Try the same exercise again (the user chose it explicitly).
    SameExercise,
}

/// What was done for one exercise, for the summary.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExerciseResult {
    /// Counted reps, in order.
    pub reps: Vec<RepRecord>,
    /// Partial reps.
    pub partial_reps: u32,
    /// Sets completed.
    pub sets_completed: u32,
    /// The rep signal over time `(t_secs, value)` on the pose stream's clock.
    pub signal: Vec<[f64; 2]>,
}

impl ExerciseResult {
    /// Reps with no fault.
    pub fn good_reps(&self) -> usize {
        self.reps.iter().filter(|r| r.faults.is_empty()).count()
    }

    /// Mean rep duration, seconds.
    pub fn average_rep_secs(&self) -> Option<f64> {
        if self.reps.is_empty() {
            return None;
        }
        let total: f64 = self.reps.iter().map(|r| r.end_secs - r.start_secs).sum();
        Some(total / self.reps.len() as f64)
    }

    /// How often each fault was seen in a rep.
    pub fn fault_counts(&self) -> BTreeMap<String, u32> {
        let mut counts = BTreeMap::new();
        for rep in &self.reps {
            for f in &rep.faults {
                *counts.entry(f.clone()).or_insert(0) += 1;
            }
        }
        counts
    }
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
    session_id: Option<SessionId>,
    set_id: Option<SetId>,
    unix_base_secs: f64,
    now_secs: f64,
    pain_reports: Vec<PainReport>,
    pain_report_pending: Option<PainReport>,
    stopped_for_pain: bool,
    gesture: PainGesture,
    settings: Settings,
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
            session_id: None,
            set_id: None,
            unix_base_secs,
            now_secs: 0.0,
            pain_reports: Vec::new(),
            pain_report_pending: None,
            stopped_for_pain: false,
            gesture: PainGesture::default(),
            settings: Settings::default(),
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

    /// Where the session is.
    pub fn stage(&self) -> &Stage {
        &self.stage
    }

    /// Today's plan.
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
            Ok(v) => Some(v),
            Err(e) => {
                self.history_error = Some(e.to_string());
                None
            }
        }
    }

    /// The passing of time (call every UI frame).
    pub fn tick(&mut self, t_secs: f64) {
        self.now_secs = self.now_secs.max(t_secs);
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
        self.live.several_people = frame.people_detected.is_some_and(|n| n > 1);
        self.live.person_in_view = frame.pose.is_some();
        let coaching = matches!(
            self.stage,
            Stage::BeforeYouBegin { .. } | Stage::Set { .. } | Stage::Rest { .. }
        );
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
                self.live.stance = Some(view);
                if ready {
                    self.start_set(exercise, set);
                }
            }
            Stage::Set { exercise, set } => {
                if self.live.several_people {
                    // Never count someone else's movement.
                    self.live.cue = Some("Only one person in view, please".to_owned());
                    return;
                }
                let Some(coach) = self.coach_for(exercise) else {
                    return;
                };
                let step = coach.step(frame);
                self.on_step(exercise, set, frame.t_secs, step);
            }
            _ => {}
        }
    }

    fn coach_for(&mut self, exercise: usize) -> Option<&mut Box<dyn Coach>> {
        let fresh = !matches!(&self.coach, Some((i, _)) if *i == exercise);
        if fresh {
            let item = self.plan.get(exercise)?;
            let coach = (self.factory)(item);
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
        for rep in &step.reps {
            self.live.reps_in_set += 1;
            if let Some(set_id) = set_id {
                self.record_history(|h| h.record_rep(set_id, rep, now_unix));
            }
        }
        self.live.cue = step.cue;
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
        self.stage = Stage::Rest {
            next_exercise,
            next_set,
            until_secs: self.now_secs + rest_secs,
        };
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
    }

    fn start_set(&mut self, exercise: usize, set: u32) {
        let now_unix = self.unix(self.now_secs);
        if let (Some(session), Some(item)) = (self.session_id, self.plan.get(exercise)) {
            let (id, reps) = (item.exercise.id.clone(), item.reps);
            self.set_id = self.record_history(|h| h.start_set(session, &id, set, reps, now_unix));
        }
        self.live = LiveView::default();
        self.stage = Stage::Set { exercise, set };
    }

    fn finish_session(&mut self, status: SessionStatus) {
        let now_unix = self.unix(self.now_secs);
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
    }

    /// Applies a command. Commands that make no sense in the current stage are ignored.
    pub fn apply(&mut self, command: Command) {
        let now_unix = self.unix(self.now_secs);
        match command {
            Command::SetPlan(plan) => {
                if matches!(self.stage, Stage::Plan | Stage::Summary) {
                    self.plan = plan;
                    self.stage = Stage::Plan;
                }
            }
            Command::Start => {
                if matches!(self.stage, Stage::Plan | Stage::Summary) && !self.plan.is_empty() {
                    self.start_session(now_unix);
                }
            }
            Command::SkipRest => {
                if let Stage::Rest {
                    next_exercise,
                    next_set,
                    ..
                } = self.stage
                {
                    self.enter_before_you_begin(next_exercise, next_set);
                }
            }
            Command::EndSession => {
                if matches!(
                    self.stage,
                    Stage::BeforeYouBegin { .. } | Stage::Set { .. } | Stage::Rest { .. }
                ) {
                    self.finish_session(SessionStatus::EndedEarly);
                }
            }
            Command::PainStop => self.pain_stop(now_unix),
            Command::PainDetails {
                intensity,
                location,
            } => {
                if let Stage::PainStopped { exercise, .. } = self.stage {
                    if let Some(mut report) = self.pain_report_pending.take() {
                        report.intensity = intensity.map(|i| i.min(10));
                        report.location = location.trim().to_owned();
                        self.record_history(|h| h.add_pain_report(&report));
                        self.reload_pain_reports();
                    }
                    self.stage = Stage::PainStopped {
                        exercise,
                        answered: true,
                    };
                }
            }
            Command::ResumeAfterPain(choice) => {
                if let Stage::PainStopped { exercise, .. } = self.stage {
                    self.flush_pending_pain_report();
                    self.resume_after_pain(exercise, choice);
                }
            }
            Command::ReportPain {
                intensity,
                location,
            } => {
                let report = PainReport {
                    reported_unix_secs: now_unix,
                    intensity: Some(intensity.min(10)),
                    location: location.trim().to_owned(),
                    session_id: None,
                    exercise_id: None,
                };
                if self.history.is_some() {
                    self.record_history(|h| h.add_pain_report(&report));
                    self.reload_pain_reports();
                } else {
                    self.pain_reports.push(report);
                }
            }
            Command::SaveSettings(settings) => {
                self.record_history(|h| h.save_settings(&settings));
                self.settings = settings;
            }
            Command::Home => {
                if matches!(self.stage, Stage::Summary) {
                    self.stage = Stage::Plan;
                    self.reset_run();
                }
            }
        }
    }

    fn reset_run(&mut self) {
        self.session_id = None;
        self.set_id = None;
        self.coach = None;
        self.stopped_for_pain = false;
        self.live = LiveView::default();
    }

    fn start_session(&mut self, now_unix: f64) {
        self.reset_run();
        self.results = vec![ExerciseResult::default(); self.plan.len()];
        let planned: Vec<PlannedExercise> = self
            .plan
            .iter()
            .map(|p| PlannedExercise {
                exercise_id: p.exercise.id.clone(),
                sets: p.sets,
                reps: p.reps,
            })
            .collect();
        self.session_id = self.record_history(|h| h.start_session(now_unix, &planned));
        self.enter_before_you_begin(0, 1);
    }

    fn pain_stop(&mut self, now_unix: f64) {
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
        self.stage = Stage::PainStopped {
            exercise: exercise.filter(|_| active),
            answered: false,
        };
        if !active {
            // Nothing was running: remember whether to go back to the plan or summary.
            self.session_id = None;
        }
    }

    fn flush_pending_pain_report(&mut self) {
        if let Some(report) = self.pain_report_pending.take() {
            if self.history.is_some() {
                self.record_history(|h| h.add_pain_report(&report));
                self.reload_pain_reports();
            } else {
                self.pain_reports.push(report);
            }
        }
    }

    fn resume_after_pain(&mut self, exercise: Option<usize>, choice: ResumeChoice) {
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

/// The fault code a landmark's colour should show (the first active fault that concerns
/// it), for the skeleton overlay.
pub fn fault_for_landmark(active_faults: &[String], landmark: Landmark) -> Option<&str> {
    use Landmark::*;
    active_faults.iter().map(String::as_str).find(|code| {
        let parts: &[Landmark] = match *code {
            "feet_not_parallel" => &[
                LeftHeel,
                RightHeel,
                LeftFootIndex,
                RightFootIndex,
                LeftAnkle,
                RightAnkle,
            ],
            "stance_too_narrow" | "stance_too_wide" => {
                &[LeftAnkle, RightAnkle, LeftHeel, RightHeel]
            }
            "knees_locked" | "knees_caving_in" => &[LeftKnee, RightKnee],
            "leaning_forward" | "back_rounded" | "trunk_twist" | "leaning_sideways"
            | "hips_turning" => &[LeftShoulder, RightShoulder, LeftHip, RightHip],
            "head_forward" => &[Nose, LeftEar, RightEar],
            _ => &[],
        };
        parts.contains(&landmark)
    })
}

/// Every known fault code string (for tests and the legend).
pub fn fault_codes() -> Vec<&'static str> {
    FaultCode::ALL.iter().map(|f| f.as_str()).collect()
}

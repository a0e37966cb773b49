//! The per-frame exercise tracker: metrics → rep signal → counter, faults, sets, cue.
//!
//! One judgement for every path: the live session, `analyze`, `eval` and the benchmarks all
//! feed frames through [`ExerciseTracker::update`]. While the detector sees more than one
//! person ([`PoseFrame::people_detected`] > 1) nothing is counted or cued: the movement in
//! progress is dropped (it may be the other person's), faults are forgotten, and after the
//! pause a rep must start afresh from below the start threshold (see
//! [`RepCounter::suspend`](super::counter::RepCounter::suspend)).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::counter::{CounterEvent, Excursion, Phase, RepCounter, Side, SignalShaper};
use super::cue_policy::{CuePolicy, CueWords};
use super::fault::FaultCode;
use super::form::{FormMeasure, FormMeter, RepForm};
use super::schema::{Exercise, RulePhase};
use super::stance::StanceCheckKind;
use crate::feedback::{ActiveFault, Cue, Feedback, FeedbackConfig};
use crate::i18n::Lang;
use crate::metrics::{BodyMetrics, body_metrics};
use crate::pose::PoseFrame;

/// Seconds a fault's condition must hold (or be gone) before it starts (or ends). It
/// filters landmark jitter; the feedback adds its own persistence before cueing.
pub const FAULT_ONSET_SECS: f64 = 0.25;

/// Session overrides and timing for a tracker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TrackerConfig {
    /// Reps per set (per side when alternating). Default: the exercise's `reps`.
    pub reps_per_set: Option<u32>,
    /// Sets. Default: the exercise's `sets`.
    pub sets: Option<u32>,
    /// Seconds a fault condition must persist to start or end. Default:
    /// [`FAULT_ONSET_SECS`].
    pub fault_onset_secs: f64,
    /// Cue timing.
    pub feedback: FeedbackConfig,
    /// The language of cues and phase names. Default: English.
    pub lang: Lang,
}

impl Default for TrackerConfig {
    fn default() -> Self {
        TrackerConfig {
            reps_per_set: None,
            sets: None,
            fault_onset_secs: FAULT_ONSET_SECS,
            feedback: FeedbackConfig::default(),
            lang: Lang::En,
        }
    }
}

/// One counted rep.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RepRecord {
    /// 1-based rep number in the session (all sides together).
    pub index: u32,
    /// Side, for alternating exercises.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side: Option<Side>,
    /// 0-based set the rep belongs to.
    pub set_index: u32,
    /// Seconds: when the movement crossed the start threshold.
    pub start_secs: f64,
    /// Seconds: when it came back below it.
    pub end_secs: f64,
    /// `end_secs - start_secs`.
    pub duration_secs: f64,
    /// Seconds of the out and back phases, split at the turn (the middle of the time
    /// spent near the deepest point).
    pub phase_secs: [f64; 2],
    /// Deepest signal value, radians relative to the baseline.
    pub depth: f32,
    /// Faults seen during the rep (sorted, no repeats), the `[form]` faults included.
    pub faults: Vec<FaultCode>,
    /// The rep's form score, 0-100, higher is better (exercises with a `[form]` section;
    /// the tempo is not part of it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form_score: Option<f32>,
    /// The rep's `[form]` measures, each with its value and limit ("knees 8 cm inside the
    /// ankles"), judged or not.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub form: Vec<FormMeasure>,
}

/// Something that happened on a frame.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum ExerciseEvent {
    /// A rep was counted.
    RepCompleted(RepRecord),
    /// A movement did not reach the target depth (not counted).
    PartialRep {
        /// Seconds, when it ended.
        t_secs: f64,
        /// Side, for alternating exercises.
        side: Option<Side>,
        /// Deepest signal value, radians.
        depth: f32,
    },
    /// A set's reps are done (0-based index). Counting continues into the next set.
    SetCompleted {
        /// Which set.
        set_index: u32,
        /// Seconds.
        t_secs: f64,
    },
    /// A fault started (one-off faults start and end at once).
    FaultStarted {
        /// Which fault.
        code: FaultCode,
        /// Seconds.
        t_secs: f64,
        /// Its cue text.
        cue: String,
    },
    /// A lasting fault ended.
    FaultEnded {
        /// Which fault.
        code: FaultCode,
        /// Seconds.
        t_secs: f64,
    },
}

/// The movement phase, for a tempo indicator.
#[derive(Clone, Debug, PartialEq)]
pub struct PhaseView {
    /// Rest, out or back.
    pub phase: Phase,
    /// Display name ("Rest", or the exercise's phase names).
    pub name: String,
    /// Seconds since the phase began.
    pub secs_in_phase: f64,
    /// The slow-pace minimum for this phase, seconds (0 at rest).
    pub min_secs: f64,
    /// Side being worked, for alternating exercises.
    pub side: Option<Side>,
}

/// Rep and set counts so far.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepCounts {
    /// Counted reps, all sides.
    pub total: u32,
    /// Left-side reps (alternating exercises).
    pub left: u32,
    /// Right-side reps (alternating exercises).
    pub right: u32,
    /// Partial reps.
    pub partial: u32,
    /// Completed sets.
    pub sets_completed: u32,
    /// Reps in the current set (all sides).
    pub in_set: u32,
    /// Left reps in the current set.
    pub in_set_left: u32,
    /// Right reps in the current set.
    pub in_set_right: u32,
}

/// Everything the tracker says about one frame.
#[derive(Clone, Debug)]
pub struct FrameOutcome {
    /// The frame's time.
    pub t_secs: f64,
    /// Whether a person was in the frame.
    pub person_in_view: bool,
    /// The frame's body metrics.
    pub metrics: BodyMetrics,
    /// The shaped rep signal, radians (`None` when unknown) — for plotting.
    pub signal: Option<f32>,
    /// Lasting faults active now.
    pub active_faults: Vec<FaultCode>,
    /// What happened on this frame.
    pub events: Vec<ExerciseEvent>,
    /// Phase for the tempo indicator.
    pub phase: PhaseView,
    /// The cue to show now.
    pub cue: Option<Cue>,
    /// Counts after this frame.
    pub counts: RepCounts,
    /// `Some(n)` when `n` (more than one) people are in view: counting and cues are
    /// paused on this frame.
    pub several_people: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Observation {
    Broken,
    Fine,
    Unknown,
}

#[derive(Clone, Debug, Default)]
struct FaultState {
    active_since: Option<f64>,
    broken_since: Option<f64>,
    fine_since: Option<f64>,
    cue: String,
}

/// Tracks one exercise over a stream of frames.
#[derive(Clone, Debug)]
pub struct ExerciseTracker {
    exercise: Exercise,
    config: TrackerConfig,
    reps_per_set: u32,
    sets: u32,
    shaper: SignalShaper,
    counter: RepCounter,
    faults: BTreeMap<FaultCode, FaultState>,
    rep_faults: Vec<FaultCode>,
    feedback: Feedback,
    counts: RepCounts,
    reps: Vec<RepRecord>,
    last_t: Option<f64>,
    words: Words,
    /// Whether the previous frame was paused for several people in view.
    paused_for_others: bool,
    /// Per-rep form (exercises with a `[form]` section).
    form: Option<FormMeter>,
    /// The coach's one cue per rep for form exercises (see [`CuePolicy`]).
    cue_policy: CuePolicy,
}

/// The tracker's words in its language, looked up once (not per frame).
#[derive(Clone, Debug)]
struct Words {
    /// Standard cue per fault code.
    fault_cues: BTreeMap<FaultCode, String>,
    /// Cue per stance check.
    stance_cues: Vec<(StanceCheckKind, String)>,
    /// Cue per rule, in the exercise's rule order.
    rule_cues: Vec<String>,
    /// Phase names: rest, out, back.
    phases: [String; 3],
}

impl Words {
    fn new(exercise: &Exercise, lang: Lang) -> Words {
        let (out, back) = exercise.phase_names_in(lang);
        Words {
            fault_cues: FaultCode::ALL
                .iter()
                .map(|&f| (f, f.cue_in(lang)))
                .collect(),
            stance_cues: StanceCheckKind::ALL
                .iter()
                .map(|&k| (k, k.cue_in(lang)))
                .collect(),
            rule_cues: exercise
                .rules
                .iter()
                .map(|r| exercise.rule_cue_in(r, lang))
                .collect(),
            phases: [
                crate::i18n::tr(lang, "phase-rest"),
                out.to_owned(),
                back.to_owned(),
            ],
        }
    }

    fn fault(&self, code: FaultCode) -> &str {
        self.fault_cues.get(&code).map_or("", String::as_str)
    }

    fn stance(&self, kind: StanceCheckKind) -> &str {
        self.stance_cues
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or("", |(_, c)| c.as_str())
    }
}

impl ExerciseTracker {
    /// A tracker for `exercise` (cloned) with session overrides.
    pub fn new(exercise: &Exercise, config: TrackerConfig) -> ExerciseTracker {
        ExerciseTracker {
            reps_per_set: config.reps_per_set.unwrap_or(exercise.reps).max(1),
            sets: config.sets.unwrap_or(exercise.sets).max(1),
            shaper: SignalShaper::new(&exercise.signal, exercise.alternating),
            counter: RepCounter::for_signal(&exercise.signal, exercise.alternating),
            faults: BTreeMap::new(),
            rep_faults: Vec::new(),
            feedback: Feedback::new(config.feedback.clone())
                .with_praise(crate::i18n::tr(config.lang, "cue-good-rep"))
                .with_auto_praise(exercise.form.is_none()),
            form: exercise
                .form
                .as_ref()
                .map(|spec| FormMeter::new(spec, config.lang)),
            cue_policy: CuePolicy::default(),
            words: Words::new(exercise, config.lang),
            counts: RepCounts::default(),
            reps: Vec::new(),
            last_t: None,
            paused_for_others: false,
            exercise: exercise.clone(),
            config,
        }
    }

    /// The exercise being tracked.
    pub fn exercise(&self) -> &Exercise {
        &self.exercise
    }

    /// The language of the tracker's cues and phase names.
    pub fn lang(&self) -> Lang {
        self.config.lang
    }

    /// Overrides reps per set (per side when alternating) and sets for this session.
    pub fn set_plan(&mut self, reps_per_set: u32, sets: u32) {
        self.reps_per_set = reps_per_set.max(1);
        self.sets = sets.max(1);
    }

    /// Reps per set (per side when alternating).
    pub fn reps_per_set(&self) -> u32 {
        self.reps_per_set
    }

    /// Planned sets.
    pub fn sets(&self) -> u32 {
        self.sets
    }

    /// Counts so far.
    pub fn counts(&self) -> RepCounts {
        self.counts
    }

    /// Every counted rep so far.
    pub fn reps(&self) -> &[RepRecord] {
        &self.reps
    }

    /// True once all planned sets are done (counting still continues).
    pub fn is_plan_done(&self) -> bool {
        self.counts.sets_completed >= self.sets
    }

    /// Feeds one frame.
    pub fn update(&mut self, frame: &PoseFrame) -> FrameOutcome {
        let t = frame.t_secs;
        self.last_t = Some(t);
        if let Some(n) = frame.people_detected.filter(|n| *n > 1) {
            return self.pause_for_others(frame, n);
        }
        self.paused_for_others = false;
        let metrics = frame
            .pose
            .as_ref()
            .map(body_metrics)
            .unwrap_or_else(BodyMetrics::unknown);
        let raw = metrics.value(self.exercise.signal.metric);
        let signal = self.shaper.update(t, raw, self.counter.is_resting());
        self.counter.observe(t, &metrics);
        let counter_event = self.counter.update(t, signal);
        let (phase, side, phase_since) = self.counter.phase();
        if let Some(meter) = self.form.as_mut() {
            meter.observe(t, frame.pose.as_ref(), &metrics, phase != Phase::Rest);
        }

        let mut events = Vec::new();
        let at_bottom =
            phase != Phase::Rest && signal.is_some_and(|v| v >= self.exercise.signal.target_rad());
        self.update_faults(
            t,
            frame.pose.is_some() && raw.is_some(),
            (phase, at_bottom),
            &metrics,
            &mut events,
        );
        if let Some(ev) = counter_event {
            self.on_counter_event(t, ev, &mut events);
        }
        if let Some(meter) = self.form.as_mut()
            && phase == Phase::Rest
            && meter.in_rep()
        {
            // Back at rest without a rep or partial (a gap in the signal): nothing to judge.
            meter.cancel();
        }

        let active: Vec<ActiveFault> = self
            .faults
            .iter()
            .filter_map(|(code, st)| {
                st.active_since.map(|since| ActiveFault {
                    code: *code,
                    since_secs: since,
                    cue: st.cue.clone(),
                })
            })
            .collect();
        let cue = if self.form.is_some() {
            self.cue_with_policy(t, &active, &events)
        } else {
            self.feedback.update(t, &active, &events)
        };

        let tempo = &self.exercise.tempo;
        let [rest_name, out_name, back_name] = &self.words.phases;
        let (name, min_secs) = match phase {
            Phase::Rest => (rest_name.clone(), 0.0),
            Phase::Out => (out_name.clone(), f64::from(tempo.min_out_secs)),
            Phase::Back => (back_name.clone(), f64::from(tempo.min_back_secs)),
        };
        FrameOutcome {
            t_secs: t,
            person_in_view: frame.pose.is_some(),
            metrics,
            signal,
            active_faults: active.iter().map(|f| f.code).collect(),
            events,
            phase: PhaseView {
                phase,
                name,
                secs_in_phase: (t - phase_since).max(0.0),
                min_secs,
                side,
            },
            cue,
            counts: self.counts,
            several_people: None,
        }
    }

    /// A frame with `people` (more than one) in view: nothing is judged (see the module
    /// docs).
    fn pause_for_others(&mut self, frame: &PoseFrame, people: u32) -> FrameOutcome {
        let t = frame.t_secs;
        if !self.paused_for_others {
            self.paused_for_others = true;
            self.counter.suspend(t);
            self.shaper.restart();
            self.rep_faults.clear();
            self.faults.clear();
            if let Some(meter) = self.form.as_mut() {
                meter.reset();
            }
        }
        FrameOutcome {
            t_secs: t,
            person_in_view: frame.pose.is_some(),
            metrics: BodyMetrics::unknown(),
            signal: None,
            active_faults: Vec::new(),
            events: Vec::new(),
            phase: PhaseView {
                phase: Phase::Rest,
                name: self.words.phases[0].clone(),
                secs_in_phase: 0.0,
                min_secs: 0.0,
                side: None,
            },
            cue: None,
            counts: self.counts,
            several_people: Some(people),
        }
    }

    /// Ends a recording (for `analyze`; a live session need not call it). A rep whose
    /// movement is back at rest but whose smoothed signal lags behind at the last frame is
    /// counted; a movement that never came back is not. Returns the resulting events.
    pub fn finish(&mut self) -> Vec<ExerciseEvent> {
        let mut events = Vec::new();
        let Some(t) = self.last_t else {
            return events;
        };
        if let Some(ev) = self.counter.finish(t, self.shaper.last_unsmoothed()) {
            self.on_counter_event(t, ev, &mut events);
        }
        events
    }

    fn observe(
        &self,
        signal_seen: bool,
        (phase, at_bottom): (Phase, bool),
        metrics: &BodyMetrics,
    ) -> BTreeMap<FaultCode, (Observation, String)> {
        let mut obs: BTreeMap<FaultCode, (Observation, String)> = BTreeMap::new();
        let mut note = |code: FaultCode, o: Observation, cue: &str| {
            let entry = obs
                .entry(code)
                .or_insert((Observation::Unknown, cue.to_owned()));
            match (entry.0, o) {
                (Observation::Broken, _) => {}
                (_, Observation::Broken) => *entry = (Observation::Broken, cue.to_owned()),
                (Observation::Unknown, Observation::Fine) => entry.0 = Observation::Fine,
                _ => {}
            }
        };
        note(
            FaultCode::OutOfFrame,
            if signal_seen {
                Observation::Fine
            } else {
                Observation::Broken
            },
            self.words.fault(FaultCode::OutOfFrame),
        );
        if !signal_seen {
            return obs;
        }
        if phase == Phase::Rest {
            for kind in StanceCheckKind::ALL {
                let Some(code) = kind.fault() else { continue };
                let o = match kind.passes(metrics) {
                    Some(true) => Observation::Fine,
                    Some(false) => Observation::Broken,
                    None => Observation::Unknown,
                };
                note(code, o, self.words.stance(kind));
            }
        }
        for (rule, cue) in self.exercise.rules.iter().zip(&self.words.rule_cues) {
            let applies = match rule.phase {
                RulePhase::Any => true,
                RulePhase::Rest => phase == Phase::Rest,
                RulePhase::Out => phase == Phase::Out,
                RulePhase::Back => phase == Phase::Back,
                RulePhase::Rep => phase != Phase::Rest,
                RulePhase::Bottom => at_bottom,
            };
            if !applies {
                continue;
            }
            let o = match metrics.value(rule.metric) {
                Some(v) if rule.is_broken_by(v) => Observation::Broken,
                Some(_) => Observation::Fine,
                None => Observation::Unknown,
            };
            note(rule.fault, o, cue);
        }
        obs
    }

    fn update_faults(
        &mut self,
        t: f64,
        signal_seen: bool,
        (phase, at_bottom): (Phase, bool),
        metrics: &BodyMetrics,
        events: &mut Vec<ExerciseEvent>,
    ) {
        let onset = self.config.fault_onset_secs;
        let obs = self.observe(signal_seen, (phase, at_bottom), metrics);
        // Codes not observed this frame are unknown: their state is held.
        let known: Vec<FaultCode> = self.faults.keys().copied().collect();
        for code in known {
            if !obs.contains_key(&code)
                && let Some(st) = self.faults.get_mut(&code)
            {
                st.broken_since = None;
                st.fine_since = None;
            }
        }
        for (code, (o, cue)) in obs {
            let st = self.faults.entry(code).or_default();
            match o {
                Observation::Broken => {
                    st.fine_since = None;
                    let since = *st.broken_since.get_or_insert(t);
                    st.cue = cue;
                    if st.active_since.is_none() && t - since >= onset {
                        st.active_since = Some(t);
                        events.push(ExerciseEvent::FaultStarted {
                            code,
                            t_secs: t,
                            cue: st.cue.clone(),
                        });
                    }
                    if phase != Phase::Rest
                        && st.active_since.is_some()
                        && !self.rep_faults.contains(&code)
                    {
                        self.rep_faults.push(code);
                    }
                }
                Observation::Fine => {
                    st.broken_since = None;
                    let since = *st.fine_since.get_or_insert(t);
                    if st.active_since.is_some() && t - since >= onset {
                        st.active_since = None;
                        events.push(ExerciseEvent::FaultEnded { code, t_secs: t });
                    }
                }
                Observation::Unknown => {
                    st.broken_since = None;
                    st.fine_since = None;
                }
            }
        }
    }

    /// The cue for a form exercise, through its [`CuePolicy`] (see
    /// [`CuePolicy::cue`]).
    fn cue_with_policy(
        &mut self,
        t: f64,
        active: &[ActiveFault],
        events: &[ExerciseEvent],
    ) -> Option<crate::feedback::Cue> {
        let words = &self.words;
        let praise = crate::i18n::tr(self.config.lang, "cue-good-form");
        self.cue_policy.cue(
            &mut self.feedback,
            CueWords {
                fault: &|code| words.fault(code).to_owned(),
                praise,
            },
            t,
            active,
            events,
        )
    }

    fn one_off_fault(&self, code: FaultCode, t: f64, events: &mut Vec<ExerciseEvent>) {
        events.push(ExerciseEvent::FaultStarted {
            code,
            t_secs: t,
            cue: self.words.fault(code).to_owned(),
        });
    }

    fn on_counter_event(&mut self, t: f64, ev: CounterEvent, events: &mut Vec<ExerciseEvent>) {
        match ev {
            CounterEvent::Completed(x) => {
                // The turn is the middle of the time spent near the deepest point: robust to
                // noise on a flat top, and a hold at the bottom counts half to each phase.
                let turn_secs = 0.5 * (x.top_enter_secs + x.top_exit_secs);
                let phase_secs = [turn_secs - x.start_secs, x.end_secs - turn_secs];
                let tempo = &self.exercise.tempo;
                let mut faults = std::mem::take(&mut self.rep_faults);
                let form = self.form.as_mut().and_then(FormMeter::finish_rep);
                for code in form.iter().flat_map(RepForm::faults) {
                    if !faults.contains(&code) {
                        faults.push(code);
                        self.one_off_fault(code, t, events);
                    }
                }
                if !x.interrupted
                    && (phase_secs[0] < f64::from(tempo.min_out_secs)
                        || phase_secs[1] < f64::from(tempo.min_back_secs))
                {
                    faults.push(FaultCode::TooFast);
                    self.one_off_fault(FaultCode::TooFast, t, events);
                }
                faults.sort();
                faults.dedup();
                self.count_rep(x, phase_secs, faults, form, events);
            }
            CounterEvent::Partial(x) => {
                self.rep_faults.clear();
                if let Some(meter) = self.form.as_mut() {
                    meter.cancel();
                }
                self.counts.partial += 1;
                events.push(ExerciseEvent::PartialRep {
                    t_secs: t,
                    side: x.side,
                    depth: x.peak,
                });
                self.one_off_fault(FaultCode::PartialRep, t, events);
            }
            CounterEvent::Bounce(x) if x.interrupted => {
                self.rep_faults.clear();
                if let Some(meter) = self.form.as_mut() {
                    meter.cancel();
                }
            }
            CounterEvent::Bounce(_) => {
                self.rep_faults.clear();
                if let Some(meter) = self.form.as_mut() {
                    meter.cancel();
                }
                self.one_off_fault(FaultCode::TooFast, t, events);
            }
        }
    }

    fn count_rep(
        &mut self,
        x: Excursion,
        phase_secs: [f64; 2],
        faults: Vec<FaultCode>,
        form: Option<RepForm>,
        events: &mut Vec<ExerciseEvent>,
    ) {
        let c = &mut self.counts;
        c.total += 1;
        c.in_set += 1;
        match x.side {
            Some(Side::Left) => {
                c.left += 1;
                c.in_set_left += 1;
            }
            Some(Side::Right) => {
                c.right += 1;
                c.in_set_right += 1;
            }
            None => {}
        }
        let record = RepRecord {
            index: c.total,
            side: x.side,
            set_index: c.sets_completed,
            start_secs: x.start_secs,
            end_secs: x.end_secs,
            duration_secs: x.end_secs - x.start_secs,
            phase_secs,
            depth: x.peak,
            faults,
            form_score: form.as_ref().map(|f| f.score),
            form: form.map(|f| f.measures).unwrap_or_default(),
        };
        self.reps.push(record.clone());
        events.push(ExerciseEvent::RepCompleted(record));
        let set_done = if self.exercise.alternating {
            c.in_set_left >= self.reps_per_set && c.in_set_right >= self.reps_per_set
        } else {
            c.in_set >= self.reps_per_set
        };
        if set_done {
            events.push(ExerciseEvent::SetCompleted {
                set_index: c.sets_completed,
                t_secs: x.end_secs,
            });
            c.sets_completed += 1;
            c.in_set = 0;
            c.in_set_left = 0;
            c.in_set_right = 0;
        }
    }
}

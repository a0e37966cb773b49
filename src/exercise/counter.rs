//! The rep signal (smoothing + baseline) and the rep counter state machine.
//!
//! Both are driven by `t_secs`; a frame without the signal (`None`) pauses them: it never
//! creates or loses a rep.
//!
//! The counter may also hold witnesses (`[[signal.confirm]]`, see `super::witness`):
//! metrics fed by [`RepCounter::observe`] that must move with the signal during an
//! excursion, or the excursion is dropped (no rep, no partial, no bounce).

use serde::{Deserialize, Serialize};

use super::schema::{Baseline, Direction, SignalSpec};
use super::witness::Witness;
use crate::metrics::BodyMetrics;

/// Seconds: time constant of the rest baseline's slow drift towards the current value
/// while resting (so a person who shifts their stance is re-learned within seconds).
pub const REST_BASELINE_DRIFT_SECS: f64 = 4.0;
/// Seconds: a signal gap longer than this restarts the smoothing filter.
pub const MAX_SIGNAL_GAP_SECS: f64 = 0.5;
/// Radians (2°): the least drop from the deepest point that turns "out" into "back".
pub const MIN_TURN_RAD: f32 = 2.0 * std::f32::consts::PI / 180.0;
/// Fraction of (target − start) the signal must drop from its peak to turn to "back".
pub const TURN_FRACTION: f32 = 0.15;
/// Relative hysteresis: an excursion also ends when the signal is back below this fraction
/// of its peak (a person who does not return quite to the first rest posture between
/// reps still gets each rep counted, not merged into one).
pub const RETURN_FRACTION: f32 = 0.3;
/// Seconds: an excursion that has not come back after this long is dropped (not a rep)
/// and its level becomes the new rest, so the counter always recovers.
pub const MAX_EXCURSION_SECS: f64 = 12.0;

/// Side of the body, for alternating exercises.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The person's left.
    Left,
    /// The person's right.
    Right,
}

/// Phase of the movement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Between reps (signal below the start threshold).
    Rest,
    /// Moving out, towards the deepest point.
    Out,
    /// Coming back to rest.
    Back,
}

/// Turns a body metric into the rep signal: smoothed, relative to the baseline and
/// oriented so that "out" is positive (for alternating exercises: signed, left > 0).
#[derive(Clone, Debug)]
pub struct SignalShaper {
    direction: f32,
    baseline: Baseline,
    alternating: bool,
    smoothing_secs: f64,
    smoothed: Option<f32>,
    last_t: Option<f64>,
    rest_level: Option<f32>,
    last_unsmoothed: Option<f32>,
    /// Start threshold, radians (the alternating centre's "close to rest").
    start_rad: f32,
    /// Since when the signal has been away from the alternating centre.
    away_since: Option<f64>,
}

impl SignalShaper {
    /// A shaper for the exercise's signal.
    pub fn new(spec: &SignalSpec, alternating: bool) -> SignalShaper {
        SignalShaper {
            direction: match spec.direction {
                Direction::Increase => 1.0,
                Direction::Decrease => -1.0,
            },
            baseline: spec.baseline,
            alternating,
            smoothing_secs: f64::from(spec.smoothing_secs.max(0.0)),
            smoothed: None,
            last_t: None,
            rest_level: None,
            last_unsmoothed: None,
            start_rad: spec.start_rad(),
            away_since: None,
        }
    }

    /// Forgets the smoothing state (not the rest baseline): the next value starts afresh,
    /// not blended with values from before a pause.
    pub fn restart(&mut self) {
        self.smoothed = None;
        self.last_t = None;
    }

    /// The last signal value before smoothing (same baseline and orientation), if any.
    /// At the end of a recording the smoothing lags the movement; this is what the
    /// person actually reached.
    pub fn last_unsmoothed(&self) -> Option<f32> {
        self.last_unsmoothed
    }

    /// Feeds one value (`None` = unknown this frame). `resting` says whether the counter
    /// is between reps (only then may the baseline drift).
    pub fn update(&mut self, t_secs: f64, value: Option<f32>, resting: bool) -> Option<f32> {
        let value = value?;
        let oriented = if self.alternating {
            value
        } else {
            self.direction * value
        };
        let dt = self.last_t.map(|t| t_secs - t);
        self.last_t = Some(t_secs);
        let smoothed = match (self.smoothed, dt) {
            (Some(prev), Some(dt)) if (0.0..=MAX_SIGNAL_GAP_SECS).contains(&dt) => {
                let alpha = if self.smoothing_secs > 0.0 {
                    1.0 - (-dt / self.smoothing_secs).exp()
                } else {
                    1.0
                };
                prev + alpha as f32 * (oriented - prev)
            }
            _ => oriented,
        };
        self.smoothed = Some(smoothed);
        match self.baseline {
            Baseline::Absolute => {
                self.last_unsmoothed = Some(oriented);
                Some(smoothed)
            }
            Baseline::Rest if self.alternating => {
                // The centre between the two sides: both sides are "out", so it never
                // follows one side at once. It drifts only while resting close to it
                // (within half the start threshold: a pause at neutral, not the way out
                // or a tracker glitch), is re-learned after the signal has stayed away
                // from it for longer than any rep, and never leaves ±half the start
                // threshold: a bigger "rest offset" is not a way of standing but a person
                // walking in or a pose model's garbage, and is measured as it is.
                let limit = 0.5 * self.start_rad;
                let centre = self.rest_level.get_or_insert(smoothed.clamp(-limit, limit));
                if (smoothed - *centre).abs() < limit {
                    self.away_since = None;
                    if resting && let Some(dt) = dt.filter(|d| *d > 0.0) {
                        let k =
                            1.0 - (-dt.min(MAX_SIGNAL_GAP_SECS) / REST_BASELINE_DRIFT_SECS).exp();
                        *centre = (*centre + k as f32 * (smoothed - *centre)).clamp(-limit, limit);
                    }
                } else {
                    let since = *self.away_since.get_or_insert(t_secs);
                    if t_secs - since > MAX_EXCURSION_SECS {
                        *centre = smoothed.clamp(-limit, limit);
                        self.away_since = None;
                    }
                }
                self.last_unsmoothed = Some(oriented - *centre);
                Some(smoothed - *centre)
            }
            Baseline::Rest => {
                let level = self.rest_level.get_or_insert(smoothed);
                if smoothed < *level {
                    *level = smoothed;
                } else if resting && let Some(dt) = dt.filter(|d| *d > 0.0) {
                    let k = 1.0 - (-dt.min(MAX_SIGNAL_GAP_SECS) / REST_BASELINE_DRIFT_SECS).exp();
                    *level += k as f32 * (smoothed - *level);
                }
                self.last_unsmoothed = Some(oriented - *level);
                Some(smoothed - *level)
            }
        }
    }
}

/// What the counter decided on a frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CounterEvent {
    /// A full rep: out past the target and back below the start threshold.
    Completed(Excursion),
    /// The movement reached the partial threshold but not the target.
    Partial(Excursion),
    /// The movement reached the target but faster than the minimum rep time.
    Bounce(Excursion),
}

/// One excursion of the signal away from rest.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Excursion {
    /// Side (alternating exercises only).
    pub side: Option<Side>,
    /// When the signal crossed the start threshold going out.
    pub start_secs: f64,
    /// When the signal was deepest.
    pub peak_secs: f64,
    /// When the signal first came within the turn margin of its deepest value (the end
    /// of the out phase).
    pub top_enter_secs: f64,
    /// When the signal last left the turn margin of its deepest value (the start of the
    /// back phase). A hold at the deepest point lies between the two.
    pub top_exit_secs: f64,
    /// When the signal came back below the start threshold (the last frame's time while
    /// still out).
    pub end_secs: f64,
    /// Deepest signal value (radians, relative).
    pub peak: f32,
    /// Whether the signal was missing for more than [`MAX_SIGNAL_GAP_SECS`] during (or
    /// just before the start of) the excursion: its timing cannot be judged.
    pub interrupted: bool,
}

/// Thresholds for [`RepCounter`], radians and seconds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CounterParams {
    /// Start/end threshold (low side of the hysteresis).
    pub start: f32,
    /// Depth that counts (high side).
    pub target: f32,
    /// Depth that makes a partial rep.
    pub partial: f32,
    /// Shortest excursion that can be a rep, seconds.
    pub min_rep_secs: f64,
    /// Whether the signal is signed left (+) / right (−).
    pub alternating: bool,
}

impl CounterParams {
    /// From the exercise's signal spec.
    pub fn from_spec(spec: &SignalSpec, alternating: bool) -> CounterParams {
        CounterParams {
            start: spec.start_rad(),
            target: spec.target_rad(),
            partial: spec.partial_rad(),
            min_rep_secs: f64::from(spec.min_rep_secs),
            alternating,
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Active {
    excursion: Excursion,
    phase: Phase,
    phase_since: f64,
}

/// Hysteresis state machine on the shaped rep signal.
#[derive(Clone, Debug)]
pub struct RepCounter {
    params: CounterParams,
    active: Option<Active>,
    rest_since: f64,
    /// The current excursion's `(t_secs, side value)` samples, for the phase split.
    samples: Vec<(f64, f32)>,
    /// When the signal was last known.
    last_seen: Option<f64>,
    /// After an excursion ended above the start threshold (relative hysteresis or a
    /// dropped long excursion): the lowest signal since. A new excursion must rise
    /// the partial depth above it.
    rearm_min: Option<f32>,
    /// Set by [`RepCounter::suspend`]: the first signal after the pause decides whether
    /// the counter must re-arm (the person was already out of rest when seen again).
    resume_pending: bool,
    /// Metrics that must agree with the signal for an excursion to count.
    witnesses: Vec<Witness>,
}

impl RepCounter {
    /// A counter at rest.
    pub fn new(params: CounterParams) -> RepCounter {
        RepCounter {
            params,
            active: None,
            rest_since: 0.0,
            samples: Vec::new(),
            last_seen: None,
            rearm_min: None,
            resume_pending: false,
            witnesses: Vec::new(),
        }
    }

    /// A counter for the exercise's signal, with its witnesses (`[[signal.confirm]]`).
    pub fn for_signal(spec: &SignalSpec, alternating: bool) -> RepCounter {
        let mut counter = RepCounter::new(CounterParams::from_spec(spec, alternating));
        counter.witnesses = spec.confirm.iter().map(|c| Witness::new(c, spec)).collect();
        counter
    }

    /// Feeds the frame's metrics to the witnesses (if any). Call it before
    /// [`RepCounter::update`] for the same frame.
    pub fn observe(&mut self, t_secs: f64, metrics: &BodyMetrics) {
        let resting = self.active.is_none();
        for w in &mut self.witnesses {
            w.observe(t_secs, metrics.value(w.metric), resting);
        }
    }

    /// Current phase, the side (when alternating) and when the phase began.
    pub fn phase(&self) -> (Phase, Option<Side>, f64) {
        match &self.active {
            None => (Phase::Rest, None, self.rest_since),
            Some(a) => (a.phase, a.excursion.side, a.phase_since),
        }
    }

    /// Whether no excursion is in progress.
    pub fn is_resting(&self) -> bool {
        self.active.is_none()
    }

    fn side_value(&self, side: Option<Side>, s: f32) -> f32 {
        match side {
            Some(Side::Right) => -s,
            _ => s,
        }
    }

    /// The drop from the peak that separates "at the top" from moving (radians).
    fn turn_margin(&self) -> f32 {
        (TURN_FRACTION * (self.params.target - self.params.start)).max(MIN_TURN_RAD)
    }

    /// Ends the excursion in progress (if any): the counter rests from `t_secs`.
    fn back_to_rest(&mut self, t_secs: f64) {
        for w in &mut self.witnesses {
            w.end();
        }
        self.samples.clear();
        self.active = None;
        self.rest_since = t_secs;
    }

    fn close(&mut self, mut e: Excursion, t_secs: f64) -> Option<CounterEvent> {
        let p = self.params;
        e.end_secs = t_secs;
        let top = e.peak - self.turn_margin();
        let mut at_top = self
            .samples
            .iter()
            .filter(|(_, v)| *v >= top)
            .map(|(t, _)| *t);
        if let Some(first) = at_top.next() {
            e.top_enter_secs = first;
            e.top_exit_secs = at_top.next_back().unwrap_or(first);
        }
        let agreed = self.witnesses.iter().all(Witness::agrees);
        self.back_to_rest(t_secs);
        let duration = e.end_secs - e.start_secs;
        if !agreed {
            None
        } else if e.peak >= p.target && duration >= p.min_rep_secs {
            Some(CounterEvent::Completed(e))
        } else if e.peak >= p.target {
            Some(CounterEvent::Bounce(e))
        } else if e.peak >= p.partial {
            Some(CounterEvent::Partial(e))
        } else {
            None
        }
    }

    /// Pauses counting (several people in view): the excursion in progress is dropped,
    /// and a new one may start only from below the start threshold, or after rising the
    /// partial depth above the lowest level seen after the pause, so that no rep is
    /// counted whose start nobody judged.
    pub fn suspend(&mut self, t_secs: f64) {
        self.back_to_rest(t_secs);
        self.rearm_min = None;
        self.resume_pending = true;
        self.last_seen = None;
    }

    /// Ends the input: an excursion whose *unsmoothed* signal is already back below the
    /// start threshold is closed as if the smoothed signal had caught up. One that never
    /// came back is dropped (not a rep).
    pub fn finish(&mut self, t_secs: f64, unsmoothed: Option<f32>) -> Option<CounterEvent> {
        let a = self.active?;
        let v = self.side_value(a.excursion.side, unsmoothed?);
        if v < self.params.start {
            self.close(a.excursion, t_secs)
        } else {
            self.active = None;
            self.samples.clear();
            for w in &mut self.witnesses {
                w.end();
            }
            None
        }
    }

    /// Feeds one frame's shaped signal (`None` pauses the counter).
    pub fn update(&mut self, t_secs: f64, signal: Option<f32>) -> Option<CounterEvent> {
        let s = signal?;
        let after_gap = self
            .last_seen
            .is_some_and(|seen| t_secs - seen > MAX_SIGNAL_GAP_SECS);
        self.last_seen = Some(t_secs);
        let p = self.params;
        let mut event = None;
        if let Some(mut a) = self.active {
            a.excursion.interrupted |= after_gap;
            let v = self.side_value(a.excursion.side, s);
            let end_level = p.start.max(RETURN_FRACTION * a.excursion.peak);
            if v < end_level {
                event = self.close(a.excursion, t_secs);
                if v >= p.start {
                    self.rearm_min = Some(v);
                }
                return event;
            } else if t_secs - a.excursion.start_secs > MAX_EXCURSION_SECS {
                self.back_to_rest(t_secs);
                self.rearm_min = Some(v);
                return None;
            } else {
                if v > a.excursion.peak {
                    a.excursion.peak = v;
                    a.excursion.peak_secs = t_secs;
                    if a.phase == Phase::Back {
                        a.phase = Phase::Out;
                        a.phase_since = t_secs;
                    }
                } else if a.phase == Phase::Out && v <= a.excursion.peak - self.turn_margin() {
                    a.phase = Phase::Back;
                    a.phase_since = t_secs;
                }
                a.excursion.end_secs = t_secs;
                self.samples.push((t_secs, v));
                self.active = Some(a);
                return None;
            }
        }
        // At rest: does a new excursion start?
        if std::mem::take(&mut self.resume_pending) {
            let level = if p.alternating { s.abs() } else { s };
            if level >= p.start {
                self.rearm_min = Some(level);
            }
        }
        if let Some(min) = self.rearm_min {
            let level = if p.alternating { s.abs() } else { s };
            if level < p.start {
                self.rearm_min = None;
            } else {
                let min = min.min(level);
                self.rearm_min = Some(min);
                if level - min < p.partial.max(p.start) {
                    return event;
                }
                self.rearm_min = None;
            }
        }
        let side = if p.alternating {
            if s >= p.start {
                Some(Side::Left)
            } else if -s >= p.start {
                Some(Side::Right)
            } else {
                None
            }
        } else if s >= p.start {
            Some(Side::Left)
        } else {
            None
        };
        if let Some(side) = side {
            let side = p.alternating.then_some(side);
            let v = self.side_value(side, s);
            for w in &mut self.witnesses {
                w.begin(side);
            }
            self.samples.clear();
            self.samples.push((t_secs, v));
            self.active = Some(Active {
                excursion: Excursion {
                    side,
                    start_secs: t_secs,
                    peak_secs: t_secs,
                    top_enter_secs: t_secs,
                    top_exit_secs: t_secs,
                    end_secs: t_secs,
                    peak: v,
                    interrupted: after_gap,
                },
                phase: Phase::Out,
                phase_since: t_secs,
            });
        }
        event
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::MetricId;

    const DEG: f32 = std::f32::consts::PI / 180.0;

    fn params(alternating: bool) -> CounterParams {
        CounterParams {
            start: 10.0 * DEG,
            target: 30.0 * DEG,
            partial: 20.0 * DEG,
            min_rep_secs: 0.5,
            alternating,
        }
    }

    fn run(counter: &mut RepCounter, values_deg: &[f32], dt: f64) -> Vec<CounterEvent> {
        values_deg
            .iter()
            .enumerate()
            .filter_map(|(i, v)| counter.update(i as f64 * dt, Some(v * DEG)))
            .collect()
    }

    #[test]
    fn counts_out_and_back_with_hysteresis() {
        let mut c = RepCounter::new(params(false));
        let wave: Vec<f32> = (0..=40)
            .map(|i| 40.0 * (std::f32::consts::PI * i as f32 / 40.0).sin())
            .collect();
        let events = run(&mut c, &wave, 0.1);
        assert_eq!(events.len(), 1);
        let CounterEvent::Completed(e) = events[0] else {
            panic!("not a rep: {events:?}")
        };
        assert!((e.peak - 40.0 * DEG).abs() < 0.01);
        assert!((e.peak_secs - 2.0).abs() < 1e-9);
    }

    #[test]
    fn shallow_movement_is_partial_and_noise_is_nothing() {
        let mut c = RepCounter::new(params(false));
        let events = run(&mut c, &[0.0, 12.0, 25.0, 12.0, 5.0, 11.0, 12.0, 9.0], 0.2);
        assert_eq!(events.len(), 1);
        assert!(matches!(events[0], CounterEvent::Partial(_)));
    }

    #[test]
    fn gaps_pause_the_counter() {
        let mut c = RepCounter::new(params(false));
        assert_eq!(c.update(0.0, Some(0.0)), None);
        assert_eq!(c.update(0.5, Some(40.0 * DEG)), None);
        assert_eq!(c.update(1.0, None), None);
        assert_eq!(c.phase().0, Phase::Out);
        assert!(matches!(
            c.update(1.5, Some(0.0)),
            Some(CounterEvent::Completed(_))
        ));
    }

    #[test]
    fn alternating_sides_are_signed() {
        let mut c = RepCounter::new(params(true));
        let events = run(
            &mut c,
            &[0.0, 20.0, 40.0, 20.0, 0.0, -20.0, -40.0, -20.0, 0.0],
            0.25,
        );
        let sides: Vec<Option<Side>> = events
            .iter()
            .map(|e| match e {
                CounterEvent::Completed(x) => x.side,
                _ => None,
            })
            .collect();
        assert_eq!(sides, vec![Some(Side::Left), Some(Side::Right)]);
    }

    #[test]
    fn an_excursion_whose_witness_does_not_agree_is_not_a_rep() {
        use crate::exercise::schema::ConfirmSpec;
        use crate::metrics::Metric;
        let spec = SignalSpec {
            metric: MetricId::TrunkFlexion,
            direction: Direction::Decrease,
            baseline: Baseline::Absolute,
            start_deg: 10.0,
            target_deg: 30.0,
            partial_deg: None,
            smoothing_secs: 0.0,
            min_rep_secs: 0.5,
            confirm: vec![ConfirmSpec {
                metric: MetricId::HeadLineFlexion,
                min_deg: 12.0,
            }],
        };
        for (witness_deg, counted) in [(5.0, false), (20.0, true)] {
            let mut c = RepCounter::for_signal(&spec, false);
            let mut events = Vec::new();
            for i in 0..=40 {
                let a = (std::f32::consts::PI * i as f32 / 40.0).sin();
                let mut m = BodyMetrics::unknown();
                // The witness rests at 3° back (a person's own head carriage).
                let value = -(3.0 + a * witness_deg) * DEG;
                m.set(
                    MetricId::HeadLineFlexion,
                    Some(Metric {
                        value,
                        confidence: 1.0,
                    }),
                );
                let t = f64::from(i) * 0.1;
                c.observe(t, &m);
                events.extend(c.update(t, Some(40.0 * a * DEG)));
            }
            let reps = events
                .iter()
                .filter(|e| matches!(e, CounterEvent::Completed(_)))
                .count();
            assert_eq!(reps, usize::from(counted), "witness {witness_deg}°");
            if !counted {
                assert!(events.is_empty(), "not a partial either: {events:?}");
            }
        }
    }

    #[test]
    fn alternating_rest_baseline_centres_both_sides() {
        let spec = SignalSpec {
            metric: MetricId::TrunkRotation,
            direction: Direction::Increase,
            baseline: Baseline::Rest,
            start_deg: 10.0,
            target_deg: 20.0,
            partial_deg: None,
            smoothing_secs: 0.0,
            min_rep_secs: 0.5,
            confirm: Vec::new(),
        };
        // Standing 4° turned to the left: turns of 22° each way are ±22° from there.
        let mut s = SignalShaper::new(&spec, true);
        let mut t = 0.0;
        for _ in 0..100 {
            s.update(t, Some(4.0 * DEG), true);
            t += 0.1;
        }
        let left = s.update(t, Some(26.0 * DEG), false).expect("value");
        let right = s.update(t + 0.1, Some(-18.0 * DEG), false).expect("value");
        assert!((left - 22.0 * DEG).abs() < 0.5 * DEG, "{}", left / DEG);
        assert!((right + 22.0 * DEG).abs() < 0.5 * DEG, "{}", right / DEG);
        // A 20° "offset" (someone walking in) is not a rest posture: the centre stops at
        // half the start threshold.
        let mut s = SignalShaper::new(&spec, true);
        let v = s.update(0.0, Some(20.0 * DEG), true).expect("value");
        assert!((v - 15.0 * DEG).abs() < 1e-4, "{}", v / DEG);
    }

    #[test]
    fn rest_baseline_follows_the_rest_side() {
        let spec = SignalSpec {
            metric: crate::metrics::MetricId::KneeFlexion,
            direction: Direction::Increase,
            baseline: Baseline::Rest,
            start_deg: 10.0,
            target_deg: 30.0,
            partial_deg: None,
            smoothing_secs: 0.0,
            min_rep_secs: 0.5,
            confirm: Vec::new(),
        };
        let mut s = SignalShaper::new(&spec, false);
        assert_eq!(s.update(0.0, Some(0.5), true), Some(0.0));
        let v = s.update(0.1, Some(0.3), true).expect("value");
        assert!(v.abs() < 1e-6, "follows down at once");
        let v = s.update(0.2, Some(1.3), false).expect("value");
        assert!((v - 1.0).abs() < 1e-6);
    }
}

//! Witnesses for the rep signal (`[[signal.confirm]]`, [`ConfirmSpec`]): metrics that
//! must move with the signal during an excursion for it to count.
//!
//! Contract: the counter feeds each witness every frame's value (`None` when unknown) and
//! whether it is resting; at an excursion's start it calls `begin` (the rest level is
//! the least-out value of the last [`WITNESS_REST_WINDOW_SECS`]), at its end `agrees`
//! then `end`. Time comes only from `t_secs`.

use std::collections::VecDeque;

use super::counter::{MAX_SIGNAL_GAP_SECS, Side};
use super::schema::{ConfirmSpec, Direction, SignalSpec};
use crate::metrics::MetricId;

/// Seconds: a witness's rest level is its least-out value over this window before an
/// excursion starts (long enough to reach back past the signal's own rise to the start
/// threshold).
pub const WITNESS_REST_WINDOW_SECS: f64 = 2.0;

/// A witness metric (see [`ConfirmSpec`]): smoothed like the signal, its recent rest
/// values, and how far it has moved during the excursion in progress.
#[derive(Clone, Debug)]
pub(super) struct Witness {
    pub(super) metric: MetricId,
    min_rad: f32,
    /// +1 or −1: the signal's direction (non-alternating exercises).
    direction: f32,
    smoothing_secs: f64,
    smoothed: Option<f32>,
    last_t: Option<f64>,
    /// This frame's smoothed value (`None` when the metric is unknown).
    current: Option<f32>,
    /// `(t_secs, smoothed)` while resting, within [`WITNESS_REST_WINDOW_SECS`].
    rest: VecDeque<(f64, f32)>,
    /// During an excursion: the rest level (raw metric units) and the orientation
    /// (+1 or −1, "out" positive).
    reference: Option<(f32, f32)>,
    /// During an excursion: the furthest oriented move from the rest level so far.
    moved: Option<f32>,
}

impl Witness {
    pub(super) fn new(spec: &ConfirmSpec, signal: &SignalSpec) -> Witness {
        Witness {
            metric: spec.metric,
            min_rad: spec.min_rad(),
            direction: match signal.direction {
                Direction::Increase => 1.0,
                Direction::Decrease => -1.0,
            },
            smoothing_secs: f64::from(signal.smoothing_secs.max(0.0)),
            smoothed: None,
            last_t: None,
            current: None,
            rest: VecDeque::new(),
            reference: None,
            moved: None,
        }
    }

    pub(super) fn observe(&mut self, t_secs: f64, value: Option<f32>, resting: bool) {
        self.current = value.map(|v| {
            let dt = self.last_t.map(|t| t_secs - t);
            self.last_t = Some(t_secs);
            let s = match (self.smoothed, dt) {
                (Some(prev), Some(dt)) if (0.0..=MAX_SIGNAL_GAP_SECS).contains(&dt) => {
                    let alpha = if self.smoothing_secs > 0.0 {
                        1.0 - (-dt / self.smoothing_secs).exp()
                    } else {
                        1.0
                    };
                    prev + alpha as f32 * (v - prev)
                }
                _ => v,
            };
            self.smoothed = Some(s);
            s
        });
        if resting {
            if let Some(v) = self.current {
                self.rest.push_back((t_secs, v));
            }
            while self
                .rest
                .front()
                .is_some_and(|(t, _)| t_secs - t > WITNESS_REST_WINDOW_SECS)
            {
                self.rest.pop_front();
            }
        } else if let (Some((level, orient)), Some(v)) = (self.reference, self.current) {
            let moved = orient * (v - level);
            self.moved = Some(self.moved.map_or(moved, |m| m.max(moved)));
        }
    }

    /// An excursion starts towards `side` (`None`: not alternating).
    pub(super) fn begin(&mut self, side: Option<Side>) {
        let orient = match side {
            None => self.direction,
            Some(Side::Left) => 1.0,
            Some(Side::Right) => -1.0,
        };
        // The least-out rest value (or, never seen at rest, this frame's).
        let level = self
            .rest
            .iter()
            .map(|(_, v)| *v)
            .min_by(|a, b| (orient * a).total_cmp(&(orient * b)))
            .or(self.current);
        self.reference = level.map(|l| (l, orient));
        self.moved = match (level, self.current) {
            (Some(l), Some(v)) => Some(orient * (v - l)),
            _ => None,
        };
        self.rest.clear();
    }

    pub(super) fn agrees(&self) -> bool {
        self.moved.is_some_and(|m| m >= self.min_rad)
    }

    pub(super) fn end(&mut self) {
        self.reference = None;
        self.moved = None;
    }
}

//! What a run really judged: frames offered by the source, judged by the exercise
//! engine, dropped (and where), inference and latency percentiles, CPU and memory. The
//! live app writes it with `--stats PATH` and `backcoach pose --stats PATH` writes the same
//! keys headless, so the two compare key by key.
//!
//! Counting happens where each thing happens: the source wrapper counts frames offered
//! and the late ones it drops before inference ([`DropPlace::Pose`]), the pose worker counts
//! poses its queue had to let go ([`DropPlace::Ui`]), the consumer counts what it judged
//! and when each frame reached the screen. [`LiveCounters`] is shared between those
//! threads; [`LiveCounters::report`] turns it into the JSON document ([`StatsReport`]).

use std::collections::{BTreeMap, VecDeque};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::engine::choice::ModelChoice;

/// Failures of writing the stats file.
#[derive(Debug, thiserror::Error)]
pub enum StatsError {
    /// The file could not be written.
    #[error("cannot write the stats file {path}: {source}. Choose another place with --stats PATH")]
    Write {
        /// The file.
        path: std::path::PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// Where a frame was dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DropPlace {
    /// The camera delivered a newer frame before this one was taken.
    Capture,
    /// Late for real time: dropped before inference (the pose stage fell behind).
    Pose,
    /// Posed, but the consumer's queue was full.
    Ui,
}

impl DropPlace {
    fn key(self) -> &'static str {
        match self {
            DropPlace::Capture => "capture",
            DropPlace::Pose => "pose",
            DropPlace::Ui => "ui",
        }
    }
}

/// Samples kept per series (the newest; about 30 minutes at 30 frames/s).
const MAX_SAMPLES: usize = 54_000;

/// Counters shared by the stages of one run (thread-safe). Two counters are equal only
/// when they are the same counters (so options holding them can still be compared).
#[derive(Debug, Default)]
pub struct LiveCounters {
    offered: AtomicU64,
    judged: AtomicU64,
    dropped_capture: AtomicU64,
    dropped_pose: AtomicU64,
    dropped_ui: AtomicU64,
    painted: AtomicU64,
    model_choice: Mutex<Option<ModelChoice>>,
    inference_ms: Mutex<VecDeque<f32>>,
    latency_ms: Mutex<VecDeque<f32>>,
}

impl PartialEq for LiveCounters {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

fn push_sample(series: &Mutex<VecDeque<f32>>, value: f32) {
    if let Ok(mut v) = series.lock() {
        if v.len() >= MAX_SAMPLES {
            v.pop_front();
        }
        v.push_back(value);
    }
}

impl LiveCounters {
    /// A frame came out of the source (before any drop).
    pub fn offered(&self) {
        self.offered.fetch_add(1, Ordering::Relaxed);
    }

    /// A frame was dropped at `place`.
    pub fn dropped(&self, place: DropPlace) {
        let counter = match place {
            DropPlace::Capture => &self.dropped_capture,
            DropPlace::Pose => &self.dropped_pose,
            DropPlace::Ui => &self.dropped_ui,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// The exercise engine (or the headless consumer) judged a frame.
    pub fn judged(&self) {
        self.judged.fetch_add(1, Ordering::Relaxed);
    }

    /// The landmark model was chosen for this machine (the app's `Auto` setting).
    pub fn set_model_choice(&self, choice: ModelChoice) {
        if let Ok(mut c) = self.model_choice.lock() {
            *c = Some(choice);
        }
    }

    /// The window was painted once (the live app; headless runs paint nothing).
    pub fn painted(&self) {
        self.painted.fetch_add(1, Ordering::Relaxed);
    }

    /// The models' time for one frame, ms.
    pub fn inference(&self, ms: f32) {
        push_sample(&self.inference_ms, ms);
    }

    /// Capture → on screen (or → pose ready, headless), ms.
    pub fn latency(&self, ms: f32) {
        push_sample(&self.latency_ms, ms);
    }

    /// The report for a run of `wall_secs` that used `cpu_secs` of CPU (this process).
    pub fn report(&self, model: &str, wall_secs: f64, cpu_secs: f64) -> StatsReport {
        let get = |c: &AtomicU64| c.load(Ordering::Relaxed);
        let dropped_at: BTreeMap<String, u64> = [
            (DropPlace::Capture, get(&self.dropped_capture)),
            (DropPlace::Pose, get(&self.dropped_pose)),
            (DropPlace::Ui, get(&self.dropped_ui)),
        ]
        .into_iter()
        .map(|(p, n)| (p.key().to_owned(), n))
        .collect();
        let judged = get(&self.judged);
        let model_choice = self.model_choice.lock().ok().and_then(|c| *c);
        let series = |s: &Mutex<VecDeque<f32>>| {
            s.lock()
                .map(|mut v| Percentiles::of(v.make_contiguous()))
                .unwrap_or_default()
        };
        StatsReport {
            frames_offered: get(&self.offered),
            frames_judged: judged,
            frames_dropped: dropped_at.values().sum(),
            dropped_at,
            inference_ms: series(&self.inference_ms),
            latency_ms: series(&self.latency_ms),
            fps_judged: if wall_secs > 0.0 {
                judged as f64 / wall_secs
            } else {
                0.0
            },
            fps_painted: if wall_secs > 0.0 {
                get(&self.painted) as f64 / wall_secs
            } else {
                0.0
            },
            cpu_percent: if wall_secs > 0.0 {
                100.0 * cpu_secs / wall_secs
            } else {
                0.0
            },
            peak_rss_mb: peak_rss_mb(),
            model: model_choice
                .map(|c| c.model.name().to_owned())
                .unwrap_or_else(|| model.to_owned()),
            model_choice,
            wall_secs,
        }
    }
}

/// A run's counters with its start (wall-clock and CPU time), for a report at any
/// moment: the live app keeps one for F12 and `--stats`.
#[derive(Clone, Debug)]
pub struct RunMeter {
    counters: Arc<LiveCounters>,
    model: String,
    started: Instant,
    cpu_at_start_secs: f64,
}

impl Default for RunMeter {
    fn default() -> Self {
        RunMeter::new(Arc::default(), crate::engine::ModelKind::default().name())
    }
}

impl RunMeter {
    /// Starts measuring now; `model` names the landmark model in the report.
    pub fn new(counters: Arc<LiveCounters>, model: &str) -> RunMeter {
        RunMeter {
            counters,
            model: model.to_owned(),
            started: Instant::now(),
            cpu_at_start_secs: cpu_secs().0,
        }
    }

    /// The counters (to hand to the pipeline and to count into).
    pub fn counters(&self) -> &Arc<LiveCounters> {
        &self.counters
    }

    /// The figures since the start.
    pub fn report(&self) -> StatsReport {
        self.counters.report(
            &self.model,
            self.started.elapsed().as_secs_f64(),
            cpu_secs().0 - self.cpu_at_start_secs,
        )
    }
}

/// The median and 95th percentile of a series (nearest rank), ms.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Percentiles {
    /// Median.
    pub p50: f32,
    /// 95th percentile.
    pub p95: f32,
}

impl Percentiles {
    /// Of `values` (zeros when empty).
    pub fn of(values: &[f32]) -> Percentiles {
        if values.is_empty() {
            return Percentiles::default();
        }
        let mut v = values.to_vec();
        v.sort_by(f32::total_cmp);
        let rank = |q: f64| v[((q * v.len() as f64).ceil() as usize).clamp(1, v.len()) - 1];
        Percentiles {
            p50: rank(0.5),
            p95: rank(0.95),
        }
    }
}

/// The stats document (`--stats PATH`). Invariants: `frames_judged + frames_dropped =
/// frames_offered` once the run has drained; `p50 <= p95`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StatsReport {
    /// Frames the source delivered.
    pub frames_offered: u64,
    /// Frames the exercise engine (headless: the consumer) judged.
    pub frames_judged: u64,
    /// Frames dropped anywhere.
    pub frames_dropped: u64,
    /// Frames dropped per place: `capture`, `pose`, `ui`.
    pub dropped_at: BTreeMap<String, u64>,
    /// Models' time per frame, ms.
    pub inference_ms: Percentiles,
    /// Capture → on screen (headless: → pose ready), ms.
    pub latency_ms: Percentiles,
    /// Frames judged per wall-clock second.
    pub fps_judged: f64,
    /// Window paints per wall-clock second (0 headless): what the screen costs, since
    /// every paint redraws the whole window.
    #[serde(default)]
    pub fps_painted: f64,
    /// CPU time of the whole process over wall time, in % of one core.
    pub cpu_percent: f64,
    /// Peak resident memory, MB.
    pub peak_rss_mb: f64,
    /// The landmark model (`full`, `lite`; `none` for pose tracks).
    pub model: String,
    /// How the model was chosen for this machine: preference, reason, the timings and the
    /// frame budget (`null` when given on the command line).
    #[serde(default)]
    pub model_choice: Option<ModelChoice>,
    /// Seconds the run lasted.
    pub wall_secs: f64,
}

impl StatsReport {
    /// Writes the document as pretty JSON.
    pub fn write(&self, path: &Path) -> Result<(), StatsError> {
        let text = serde_json::to_string_pretty(self).unwrap_or_default();
        std::fs::write(path, text + "\n").map_err(|source| StatsError::Write {
            path: path.to_owned(),
            source,
        })
    }
}

/// CPU seconds (user + system) of this process and of its waited-for children.
#[cfg(unix)]
pub fn cpu_secs() -> (f64, f64) {
    let get = |who| {
        // SAFETY: getrusage only writes the struct it is given.
        let mut u: libc::rusage = unsafe { std::mem::zeroed() };
        if unsafe { libc::getrusage(who, &mut u) } != 0 {
            return 0.0;
        }
        let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
        tv(u.ru_utime) + tv(u.ru_stime)
    };
    (get(libc::RUSAGE_SELF), get(libc::RUSAGE_CHILDREN))
}

/// CPU seconds (not measured on this platform).
#[cfg(not(unix))]
pub fn cpu_secs() -> (f64, f64) {
    (0.0, 0.0)
}

/// This process's peak resident memory, MB (0 where not measured).
#[cfg(unix)]
pub fn peak_rss_mb() -> f64 {
    // SAFETY: getrusage only writes the struct it is given.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) } != 0 {
        return 0.0;
    }
    // Linux reports kilobytes.
    u.ru_maxrss as f64 / 1024.0
}

/// Peak memory (not measured on this platform).
#[cfg(not(unix))]
pub fn peak_rss_mb() -> f64 {
    0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_by_nearest_rank() {
        let v: Vec<f32> = (1..=100).map(|i| i as f32).collect();
        assert_eq!(
            Percentiles::of(&v),
            Percentiles {
                p50: 50.0,
                p95: 95.0
            }
        );
        assert_eq!(Percentiles::of(&[7.0]), Percentiles { p50: 7.0, p95: 7.0 });
        assert_eq!(Percentiles::of(&[]), Percentiles::default());
    }

    #[test]
    fn judged_and_dropped_add_up_to_offered() {
        let c = LiveCounters::default();
        for i in 0..10 {
            c.offered();
            match i {
                0 => c.dropped(DropPlace::Pose),
                1 => c.dropped(DropPlace::Ui),
                _ => c.judged(),
            }
        }
        let r = c.report("full", 2.0, 1.0);
        assert_eq!(r.frames_offered, 10);
        assert_eq!(r.frames_judged + r.frames_dropped, r.frames_offered);
        assert_eq!(r.dropped_at["pose"], 1);
        assert_eq!(r.dropped_at["ui"], 1);
        assert_eq!(r.dropped_at["capture"], 0);
        assert!((r.fps_judged - 4.0).abs() < 1e-9);
        assert!((r.cpu_percent - 50.0).abs() < 1e-9);
    }
}

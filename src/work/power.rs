//! Low power for an all-day watch: which frames the pose model sees.
//!
//! [`FrameGate`] lets a frame through at [`LowPowerSettings::idle_fps`] while nothing
//! changes and at [`LowPowerSettings::active_fps`] for [`LowPowerSettings::active_hold_secs`]
//! after something did: the person appeared or was lost, or the shoulders or hips moved
//! more than [`LowPowerSettings::motion_fraction`] of the body's size since the last frame
//! the model saw. A change of posture is then confirmed within the dwell times.
//! [`LowPowerStream`] applies the gate to a frame source before the model runs, with the
//! lite model, and the detector only when the person is lost or every
//! [`WORK_PEOPLE_RECHECK_SECS`] to count the people in view (see
//! [`PoseEngine::set_people_recheck_secs`]). Time comes from the frames' `t_secs`.

use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::engine::{EngineOptions, ModelKind, PoseEngine};
use crate::landmark::Landmark;
use crate::pipeline::{
    ModelStream, PacedSource, PipelineError, PipelineOptions, PoseStream, SourceSpec, StreamItem,
    open_frame_source, open_pose_stream,
};
use crate::pose::PoseFrame;
use crate::source::{CameraOptions, CameraSource, DecodeOptions, FrameSource, VideoSource};

/// Seconds of slack when a frame is due (camera timestamps jitter by milliseconds).
pub const GATE_SLACK_SECS: f64 = 0.02;

/// The frame-rate policy.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LowPowerSettings {
    /// Frames per second while nothing changes. Default: 1.
    pub idle_fps: f64,
    /// Frames per second after a change. Default: 4.
    pub active_fps: f64,
    /// Seconds the active rate lasts after the last change. Default: 3.
    pub active_hold_secs: f64,
    /// Movement of the shoulder or hip centre, as a fraction of the body's size (the
    /// bounding box's larger side), that counts as a change. Default: 0.1.
    pub motion_fraction: f32,
}

impl Default for LowPowerSettings {
    fn default() -> Self {
        LowPowerSettings {
            idle_fps: 1.0,
            active_fps: 4.0,
            active_hold_secs: 3.0,
            motion_fraction: 0.1,
        }
    }
}

/// Decides which frames the model sees (see the module docs).
#[derive(Clone, Debug, Default)]
pub struct FrameGate {
    settings: LowPowerSettings,
    last_secs: Option<f64>,
    active_until_secs: f64,
    last_pose: Option<PoseSummary>,
    last_present: Option<bool>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct PoseSummary {
    shoulders: Option<[f32; 2]>,
    hips: Option<[f32; 2]>,
    size_px: f32,
}

fn mid(frame: &PoseFrame, a: Landmark, b: Landmark) -> Option<[f32; 2]> {
    let pose = frame.pose.as_ref()?;
    let (pa, pb) = (pose.get(a)?, pose.get(b)?);
    (pa.visibility >= 0.5 && pb.visibility >= 0.5)
        .then_some([0.5 * (pa.x_px + pb.x_px), 0.5 * (pa.y_px + pb.y_px)])
}

fn summary(frame: &PoseFrame) -> Option<PoseSummary> {
    let pose = frame.pose.as_ref()?;
    let [x0, y0, x1, y1] = pose.bounding_box_px(0.5)?;
    Some(PoseSummary {
        shoulders: mid(frame, Landmark::LeftShoulder, Landmark::RightShoulder),
        hips: mid(frame, Landmark::LeftHip, Landmark::RightHip),
        size_px: (x1 - x0).max(y1 - y0).max(1.0),
    })
}

impl FrameGate {
    /// A gate with these settings.
    pub fn new(settings: LowPowerSettings) -> FrameGate {
        FrameGate {
            settings,
            ..FrameGate::default()
        }
    }

    /// Seconds between frames now.
    pub fn interval_secs(&self, t_secs: f64) -> f64 {
        let fps = if t_secs < self.active_until_secs {
            self.settings.active_fps
        } else {
            self.settings.idle_fps
        };
        1.0 / fps.max(0.01)
    }

    /// Whether the frame at `t_secs` should go to the model.
    pub fn wants(&self, t_secs: f64) -> bool {
        match self.last_secs {
            None => true,
            // A little slack so a camera's jitter does not skip a whole period.
            Some(last) => {
                t_secs - last >= self.interval_secs(t_secs) - GATE_SLACK_SECS || t_secs < last
            }
        }
    }

    /// Records the model's verdict on a frame that went through.
    pub fn observe(&mut self, frame: &PoseFrame) {
        let t = frame.t_secs;
        self.last_secs = Some(t);
        let now = summary(frame);
        let present = now.is_some();
        // The first frame counts as a change: the first state is being decided.
        let mut changed = self.last_present.is_none_or(|p| p != present);
        if let (Some(a), Some(b)) = (self.last_pose, now) {
            let limit = self.settings.motion_fraction * a.size_px;
            let moved = |p: Option<[f32; 2]>, q: Option<[f32; 2]>| match (p, q) {
                (Some(p), Some(q)) => {
                    ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2)).sqrt() > limit
                }
                (None, None) => false,
                _ => true,
            };
            changed |= moved(a.shoulders, b.shoulders) || moved(a.hips, b.hips);
        }
        if changed {
            self.active_until_secs = t + self.settings.active_hold_secs;
        }
        self.last_pose = now;
        self.last_present = Some(present);
    }

    /// Asks for the active rate from `t_secs` on (a posture change is pending).
    pub fn hurry(&mut self, t_secs: f64) {
        self.active_until_secs = self
            .active_until_secs
            .max(t_secs + self.settings.active_hold_secs);
    }
}

/// Work mode's people count: the detector re-runs this often while a person is tracked
/// (seconds; about 4 ms of detector per run, so ~0.04 % of one core). The count is in
/// every frame (`people_detected`), but the posture tracker does not yet pause on it: a
/// count held for 10 s froze the posture through a labelled split-screen clip (agreement
/// 97.6 % → 66 %); a pause needs a faster census first.
pub const WORK_PEOPLE_RECHECK_SECS: f64 = 10.0;

/// A frame source through the gate and the pose engine: only the frames the gate wants
/// are run through the model (and only those are emitted).
pub struct LowPowerStream {
    source: Box<dyn FrameSource>,
    engine: PoseEngine,
    gate: FrameGate,
    keep_images: bool,
}

impl LowPowerStream {
    /// Wraps a source and an engine; the engine counts the people in view only every
    /// `WORK_PEOPLE_RECHECK_SECS` (10 s) (and whenever the person is lost).
    pub fn new(
        source: Box<dyn FrameSource>,
        mut engine: PoseEngine,
        settings: LowPowerSettings,
        keep_images: bool,
    ) -> LowPowerStream {
        engine.set_people_recheck_secs(Some(WORK_PEOPLE_RECHECK_SECS));
        engine.set_settling(false);
        LowPowerStream {
            source,
            engine,
            gate: FrameGate::new(settings),
            keep_images,
        }
    }
}

impl PoseStream for LowPowerStream {
    fn next_item(&mut self) -> Option<Result<StreamItem, PipelineError>> {
        loop {
            let frame = match self.source.next_frame()? {
                Ok(f) => f,
                Err(e) => return Some(Err(e.into())),
            };
            if !self.gate.wants(frame.t_secs) {
                continue;
            }
            let arrived = Instant::now();
            let result = self.engine.process(&frame.image, frame.t_secs);
            return Some(match result {
                Ok((pose_frame, timings)) => {
                    self.gate.observe(&pose_frame);
                    Ok(StreamItem {
                        pose_frame,
                        image: self.keep_images.then(|| frame.image.clone()),
                        timings,
                        latency_ms: arrived.elapsed().as_secs_f32() * 1000.0,
                    })
                }
                Err(e) => Err(e.into()),
            });
        }
    }
    fn fps_hint(&self) -> Option<f64> {
        None
    }
    fn frame_count_hint(&self) -> Option<u64> {
        None
    }
    fn is_live(&self) -> bool {
        self.source.is_live()
    }
}

/// A pose track (or any pose stream) through the gate, for tests and replays: frames the
/// gate does not want are dropped, as the model would not have seen them.
pub struct GatedPoses<I> {
    inner: I,
    gate: FrameGate,
}

impl<I: Iterator<Item = PoseFrame>> GatedPoses<I> {
    /// Gates an iterator of frames.
    pub fn new(inner: I, settings: LowPowerSettings) -> GatedPoses<I> {
        GatedPoses {
            inner,
            gate: FrameGate::new(settings),
        }
    }
}

impl<I: Iterator<Item = PoseFrame>> Iterator for GatedPoses<I> {
    type Item = PoseFrame;
    fn next(&mut self) -> Option<PoseFrame> {
        loop {
            let f = self.inner.next()?;
            if self.gate.wants(f.t_secs) {
                self.gate.observe(&f);
                return Some(f);
            }
        }
    }
}

/// A pose stream (a track) through the gate.
pub struct GatedStream {
    inner: Box<dyn PoseStream>,
    gate: FrameGate,
}

impl PoseStream for GatedStream {
    fn next_item(&mut self) -> Option<Result<StreamItem, PipelineError>> {
        loop {
            let item = match self.inner.next_item()? {
                Ok(i) => i,
                Err(e) => return Some(Err(e)),
            };
            if self.gate.wants(item.pose_frame.t_secs) {
                self.gate.observe(&item.pose_frame);
                return Some(Ok(item));
            }
        }
    }
    fn fps_hint(&self) -> Option<f64> {
        None
    }
    fn frame_count_hint(&self) -> Option<u64> {
        None
    }
    fn is_live(&self) -> bool {
        self.inner.is_live()
    }
    fn try_recover(&mut self) -> bool {
        self.inner.try_recover()
    }
}

/// A pose track played at its own timestamps, like a camera.
struct PacedPoses {
    inner: Box<dyn PoseStream>,
    started: Option<(Instant, f64)>,
}

impl PoseStream for PacedPoses {
    fn next_item(&mut self) -> Option<Result<StreamItem, PipelineError>> {
        let item = self.inner.next_item()?;
        if let Ok(i) = &item {
            let t = i.pose_frame.t_secs;
            let (start, t0) = *self.started.get_or_insert((Instant::now(), t));
            let wait = (t - t0) - start.elapsed().as_secs_f64();
            if wait > 0.0 {
                std::thread::sleep(std::time::Duration::from_secs_f64(wait));
            }
        }
        Some(item)
    }
    fn fps_hint(&self) -> Option<f64> {
        None
    }
    fn frame_count_hint(&self) -> Option<u64> {
        None
    }
    fn is_live(&self) -> bool {
        false
    }
}

/// Width of the frames work mode asks for (pixels): plenty for one person at a desk.
pub const LOW_POWER_WIDTH_PX: u32 = 640;

/// How work mode opens its source.
#[derive(Clone, Debug, PartialEq)]
pub struct LowPowerOptions {
    /// The frame-rate policy; `None` runs every frame (for comparisons).
    pub gate: Option<LowPowerSettings>,
    /// Engine settings (work mode uses the lite model).
    pub engine: EngineOptions,
    /// Play recorded sources at their own pace, like a camera.
    pub realtime: bool,
    /// Keep images in the items (for the screen).
    pub keep_images: bool,
}

impl Default for LowPowerOptions {
    fn default() -> Self {
        LowPowerOptions {
            gate: Some(LowPowerSettings::default()),
            engine: EngineOptions {
                model: ModelKind::Lite,
                threads: 1,
                ..EngineOptions::default()
            },
            realtime: false,
            keep_images: false,
        }
    }
}

/// Opens a source for work mode: a camera at a low resolution and rate, a video decoded
/// at the active rate and [`LOW_POWER_WIDTH_PX`] wide, images, or a pose track (gated the
/// same way).
pub fn open_low_power_stream(
    spec: &SourceSpec,
    options: &LowPowerOptions,
) -> Result<Box<dyn PoseStream>, PipelineError> {
    if let SourceSpec::Track(_) = spec {
        let mut inner = open_pose_stream(spec, &PipelineOptions::default())?;
        if options.realtime {
            inner = Box::new(PacedPoses {
                inner,
                started: None,
            });
        }
        return Ok(match &options.gate {
            Some(g) => Box::new(GatedStream {
                inner,
                gate: FrameGate::new(g.clone()),
            }),
            None => inner,
        });
    }
    let active_fps = options.gate.as_ref().map(|g| g.active_fps);
    let mut source: Box<dyn FrameSource> = match spec {
        SourceSpec::Camera(c) => Box::new(CameraSource::open(CameraOptions {
            width: LOW_POWER_WIDTH_PX,
            height: LOW_POWER_WIDTH_PX * 3 / 4,
            fps: active_fps.map_or(c.fps, |f| (f.ceil() as u32).max(1)),
            ..c.clone()
        })?),
        SourceSpec::Video(p) => Box::new(VideoSource::open_with(
            p,
            &DecodeOptions {
                max_fps: active_fps,
                max_width: Some(LOW_POWER_WIDTH_PX),
            },
        )?),
        other => open_frame_source(other)?,
    };
    if options.realtime && !source.is_live() {
        source = Box::new(PacedSource::new(source));
    }
    let engine = PoseEngine::new(&options.engine)?;
    Ok(match &options.gate {
        Some(g) => Box::new(LowPowerStream::new(
            source,
            engine,
            g.clone(),
            options.keep_images,
        )),
        None => Box::new(ModelStream::new(source, engine, options.keep_images)),
    })
}

//! One pipeline for every consumer: frames → pose → smoothing, or a pose track, feeding
//! sinks (the pose-track writer, overlays, the exercise report, benchmarks) or a live worker
//! thread for the app.
//!
//! [`SourceSpec`] says where poses come from; [`open_pose_stream`] turns it into a
//! [`PoseStream`]; [`run_to_sinks`] pushes every item into [`Sink`]s; [`LiveWorker`] runs a
//! stream on its own thread and publishes only the newest item (newest wins), so a slow
//! consumer sees the present, never a backlog.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use image::RgbImage;

use crate::engine::choice::{DEFAULT_CAMERA_FPS, ModelPreference, ModelTimings, choose_model};
use crate::engine::{EngineError, EngineOptions, PoseEngine, StageTimings};
use crate::pose::PoseFrame;
use crate::source::{
    CameraOptions, CameraSource, Frame, FrameSource, ImageSource, SourceError, VideoSource,
};
use crate::stats::{DropPlace, LiveCounters};
use crate::track::{TrackError, TrackReader};

/// Failures anywhere in the pipeline.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// The frame source failed.
    #[error(transparent)]
    Source(#[from] SourceError),
    /// The pose engine failed.
    #[error(transparent)]
    Engine(#[from] EngineError),
    /// The pose track failed.
    #[error(transparent)]
    Track(#[from] TrackError),
    /// A sink failed.
    #[error("{0}")]
    Sink(String),
}

impl PipelineError {
    /// `true` for an input that ended early with usable frames before it (see
    /// [`SourceError::is_partial_input`]): a warning, not a failure.
    pub fn is_partial_input(&self) -> bool {
        matches!(self, PipelineError::Source(e) if e.is_partial_input())
    }
}

/// Where poses come from, parsed from a `--source`/`INPUT` string.
#[derive(Clone, Debug, PartialEq)]
pub enum SourceSpec {
    /// A webcam by index (`0`) or name.
    Camera(CameraOptions),
    /// A video file.
    Video(PathBuf),
    /// An image or a folder of images.
    Images(PathBuf),
    /// A pose track (`.jsonl`): no model needed.
    Track(PathBuf),
}

impl SourceSpec {
    /// `0`, `1`, ... or `camera:NAME` → camera; `*.jsonl` → track; folder or image →
    /// images; any other path → video.
    pub fn parse(input: &str) -> SourceSpec {
        if let Some(name) = input.strip_prefix("camera:") {
            return SourceSpec::Camera(CameraOptions {
                camera: name.to_owned(),
                ..CameraOptions::default()
            });
        }
        if !input.is_empty()
            && input.chars().all(|c| c.is_ascii_digit())
            && !Path::new(input).exists()
        {
            return SourceSpec::Camera(CameraOptions {
                camera: input.to_owned(),
                ..CameraOptions::default()
            });
        }
        let path = PathBuf::from(input);
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .unwrap_or_default();
        if ext == "jsonl" {
            SourceSpec::Track(path)
        } else if path.is_dir() || crate::source::images::is_image_path(&path) {
            SourceSpec::Images(path)
        } else {
            SourceSpec::Video(path)
        }
    }

    /// `true` for a webcam.
    pub fn is_camera(&self) -> bool {
        matches!(self, SourceSpec::Camera(_))
    }
}

/// Pipeline settings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PipelineOptions {
    /// Pose engine settings.
    pub engine: EngineOptions,
    /// Keep the decoded frame images in the items (for overlays and the UI).
    pub keep_images: bool,
    /// Play recorded sources (video, images) in real time, like a camera: wait for each
    /// frame's time, and drop frames that are already late *before* running the model.
    pub realtime: bool,
    /// With `realtime`: never drop a late frame (a machine slower than the recording then
    /// plays it slower). For tests and evaluation: the live app then judges exactly the
    /// frames `analyze` judges.
    pub every_frame: bool,
    /// Where the run's frame counts and timings go (`--stats`), when measured.
    pub counters: Option<Arc<LiveCounters>>,
    /// Choose the landmark model for this machine (replacing `engine.model`) from the
    /// settings' preference and timings, once the source's frame rate is known
    /// ([`crate::engine::choice::choose_model`]); the choice goes into the counters.
    pub model_preference: Option<(ModelPreference, Option<ModelTimings>)>,
}

/// A recorded frame later than this behind real time is dropped in real-time mode.
pub const LATE_FRAME_TOLERANCE_SECS: f64 = 0.05;

/// Plays a recorded frame source at its own timestamps (see [`PipelineOptions::realtime`]).
pub struct PacedSource {
    inner: Box<dyn FrameSource>,
    started: Option<(Instant, f64)>,
    drop_late: bool,
    counters: Option<Arc<LiveCounters>>,
}

impl PacedSource {
    /// Wraps a source; late frames are dropped, as a camera would drop them.
    pub fn new(inner: Box<dyn FrameSource>) -> PacedSource {
        PacedSource {
            inner,
            started: None,
            drop_late: true,
            counters: None,
        }
    }

    /// Wraps a source; no frame is dropped, however late (see
    /// [`PipelineOptions::every_frame`]).
    pub fn keeping_every_frame(inner: Box<dyn FrameSource>) -> PacedSource {
        PacedSource {
            drop_late: false,
            ..PacedSource::new(inner)
        }
    }
}

impl FrameSource for PacedSource {
    fn next_frame(&mut self) -> Option<Result<Frame, SourceError>> {
        loop {
            let frame = match self.inner.next_frame()? {
                Ok(f) => f,
                Err(e) => return Some(Err(e)),
            };
            let (start, t0) = *self.started.get_or_insert((Instant::now(), frame.t_secs));
            let due = frame.t_secs - t0;
            let now = start.elapsed().as_secs_f64();
            if due > now {
                std::thread::sleep(Duration::from_secs_f64(due - now));
            } else if self.drop_late && now - due > LATE_FRAME_TOLERANCE_SECS {
                // Late: a camera would not have delivered it either. It was offered, and
                // dropped because the pose stage fell behind.
                if let Some(c) = &self.counters {
                    c.offered();
                    c.dropped(DropPlace::Pose);
                }
                continue;
            }
            return Some(Ok(frame));
        }
    }
    fn fps_hint(&self) -> Option<f64> {
        self.inner.fps_hint()
    }
    fn frame_count_hint(&self) -> Option<u64> {
        self.inner.frame_count_hint()
    }
    fn is_live(&self) -> bool {
        false
    }
    fn take_dropped(&mut self) -> u64 {
        self.inner.take_dropped()
    }
}

/// One step of a pose stream.
#[derive(Clone, Debug)]
pub struct StreamItem {
    /// The pose stage's verdict for this frame.
    pub pose_frame: PoseFrame,
    /// The frame's pixels, when kept and when the source has pixels.
    pub image: Option<Arc<RgbImage>>,
    /// Per-stage times (zero for pose tracks).
    pub timings: StageTimings,
    /// Milliseconds from the frame's arrival to the pose being ready.
    pub latency_ms: f32,
}

/// A stream of poses in time order.
pub trait PoseStream: Send {
    /// The next item; `None` at the end.
    fn next_item(&mut self) -> Option<Result<StreamItem, PipelineError>>;
    /// Nominal frames per second, when known.
    fn fps_hint(&self) -> Option<f64>;
    /// Total frames, when known.
    fn frame_count_hint(&self) -> Option<u64>;
    /// `true` when frames arrive in real time (a camera).
    fn is_live(&self) -> bool;
    /// Tries to recover after an error (a camera that was unplugged); `false` = give up.
    fn try_recover(&mut self) -> bool {
        false
    }
}

/// Poses read from a track file.
pub struct TrackStream {
    reader: TrackReader,
}

impl PoseStream for TrackStream {
    fn next_item(&mut self) -> Option<Result<StreamItem, PipelineError>> {
        Some(
            self.reader
                .next()?
                .map_err(PipelineError::from)
                .map(|pose_frame| StreamItem {
                    pose_frame,
                    image: None,
                    timings: StageTimings::default(),
                    latency_ms: 0.0,
                }),
        )
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

/// Frames run through the pose engine.
pub struct ModelStream {
    source: Box<dyn FrameSource>,
    camera: Option<CameraOptions>,
    engine: PoseEngine,
    keep_images: bool,
    counters: Option<Arc<LiveCounters>>,
}

impl ModelStream {
    /// Wraps a frame source and an engine.
    pub fn new(source: Box<dyn FrameSource>, engine: PoseEngine, keep_images: bool) -> ModelStream {
        ModelStream {
            source,
            camera: None,
            engine,
            keep_images,
            counters: None,
        }
    }
}

impl PoseStream for ModelStream {
    fn next_item(&mut self) -> Option<Result<StreamItem, PipelineError>> {
        let frame = match self.source.next_frame()? {
            Ok(f) => f,
            Err(e) => return Some(Err(e.into())),
        };
        let arrived = Instant::now();
        let dropped_at_capture = self.source.take_dropped();
        if let Some(c) = &self.counters {
            // Frames the camera replaced before they were taken were offered, then dropped.
            for _ in 0..dropped_at_capture {
                c.offered();
                c.dropped(DropPlace::Capture);
            }
            c.offered();
        }
        Some(
            self.engine
                .process(&frame.image, frame.t_secs)
                .map_err(PipelineError::from)
                .inspect(|(_, timings)| {
                    if let Some(c) = &self.counters {
                        c.inference(timings.inference_ms);
                    }
                })
                .map(|(pose_frame, timings)| StreamItem {
                    pose_frame,
                    image: self.keep_images.then(|| frame.image.clone()),
                    timings,
                    latency_ms: arrived.elapsed().as_secs_f32() * 1000.0,
                }),
        )
    }
    fn fps_hint(&self) -> Option<f64> {
        self.source.fps_hint()
    }
    fn frame_count_hint(&self) -> Option<u64> {
        self.source.frame_count_hint()
    }
    fn is_live(&self) -> bool {
        self.source.is_live()
    }
    fn try_recover(&mut self) -> bool {
        let Some(options) = self.camera.clone() else {
            return false;
        };
        match CameraSource::open(options) {
            Ok(cam) => {
                // A new capture thread replaces the lost one.
                self.source = Box::new(cam);
                self.engine.reset();
                true
            }
            Err(_) => false,
        }
    }
}

/// Opens a frame source (no model) for a spec; tracks are not frame sources.
pub fn open_frame_source(spec: &SourceSpec) -> Result<Box<dyn FrameSource>, SourceError> {
    Ok(match spec {
        SourceSpec::Camera(opts) => Box::new(CameraSource::open(opts.clone())?),
        SourceSpec::Video(p) => Box::new(VideoSource::open(p)?),
        SourceSpec::Images(p) => Box::new(ImageSource::open(p)?),
        SourceSpec::Track(p) => {
            return Err(SourceError::BadVideo {
                path: p.clone(),
                message: "a pose track has poses, not frames".into(),
            });
        }
    })
}

/// Opens the pose stream for a spec: a track is read directly; anything else runs through
/// the pose engine.
pub fn open_pose_stream(
    spec: &SourceSpec,
    options: &PipelineOptions,
) -> Result<Box<dyn PoseStream>, PipelineError> {
    if let SourceSpec::Track(path) = spec {
        return Ok(Box::new(TrackStream {
            reader: TrackReader::open(path)?,
        }));
    }
    // Open the source first: a missing file is reported before the model loads.
    let mut source = open_frame_source(spec)?;
    if options.realtime && !source.is_live() {
        let mut paced = if options.every_frame {
            PacedSource::keeping_every_frame(source)
        } else {
            PacedSource::new(source)
        };
        paced.counters = options.counters.clone();
        source = Box::new(paced);
    }
    let mut engine_options = options.engine.clone();
    if let Some((preference, timings)) = &options.model_preference {
        let camera_fps = source.fps_hint().unwrap_or(DEFAULT_CAMERA_FPS);
        let choice = choose_model(*preference, timings.as_ref(), camera_fps);
        engine_options.model = choice.model;
        if let Some(c) = &options.counters {
            c.set_model_choice(choice);
        }
    }
    let engine = PoseEngine::new(&engine_options)?;
    let mut stream = ModelStream::new(source, engine, options.keep_images);
    stream.counters = options.counters.clone();
    if let SourceSpec::Camera(opts) = spec {
        stream.camera = Some(opts.clone());
    }
    Ok(Box::new(stream))
}

/// A consumer of stream items.
pub trait Sink {
    /// Called for every item in time order.
    fn on_item(&mut self, item: &StreamItem) -> Result<(), PipelineError>;
    /// Called once at the end of the stream.
    fn finish(&mut self) -> Result<(), PipelineError> {
        Ok(())
    }
}

/// Counts of a finished run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunStats {
    /// Items processed.
    pub frames: u64,
    /// Items with a person.
    pub frames_with_person: u64,
    /// Sum of per-stage times.
    pub timings_total: StageTimings,
    /// Set when the input ended early (a truncated video, or one shorter than its
    /// container promises): what was decoded was used.
    pub warning: Option<String>,
}

/// Runs a stream to its end, feeding every sink. `on_progress` sees the frame count.
/// A truncated or cut-off video is not a failure: the frames decoded before the damage are
/// used and [`RunStats::warning`] says so ("read 4.2 s of 14.5 s: the file ends early").
pub fn run_to_sinks(
    stream: &mut dyn PoseStream,
    sinks: &mut [&mut dyn Sink],
    mut on_progress: impl FnMut(u64),
) -> Result<RunStats, PipelineError> {
    let mut stats = RunStats::default();
    while let Some(item) = stream.next_item() {
        let item = match item {
            Ok(item) => item,
            Err(e) if e.is_partial_input() => {
                stats.warning = Some(e.to_string());
                break;
            }
            Err(e) => return Err(e),
        };
        stats.frames += 1;
        if item.pose_frame.pose.is_some() {
            stats.frames_with_person += 1;
        }
        stats.timings_total.preprocess_ms += item.timings.preprocess_ms;
        stats.timings_total.inference_ms += item.timings.inference_ms;
        stats.timings_total.postprocess_ms += item.timings.postprocess_ms;
        for sink in sinks.iter_mut() {
            sink.on_item(&item)?;
        }
        on_progress(stats.frames);
    }
    for sink in sinks.iter_mut() {
        sink.finish()?;
    }
    Ok(stats)
}

/// What the live worker is doing.
#[derive(Clone, Debug, PartialEq)]
pub enum WorkerStatus {
    /// Starting up (loading the model, opening the camera).
    Starting,
    /// Delivering frames.
    Running,
    /// The source failed but may come back (camera unplugged): retrying.
    Reconnecting {
        /// What happened, for the user.
        message: String,
    },
    /// The source ended (end of a video or track).
    Ended,
    /// A recording ended before its promised end (a cut-off or still-growing file): the
    /// frames read were delivered.
    EndedEarly {
        /// What happened ("read 4.2 s of 14.5 s: the file ends early ...").
        message: String,
        /// Seconds read and promised, when the container promised a duration.
        read_of_promised_secs: Option<(f64, f64)>,
    },
    /// The source failed for good.
    Failed {
        /// What happened and what to do.
        message: String,
        /// `true` when the frame source (camera, video) failed; `false` for the pose
        /// model, ONNX Runtime, a pose track or the worker itself.
        source_failed: bool,
    },
}

impl WorkerStatus {
    /// `true` once a recording has ended, early or not.
    pub fn has_ended(&self) -> bool {
        matches!(self, WorkerStatus::Ended | WorkerStatus::EndedEarly { .. })
    }
}

/// A frame handed to the UI.
#[derive(Clone, Debug)]
pub struct LiveFrame {
    /// The pose stage's verdict.
    pub pose_frame: PoseFrame,
    /// The pixels (camera/video), `None` for pose tracks.
    pub image: Option<Arc<RgbImage>>,
    /// Timings for the debug overlay.
    pub timings: FrameTimings,
}

/// Timings shown in the debug overlay.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct FrameTimings {
    /// Model time for this frame, ms.
    pub inference_ms: f32,
    /// Frame arrival to pose ready, ms.
    pub latency_ms: f32,
    /// Frames per second delivered by the worker (recent average).
    pub fps: f32,
    /// When the pose was ready (capture → screen latency is `latency_ms` plus the time
    /// from here to the frame's first paint).
    pub ready_at: Option<Instant>,
}

#[derive(Default)]
struct Shared {
    latest: Option<LiveFrame>,
    /// Every pose since the consumer last took them: the session must see each frame
    /// (a rep is never lost because the UI was slow); images are newest-wins only.
    poses: std::collections::VecDeque<PoseFrame>,
    status: Option<WorkerStatus>,
}

/// Poses kept for a consumer that does not take them (about 20 s at 30 frames/s); older
/// ones are dropped first.
pub const MAX_PENDING_POSES: usize = 600;

/// Runs a pose stream on a background thread; the newest frame wins.
pub struct LiveWorker {
    shared: Arc<Mutex<Shared>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

/// Seconds between reconnection attempts for a lost camera.
pub const RECONNECT_INTERVAL_SECS: f64 = 1.0;

impl LiveWorker {
    /// Starts the worker. Recorded sources (video, track) are paced at their own
    /// timestamps, like a camera; frames that would arrive late are skipped.
    pub fn spawn(
        spec: SourceSpec,
        mut options: PipelineOptions,
    ) -> Result<LiveWorker, PipelineError> {
        options.keep_images = true;
        options.realtime = true;
        let counters = options.counters.clone();
        LiveWorker::start(
            Box::new(move || open_pose_stream(&spec, &options)),
            counters,
        )
    }

    /// Starts a worker on any stream (work mode's low-power stream); recorded streams are
    /// paced at their timestamps like in [`LiveWorker::spawn`] only if `open` paces them.
    pub fn spawn_stream(open: StreamOpener) -> Result<LiveWorker, PipelineError> {
        LiveWorker::start(open, None)
    }

    fn start(
        open: StreamOpener,
        counters: Option<Arc<LiveCounters>>,
    ) -> Result<LiveWorker, PipelineError> {
        let shared = Arc::new(Mutex::new(Shared {
            latest: None,
            poses: Default::default(),
            status: Some(WorkerStatus::Starting),
        }));
        let stop = Arc::new(AtomicBool::new(false));
        let (shared2, stop2) = (shared.clone(), stop.clone());
        let thread = std::thread::Builder::new()
            .name("pose-worker".into())
            .spawn(move || worker_loop(open, &shared2, &stop2, counters.as_deref()))
            .map_err(|e| PipelineError::Sink(format!("cannot start the pose worker: {e}")))?;
        Ok(LiveWorker {
            shared,
            stop,
            thread: Some(thread),
        })
    }

    /// Takes the newest frame not yet taken (for display: older images are dropped).
    pub fn latest(&self) -> Option<LiveFrame> {
        self.shared.lock().ok().and_then(|mut s| s.latest.take())
    }

    /// Takes every pose produced since the last call, in time order (for the session:
    /// none is skipped, however slow the consumer).
    pub fn take_poses(&self) -> Vec<PoseFrame> {
        self.shared
            .lock()
            .map(|mut s| s.poses.drain(..).collect())
            .unwrap_or_default()
    }

    /// The worker's status.
    pub fn status(&self) -> WorkerStatus {
        self.shared
            .lock()
            .ok()
            .and_then(|s| s.status.clone())
            .unwrap_or(WorkerStatus::Failed {
                message: "the pose worker stopped unexpectedly".into(),
                source_failed: false,
            })
    }
}

impl Drop for LiveWorker {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn set_status(shared: &Mutex<Shared>, status: WorkerStatus) {
    if let Ok(mut s) = shared.lock() {
        s.status = Some(status);
    }
}

/// Opens a stream on the worker thread (the model loads there, not on the caller's).
pub type StreamOpener = Box<dyn FnOnce() -> Result<Box<dyn PoseStream>, PipelineError> + Send>;

fn worker_loop(
    open: StreamOpener,
    shared: &Mutex<Shared>,
    stop: &AtomicBool,
    counters: Option<&LiveCounters>,
) {
    let mut stream = match open() {
        Ok(s) => s,
        Err(e) => {
            set_status(
                shared,
                WorkerStatus::Failed {
                    message: e.to_string(),
                    source_failed: matches!(e, PipelineError::Source(_)),
                },
            );
            return;
        }
    };
    set_status(shared, WorkerStatus::Running);
    let live = stream.is_live();
    let started = Instant::now();
    let mut first_t: Option<f64> = None;
    let mut fps_window: std::collections::VecDeque<Instant> = Default::default();
    while !stop.load(Ordering::Relaxed) {
        let Some(item) = stream.next_item() else {
            set_status(shared, WorkerStatus::Ended);
            return;
        };
        let item = match item {
            Ok(i) => i,
            Err(e) if e.is_partial_input() => {
                let read_of_promised_secs = match &e {
                    PipelineError::Source(SourceError::EndsEarly {
                        read_secs,
                        promised_secs,
                        ..
                    }) => Some((*read_secs, *promised_secs)),
                    _ => None,
                };
                set_status(
                    shared,
                    WorkerStatus::EndedEarly {
                        message: e.to_string(),
                        read_of_promised_secs,
                    },
                );
                return;
            }
            Err(e) => {
                if live {
                    set_status(
                        shared,
                        WorkerStatus::Reconnecting {
                            message: e.to_string(),
                        },
                    );
                    loop {
                        if stop.load(Ordering::Relaxed) {
                            return;
                        }
                        std::thread::sleep(Duration::from_secs_f64(RECONNECT_INTERVAL_SECS));
                        if stream.try_recover() {
                            set_status(shared, WorkerStatus::Running);
                            break;
                        }
                    }
                    continue;
                }
                set_status(
                    shared,
                    WorkerStatus::Failed {
                        message: e.to_string(),
                        source_failed: matches!(e, PipelineError::Source(_)),
                    },
                );
                return;
            }
        };
        if !live {
            // Pose tracks: wait for each pose's time (video frames are paced, and late
            // ones dropped, before inference by `PacedSource`).
            let t0 = *first_t.get_or_insert(item.pose_frame.t_secs);
            let due = item.pose_frame.t_secs - t0;
            let now = started.elapsed().as_secs_f64();
            if due > now {
                std::thread::sleep(Duration::from_secs_f64(due - now));
            }
        }
        let now = Instant::now();
        fps_window.push_back(now);
        while fps_window.len() > 30 {
            fps_window.pop_front();
        }
        let fps = match (fps_window.front(), fps_window.len()) {
            (Some(first), n) if n > 1 => {
                (n - 1) as f32 / now.duration_since(*first).as_secs_f32().max(1e-3)
            }
            _ => 0.0,
        };
        let frame = LiveFrame {
            pose_frame: item.pose_frame,
            image: item.image,
            timings: FrameTimings {
                inference_ms: item.timings.inference_ms,
                latency_ms: item.latency_ms,
                fps,
                ready_at: Some(now),
            },
        };
        if let Ok(mut s) = shared.lock() {
            if s.poses.len() >= MAX_PENDING_POSES {
                s.poses.pop_front();
                if let Some(c) = counters {
                    c.dropped(DropPlace::Ui);
                }
            }
            s.poses.push_back(frame.pose_frame.clone());
            s.latest = Some(frame);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_source_specs() {
        assert!(matches!(SourceSpec::parse("0"), SourceSpec::Camera(_)));
        assert!(matches!(
            SourceSpec::parse("camera:USB Cam"),
            SourceSpec::Camera(_)
        ));
        assert!(matches!(
            SourceSpec::parse("a/b.jsonl"),
            SourceSpec::Track(_)
        ));
        assert!(matches!(SourceSpec::parse("x.png"), SourceSpec::Images(_)));
        assert!(matches!(
            SourceSpec::parse("clip.mp4"),
            SourceSpec::Video(_)
        ));
    }
}

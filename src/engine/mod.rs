//! The pose engine: BlazePose (detector + landmark model) on ONNX Runtime, with tracking.
//!
//! Per frame: if a person is being tracked, the region of interest comes from the
//! previous frame's auxiliary landmarks and only the landmark model runs; otherwise the
//! detector finds people, the main subject is chosen and its region is cropped. When the
//! landmark model's pose flag drops below [`MIN_POSE_FLAG`], the person is lost and the
//! detector runs again (on the same frame). While tracking, the detector also re-runs every
//! [`PEOPLE_RECHECK_SECS`] (the people census): to count the people in view (a detection
//! counts as another person only once the landmark model confirms it), and to check the
//! tracked region against the detector's (a region whose size is off by more than
//! [`RECHECK_SIZE_FRACTION`] is settled afresh from the detection).
//!
//! The subject is the most confident, large, central person at the start. While tracked,
//! a crop that leaps more than [`MAX_TRACK_JUMP`] of its size counts as a loss; after a
//! loss, only a person near where the subject was is accepted for [`SUBJECT_MEMORY_SECS`]
//! (meanwhile the frame says "nobody"), so the coach never jumps to someone else mid-set.
//!
//! A pose is reported only once it has *settled*. The detector's region is rough (its
//! box comes from a 224-pixel view of the whole frame), and the landmark model's answer on
//! a rough region can be far off (ankles at mid-thigh) until the region converges. After
//! every (re)detection the landmark model therefore re-runs on the same frame with the
//! region its own output implies, up to [`MAX_SETTLE_STEPS`] times, until two successive
//! regions agree within [`ROI_AGREE_FRACTION`]; if they still disagree, the following
//! frames go on refining (with unsmoothed regions) and the frame reports nobody until they
//! agree. Every consumer (live session, `analyze`, `pose`, `work`) thus judges the same,
//! settled poses. The only module that names `ort`.

pub mod choice;
mod detector;
mod geometry;
mod landmarks;
pub mod runtime;

use std::path::{Path, PathBuf};
use std::time::Instant;

use image::RgbImage;
use ort::session::{Session, SessionOutputs};
use ort::value::TensorRef;

pub use detector::{
    DETECTOR_INPUT_SIZE, Detection, Letterbox, anchors, decode as decode_detections,
};
pub use geometry::{Border, Roi, crop_to_tensor};
pub use landmarks::{LANDMARK_INPUT_SIZE, LandmarkOutput, decode as decode_landmarks};

use crate::pose::{Pose, PoseFrame};
use crate::smoothing::{AUX_FILTER, LANDMARK_FILTER, OneEuroState, PoseSmoother};

/// Pose flag (0..1) below which the tracked person counts as lost.
pub const MIN_POSE_FLAG: f32 = 0.5;
/// While tracking, the detector re-runs this often to count the people in view.
pub const PEOPLE_RECHECK_SECS: f64 = 1.0;
/// A tracked subject's centre moving more than this fraction of its region between two
/// frames means the crop slid onto someone else: the person is re-detected. Frames further
/// apart than [`CONTINUITY_FRAME_SECS`] (a low frame rate) allow proportionally more.
pub const MAX_TRACK_JUMP: f32 = 0.5;
/// The frame interval the continuity limits ([`MAX_TRACK_JUMP`], [`NEAR_LAST_SEEN`]) are
/// meant for (seconds); between frames further apart they grow in proportion, since a
/// walking person covers more ground.
pub const CONTINUITY_FRAME_SECS: f64 = 1.0 / 15.0;
/// Detections tried per frame when looking for the subject.
pub const MAX_CANDIDATES_PER_FRAME: usize = 3;
/// After a loss, a detection this close to the subject's last place (in region sides, per
/// [`CONTINUITY_FRAME_SECS`] since they were seen) is taken to be the subject.
pub const NEAR_LAST_SEEN: f32 = 0.5;
/// After losing the subject, only a person near where they were is accepted, for this
/// long; then the most confident, large, central person is picked afresh.
pub const SUBJECT_MEMORY_SECS: f64 = 3.0;

/// A frame wider than this (width / height) also gets the census's square tiles (see
/// [`PoseEngine::process`]'s people count).
pub const CENSUS_TILE_ASPECT: f32 = 1.2;
/// The tracked region and the detector's region for the same body differ in size by
/// more than this fraction: the pose is settled afresh from the detection (see
/// [`PoseEngine::process`]).
pub const RECHECK_SIZE_FRACTION: f32 = 0.25;
/// Landmark runs per census that confirm a detection as a person (see
/// [`PoseEngine::process`]'s people count).
pub const MAX_CENSUS_CONFIRMS: usize = 3;
/// Two hip points closer than this fraction of the larger region's side are one person.
/// Measured on the dev videos: the detector's hip estimates of one body (whole frame vs a
/// tile, two scales, a body cut by a tile's edge) lie up to 0.25 region sides apart;
/// two people side by side in the composed clips and in the several-people clip, 0.7 or
/// more. (The price: two people whose hips are closer than about half a body height,
/// one right behind the other, count as one.)
pub const SAME_PERSON_FRACTION: f32 = 0.45;

/// After a (re)detection, the landmark model re-runs on the same frame at most this many
/// extra times while its region converges (measured on the dev videos: see
/// docs/ACCURACY_POSE.md, "Settling").
pub const MAX_SETTLE_STEPS: usize = 3;
/// Two successive regions agree (the pose has settled) when their centres are within this
/// fraction of the region's side of each other and their sides differ by less than it.
pub const ROI_AGREE_FRACTION: f32 = 0.08;
/// ... and their rotations differ by less than this (radians, 8°).
pub const ROI_AGREE_ROTATION_RAD: f32 = 8.0 * std::f32::consts::PI / 180.0;

/// Whether two regions agree closely enough for a pose to count as settled.
pub fn rois_agree(a: &Roi, b: &Roi) -> bool {
    let side = a.width_px.max(b.width_px).max(1.0);
    let centre =
        ((a.center_x_px - b.center_x_px).powi(2) + (a.center_y_px - b.center_y_px).powi(2)).sqrt();
    let turn = geometry::normalize_angle(a.rotation_rad - b.rotation_rad).abs();
    centre <= ROI_AGREE_FRACTION * side
        && (a.width_px - b.width_px).abs() <= ROI_AGREE_FRACTION * side
        && turn <= ROI_AGREE_ROTATION_RAD
}

/// Failures of the pose engine. Each message names the file and what to do.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// ONNX Runtime could not be found or loaded.
    #[error("{0}")]
    Runtime(String),
    /// A model file is missing.
    #[error(
        "model file {path} is missing. Restore it with `git checkout -- models/` or run models/convert/convert.sh."
    )]
    ModelMissing {
        /// The expected file.
        path: PathBuf,
    },
    /// A model file exists but ONNX Runtime cannot load it.
    #[error(
        "model file {path} is damaged or not an ONNX model ({message}). Restore it with `git checkout -- models/`."
    )]
    ModelLoad {
        /// The file.
        path: PathBuf,
        /// ONNX Runtime's message.
        message: String,
    },
    /// A model's inputs/outputs are not what the pipeline expects.
    #[error("model file {path} has the wrong interface: expected {expected}, found {found}.")]
    ModelContract {
        /// The file.
        path: PathBuf,
        /// What we expected.
        expected: String,
        /// What the file has.
        found: String,
    },
    /// Inference failed.
    #[error("inference failed in {model}: {message}")]
    Inference {
        /// Which model.
        model: &'static str,
        /// ONNX Runtime's message.
        message: String,
    },
}

/// Which landmark model to run.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Default,
    clap::ValueEnum,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum ModelKind {
    /// `pose_landmark_full.onnx`: the accurate default.
    #[default]
    Full,
    /// `pose_landmark_lite.onnx`: faster, a little less accurate.
    Lite,
}

impl ModelKind {
    /// Short name (`full`, `lite`), as on the command line.
    pub fn name(self) -> &'static str {
        match self {
            ModelKind::Full => "full",
            ModelKind::Lite => "lite",
        }
    }

    /// File name inside the models folder.
    pub fn file_name(self) -> &'static str {
        match self {
            ModelKind::Full => "pose_landmark_full.onnx",
            ModelKind::Lite => "pose_landmark_lite.onnx",
        }
    }
}

/// File name of the detector.
pub const DETECTOR_FILE: &str = "pose_detection.onnx";

/// Engine settings.
#[derive(Clone, Debug, PartialEq)]
pub struct EngineOptions {
    /// Folder with the `.onnx` files; `None` searches the default places
    /// (see [`default_models_dir`]).
    pub models_dir: Option<PathBuf>,
    /// Landmark model.
    pub model: ModelKind,
    /// Inference threads per model; 0 = all cores.
    pub threads: usize,
    /// Smooth landmarks between frames (One Euro).
    pub smoothing: bool,
}

impl Default for EngineOptions {
    fn default() -> Self {
        EngineOptions {
            models_dir: None,
            model: ModelKind::Full,
            threads: 0,
            smoothing: true,
        }
    }
}

/// The models folder: `BACKCOACH_MODELS_DIR`, else `models/` next to the executable or
/// up to three folders above it, else the source tree's `models/`.
pub fn default_models_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("BACKCOACH_MODELS_DIR") {
        return PathBuf::from(dir);
    }
    if let Ok(exe) = std::env::current_exe() {
        let mut dir = exe.parent().map(Path::to_path_buf);
        for _ in 0..4 {
            let Some(d) = dir else { break };
            if d.join("models").join(DETECTOR_FILE).is_file() {
                return d.join("models");
            }
            dir = d.parent().map(Path::to_path_buf);
        }
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models")
}

/// A tensor an ONNX model must have: name and shape (`-1` = any).
#[derive(Clone, Copy, Debug)]
pub struct TensorSpec {
    /// Tensor name.
    pub name: &'static str,
    /// Expected shape.
    pub shape: &'static [i64],
}

/// The detector's interface.
pub const DETECTOR_CONTRACT: (&[TensorSpec], &[TensorSpec]) = (
    &[TensorSpec {
        name: "input_1",
        shape: &[1, 224, 224, 3],
    }],
    &[
        TensorSpec {
            name: "Identity",
            shape: &[1, 2254, 12],
        },
        TensorSpec {
            name: "Identity_1",
            shape: &[1, 2254, 1],
        },
    ],
);

/// The landmark models' interface (full and lite alike). The shipped files have only
/// these outputs: the segmentation and heatmap heads are pruned at conversion
/// (`models/convert/prune_landmarks.py`), which more than halves the inference time.
pub const LANDMARK_CONTRACT: (&[TensorSpec], &[TensorSpec]) = (
    &[TensorSpec {
        name: "input_1",
        shape: &[1, 256, 256, 3],
    }],
    &[
        TensorSpec {
            name: "Identity",
            shape: &[1, 195],
        },
        TensorSpec {
            name: "Identity_1",
            shape: &[1, 1],
        },
        TensorSpec {
            name: "Identity_4",
            shape: &[1, 117],
        },
    ],
);

/// Describes a loaded model's tensors as `name[d0,d1,..]:dtype`, inputs then outputs.
pub fn describe_session(session: &Session) -> (Vec<String>, Vec<String>) {
    let fmt = |o: &ort::value::Outlet| {
        let ty = o.dtype();
        let shape = ty
            .tensor_shape()
            .map(|s| {
                s.iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join(",")
            })
            .unwrap_or_default();
        let dtype = ty
            .tensor_type()
            .map(|t| format!("{t:?}"))
            .unwrap_or_default();
        format!("{}[{}]:{}", o.name(), shape, dtype.to_lowercase())
    };
    (
        session.inputs().iter().map(fmt).collect(),
        session.outputs().iter().map(fmt).collect(),
    )
}

fn check_contract(
    session: &Session,
    path: &Path,
    contract: (&[TensorSpec], &[TensorSpec]),
) -> Result<(), EngineError> {
    let expected = |specs: &[TensorSpec]| {
        specs
            .iter()
            .map(|s| {
                let dims: Vec<String> = s.shape.iter().map(|d| d.to_string()).collect();
                format!("{}[{}]:float32", s.name, dims.join(","))
            })
            .collect::<Vec<_>>()
    };
    let (inputs, outputs) = describe_session(session);
    let want_in = expected(contract.0);
    let want_out = expected(contract.1);
    let ok =
        want_in.iter().all(|w| inputs.contains(w)) && want_out.iter().all(|w| outputs.contains(w));
    if ok {
        Ok(())
    } else {
        Err(EngineError::ModelContract {
            path: path.to_owned(),
            expected: format!("inputs {want_in:?}, outputs {want_out:?}"),
            found: format!("inputs {inputs:?}, outputs {outputs:?}"),
        })
    }
}

/// Threads per model run: `threads`, or the machine's cores when 0.
fn resolve_threads(threads: usize) -> usize {
    if threads == 0 {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    } else {
        threads
    }
}

/// Loads one model file and checks its interface.
pub fn load_model(
    path: &Path,
    threads: usize,
    contract: (&[TensorSpec], &[TensorSpec]),
) -> Result<Session, EngineError> {
    let env = runtime::init_runtime()?;
    if !path.is_file() {
        return Err(EngineError::ModelMissing {
            path: path.to_owned(),
        });
    }
    // One mapping for every ONNX Runtime failure while loading (the builder's and the
    // session's errors differ only in type).
    let load_err = |e: &dyn std::fmt::Display| EngineError::ModelLoad {
        path: path.to_owned(),
        message: e.to_string(),
    };
    let threads = resolve_threads(threads);
    let mut builder = Session::builder(env)
        .map_err(|e| load_err(&e))?
        .with_intra_threads(threads)
        .map_err(|e| load_err(&e))?
        // No busy-waiting between operators: on 2 cores the decoder and the UI need the
        // CPU more than the pool needs to wake a microsecond sooner.
        .with_intra_op_spinning(false)
        .map_err(|e| load_err(&e))?;
    let session = builder.commit_from_file(path).map_err(|e| load_err(&e))?;
    check_contract(&session, path, contract)?;
    Ok(session)
}

/// Milliseconds spent per stage on one frame.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct StageTimings {
    /// Cropping/resizing into model inputs.
    pub preprocess_ms: f32,
    /// ONNX Runtime calls.
    pub inference_ms: f32,
    /// Decoding, NMS, projection, smoothing.
    pub postprocess_ms: f32,
    /// Whether the detector ran on this frame.
    pub detector_ran: bool,
    /// Landmark-model runs on this frame (more than one while a new pose settles).
    pub landmark_runs: u32,
}

struct Subject {
    /// Region for the next frame, from the smoothed auxiliary points.
    roi: Roi,
    aux_filters: [OneEuroState; 4],
    /// Whether the region has converged since the detection (see the module docs); until
    /// then the pose is not reported and the region follows the raw auxiliary points.
    settled: bool,
}

/// The pose engine with its tracking state. One per video stream.
pub struct PoseEngine {
    detector: Session,
    landmarker: Session,
    anchors: Vec<[f32; 2]>,
    detector_input: Vec<f32>,
    landmark_input: Vec<f32>,
    subject: Option<Subject>,
    /// Where (mid-hip, px), when, and how large (region side, px) the subject was last seen.
    last_seen: Option<([f32; 2], f64, f32)>,
    last_people_check_secs: Option<f64>,
    /// People counted at the detector's last run.
    last_people_count: Option<u32>,
    smoother: Option<PoseSmoother>,
    /// Re-run the detector this often (seconds) while tracking, to count the people in
    /// view; `None`: only when the person is lost.
    people_recheck_secs: Option<f64>,
    /// Whether a new pose is held back until its region settles (see the module docs).
    settling: bool,
}

fn ms_since(t: Instant) -> f32 {
    t.elapsed().as_secs_f32() * 1000.0
}

fn inference_error(model: &'static str) -> impl Fn(ort::Error) -> EngineError {
    move |e| EngineError::Inference {
        model,
        message: e.to_string(),
    }
}

/// Runs a model whose one input, `input_1`, is an NHWC image `[1, side, side, 3]`.
fn run_image_model<'s>(
    session: &'s mut Session,
    input: &[f32],
    side: usize,
    model: &'static str,
) -> Result<SessionOutputs<'s>, EngineError> {
    let tensor = TensorRef::from_array_view(([1usize, side, side, 3], input))
        .map_err(inference_error(model))?;
    session
        .run(ort::inputs!["input_1" => tensor])
        .map_err(inference_error(model))
}

/// A float output of a run, by name.
fn output<'a>(
    outputs: &'a SessionOutputs<'_>,
    name: &str,
    model: &'static str,
) -> Result<&'a [f32], EngineError> {
    outputs[name]
        .try_extract_tensor::<f32>()
        .map(|(_, data)| data)
        .map_err(inference_error(model))
}

impl PoseEngine {
    /// Loads ONNX Runtime and both models.
    pub fn new(options: &EngineOptions) -> Result<PoseEngine, EngineError> {
        let dir = options
            .models_dir
            .clone()
            .unwrap_or_else(default_models_dir);
        let threads = resolve_threads(options.threads);
        let detector = load_model(&dir.join(DETECTOR_FILE), threads, DETECTOR_CONTRACT)?;
        let landmarker = load_model(
            &dir.join(options.model.file_name()),
            threads,
            LANDMARK_CONTRACT,
        )?;
        Ok(PoseEngine {
            detector,
            landmarker,
            anchors: anchors(),
            detector_input: vec![0.0; DETECTOR_INPUT_SIZE * DETECTOR_INPUT_SIZE * 3],
            landmark_input: vec![0.0; LANDMARK_INPUT_SIZE * LANDMARK_INPUT_SIZE * 3],
            subject: None,
            last_seen: None,
            last_people_check_secs: None,
            last_people_count: None,
            smoother: options
                .smoothing
                .then(|| PoseSmoother::new(LANDMARK_FILTER)),
            people_recheck_secs: Some(PEOPLE_RECHECK_SECS),
            settling: true,
        })
    }

    /// How often the detector re-runs while tracking, to count the people in view
    /// (default: every [`PEOPLE_RECHECK_SECS`]). `None`: only when the person is lost;
    /// `people_detected` then reports the last count.
    pub fn set_people_recheck_secs(&mut self, interval_secs: Option<f64>) {
        self.people_recheck_secs = interval_secs;
    }

    /// Whether a new pose is held back until its region has settled (default: yes). Work
    /// mode turns it off: it samples about one frame a second, too far apart for the
    /// region to converge across frames, and its posture rules were tuned without it
    /// (with it, a deadlift's bent-over frames read as 17 s of sitting).
    pub fn set_settling(&mut self, enabled: bool) {
        self.settling = enabled;
    }

    /// Forgets the tracked person (e.g. when a new session starts).
    pub fn reset(&mut self) {
        self.subject = None;
        self.last_seen = None;
        self.last_people_check_secs = None;
        self.last_people_count = None;
        if let Some(s) = &mut self.smoother {
            s.reset();
        }
    }

    /// Runs the detector on a whole frame; people sorted by score.
    pub fn detect(
        &mut self,
        image: &RgbImage,
        timings: &mut StageTimings,
    ) -> Result<Vec<Detection>, EngineError> {
        let letterbox = Letterbox::for_image(image.width(), image.height());
        self.detect_in(image, &letterbox, timings)
    }

    /// Runs the detector on the square `letterbox.roi` of a frame (pixels outside the
    /// frame are black); detections in frame pixels, sorted by score.
    fn detect_in(
        &mut self,
        image: &RgbImage,
        letterbox: &Letterbox,
        timings: &mut StageTimings,
    ) -> Result<Vec<Detection>, EngineError> {
        let t0 = Instant::now();
        letterbox.fill_input(image, &mut self.detector_input);
        timings.preprocess_ms += ms_since(t0);
        let t1 = Instant::now();
        let model = "detector";
        let outputs = run_image_model(
            &mut self.detector,
            &self.detector_input,
            DETECTOR_INPUT_SIZE,
            model,
        )?;
        let regressors = output(&outputs, "Identity", model)?;
        let logits = output(&outputs, "Identity_1", model)?;
        timings.inference_ms += ms_since(t1);
        let t2 = Instant::now();
        let detections = decode_detections(regressors, logits, &self.anchors, letterbox);
        timings.postprocess_ms += ms_since(t2);
        timings.detector_ran = true;
        Ok(detections)
    }

    /// The people census's extra looks: on a frame wider than [`CENSUS_TILE_ASPECT`], the
    /// detector also runs on square tiles the frame's height high, spread evenly from the
    /// left edge to the right (2 for 16:9). Letterboxed whole, a wide frame shrinks each
    /// person to a small part of the detector's 224-pixel input, and BlazePose's detector
    /// then reports only the most salient one (measured: two dev clips side by side gave
    /// one detection on the whole frame, two on the tiles).
    fn detect_tiles(
        &mut self,
        image: &RgbImage,
        timings: &mut StageTimings,
    ) -> Result<Vec<Detection>, EngineError> {
        let (w, h) = (image.width() as f32, image.height() as f32);
        if w <= CENSUS_TILE_ASPECT * h {
            return Ok(Vec::new());
        }
        let tiles = (w / h).ceil().max(2.0) as usize;
        let mut found = Vec::new();
        for k in 0..tiles {
            let left = (w - h) * k as f32 / (tiles - 1) as f32;
            let letterbox = Letterbox {
                roi: Roi {
                    center_x_px: left + h / 2.0,
                    center_y_px: h / 2.0,
                    width_px: h,
                    height_px: h,
                    rotation_rad: 0.0,
                },
            };
            found.extend(self.detect_in(image, &letterbox, timings)?);
        }
        Ok(found)
    }

    /// Runs the landmark model on one region.
    pub fn landmarks(
        &mut self,
        image: &RgbImage,
        roi: &Roi,
        timings: &mut StageTimings,
    ) -> Result<Option<LandmarkOutput>, EngineError> {
        let t0 = Instant::now();
        crop_to_tensor(
            image,
            roi,
            LANDMARK_INPUT_SIZE,
            1.0,
            0.0,
            Border::Replicate,
            &mut self.landmark_input,
        );
        timings.preprocess_ms += ms_since(t0);
        self.landmarks_from_input(roi, timings)
    }

    /// Runs the landmark model on the current 256×256 input buffer (already filled).
    fn landmarks_from_input(
        &mut self,
        roi: &Roi,
        timings: &mut StageTimings,
    ) -> Result<Option<LandmarkOutput>, EngineError> {
        let t1 = Instant::now();
        let model = "landmarks";
        timings.landmark_runs += 1;
        let outputs = run_image_model(
            &mut self.landmarker,
            &self.landmark_input,
            LANDMARK_INPUT_SIZE,
            model,
        )?;
        let raw = output(&outputs, "Identity", model)?;
        let flag = output(&outputs, "Identity_1", model)?;
        let world = output(&outputs, "Identity_4", model)?;
        timings.inference_ms += ms_since(t1);
        let t2 = Instant::now();
        let out = decode_landmarks(raw, world, flag.first().copied().unwrap_or(0.0), roi);
        timings.postprocess_ms += ms_since(t2);
        Ok(out)
    }

    /// Runs the landmark model on a ready-made 256×256×3 crop (values 0..1) whose region
    /// is `roi`; for tests and benchmarks of the model alone.
    pub fn landmarks_for_crop(
        &mut self,
        crop: &[f32],
        roi: &Roi,
    ) -> Result<Option<LandmarkOutput>, EngineError> {
        let n = self.landmark_input.len();
        self.landmark_input.copy_from_slice(&crop[..n]);
        self.landmarks_from_input(roi, &mut StageTimings::default())
    }

    /// Runs the landmark model on `roi`, then again on the region its output implies, up
    /// to [`MAX_SETTLE_STEPS`] more times, until two successive regions agree. Returns the
    /// last output, the region it implies, and whether it settled; `None` when the model
    /// finds no person.
    fn settle(
        &mut self,
        image: &RgbImage,
        mut roi: Roi,
        timings: &mut StageTimings,
    ) -> Result<Option<(LandmarkOutput, Roi, bool)>, EngineError> {
        let mut steps = 0;
        loop {
            let Some(out) = self
                .landmarks(image, &roi, timings)?
                .filter(|o| o.pose.score >= MIN_POSE_FLAG)
            else {
                return Ok(None);
            };
            let next = Roi::from_alignment(out.aux_px[0], out.aux_px[1]);
            if rois_agree(&roi, &next) || !self.settling {
                return Ok(Some((out, next, true)));
            }
            if steps >= MAX_SETTLE_STEPS {
                return Ok(Some((out, next, false)));
            }
            steps += 1;
            roi = next;
        }
    }

    /// Adds to `seen` (hip point, region side) each detection that is not someone already
    /// seen and that the landmark model confirms as a person. A detection alone is not
    /// enough to count a second person: on dim, noisy frames the detector finds "people"
    /// in the noise (measured on the dim dev deadlift: a second person for 4 of its 25
    /// seconds, none after confirmation). At most [`MAX_CENSUS_CONFIRMS`] landmark runs per
    /// call, most confident detection first.
    fn confirm_people(
        &mut self,
        image: &RgbImage,
        detections: &[Detection],
        seen: &mut Vec<([f32; 2], f32)>,
        timings: &mut StageTimings,
    ) -> Result<(), EngineError> {
        let mut order: Vec<&Detection> = detections.iter().collect();
        order.sort_by(|a, b| b.score.total_cmp(&a.score));
        let mut runs = 0;
        for det in order {
            if seen
                .iter()
                .any(|&k| same_person(k, (det.keypoints_px[0], det.roi().width_px)))
            {
                continue;
            }
            if runs >= MAX_CENSUS_CONFIRMS {
                break;
            }
            runs += 1;
            if let Some(out) = self
                .landmarks(image, &det.roi(), timings)?
                .filter(|o| o.pose.score >= MIN_POSE_FLAG)
            {
                let roi = Roi::from_alignment(out.aux_px[0], out.aux_px[1]);
                seen.push((out.aux_px[0], roi.width_px));
            }
        }
        Ok(())
    }

    /// Compares the tracked pose's region with the detector's region for the same body
    /// (the detection nearest to it). When their sizes differ by more than
    /// [`RECHECK_SIZE_FRACTION`], the landmark model settles afresh from the detector's
    /// region; if that settles on a region closer to the detector's, the fresh pose
    /// replaces the tracked one. Measured on the dev deadlift at 12 frames/s: after the
    /// fast first lift, tracking held a collapsed skeleton (hips at the bar, trunk 15°
    /// instead of 70°) whose region was 28-36 % smaller than the detector's for three
    /// reps; on the same clip at 30 frames/s, tracked and detected sizes differ by at most
    /// 20 %.
    fn recheck_subject(
        &mut self,
        image: &RgbImage,
        tracked: &LandmarkOutput,
        detections: &[Detection],
        timings: &mut StageTimings,
    ) -> Result<Option<(LandmarkOutput, Roi)>, EngineError> {
        let roi = Roi::from_alignment(tracked.aux_px[0], tracked.aux_px[1]);
        let centre = |r: &Roi| [r.center_x_px, r.center_y_px];
        let Some(det) = detections
            .iter()
            .map(Detection::roi)
            .min_by(|a, b| dist(centre(a), centre(&roi)).total_cmp(&dist(centre(b), centre(&roi))))
        else {
            return Ok(None);
        };
        let size_gap = |r: &Roi| (r.width_px - det.width_px).abs() / r.width_px.max(det.width_px);
        if size_gap(&roi) <= RECHECK_SIZE_FRACTION
            || dist(centre(&det), centre(&roi)) > MAX_TRACK_JUMP * roi.width_px.max(det.width_px)
        {
            return Ok(None);
        }
        let Some((fresh, fresh_roi, true)) = self.settle(image, det, timings)? else {
            return Ok(None);
        };
        Ok((size_gap(&fresh_roi) < size_gap(&roi)).then_some((fresh, fresh_roi)))
    }

    fn choose_subject(
        &self,
        detections: &[Detection],
        image: &RgbImage,
        t_secs: f64,
    ) -> Option<Detection> {
        if let Some((where_px, when, size_px)) = self.last_seen
            && t_secs - when <= SUBJECT_MEMORY_SECS
        {
            // Only someone near where the subject was counts as them; anyone else is not
            // picked up until the memory expires (the coach waits for its user rather
            // than jumping to another person mid-set).
            return detections
                .iter()
                .filter(|d| {
                    dist(d.keypoints_px[0], where_px)
                        <= NEAR_LAST_SEEN * continuity_factor(t_secs - when) * size_px
                })
                .min_by(|a, b| {
                    let da = dist(a.keypoints_px[0], where_px);
                    let db = dist(b.keypoints_px[0], where_px);
                    da.total_cmp(&db)
                })
                .cloned();
        }
        let centre = [image.width() as f32 / 2.0, image.height() as f32 / 2.0];
        let diag = (centre[0] * centre[0] + centre[1] * centre[1])
            .sqrt()
            .max(1.0);
        detections
            .iter()
            .max_by(|a, b| {
                // Confident, large and central; the score counts most (MediaPipe simply
                // takes the best-scoring detection).
                let rank = |d: &Detection| {
                    d.score.powi(4)
                        * d.roi().width_px.sqrt()
                        * (1.0 - 0.5 * dist(d.keypoints_px[0], centre) / diag)
                };
                rank(a).total_cmp(&rank(b))
            })
            .cloned()
    }

    /// Processes one frame: returns the tracked pose (or nobody) and stage timings.
    pub fn process(
        &mut self,
        image: &RgbImage,
        t_secs: f64,
    ) -> Result<(PoseFrame, StageTimings), EngineError> {
        let mut timings = StageTimings::default();
        let image_size = [image.width(), image.height()];
        let brightness = Some(mean_brightness(image));
        // The people census (see `count_people`) is due every `people_recheck_secs`.
        let census_due = self.people_recheck_secs.is_some_and(|every| {
            self.last_people_check_secs
                .is_none_or(|t| t_secs - t >= every)
        });
        let mut whole_frame: Option<Vec<Detection>> = None;
        if census_due && self.subject.is_some() {
            whole_frame = Some(self.detect(image, &mut timings)?);
        }

        // Tracking first; on a loss, detect on the same frame.
        let mut output = None;
        // Whether this frame's pose has settled (see the module docs).
        let mut settled = false;
        if let Some(subject) = &self.subject {
            let roi = subject.roi;
            let was_settled = subject.settled;
            output = if was_settled {
                self.landmarks(image, &roi, &mut timings)?
                    .filter(|o| o.pose.score >= MIN_POSE_FLAG)
                    .map(|o| (o, true))
            } else {
                self.settle(image, roi, &mut timings)?
                    .map(|(o, _, agreed)| (o, agreed))
            }
            .map(|(o, ok)| {
                settled = ok;
                o
            });
            // Continuity: a tracked body cannot leap half a region in one frame; if it
            // seems to, the crop has slid onto someone (or something) else.
            if let (Some(o), Some((where_px, when, size_px))) = (&output, self.last_seen)
                && dist(o.aux_px[0], where_px)
                    > MAX_TRACK_JUMP * continuity_factor(t_secs - when) * size_px
            {
                output = None;
            }
            if output.is_none() {
                self.subject = None;
            }
            // The census's detections double as a check of the tracked region: a tracked
            // pose can lock onto a wrong, self-consistent answer after fast movement
            // between sparse frames (see `recheck_subject`).
            if let (Some(o), Some(dets)) = (&output, &whole_frame)
                && let Some((better, roi)) = self.recheck_subject(image, o, dets, &mut timings)?
            {
                output = Some(better);
                if let Some(subject) = &mut self.subject {
                    subject.roi = roi;
                    subject.aux_filters = Default::default();
                }
            }
        }
        if output.is_none() {
            let people = match &whole_frame {
                Some(people) => people.clone(),
                None => {
                    let people = self.detect(image, &mut timings)?;
                    whole_frame = Some(people.clone());
                    people
                }
            };
            // Try the best candidate, then the next ones, until the landmark model
            // confirms a person (a detection can be a false alarm).
            let mut candidates = people;
            for _ in 0..MAX_CANDIDATES_PER_FRAME {
                let Some(det) = self.choose_subject(&candidates, image, t_secs) else {
                    break;
                };
                candidates.retain(|c| c != &det);
                if let Some((out, roi, agreed)) = self.settle(image, det.roi(), &mut timings)? {
                    output = Some(out);
                    settled = agreed;
                    self.subject = Some(Subject {
                        roi,
                        aux_filters: Default::default(),
                        settled: false,
                    });
                    if let Some(s) = &mut self.smoother {
                        s.reset();
                    }
                    break;
                }
            }
        }

        // The people count: the tracked person and every detection, told apart by where
        // their hips are. A full census (with the tiles) runs when due; a detection run
        // for a lost person in between can only raise the count. Between censuses the
        // last count stands (it is at most `people_recheck_secs` old), so consumers see a
        // steady "two people" state.
        if census_due || whole_frame.is_some() {
            let mut seen: Vec<([f32; 2], f32)> = output
                .iter()
                .map(|o| {
                    let roi = Roi::from_alignment(o.aux_px[0], o.aux_px[1]);
                    (o.aux_px[0], roi.width_px)
                })
                .collect();
            let mut found: Vec<Detection> = whole_frame.clone().unwrap_or_default();
            if census_due {
                found.extend(self.detect_tiles(image, &mut timings)?);
            }
            self.confirm_people(image, &found, &mut seen, &mut timings)?;
            let count = count_people(&seen);
            self.last_people_count = Some(if census_due {
                count
            } else {
                count.max(self.last_people_count.unwrap_or(0))
            });
            if census_due {
                self.last_people_check_secs = Some(t_secs);
            }
        }
        let nobody = PoseFrame {
            t_secs,
            image_size,
            pose: None,
            people_detected: self.last_people_count,
            brightness,
        };
        let t_post = Instant::now();
        let Some(out) = output else {
            self.subject = None;
            timings.postprocess_ms += ms_since(t_post);
            return Ok((nobody, timings));
        };
        // Next region from the (heavily) smoothed auxiliary points, once settled; while
        // settling, from the raw points (the smoothing would only slow convergence).
        if let Some(subject) = &mut self.subject
            && !settled
        {
            subject.roi = Roi::from_alignment(out.aux_px[0], out.aux_px[1]);
            self.last_seen = Some((out.aux_px[0], t_secs, subject.roi.width_px));
            timings.postprocess_ms += ms_since(t_post);
            return Ok((nobody, timings));
        }
        if let Some(subject) = &mut self.subject {
            if !subject.settled {
                // Just settled: the smoothing starts from here.
                subject.settled = true;
                subject.aux_filters = Default::default();
                if let Some(s) = &mut self.smoother {
                    s.reset();
                }
            }
            let scale = dist(out.aux_px[0], out.aux_px[1]).max(1.0);
            let mut aux = out.aux_px;
            for (k, p) in aux.iter_mut().enumerate() {
                p[0] = subject.aux_filters[2 * k].filter(&AUX_FILTER, t_secs, p[0], scale);
                p[1] = subject.aux_filters[2 * k + 1].filter(&AUX_FILTER, t_secs, p[1], scale);
            }
            subject.roi = Roi::from_alignment(aux[0], aux[1]);
            self.last_seen = Some((aux[0], t_secs, subject.roi.width_px));
        }
        let pose: Pose = match &mut self.smoother {
            Some(s) => s.apply(t_secs, &out.pose),
            None => out.pose,
        };
        timings.postprocess_ms += ms_since(t_post);
        Ok((
            PoseFrame {
                pose: Some(pose),
                ..nobody
            },
            timings,
        ))
    }
}

/// Distinct people among hip points with their region sizes (`(hip_px, side_px)`, most
/// trusted first): a point within [`SAME_PERSON_FRACTION`] of a kept point's (larger)
/// region side is the same person. Two detections of one body (the detector's boxes at
/// two scales, the whole frame and a tile) have nearby hips; two people standing side
/// by side, hips most of a body height apart.
pub fn count_people(points: &[([f32; 2], f32)]) -> u32 {
    let mut kept: Vec<([f32; 2], f32)> = Vec::new();
    for &point in points {
        if !kept.iter().any(|&k| same_person(k, point)) {
            kept.push(point);
        }
    }
    kept.len() as u32
}

/// Whether two `(hip_px, side_px)` points are one person (see [`count_people`]).
fn same_person(a: ([f32; 2], f32), b: ([f32; 2], f32)) -> bool {
    dist(a.0, b.0) < SAME_PERSON_FRACTION * a.1.max(b.1)
}

/// Samples per side of the grid [`mean_brightness`] reads (64 × 64 pixels at most).
const BRIGHTNESS_GRID: u32 = 64;

/// The frame's mean brightness, 0 (black) .. 1 (white): Rec. 601 luma averaged over a
/// grid of at most `BRIGHTNESS_GRID`² (64²) pixels (a few microseconds per frame).
pub fn mean_brightness(image: &RgbImage) -> f32 {
    let (w, h) = (image.width(), image.height());
    if w == 0 || h == 0 {
        return 0.0;
    }
    let (nx, ny) = (w.min(BRIGHTNESS_GRID), h.min(BRIGHTNESS_GRID));
    let mut sum = 0.0f64;
    for j in 0..ny {
        let y = (u64::from(j) * u64::from(h) / u64::from(ny)) as u32 + h / ny / 2;
        for i in 0..nx {
            let x = (u64::from(i) * u64::from(w) / u64::from(nx)) as u32 + w / nx / 2;
            let [r, g, b] = image.get_pixel(x.min(w - 1), y.min(h - 1)).0;
            sum += 0.299 * f64::from(r) + 0.587 * f64::from(g) + 0.114 * f64::from(b);
        }
    }
    (sum / (f64::from(nx) * f64::from(ny) * 255.0)) as f32
}

/// How much the continuity limits grow for frames `dt_secs` apart (1 at video rates).
fn continuity_factor(dt_secs: f64) -> f32 {
    (dt_secs / CONTINUITY_FRAME_SECS).max(1.0) as f32
}

fn dist(a: [f32; 2], b: [f32; 2]) -> f32 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt()
}

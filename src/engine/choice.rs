//! Which landmark model this machine should run: the full model when it keeps up with the
//! camera, the lite one otherwise.
//!
//! Contract:
//! - [`time_models`] measures both landmark models (and the detector) on this machine for
//!   a short while: median milliseconds per run on a fixed input. The app does it once, at
//!   the first start with a camera, and keeps the figures in the settings; `doctor` does it
//!   each time it runs.
//! - [`choose_model`] is pure: the user's [`ModelPreference`], the stored figures and the
//!   camera's frame rate give a [`ModelChoice`] with its reason. With `Auto`, the full
//!   model is chosen when its time per frame (landmarks, plus the detector's people census
//!   spread over a second of frames) fits in [`FRAME_SHARE`] of the camera's frame
//!   interval; the rest of the interval is left for decoding, drawing and the rest of the
//!   machine. Without figures, `Auto` runs the full model (the accurate default) and says
//!   it was not timed.

use std::time::Instant;

use image::RgbImage;
use serde::{Deserialize, Serialize};

use super::{
    EngineError, EngineOptions, LANDMARK_INPUT_SIZE, ModelKind, PEOPLE_RECHECK_SECS, PoseEngine,
    Roi, StageTimings,
};

/// Share of the camera's frame interval the models may use with `Auto` (the rest is left
/// to decoding, drawing the window and other programs).
pub const FRAME_SHARE: f64 = 0.5;

/// The frame rate assumed when the camera's is not known (most webcams' rate).
pub const DEFAULT_CAMERA_FPS: f64 = 30.0;

/// Runs per model never fewer than this, however slow the machine (the median needs a few).
pub const MIN_TIMED_RUNS: usize = 5;

/// What the user asked for in the settings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ModelPreference {
    /// Chosen from this machine's timings ([`choose_model`]).
    #[default]
    Auto,
    /// Always the full model.
    Full,
    /// Always the lite model.
    Lite,
}

impl ModelPreference {
    /// `auto`, `full` or `lite` (as stored and on the command line).
    pub fn name(self) -> &'static str {
        match self {
            ModelPreference::Auto => "auto",
            ModelPreference::Full => "full",
            ModelPreference::Lite => "lite",
        }
    }

    /// Parses [`ModelPreference::name`].
    pub fn parse(text: &str) -> Option<ModelPreference> {
        match text.trim() {
            "auto" => Some(ModelPreference::Auto),
            "full" => Some(ModelPreference::Full),
            "lite" => Some(ModelPreference::Lite),
            _ => None,
        }
    }
}

/// Both landmark models and the detector timed on this machine: median ms per run.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelTimings {
    /// The full landmark model.
    pub full_ms: f64,
    /// The lite landmark model.
    pub lite_ms: f64,
    /// The person detector (the same for both).
    pub detector_ms: f64,
}

impl ModelTimings {
    /// The stored form: `full_ms=12.3;lite_ms=6.1;detector_ms=8.0`.
    pub fn to_text(&self) -> String {
        format!(
            "full_ms={:.2};lite_ms={:.2};detector_ms={:.2}",
            self.full_ms, self.lite_ms, self.detector_ms
        )
    }

    /// Parses [`ModelTimings::to_text`]; `None` for anything else (a damaged row is timed
    /// again rather than trusted).
    pub fn parse(text: &str) -> Option<ModelTimings> {
        let mut t = ModelTimings {
            full_ms: f64::NAN,
            lite_ms: f64::NAN,
            detector_ms: f64::NAN,
        };
        for part in text.split(';') {
            let (key, value) = part.split_once('=')?;
            let value: f64 = value.trim().parse().ok()?;
            match key.trim() {
                "full_ms" => t.full_ms = value,
                "lite_ms" => t.lite_ms = value,
                "detector_ms" => t.detector_ms = value,
                _ => return None,
            }
        }
        let valid = |v: f64| v.is_finite() && v > 0.0;
        (valid(t.full_ms) && valid(t.lite_ms) && valid(t.detector_ms)).then_some(t)
    }

    /// One model's time per camera frame: its landmark run, plus the detector's census
    /// (once every [`PEOPLE_RECHECK_SECS`]) spread over the frames of that second.
    pub fn per_frame_ms(&self, model: ModelKind, camera_fps: f64) -> f64 {
        let landmarks = match model {
            ModelKind::Full => self.full_ms,
            ModelKind::Lite => self.lite_ms,
        };
        let frames_per_census = (camera_fps * PEOPLE_RECHECK_SECS).max(1.0);
        landmarks + self.detector_ms / frames_per_census
    }
}

/// Why a model was chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChoiceReason {
    /// The user chose it in the settings (or `--model`).
    Chosen,
    /// `Auto`: the full model fits the frame budget.
    FullKeepsUp,
    /// `Auto`: the full model does not fit the frame budget; the lite one runs.
    FullTooSlow,
    /// `Auto` without timings on this machine yet: the full model, the accurate default.
    NotTimed,
}

impl ChoiceReason {
    /// A stable code (`chosen`, `full_keeps_up`, ...).
    pub fn code(self) -> &'static str {
        match self {
            ChoiceReason::Chosen => "chosen",
            ChoiceReason::FullKeepsUp => "full_keeps_up",
            ChoiceReason::FullTooSlow => "full_too_slow",
            ChoiceReason::NotTimed => "not_timed",
        }
    }
}

/// The model to run, and why (the stats file's `model_choice`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelChoice {
    /// The model that runs.
    pub model: ModelKind,
    /// What the settings asked for.
    pub preference: ModelPreference,
    /// Why this model.
    pub reason: ChoiceReason,
    /// The camera's frames per second the choice was made for.
    pub camera_fps: f64,
    /// The models' share of the frame interval, ms ([`FRAME_SHARE`] of it).
    pub budget_ms: f64,
    /// This machine's figures, when timed.
    pub timings: Option<ModelTimings>,
}

/// Chooses the landmark model (see the module documentation).
pub fn choose_model(
    preference: ModelPreference,
    timings: Option<&ModelTimings>,
    camera_fps: f64,
) -> ModelChoice {
    let camera_fps = if camera_fps.is_finite() && camera_fps > 0.0 {
        camera_fps
    } else {
        DEFAULT_CAMERA_FPS
    };
    let budget_ms = FRAME_SHARE * 1000.0 / camera_fps;
    let (model, reason) = match (preference, timings) {
        (ModelPreference::Full, _) => (ModelKind::Full, ChoiceReason::Chosen),
        (ModelPreference::Lite, _) => (ModelKind::Lite, ChoiceReason::Chosen),
        (ModelPreference::Auto, None) => (ModelKind::Full, ChoiceReason::NotTimed),
        (ModelPreference::Auto, Some(t)) => {
            if t.per_frame_ms(ModelKind::Full, camera_fps) <= budget_ms {
                (ModelKind::Full, ChoiceReason::FullKeepsUp)
            } else {
                (ModelKind::Lite, ChoiceReason::FullTooSlow)
            }
        }
    };
    ModelChoice {
        model,
        preference,
        reason,
        camera_fps,
        budget_ms,
        timings: timings.copied(),
    }
}

/// Times both landmark models and the detector on this machine, each for about
/// `secs_per_model` seconds (at least [`MIN_TIMED_RUNS`] runs) after one warm-up run, on a
/// mid-grey input: the models' time does not depend on what the picture shows. Loading
/// the models is not timed. Takes about `3 × secs_per_model` plus loading (~0.5 s).
pub fn time_models(
    options: &EngineOptions,
    secs_per_model: f64,
) -> Result<ModelTimings, EngineError> {
    let mut full_engine = PoseEngine::new(&EngineOptions {
        model: ModelKind::Full,
        ..options.clone()
    })?;
    let roi = Roi {
        center_x_px: 128.0,
        center_y_px: 128.0,
        width_px: 256.0,
        height_px: 256.0,
        rotation_rad: 0.0,
    };
    let crop = vec![0.5_f32; LANDMARK_INPUT_SIZE * LANDMARK_INPUT_SIZE * 3];
    let full_ms = median_ms(secs_per_model, || {
        full_engine.landmarks_for_crop(&crop, &roi).map(drop)
    })?;
    let frame = RgbImage::from_pixel(640, 480, image::Rgb([128, 128, 128]));
    let detector_ms = median_ms(secs_per_model, || {
        full_engine
            .detect(&frame, &mut StageTimings::default())
            .map(drop)
    })?;
    drop(full_engine);
    let mut lite_engine = PoseEngine::new(&EngineOptions {
        model: ModelKind::Lite,
        ..options.clone()
    })?;
    let lite_ms = median_ms(secs_per_model, || {
        lite_engine.landmarks_for_crop(&crop, &roi).map(drop)
    })?;
    Ok(ModelTimings {
        full_ms,
        lite_ms,
        detector_ms,
    })
}

/// The median wall time of `run`, ms, over about `secs` (one warm-up run first).
fn median_ms(
    secs: f64,
    mut run: impl FnMut() -> Result<(), EngineError>,
) -> Result<f64, EngineError> {
    run()?;
    let started = Instant::now();
    let mut samples = Vec::new();
    while samples.len() < MIN_TIMED_RUNS || started.elapsed().as_secs_f64() < secs {
        let t = Instant::now();
        run()?;
        samples.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    samples.sort_by(f64::total_cmp);
    Ok(samples[samples.len() / 2])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timings(full_ms: f64, lite_ms: f64) -> ModelTimings {
        ModelTimings {
            full_ms,
            lite_ms,
            detector_ms: 9.0,
        }
    }

    #[test]
    fn auto_runs_full_while_it_fits_half_the_frame_interval() {
        // 30 frames/s: 33.3 ms a frame, 16.7 ms for the models; the census adds 9/30 ms.
        let fast = choose_model(ModelPreference::Auto, Some(&timings(16.0, 7.0)), 30.0);
        assert_eq!(
            (fast.model, fast.reason),
            (ModelKind::Full, ChoiceReason::FullKeepsUp)
        );
        assert!((fast.budget_ms - 16.667).abs() < 0.01);
        let slow = choose_model(ModelPreference::Auto, Some(&timings(16.5, 7.0)), 30.0);
        assert_eq!(
            (slow.model, slow.reason),
            (ModelKind::Lite, ChoiceReason::FullTooSlow)
        );
        // The same machine keeps up with a 15 frames/s camera.
        let low_rate = choose_model(ModelPreference::Auto, Some(&timings(30.0, 7.0)), 15.0);
        assert_eq!(low_rate.model, ModelKind::Full);
    }

    #[test]
    fn the_settings_win_and_no_timings_means_full() {
        let t = timings(50.0, 20.0);
        let full = choose_model(ModelPreference::Full, Some(&t), 30.0);
        assert_eq!(
            (full.model, full.reason),
            (ModelKind::Full, ChoiceReason::Chosen)
        );
        let lite = choose_model(ModelPreference::Lite, None, 30.0);
        assert_eq!(
            (lite.model, lite.reason),
            (ModelKind::Lite, ChoiceReason::Chosen)
        );
        let untimed = choose_model(ModelPreference::Auto, None, f64::NAN);
        assert_eq!(
            (untimed.model, untimed.reason, untimed.camera_fps),
            (ModelKind::Full, ChoiceReason::NotTimed, DEFAULT_CAMERA_FPS)
        );
    }

    #[test]
    fn timings_round_trip_and_damaged_text_is_refused() {
        let t = timings(12.25, 6.5);
        assert_eq!(ModelTimings::parse(&t.to_text()), Some(t));
        for bad in [
            "",
            "full_ms=1",
            "full_ms=x;lite_ms=1;detector_ms=1",
            "full_ms=-1;lite_ms=1;detector_ms=1",
            "a=1;b=2;c=3",
        ] {
            assert_eq!(ModelTimings::parse(bad), None, "{bad}");
        }
        for p in [
            ModelPreference::Auto,
            ModelPreference::Full,
            ModelPreference::Lite,
        ] {
            assert_eq!(ModelPreference::parse(p.name()), Some(p));
        }
    }
}

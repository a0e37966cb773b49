//! The app's settings in a small key/value table.

use rusqlite::params;

use super::{History, HistoryError};
use crate::engine::choice::{ModelPreference, ModelTimings};
use crate::i18n::Lang;

/// Camera resolutions offered in the settings, `[width, height]` in pixels.
pub const RESOLUTIONS: [[u32; 2]; 3] = [[640, 480], [1280, 720], [1920, 1080]];

/// The app's settings, stored in the `settings` table (one row per field).
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// Camera index or name as listed by the system. Default `"0"` (the first camera).
    pub camera: String,
    /// Requested camera frame width in pixels. Default 1280.
    pub width: u32,
    /// Requested camera frame height in pixels. Default 720.
    pub height: u32,
    /// Show the camera image and skeleton mirrored left-right, like a mirror. Default off.
    /// Only the display changes; the pose maths sees the camera's own image.
    pub mirror: bool,
    /// The language of the screen and the voice; `None` follows the system locale.
    pub language: Option<Lang>,
    /// The coach speaks (counts, tempo, cues, advice). Default on.
    pub voice: bool,
    /// Speech rate, percent of the engine's normal (50-200). Default 100.
    pub voice_rate_percent: u32,
    /// Speech volume, percent (0-100). Default 100.
    pub voice_volume_percent: u32,
    /// The voice calls the tempo ("bend ... two ... rise ... two") where the exercise
    /// allows it. Default on.
    pub tempo_calls: bool,
    /// Which landmark model runs: chosen per machine (`Auto`, the default), or always the
    /// full or the lite one.
    pub model: ModelPreference,
    /// This machine's model timings, measured at the first start with a camera (`None`
    /// until then); `Auto` chooses from them.
    pub model_timings: Option<ModelTimings>,
}

/// Speech rates the settings offer, percent.
pub const VOICE_RATES_PERCENT: std::ops::RangeInclusive<u32> = 50..=200;

impl Default for Settings {
    fn default() -> Self {
        Settings {
            camera: "0".to_owned(),
            width: 1280,
            height: 720,
            mirror: false,
            language: None,
            voice: true,
            voice_rate_percent: 100,
            voice_volume_percent: 100,
            tempo_calls: true,
            model: ModelPreference::Auto,
            model_timings: None,
        }
    }
}

/// The largest camera frame side a settings row may ask for, pixels (8K).
const MAX_CAMERA_SIDE_PX: u32 = 7680;

/// A stored camera width or height: a whole number of pixels, 1 to
/// [`MAX_CAMERA_SIDE_PX`]; anything else (a `0` found by fuzzing) keeps the default.
fn camera_side_px(value: &str) -> Option<u32> {
    value
        .parse()
        .ok()
        .filter(|v| (1..=MAX_CAMERA_SIDE_PX).contains(v))
}

/// Keys of the `settings` table.
const KEY_CAMERA: &str = "camera";
const KEY_WIDTH: &str = "camera_width_px";
const KEY_HEIGHT: &str = "camera_height_px";
const KEY_MIRROR: &str = "mirror_view";
const KEY_LANGUAGE: &str = "language";
const KEY_VOICE: &str = "voice";
const KEY_VOICE_RATE: &str = "voice_rate_percent";
const KEY_VOICE_VOLUME: &str = "voice_volume_percent";
const KEY_TEMPO_CALLS: &str = "tempo_calls";
const KEY_MODEL: &str = "pose_model";
const KEY_MODEL_TIMINGS: &str = "pose_model_timings";

impl Settings {
    fn to_rows(&self) -> [(&'static str, String); 11] {
        [
            (KEY_CAMERA, self.camera.clone()),
            (KEY_WIDTH, self.width.to_string()),
            (KEY_HEIGHT, self.height.to_string()),
            (KEY_MIRROR, self.mirror.to_string()),
            (
                KEY_LANGUAGE,
                self.language.map(Lang::code).unwrap_or("system").to_owned(),
            ),
            (KEY_VOICE, self.voice.to_string()),
            (KEY_VOICE_RATE, self.voice_rate_percent.to_string()),
            (KEY_VOICE_VOLUME, self.voice_volume_percent.to_string()),
            (KEY_TEMPO_CALLS, self.tempo_calls.to_string()),
            (KEY_MODEL, self.model.name().to_owned()),
            (
                KEY_MODEL_TIMINGS,
                self.model_timings
                    .map(|t| t.to_text())
                    .unwrap_or_else(|| "none".to_owned()),
            ),
        ]
    }

    /// Builds settings from stored rows; a missing or unreadable value keeps its default.
    fn from_rows<'a>(rows: impl IntoIterator<Item = (&'a str, &'a str)>) -> Settings {
        let mut settings = Settings::default();
        for (key, value) in rows {
            match key {
                KEY_CAMERA if !value.is_empty() => settings.camera = value.to_owned(),
                KEY_WIDTH => {
                    if let Some(v) = camera_side_px(value) {
                        settings.width = v;
                    }
                }
                KEY_HEIGHT => {
                    if let Some(v) = camera_side_px(value) {
                        settings.height = v;
                    }
                }
                KEY_MIRROR => {
                    if let Ok(v) = value.parse() {
                        settings.mirror = v;
                    }
                }
                KEY_LANGUAGE => settings.language = Lang::parse(value),
                KEY_VOICE => {
                    if let Ok(v) = value.parse() {
                        settings.voice = v;
                    }
                }
                KEY_VOICE_RATE => {
                    if let Ok(v) = value.parse::<u32>() {
                        settings.voice_rate_percent =
                            v.clamp(*VOICE_RATES_PERCENT.start(), *VOICE_RATES_PERCENT.end());
                    }
                }
                KEY_VOICE_VOLUME => {
                    if let Ok(v) = value.parse::<u32>() {
                        settings.voice_volume_percent = v.min(100);
                    }
                }
                KEY_TEMPO_CALLS => {
                    if let Ok(v) = value.parse() {
                        settings.tempo_calls = v;
                    }
                }
                KEY_MODEL => {
                    if let Some(v) = ModelPreference::parse(value) {
                        settings.model = v;
                    }
                }
                KEY_MODEL_TIMINGS => settings.model_timings = ModelTimings::parse(value),
                _ => {}
            }
        }
        settings
    }
}

impl History {
    /// The stored settings (defaults for anything never saved).
    pub fn settings(&self) -> Result<Settings, HistoryError> {
        let mut stmt = self
            .conn
            .prepare("SELECT key, value FROM settings")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.err(e))?;
        Ok(Settings::from_rows(
            rows.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        ))
    }

    /// Stores the settings, all fields in one transaction.
    pub fn save_settings(&mut self, settings: &Settings) -> Result<(), HistoryError> {
        let rows = settings.to_rows();
        self.write(|tx| {
            for (key, value) in &rows {
                tx.execute(
                    "INSERT INTO settings (key, value) VALUES (?1, ?2)
                     ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    params![key, value],
                )?;
            }
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_rows_round_trip_and_bad_values_keep_defaults() {
        let settings = Settings {
            camera: "2".into(),
            width: 640,
            height: 480,
            mirror: true,
            language: Some(Lang::Da),
            voice: false,
            voice_rate_percent: 80,
            voice_volume_percent: 60,
            tempo_calls: false,
            model: ModelPreference::Lite,
            model_timings: Some(ModelTimings {
                full_ms: 12.5,
                lite_ms: 6.25,
                detector_ms: 8.0,
            }),
        };
        let rows = settings.to_rows();
        let back = Settings::from_rows(rows.iter().map(|(k, v)| (*k, v.as_str())));
        assert_eq!(back, settings);
        let bad =
            Settings::from_rows([(KEY_WIDTH, "wide"), (KEY_MIRROR, "maybe"), ("unknown", "x")]);
        assert_eq!(bad, Settings::default());
    }
}

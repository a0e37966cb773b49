//! The [`SpeechBackend`] trait, its error, the pure parts every backend shares (voice
//! choice, rate and volume mapping), the test backends and [`open_default`].
//!
//! Contract:
//! - `speak`, `stop` and `set_rate_volume` return quickly; an engine that needs time does
//!   the work elsewhere (see [`crate::voice::TtsBackend`]).
//! - Rates are factors of the engine's normal speed, [`RATE_MIN`]`..=`[`RATE_MAX`];
//!   volumes are `0..=1`. Values outside are refused with [`VoiceError::OutOfRange`].
//! - Languages are BCP 47 tags ("en", "da", "en-GB"); [`choose_voice`] picks the voice.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

/// Slowest rate: half the engine's normal speed.
pub const RATE_MIN: f32 = 0.5;
/// Fastest rate: twice the engine's normal speed.
pub const RATE_MAX: f32 = 2.0;

/// The preferred regional voice when a language has no voice of its own (espeak-ng has
/// no plain "en" voice; its `-v en` is British English, so both backends sound alike).
const PREFERRED_REGIONS: &[(&str, &str)] = &[("en", "en-GB")];

/// A speech output: speaks one utterance at a time.
pub trait SpeechBackend: Send {
    /// Starts speaking `text` in language `lang` ("en" or "da"); if `interrupt`, anything
    /// being spoken stops first.
    fn speak(&mut self, text: &str, lang: &str, interrupt: bool) -> Result<(), VoiceError>;
    /// Stops speaking at once (a pain stop).
    fn stop(&mut self) -> Result<(), VoiceError>;
    /// Whether it is speaking now (false when the engine cannot tell).
    fn is_speaking(&self) -> bool;
    /// Rate 0.5..=2.0 (1 = the engine's normal), volume 0..=1.
    fn set_rate_volume(&mut self, rate: f32, volume: f32) -> Result<(), VoiceError>;
    /// A short name for messages ("speech-dispatcher (espeak-ng)").
    fn name(&self) -> String;
}

/// What went wrong with speech. Each message says what to do; none is fatal to the coach.
#[derive(Debug, thiserror::Error)]
pub enum VoiceError {
    /// No speech engine could be opened.
    #[error(
        "No speech engine ({reason}): install speech-dispatcher and espeak-ng (apt install \
         speech-dispatcher espeak-ng); the coach stays silent"
    )]
    NoEngine {
        /// What failed, in a few words.
        reason: String,
    },
    /// The engine did not start in time, or has been busy with one request for too long
    /// (Speech Dispatcher hangs when no sound output works).
    #[error(
        "The speech engine does not answer (busy for {busy_secs:.0} s; Speech Dispatcher \
         hangs when no sound output works): check the sound output, end a hung Speech \
         Dispatcher (killall speech-dispatcher), then restart backcoach; the coach stays \
         silent until then"
    )]
    NotResponding {
        /// How long the engine has been busy, in seconds.
        busy_secs: f64,
    },
    /// The engine's thread ended (it failed inside).
    #[error("The speech engine stopped: restart backcoach to get the voice back")]
    EngineStopped,
    /// Too many requests are waiting; this one was dropped.
    #[error("The speech engine is behind ({waiting} requests waiting): this cue was skipped")]
    Busy {
        /// Requests waiting.
        waiting: usize,
    },
    /// The engine has no voice for the language.
    #[error(
        "No {language:?} voice in {engine}: install espeak-ng, which has English and Danish \
         voices (apt install espeak-ng speech-dispatcher-espeak-ng)"
    )]
    NoVoice {
        /// The language asked for.
        language: String,
        /// The engine's name.
        engine: String,
    },
    /// The language is not a language tag.
    #[error("{0:?} is not a language code: use \"en\" or \"da\"")]
    BadLanguage(String),
    /// A rate or volume outside its range.
    #[error("{what} must be between {min} and {max}, found {value}")]
    OutOfRange {
        /// "rate" or "volume".
        what: &'static str,
        /// The value given.
        value: f32,
        /// Lowest allowed.
        min: f32,
        /// Highest allowed.
        max: f32,
    },
    /// The engine refused a request.
    #[error("The speech engine could not {action}: {reason}")]
    Engine {
        /// What was asked ("speak", "stop", "set the rate").
        action: &'static str,
        /// The engine's error.
        reason: String,
    },
    /// The espeak-ng program is missing.
    #[error("espeak-ng not found ({program}): install it (apt install espeak-ng)")]
    EspeakMissing {
        /// The program that was run.
        program: PathBuf,
    },
    /// espeak-ng ran and failed.
    #[error("espeak-ng could not write {path}: {stderr}")]
    Espeak {
        /// The WAV file it was asked to write.
        path: PathBuf,
        /// Its error output.
        stderr: String,
    },
    /// A file or folder could not be written.
    #[error("cannot write speech to {path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// An engine's scale for rate or volume.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EngineRange {
    /// Lowest engine value.
    pub min: f32,
    /// The engine's normal value.
    pub normal: f32,
    /// Highest engine value.
    pub max: f32,
}

/// Checks that `value` is finite and in `min..=max`.
pub(crate) fn check_range(
    what: &'static str,
    value: f32,
    min: f32,
    max: f32,
) -> Result<f32, VoiceError> {
    if value.is_finite() && (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(VoiceError::OutOfRange {
            what,
            value,
            min,
            max,
        })
    }
}

/// The engine rate for a rate factor ([`RATE_MIN`]`..=`[`RATE_MAX`], 1 = normal), on a
/// log scale: 0.5 is the engine's minimum, 1 its normal, 2 its maximum, and each step in
/// between is the same factor (√2 is halfway between normal and maximum).
pub fn engine_rate(rate: f32, range: EngineRange) -> Result<f32, VoiceError> {
    let rate = check_range("rate", rate, RATE_MIN, RATE_MAX)?;
    // -1 at RATE_MIN, 0 at normal, 1 at RATE_MAX.
    let t = rate.log2();
    Ok(if t < 0.0 {
        range.normal + t * (range.normal - range.min)
    } else {
        range.normal + t * (range.max - range.normal)
    })
}

/// The engine volume for a volume `0..=1`: linear from the engine's minimum to its maximum.
pub fn engine_volume(volume: f32, range: EngineRange) -> Result<f32, VoiceError> {
    let volume = check_range("volume", volume, 0.0, 1.0)?;
    Ok(range.min + volume * (range.max - range.min))
}

/// Whether `lang` looks like a BCP 47 tag: 2-3 ASCII letters, then `-` and 1-8 letters or
/// digits per subtag. Keeps engine and command-line arguments well-formed.
pub(crate) fn is_language_tag(lang: &str) -> bool {
    let mut parts = lang.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Picks the voice for `language` among `voices` (`(name, language tag)` pairs, as the
/// engine lists them); returns its index, or `None` when no voice has that language.
///
/// Order of preference: the exact tag ("da" for "da"), then a regional voice of the
/// language (for "en": British English "en-GB" first, else the shortest tag), then a
/// voice whose tag is a prefix of the request ("da" for "da-DK"). Within each, plain
/// voices come before variants (espeak-ng names variants "Danish+Adam"), then the first
/// listed. Tags compare case-insensitively.
pub fn choose_voice<N: AsRef<str>, L: AsRef<str>>(
    voices: &[(N, L)],
    language: &str,
) -> Option<usize> {
    let wanted = language.to_ascii_lowercase();
    let wanted_dash = format!("{wanted}-");
    let preferred = PREFERRED_REGIONS
        .iter()
        .find(|(lang, _)| *lang == wanted)
        .map(|(_, region)| region.to_ascii_lowercase());
    voices
        .iter()
        .enumerate()
        .filter_map(|(index, (name, tag))| {
            let tag = tag.as_ref().to_ascii_lowercase();
            let class = if tag == wanted {
                0
            } else if tag.starts_with(&wanted_dash) {
                1
            } else if wanted
                .strip_prefix(tag.as_str())
                .is_some_and(|rest| rest.starts_with('-'))
            {
                2
            } else {
                return None;
            };
            let variant = name.as_ref().contains('+');
            let not_preferred = preferred.as_deref() != Some(tag.as_str());
            let subtags = tag.split('-').count();
            Some(((class, variant, not_preferred, subtags, index), index))
        })
        .min_by_key(|(key, _)| *key)
        .map(|(_, index)| index)
}

/// A silent backend: accepts everything, says nothing.
#[derive(Clone, Copy, Debug, Default)]
pub struct NullBackend;

impl SpeechBackend for NullBackend {
    fn speak(&mut self, _text: &str, _lang: &str, _interrupt: bool) -> Result<(), VoiceError> {
        Ok(())
    }

    fn stop(&mut self) -> Result<(), VoiceError> {
        Ok(())
    }

    fn is_speaking(&self) -> bool {
        false
    }

    fn set_rate_volume(&mut self, rate: f32, volume: f32) -> Result<(), VoiceError> {
        check_range("rate", rate, RATE_MIN, RATE_MAX)?;
        check_range("volume", volume, 0.0, 1.0)?;
        Ok(())
    }

    fn name(&self) -> String {
        "silent".to_owned()
    }
}

/// One call a [`RecordingBackend`] received.
#[derive(Clone, Debug, PartialEq)]
pub enum SpeechEvent {
    /// `speak(text, lang, interrupt)`.
    Speak {
        /// The text.
        text: String,
        /// The language.
        lang: String,
        /// Whether it interrupted.
        interrupt: bool,
    },
    /// `stop()`.
    Stop,
    /// `set_rate_volume(rate, volume)` with valid values.
    RateVolume {
        /// Rate factor.
        rate: f32,
        /// Volume `0..=1`.
        volume: f32,
    },
}

/// A backend for tests: remembers every call. Clones share one log, so a test keeps a
/// clone and hands the other to the code under test.
///
/// Like a real engine, it is speaking from `speak` until `stop` or until the test calls
/// [`RecordingBackend::finish`] (the utterance ended).
#[derive(Clone, Debug, Default)]
pub struct RecordingBackend {
    events: Arc<Mutex<Vec<SpeechEvent>>>,
    speaking: Arc<AtomicBool>,
}

impl RecordingBackend {
    /// A backend with an empty log.
    pub fn new() -> Self {
        Self::default()
    }

    fn log(&self) -> MutexGuard<'_, Vec<SpeechEvent>> {
        // A test that panicked while holding the lock left a complete log behind.
        self.events.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Every call so far, in order.
    pub fn events(&self) -> Vec<SpeechEvent> {
        self.log().clone()
    }

    /// The `(text, lang, interrupt)` of every `speak`, in order.
    pub fn spoken(&self) -> Vec<(String, String, bool)> {
        self.log()
            .iter()
            .filter_map(|e| match e {
                SpeechEvent::Speak {
                    text,
                    lang,
                    interrupt,
                } => Some((text.clone(), lang.clone(), *interrupt)),
                _ => None,
            })
            .collect()
    }

    /// How many times `stop` was called.
    pub fn stops(&self) -> usize {
        self.log()
            .iter()
            .filter(|e| **e == SpeechEvent::Stop)
            .count()
    }

    /// Ends the current utterance: `is_speaking` is false until the next `speak`.
    pub fn finish(&self) {
        self.speaking.store(false, Ordering::SeqCst);
    }
}

impl SpeechBackend for RecordingBackend {
    fn speak(&mut self, text: &str, lang: &str, interrupt: bool) -> Result<(), VoiceError> {
        self.log().push(SpeechEvent::Speak {
            text: text.to_owned(),
            lang: lang.to_owned(),
            interrupt,
        });
        self.speaking.store(true, Ordering::SeqCst);
        Ok(())
    }

    fn stop(&mut self) -> Result<(), VoiceError> {
        self.log().push(SpeechEvent::Stop);
        self.speaking.store(false, Ordering::SeqCst);
        Ok(())
    }

    fn is_speaking(&self) -> bool {
        self.speaking.load(Ordering::SeqCst)
    }

    fn set_rate_volume(&mut self, rate: f32, volume: f32) -> Result<(), VoiceError> {
        check_range("rate", rate, RATE_MIN, RATE_MAX)?;
        check_range("volume", volume, 0.0, 1.0)?;
        self.log().push(SpeechEvent::RateVolume { rate, volume });
        Ok(())
    }

    fn name(&self) -> String {
        "recording".to_owned()
    }
}

/// The system speech engine ([`crate::voice::TtsBackend`]), or, when it cannot be
/// opened, a [`NullBackend`] and the one-line notice to show. Never fails.
pub fn open_default() -> (Box<dyn SpeechBackend>, Option<String>) {
    match crate::voice::TtsBackend::new() {
        Ok(backend) => (Box::new(backend), None),
        Err(e) => (Box::new(NullBackend), Some(e.to_string())),
    }
}

/// A speech engine being opened on its own thread: what [`open_default`] returns, once
/// it is ready (opening Speech Dispatcher takes a second or two, which the window
/// should not wait for).
pub type PendingSpeech = std::sync::mpsc::Receiver<(Box<dyn SpeechBackend>, Option<String>)>;

/// [`open_default`] on a thread of its own; poll the receiver with `try_recv`. (Should
/// no thread start, it opens here and now.)
pub fn open_default_in_background() -> PendingSpeech {
    let (tx, rx) = std::sync::mpsc::channel();
    let sender = tx.clone();
    let spawned = std::thread::Builder::new()
        .name("speech-open".into())
        .spawn(move || {
            let _ = sender.send(open_default());
        });
    if spawned.is_err() {
        let _ = tx.send(open_default());
    }
    rx
}

/// What [`probe`] found: the engine and its Danish and English voices.
#[derive(Clone, Debug, PartialEq)]
pub struct SpeechProbe {
    /// The engine's name.
    pub engine: String,
    /// How many voices it lists.
    pub voices: usize,
    /// The voice chosen for "da", if any.
    pub danish: Option<String>,
    /// The voice chosen for "en", if any.
    pub english: Option<String>,
}

/// Opens the system speech engine and looks up its Danish and English voices, without
/// speaking (for `backcoach doctor`).
pub fn probe() -> Result<SpeechProbe, VoiceError> {
    let backend = crate::voice::TtsBackend::new()?;
    Ok(SpeechProbe {
        engine: backend.name(),
        voices: backend.voice_count(),
        danish: backend.voice_for("da").map(str::to_owned),
        english: backend.voice_for("en").map(str::to_owned),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Part of espeak-ng's list through Speech Dispatcher, in its order.
    const ESPEAK: &[(&str, &str)] = &[
        ("Afrikaans", "af"),
        ("Danish+Adam", "da"),
        ("Danish", "da"),
        ("English (Caribbean)", "en-029"),
        ("English (Caribbean)+Adam", "en-029"),
        ("English (Great Britain)+Adam", "en-GB"),
        ("English (Received Pronunciation)", "en-GB-X-RP"),
        ("English (Great Britain)", "en-GB"),
        ("English (America)", "en-US"),
    ];

    fn chosen(voices: &[(&str, &str)], lang: &str) -> Option<&'static str> {
        choose_voice(voices, lang).map(|i| ESPEAK.iter().find(|v| v.0 == voices[i].0).unwrap().0)
    }

    #[test]
    fn exact_language_and_plain_voice_win() {
        assert_eq!(chosen(ESPEAK, "da"), Some("Danish"));
        assert_eq!(chosen(ESPEAK, "DA"), Some("Danish"), "case-insensitive");
        assert_eq!(chosen(ESPEAK, "af"), Some("Afrikaans"));
    }

    #[test]
    fn a_language_without_its_own_voice_takes_the_preferred_region() {
        assert_eq!(chosen(ESPEAK, "en"), Some("English (Great Britain)"));
        // Without en-GB: the shortest tag, plain before variant, first listed.
        let no_gb: Vec<(&str, &str)> = ESPEAK
            .iter()
            .copied()
            .filter(|v| !v.1.starts_with("en-GB"))
            .collect();
        assert_eq!(chosen(&no_gb, "en"), Some("English (Caribbean)"));
        // An exact regional request takes that region.
        assert_eq!(chosen(ESPEAK, "en-US"), Some("English (America)"));
    }

    #[test]
    fn a_regional_request_falls_back_to_the_language() {
        assert_eq!(chosen(ESPEAK, "da-DK"), Some("Danish"));
        assert_eq!(chosen(ESPEAK, "sv"), None);
        assert_eq!(chosen(ESPEAK, "d"), None, "a prefix of a tag is no match");
        assert_eq!(choose_voice::<&str, &str>(&[], "da"), None);
    }

    #[test]
    fn variants_only_still_give_a_voice() {
        assert_eq!(chosen(&[("Danish+Adam", "da")], "da"), Some("Danish+Adam"));
    }

    const SPEECHD: EngineRange = EngineRange {
        min: -100.0,
        normal: 0.0,
        max: 100.0,
    };

    #[test]
    fn rate_maps_half_normal_double_to_min_normal_max() {
        assert_eq!(engine_rate(0.5, SPEECHD).unwrap(), -100.0);
        assert_eq!(engine_rate(1.0, SPEECHD).unwrap(), 0.0);
        assert_eq!(engine_rate(2.0, SPEECHD).unwrap(), 100.0);
        assert!((engine_rate(2f32.sqrt(), SPEECHD).unwrap() - 50.0).abs() < 1e-3);
        assert!((engine_rate(0.5f32.sqrt(), SPEECHD).unwrap() + 50.0).abs() < 1e-3);
        // An engine whose normal is not in the middle.
        let skewed = EngineRange {
            min: 0.1,
            normal: 1.0,
            max: 10.0,
        };
        assert!((engine_rate(0.5, skewed).unwrap() - 0.1).abs() < 1e-6);
        assert!((engine_rate(2.0, skewed).unwrap() - 10.0).abs() < 1e-6);
        for bad in [0.49, 2.01, f32::NAN, f32::INFINITY] {
            let err = engine_rate(bad, SPEECHD).unwrap_err().to_string();
            assert!(err.contains("rate must be between 0.5 and 2"), "{err}");
        }
    }

    #[test]
    fn volume_maps_linearly_over_the_engine_range() {
        let speechd = EngineRange {
            min: -100.0,
            normal: 100.0,
            max: 100.0,
        };
        assert_eq!(engine_volume(0.0, speechd).unwrap(), -100.0);
        assert_eq!(engine_volume(0.5, speechd).unwrap(), 0.0);
        assert_eq!(engine_volume(1.0, speechd).unwrap(), 100.0);
        assert!(engine_volume(1.1, speechd).is_err());
        assert!(engine_volume(-0.1, speechd).is_err());
    }

    #[test]
    fn language_tags() {
        for good in ["en", "da", "en-GB", "en-GB-x-rp", "en-029", "yue"] {
            assert!(is_language_tag(good), "{good}");
        }
        for bad in ["", "e", "-v", "en_GB", "da dk", "english", "en-", "da;rm"] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn recording_backend_shares_its_log_and_speaking_state() {
        let rec = RecordingBackend::new();
        let mut backend: Box<dyn SpeechBackend> = Box::new(rec.clone());
        assert!(!backend.is_speaking());
        backend.speak("Tre", "da", false).unwrap();
        assert!(backend.is_speaking());
        rec.finish();
        assert!(!backend.is_speaking());
        backend.speak("Stop", "en", true).unwrap();
        backend.stop().unwrap();
        assert!(!backend.is_speaking());
        assert!(backend.set_rate_volume(3.0, 1.0).is_err());
        backend.set_rate_volume(1.5, 0.5).unwrap();
        assert_eq!(
            rec.spoken(),
            [
                ("Tre".to_owned(), "da".to_owned(), false),
                ("Stop".to_owned(), "en".to_owned(), true)
            ]
        );
        assert_eq!(rec.stops(), 1);
        assert_eq!(
            rec.events().last(),
            Some(&SpeechEvent::RateVolume {
                rate: 1.5,
                volume: 0.5
            })
        );
    }

    #[test]
    fn null_backend_is_silent_but_checks_settings() {
        let mut null = NullBackend;
        null.speak("Hold ryggen lige", "da", true).unwrap();
        assert!(!null.is_speaking());
        assert!(null.set_rate_volume(1.0, 2.0).is_err());
        null.stop().unwrap();
    }

    #[test]
    fn no_engine_message_says_what_to_install() {
        let e = VoiceError::NoEngine {
            reason: "cannot connect to Speech Dispatcher".into(),
        };
        assert_eq!(
            e.to_string(),
            "No speech engine (cannot connect to Speech Dispatcher): install speech-dispatcher \
             and espeak-ng (apt install speech-dispatcher espeak-ng); the coach stays silent"
        );
    }
}

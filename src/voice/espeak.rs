//! [`EspeakWavBackend`]: espeak-ng writes each utterance to a numbered WAV file, for tests
//! and measurements (no sound card or speech server needed).
//!
//! Contract:
//! - `speak` runs `espeak-ng -v LANG -s WPM -a AMPLITUDE -b 1 -w FILE --stdin` with the
//!   text on standard input (so a text starting with `-` is never read as an option) and
//!   returns when the file is written: tens of milliseconds, not for the UI thread.
//! - Files are `001-en.wav`, `002-da.wav`, ... in the folder given; nothing else is
//!   written there, and existing files are overwritten only if they have those names.
//! - Nothing is ever playing: `is_speaking` is false and `stop` does nothing.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::voice::engine::{
    RATE_MAX, RATE_MIN, SpeechBackend, VoiceError, check_range, is_language_tag,
};

/// The program run by [`EspeakWavBackend::new`].
pub const ESPEAK_PROGRAM: &str = "espeak-ng";
/// espeak-ng's normal speed, words per minute (its `-s` default).
const NORMAL_WORDS_PER_MINUTE: f32 = 175.0;
/// espeak-ng's speed limits, words per minute.
const WORDS_PER_MINUTE_RANGE: (u32, u32) = (80, 450);
/// espeak-ng's normal amplitude (its `-a` default; it accepts 0-200).
const NORMAL_AMPLITUDE: f32 = 100.0;

/// One utterance written to a file.
#[derive(Clone, Debug, PartialEq)]
pub struct SpokenWav {
    /// The text.
    pub text: String,
    /// The language.
    pub lang: String,
    /// Whether it was asked to interrupt.
    pub interrupt: bool,
    /// The WAV file.
    pub path: PathBuf,
}

/// espeak-ng into numbered WAV files (see the module docs).
#[derive(Debug)]
pub struct EspeakWavBackend {
    program: PathBuf,
    dir: PathBuf,
    words_per_minute: u32,
    amplitude: u32,
    spoken: Vec<SpokenWav>,
}

/// espeak-ng's `-s` for a rate factor (1 = its normal 175 words per minute).
pub fn words_per_minute(rate: f32) -> u32 {
    let (lo, hi) = WORDS_PER_MINUTE_RANGE;
    ((NORMAL_WORDS_PER_MINUTE * rate).round() as u32).clamp(lo, hi)
}

/// espeak-ng's `-a` for a volume `0..=1` (1 = its normal amplitude 100).
pub fn amplitude(volume: f32) -> u32 {
    (NORMAL_AMPLITUDE * volume.clamp(0.0, 1.0)).round() as u32
}

impl EspeakWavBackend {
    /// Writes into `dir` (created if missing) with `espeak-ng` from the `PATH`. Missing
    /// espeak-ng: [`VoiceError::EspeakMissing`].
    pub fn new(dir: impl Into<PathBuf>) -> Result<Self, VoiceError> {
        Self::with_program(ESPEAK_PROGRAM, dir)
    }

    /// The same with another espeak-ng program.
    pub fn with_program(
        program: impl Into<PathBuf>,
        dir: impl Into<PathBuf>,
    ) -> Result<Self, VoiceError> {
        let program = program.into();
        let dir = dir.into();
        let runs = Command::new(&program)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !runs {
            return Err(VoiceError::EspeakMissing { program });
        }
        std::fs::create_dir_all(&dir).map_err(|source| VoiceError::Io {
            path: dir.clone(),
            source,
        })?;
        Ok(EspeakWavBackend {
            program,
            dir,
            words_per_minute: words_per_minute(1.0),
            amplitude: amplitude(1.0),
            spoken: Vec::new(),
        })
    }

    /// Every utterance written so far, in order.
    pub fn spoken(&self) -> &[SpokenWav] {
        &self.spoken
    }

    /// The folder the files go to.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl SpeechBackend for EspeakWavBackend {
    fn speak(&mut self, text: &str, lang: &str, interrupt: bool) -> Result<(), VoiceError> {
        if !is_language_tag(lang) {
            return Err(VoiceError::BadLanguage(lang.to_owned()));
        }
        let path = self
            .dir
            .join(format!("{:03}-{lang}.wav", self.spoken.len() + 1));
        let mut child = Command::new(&self.program)
            .args(["-v", lang, "-s"])
            .arg(self.words_per_minute.to_string())
            .arg("-a")
            .arg(self.amplitude.to_string())
            .args(["-b", "1", "-w"])
            .arg(&path)
            .arg("--stdin")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|_| VoiceError::EspeakMissing {
                program: self.program.clone(),
            })?;
        let written = child
            .stdin
            .take()
            .map(|mut stdin| stdin.write_all(text.as_bytes()));
        let output = child.wait_with_output().map_err(|source| VoiceError::Io {
            path: path.clone(),
            source,
        })?;
        let stderr = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        if !output.status.success() || !path.is_file() {
            return Err(VoiceError::Espeak {
                path,
                stderr: if stderr.is_empty() {
                    output.status.to_string()
                } else {
                    stderr
                },
            });
        }
        if let Some(Err(source)) = written {
            return Err(VoiceError::Io { path, source });
        }
        self.spoken.push(SpokenWav {
            text: text.to_owned(),
            lang: lang.to_owned(),
            interrupt,
            path,
        });
        Ok(())
    }

    fn stop(&mut self) -> Result<(), VoiceError> {
        Ok(())
    }

    fn is_speaking(&self) -> bool {
        false
    }

    fn set_rate_volume(&mut self, rate: f32, volume: f32) -> Result<(), VoiceError> {
        let rate = check_range("rate", rate, RATE_MIN, RATE_MAX)?;
        let volume = check_range("volume", volume, 0.0, 1.0)?;
        self.words_per_minute = words_per_minute(rate);
        self.amplitude = amplitude(volume);
        Ok(())
    }

    fn name(&self) -> String {
        "espeak-ng (WAV files)".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_and_volume_map_to_espeak_units() {
        assert_eq!(words_per_minute(1.0), 175);
        assert_eq!(words_per_minute(0.5), 88);
        assert_eq!(words_per_minute(2.0), 350);
        assert_eq!(amplitude(1.0), 100);
        assert_eq!(amplitude(0.25), 25);
        assert_eq!(amplitude(0.0), 0);
    }

    #[test]
    fn missing_espeak_says_to_install_it() {
        let dir = tempfile::tempdir().unwrap();
        let err =
            EspeakWavBackend::with_program(dir.path().join("no-espeak-ng"), dir.path().join("w"))
                .unwrap_err()
                .to_string();
        assert!(err.contains("install it (apt install espeak-ng)"), "{err}");
        assert!(!dir.path().join("w").exists(), "nothing was created");
    }
}

//! The real speech engines: espeak-ng writes English and Danish cues to WAV files that
//! sox measures as speech of a plausible length, and the system engine (Speech
//! Dispatcher through `tts`) opens or says what to install, and speaks both languages.
//!
//! The speaking test runs Speech Dispatcher of its own, playing into ALSA's `null` device:
//! with no sound output, Speech Dispatcher starts an utterance, never ends it and hangs,
//! which would break speech for every later program on the machine.
//!
//! A missing espeak-ng, sox or speech-dispatcher fails these tests when `CI` is set and
//! skips them with a note otherwise.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use backcoach::voice::{EspeakWavBackend, SpeechBackend, TtsBackend, VoiceError};

/// Quieter than this RMS amplitude (full scale 1) is no speech; espeak-ng's cues measure
/// about 0.08.
const RMS_FLOOR: f64 = 0.02;
/// Speech peaks well above this (espeak-ng's reach 0.8-0.9).
const PEAK_FLOOR: f64 = 0.1;
/// A 3-4 word cue lasts about 1-2 s at the normal rate.
const CUE_SECS: std::ops::RangeInclusive<f64> = 0.8..=5.0;

const ENGLISH_CUE: &str = "Keep your back straight";
const DANISH_CUE: &str = "Hold ryggen lige";

/// Whether `program` runs; if not, panics under CI and returns false (skip) otherwise.
fn require(program: &str, version_arg: &str, package: &str) -> bool {
    let runs = Command::new(program)
        .arg(version_arg)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !runs {
        assert!(
            std::env::var_os("CI").is_none(),
            "{program} is missing: apt install {package}"
        );
        eprintln!("skipped: {program} is missing (apt install {package})");
    }
    runs
}

fn espeak_and_sox() -> bool {
    require("espeak-ng", "--version", "espeak-ng") && require("sox", "--version", "sox")
}

/// What `sox FILE -n stat` says about a WAV.
#[derive(Debug)]
struct WavStat {
    length_secs: f64,
    max_amplitude: f64,
    rms_amplitude: f64,
}

fn sox_stat(path: &Path) -> WavStat {
    let out = Command::new("sox")
        .arg(path)
        .args(["-n", "stat"])
        .output()
        .unwrap();
    assert!(out.status.success(), "sox stat {}", path.display());
    // sox writes `stat` to stderr: `Length (seconds):      1.019501` ...
    let text = String::from_utf8_lossy(&out.stderr);
    let field = |name: &str| -> f64 {
        text.lines()
            .find_map(|line| {
                let (key, value) = line.split_once(':')?;
                (key.split_whitespace().collect::<Vec<_>>().join(" ") == name)
                    .then(|| value.trim().parse().ok())?
            })
            .unwrap_or_else(|| panic!("no {name:?} in sox stat output:\n{text}"))
    };
    WavStat {
        length_secs: field("Length (seconds)"),
        max_amplitude: field("Maximum amplitude"),
        rms_amplitude: field("RMS amplitude"),
    }
}

/// Speaks `text` and returns the WAV's stat.
fn speak_to_wav(backend: &mut EspeakWavBackend, text: &str, lang: &str) -> WavStat {
    backend.speak(text, lang, false).unwrap();
    let spoken = backend.spoken().last().unwrap();
    assert_eq!((spoken.text.as_str(), spoken.lang.as_str()), (text, lang));
    let stat = sox_stat(&spoken.path);
    eprintln!("{lang} {text:?}: {stat:?}");
    stat
}

fn assert_speech(stat: &WavStat, what: &str) {
    assert!(stat.rms_amplitude > RMS_FLOOR, "{what} is silent: {stat:?}");
    assert!(
        stat.max_amplitude > PEAK_FLOOR,
        "{what} is silent: {stat:?}"
    );
    assert!(
        CUE_SECS.contains(&stat.length_secs),
        "{what} lasts {:.2} s, expected {CUE_SECS:?}",
        stat.length_secs
    );
}

#[test]
fn english_and_danish_cues_are_speech_of_plausible_length() {
    if !espeak_and_sox() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut espeak = EspeakWavBackend::new(dir.path()).unwrap();
    let english = speak_to_wav(&mut espeak, ENGLISH_CUE, "en");
    assert_speech(&english, "the English cue");
    let danish = speak_to_wav(&mut espeak, DANISH_CUE, "da");
    assert_speech(&danish, "the Danish cue");
    let files: Vec<PathBuf> = espeak.spoken().iter().map(|s| s.path.clone()).collect();
    assert_eq!(
        files,
        [dir.path().join("001-en.wav"), dir.path().join("002-da.wav")]
    );
}

#[test]
fn longer_sentences_give_longer_wavs_in_both_languages() {
    if !espeak_and_sox() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut espeak = EspeakWavBackend::new(dir.path()).unwrap();
    for (lang, short, long) in [
        (
            "en",
            ENGLISH_CUE,
            "Keep your back straight, bend your knees slowly, and breathe out as you stand up",
        ),
        (
            "da",
            DANISH_CUE,
            "Hold ryggen lige, bøj knæene langsomt, og pust ud mens du rejser dig op",
        ),
    ] {
        let short = speak_to_wav(&mut espeak, short, lang);
        let long = speak_to_wav(&mut espeak, long, lang);
        assert!(
            long.length_secs > 2.0 * short.length_secs,
            "{lang}: {long:?} vs {short:?}"
        );
    }
}

#[test]
fn rate_and_volume_change_the_speech() {
    if !espeak_and_sox() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut espeak = EspeakWavBackend::new(dir.path()).unwrap();
    let normal = speak_to_wav(&mut espeak, DANISH_CUE, "da");
    espeak.set_rate_volume(2.0, 0.25).unwrap();
    let fast_quiet = speak_to_wav(&mut espeak, DANISH_CUE, "da");
    assert!(fast_quiet.length_secs < 0.8 * normal.length_secs);
    assert!(fast_quiet.rms_amplitude < 0.5 * normal.rms_amplitude);
    assert!(fast_quiet.rms_amplitude > 0.0, "quiet, not silent");
    let err = espeak.set_rate_volume(3.0, 1.0).unwrap_err().to_string();
    assert!(err.contains("rate must be between 0.5 and 2"), "{err}");
}

#[test]
fn odd_text_and_unknown_languages() {
    if !espeak_and_sox() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut espeak = EspeakWavBackend::new(dir.path()).unwrap();
    // A text starting with `-` is spoken, not taken as an option.
    let stat = speak_to_wav(&mut espeak, "-v xx langsommere", "da");
    assert!(stat.rms_amplitude > RMS_FLOOR, "{stat:?}");
    let err = espeak.speak("Hej", "xx", false).unwrap_err();
    assert!(matches!(err, VoiceError::Espeak { .. }), "{err}");
    assert!(err.to_string().contains("does not exist"), "{err}");
    let err = espeak.speak("Hej", "-w", false).unwrap_err();
    assert!(matches!(err, VoiceError::BadLanguage(_)), "{err}");
    assert_eq!(espeak.spoken().len(), 1, "failures are not recorded");
}

/// The `Err` of `TtsBackend::new` is the "no speech engine" notice, or says the engine
/// hangs.
fn assert_clear_error(e: &VoiceError) {
    let message = e.to_string();
    let clear = match e {
        VoiceError::NoEngine { .. } => message.contains("install speech-dispatcher and espeak-ng"),
        VoiceError::NotResponding { .. } => message.contains("killall speech-dispatcher"),
        _ => false,
    };
    assert!(clear, "{message}");
}

#[test]
fn system_engine_opens_or_says_what_to_install() {
    // Only opens and lists voices: speaking on the user's Speech Dispatcher could hang it.
    match TtsBackend::new() {
        Ok(mut engine) => {
            eprintln!(
                "{}: {} voices, da {:?}, en {:?}",
                engine.name(),
                engine.voice_count(),
                engine.voice_for("da"),
                engine.voice_for("en")
            );
            assert!(engine.voice_count() > 0);
            assert!(!engine.is_speaking());
            let err = engine.speak("Hej", "zz", false).unwrap_err().to_string();
            assert!(err.contains("No \"zz\" voice"), "{err}");
        }
        Err(e) => {
            eprintln!("no system speech engine: {e}");
            assert_clear_error(&e);
            assert!(
                std::env::var_os("CI").is_none() || matches!(e, VoiceError::NotResponding { .. }),
                "CI installs speech-dispatcher and espeak-ng, yet: {e}"
            );
        }
    }
}

/// A Speech Dispatcher of the test's own, killed when dropped.
struct PrivateSpeechd {
    child: Child,
    socket: PathBuf,
    _dir: tempfile::TempDir,
}

impl PrivateSpeechd {
    /// Copies the system configuration, sends audio to ALSA's `null` device, starts it.
    fn start() -> PrivateSpeechd {
        let dir = tempfile::tempdir().unwrap();
        let conf = dir.path().join("conf");
        copy_dir(Path::new("/etc/speech-dispatcher"), &conf);
        let main = conf.join("speechd.conf");
        let mut text: String = std::fs::read_to_string(&main)
            .unwrap()
            .lines()
            .filter(|l| {
                let l = l.trim_start();
                !l.starts_with("AudioOutputMethod") && !l.starts_with("AudioALSADevice")
            })
            .map(|l| format!("{l}\n"))
            .collect();
        text.push_str("AudioOutputMethod \"alsa\"\nAudioALSADevice \"null\"\n");
        std::fs::write(&main, text).unwrap();
        let socket = dir.path().join("speechd.sock");
        let child = Command::new("speech-dispatcher")
            .arg("--run-single")
            .arg("--config-dir")
            .arg(&conf)
            .args(["--communication-method", "unix_socket", "--socket-path"])
            .arg(&socket)
            .arg("--pid-file")
            .arg(dir.path().join("speechd.pid"))
            .arg("--log-dir")
            .arg(dir.path())
            .args(["--timeout", "0"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while !socket.exists() && started.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(50));
        }
        assert!(socket.exists(), "speech-dispatcher made no socket");
        PrivateSpeechd {
            child,
            socket,
            _dir: dir,
        }
    }
}

impl Drop for PrivateSpeechd {
    fn drop(&mut self) {
        // SIGTERM lets it stop its espeak-ng module too; SIGKILL if it does not end.
        let _ = Command::new("kill")
            .arg(self.child.id().to_string())
            .status();
        let asked = Instant::now();
        while asked.elapsed() < Duration::from_secs(3) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        // Follow links: Debian links the module configs into /etc.
        if std::fs::metadata(entry.path()).unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else if let Ok(bytes) = std::fs::read(entry.path()) {
            std::fs::write(target, bytes).unwrap();
        }
    }
}

/// Set for the child process that speaks through the private Speech Dispatcher.
const CHILD_ENV: &str = "BACKCOACH_TEST_PRIVATE_SPEECHD";

#[test]
fn system_engine_speaks_danish_and_english() {
    if !require("speech-dispatcher", "--version", "speech-dispatcher") {
        return;
    }
    let speechd = PrivateSpeechd::start();
    // libspeechd reads the server's address from the environment; a child process gets
    // it without changing this process's environment under the other tests.
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "speaks_through_the_private_speechd",
            "--ignored",
            "--nocapture",
        ])
        .env(CHILD_ENV, "1")
        .env(
            "SPEECHD_ADDRESS",
            format!("unix_socket:{}", speechd.socket.display()),
        )
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    eprintln!("{stdout}{stderr}");
    assert!(out.status.success(), "the speaking child failed");
    assert!(stdout.contains("1 passed"), "the child test did not run");
}

/// Run by [`system_engine_speaks_danish_and_english`] in a child process.
#[test]
#[ignore = "run by system_engine_speaks_danish_and_english"]
fn speaks_through_the_private_speechd() {
    assert!(
        std::env::var_os(CHILD_ENV).is_some(),
        "run by system_engine_speaks_danish_and_english, which starts a private speech-dispatcher"
    );
    let mut engine = match TtsBackend::new() {
        Ok(engine) => engine,
        Err(e) => {
            assert_clear_error(&e);
            panic!("the private speech-dispatcher runs, yet: {e}");
        }
    };
    assert_eq!(engine.voice_for("da"), Some("Danish"));
    assert!(
        engine
            .voice_for("en")
            .is_some_and(|v| v.starts_with("English")),
        "{:?}",
        engine.voice_for("en")
    );
    engine.set_rate_volume(1.2, 0.8).unwrap();
    let started = Instant::now();
    engine.speak(DANISH_CUE, "da", false).unwrap();
    engine.speak(ENGLISH_CUE, "en", false).unwrap();
    eprintln!(
        "two speak calls returned in {:.1} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    assert!(engine.is_speaking(), "speaking right after speak");
    // The null device plays at once; the engine reports both ends (setting each voice
    // takes Speech Dispatcher about 1.4 s).
    while engine.is_speaking() && started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(!engine.is_speaking(), "still speaking after 20 s");
    eprintln!(
        "both utterances ended after {:.1} s",
        started.elapsed().as_secs_f64()
    );
    engine
        .speak("Hold ryggen lige og bøj knæene langsomt", "da", true)
        .unwrap();
    engine.stop().unwrap();
    assert!(!engine.is_speaking(), "a stop silences at once");
    // The engine still answers after the stop.
    engine.speak(ENGLISH_CUE, "en", true).unwrap();
}

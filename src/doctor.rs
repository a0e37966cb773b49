//! `backcoach doctor`: checks that a machine can run backcoach, each with a one-line
//! finding and, when something is wrong, a one-line fix.
//!
//! Contract:
//! - Each check returns a [`Check`] with a [`Status`]: `Ok`, `Warn` or `Fail`. Only the
//!   parts every use needs can fail: ONNX Runtime, the models, the data folder and the
//!   database. No camera, no display, no speech engine: warnings, since recordings can
//!   still be analysed and the cues can still be read.
//! - Nothing is deleted or rewritten. The data-folder check creates the folder if it is
//!   missing (as the app would) and writes and removes one probe file of its own; the
//!   database check opens an existing history as the app does, which applies pending
//!   schema migrations, and never creates one.
//! - The models are checked against `SHA256SUMS` in the models folder (the `sha256sum`
//!   format: `<64 hex digits>  <file name>` per line), written when the models were
//!   converted (see `models/README.md`).

use std::io::Read as _;
use std::path::{Path, PathBuf};

use sha2::{Digest as _, Sha256};

use crate::engine::{DETECTOR_FILE, ModelKind, runtime};
use crate::history::{HISTORY_FILE_NAME, History, SCHEMA_VERSION};

/// File of recorded model checksums inside the models folder.
pub const CHECKSUMS_FILE: &str = "SHA256SUMS";

/// Name of the probe file the data-folder check writes and removes.
const PROBE_FILE: &str = ".backcoach-doctor-probe";

/// Failures reading the recorded checksums.
#[derive(Debug, thiserror::Error)]
pub enum DoctorError {
    /// The checksum file or a model could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A line of the checksum file is not `<64 hex digits>  <file name>`.
    #[error("{path} line {line}: expected `<64 hex digits>  <file name>`, found {found:?}")]
    BadChecksumLine {
        /// The checksum file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// The line.
        found: String,
    },
}

/// Outcome of one check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Works.
    Ok,
    /// Something optional is missing; backcoach still works without it.
    Warn,
    /// Something every use needs is broken.
    Fail,
}

impl Status {
    /// The word printed in front of the check (`ok`, `warn`, `FAIL`).
    pub fn label(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Warn => "warn",
            Status::Fail => "FAIL",
        }
    }
}

/// One check's result.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Check {
    /// What was checked (`ONNX Runtime`, `models`, ...).
    pub name: &'static str,
    /// Ok, warning or failure.
    pub status: Status,
    /// One line: what was found.
    pub message: String,
    /// One line: what to do, when the status is not ok.
    pub fix: Option<String>,
}

impl Check {
    fn ok(name: &'static str, message: String) -> Check {
        Check {
            name,
            status: Status::Ok,
            message,
            fix: None,
        }
    }

    fn problem(name: &'static str, status: Status, message: String, fix: &str) -> Check {
        Check {
            name,
            status,
            message,
            fix: Some(fix.to_owned()),
        }
    }
}

/// Where to look.
#[derive(Clone, Debug, PartialEq)]
pub struct DoctorOptions {
    /// The models folder ([`crate::engine::default_models_dir`] by default).
    pub models_dir: PathBuf,
    /// The data folder holding the history.
    pub data_dir: PathBuf,
}

/// Runs every check, in the order printed.
pub fn run_checks(options: &DoctorOptions) -> Vec<Check> {
    vec![
        check_runtime(),
        check_models(&options.models_dir),
        check_model_speed(&options.models_dir),
        check_cameras(crate::source::list_cameras().map_err(|e| e.to_string())),
        check_display(
            std::env::var("DISPLAY").ok().as_deref(),
            std::env::var("WAYLAND_DISPLAY").ok().as_deref(),
        ),
        check_speech(crate::voice::probe()),
        check_data_dir(&options.data_dir),
        check_database(&options.data_dir),
    ]
}

/// Seconds `doctor` times each model for.
const DOCTOR_TIMING_SECS: f64 = 0.3;

/// Times both landmark models on this machine and says which one the app's automatic
/// choice runs with a 30 frames/s camera ([`crate::engine::choice`]). A warning when even
/// the lite model does not keep up, or when the models cannot be timed (the models check
/// says why).
pub fn check_model_speed(models_dir: &Path) -> Check {
    use crate::engine::choice::{DEFAULT_CAMERA_FPS, ModelPreference, choose_model, time_models};
    const NAME: &str = "model speed";
    let options = crate::engine::EngineOptions {
        models_dir: Some(models_dir.to_owned()),
        ..Default::default()
    };
    let timings = match time_models(&options, DOCTOR_TIMING_SECS) {
        Ok(t) => t,
        Err(e) => {
            return Check::problem(
                NAME,
                Status::Warn,
                format!("not timed: {e}"),
                "mend the models (see the models line), then run doctor again",
            );
        }
    };
    let choice = choose_model(ModelPreference::Auto, Some(&timings), DEFAULT_CAMERA_FPS);
    let lite_frame_ms = timings.per_frame_ms(ModelKind::Lite, DEFAULT_CAMERA_FPS);
    let message = format!(
        "full {:.1} ms, lite {:.1} ms, detector {:.1} ms per run; at {:.0} frames/s the \
         models may use {:.1} ms a frame: automatic runs {}",
        timings.full_ms,
        timings.lite_ms,
        timings.detector_ms,
        choice.camera_fps,
        choice.budget_ms,
        choice.model.name()
    );
    if lite_frame_ms > choice.budget_ms {
        Check::problem(
            NAME,
            Status::Warn,
            message,
            "this computer is slow for a 30 frames/s camera: close other programs; the \
             coach then judges fewer frames a second",
        )
    } else {
        Check::ok(NAME, message)
    }
}

/// Whether backcoach can work: no check failed.
pub fn all_needed_parts_work(checks: &[Check]) -> bool {
    checks.iter().all(|c| c.status != Status::Fail)
}

/// ONNX Runtime: found, loads, and its version.
pub fn check_runtime() -> Check {
    const NAME: &str = "ONNX Runtime";
    let fix = "put libonnxruntime.so.1.32.0 next to the backcoach program, or set \
               ORT_DYLIB_PATH to a libonnxruntime.so 1.31 or newer";
    let Some(path) = runtime::library_path() else {
        let looked: Vec<String> = runtime::library_candidates()
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        return Check::problem(
            NAME,
            Status::Fail,
            format!("library not found (looked at: {})", looked.join(", ")),
            fix,
        );
    };
    match runtime::runtime_version() {
        Ok(version) => Check::ok(NAME, format!("{version} from {}", path.display())),
        Err(e) => Check::problem(NAME, Status::Fail, e.to_string(), fix),
    }
}

/// Reads a `sha256sum`-format file: `(hex digest, file name)` pairs.
pub fn read_checksums(path: &Path) -> Result<Vec<(String, String)>, DoctorError> {
    let text = std::fs::read_to_string(path).map_err(|source| DoctorError::Read {
        path: path.to_owned(),
        source,
    })?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = || DoctorError::BadChecksumLine {
            path: path.to_owned(),
            line: i + 1,
            found: line.to_owned(),
        };
        let (digest, name) = line.split_once(char::is_whitespace).ok_or_else(bad)?;
        // `sha256sum` marks binary mode with a `*` before the name.
        let name = name.trim_start().trim_start_matches('*');
        if digest.len() != 64 || !digest.chars().all(|c| c.is_ascii_hexdigit()) || name.is_empty() {
            return Err(bad());
        }
        out.push((digest.to_ascii_lowercase(), name.to_owned()));
    }
    Ok(out)
}

/// The sha256 of a file, lowercase hex.
pub fn sha256_hex(path: &Path) -> Result<String, DoctorError> {
    let read_err = |source| DoctorError::Read {
        path: path.to_owned(),
        source,
    };
    let mut file = std::fs::File::open(path).map_err(read_err)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buf).map_err(read_err)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(format!("{:x}", hasher.finalize()))
}

/// The models: every model the engine uses is present, and every file listed in
/// [`CHECKSUMS_FILE`] matches its recorded sha256.
pub fn check_models(dir: &Path) -> Check {
    const NAME: &str = "models";
    let restore = "reinstall backcoach, or restore the folder with `git checkout -- models/` \
                   in a source checkout";
    let needed = [
        DETECTOR_FILE,
        ModelKind::Full.file_name(),
        ModelKind::Lite.file_name(),
    ];
    let missing: Vec<&str> = needed
        .into_iter()
        .filter(|f| !dir.join(f).is_file())
        .collect();
    if !missing.is_empty() {
        return Check::problem(
            NAME,
            Status::Fail,
            format!("missing in {}: {}", dir.display(), missing.join(", ")),
            restore,
        );
    }
    let sums_path = dir.join(CHECKSUMS_FILE);
    let sums = match read_checksums(&sums_path) {
        Ok(sums) => sums,
        Err(e) => {
            return Check::problem(
                NAME,
                Status::Fail,
                format!("cannot verify the models: {e}"),
                restore,
            );
        }
    };
    let unlisted: Vec<&str> = needed
        .into_iter()
        .filter(|f| !sums.iter().any(|(_, name)| name == f))
        .collect();
    if !unlisted.is_empty() {
        return Check::problem(
            NAME,
            Status::Fail,
            format!(
                "{} has no checksum for {}",
                sums_path.display(),
                unlisted.join(", ")
            ),
            restore,
        );
    }
    let mut damaged = Vec::new();
    for (digest, name) in &sums {
        match sha256_hex(&dir.join(name)) {
            Ok(found) if found == *digest => {}
            Ok(_) => damaged.push(format!("{name} does not match its recorded checksum")),
            Err(e) => damaged.push(e.to_string()),
        }
    }
    if damaged.is_empty() {
        Check::ok(
            NAME,
            format!(
                "{} files in {} match {CHECKSUMS_FILE}",
                sums.len(),
                dir.display()
            ),
        )
    } else {
        Check::problem(
            NAME,
            Status::Fail,
            format!("in {}: {}", dir.display(), damaged.join("; ")),
            restore,
        )
    }
}

/// Cameras, from the system's list (or the error listing them).
pub fn check_cameras(listing: Result<Vec<crate::source::camera::CameraListing>, String>) -> Check {
    const NAME: &str = "cameras";
    let fix = "connect a webcam for live coaching; recordings still work: \
               backcoach analyze VIDEO --exercise ID";
    match listing {
        Ok(cams) if !cams.is_empty() => {
            let names: Vec<String> = cams
                .iter()
                .map(|c| format!("{} ({})", c.index, c.name))
                .collect();
            Check::ok(NAME, names.join(", "))
        }
        Ok(_) => Check::problem(NAME, Status::Warn, "no camera found".to_owned(), fix),
        Err(e) => Check::problem(NAME, Status::Warn, format!("cannot list cameras: {e}"), fix),
    }
}

/// A display for the coach window (Linux: `DISPLAY` or `WAYLAND_DISPLAY`).
pub fn check_display(display: Option<&str>, wayland_display: Option<&str>) -> Check {
    const NAME: &str = "display";
    if cfg!(target_os = "linux") {
        let set = |v: Option<&str>| v.filter(|v| !v.is_empty()).map(str::to_owned);
        match (set(wayland_display), set(display)) {
            (Some(w), _) => Check::ok(NAME, format!("Wayland display {w}")),
            (None, Some(x)) => Check::ok(NAME, format!("X display {x}")),
            (None, None) => Check::problem(
                NAME,
                Status::Warn,
                "no display (neither DISPLAY nor WAYLAND_DISPLAY is set): the coach window \
                 cannot open"
                    .to_owned(),
                "start backcoach from a desktop session; recordings still work: \
                 backcoach analyze VIDEO --exercise ID",
            ),
        }
    } else {
        Check::ok(NAME, "not checked on this system".to_owned())
    }
}

/// The speech engine and its Danish and English voices (a warning when missing: the
/// coach then shows its cues without speaking them).
pub fn check_speech(probe: Result<crate::voice::SpeechProbe, crate::voice::VoiceError>) -> Check {
    const NAME: &str = "speech";
    let fix = "install speech-dispatcher and espeak-ng (apt install speech-dispatcher \
               speech-dispatcher-espeak-ng espeak-ng); without them the coach is silent";
    let probe = match probe {
        Ok(probe) => probe,
        Err(crate::voice::VoiceError::NoEngine { reason }) => {
            return Check::problem(
                NAME,
                Status::Warn,
                format!("no speech engine: {reason}"),
                fix,
            );
        }
        Err(crate::voice::VoiceError::NotResponding { busy_secs }) => {
            return Check::problem(
                NAME,
                Status::Warn,
                format!("Speech Dispatcher did not answer within {busy_secs:.0} s"),
                "check the sound output (Speech Dispatcher hangs when none works); end a \
                 hung one with `killall speech-dispatcher`, it starts again when needed",
            );
        }
        Err(e) => return Check::problem(NAME, Status::Warn, e.to_string(), fix),
    };
    let voice = |v: &Option<String>| v.as_deref().map_or("none".to_owned(), |v| format!("{v:?}"));
    let message = format!(
        "{} with {} voices; Danish: {}, English: {}",
        probe.engine,
        probe.voices,
        voice(&probe.danish),
        voice(&probe.english)
    );
    if probe.danish.is_some() && probe.english.is_some() {
        Check::ok(NAME, message)
    } else {
        Check::problem(NAME, Status::Warn, message, fix)
    }
}

/// The data folder exists (or can be made) and a file can be written in it.
pub fn check_data_dir(dir: &Path) -> Check {
    const NAME: &str = "data folder";
    let fix = "make the folder writable for your user, or choose another with --data-dir DIR";
    if let Err(e) = std::fs::create_dir_all(dir) {
        return Check::problem(
            NAME,
            Status::Fail,
            format!("cannot create {}: {e}", dir.display()),
            fix,
        );
    }
    let probe = dir.join(PROBE_FILE);
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .and_then(|mut f| std::io::Write::write_all(&mut f, b"backcoach doctor\n"));
    match written {
        Ok(()) => {
            // Only the probe this check just created is removed.
            let _ = std::fs::remove_file(&probe);
            Check::ok(NAME, format!("{} is writable", dir.display()))
        }
        Err(e) => Check::problem(
            NAME,
            Status::Fail,
            format!("cannot write in {}: {e}", dir.display()),
            fix,
        ),
    }
}

/// The history database: opens, passes `PRAGMA integrity_check`, has a known schema.
pub fn check_database(dir: &Path) -> Check {
    const NAME: &str = "database";
    let path = dir.join(HISTORY_FILE_NAME);
    if !path.is_file() {
        return Check::ok(
            NAME,
            format!(
                "no history yet ({} is made at the first session)",
                path.display()
            ),
        );
    }
    let keep = "nothing was deleted: move that file elsewhere to keep it (a new history \
                starts), or use --data-dir DIR";
    let history = match History::open(dir) {
        Ok(h) => h,
        Err(e) => return Check::problem(NAME, Status::Fail, e.to_string(), keep),
    };
    let problems = match history.integrity_problems() {
        Ok(p) => p,
        Err(e) => return Check::problem(NAME, Status::Fail, e.to_string(), keep),
    };
    if let Some(first) = problems.first() {
        return Check::problem(
            NAME,
            Status::Fail,
            format!(
                "{} is damaged: integrity check found {} problem(s), first: {first}",
                path.display(),
                problems.len()
            ),
            keep,
        );
    }
    match (history.schema_version(), history.sessions()) {
        (Ok(version), Ok(sessions)) => Check::ok(
            NAME,
            format!(
                "{}: integrity ok, schema version {version} of {SCHEMA_VERSION}, {} sessions",
                path.display(),
                sessions.len()
            ),
        ),
        (Err(e), _) | (_, Err(e)) => Check::problem(NAME, Status::Fail, e.to_string(), keep),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksum_lines_parse_and_bad_ones_name_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CHECKSUMS_FILE);
        let digest = "ab".repeat(32);
        std::fs::write(&path, format!("{digest}  a.onnx\n\n{digest} *b.onnx\n")).unwrap();
        let sums = read_checksums(&path).unwrap();
        assert_eq!(
            sums,
            [(digest.clone(), "a.onnx".into()), (digest, "b.onnx".into())]
        );
        std::fs::write(&path, "abc  a.onnx\n").unwrap();
        let err = read_checksums(&path).unwrap_err().to_string();
        assert!(err.contains("line 1"), "{err}");
    }

    #[test]
    fn sha256_of_a_known_input() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("abc");
        std::fs::write(&path, "abc").unwrap();
        assert_eq!(
            sha256_hex(&path).unwrap(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn no_display_or_camera_is_a_warning() {
        if cfg!(target_os = "linux") {
            assert_eq!(check_display(None, Some("")).status, Status::Warn);
            assert_eq!(check_display(Some(":0"), None).status, Status::Ok);
            assert_eq!(check_display(None, Some("wayland-0")).status, Status::Ok);
        }
        assert_eq!(check_cameras(Ok(Vec::new())).status, Status::Warn);
        assert_eq!(check_cameras(Err("no v4l".into())).status, Status::Warn);
    }

    #[test]
    fn speech_without_engine_or_a_language_is_a_warning() {
        use crate::voice::{SpeechProbe, VoiceError};
        let found = SpeechProbe {
            engine: "speech-dispatcher".into(),
            voices: 2,
            danish: Some("Danish".into()),
            english: Some("English (Great Britain)".into()),
        };
        let check = check_speech(Ok(found.clone()));
        assert_eq!(check.status, Status::Ok);
        assert!(
            check.message.contains("Danish: \"Danish\""),
            "{}",
            check.message
        );
        let no_danish = SpeechProbe {
            danish: None,
            ..found
        };
        let check = check_speech(Ok(no_danish));
        assert_eq!(check.status, Status::Warn);
        assert!(check.message.contains("Danish: none"), "{}", check.message);
        let check = check_speech(Err(VoiceError::NoEngine {
            reason: "cannot connect".into(),
        }));
        assert_eq!(check.status, Status::Warn);
        assert_eq!(check.message, "no speech engine: cannot connect");
        assert!(check.fix.unwrap().contains("apt install speech-dispatcher"));
    }
}

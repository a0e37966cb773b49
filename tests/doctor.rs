//! `backcoach doctor`, run as the real binary: a healthy setup exits 0 (no camera and no
//! display are warnings only); each injected fault (missing ONNX Runtime library, corrupt
//! or missing model, unwritable data folder, damaged database) gives its FAIL line and a
//! non-zero exit, and nothing is deleted or rewritten.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use backcoach::history::{HISTORY_FILE_NAME, History, PlannedExercise, RepRecord, SessionStatus};

struct Run {
    success: bool,
    stdout: String,
    stderr: String,
}

impl Run {
    /// The line of one check, e.g. `line("ONNX Runtime")`.
    fn line(&self, name: &str) -> &str {
        self.stdout
            .lines()
            .find(|l| l.get(6..).is_some_and(|rest| rest.starts_with(name)))
            .unwrap_or_else(|| panic!("no {name:?} line in:\n{}", self.stdout))
    }

    fn status(&self, name: &str) -> &str {
        self.line(name).split_whitespace().next().unwrap_or("")
    }
}

/// Runs `backcoach doctor --data-dir DATA [args]` with no display variables.
fn doctor(data: &Path, args: &[&str], env: &[(&str, &Path)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_backcoach"));
    cmd.arg("doctor")
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("ORT_DYLIB_PATH")
        .env_remove("BACKCOACH_MODELS_DIR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let started = std::time::Instant::now();
    let out = cmd.output().unwrap();
    eprintln!(
        "doctor took {:.0} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    let run = Run {
        success: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    eprintln!("{}{}", run.stdout, run.stderr);
    run
}

/// A history with `sessions` sessions of 30 reps each.
fn some_history(dir: &Path, sessions: u32) {
    let mut h = History::open(dir).unwrap();
    let plan = [PlannedExercise {
        exercise_id: "knee-bend".into(),
        sets: 3,
        reps: 10,
    }];
    for s in 0..sessions {
        let t = 1_767_571_200.0 + f64::from(s) * 86_400.0;
        let id = h.start_session(t, &plan).unwrap();
        for set_number in 1..=3 {
            let set = h.start_set(id, "knee-bend", set_number, 10, t).unwrap();
            for n in 1..=10 {
                let rep = RepRecord {
                    rep_number: n,
                    start_secs: f64::from(n) * 5.0,
                    end_secs: f64::from(n) * 5.0 + 4.0,
                    phase_secs: vec![2.0, 2.0],
                    depth: Some(1.0),
                    faults: vec!["too_fast".into(), "head_forward".into()],
                    side: None,
                    partial: false,
                    form_score: None,
                    form_notes: Vec::new(),
                };
                h.record_rep(set, &rep, t + f64::from(n) * 5.0).unwrap();
            }
            h.end_set(set, t + 60.0).unwrap();
        }
        h.end_session(id, SessionStatus::Completed, t + 200.0)
            .unwrap();
    }
}

fn shipped_models() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models")
}

/// A copy of the shipped models and their checksums.
fn copy_models(to: &Path) {
    for entry in std::fs::read_dir(shipped_models()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if name.ends_with(".onnx") || name == "SHA256SUMS" {
            std::fs::copy(&path, to.join(name)).unwrap();
        }
    }
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn healthy_setup_passes_and_missing_camera_or_display_only_warn() {
    let data = tempfile::tempdir().unwrap();
    some_history(data.path(), 2);
    let before = files_in(data.path());
    let run = doctor(data.path(), &[], &[]);
    assert!(run.success, "{}", run.stderr);
    assert_eq!(run.status("ONNX Runtime"), "ok");
    assert!(run.line("ONNX Runtime").contains("1.32.0"));
    assert_eq!(run.status("models"), "ok");
    assert!(run.line("models").contains("3 files"));
    assert_eq!(run.status("data folder"), "ok");
    assert_eq!(run.status("database"), "ok");
    assert!(run.line("database").contains(&format!(
        "integrity ok, schema version {}",
        backcoach::history::SCHEMA_VERSION
    )));
    assert!(run.line("database").contains("2 sessions"));
    assert_eq!(run.status("display"), "warn", "DISPLAY was removed");
    assert!(["ok", "warn"].contains(&run.status("cameras")));
    // No speech engine is a warning that names the engine. CI installs speech-dispatcher
    // and espeak-ng, but whether the shared one starts depends on the machine (no session
    // bus or XDG_RUNTIME_DIR: "cannot connect"; no sound output: a hang, "did not
    // answer"); tests/voice_engine.rs runs a private one to check the voices themselves.
    let speech = run.line("speech");
    match run.status("speech") {
        "ok" => assert!(speech.contains("Danish: \"Danish\""), "{speech}"),
        "warn" => assert!(
            speech.contains("Speech Dispatcher") || speech.contains("speech engine"),
            "{speech}"
        ),
        _ => panic!("no speech engine is a warning, not a failure: {speech}"),
    }
    assert!(
        run.stdout
            .contains("fix: start backcoach from a desktop session")
    );
    assert_eq!(
        files_in(data.path()),
        before,
        "the probe file is gone again"
    );

    // A data folder that does not exist yet is created, and no database is made.
    let fresh = data.path().join("new");
    let run = doctor(&fresh, &[], &[]);
    assert!(run.success);
    assert!(run.line("database").contains("no history yet"));
    assert!(files_in(&fresh).is_empty());
}

#[test]
fn missing_onnx_runtime_library_fails() {
    let data = tempfile::tempdir().unwrap();
    let missing = data.path().join("nowhere").join("libonnxruntime.so.1.32.0");
    let run = doctor(data.path(), &[], &[("ORT_DYLIB_PATH", &missing)]);
    assert!(!run.success);
    assert_eq!(run.status("ONNX Runtime"), "FAIL");
    assert!(run.line("ONNX Runtime").contains("library not found"));
    assert!(run.line("ONNX Runtime").contains(missing.to_str().unwrap()));
    assert!(
        run.stdout
            .contains("fix: put libonnxruntime.so.1.32.0 next to")
    );
    assert_eq!(run.status("models"), "ok", "the other checks still run");
    assert!(run.stderr.contains("1 check(s) failed"));
}

#[test]
fn corrupt_or_missing_model_fails_and_is_kept() {
    let models = tempfile::tempdir().unwrap();
    copy_models(models.path());
    let lite = models.path().join("pose_landmark_lite.onnx");
    let mut bytes = std::fs::read(&lite).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    std::fs::write(&lite, &bytes).unwrap();
    let data = tempfile::tempdir().unwrap();
    let dir = models.path().to_str().unwrap();
    let run = doctor(data.path(), &["--models-dir", dir], &[]);
    assert!(!run.success);
    assert_eq!(run.status("models"), "FAIL");
    assert!(
        run.line("models")
            .contains("pose_landmark_lite.onnx does not match its recorded checksum")
    );
    assert!(!run.line("models").contains("pose_detection.onnx"));
    assert_eq!(
        std::fs::read(&lite).unwrap(),
        bytes,
        "the damaged file is kept"
    );

    // The same through BACKCOACH_MODELS_DIR, with a model removed.
    std::fs::remove_file(models.path().join("pose_detection.onnx")).unwrap();
    let run = doctor(data.path(), &[], &[("BACKCOACH_MODELS_DIR", models.path())]);
    assert!(!run.success);
    assert_eq!(run.status("models"), "FAIL");
    assert!(run.line("models").contains("missing in"));
    assert!(run.line("models").contains("pose_detection.onnx"));
}

#[test]
fn unwritable_data_folder_fails() {
    // Tests run as root, which ignores permission bits; a folder below a regular file
    // cannot be created by anyone (ENOTDIR), so the check really fails.
    let base = tempfile::tempdir().unwrap();
    let blocker = base.path().join("not-a-folder");
    std::fs::write(&blocker, "keep me").unwrap();
    let data = blocker.join("backcoach");
    let run = doctor(&data, &[], &[]);
    assert!(!run.success);
    assert_eq!(run.status("data folder"), "FAIL");
    assert!(run.line("data folder").contains("cannot create"));
    assert!(run.stdout.contains("fix: make the folder writable"));
    assert_eq!(std::fs::read_to_string(&blocker).unwrap(), "keep me");
}

#[test]
fn damaged_database_fails_and_nothing_is_deleted() {
    let data = tempfile::tempdir().unwrap();
    some_history(data.path(), 20);
    let db = data.path().join(HISTORY_FILE_NAME);
    let mut bytes = std::fs::read(&db).unwrap();
    const PAGE: usize = 4096;
    let pages = bytes.len() / PAGE;
    assert!(pages > 8, "{pages} pages");
    // One whole page in the middle: the rep table's b-tree has a page of garbage.
    let at = pages / 2 * PAGE;
    bytes[at..at + PAGE].fill(0xA5);
    std::fs::write(&db, &bytes).unwrap();
    let before = files_in(data.path());
    let run = doctor(data.path(), &[], &[]);
    assert!(!run.success);
    assert_eq!(run.status("database"), "FAIL");
    // SQLite reports the bad page either as integrity_check rows or as a "malformed"
    // error while checking; both are the damaged-history line.
    assert!(run.line("database").contains("is damaged"));
    assert!(run.stdout.contains("fix: nothing was deleted"));
    assert_eq!(files_in(data.path()), before);
    assert_eq!(
        std::fs::read(&db).unwrap(),
        bytes,
        "the file is not rewritten"
    );

    // A damaged header: the file is no database at all.
    bytes[..100].fill(0);
    std::fs::write(&db, &bytes).unwrap();
    let run = doctor(data.path(), &[], &[]);
    assert!(!run.success);
    assert_eq!(run.status("database"), "FAIL");
    assert!(run.line("database").contains("is damaged"));
    assert_eq!(std::fs::read(&db).unwrap(), bytes);
}

#[test]
fn shipped_models_match_their_recorded_checksums() {
    let check = backcoach::doctor::check_models(&shipped_models());
    assert_eq!(
        check.status,
        backcoach::doctor::Status::Ok,
        "{}: after converting the models again, update models/SHA256SUMS (cd models && \
         sha256sum *.onnx > SHA256SUMS)",
        check.message
    );
}

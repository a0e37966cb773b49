//! Damaged or missing files the user's install depends on: the pose models, ONNX Runtime,
//! an exercise file with a bad value. `analyze` stops with one sentence that names the file
//! and says what to do; nothing panics and the damaged file is left as it was.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn analyze(args: &[&std::ffi::OsStr], env: &[(&str, &Path)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_backcoach"));
    cmd.args(["analyze", "--exercise", "knee-bend"]).args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("runs")
}

/// Fails cleanly: exit 1, one `backcoach: ...` line containing every one of `words`.
fn fails_saying(out: &Output, words: &[&str]) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.starts_with("backcoach: "), "{stderr}");
    for w in words {
        assert!(stderr.contains(w), "{w:?} not in {stderr}");
    }
}

fn clip() -> PathBuf {
    repo("tests/data/video/sports2d_several_people_3s_640.mp4")
}

#[test]
fn a_damaged_or_missing_model_is_named_with_the_fix() {
    let models = tempfile::tempdir().expect("tmp");
    for entry in std::fs::read_dir(repo("models")).expect("models") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "onnx") {
            let name = path.file_name().expect("name");
            std::fs::copy(&path, models.path().join(name)).expect("copy");
        }
    }
    // Cut short, as a download that did not finish.
    let detector = models.path().join("pose_detection.onnx");
    let cut = std::fs::read(&detector).expect("read")[..1000].to_vec();
    std::fs::write(&detector, &cut).expect("write");
    let out = analyze(
        &[clip().as_os_str()],
        &[("BACKCOACH_MODELS_DIR", models.path())],
    );
    fails_saying(&out, &["pose_detection.onnx", "damaged", "Restore it"]);
    assert_eq!(
        std::fs::read(&detector).expect("read"),
        cut,
        "kept as it was"
    );

    std::fs::remove_file(&detector).expect("remove");
    let out = analyze(
        &[clip().as_os_str()],
        &[("BACKCOACH_MODELS_DIR", models.path())],
    );
    fails_saying(&out, &["pose_detection.onnx", "missing", "Restore it"]);
}

#[test]
fn a_missing_onnx_runtime_says_where_it_looked_and_what_to_do() {
    let dir = tempfile::tempdir().expect("tmp");
    let missing = dir.path().join("libonnxruntime.so.1.32.0");
    let out = analyze(&[clip().as_os_str()], &[("ORT_DYLIB_PATH", &missing)]);
    fails_saying(&out, &["ONNX Runtime library not found", "ORT_DYLIB_PATH"]);
    // A file that is not a library at all.
    std::fs::write(&missing, b"not a library").expect("write");
    let out = analyze(&[clip().as_os_str()], &[("ORT_DYLIB_PATH", &missing)]);
    fails_saying(&out, &["ONNX Runtime"]);
}

#[test]
fn an_exercise_file_with_a_bad_value_names_the_file_and_the_field() {
    let dir = tempfile::tempdir().expect("tmp");
    for entry in std::fs::read_dir(repo("exercises")).expect("exercises") {
        let path = entry.expect("entry").path();
        if !path.is_file() {
            continue; // the programme rules' folder: not an exercise
        }
        std::fs::copy(&path, dir.path().join(path.file_name().expect("name"))).expect("copy");
    }
    let file = dir.path().join("knee-bend.toml");
    let text = std::fs::read_to_string(&file).expect("read");
    let bad = text.replacen("reps = 8", "reps = -3", 1);
    assert_ne!(bad, text);
    std::fs::write(&file, &bad).expect("write");
    let track = repo("tests/data/posetracks/cmu_13_29_squats_front.jsonl");
    let out = analyze(
        &[
            "--exercises".as_ref(),
            dir.path().as_os_str(),
            track.as_os_str(),
        ],
        &[],
    );
    fails_saying(&out, &["knee-bend.toml", "reps"]);
    assert_eq!(std::fs::read_to_string(&file).expect("read"), bad);
}

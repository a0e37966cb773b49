//! Finding and loading the ONNX Runtime shared library (ort's `load-dynamic`).
//!
//! Search order: `ORT_DYLIB_PATH`; `libonnxruntime.so*` next to the executable (and its
//! parent folder, for test binaries in `target/*/deps`); the copy `build.rs` fetched for
//! this build. Loading never panics: a missing or wrong library is an [`EngineError`].

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::EngineError;

/// File name of the library this build ships with.
pub const ORT_LIBRARY_FILE: &str = "libonnxruntime.so.1.32.0";

static INIT: OnceLock<Result<ort::environment::Environment, String>> = OnceLock::new();

/// Candidate library paths, in search order.
pub fn library_candidates() -> Vec<PathBuf> {
    let mut out = Vec::new();
    // An explicit choice is the only candidate.
    if let Some(p) = std::env::var_os("ORT_DYLIB_PATH") {
        out.push(PathBuf::from(p));
        return out;
    }
    if let Ok(exe) = std::env::current_exe() {
        let mut dir = exe.parent().map(Path::to_path_buf);
        for _ in 0..2 {
            if let Some(d) = dir {
                out.push(d.join(ORT_LIBRARY_FILE));
                out.push(d.join("libonnxruntime.so"));
                dir = d.parent().map(Path::to_path_buf);
            }
        }
    }
    if let Some(built) = option_env!("BACKCOACH_ORT_BUILD_COPY") {
        out.push(PathBuf::from(built));
    }
    out
}

/// Loads ONNX Runtime once per process; later calls return the first outcome.
pub fn init_runtime() -> Result<&'static ort::environment::Environment, EngineError> {
    let outcome = INIT.get_or_init(|| {
        let candidates = library_candidates();
        let Some(path) = candidates.iter().find(|p| p.is_file()) else {
            return Err(format!(
                "ONNX Runtime library not found (looked at: {}). Rebuild with `cargo build` \
                 (it fetches the library through pip), or set ORT_DYLIB_PATH to a \
                 libonnxruntime.so 1.31 or newer.",
                candidates
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        };
        let builder = ort::init_from(path).map_err(|e| {
            format!(
                "cannot load ONNX Runtime from {}: {e}. Set ORT_DYLIB_PATH to a working \
                 libonnxruntime.so 1.31 or newer.",
                path.display()
            )
        })?;
        builder
            .with_name("backcoach")
            .build()
            .map_err(|e| format!("cannot start ONNX Runtime from {}: {e}", path.display()))
    });
    outcome
        .as_ref()
        .map_err(|e| EngineError::Runtime(e.clone()))
}

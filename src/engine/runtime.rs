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

/// The library [`init_runtime`] loads: the first candidate that exists.
pub fn library_path() -> Option<PathBuf> {
    library_candidates().into_iter().find(|p| p.is_file())
}

/// Loads ONNX Runtime (as [`init_runtime`]) and describes it: the version from the
/// library's file name (symlinks followed, `libonnxruntime.so.1.32.0` gives `1.32.0`) and
/// the commit from its build information.
pub fn runtime_version() -> Result<String, EngineError> {
    init_runtime()?;
    let version = library_path()
        .map(|p| std::fs::canonicalize(&p).unwrap_or(p))
        .and_then(|p| version_in_file_name(&p));
    // "ORT Build Info: git-branch=..., git-commit-id=fab30a4, ..."
    let commit = ort::info()
        .split(',')
        .find_map(|part| part.trim().strip_prefix("git-commit-id="))
        .map(str::to_owned);
    Ok(match (version, commit) {
        (Some(v), Some(c)) => format!("{v} (commit {c})"),
        (Some(v), None) => v,
        (None, Some(c)) => format!("version not in the file name (commit {c})"),
        (None, None) => "version unknown".to_owned(),
    })
}

/// `1.32.0` from `libonnxruntime.so.1.32.0` or `libonnxruntime.1.32.0.dylib`.
pub fn version_in_file_name(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let rest = name.strip_prefix("libonnxruntime.")?;
    let rest = rest.strip_prefix("so.").unwrap_or(rest);
    let rest = rest.strip_suffix(".dylib").unwrap_or(rest);
    let is_version = !rest.is_empty()
        && rest
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    is_version.then(|| rest.to_owned())
}

/// Loads ONNX Runtime once per process; later calls return the first outcome.
pub fn init_runtime() -> Result<&'static ort::environment::Environment, EngineError> {
    let outcome = INIT.get_or_init(|| {
        let candidates = library_candidates();
        let Some(path) = library_path() else {
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
        let builder = ort::init_from(&path).map_err(|e| {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_from_library_file_names() {
        let v = |name: &str| version_in_file_name(Path::new(name));
        assert_eq!(v("/x/libonnxruntime.so.1.32.0").as_deref(), Some("1.32.0"));
        assert_eq!(v("libonnxruntime.1.31.1.dylib").as_deref(), Some("1.31.1"));
        assert_eq!(v("libonnxruntime.so"), None);
        assert_eq!(v("libonnxruntime.so.1.x"), None);
    }
}

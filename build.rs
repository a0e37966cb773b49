//! Provides ONNX Runtime for `ort`'s `load-dynamic` mode.
//!
//! Unless `ORT_DYLIB_PATH` is set, fetch the pinned `onnxruntime` wheel through pip (the
//! registry's own client), check its sha256, extract `libonnxruntime.so.<version>` into a
//! per-user cache, and copy it next to the build's executables. The path of the cached copy
//! is compiled in as the last fallback (`BACKCOACH_ORT_BUILD_COPY`). Failures are warnings:
//! the program then explains at run time how to provide the library.

use std::path::{Path, PathBuf};
use std::process::Command;

const ORT_VERSION: &str = "1.32.0";
const WHEEL_SHA256: &str = "5a34fc4dfeb5a7b4a74c95dcba1e773d722abda720b474edf1b0c419dc6d163d";
const LIB_IN_WHEEL: &str = "onnxruntime/capi/libonnxruntime.so.1.32.0";
const LIB_FILE: &str = "libonnxruntime.so.1.32.0";

const EXTRACT_PY: &str = r#"
import hashlib, sys, zipfile, pathlib
wheel, sha, member, dest = sys.argv[1:5]
digest = hashlib.sha256(pathlib.Path(wheel).read_bytes()).hexdigest()
if digest != sha:
    sys.exit(f"sha256 mismatch for {wheel}: {digest}")
with zipfile.ZipFile(wheel) as z:
    data = z.read(member)
tmp = pathlib.Path(dest + ".tmp")
tmp.write_bytes(data)
tmp.replace(dest)
"#;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=ORT_DYLIB_PATH");
    println!("cargo:rerun-if-env-changed=BACKCOACH_ORT_CACHE");
    if std::env::var_os("ORT_DYLIB_PATH").is_some() {
        return;
    }
    let target = std::env::var("TARGET").unwrap_or_default();
    if target != "x86_64-unknown-linux-gnu" {
        println!("cargo:warning=no pinned ONNX Runtime for {target}; set ORT_DYLIB_PATH");
        return;
    }
    match provide() {
        Ok(lib) => {
            println!("cargo:rustc-env=BACKCOACH_ORT_BUILD_COPY={}", lib.display());
            // Next to the binaries (target/<profile>/ and target/<profile>/deps/).
            if let Some(profile_dir) = profile_dir() {
                for dir in [profile_dir.clone(), profile_dir.join("deps")] {
                    let dest = dir.join(LIB_FILE);
                    if !dest.is_file() && dir.is_dir() {
                        let _ = std::fs::copy(&lib, &dest);
                    }
                }
            }
        }
        Err(e) => println!("cargo:warning=ONNX Runtime not provided: {e}"),
    }
}

fn profile_dir() -> Option<PathBuf> {
    let out = PathBuf::from(std::env::var_os("OUT_DIR")?);
    // OUT_DIR = target/<profile>/build/<pkg>-<hash>/out
    out.ancestors().nth(3).map(Path::to_path_buf)
}

fn cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("BACKCOACH_ORT_CACHE") {
        return PathBuf::from(dir);
    }
    if let Some(home) = std::env::var_os("HOME") {
        return PathBuf::from(home)
            .join(".cache/backcoach")
            .join(format!("onnxruntime-{ORT_VERSION}"));
    }
    PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("onnxruntime")
}

fn provide() -> Result<PathBuf, String> {
    let dir = cache_dir();
    let lib = dir.join(LIB_FILE);
    if lib.is_file() {
        return Ok(lib);
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let python = ["python3", "python"]
        .into_iter()
        .find(|p| Command::new(p).arg("--version").output().is_ok())
        .ok_or("python3 not found (needed once, to fetch the ONNX Runtime wheel with pip)")?;
    let wheel_dir = dir.join("wheel");
    let status = Command::new(python)
        .args([
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--only-binary=:all:",
        ])
        .args([
            "--platform",
            "manylinux_2_28_x86_64",
            "--python-version",
            "3.11",
        ])
        .arg(format!("onnxruntime=={ORT_VERSION}"))
        .arg("-d")
        .arg(&wheel_dir)
        .status()
        .map_err(|e| format!("pip failed to start: {e}"))?;
    if !status.success() {
        return Err(format!(
            "pip download onnxruntime=={ORT_VERSION} failed ({status})"
        ));
    }
    let wheel = std::fs::read_dir(&wheel_dir)
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.starts_with(&format!("onnxruntime-{ORT_VERSION}-")) && n.ends_with(".whl")
            })
        })
        .ok_or("pip downloaded no onnxruntime wheel")?;
    let status = Command::new(python)
        .args(["-c", EXTRACT_PY])
        .arg(&wheel)
        .arg(WHEEL_SHA256)
        .arg(LIB_IN_WHEEL)
        .arg(&lib)
        .status()
        .map_err(|e| format!("python failed to start: {e}"))?;
    if !status.success() || !lib.is_file() {
        return Err(format!(
            "could not extract {LIB_IN_WHEEL} from {}",
            wheel.display()
        ));
    }
    let _ = std::fs::remove_file(&wheel);
    Ok(lib)
}

#!/usr/bin/env bash
# Reproduces CI locally (after the system packages are installed): formatting, lints,
# tests, docs. Run from the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --all -- --check
cargo clippy --all-targets -- -D warnings
cargo test
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --lib --quiet

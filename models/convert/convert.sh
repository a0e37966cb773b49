#!/usr/bin/env bash
# Reproduce models/pose_detection.onnx, models/pose_landmark_full.onnx and
# models/pose_landmark_lite.onnx from the npm package @mediapipe/pose@0.5.1675469404.
#
# Usage: models/convert/convert.sh [WORKDIR]
#   WORKDIR      scratch dir for the venvs, the npm tarball and the tflite files
#                (default: $BACKCOACH_CONVERT_DIR or /tmp/backcoach-convert)
# Environment:
#   PYTHON           Python 3.11 interpreter used to create the venvs (default python3.11)
#   TF_VENV/ORT_VENV reuse existing venvs instead of creating them under WORKDIR
#   BACKCOACH_IMAGE  photo for the checks (default /work/shared/data/images/coco_000000000785.jpg)
#
# Needs: python3.11, npm, network access to the Python and npm registries (through
# their own clients). Nothing is written to the repo except models/*.onnx and
# models/convert/parity_results.{txt,json}.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MODELS="$(cd "$HERE/.." && pwd)"
WORK="${1:-${BACKCOACH_CONVERT_DIR:-/tmp/backcoach-convert}}"
PYTHON="${PYTHON:-python3.11}"
NPM_SPEC="@mediapipe/pose@0.5.1675469404"
TF_VENV="${TF_VENV:-$WORK/venv-tf}"
ORT_VENV="${ORT_VENV:-$WORK/venv-ort}"
export TF_CPP_MIN_LOG_LEVEL=2

# sha256 of the files as shipped in the npm package (checked below).
SHA_FULL=e9a5c5cb17f736fafd4c2ec1da3b3d331d6edbe8a0d32395855aeb2cdfd64b9f
SHA_LITE=f17bfbecadb61c3be1baa8b8d851cc6619c870a87167b32848ad20db306b9d61
SHA_DET=a63c614bef30d35947f13be361820b1e4e3bec9cfeebf4d11216a18373108e85

step() { printf '\n== %s\n' "$*"; }

mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"

step "Python venvs ($TF_VENV, $ORT_VENV)"
make_venv() { # dir requirements
  if [ ! -x "$1/bin/python" ]; then
    "$PYTHON" -m venv "$1"
    "$1/bin/python" -m pip install --quiet --upgrade pip
  fi
  "$1/bin/python" -m pip install --quiet -r "$2"
  "$1/bin/python" -c 'import sys; assert sys.version_info[:2] == (3, 11), sys.version'
}
make_venv "$TF_VENV" "$HERE/requirements.txt"
make_venv "$ORT_VENV" "$HERE/requirements-ort.txt"
TFPY="$TF_VENV/bin/python"
ORTPY="$ORT_VENV/bin/python"

step "npm pack $NPM_SPEC"
NPM_DIR="$(mktemp -d "$WORK/npm.XXXXXX")"
(cd "$NPM_DIR" && npm pack --silent "$NPM_SPEC" >/dev/null)
tar -xzf "$NPM_DIR"/mediapipe-pose-0.5.1675469404.tgz -C "$NPM_DIR"
PKG="$NPM_DIR/package"
TFL="$WORK/tflite"
mkdir -p "$TFL"
cp "$PKG/pose_landmark_full.tflite" "$PKG/pose_landmark_lite.tflite" "$TFL/"
# The package's packed asset file is MediaPipe's pose_detection.tflite, byte for byte.
cp "$PKG/pose_solution_packed_assets.data" "$TFL/pose_detection.tflite"
(cd "$TFL" && sha256sum -c - <<EOF
$SHA_FULL  pose_landmark_full.tflite
$SHA_LITE  pose_landmark_lite.tflite
$SHA_DET  pose_detection.tflite
EOF
)
[ "$(head -c 8 "$TFL/pose_detection.tflite" | tail -c 4)" = "TFL3" ] || { echo "not a TFLite file" >&2; exit 1; }

step "Rewrite the detector without DENSIFY ops"
"$TFPY" "$HERE/densify_detector.py" --in "$TFL/pose_detection.tflite" \
  --out "$TFL/pose_detection_dense.tflite" ${BACKCOACH_IMAGE:+--image "$BACKCOACH_IMAGE"}

step "tf2onnx (opset 13)"
convert() { # src.tflite dst.onnx
  local log="$WORK/tf2onnx-$(basename "$2").log"
  if ! "$TFPY" -m tf2onnx.convert --tflite "$1" --output "$2.tmp" --opset 13 >"$log" 2>&1; then
    tail -30 "$log" >&2
    echo "tf2onnx failed for $1 (log: $log)" >&2
    exit 1
  fi
  grep -E "Model (inputs|outputs)" "$log" | sed 's/^.* - INFO - /  /'
  mv "$2.tmp" "$2"
}
convert "$TFL/pose_detection_dense.tflite" "$MODELS/pose_detection.onnx"
convert "$TFL/pose_landmark_full.tflite" "$MODELS/pose_landmark_full.onnx"
convert "$TFL/pose_landmark_lite.tflite" "$MODELS/pose_landmark_lite.onnx"

step "Prune the landmark models' segmentation and heatmap heads (unused, > half the time)"
"$TFPY" "$HERE/prune_landmarks.py" "$MODELS/pose_landmark_full.onnx" "$MODELS/pose_landmark_lite.onnx"

step "ONNX input/output contract"
"$TFPY" "$HERE/inspect_onnx.py" "$MODELS/pose_detection.onnx" \
  "$MODELS/pose_landmark_full.onnx" "$MODELS/pose_landmark_lite.onnx"

step "Parity: ONNX Runtime vs the original TFLite files"
"$TFPY" "$HERE/parity.py" tflite --tflite-dir "$TFL" --out "$WORK/parity_ref.npz" \
  ${BACKCOACH_IMAGE:+--image "$BACKCOACH_IMAGE"}
"$ORTPY" "$HERE/parity.py" onnx --ref "$WORK/parity_ref.npz" --models-dir "$MODELS" \
  --json "$HERE/parity_results.json" | tee "$HERE/parity_results.txt"

rm -rf "$NPM_DIR"
step "Done"
ls -l "$MODELS"/*.onnx
echo "Golden landmarks (optional, rewrites models/convert/golden_*):"
echo "  $ORTPY $HERE/reference_landmarks.py"

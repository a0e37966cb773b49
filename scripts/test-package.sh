#!/usr/bin/env bash
# Tests the packages built by scripts/package.sh, as a user without a source tree would
# run them:
# 1. the tarball, unpacked into an empty folder, with a clean environment
#    (`env -i PATH=/usr/bin:/bin`): `backcoach doctor` passes and finds ONNX Runtime and
#    the models in the unpacked folder, and `backcoach analyze` judges a video. As root,
#    the source tree and the build's ONNX Runtime cache are hidden (a private mount
#    namespace with empty folders over them), so nothing can come from there;
# 2. the .deb: `dpkg -i`, the menu entry and icon in place, the installed
#    `/usr/bin/backcoach` runs `doctor` and `analyze`; then it is removed again.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

VERSION=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
NAME="backcoach-$VERSION-linux-x86_64"
TARBALL="$ROOT/dist/$NAME.tar.gz"
DEB="$ROOT/dist/backcoach_${VERSION}_amd64.deb"
for f in "$TARBALL" "$DEB"; do
  [ -f "$f" ] || { echo "missing $f: run scripts/package.sh first" >&2; exit 1; }
done

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp tests/data/video/pose2sim_single_person_cam01.mp4 "$WORK/clip.mp4"
mkdir "$WORK/unpacked" "$WORK/home" "$WORK/empty"
tar -C "$WORK/unpacked" -xzf "$TARBALL"
APP="$WORK/unpacked/$NAME"

fail() {
  echo "test-package: FAIL: $*" >&2
  exit 1
}

# Checks one `doctor` output: ONNX Runtime and the models from $2, exit code 0.
check_doctor() {
  local out=$1 from=$2
  grep -q "^ok    ONNX Runtime  1.32.0 .* from $from/libonnxruntime.so.1.32.0$" "$out" ||
    fail "ONNX Runtime not found in $from: $(cat "$out")"
  grep -q "^ok    models        3 files in $from/models match SHA256SUMS$" "$out" ||
    fail "models not verified in $from: $(cat "$out")"
}

# Checks one `analyze --json` output: the knee bend judged on every frame of the clip
# (100 frames, one person), so the pose models really ran.
check_analyze() {
  python3 - "$1" <<'EOF' || fail "analyze output: $(head -c 400 "$1")"
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["exercise"] == "knee-bend", doc["exercise"]
assert doc["frames"] == 100, doc["frames"]
assert doc["frames_with_person"] >= 90, doc["frames_with_person"]
print(f"analyze: {doc['frames']} frames, {doc['frames_with_person']} with a person, {doc['reps']} reps")
EOF
}

# 1. The tarball with a clean environment.
HIDE=""
if [ "$(id -u)" -eq 0 ] && unshare --mount --propagation private true 2>/dev/null; then
  HIDE="mount --bind $WORK/empty $ROOT"
  ORT_CACHE="${HOME:-/root}/.cache/backcoach"
  [ -d "$ORT_CACHE" ] && HIDE="$HIDE && mount --bind $WORK/empty $ORT_CACHE"
  echo "test-package: source tree and ONNX Runtime cache hidden"
else
  echo "test-package: not root: the source tree stays visible (the paths are checked)"
fi
run_clean() {
  local cmd="cd $APP && env -i PATH=/usr/bin:/bin HOME=$WORK/home $*"
  if [ -n "$HIDE" ]; then
    unshare --mount --propagation private sh -c "$HIDE && $cmd"
  else
    sh -c "$cmd"
  fi
}
start=$(date +%s%N)
run_clean ./backcoach doctor --data-dir "$WORK/home/data" >"$WORK/doctor.txt" ||
  fail "doctor exited non-zero: $(cat "$WORK/doctor.txt")"
echo "test-package: tarball doctor ok in $(( ($(date +%s%N) - start) / 1000000 )) ms"
check_doctor "$WORK/doctor.txt" "$APP"
start=$(date +%s%N)
run_clean ./backcoach analyze "$WORK/clip.mp4" --exercise knee-bend --json >"$WORK/analyze.json" ||
  fail "analyze exited non-zero"
echo "test-package: tarball analyze ok in $(( ($(date +%s%N) - start) / 1000000 )) ms"
check_analyze "$WORK/analyze.json"

# 2. The .deb.
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO dpkg -i "$DEB" >/dev/null
trap '$SUDO dpkg -r backcoach >/dev/null; rm -rf "$WORK"' EXIT
[ -f /usr/share/applications/backcoach.desktop ] || fail "no menu entry"
[ -f /usr/share/icons/hicolor/scalable/apps/backcoach.svg ] || fail "no icon"
grep -q '^Exec=backcoach$' /usr/share/applications/backcoach.desktop || fail "menu entry Exec"
(cd "$WORK" && env -i PATH=/usr/bin:/bin HOME="$WORK/home" backcoach doctor \
  --data-dir "$WORK/home/deb-data" >"$WORK/deb-doctor.txt") ||
  fail "installed doctor exited non-zero: $(cat "$WORK/deb-doctor.txt")"
check_doctor "$WORK/deb-doctor.txt" /usr/lib/backcoach
(cd "$WORK" && env -i PATH=/usr/bin:/bin HOME="$WORK/home" backcoach analyze clip.mp4 \
  --exercise knee-bend --json >"$WORK/deb-analyze.json") || fail "installed analyze exited non-zero"
check_analyze "$WORK/deb-analyze.json"
echo "test-package: 2 passed, 0 failed"

#!/usr/bin/env bash
# Builds the Linux x86_64 release packages into dist/:
#   dist/backcoach-VERSION-linux-x86_64.tar.gz  (unpack anywhere, run ./backcoach)
#   dist/backcoach_VERSION_amd64.deb            (apt install ./backcoach_VERSION_amd64.deb)
# Both hold the release binary with the ONNX Runtime library next to it (the binary looks
# there first), the models with their SHA256SUMS, the exercises, the licences, a .desktop
# file and an icon. The .deb is built from a staged tree with dpkg-deb (no extra tool).
# Run from anywhere; needs cargo, and dpkg-deb for the .deb.
#
# `scripts/package.sh --dev` packages the debug build instead (what `cargo test` already
# built, so it costs seconds, not a release build): CI uses it to test the packaging
# itself; releases use the default.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "package.sh builds the Linux x86_64 packages only" >&2
  exit 1
fi

VERSION=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
ORT_LIB=libonnxruntime.so.1.32.0
NAME="backcoach-$VERSION-linux-x86_64"
DIST=dist

if [ "${1:-}" = "--dev" ]; then
  cargo build --bin backcoach
  OUT=target/debug
  echo "package.sh: packaging the debug build (for testing the packages only)"
else
  cargo build --release --bin backcoach
  OUT=target/release
fi
BIN=$OUT/backcoach
LIB=$OUT/$ORT_LIB
[ -f "$LIB" ] || { echo "missing $LIB (build.rs fetches it with pip)" >&2; exit 1; }

# Everything the program needs beside it, into $1.
lay_out_app_dir() {
  local dir=$1
  mkdir -p "$dir/models" "$dir/exercises/programme"
  install -m 0755 "$BIN" "$dir/backcoach"
  # Symbols are not needed to run (a debug build's are most of its size).
  if command -v strip >/dev/null; then strip --strip-debug "$dir/backcoach"; fi
  install -m 0644 "$LIB" "$dir/$ORT_LIB"
  install -m 0644 models/*.onnx models/SHA256SUMS models/README.md \
    models/LICENSE-APACHE-2.0.txt "$dir/models/"
  install -m 0644 exercises/*.toml "$dir/exercises/"
  # The programme's rules (sets, reps, back-offs) are data beside the exercises.
  install -m 0644 exercises/programme/*.toml "$dir/exercises/programme/"
}

rm -rf "$DIST"
mkdir -p "$DIST"

# The tarball.
TREE="$DIST/$NAME"
lay_out_app_dir "$TREE"
install -m 0644 packaging/backcoach.desktop packaging/backcoach.svg \
  packaging/LICENSE-MIT packaging/NOTICE.txt "$TREE/"
install -m 0644 models/LICENSE-APACHE-2.0.txt "$TREE/LICENSE-APACHE-2.0.txt"
install -m 0644 README.md "$TREE/README.md"
tar -C "$DIST" --owner=0 --group=0 -czf "$DIST/$NAME.tar.gz" "$NAME"

# The .deb: the program in /usr/lib/backcoach, a link in /usr/bin, the menu entry and icon.
STAGE="$DIST/deb/backcoach_${VERSION}_amd64"
lay_out_app_dir "$STAGE/usr/lib/backcoach"
mkdir -p "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
  "$STAGE/usr/share/icons/hicolor/scalable/apps" "$STAGE/usr/share/doc/backcoach" "$STAGE/DEBIAN"
ln -s ../lib/backcoach/backcoach "$STAGE/usr/bin/backcoach"
install -m 0644 packaging/backcoach.desktop "$STAGE/usr/share/applications/backcoach.desktop"
install -m 0644 packaging/backcoach.svg "$STAGE/usr/share/icons/hicolor/scalable/apps/backcoach.svg"
install -m 0644 packaging/LICENSE-MIT packaging/NOTICE.txt README.md "$STAGE/usr/share/doc/backcoach/"
install -m 0644 models/LICENSE-APACHE-2.0.txt "$STAGE/usr/share/doc/backcoach/LICENSE-APACHE-2.0.txt"
SIZE_KB=$(du -sk "$STAGE/usr" | cut -f1)
cat > "$STAGE/DEBIAN/control" <<EOF
Package: backcoach
Version: $VERSION
Architecture: amd64
Maintainer: backcoach developers <backcoach@localhost>
Installed-Size: $SIZE_KB
Depends: libc6 (>= 2.31), libgcc-s1, libstdc++6, ffmpeg, libspeechd2
Recommends: libxkbcommon-x11-0, libxcursor1, libxi6, libegl1, libgl1-mesa-dri, mesa-vulkan-drivers, speech-dispatcher-espeak-ng
Section: misc
Priority: optional
Description: webcam coach for lower-back exercises
 Watches you through the webcam, checks the neutral stance, knee bend and a slow
 tempo, counts reps and sets, and stops at once when you report pain. Keeps a
 history with a printable report for your therapist (backcoach report) and
 checks the machine with backcoach doctor.
EOF
dpkg-deb --root-owner-group -Zgzip --build "$STAGE" "$DIST/backcoach_${VERSION}_amd64.deb" >/dev/null
rm -rf "$DIST/deb" "$TREE"

ls -l "$DIST"

"""Helpers shared by the accuracy scripts: landmark names, pose-track reading, torso size,
video decoding through the ffmpeg CLI, and running `backcoach pose`.

Standard library + numpy only, so the pose-track helpers work in any Python 3.9+.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# BlazePose's 33 landmarks, in model output order, snake_case as in the pose track.
BLAZEPOSE_NAMES = [
    "nose", "left_eye_inner", "left_eye", "left_eye_outer", "right_eye_inner", "right_eye",
    "right_eye_outer", "left_ear", "right_ear", "mouth_left", "mouth_right", "left_shoulder",
    "right_shoulder", "left_elbow", "right_elbow", "left_wrist", "right_wrist", "left_pinky",
    "right_pinky", "left_index", "right_index", "left_thumb", "right_thumb", "left_hip",
    "right_hip", "left_knee", "right_knee", "left_ankle", "right_ankle", "left_heel",
    "right_heel", "left_foot_index", "right_foot_index",
]

# The 17 COCO keypoints; each has a BlazePose landmark of the same name.
COCO_NAMES = [
    "nose", "left_eye", "right_eye", "left_ear", "right_ear", "left_shoulder",
    "right_shoulder", "left_elbow", "right_elbow", "left_wrist", "right_wrist", "left_hip",
    "right_hip", "left_knee", "right_knee", "left_ankle", "right_ankle",
]

TORSO_DEFINITION = (
    "torso size = mean of the two torso diagonals, "
    "(|left_shoulder - right_hip| + |right_shoulder - left_hip|) / 2, in pixels"
)


def torso_size(points: dict) -> float | None:
    """Mean of the two torso diagonals; `points` maps names to (x, y, ...) in pixels."""
    need = ("left_shoulder", "right_hip", "right_shoulder", "left_hip")
    if any(n not in points for n in need):
        return None
    d1 = math.dist(points["left_shoulder"][:2], points["right_hip"][:2])
    d2 = math.dist(points["right_shoulder"][:2], points["left_hip"][:2])
    return (d1 + d2) / 2.0


def backcoach_binary() -> Path:
    """`$BACKCOACH`, else the release build in this checkout."""
    p = Path(os.environ.get("BACKCOACH", REPO / "target" / "release" / "backcoach"))
    if not p.exists():
        sys.exit(f"backcoach binary not found at {p}: build it (cargo build --release) or set BACKCOACH")
    return p


def run_backcoach_pose(inp: Path, out: Path, extra: list[str] | None = None) -> str:
    """Runs `backcoach pose INPUT --out OUT [extra]`; returns its stderr (the timing line)."""
    cmd = [str(backcoach_binary()), "pose", str(inp), "--out", str(out)] + (extra or [])
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr}")
    return proc.stderr.strip()


def read_track(path: Path) -> list[dict]:
    """Reads a pose track (JSON Lines). Returns the frames in file order."""
    frames = []
    with open(path) as f:
        for i, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                frames.append(json.loads(line))
            except json.JSONDecodeError as e:
                sys.exit(f"{path}:{i}: malformed line: {e}")
    return frames


def probe_video(path: Path) -> tuple[int, int, list[float]]:
    """Width, height and per-frame timestamps (seconds) of the first video stream."""
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height",
         "-of", "json", str(path)],
        check=True, capture_output=True, text=True).stdout
    s = json.loads(out)["streams"][0]
    ts = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
         "frame=best_effort_timestamp_time", "-of", "csv=p=0", str(path)],
        check=True, capture_output=True, text=True).stdout.split()
    return int(s["width"]), int(s["height"]), [float(t.strip(",")) for t in ts if t.strip(",")]


def decode_frames(path: Path, width: int, height: int):
    """Yields every frame as an HxWx3 uint8 RGB numpy array (ffmpeg CLI, rawvideo rgb24)."""
    import numpy as np

    cmd = ["ffmpeg", "-v", "error", "-nostdin", "-i", str(path), "-map", "0:v:0",
           "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"]
    size = width * height * 3
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE)
    try:
        while True:
            buf = proc.stdout.read(size)
            if len(buf) < size:
                break
            yield np.frombuffer(buf, np.uint8).reshape(height, width, 3)
    finally:
        proc.stdout.close()
        proc.wait()

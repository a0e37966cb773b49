#!/usr/bin/env python3
"""The speed peer: MediaPipe 0.10.14's legacy Pose in video mode (model_complexity=1) on
every frame of a video, decoded by the ffmpeg CLI exactly as backcoach decodes it
(rawvideo rgb24 on stdout; size from ffprobe). Writes nothing but one summary line on
stderr (frames, frames with a person, seconds, frames/s), so the whole-process time is
decode + inference.

    /tmp/mpvenv/bin/python scripts/bench/mediapipe_peer.py VIDEO [--complexity 1]
"""

import argparse
import json
import subprocess
import sys
import time

import mediapipe as mp
import numpy as np


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("video")
    ap.add_argument("--complexity", type=int, default=1)
    args = ap.parse_args()
    start = time.perf_counter()
    probe = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height",
         "-of", "json", args.video], check=True, capture_output=True, text=True).stdout
    s = json.loads(probe)["streams"][0]
    w, h = int(s["width"]), int(s["height"])
    size = w * h * 3
    dec = subprocess.Popen(
        ["ffmpeg", "-v", "error", "-nostdin", "-i", args.video, "-map", "0:v:0", "-fps_mode", "passthrough",
         "-f", "rawvideo", "-pix_fmt", "rgb24", "-"], stdout=subprocess.PIPE)
    frames = found = 0
    with mp.solutions.pose.Pose(static_image_mode=False, model_complexity=args.complexity,
                                smooth_landmarks=True, enable_segmentation=False) as pose:
        while True:
            buf = dec.stdout.read(size)
            if len(buf) < size:
                break
            res = pose.process(np.frombuffer(buf, np.uint8).reshape(h, w, 3))
            frames += 1
            found += res.pose_landmarks is not None
    dec.wait()
    secs = time.perf_counter() - start
    print(f"mediapipe: {frames} frames ({found} with a person) in {secs:.2f} s: {frames / secs:.1f} frames/s",
          file=sys.stderr)


if __name__ == "__main__":
    main()

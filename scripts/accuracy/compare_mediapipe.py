#!/usr/bin/env python3
"""Landmark distance between `backcoach pose` and MediaPipe 0.10.14's legacy Pose on the
same video frames.

    python3 -m venv /tmp/mpvenv && /tmp/mpvenv/bin/pip install -r scripts/accuracy/requirements.txt
    /tmp/mpvenv/bin/python scripts/accuracy/compare_mediapipe.py [--models full,lite] [VIDEO ...]

Frames are decoded with the ffmpeg CLI (rawvideo rgb24 on stdout, size from ffprobe), the
same way backcoach decodes them, and every frame goes through
`mp.solutions.pose.Pose(static_image_mode=False, model_complexity=1, smooth_landmarks=True)`
(video mode). backcoach runs with its defaults (smoothing on) and `--model M`.

Per frame where both found a person: the median over the 33 landmarks of the pixel
distance between the two, divided by the torso size of MediaPipe's landmarks (mean of the
two torso diagonals, |left_shoulder - right_hip| and |right_shoulder - left_hip|). The
headline is the median of that over frames. Frames where only one of them found a person
are counted, and so are frames where the two follow different people (per-frame median
distance > 1 torso; the headline includes them). Also checked: frame counts, backcoach's timestamps against ffprobe's, and a
left/right swap test (the distance must grow when one side's names are swapped).
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from posecommon import (BLAZEPOSE_NAMES, REPO, TORSO_DEFINITION, decode_frames, probe_video,  # noqa: E402
                        read_track, run_backcoach_pose, torso_size)

DEFAULT_VIDEOS = [
    REPO.parent / "shared" / "data" / "video" / "pose2sim_single_person_cam01.mp4",
    REPO.parent / "shared" / "data" / "video" / "sports2d_demo_several_people.mp4",
]
SWAPPED = [n.replace("left", "@").replace("right", "left").replace("@", "right") for n in BLAZEPOSE_NAMES]


def mediapipe_track(video: Path, w: int, h: int) -> list[dict]:
    """MediaPipe Pose (video mode, complexity 1) on every frame: name -> (x_px, y_px, vis)."""
    import mediapipe as mp

    out = []
    with mp.solutions.pose.Pose(static_image_mode=False, model_complexity=1, smooth_landmarks=True,
                                enable_segmentation=False) as pose:
        for frame in decode_frames(video, w, h):
            res = pose.process(frame)
            if res.pose_landmarks is None:
                out.append({})
                continue
            out.append({name: (lm.x * w, lm.y * h, lm.visibility)
                        for name, lm in zip(BLAZEPOSE_NAMES, res.pose_landmarks.landmark)})
    return out


def quantiles(xs: list[float]) -> str:
    if not xs:
        return "n/a"
    s = sorted(xs)
    q = lambda p: s[min(len(s) - 1, int(p * (len(s) - 1) + 0.5))]  # noqa: E731
    return f"median {statistics.median(s):.4f}, mean {statistics.fmean(s):.4f}, p90 {q(0.9):.4f}, max {s[-1]:.4f}"


def compare(video: Path, mp_frames: list[dict], ours: list[dict], ts: list[float], label: str) -> dict:
    n_mp, n_ours = len(mp_frames), len(ours)
    if n_mp != n_ours:
        print(f"  WARNING: frame count differs: MediaPipe {n_mp}, backcoach {n_ours}")
    n = min(n_mp, n_ours)
    # Timestamps.
    dts = [abs(o.get("t_secs", math.nan) - t) for o, t in zip(ours, ts)]
    max_dt = max(dts) if dts else math.nan
    both, only_mp, only_ours, neither = [], [], [], []
    per_frame, per_frame_swapped, per_frame_vis = [], [], []
    per_landmark = {name: [] for name in BLAZEPOSE_NAMES}
    bias = {name: [0.0, 0.0, 0] for name in BLAZEPOSE_NAMES}
    for i in range(n):
        m, o = mp_frames[i], ours[i].get("landmarks") or {}
        if m and o:
            both.append(i)
        elif m:
            only_mp.append(i)
        elif o:
            only_ours.append(i)
        else:
            neither.append(i)
        if not (m and o):
            continue
        torso = torso_size(m)
        d, dsw, dvis = [], [], []
        for name, sw in zip(BLAZEPOSE_NAMES, SWAPPED):
            if name not in o:
                continue
            e = math.dist(o[name][:2], m[name][:2]) / torso
            d.append(e)
            per_landmark[name].append(e)
            b = bias[name]
            b[0] += (o[name][0] - m[name][0]) / torso
            b[1] += (o[name][1] - m[name][1]) / torso
            b[2] += 1
            if sw in o:
                dsw.append(math.dist(o[sw][:2], m[name][:2]) / torso)
            if m[name][2] > 0.5:
                dvis.append(e)
        per_frame.append(statistics.median(d))
        if dsw:
            per_frame_swapped.append(statistics.median(dsw))
        if dvis:
            per_frame_vis.append(statistics.median(dvis))

    def ranges(idx: list[int]) -> str:
        if not idx:
            return "none"
        parts, start = [], idx[0]
        for a, b in zip(idx, idx[1:] + [None]):
            if b != a + 1:
                parts.append(f"{start}" if start == a else f"{start}-{a}")
                if b is not None:
                    start = b
        return ", ".join(parts)

    print(f"  [{label}] frames: {n} compared; both found a person {len(both)}, only MediaPipe "
          f"{len(only_mp)} ({ranges(only_mp)}), only backcoach {len(only_ours)} ({ranges(only_ours)}), "
          f"neither {len(neither)}")
    print(f"  [{label}] timestamps: max |t_secs - ffprobe frame time| = {max_dt:.6f} s")
    print(f"  [{label}] per-frame median distance / torso (33 landmarks): {quantiles(per_frame)}")
    print(f"  [{label}] same, landmarks MediaPipe sees (visibility > 0.5): {quantiles(per_frame_vis)}")
    print(f"  [{label}] left/right swapped (sanity, should be larger): {quantiles(per_frame_swapped)}")
    same = [d for d in per_frame if d <= 1.0]
    print(f"  [{label}] frames where the two follow different people (median distance > 1 torso): "
          f"{len(per_frame) - len(same)} ({ranges([both[k] for k, d in enumerate(per_frame) if d > 1.0])}); "
          f"same person only: {quantiles(same)}")
    worst = sorted(((statistics.median(v), k) for k, v in per_landmark.items() if v), reverse=True)[:5]
    print(f"  [{label}] worst landmarks (median over frames): "
          + ", ".join(f"{k} {v:.3f}" for v, k in worst))
    mean_bias = [(b[0] / b[2], b[1] / b[2]) for b in bias.values() if b[2]]
    if mean_bias:
        bx = statistics.fmean(x for x, _ in mean_bias)
        by = statistics.fmean(y for _, y in mean_bias)
        print(f"  [{label}] mean offset ours - MediaPipe over all landmarks: dx {bx:+.4f}, dy {by:+.4f} torso")
    if per_frame:
        worst_frames = sorted(range(len(per_frame)), key=lambda k: -per_frame[k])[:3]
        print(f"  [{label}] worst frames: " + ", ".join(f"#{both[k]} {per_frame[k]:.3f}" for k in worst_frames))
    return {
        "frames": n, "both": len(both), "only_mediapipe": len(only_mp), "only_backcoach": len(only_ours),
        "neither": len(neither), "median_distance_torso": statistics.median(per_frame) if per_frame else None,
        "median_distance_torso_visible": statistics.median(per_frame_vis) if per_frame_vis else None,
        "different_person_frames": len(per_frame) - len(same),
        "median_distance_torso_same_person": statistics.median(same) if same else None,
        "p90_distance_torso": sorted(per_frame)[int(0.9 * (len(per_frame) - 1) + 0.5)] if per_frame else None,
        "max_timestamp_error_s": max_dt,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("videos", nargs="*", type=Path, default=DEFAULT_VIDEOS)
    ap.add_argument("--models", default="full,lite",
                    help="backcoach models to compare (comma-separated; empty: MediaPipe only)")
    ap.add_argument("--extra", default="", help="extra backcoach pose arguments, e.g. --no-smoothing")
    ap.add_argument("--json", type=Path, help="write the results here as JSON")
    ap.add_argument("--keep", type=Path, help="keep the tracks (ours and MediaPipe's) in this folder; "
                    "MediaPipe's track found there is reused")
    args = ap.parse_args()

    import mediapipe as mp

    print(f"# MediaPipe {mp.__version__}, Pose(static_image_mode=False, model_complexity=1, smooth_landmarks=True)")
    print(f"# {TORSO_DEFINITION}, from MediaPipe's landmarks")
    results = {}
    with tempfile.TemporaryDirectory() as tmpd:
        tmp = args.keep or Path(tmpd)
        tmp.mkdir(parents=True, exist_ok=True)
        for video in args.videos:
            w, h, ts = probe_video(video)
            print(f"{video.name}: {w}x{h}, {len(ts)} frames")
            cached = tmp / f"{video.stem}.mediapipe.jsonl"
            if args.keep and cached.exists():
                mp_frames = [f["landmarks"] for f in read_track(cached)]
                print(f"  MediaPipe: {len(mp_frames)} frames read from {cached}")
            else:
                t0 = time.perf_counter()
                mp_frames = mediapipe_track(video, w, h)
                print(f"  MediaPipe: {len(mp_frames)} frames in {time.perf_counter() - t0:.1f} s")
            if args.keep and not cached.exists():
                with open(tmp / f"{video.stem}.mediapipe.jsonl", "w") as f:
                    for lm, t in zip(mp_frames, ts):
                        f.write(json.dumps({"t_secs": t, "image_size": [w, h], "landmarks": lm}) + "\n")
            for model in [m for m in args.models.split(",") if m]:
                out = tmp / f"{video.stem}.{model}.jsonl"
                timing = run_backcoach_pose(video, out, ["--model", model] + args.extra.split())
                print(f"  backcoach --model {model}: {timing}")
                ours = read_track(out)
                sizes = {tuple(f.get("image_size", ())) for f in ours}
                if sizes != {(w, h)}:
                    print(f"  WARNING: backcoach image_size {sizes} != ffprobe {w}x{h}")
                results[f"{video.name}:{model}"] = compare(video, mp_frames, ours, ts, model)
    print("\nsummary (median over frames of the per-frame median distance / torso):")
    for k, r in results.items():
        print(f"  {k:48} {r['median_distance_torso']:.4f}  (both {r['both']}, only MediaPipe "
              f"{r['only_mediapipe']}, only backcoach {r['only_backcoach']}, neither {r['neither']})")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Whole-process throughput and peak memory of `backcoach pose VIDEO --out FILE` against the
MediaPipe peer (scripts/bench/mediapipe_peer.py: MediaPipe 0.10.14 legacy Pose, video mode,
model_complexity=1, frames decoded by the same ffmpeg CLI).

    python3 scripts/bench/peer_fps.py [--runs 5] [--out /tmp/backcoach-bench] [--before BIN]
                                      [--only-full] [VIDEO ...]

Every command runs under GNU time (`/usr/bin/time -v`, apt `time`), which gives its wall
time and its peak memory (maximum resident set size). The commands are interleaved: each
round runs every command once, rounds repeat `--runs` times after one warm-up round, and
the figure is the median over rounds. Interleaving keeps the comparison fair on a noisy
machine (load that comes and goes hits all commands alike); the spread (min-max) is
reported with every median. frames/s = frames in the video / median wall time of the
whole process (start-up, model loading, decoding and inference included).

Without VIDEO arguments: the two shared videos and a longer clip made once in --out:
pose2sim_single_person_cam01.mp4 played 5 times (`-stream_loop 4`), scaled to 720x1280,
libx264 (500 frames). The binary is target/release/backcoach or $BACKCOACH; MediaPipe's
Python is $MP_PYTHON (default /tmp/mpvenv/bin/python, see scripts/accuracy/requirements.txt).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = REPO.parent / "shared" / "data" / "video"


def frames_of(video: Path) -> tuple[int, str]:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "v:0", "-count_packets", "-show_entries",
         "stream=nb_read_packets,width,height", "-of", "json", str(video)],
        check=True, capture_output=True, text=True).stdout
    s = json.loads(out)["streams"][0]
    return int(s["nb_read_packets"]), f"{s['width']}x{s['height']}"


def timed(cmd: list[str], log: Path) -> tuple[float, float]:
    """Runs cmd under /usr/bin/time -v; returns (wall seconds, peak RSS MiB)."""
    t0 = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-v"] + cmd, cwd=REPO, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    log.write_text(proc.stderr)
    if proc.returncode != 0:
        sys.exit(f"{shlex.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    return wall, int(m.group(1)) / 1024 if m else float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("videos", nargs="*", type=Path)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out", type=Path, default=Path("/tmp/backcoach-bench"))
    ap.add_argument("--mp-taskset", action="store_true",
                    help="also run MediaPipe pinned to one core (taskset -c 0)")
    ap.add_argument("--before", type=Path,
                    help="another backcoach binary (e.g. a build of the previous commit), run "
                         "with the full model in the same rounds: a before/after pair")
    ap.add_argument("--only-full", action="store_true",
                    help="leave out the --threads 1 and lite rows (shorter rounds)")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    binary = os.environ.get("BACKCOACH", str(REPO / "target" / "release" / "backcoach"))
    mp_python = os.environ.get("MP_PYTHON", "/tmp/mpvenv/bin/python")
    for p in (binary, mp_python, "/usr/bin/time"):
        if not Path(p).exists():
            sys.exit(f"missing: {p}")
    videos = args.videos
    if not videos:
        loop = args.out / "pose2sim_loop5_720x1280.mp4"
        if not loop.exists():
            subprocess.run(["ffmpeg", "-v", "error", "-y", "-stream_loop", "4", "-i",
                            str(DATA / "pose2sim_single_person_cam01.mp4"), "-vf", "scale=720:1280",
                            "-c:v", "libx264", "-preset", "medium", "-crf", "20", "-an", str(loop)], check=True)
        videos = [DATA / "pose2sim_single_person_cam01.mp4", DATA / "sports2d_demo_several_people.mp4", loop]

    track = str(args.out / "x.jsonl")
    peer = str(REPO / "scripts" / "bench" / "mediapipe_peer.py")
    configs = {
        "backcoach full": [binary, "pose", "{v}", "--out", track],
        "backcoach full --threads 1": [binary, "pose", "{v}", "--out", track, "--threads", "1"],
        "backcoach lite": [binary, "pose", "{v}", "--out", track, "--model", "lite"],
        "mediapipe c1": [mp_python, peer, "{v}"],
    }
    if args.only_full:
        del configs["backcoach full --threads 1"], configs["backcoach lite"]
    if args.before:
        configs["before full"] = [str(args.before), "pose", "{v}", "--out", track]
    if args.mp_taskset:
        configs["mediapipe c1, taskset 1 core"] = ["taskset", "-c", "0", mp_python, peer, "{v}"]

    def load() -> str:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])

    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                if l.startswith("model name")), "?")
    print(f"# machine: {os.cpu_count()} cores, {cpu}; load average at start {load()}")
    print(f"# backcoach {binary}; MediaPipe via {mp_python}; {args.runs} interleaved rounds after 1 warm-up")
    results = {}
    for video in videos:
        n, size = frames_of(video)
        print(f"== {video.name}: {size}, {n} frames", flush=True)
        walls = {k: [] for k in configs}
        rss = {k: [] for k in configs}
        for r in range(args.runs + 1):
            for k, cmd in configs.items():
                w, m = timed([c.replace("{v}", str(video)) for c in cmd],
                             args.out / f"{video.stem}.{k.replace(' ', '_')}.time.txt")
                if r > 0:
                    walls[k].append(w)
                    rss[k].append(m)
            if r > 0:
                print(f"  round {r}: " + ", ".join(f"{k} {walls[k][-1]:.2f}s" for k in configs)
                      + f" (load {load()})", flush=True)
        mp_fps = n / statistics.median(walls["mediapipe c1"])
        for k in configs:
            med = statistics.median(walls[k])
            results[(video.name, k)] = {
                "video": video.name, "size": size, "frames": n, "command": k,
                "median_s": med, "min_s": min(walls[k]), "max_s": max(walls[k]),
                "fps": n / med, "ratio_to_mediapipe": (n / med) / mp_fps, "peak_rss_mib": max(rss[k]),
            }
    lines = ["| video | command | median s (min-max) | frames/s | ratio to MediaPipe | peak RSS MiB |",
             "|---|---|---|---|---|---|"]
    for r in results.values():
        lines.append(f"| {r['video']} ({r['size']}, {r['frames']} frames) | {r['command']} | "
                     f"{r['median_s']:.2f} ({r['min_s']:.2f}-{r['max_s']:.2f}) | {r['fps']:.1f} | "
                     f"{r['ratio_to_mediapipe']:.2f} | {r['peak_rss_mib']:.0f} |")
    table = "\n".join(lines)
    print(table)
    print(f"# load average at end {load()}")
    (args.out / "summary.md").write_text(table + "\n")
    (args.out / "results.json").write_text(json.dumps(list(results.values()), indent=1))


if __name__ == "__main__":
    main()

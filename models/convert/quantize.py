#!/usr/bin/env python3
"""Quantised landmark models (issue #18): build them, time them, check their outputs.

Needs a venv with onnxruntime 1.32 (+ its quantisation tools), onnx, numpy, pillow and,
for fp16, onnxconverter-common (pinned in requirements-quant.txt). The ffmpeg CLI decodes
the calibration frames. Every step writes into WORK (default /tmp/backcoach-quant); nothing
is written into the repository.

    python3.11 -m venv /tmp/qvenv && /tmp/qvenv/bin/pip install -r models/convert/requirements-quant.txt
    PY=/tmp/qvenv/bin/python
    # 0. pose tracks of the calibration videos, with the shipped fp32 models (release binary):
    for v in ../shared/data/video/*.mp4 ../shared/data/sitting/*.mp4; do
        backcoach pose "$v" --out WORK/tracks/$(basename "$v" .mp4).jsonl --threads 1; done
    # 1. calibration crops (WORK/calib.npz) from those tracks and videos
    $PY models/convert/quantize.py calib
    # 2. the quantised variants of both landmark models (WORK/variants/*.onnx), and the
    #    mixed-precision ones reported in models/README.md
    $PY models/convert/quantize.py quantize --mixed 0:3 --mixed 2:3 --mixed 2:12 --mixed 0:24 \
        --mixed 24:0 --mixed proj --mixed dw
    # 3. speed: interleaved, 1 and 2 threads, medians (README: 300 runs, and a 1-thread run of
    #    --variants static_u8s8,mixed_0_3,mixed_24_0,mixed_2_12)
    $PY models/convert/quantize.py --variants static_u8s8,fp16 bench --runs 300
    # 4. output parity vs fp32 on the golden crop and on held-out crops of the real dev videos
    #    (their tracks first: backcoach pose ../shared/data/real/X.mp4 --out WORK/tracks/X.jsonl)
    $PY models/convert/quantize.py calib --held-out --per-video 24
    $PY models/convert/quantize.py parity --heldout WORK/heldout.npz
    $PY models/convert/quantize.py sensitivity --model full --variant static_u8s8
    # 5. PCK@0.2 on the real dev videos: tracks WORK/dev/VIDEO.{fp32,static_u8s8}.{full,lite}.jsonl
    #    from `BACKCOACH_MODELS_DIR=DIR backcoach pose VIDEO --model M --threads 1` (DIR = a copy
    #    of models/ with the quantised file under the original name), MediaPipe's tracks from
    #    `compare_mediapipe.py --models "" --keep WORK/mp ../shared/data/real/*.mp4`
    $PY models/convert/quantize.py --variants static_u8s8 devpck --tracks WORK/dev --mediapipe WORK/mp

Calibration data recipe (step 1). The landmark model sees a 256x256 crop aligned to the
person, so the calibration set is made of such crops from real video, never from the
videos the accuracy is judged on (../shared/data/real/ and the COCO photo): the two clips in
../shared/data/video/ and the three in ../shared/data/sitting/. For each clip, frames where
backcoach's fp32 track has a person are taken evenly spaced (--per-video, default 32, so
160 crops), and each crop is rebuilt from the track's 33 landmarks the way MediaPipe builds
its region of interest: centre = mid-hip; rotation so that the mid-hip -> mid-shoulder
vector points up; side = 2 x 1.25 x the largest distance from the mid-hip to any landmark
(MediaPipe: 2 x the hip-centred body radius, x 1.25). The crop is sampled with Pillow's
bilinear affine transform, black outside the frame, and fed as pixels / 255 (the model's
[0, 1] NHWC input). The same recipe on ../shared/data/real/ gives the held-out crops for the
parity step (`calib --held-out`), which are not used for calibration.

Variants written by step 2 (ONNX Runtime quantisation tools, our settings):
  static_u8s8   QDQ, per-channel int8 weights, uint8 activations, MinMax calibration
  static_s8s8   QDQ, per-channel int8 weights, int8 activations, MinMax calibration
  static_u8s8_pct  as static_u8s8 with Percentile (99.999) calibration
  dynamic       quantize_dynamic, int8 weights (ConvInteger), activations quantised at run time
  fp16          onnxconverter_common float16, fp32 input/output kept (keep_io_types)
  mixed_*       static_u8s8 with some Conv nodes left fp32 (`quantize --mixed`)
Before the static ones the model goes through ORT's quant_pre_process (shape inference +
graph optimisation), as the ORT documentation recommends.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SHARED = REPO.parent / "shared" / "data"
sys.path.insert(0, str(REPO / "scripts" / "accuracy"))
from posecommon import decode_frames, probe_video, read_track  # noqa: E402

CALIB_VIDEOS = [
    SHARED / "video" / "pose2sim_single_person_cam01.mp4",
    SHARED / "video" / "sports2d_demo_several_people.mp4",
    SHARED / "sitting" / "frailty_tug_side.mp4",
    SHARED / "sitting" / "miami_sit_to_stand_instructional_edited.mp4",
    SHARED / "sitting" / "physio_sitting_posture_demo_side.mp4",
]
HELDOUT_VIDEOS = sorted((SHARED / "real").glob("*.mp4"))
MODELS = ("full", "lite")
VARIANTS = ("static_u8s8", "static_s8s8", "static_u8s8_pct", "dynamic", "fp16")
SIZE = 256


# ---------------------------------------------------------------- calibration crops

def roi_from_landmarks(lms: dict) -> tuple[np.ndarray, np.ndarray, float] | None:
    """(centre, up unit vector, side) in pixels from a track frame's landmarks."""
    need = ("left_hip", "right_hip", "left_shoulder", "right_shoulder")
    if any(n not in lms for n in need):
        return None
    hip = (np.array(lms["left_hip"][:2]) + np.array(lms["right_hip"][:2])) / 2
    sho = (np.array(lms["left_shoulder"][:2]) + np.array(lms["right_shoulder"][:2])) / 2
    up = sho - hip
    n = float(np.hypot(*up))
    if n < 1e-3:
        return None
    radius = max(float(np.hypot(*(np.array(p[:2]) - hip))) for p in lms.values())
    return hip, up / n, 2.0 * 1.25 * radius


def crop(frame: np.ndarray, centre: np.ndarray, up: np.ndarray, side: float) -> np.ndarray:
    """256x256 uint8 crop: output x axis = `up` turned 90 deg clockwise, output y axis = -up."""
    x_axis = np.array([-up[1], up[0]])
    y_axis = -up
    s = side / SIZE
    # Output pixel (u, v) -> input centre + ((u - 128) * x_axis + (v - 128) * y_axis) * s.
    # Pillow samples at pixel centres with this mapping, so the offset is about 128 exactly.
    a, d = x_axis * s
    b, e = y_axis * s
    c = centre[0] - (a + b) * SIZE / 2
    f = centre[1] - (d + e) * SIZE / 2
    img = Image.fromarray(frame)
    out = img.transform((SIZE, SIZE), Image.Transform.AFFINE, (a, b, c, d, e, f),
                        resample=Image.Resampling.BILINEAR, fillcolor=(0, 0, 0))
    return np.asarray(out, dtype=np.uint8)


def crops_from(videos: list[Path], tracks: Path, per_video: int) -> tuple[np.ndarray, list[str]]:
    out, names = [], []
    for video in videos:
        track = tracks / f"{video.stem}.jsonl"
        if not track.exists():
            sys.exit(f"missing {track}: run `backcoach pose {video} --out {track}` first")
        frames = read_track(track)
        with_person = [i for i, f in enumerate(frames) if f.get("landmarks")]
        if not with_person:
            continue
        k = min(per_video, len(with_person))
        pick = {with_person[round(j * (len(with_person) - 1) / max(1, k - 1))] for j in range(k)}
        w, h, _ = probe_video(video)
        for i, frame in enumerate(decode_frames(video, w, h)):
            if i not in pick:
                continue
            roi = roi_from_landmarks(frames[i]["landmarks"])
            if roi is None:
                continue
            out.append(crop(frame, *roi))
            names.append(f"{video.name}#{i}")
        print(f"{video.name}: {sum(n.startswith(video.name + '#') for n in names)} crops")
    return np.stack(out), names


def cmd_calib(args):
    videos = HELDOUT_VIDEOS if args.held_out else CALIB_VIDEOS
    x, names = crops_from(videos, args.work / "tracks", args.per_video)
    dest = args.work / ("heldout.npz" if args.held_out else "calib.npz")
    np.savez_compressed(dest, crops=x, names=np.array(names))
    print(f"wrote {dest}: {x.shape}")
    if args.sheet:
        # Contact sheet to eyeball the crops (people upright and centred).
        n = min(len(x), 64)
        cols = 8
        sheet = Image.new("RGB", (cols * 128, math.ceil(n / cols) * 128))
        for j in range(n):
            sheet.paste(Image.fromarray(x[j * len(x) // n]).resize((128, 128)), ((j % cols) * 128, (j // cols) * 128))
        sheet.save(args.sheet)
        print(f"wrote {args.sheet}")


# ---------------------------------------------------------------- quantisation

def cmd_quantize(args):
    import onnx
    from onnxruntime.quantization import (CalibrationDataReader, CalibrationMethod, QuantFormat, QuantType,
                                          quantize_dynamic, quantize_static)
    from onnxruntime.quantization.shape_inference import quant_pre_process

    calib = np.load(args.work / "calib.npz")["crops"]
    rng = np.random.default_rng(0)
    order = rng.permutation(len(calib))[: args.calib_n]

    class Reader(CalibrationDataReader):
        def __init__(self):
            self.it = iter(order)

        def get_next(self):
            i = next(self.it, None)
            if i is None:
                return None
            return {"input_1": (calib[i].astype(np.float32) / 255.0)[None]}

    out = args.work / "variants"
    out.mkdir(parents=True, exist_ok=True)
    for m in MODELS:
        src = args.models_dir / f"pose_landmark_{m}.onnx"
        pre = out / f"{m}_pre.onnx"
        quant_pre_process(str(src), str(pre), skip_symbolic_shape=True)  # static shapes: ONNX shape inference is enough
        want = args.variants.split(",")
        settings = {
            "static_u8s8": (QuantType.QUInt8, CalibrationMethod.MinMax, {}),
            "static_s8s8": (QuantType.QInt8, CalibrationMethod.MinMax, {}),
            "static_u8s8_pct": (QuantType.QUInt8, CalibrationMethod.Percentile, {"CalibPercentile": 99.999}),
        }
        for name, (act, method, extra) in settings.items():
            if name not in want:
                continue
            t0 = time.perf_counter()
            quantize_static(str(pre), str(out / f"{m}_{name}.onnx"), Reader(), quant_format=QuantFormat.QDQ,
                            per_channel=True, activation_type=act, weight_type=QuantType.QInt8,
                            calibrate_method=method, extra_options=extra)
            print(f"{m} {name}: {time.perf_counter() - t0:.1f} s")
        for spec in args.mixed:
            # Mixed precision, static_u8s8 except for Conv nodes kept fp32: "K:L" keeps the
            # first K and the last L Conv nodes in graph order (the last three are the output
            # heads); "proj" keeps the linear 1x1 projections (Conv not followed by Clip);
            # "dw" keeps the depthwise convolutions (group > 1).
            g = onnx.load(str(pre)).graph
            convs = [n for n in g.node if n.op_type == "Conv"]
            clip_inputs = {n.input[0] for n in g.node if n.op_type == "Clip"}
            if spec == "proj":
                keep, tag = [n.name for n in convs if n.output[0] not in clip_inputs], "proj"
            elif spec == "dw":
                keep = [n.name for n in convs if any(a.name == "group" and a.i > 1 for a in n.attribute)]
                tag = "dw"
            else:
                k, l = (int(v) for v in spec.split(":"))
                keep, tag = [n.name for n in convs[:k] + (convs[-l:] if l else [])], f"{k}_{l}"
            t0 = time.perf_counter()
            quantize_static(str(pre), str(out / f"{m}_mixed_{tag}.onnx"), Reader(), quant_format=QuantFormat.QDQ,
                            per_channel=True, activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
                            calibrate_method=CalibrationMethod.MinMax, nodes_to_exclude=keep)
            print(f"{m} mixed_{tag} ({len(keep)} of {len(convs)} Conv fp32): {time.perf_counter() - t0:.1f} s")
        if "dynamic" in want:
            quantize_dynamic(str(pre), str(out / f"{m}_dynamic.onnx"), weight_type=QuantType.QInt8, per_channel=True)
            print(f"{m} dynamic")
        if "fp16" in want:
            from onnxconverter_common import float16
            half = float16.convert_float_to_float16(onnx.load(str(src)), keep_io_types=True)
            onnx.save(half, str(out / f"{m}_fp16.onnx"))
            print(f"{m} fp16")
    for p in sorted(out.glob("*.onnx")):
        print(f"{p.name:28} {p.stat().st_size:>11,} B")


# ---------------------------------------------------------------- speed

def session(path: Path, threads: int):
    import onnxruntime as ort
    so = ort.SessionOptions()
    so.intra_op_num_threads = threads
    so.inter_op_num_threads = 1
    # As the engine: no spinning between operators (src/engine/mod.rs, load_model).
    so.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"])


def golden_input() -> np.ndarray:
    with Image.open(HERE / "golden_crop_256.png") as im:
        return (np.asarray(im.convert("RGB"), dtype=np.float32) / 255.0)[None]


def model_paths(args) -> dict[str, Path]:
    paths = {}
    for m in MODELS:
        paths[f"{m}/fp32"] = args.models_dir / f"pose_landmark_{m}.onnx"
        names = args.variants.split(",")
        if "mixed" in names:  # every mixed-precision file written by `quantize --mixed`
            names += [p.stem.split("_", 1)[1] for p in sorted((args.work / "variants").glob(f"{m}_mixed_*.onnx"))]
        for v in names:
            p = args.work / "variants" / f"{m}_{v}.onnx"
            if p.exists():
                paths[f"{m}/{v}"] = p
    return paths


def cmd_bench(args):
    x = golden_input()
    paths = model_paths(args)
    results = {}
    for threads in [int(t) for t in args.threads.split(",")]:
        sessions = {k: session(p, threads) for k, p in paths.items()}
        for s in sessions.values():  # warm-up
            for _ in range(10):
                s.run(["Identity"], {"input_1": x})
        times = {k: [] for k in sessions}
        rng = random.Random(threads)
        rounds = math.ceil(args.runs / args.block)
        for _ in range(rounds):
            keys = list(sessions)
            rng.shuffle(keys)  # interleaved, in a fresh random order every round
            for k in keys:
                s = sessions[k]
                for _ in range(args.block):
                    t0 = time.perf_counter()
                    s.run(None, {"input_1": x})
                    times[k].append((time.perf_counter() - t0) * 1e3)
        for k, ts in times.items():
            q = np.percentile(ts, [10, 25, 50, 75, 90])
            results[f"{k}@{threads}"] = {"runs": len(ts), "p10": q[0], "p25": q[1], "median": q[2],
                                        "p75": q[3], "p90": q[4]}
            print(f"threads {threads}  {k:22} n={len(ts)}  median {q[2]:6.2f} ms  "
                  f"IQR {q[1]:6.2f}-{q[3]:6.2f}  p10-p90 {q[0]:6.2f}-{q[4]:6.2f}", flush=True)
    if args.json:
        prev = json.loads(args.json.read_text()) if args.json.exists() and args.append else {}
        prev.update(results)
        args.json.write_text(json.dumps(prev, indent=1))


# ---------------------------------------------------------------- parity

def cmd_parity(args):
    paths = model_paths(args)
    inputs = {"golden": golden_input()}
    if args.heldout and args.heldout.exists():
        h = np.load(args.heldout)["crops"]
        inputs["heldout"] = h.astype(np.float32) / 255.0
    report = {}
    for m in MODELS:
        ref = session(paths[f"{m}/fp32"], 1)
        for k, p in paths.items():
            if not k.startswith(m + "/") or k.endswith("/fp32"):
                continue
            s = session(p, 1)
            for name, xs in inputs.items():
                xs = xs if xs.ndim == 4 and len(xs) > 1 else xs.reshape(-1, SIZE, SIZE, 3)
                d_xy, d_flag, d_world, d_vis = [], [], [], []
                for x in xs:
                    a = ref.run(None, {"input_1": x[None]})
                    b = s.run(None, {"input_1": x[None]})
                    la, lb = a[0].reshape(39, 5), b[0].reshape(39, 5)
                    # 33 body landmarks, x/y in 256-px crop units
                    d_xy.append(np.hypot(*(la[:33, :2] - lb[:33, :2]).T))
                    sig = lambda v: 1 / (1 + np.exp(-v))  # noqa: E731
                    d_vis.append(np.abs(sig(la[:33, 3]) - sig(lb[:33, 3])))
                    d_flag.append(abs(float(a[1].ravel()[0]) - float(b[1].ravel()[0])))
                    d_world.append(np.abs(a[2] - b[2]).max())
                d_xy = np.stack(d_xy)
                r = {"crops": len(xs), "xy_max_px": float(d_xy.max()),
                     "xy_mean_px": float(d_xy.mean()),
                     "xy_p95_px": float(np.percentile(d_xy, 95)),
                     "frame_median_px_median": float(np.median(np.median(d_xy, axis=1))),
                     "visibility_max": float(np.max(d_vis)), "flag_max": float(max(d_flag)),
                     "world_max_m": float(max(d_world))}
                report[f"{k}:{name}"] = r
                print(f"{k:22} {name:8} n={r['crops']:3}  landmark xy diff (256-px crop): max {r['xy_max_px']:6.2f} "
                      f"mean {r['xy_mean_px']:5.2f} p95 {r['xy_p95_px']:5.2f}; visibility max {r['visibility_max']:.3f}; "
                      f"flag max {r['flag_max']:.4f}; world max {r['world_max_m']:.3f} m", flush=True)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))


# ---------------------------------------------------------------- where the error comes from

def cmd_sensitivity(args):
    """SQNR (dB) of every intermediate tensor of a quantised model vs the fp32 model on every
    10th held-out crop (ORT's qdq_loss_debug). `xmodel` compares the two models' tensors; for
    Clip outputs it is pessimistic, since the quantised graph drops the Clip (the Q saturates)."""
    import onnx
    from onnxruntime.quantization import CalibrationDataReader
    from onnxruntime.quantization.qdq_loss_debug import (collect_activations, compute_activation_error,
                                                         create_activation_matching,
                                                         modify_model_output_intermediate_tensors)
    crops = np.load(args.work / "heldout.npz")["crops"][::10]

    class Reader(CalibrationDataReader):
        def __init__(self):
            self.it = iter(crops)

        def get_next(self):
            x = next(self.it, None)
            return None if x is None else {"input_1": (x.astype(np.float32) / 255.0)[None]}

    m, v = args.model, args.variant
    pre, q = args.work / "variants" / f"{m}_pre.onnx", args.work / "variants" / f"{m}_{v}.onnx"
    aug_f, aug_q = args.work / f"{m}_pre_aug.onnx", args.work / f"{m}_{v}_aug.onnx"
    modify_model_output_intermediate_tensors(str(pre), str(aug_f))
    modify_model_output_intermediate_tensors(str(q), str(aug_q))
    err = compute_activation_error(create_activation_matching(collect_activations(str(aug_q), Reader()),
                                                              collect_activations(str(aug_f), Reader())))
    nodes = onnx.load(str(pre)).graph.node
    where = {o: (i, n.op_type) for i, n in enumerate(nodes) for o in n.output}
    for i, op, name, e in sorted((where[k][0], where[k][1], k, e) for k, e in err.items()
                                 if "xmodel_err" in e and k in where):
        print(f"{i:4} {op:8} xmodel SQNR {e['xmodel_err']:6.1f} dB  {name[:70]}")


# ---------------------------------------------------------------- PCK on the dev videos

def pck_tracks(ref: list[dict], ours: list[dict], alpha: float) -> tuple[int, int, int]:
    """(correct, total keypoints, reference frames) over the 17 COCO keypoints of every frame
    where `ref` has a person; threshold alpha x the reference's torso (mean of the two torso
    diagonals, as pck_coco.py); a keypoint `ours` does not report counts as wrong."""
    from posecommon import COCO_NAMES, torso_size
    correct = total = frames = 0
    for r, o in zip(ref, ours):
        r = r.get("landmarks") or {}
        o = o.get("landmarks") or {}
        torso = torso_size(r) if r else None
        if not torso:
            continue
        frames += 1
        for name in COCO_NAMES:
            if name not in r:
                continue
            total += 1
            if name in o and math.dist(o[name][:2], r[name][:2]) <= alpha * torso:
                correct += 1
    return correct, total, frames


def cmd_devpck(args):
    """PCK@alpha on the real dev videos of backcoach's fp32 and quantised tracks, against
    MediaPipe 0.10.14's track of the same frames (compare_mediapipe.py --keep) and, for the
    quantised one, against our own fp32 track."""
    videos = HELDOUT_VIDEOS
    report = {}
    for m in MODELS:
        for v in ["fp32"] + args.variants.split(","):
            rows = {}
            tot = {"mp": [0, 0, 0], "fp32": [0, 0, 0]}
            for video in videos:
                ours_p = args.tracks / f"{video.stem}.{v}.{m}.jsonl"
                mp_p = args.mediapipe / f"{video.stem}.mediapipe.jsonl"
                if not ours_p.exists() or not mp_p.exists():
                    continue
                ours = read_track(ours_p)
                refs = {"mp": read_track(mp_p), "fp32": read_track(args.tracks / f"{video.stem}.fp32.{m}.jsonl")}
                row = {"frames_with_person": sum(bool(f.get("landmarks")) for f in ours)}
                for rk, ref in refs.items():
                    c, t, fr = pck_tracks(ref, ours, args.alpha)
                    row[f"pck_vs_{rk}"] = c / t if t else None
                    for j, x in enumerate((c, t, fr)):
                        tot[rk][j] += x
                rows[video.name] = row
            if not rows:
                continue
            summary = {f"pck_vs_{rk}": (c / t if t else None) for rk, (c, t, _) in tot.items()}
            report[f"{m}/{v}"] = {"videos": rows, "pooled": summary}
            print(f"{m}/{v}: pooled PCK@{args.alpha} vs MediaPipe {summary['pck_vs_mp']:.4f} "
                  f"({tot['mp'][0]}/{tot['mp'][1]} keypoints, {tot['mp'][2]} frames), vs our fp32 "
                  f"{summary['pck_vs_fp32']:.4f}")
            for name, row in rows.items():
                print(f"    {name:36} person frames {row['frames_with_person']:4}  vs MediaPipe "
                      f"{row['pck_vs_mp']:.4f}  vs fp32 {row['pck_vs_fp32']:.4f}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", type=Path, default=Path(os.environ.get("BACKCOACH_QUANT_DIR", "/tmp/backcoach-quant")))
    ap.add_argument("--models-dir", type=Path, default=HERE.parent)
    ap.add_argument("--variants", default=",".join(VARIANTS))
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("calib")
    c.add_argument("--per-video", type=int, default=32)
    c.add_argument("--held-out", action="store_true", help="crops of ../shared/data/real/ (for parity only)")
    c.add_argument("--sheet", type=Path, help="write a contact sheet PNG of the crops here")
    q = sub.add_parser("quantize")
    q.add_argument("--calib-n", type=int, default=160)
    q.add_argument("--mixed", action="append", default=[], metavar="K:L|proj|dw",
                   help="also write MODEL_mixed_*.onnx: static_u8s8 with some Conv nodes fp32 (see the code)")
    b = sub.add_parser("bench")
    b.add_argument("--runs", type=int, default=200)
    b.add_argument("--block", type=int, default=10, help="consecutive runs of one model per turn")
    b.add_argument("--threads", default="1,2")
    b.add_argument("--json", type=Path)
    b.add_argument("--append", action="store_true")
    p = sub.add_parser("parity")
    p.add_argument("--heldout", type=Path)
    p.add_argument("--json", type=Path)
    d = sub.add_parser("devpck")
    d.add_argument("--tracks", type=Path, required=True, help="VIDEO.VARIANT.MODEL.jsonl tracks of ../shared/data/real")
    d.add_argument("--mediapipe", type=Path, required=True, help="VIDEO.mediapipe.jsonl (compare_mediapipe.py --keep)")
    d.add_argument("--alpha", type=float, default=0.2)
    d.add_argument("--json", type=Path)
    se = sub.add_parser("sensitivity")
    se.add_argument("--model", default="full", choices=MODELS)
    se.add_argument("--variant", default="static_u8s8")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    {"calib": cmd_calib, "quantize": cmd_quantize, "bench": cmd_bench, "parity": cmd_parity, "devpck": cmd_devpck, "sensitivity": cmd_sensitivity}[args.cmd](args)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""PCK@0.2 of `backcoach pose` on the labelled COCO photo, plus a detection check on a
second (unlabelled) photo.

    python3 scripts/accuracy/pck_coco.py [--model full|lite] [--data DIR]

A keypoint is correct when its distance to the ground truth is at most 0.2 x the torso
size of the ground truth; torso size = mean of the two torso diagonals
(|left_shoulder - right_hip| + |right_shoulder - left_hip|) / 2. The single-diagonal
variant (|left_shoulder - right_hip| only) is printed too. Only COCO keypoints labelled
in the ground truth (flag > 0) count; a keypoint our track does not report counts as
wrong. Standard library only; the binary is target/release/backcoach or $BACKCOACH.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from posecommon import COCO_NAMES, REPO, TORSO_DEFINITION, read_track, run_backcoach_pose, torso_size  # noqa: E402

SWAP = {n: (n.replace("left_", "right_") if n.startswith("left_") else n.replace("right_", "left_"))
        for n in COCO_NAMES}


def pose_of(image: Path, model: str, tmp: Path) -> tuple[dict, list, str]:
    out = tmp / (image.stem + ".jsonl")
    timing = run_backcoach_pose(image, out, ["--model", model])
    frames = read_track(out)
    if len(frames) != 1:
        sys.exit(f"expected 1 frame for {image}, got {len(frames)}")
    return frames[0].get("landmarks", {}), frames[0].get("image_size"), timing


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="full", choices=["full", "lite"])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "images")
    ap.add_argument("--alpha", type=float, default=0.2)
    args = ap.parse_args()

    image = args.data / "coco_000000000785.jpg"
    gt_doc = json.loads((args.data / "coco_000000000785.keypoints.json").read_text())
    gt = {k: v for k, v in gt_doc["keypoints"].items() if v[2] > 0}

    with tempfile.TemporaryDirectory() as tmpd:
        tmp = Path(tmpd)
        lms, size, timing = pose_of(image, args.model, tmp)
        print(f"# {image.name} (model {args.model}): image_size {size}, ground truth {gt_doc['image_size']}")
        print(f"# backcoach: {timing}")
        if list(size) != list(gt_doc["image_size"]):
            print(f"WARNING: image_size {size} differs from the ground truth's {gt_doc['image_size']}")
        if not lms:
            print("no person detected: PCK = 0")
            sys.exit(1)

        torso = torso_size(gt)
        torso_1 = math.dist(gt["left_shoulder"][:2], gt["right_hip"][:2])
        thr = args.alpha * torso
        print(f"# {TORSO_DEFINITION}")
        print(f"# ground-truth torso {torso:.1f} px -> threshold {args.alpha} x torso = {thr:.1f} px "
              f"(left_shoulder-right_hip only: {torso_1:.1f} px -> {args.alpha * torso_1:.1f} px)")
        print(f"{'keypoint':16} {'gt x,y':>12} {'ours x,y':>16} {'vis':>5} {'err px':>7} {'err/torso':>9}  ok")
        errs, errs_swapped = {}, {}
        for name in COCO_NAMES:
            if name not in gt:
                continue
            gx, gy = gt[name][:2]
            if name not in lms:
                print(f"{name:16} {gx:5.0f},{gy:<6.0f} {'missing':>16}")
                errs[name] = math.inf
                continue
            x, y, vis = lms[name]
            e = math.dist((x, y), (gx, gy))
            errs[name] = e
            sw = lms.get(SWAP[name])
            errs_swapped[name] = math.dist(sw[:2], (gx, gy)) if sw else math.inf
            print(f"{name:16} {gx:5.0f},{gy:<6.0f} {x:7.1f},{y:<8.1f} {vis:5.2f} {e:7.1f} {e / torso:9.3f}  "
                  f"{'yes' if e <= thr else 'NO'}")
        n = len(errs)
        correct = sum(e <= thr for e in errs.values())
        correct_1 = sum(e <= args.alpha * torso_1 for e in errs.values())
        finite = [e for e in errs.values() if math.isfinite(e)]
        print(f"PCK@{args.alpha} (mean-diagonal torso) = {correct}/{n} = {correct / n:.3f}")
        print(f"PCK@{args.alpha} (left_shoulder-right_hip torso) = {correct_1}/{n} = {correct_1 / n:.3f}")
        print(f"mean error {sum(finite) / len(finite):.1f} px, max {max(finite):.1f} px, "
              f"median/torso {sorted(finite)[len(finite) // 2] / torso:.3f}")
        # Left/right sanity check: with the sides swapped the error must be larger.
        lr = [k for k in errs_swapped if k != SWAP[k]]
        worse = sum(errs_swapped[k] > errs[k] for k in lr)
        print(f"left/right check: swapping sides increases the error on {worse}/{len(lr)} lateral keypoints")

        yoga = args.data / "pexels_yoga_pose.jpg"
        if yoga.exists():
            ylms, ysize, ytiming = pose_of(yoga, args.model, tmp)
            if ylms:
                xs = [v[0] for v in ylms.values()]
                ys = [v[1] for v in ylms.values()]
                vis = sorted(v[2] for v in ylms.values())
                print(f"# {yoga.name}: image_size {ysize}: person detected, {len(ylms)} landmarks, bbox x "
                      f"{min(xs):.0f}-{max(xs):.0f} y {min(ys):.0f}-{max(ys):.0f}, median visibility "
                      f"{vis[len(vis) // 2]:.2f} (no labels: detection only)")
            else:
                print(f"# {yoga.name}: image_size {ysize}: NO person detected")


if __name__ == "__main__":
    main()

"""Golden reference for the landmark model: a fixed 256x256 crop and its outputs.

Run in the onnxruntime venv (numpy, Pillow, onnxruntime; see requirements-ort.txt):

  python models/convert/reference_landmarks.py \
      [--image /work/shared/data/images/coco_000000000785.jpg] [--model models/pose_landmark_full.onnx]

Writes, next to this script:
  golden_crop_256.png        the exact model input as 8-bit RGB: the input tensor is
                             this PNG's pixels / 255.0, NHWC [1, 256, 256, 3] float32
  golden_full_landmarks.json the `Identity` output as 39 x 5 rows (x, y, z,
                             visibility logit, presence logit; x, y, z in 256-px crop
                             units) and the `Identity_1` pose flag, plus the crop definition

Crop (see inputs.py): COCO val2017 image 000000000785 (640x425); square box
x0=173, y0=1, side=434 px (the COCO person box, centred, side 1.25 x its height),
i.e. pixels x in [173, 607), y in [1, 435); the 10 rows below the photo are black;
resized to 256x256 with Pillow's Image.resize(..., Image.BILINEAR).
"""

import argparse
import hashlib
import json
import os
import re
import sys

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import inputs  # noqa: E402

# MediaPipe landmark index for each COCO-17 keypoint name (only the shared ones).
MP_INDEX = {
    "nose": 0, "left_shoulder": 11, "right_shoulder": 12, "left_elbow": 13,
    "right_elbow": 14, "left_wrist": 15, "right_wrist": 16, "left_hip": 23,
    "right_hip": 24, "left_knee": 25, "right_knee": 26, "left_ankle": 27,
    "right_ankle": 28,
}


def main():
    ap = argparse.ArgumentParser(description="golden landmark reference")
    ap.add_argument("--image", default=inputs.DEFAULT_IMAGE)
    ap.add_argument("--model", default=os.path.join(HERE, "..", "pose_landmark_full.onnx"))
    ap.add_argument("--out-dir", default=HERE)
    args = ap.parse_args()

    import onnxruntime as ort

    png_path = os.path.join(args.out_dir, "golden_crop_256.png")
    json_path = os.path.join(args.out_dir, "golden_full_landmarks.json")

    crop = inputs.golden_crop_image(inputs.load_rgb(args.image))
    crop.save(png_path, format="PNG", optimize=False)
    # Build the tensor from the PNG as written, so the PNG alone defines the input.
    with Image.open(png_path) as im:
        assert im.mode == "RGB" and im.size == (256, 256)
        pixels = np.asarray(im, dtype=np.uint8)
    x = inputs.landmark_input_from_crop(Image.fromarray(pixels))

    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    so.inter_op_num_threads = 1
    sess = ort.InferenceSession(args.model, sess_options=so, providers=["CPUExecutionProvider"])
    ident, flag = sess.run(["Identity", "Identity_1"], {"input_1": x})
    rows = ident.reshape(39, 5)

    side = inputs.GOLDEN_CROP_SIDE
    to_src = side / inputs.LANDMARK_SIZE
    in_src = [
        [inputs.GOLDEN_CROP_X0 + float(r[0]) * to_src, inputs.GOLDEN_CROP_Y0 + float(r[1]) * to_src]
        for r in rows[:33]
    ]

    check = {}
    kp_path = os.path.splitext(args.image)[0] + ".keypoints.json"
    if os.path.exists(kp_path):
        with open(kp_path) as f:
            gt = json.load(f)["keypoints"]
        errs = {
            k: float(np.hypot(in_src[i][0] - gt[k][0], in_src[i][1] - gt[k][1]))
            for k, i in MP_INDEX.items()
        }
        check = {
            "note": "distance in source-image px between these landmarks and the COCO "
                    "ground-truth keypoints (a sanity check, not part of the golden data)",
            "mean_px": float(np.mean(list(errs.values()))),
            "max_px": float(np.max(list(errs.values()))),
            "per_keypoint_px": {k: round(v, 2) for k, v in errs.items()},
        }

    out = {
        "description": "Golden output of pose_landmark_full.onnx on golden_crop_256.png",
        "source_image": {
            "file": os.path.basename(args.image),
            "origin": "COCO val2017 image 000000000785 (CC BY 4.0)",
            "size_wh": list(inputs.load_rgb(args.image).size),
        },
        "crop": {
            "x0": inputs.GOLDEN_CROP_X0,
            "y0": inputs.GOLDEN_CROP_Y0,
            "width": side,
            "height": side,
            "outside_photo": "black (0,0,0)",
            "resize": "Pillow Image.resize((256, 256), Image.BILINEAR)",
            "png": "golden_crop_256.png",
            "png_pixels_sha256": hashlib.sha256(pixels.tobytes()).hexdigest(),
        },
        "input": {
            "name": "input_1",
            "shape": [1, 256, 256, 3],
            "dtype": "float32",
            "layout": "NHWC, RGB",
            "value": "png pixel / 255.0",
        },
        "runtime": f"onnxruntime {ort.__version__}, CPUExecutionProvider, 1 thread",
        "Identity_columns": ["x", "y", "z", "visibility_logit", "presence_logit"],
        "Identity_units": "x, y, z in 256-px crop units (z relative, same scale as x)",
        "Identity": [[float(v) for v in r] for r in rows],
        "Identity_1": float(flag.reshape(-1)[0]),
        "landmarks_in_source_px": {
            "note": "first 33 rows mapped back: (x0 + x * 434/256, y0 + y * 434/256)",
            "xy": [[round(a, 3), round(b, 3)] for a, b in in_src],
        },
        "check_vs_coco_ground_truth": check,
    }
    text = json.dumps(out, indent=1)
    # Keep each innermost list of numbers on one line (39 rows of 5, not 195 lines).
    text = re.sub(r"\[\s*([-+0-9.eE,\s]+?)\s*\]", lambda m: "[" + re.sub(r"\s+", " ", m.group(1)) + "]", text)
    with open(json_path, "w") as f:
        f.write(text + "\n")
    print(f"wrote {png_path} and {json_path}")
    print(f"Identity_1 (pose flag) = {out['Identity_1']:.6f}")
    if check:
        print(f"vs COCO keypoints: mean {check['mean_px']:.1f} px, max {check['max_px']:.1f} px")
        for k, v in check["per_keypoint_px"].items():
            print(f"  {k:<15} {v:6.2f} px")


if __name__ == "__main__":
    main()

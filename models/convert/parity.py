"""Parity check: ONNX Runtime on the converted .onnx vs TFLite on the original .tflite.

Two stages, because TensorFlow 2.15 (protobuf 3.20) and onnxruntime 1.32
(protobuf >= 4.25) live in different venvs:

  # 1. in the TensorFlow venv: build the fixed inputs, run the ORIGINAL tflite files
  python parity.py tflite --tflite-dir WORK/tflite --out WORK/parity_ref.npz
  # 2. in the onnxruntime venv: run the ONNX files on the same inputs and compare
  python parity.py onnx --ref WORK/parity_ref.npz --models-dir models

Inputs (see inputs.py): the COCO skier photo letterboxed to 224x224 in [-1, 1] for
the detector; the golden 256x256 crop of the skier in [0, 1] for the landmark models.
TFLite runs twice: with its default XNNPACK delegate and with the plain builtin
kernels (no delegate); ONNX Runtime runs with 1 thread and default optimisations.
"""

import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import inputs  # noqa: E402

# model name -> (original tflite file name, input builder)
MODELS = {
    "pose_detection": ("pose_detection.tflite", inputs.detector_input),
    "pose_landmark_full": ("pose_landmark_full.tflite", inputs.landmark_input),
    "pose_landmark_lite": ("pose_landmark_lite.tflite", inputs.landmark_input),
}
TFLITE_VARIANTS = ("xnnpack", "builtin")


def stage_tflite(args):
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import tensorflow as tf

    img = inputs.load_rgb(args.image)
    saved = {}
    for name, (fname, build) in MODELS.items():
        x = build(img)
        saved[f"{name}/input"] = x
        with open(os.path.join(args.tflite_dir, fname), "rb") as f:
            content = f.read()
        for variant in TFLITE_VARIANTS:
            kw = {}
            if variant == "builtin":
                kw["experimental_op_resolver_type"] = (
                    tf.lite.experimental.OpResolverType.BUILTIN_WITHOUT_DEFAULT_DELEGATES
                )
            interp = tf.lite.Interpreter(model_content=content, num_threads=1, **kw)
            interp.allocate_tensors()
            interp.set_tensor(interp.get_input_details()[0]["index"], x)
            interp.invoke()
            for d in interp.get_output_details():
                saved[f"{name}/{variant}/{d['name']}"] = interp.get_tensor(d["index"]).copy()
        print(f"ran {fname} (tflite {tf.__version__})")
    np.savez(args.out, **saved)
    print(f"wrote {args.out}")


def stage_onnx(args):
    import onnxruntime as ort

    ref = np.load(args.ref)
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    so.inter_op_num_threads = 1
    results = {"onnxruntime": ort.__version__, "models": {}}
    print(f"onnxruntime {ort.__version__}: max |onnx - tflite| per output")
    print(f"{'model':<20} {'output':<11} {'shape':<18} {'vs xnnpack':>11} {'vs builtin':>11} {'max |ref|':>10}")
    for name in MODELS:
        path = os.path.join(args.models_dir, f"{name}.onnx")
        sess = ort.InferenceSession(path, sess_options=so, providers=["CPUExecutionProvider"])
        x = ref[f"{name}/input"]
        names = [o.name for o in sess.get_outputs()]
        outs = dict(zip(names, sess.run(names, {sess.get_inputs()[0].name: x})))
        per = {}
        for out in names:
            y = outs[out].astype(np.float64)
            row = {"shape": list(outs[out].shape)}
            for variant in TFLITE_VARIANTS:
                r = ref[f"{name}/{variant}/{out}"]
                assert r.shape == outs[out].shape, (name, out, r.shape, outs[out].shape)
                row[f"max_abs_diff_vs_tflite_{variant}"] = float(np.max(np.abs(y - r)))
            row["max_abs_tflite"] = float(np.max(np.abs(ref[f"{name}/xnnpack/{out}"])))
            per[out] = row
            print(
                f"{name:<20} {out:<11} {str(row['shape']):<18}"
                f" {row['max_abs_diff_vs_tflite_xnnpack']:>11.3g}"
                f" {row['max_abs_diff_vs_tflite_builtin']:>11.3g} {row['max_abs_tflite']:>10.4g}"
            )
        if name == "pose_detection":
            logits = outs["Identity_1"].reshape(-1)
            best = int(np.argmax(logits))
            score = float(1 / (1 + np.exp(-logits[best])))
            print(f"{'':<20} best detection score {score:.4f} (anchor {best})")
            per["best_score"] = score
        else:
            print(f"{'':<20} pose flag {float(outs['Identity_1'].reshape(-1)[0]):.6f}")
            per["pose_flag"] = float(outs["Identity_1"].reshape(-1)[0])
        results["models"][name] = per
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)
            f.write("\n")
        print(f"wrote {os.path.basename(args.json)}")
    # Pass/fail on the error relative to the output's magnitude (segmentation logits
    # reach ~1.7e3, so a fixed absolute bound would be meaningless there).
    worst = max(
        row[k] / max(1.0, row["max_abs_tflite"])
        for per in results["models"].values()
        for row in per.values()
        if isinstance(row, dict)
        for k in row
        if k.startswith("max_abs_diff")
    )
    print(f"worst max|diff| / max(1, max|ref|) = {worst:.3g}")
    if worst > args.fail_above:
        sys.exit(f"parity FAILED: {worst} > {args.fail_above}")


def main():
    ap = argparse.ArgumentParser(description="ONNX Runtime vs TFLite parity")
    sub = ap.add_subparsers(dest="stage", required=True)
    a = sub.add_parser("tflite", help="run the original tflite models (TensorFlow venv)")
    a.add_argument("--tflite-dir", required=True)
    a.add_argument("--out", required=True)
    a.add_argument("--image", default=inputs.DEFAULT_IMAGE)
    b = sub.add_parser("onnx", help="run the onnx models and compare (onnxruntime venv)")
    b.add_argument("--ref", required=True)
    b.add_argument("--models-dir", required=True)
    b.add_argument("--json", help="also write the numbers here")
    b.add_argument("--fail-above", type=float, default=1e-3, help="relative bound")
    args = ap.parse_args()
    (stage_tflite if args.stage == "tflite" else stage_onnx)(args)


if __name__ == "__main__":
    main()

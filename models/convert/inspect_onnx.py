"""Print (and check) the input/output contract of the converted ONNX files.

Usage: python inspect_onnx.py models/pose_detection.onnx models/pose_landmark_*.onnx
Exits non-zero if a model does not match the contract the app relies on.
"""

import collections
import os
import sys

import onnx

EXPECTED = {
    "pose_detection": (
        [("input_1", [1, 224, 224, 3])],
        [("Identity", [1, 2254, 12]), ("Identity_1", [1, 2254, 1])],
    ),
    "pose_landmark": (
        [("input_1", [1, 256, 256, 3])],
        [
            ("Identity", [1, 195]),
            ("Identity_1", [1, 1]),
            ("Identity_2", [1, 256, 256, 1]),
            ("Identity_3", [1, 64, 64, 39]),
            ("Identity_4", [1, 117]),
        ],
    ),
}


def describe(value_info):
    t = value_info.type.tensor_type
    dims = [d.dim_value if d.HasField("dim_value") else (d.dim_param or "?") for d in t.shape.dim]
    return value_info.name, dims, onnx.TensorProto.DataType.Name(t.elem_type)


def main(paths):
    ok = True
    for path in paths:
        model = onnx.load(path)
        onnx.checker.check_model(model)
        base = os.path.basename(path)
        key = "pose_detection" if base.startswith("pose_detection") else "pose_landmark"
        ins = [describe(v) for v in model.graph.input]
        outs = [describe(v) for v in model.graph.output]
        ops = collections.Counter(n.op_type for n in model.graph.node)
        opset = ",".join(f"{o.domain or 'ai.onnx'}:{o.version}" for o in model.opset_import)
        print(f"{base}: {os.path.getsize(path)} bytes, opset {opset}, {len(model.graph.node)} nodes")
        for kind, items in (("input ", ins), ("output", outs)):
            for name, dims, dtype in items:
                print(f"  {kind} {name:<11} {dtype:<7} {dims}")
        print("  ops: " + ", ".join(f"{k} x{v}" for k, v in sorted(ops.items())))
        exp_in, exp_out = EXPECTED[key]
        got_in = [(n, d) for n, d, _ in ins]
        got_out = [(n, d) for n, d, _ in outs]
        if got_in != exp_in or got_out != exp_out or any(t != "FLOAT" for *_, t in ins + outs):
            print(f"  MISMATCH with the expected contract {EXPECTED[key]}")
            ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

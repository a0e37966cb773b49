"""Rewrite MediaPipe's pose_detection.tflite without DENSIFY ops.

The detector stores 38 of its 1x1-convolution weights as sparse fp16 tensors, each
behind a DENSIFY op (sparse fp16 -> dense fp16) that feeds a DEQUANTIZE op
(fp16 -> fp32). tf2onnx 1.16.1 cannot convert DENSIFY nor read sparse tensors.

This script
  1. runs the original model once in the TFLite interpreter with all tensors
     preserved and reads each DENSIFY output (the dense fp16 weight);
  2. cross-checks every dense weight against the sparse tensor's stored values;
  3. turns each DENSIFY output tensor into a plain constant holding those dense
     fp16 bytes (reusing the sparse tensor's buffer slot), deletes the DENSIFY ops,
     drops the now unused sparse tensors and the DENSIFY operator code;
  4. writes the new flatbuffer and checks that its outputs equal the original's on
     fixed inputs (a real letterboxed photo and seeded random noise).

Nothing else changes: the fp16 weights keep their exact bits, DEQUANTIZE ops stay.
Flatbuffer access uses the schema bindings that ship with tensorflow
(tensorflow.lite.python.schema_py_generated) and the pinned `flatbuffers` package.

Usage: python densify_detector.py --in pose_detection.tflite --out dense.tflite
"""

import argparse
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import flatbuffers  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
from tensorflow.lite.python import schema_py_generated as schema  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import inputs  # noqa: E402

OP = schema.BuiltinOperator
TT = schema.TensorType
BUFFER_ALIGNMENT = 16


class AlignedBufferT(schema.BufferT):
    """BufferT whose data vector starts on a 16-byte boundary (like the converter's)."""

    def Pack(self, builder):
        data = None
        if self.data is not None:
            raw = np.ascontiguousarray(self.data, dtype=np.uint8).tobytes()
            builder.StartVector(1, len(raw), BUFFER_ALIGNMENT)
            builder.head = builder.head - len(raw)
            builder.Bytes[builder.head : builder.head + len(raw)] = raw
            data = builder.EndVector()
        schema.BufferStart(builder)
        if data is not None:
            schema.BufferAddData(builder, data)
        if self.offset:
            schema.BufferAddOffset(builder, self.offset)
        if self.size:
            schema.BufferAddSize(builder, self.size)
        return schema.BufferEnd(builder)


def opcode_of(model, op):
    code = model.operatorCodes[op.opcodeIndex]
    # builtinCode is the real field since schema v3a; deprecatedBuiltinCode caps at 127.
    return max(code.builtinCode, code.deprecatedBuiltinCode)


def load_model(path):
    with open(path, "rb") as f:
        buf = f.read()
    return buf, schema.ModelT.InitFromObj(schema.Model.GetRootAsModel(buf, 0))


def make_interpreter(model_content, preserve=False):
    return tf.lite.Interpreter(
        model_content=model_content,
        experimental_preserve_all_tensors=preserve,
        experimental_op_resolver_type=(
            tf.lite.experimental.OpResolverType.BUILTIN_WITHOUT_DEFAULT_DELEGATES
        ),
        num_threads=1,
    )


def dense_values(model_content, tensor_indices):
    """Run the original model once and read the given (DENSIFY output) tensors."""
    interp = make_interpreter(model_content, preserve=True)
    interp.allocate_tensors()
    inp = interp.get_input_details()[0]
    interp.set_tensor(inp["index"], np.zeros(inp["shape"], dtype=inp["dtype"]))
    interp.invoke()
    return {i: np.array(interp.get_tensor(i), copy=True) for i in tensor_indices}


def sparse_values(model, tensor):
    """The values array stored for a sparse tensor (fp16 here)."""
    assert tensor.type == TT.FLOAT16, tensor.type
    return np.frombuffer(model.buffers[tensor.buffer].data.tobytes(), dtype=np.float16)


def remap(indices, mapping):
    if indices is None:
        return None
    return [(-1 if i < 0 else mapping[i]) for i in indices]


def densify(model, buf):
    sg = model.subgraphs[0]
    assert len(model.subgraphs) == 1, "expected a single subgraph"

    densify_ops = [op for op in sg.operators if opcode_of(model, op) == OP.DENSIFY]
    print(f"DENSIFY ops: {len(densify_ops)}")
    out_idx = [op.outputs[0] for op in densify_ops]
    dense = dense_values(buf, out_idx)

    dropped_tensors = set()
    for op in densify_ops:
        t_in_i, t_out_i = op.inputs[0], op.outputs[0]
        t_in, t_out = sg.tensors[t_in_i], sg.tensors[t_out_i]
        assert t_in.sparsity is not None and t_out.sparsity is None
        assert t_in.type == t_out.type == TT.FLOAT16
        values = dense[t_out_i]
        assert values.dtype == np.float16 and list(values.shape) == list(t_out.shape)
        # Cross-check: the dense tensor holds exactly the stored values plus zeros.
        stored = sparse_values(model, t_in)
        nz_dense = np.sort(values[values != 0].astype(np.float32))
        nz_stored = np.sort(stored[stored != 0].astype(np.float32))
        assert np.array_equal(nz_dense, nz_stored), f"value mismatch for {t_out.name}"
        # Reuse the sparse tensor's buffer slot for the dense bytes.
        model.buffers[t_in.buffer].data = np.frombuffer(
            np.ascontiguousarray(values).tobytes(), dtype=np.uint8
        )
        t_out.buffer = t_in.buffer
        t_in.buffer = 0
        dropped_tensors.add(t_in_i)

    # Remove the DENSIFY ops.
    drop_ops = {id(op) for op in densify_ops}
    sg.operators = [op for op in sg.operators if id(op) not in drop_ops]

    # Every tensor still referenced by an op or as a graph input/output survives.
    used = set(sg.inputs) | set(sg.outputs)
    for op in sg.operators:
        used.update(i for i in op.inputs if i >= 0)
        used.update(i for i in op.outputs if i >= 0)
        if op.intermediates is not None:
            used.update(i for i in op.intermediates if i >= 0)
    assert not (used & dropped_tensors), "a sparse tensor is still consumed"
    keep = [i for i in range(len(sg.tensors)) if i in used]
    mapping = {old: new for new, old in enumerate(keep)}
    sg.tensors = [sg.tensors[i] for i in keep]
    sg.inputs = remap(sg.inputs, mapping)
    sg.outputs = remap(sg.outputs, mapping)
    for op in sg.operators:
        op.inputs = remap(op.inputs, mapping)
        op.outputs = remap(op.outputs, mapping)
        op.intermediates = remap(op.intermediates, mapping)
    if model.signatureDefs:
        for sig in model.signatureDefs:
            for tm in (sig.inputs or []) + (sig.outputs or []):
                tm.tensorIndex = mapping[tm.tensorIndex]

    # Drop operator codes nobody uses any more (DENSIFY).
    used_codes = sorted({op.opcodeIndex for op in sg.operators})
    code_map = {old: new for new, old in enumerate(used_codes)}
    model.operatorCodes = [model.operatorCodes[i] for i in used_codes]
    for op in sg.operators:
        op.opcodeIndex = code_map[op.opcodeIndex]

    # Clear any buffer no tensor or metadata entry refers to (keeps indices stable).
    live = {t.buffer for t in sg.tensors} | {m.buffer for m in (model.metadata or [])}
    for i, b in enumerate(model.buffers):
        if i not in live:
            b.data = None

    remaining = [t for t in sg.tensors if t.sparsity is not None]
    assert not remaining, "sparse tensors left"
    assert not any(opcode_of(model, op) == OP.DENSIFY for op in sg.operators)
    print(
        f"removed {len(densify_ops)} DENSIFY ops and {len(dropped_tensors)} sparse "
        f"tensors; {len(sg.operators)} ops, {len(sg.tensors)} tensors left"
    )
    return model


def serialize(model):
    for i, b in enumerate(model.buffers):
        nb = AlignedBufferT()
        nb.data, nb.offset, nb.size = b.data, b.offset, b.size
        model.buffers[i] = nb
    builder = flatbuffers.Builder(4 * 1024 * 1024)
    builder.Finish(model.Pack(builder), file_identifier=b"TFL3")
    return bytes(builder.Output())


def run(model_content, x, delegates):
    if delegates:
        interp = tf.lite.Interpreter(model_content=model_content, num_threads=1)
    else:
        interp = make_interpreter(model_content)
    interp.allocate_tensors()
    interp.set_tensor(interp.get_input_details()[0]["index"], x)
    interp.invoke()
    return {d["name"]: interp.get_tensor(d["index"]).copy() for d in interp.get_output_details()}


def verify(original, rewritten, image_path):
    xs = {
        "photo": inputs.detector_input(inputs.load_rgb(image_path)),
        "noise": np.random.default_rng(785).uniform(-1, 1, (1, 224, 224, 3)).astype(np.float32),
    }
    worst = 0.0
    for delegates in (False, True):
        kind = "default (XNNPACK)" if delegates else "builtin kernels"
        for name, x in xs.items():
            a, b = run(original, x, delegates), run(rewritten, x, delegates)
            assert a.keys() == b.keys()
            for k in sorted(a):
                d = float(np.max(np.abs(a[k].astype(np.float64) - b[k])))
                same = np.array_equal(a[k], b[k])
                worst = max(worst, d)
                print(
                    f"  verify [{kind}, {name}] {k} {list(a[k].shape)}: max|diff|={d:.3g}"
                    f" bit-identical={same}"
                )
    return worst


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--in", dest="src", required=True)
    ap.add_argument("--out", dest="dst", required=True)
    ap.add_argument("--image", default=inputs.DEFAULT_IMAGE)
    ap.add_argument("--tolerance", type=float, default=1e-5)
    args = ap.parse_args()

    buf, model = load_model(args.src)
    model = densify(model, buf)
    out = serialize(model)
    with open(args.dst, "wb") as f:
        f.write(out)
    print(f"wrote {args.dst} ({len(out)} bytes; original {len(buf)} bytes)")
    worst = verify(buf, out, args.image)
    if worst > args.tolerance:
        sys.exit(f"rewritten detector differs from the original: {worst}")
    print(f"rewritten detector OK (worst max|diff| {worst:.3g})")


if __name__ == "__main__":
    main()

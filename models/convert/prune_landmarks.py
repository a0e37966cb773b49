"""Drop the landmark models' segmentation and heatmap heads.

BlazePose's landmark models also output a 256x256 segmentation mask (`Identity_2`) and
64x64x39 heatmaps (`Identity_3`). backcoach uses neither, and ONNX Runtime computes every
node of a graph whatever outputs are asked for, so the decoder branch that only feeds
those two outputs cost more than half of each inference (full: 46 -> 20 ms per frame at
1 thread on the 2-core CI machine). This keeps the sub-graph from `input_1` to
`Identity` (landmarks), `Identity_1` (pose flag) and `Identity_4` (world landmarks):
the same nodes and weights, so those outputs are bit-identical.

  python prune_landmarks.py MODEL.onnx [MODEL.onnx ...]     # rewrites in place
"""

import argparse
import os

import onnx
from onnx import utils

KEEP_OUTPUTS = ["Identity", "Identity_1", "Identity_4"]


def prune(path):
    model = onnx.load(path)
    outputs = [o.name for o in model.graph.output]
    if sorted(outputs) == sorted(KEEP_OUTPUTS):
        print(f"{os.path.basename(path)}: already pruned")
        return
    missing = [o for o in KEEP_OUTPUTS if o not in outputs]
    if missing:
        raise SystemExit(f"{path}: no output(s) {missing}; not a BlazePose landmark model")
    before = len(model.graph.node)
    tmp = path + ".pruned.tmp"
    utils.extract_model(path, tmp, ["input_1"], KEEP_OUTPUTS, check_model=True)
    after = len(onnx.load(tmp).graph.node)
    os.replace(tmp, path)
    print(f"{os.path.basename(path)}: {before} -> {after} nodes, outputs {KEEP_OUTPUTS}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("models", nargs="+")
    for path in ap.parse_args().models:
        prune(path)


if __name__ == "__main__":
    main()

"""Deterministic model inputs built from one real photo (numpy + Pillow only).

Used by densify_detector.py, parity.py and reference_landmarks.py so that every
check runs on exactly the same tensors.

Source photo: COCO val2017 image 000000000785 (a skier, 640x425 RGB), with its
COCO-17 ground-truth keypoints in coco_000000000785.keypoints.json next to it.
"""

import os

import numpy as np
from PIL import Image

DEFAULT_IMAGE = os.environ.get(
    "BACKCOACH_IMAGE", "/work/shared/data/images/coco_000000000785.jpg"
)

DETECTOR_SIZE = 224
LANDMARK_SIZE = 256

# Golden landmark crop, in pixels of the 640x425 source image.
# Derived from the COCO person box (x, y, w, h) = (280.79, 44.73, 218.7, 346.68):
#   centre = (390.14, 218.07); side = 1.25 * max(w, h) = 433.35 -> 434 (rounded up)
#   x0 = round(390.14 - 434 / 2) = 173, y0 = round(218.07 - 434 / 2) = 1
# so the square box is x in [173, 607), y in [1, 435). Rows 425..434 of the box lie
# below the photo and are black (0, 0, 0). All 17 ground-truth keypoints
# (x 309..466, y 73..362) are inside, the body roughly centred.
GOLDEN_CROP_X0 = 173
GOLDEN_CROP_Y0 = 1
GOLDEN_CROP_SIDE = 434


def load_rgb(path=DEFAULT_IMAGE):
    with Image.open(path) as im:
        return im.convert("RGB")


def detector_input(img):
    """Letterbox to 224x224: keep aspect, Pillow BILINEAR resize, centre on black,
    then map [0, 255] -> [-1, 1] (v / 127.5 - 1). Returns float32 [1, 224, 224, 3].

    For the 640x425 photo: scale 0.35, resized to 224x149, pasted at (0, 37).
    """
    w, h = img.size
    scale = DETECTOR_SIZE / max(w, h)
    nw, nh = max(1, round(w * scale)), max(1, round(h * scale))
    resized = img.resize((nw, nh), Image.BILINEAR)
    canvas = Image.new("RGB", (DETECTOR_SIZE, DETECTOR_SIZE), (0, 0, 0))
    canvas.paste(resized, ((DETECTOR_SIZE - nw) // 2, (DETECTOR_SIZE - nh) // 2))
    x = np.asarray(canvas, dtype=np.float32) / 127.5 - 1.0
    return x[None, ...]


def golden_crop_image(img):
    """The golden 256x256 RGB crop as a PIL image (see GOLDEN_CROP_* above).

    Image.crop() fills the part of the box outside the photo with black; the
    434x434 crop is then resized to 256x256 with Pillow's BILINEAR filter.
    """
    box = (
        GOLDEN_CROP_X0,
        GOLDEN_CROP_Y0,
        GOLDEN_CROP_X0 + GOLDEN_CROP_SIDE,
        GOLDEN_CROP_Y0 + GOLDEN_CROP_SIDE,
    )
    return img.crop(box).resize((LANDMARK_SIZE, LANDMARK_SIZE), Image.BILINEAR)


def landmark_input_from_crop(crop):
    """uint8 RGB 256x256 image -> float32 [1, 256, 256, 3] in [0, 1] (v / 255)."""
    x = np.asarray(crop.convert("RGB"), dtype=np.float32) / 255.0
    return x[None, ...]


def landmark_input(img):
    return landmark_input_from_crop(golden_crop_image(img))

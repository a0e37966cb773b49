//! The BlazePose person detector: letterbox, SSD anchors, decoding, weighted NMS.
//!
//! Constants are MediaPipe's `pose_detection_cpu.pbtxt`: 224×224 input in [-1, 1],
//! letterboxed with zero borders; 5 anchor layers with strides 8, 16, 32, 32, 32, scales
//! 0.1484375..0.75, fixed anchor size (2254 anchors); 12 values per anchor (box x, y, w, h
//! and 4 keypoints); sigmoid scores clipped at ±100; weighted NMS at IoU 0.3.

use image::RgbImage;

use super::geometry::{Border, Roi, crop_to_tensor};

/// Detector input side, pixels.
pub const DETECTOR_INPUT_SIZE: usize = 224;
/// Number of SSD anchors the model predicts.
pub const NUM_ANCHORS: usize = 2254;
/// Values per anchor: box (4) + 4 keypoints × (x, y).
pub const VALUES_PER_ANCHOR: usize = 12;
/// Minimum detection score (after sigmoid) to keep a candidate: the legacy MediaPipe
/// `Pose` API's default `min_detection_confidence` (its graph file says 0.2, which the
/// API overrides).
pub const MIN_DETECTION_SCORE: f32 = 0.5;
/// IoU above which candidates are merged by weighted NMS.
pub const NMS_IOU: f32 = 0.3;
const SCORE_CLIP: f32 = 100.0;
const ANCHOR_STRIDES: [usize; 5] = [8, 16, 32, 32, 32];

/// A person found by the detector, in source image pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct Detection {
    /// Score after sigmoid, 0..1.
    pub score: f32,
    /// Box `[x_min, y_min, x_max, y_max]` (MediaPipe: of the face), pixels.
    pub box_px: [f32; 4],
    /// Keypoints: 0 mid-hip, 1 full-body size/rotation, 2 mid-shoulder, 3 upper-body
    /// size/rotation; pixels.
    pub keypoints_px: [[f32; 2]; 4],
}

impl Detection {
    /// The full-body region of interest for the landmark model.
    pub fn roi(&self) -> Roi {
        Roi::from_alignment(self.keypoints_px[0], self.keypoints_px[1])
    }
}

/// SSD anchor centres `(x, y)` normalised to the 224 input, in model output order.
pub fn anchors() -> Vec<[f32; 2]> {
    let mut out = Vec::with_capacity(NUM_ANCHORS);
    let mut layer = 0;
    while layer < ANCHOR_STRIDES.len() {
        let stride = ANCHOR_STRIDES[layer];
        // Layers sharing a stride share one feature map; each layer contributes two
        // anchors per cell (aspect ratio 1 and the interpolated scale).
        let mut per_cell = 0;
        while layer < ANCHOR_STRIDES.len() && ANCHOR_STRIDES[layer] == stride {
            per_cell += 2;
            layer += 1;
        }
        let side = DETECTOR_INPUT_SIZE.div_ceil(stride);
        for y in 0..side {
            for x in 0..side {
                let c = [
                    (x as f32 + 0.5) / side as f32,
                    (y as f32 + 0.5) / side as f32,
                ];
                out.extend(std::iter::repeat_n(c, per_cell));
            }
        }
    }
    out
}

/// How the source image sits in the letterboxed detector input.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Letterbox {
    /// The region of the source image the 224×224 input covers (square, unrotated).
    pub roi: Roi,
}

impl Letterbox {
    /// The square covering the whole image, centred, with padding on the short side.
    pub fn for_image(width: u32, height: u32) -> Letterbox {
        let side = width.max(height) as f32;
        Letterbox {
            roi: Roi {
                center_x_px: width as f32 / 2.0,
                center_y_px: height as f32 / 2.0,
                width_px: side,
                height_px: side,
                rotation_rad: 0.0,
            },
        }
    }

    /// Fills the detector input (`224 × 224 × 3`, values in [-1, 1]).
    pub fn fill_input(&self, image: &RgbImage, out: &mut [f32]) {
        crop_to_tensor(
            image,
            &self.roi,
            DETECTOR_INPUT_SIZE,
            2.0,
            -1.0,
            Border::Zero,
            out,
        );
    }

    fn to_image(self, x: f32, y: f32) -> [f32; 2] {
        self.roi.to_image(x, y)
    }
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// Decodes raw outputs (`regressors`: 2254×12, `logits`: 2254) into candidates above
/// `MIN_DETECTION_SCORE`, then merges overlaps with weighted NMS. Sorted by score.
pub fn decode(
    regressors: &[f32],
    logits: &[f32],
    anchors: &[[f32; 2]],
    letterbox: &Letterbox,
) -> Vec<Detection> {
    let size = DETECTOR_INPUT_SIZE as f32;
    let mut candidates = Vec::new();
    for (i, anchor) in anchors.iter().enumerate() {
        let (Some(logit), Some(r)) = (
            logits.get(i),
            regressors.get(i * VALUES_PER_ANCHOR..(i + 1) * VALUES_PER_ANCHOR),
        ) else {
            break;
        };
        let score = sigmoid(logit.clamp(-SCORE_CLIP, SCORE_CLIP));
        if score < MIN_DETECTION_SCORE {
            continue;
        }
        let cx = r[0] / size + anchor[0];
        let cy = r[1] / size + anchor[1];
        let w = r[2] / size;
        let h = r[3] / size;
        let a = letterbox.to_image(cx - w / 2.0, cy - h / 2.0);
        let b = letterbox.to_image(cx + w / 2.0, cy + h / 2.0);
        let mut keypoints_px = [[0.0; 2]; 4];
        for (k, kp) in keypoints_px.iter_mut().enumerate() {
            *kp = letterbox.to_image(
                r[4 + 2 * k] / size + anchor[0],
                r[5 + 2 * k] / size + anchor[1],
            );
        }
        candidates.push(Detection {
            score,
            box_px: [a[0], a[1], b[0], b[1]],
            keypoints_px,
        });
    }
    weighted_nms(candidates)
}

fn iou(a: &[f32; 4], b: &[f32; 4]) -> f32 {
    let ix = (a[2].min(b[2]) - a[0].max(b[0])).max(0.0);
    let iy = (a[3].min(b[3]) - a[1].max(b[1])).max(0.0);
    let inter = ix * iy;
    let area = |r: &[f32; 4]| (r[2] - r[0]).max(0.0) * (r[3] - r[1]).max(0.0);
    let union = area(a) + area(b) - inter;
    if union <= 0.0 { 0.0 } else { inter / union }
}

/// MediaPipe's weighted non-maximum suppression: each cluster of overlapping candidates
/// becomes one detection whose box and keypoints are the score-weighted mean, with the
/// best candidate's score.
pub fn weighted_nms(mut candidates: Vec<Detection>) -> Vec<Detection> {
    candidates.sort_by(|a, b| b.score.total_cmp(&a.score));
    let mut out = Vec::new();
    while let Some(best) = candidates.first().cloned() {
        let (cluster, rest): (Vec<Detection>, Vec<Detection>) = candidates
            .into_iter()
            .partition(|c| iou(&best.box_px, &c.box_px) > NMS_IOU);
        candidates = rest;
        let total: f32 = cluster.iter().map(|c| c.score).sum();
        let mut merged = best.clone();
        if cluster.len() > 1 && total > 0.0 {
            merged.box_px = [0.0; 4];
            merged.keypoints_px = [[0.0; 2]; 4];
            for c in &cluster {
                let w = c.score / total;
                for j in 0..4 {
                    merged.box_px[j] += c.box_px[j] * w;
                    merged.keypoints_px[j][0] += c.keypoints_px[j][0] * w;
                    merged.keypoints_px[j][1] += c.keypoints_px[j][1] * w;
                }
            }
        }
        out.push(merged);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchor_count_matches_the_model() {
        let a = anchors();
        assert_eq!(a.len(), NUM_ANCHORS);
        assert_eq!(a[0], [0.5 / 28.0, 0.5 / 28.0]);
        assert_eq!(a[1], a[0]);
        // First anchor of the stride-32 map.
        assert_eq!(a[28 * 28 * 2 + 14 * 14 * 2], [0.5 / 7.0, 0.5 / 7.0]);
    }

    #[test]
    fn nms_merges_overlaps_and_keeps_separate_people() {
        let det = |x: f32, s: f32| Detection {
            score: s,
            box_px: [x, 0.0, x + 10.0, 10.0],
            keypoints_px: [[x, 0.0]; 4],
        };
        let out = weighted_nms(vec![det(0.0, 0.9), det(1.0, 0.6), det(100.0, 0.7)]);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].score, 0.9);
        assert!(out[0].box_px[0] > 0.0 && out[0].box_px[0] < 1.0);
        assert_eq!(out[1].box_px[0], 100.0);
    }

    #[test]
    fn letterbox_maps_back_to_pixels() {
        let lb = Letterbox::for_image(640, 320);
        let [x, y] = lb.to_image(0.5, 0.25);
        assert!((x - 320.0).abs() < 1e-3);
        assert!((y - 0.0).abs() < 1e-3);
    }
}

//! Rotated regions of interest and the bilinear affine crop that feeds the models.

use image::RgbImage;

/// A rotated rectangle in image pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Roi {
    /// Centre x, pixels.
    pub center_x_px: f32,
    /// Centre y, pixels.
    pub center_y_px: f32,
    /// Width, pixels.
    pub width_px: f32,
    /// Height, pixels.
    pub height_px: f32,
    /// Rotation, radians, clockwise on screen (y down), as MediaPipe's rects.
    pub rotation_rad: f32,
}

/// Scale applied to the alignment box (MediaPipe `RectTransformationCalculator`: 1.25).
pub const ROI_SCALE: f32 = 1.25;

/// MediaPipe's alignment target angle: the hip→scale vector points up (90°).
const TARGET_ANGLE_RAD: f32 = std::f32::consts::FRAC_PI_2;

impl Roi {
    /// Square region from an alignment pair: `center` (mid-hip) and `scale_point` (a
    /// point whose distance encodes body size and whose direction encodes rotation).
    pub fn from_alignment(center: [f32; 2], scale_point: [f32; 2]) -> Roi {
        let dx = scale_point[0] - center[0];
        let dy = scale_point[1] - center[1];
        let size = 2.0 * (dx * dx + dy * dy).sqrt() * ROI_SCALE;
        let rotation = normalize_angle(TARGET_ANGLE_RAD - (-dy).atan2(dx));
        Roi {
            center_x_px: center[0],
            center_y_px: center[1],
            width_px: size,
            height_px: size,
            rotation_rad: rotation,
        }
    }

    /// Maps a point of the unit square of the region (`u, v` in 0..1, (0.5, 0.5) is the
    /// centre) to image pixels.
    pub fn to_image(&self, u: f32, v: f32) -> [f32; 2] {
        let (s, c) = self.rotation_rad.sin_cos();
        let x = (u - 0.5) * self.width_px;
        let y = (v - 0.5) * self.height_px;
        [
            self.center_x_px + c * x - s * y,
            self.center_y_px + s * x + c * y,
        ]
    }

    /// Rotates a vector (e.g. a world landmark's x/y) by the region's rotation.
    pub fn rotate(&self, x: f32, y: f32) -> [f32; 2] {
        let (s, c) = self.rotation_rad.sin_cos();
        [c * x - s * y, s * x + c * y]
    }
}

/// Wraps an angle into `[-π, π)`.
pub fn normalize_angle(a: f32) -> f32 {
    use std::f32::consts::PI;
    a - 2.0 * PI * ((a + PI) / (2.0 * PI)).floor()
}

/// Border handling outside the source image.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Border {
    /// Black (zero) outside.
    Zero,
    /// Repeat the nearest edge pixel.
    Replicate,
}

/// Fixed-point fraction bits of a source position in the fast path of
/// [`crop_to_tensor`]: positions are exact to 1/2048 px (OpenCV's `warpAffine` uses 1/32).
const FIX_BITS: u32 = 11;
const FIX_ONE: u32 = 1 << FIX_BITS;

/// Fills `out` (`size × size × 3`, NHWC, row-major) with the region resampled bilinearly,
/// each channel mapped as `value / 255 * scale + offset`.
///
/// Inside the image the four bilinear weights are integers summing to 2^22, so a pixel is
/// one exact integer sum per channel (255 · 2^22 < 2^30) and one conversion to float. With
/// [`Border::Replicate`] a position outside is clamped into the image first (the same
/// value, and the same fast path); with [`Border::Zero`] the samples outside are black.
pub fn crop_to_tensor(
    image: &RgbImage,
    roi: &Roi,
    size: usize,
    scale: f32,
    offset: f32,
    border: Border,
    out: &mut [f32],
) {
    debug_assert_eq!(out.len(), size * size * 3);
    let (w, h) = (image.width() as usize, image.height() as usize);
    if w == 0 || h == 0 {
        out.fill(offset);
        return;
    }
    let stride = w * 3;
    let raw = image.as_raw();
    let (s, c) = roi.rotation_rad.sin_cos();
    let step_x = roi.width_px / size as f32;
    let step_y = roi.height_px / size as f32;
    let k = scale / 255.0;
    let k_fix = k / (FIX_ONE * FIX_ONE) as f32;
    let (max_x, max_y) = ((w - 1) as f32, (h - 1) as f32);
    // Source position of output pixel (0,0) centre, and per-pixel steps along x and y.
    let x0 = -0.5 * roi.width_px + 0.5 * step_x;
    let y0 = -0.5 * roi.height_px + 0.5 * step_y;
    for (row, out_row) in out.chunks_exact_mut(size * 3).enumerate().take(size) {
        let ly = y0 + row as f32 * step_y;
        let base_x = roi.center_x_px - s * ly - 0.5;
        let base_y = roi.center_y_px + c * ly - 0.5;
        for (col, o) in out_row.chunks_exact_mut(3).enumerate() {
            let lx = x0 + col as f32 * step_x;
            // Pixel centres are at +0.5; shift so integer coordinates index pixels.
            let sx = base_x + c * lx;
            let sy = base_y + s * lx;
            let inside = sx >= 0.0 && sy >= 0.0 && sx <= max_x && sy <= max_y;
            if !inside && border == Border::Zero {
                sample_zero_border(raw, (w, h), sx, sy, k, offset, o);
                continue;
            }
            // Inside, or replicating the border: bilinear sampling at the nearest position
            // in the image is exactly the replicated border's value. (A NaN position
            // clamps to NaN and converts to 0.)
            let sx = sx.clamp(0.0, max_x);
            let sy = sy.clamp(0.0, max_y);
            // Non-negative, so truncation is floor; × 2048 is exact in f32 and fits i32.
            let fx = (sx * FIX_ONE as f32) as i32 as u32;
            let fy = (sy * FIX_ONE as f32) as i32 as u32;
            let (ix, iy) = ((fx >> FIX_BITS) as usize, (fy >> FIX_BITS) as usize);
            let (ax, ay) = (fx & (FIX_ONE - 1), fy & (FIX_ONE - 1));
            let (bx, by) = (FIX_ONE - ax, FIX_ONE - ay);
            // The right and lower neighbours; on the last column or row the pixel itself
            // (its weight is 0 there).
            let dx = if ix + 1 < w { 3 } else { 0 };
            let dy = if iy + 1 < h { stride } else { 0 };
            let i00 = iy * stride + ix * 3;
            let (Some(p00), Some(p10), Some(p01), Some(p11)) = (
                raw.get(i00..i00 + 3),
                raw.get(i00 + dx..i00 + dx + 3),
                raw.get(i00 + dy..i00 + dy + 3),
                raw.get(i00 + dx + dy..i00 + dx + dy + 3),
            ) else {
                continue;
            };
            let weights = [bx * by, ax * by, bx * ay, ax * ay];
            for ch in 0..3 {
                let v = u32::from(p00[ch]) * weights[0]
                    + u32::from(p10[ch]) * weights[1]
                    + u32::from(p01[ch]) * weights[2]
                    + u32::from(p11[ch]) * weights[3];
                // < 2^30, so the signed conversion (one instruction) is exact.
                o[ch] = v as i32 as f32 * k_fix + offset;
            }
        }
    }
}

/// One bilinear sample at a position partly or wholly outside the image, black outside.
fn sample_zero_border(
    raw: &[u8],
    (w, h): (usize, usize),
    sx: f32,
    sy: f32,
    k: f32,
    offset: f32,
    o: &mut [f32],
) {
    let (ix, iy) = (fast_floor(sx), fast_floor(sy));
    let ax = sx - ix as f32;
    let ay = sy - iy as f32;
    let weights = [
        (1.0 - ax) * (1.0 - ay),
        ax * (1.0 - ay),
        (1.0 - ax) * ay,
        ax * ay,
    ];
    let mut acc = [0.0f32; 3];
    for ((dx, dy), wgt) in [(0, 0), (1, 0), (0, 1), (1, 1)].into_iter().zip(weights) {
        let (x, y) = (ix + dx, iy + dy);
        if x < 0 || y < 0 || x >= w as i64 || y >= h as i64 {
            continue;
        }
        let i = (y as usize * w + x as usize) * 3;
        if let Some(p) = raw.get(i..i + 3) {
            for ch in 0..3 {
                acc[ch] += f32::from(p[ch]) * wgt;
            }
        }
    }
    for ch in 0..3 {
        o[ch] = acc[ch] * k + offset;
    }
}

/// `floor` for the sampling loop: a plain conversion, since `f32::floor` is a library call
/// on baseline x86-64 (no SSE4.1 rounding instruction).
#[inline]
fn fast_floor(x: f32) -> i64 {
    let i = x as i64;
    if (i as f32) > x { i - 1 } else { i }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upright_alignment_has_no_rotation() {
        let roi = Roi::from_alignment([100.0, 200.0], [100.0, 100.0]);
        assert!(roi.rotation_rad.abs() < 1e-6);
        assert!((roi.width_px - 250.0).abs() < 1e-3);
        let [x, y] = roi.to_image(0.5, 0.0);
        assert!((x - 100.0).abs() < 1e-3 && (y - 75.0).abs() < 1e-3);
    }

    #[test]
    fn lying_person_rotates_a_quarter_turn() {
        // Scale point to the right of the hips: the body lies along +x.
        let roi = Roi::from_alignment([100.0, 100.0], [150.0, 100.0]);
        assert!((roi.rotation_rad - std::f32::consts::FRAC_PI_2).abs() < 1e-5);
        // The crop's top (v = 0) must map towards the scale point.
        let [x, _] = roi.to_image(0.5, 0.0);
        assert!(x > 100.0);
    }

    #[test]
    fn replicated_border_repeats_the_edge_pixels() {
        // A 3x2 image; a region twice as wide, centred on it: the samples left of the
        // image take column 0, those right of it column 2, exactly.
        let mut img = RgbImage::new(3, 2);
        for (x, y, p) in img.enumerate_pixels_mut() {
            *p = image::Rgb([(10 + 100 * x) as u8, (50 * y) as u8, 0]);
        }
        let roi = Roi {
            center_x_px: 1.5,
            center_y_px: 1.0,
            width_px: 6.0,
            height_px: 2.0,
            rotation_rad: 0.0,
        };
        let mut out = vec![0.0; 6 * 6 * 3];
        crop_to_tensor(&img, &roi, 6, 255.0, 0.0, Border::Replicate, &mut out);
        let red = |col: usize| out[col * 3];
        assert_eq!((red(0), red(1)), (10.0, 10.0));
        assert_eq!((red(4), red(5)), (210.0, 210.0));
        // Inside, plain bilinear: column 2's centre falls halfway between the centres of
        // pixels 0 and 1.
        assert!((red(2) - 60.0).abs() < 0.1, "{}", red(2));
        // The same region with a black border: outside is 0, the edge pixel fades out.
        crop_to_tensor(&img, &roi, 6, 255.0, 0.0, Border::Zero, &mut out);
        assert_eq!(out[0], 0.0);
        assert!(out[5 * 3] < 1.0, "{}", out[5 * 3]);
    }

    #[test]
    fn identity_crop_reproduces_pixels() {
        let mut img = RgbImage::new(4, 4);
        for (x, y, p) in img.enumerate_pixels_mut() {
            *p = image::Rgb([(x * 60) as u8, (y * 60) as u8, 7]);
        }
        let roi = Roi {
            center_x_px: 2.0,
            center_y_px: 2.0,
            width_px: 4.0,
            height_px: 4.0,
            rotation_rad: 0.0,
        };
        let mut out = vec![0.0; 4 * 4 * 3];
        crop_to_tensor(&img, &roi, 4, 255.0, 0.0, Border::Zero, &mut out);
        for y in 0..4 {
            for x in 0..4 {
                let i = (y * 4 + x) * 3;
                assert!(
                    (out[i] - (x * 60) as f32).abs() < 1e-3,
                    "{x},{y}: {}",
                    out[i]
                );
                assert!((out[i + 1] - (y * 60) as f32).abs() < 1e-3);
            }
        }
    }
}

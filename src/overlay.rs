//! Drawing a pose over a frame (skeleton lines and joint dots), for `pose --overlay`.

use image::{Rgb, RgbImage};

use crate::landmark::SKELETON;
use crate::pose::Pose;

/// Visibility below which a joint or bone is not drawn.
pub const MIN_DRAW_VISIBILITY: f32 = 0.5;

const BONE_COLOUR: Rgb<u8> = Rgb([255, 255, 255]);
const JOINT_COLOUR: Rgb<u8> = Rgb([255, 140, 0]);

/// Draws the skeleton onto `image`, scaled to the image size.
pub fn draw_pose(image: &mut RgbImage, pose: &Pose) {
    let thickness = (image.width().max(image.height()) as f32 / 300.0).max(2.0);
    for (a, b) in SKELETON {
        if let (Some(p), Some(q)) = (pose.get(*a), pose.get(*b))
            && p.visibility >= MIN_DRAW_VISIBILITY
            && q.visibility >= MIN_DRAW_VISIBILITY
        {
            draw_line(
                image,
                [p.x_px, p.y_px],
                [q.x_px, q.y_px],
                thickness / 2.0,
                BONE_COLOUR,
            );
        }
    }
    for p in pose.landmarks.iter().flatten() {
        if p.visibility >= MIN_DRAW_VISIBILITY {
            draw_disc(image, [p.x_px, p.y_px], thickness * 1.2, JOINT_COLOUR);
        }
    }
}

/// A filled disc of `radius` pixels.
pub fn draw_disc(image: &mut RgbImage, c: [f32; 2], radius: f32, colour: Rgb<u8>) {
    let (w, h) = (image.width() as i64, image.height() as i64);
    let r = radius.ceil() as i64;
    let (cx, cy) = (c[0].round() as i64, c[1].round() as i64);
    for y in (cy - r).max(0)..=(cy + r).min(h - 1) {
        for x in (cx - r).max(0)..=(cx + r).min(w - 1) {
            let (dx, dy) = ((x - cx) as f32, (y - cy) as f32);
            if dx * dx + dy * dy <= radius * radius {
                image.put_pixel(x as u32, y as u32, colour);
            }
        }
    }
}

/// A thick line: discs stamped along the segment.
pub fn draw_line(image: &mut RgbImage, a: [f32; 2], b: [f32; 2], radius: f32, colour: Rgb<u8>) {
    let len = ((b[0] - a[0]).powi(2) + (b[1] - a[1]).powi(2)).sqrt();
    if !len.is_finite() || len > 1e5 {
        return;
    }
    let steps = (len / radius.max(0.5)).ceil().max(1.0) as usize;
    for i in 0..=steps {
        let t = i as f32 / steps as f32;
        draw_disc(
            image,
            [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t],
            radius,
            colour,
        );
    }
}

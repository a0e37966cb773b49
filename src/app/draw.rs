//! Drawing helpers: the high-contrast style, the skeleton over the camera image, the demo
//! figure. Pure painting: no state changes.

use egui::{Color32, FontFamily, FontId, Pos2, Rect, Stroke, TextStyle, Vec2};

use crate::exercise::DemoPose;
use crate::landmark::{Landmark, SKELETON};
use crate::pose::Pose;
use crate::session::fault_for_landmark;

/// Background: near black.
pub const BACKGROUND: Color32 = Color32::from_rgb(12, 12, 14);
/// Panels and cards.
pub const CARD: Color32 = Color32::from_rgb(34, 36, 42);
/// Main text: white.
pub const TEXT: Color32 = Color32::WHITE;
/// Accent: a strong yellow.
pub const ACCENT: Color32 = Color32::from_rgb(255, 212, 0);
/// Good: green.
pub const GOOD: Color32 = Color32::from_rgb(60, 220, 80);
/// A fault: orange-red.
pub const FAULT: Color32 = Color32::from_rgb(255, 90, 40);
/// The pain button: red.
pub const PAIN: Color32 = Color32::from_rgb(200, 0, 0);
/// Dimmed text (still readable on black).
pub const DIM: Color32 = Color32::from_rgb(190, 190, 200);

/// The text style for the huge rep count.
pub fn huge() -> TextStyle {
    TextStyle::Name("huge".into())
}

/// The text style for big numbers and cues.
pub fn big() -> TextStyle {
    TextStyle::Name("big".into())
}

/// Big type and high contrast for a user standing 2-3 m away.
pub fn apply_style(ctx: &egui::Context) {
    ctx.set_theme(egui::Theme::Dark);
    ctx.all_styles_mut(|style| {
        use TextStyle::*;
        style.text_styles = [
            (Heading, FontId::new(52.0, FontFamily::Proportional)),
            (Body, FontId::new(28.0, FontFamily::Proportional)),
            (Monospace, FontId::new(22.0, FontFamily::Monospace)),
            (Button, FontId::new(32.0, FontFamily::Proportional)),
            (Small, FontId::new(22.0, FontFamily::Proportional)),
            (big(), FontId::new(64.0, FontFamily::Proportional)),
            (huge(), FontId::new(200.0, FontFamily::Proportional)),
        ]
        .into();
        style.spacing.button_padding = Vec2::new(20.0, 12.0);
        style.spacing.item_spacing = Vec2::new(16.0, 14.0);
        style.spacing.interact_size = Vec2::new(60.0, 56.0);
        let v = &mut style.visuals;
        v.override_text_color = Some(TEXT);
        v.panel_fill = BACKGROUND;
        v.window_fill = CARD;
        v.extreme_bg_color = Color32::BLACK;
        v.widgets.inactive.weak_bg_fill = CARD;
        v.widgets.inactive.bg_fill = CARD;
        v.widgets.hovered.weak_bg_fill = Color32::from_rgb(60, 62, 72);
        v.widgets.active.weak_bg_fill = Color32::from_rgb(80, 82, 96);
        v.selection.bg_fill = Color32::from_rgb(0, 90, 200);
    });
}

/// Maps image pixels into a screen rectangle that keeps the image's aspect ratio, optionally
/// mirrored left-right (mirror view: display only).
#[derive(Clone, Copy, Debug)]
pub struct ImageToScreen {
    /// Top-left of the image on screen.
    pub origin: Pos2,
    /// Screen points per image pixel.
    pub scale: f32,
    /// Image width in pixels, when the image is shown mirrored (`x_px` → `width - x_px`).
    pub mirror_width_px: Option<f32>,
}

impl ImageToScreen {
    /// Fits an image of `image_size` pixels centred in `rect`.
    pub fn fit(image_size: [u32; 2], rect: Rect) -> ImageToScreen {
        let (w, h) = (image_size[0].max(1) as f32, image_size[1].max(1) as f32);
        let scale = (rect.width() / w).min(rect.height() / h);
        let size = Vec2::new(w * scale, h * scale);
        ImageToScreen {
            origin: rect.center() - size / 2.0,
            scale,
            mirror_width_px: None,
        }
    }

    /// The same placement, mirrored left-right when `mirror` is set.
    pub fn mirrored(self, image_size: [u32; 2], mirror: bool) -> ImageToScreen {
        ImageToScreen {
            mirror_width_px: mirror.then_some(image_size[0] as f32),
            ..self
        }
    }

    /// Screen point of an image pixel.
    pub fn screen_from_image(&self, x_px: f32, y_px: f32) -> Pos2 {
        let x_px = match self.mirror_width_px {
            Some(w) => w - x_px,
            None => x_px,
        };
        self.origin + Vec2::new(x_px, y_px) * self.scale
    }

    /// The image's rectangle on screen for `image_size`.
    pub fn image_rect(&self, image_size: [u32; 2]) -> Rect {
        Rect::from_min_size(
            self.origin,
            Vec2::new(image_size[0] as f32, image_size[1] as f32) * self.scale,
        )
    }

    /// Texture coordinates for painting the image: flipped left-right when mirrored.
    pub fn uv(&self) -> Rect {
        let (left, right) = if self.mirror_width_px.is_some() {
            (1.0, 0.0)
        } else {
            (0.0, 1.0)
        };
        Rect::from_min_max(Pos2::new(left, 0.0), Pos2::new(right, 1.0))
    }
}

/// Minimum visibility for drawing a landmark.
const DRAW_MIN_VISIBILITY: f32 = 0.3;

/// Draws the skeleton: bones white, joints green, joints concerned by an active fault in
/// the fault colour.
pub fn skeleton(
    painter: &egui::Painter,
    pose: &Pose,
    map: &ImageToScreen,
    active_faults: &[String],
) {
    let point = |lm: Landmark| {
        pose.get(lm)
            .filter(|p| p.visibility >= DRAW_MIN_VISIBILITY)
            .map(|p| map.screen_from_image(p.x_px, p.y_px))
    };
    let colour = |lm: Landmark| {
        if fault_for_landmark(active_faults, lm).is_some() {
            FAULT
        } else {
            GOOD
        }
    };
    for &(a, b) in SKELETON {
        if let (Some(pa), Some(pb)) = (point(a), point(b)) {
            let c = if colour(a) == FAULT || colour(b) == FAULT {
                FAULT
            } else {
                Color32::from_rgb(230, 230, 230)
            };
            painter.line_segment([pa, pb], Stroke::new(6.0, c));
        }
    }
    for lm in Landmark::ALL {
        if let Some(p) = point(lm) {
            painter.circle_filled(p, 8.0, colour(lm));
        }
    }
}

/// Draws the demo stick figure (figure space: unit box) into `rect`.
pub fn demo_figure(painter: &egui::Painter, figure: &DemoPose, rect: Rect) {
    let side = rect.width().min(rect.height());
    let origin = rect.center() - Vec2::splat(side / 2.0);
    let to_screen = |lm: Landmark| {
        let [x, y] = figure.get(lm);
        origin + Vec2::new(x, y) * side
    };
    painter.rect_filled(rect, 12.0, CARD);
    for &(a, b) in SKELETON {
        painter.line_segment([to_screen(a), to_screen(b)], Stroke::new(8.0, ACCENT));
    }
    let head = to_screen(Landmark::Nose);
    painter.circle_filled(head, side * 0.045, ACCENT);
    for lm in [
        Landmark::LeftShoulder,
        Landmark::RightShoulder,
        Landmark::LeftHip,
        Landmark::RightHip,
        Landmark::LeftKnee,
        Landmark::RightKnee,
        Landmark::LeftElbow,
        Landmark::RightElbow,
    ] {
        painter.circle_filled(to_screen(lm), 7.0, TEXT);
    }
}

/// The camera picture's texture is at most this many pixels on its longer side. The
/// picture fills part of a laptop window, so a full-resolution texture (1280 or 1920 px)
/// only costs the UI thread a conversion and an upload per frame; the skeleton is drawn in
/// the frame's own coordinates, whatever the texture's size.
pub const PREVIEW_MAX_SIDE_PX: u32 = 720;

/// The camera picture as a texture image: every `k`-th pixel of every `k`-th row, `k`
/// the smallest whole step that brings the longer side to [`PREVIEW_MAX_SIDE_PX`] or
/// below (a cheap nearest-neighbour reduction; `k` = 1 keeps the frame as it is).
pub fn preview_image(image: &image::RgbImage) -> egui::ColorImage {
    let (w, h) = (image.width(), image.height());
    let step = w.max(h).div_ceil(PREVIEW_MAX_SIDE_PX).max(1);
    if step == 1 {
        return egui::ColorImage::from_rgb([w as usize, h as usize], image.as_raw());
    }
    let (pw, ph) = (w.div_ceil(step), h.div_ceil(step));
    let mut pixels = Vec::with_capacity((pw * ph) as usize);
    for y in (0..h).step_by(step as usize) {
        for x in (0..w).step_by(step as usize) {
            let [r, g, b] = image.get_pixel(x, y).0;
            pixels.push(Color32::from_rgb(r, g, b));
        }
    }
    egui::ColorImage {
        size: [pw as usize, ph as usize],
        source_size: Vec2::new(pw as f32, ph as f32),
        pixels,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_preview_is_at_most_its_limit_and_keeps_the_shape() {
        let portrait = image::RgbImage::from_fn(720, 1280, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 7])
        });
        let p = super::preview_image(&portrait);
        assert_eq!(p.size, [360, 640]);
        assert_eq!(p.pixels[1], egui::Color32::from_rgb(2, 0, 7));
        let small = image::RgbImage::new(640, 480);
        assert_eq!(super::preview_image(&small).size, [640, 480]);
        let hd = image::RgbImage::new(1920, 1080);
        assert_eq!(super::preview_image(&hd).size, [640, 360]);
    }

    use super::ImageToScreen;
    use egui::{Pos2, Rect};

    #[test]
    fn mirror_view_flips_x_only() {
        let rect = Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(200.0, 100.0));
        let size = [400, 200];
        let plain = ImageToScreen::fit(size, rect);
        assert_eq!(plain.screen_from_image(100.0, 50.0), Pos2::new(50.0, 25.0));
        let mirror = plain.mirrored(size, true);
        assert_eq!(
            mirror.screen_from_image(100.0, 50.0),
            Pos2::new(150.0, 25.0)
        );
        assert_eq!(mirror.image_rect(size), plain.image_rect(size));
        assert!(mirror.uv().min.x > mirror.uv().max.x, "texture flipped");
        assert_eq!(plain.mirrored(size, false).uv(), plain.uv());
    }
}

//! The camera view, Before-you-begin (stance gate), the live set and the rest.

use egui::{Color32, RichText, Sense, Vec2};

use super::*;
use crate::app::CoachApp;
use crate::app::draw::{self, ACCENT, CARD, DIM, FAULT, GOOD, TEXT};
use crate::pipeline::WorkerStatus;
use crate::session::{Command, Stage, StanceView};

/// The checklist's catalogue keys, in the guide's order.
const CHECKLIST_KEYS: [&str; 5] = [
    "checklist-shoes",
    "checklist-space",
    "checklist-stance",
    "checklist-core",
    "checklist-breathe",
];

/// The live cue's minimum text height as a share of the window height (readable at 3 m).
pub const CUE_MIN_HEIGHT_FRACTION: f32 = 0.05;
/// Font size per wanted text height: a capital letter is about 0.7 of the font size, so
/// 1.3 keeps the letters themselves near [`CUE_MIN_HEIGHT_FRACTION`] of the window (the
/// label's row is taller still).
const CUE_SIZE_MARGIN: f32 = 1.3;

/// The live cue's font size for a window `window_height` points tall: the `big` style's
/// size, or more on a tall window so the text stays at least 5 % of the height.
pub fn cue_font_size(window_height: f32, big_size: f32) -> f32 {
    big_size.max(cue_min_font_size(window_height))
}

/// The smallest font size the cue may have: 5 % of the window height (with the margin).
fn cue_min_font_size(window_height: f32) -> f32 {
    window_height * CUE_MIN_HEIGHT_FRACTION * CUE_SIZE_MARGIN
}

/// The cue's font size shrunk (not below [`cue_min_font_size`]) so its longest word fits
/// `width` points: a long Danish word ("Langsommere") is not broken in the middle.
fn cue_size_fitting(ui: &egui::Ui, cue: &str, size: f32, window_height: f32, width: f32) -> f32 {
    let widest = cue
        .split_whitespace()
        .map(|word| {
            ui.ctx().fonts_mut(|f| {
                f.layout_no_wrap(word.to_owned(), egui::FontId::proportional(size), TEXT)
                    .size()
                    .x
            })
        })
        .fold(0.0_f32, f32::max);
    if widest <= width || widest <= 0.0 {
        return size;
    }
    (size * width / widest).max(cue_min_font_size(window_height))
}

/// The camera image (or a dark background for pose tracks) with the skeleton.
pub(super) fn camera_ui(app: &CoachApp, ui: &mut egui::Ui, size: Vec2) {
    let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 8.0, Color32::BLACK);
    let Some(frame) = &app.last_frame else {
        // Say what is true: waiting, or no picture at all (the notice above says why).
        let status = app.feed.as_ref().map(|f| f.status());
        let key = if app.feed_error.is_some() || matches!(status, Some(WorkerStatus::Failed { .. }))
        {
            "live-no-picture"
        } else if status.as_ref().is_some_and(WorkerStatus::has_ended) {
            "live-video-ended"
        } else {
            "live-waiting"
        };
        let text = app.tr(key);
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            text,
            egui::FontId::proportional(32.0),
            DIM,
        );
        return;
    };
    let image_size = frame.pose_frame.image_size;
    let map = draw::ImageToScreen::fit(image_size, rect)
        .mirrored(image_size, app.session.settings().mirror);
    if let (Some(texture), Some(_)) = (&app.texture, &frame.image) {
        painter.image(
            texture.id(),
            map.image_rect(image_size),
            map.uv(),
            Color32::WHITE,
        );
    } else {
        painter.rect_filled(
            map.image_rect(image_size),
            0.0,
            Color32::from_rgb(24, 26, 32),
        );
    }
    if let Some(pose) = &frame.pose_frame.pose {
        draw::skeleton(&painter, pose, &map, &app.session.live().active_faults);
    }
}

pub(super) fn person_notice(app: &CoachApp) -> Option<String> {
    let live = app.session.live();
    app.last_frame.as_ref()?;
    if live.several_people {
        Some(app.tr_args("live-two-people", &[("people", live.people.into())]))
    } else if !live.person_in_view {
        Some(app.tr("live-not-seen"))
    } else {
        None
    }
}

pub(super) fn before_ui(app: &mut CoachApp, ui: &mut egui::Ui, exercise: usize, set: u32) {
    let Some(item) = app.session.plan().get(exercise).cloned() else {
        return;
    };
    ui.heading(app.tr_args(
        "before-title",
        &[("set", set.into()), ("sets", item.sets.into())],
    ));
    if app.session.physician_advice_due() {
        card(ui, Color32::from_rgb(120, 90, 0), |ui| {
            ui.label(
                RichText::new(app.tr("physician-advice"))
                    .size(30.0)
                    .strong(),
            );
        });
    }
    let width = ui.available_width();
    let height = ui.available_height();
    let column_width = width * BEFORE_COLUMN_FRACTION;
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            ui.set_width(column_width);
            // The live check first: it is what the user acts on, and it never scrolls away.
            let (text, colour) = match app.session.live().stance.clone() {
                None | Some(StanceView::Waiting) => (app.tr("live-waiting"), DIM),
                Some(StanceView::NotInView { instruction }) => (instruction, FAULT),
                Some(StanceView::Adjust { cue }) => (cue, FAULT),
                Some(StanceView::Holding { .. }) => (app.tr("before-hold"), GOOD),
                Some(StanceView::Ready) => (app.tr("before-ready"), GOOD),
            };
            ui.label(RichText::new(text).size(44.0).strong().color(colour));
            if let Some(StanceView::Holding { progress }) = app.session.live().stance {
                ui.add(egui::ProgressBar::new(progress).desired_height(24.0));
            }
            if let Some(note) = person_notice(app) {
                ui.label(RichText::new(note).size(30.0).color(FAULT));
            }
            egui::ScrollArea::vertical()
                .id_salt("before_checklist")
                .show(ui, |ui| {
                    ui.set_width(column_width);
                    ui.spacing_mut().item_spacing.y = CHECKLIST_SPACING;
                    for key in CHECKLIST_KEYS {
                        ui.label(RichText::new(format!("• {}", app.tr(key))).size(28.0));
                    }
                    card(ui, CARD, |ui| {
                        ui.label(
                            RichText::new(app.tr("before-stop-hint"))
                                .size(28.0)
                                .color(ACCENT),
                        );
                    });
                    if big_button(ui, &app.tr("common-end-session"), CARD).clicked() {
                        app.command(Command::EndSession);
                    }
                });
        });
        let size = Vec2::new(ui.available_width(), height);
        camera_ui(app, ui, size);
    });
}

/// The most of the set screen's height the cue band may take; above it the cue's type
/// shrinks (not below [`CUE_MIN_HEIGHT_FRACTION`] of the window).
const CUE_MAX_HEIGHT_FRACTION: f32 = 0.4;
/// Each step of shrinking the cue to fit, as a share of its size.
const CUE_SHRINK_STEP: f32 = 0.9;
/// The rep count's largest and smallest font size, points.
const REP_COUNT_MAX_SIZE: f32 = 200.0;
const REP_COUNT_MIN_SIZE: f32 = 72.0;
/// A label's row height per point of font size (egui's proportional font, with spacing).
const ROW_HEIGHT_PER_SIZE: f32 = 1.2;
/// The set screen's column beside the camera, without the rep count: the set line, the
/// tempo line and bar, and the spacing between them, points.
const COUNTS_FIXED_HEIGHT: f32 = 190.0;

/// The set screen's one line to read from 3 m: the cue, or what keeps the counting from
/// seeing the user.
struct CueBand {
    text: String,
    colour: Color32,
    size: f32,
    height: f32,
}

/// The cue (or the person notice) laid out across the full `width`, as large as the cue
/// rules allow and shrunk until it takes at most [`CUE_MAX_HEIGHT_FRACTION`] of `height`.
fn cue_band(app: &CoachApp, ui: &egui::Ui, width: f32, height: f32) -> Option<CueBand> {
    let (text, colour) = match person_notice(app) {
        Some(note) => (note, FAULT),
        None => (app.session.live().cue.clone()?, ACCENT),
    };
    let big_size = ui
        .style()
        .text_styles
        .get(&draw::big())
        .map_or(64.0, |f| f.size);
    let window_height = ui.ctx().content_rect().height();
    // A little room for rounding, so the measured words surely fit.
    let wrap_width = width * 0.95;
    let mut size = cue_size_fitting(
        ui,
        &text,
        cue_font_size(window_height, big_size),
        window_height,
        wrap_width,
    );
    let min_size = cue_min_font_size(window_height);
    let measure = |size: f32| {
        ui.ctx().fonts_mut(|f| {
            f.layout(
                text.clone(),
                egui::FontId::proportional(size),
                colour,
                wrap_width,
            )
            .size()
            .y
        })
    };
    let mut text_height = measure(size);
    while text_height > height * CUE_MAX_HEIGHT_FRACTION && size > min_size {
        size = (size * CUE_SHRINK_STEP).max(min_size);
        text_height = measure(size);
    }
    Some(CueBand {
        text,
        colour,
        size,
        height: text_height,
    })
}

pub(super) fn live_ui(app: &mut CoachApp, ui: &mut egui::Ui, exercise: usize, set: u32) {
    let Some(item) = app.session.plan().get(exercise).cloned() else {
        return;
    };
    let live = app.session.live().clone();
    let width = ui.available_width();
    let height = ui.available_height();
    // The cue first: it is the one thing to read from 3 m, so it gets the room it needs
    // across the whole width, below the camera; the camera and the counts share the rest
    // (with the history banner on a 1280x720 screen, too).
    let band = cue_band(app, ui, width, height);
    let spacing = ui.spacing().item_spacing.y;
    let top_height = match &band {
        Some(band) => (height - band.height - spacing).max(0.0),
        None => height,
    };
    let rep_size = ((top_height - COUNTS_FIXED_HEIGHT) / ROW_HEIGHT_PER_SIZE)
        .clamp(REP_COUNT_MIN_SIZE, REP_COUNT_MAX_SIZE);
    ui.horizontal_top(|ui| {
        camera_ui(app, ui, Vec2::new(width * 0.62, top_height));
        ui.vertical(|ui| {
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(live.reps_in_set.to_string())
                        .size(rep_size)
                        .color(TEXT),
                );
                ui.label(
                    RichText::new(format!("/ {}", item.reps))
                        .text_style(draw::big())
                        .color(DIM),
                );
            });
            ui.label(
                RichText::new(app.tr_args(
                    "live-set",
                    &[("set", set.into()), ("sets", item.sets.into())],
                ))
                .size(40.0),
            );
            if let Some(tempo) = &live.tempo {
                let fraction = if tempo.min_secs > 0.0 {
                    (tempo.secs_in_phase / tempo.min_secs).clamp(0.0, 1.0) as f32
                } else {
                    1.0
                };
                let colour = if fraction >= 1.0 { GOOD } else { ACCENT };
                let text = app.tr_args("live-tempo", &[("phase", tempo.name.as_str().into())]);
                ui.label(RichText::new(text).size(34.0));
                ui.add(
                    egui::ProgressBar::new(fraction)
                        .desired_height(28.0)
                        .fill(colour),
                );
            }
        });
    });
    if let Some(band) = band {
        ui.add(
            egui::Label::new(
                RichText::new(band.text)
                    .size(band.size)
                    .strong()
                    .color(band.colour),
            )
            .wrap(),
        );
    }
}

pub(super) fn rest_ui(app: &mut CoachApp, ui: &mut egui::Ui) {
    let remaining = app.session.rest_remaining_secs().unwrap_or(0.0).ceil() as u32;
    let next = match (app.session.stage(), app.session.current_item()) {
        (Stage::Rest { next_set, .. }, Some((_, item))) => app.tr_args(
            "rest-next",
            &[
                ("name", item.exercise.name_in(app.lang()).into()),
                ("set", (*next_set).into()),
                ("sets", item.sets.into()),
            ],
        ),
        _ => String::new(),
    };
    egui::ScrollArea::vertical().show(ui, |ui| {
        rest_body_ui(app, ui, remaining, next);
    });
}

pub(super) fn rest_body_ui(app: &mut CoachApp, ui: &mut egui::Ui, remaining: u32, next: String) {
    ui.vertical_centered(|ui| {
        ui.heading(app.tr("rest-title"));
        ui.label(
            RichText::new(remaining.to_string())
                .text_style(draw::huge())
                .color(ACCENT),
        );
        ui.label(
            RichText::new(app.tr_args("rest-seconds", &[("secs", remaining.into())])).size(34.0),
        );
        ui.label(RichText::new(next).size(40.0));
        ui.add_space(20.0);
        if big_button(ui, &app.tr("rest-skip"), CARD).clicked() {
            app.command(Command::SkipRest);
        }
        if big_button(ui, &app.tr("common-end-session"), CARD).clicked() {
            app.command(Command::EndSession);
        }
    });
}

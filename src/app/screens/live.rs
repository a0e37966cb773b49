//! The camera view, Before-you-begin (stance gate), the live set and the rest.

use egui::{Color32, RichText, Sense, Vec2};

use super::*;
use crate::app::CoachApp;
use crate::app::draw::{self, ACCENT, CARD, DIM, FAULT, GOOD, TEXT};
use crate::pipeline::WorkerStatus;
use crate::session::{CHECKLIST, Command, PHYSICIAN_ADVICE, Stage, StanceView};

/// The camera image (or a dark background for pose tracks) with the skeleton.
pub(super) fn camera_ui(app: &CoachApp, ui: &mut egui::Ui, size: Vec2) {
    let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 8.0, Color32::BLACK);
    let Some(frame) = &app.last_frame else {
        // Say what is true: waiting, or no picture at all (the notice above says why).
        let status = app.feed.as_ref().map(|f| f.status());
        let text =
            if app.feed_error.is_some() || matches!(status, Some(WorkerStatus::Failed { .. })) {
                "No camera picture"
            } else if matches!(status, Some(WorkerStatus::Ended)) {
                "The video has ended"
            } else {
                "Waiting for the camera…"
            };
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

pub(super) fn person_notice(app: &CoachApp) -> Option<&'static str> {
    let live = app.session.live();
    app.last_frame.as_ref()?;
    if live.several_people {
        Some("Two people in view: only you should be in the picture.")
    } else if !live.person_in_view {
        Some("We can't see you. Step into view, 2-3 m from the screen.")
    } else {
        None
    }
}

pub(super) fn before_ui(app: &mut CoachApp, ui: &mut egui::Ui, exercise: usize, set: u32) {
    let Some(item) = app.session.plan().get(exercise).cloned() else {
        return;
    };
    ui.heading(format!("Before you begin — set {set} of {}", item.sets));
    if app.session.physician_advice_due() {
        card(ui, Color32::from_rgb(120, 90, 0), |ui| {
            ui.label(RichText::new(PHYSICIAN_ADVICE).size(30.0).strong());
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
                None | Some(StanceView::Waiting) => ("Waiting for the camera…".to_owned(), DIM),
                Some(StanceView::NotInView { instruction }) => (instruction, FAULT),
                Some(StanceView::Adjust { cue }) => (cue, FAULT),
                Some(StanceView::Holding { .. }) => ("Good. Hold still…".to_owned(), GOOD),
                Some(StanceView::Ready) => ("Ready!".to_owned(), GOOD),
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
                    for c in CHECKLIST {
                        ui.label(RichText::new(format!("• {c}")).size(28.0));
                    }
                    card(ui, CARD, |ui| {
                        ui.label(
                            RichText::new(
                                "To stop at any time: cross both wrists above your head for a \
                                 second, or press Space.",
                            )
                            .size(28.0)
                            .color(ACCENT),
                        );
                    });
                    if big_button(ui, "End session", CARD).clicked() {
                        app.command(Command::EndSession);
                    }
                });
        });
        let size = Vec2::new(ui.available_width(), height);
        camera_ui(app, ui, size);
    });
}

pub(super) fn live_ui(app: &mut CoachApp, ui: &mut egui::Ui, exercise: usize, set: u32) {
    let Some(item) = app.session.plan().get(exercise).cloned() else {
        return;
    };
    let live = app.session.live().clone();
    let width = ui.available_width();
    let height = ui.available_height();
    ui.horizontal_top(|ui| {
        camera_ui(app, ui, Vec2::new(width * 0.62, height));
        ui.vertical(|ui| {
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(live.reps_in_set.to_string())
                        .text_style(draw::huge())
                        .color(TEXT),
                );
                ui.label(
                    RichText::new(format!("/ {}", item.reps))
                        .text_style(draw::big())
                        .color(DIM),
                );
            });
            ui.label(RichText::new(format!("Set {set} of {}", item.sets)).size(40.0));
            if let Some(tempo) = &live.tempo {
                let fraction = if tempo.min_secs > 0.0 {
                    (tempo.secs_in_phase / tempo.min_secs).clamp(0.0, 1.0) as f32
                } else {
                    1.0
                };
                let colour = if fraction >= 1.0 { GOOD } else { ACCENT };
                ui.label(RichText::new(format!("{}  ·  slowly", tempo.name)).size(34.0));
                ui.add(
                    egui::ProgressBar::new(fraction)
                        .desired_height(28.0)
                        .fill(colour),
                );
            }
            ui.add_space(20.0);
            if let Some(note) = person_notice(app) {
                ui.label(RichText::new(note).size(40.0).strong().color(FAULT));
            } else if let Some(cue) = &live.cue {
                ui.label(
                    RichText::new(cue)
                        .text_style(draw::big())
                        .strong()
                        .color(ACCENT),
                );
            }
        });
    });
}

pub(super) fn rest_ui(app: &mut CoachApp, ui: &mut egui::Ui) {
    let remaining = app.session.rest_remaining_secs().unwrap_or(0.0).ceil() as u32;
    let next = match (app.session.stage(), app.session.current_item()) {
        (Stage::Rest { next_set, .. }, Some((_, item))) => {
            format!(
                "Next: {} — set {next_set} of {}",
                item.exercise.name, item.sets
            )
        }
        _ => String::new(),
    };
    egui::ScrollArea::vertical().show(ui, |ui| {
        rest_body_ui(app, ui, remaining, next);
    });
}

pub(super) fn rest_body_ui(app: &mut CoachApp, ui: &mut egui::Ui, remaining: u32, next: String) {
    ui.vertical_centered(|ui| {
        ui.heading("Rest");
        ui.label(
            RichText::new(remaining.to_string())
                .text_style(draw::huge())
                .color(ACCENT),
        );
        ui.label(RichText::new("seconds").size(34.0));
        ui.label(RichText::new(next).size(40.0));
        ui.add_space(20.0);
        if big_button(ui, "Skip rest", CARD).clicked() {
            app.command(Command::SkipRest);
        }
        if big_button(ui, "End session", CARD).clicked() {
            app.command(Command::EndSession);
        }
    });
}

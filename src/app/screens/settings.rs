//! Settings: camera, resolution, mirror view.

use egui::{Align, Color32, Layout, RichText};

use super::*;
use crate::app::draw::{ACCENT, CARD, DIM, FAULT};
use crate::app::{CoachApp, Screen};
use crate::history::RESOLUTIONS;
use crate::session::Command;

pub(super) fn settings_ui(app: &mut CoachApp, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        ui.heading("Settings");
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if big_button(ui, "Back", CARD).clicked() {
                app.screen = Screen::Home;
            }
        });
    });
    let current = app.session.settings().clone();
    let mut wanted = current.clone();
    let mut look_again = false;
    egui::ScrollArea::vertical().show(ui, |ui| {
        if let Some(source) = &app.fixed_source {
            card(ui, Color32::from_rgb(90, 60, 0), |ui| {
                ui.label(
                    RichText::new(format!(
                        "Now using --source {source}. The camera below is used when backcoach \
                         starts without --source."
                    ))
                    .size(28.0),
                );
            });
        }
        ui.columns(2, |cols| {
            let ui = &mut cols[0];
            ui.label(RichText::new("Camera").size(40.0).strong().color(ACCENT));
            match &app.cameras {
                Some(Ok(list)) if !list.is_empty() => {
                    for camera in list {
                        let text = if camera.name.trim().is_empty() {
                            format!("Camera {}", camera.index)
                        } else {
                            camera.name.clone()
                        };
                        if option_button(ui, camera.index == wanted.camera, &text).clicked() {
                            wanted.camera = camera.index.clone();
                        }
                    }
                }
                other => {
                    ui.label(
                        RichText::new("No camera found")
                            .size(44.0)
                            .strong()
                            .color(FAULT),
                    );
                    ui.label("Plug in a webcam, then press Look again.");
                    if let Some(Err(e)) = other {
                        ui.label(RichText::new(e).color(DIM));
                    }
                }
            }
            if big_button(ui, "Look again", CARD).clicked() {
                look_again = true;
            }

            let ui = &mut cols[1];
            ui.label(
                RichText::new("Resolution")
                    .size(40.0)
                    .strong()
                    .color(ACCENT),
            );
            ui.horizontal_wrapped(|ui| {
                for [w, h] in RESOLUTIONS {
                    let selected = wanted.width == w && wanted.height == h;
                    if option_button(ui, selected, &format!("{w}×{h}")).clicked() {
                        wanted.width = w;
                        wanted.height = h;
                    }
                }
            });
            ui.add_space(20.0);
            ui.label(
                RichText::new("Mirror view")
                    .size(40.0)
                    .strong()
                    .color(ACCENT),
            );
            ui.horizontal(|ui| {
                if option_button(ui, !wanted.mirror, "Off").clicked() {
                    wanted.mirror = false;
                }
                if option_button(ui, wanted.mirror, "On").clicked() {
                    wanted.mirror = true;
                }
            });
            ui.label(
                RichText::new("See yourself as in a mirror. Counting is the same.").color(DIM),
            );
        });
    });
    if look_again {
        app.refresh_cameras();
    }
    if wanted != current {
        app.command(Command::SaveSettings(wanted));
    }
}

//! Home: today's plan, start, pain diary entry.

use egui::{Color32, RichText};

use super::*;
use crate::app::draw::{self, ACCENT, CARD, DIM};
use crate::app::{CoachApp, Screen};
use crate::session::{Command, PHYSICIAN_ADVICE};

pub(super) fn home_ui(app: &mut CoachApp, ui: &mut egui::Ui) {
    if app.session.physician_advice_due() {
        card(ui, Color32::from_rgb(120, 90, 0), |ui| {
            ui.label(RichText::new(PHYSICIAN_ADVICE).size(34.0).strong());
        });
    }
    ui.columns(2, |cols| {
        let ui = &mut cols[0];
        ui.heading("Today's plan");
        let plan = app.session.plan().to_vec();
        if plan.is_empty() {
            ui.label("No exercises chosen yet.");
        }
        for item in &plan {
            ui.label(
                RichText::new(format!(
                    "{} — {} × {}",
                    item.exercise.name, item.sets, item.reps
                ))
                .size(34.0),
            );
        }
        ui.add_space(20.0);
        if !plan.is_empty() && big_button(ui, "Start", Color32::from_rgb(0, 110, 40)).clicked() {
            app.command(Command::Start);
        }
        if big_button(ui, "Choose exercises", CARD).clicked() {
            app.screen = Screen::Library;
        }
        if big_button(ui, "History", CARD).clicked() {
            app.screen = Screen::History;
        }
        if big_button(ui, "Settings", CARD).clicked() {
            app.open_settings();
        }

        let ui = &mut cols[1];
        let streak = app.streak_days();
        ui.label(
            RichText::new(format!("{streak}"))
                .text_style(draw::big())
                .color(ACCENT),
        );
        ui.label(if streak == 1 {
            "day in a row"
        } else {
            "days in a row"
        });
        ui.label(RichText::new("Do the exercises daily.").color(DIM));
        ui.add_space(12.0);
        ui.horizontal_wrapped(|ui| {
            if ui
                .add(egui::Button::new(RichText::new(app.tr("work-title")).size(30.0)).fill(CARD))
                .clicked()
            {
                app.open_work();
            }
            let f = app.work().figures();
            if f.sitting_secs > 0.0 {
                ui.label(RichText::new(super::figures_line(app, &f)).color(DIM));
            }
        });
        ui.add_space(24.0);
        ui.label("How is your back now? 0 = no pain, 10 = worst");
        intensity_picker(ui, &mut app.home_pain.intensity);
        if let Some(intensity) = app.home_pain.intensity {
            ui.horizontal(|ui| {
                location_field(ui, "Where? (optional)", &mut app.home_pain.location, 320.0);
            });
            if big_button(ui, "Save pain report", CARD).clicked() {
                let form = std::mem::take(&mut app.home_pain);
                app.command(Command::ReportPain {
                    intensity,
                    location: form.location.trim().to_owned(),
                });
            }
        }
    });
}

/// Pain 0-10 as a row of large buttons; a click chooses that number.
pub(super) fn intensity_picker(ui: &mut egui::Ui, intensity: &mut Option<u8>) {
    ui.horizontal_wrapped(|ui| {
        for i in 0..=10u8 {
            let button = egui::Button::selectable(
                *intensity == Some(i),
                RichText::new(i.to_string()).size(30.0),
            );
            if ui.add(button).clicked() {
                *intensity = Some(i);
            }
        }
    });
}

/// "Where it hurts": a labelled one-line text field.
pub(super) fn location_field(ui: &mut egui::Ui, label: &str, location: &mut String, width: f32) {
    let label = ui.label(label);
    ui.add(
        egui::TextEdit::singleline(location)
            .desired_width(width)
            .font(egui::TextStyle::Body),
    )
    .labelled_by(label.id);
}

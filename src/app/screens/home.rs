//! Home: today's plan, start, pain diary entry.

use egui::{Color32, RichText};

use super::*;
use crate::app::draw::{self, ACCENT, CARD, DIM};
use crate::app::{CoachApp, Screen};
use crate::session::Command;

pub(super) fn home_ui(app: &mut CoachApp, ui: &mut egui::Ui) {
    let lang = app.lang();
    if app.session.physician_advice_due() {
        card(ui, Color32::from_rgb(120, 90, 0), |ui| {
            ui.label(
                RichText::new(app.tr("physician-advice"))
                    .size(34.0)
                    .strong(),
            );
        });
    }
    if let Some(notice) = app.voice_notice() {
        card(ui, CARD, |ui| {
            let text = app.tr_args("home-voice-notice", &[("notice", notice.into())]);
            ui.label(RichText::new(text).color(DIM));
        });
    }
    ui.columns(2, |cols| {
        let ui = &mut cols[0];
        ui.heading(app.tr("home-plan"));
        let plan = app.session.plan().to_vec();
        if plan.is_empty() {
            ui.label(app.tr("home-no-exercises"));
        }
        for item in &plan {
            let line = app.tr_args(
                "home-plan-item",
                &[
                    ("name", item.exercise.name_in(lang).into()),
                    ("sets", item.sets.into()),
                    ("reps", item.reps.into()),
                ],
            );
            ui.label(RichText::new(line).size(34.0));
        }
        ui.add_space(20.0);
        if !plan.is_empty()
            && big_button(ui, &app.tr("home-start"), Color32::from_rgb(0, 110, 40)).clicked()
        {
            app.command(Command::Start);
        }
        if big_button(ui, &app.tr("home-choose"), CARD).clicked() {
            app.screen = Screen::Library;
        }
        if big_button(ui, &app.tr("home-history"), CARD).clicked() {
            app.screen = Screen::History;
        }
        if big_button(ui, &app.tr("home-settings"), CARD).clicked() {
            app.open_settings();
        }

        let ui = &mut cols[1];
        let streak = app.streak_days();
        ui.label(
            RichText::new(format!("{streak}"))
                .text_style(draw::big())
                .color(ACCENT),
        );
        ui.label(app.tr_args("home-streak", &[("days", streak.into())]));
        ui.label(RichText::new(app.tr("home-daily")).color(DIM));
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
        ui.label(app.tr("home-pain-question"));
        intensity_picker(ui, &mut app.home_pain.intensity);
        if let Some(intensity) = app.home_pain.intensity {
            let where_label = app.tr("home-pain-where");
            ui.horizontal(|ui| {
                location_field(ui, &where_label, &mut app.home_pain.location, 320.0);
            });
            if big_button(ui, &app.tr("home-pain-save"), CARD).clicked() {
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

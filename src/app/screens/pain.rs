//! The pain stop screen: the advice, optional questions, what next.

use egui::RichText;

use super::*;
use crate::app::draw::{CARD, DIM, FAULT};
use crate::app::{CoachApp, Screen};
use crate::session::{Command, ResumeChoice};

pub(super) fn pain_ui(
    app: &mut CoachApp,
    ui: &mut egui::Ui,
    exercise: Option<usize>,
    answered: bool,
) {
    egui::ScrollArea::vertical().show(ui, |ui| {
        pain_body_ui(app, ui, exercise, answered);
    });
}

pub(super) fn pain_body_ui(
    app: &mut CoachApp,
    ui: &mut egui::Ui,
    exercise: Option<usize>,
    answered: bool,
) {
    ui.label(
        RichText::new(app.tr("pain-stopped"))
            .size(72.0)
            .strong()
            .color(FAULT),
    );
    ui.label(RichText::new(app.tr("pain-advice")).size(40.0).strong());
    ui.add_space(16.0);
    if !answered {
        card(ui, CARD, |ui| {
            ui.label(app.tr("pain-question"));
            intensity_picker(ui, &mut app.pain_form.intensity);
            let where_label = app.tr("pain-where");
            let save = app.tr("pain-save");
            ui.horizontal(|ui| {
                location_field(ui, &where_label, &mut app.pain_form.location, 420.0);
                if ui.button(save).clicked() {
                    let form = std::mem::take(&mut app.pain_form);
                    app.command(Command::PainDetails {
                        intensity: form.intensity,
                        location: form.location,
                    });
                }
            });
        });
    } else {
        ui.label(RichText::new(app.tr("pain-thanks")).color(DIM));
    }
    ui.add_space(16.0);
    ui.label(app.tr("pain-what-now"));
    ui.horizontal_wrapped(|ui| {
        if exercise.is_none() {
            if big_button(ui, &app.tr("pain-back-home"), CARD).clicked() {
                app.command(Command::ResumeAfterPain(ResumeChoice::EndSession));
                app.screen = Screen::Home;
            }
            return;
        }
        if big_button(ui, &app.tr("common-end-session"), CARD).clicked() {
            app.command(Command::ResumeAfterPain(ResumeChoice::EndSession));
        }
        if big_button(ui, &app.tr("pain-next-exercise"), CARD).clicked() {
            app.command(Command::ResumeAfterPain(ResumeChoice::NextExercise));
        }
        if big_button(ui, &app.tr("pain-try-again"), CARD).clicked() {
            app.command(Command::ResumeAfterPain(ResumeChoice::SameExercise));
        }
    });
}

//! The pain stop screen: the advice, optional questions, what next.

use egui::RichText;

use super::*;
use crate::app::draw::{CARD, DIM, FAULT};
use crate::app::{CoachApp, Screen};
use crate::session::{Command, PAIN_ADVICE, ResumeChoice};

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
    ui.label(RichText::new("Stopped.").size(72.0).strong().color(FAULT));
    ui.label(RichText::new(PAIN_ADVICE).size(40.0).strong());
    ui.add_space(16.0);
    if !answered {
        card(ui, CARD, |ui| {
            ui.label("If you like: how strong is the pain? (0-10)");
            intensity_picker(ui, &mut app.pain_form.intensity);
            ui.horizontal(|ui| {
                location_field(ui, "Where?", &mut app.pain_form.location, 420.0);
                if ui.button("Save").clicked() {
                    let form = std::mem::take(&mut app.pain_form);
                    app.command(Command::PainDetails {
                        intensity: form.intensity,
                        location: form.location,
                    });
                }
            });
        });
    } else {
        ui.label(RichText::new("Thank you. Your answer is saved.").color(DIM));
    }
    ui.add_space(16.0);
    ui.label("What now? You choose.");
    ui.horizontal_wrapped(|ui| {
        if exercise.is_none() {
            if big_button(ui, "Back to home", CARD).clicked() {
                app.command(Command::ResumeAfterPain(ResumeChoice::EndSession));
                app.screen = Screen::Home;
            }
            return;
        }
        if big_button(ui, "End session", CARD).clicked() {
            app.command(Command::ResumeAfterPain(ResumeChoice::EndSession));
        }
        if big_button(ui, "Next exercise", CARD).clicked() {
            app.command(Command::ResumeAfterPain(ResumeChoice::NextExercise));
        }
        if big_button(ui, "Try this one again", CARD).clicked() {
            app.command(Command::ResumeAfterPain(ResumeChoice::SameExercise));
        }
    });
}

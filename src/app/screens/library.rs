//! The exercise library and one exercise's information page.

use egui::{Align, Color32, Layout, RichText, Sense, Vec2};

use super::*;
use crate::app::draw::{self, ACCENT, CARD, DIM};
use crate::app::{CoachApp, Screen};
use crate::exercise::demo_pose;
use crate::session::{Command, REPS_RANGE};

pub(super) fn library_ui(app: &mut CoachApp, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        ui.heading("Choose exercises");
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if big_button(ui, "Done", Color32::from_rgb(0, 110, 40)).clicked() {
                let plan = app.selected_plan();
                app.command(Command::SetPlan(plan));
                app.screen = Screen::Home;
            }
        });
    });
    egui::ScrollArea::vertical().show(ui, |ui| {
        for i in 0..app.library.len() {
            let (name, id, summary) = {
                let e = &app.library[i];
                (e.name.clone(), e.id.clone(), e.summary.clone())
            };
            card(ui, CARD, |ui| {
                ui.horizontal(|ui| {
                    let c = &mut app.choices[i];
                    if ui
                        .add(
                            egui::Button::selectable(
                                c.selected,
                                RichText::new(name.clone()).size(36.0).strong(),
                            )
                            .min_size(Vec2::new(360.0, 70.0)),
                        )
                        .on_hover_text(format!("Select {name}"))
                        .clicked()
                    {
                        c.selected = !c.selected;
                    }
                    stepper_ui(
                        ui,
                        &format!("{name} sets"),
                        "Sets",
                        &mut c.sets,
                        1..=MAX_SETS,
                    );
                    stepper_ui(ui, &format!("{name} reps"), "Reps", &mut c.reps, REPS_RANGE);
                    if ui
                        .add(
                            egui::Button::new(RichText::new("Info").size(32.0))
                                .min_size(Vec2::new(120.0, 70.0)),
                        )
                        .on_hover_text(format!("About {name}"))
                        .clicked()
                    {
                        app.screen = Screen::Info(id.clone());
                        app.demo_t_secs = 0.0;
                        app.demo_playing = true;
                    }
                });
                ui.label(RichText::new(summary).color(DIM));
            });
        }
    });
}

pub(super) fn stepper_ui(
    ui: &mut egui::Ui,
    what: &str,
    label: &str,
    value: &mut u32,
    range: std::ops::RangeInclusive<u32>,
) {
    ui.label(format!("{label}:"));
    if ui
        .add(egui::Button::new(RichText::new("-").size(36.0)).min_size(Vec2::splat(64.0)))
        .on_hover_text(format!("Fewer {what}"))
        .clicked()
    {
        *value = (*value).saturating_sub(1).max(*range.start());
    }
    ui.label(RichText::new(value.to_string()).size(40.0).strong());
    if ui
        .add(egui::Button::new(RichText::new("+").size(36.0)).min_size(Vec2::splat(64.0)))
        .on_hover_text(format!("More {what}"))
        .clicked()
    {
        *value = (*value + 1).min(*range.end());
    }
}

pub(super) fn info_ui(app: &mut CoachApp, ui: &mut egui::Ui, id: &str) {
    let Some(exercise) = app.library.iter().find(|e| e.id == id).cloned() else {
        app.screen = Screen::Library;
        return;
    };
    ui.horizontal(|ui| {
        ui.heading(&exercise.name);
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if big_button(ui, "Back", CARD).clicked() {
                app.screen = Screen::Library;
            }
        });
    });
    ui.label(RichText::new(&exercise.summary).size(30.0));
    ui.columns(2, |cols| {
        let ui = &mut cols[0];
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.label(RichText::new("How to do it").strong().color(ACCENT));
            for (n, step) in exercise.steps.iter().enumerate() {
                ui.label(format!("{}. {step}", n + 1));
            }
            if !exercise.muscles.is_empty() {
                ui.label(RichText::new("Muscles it trains").strong().color(ACCENT));
                ui.label(exercise.muscles.join(", "));
            }
            if !exercise.cautions.is_empty() {
                ui.label(RichText::new("Take care").strong().color(ACCENT));
                for c in &exercise.cautions {
                    ui.label(format!("• {c}"));
                }
            }
        });
        let ui = &mut cols[1];
        let side = ui
            .available_width()
            .min(ui.available_height() - 110.0)
            .max(200.0);
        let (rect, _) = ui.allocate_exact_size(Vec2::splat(side), Sense::hover());
        let figure = demo_pose(&exercise, app.demo_t_secs);
        draw::demo_figure(ui.painter(), &figure, rect);
        let label = if app.demo_playing { "Pause" } else { "Play" };
        if big_button(ui, label, CARD).clicked() {
            app.demo_playing = !app.demo_playing;
        }
    });
}

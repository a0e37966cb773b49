//! The exercise library and one exercise's information page.

use egui::{Align, Color32, Layout, RichText, Sense, Vec2};

use super::*;
use crate::app::draw::{self, ACCENT, CARD, DIM};
use crate::app::{CoachApp, Screen};
use crate::exercise::demo_pose;
use crate::session::{Command, REPS_RANGE};

pub(super) fn library_ui(app: &mut CoachApp, ui: &mut egui::Ui) {
    let lang = app.lang();
    ui.horizontal(|ui| {
        ui.heading(app.tr("library-title"));
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if big_button(ui, &app.tr("library-done"), Color32::from_rgb(0, 110, 40)).clicked() {
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
                (
                    e.name_in(lang).to_owned(),
                    e.id.clone(),
                    e.summary_in(lang).to_owned(),
                )
            };
            let name_arg = || [("name", crate::i18n::Arg::from(name.as_str()))];
            let select_hint = app.tr_args("library-select", &name_arg());
            let about_hint = app.tr_args("library-about", &name_arg());
            let sets = Stepper {
                label: app.tr("library-sets"),
                fewer: app.tr_args("library-fewer-sets", &name_arg()),
                more: app.tr_args("library-more-sets", &name_arg()),
            };
            let reps = Stepper {
                label: app.tr("library-reps"),
                fewer: app.tr_args("library-fewer-reps", &name_arg()),
                more: app.tr_args("library-more-reps", &name_arg()),
            };
            let info = app.tr("library-info");
            // One row (name, steppers, Info) where it fits, as measured last frame; else
            // two (name and Info, then the steppers), so nothing runs off a narrow window.
            let row_id = ui.scope_id().with(("library_row_width", i));
            card(ui, CARD, |ui| {
                let one_row_width: Option<f32> = ui.data(|d| d.get_temp(row_id));
                let one_row = one_row_width.is_none_or(|w| w <= ui.available_width() + 0.5);
                let row = ui.horizontal(|ui| {
                    let c = &mut app.choices[i];
                    if ui
                        .add(
                            egui::Button::selectable(
                                c.selected,
                                RichText::new(name.clone()).size(36.0).strong(),
                            )
                            .min_size(Vec2::new(360.0, 70.0)),
                        )
                        .on_hover_text(&select_hint)
                        .clicked()
                    {
                        c.selected = !c.selected;
                    }
                    if one_row {
                        stepper_ui(ui, &sets, &mut c.sets, 1..=MAX_SETS);
                        stepper_ui(ui, &reps, &mut c.reps, REPS_RANGE);
                    }
                    if ui
                        .add(
                            egui::Button::new(RichText::new(&info).size(32.0))
                                .min_size(Vec2::new(120.0, 70.0)),
                        )
                        .on_hover_text(&about_hint)
                        .clicked()
                    {
                        app.screen = Screen::Info(id.clone());
                        app.demo_t_secs = 0.0;
                        app.demo_playing = true;
                    }
                });
                if one_row {
                    let width = row.response.rect.width();
                    ui.data_mut(|d| d.insert_temp(row_id, width));
                } else {
                    ui.horizontal(|ui| {
                        let c = &mut app.choices[i];
                        stepper_ui(ui, &sets, &mut c.sets, 1..=MAX_SETS);
                        stepper_ui(ui, &reps, &mut c.reps, REPS_RANGE);
                    });
                }
                ui.label(RichText::new(summary).color(DIM));
            });
        }
    });
}

/// A number stepper's words: its label and the two buttons' hover texts.
pub(super) struct Stepper {
    /// "Sets", "Reps".
    pub label: String,
    /// "Fewer Knee bend sets".
    pub fewer: String,
    /// "More Knee bend sets".
    pub more: String,
}

pub(super) fn stepper_ui(
    ui: &mut egui::Ui,
    words: &Stepper,
    value: &mut u32,
    range: std::ops::RangeInclusive<u32>,
) {
    ui.label(format!("{}:", words.label));
    if ui
        .add(egui::Button::new(RichText::new("-").size(36.0)).min_size(Vec2::splat(64.0)))
        .on_hover_text(&words.fewer)
        .clicked()
    {
        *value = (*value).saturating_sub(1).max(*range.start());
    }
    ui.label(RichText::new(value.to_string()).size(40.0).strong());
    if ui
        .add(egui::Button::new(RichText::new("+").size(36.0)).min_size(Vec2::splat(64.0)))
        .on_hover_text(&words.more)
        .clicked()
    {
        *value = (*value + 1).min(*range.end());
    }
}

/// Room below the demo figure for the Play/Pause button and the spacing around it, points.
const INFO_BUTTON_ROOM: f32 = 110.0;
/// The demo figure's smallest side on the info screen, points (below it, on a small
/// window under a long notice, the button would fall off the screen).
const INFO_FIGURE_MIN_SIDE: f32 = 120.0;

pub(super) fn info_ui(app: &mut CoachApp, ui: &mut egui::Ui, id: &str) {
    let Some(exercise) = app.library.iter().find(|e| e.id == id).cloned() else {
        app.screen = Screen::Library;
        return;
    };
    let lang = app.lang();
    ui.horizontal(|ui| {
        ui.heading(exercise.name_in(lang));
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if big_button(ui, &app.tr("common-back"), CARD).clicked() {
                app.screen = Screen::Library;
            }
        });
    });
    ui.label(RichText::new(exercise.summary_in(lang)).size(30.0));
    ui.columns(2, |cols| {
        let ui = &mut cols[0];
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.label(RichText::new(app.tr("info-how")).strong().color(ACCENT));
            for (n, step) in exercise.steps_in(lang).iter().enumerate() {
                ui.label(format!("{}. {step}", n + 1));
            }
            let muscles = exercise.muscles_in(lang);
            if !muscles.is_empty() {
                ui.label(RichText::new(app.tr("info-muscles")).strong().color(ACCENT));
                ui.label(muscles.join(", "));
            }
            let cautions = exercise.cautions_in(lang);
            if !cautions.is_empty() {
                ui.label(
                    RichText::new(app.tr("info-cautions"))
                        .strong()
                        .color(ACCENT),
                );
                for c in cautions {
                    ui.label(format!("• {c}"));
                }
            }
        });
        let ui = &mut cols[1];
        // The figure takes what the Play/Pause button below it leaves.
        let side = ui
            .available_width()
            .min(ui.available_height() - INFO_BUTTON_ROOM)
            .max(INFO_FIGURE_MIN_SIDE);
        let (rect, _) = ui.allocate_exact_size(Vec2::splat(side), Sense::hover());
        let figure = demo_pose(&exercise, app.demo_t_secs);
        draw::demo_figure(ui.painter(), &figure, rect);
        let label = app.tr(if app.demo_playing {
            "info-pause"
        } else {
            "info-play"
        });
        if big_button(ui, &label, CARD).clicked() {
            app.demo_playing = !app.demo_playing;
        }
    });
}

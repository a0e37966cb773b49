//! The exercise library and one exercise's information page.
//!
//! Each exercise shows today's sets and reps (the programme's, or the user's own). Its −/+
//! buttons keep the user's own count ([`Command::SetOverride`], stored in the history, so
//! it survives a restart and the plan honours it every day); "Back to the programme"
//! drops it. Selecting exercises and pressing Done is a hand choice for today only (see
//! [`crate::session::TodayProgramme`]); Done with none selected follows the programme.

use egui::{Align, Color32, Layout, RichText, Sense, Vec2};

use super::*;
use crate::app::draw::{self, ACCENT, BACKGROUND, CARD, DIM};
use crate::app::{CoachApp, Screen};
use crate::exercise::demo_pose;
use crate::history::ExerciseOverride;
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
            let back_to_programme = app.tr("library-back-to-programme");
            // Today's sets and reps (the programme's or the user's own), and the range.
            let item = crate::session::PlanItem::new(app.library[i].clone());
            let (mut n_sets, mut n_reps) = app.session.count_for(&item);
            let (before_sets, before_reps) = (n_sets, n_reps);
            let programme = app.session.programme();
            let reps_range = programme.map_or(REPS_RANGE, |p| p.reps_range());
            let own_choice = programme.and_then(|p| p.override_for(&id)).is_some();
            let reason = programme
                .filter(|_| own_choice)
                .and_then(|p| p.reason_text(&id, lang));
            let mut clear = false;
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
                        stepper_ui(ui, &sets, &mut n_sets, 1..=MAX_SETS);
                        stepper_ui(ui, &reps, &mut n_reps, reps_range.clone());
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
                        stepper_ui(ui, &sets, &mut n_sets, 1..=MAX_SETS);
                        stepper_ui(ui, &reps, &mut n_reps, reps_range.clone());
                    });
                }
                if let Some(reason) = &reason {
                    ui.label(RichText::new(reason).size(REASON_SIZE).color(ACCENT));
                }
                if own_choice
                    && ui
                        .add(
                            egui::Button::new(RichText::new(&back_to_programme).size(30.0))
                                .fill(BACKGROUND)
                                .stroke(egui::Stroke::new(2.0, ACCENT))
                                .min_size(Vec2::new(120.0, 64.0)),
                        )
                        .clicked()
                {
                    clear = true;
                }
                ui.label(RichText::new(summary).color(DIM));
            });
            // The session keeps the choice (in the history) and replans.
            if clear {
                app.command(Command::SetOverride {
                    exercise_id: id.clone(),
                    choice: None,
                });
            } else if (n_sets, n_reps) != (before_sets, before_reps) {
                app.command(Command::SetOverride {
                    exercise_id: id.clone(),
                    choice: Some(ExerciseOverride {
                        sets: n_sets,
                        reps: n_reps,
                    }),
                });
            }
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

/// Size of a reason's text, points (smaller than the names, still readable from 2-3 m).
pub(super) const REASON_SIZE: f32 = 22.0;

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

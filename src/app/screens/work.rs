//! At work: the posture now, the sitting timer, the break reminder with the standing
//! routine, the standing-meeting timer, today's figures and the privacy note.

use egui::{Color32, RichText};

use super::*;
use crate::app::draw::{ACCENT, CARD, DIM};
use crate::app::work::ROUTINE;
use crate::app::{CoachApp, Screen};
use crate::i18n::Arg;
use crate::work::text;

/// One line with the day's figures (Home, History, the work screen).
pub(crate) fn figures_line(app: &CoachApp, f: &crate::work::DayFigures) -> String {
    app.tr_args(
        "work-today",
        &[
            ("sitting", Arg::Str(text::clock(f.sitting_secs))),
            (
                "longest",
                Arg::Str(text::clock(f.longest_sitting_bout_secs)),
            ),
            ("breaks", Arg::from(f.breaks_taken)),
            ("ignored", Arg::from(f.reminders_ignored)),
        ],
    )
}

pub(super) fn work_ui(app: &mut CoachApp, ui: &mut egui::Ui) {
    let lang = app.lang();
    let view = app.work.view();
    let t = app.session.now_secs();
    if let Some(problem) = app.work.feed_problem() {
        card(ui, Color32::from_rgb(90, 60, 0), |ui| {
            ui.label(RichText::new(problem).size(26.0));
        });
    }
    ui.columns(2, |cols| {
        let ui = &mut cols[0];
        if app.work.is_running() {
            ui.label(
                RichText::new(text::state_name(lang, view.state))
                    .size(72.0)
                    .strong()
                    .color(ACCENT),
            );
            ui.label(
                RichText::new(app.tr_args(
                    "work-sitting-for",
                    &[
                        ("time", Arg::Str(text::clock(view.sitting_bout_secs))),
                        ("limit", Arg::Num(text::minutes(view.sitting_limit_secs))),
                    ],
                ))
                .size(34.0),
            );
            if let Some(m) = view.meeting_secs {
                ui.label(
                    RichText::new(
                        app.tr_args("work-meeting-time", &[("time", Arg::Str(text::clock(m)))]),
                    )
                    .size(34.0),
                );
            }
        } else {
            ui.label(RichText::new(app.tr("work-paused")).size(40.0).color(DIM));
        }
        ui.add_space(8.0);
        // Not justified (the columns' layout would stretch the wrapped line's spaces).
        ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
            ui.label(RichText::new(figures_line(app, &view.figures)).size(24.0));
        });

        let ui = &mut cols[1];
        ui.horizontal_wrapped(|ui| {
            if app.work.is_running() {
                if ui
                    .add(
                        egui::Button::new(RichText::new(app.tr("work-pause")).size(30.0))
                            .fill(CARD),
                    )
                    .clicked()
                {
                    app.work.pause();
                }
                let meeting = if view.meeting_secs.is_some() {
                    app.tr("work-meeting-stop")
                } else {
                    app.tr("work-meeting-start")
                };
                if ui
                    .add(egui::Button::new(RichText::new(meeting).size(30.0)).fill(CARD))
                    .clicked()
                {
                    app.work.toggle_meeting(t);
                }
            } else if ui
                .add(
                    egui::Button::new(RichText::new(app.tr("work-resume")).size(30.0))
                        .fill(Color32::from_rgb(0, 110, 40)),
                )
                .clicked()
            {
                app.work.start();
            }
            if ui
                .add(egui::Button::new(RichText::new(app.tr("summary-home")).size(30.0)).fill(CARD))
                .clicked()
            {
                app.work.pause();
                app.screen = Screen::Home;
            }
        });
    });
    if let Some(n) = app.work.shown().cloned() {
        ui.add_space(8.0);
        card(ui, Color32::from_rgb(0, 70, 140), |ui| {
            ui.label(RichText::new(&n.title).size(48.0).strong().color(TEXT));
            ui.label(RichText::new(&n.body).size(26.0));
            let list: Vec<String> = ROUTINE
                .iter()
                .filter_map(|(id, reps)| {
                    let ex = app.library.iter().find(|e| e.id == *id)?;
                    Some(format!("{} × {reps}", ex.name_in(lang)))
                })
                .collect();
            if !list.is_empty() {
                ui.label(
                    RichText::new(
                        app.tr_args("work-routine", &[("list", Arg::Str(list.join(", ")))]),
                    )
                    .size(26.0),
                );
                if big_button(
                    ui,
                    &app.tr("work-routine-start"),
                    Color32::from_rgb(0, 110, 40),
                )
                .clicked()
                {
                    app.start_routine();
                }
            }
        });
    }
    ui.add_space(8.0);
    ui.label(RichText::new(text::privacy(lang)).size(22.0).color(DIM));
}

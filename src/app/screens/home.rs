//! Home: today's plan (the programme's, with the reason for each exercise's sets and
//! reps, or the user's hand choice for today, said in a few words), Start, the week at a
//! glance (the last 7 days: done or not, the categories trained), pain diary entry.

use egui::{Color32, RichText};

use super::library::REASON_SIZE;
use super::*;
use crate::app::draw::{self, ACCENT, CARD, DIM, GOOD, TEXT};
use crate::app::{CoachApp, Screen};
use crate::programme::category_name;
use crate::session::Command;

pub(super) fn home_ui(app: &mut CoachApp, ui: &mut egui::Ui) {
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
    // The plan, its reasons and the buttons full width: the reasons wrap less and Start
    // stays above the fold; the week below them; streak, work mode and the pain diary
    // last (the screen scrolls on a small window).
    plan_ui(app, ui);
    ui.add_space(12.0);
    ui.horizontal_wrapped(|ui| {
        let plan_empty = app.session.plan().is_empty();
        if !plan_empty
            && home_button(ui, &app.tr("home-start"), Color32::from_rgb(0, 110, 40)).clicked()
        {
            app.command(Command::Start);
        }
        if home_button(ui, &app.tr("home-choose"), CARD).clicked() {
            // Following the programme (again: a new day, or asked for), the Library
            // starts with nothing picked by hand.
            if !app.session.plan_is_hand_chosen() {
                app.choices.iter_mut().for_each(|c| c.selected = false);
            }
            app.screen = Screen::Library;
        }
        if home_button(ui, &app.tr("home-history"), CARD).clicked() {
            app.screen = Screen::History;
        }
        if home_button(ui, &app.tr("home-settings"), CARD).clicked() {
            app.open_settings();
        }
    });
    week_ui(app, ui);
    ui.add_space(16.0);
    ui.columns(2, |cols| {
        let ui = &mut cols[0];
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
        let ui = &mut cols[1];
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

/// Home's buttons: as large as the others, a little narrower, so the four fit one row
/// from 1280 px.
const HOME_BUTTON: egui::Vec2 = egui::vec2(230.0, 84.0);

fn home_button(ui: &mut egui::Ui, text: &str, fill: Color32) -> egui::Response {
    ui.add(
        egui::Button::new(RichText::new(text).size(36.0).color(TEXT).strong())
            .fill(fill)
            .min_size(HOME_BUTTON),
    )
}

/// Space between an exercise's line and its reason, points.
const PLAN_LINE_SPACING: f32 = 2.0;

/// Today's plan: each exercise with its sets × reps and the programme's reason.
fn plan_ui(app: &mut CoachApp, ui: &mut egui::Ui) {
    let lang = app.lang();
    ui.heading(app.tr("home-plan"));
    if app.session.plan_is_hand_chosen() && app.session.programme().is_some() {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(app.tr("home-own-choice"))
                    .size(30.0)
                    .color(ACCENT),
            );
            if ui
                .add(
                    egui::Button::new(RichText::new(app.tr("home-follow-programme")).size(30.0))
                        .fill(CARD)
                        .min_size(egui::vec2(120.0, 60.0)),
                )
                .clicked()
            {
                app.command(Command::FollowProgramme);
            }
        });
    }
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
        let reason = app
            .session
            .programme()
            .and_then(|p| p.reason_text(&item.exercise.id, lang));
        // The reason close under its exercise.
        ui.scope(|ui| {
            ui.spacing_mut().item_spacing.y = PLAN_LINE_SPACING;
            ui.label(RichText::new(line).size(34.0));
            if let Some(reason) = reason {
                ui.label(RichText::new(reason).size(REASON_SIZE).color(DIM));
            }
        });
    }
}

/// The short name of a weekday (0 = Monday).
fn weekday_key(weekday_from_monday: u32) -> &'static str {
    match weekday_from_monday {
        0 => "home-week-mon",
        1 => "home-week-tue",
        2 => "home-week-wed",
        3 => "home-week-thu",
        4 => "home-week-fri",
        5 => "home-week-sat",
        _ => "home-week-sun",
    }
}

/// Fill of a day with a session in the week row.
const DONE_FILL: Color32 = Color32::from_rgb(20, 90, 40);
/// A week cell's least height, points (room for the weekday, the mark and 2 categories).
const WEEK_CELL_MIN_HEIGHT: f32 = 96.0;
/// Inner margin of a week cell and the space between its weekday and mark, points.
const WEEK_CELL_MARGIN: f32 = 6.0;
/// The narrowest row with "This week" beside the days rather than above them, points.
const WEEK_LABEL_BESIDE_MIN_WIDTH: f32 = 1100.0;
/// The size of "This week", points.
const WEEK_LABEL_SIZE: f32 = 28.0;
/// The size of a category's word in a week cell, points.
const WEEK_CATEGORY_SIZE: f32 = 22.0;

/// The last 7 days as 7 large cells, today last and outlined: the weekday, a check mark
/// when done, the categories trained.
fn week_ui(app: &mut CoachApp, ui: &mut egui::Ui) {
    let Some(week) = app.session.programme().map(|p| p.week()) else {
        return;
    };
    let lang = app.lang();
    ui.add_space(12.0);
    let today = week.last().map(|d| d.day);
    let done_word = app.tr("home-week-done");
    // "This week" in a first column where there is room, else above; then a column per
    // day.
    let beside = ui.available_width() >= WEEK_LABEL_BESIDE_MIN_WIDTH;
    let label = RichText::new(app.tr("home-week"))
        .size(WEEK_LABEL_SIZE)
        .color(ACCENT);
    if !beside {
        ui.label(label.clone());
    }
    ui.columns(week.len() + usize::from(beside), |cols| {
        let days = if beside {
            let (first, days) = cols.split_at_mut(1);
            first[0].label(label);
            days
        } else {
            cols
        };
        for (ui, d) in days.iter_mut().zip(&week) {
            let fill = if d.done { DONE_FILL } else { CARD };
            let stroke = if Some(d.day) == today {
                egui::Stroke::new(3.0, ACCENT)
            } else {
                egui::Stroke::NONE
            };
            egui::Frame::new()
                .fill(fill)
                .stroke(stroke)
                .corner_radius(10.0)
                .inner_margin(WEEK_CELL_MARGIN)
                .show(ui, |ui| {
                    ui.spacing_mut().item_spacing.x = WEEK_CELL_MARGIN;
                    ui.set_min_width(ui.available_width());
                    ui.set_min_height(WEEK_CELL_MIN_HEIGHT);
                    ui.horizontal(|ui| {
                        ui.label(
                            RichText::new(app.tr(weekday_key(d.weekday_from_monday)))
                                .size(30.0)
                                .strong(),
                        );
                        if d.done {
                            check_mark_ui(ui, &done_word);
                        } else {
                            ui.label(RichText::new(NOT_DONE_MARK).size(30.0).color(DIM));
                        }
                    });
                    for c in &d.categories {
                        ui.label(
                            RichText::new(category_name(*c, lang))
                                .size(WEEK_CATEGORY_SIZE)
                                .color(TEXT),
                        );
                    }
                });
        }
    });
}

/// Side of the check mark of a day with a session, points.
const CHECK_SIDE: f32 = 34.0;

/// A large green check mark (drawn: the app's font has no ✔), named `name` for screen
/// readers and tests.
fn check_mark_ui(ui: &mut egui::Ui, name: &str) {
    let (rect, response) =
        ui.allocate_exact_size(egui::Vec2::splat(CHECK_SIDE), egui::Sense::hover());
    let at = |x: f32, y: f32| rect.min + egui::vec2(x * rect.width(), y * rect.height());
    ui.painter().line(
        vec![at(0.15, 0.55), at(0.4, 0.8), at(0.85, 0.2)],
        egui::Stroke::new(5.0, GOOD),
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, name));
}

/// The mark of a day without a session.
pub const NOT_DONE_MARK: &str = "–";

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

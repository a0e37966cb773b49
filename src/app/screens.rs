//! The screens. Each `*_ui` function reads the app and session and sends commands; none
//! changes session state directly.

use egui::{Align, Color32, Layout, RichText, Vec2};

use super::draw::{ACCENT, BACKGROUND, CARD, DIM, PAIN, TEXT};
use super::{CoachApp, Screen};
use crate::pipeline::WorkerStatus;
use crate::session::{Command, Stage};

/// The pain button's label (also what tests look for).
mod history;
mod home;
mod library;
mod live;
mod pain;
mod settings;
mod summary;
mod work;

use history::history_ui;
use home::{home_ui, intensity_picker, location_field};
use library::{info_ui, library_ui};
use live::{before_ui, live_ui, rest_ui};
use pain::pain_ui;
use settings::settings_ui;
use summary::summary_ui;
use work::figures_line;
use work::work_ui;

pub const PAIN_BUTTON: &str = "I feel pain — stop";
/// Maximum sets a user can choose.
const MAX_SETS: u32 = 5;
/// Size of the big buttons, points.
const BIG_BUTTON: Vec2 = Vec2::new(300.0, 84.0);
/// Size of a choice button on the settings screen, points.
const OPTION_BUTTON: Vec2 = Vec2::new(220.0, 70.0);
/// Share of the width for the checklist column on the Before-you-begin screen.
const BEFORE_COLUMN_FRACTION: f32 = 0.42;
/// Vertical space between checklist lines, points (a little tighter than elsewhere so the
/// whole list fits 1280x800).
const CHECKLIST_SPACING: f32 = 8.0;
/// Fill of a chosen option on the settings screen.
const CHOSEN: Color32 = Color32::from_rgb(0, 90, 200);

fn big_button(ui: &mut egui::Ui, text: &str, fill: Color32) -> egui::Response {
    ui.add(
        egui::Button::new(RichText::new(text).size(36.0).color(TEXT).strong())
            .fill(fill)
            .min_size(BIG_BUTTON),
    )
}

fn card<R>(ui: &mut egui::Ui, fill: Color32, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    egui::Frame::new()
        .fill(fill)
        .corner_radius(12.0)
        .inner_margin(18.0)
        .show(ui, add)
        .inner
}

/// The whole window.
pub fn root_ui(app: &mut CoachApp, ui: &mut egui::Ui) {
    egui::Panel::top("top_bar")
        .frame(egui::Frame::new().fill(BACKGROUND).inner_margin(12.0))
        .show(ui, |ui| top_bar_ui(app, ui));
    egui::CentralPanel::default()
        .frame(egui::Frame::new().fill(BACKGROUND).inner_margin(20.0))
        .show(ui, |ui| {
            notices_ui(app, ui);
            match app.session.stage().clone() {
                Stage::Plan => match app.screen.clone() {
                    Screen::Home => home_ui(app, ui),
                    Screen::Library => library_ui(app, ui),
                    Screen::Info(id) => info_ui(app, ui, &id),
                    Screen::History => history_ui(app, ui),
                    Screen::Settings => settings_ui(app, ui),
                    Screen::Work => work_ui(app, ui),
                },
                Stage::BeforeYouBegin { exercise, set } => before_ui(app, ui, exercise, set),
                Stage::Set { exercise, set } => live_ui(app, ui, exercise, set),
                Stage::Rest { .. } => rest_ui(app, ui),
                Stage::Summary => summary_ui(app, ui),
                Stage::PainStopped { exercise, answered } => pain_ui(app, ui, exercise, answered),
            }
        });
    if app.debug_overlay {
        debug_overlay_ui(app, ui.ctx());
    }
}

fn top_bar_ui(app: &mut CoachApp, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        let title = match app.session.current_item() {
            Some((_, item)) => item.exercise.name.clone(),
            None if app.screen == Screen::Work => app.tr("work-title"),
            None => "backcoach".to_owned(),
        };
        ui.label(RichText::new(title).size(44.0).strong().color(ACCENT));
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            let stopped = matches!(app.session.stage(), Stage::PainStopped { .. });
            if !stopped && big_button(ui, PAIN_BUTTON, PAIN).clicked() {
                app.command(Command::PainStop);
            }
            if !stopped {
                ui.label(RichText::new("or press Space").size(24.0).color(DIM));
            }
        });
    });
}

fn notices_ui(app: &mut CoachApp, ui: &mut egui::Ui) {
    let mut notes: Vec<String> = Vec::new();
    if let Some(e) = app.session.history_error().or(app.history_error.as_deref()) {
        notes.push(format!("History is not being saved: {e}"));
    }
    if app.needs_feed() {
        if let Some(e) = &app.feed_error {
            notes.push(format!(
                "Cannot start the camera: {e}. Check that it is plugged in and not used by \
                 another program, or start backcoach with --source VIDEO."
            ));
        } else if let Some(feed) = &app.feed {
            match feed.status() {
                WorkerStatus::Starting => notes.push("Starting the camera…".to_owned()),
                WorkerStatus::Reconnecting { message } => notes.push(format!(
                    "The camera was lost ({message}). Paused: plug it back in and we carry on."
                )),
                WorkerStatus::Failed { message } => notes.push(format!(
                    "Camera stopped: {message} Or choose another camera in Settings."
                )),
                WorkerStatus::Ended => notes.push("The video has ended.".to_owned()),
                WorkerStatus::Running => {}
            }
        }
    }
    for note in notes {
        card(ui, Color32::from_rgb(90, 60, 0), |ui| {
            ui.label(RichText::new(note).size(28.0).color(TEXT));
        });
    }
}

/// A large choice button: filled blue when chosen, grey otherwise.
fn option_button(ui: &mut egui::Ui, selected: bool, text: &str) -> egui::Response {
    let fill = if selected { CHOSEN } else { CARD };
    ui.add(
        egui::Button::new(RichText::new(text).size(34.0).strong().color(TEXT))
            .selected(selected)
            .fill(fill)
            .min_size(OPTION_BUTTON),
    )
}

fn debug_overlay_ui(app: &CoachApp, ctx: &egui::Context) {
    egui::Area::new(egui::Id::unique("debug_overlay"))
        .fixed_pos(egui::pos2(16.0, 110.0))
        .show(ctx, |ui| {
            card(ui, Color32::from_black_alpha(220), |ui| {
                let t = app.timings;
                ui.label(RichText::new(format!("fps {:.1}", t.fps)).monospace());
                ui.label(RichText::new(format!("inference {:.1} ms", t.inference_ms)).monospace());
                ui.label(RichText::new(format!("latency {:.1} ms", t.latency_ms)).monospace());
            });
        });
}

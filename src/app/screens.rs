//! The screens. Each `*_ui` function reads the app and session and sends commands; none
//! changes session state directly.

use crate::stats::StatsReport;
use egui::{Align, Color32, Layout, RichText, Vec2};

use super::draw::{ACCENT, BACKGROUND, CARD, DIM, PAIN, TEXT};
use super::{CoachApp, Screen};
use crate::pipeline::WorkerStatus;
use crate::session::{Command, Stage};

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

/// Maximum sets a user can choose.
const MAX_SETS: u32 = 5;
/// Size of the big buttons, points.
const BIG_BUTTON: Vec2 = Vec2::new(300.0, 84.0);
/// Size of a choice button on the settings screen, points.
const OPTION_BUTTON: Vec2 = Vec2::new(180.0, 70.0);
/// Share of the width for the checklist column on the Before-you-begin screen.
const BEFORE_COLUMN_FRACTION: f32 = 0.42;
/// Vertical space between checklist lines, points (a little tighter than elsewhere so the
/// whole list fits 1280x800).
const CHECKLIST_SPACING: f32 = 8.0;
/// Fill of a chosen option on the settings screen.
const CHOSEN: Color32 = Color32::from_rgb(0, 90, 200);
/// The "Voice off — press M" indicator's text size, points (read from 2-3 m).
const VOICE_OFF_SIZE: f32 = 28.0;
/// The small "M: voice off" hint's text size, points.
const VOICE_HINT_SIZE: f32 = 20.0;
/// Fill behind the "Voice off" indicator.
const VOICE_OFF_FILL: Color32 = Color32::from_rgb(70, 40, 110);

use crate::i18n::decimal;

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
                // Home and Work have no scroll area of their own: with a long notice
                // above them (a damaged history's) on a small window they scroll, rather
                // than lose their last buttons under the window's edge.
                Stage::Plan => match app.screen.clone() {
                    Screen::Home => {
                        egui::ScrollArea::vertical()
                            .id_salt("home_scroll")
                            .show(ui, |ui| home_ui(app, ui));
                    }
                    Screen::Library => library_ui(app, ui),
                    Screen::Info(id) => info_ui(app, ui, &id),
                    Screen::History => history_ui(app, ui),
                    Screen::Settings => settings_ui(app, ui),
                    Screen::Work => {
                        egui::ScrollArea::vertical()
                            .id_salt("work_scroll")
                            .show(ui, |ui| work_ui(app, ui));
                    }
                },
                Stage::BeforeYouBegin { exercise, set } => before_ui(app, ui, exercise, set),
                Stage::Set { exercise, set } => live_ui(app, ui, exercise, set),
                Stage::Rest { .. } => rest_ui(app, ui),
                Stage::Summary => summary_ui(app, ui),
                Stage::PainStopped { exercise, answered } => pain_ui(app, ui, exercise, answered),
            }
        });
    if app.debug_overlay {
        let figures = app.stats_view();
        debug_overlay_ui(app, &figures, ui.ctx());
    }
}

fn top_bar_ui(app: &mut CoachApp, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        let lang = app.lang();
        let title = match app.session.current_item() {
            Some((_, item)) => item.exercise.name_in(lang).to_owned(),
            None if app.screen == Screen::Work => app.tr("work-title"),
            None => app.tr("app-name"),
        };
        // The pain button and the hints first, from the right: they always fit; the title
        // gets the space that is left (shortened with "…" on a narrow window).
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            let stopped = matches!(app.session.stage(), Stage::PainStopped { .. });
            if !stopped && big_button(ui, &app.tr("top-pain-button"), PAIN).clicked() {
                app.command(Command::PainStop);
            }
            if !stopped {
                ui.label(RichText::new(app.tr("top-or-space")).size(24.0).color(DIM));
            }
            voice_indicator_ui(app, ui);
            ui.with_layout(Layout::left_to_right(Align::Center), |ui| {
                ui.add(
                    egui::Label::new(RichText::new(title).size(44.0).strong().color(ACCENT))
                        .truncate(),
                );
            });
        });
    });
}

/// Voice off: a large, clear "Voice off — press M"; voice on: a small "M: voice off" hint.
fn voice_indicator_ui(app: &CoachApp, ui: &mut egui::Ui) {
    if app.session.settings().voice {
        ui.label(
            RichText::new(app.tr("top-voice-hint"))
                .size(VOICE_HINT_SIZE)
                .color(DIM),
        );
    } else {
        egui::Frame::new()
            .fill(VOICE_OFF_FILL)
            .corner_radius(8.0)
            .inner_margin(8.0)
            .show(ui, |ui| {
                ui.label(
                    RichText::new(app.tr("top-voice-off"))
                        .size(VOICE_OFF_SIZE)
                        .strong()
                        .color(TEXT),
                );
            });
    }
}

fn notices_ui(app: &mut CoachApp, ui: &mut egui::Ui) {
    let mut notes: Vec<String> = Vec::new();
    if let Some(e) = app.session.history_error().or(app.history_error.as_deref()) {
        notes.push(app.tr_args("notice-history-not-saved", &[("error", e.into())]));
    }
    if let Some(n) = app.session.history_notice() {
        notes.push(n.to_owned());
    }
    if app.needs_feed() {
        if let Some(e) = &app.feed_error {
            notes.push(app.tr_args(
                "notice-camera-cannot-start",
                &[("error", e.as_str().into())],
            ));
        } else if let Some(feed) = &app.feed {
            match feed.status() {
                WorkerStatus::Starting => notes.push(app.tr("notice-camera-starting")),
                WorkerStatus::Reconnecting { message } => {
                    notes.push(app.tr_args("notice-camera-lost", &[("message", message.into())]))
                }
                // The camera's own failure suggests another camera; the model's, a video's
                // or a track's says only what happened and its fix (in the message).
                WorkerStatus::Failed {
                    message,
                    source_failed,
                } => {
                    let key = if source_failed && app.fixed_source.is_none() {
                        "notice-camera-failed"
                    } else {
                        "notice-coaching-failed"
                    };
                    notes.push(app.tr_args(key, &[("message", message.into())]))
                }
                WorkerStatus::Ended => notes.push(app.tr("notice-video-ended")),
                WorkerStatus::EndedEarly {
                    read_of_promised_secs: Some((read, promised)),
                    ..
                } => {
                    let lang = app.lang();
                    notes.push(app.tr_args(
                        "notice-video-ends-early",
                        &[
                            ("read", decimal(lang, read, 1).into()),
                            ("promised", decimal(lang, promised, 1).into()),
                        ],
                    ))
                }
                WorkerStatus::EndedEarly { message, .. } => {
                    notes.push(app.tr_args("notice-video-damaged", &[("message", message.into())]))
                }
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

/// An [`option_button`] whose accessible name also names its group ("Voice: On"), for
/// rows whose option words repeat on the screen (On / Off).
fn group_option_button(
    ui: &mut egui::Ui,
    selected: bool,
    group: &str,
    text: &str,
) -> egui::Response {
    let response = option_button(ui, selected, text);
    let name = format!("{group}: {text}");
    let enabled = ui.is_enabled();
    response
        .widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, enabled, selected, &name));
    response
}

/// F12: this frame's timings and the run's figures (the same as `--stats` writes).
fn debug_overlay_ui(app: &CoachApp, figures: &StatsReport, ctx: &egui::Context) {
    egui::Area::new(egui::Id::unique("debug_overlay"))
        .fixed_pos(egui::pos2(16.0, 110.0))
        .show(ctx, |ui| {
            card(ui, Color32::from_black_alpha(220), |ui| {
                let t = app.timings;
                let lang = app.lang();
                let line = |key: &str, name: &str, value: f64| {
                    app.tr_args(key, &[(name, decimal(lang, value, 1).into())])
                };
                let mono = |ui: &mut egui::Ui, text: String| {
                    ui.label(RichText::new(text).monospace());
                };
                mono(ui, line("debug-fps", "fps", f64::from(t.fps)));
                mono(ui, line("debug-inference", "ms", f64::from(t.inference_ms)));
                mono(ui, line("debug-latency", "ms", f64::from(t.latency_ms)));
                mono(
                    ui,
                    app.tr_args(
                        "debug-frames",
                        &[
                            ("judged", (figures.frames_judged as f64).into()),
                            ("offered", (figures.frames_offered as f64).into()),
                            ("dropped", (figures.frames_dropped as f64).into()),
                        ],
                    ),
                );
                let pair = |key: &str, p: crate::stats::Percentiles| {
                    app.tr_args(
                        key,
                        &[
                            ("p50", decimal(lang, f64::from(p.p50), 1).into()),
                            ("p95", decimal(lang, f64::from(p.p95), 1).into()),
                        ],
                    )
                };
                mono(ui, line("debug-paint", "fps", figures.fps_painted));
                mono(ui, pair("debug-inference-pct", figures.inference_ms));
                mono(ui, pair("debug-latency-pct", figures.latency_ms));
                mono(
                    ui,
                    app.tr_args(
                        "debug-process",
                        &[
                            ("cpu", decimal(lang, figures.cpu_percent, 0).into()),
                            ("rss", decimal(lang, figures.peak_rss_mb, 0).into()),
                            ("model", figures.model.clone().into()),
                        ],
                    ),
                );
            });
        });
}

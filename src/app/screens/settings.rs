//! Settings: camera, resolution, mirror view, language, voice (on/off, speed, volume,
//! tempo calls), the body-tracking model (automatic per machine, accurate or fast). Every choice is saved at once with [`Command::SaveSettings`].

use egui::{Align, Color32, Layout, RichText};

use super::*;
use crate::app::draw::{ACCENT, CARD, DIM, FAULT};
use crate::app::{CoachApp, Screen};
use crate::engine::ModelKind;
use crate::engine::choice::{DEFAULT_CAMERA_FPS, ModelPreference, choose_model};
use crate::history::{RESOLUTIONS, Settings};
use crate::i18n::{Lang, decimal};
use crate::session::Command;

/// The speech speeds offered: percent of the engine's normal rate, and the label's key.
const SPEECH_RATES: [(u32, &str); 3] = [
    (80, "settings-speed-slow"),
    (100, "settings-speed-normal"),
    (130, "settings-speed-fast"),
];

/// The volumes offered: percent, and the label's key.
const VOLUMES: [(u32, &str); 3] = [
    (40, "settings-volume-low"),
    (70, "settings-volume-medium"),
    (100, "settings-volume-high"),
];

/// Space above each setting's heading, points.
const SECTION_SPACE: f32 = 16.0;

fn heading_ui(ui: &mut egui::Ui, text: &str) {
    ui.add_space(SECTION_SPACE);
    ui.label(RichText::new(text).size(40.0).strong().color(ACCENT));
}

/// An Off / On row; the buttons' accessible names say which setting ("Voice: On").
fn on_off_ui(app: &CoachApp, ui: &mut egui::Ui, group: &str, value: &mut bool) {
    let (off, on) = (app.tr("common-off"), app.tr("common-on"));
    ui.horizontal(|ui| {
        if group_option_button(ui, !*value, group, &off).clicked() {
            *value = false;
        }
        if group_option_button(ui, *value, group, &on).clicked() {
            *value = true;
        }
    });
}

/// A row of percent choices (speech speed, volume).
fn percent_ui(app: &CoachApp, ui: &mut egui::Ui, options: &[(u32, &str)], value: &mut u32) {
    ui.horizontal_wrapped(|ui| {
        for &(percent, key) in options {
            if option_button(ui, *value == percent, &app.tr(key)).clicked() {
                *value = percent;
            }
        }
    });
}

fn language_ui(app: &CoachApp, ui: &mut egui::Ui, wanted: &mut Settings) {
    heading_ui(ui, &app.tr("settings-language"));
    ui.horizontal_wrapped(|ui| {
        let system = app.tr("settings-language-system");
        if option_button(ui, wanted.language.is_none(), &system).clicked() {
            wanted.language = None;
        }
        for lang in Lang::ALL {
            // Each language in its own language, whatever the screen's language.
            if option_button(ui, wanted.language == Some(lang), lang.native_name()).clicked() {
                wanted.language = Some(lang);
            }
        }
    });
}

fn camera_ui(app: &CoachApp, ui: &mut egui::Ui, wanted: &mut Settings) -> bool {
    ui.label(
        RichText::new(app.tr("settings-camera"))
            .size(40.0)
            .strong()
            .color(ACCENT),
    );
    match &app.cameras {
        Some(Ok(list)) if !list.is_empty() => {
            for camera in list {
                let text = if camera.name.trim().is_empty() {
                    app.tr_args(
                        "settings-camera-n",
                        &[("index", camera.index.as_str().into())],
                    )
                } else {
                    camera.name.clone()
                };
                if option_button(ui, camera.index == wanted.camera, &text).clicked() {
                    wanted.camera = camera.index.clone();
                }
            }
        }
        other => {
            ui.label(
                RichText::new(app.tr("settings-no-camera"))
                    .size(44.0)
                    .strong()
                    .color(FAULT),
            );
            ui.label(app.tr("settings-plug-in"));
            if let Some(Err(e)) = other {
                ui.label(RichText::new(e).color(DIM));
            }
        }
    }
    big_button(ui, &app.tr("settings-look-again"), CARD).clicked()
}

fn view_ui(app: &CoachApp, ui: &mut egui::Ui, wanted: &mut Settings) {
    ui.label(
        RichText::new(app.tr("settings-resolution"))
            .size(40.0)
            .strong()
            .color(ACCENT),
    );
    ui.horizontal_wrapped(|ui| {
        for [w, h] in RESOLUTIONS {
            let selected = wanted.width == w && wanted.height == h;
            if option_button(ui, selected, &format!("{w}×{h}")).clicked() {
                wanted.width = w;
                wanted.height = h;
            }
        }
    });
    let mirror = app.tr("settings-mirror");
    heading_ui(ui, &mirror);
    on_off_ui(app, ui, &mirror, &mut wanted.mirror);
    ui.label(RichText::new(app.tr("settings-mirror-hint")).color(DIM));
}

fn voice_ui(app: &CoachApp, ui: &mut egui::Ui, wanted: &mut Settings) {
    let voice = app.tr("settings-voice");
    heading_ui(ui, &voice);
    on_off_ui(app, ui, &voice, &mut wanted.voice);
    ui.label(RichText::new(app.tr("settings-voice-hint")).color(DIM));
    let tempo = app.tr("settings-tempo-calls");
    heading_ui(ui, &tempo);
    on_off_ui(app, ui, &tempo, &mut wanted.tempo_calls);
    ui.label(RichText::new(app.tr("settings-tempo-calls-hint")).color(DIM));
}

fn speech_ui(app: &CoachApp, ui: &mut egui::Ui, wanted: &mut Settings) {
    heading_ui(ui, &app.tr("settings-speed"));
    percent_ui(app, ui, &SPEECH_RATES, &mut wanted.voice_rate_percent);
    heading_ui(ui, &app.tr("settings-volume"));
    percent_ui(app, ui, &VOLUMES, &mut wanted.voice_volume_percent);
}

/// The landmark model: automatic (per machine), accurate (full) or fast (lite), with this
/// machine's timings. Returns whether "measure again" was clicked.
fn model_ui(app: &CoachApp, ui: &mut egui::Ui, wanted: &mut Settings) -> bool {
    let title = app.tr("settings-model");
    heading_ui(ui, &title);
    let name = |kind: ModelKind| match kind {
        ModelKind::Full => app.tr("settings-model-full"),
        ModelKind::Lite => app.tr("settings-model-lite"),
    };
    ui.horizontal_wrapped(|ui| {
        for (preference, text) in [
            (ModelPreference::Auto, app.tr("settings-model-auto")),
            (ModelPreference::Full, name(ModelKind::Full)),
            (ModelPreference::Lite, name(ModelKind::Lite)),
        ] {
            if group_option_button(ui, wanted.model == preference, &title, &text).clicked() {
                wanted.model = preference;
            }
        }
    });
    let lang = app.lang();
    let line = match (&wanted.model_timings, app.model_timing.is_some()) {
        (_, true) => app.tr("settings-model-measuring"),
        (Some(t), false) => {
            let auto = choose_model(ModelPreference::Auto, Some(t), DEFAULT_CAMERA_FPS);
            app.tr_args(
                "settings-model-timings",
                &[
                    ("full", decimal(lang, t.full_ms, 0).into()),
                    ("lite", decimal(lang, t.lite_ms, 0).into()),
                    ("model", name(auto.model).into()),
                ],
            )
        }
        (None, false) => app.tr("settings-model-not-timed"),
    };
    ui.label(RichText::new(line).size(26.0));
    if let Some(e) = &app.model_timing_error {
        ui.label(
            RichText::new(app.tr_args("settings-model-failed", &[("error", e.as_str().into())]))
                .color(FAULT),
        );
    }
    ui.label(RichText::new(app.tr("settings-model-hint")).color(DIM));
    app.model_timer.is_some()
        && app.model_timing.is_none()
        && big_button(ui, &app.tr("settings-model-measure"), CARD).clicked()
}

pub(super) fn settings_ui(app: &mut CoachApp, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        ui.heading(app.tr("settings-title"));
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if big_button(ui, &app.tr("common-back"), CARD).clicked() {
                app.screen = Screen::Home;
            }
        });
    });
    let current = app.session.settings().clone();
    let mut wanted = current.clone();
    let mut look_again = false;
    let mut measure_again = false;
    egui::ScrollArea::vertical().show(ui, |ui| {
        if let Some(source) = &app.fixed_source {
            card(ui, Color32::from_rgb(90, 60, 0), |ui| {
                ui.label(
                    RichText::new(app.tr_args(
                        "settings-fixed-source",
                        &[("source", source.as_str().into())],
                    ))
                    .size(28.0),
                );
            });
        }
        ui.columns(2, |cols| {
            look_again = camera_ui(app, &mut cols[0], &mut wanted);
            language_ui(app, &mut cols[0], &mut wanted);
            speech_ui(app, &mut cols[0], &mut wanted);
            view_ui(app, &mut cols[1], &mut wanted);
            voice_ui(app, &mut cols[1], &mut wanted);
            measure_again = model_ui(app, &mut cols[1], &mut wanted);
        });
        reminder_ui(app, ui);
    });
    if look_again {
        app.refresh_cameras();
    }
    if measure_again {
        app.retime_models();
    }
    if wanted != current {
        app.command(Command::SaveSettings(wanted));
    }
}

/// The daily reminder: Off / On (installs or removes it, as `backcoach remind` does), the
/// time, the days, and what is installed now. The panel does the work
/// ([`crate::app::reminder`]); this only shows it and passes the clicks on.
fn reminder_ui(app: &mut CoachApp, ui: &mut egui::Ui) {
    use crate::app::reminder::{REMINDER_TIMES, WEEKDAYS};
    let lang = app.lang();
    let title = app.tr("settings-reminder");
    heading_ui(ui, &title);
    let mut on = app.reminder.installed().is_some();
    let was_on = on;
    on_off_ui(app, ui, &title, &mut on);
    if on != was_on {
        app.reminder.set_on(on);
    }
    let status = app.reminder.status_text(lang);
    ui.label(RichText::new(status).size(30.0));
    if let Some(text) = app.reminder.error_text(lang) {
        ui.label(RichText::new(text).size(28.0).color(FAULT));
    }
    ui.label(RichText::new(app.tr("settings-reminder-hint")).color(DIM));
    let wanted = app.reminder.wanted().clone();
    let time_group = app.tr("settings-reminder-time");
    heading_ui(ui, &time_group);
    ui.horizontal_wrapped(|ui| {
        for time in REMINDER_TIMES {
            let chosen = wanted.time_text() == time;
            if group_option_button(ui, chosen, &time_group, time).clicked() {
                app.reminder.set_time(time);
            }
        }
    });
    let days_group = app.tr("settings-reminder-days");
    heading_ui(ui, &days_group);
    ui.horizontal_wrapped(|ui| {
        for (i, day) in WEEKDAYS.iter().enumerate() {
            let chosen = wanted.days.iter().any(|d| d == day);
            let name = app.tr(WEEKDAY_KEYS[i]);
            let button = egui::Button::new(RichText::new(&name).size(32.0).strong().color(TEXT))
                .selected(chosen)
                .fill(if chosen { CHOSEN } else { CARD })
                .min_size(egui::vec2(110.0, 70.0));
            let response = ui.add(button);
            let label = format!("{days_group}: {name}");
            response.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::Button, true, chosen, &label)
            });
            if response.clicked() {
                app.reminder.toggle_day(day);
            }
        }
    });
}

/// The weekdays' short names (Home's week row uses the same), Monday first.
const WEEKDAY_KEYS: [&str; 7] = [
    "home-week-mon",
    "home-week-tue",
    "home-week-wed",
    "home-week-thu",
    "home-week-fri",
    "home-week-sat",
    "home-week-sun",
];

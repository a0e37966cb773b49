//! The screens. Each `*_ui` function reads the app and session and sends commands; none
//! changes session state directly.

use egui::{Align, Color32, Layout, RichText, Sense, Vec2};
use egui_plot::{Bar, BarChart, Legend, Line, Plot, PlotPoints, Points, VLine};

use super::draw::{self, ACCENT, BACKGROUND, CARD, DIM, FAULT, GOOD, PAIN, TEXT};
use super::{CoachApp, Screen};
use crate::exercise::demo_pose;
use crate::history::RESOLUTIONS;
use crate::pipeline::WorkerStatus;
use crate::session::{
    CHECKLIST, Command, PAIN_ADVICE, PHYSICIAN_ADVICE, REPS_RANGE, ResumeChoice, Stage, StanceView,
};

/// The pain button's label (also what tests look for).
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

fn home_ui(app: &mut CoachApp, ui: &mut egui::Ui) {
    if app.session.physician_advice_due() {
        card(ui, Color32::from_rgb(120, 90, 0), |ui| {
            ui.label(RichText::new(PHYSICIAN_ADVICE).size(34.0).strong());
        });
    }
    ui.columns(2, |cols| {
        let ui = &mut cols[0];
        ui.heading("Today's plan");
        let plan = app.session.plan().to_vec();
        if plan.is_empty() {
            ui.label("No exercises chosen yet.");
        }
        for item in &plan {
            ui.label(
                RichText::new(format!(
                    "{} — {} × {}",
                    item.exercise.name, item.sets, item.reps
                ))
                .size(34.0),
            );
        }
        ui.add_space(20.0);
        if !plan.is_empty() && big_button(ui, "Start", Color32::from_rgb(0, 110, 40)).clicked() {
            app.command(Command::Start);
        }
        if big_button(ui, "Choose exercises", CARD).clicked() {
            app.screen = Screen::Library;
        }
        if big_button(ui, "History", CARD).clicked() {
            app.screen = Screen::History;
        }
        if big_button(ui, "Settings", CARD).clicked() {
            app.open_settings();
        }

        let ui = &mut cols[1];
        let streak = app.streak_days();
        ui.label(
            RichText::new(format!("{streak}"))
                .text_style(draw::big())
                .color(ACCENT),
        );
        ui.label(if streak == 1 {
            "day in a row"
        } else {
            "days in a row"
        });
        ui.label(RichText::new("Do the exercises daily.").color(DIM));
        ui.add_space(24.0);
        ui.label("How is your back now? 0 = no pain, 10 = worst");
        intensity_picker(ui, &mut app.home_pain.intensity);
        if let Some(intensity) = app.home_pain.intensity {
            ui.horizontal(|ui| {
                location_field(ui, "Where? (optional)", &mut app.home_pain.location, 320.0);
            });
            if big_button(ui, "Save pain report", CARD).clicked() {
                let form = std::mem::take(&mut app.home_pain);
                app.command(Command::ReportPain {
                    intensity,
                    location: form.location.trim().to_owned(),
                });
            }
        }
    });
}

/// Pain 0-10 as a row of large buttons; a click chooses that number.
fn intensity_picker(ui: &mut egui::Ui, intensity: &mut Option<u8>) {
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
fn location_field(ui: &mut egui::Ui, label: &str, location: &mut String, width: f32) {
    let label = ui.label(label);
    ui.add(
        egui::TextEdit::singleline(location)
            .desired_width(width)
            .font(egui::TextStyle::Body),
    )
    .labelled_by(label.id);
}

fn library_ui(app: &mut CoachApp, ui: &mut egui::Ui) {
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

fn stepper_ui(
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

fn info_ui(app: &mut CoachApp, ui: &mut egui::Ui, id: &str) {
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

/// The camera image (or a dark background for pose tracks) with the skeleton.
fn camera_ui(app: &CoachApp, ui: &mut egui::Ui, size: Vec2) {
    let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 8.0, Color32::BLACK);
    let Some(frame) = &app.last_frame else {
        // Say what is true: waiting, or no picture at all (the notice above says why).
        let status = app.feed.as_ref().map(|f| f.status());
        let text =
            if app.feed_error.is_some() || matches!(status, Some(WorkerStatus::Failed { .. })) {
                "No camera picture"
            } else if matches!(status, Some(WorkerStatus::Ended)) {
                "The video has ended"
            } else {
                "Waiting for the camera…"
            };
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            text,
            egui::FontId::proportional(32.0),
            DIM,
        );
        return;
    };
    let image_size = frame.pose_frame.image_size;
    let map = draw::ImageToScreen::fit(image_size, rect)
        .mirrored(image_size, app.session.settings().mirror);
    if let (Some(texture), Some(_)) = (&app.texture, &frame.image) {
        painter.image(
            texture.id(),
            map.image_rect(image_size),
            map.uv(),
            Color32::WHITE,
        );
    } else {
        painter.rect_filled(
            map.image_rect(image_size),
            0.0,
            Color32::from_rgb(24, 26, 32),
        );
    }
    if let Some(pose) = &frame.pose_frame.pose {
        draw::skeleton(&painter, pose, &map, &app.session.live().active_faults);
    }
}

fn person_notice(app: &CoachApp) -> Option<&'static str> {
    let live = app.session.live();
    app.last_frame.as_ref()?;
    if live.several_people {
        Some("Two people in view: only you should be in the picture.")
    } else if !live.person_in_view {
        Some("We can't see you. Step into view, 2-3 m from the screen.")
    } else {
        None
    }
}

fn before_ui(app: &mut CoachApp, ui: &mut egui::Ui, exercise: usize, set: u32) {
    let Some(item) = app.session.plan().get(exercise).cloned() else {
        return;
    };
    ui.heading(format!("Before you begin — set {set} of {}", item.sets));
    if app.session.physician_advice_due() {
        card(ui, Color32::from_rgb(120, 90, 0), |ui| {
            ui.label(RichText::new(PHYSICIAN_ADVICE).size(30.0).strong());
        });
    }
    let width = ui.available_width();
    let height = ui.available_height();
    let column_width = width * BEFORE_COLUMN_FRACTION;
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            ui.set_width(column_width);
            // The live check first: it is what the user acts on, and it never scrolls away.
            let (text, colour) = match app.session.live().stance.clone() {
                None | Some(StanceView::Waiting) => ("Waiting for the camera…".to_owned(), DIM),
                Some(StanceView::NotInView { instruction }) => (instruction, FAULT),
                Some(StanceView::Adjust { cue }) => (cue, FAULT),
                Some(StanceView::Holding { .. }) => ("Good. Hold still…".to_owned(), GOOD),
                Some(StanceView::Ready) => ("Ready!".to_owned(), GOOD),
            };
            ui.label(RichText::new(text).size(44.0).strong().color(colour));
            if let Some(StanceView::Holding { progress }) = app.session.live().stance {
                ui.add(egui::ProgressBar::new(progress).desired_height(24.0));
            }
            if let Some(note) = person_notice(app) {
                ui.label(RichText::new(note).size(30.0).color(FAULT));
            }
            egui::ScrollArea::vertical()
                .id_salt("before_checklist")
                .show(ui, |ui| {
                    ui.set_width(column_width);
                    ui.spacing_mut().item_spacing.y = CHECKLIST_SPACING;
                    for c in CHECKLIST {
                        ui.label(RichText::new(format!("• {c}")).size(28.0));
                    }
                    card(ui, CARD, |ui| {
                        ui.label(
                            RichText::new(
                                "To stop at any time: cross both wrists above your head for a \
                                 second, or press Space.",
                            )
                            .size(28.0)
                            .color(ACCENT),
                        );
                    });
                    if big_button(ui, "End session", CARD).clicked() {
                        app.command(Command::EndSession);
                    }
                });
        });
        let size = Vec2::new(ui.available_width(), height);
        camera_ui(app, ui, size);
    });
}

fn live_ui(app: &mut CoachApp, ui: &mut egui::Ui, exercise: usize, set: u32) {
    let Some(item) = app.session.plan().get(exercise).cloned() else {
        return;
    };
    let live = app.session.live().clone();
    let width = ui.available_width();
    let height = ui.available_height();
    ui.horizontal_top(|ui| {
        camera_ui(app, ui, Vec2::new(width * 0.62, height));
        ui.vertical(|ui| {
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(live.reps_in_set.to_string())
                        .text_style(draw::huge())
                        .color(TEXT),
                );
                ui.label(
                    RichText::new(format!("/ {}", item.reps))
                        .text_style(draw::big())
                        .color(DIM),
                );
            });
            ui.label(RichText::new(format!("Set {set} of {}", item.sets)).size(40.0));
            if let Some(tempo) = &live.tempo {
                let fraction = if tempo.min_secs > 0.0 {
                    (tempo.secs_in_phase / tempo.min_secs).clamp(0.0, 1.0) as f32
                } else {
                    1.0
                };
                let colour = if fraction >= 1.0 { GOOD } else { ACCENT };
                ui.label(RichText::new(format!("{}  ·  slowly", tempo.name)).size(34.0));
                ui.add(
                    egui::ProgressBar::new(fraction)
                        .desired_height(28.0)
                        .fill(colour),
                );
            }
            ui.add_space(20.0);
            if let Some(note) = person_notice(app) {
                ui.label(RichText::new(note).size(40.0).strong().color(FAULT));
            } else if let Some(cue) = &live.cue {
                ui.label(
                    RichText::new(cue)
                        .text_style(draw::big())
                        .strong()
                        .color(ACCENT),
                );
            }
        });
    });
}

fn rest_ui(app: &mut CoachApp, ui: &mut egui::Ui) {
    let remaining = app.session.rest_remaining_secs().unwrap_or(0.0).ceil() as u32;
    let next = match (app.session.stage(), app.session.current_item()) {
        (Stage::Rest { next_set, .. }, Some((_, item))) => {
            format!(
                "Next: {} — set {next_set} of {}",
                item.exercise.name, item.sets
            )
        }
        _ => String::new(),
    };
    egui::ScrollArea::vertical().show(ui, |ui| {
        rest_body_ui(app, ui, remaining, next);
    });
}

fn rest_body_ui(app: &mut CoachApp, ui: &mut egui::Ui, remaining: u32, next: String) {
    ui.vertical_centered(|ui| {
        ui.heading("Rest");
        ui.label(
            RichText::new(remaining.to_string())
                .text_style(draw::huge())
                .color(ACCENT),
        );
        ui.label(RichText::new("seconds").size(34.0));
        ui.label(RichText::new(next).size(40.0));
        ui.add_space(20.0);
        if big_button(ui, "Skip rest", CARD).clicked() {
            app.command(Command::SkipRest);
        }
        if big_button(ui, "End session", CARD).clicked() {
            app.command(Command::EndSession);
        }
    });
}

fn summary_ui(app: &mut CoachApp, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        let title = if app.session.stopped_for_pain() {
            "Session stopped for pain"
        } else {
            "Well done"
        };
        ui.heading(title);
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if big_button(ui, "Home", CARD).clicked() {
                app.command(Command::Home);
                app.screen = Screen::Home;
            }
        });
    });
    if app.session.stopped_for_pain() {
        ui.label(RichText::new(PAIN_ADVICE).size(30.0).color(ACCENT));
    }
    let plan = app.session.plan().to_vec();
    let results = app.session.results().to_vec();
    egui::ScrollArea::vertical().show(ui, |ui| {
        for (item, result) in plan.iter().zip(&results) {
            card(ui, CARD, |ui| {
                ui.label(
                    RichText::new(&item.exercise.name)
                        .size(40.0)
                        .strong()
                        .color(ACCENT),
                );
                let tempo = result
                    .average_rep_secs()
                    .map(|s| format!("{s:.1} s per rep"))
                    .unwrap_or_else(|| "–".to_owned());
                ui.label(
                    RichText::new(format!(
                        "Reps {}   Good {}   Too fast {}   Partial {}   {}",
                        result.reps.len(),
                        result.good_reps(),
                        result
                            .reps
                            .iter()
                            .filter(|r| r.faults.iter().any(|f| f == "too_fast"))
                            .count(),
                        result.partial_reps,
                        tempo
                    ))
                    .size(34.0),
                );
                for rep in result.reps.iter().filter(|r| !r.faults.is_empty()) {
                    ui.label(
                        RichText::new(format!(
                            "Rep {}: {}",
                            rep.rep_number,
                            rep.faults.join(", ").replace('_', " ")
                        ))
                        .color(DIM),
                    );
                }
                if !result.signal.is_empty() {
                    let signal: Vec<[f64; 2]> = result.signal.clone();
                    let marks: Vec<[f64; 2]> = result
                        .reps
                        .iter()
                        .map(|r| [r.end_secs, r.depth.unwrap_or(0.0)])
                        .collect();
                    let ends: Vec<f64> = result.reps.iter().map(|r| r.end_secs).collect();
                    Plot::new(format!("signal-{}", item.exercise.id))
                        .height(240.0)
                        .legend(Legend::default())
                        .allow_drag(false)
                        .allow_zoom(false)
                        .allow_scroll(false)
                        .show(ui, |plot| {
                            plot.line(Line::new("movement", PlotPoints::from(signal)).width(3.0));
                            for end in ends {
                                plot.vline(VLine::new("rep done", end).color(GOOD));
                            }
                            plot.points(Points::new("reps", marks).radius(8.0).color(ACCENT));
                        });
                }
            });
        }
    });
}

fn pain_ui(app: &mut CoachApp, ui: &mut egui::Ui, exercise: Option<usize>, answered: bool) {
    egui::ScrollArea::vertical().show(ui, |ui| {
        pain_body_ui(app, ui, exercise, answered);
    });
}

fn pain_body_ui(app: &mut CoachApp, ui: &mut egui::Ui, exercise: Option<usize>, answered: bool) {
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

fn settings_ui(app: &mut CoachApp, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        ui.heading("Settings");
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if big_button(ui, "Back", CARD).clicked() {
                app.screen = Screen::Home;
            }
        });
    });
    let current = app.session.settings().clone();
    let mut wanted = current.clone();
    let mut look_again = false;
    egui::ScrollArea::vertical().show(ui, |ui| {
        if let Some(source) = &app.fixed_source {
            card(ui, Color32::from_rgb(90, 60, 0), |ui| {
                ui.label(
                    RichText::new(format!(
                        "Now using --source {source}. The camera below is used when backcoach \
                         starts without --source."
                    ))
                    .size(28.0),
                );
            });
        }
        ui.columns(2, |cols| {
            let ui = &mut cols[0];
            ui.label(RichText::new("Camera").size(40.0).strong().color(ACCENT));
            match &app.cameras {
                Some(Ok(list)) if !list.is_empty() => {
                    for camera in list {
                        let text = if camera.name.trim().is_empty() {
                            format!("Camera {}", camera.index)
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
                        RichText::new("No camera found")
                            .size(44.0)
                            .strong()
                            .color(FAULT),
                    );
                    ui.label("Plug in a webcam, then press Look again.");
                    if let Some(Err(e)) = other {
                        ui.label(RichText::new(e).color(DIM));
                    }
                }
            }
            if big_button(ui, "Look again", CARD).clicked() {
                look_again = true;
            }

            let ui = &mut cols[1];
            ui.label(
                RichText::new("Resolution")
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
            ui.add_space(20.0);
            ui.label(
                RichText::new("Mirror view")
                    .size(40.0)
                    .strong()
                    .color(ACCENT),
            );
            ui.horizontal(|ui| {
                if option_button(ui, !wanted.mirror, "Off").clicked() {
                    wanted.mirror = false;
                }
                if option_button(ui, wanted.mirror, "On").clicked() {
                    wanted.mirror = true;
                }
            });
            ui.label(
                RichText::new("See yourself as in a mirror. Counting is the same.").color(DIM),
            );
        });
    });
    if look_again {
        app.refresh_cameras();
    }
    if wanted != current {
        app.command(Command::SaveSettings(wanted));
    }
}

/// `YYYY-MM-DD` of a day number (days since 1970-01-01), proleptic Gregorian.
pub fn date_of_day(day: i64) -> String {
    // Shift to an era starting on 0000-03-01 so leap days come last in the year.
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn history_ui(app: &mut CoachApp, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        ui.heading("History");
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if big_button(ui, "Back", CARD).clicked() {
                app.screen = Screen::Home;
            }
        });
    });
    ui.horizontal_wrapped(|ui| {
        if big_button(ui, "Report", CARD).clicked() {
            app.write_report();
        }
        if big_button(ui, "Export JSON", CARD).clicked() {
            app.export("json");
        }
        if big_button(ui, "Export CSV", CARD).clicked() {
            app.export("csv");
        }
    });
    if let Some(msg) = &app.export_message {
        ui.label(RichText::new(msg).size(28.0).color(ACCENT));
    }
    let Some(history) = app.session.history() else {
        ui.label("No history: it could not be opened.");
        return;
    };
    let sessions = history.sessions().unwrap_or_default();
    let pain = history.pain_reports().unwrap_or_default();
    let mut per_day: std::collections::BTreeMap<i64, u32> = std::collections::BTreeMap::new();
    for s in &sessions {
        *per_day
            .entry(app.local_day(s.started_unix_secs))
            .or_default() += s.reps;
    }
    let bars: Vec<Bar> = per_day
        .iter()
        .map(|(day, reps)| Bar::new(*day as f64, f64::from(*reps)).fill(GOOD))
        .collect();
    let pain_points: Vec<[f64; 2]> = pain
        .iter()
        .filter_map(|p| {
            let day = crate::history::local_days(p.reported_unix_secs, app.utc_offset_secs);
            p.intensity.map(|i| [day, f64::from(i)])
        })
        .collect();
    Plot::new("history-chart")
        .height(260.0)
        .legend(Legend::default())
        .x_axis_formatter(|mark, _| date_of_day(mark.value.floor() as i64))
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new("reps per day", bars));
            plot.line(
                Line::new("pain 0-10", PlotPoints::from(pain_points.clone()))
                    .color(FAULT)
                    .width(3.0),
            );
            plot.points(
                Points::new("pain reports", pain_points)
                    .color(FAULT)
                    .radius(6.0),
            );
        });
    egui::ScrollArea::vertical().show(ui, |ui| {
        for s in sessions.iter().rev() {
            let status = match s.status {
                crate::history::SessionStatus::Completed => "completed",
                crate::history::SessionStatus::StoppedForPain => "stopped for pain",
                crate::history::SessionStatus::EndedEarly => "ended early",
                crate::history::SessionStatus::InProgress => "interrupted",
            };
            let names: Vec<&str> = s.plan.iter().map(|p| p.exercise_id.as_str()).collect();
            ui.label(format!(
                "{}   {} reps ({} good)   {}   {}",
                date_of_day(app.local_day(s.started_unix_secs)),
                s.reps,
                s.good_reps,
                status,
                names.join(", ")
            ));
        }
        for p in pain.iter().rev() {
            ui.label(
                RichText::new(format!(
                    "{}   pain {}   {}",
                    date_of_day(crate::history::day_number(p.reported_unix_secs, 0)),
                    p.intensity
                        .map(|i| i.to_string())
                        .unwrap_or_else(|| "–".into()),
                    p.location
                ))
                .color(DIM),
            );
        }
    });
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

#[cfg(test)]
mod tests {
    use super::date_of_day;

    #[test]
    fn dates_from_day_numbers() {
        assert_eq!(date_of_day(0), "1970-01-01");
        assert_eq!(date_of_day(59), "1970-03-01");
        assert_eq!(date_of_day(19_723), "2024-01-01");
        assert_eq!(date_of_day(19_782), "2024-02-29");
        assert_eq!(date_of_day(-1), "1969-12-31");
    }
}

//! The summary after a session.

use egui::{Align, Layout, RichText};
use egui_plot::{Legend, Line, Plot, PlotPoints, Points, VLine};

use super::*;
use crate::app::draw::{ACCENT, CARD, DIM, GOOD};
use crate::app::{CoachApp, Screen};
use crate::session::{Command, PAIN_ADVICE};

pub(super) fn summary_ui(app: &mut CoachApp, ui: &mut egui::Ui) {
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

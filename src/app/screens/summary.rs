//! The summary after a session.

use egui::{Align, Layout, RichText};
use egui_plot::{Legend, Line, Plot, PlotPoints, Points, VLine};

use super::*;
use crate::app::draw::{ACCENT, CARD, DIM, GOOD};
use crate::app::{CoachApp, Screen};
use crate::exercise::FaultCode;
use crate::session::Command;

pub(super) fn summary_ui(app: &mut CoachApp, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        let title = app.tr(if app.session.stopped_for_pain() {
            "summary-pain-title"
        } else {
            "summary-well-done"
        });
        ui.heading(title);
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if big_button(ui, &app.tr("summary-home"), CARD).clicked() {
                app.command(Command::Home);
                app.screen = Screen::Home;
            }
        });
    });
    if app.session.stopped_for_pain() {
        ui.label(
            RichText::new(app.tr("pain-advice"))
                .size(30.0)
                .color(ACCENT),
        );
    }
    let lang = app.lang();
    let plan = app.session.plan().to_vec();
    let results = app.session.results().to_vec();
    egui::ScrollArea::vertical().show(ui, |ui| {
        for (item, result) in plan.iter().zip(&results) {
            card(ui, CARD, |ui| {
                ui.label(
                    RichText::new(item.exercise.name_in(lang))
                        .size(40.0)
                        .strong()
                        .color(ACCENT),
                );
                let tempo = result
                    .average_rep_secs()
                    .map(|s| {
                        app.tr_args(
                            "summary-secs-per-rep",
                            &[("secs", decimal(lang, s, 1).into())],
                        )
                    })
                    .unwrap_or_else(|| "–".to_owned());
                let too_fast = FaultCode::TooFast.as_str();
                let counts = app.tr_args(
                    "summary-counts",
                    &[
                        ("reps", result.reps.len().into()),
                        ("good", result.good_reps().into()),
                        (
                            "fast",
                            result
                                .reps
                                .iter()
                                .filter(|r| r.faults.iter().any(|f| f == too_fast))
                                .count()
                                .into(),
                        ),
                        ("partial", result.partial_reps.into()),
                        ("tempo", tempo.into()),
                    ],
                );
                ui.label(RichText::new(counts).size(34.0));
                let scores: Vec<f64> = result.reps.iter().filter_map(|r| r.form_score).collect();
                if !scores.is_empty() {
                    let mean = scores.iter().sum::<f64>() / scores.len() as f64;
                    let line = app.tr_args(
                        "summary-form-mean",
                        &[("score", decimal(lang, mean, 0).into())],
                    );
                    ui.label(RichText::new(line).size(34.0));
                }
                // The guidance rules the exercise checks (the lifting rules): how many
                // reps kept each.
                let mut kept: Vec<(String, usize)> = Vec::new();
                for rep in &result.reps {
                    let codes: Vec<FaultCode> = rep
                        .faults
                        .iter()
                        .filter_map(|f| FaultCode::from_code(f))
                        .collect();
                    for v in item.exercise.guidance_verdicts_in(&codes, lang) {
                        match kept.iter_mut().find(|(rule, _)| *rule == v.guidance) {
                            Some((_, n)) => *n += usize::from(v.kept),
                            None => kept.push((v.guidance, usize::from(v.kept))),
                        }
                    }
                }
                for (rule, n) in kept {
                    let line = app.tr_args(
                        "summary-guidance-kept",
                        &[
                            ("rule", rule.into()),
                            ("kept", n.into()),
                            ("reps", result.reps.len().into()),
                        ],
                    );
                    let colour = if n == result.reps.len() { GOOD } else { ACCENT };
                    ui.label(RichText::new(line).size(28.0).color(colour));
                }
                for rep in result
                    .reps
                    .iter()
                    .filter(|r| !r.faults.is_empty() || r.form_score.is_some())
                {
                    let faults: Vec<String> = rep
                        .faults
                        .iter()
                        .map(|f| FaultCode::code_name_in(f, lang))
                        .collect();
                    let line = match rep.form_score {
                        Some(score) => app.tr_args(
                            "summary-rep-form",
                            &[
                                ("n", rep.rep_number.into()),
                                ("score", decimal(lang, score, 0).into()),
                                ("faults", faults.join(", ").into()),
                            ],
                        ),
                        None => app.tr_args(
                            "summary-rep-faults",
                            &[
                                ("n", rep.rep_number.into()),
                                ("faults", faults.join(", ").into()),
                            ],
                        ),
                    };
                    ui.label(RichText::new(line).color(DIM));
                    for note in &rep.form_notes {
                        ui.label(RichText::new(format!("    {note}")).color(DIM));
                    }
                }
                if !result.signal.is_empty() {
                    let signal: Vec<[f64; 2]> = result.signal.clone();
                    let marks: Vec<[f64; 2]> = result
                        .reps
                        .iter()
                        .map(|r| [r.end_secs, r.depth.unwrap_or(0.0)])
                        .collect();
                    let ends: Vec<f64> = result.reps.iter().map(|r| r.end_secs).collect();
                    let movement = app.tr("summary-plot-movement");
                    let rep_done = app.tr("summary-plot-rep-done");
                    let reps_name = app.tr("summary-plot-reps");
                    Plot::new(format!("signal-{}", item.exercise.id))
                        .height(240.0)
                        .legend(Legend::default())
                        .allow_drag(false)
                        .allow_zoom(false)
                        .allow_scroll(false)
                        .show(ui, |plot| {
                            plot.line(Line::new(movement, PlotPoints::from(signal)).width(3.0));
                            for end in ends {
                                plot.vline(VLine::new(rep_done.as_str(), end).color(GOOD));
                            }
                            plot.points(Points::new(reps_name, marks).radius(8.0).color(ACCENT));
                        });
                }
            });
        }
    });
}

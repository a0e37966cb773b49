//! History: past sessions, the programme's changes, the pain diary, export and the report.

mod programme;

use egui::{Align, Layout, RichText};
use egui_plot::{Bar, BarChart, Legend, Line, Plot, PlotPoints, Points};

use super::*;
use crate::app::draw::{ACCENT, CARD, DIM, FAULT, GOOD};
use crate::app::{CoachApp, Screen};

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

pub(super) fn history_ui(app: &mut CoachApp, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        ui.heading(app.tr("history-title"));
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if big_button(ui, &app.tr("common-back"), CARD).clicked() {
                app.screen = Screen::Home;
            }
        });
    });
    // Below the title everything scrolls: on a short screen (or under a banner) the
    // programme and the lists are reached by scrolling, never cut off.
    egui::ScrollArea::vertical().show(ui, |ui| history_body(app, ui));
}

/// The History screen below its title: exports, the chart, the programme, the lists.
fn history_body(app: &mut CoachApp, ui: &mut egui::Ui) {
    ui.horizontal_wrapped(|ui| {
        if big_button(ui, &app.tr("history-report"), CARD).clicked() {
            app.write_report();
        }
        if big_button(ui, &app.tr("history-export-json"), CARD).clicked() {
            app.export("json");
        }
        if big_button(ui, &app.tr("history-export-csv"), CARD).clicked() {
            app.export("csv");
        }
    });
    if let Some(msg) = &app.export_message {
        ui.label(RichText::new(msg).size(28.0).color(ACCENT));
    }
    let Some(history) = app.session.history() else {
        ui.label(app.tr("history-none"));
        return;
    };
    let lang = app.lang();
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
    Plot::new("history_chart")
        .height(260.0)
        .legend(Legend::default())
        .x_axis_formatter(|mark, _| date_of_day(mark.value.floor() as i64))
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new(app.tr("history-plot-reps"), bars));
            plot.line(
                Line::new(
                    app.tr("history-plot-pain"),
                    PlotPoints::from(pain_points.clone()),
                )
                .color(FAULT)
                .width(3.0),
            );
            plot.points(
                Points::new(app.tr("history-plot-pain-reports"), pain_points)
                    .color(FAULT)
                    .radius(6.0),
            );
        });
    programme::programme_ui(app, ui, history, sessions.len(), pain.len());
    for s in sessions.iter().rev() {
        let status = app.tr(match s.status {
            crate::history::SessionStatus::Completed => "history-status-completed",
            crate::history::SessionStatus::StoppedForPain => "history-status-stopped-for-pain",
            crate::history::SessionStatus::EndedEarly => "history-status-ended-early",
            crate::history::SessionStatus::InProgress
            | crate::history::SessionStatus::Interrupted => "history-status-interrupted",
        });
        // The exercises' names in the user's language (an exercise no longer in the
        // library keeps its id).
        let names: Vec<&str> = s
            .plan
            .iter()
            .map(|p| {
                app.library
                    .iter()
                    .find(|e| e.id == p.exercise_id)
                    .map_or(p.exercise_id.as_str(), |e| e.name_in(lang))
            })
            .collect();
        ui.label(app.tr_args(
            "history-session-line",
            &[
                (
                    "date",
                    date_of_day(app.local_day(s.started_unix_secs)).into(),
                ),
                ("reps", s.reps.into()),
                ("good", s.good_reps.into()),
                ("status", status.into()),
                ("names", names.join(", ").into()),
            ],
        ));
    }
    // Working days (work mode), beside the exercise sessions.
    for d in history.work_days().unwrap_or_default().iter().rev() {
        ui.label(format!(
            "{}   {}",
            date_of_day(d.day),
            super::figures_line(app, &d.figures)
        ));
    }
    for p in pain.iter().rev() {
        let intensity = p
            .intensity
            .map(|i| i.to_string())
            .unwrap_or_else(|| "–".into());
        let line = app.tr_args(
            "history-pain-line",
            &[
                (
                    "date",
                    date_of_day(app.local_day(p.reported_unix_secs)).into(),
                ),
                ("intensity", intensity.into()),
                ("location", p.location.as_str().into()),
            ],
        );
        ui.label(RichText::new(line).color(DIM));
    }
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

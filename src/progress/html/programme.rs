//! The page's "Programme" section: per exercise a step chart of the reps per set over the
//! period (the sets written under the line), a marker at each change, and the changes in
//! words below it.

use std::fmt::Write as _;

use super::super::svg::{ADVICE, BARS, Frame, INK, PAIN, SERIES};
use super::super::{ProgrammeEvent, ProgrammeExercise, ProgressReport, short_date};
use super::{CHART_WIDTH, Words, day_range, escape};
use crate::i18n::{Arg, tr, tr_args};
use crate::programme::{BackOffCause, Reason};

/// Height of one exercise's chart, CSS pixels.
const PROGRAMME_CHART_HEIGHT: f64 = 170.0;
/// The programme's line.
const LINE: &str = SERIES[0];
/// The user's own numbers.
const CHOICE: &str = SERIES[1];
/// A missed week.
const MISSED: &str = "#555555";
/// Fewest pixels between two "2×5" labels on the line.
const LABEL_SPACING_PX: f64 = 40.0;
/// The y axis always shows 5 to 10 reps per set.
const Y_TICKS: [f64; 6] = [5.0, 6.0, 7.0, 8.0, 9.0, 10.0];

/// A change's marker on the chart and in the list: glyph, colour, legend key.
fn marker(e: &ProgrammeEvent) -> (&'static str, &'static str) {
    match (e.kind.as_str(), e.cause) {
        ("step_up", _) => ("▲", BARS),
        ("back_off", Some(BackOffCause::PainReport)) => ("▼", ADVICE),
        ("back_off", _) => ("▼", PAIN),
        ("missed_week", _) => ("◆", MISSED),
        ("override", _) => ("●", CHOICE),
        _ => ("○", CHOICE),
    }
}

/// The legend: glyph, colour, key.
const LEGEND: [(&str, &str, &str); 6] = [
    ("▲", BARS, "report-programme-legend-step-up"),
    ("▼", PAIN, "report-programme-legend-pain-stop"),
    ("▼", ADVICE, "report-programme-legend-pain-report"),
    ("◆", MISSED, "report-programme-legend-missed-week"),
    ("●", CHOICE, "report-programme-legend-override"),
    ("○", CHOICE, "report-programme-legend-override-cleared"),
];

pub(super) fn programme_section(out: &mut String, r: &ProgressReport, w: Words) {
    let _ = write!(
        out,
        "<section><h2>{}</h2><p>{}</p>",
        w.t("report-programme"),
        w.t("report-programme-intro")
    );
    if r.programme.is_empty() {
        let _ = write!(out, "<p>{}</p></section>", w.t("report-programme-none"));
        return;
    }
    let _ = write!(
        out,
        "<p class=\"legend note\"><span><i class=\"sw\" style=\"background:{LINE}\"></i>{}</span> \
         <span><i class=\"sw\" style=\"background:{CHOICE}\"></i>{}</span>",
        w.t("report-programme-legend-line"),
        w.t("report-programme-legend-choice")
    );
    for (glyph, colour, key) in LEGEND {
        let _ = write!(
            out,
            " <span><b style=\"color:{colour}\">{glyph}</b> {}</span>",
            w.t(key)
        );
    }
    out.push_str("</p></section>");
    for e in &r.programme {
        exercise_part(out, r, w, e);
    }
}

fn exercise_part(out: &mut String, r: &ProgressReport, w: Words, e: &ProgrammeExercise) {
    let name = w.exercise(&e.id);
    let now = e.points.last().map_or(String::new(), |p| {
        w.ta(
            "report-programme-now",
            &[("sets", p.sets.into()), ("reps", p.reps.into())],
        )
    });
    let _ = write!(
        out,
        "<section><h3>{} <span class=\"note\">{now}</span></h3>",
        escape(&name)
    );
    chart(out, r, w, e, &name);
    if !e.events.is_empty() {
        out.push_str("<ul class=\"changes\">");
        for v in &e.events {
            let (glyph, colour) = marker(v);
            let _ = write!(
                out,
                "<li><b style=\"color:{colour}\">{glyph}</b> {}</li>",
                escape(&event_line(w, v))
            );
        }
        out.push_str("</ul>");
    }
    out.push_str("</section>");
}

fn chart(out: &mut String, r: &ProgressReport, w: Words, e: &ProgrammeExercise, name: &str) {
    let [x_min, x_max] = day_range(r);
    let reps = e.points.iter().flat_map(|p| [p.reps, p.programme_reps]);
    let lo = reps.clone().min().unwrap_or(5).min(5);
    let hi = reps.max().unwrap_or(10).max(10);
    let f = Frame::new(
        CHART_WIDTH,
        PROGRAMME_CHART_HEIGHT,
        [x_min, x_max],
        [f64::from(lo) - 1.2, f64::from(hi) + 1.0],
    );
    f.open(
        out,
        &tr_args(w.0, "report-programme-chart", &[("name", name.into())]),
    );
    f.y_axis(out, &Y_TICKS, &tr(w.0, "report-programme-axis"));
    f.day_axis(out);
    // The programme's steps, then the user's own numbers dashed over them.
    let x_of = |day: i64| (day as f64).clamp(x_min, x_max);
    let mut line: Vec<(f64, f64)> = Vec::new();
    for (i, p) in e.points.iter().enumerate() {
        let end = e.points.get(i + 1).map_or(x_max, |n| x_of(n.day));
        let y = f64::from(p.programme_reps);
        line.push((x_of(p.day), y));
        line.push((end, y));
        if p.user_choice {
            f.polyline(
                out,
                &[(x_of(p.day), f64::from(p.reps)), (end, f64::from(p.reps))],
                CHOICE,
                true,
            );
        }
    }
    f.polyline(out, &line, LINE, false);
    // "2×5" under the line where it changes (where there is room).
    let mut last_label_px = f64::NEG_INFINITY;
    for p in &e.points {
        let px = f.x(x_of(p.day));
        if px - last_label_px < LABEL_SPACING_PX {
            continue;
        }
        last_label_px = px;
        let colour = if p.user_choice { CHOICE } else { INK };
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="{:.1}" font-size="11" fill="{colour}">{}×{}</text>"#,
            px + 2.0,
            f.y(f64::from(p.reps)) + 14.0,
            p.sets,
            p.reps
        );
    }
    for v in &e.events {
        let (glyph, colour) = marker(v);
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="{:.1}" font-size="15" text-anchor="middle" fill="{colour}">{glyph}</text>"#,
            f.x(x_of(v.day)),
            f.y(f64::from(v.reps)) - 5.0
        );
    }
    f.close(out);
}

/// A change in words: "12 Mar: back off to 2 × 6 after a pain stop on 11 Mar".
fn event_line(w: Words, v: &ProgrammeEvent) -> String {
    let date = short_date(w.0, &v.date);
    let cause = v
        .cause_date
        .as_deref()
        .map_or(date.clone(), |c| short_date(w.0, c));
    let mut args: Vec<(&str, Arg)> = vec![
        ("date", date.into()),
        ("sets", v.sets.into()),
        ("reps", v.reps.into()),
    ];
    let key = match (&v.reason_detail, v.kind.as_str()) {
        (_, "step_up") => "report-programme-step-up",
        (
            Reason::PainReport {
                intensity, usual, ..
            },
            "back_off",
        ) => {
            args.push(("cause", cause.into()));
            args.push(("intensity", u32::from(*intensity).into()));
            args.push(("usual", u32::from(*usual).into()));
            "report-programme-back-off-report"
        }
        (_, "back_off") => {
            args.push(("cause", cause.into()));
            "report-programme-back-off-stop"
        }
        (
            Reason::MissedWeek {
                days_without_session,
            },
            "missed_week",
        ) => {
            args.push(("days", (*days_without_session).into()));
            "report-programme-missed-week"
        }
        (
            Reason::UserChoice {
                programme_sets,
                programme_reps,
            },
            "override",
        ) => {
            args.push(("programme_sets", (*programme_sets).into()));
            args.push(("programme_reps", (*programme_reps).into()));
            "report-programme-override"
        }
        _ => "report-programme-override-cleared",
    };
    tr_args(w.0, key, &args)
}

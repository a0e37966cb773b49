//! The report as one self-contained HTML page (XHTML syntax, so it parses as XML): print
//! CSS for A4, headings a therapist can scan, inline SVG charts, no external references.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::svg::{ADVICE, BARS, Frame, INK, PAIN, SERIES, ticks_up_to};
use super::{ProgressReport, day_number};

/// Chart width and heights in CSS pixels (scaled to the page width).
const CHART_WIDTH: f64 = 900.0;
const CHART_HEIGHT: f64 = 240.0;
const SMALL_CHART_HEIGHT: f64 = 200.0;
/// Pain reports listed in the table (the most recent); the chart shows every one.
const MAX_PAIN_ROWS: usize = 30;

const STYLE: &str = "
@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: 'DejaVu Sans', Arial, sans-serif; color: #111; font-size: 10.5pt;
  line-height: 1.35; max-width: 190mm; margin: 0 auto; padding: 8mm 4mm; background: #fff; }
h1 { font-size: 19pt; margin: 0 0 1mm 0; }
h2 { font-size: 13.5pt; margin: 6mm 0 2mm 0; padding-bottom: 1mm; border-bottom: 1.5pt solid #333; }
h3 { font-size: 11pt; margin: 3mm 0 1mm 0; }
p { margin: 1mm 0; }
.meta { color: #444; }
.note { color: #555; font-size: 9pt; }
.alert { border: 2pt solid #c0392b; background: #fbeaea; padding: 2.5mm 3mm; margin: 3mm 0;
  font-weight: bold; }
.grid { display: flex; flex-wrap: wrap; gap: 2.5mm; margin: 2mm 0; }
.fig { flex: 1 1 20%; border: 0.8pt solid #bbb; border-radius: 1.5mm; padding: 1.5mm 2.5mm; }
.fig .v { display: block; font-size: 15pt; font-weight: bold; }
.fig .k { font-size: 8.5pt; color: #444; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; margin: 1mm 0 2mm 0; }
th, td { border-bottom: 0.5pt solid #ccc; padding: 0.8mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
td.n, th.n { text-align: right; }
svg { display: block; width: 100%; height: auto; margin: 1mm 0; }
.legend span { margin-right: 5mm; white-space: nowrap; }
.sw { display: inline-block; width: 4mm; height: 2.5mm; margin-right: 1mm; vertical-align: middle; }
section { break-inside: avoid; page-break-inside: avoid; }
@media print { body { padding: 0; max-width: none; } h2 { break-after: avoid; } }
";

/// Escapes text for XML/HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab/newline are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Renders the report as a complete HTML document.
pub fn render_html(report: &ProgressReport) -> String {
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>");
    let _ = write!(
        out,
        "<title>backcoach report {}</title><style>{STYLE}</style></head><body>",
        escape(&report.last_date)
    );
    header(&mut out, report);
    pain_section(&mut out, report);
    pain_stops_section(&mut out, report);
    adherence_section(&mut out, report);
    exercises_section(&mut out, report);
    tempo_section(&mut out, report);
    let _ = writeln!(
        out,
        "<p class=\"note\">Made by backcoach {} from the history on this computer. Rep counts, \
         tempo and faults are judged from a webcam and are estimates; the pain diary is the \
         user's own entries.</p></body></html>",
        env!("CARGO_PKG_VERSION")
    );
    out
}

fn period_text(report: &ProgressReport) -> String {
    match &report.first_date {
        Some(first) => format!(
            "{first} to {} ({} days)",
            report.last_date, report.adherence.days_in_period
        ),
        None => format!("up to {} (no entries yet)", report.last_date),
    }
}

fn utc_offset_text(secs: i64) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let m = secs.unsigned_abs() / 60;
    format!("UTC{sign}{:02}:{:02}", m / 60, m % 60)
}

fn header(out: &mut String, r: &ProgressReport) {
    let _ = write!(
        out,
        "<h1>Exercise and pain record</h1><p class=\"meta\">Period <b>{}</b>. Made {} \
         ({}). Lower-back exercises coached by backcoach: neutral stance, slow pace, 5-10 reps \
         per set, daily; the user stops at once when it hurts.</p>",
        escape(&period_text(r)),
        escape(&r.generated_local),
        utc_offset_text(r.utc_offset_secs)
    );
    if r.pain.advice_due_now {
        out.push_str(
            "<p class=\"alert\">The pain diary shows the same intensity for more than 36 hours. \
             The exercise guide advises seeing a physician or licensed therapist.</p>",
        );
    }
    let a = &r.adherence;
    let pain_now = r
        .pain
        .latest_intensity
        .map_or("none".to_owned(), |i| format!("{i}/10"));
    let pain_max = r
        .pain
        .max_intensity
        .map_or("none".to_owned(), |i| format!("{i}/10"));
    let figures = [
        (
            format!("{} of {}", a.days_exercised, a.days_in_period),
            "days exercised",
        ),
        (a.sessions.to_string(), "sessions"),
        (a.reps.to_string(), "reps counted"),
        (format!("{} days", a.current_streak_days), "current streak"),
        (pain_now, "latest pain"),
        (pain_max, "worst pain in period"),
        (r.pain_stops.len().to_string(), "pain stops"),
        (
            r.pain.same_intensity_events.len().to_string(),
            "36-hour rule events",
        ),
    ];
    out.push_str("<section><h2>At a glance</h2><div class=\"grid\">");
    for (value, key) in figures {
        let _ = write!(
            out,
            "<div class=\"fig\"><span class=\"v\">{}</span><span class=\"k\">{}</span></div>",
            escape(&value),
            escape(key)
        );
    }
    out.push_str("</div></section>");
}

/// The x range of the day charts: the period's first day to the end of today.
fn day_range(r: &ProgressReport) -> [f64; 2] {
    let today = day_number(r.generated_unix_secs, r.utc_offset_secs);
    let first = r
        .adherence
        .days
        .first()
        .map(|d| d.day)
        .unwrap_or(today)
        .min(today);
    let first = match r.since_days {
        Some(d) => today - i64::from(d) + 1,
        None => r
            .pain
            .reports
            .first()
            .map(|p| day_number(p.reported_unix_secs, r.utc_offset_secs))
            .map_or(first, |p| p.min(first)),
    };
    [first as f64, today as f64 + 1.0]
}

fn local_days(r: &ProgressReport, unix_secs: f64) -> f64 {
    crate::history::local_days(unix_secs, r.utc_offset_secs)
}

fn pain_section(out: &mut String, r: &ProgressReport) {
    out.push_str("<section><h2>Pain diary</h2>");
    let rated: Vec<(f64, f64)> = r
        .pain
        .reports
        .iter()
        .filter_map(|p| {
            p.intensity
                .map(|i| (local_days(r, p.reported_unix_secs), f64::from(i)))
        })
        .collect();
    if r.pain.reports.is_empty() {
        out.push_str("<p>No pain reports in this period.</p></section>");
        return;
    }
    let f = Frame::new(CHART_WIDTH, CHART_HEIGHT, day_range(r), [0.0, 10.0]);
    f.open(out, "Pain intensity (0-10) over time");
    f.y_axis(out, &[0.0, 2.0, 4.0, 6.0, 8.0, 10.0], "pain 0-10");
    f.day_axis(out);
    for e in &r.pain.same_intensity_events {
        f.marker(out, local_days(r, e.reported_unix_secs), "36 h", ADVICE);
    }
    f.polyline(out, &rated, PAIN, false);
    for &(x, y) in &rated {
        f.dot(out, x, y, 4.5, PAIN);
    }
    for s in &r.pain_stops {
        let y = s.intensity.map_or(10.0, f64::from);
        f.cross(out, local_days(r, s.unix_secs), y, INK);
    }
    f.close(out);
    let _ = write!(
        out,
        "<p class=\"legend note\"><span><i class=\"sw\" style=\"background:{PAIN}\"></i>pain \
         report</span><span>× pain stop (at the top when no intensity was given)</span>\
         <span><i class=\"sw\" style=\"background:{ADVICE}\"></i>36 h: the same intensity for \
         more than 36 hours</span></p>"
    );
    if !r.pain.same_intensity_events.is_empty() {
        out.push_str(
            "<h3>36-hour rule</h3><table><tr><th>when</th><th class=\"n\">intensity</th>\
             <th>unchanged since</th><th class=\"n\">hours</th></tr>",
        );
        for e in &r.pain.same_intensity_events {
            let _ = write!(
                out,
                "<tr><td>{}</td><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{:.0}</td></tr>",
                escape(&e.local_time),
                e.intensity,
                escape(&super::local_time(e.since_unix_secs, r.utc_offset_secs)),
                e.hours
            );
        }
        out.push_str("</table>");
    }
    let shown = r.pain.reports.len().min(MAX_PAIN_ROWS);
    out.push_str("<h3>Reports</h3>");
    if shown < r.pain.reports.len() {
        let _ = write!(
            out,
            "<p class=\"note\">The {shown} most recent of {} reports; the chart shows all, \
             and <code>backcoach report --format json</code> lists all.</p>",
            r.pain.reports.len()
        );
    }
    out.push_str(
        "<table><tr><th>when</th><th class=\"n\">intensity</th><th>where</th>\
         <th>during</th></tr>",
    );
    for p in &r.pain.reports[r.pain.reports.len() - shown..] {
        let during = p
            .exercise_id
            .as_deref()
            .unwrap_or(if p.session_id.is_some() {
                "a session"
            } else {
                "—"
            });
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td></tr>",
            escape(&p.local_time),
            p.intensity.map_or("—".to_owned(), |i| i.to_string()),
            escape(if p.location.is_empty() {
                "—"
            } else {
                &p.location
            }),
            escape(during)
        );
    }
    out.push_str("</table></section>");
}

fn pain_stops_section(out: &mut String, r: &ProgressReport) {
    out.push_str("<section><h2>Pain stops</h2>");
    if r.pain_stops.is_empty() {
        out.push_str("<p>No session was stopped for pain in this period.</p></section>");
        return;
    }
    out.push_str(
        "<table><tr><th>when</th><th>exercise</th><th class=\"n\">set</th>\
         <th class=\"n\">reps before</th><th class=\"n\">intensity</th><th>where</th></tr>",
    );
    for s in &r.pain_stops {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td>{}</td></tr>",
            escape(&s.local_time),
            escape(s.exercise_id.as_deref().unwrap_or("—")),
            if s.sets_of_exercise > 0 {
                s.sets_of_exercise.to_string()
            } else {
                "—".to_owned()
            },
            s.reps_before,
            s.intensity.map_or("—".to_owned(), |i| i.to_string()),
            escape(if s.location.is_empty() {
                "—"
            } else {
                &s.location
            })
        );
    }
    out.push_str("</table></section>");
}

fn adherence_section(out: &mut String, r: &ProgressReport) {
    let a = &r.adherence;
    out.push_str("<section><h2>Adherence</h2>");
    let _ = write!(
        out,
        "<p>Exercised on <b>{} of {} days</b>; {} sessions: {} completed, {} stopped for pain, \
         {} ended early, {} interrupted. Current streak {} days, longest {} days.</p>",
        a.days_exercised,
        a.days_in_period,
        a.sessions,
        a.sessions_completed,
        a.sessions_stopped_for_pain,
        a.sessions_ended_early,
        a.sessions_interrupted,
        a.current_streak_days,
        a.longest_streak_days
    );
    if a.days.is_empty() {
        out.push_str("</section>");
        return;
    }
    let max = a.days.iter().map(|d| d.reps).max().unwrap_or(0);
    let ticks = ticks_up_to(f64::from(max));
    let top = ticks.last().copied().unwrap_or(1.0);
    let f = Frame::new(CHART_WIDTH, SMALL_CHART_HEIGHT, day_range(r), [0.0, top]);
    f.open(out, "Counted reps per day");
    f.y_axis(out, &ticks, "reps per day");
    f.day_axis(out);
    for d in &a.days {
        f.day_bar(out, d.day, f64::from(d.reps.max(1)), BARS);
    }
    f.close(out);
    out.push_str("</section>");
}

fn percent(share: Option<f64>) -> String {
    share.map_or("—".to_owned(), |s| format!("{:.0}%", s * 100.0))
}

fn fault_label(code: &str) -> String {
    code.replace('_', " ")
}

fn exercises_section(out: &mut String, r: &ProgressReport) {
    out.push_str("<section><h2>Exercises</h2>");
    if r.exercises.is_empty() {
        out.push_str("<p>No reps recorded in this period.</p></section>");
        return;
    }
    out.push_str(
        "<table><tr><th>exercise</th><th class=\"n\">sessions</th><th class=\"n\">sets</th>\
         <th class=\"n\">reps</th><th class=\"n\">no fault</th><th class=\"n\">partial</th>\
         <th class=\"n\">s per rep</th><th class=\"n\">too fast</th><th>most frequent faults</th></tr>",
    );
    for e in &r.exercises {
        let mut faults: Vec<(&String, &u32)> = e.faults.iter().collect();
        faults.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let faults: Vec<String> = faults
            .iter()
            .take(3)
            .map(|(code, n)| format!("{} ({n})", fault_label(code)))
            .collect();
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td>{}</td></tr>",
            escape(&e.exercise_id),
            e.sessions,
            e.sets,
            e.reps,
            e.good_reps,
            e.partial_reps,
            e.mean_rep_secs
                .map_or("—".to_owned(), |s| format!("{s:.1}")),
            percent(e.too_fast_share),
            escape(&if faults.is_empty() {
                "none".to_owned()
            } else {
                faults.join(", ")
            })
        );
    }
    out.push_str("</table></section>");
}

fn tempo_section(out: &mut String, r: &ProgressReport) {
    out.push_str("<section><h2>Tempo and faults over time</h2>");
    if r.tempo.is_empty() {
        out.push_str("<p>No reps recorded in this period.</p></section>");
        return;
    }
    let mut series: BTreeMap<&str, Vec<&super::TempoPoint>> = BTreeMap::new();
    for t in &r.tempo {
        series.entry(t.exercise_id.as_str()).or_default().push(t);
    }
    let colour = |i: usize| SERIES[i % SERIES.len()];
    out.push_str("<p class=\"legend note\">");
    for (i, id) in series.keys().enumerate() {
        let _ = write!(
            out,
            "<span><i class=\"sw\" style=\"background:{}\"></i>{}</span>",
            colour(i),
            escape(id)
        );
    }
    out.push_str("<span>one point per session</span></p>");

    let max_secs = r
        .tempo
        .iter()
        .filter_map(|t| t.mean_rep_secs)
        .fold(0.0, f64::max);
    let ticks = ticks_up_to(max_secs);
    let top = ticks.last().copied().unwrap_or(1.0);
    out.push_str("<h3>Seconds per rep (the guide asks for a slow pace)</h3>");
    let f = Frame::new(CHART_WIDTH, SMALL_CHART_HEIGHT, day_range(r), [0.0, top]);
    f.open(out, "Mean seconds per rep, per session");
    f.y_axis(out, &ticks, "s per rep");
    f.day_axis(out);
    for (i, points) in series.values().enumerate() {
        let xy: Vec<(f64, f64)> = points
            .iter()
            .filter_map(|t| {
                t.mean_rep_secs
                    .map(|s| (local_days(r, t.started_unix_secs), s))
            })
            .collect();
        f.polyline(out, &xy, colour(i), false);
        for &(x, y) in &xy {
            f.dot(out, x, y, 4.0, colour(i));
        }
    }
    f.close(out);

    out.push_str("<h3>Share of reps too fast (solid) and with any fault (dashed)</h3>");
    let f = Frame::new(CHART_WIDTH, SMALL_CHART_HEIGHT, day_range(r), [0.0, 100.0]);
    f.open(
        out,
        "Percent of reps too fast and with any fault, per session",
    );
    f.y_axis(out, &[0.0, 25.0, 50.0, 75.0, 100.0], "% of reps");
    f.day_axis(out);
    for (i, points) in series.values().enumerate() {
        let share = |get: fn(&super::TempoPoint) -> Option<f64>| -> Vec<(f64, f64)> {
            points
                .iter()
                .filter_map(|t| get(t).map(|s| (local_days(r, t.started_unix_secs), s * 100.0)))
                .collect()
        };
        let fast = share(|t| t.too_fast_share);
        let faulty = share(|t| t.fault_share);
        f.polyline(out, &faulty, colour(i), true);
        f.polyline(out, &fast, colour(i), false);
        for &(x, y) in &fast {
            f.dot(out, x, y, 4.0, colour(i));
        }
    }
    f.close(out);
    out.push_str("</section>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_controls() {
        assert_eq!(
            escape("<b>\"a\" & 'b'</b>"),
            "&lt;b&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/b&gt;"
        );
        assert_eq!(escape("a\u{1}b"), "a b");
    }

    #[test]
    fn offsets_read_as_utc_plus_minus() {
        assert_eq!(utc_offset_text(0), "UTC+00:00");
        assert_eq!(utc_offset_text(3600), "UTC+01:00");
        assert_eq!(utc_offset_text(-16_200), "UTC-04:30");
    }
}

//! The report as one self-contained HTML page (XHTML syntax, so it parses as XML): print
//! CSS for A4, headings a therapist can scan, inline SVG charts, no external references. The
//! words come from the catalogue (`locales/<lang>/report.ftl`), in English or Danish.

mod programme;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::svg::{ADVICE, BARS, Frame, INK, PAIN, SERIES, ticks_up_to};
use super::{ProgressReport, day_number};
use crate::exercise::FaultCode;
use crate::i18n::{Arg, Lang, decimal, tr, tr_args};

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
ul.changes { margin: 0 0 2mm 0; padding-left: 2mm; list-style: none; columns: 2; column-gap: 6mm; font-size: 9pt; }
ul.changes li { break-inside: avoid; }
ul.changes li { margin: 0.4mm 0; }
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

/// Renders the report as a complete HTML document in English.
pub fn render_html(report: &ProgressReport) -> String {
    render_html_in(report, Lang::En)
}

/// Renders the report as a complete HTML document in `lang`: every word comes from the
/// catalogue (`report-*` keys), fault names from `fault-<code>`; the table's decimals
/// take the language's decimal mark, dates and chart labels are the same in every
/// language.
pub fn render_html_in(report: &ProgressReport, lang: Lang) -> String {
    let w = Words(lang);
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"/>",
        lang.code()
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>");
    let _ = write!(
        out,
        "<title>{}</title><style>{STYLE}</style></head><body>",
        w.ta(
            "report-title",
            &[("date", report.last_date.as_str().into())]
        )
    );
    header(&mut out, report, w);
    glance(&mut out, report, w);
    pain_section(&mut out, report, w);
    pain_stops_section(&mut out, report, w);
    adherence_section(&mut out, report, w);
    exercises_section(&mut out, report, w);
    programme::programme_section(&mut out, report, w);
    tempo_section(&mut out, report, w);
    let _ = writeln!(
        out,
        "<p class=\"note\">{}</p></body></html>",
        w.ta(
            "report-footer",
            &[("version", env!("CARGO_PKG_VERSION").into())]
        )
    );
    out
}

/// The report's words in one language, escaped for the page.
#[derive(Clone, Copy, Debug)]
struct Words(Lang);

impl Words {
    /// The message `key`, escaped.
    fn t(self, key: &str) -> String {
        escape(&tr(self.0, key))
    }

    /// The message `key` with its variables, escaped.
    fn ta(self, key: &str, args: &[(&str, Arg)]) -> String {
        escape(&tr_args(self.0, key, args))
    }

    /// An exercise's name in this language, from the built-in library ("Knæbøjning" for
    /// `knee-bend`); an exercise the library does not know (a user's own file) by its
    /// id. Not escaped.
    fn exercise(self, id: &str) -> String {
        static LIBRARY: std::sync::OnceLock<Option<crate::exercise::ExerciseLibrary>> =
            std::sync::OnceLock::new();
        LIBRARY
            .get_or_init(|| crate::exercise::ExerciseLibrary::embedded().ok())
            .as_ref()
            .and_then(|l| l.get(id))
            .map_or_else(|| id.to_owned(), |e| e.name_in(self.0).to_owned())
    }

    /// A fault code's short name ("too fast"); an unknown code as it is, spaced.
    fn fault(self, code: &str) -> String {
        FaultCode::code_name_in(code, self.0)
    }
}

/// Text for a missing value in a table cell.
const DASH: &str = "—";

fn or_dash(value: Option<impl ToString>) -> String {
    value.map_or(DASH.to_owned(), |v| v.to_string())
}

fn period_text(report: &ProgressReport, w: Words) -> String {
    let last = report.last_date.as_str();
    match &report.first_date {
        Some(first) => w.ta(
            "report-period",
            &[
                ("first", first.as_str().into()),
                ("last", last.into()),
                ("days", report.adherence.days_in_period.into()),
            ],
        ),
        None => w.ta("report-period-empty", &[("last", last.into())]),
    }
}

fn utc_offset_text(secs: i64) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let m = secs.unsigned_abs() / 60;
    format!("UTC{sign}{:02}:{:02}", m / 60, m % 60)
}

fn header(out: &mut String, r: &ProgressReport, w: Words) {
    let made = w.ta(
        "report-made",
        &[
            ("time", r.generated_local.as_str().into()),
            ("offset", utc_offset_text(r.utc_offset_secs).into()),
        ],
    );
    let _ = write!(
        out,
        "<h1>{}</h1><p class=\"meta\">{} <b>{}</b>. {made} {}</p>",
        w.t("report-heading"),
        w.t("report-period-label"),
        period_text(r, w),
        w.t("report-about")
    );
    if r.pain.advice_due_now {
        let _ = write!(out, "<p class=\"alert\">{}</p>", w.t("report-alert"));
    }
}

fn glance(out: &mut String, r: &ProgressReport, w: Words) {
    let a = &r.adherence;
    let pain = |i: Option<u8>| i.map_or(w.t("report-none"), |i| format!("{i}/10"));
    let figures = [
        (
            w.ta(
                "report-fig-days-of",
                &[
                    ("exercised", a.days_exercised.into()),
                    ("days", a.days_in_period.into()),
                ],
            ),
            "report-fig-days-exercised",
        ),
        (a.sessions.to_string(), "report-sessions"),
        (a.reps.to_string(), "report-fig-reps"),
        (
            w.ta(
                "report-fig-streak-days",
                &[("days", a.current_streak_days.into())],
            ),
            "report-fig-streak",
        ),
        (pain(r.pain.latest_intensity), "report-fig-pain-latest"),
        (pain(r.pain.max_intensity), "report-fig-pain-worst"),
        (r.pain_stops.len().to_string(), "report-fig-pain-stops"),
        (
            r.pain.same_intensity_events.len().to_string(),
            "report-fig-rule-events",
        ),
    ];
    let _ = write!(
        out,
        "<section><h2>{}</h2><div class=\"grid\">",
        w.t("report-glance")
    );
    for (value, key) in figures {
        let _ = write!(
            out,
            "<div class=\"fig\"><span class=\"v\">{value}</span><span class=\"k\">{}</span></div>",
            w.t(key)
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

/// A table header row: `(key, numeric)` per column.
fn table_head(out: &mut String, w: Words, columns: &[(&str, bool)]) {
    out.push_str("<table><tr>");
    for (key, numeric) in columns {
        let class = if *numeric { " class=\"n\"" } else { "" };
        let _ = write!(out, "<th{class}>{}</th>", w.t(key));
    }
    out.push_str("</tr>");
}

fn pain_section(out: &mut String, r: &ProgressReport, w: Words) {
    let _ = write!(out, "<section><h2>{}</h2>", w.t("report-pain-diary"));
    if r.pain.reports.is_empty() {
        let _ = write!(out, "<p>{}</p></section>", w.t("report-pain-none"));
        return;
    }
    pain_chart(out, r, w);
    if !r.pain.same_intensity_events.is_empty() {
        rule_table(out, r, w);
    }
    pain_table(out, r, w);
    out.push_str("</section>");
}

fn pain_chart(out: &mut String, r: &ProgressReport, w: Words) {
    let rated: Vec<(f64, f64)> = r
        .pain
        .reports
        .iter()
        .filter_map(|p| {
            p.intensity
                .map(|i| (local_days(r, p.reported_unix_secs), f64::from(i)))
        })
        .collect();
    let f = Frame::new(CHART_WIDTH, CHART_HEIGHT, day_range(r), [0.0, 10.0]);
    f.open(out, &tr(w.0, "report-pain-chart"));
    f.y_axis(
        out,
        &[0.0, 2.0, 4.0, 6.0, 8.0, 10.0],
        &tr(w.0, "report-pain-axis"),
    );
    f.day_axis(out);
    let marker = tr(w.0, "report-marker-36h");
    for e in &r.pain.same_intensity_events {
        f.marker(out, local_days(r, e.reported_unix_secs), &marker, ADVICE);
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
        "<p class=\"legend note\"><span><i class=\"sw\" style=\"background:{PAIN}\"></i>{}\
         </span><span>{}</span><span><i class=\"sw\" style=\"background:{ADVICE}\"></i>{}\
         </span></p>",
        w.t("report-legend-pain"),
        w.t("report-legend-stop"),
        w.t("report-legend-36h")
    );
}

fn rule_table(out: &mut String, r: &ProgressReport, w: Words) {
    let _ = write!(out, "<h3>{}</h3>", w.t("report-rule-heading"));
    table_head(
        out,
        w,
        &[
            ("report-col-when", false),
            ("report-col-intensity", true),
            ("report-col-since", false),
            ("report-col-hours", true),
        ],
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

/// A stand-in for the command in the "most recent reports" note, replaced by its markup.
const COMMAND_MARK: &str = "\u{E000}";

fn pain_table(out: &mut String, r: &ProgressReport, w: Words) {
    let shown = r.pain.reports.len().min(MAX_PAIN_ROWS);
    let _ = write!(out, "<h3>{}</h3>", w.t("report-reports"));
    if shown < r.pain.reports.len() {
        let note = w.ta(
            "report-reports-shown",
            &[
                ("shown", shown.into()),
                ("total", r.pain.reports.len().into()),
                ("command", COMMAND_MARK.into()),
            ],
        );
        let note = note.replace(COMMAND_MARK, "<code>backcoach report --format json</code>");
        let _ = write!(out, "<p class=\"note\">{note}</p>");
    }
    table_head(
        out,
        w,
        &[
            ("report-col-when", false),
            ("report-col-intensity", true),
            ("report-col-where", false),
            ("report-col-during", false),
        ],
    );
    let session = tr(w.0, "report-during-session");
    for p in &r.pain.reports[r.pain.reports.len() - shown..] {
        let during = match (&p.exercise_id, p.session_id) {
            (Some(id), _) => w.exercise(id),
            (None, Some(_)) => session.clone(),
            (None, None) => DASH.to_owned(),
        };
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td></tr>",
            escape(&p.local_time),
            or_dash(p.intensity),
            escape(non_empty(&p.location)),
            escape(&during)
        );
    }
    out.push_str("</table>");
}

/// The text, or a dash when it is empty.
fn non_empty(text: &str) -> &str {
    if text.is_empty() { DASH } else { text }
}

fn pain_stops_section(out: &mut String, r: &ProgressReport, w: Words) {
    let _ = write!(out, "<section><h2>{}</h2>", w.t("report-stops"));
    if r.pain_stops.is_empty() {
        let _ = write!(out, "<p>{}</p></section>", w.t("report-stops-none"));
        return;
    }
    table_head(
        out,
        w,
        &[
            ("report-col-when", false),
            ("report-col-exercise", false),
            ("report-col-set", true),
            ("report-col-reps-before", true),
            ("report-col-intensity", true),
            ("report-col-where", false),
        ],
    );
    for s in &r.pain_stops {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td>{}</td></tr>",
            escape(&s.local_time),
            escape(
                &s.exercise_id
                    .as_deref()
                    .map_or(DASH.to_owned(), |id| w.exercise(id))
            ),
            or_dash(Some(s.sets_of_exercise).filter(|&n| n > 0)),
            s.reps_before,
            or_dash(s.intensity),
            escape(non_empty(&s.location))
        );
    }
    out.push_str("</table></section>");
}

fn adherence_section(out: &mut String, r: &ProgressReport, w: Words) {
    let a = &r.adherence;
    let days = w.ta(
        "report-adherence-days",
        &[
            ("exercised", a.days_exercised.into()),
            ("days", a.days_in_period.into()),
        ],
    );
    let sessions = w.ta(
        "report-adherence-sessions",
        &[
            ("sessions", a.sessions.into()),
            ("completed", a.sessions_completed.into()),
            ("pain", a.sessions_stopped_for_pain.into()),
            ("early", a.sessions_ended_early.into()),
            ("interrupted", a.sessions_interrupted.into()),
            ("streak", a.current_streak_days.into()),
            ("longest", a.longest_streak_days.into()),
        ],
    );
    let _ = write!(
        out,
        "<section><h2>{}</h2><p>{} <b>{days}</b>; {sessions}</p>",
        w.t("report-adherence"),
        w.t("report-adherence-prefix")
    );
    if a.days.is_empty() {
        out.push_str("</section>");
        return;
    }
    let max = a.days.iter().map(|d| d.reps).max().unwrap_or(0);
    let ticks = ticks_up_to(f64::from(max));
    let top = ticks.last().copied().unwrap_or(1.0);
    let f = Frame::new(CHART_WIDTH, SMALL_CHART_HEIGHT, day_range(r), [0.0, top]);
    f.open(out, &tr(w.0, "report-reps-chart"));
    f.y_axis(out, &ticks, &tr(w.0, "report-reps-axis"));
    f.day_axis(out);
    for d in &a.days {
        f.day_bar(out, d.day, f64::from(d.reps.max(1)), BARS);
    }
    f.close(out);
    out.push_str("</section>");
}

fn percent(share: Option<f64>) -> String {
    share.map_or(DASH.to_owned(), |s| format!("{:.0}%", s * 100.0))
}

/// The three most frequent faults of an exercise, with their counts, or "none".
fn top_faults(faults: &BTreeMap<String, u32>, w: Words) -> String {
    let mut faults: Vec<(&String, &u32)> = faults.iter().collect();
    faults.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    if faults.is_empty() {
        return tr(w.0, "report-none");
    }
    faults
        .iter()
        .take(3)
        .map(|(code, n)| format!("{} ({n})", w.fault(code)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn exercises_section(out: &mut String, r: &ProgressReport, w: Words) {
    let _ = write!(out, "<section><h2>{}</h2>", w.t("report-exercises"));
    if r.exercises.is_empty() {
        let _ = write!(out, "<p>{}</p></section>", w.t("report-no-reps"));
        return;
    }
    table_head(
        out,
        w,
        &[
            ("report-col-exercise", false),
            ("report-sessions", true),
            ("report-col-sets", true),
            ("report-col-reps", true),
            ("report-col-no-fault", true),
            ("report-col-partial", true),
            ("report-secs-per-rep", true),
            ("report-col-too-fast", true),
            ("report-col-faults", false),
        ],
    );
    for e in &r.exercises {
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td>{}</td></tr>",
            escape(&w.exercise(&e.exercise_id)),
            e.sessions,
            e.sets,
            e.reps,
            e.good_reps,
            e.partial_reps,
            or_dash(e.mean_rep_secs.map(|s| decimal(w.0, s, 1))),
            percent(e.too_fast_share),
            escape(&top_faults(&e.faults, w))
        );
    }
    out.push_str("</table></section>");
}

/// The colour of the `i`th exercise's series.
fn colour(i: usize) -> &'static str {
    SERIES[i % SERIES.len()]
}

fn tempo_section(out: &mut String, r: &ProgressReport, w: Words) {
    let _ = write!(out, "<section><h2>{}</h2>", w.t("report-tempo"));
    if r.tempo.is_empty() {
        let _ = write!(out, "<p>{}</p></section>", w.t("report-no-reps"));
        return;
    }
    let mut series: BTreeMap<&str, Vec<&super::TempoPoint>> = BTreeMap::new();
    for t in &r.tempo {
        series.entry(t.exercise_id.as_str()).or_default().push(t);
    }
    out.push_str("<p class=\"legend note\">");
    for (i, id) in series.keys().enumerate() {
        let _ = write!(
            out,
            "<span><i class=\"sw\" style=\"background:{}\"></i>{}</span>",
            colour(i),
            escape(&w.exercise(id))
        );
    }
    let _ = write!(out, "<span>{}</span></p>", w.t("report-legend-session"));
    tempo_chart(out, r, w, &series);
    share_chart(out, r, w, &series);
    if r.tempo.iter().any(|t| t.mean_form_score.is_some()) {
        form_chart(out, r, w, &series);
    }
    out.push_str("</section>");
}

/// The tempo points of each exercise, by exercise id.
type Series<'a> = BTreeMap<&'a str, Vec<&'a super::TempoPoint>>;

fn tempo_chart(out: &mut String, r: &ProgressReport, w: Words, series: &Series<'_>) {
    let max_secs = r
        .tempo
        .iter()
        .filter_map(|t| t.mean_rep_secs)
        .fold(0.0, f64::max);
    let ticks = ticks_up_to(max_secs);
    let top = ticks.last().copied().unwrap_or(1.0);
    let _ = write!(out, "<h3>{}</h3>", w.t("report-tempo-heading"));
    let f = Frame::new(CHART_WIDTH, SMALL_CHART_HEIGHT, day_range(r), [0.0, top]);
    f.open(out, &tr(w.0, "report-tempo-chart"));
    f.y_axis(out, &ticks, &tr(w.0, "report-secs-per-rep"));
    f.day_axis(out);
    lines_with_dots(out, r, &f, series, |t| t.mean_rep_secs);
    f.close(out);
}

fn share_chart(out: &mut String, r: &ProgressReport, w: Words, series: &Series<'_>) {
    let _ = write!(out, "<h3>{}</h3>", w.t("report-share-heading"));
    let f = Frame::new(CHART_WIDTH, SMALL_CHART_HEIGHT, day_range(r), [0.0, 100.0]);
    f.open(out, &tr(w.0, "report-share-chart"));
    f.y_axis(
        out,
        &[0.0, 25.0, 50.0, 75.0, 100.0],
        &tr(w.0, "report-share-axis"),
    );
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
}

/// The mean form score per session (exercises with a form score), 0-100.
fn form_chart(out: &mut String, r: &ProgressReport, w: Words, series: &Series<'_>) {
    let _ = write!(out, "<h3>{}</h3>", w.t("report-form-heading"));
    let f = Frame::new(CHART_WIDTH, SMALL_CHART_HEIGHT, day_range(r), [0.0, 100.0]);
    f.open(out, &tr(w.0, "report-form-chart"));
    f.y_axis(
        out,
        &[0.0, 25.0, 50.0, 75.0, 100.0],
        &tr(w.0, "report-form-axis"),
    );
    f.day_axis(out);
    lines_with_dots(out, r, &f, series, |t| t.mean_form_score);
    f.close(out);
}

/// One solid line per exercise through its sessions' `value`, a dot on each.
fn lines_with_dots(
    out: &mut String,
    r: &ProgressReport,
    f: &Frame,
    series: &Series<'_>,
    value: fn(&super::TempoPoint) -> Option<f64>,
) {
    for (i, points) in series.values().enumerate() {
        let xy: Vec<(f64, f64)> = points
            .iter()
            .filter_map(|t| value(t).map(|v| (local_days(r, t.started_unix_secs), v)))
            .collect();
        f.polyline(out, &xy, colour(i), false);
        for &(x, y) in &xy {
            f.dot(out, x, y, 4.0, colour(i));
        }
    }
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

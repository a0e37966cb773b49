//! The History screen's "Programme": per exercise, its sets × reps now and its changes in
//! the last 4 weeks (▲ step up, ▼ back-off, ◆ missed week, ● / ○ the user's own numbers,
//! painted: egui's fonts have no such glyphs), in lines large enough to read from 2-3 m. The lines come from the programme's
//! [`timeline`](crate::programme::timeline); [`programme_lines`] is pure, and the screen
//! keeps its result until the history or the day changes.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use egui::{Color32, RichText};

use crate::app::CoachApp;
use crate::app::draw::{ACCENT, DIM, FAULT, GOOD, TEXT};
use crate::exercise::ExerciseLibrary;
use crate::history::History;
use crate::i18n::{Arg, Lang, tr, tr_args};
use crate::programme::{
    BackOffCause, ChangeKind, HistoryFacts, ProgrammeRules, TimelineEvent, timeline,
};
use crate::progress::{date_of_day, short_date};

/// Days of changes shown (today included).
pub const RECENT_DAYS: i64 = 28;
/// An exercise's main line ("Knee raise: now 2 × 8"), points.
const MAIN_TEXT_SIZE: f32 = 30.0;
/// A change's line, points.
const CHANGE_TEXT_SIZE: f32 = 26.0;
/// The user's own numbers.
const CHOICE: Color32 = Color32::from_rgb(190, 130, 255);
/// A back-off after a pain stop (brighter than the pain red, on the dark background).
const PAIN_STOP: Color32 = Color32::from_rgb(255, 60, 60);
/// A mark's side, points.
const MARK_SIZE: f32 = 24.0;
/// The small chart of the last 4 weeks, points.
const CHART_SIZE: egui::Vec2 = egui::vec2(300.0, 120.0);
/// The chart's reps per set always span at least these.
const CHART_MIN_REPS: u32 = 5;
const CHART_MAX_REPS: u32 = 10;
/// The chart's lines at the fewest and the most reps.
const CHART_GRID: Color32 = Color32::from_gray(90);
/// The chart's "5" and "10", points.
const CHART_LABEL_SIZE: f32 = 20.0;

/// One exercise's part.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgrammeLines {
    /// "Standing knee raise: now 2 × 8".
    pub now: String,
    /// The changes in the last [`RECENT_DAYS`] days, newest first.
    pub changes: Vec<ChangeLine>,
    /// The plan's reps per set from a day on (days since the first of the
    /// [`RECENT_DAYS`]), oldest first: the small chart's steps.
    pub steps: Vec<(i64, u32)>,
    /// Each change's day (as in `steps`), reps per set after it, mark and colour.
    pub marks: Vec<(i64, u32, Mark, Color32)>,
}

/// A change's mark, painted before its line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// ▲ a step up.
    Up,
    /// ▼ a back-off.
    Down,
    /// ◆ a missed week.
    Diamond,
    /// ● the user's own numbers.
    Dot,
    /// ○ back on the programme's.
    Ring,
}

/// One change, in words.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangeLine {
    /// Its mark.
    pub mark: Mark,
    /// The glyph's colour.
    pub colour: Color32,
    /// "12 Mar: up to 2 × 7".
    pub text: String,
}

/// The lines of every exercise done (or chosen) by `today`, in the library's order, in
/// `lang`.
pub fn programme_lines(
    library: &ExerciseLibrary,
    rules: &ProgrammeRules,
    facts: &HistoryFacts,
    today: i64,
    lang: Lang,
) -> Vec<ProgrammeLines> {
    let from = today - RECENT_DAYS + 1;
    let t = timeline(library, rules, facts, from, today);
    library
        .exercises()
        .iter()
        .filter_map(|x| {
            let e = t.exercise(&x.id)?;
            let (sets, reps) = e.on(today)?;
            Some(ProgrammeLines {
                now: tr_args(
                    lang,
                    "history-programme-now",
                    &[
                        ("name", x.name_in(lang).into()),
                        ("sets", sets.into()),
                        ("reps", reps.into()),
                    ],
                ),
                changes: e
                    .events
                    .iter()
                    .rev()
                    .map(|v| change_line(v, lang))
                    .collect(),
                steps: e.points.iter().map(|p| (p.day - from, p.reps)).collect(),
                marks: e
                    .events
                    .iter()
                    .map(|v| {
                        let c = change_line(v, lang);
                        (v.day - from, v.reps, c.mark, c.colour)
                    })
                    .collect(),
            })
        })
        .collect()
}

fn change_line(v: &TimelineEvent, lang: Lang) -> ChangeLine {
    let (mark, colour, key) = match v.change {
        ChangeKind::StepUp => (Mark::Up, GOOD, "history-programme-step-up"),
        ChangeKind::BackOff {
            cause: BackOffCause::PainStop,
        } => (Mark::Down, PAIN_STOP, "history-programme-back-off-stop"),
        ChangeKind::BackOff {
            cause: BackOffCause::PainReport,
        } => (Mark::Down, FAULT, "history-programme-back-off-report"),
        ChangeKind::MissedWeek => (Mark::Diamond, DIM, "history-programme-missed-week"),
        ChangeKind::Override { .. } => (Mark::Dot, CHOICE, "history-programme-override"),
        ChangeKind::OverrideCleared => (Mark::Ring, CHOICE, "history-programme-override-cleared"),
    };
    let args: [(&str, Arg); 3] = [
        ("date", short_date(lang, &date_of_day(v.day)).into()),
        ("sets", v.sets.into()),
        ("reps", v.reps.into()),
    ];
    ChangeLine {
        mark,
        colour,
        text: tr_args(lang, key, &args),
    }
}

/// The programme part of the History screen. `sessions` and `pain_reports` are the
/// history's counts, so the lines are worked out again only when they (or the day, the
/// language or the user's choices) change.
pub(super) fn programme_ui(
    app: &CoachApp,
    ui: &mut egui::Ui,
    history: &History,
    sessions: usize,
    pain_reports: usize,
) {
    let lang = app.lang();
    let today = app.local_day(app.unix_now());
    let overrides = history.exercise_overrides().unwrap_or_default();
    let mut hasher = std::hash::DefaultHasher::new();
    (sessions, pain_reports, today, lang.code()).hash(&mut hasher);
    for (id, o) in &overrides {
        (id, o.sets, o.reps).hash(&mut hasher);
    }
    let key = hasher.finish();
    let id = egui::Id::unique("history_programme_lines");
    let cached: Option<(u64, Arc<Worked>)> = ui.ctx().data(|d| d.get_temp(id));
    let lines = match cached {
        Some((k, lines)) if k == key => lines,
        _ => {
            let lines = Arc::new(work_out(app, history, today, lang));
            ui.ctx()
                .data_mut(|d| d.insert_temp(id, (key, Arc::clone(&lines))));
            lines
        }
    };
    ui.add_space(12.0);
    ui.label(
        RichText::new(tr(lang, "history-programme"))
            .size(MAIN_TEXT_SIZE + 4.0)
            .color(ACCENT)
            .strong(),
    );
    let lines = match lines.as_ref() {
        Ok(lines) => lines,
        Err(e) => {
            ui.label(RichText::new(e).size(CHANGE_TEXT_SIZE).color(FAULT));
            return;
        }
    };
    if lines.is_empty() {
        ui.label(RichText::new(tr(lang, "history-programme-none")).size(CHANGE_TEXT_SIZE));
    }
    for e in lines {
        ui.add_space(6.0);
        ui.label(
            RichText::new(&e.now)
                .size(MAIN_TEXT_SIZE)
                .color(TEXT)
                .strong(),
        );
        ui.horizontal_top(|ui| {
            ui.add_space(24.0);
            chart_ui(ui, e);
            ui.add_space(16.0);
            ui.vertical(|ui| {
                if e.changes.is_empty() {
                    ui.label(
                        RichText::new(tr(lang, "history-programme-no-changes"))
                            .size(CHANGE_TEXT_SIZE)
                            .color(DIM),
                    );
                }
                for c in &e.changes {
                    ui.horizontal(|ui| {
                        mark_ui(ui, c.mark, c.colour);
                        ui.label(RichText::new(&c.text).size(CHANGE_TEXT_SIZE).color(TEXT));
                    });
                }
            });
        });
    }
    ui.add_space(12.0);
}

/// The lines, or why they could not be worked out.
type Worked = Result<Vec<ProgrammeLines>, String>;

/// Reads the facts and the rules and works the lines out; an error in words.
fn work_out(app: &CoachApp, history: &History, today: i64, lang: Lang) -> Worked {
    let library =
        ExerciseLibrary::from_exercises(app.library.clone()).map_err(|e| e.to_string())?;
    let rules = ProgrammeRules::load_default().map_err(|e| e.to_string())?;
    let facts = HistoryFacts::read(history, app.utc_offset_secs).map_err(|e| e.to_string())?;
    Ok(programme_lines(&library, &rules, &facts, today, lang))
}

/// Paints the small chart of the last [`RECENT_DAYS`] days: the reps per set as steps
/// between faint lines at the fewest and the most reps, a mark at each change.
fn chart_ui(ui: &mut egui::Ui, e: &ProgrammeLines) {
    use egui::{Align2, FontId, Stroke, pos2};
    let (rect, _) = ui.allocate_exact_size(CHART_SIZE, egui::Sense::hover());
    let painter = ui.painter_at(rect.expand(MARK_SIZE / 2.0));
    let plot = rect.shrink2(egui::vec2(MARK_SIZE, MARK_SIZE / 2.0));
    let (lo, hi) = e
        .steps
        .iter()
        .fold((CHART_MIN_REPS, CHART_MAX_REPS), |(lo, hi), (_, r)| {
            (lo.min(*r), hi.max(*r))
        });
    let x = |day: i64| plot.left() + plot.width() * (day as f32 / RECENT_DAYS as f32);
    let y =
        |reps: u32| plot.bottom() - plot.height() * ((reps - lo) as f32 / (hi - lo).max(1) as f32);
    for reps in [lo, hi] {
        painter.hline(plot.x_range(), y(reps), Stroke::new(1.0, CHART_GRID));
        painter.text(
            pos2(rect.left(), y(reps)),
            Align2::LEFT_CENTER,
            reps.to_string(),
            FontId::proportional(CHART_LABEL_SIZE),
            DIM,
        );
    }
    let mut line = Vec::new();
    for (i, (day, reps)) in e.steps.iter().enumerate() {
        let end = e.steps.get(i + 1).map_or(RECENT_DAYS, |(d, _)| *d);
        line.push(pos2(x(*day), y(*reps)));
        line.push(pos2(x(end), y(*reps)));
    }
    painter.line(line, Stroke::new(3.0, TEXT));
    for (day, reps, mark, colour) in &e.marks {
        let centre = pos2(x(*day), y(*reps) - MARK_SIZE / 2.0);
        paint_mark(
            &painter,
            egui::Rect::from_center_size(centre, egui::Vec2::splat(MARK_SIZE * 0.8)),
            *mark,
            *colour,
        );
    }
}

/// Paints a change's mark in a square as high as the text.
fn mark_ui(ui: &mut egui::Ui, mark: Mark, colour: Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(MARK_SIZE, MARK_SIZE), egui::Sense::hover());
    paint_mark(ui.painter(), rect.shrink(2.0), mark, colour);
}

/// Paints a mark filling `r`.
fn paint_mark(painter: &egui::Painter, r: egui::Rect, mark: Mark, colour: Color32) {
    use egui::{Pos2, Shape, Stroke, pos2};
    let c = r.center();
    let polygon = |points: Vec<Pos2>| Shape::convex_polygon(points, colour, Stroke::NONE);
    match mark {
        Mark::Up => {
            painter.add(polygon(vec![
                pos2(c.x, r.top()),
                pos2(r.right(), r.bottom()),
                pos2(r.left(), r.bottom()),
            ]));
        }
        Mark::Down => {
            painter.add(polygon(vec![
                pos2(r.left(), r.top()),
                pos2(r.right(), r.top()),
                pos2(c.x, r.bottom()),
            ]));
        }
        Mark::Diamond => {
            painter.add(polygon(vec![
                pos2(c.x, r.top()),
                pos2(r.right(), c.y),
                pos2(c.x, r.bottom()),
                pos2(r.left(), c.y),
            ]));
        }
        Mark::Dot => {
            painter.circle_filled(c, r.width() / 2.0, colour);
        }
        Mark::Ring => {
            painter.circle_stroke(c, r.width() / 2.0 - 1.5, Stroke::new(3.0, colour));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::programme::{ExerciseSessionFact, PainFact};

    /// Knee raise done cleanly on days 0-3 (1970-01-01 to 04: up to 2 × 7), stopped for pain
    /// on day 4.
    fn facts() -> HistoryFacts {
        let mut facts = HistoryFacts::default();
        for (day, reps) in [(0, 5), (1, 5), (2, 6), (3, 6), (4, 7)] {
            facts.exercise_sessions.push(ExerciseSessionFact {
                day,
                session_id: day,
                exercise_id: "knee-raise".into(),
                planned_sets: 2,
                planned_reps: reps,
                counted_reps: 2 * reps,
                faulted_reps: 0,
            });
            facts.session_days.push(day);
        }
        facts.pain.push(PainFact {
            day: 4,
            intensity: Some(6),
            session_id: Some(4),
            exercise_id: Some("knee-raise".into()),
        });
        facts
    }

    #[test]
    fn lines_say_the_numbers_now_and_the_changes_newest_first() {
        let library = ExerciseLibrary::embedded().unwrap();
        let rules = ProgrammeRules::embedded().unwrap();
        let lines = programme_lines(&library, &rules, &facts(), 6, Lang::En);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].now, "Standing knee raise: now 2 × 5");
        let changes: Vec<(&str, Mark)> = lines[0]
            .changes
            .iter()
            .map(|c| (c.text.as_str(), c.mark))
            .collect();
        assert_eq!(
            changes,
            vec![
                ("6 Jan: down to 2 × 5 after a pain stop", Mark::Down),
                ("5 Jan: up to 2 × 7", Mark::Up),
                ("3 Jan: up to 2 × 6", Mark::Up),
            ]
        );
        // The chart: from the first session (day 0 is the 22nd of the 28 days shown).
        assert_eq!(lines[0].steps, vec![(21, 5), (23, 6), (25, 7), (26, 5)]);
        let marks: Vec<(i64, u32, Mark)> = lines[0].marks.iter().map(|m| (m.0, m.1, m.2)).collect();
        assert_eq!(
            marks,
            vec![(23, 6, Mark::Up), (25, 7, Mark::Up), (26, 5, Mark::Down)]
        );
        let danish = programme_lines(&library, &rules, &facts(), 6, Lang::Da);
        assert_eq!(danish[0].now, "Stående knæløft: nu 2 × 5");
        assert_eq!(
            danish[0].changes[0].text,
            "6. jan.: ned til 2 × 5 efter et smertestop"
        );
        // Older changes than 4 weeks are left out; the numbers stay.
        let later = programme_lines(&library, &rules, &facts(), 40, Lang::En);
        assert!(later[0].changes.is_empty());
        assert!(
            programme_lines(&library, &rules, &HistoryFacts::default(), 6, Lang::En).is_empty()
        );
    }
}

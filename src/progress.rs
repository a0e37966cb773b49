//! The progress report for a physiotherapist: figures computed from a [`History`], as
//! JSON (`backcoach report --format json`) or as one self-contained HTML page with inline
//! SVG charts ([`render_html`]).
//!
//! Contract:
//! - Read only: building a report never writes to the history.
//! - Time is an input: [`ReportOptions::now_unix_secs`] and the UTC offset for local dates
//!   come from the caller; nothing here reads a clock.
//! - Days are local calendar days ([`crate::history::day_number`] with the caller's UTC
//!   offset), the same days as the app's streak and history chart.
//! - The 36-hour rule is [`crate::session::physician_advice_due`], evaluated at each pain
//!   report: an event is a report at which the advice becomes due.
//! - Reps are the counted reps (partial movements are listed apart). Tempo is seconds per
//!   counted rep (`end_secs - start_secs`); "too fast" is the share of counted reps with the
//!   `too_fast` fault.
//! - The programme ([`ProgressReport::programme`], [`programme_figures`]) is the
//!   programme's own timeline ([`crate::programme::timeline`]) over the period: the same
//!   numbers and reasons as `backcoach plan`; its exercise names and reasons are in
//!   [`ReportOptions::lang`].
//! - The HTML page loads nothing: no scripts, no images, no fonts, no links to fetch; it is
//!   well-formed XML (XHTML syntax) and prints on A4.

mod figures;
mod html;
mod programme;
mod svg;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::exercise::ExerciseLibrary;
use crate::history::{
    History, HistoryError, PainReport, SessionStatus, SessionSummary, StoredRep, day_number,
};
use crate::i18n::Lang;
use crate::programme::{HistoryFacts, ProgrammeRules};
use crate::session::physician_advice_due;

pub use figures::{
    Adherence, DayActivity, ExerciseFigures, PainDiary, PainEntry, PainStop, ProgressReport,
    SameIntensityEvent, TempoPoint,
};
pub use html::{render_html, render_html_in};
pub use programme::{
    ProgrammeEvent, ProgrammeExercise, ProgrammePoint, programme_figures, short_date,
};

/// Fault code of a rep done faster than the exercise's minimum phase time.
pub const TOO_FAST: &str = "too_fast";

/// Seconds in a day.
const SECS_PER_DAY: i64 = 86_400;

/// Failures of building or saving a report.
#[derive(Debug, thiserror::Error)]
pub enum ProgressError {
    /// The history could not be read.
    #[error(transparent)]
    History(#[from] HistoryError),
    /// `--since` must cover at least one day.
    #[error("the report period must be at least 1 day (got {0})")]
    EmptyPeriod(u32),
    /// The report file could not be written.
    #[error(
        "cannot write the report {path}: {source}. Nothing else was changed; choose another place with --out FILE"
    )]
    Write {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The exercises (for the programme's names and categories) could not be loaded.
    #[error("cannot load the exercises for the programme: {0}")]
    Exercises(#[from] crate::exercise::ExerciseError),
    /// The programme's rules could not be loaded.
    #[error(transparent)]
    Programme(#[from] crate::programme::ProgrammeError),
    /// The JSON form could not be produced.
    #[error("cannot write the report as JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// What to report on, and when "now" is.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ReportOptions {
    /// The time the report is made, seconds since the Unix epoch.
    pub now_unix_secs: f64,
    /// Local time minus UTC, seconds (for dates and days).
    pub utc_offset_secs: i64,
    /// Only the last this many local days, today included; `None` = the whole history.
    pub since_days: Option<u32>,
    /// The language of the HTML page (English by default) and of the programme's exercise
    /// names and reasons in the JSON; the figures are the same in every language.
    pub lang: Lang,
}

/// Builds the report from the history, with the programme of the exercises in the
/// default library ([`ExerciseLibrary::load_default`]) by the default rules
/// ([`ProgrammeRules::load_default`]), as `backcoach plan` uses them; exercise names in
/// [`ReportOptions::lang`].
pub fn build_report(
    history: &History,
    options: &ReportOptions,
) -> Result<ProgressReport, ProgressError> {
    let sessions = history.sessions()?;
    let reps = history.reps(None)?;
    let pain = history.pain_reports()?;
    let mut report = compute(&sessions, &reps, &pain, options)?;
    let today = day_number(options.now_unix_secs, options.utc_offset_secs);
    if let Some(from_day) = first_day(&sessions, &pain, options, today) {
        let library = ExerciseLibrary::load_default()?;
        let rules = ProgrammeRules::load_default()?;
        let facts = HistoryFacts::read(history, options.utc_offset_secs)?;
        report.programme =
            programme_figures(&library, &rules, &facts, from_day, today, options.lang);
    }
    Ok(report)
}

/// The period's first local day: `since_days` before today, or the first session or
/// pain report (`None` without either).
fn first_day(
    sessions: &[SessionSummary],
    pain: &[PainReport],
    options: &ReportOptions,
    today: i64,
) -> Option<i64> {
    let day = |t: f64| day_number(t, options.utc_offset_secs);
    match options.since_days {
        Some(d) => Some(today - i64::from(d) + 1),
        None => sessions
            .iter()
            .map(|s| day(s.started_unix_secs))
            .chain(pain.iter().map(|p| day(p.reported_unix_secs)))
            .min()
            .map(|d| d.min(today)),
    }
}

/// Builds the report and writes it as HTML in [`ReportOptions::lang`] to `path`.
pub fn write_html_report(
    history: &History,
    options: &ReportOptions,
    path: &Path,
) -> Result<ProgressReport, ProgressError> {
    let report = build_report(history, options)?;
    std::fs::write(path, render_html_in(&report, options.lang)).map_err(|source| {
        ProgressError::Write {
            path: path.to_owned(),
            source,
        }
    })?;
    Ok(report)
}

/// Computes the figures from the stored rows (all of them; the period is chosen here).
pub fn compute(
    sessions: &[SessionSummary],
    reps: &[StoredRep],
    pain: &[PainReport],
    options: &ReportOptions,
) -> Result<ProgressReport, ProgressError> {
    if let Some(0) = options.since_days {
        return Err(ProgressError::EmptyPeriod(0));
    }
    let offset = options.utc_offset_secs;
    let now = options.now_unix_secs;
    let today = day_number(now, offset);
    let first_day = first_day(sessions, pain, options, today);
    let from_unix = first_day.map(|d| (d * SECS_PER_DAY - offset) as f64);
    let in_period = |t: f64| from_unix.is_some_and(|from| t >= from) && t <= now;

    let sessions: Vec<&SessionSummary> = sessions
        .iter()
        .filter(|s| in_period(s.started_unix_secs))
        .collect();
    let session_ids: BTreeSet<i64> = sessions.iter().map(|s| s.id).collect();
    let reps: Vec<&StoredRep> = reps
        .iter()
        .filter(|r| session_ids.contains(&r.session_id))
        .collect();

    let adherence = adherence(&sessions, first_day, today, offset);
    let exercises = exercise_figures(&reps);
    let tempo = tempo_points(&sessions, &reps, offset);
    let diary = pain_diary(pain, &in_period, now, offset);
    let pain_stops = pain_stops(&sessions, &reps, pain, offset);

    Ok(ProgressReport {
        generated_unix_secs: now,
        generated_local: local_time(now, offset),
        utc_offset_secs: offset,
        since_days: options.since_days,
        first_date: first_day.map(date_of_day),
        last_date: date_of_day(today),
        adherence,
        exercises,
        tempo,
        pain: diary,
        pain_stops,
        programme: Vec::new(),
    })
}

fn adherence(
    sessions: &[&SessionSummary],
    first_day: Option<i64>,
    today: i64,
    offset: i64,
) -> Adherence {
    let mut per_day: BTreeMap<i64, (u32, u32)> = BTreeMap::new();
    let mut out = Adherence::default();
    for s in sessions {
        let entry = per_day
            .entry(day_number(s.started_unix_secs, offset))
            .or_default();
        entry.0 += 1;
        entry.1 += s.reps;
        out.sessions += 1;
        out.reps += s.reps;
        match s.status {
            SessionStatus::Completed => out.sessions_completed += 1,
            SessionStatus::StoppedForPain => out.sessions_stopped_for_pain += 1,
            SessionStatus::EndedEarly => out.sessions_ended_early += 1,
            SessionStatus::InProgress | SessionStatus::Interrupted => out.sessions_interrupted += 1,
        }
    }
    out.days_in_period = first_day.map_or(0, |d| (today - d + 1).max(0) as u32);
    out.days_exercised = per_day.len() as u32;
    let days: Vec<i64> = per_day.keys().copied().collect();
    out.current_streak_days = crate::history::daily_streak(&days, today);
    out.longest_streak_days = longest_run(&days);
    out.days = per_day
        .into_iter()
        .map(|(day, (sessions, reps))| DayActivity {
            date: date_of_day(day),
            day,
            sessions,
            reps,
        })
        .collect();
    out
}

/// Longest run of consecutive day numbers in a sorted, duplicate-free list.
fn longest_run(days: &[i64]) -> u32 {
    let mut best = 0;
    let mut run = 0;
    let mut prev: Option<i64> = None;
    for &d in days {
        run = if prev == Some(d - 1) { run + 1 } else { 1 };
        best = best.max(run);
        prev = Some(d);
    }
    best
}

/// Tempo and fault shares of a group of reps.
#[derive(Default)]
struct RepStats {
    counted: u32,
    good: u32,
    partial: u32,
    too_fast: u32,
    faulty: u32,
    secs_sum: f64,
    form_sum: f64,
    form_reps: u32,
}

impl RepStats {
    fn add(&mut self, rep: &StoredRep) {
        if rep.rep.partial {
            self.partial += 1;
            return;
        }
        self.counted += 1;
        self.secs_sum += rep.rep.end_secs - rep.rep.start_secs;
        if rep.rep.faults.is_empty() {
            self.good += 1;
        } else {
            self.faulty += 1;
        }
        if rep.rep.faults.iter().any(|f| f == TOO_FAST) {
            self.too_fast += 1;
        }
        if let Some(score) = rep.rep.form_score {
            self.form_sum += score;
            self.form_reps += 1;
        }
    }

    fn mean_form_score(&self) -> Option<f64> {
        (self.form_reps > 0).then(|| self.form_sum / f64::from(self.form_reps))
    }

    fn share(&self, n: u32) -> Option<f64> {
        (self.counted > 0).then(|| f64::from(n) / f64::from(self.counted))
    }

    fn mean_secs(&self) -> Option<f64> {
        (self.counted > 0).then(|| self.secs_sum / f64::from(self.counted))
    }
}

fn exercise_figures(reps: &[&StoredRep]) -> Vec<ExerciseFigures> {
    struct Acc {
        stats: RepStats,
        sessions: BTreeSet<i64>,
        sets: BTreeSet<i64>,
        faults: BTreeMap<String, u32>,
    }
    let mut by_exercise: BTreeMap<&str, Acc> = BTreeMap::new();
    for r in reps {
        let acc = by_exercise
            .entry(r.exercise_id.as_str())
            .or_insert_with(|| Acc {
                stats: RepStats::default(),
                sessions: BTreeSet::new(),
                sets: BTreeSet::new(),
                faults: BTreeMap::new(),
            });
        acc.stats.add(r);
        acc.sessions.insert(r.session_id);
        acc.sets.insert(r.set_id);
        if !r.rep.partial {
            let unique: BTreeSet<&String> = r.rep.faults.iter().collect();
            for f in unique {
                *acc.faults.entry(f.clone()).or_default() += 1;
            }
        }
    }
    by_exercise
        .into_iter()
        .map(|(id, acc)| ExerciseFigures {
            exercise_id: id.to_owned(),
            sessions: acc.sessions.len() as u32,
            sets: acc.sets.len() as u32,
            reps: acc.stats.counted,
            good_reps: acc.stats.good,
            partial_reps: acc.stats.partial,
            mean_rep_secs: acc.stats.mean_secs(),
            too_fast_share: acc.stats.share(acc.stats.too_fast),
            faults: acc.faults,
        })
        .collect()
}

fn tempo_points(sessions: &[&SessionSummary], reps: &[&StoredRep], offset: i64) -> Vec<TempoPoint> {
    let mut out = Vec::new();
    for s in sessions {
        let mut by_exercise: BTreeMap<&str, RepStats> = BTreeMap::new();
        for r in reps.iter().filter(|r| r.session_id == s.id) {
            by_exercise
                .entry(r.exercise_id.as_str())
                .or_default()
                .add(r);
        }
        for (id, stats) in by_exercise {
            if stats.counted == 0 {
                continue;
            }
            out.push(TempoPoint {
                session_id: s.id,
                exercise_id: id.to_owned(),
                started_unix_secs: s.started_unix_secs,
                date: date_of_day(day_number(s.started_unix_secs, offset)),
                reps: stats.counted,
                mean_rep_secs: stats.mean_secs(),
                too_fast_share: stats.share(stats.too_fast),
                fault_share: stats.share(stats.faulty),
                mean_form_score: stats.mean_form_score(),
            });
        }
    }
    out
}

fn pain_diary(
    pain: &[PainReport],
    in_period: &dyn Fn(f64) -> bool,
    now: f64,
    offset: i64,
) -> PainDiary {
    let mut sorted: Vec<&PainReport> = pain
        .iter()
        .filter(|p| p.reported_unix_secs <= now)
        .collect();
    sorted.sort_by(|a, b| a.reported_unix_secs.total_cmp(&b.reported_unix_secs));
    let all: Vec<PainReport> = sorted.iter().map(|p| (*p).clone()).collect();

    // The rule is evaluated at each report; it can only change there.
    let mut events = Vec::new();
    let mut due_before = false;
    for (i, p) in all.iter().enumerate() {
        let due = physician_advice_due(&all[..=i], p.reported_unix_secs);
        if due
            && !due_before
            && in_period(p.reported_unix_secs)
            && let Some(event) = same_intensity_event(&all[..=i], offset)
        {
            events.push(event);
        }
        due_before = due;
    }

    let reports: Vec<PainEntry> = all
        .iter()
        .filter(|p| in_period(p.reported_unix_secs))
        .map(|p| PainEntry {
            reported_unix_secs: p.reported_unix_secs,
            local_time: local_time(p.reported_unix_secs, offset),
            intensity: p.intensity,
            location: p.location.clone(),
            session_id: p.session_id,
            exercise_id: p.exercise_id.clone(),
        })
        .collect();
    PainDiary {
        max_intensity: reports.iter().filter_map(|p| p.intensity).max(),
        latest_intensity: all.iter().rev().find_map(|p| p.intensity),
        advice_due_now: physician_advice_due(&all, now),
        reports,
        same_intensity_events: events,
    }
}

/// Describes the unchanged run ending at the last rated report of `reports` (oldest
/// first), for display: the rule itself is [`physician_advice_due`].
fn same_intensity_event(reports: &[PainReport], offset: i64) -> Option<SameIntensityEvent> {
    let rated: Vec<(f64, u8)> = reports
        .iter()
        .filter_map(|r| r.intensity.map(|i| (r.reported_unix_secs, i)))
        .collect();
    let &(last_t, intensity) = rated.last()?;
    let since = rated
        .iter()
        .rev()
        .take_while(|(_, i)| *i == intensity)
        .last()
        .map_or(last_t, |(t, _)| *t);
    Some(SameIntensityEvent {
        reported_unix_secs: last_t,
        local_time: local_time(last_t, offset),
        intensity,
        since_unix_secs: since,
        hours: (last_t - since) / 3600.0,
    })
}

fn pain_stops(
    sessions: &[&SessionSummary],
    reps: &[&StoredRep],
    pain: &[PainReport],
    offset: i64,
) -> Vec<PainStop> {
    let mut out = Vec::new();
    for s in sessions {
        // Each pain report written during a session is one stop; a session stopped for
        // pain without one (the app closed before the report was saved) is one too.
        let mut stops: Vec<(f64, Option<&PainReport>)> = pain
            .iter()
            .filter(|p| p.session_id == Some(s.id))
            .map(|p| (p.reported_unix_secs, Some(p)))
            .collect();
        if stops.is_empty() && s.status == SessionStatus::StoppedForPain {
            stops.push((s.ended_unix_secs.unwrap_or(s.started_unix_secs), None));
        }
        for (t, report) in stops {
            let before: Vec<&&StoredRep> = reps
                .iter()
                .filter(|r| r.session_id == s.id && r.recorded_unix_secs <= t)
                .collect();
            let exercise_id = report
                .and_then(|p| p.exercise_id.clone())
                .or_else(|| before.last().map(|r| r.exercise_id.clone()));
            let sets: BTreeSet<i64> = before
                .iter()
                .filter(|r| Some(&r.exercise_id) == exercise_id.as_ref())
                .map(|r| r.set_id)
                .collect();
            out.push(PainStop {
                unix_secs: t,
                local_time: local_time(t, offset),
                session_id: s.id,
                exercise_id,
                sets_of_exercise: sets.len() as u32,
                reps_before: before.iter().filter(|r| !r.rep.partial).count() as u32,
                intensity: report.and_then(|p| p.intensity),
                location: report.map(|p| p.location.clone()).unwrap_or_default(),
            });
        }
    }
    out.sort_by(|a, b| a.unix_secs.total_cmp(&b.unix_secs));
    out
}

/// `YYYY-MM-DD` of a day number (local days since 1970-01-01).
pub fn date_of_day(day: i64) -> String {
    chrono::DateTime::from_timestamp(day.saturating_mul(SECS_PER_DAY), 0)
        .map(|t| t.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|| format!("day {day}"))
}

/// Local `YYYY-MM-DD HH:MM` of a wall-clock time.
pub fn local_time(unix_secs: f64, utc_offset_secs: i64) -> String {
    let shifted = unix_secs.floor() as i64 + utc_offset_secs;
    chrono::DateTime::from_timestamp(shifted, 0)
        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|| format!("{unix_secs:.0}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_run_of_days() {
        assert_eq!(longest_run(&[]), 0);
        assert_eq!(longest_run(&[3]), 1);
        assert_eq!(longest_run(&[1, 2, 3, 5, 6]), 3);
        assert_eq!(longest_run(&[1, 3, 5]), 1);
    }

    #[test]
    fn dates_and_local_times() {
        assert_eq!(date_of_day(0), "1970-01-01");
        assert_eq!(date_of_day(20_454), "2026-01-01");
        assert_eq!(local_time(0.0, 0), "1970-01-01 00:00");
        assert_eq!(local_time(0.0, 3600), "1970-01-01 01:00");
        assert_eq!(local_time(119.9, -60), "1970-01-01 00:00");
        assert_eq!(local_time(59.9, -60), "1969-12-31 23:59");
    }

    #[test]
    fn zero_day_period_is_refused() {
        let options = ReportOptions {
            now_unix_secs: 0.0,
            utc_offset_secs: 0,
            since_days: Some(0),
            ..ReportOptions::default()
        };
        assert!(matches!(
            compute(&[], &[], &[], &options),
            Err(ProgressError::EmptyPeriod(0))
        ));
    }

    #[test]
    fn empty_history_gives_an_empty_report() {
        let options = ReportOptions {
            now_unix_secs: 1_000_000.0,
            utc_offset_secs: 0,
            since_days: None,
            ..ReportOptions::default()
        };
        let report = compute(&[], &[], &[], &options).unwrap();
        assert_eq!(report.first_date, None);
        assert_eq!(report.adherence, Adherence::default());
        assert!(report.exercises.is_empty());
        assert!(!report.pain.advice_due_now);
    }
}

//! The report's figures: plain data, serialised as the `--format json` document.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The report's figures. Every field is in the JSON form; the HTML shows them all.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgressReport {
    /// When the report was made, seconds since the Unix epoch.
    pub generated_unix_secs: f64,
    /// The same, local `YYYY-MM-DD HH:MM`.
    pub generated_local: String,
    /// Local time minus UTC, seconds, used for every date here.
    pub utc_offset_secs: i64,
    /// The period asked for (`--since DAYS`), `None` for the whole history.
    pub since_days: Option<u32>,
    /// First local day covered (`YYYY-MM-DD`), `None` when the history is empty.
    pub first_date: Option<String>,
    /// Last local day covered: the day of `generated_unix_secs`.
    pub last_date: String,
    /// Days exercised, sessions, streaks.
    pub adherence: Adherence,
    /// One row per exercise done in the period, by exercise id.
    pub exercises: Vec<ExerciseFigures>,
    /// Tempo and faults per session and exercise, oldest first.
    pub tempo: Vec<TempoPoint>,
    /// The pain diary and the 36-hour rule.
    pub pain: PainDiary,
    /// Every pain stop, oldest first.
    pub pain_stops: Vec<PainStop>,
    /// Per exercise done (or chosen), the programme's sets × reps over the period and
    /// what changed them; names in the report's language. Empty from [`super::compute`]
    /// alone: [`super::build_report`] adds it.
    #[serde(default)]
    pub programme: Vec<super::ProgrammeExercise>,
}

/// Days exercised, sessions and streaks in the period.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Adherence {
    /// Local days in the period (today included).
    pub days_in_period: u32,
    /// Days with at least one session.
    pub days_exercised: u32,
    /// Sessions started.
    pub sessions: u32,
    /// Sessions with every planned set done.
    pub sessions_completed: u32,
    /// Sessions stopped for pain.
    pub sessions_stopped_for_pain: u32,
    /// Sessions ended early without pain.
    pub sessions_ended_early: u32,
    /// Sessions never closed (the app was closed or crashed mid-session).
    pub sessions_interrupted: u32,
    /// Counted reps, all exercises.
    pub reps: u32,
    /// Consecutive exercised days ending today or yesterday
    /// ([`crate::history::daily_streak`]).
    pub current_streak_days: u32,
    /// Longest run of consecutive exercised days in the period.
    pub longest_streak_days: u32,
    /// Each exercised day, oldest first.
    pub days: Vec<DayActivity>,
}

/// One exercised day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DayActivity {
    /// Local date, `YYYY-MM-DD`.
    pub date: String,
    /// Day number (local days since 1970-01-01).
    pub day: i64,
    /// Sessions started that day.
    pub sessions: u32,
    /// Counted reps that day.
    pub reps: u32,
}

/// Figures of one exercise over the period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExerciseFigures {
    /// Exercise id (`knee-bend`).
    pub exercise_id: String,
    /// Sessions with at least one rep of it.
    pub sessions: u32,
    /// Sets with at least one rep of it.
    pub sets: u32,
    /// Counted reps.
    pub reps: u32,
    /// Counted reps with no fault.
    pub good_reps: u32,
    /// Movements that did not reach the target (not counted).
    pub partial_reps: u32,
    /// Mean seconds per counted rep.
    pub mean_rep_secs: Option<f64>,
    /// Share (0..1) of counted reps that were too fast.
    pub too_fast_share: Option<f64>,
    /// Counted reps showing each fault code.
    pub faults: BTreeMap<String, u32>,
}

/// Tempo and faults of one exercise in one session.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TempoPoint {
    /// Session id.
    pub session_id: i64,
    /// Exercise id.
    pub exercise_id: String,
    /// Session start, seconds since the Unix epoch.
    pub started_unix_secs: f64,
    /// Local date of the session.
    pub date: String,
    /// Counted reps.
    pub reps: u32,
    /// Mean seconds per counted rep.
    pub mean_rep_secs: Option<f64>,
    /// Share (0..1) of counted reps that were too fast.
    pub too_fast_share: Option<f64>,
    /// Share (0..1) of counted reps with any fault.
    pub fault_share: Option<f64>,
    /// Mean form score (0-100) of the counted reps that have one (exercises with a form
    /// score); `None` when none has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mean_form_score: Option<f64>,
}

/// The pain diary in the period and the 36-hour rule.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PainDiary {
    /// Every report in the period, oldest first.
    pub reports: Vec<PainEntry>,
    /// Reports at which the 36-hour advice became due, oldest first.
    pub same_intensity_events: Vec<SameIntensityEvent>,
    /// Whether the 36-hour advice is due at the time of the report.
    pub advice_due_now: bool,
    /// The newest intensity given (any time, not only in the period).
    pub latest_intensity: Option<u8>,
    /// The highest intensity given in the period.
    pub max_intensity: Option<u8>,
}

/// One pain report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PainEntry {
    /// When, seconds since the Unix epoch.
    pub reported_unix_secs: f64,
    /// Local `YYYY-MM-DD HH:MM`.
    pub local_time: String,
    /// 0 (none) to 10 (worst), if given.
    pub intensity: Option<u8>,
    /// Where it hurts, in the user's words.
    pub location: String,
    /// The session during which it was reported (a pain stop), if any.
    pub session_id: Option<i64>,
    /// The exercise being done, if any.
    pub exercise_id: Option<String>,
}

/// The 36-hour advice became due at this report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SameIntensityEvent {
    /// The report's time, seconds since the Unix epoch.
    pub reported_unix_secs: f64,
    /// Local `YYYY-MM-DD HH:MM`.
    pub local_time: String,
    /// The unchanged intensity.
    pub intensity: u8,
    /// First report of the unchanged run, seconds since the Unix epoch.
    pub since_unix_secs: f64,
    /// Hours from the first report of the run to this one.
    pub hours: f64,
}

/// A session stopped for pain, and what was being done.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PainStop {
    /// When, seconds since the Unix epoch.
    pub unix_secs: f64,
    /// Local `YYYY-MM-DD HH:MM`.
    pub local_time: String,
    /// The session.
    pub session_id: i64,
    /// The exercise being done, if known.
    pub exercise_id: Option<String>,
    /// Sets of that exercise with reps in that session before the stop.
    pub sets_of_exercise: u32,
    /// Counted reps in that session before the stop (all exercises).
    pub reps_before: u32,
    /// The intensity given at the stop, if any.
    pub intensity: Option<u8>,
    /// Where it hurt, in the user's words.
    pub location: String,
}

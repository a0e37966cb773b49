//! The programme's rules as data: `exercises/programme/rules.toml`, embedded in the binary.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::ProgrammeError;
use crate::exercise::{Category, ExerciseLibrary};

/// The built-in rules file, embedded so the binary works from anywhere.
const EMBEDDED_RULES: &str = include_str!("../../exercises/programme/rules.toml");

/// Where the rules file lives inside an exercises folder.
pub const RULES_PATH_IN_EXERCISES: &str = "programme/rules.toml";

/// Name of the built-in rules file, for errors.
const EMBEDDED_RULES_NAME: &str = "exercises/programme/rules.toml";

/// Every number of the programme. Strict: unknown fields are errors; every field is
/// required (the file is the one place the numbers live).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeRules {
    /// Where every exercise starts.
    pub start: StartRules,
    /// When an exercise steps up.
    pub progression: ProgressionRules,
    /// When an exercise backs off for pain.
    pub back_off: BackOffRules,
    /// How the user's usual pain is found.
    pub usual_pain: UsualPainRules,
    /// What a missed week does.
    pub missed_week: MissedWeekRules,
    /// How the daily plan varies the categories.
    pub rotation: RotationRules,
}

/// `[start]`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StartRules {
    /// Sets of every exercise, 1..=10.
    pub sets: u32,
    /// Reps per set of a new exercise, `back_off.min_reps..=progression.max_reps`.
    pub reps: u32,
}

/// `[progression]`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgressionRules {
    /// Clean sessions in a row that earn a step up, >= 1.
    pub clean_sessions_to_step_up: u32,
    /// Reps per set added by a step up, >= 1.
    pub step_reps: u32,
    /// The most reps per set, 1..=50.
    pub max_reps: u32,
    /// A clean session has at most this many faulted reps ...
    pub max_faulted_reps: u32,
    /// ... in every this many counted reps, >= 1.
    pub faulted_reps_out_of: u32,
}

/// `[back_off]`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackOffRules {
    /// Pain points (0-10 scale) above the usual that back an exercise off, 1..=10.
    pub pain_above_usual_points: u8,
    /// Reps per set dropped by a back-off, >= 1.
    pub drop_reps: u32,
    /// Days after the pain's day without a step up.
    pub pause_days: u32,
    /// The fewest reps per set, >= 1.
    pub min_reps: u32,
}

/// `[usual_pain]`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UsualPainRules {
    /// Days before the day looked at whose reports count, >= 1.
    pub window_days: u32,
    /// Fewer reports than this in the window: the default, >= 1.
    pub min_reports: u32,
    /// The usual pain without enough reports, 0..=10.
    pub default_points: u8,
}

/// `[missed_week]`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MissedWeekRules {
    /// Days in a row without a session that make a missed week, >= 1.
    pub days_without_session: u32,
    /// Reps per set an exercise already started comes back lower.
    pub step_down_reps: u32,
}

/// `[rotation]`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RotationRules {
    /// Categories (one exercise each) in a day's plan, 1..=4.
    pub categories_per_day: u32,
    /// Every category once: the order ties are broken in.
    pub order: Vec<Category>,
    /// The promise checked at load: with daily sessions every category comes back within
    /// this many days.
    pub max_category_gap_days: u32,
}

impl ProgrammeRules {
    /// The rules compiled into the binary.
    pub fn embedded() -> Result<ProgrammeRules, ProgrammeError> {
        ProgrammeRules::parse(EMBEDDED_RULES, Path::new(EMBEDDED_RULES_NAME))
    }

    /// `programme/rules.toml` in [`ExerciseLibrary::builtin_dir`] when it exists (so the
    /// rules can be changed beside the installed exercises), else the embedded rules.
    pub fn load_default() -> Result<ProgrammeRules, ProgrammeError> {
        let path = ExerciseLibrary::builtin_dir().join(RULES_PATH_IN_EXERCISES);
        if path.is_file() {
            ProgrammeRules::load(&path)
        } else {
            ProgrammeRules::embedded()
        }
    }

    /// Reads and checks a rules file.
    pub fn load(path: &Path) -> Result<ProgrammeRules, ProgrammeError> {
        let text = std::fs::read_to_string(path).map_err(|source| ProgrammeError::Io {
            path: path.to_owned(),
            source,
        })?;
        ProgrammeRules::parse(&text, path)
    }

    /// Parses and checks a rules file's text; `path` is only used in errors.
    pub fn parse(text: &str, path: &Path) -> Result<ProgrammeRules, ProgrammeError> {
        let rules: ProgrammeRules = toml::from_str(text).map_err(|e| ProgrammeError::Parse {
            path: path.to_owned(),
            message: e.to_string().trim_end().to_owned(),
        })?;
        rules
            .validate()
            .map_err(|(field, message)| ProgrammeError::Invalid {
                path: path.to_owned(),
                field: field.to_owned(),
                message,
            })?;
        Ok(rules)
    }

    /// The days within which every category comes back when the plan is followed daily:
    /// the least recently done categories go first, so one is left out at most
    /// `ceil(categories / per_day) - 1` days in a row.
    pub fn category_gap_days(&self) -> u32 {
        let n = self.rotation.order.len() as u32;
        let k = self.rotation.categories_per_day.max(1);
        n.div_ceil(k)
    }

    fn validate(&self) -> Result<(), (&'static str, String)> {
        let at_least = |field: &'static str, v: u32, lo: u32| {
            if v < lo {
                Err((field, format!("expected >= {lo}, found {v}")))
            } else {
                Ok(())
            }
        };
        let (p, b) = (&self.progression, &self.back_off);
        if !(1..=10).contains(&self.start.sets) {
            return Err((
                "start.sets",
                format!("expected 1..=10, found {}", self.start.sets),
            ));
        }
        at_least("back_off.min_reps", b.min_reps, 1)?;
        if !(b.min_reps..=50).contains(&p.max_reps) {
            return Err((
                "progression.max_reps",
                format!(
                    "expected back_off.min_reps ({})..=50, found {}",
                    b.min_reps, p.max_reps
                ),
            ));
        }
        if !(b.min_reps..=p.max_reps).contains(&self.start.reps) {
            return Err((
                "start.reps",
                format!(
                    "expected {}..={} (back_off.min_reps..=progression.max_reps), found {}",
                    b.min_reps, p.max_reps, self.start.reps
                ),
            ));
        }
        at_least(
            "progression.clean_sessions_to_step_up",
            p.clean_sessions_to_step_up,
            1,
        )?;
        at_least("progression.step_reps", p.step_reps, 1)?;
        at_least("progression.faulted_reps_out_of", p.faulted_reps_out_of, 1)?;
        if p.max_faulted_reps > p.faulted_reps_out_of {
            return Err((
                "progression.max_faulted_reps",
                format!(
                    "expected at most faulted_reps_out_of ({}), found {}",
                    p.faulted_reps_out_of, p.max_faulted_reps
                ),
            ));
        }
        if !(1..=10).contains(&b.pain_above_usual_points) {
            return Err((
                "back_off.pain_above_usual_points",
                format!("expected 1..=10, found {}", b.pain_above_usual_points),
            ));
        }
        at_least("back_off.drop_reps", b.drop_reps, 1)?;
        at_least("usual_pain.window_days", self.usual_pain.window_days, 1)?;
        at_least("usual_pain.min_reports", self.usual_pain.min_reports, 1)?;
        if self.usual_pain.default_points > 10 {
            return Err((
                "usual_pain.default_points",
                format!("expected 0..=10, found {}", self.usual_pain.default_points),
            ));
        }
        at_least(
            "missed_week.days_without_session",
            self.missed_week.days_without_session,
            1,
        )?;
        let r = &self.rotation;
        let mut order = r.order.clone();
        order.sort();
        order.dedup();
        if order.len() != r.order.len() || order.len() != Category::ALL.len() {
            let names: Vec<&str> = Category::ALL.iter().map(|c| c.name()).collect();
            return Err((
                "rotation.order",
                format!(
                    "expected every category once ({}), found {:?}",
                    names.join(", "),
                    r.order.iter().map(|c| c.name()).collect::<Vec<_>>()
                ),
            ));
        }
        if !(1..=Category::ALL.len() as u32).contains(&r.categories_per_day) {
            return Err((
                "rotation.categories_per_day",
                format!(
                    "expected 1..={}, found {}",
                    Category::ALL.len(),
                    r.categories_per_day
                ),
            ));
        }
        if self.category_gap_days() > r.max_category_gap_days {
            return Err((
                "rotation.categories_per_day",
                format!(
                    "expected every category back within max_category_gap_days ({}), but {} a \
                     day brings one back only every {} days",
                    r.max_category_gap_days,
                    r.categories_per_day,
                    self.category_gap_days()
                ),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_rules_are_the_issues_numbers() {
        let r = ProgrammeRules::embedded().unwrap();
        assert_eq!((r.start.sets, r.start.reps), (2, 5));
        assert_eq!(r.progression.clean_sessions_to_step_up, 2);
        assert_eq!((r.progression.step_reps, r.progression.max_reps), (1, 10));
        assert_eq!(
            (
                r.progression.max_faulted_reps,
                r.progression.faulted_reps_out_of
            ),
            (1, 5)
        );
        assert_eq!(r.back_off.pain_above_usual_points, 2);
        assert_eq!((r.back_off.drop_reps, r.back_off.pause_days), (2, 3));
        assert_eq!(r.missed_week.days_without_session, 7);
        assert!(r.category_gap_days() <= 3);
    }

    #[test]
    fn bad_rules_name_the_field() {
        let cases = [
            ("max_reps = 10", "max_reps = 4", "progression.max_reps"),
            (
                "categories_per_day = 3",
                "categories_per_day = 1",
                "rotation.categories_per_day",
            ),
            (
                "order = [\"mobility\", \"stability\", \"strength\", \"stamina\"]",
                "order = [\"mobility\", \"mobility\", \"strength\", \"stamina\"]",
                "rotation.order",
            ),
        ];
        for (from, to, field) in cases {
            let text = EMBEDDED_RULES.replacen(from, to, 1);
            assert_ne!(text, EMBEDDED_RULES, "{from}");
            match ProgrammeRules::parse(&text, Path::new("r.toml")) {
                Err(ProgrammeError::Invalid { field: f, path, .. }) => {
                    assert_eq!(f, field);
                    assert_eq!(path, Path::new("r.toml"));
                }
                other => panic!("{field}: {other:?}"),
            }
        }
        let text = EMBEDDED_RULES.replacen("drop_reps = 2", "drop_repz = 2", 1);
        let msg = ProgrammeRules::parse(&text, Path::new("r.toml"))
            .unwrap_err()
            .to_string();
        assert!(msg.contains("r.toml") && msg.contains("drop_repz"), "{msg}");
    }
}

//! The week at a glance for Home: the last 7 days, which were done and which categories
//! were trained.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::HistoryFacts;
use crate::exercise::{Category, ExerciseLibrary};

/// Days in [`week_summary`] (today included).
pub const WEEK_DAYS: i64 = 7;

/// One day of [`week_summary`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DaySummary {
    /// Local day number (days since 1970-01-01).
    pub day: i64,
    /// Weekday, 0 = Monday … 6 = Sunday.
    pub weekday_from_monday: u32,
    /// At least one rep was counted in a session that day.
    pub done: bool,
    /// Categories of the exercises with a counted rep that day, in the rules' usual order
    /// ([`Category::ALL`]), no duplicates.
    pub categories: Vec<Category>,
}

/// The weekday (0 = Monday) of a local day number: 1970-01-01 was a Thursday.
pub fn weekday_from_monday(day: i64) -> u32 {
    // rem_euclid of 7 is 0..=6: the cast cannot truncate.
    (day + 3).rem_euclid(7) as u32
}

/// The last [`WEEK_DAYS`] days up to `today` (oldest first, today last): each day done or
/// not (a counted rep in a session that day, so a session opened and abandoned at once
/// does not count) and the categories trained. Exercises not in `library` are skipped for
/// the categories but still count as done. Pure: `today` is an input.
pub fn week_summary(
    facts: &HistoryFacts,
    library: &ExerciseLibrary,
    today: i64,
) -> Vec<DaySummary> {
    (today - WEEK_DAYS + 1..=today)
        .map(|day| {
            let done_today = facts
                .exercise_sessions
                .iter()
                .filter(|f| f.day == day && f.counted_reps > 0);
            let mut done = false;
            // `Category` orders as `Category::ALL`.
            let mut trained: BTreeSet<Category> = BTreeSet::new();
            for f in done_today {
                done = true;
                if let Some(e) = library.get(&f.exercise_id) {
                    trained.insert(e.category);
                }
            }
            DaySummary {
                day,
                weekday_from_monday: weekday_from_monday(day),
                done,
                categories: trained.into_iter().collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::programme::ExerciseSessionFact;

    fn fact(day: i64, id: &str, counted_reps: u32) -> ExerciseSessionFact {
        ExerciseSessionFact {
            day,
            session_id: day,
            exercise_id: id.to_owned(),
            planned_sets: 2,
            planned_reps: 5,
            counted_reps,
            faulted_reps: 0,
        }
    }

    #[test]
    fn weekdays_follow_the_calendar() {
        // 1970-01-01 was a Thursday; 2026-12-07 is a Monday.
        assert_eq!(weekday_from_monday(0), 3);
        let monday =
            crate::programme::day_of_date(chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap());
        assert_eq!(weekday_from_monday(monday), 0);
        assert_eq!(weekday_from_monday(monday + 6), 6);
        assert_eq!(weekday_from_monday(-1), 2);
    }

    #[test]
    fn the_week_shows_done_days_and_their_categories() {
        let library = ExerciseLibrary::embedded().unwrap();
        let today = 20_000;
        let facts = HistoryFacts {
            exercise_sessions: vec![
                // Too old: 7 days before today.
                fact(today - 7, "knee-bend", 10),
                fact(today - 6, "knee-bend", 10),
                fact(today - 6, "back-extension", 10),
                // The same exercise twice that day: one category.
                fact(today - 6, "knee-bend", 4),
                // Opened, nothing counted: not done.
                fact(today - 3, "hip-hinge", 0),
                fact(today, "march-in-place", 3),
            ],
            ..HistoryFacts::default()
        };
        let week = week_summary(&facts, &library, today);
        assert_eq!(week.len(), 7);
        assert_eq!(week[0].day, today - 6);
        assert_eq!(week[6].day, today);
        let done: Vec<bool> = week.iter().map(|d| d.done).collect();
        assert_eq!(done, [true, false, false, false, false, false, true]);
        assert_eq!(week[0].categories, [Category::Mobility, Category::Strength]);
        assert!(week[3].categories.is_empty());
        assert_eq!(week[6].categories, [Category::Stamina]);
        for (i, d) in week.iter().enumerate() {
            assert_eq!(
                d.weekday_from_monday,
                weekday_from_monday(today - 6 + i as i64)
            );
        }
    }

    #[test]
    fn an_empty_history_gives_seven_empty_days() {
        let library = ExerciseLibrary::embedded().unwrap();
        let week = week_summary(&HistoryFacts::default(), &library, 100);
        assert_eq!(week.len(), 7);
        assert!(week.iter().all(|d| !d.done && d.categories.is_empty()));
    }
}

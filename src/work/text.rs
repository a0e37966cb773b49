//! The work mode's user-facing words, from the catalogue (`locales/<lang>/work.ftl`).

use crate::i18n::{Arg, Lang, tr, tr_args};

use super::PostureState;

/// Title of the break reminder.
pub fn break_title(lang: Lang) -> String {
    tr(lang, "work-break-title")
}

/// Body of the break reminder for a bout of `sitting_secs`.
pub fn break_body(lang: Lang, sitting_secs: f64) -> String {
    tr_args(
        lang,
        "work-break-body",
        &[("minutes", Arg::Num(minutes(sitting_secs)))],
    )
}

/// Title of the slouch reminder.
pub fn slouch_title(lang: Lang) -> String {
    tr(lang, "work-slouch-title")
}

/// Body of the slouch reminder.
pub fn slouch_body(lang: Lang) -> String {
    tr(lang, "work-slouch-body")
}

/// The privacy note shown on the work screen.
pub fn privacy(lang: Lang) -> String {
    tr(lang, "work-privacy")
}

/// The posture state's name (`None`: still looking).
pub fn state_name(lang: Lang, state: Option<PostureState>) -> String {
    tr(
        lang,
        match state {
            Some(PostureState::Sitting) => "work-state-sitting",
            Some(PostureState::Standing) => "work-state-standing",
            Some(PostureState::Away) => "work-state-away",
            None => "work-state-unknown",
        },
    )
}

/// `h:mm:ss` or `m:ss`.
pub fn clock(secs: f64) -> String {
    let s = secs.max(0.0).round() as u64;
    let (h, m, s) = (s / 3600, (s / 60) % 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// Minutes for a message: whole minutes, one decimal below ten.
pub fn minutes(secs: f64) -> f64 {
    let m = secs / 60.0;
    if m < 10.0 {
        (m * 10.0).round() / 10.0
    } else {
        m.round()
    }
}

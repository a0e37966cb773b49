//! The work mode's user-facing English text, in one place (to move into a translation
//! catalogue as a whole).

/// Title of the break reminder.
pub const BREAK_TITLE: &str = "Time to stand up";
/// Body of the break reminder; `{minutes}` is replaced by the minutes sat.
pub const BREAK_BODY: &str = "You have been sitting for {minutes} minutes. Stand up, walk around a little, or do the 2-minute standing routine.";
/// Title of the slouch reminder.
pub const SLOUCH_TITLE: &str = "Vary your posture";
/// Body of the slouch reminder.
pub const SLOUCH_BODY: &str = "You have been leaning forward for a few minutes. The next working posture is always the best: sit up, or stand for a while.";
/// The privacy note shown on the work screen.
pub const PRIVACY: &str = "No picture is stored or sent: only posture states and times. The camera is released while work mode is paused.";

/// The break reminder's body for a bout of `sitting_secs`.
pub fn break_body(sitting_secs: f64) -> String {
    BREAK_BODY.replace("{minutes}", &format!("{:.0}", sitting_secs / 60.0))
}

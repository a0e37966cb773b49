//! The daily reminder (`backcoach remind`): whether to nudge the user today, and with
//! what words, from the history and today's programme; and the desktop's scheduling of it
//! (a systemd user timer, else an XDG autostart entry that waits for the time).
//!
//! The decision is pure: the time, the day's sessions, the pain diary and today's plan
//! are inputs. Rules, in order:
//! 1. the 36-hour advice is active ([`physician_advice_due`]) or the user stopped for
//!    pain in the last [`PAIN_STOP_QUIET_SECS`]: say "see your doctor or therapist before
//!    you exercise again", never ask for exercise;
//! 2. a session today already completed its plan: nothing;
//! 3. otherwise: "Your back exercises: N exercises, about M minutes".

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::exercise::ExerciseLibrary;
use crate::history::{PainReport, SessionStatus, SessionSummary, day_number};
use crate::i18n::{Arg, Lang, tr, tr_args};
use crate::programme::DayPlan;
use crate::session::physician_advice_due;

/// After a pain stop, no reminder asks for exercise for this long (36 h, the seed's
/// "consult your doctor" window).
pub const PAIN_STOP_QUIET_SECS: f64 = 36.0 * 3600.0;
/// Seconds one slow rep takes in the estimate of a routine's length (a 2-2 s tempo plus
/// the turn).
pub const REP_SECS: f64 = 5.0;
/// Seconds to get ready for each exercise (the stance check) in the estimate.
pub const SETUP_SECS: f64 = 30.0;

/// Failures of installing or removing the reminder.
#[derive(Debug, thiserror::Error)]
pub enum RemindError {
    /// A file could not be written or removed.
    #[error("cannot write {path}: {source}. Check that the folder is yours and writable")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The time is not `HH:MM`.
    #[error("the reminder time must be HH:MM (24-hour clock), got {0:?}")]
    BadTime(String),
    /// A day name is not one of mon..sun.
    #[error("unknown day {0:?}: use mon, tue, wed, thu, fri, sat, sun (comma-separated)")]
    BadDay(String),
}

/// What the reminder does now.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    /// Whether a notification is sent.
    pub notify: bool,
    /// `routine`, `see_doctor`, `done_today`, `nothing_planned`.
    pub reason: String,
    /// The notification's title (empty when none).
    pub title: String,
    /// Its body (empty when none).
    pub body: String,
    /// Exercises in today's plan.
    pub exercises: usize,
    /// Minutes the plan takes, estimated.
    pub minutes: u32,
    /// The notification's button, which opens the coach on today's plan (only when it
    /// asks for exercise; never with the see-your-doctor advice).
    #[serde(default)]
    pub action: Option<String>,
}

/// Minutes today's plan takes: per exercise, its sets of slow reps ([`REP_SECS`]), the
/// rests between sets (the exercise's own `rest_secs`) and [`SETUP_SECS`]; rounded up.
pub fn estimate_minutes(plan: &DayPlan, library: &ExerciseLibrary) -> u32 {
    let secs: f64 = plan
        .exercises
        .iter()
        .map(|s| {
            let rest = library
                .get(&s.exercise_id)
                .map_or(30.0, |e| f64::from(e.rest_secs));
            let sets = f64::from(s.sets);
            SETUP_SECS + sets * f64::from(s.reps) * REP_SECS + (sets - 1.0).max(0.0) * rest
        })
        .sum();
    (secs / 60.0).ceil() as u32
}

/// The decision at `now_unix_secs` (local day from `utc_offset_secs`).
pub fn decide(
    now_unix_secs: f64,
    utc_offset_secs: i64,
    sessions: &[SessionSummary],
    pain: &[PainReport],
    plan: &DayPlan,
    library: &ExerciseLibrary,
    lang: Lang,
) -> Decision {
    let minutes = estimate_minutes(plan, library);
    let exercises = plan.exercises.len();
    let decision = |notify: bool, reason: &str, title: String, body: String| Decision {
        notify,
        reason: reason.to_owned(),
        title,
        body,
        exercises,
        minutes,
        action: (reason == "routine").then(|| tr(lang, "remind-open")),
    };
    let recent_pain_stop = sessions.iter().any(|s| {
        s.status == SessionStatus::StoppedForPain
            && now_unix_secs - s.ended_unix_secs.unwrap_or(s.started_unix_secs)
                < PAIN_STOP_QUIET_SECS
            && s.started_unix_secs <= now_unix_secs
    });
    if physician_advice_due(pain, now_unix_secs) || recent_pain_stop {
        return decision(
            true,
            "see_doctor",
            tr(lang, "remind-doctor-title"),
            tr(lang, "remind-doctor-body"),
        );
    }
    let today = day_number(now_unix_secs, utc_offset_secs);
    let done = sessions.iter().any(|s| {
        s.status == SessionStatus::Completed
            && day_number(s.started_unix_secs, utc_offset_secs) == today
    });
    if done {
        return decision(false, "done_today", String::new(), String::new());
    }
    if exercises == 0 {
        return decision(false, "nothing_planned", String::new(), String::new());
    }
    decision(
        true,
        "routine",
        tr(lang, "remind-title"),
        tr_args(
            lang,
            "remind-body",
            &[
                ("exercises", Arg::Num(exercises as f64)),
                ("minutes", Arg::Num(f64::from(minutes))),
            ],
        ),
    )
}

/// When the reminder fires: a time of day and the weekdays.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schedule {
    /// Hour, 0-23.
    pub hour: u32,
    /// Minute, 0-59.
    pub minute: u32,
    /// Weekdays, `Mon`..`Sun` as systemd spells them (all seven by default).
    pub days: Vec<String>,
}

/// systemd's weekday names, Monday first.
const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

impl Schedule {
    /// Parses `HH:MM` and a comma-separated day list (`mon,wed`; empty: every day).
    pub fn parse(time: &str, days: &str) -> Result<Schedule, RemindError> {
        let bad = || RemindError::BadTime(time.to_owned());
        let (h, m) = time.split_once(':').ok_or_else(bad)?;
        let hour: u32 = h.trim().parse().map_err(|_| bad())?;
        let minute: u32 = m.trim().parse().map_err(|_| bad())?;
        if hour > 23 || minute > 59 {
            return Err(bad());
        }
        let mut chosen = Vec::new();
        for d in days.split(',').map(str::trim).filter(|d| !d.is_empty()) {
            let day = DAYS
                .iter()
                .find(|n| n.eq_ignore_ascii_case(d))
                .ok_or_else(|| RemindError::BadDay(d.to_owned()))?;
            if !chosen.iter().any(|c: &String| c == day) {
                chosen.push((*day).to_owned());
            }
        }
        if chosen.is_empty() {
            chosen = DAYS.iter().map(|d| (*d).to_owned()).collect();
        }
        chosen.sort_by_key(|d| DAYS.iter().position(|n| n == d));
        Ok(Schedule {
            hour,
            minute,
            days: chosen,
        })
    }

    /// systemd's `OnCalendar=` value (`Mon,Tue *-*-* 18:00:00`).
    pub fn on_calendar(&self) -> String {
        format!(
            "{} *-*-* {:02}:{:02}:00",
            self.days.join(","),
            self.hour,
            self.minute
        )
    }

    /// `HH:MM`.
    pub fn time_text(&self) -> String {
        format!("{:02}:{:02}", self.hour, self.minute)
    }
}

/// How the reminder is scheduled on this desktop.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scheduler {
    /// A systemd user timer (`~/.config/systemd/user/backcoach-remind.timer`).
    Systemd,
    /// An XDG autostart entry (`~/.config/autostart/backcoach-remind.desktop`) that starts
    /// `backcoach remind --wait` with the session and waits for the time.
    Autostart,
}

/// The files of an installed reminder, under the user's config folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReminderFiles {
    /// `systemd/user/backcoach-remind.service`.
    pub service: PathBuf,
    /// `systemd/user/backcoach-remind.timer`.
    pub timer: PathBuf,
    /// `autostart/backcoach-remind.desktop`.
    pub autostart: PathBuf,
}

impl ReminderFiles {
    /// The files under `config_dir` (`$XDG_CONFIG_HOME`, else `~/.config`).
    pub fn under(config_dir: &Path) -> ReminderFiles {
        ReminderFiles {
            service: config_dir.join("systemd/user/backcoach-remind.service"),
            timer: config_dir.join("systemd/user/backcoach-remind.timer"),
            autostart: config_dir.join("autostart/backcoach-remind.desktop"),
        }
    }

    /// Which scheduler's files exist.
    pub fn installed(&self) -> Option<Scheduler> {
        if self.timer.is_file() {
            Some(Scheduler::Systemd)
        } else if self.autostart.is_file() {
            Some(Scheduler::Autostart)
        } else {
            None
        }
    }

    /// Writes the files for `scheduler`, running `exe` at `schedule`; removes the other
    /// scheduler's files. Returns the files written.
    pub fn install(
        &self,
        scheduler: Scheduler,
        exe: &Path,
        schedule: &Schedule,
    ) -> Result<Vec<PathBuf>, RemindError> {
        self.uninstall()?;
        let exe = exe.display();
        let files = match scheduler {
            Scheduler::Systemd => vec![
                (
                    self.service.clone(),
                    format!(
                        "[Unit]\nDescription=backcoach daily exercise reminder\n\n\
                         [Service]\nType=oneshot\nExecStart=\"{exe}\" remind\n"
                    ),
                ),
                (
                    self.timer.clone(),
                    format!(
                        "[Unit]\nDescription=backcoach daily exercise reminder at {}\n\n\
                         [Timer]\nOnCalendar={}\nPersistent=true\n\n\
                         [Install]\nWantedBy=timers.target\n",
                        schedule.time_text(),
                        schedule.on_calendar()
                    ),
                ),
            ],
            Scheduler::Autostart => vec![(
                self.autostart.clone(),
                format!(
                    "[Desktop Entry]\nType=Application\nName=backcoach reminder\n\
                     Comment=Reminds you of your back exercises at {}\n\
                     Exec=\"{exe}\" remind --wait --at {} --days {}\n\
                     NoDisplay=true\nX-GNOME-Autostart-enabled=true\n",
                    schedule.time_text(),
                    schedule.time_text(),
                    schedule.days.join(",").to_lowercase()
                ),
            )],
        };
        let mut written = Vec::new();
        for (path, text) in files {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|source| RemindError::Io {
                    path: dir.to_owned(),
                    source,
                })?;
            }
            std::fs::write(&path, text).map_err(|source| RemindError::Io {
                path: path.clone(),
                source,
            })?;
            written.push(path);
        }
        Ok(written)
    }

    /// Removes every reminder file that exists; returns those removed.
    pub fn uninstall(&self) -> Result<Vec<PathBuf>, RemindError> {
        let mut removed = Vec::new();
        for path in [&self.service, &self.timer, &self.autostart] {
            match std::fs::remove_file(path) {
                Ok(()) => removed.push(path.clone()),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => {
                    return Err(RemindError::Io {
                        path: path.clone(),
                        source,
                    });
                }
            }
        }
        Ok(removed)
    }
}

impl ReminderFiles {
    /// The schedule of the installed reminder, read back from its files (`None`: none
    /// installed, or a file this version did not write).
    pub fn installed_schedule(&self) -> Option<Schedule> {
        match self.installed()? {
            Scheduler::Systemd => {
                let text = std::fs::read_to_string(&self.timer).ok()?;
                // `OnCalendar=Mon,Wed *-*-* 18:00:00`
                let value = text.lines().find_map(|l| l.strip_prefix("OnCalendar="))?;
                let mut parts = value.split_whitespace();
                let days = parts.next()?;
                let time = parts.nth(1)?;
                Schedule::parse(time.get(..5)?, days).ok()
            }
            Scheduler::Autostart => {
                let text = std::fs::read_to_string(&self.autostart).ok()?;
                // `Exec="…" remind --wait --at 18:00 --days mon,wed`
                let exec = text.lines().find_map(|l| l.strip_prefix("Exec="))?;
                let words: Vec<&str> = exec.split_whitespace().collect();
                let after = |flag: &str| {
                    let i = words.iter().position(|w| *w == flag)?;
                    words.get(i + 1).copied()
                };
                Schedule::parse(after("--at")?, after("--days").unwrap_or("")).ok()
            }
        }
    }
}

/// What [`install_reminder`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Installed {
    /// The scheduler used.
    pub scheduler: Scheduler,
    /// The files written.
    pub written: Vec<PathBuf>,
    /// `systemctl --user` calls that did not succeed (the files are written anyway).
    pub warnings: Vec<String>,
}

/// What [`uninstall_reminder`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Uninstalled {
    /// The files removed (none: nothing was installed).
    pub removed: Vec<PathBuf>,
    /// `systemctl --user` calls that did not succeed.
    pub warnings: Vec<String>,
}

/// The user's config folder: `$XDG_CONFIG_HOME`, else `$HOME/.config` (`var` reads the
/// environment; `None` without either).
pub fn config_dir_from(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> Option<PathBuf> {
    if let Some(dir) = var("XDG_CONFIG_HOME").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    var("HOME")
        .filter(|d| !d.is_empty())
        .map(|home| PathBuf::from(home).join(".config"))
}

/// Whether systemd runs this user's session (`systemctl --user` answers).
pub fn systemd_user_session() -> bool {
    std::process::Command::new("systemctl")
        .args(["--user", "show-environment"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Runs `systemctl --user ARGS`; a warning when it does not succeed.
fn systemctl_user(args: &[&str], warnings: &mut Vec<String>) {
    let ok = std::process::Command::new("systemctl")
        .arg("--user")
        .args(args)
        .stdout(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        warnings.push(format!(
            "`systemctl --user {}` did not succeed",
            args.join(" ")
        ));
    }
}

/// Sets the reminder up (`backcoach remind --install` and the Settings switch): with
/// `scheduler` that scheduler's files and nothing else (no `systemctl`); without, a
/// systemd user timer where systemd runs the user session (then reloaded and enabled),
/// else an XDG autostart entry. `exe` is the backcoach program the reminder runs.
pub fn install_reminder(
    files: &ReminderFiles,
    scheduler: Option<Scheduler>,
    exe: &Path,
    schedule: &Schedule,
) -> Result<Installed, RemindError> {
    let detected = scheduler.is_none();
    let scheduler = match scheduler {
        Some(s) => s,
        None if systemd_user_session() => Scheduler::Systemd,
        None => Scheduler::Autostart,
    };
    let written = files.install(scheduler, exe, schedule)?;
    let mut warnings = Vec::new();
    if scheduler == Scheduler::Systemd && detected {
        systemctl_user(&["daemon-reload"], &mut warnings);
        systemctl_user(
            &["enable", "--now", "backcoach-remind.timer"],
            &mut warnings,
        );
    }
    Ok(Installed {
        scheduler,
        written,
        warnings,
    })
}

/// Removes the reminder (`backcoach remind --uninstall` and the Settings switch); with
/// `manage_systemd` an installed timer is first disabled where systemd runs the session.
pub fn uninstall_reminder(
    files: &ReminderFiles,
    manage_systemd: bool,
) -> Result<Uninstalled, RemindError> {
    let mut warnings = Vec::new();
    if manage_systemd && files.timer.is_file() && systemd_user_session() {
        systemctl_user(
            &["disable", "--now", "backcoach-remind.timer"],
            &mut warnings,
        );
    }
    let removed = files.uninstall()?;
    Ok(Uninstalled { removed, warnings })
}

/// Seconds from `now` (local seconds since midnight, local weekday 0 = Monday) until the
/// next time `schedule` fires, today included when it is still ahead.
pub fn secs_until_next(schedule: &Schedule, weekday_from_monday: u32, secs_into_day: u32) -> u32 {
    let at = schedule.hour * 3600 + schedule.minute * 60;
    for ahead in 0..8u32 {
        let day = DAYS[((weekday_from_monday + ahead) % 7) as usize];
        if !schedule.days.iter().any(|d| d == day) {
            continue;
        }
        if ahead == 0 && at <= secs_into_day {
            continue;
        }
        return (ahead * 86_400 + at).saturating_sub(secs_into_day);
    }
    86_400
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_installed_schedule_reads_back_for_both_schedulers() {
        let dir = tempfile::tempdir().unwrap();
        let files = ReminderFiles::under(dir.path());
        assert_eq!(files.installed_schedule(), None);
        let exe = Path::new("/opt/back coach/backcoach");
        for scheduler in [Scheduler::Systemd, Scheduler::Autostart] {
            for (time, days) in [("07:30", "mon,wed,fri"), ("18:00", "")] {
                let schedule = Schedule::parse(time, days).unwrap();
                let done = install_reminder(&files, Some(scheduler), exe, &schedule).unwrap();
                assert_eq!(done.scheduler, scheduler);
                assert!(done.warnings.is_empty());
                assert_eq!(files.installed(), Some(scheduler));
                assert_eq!(files.installed_schedule(), Some(schedule));
            }
        }
        let gone = uninstall_reminder(&files, false).unwrap();
        assert_eq!(gone.removed, std::slice::from_ref(&files.autostart));
        assert_eq!(files.installed(), None);
    }

    #[test]
    fn the_config_dir_follows_xdg_then_home() {
        use std::ffi::OsString;
        fn env(
            xdg: Option<&'static str>,
            home: Option<&'static str>,
        ) -> impl Fn(&str) -> Option<OsString> {
            move |k: &str| match k {
                "XDG_CONFIG_HOME" => xdg.map(OsString::from),
                "HOME" => home.map(OsString::from),
                _ => None,
            }
        }
        assert_eq!(
            config_dir_from(env(Some("/x"), Some("/h"))),
            Some(PathBuf::from("/x"))
        );
        assert_eq!(
            config_dir_from(env(Some(""), Some("/h"))),
            Some(PathBuf::from("/h/.config"))
        );
        assert_eq!(config_dir_from(env(None, None)), None);
    }
}

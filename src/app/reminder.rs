//! The Settings screen's daily reminder: on/off, a time, the days. It calls the very
//! code `backcoach remind --install` / `--uninstall` / `--status` call
//! ([`install_reminder`], [`uninstall_reminder`], [`ReminderFiles::installed`]).
//!
//! The reminder is not session state: it lives in the user's config folder (a systemd
//! user timer or an XDG autostart entry), which is the one source of truth; the panel
//! reads it back ([`ReminderFiles::installed_schedule`]) when the settings open and after
//! each change. Errors (a folder that cannot be written, no config folder) become a
//! sentence on the screen, never a panic. Tests give their own config folder and force a
//! scheduler ([`ReminderConfig`]), so they never touch the user's files or call
//! `systemctl`.

use std::path::PathBuf;

use crate::i18n::Lang;
use crate::remind::{ReminderFiles, Schedule, Scheduler, install_reminder, uninstall_reminder};

/// The reminder times offered, `HH:MM`; the default is [`DEFAULT_TIME`].
pub const REMINDER_TIMES: [&str; 4] = ["08:00", "12:00", "18:00", "20:00"];
/// The default reminder time (the and `backcoach remind --at`'s).
pub const DEFAULT_TIME: &str = "18:00";
/// The weekdays as [`Schedule`] spells them, Monday first.
pub const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// Where the reminder goes.
#[derive(Clone, Debug, Default)]
pub struct ReminderConfig {
    /// The config folder (`$XDG_CONFIG_HOME`, else `~/.config`: see
    /// [`ReminderConfig::from_env`]); `None`: the switch says it cannot work here.
    pub config_dir: Option<PathBuf>,
    /// Force this scheduler (no `systemctl` calls); `None`: detect, as the CLI does.
    pub scheduler: Option<Scheduler>,
    /// The backcoach program the reminder runs (default: this program).
    pub exe: Option<PathBuf>,
}

impl ReminderConfig {
    /// The user's config folder from the environment, as `backcoach remind` finds it.
    pub fn from_env() -> ReminderConfig {
        ReminderConfig {
            config_dir: crate::remind::config_dir_from(|k| std::env::var_os(k)),
            scheduler: None,
            exe: None,
        }
    }
}

/// The reminder as the Settings screen shows it.
#[derive(Clone, Debug)]
pub struct ReminderPanel {
    config: ReminderConfig,
    /// What is installed (read back from the files), if anything.
    installed: Option<(Scheduler, Option<Schedule>)>,
    /// The time and days shown (those installed, else the user's choice so far).
    wanted: Schedule,
    /// The last failure.
    error: Option<ReminderProblem>,
}

/// Why the last change of the reminder failed.
#[derive(Clone, Debug, PartialEq, Eq)]
enum ReminderProblem {
    /// Neither `$XDG_CONFIG_HOME` nor `$HOME` is set (or no folder was given).
    NoConfigFolder,
    /// Installing or removing failed: the error, as the CLI would print it.
    Failed(String),
}

impl ReminderPanel {
    /// A panel for `config`, read from the files.
    pub fn new(config: ReminderConfig) -> ReminderPanel {
        let mut panel = ReminderPanel {
            config,
            installed: None,
            wanted: default_schedule(),
            error: None,
        };
        panel.refresh();
        panel
    }

    fn files(&self) -> Option<ReminderFiles> {
        self.config.config_dir.as_deref().map(ReminderFiles::under)
    }

    /// Reads what is installed again.
    pub fn refresh(&mut self) {
        self.installed = self.files().and_then(|f| {
            let scheduler = f.installed()?;
            Some((scheduler, f.installed_schedule()))
        });
        if let Some((_, Some(s))) = &self.installed {
            self.wanted = s.clone();
        }
    }

    /// The scheduler of the installed reminder, if one is.
    pub fn installed(&self) -> Option<Scheduler> {
        self.installed.as_ref().map(|(s, _)| *s)
    }

    /// The time and days shown.
    pub fn wanted(&self) -> &Schedule {
        &self.wanted
    }

    /// Why the last change failed, in `lang`, if it did.
    pub fn error_text(&self, lang: Lang) -> Option<String> {
        Some(match self.error.as_ref()? {
            ReminderProblem::NoConfigFolder => crate::i18n::tr(lang, "settings-reminder-no-folder"),
            ReminderProblem::Failed(e) => crate::i18n::tr_args(
                lang,
                "settings-reminder-failed",
                &[("error", e.as_str().into())],
            ),
        })
    }

    /// The status line in `lang`.
    pub fn status_text(&self, lang: Lang) -> String {
        let time = self
            .installed
            .as_ref()
            .and_then(|(_, s)| s.as_ref())
            .unwrap_or(&self.wanted)
            .time_text();
        let key = match self.installed() {
            Some(Scheduler::Systemd) => "settings-reminder-status-systemd",
            Some(Scheduler::Autostart) => "settings-reminder-status-autostart",
            None => "settings-reminder-status-off",
        };
        crate::i18n::tr_args(lang, key, &[("time", time.into())])
    }

    /// Turns the reminder on (installs it at the time and days shown) or off.
    pub fn set_on(&mut self, on: bool) {
        self.error = None;
        let Some(files) = self.files() else {
            self.error = Some(ReminderProblem::NoConfigFolder);
            return;
        };
        let result = if on {
            let exe = match self
                .config
                .exe
                .clone()
                .map(Ok)
                .unwrap_or_else(std::env::current_exe)
            {
                Ok(exe) => exe,
                Err(e) => {
                    self.error = Some(ReminderProblem::Failed(e.to_string()));
                    return;
                }
            };
            install_reminder(&files, self.config.scheduler, &exe, &self.wanted).map(|d| d.warnings)
        } else {
            uninstall_reminder(&files, self.config.scheduler.is_none()).map(|d| d.warnings)
        };
        match result {
            Ok(warnings) => {
                for w in warnings {
                    eprintln!("backcoach: {w}");
                }
            }
            Err(e) => self.error = Some(ReminderProblem::Failed(e.to_string())),
        }
        self.refresh();
    }

    /// Chooses the time (`HH:MM`); an installed reminder moves to it at once.
    pub fn set_time(&mut self, time: &str) {
        let days = self.wanted.days.join(",");
        if let Ok(s) = Schedule::parse(time, &days) {
            self.change(s);
        }
    }

    /// Adds or removes a weekday (`Mon`..`Sun`); the last day stays (a reminder on no
    /// day is the switch's Off).
    pub fn toggle_day(&mut self, day: &str) {
        let mut days: Vec<String> = self.wanted.days.clone();
        if let Some(i) = days.iter().position(|d| d == day) {
            if days.len() == 1 {
                return;
            }
            days.remove(i);
        } else {
            days.push(day.to_owned());
        }
        if let Ok(s) = Schedule::parse(&self.wanted.time_text(), &days.join(",")) {
            self.change(s);
        }
    }

    fn change(&mut self, schedule: Schedule) {
        if schedule == self.wanted {
            return;
        }
        self.wanted = schedule;
        if self.installed().is_some() {
            self.set_on(true);
        }
    }
}

/// 18:00 every day.
fn default_schedule() -> Schedule {
    Schedule {
        hour: 18,
        minute: 0,
        days: WEEKDAYS.iter().map(|d| (*d).to_owned()).collect(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_panel_installs_moves_and_removes_the_reminder() {
        let dir = tempfile::tempdir().unwrap();
        let mut panel = ReminderPanel::new(ReminderConfig {
            config_dir: Some(dir.path().to_owned()),
            scheduler: Some(Scheduler::Autostart),
            exe: Some(PathBuf::from("/usr/bin/backcoach")),
        });
        assert_eq!(
            default_schedule(),
            Schedule::parse(DEFAULT_TIME, "").unwrap()
        );
        assert_eq!(panel.installed(), None);
        panel.toggle_day("Sun");
        panel.set_on(true);
        assert_eq!(panel.installed(), Some(Scheduler::Autostart));
        let files = ReminderFiles::under(dir.path());
        assert_eq!(
            files.installed_schedule(),
            Some(Schedule::parse("18:00", "mon,tue,wed,thu,fri,sat").unwrap())
        );
        panel.set_time("08:00");
        assert_eq!(files.installed_schedule().unwrap().time_text(), "08:00");
        // A new panel reads it back.
        let again = ReminderPanel::new(panel.config.clone());
        assert_eq!(again.wanted().time_text(), "08:00");
        assert!(again.status_text(Lang::En).contains("08:00"));
        panel.set_on(false);
        assert_eq!(panel.installed(), None);
        assert!(!files.autostart.exists());
        assert_eq!(panel.error_text(Lang::En), None);
    }

    #[test]
    fn a_folder_that_cannot_be_written_is_a_sentence() {
        let dir = tempfile::tempdir().unwrap();
        let blocked = dir.path().join("file");
        std::fs::write(&blocked, "not a folder").unwrap();
        let mut panel = ReminderPanel::new(ReminderConfig {
            config_dir: Some(blocked),
            scheduler: Some(Scheduler::Autostart),
            exe: Some(PathBuf::from("/usr/bin/backcoach")),
        });
        panel.set_on(true);
        let said = panel.error_text(Lang::En).unwrap();
        assert!(
            said.starts_with("Could not change the reminder: cannot write"),
            "{said}"
        );
        assert_eq!(panel.installed(), None);
        let mut none = ReminderPanel::new(ReminderConfig::default());
        none.set_on(true);
        assert_eq!(
            none.error_text(Lang::Da).unwrap(),
            crate::i18n::tr(Lang::Da, "settings-reminder-no-folder")
        );
    }
}

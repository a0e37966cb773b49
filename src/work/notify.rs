//! Desktop notifications for the working day, never fatal.
//!
//! [`DesktopNotifier`] shows a notification through the platform's notification service
//! (`notify-rust`: D-Bus on Linux). Where none runs (a headless machine, CI) or it fails,
//! the notification is logged instead: one line on stderr and, with a log path, one JSON
//! line in that file (`{"t_secs", "kind", "title", "body", "delivered"}`). Nothing here
//! ever returns an error to the caller or panics.

use std::io::Write;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// A notification to show.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Notification {
    /// Seconds (source time) when it was raised.
    pub t_secs: f64,
    /// `break_reminder` or `slouch_reminder`.
    pub kind: String,
    /// The title.
    pub title: String,
    /// The text.
    pub body: String,
}

/// How a notification reached the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    /// Shown by the desktop's notification service.
    Desktop,
    /// No notification service: written to the log (stderr and the log file).
    Logged,
}

/// One line of the notification log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NotificationLogLine {
    /// The notification.
    #[serde(flatten)]
    pub notification: Notification,
    /// How it was delivered.
    pub delivered: Delivery,
    /// Why the desktop did not show it, when it did not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Shows notifications on the desktop, or logs them.
#[derive(Clone, Debug, Default)]
pub struct DesktopNotifier {
    /// Append every notification as a JSON line here.
    pub log_path: Option<PathBuf>,
    /// Skip the desktop and only log (tests, `--no-desktop-notify`).
    pub log_only: bool,
}

impl DesktopNotifier {
    /// Shows (or logs) a notification; returns how it was delivered.
    pub fn notify(&self, n: &Notification) -> Delivery {
        let result = if self.log_only {
            Err("desktop notifications are off".to_owned())
        } else {
            show_on_desktop(n)
        };
        let (delivered, reason) = match result {
            Ok(()) => (Delivery::Desktop, None),
            Err(reason) => {
                eprintln!(
                    "backcoach: notification (no desktop notification service: {reason}): {}: {}",
                    n.title, n.body
                );
                (Delivery::Logged, Some(reason))
            }
        };
        self.append_log(NotificationLogLine {
            notification: n.clone(),
            delivered,
            reason,
        });
        delivered
    }
}

/// The action id of a notification's button (and of a click on its body, `default`).
pub const OPEN_ACTION: &str = "open";

/// What became of a notification with a button ([`DesktopNotifier::notify_with_action`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionOutcome {
    /// The user clicked the button or the notification.
    Clicked,
    /// Closed, expired, not answered within the wait, or never shown on a desktop.
    NotClicked,
}

impl DesktopNotifier {
    /// Shows (or logs) `n` with one button labelled `label`, then waits up to `wait` for
    /// the user to click it or the notification. A logged notification is never clicked.
    /// The wait runs on its own thread, so a notification service that never answers only
    /// ends the wait, never blocks the caller beyond it.
    pub fn notify_with_action(
        &self,
        n: &Notification,
        label: &str,
        wait: std::time::Duration,
    ) -> (Delivery, ActionOutcome) {
        if self.log_only {
            return (self.notify(n), ActionOutcome::NotClicked);
        }
        let (shown_tx, shown_rx) = std::sync::mpsc::channel::<Result<(), String>>();
        let (clicked_tx, clicked_rx) = std::sync::mpsc::channel::<bool>();
        let (n2, label2) = (n.clone(), label.to_owned());
        let spawned = std::thread::Builder::new()
            .name("notification".into())
            .spawn(move || show_and_wait(&n2, &label2, &shown_tx, &clicked_tx));
        let shown = match spawned {
            Ok(_) => shown_rx
                .recv()
                .unwrap_or_else(|_| Err("the notification thread stopped".to_owned())),
            Err(e) => Err(e.to_string()),
        };
        if let Err(reason) = shown {
            // Not on the desktop: log it like any other notification.
            let logger = DesktopNotifier {
                log_path: self.log_path.clone(),
                log_only: true,
            };
            eprintln!("backcoach: {reason}");
            return (logger.notify(n), ActionOutcome::NotClicked);
        }
        self.append_log(NotificationLogLine {
            notification: n.clone(),
            delivered: Delivery::Desktop,
            reason: None,
        });
        let clicked = clicked_rx.recv_timeout(wait).unwrap_or(false);
        let outcome = if clicked {
            ActionOutcome::Clicked
        } else {
            ActionOutcome::NotClicked
        };
        (Delivery::Desktop, outcome)
    }

    /// Appends a line to the log file, if any (a failure is said on stderr, never fatal).
    fn append_log(&self, line: NotificationLogLine) {
        let Some(path) = &self.log_path else {
            return;
        };
        let written = serde_json::to_string(&line)
            .map_err(std::io::Error::other)
            .and_then(|json| {
                let mut f = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)?;
                writeln!(f, "{json}")
            });
        if let Err(e) = written {
            eprintln!(
                "backcoach: cannot write the notification log {}: {e}",
                path.display()
            );
        }
    }
}

/// Shows `n` with a button and reports whether it was clicked (Linux desktops).
#[cfg(all(unix, not(target_os = "macos")))]
fn show_and_wait(
    n: &Notification,
    label: &str,
    shown: &std::sync::mpsc::Sender<Result<(), String>>,
    clicked: &std::sync::mpsc::Sender<bool>,
) {
    let handle = notify_rust::Notification::new()
        .appname("backcoach")
        .summary(&n.title)
        .body(&n.body)
        .action("default", label)
        .action(OPEN_ACTION, label)
        .show();
    match handle {
        Ok(handle) => {
            let _ = shown.send(Ok(()));
            handle.wait_for_action(|action| {
                let _ = clicked.send(action == OPEN_ACTION || action == "default");
            });
        }
        Err(e) => {
            let _ = shown.send(Err(e.to_string()));
        }
    }
}

/// Shows `n` (no button where the platform's notifications cannot report a click).
#[cfg(not(all(unix, not(target_os = "macos"))))]
fn show_and_wait(
    n: &Notification,
    _label: &str,
    shown: &std::sync::mpsc::Sender<Result<(), String>>,
    _clicked: &std::sync::mpsc::Sender<bool>,
) {
    let _ = shown.send(show_on_desktop(n));
}

fn show_on_desktop(n: &Notification) -> Result<(), String> {
    notify_rust::Notification::new()
        .appname("backcoach")
        .summary(&n.title)
        .body(&n.body)
        .show()
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_logged_notification_with_a_button_is_never_clicked_and_is_logged_once() {
        let dir = tempfile::tempdir().expect("tmp");
        let log = dir.path().join("n.jsonl");
        let notifier = DesktopNotifier {
            log_path: Some(log.clone()),
            log_only: true,
        };
        let n = Notification {
            t_secs: 0.0,
            kind: "daily_routine".into(),
            title: "Your back exercises".into(),
            body: "3 exercises, about 8 minutes".into(),
        };
        let (delivered, outcome) =
            notifier.notify_with_action(&n, "Start", std::time::Duration::from_secs(5));
        assert_eq!(
            (delivered, outcome),
            (Delivery::Logged, ActionOutcome::NotClicked)
        );
        let text = std::fs::read_to_string(&log).expect("log");
        assert_eq!(text.lines().count(), 1, "{text}");
        let line: NotificationLogLine = serde_json::from_str(text.trim()).expect("json");
        assert_eq!(line.notification, n);
    }
}

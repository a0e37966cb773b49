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
        if let Some(path) = &self.log_path {
            let line = NotificationLogLine {
                notification: n.clone(),
                delivered,
                reason,
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
        delivered
    }
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

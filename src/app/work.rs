//! Work mode in the app: the panel that owns the [`WorkMonitor`], its low-power feed and
//! the day's saving; the work screen (`screens/work.rs`) reads it and calls its commands.
//!
//! Contract: the app calls [`WorkPanel::logic`] every frame with the app time; frames
//! come from the panel's own feed (the pipeline's live worker on work mode's low-power
//! stream), opened while work mode runs and dropped when it is paused or left, so the
//! camera is released. The day's figures are saved to the history every
//! [`SAVE_EVERY_SECS`] and on every reminder or break, so a kill loses seconds at most.

use crate::history::History;
use crate::i18n::Lang;
use crate::pipeline::{LiveWorker, SourceSpec, WorkerStatus};
use crate::work::{
    DayFigures, DesktopNotifier, LowPowerOptions, Notification, WorkEvent, WorkMonitor,
    WorkSettings, WorkView, notification_for, open_low_power_stream,
};

use super::{FeedOpener, FrameFeed, camera_spec};

/// Seconds of app time between saves of the day's figures.
pub const SAVE_EVERY_SECS: f64 = 10.0;

/// The exercises of the 2-minute standing routine (library ids) and reps of each.
pub const ROUTINE: [(&str, u32); 2] = [("back-extension", 5), ("knee-bend", 5)];

/// A feed opener for work mode: the low-power stream on `source`, or on the settings'
/// camera.
pub fn work_feed(source: Option<SourceSpec>) -> FeedOpener {
    Box::new(move |settings| {
        let spec = source.clone().unwrap_or_else(|| camera_spec(settings));
        let options = LowPowerOptions {
            realtime: true,
            keep_images: true,
            ..LowPowerOptions::default()
        };
        LiveWorker::spawn_stream(Box::new(move || open_low_power_stream(&spec, &options)))
            .map(|w| Box::new(w) as Box<dyn FrameFeed>)
            .map_err(|e| format!("{e:#}"))
    })
}

/// Work mode's state in the app.
pub struct WorkPanel {
    monitor: WorkMonitor,
    opener: FeedOpener,
    feed: Option<Box<dyn FrameFeed>>,
    feed_error: Option<String>,
    running: bool,
    notifier: DesktopNotifier,
    /// The last reminder, shown in the window until a break.
    shown: Option<Notification>,
    store: Option<History>,
    store_error: Option<String>,
    day: i64,
    last_save_secs: Option<f64>,
    loaded: bool,
}

impl WorkPanel {
    /// A panel with its feed opener, notifier and settings.
    pub fn new(opener: FeedOpener, notifier: DesktopNotifier, settings: WorkSettings) -> Self {
        WorkPanel {
            monitor: WorkMonitor::new(settings),
            opener,
            feed: None,
            feed_error: None,
            running: false,
            notifier,
            shown: None,
            store: None,
            store_error: None,
            day: 0,
            last_save_secs: None,
            loaded: false,
        }
    }

    /// Whether work mode is watching (the camera is on).
    pub fn is_running(&self) -> bool {
        self.running
    }

    /// The screen's view of the day.
    pub fn view(&self) -> WorkView {
        self.monitor.day.view()
    }

    /// The reminder shown in the window, if one is due.
    pub fn shown(&self) -> Option<&Notification> {
        self.shown.as_ref()
    }

    /// Why the feed is not running, if it failed.
    pub fn feed_problem(&self) -> Option<String> {
        if let Some(e) = &self.feed_error {
            return Some(e.clone());
        }
        match self.feed.as_ref().map(|f| f.status()) {
            Some(WorkerStatus::Failed { message, .. }) => Some(message),
            Some(WorkerStatus::Reconnecting { message }) => Some(message),
            _ => None,
        }
    }

    /// Why the figures are not saved, if they are not.
    pub fn store_error(&self) -> Option<&str> {
        self.store_error.as_deref()
    }

    /// Starts (or resumes) watching.
    pub fn start(&mut self) {
        self.running = true;
        self.feed_error = None;
        self.monitor.resume();
    }

    /// Pauses: the feed (and the camera) is dropped; nothing is counted.
    pub fn pause(&mut self) {
        self.running = false;
        self.feed = None;
        self.monitor.pause();
    }

    /// Saves the day's figures now (the app is being closed by a stop signal), if work
    /// mode has loaded them.
    pub fn save_now(&mut self, unix_now_secs: f64) {
        if !self.loaded {
            return;
        }
        if let Some(store) = self.store.as_mut()
            && let Err(e) = store.save_work_day(self.day, self.monitor.day.figures(), unix_now_secs)
        {
            self.store_error = Some(e.to_string());
        }
    }

    /// Starts or stops the standing-meeting timer.
    pub fn toggle_meeting(&mut self, t_secs: f64) {
        if self.monitor.day.view().meeting_secs.is_some() {
            self.monitor.day.stop_meeting();
        } else {
            self.monitor.day.start_meeting(t_secs);
        }
    }

    /// The standing routine was done: a break.
    pub fn routine_done(&mut self) {
        self.monitor.day.record_break();
        self.shown = None;
    }

    /// Sets the sitting limit, minutes.
    pub fn set_limit_mins(&mut self, mins: f64) {
        self.monitor.day.set_sitting_limit_secs(mins * 60.0);
    }

    /// Today's figures as saved (for Home and History when work mode is not running).
    pub fn figures(&self) -> DayFigures {
        self.monitor.day.figures().clone()
    }

    /// Opens the day's row: a second connection to the history file (SQLite allows it)
    /// and today's figures, continued.
    fn load(&mut self, history: Option<&History>, day: i64) {
        self.loaded = true;
        self.day = day;
        let Some(h) = history else { return };
        let dir = h.path().parent().map(std::path::Path::to_path_buf);
        match dir.map(|d| History::open(&d)) {
            Some(Ok(store)) => {
                if let Ok(Some(f)) = store.work_day(day) {
                    let settings = self.monitor.day.settings().clone();
                    self.monitor.day = crate::work::WorkDay::resume(settings, f);
                }
                self.store = Some(store);
            }
            Some(Err(e)) => self.store_error = Some(e.to_string()),
            None => {}
        }
    }

    /// One step at app time `t_secs`: feed, frames, reminders, saving. Returns the
    /// newest frame for display.
    #[allow(clippy::too_many_arguments)]
    pub fn logic(
        &mut self,
        t_secs: f64,
        settings: &crate::history::Settings,
        history: Option<&History>,
        day: i64,
        unix_now_secs: f64,
        lang: Lang,
    ) -> Option<crate::pipeline::LiveFrame> {
        if !self.loaded {
            self.load(history, day);
        }
        if !self.running {
            return None;
        }
        if self.feed.is_none() && self.feed_error.is_none() {
            match (self.opener)(settings) {
                Ok(feed) => self.feed = Some(feed),
                Err(e) => self.feed_error = Some(e),
            }
        }
        let feed = self.feed.as_mut()?;
        let poses = feed.take_poses();
        let latest = feed.latest();
        let mut events: Vec<WorkEvent> = Vec::new();
        for frame in &poses {
            events.extend(self.monitor.update(frame).events);
        }
        for ev in &events {
            if let Some(n) = notification_for(ev, lang) {
                let notifier = self.notifier.clone();
                let shown = n.clone();
                // D-Bus may take a moment: never block the window on it.
                let _ = std::thread::Builder::new()
                    .name("notify".into())
                    .spawn(move || {
                        notifier.notify(&n);
                    });
                if shown.kind == "break_reminder" {
                    self.shown = Some(shown);
                }
            }
            if matches!(ev, WorkEvent::BreakTaken { .. }) {
                self.shown = None;
            }
        }
        let due = self
            .last_save_secs
            .is_none_or(|l| t_secs - l >= SAVE_EVERY_SECS);
        if (due || !events.is_empty())
            && let Some(store) = self.store.as_mut()
        {
            self.last_save_secs = Some(t_secs);
            if let Err(e) = store.save_work_day(self.day, self.monitor.day.figures(), unix_now_secs)
            {
                self.store_error = Some(e.to_string());
            }
        }
        latest
    }
}

//! `backcoach remind`: the daily reminder (decide and notify; install, remove, status).

use std::path::PathBuf;

use anyhow::Context as _;
use backcoach::exercise::ExerciseLibrary;
use backcoach::history::{HISTORY_FILE_NAME, History, default_data_dir};
use backcoach::i18n::Lang;
use backcoach::programme::{HistoryFacts, ProgrammeRules, plan_for_day};
use backcoach::remind::{
    Decision, ReminderFiles, Schedule, Scheduler, decide, install_reminder, secs_until_next,
    uninstall_reminder,
};
use backcoach::work::{ActionOutcome, DesktopNotifier, Notification};
use chrono::{Datelike as _, Timelike as _};

/// Options of `backcoach remind`.
#[derive(Debug, clap::Args)]
pub struct RemindArgs {
    /// Set the reminder up the way this desktop expects: a systemd user timer where
    /// systemd runs the user session, else an XDG autostart entry that waits for the time.
    #[arg(long, conflicts_with_all = ["uninstall", "status"])]
    install: bool,
    /// Remove the reminder.
    #[arg(long, conflicts_with = "status")]
    uninstall: bool,
    /// Say what is installed.
    #[arg(long)]
    status: bool,
    /// The time of day, HH:MM (with --install, --wait).
    #[arg(long, value_name = "HH:MM", default_value = "18:00")]
    at: String,
    /// The days, comma-separated (mon,tue,wed,thu,fri,sat,sun; default every day).
    #[arg(long, value_name = "DAYS", default_value = "")]
    days: String,
    /// With --install: use this scheduler instead of detecting one.
    #[arg(long, value_enum)]
    scheduler: Option<SchedulerArg>,
    /// Wait for the next reminder time, remind, and wait again (the autostart entry's
    /// mode; ends with the desktop session).
    #[arg(long)]
    wait: bool,
    /// Do not notify: print what would be done.
    #[arg(long)]
    dry_run: bool,
    /// Decide as at this local time (YYYY-MM-DDTHH:MM:SS), not now (for tests, with
    /// --dry-run).
    #[arg(long, value_name = "TIME")]
    now: Option<chrono::NaiveDateTime>,
    /// Print the decision as JSON.
    #[arg(long)]
    json: bool,
    /// Folder of the history database (default: the platform's data folder).
    #[arg(long, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// The language of the notification (default: the system locale's).
    #[arg(long, value_name = "en|da", value_parser = super::app::parse_lang)]
    lang: Option<Lang>,
    /// Also append each notification to this file as a JSON line.
    #[arg(long, value_name = "FILE")]
    notify_log: Option<PathBuf>,
}

/// `--scheduler`.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum SchedulerArg {
    Systemd,
    Autostart,
}

/// The user's config folder: `$XDG_CONFIG_HOME`, else `$HOME/.config`.
fn config_dir() -> anyhow::Result<PathBuf> {
    backcoach::remind::config_dir_from(|k| std::env::var_os(k))
        .context("HOME is not set: cannot find ~/.config")
}

/// Runs `backcoach remind`.
pub fn run(args: RemindArgs) -> anyhow::Result<()> {
    let schedule = Schedule::parse(&args.at, &args.days)?;
    let files = ReminderFiles::under(&config_dir()?);
    if args.status {
        match files.installed() {
            Some(Scheduler::Systemd) => {
                outln!("installed: systemd user timer {}", files.timer.display())?
            }
            Some(Scheduler::Autostart) => {
                outln!("installed: autostart entry {}", files.autostart.display())?
            }
            None => outln!("not installed (backcoach remind --install)")?,
        }
        return Ok(());
    }
    if args.uninstall {
        let done = uninstall_reminder(&files, true)?;
        for w in &done.warnings {
            eprintln!("warning: {w}");
        }
        if done.removed.is_empty() {
            outln!("nothing to remove: no reminder was installed")?;
        }
        for path in done.removed {
            outln!("removed {}", path.display())?;
        }
        return Ok(());
    }
    if args.install {
        let scheduler = args.scheduler.map(|s| match s {
            SchedulerArg::Systemd => Scheduler::Systemd,
            SchedulerArg::Autostart => Scheduler::Autostart,
        });
        let exe = std::env::current_exe().context("cannot find the backcoach program")?;
        let done = install_reminder(&files, scheduler, &exe, &schedule)?;
        for path in &done.written {
            outln!("wrote {}", path.display())?;
        }
        for w in &done.warnings {
            eprintln!("warning: {w}");
        }
        outln!(
            "the reminder comes at {} on {}",
            schedule.time_text(),
            schedule.days.join(", ")
        )?;
        return Ok(());
    }
    if args.wait {
        loop {
            let now = chrono::Local::now();
            let wait = secs_until_next(
                &schedule,
                now.weekday().num_days_from_monday(),
                now.num_seconds_from_midnight(),
            );
            std::thread::sleep(std::time::Duration::from_secs(u64::from(wait.max(1))));
            remind_once(&args)?;
            // Past the minute, so the same time is not taken twice.
            std::thread::sleep(std::time::Duration::from_secs(61));
        }
    }
    remind_once(&args)
}

/// Decides now (or at `--now`) and notifies (or, with `--dry-run`, prints only).
fn remind_once(args: &RemindArgs) -> anyhow::Result<()> {
    let offset = i64::from(chrono::Local::now().offset().local_minus_utc());
    let (now_unix, date) = match args.now {
        Some(t) => ((t.and_utc().timestamp() - offset) as f64, t.date()),
        None => {
            let now = chrono::Local::now();
            (now.timestamp() as f64, now.date_naive())
        }
    };
    let library = ExerciseLibrary::load_default().context("cannot load the exercises")?;
    let rules = ProgrammeRules::load_default().context("cannot load the programme rules")?;
    let data_dir = match &args.data_dir {
        Some(dir) => dir.clone(),
        None => default_data_dir()?,
    };
    // Reading only: a reminder never creates a history.
    let (sessions, pain, facts) = if data_dir.join(HISTORY_FILE_NAME).is_file() {
        let history = History::open(&data_dir)?;
        (
            history.sessions()?,
            history.pain_reports()?,
            HistoryFacts::read(&history, offset)?,
        )
    } else {
        Default::default()
    };
    let lang = args
        .lang
        .unwrap_or_else(|| backcoach::i18n::system_lang(|k| std::env::var(k).ok()));
    let plan = plan_for_day(
        &library,
        &rules,
        &facts,
        backcoach::programme::day_of_date(date),
    );
    let decision = decide(now_unix, offset, &sessions, &pain, &plan, &library, lang);
    if args.json {
        outln!("{}", serde_json::to_string(&decision)?)?;
    } else if !decision.notify {
        outln!("no reminder: {}", decision.reason)?;
    } else {
        outln!("{}: {}", decision.title, decision.body)?;
    }
    if decision.notify && !args.dry_run {
        notify(args, &decision);
    }
    Ok(())
}

/// How long the reminder waits for a click on its button before it gives up (the
/// notification may still be on screen; the coach can always be opened by hand).
const ACTION_WAIT: std::time::Duration = std::time::Duration::from_secs(60 * 60);

fn notify(args: &RemindArgs, decision: &Decision) {
    let notifier = DesktopNotifier {
        log_path: args.notify_log.clone(),
        log_only: false,
    };
    let notification = Notification {
        t_secs: 0.0,
        kind: format!("daily_{}", decision.reason),
        title: decision.title.clone(),
        body: decision.body.clone(),
    };
    let Some(label) = &decision.action else {
        notifier.notify(&notification);
        return;
    };
    let (_, outcome) = notifier.notify_with_action(&notification, label, ACTION_WAIT);
    if outcome == ActionOutcome::Clicked {
        open_coach(args);
    }
}

/// Starts the coach (this same program, no subcommand), which opens on Home with today's
/// plan; the reminder does not wait for it.
fn open_coach(args: &RemindArgs) {
    let started = std::env::current_exe().and_then(|exe| {
        let mut cmd = std::process::Command::new(exe);
        cmd.args(coach_args(args.data_dir.as_deref()));
        cmd.spawn()
    });
    if let Err(e) = started {
        eprintln!("backcoach: cannot open the coach: {e}. Start backcoach from the menu.");
    }
}

/// The coach's command-line arguments for the reminder's click: the same history.
fn coach_args(data_dir: Option<&std::path::Path>) -> Vec<std::ffi::OsString> {
    match data_dir {
        Some(dir) => vec!["--data-dir".into(), dir.as_os_str().to_owned()],
        None => Vec::new(),
    }
}

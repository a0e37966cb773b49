//! `backcoach report`: the progress report for a therapist, as HTML (in `--lang`, default
//! the system locale's language) or JSON (figures the same in every language; the
//! programme's exercise names and reasons in `--lang`).

use std::io::Write as _;
use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::Context as _;
use backcoach::history::{HISTORY_FILE_NAME, History, default_data_dir};
use backcoach::i18n::Lang;
use backcoach::progress::{ReportOptions, build_report, render_html_in};

/// Output format of the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One self-contained, printable HTML page with charts.
    Html,
    /// The same figures as JSON.
    Json,
}

/// Options of `backcoach report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Folder of the history database (default: the platform's data folder).
    #[arg(long, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Only the last DAYS days, today included (default: the whole history).
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..))]
    since: Option<u32>,
    /// Where to write the report (default: report.html for HTML, standard output for JSON).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// html or json.
    #[arg(long, value_enum, default_value_t = Format::Html)]
    format: Format,
    /// The language of the HTML page (default: the system locale's); in the JSON, only the
    /// programme's exercise names and reasons change.
    #[arg(long, value_name = "en|da", value_parser = super::app::parse_lang)]
    lang: Option<Lang>,
    /// Report as of this time (seconds since the Unix epoch) instead of now: for
    /// reproducible reports and tests.
    #[arg(long, value_name = "UNIX_SECS", hide = true)]
    now: Option<f64>,
}

/// Writes the report.
pub fn run(args: ReportArgs) -> anyhow::Result<()> {
    let data_dir = match args.data_dir {
        Some(dir) => dir,
        None => default_data_dir()?,
    };
    // A report never creates a history.
    if !data_dir.join(HISTORY_FILE_NAME).is_file() {
        anyhow::bail!(
            "there is no history in {} yet. Exercise with backcoach first, or pass the folder \
             that holds {HISTORY_FILE_NAME} with --data-dir DIR",
            data_dir.display()
        );
    }
    let history = History::open(&data_dir)?;
    let now_unix_secs = match args.now {
        Some(t) => t,
        None => SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs_f64())
            .unwrap_or(0.0),
    };
    let options = ReportOptions {
        now_unix_secs,
        utc_offset_secs: i64::from(chrono::Local::now().offset().local_minus_utc()),
        since_days: args.since,
        lang: args
            .lang
            .unwrap_or_else(|| backcoach::i18n::system_lang(|k| std::env::var(k).ok())),
    };
    let report = build_report(&history, &options)?;
    let text = match args.format {
        Format::Html => render_html_in(&report, options.lang),
        Format::Json => serde_json::to_string_pretty(&report)? + "\n",
    };
    let out = match (args.out, args.format) {
        (Some(path), _) => Some(path),
        (None, Format::Html) => Some(PathBuf::from("report.html")),
        (None, Format::Json) => None,
    };
    match out {
        Some(path) => {
            std::fs::write(&path, text)
                .with_context(|| format!("cannot write the report {}", path.display()))?;
            eprintln!("Report written to {}", path.display());
        }
        None => std::io::stdout()
            .write_all(text.as_bytes())
            .context("cannot write the report to standard output")?,
    }
    Ok(())
}

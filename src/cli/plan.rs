//! `backcoach plan`: today's programme, with the reason for each exercise's sets and reps.

use std::path::PathBuf;

use anyhow::Context as _;
use backcoach::exercise::ExerciseLibrary;
use backcoach::history::{ExerciseOverride, HISTORY_FILE_NAME, History, default_data_dir};
use backcoach::i18n::Lang;
use backcoach::programme::{
    HistoryFacts, ProgrammeRules, category_name, day_of_date, plan_for_day,
};
use backcoach::session::REPS_RANGE;

/// Options of `backcoach plan`.
#[derive(Debug, clap::Args)]
pub struct PlanArgs {
    /// The plan for this local date, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<chrono::NaiveDate>,
    /// Folder of the history database (default: the platform's data folder).
    #[arg(long, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Print the plan as JSON: {"date", "exercises": [{"id", "name", "category", "sets",
    /// "reps", "reason", "reason_code"}]}.
    #[arg(long)]
    json: bool,
    /// The language of the names and reasons (default: the system locale's).
    #[arg(long, value_name = "en|da", value_parser = super::app::parse_lang)]
    lang: Option<Lang>,
    /// A folder of exercise files instead of the built-in exercises.
    #[arg(long, value_name = "DIR")]
    exercises: Option<PathBuf>,
    /// A programme rules file instead of the built-in rules
    /// (exercises/programme/rules.toml).
    #[arg(long, value_name = "FILE")]
    rules: Option<PathBuf>,
    /// Keep your own sets and reps for an exercise (e.g. knee-bend=3x8; sets 1-10, reps
    /// 5-10), stored in the history; the plan shows them instead of the programme's.
    #[arg(long, value_name = "ID=SETSxREPS", value_parser = parse_choice)]
    choose: Vec<(String, ExerciseOverride)>,
    /// Drop your own sets and reps for an exercise: the programme's again.
    #[arg(long, value_name = "ID")]
    unchoose: Vec<String>,
}

/// Parses `--choose ID=SETSxREPS`.
fn parse_choice(s: &str) -> Result<(String, ExerciseOverride), String> {
    let (id, choice) = s
        .split_once('=')
        .ok_or_else(|| format!("expected ID=SETSxREPS (knee-bend=3x8), found {s:?}"))?;
    let choice = ExerciseOverride::parse(choice)
        .ok_or_else(|| format!("expected SETSxREPS after '=' (3x8), found {choice:?}"))?;
    if !(1..=10).contains(&choice.sets) || !REPS_RANGE.contains(&choice.reps) {
        return Err(format!(
            "expected 1-10 sets of {}-{} reps, found {}",
            REPS_RANGE.start(),
            REPS_RANGE.end(),
            choice.to_text()
        ));
    }
    Ok((id.trim().to_owned(), choice))
}

/// Prints the plan.
pub fn run(args: PlanArgs) -> anyhow::Result<()> {
    let library = match &args.exercises {
        Some(dir) => ExerciseLibrary::load_dir(dir),
        None => ExerciseLibrary::load_default(),
    }
    .context("cannot load the exercises")?;
    let rules = match &args.rules {
        Some(path) => ProgrammeRules::load(path),
        None => ProgrammeRules::load_default(),
    }
    .context("cannot load the programme rules")?;
    let data_dir = match args.data_dir {
        Some(dir) => dir,
        None => default_data_dir()?,
    };
    let utc_offset_secs = i64::from(chrono::Local::now().offset().local_minus_utc());
    if !args.choose.is_empty() || !args.unchoose.is_empty() {
        let mut history = History::open(&data_dir)?;
        for (id, choice) in &args.choose {
            library.require(id)?;
            history.set_exercise_override(id, Some(*choice))?;
        }
        for id in &args.unchoose {
            library.require(id)?;
            history.set_exercise_override(id, None)?;
        }
    }
    // Otherwise a plan never creates a history: without one, every exercise starts afresh.
    let facts = if data_dir.join(HISTORY_FILE_NAME).is_file() {
        HistoryFacts::read(&History::open(&data_dir)?, utc_offset_secs)?
    } else {
        HistoryFacts::default()
    };
    let date = args
        .date
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let lang = args
        .lang
        .unwrap_or_else(|| backcoach::i18n::system_lang(|k| std::env::var(k).ok()));
    let plan = plan_for_day(&library, &rules, &facts, day_of_date(date));
    let document = plan.document(&library, &rules, lang);
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&document)?)?;
        return Ok(());
    }
    outln!("{}", document.date)?;
    for e in &document.exercises {
        outln!(
            "  {} ({}): {} × {}\n    {}",
            e.name,
            category_name(e.category, lang),
            e.sets,
            e.reps,
            e.reason
        )?;
    }
    Ok(())
}

//! `backcoach doctor`: checks this machine and prints one line per check, with a fix.

use std::io::Write as _;
use std::path::PathBuf;

use backcoach::doctor::{DoctorOptions, Status, all_needed_parts_work, run_checks};
use backcoach::engine::default_models_dir;
use backcoach::history::default_data_dir;

/// Options of `backcoach doctor`.
#[derive(Debug, clap::Args)]
pub struct DoctorArgs {
    /// Folder of the history database (default: the platform's data folder).
    #[arg(long, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Folder with the .onnx models (default: the shipped models).
    #[arg(long, value_name = "DIR")]
    models_dir: Option<PathBuf>,
}

/// Runs the checks; fails (exit code 1) when something every use needs is broken.
pub fn run(args: DoctorArgs) -> anyhow::Result<()> {
    let options = DoctorOptions {
        models_dir: args.models_dir.unwrap_or_else(default_models_dir),
        data_dir: match args.data_dir {
            Some(dir) => dir,
            None => default_data_dir()?,
        },
    };
    let checks = run_checks(&options);
    let mut text = String::new();
    for check in &checks {
        text += &format!(
            "{:<5} {:<13} {}\n",
            check.status.label(),
            check.name,
            check.message
        );
        if let Some(fix) = &check.fix {
            text += &format!("{:<19} fix: {fix}\n", "");
        }
    }
    let works = all_needed_parts_work(&checks);
    text += if works {
        "backcoach can run here. Nothing was changed.\n"
    } else {
        "Nothing was changed or deleted.\n"
    };
    // A closed pipe (`backcoach doctor | head`) is not an error of the checks.
    let _ = std::io::stdout().write_all(text.as_bytes());
    if works {
        Ok(())
    } else {
        let failed = checks.iter().filter(|c| c.status == Status::Fail).count();
        anyhow::bail!("doctor: {failed} check(s) failed; see the fix lines above")
    }
}

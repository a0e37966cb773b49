//! The `backcoach` binary: parses arguments, hands over to the library, prints errors once.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("backcoach: {e:#}");
            ExitCode::FAILURE
        }
    }
}

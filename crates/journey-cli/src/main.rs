//! `journey`: runs, checks, calibrates and optimises CX journey scenarios
//! from the command line, on top of the `journey-core` engine, and reads
//! and makes the app's share links.
//!
//! Every command writes its result to stdout (or `--out`) only once it has
//! succeeded; anything that goes wrong is one message on stderr and a
//! non-zero exit (see [`failure::Failure`]), never a panic.

mod cli;
mod expected;
mod failure;
mod fit_retention;
mod input;
mod link;
mod optimize;
mod output;
mod parallel;
mod progress;
mod run;
mod scenario;
mod sensitivity;
mod validate;

use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;

use cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_error(&e),
    };
    let result = match cli.command {
        Command::Run(args) => run::run(&args),
        Command::Expected(args) => expected::expected(&args),
        Command::Validate(args) => validate::validate(&args),
        Command::FitRetention(args) => fit_retention::fit_retention(&args),
        Command::Optimize(args) => optimize::optimize(&args),
        Command::Sensitivity(args) => sensitivity::sensitivity(&args),
        Command::Link(args) => link::link(&args),
        Command::Scenario(args) => scenario::scenario(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            if let Some(message) = failure.message() {
                failure::say(&message);
            }
            ExitCode::from(failure.exit_code())
        }
    }
}

/// Help and version go to stdout with exit 0; usage errors to stderr as
/// `journey: ...` with exit 2.
fn clap_error(e: &clap::Error) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            // Styled only when stdout is a terminal.
            match e.print() {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(_) => ExitCode::from(failure::IO),
            }
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            failure::say_raw(&e.render().to_string());
            ExitCode::from(failure::USAGE)
        }
        _ => {
            let text = e.render().to_string();
            let text = text.strip_prefix("error: ").unwrap_or(&text);
            failure::say(text.trim_end());
            ExitCode::from(failure::USAGE)
        }
    }
}

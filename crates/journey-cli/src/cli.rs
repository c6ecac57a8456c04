//! The command line: subcommands, flags, defaults and help texts.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "journey",
    version,
    about = "Simulate CX journey scenarios: Monte Carlo runs, exact expectations, \
             validation and retention calibration",
    long_about = None,
    after_help = "FILE is a scenario in JSON (\"schema\": 1), or - to read one from stdin.\n\
                  Exit status: 0 success, 1 a file could not be read or written,\n\
                  2 invalid input or usage. `journey help COMMAND` tells more."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Monte Carlo run of the baseline and every investment scenario
    #[command(
        long_about = "Monte Carlo run of the baseline and every investment scenario.\n\n\
                      Prints a JSON report: every result as mean, sd, p05, p50, p95 across \
                      trials, the monthly series as mean, p05, p50, p95 per month, and each \
                      scenario's uplift against the baseline. The same FILE, --trials and \
                      --seed give identical output whatever the number of --threads."
    )]
    Run(RunArgs),
    /// Exact expected values, without sampling
    #[command(long_about = "Exact expected values, without sampling.\n\n\
                      Every uncertain value at its mean and every random draw replaced by \
                      its expectation: one number per result and one per month, for the \
                      baseline and every investment scenario. Fast, and what a Monte Carlo \
                      run's mean converges to when the scenario has no ranges.")]
    Expected(ExpectedArgs),
    /// Check a scenario file and list every problem
    #[command(long_about = "Check a scenario file and list every problem.\n\n\
                      Prints `FILE: valid (N stages, M scenarios)` and exits 0, or lists \
                      every problem on stderr as `field: message`, one per line, and \
                      exits 2.")]
    Validate(ValidateArgs),
    /// Fit sBG retention (alpha, beta) to an observed survival curve
    #[command(
        long_about = "Fit sBG retention (alpha, beta) to an observed survival curve.\n\n\
                      Maximum-likelihood fit of the shifted-beta-geometric model (Fader & \
                      Hardie 2007) to the share of a cohort still there month after month, \
                      and its projection. Prints JSON with alpha, beta, log_likelihood, the \
                      observed and fitted curves and the projection; alpha and beta go into a \
                      stage's `\"drop\": {\"sbg\": {\"alpha\": ..., \"beta\": ...}}`."
    )]
    FitRetention(FitArgs),
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The full report as JSON
    #[default]
    Json,
    /// The monthly series as CSV, one row per variant and month
    Csv,
}

#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// Write to PATH instead of stdout (replaced only once the command has succeeded)
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Scenario file (JSON), or - for stdin
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Number of trials, 1 to 1000000
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    pub trials: u64,
    /// Random seed: the same seed gives the same results
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
    /// Worker threads (at most 256) [default: all cores]; results do not depend on it
    #[arg(long, value_name = "N")]
    pub threads: Option<u64>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct ExpectedArgs {
    /// Scenario file (JSON), or - for stdin
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Scenario file (JSON), or - for stdin
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("curve").required(true).args(["survival", "counts"]))]
pub struct FitArgs {
    /// Percent of the cohort still there, month 0 (100) first: 100,63.1,46.8,...
    #[arg(long, value_name = "PERCENTS", num_args = 1.., allow_negative_numbers = true)]
    pub survival: Vec<String>,
    /// People still there, the cohort size first: 1000,631,468,...
    #[arg(long, value_name = "COUNTS", num_args = 1.., allow_negative_numbers = true)]
    pub counts: Vec<String>,
    /// Months to project the fitted curve
    #[arg(long, value_name = "MONTHS", default_value_t = 36)]
    pub horizon: u32,
}

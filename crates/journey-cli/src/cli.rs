//! The command line: subcommands, flags, defaults and help texts.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "journey",
    version,
    about = "Simulate CX journey scenarios: Monte Carlo runs, exact expectations, \
             validation, retention calibration, budget optimisation and sensitivity",
    long_about = None,
    after_help = "FILE is a scenario in JSON (\"schema\": 1), - to read one from stdin, or\n\
                  a share link from the app ('https://…#v1.…', quoted for the shell),\n\
                  or a file (or stdin) holding one.\n\
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
                      --seed give identical output whatever the number of --threads. A share \
                      link from the app runs with the link's seed and trials unless the flags \
                      say otherwise, so it prints the numbers the link shows."
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
                      Prints `FILE: valid (N stages, M scenarios)` and exits 0, or prints \
                      `journey: FILE is not a valid scenario (N problems):` on stderr, then \
                      every problem as `field: message`, one per line (a JSON syntax error \
                      or a repeated key gives its line and column instead), and exits 2.")]
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
    /// Split a monthly budget across departments and hand-offs for the most NPV uplift
    #[command(
        long_about = "Split a monthly budget across departments and hand-offs for the \
                      most expected NPV uplift.\n\n\
                      Greedy allocation in steps of BUDGET/STEPS, then moves of one step \
                      between places until none helps, in exact `expected` mode. Prints JSON: \
                      the spend per place, the expected NPV uplift, investment PV and ROI, the \
                      frontier (best uplift for budgets 0, one step, ..., BUDGET), the return \
                      of one more step in each place, and `scenario`, the allocation as an \
                      entry for the file's `scenarios` list. A place's half-friction spend \
                      comes from --half-friction-spend PLACE=X, else from the first \
                      investment in that place, else from --half-friction-spend X."
    )]
    Optimize(OptimizeArgs),
    /// Tornado of one outcome against every input, and the value of information
    #[command(
        long_about = "Tornado of one outcome against every input, and the value of \
                      information.\n\n\
                      Each input in turn at its low and high end (the ends of a range, or \
                      ±20% of a point value) with everything else at its mean, in exact \
                      `expected` mode; rows sorted by swing. Then, for each uncertain input, \
                      the expected value of perfect information (EVPI) for the choice between \
                      doing nothing and each scenario: how much knowing that value before \
                      deciding is worth."
    )]
    Sensitivity(SensitivityArgs),
    /// Make the app's share link to a scenario, seed and trial count
    #[command(
        long_about = "Make the app's share link to a scenario, seed and trial count.\n\n\
                      Prints the link that opens the app on FILE and runs it with --seed and \
                      --trials, the link the app's \"Copy share link\" gives: the app's \
                      address from --site followed by #v1. and the scenario, compressed. \
                      Without --site it prints the part from # on, to paste after the address \
                      where the app is served. The scenario is checked first, like validate."
    )]
    Link(LinkArgs),
    /// Write the scenario a share link holds, as a scenario file
    #[command(
        long_about = "Write the scenario a share link holds, as a scenario file.\n\n\
                      Prints the scenario of LINK as the app's \"Export scenario\" writes it, \
                      even when it breaks a rule of the model (each problem is then named on \
                      stderr, and the exit status is still 0). The link's seed and trial count \
                      are not part of a scenario: `journey run LINK` uses them."
    )]
    Scenario(ScenarioArgs),
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
    /// Write to PATH instead of stdout (replaced only once the command has succeeded; never the scenario FILE; a link is followed)
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Scenario file (JSON), - for stdin, or a share link from the app
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[command(flatten)]
    pub settings: SeedAndTrials,
    /// Worker threads (more than 256 count as 256) [default: all cores]; results do not depend on it
    #[arg(long, allow_negative_numbers = true,
        value_parser = whole_u64, value_name = "N")]
    pub threads: Option<u64>,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// A run's size and seed: a share link's unless given.
#[derive(Debug, Args)]
pub struct SeedAndTrials {
    /// Number of trials, 1 to 1000000 [default: 10000, or the link's]
    #[arg(
        long,
        allow_negative_numbers = true,
        value_parser = whole_trials,
        value_name = "N"
    )]
    pub trials: Option<u64>,
    /// Random seed: the same seed gives the same results [default: 1, or the link's]
    #[arg(
        long,
        allow_negative_numbers = true,
        value_parser = whole_u64,
        value_name = "S"
    )]
    pub seed: Option<u64>,
}

#[derive(Debug, Args)]
pub struct ExpectedArgs {
    /// Scenario file (JSON), - for stdin, or a share link from the app
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Scenario file (JSON), - for stdin, or a share link from the app
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
    #[arg(
        long,
        allow_negative_numbers = true,
        value_parser = whole_u32,
        value_name = "MONTHS",
        default_value_t = 36
    )]
    pub horizon: u32,
}

#[derive(Debug, Args)]
pub struct OptimizeArgs {
    /// Scenario file (JSON), - for stdin, or a share link from the app
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Monthly budget to allocate, in the scenario's currency
    #[arg(long, allow_negative_numbers = true, value_name = "B")]
    pub budget: f64,
    /// Places that may receive money: department ids and hand-offs FROM>TO, comma-separated, quoted for the shell [default: every place with a known half-friction spend]
    #[arg(long, value_name = "PLACES", value_delimiter = ',')]
    pub places: Vec<String>,
    /// The budget moves in steps of B/N
    #[arg(
        long,
        allow_negative_numbers = true,
        value_parser = whole_u32,
        value_name = "N",
        default_value_t = 20
    )]
    pub steps: u32,
    /// Monthly spend that halves friction: X for every place no investment names, or PLACE=X (comma-separated)
    #[arg(
        long,
        allow_negative_numbers = true,
        value_name = "X",
        value_delimiter = ','
    )]
    pub half_friction_spend: Vec<String>,
    /// Keep this scenario's investments and add the budget on top
    #[arg(long, value_name = "SCENARIO")]
    pub base: Option<String>,
    /// First month of spending
    #[arg(
        long,
        allow_negative_numbers = true,
        value_parser = whole_u32,
        value_name = "MONTH",
        default_value_t = 1
    )]
    pub start_month: u32,
    /// Months for the spending to reach full effect
    #[arg(
        long,
        allow_negative_numbers = true,
        value_parser = whole_u32,
        value_name = "MONTHS",
        default_value_t = 0
    )]
    pub ramp_months: u32,
    /// Write to PATH instead of stdout (replaced only once the command has succeeded; never the scenario FILE; a link is followed)
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SensitivityArgs {
    /// Scenario file (JSON), - for stdin, or a share link from the app
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// npv-uplift:SCENARIO, clv or retention [default: npv-uplift of the first scenario, or clv without scenarios]
    #[arg(long, value_name = "OUTCOME")]
    pub outcome: Option<String>,
    /// Write to PATH instead of stdout (replaced only once the command has succeeded; never the scenario FILE; a link is followed)
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct LinkArgs {
    /// Scenario file (JSON), - for stdin, or a share link from the app
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[command(flatten)]
    pub settings: SeedAndTrials,
    // The help as an attribute: rustdoc would take the address for a link.
    #[arg(
        long,
        value_name = "URL",
        help = "The app's address, such as https://cx.example.org/ [default: none: print #v1.… alone]"
    )]
    pub site: Option<String>,
}

#[derive(Debug, Args)]
pub struct ScenarioArgs {
    /// A share link from the app ('https://…#v1.…', quoted for the shell), or a file (- for stdin) holding one
    #[arg(value_name = "LINK")]
    pub link: PathBuf,
    /// Write to PATH instead of stdout (replaced only once the command has succeeded; a link is followed)
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
}

/// A whole number option: a negative or fractional value is named as such,
/// rather than taken for another option.
fn whole_u64(text: &str) -> Result<u64, String> {
    text.parse()
        .map_err(|_| format!("expected a whole number from 0 to {}", u64::MAX))
}

fn whole_u32(text: &str) -> Result<u32, String> {
    text.parse()
        .map_err(|_| format!("expected a whole number from 0 to {}", u32::MAX))
}

fn whole_trials(text: &str) -> Result<u64, String> {
    text.parse().map_err(|_| {
        format!(
            "expected a whole number of trials from 1 to {}",
            journey_core::MAX_TRIALS
        )
    })
}

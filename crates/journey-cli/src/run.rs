//! `journey run`: the Monte Carlo report of a scenario.

use journey_core::{DEFAULT_SEED, DEFAULT_TRIALS, MAX_TRIALS, csv};

use crate::cli::{Format, RunArgs, SeedAndTrials};
use crate::failure::Failure;
use crate::input::{self, Linked};
use crate::output::{Output, json};
use crate::parallel;
use crate::progress::Progress;

pub fn run(args: &RunArgs) -> Result<(), Failure> {
    let asked = asked(&args.settings)?;
    let threads = threads(args.threads)?;
    let (journey, linked) = input::read_run(&args.file)?;
    let (seed, trials) = seed_and_trials(asked, linked.as_ref())?;
    let output = Output::open(args.output.out.as_deref(), &args.file)?;

    let mut progress = Progress::new(trials);
    let partial = parallel::run(&journey, seed, trials, threads, |done| {
        progress.update(done)
    });
    progress.finish();

    let report = partial.report(&journey, seed);
    let text = match args.output.format {
        Format::Json => json(&report)?,
        Format::Csv => csv::run_table(&report),
    };
    output.finish(&text)
}

/// The run's seed and trial count: the flags' where given, else a share
/// link's (so `journey run LINK` prints the numbers the link shows), else
/// the app's defaults.
pub fn seed_and_trials(
    (seed, trials): (Option<u64>, Option<u32>),
    linked: Option<&Linked>,
) -> Result<(u64, u32), Failure> {
    let seed = seed.unwrap_or(linked.map_or(DEFAULT_SEED, |l| l.run.seed));
    let trials = match (trials, linked) {
        (Some(n), _) => n,
        (None, None) => DEFAULT_TRIALS,
        (None, Some(linked)) => match &linked.trials_problem {
            Some(problem) => {
                return Err(Failure::Invalid(format!(
                    "{problem}; choose a number with --trials"
                )));
            }
            None => linked.run.trials,
        },
    };
    Ok((seed, trials))
}

/// The seed and trial count the flags ask for, checked before any work.
pub fn asked(settings: &SeedAndTrials) -> Result<(Option<u64>, Option<u32>), Failure> {
    Ok((settings.seed, settings.trials.map(trials).transpose()?))
}

/// A `--trials` value, checked against the engine's limits.
fn trials(n: u64) -> Result<u32, Failure> {
    if n == 0 {
        return Err(Failure::Invalid("--trials must be at least 1".to_string()));
    }
    match u32::try_from(n) {
        Ok(n) if n <= MAX_TRIALS => Ok(n),
        _ => Err(Failure::Invalid(format!(
            "--trials {n} is above the limit of {MAX_TRIALS}"
        ))),
    }
}

/// The thread count: as given, or every core. Results do not depend on it,
/// and [`parallel::run`] caps it, so asking for many is harmless.
fn threads(n: Option<u64>) -> Result<u32, Failure> {
    match n {
        Some(0) => Err(Failure::Invalid("--threads must be at least 1".to_string())),
        Some(n) => Ok(u32::try_from(n).unwrap_or(u32::MAX)),
        None => Ok(std::thread::available_parallelism()
            .map_or(1, |n| u32::try_from(n.get()).unwrap_or(u32::MAX))),
    }
}

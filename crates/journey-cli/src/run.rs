//! `journey run`: the Monte Carlo report of a scenario.

use journey_core::{MAX_TRIALS, csv};

use crate::cli::{Format, RunArgs};
use crate::failure::Failure;
use crate::output::{Output, json};
use crate::progress::Progress;
use crate::{input, parallel};

pub fn run(args: &RunArgs) -> Result<(), Failure> {
    let trials = trials(args.trials)?;
    let threads = threads(args.threads)?;
    let journey = input::read_journey(&args.file)?;
    let output = Output::open(args.output.out.as_deref(), &args.file)?;

    let mut progress = Progress::new(trials);
    let partial = parallel::run(&journey, args.seed, trials, threads, |done| {
        progress.update(done)
    });
    progress.finish();

    let report = partial.report(&journey, args.seed);
    let text = match args.output.format {
        Format::Json => json(&report)?,
        Format::Csv => csv::run_table(&report),
    };
    output.finish(&text)
}

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

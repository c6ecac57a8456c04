//! `journey validate`: checks a scenario and lists every problem.

use crate::cli::ValidateArgs;
use crate::failure::{Failure, count};
use crate::input;
use crate::output::Output;

pub fn validate(args: &ValidateArgs) -> Result<(), Failure> {
    let journey = input::read_journey(&args.file)?;
    let scenario = journey.scenario();
    Output::Stdout.finish(&format!(
        "{}: valid ({}, {})\n",
        input::name(&args.file),
        count(scenario.stages.len(), "stage"),
        count(scenario.scenarios.len(), "scenario"),
    ))
}

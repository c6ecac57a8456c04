//! `journey validate`: checks a scenario and lists every problem.

use journey_core::Journey;

use crate::cli::ValidateArgs;
use crate::failure::{Failure, count};
use crate::input;
use crate::output::Output;

pub fn validate(args: &ValidateArgs) -> Result<(), Failure> {
    let text = input::read_text(&args.file)?;
    let journey = Journey::from_json(&text)
        .map_err(|problems| input::invalid_scenario(&args.file, &problems))?;
    let scenario = journey.scenario();
    Output::Stdout.finish(&format!(
        "{}: valid ({}, {})\n",
        input::name(&args.file),
        count(scenario.stages.len(), "stage"),
        count(scenario.scenarios.len(), "scenario"),
    ))
}

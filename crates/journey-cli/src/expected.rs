//! `journey expected`: the exact deterministic expectation of a scenario.

use crate::cli::{ExpectedArgs, Format};
use crate::failure::Failure;
use crate::input;
use crate::output::{Output, json};
use journey_core::csv;

pub fn expected(args: &ExpectedArgs) -> Result<(), Failure> {
    let journey = input::read_journey(&args.file)?;
    let output = Output::open(args.output.out.as_deref(), &args.file)?;
    let report = journey_core::expected(&journey);
    let text = match args.output.format {
        Format::Json => json(&report)?,
        Format::Csv => csv::expected_table(&report),
    };
    output.finish(&text)
}

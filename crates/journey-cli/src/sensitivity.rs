//! `journey sensitivity`: the tornado of one outcome and each uncertain
//! input's value of information.

use journey_core::Journey;
use journey_core::sensitivity::{Measure, Sensitivity, sensitivity as analyse};
use serde::Serialize;

use crate::cli::SensitivityArgs;
use crate::failure::Failure;
use crate::input;
use crate::output::{Output, json};

#[derive(Serialize)]
struct Answer<'a> {
    mode: &'static str,
    currency: &'a str,
    #[serde(flatten)]
    sensitivity: &'a Sensitivity,
}

pub fn sensitivity(args: &SensitivityArgs) -> Result<(), Failure> {
    let journey = input::read_journey(&args.file)?;
    let output = Output::open(args.out.as_deref(), &args.file)?;
    let measure = match &args.outcome {
        Some(text) => measure(text)?,
        None => default_measure(&journey),
    };
    let result =
        analyse(&journey, &measure).map_err(|e| Failure::Invalid(format!("--outcome: {e}")))?;
    output.finish(&json(&Answer {
        mode: "expected",
        currency: &journey.scenario().currency,
        sensitivity: &result,
    })?)
}

/// `npv-uplift:NAME`, `clv` or `retention`.
fn measure(text: &str) -> Result<Measure, Failure> {
    let trimmed = text.trim();
    if let Some(name) = trimmed.strip_prefix("npv-uplift:") {
        return Ok(Measure::NpvUplift(name.trim().to_string()));
    }
    match trimmed {
        "clv" => Ok(Measure::Clv),
        "retention" | "retention-12m" => Ok(Measure::Retention12m),
        _ => {
            let shown: String = trimmed.chars().take(40).collect();
            Err(Failure::Invalid(format!(
                "--outcome: {shown:?} is not npv-uplift:SCENARIO, clv or retention"
            )))
        }
    }
}

/// The first scenario's NPV uplift, or CLV when there is no scenario.
fn default_measure(journey: &Journey) -> Measure {
    journey
        .variant_names()
        .get(1)
        .map_or(Measure::Clv, |name| Measure::NpvUplift(name.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_are_read_by_name() {
        assert_eq!(
            measure("npv-uplift: Fix onboarding").unwrap(),
            Measure::NpvUplift("Fix onboarding".into())
        );
        assert_eq!(measure("clv").unwrap(), Measure::Clv);
        assert_eq!(measure(" retention ").unwrap(), Measure::Retention12m);
        let Err(Failure::Invalid(message)) = measure("npv") else {
            panic!("npv alone names no scenario");
        };
        assert_eq!(
            message,
            "--outcome: \"npv\" is not npv-uplift:SCENARIO, clv or retention"
        );
    }
}

//! `journey fit-retention`: the sBG fit of an observed survival curve.

use journey_core::calibration::{SurvivalData, fit_sbg};

use crate::cli::FitArgs;
use crate::failure::Failure;
use crate::output::{Output, json};

pub fn fit_retention(args: &FitArgs) -> Result<(), Failure> {
    let (flag, data) = if args.counts.is_empty() {
        let text = args.survival.join(" ");
        let data = SurvivalData::parse(&text).map_err(|e| invalid("--survival", &e))?;
        ("--survival", data)
    } else {
        ("--counts", counts(&args.counts.join(" "))?)
    };
    let fit = fit_sbg(&data, args.horizon).map_err(|e| match e {
        journey_core::calibration::FitError::HorizonTooLong { .. } => invalid("--horizon", &e),
        _ => invalid(flag, &e),
    })?;
    Output::Stdout.finish(&json(&fit)?)
}

fn invalid(flag: &str, e: &impl std::fmt::Display) -> Failure {
    Failure::Invalid(format!("{flag}: {e}"))
}

/// Cohort counts: whole numbers separated by commas, semicolons or spaces
/// (as for percentages), read as counts even when the first is 100.
fn counts(text: &str) -> Result<SurvivalData, Failure> {
    let values = text
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .enumerate()
        .map(|(i, token)| {
            token.parse::<u64>().map_err(|_| {
                let shown: String = token.chars().take(40).collect();
                Failure::Invalid(format!(
                    "--counts: value {} (\"{shown}\") is not a whole number of people",
                    i + 1
                ))
            })
        })
        .collect::<Result<Vec<u64>, Failure>>()?;
    Ok(SurvivalData::Counts(values))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_accept_any_separator_and_refuse_fractions() {
        assert_eq!(
            counts("100, 63;46\n38").unwrap(),
            SurvivalData::Counts(vec![100, 63, 46, 38])
        );
        let Err(Failure::Invalid(message)) = counts("1000,63.1") else {
            panic!("a fraction is not a count");
        };
        assert_eq!(
            message,
            "--counts: value 2 (\"63.1\") is not a whole number of people"
        );
    }
}

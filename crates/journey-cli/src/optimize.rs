//! `journey optimize`: the split of a monthly budget across places with the
//! most expected NPV uplift.

use journey_core::optimize::{OptimizeError, Optimum, Options, optimize as best_split};
use serde::Serialize;

use crate::cli::OptimizeArgs;
use crate::failure::Failure;
use crate::input;
use crate::output::{Output, json};

#[derive(Serialize)]
struct Answer<'a> {
    mode: &'static str,
    currency: &'a str,
    #[serde(flatten)]
    optimum: &'a Optimum,
}

pub fn optimize(args: &OptimizeArgs) -> Result<(), Failure> {
    let journey = input::read_journey(&args.file)?;
    let output = Output::open(args.out.as_deref(), &args.file)?;
    let mut options = Options::new(args.budget);
    options.steps = args.steps;
    options.places = args.places.clone();
    options.base = args.base.clone();
    options.start_month = args.start_month;
    options.ramp_months = args.ramp_months;
    for token in args.half_friction_spend.iter().map(|t| t.trim()) {
        if token.is_empty() {
            continue;
        }
        let (place, amount) = match token.split_once('=') {
            Some((place, amount)) => (Some(place.trim()), amount.trim()),
            None => (None, token),
        };
        let value: f64 = amount
            .parse()
            .ok()
            .filter(|x: &f64| x.is_finite() && *x > 0.0)
            .ok_or_else(|| {
                let shown: String = token.chars().take(40).collect();
                Failure::Invalid(format!(
                    "--half-friction-spend: {shown:?} is not an amount above 0 or PLACE=AMOUNT"
                ))
            })?;
        match place {
            Some(place) => {
                options.half_friction_spend.insert(place.to_string(), value);
            }
            None => options.default_half_friction_spend = Some(value),
        }
    }
    let optimum = best_split(&journey, &options).map_err(|e| flag_error(&e))?;
    output.finish(&json(&Answer {
        mode: "expected",
        currency: &journey.scenario().currency,
        optimum: &optimum,
    })?)
}

/// The engine's error, named by the flag that set the option.
fn flag_error(e: &OptimizeError) -> Failure {
    Failure::Invalid(format!(
        "--{}: {}",
        e.option().replace('_', "-"),
        e.detail()
    ))
}

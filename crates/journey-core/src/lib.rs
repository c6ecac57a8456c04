//! The CX journey simulation engine: the scenario format, validation, the
//! Monte Carlo month recursion and the exact `expected` mode of MODEL.md.
//!
//! ```
//! use journey_core::{Journey, run_trials};
//! let journey = Journey::from_json(r#"{"schema": 1, "months": 12,
//!     "arrivals_per_month": 100,
//!     "departments": [{"id": "sales"}],
//!     "stages": [{"id": "buy", "phase": "buy", "owner": "sales", "advance": 0.3, "drop": 0.2},
//!                {"id": "use", "phase": "own", "owner": "sales", "drop": 0.05,
//!                 "revenue_per_month": 20}]}"#).unwrap();
//! let report = run_trials(&journey, 1, 0..200).report(&journey, 1);
//! assert_eq!(report.results[0].name, "Baseline");
//! ```
//!
//! No web dependency: callers supply seeds, and trials split freely across
//! threads or web workers ([`Partial::merge`]).

mod aggregate;
mod binomial;
pub mod calibration;
pub mod csv;
mod draw;
mod exact_sum;
mod journey;
mod math;
mod month;
pub mod month_trace;
pub mod optimize;
pub mod order;
mod outcome;
mod param;
mod pretty_json;
mod problem;
mod report;
mod scenario;
pub mod sensitivity;
mod shape;
pub mod share;
mod sketch;
mod streams;
mod trial;
mod uncertain;
mod validate;
mod what_if;

use std::ops::Range;

pub use aggregate::Partial;
pub use journey::Journey;
pub use math::ln_gamma;
pub use outcome::{KEYS, OUTCOME_KEYS, SERIES, UPLIFT_SERIES};
pub use param::Param;
pub use problem::{Problem, Problems};
pub use report::{
    Band, ENGINE_VERSION, ExpectedReport, Outcomes, Report, Series, StageFlow, Summary, Uplift,
    VariantReport,
};
pub use scenario::{
    Department, Handoff, HandoffRef, Investment, InvestmentScenario, MAX_SCENARIO_BYTES, Phase,
    SCHEMA, Scenario, Stage,
};
pub use streams::GENERATOR;
pub use uncertain::{StageDrop, Uncertain};
pub use validate::{
    DEFAULT_SEED, DEFAULT_TRIALS, MAX_DEPARTMENTS, MAX_INVESTMENTS, MAX_MONTHS, MAX_SCENARIOS,
    MAX_STAGES, MAX_TRIALS,
};

/// Runs trials `trials` (trial indices, so any split gives the same
/// numbers) of the baseline and every scenario.
pub fn run_trials(journey: &Journey, seed: u64, trials: Range<u32>) -> Partial {
    let runner = trial::Trials::new(journey, seed);
    let mut partial = Partial::default();
    for i in trials {
        partial.push(i, &runner.run(i));
    }
    partial
}

/// Runs trials in batches of `batch` and calls `on_batch` after each, for
/// progress; stops early when it returns false.
pub fn run_trials_with(
    journey: &Journey,
    seed: u64,
    trials: Range<u32>,
    batch: u32,
    mut on_batch: impl FnMut(&Partial) -> bool,
) -> Partial {
    let runner = trial::Trials::new(journey, seed);
    let mut partial = Partial::default();
    for i in trials {
        partial.push(i, &runner.run(i));
        if partial.trials() % batch.max(1) == 0 && !on_batch(&partial) {
            break;
        }
    }
    partial
}

/// The exact deterministic expectation (MODEL.md §5, `expected` mode).
pub fn expected(journey: &Journey) -> ExpectedReport {
    report::expected_report(journey, &trial::expected_outcomes(journey))
}

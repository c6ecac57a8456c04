//! One Monte Carlo trial: draw the values, then run the baseline and every
//! scenario on the same journey stream (common random numbers).

use crate::draw::{self, Draw, Means, Spend, Values};
use crate::journey::Journey;
use crate::month::{self, Expectation, Plan, Random, Start, Timing};
use crate::outcome::{Outcome, lifetime};
use crate::streams::{Stream, stream_rng};

/// Lifetime values do not depend on the trial when nothing is uncertain:
/// they are computed once per variant.
pub(crate) struct Trials<'a> {
    journey: &'a Journey,
    seed: u64,
    fixed_lifetimes: Option<Vec<(f64, f64)>>,
}

impl<'a> Trials<'a> {
    pub fn new(journey: &'a Journey, seed: u64) -> Trials<'a> {
        let fixed_lifetimes = (!journey.has_uncertain_values()).then(|| {
            let values = Values::new(journey, &mut Means);
            variant_spends(journey, |_| Means)
                .iter()
                .map(|spends| lifetime(journey, &values, spends))
                .collect()
        });
        Trials {
            journey,
            seed,
            fixed_lifetimes,
        }
    }

    /// The baseline's and every scenario's results for trial `trial`.
    pub fn run(&self, trial: u32) -> Vec<Outcome> {
        let journey = self.journey;
        let mut rng = stream_rng(self.seed, trial, Stream::Parameters);
        let values = Values::new(journey, &mut Draw(&mut rng));
        let spends = variant_spends(journey, |j| {
            StreamSource(stream_rng(self.seed, trial, Stream::Investments(j)))
        });
        let journey_stream = stream_rng(self.seed, trial, Stream::Journey);
        let outcomes: Vec<Outcome> = spends
            .iter()
            .enumerate()
            .map(|(v, spends)| {
                let plan = Plan {
                    journey,
                    values: &values,
                    spends,
                    months: journey.months,
                    start: Start::Initial(&journey.initial),
                    timing: Timing::Calendar,
                    inflow: true,
                };
                let mut rng = journey_stream.clone();
                let path = month::run(&plan, &mut Random(&mut rng));
                let life = match &self.fixed_lifetimes {
                    Some(fixed) => fixed[v],
                    None => lifetime(journey, &values, spends),
                };
                Outcome::new(journey, path, life)
            })
            .collect();
        with_uplift(journey, outcomes)
    }
}

/// The exact deterministic expectation of MODEL.md §5.
pub(crate) fn expected_outcomes(journey: &Journey) -> Vec<Outcome> {
    let values = Values::new(journey, &mut Means);
    let outcomes = variant_spends(journey, |_| Means)
        .iter()
        .map(|spends| {
            let plan = Plan {
                journey,
                values: &values,
                spends,
                months: journey.months,
                start: Start::Initial(&journey.initial),
                timing: Timing::Calendar,
                inflow: true,
            };
            let path = month::run(&plan, &mut Expectation);
            Outcome::new(journey, path, lifetime(journey, &values, spends))
        })
        .collect();
    with_uplift(journey, outcomes)
}

fn with_uplift(journey: &Journey, mut outcomes: Vec<Outcome>) -> Vec<Outcome> {
    let (baseline, scenarios) = outcomes.split_at_mut(1);
    for outcome in scenarios {
        outcome.compare_with(&baseline[0], journey.delta);
    }
    outcomes
}

/// Each variant's investments: none for the baseline, then each scenario's
/// drawn from its own source.
fn variant_spends<S: draw::Source>(
    journey: &Journey,
    mut source: impl FnMut(u32) -> S,
) -> Vec<Vec<Spend>> {
    std::iter::once(Vec::new())
        .chain(
            journey
                .scenarios
                .iter()
                .enumerate()
                .map(|(j, scenario)| draw::spends(&scenario.investments, &mut source(j as u32))),
        )
        .collect()
}

struct StreamSource(crate::streams::StreamRng);

impl draw::Source for StreamSource {
    fn value(&mut self, param: &crate::param::Param) -> f64 {
        param.sample(&mut self.0)
    }
}

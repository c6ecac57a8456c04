//! One Monte Carlo trial: draw the values, then run the baseline and every
//! scenario on the same journey stream (common random numbers).

use crate::draw::{self, Draw, Means, Spend, Values};
use crate::journey::Journey;
use crate::month::{self, Drawn, Expectation, Memo, Plan, Random, Start, Timing};
use crate::outcome::{Outcome, lifetime, lifetime_key};

use crate::streams::{Stream, stream_key, stream_rng};
use std::cell::RefCell;

/// Runs trials of one journey and seed.
pub(crate) struct Trials<'a> {
    journey: &'a Journey,
    seed: u64,
    /// Recent lifetimes by [`lifetime_key`]: a customer's lifetime often
    /// does not change between variants (an investment before the
    /// purchase) or trials (uncertainty only in the buy phase).
    lifetimes: RefCell<Vec<(Vec<f64>, Lifetime)>>,
    /// The baseline's draws in the current trial, reused by scenarios.
    baseline_draws: RefCell<Vec<Drawn>>,
}

const LIFETIME_CACHE: usize = 8;

/// CLV and 12-month retention.
type Lifetime = (f64, f64);

impl<'a> Trials<'a> {
    pub fn new(journey: &'a Journey, seed: u64) -> Trials<'a> {
        Trials {
            journey,
            seed,
            lifetimes: RefCell::new(Vec::with_capacity(LIFETIME_CACHE)),
            baseline_draws: RefCell::new(Vec::new()),
        }
    }

    fn lifetime(&self, values: &Values, spends: &[Spend]) -> (f64, f64) {
        let key = lifetime_key(self.journey, values, spends);
        let mut cache = self.lifetimes.borrow_mut();
        if let Some((_, life)) = cache.iter().find(|(k, _)| same_bits(k, &key)) {
            return *life;
        }
        let life = lifetime(self.journey, values, spends);
        if cache.len() == LIFETIME_CACHE {
            cache.remove(0);
        }
        cache.push((key, life));
        life
    }

    /// The baseline's and every scenario's results for trial `trial`.
    pub fn run(&self, trial: u32) -> Vec<Outcome> {
        let journey = self.journey;
        let mut rng = stream_rng(self.seed, trial, Stream::Parameters);
        let values = Values::new(journey, &mut Draw(&mut rng));
        let spends = variant_spends(journey, |j| {
            StreamSource(stream_rng(self.seed, trial, Stream::Investments(j)))
        });
        let journey_stream = stream_key(self.seed, trial, Stream::Journey);
        let mut baseline_draws = self.baseline_draws.borrow_mut();
        baseline_draws.clear();
        let outcomes: Vec<Outcome> = spends
            .iter()
            .enumerate()
            .map(|(v, spends)| {
                let plan = horizon_plan(journey, &values, spends);
                // Scenarios reuse the baseline's draws wherever their
                // inputs are the same (common random numbers).
                let memo = if v == 0 {
                    Memo::Record(&mut baseline_draws)
                } else {
                    Memo::Replay {
                        drawn: &baseline_draws,
                        cursor: 0,
                    }
                };
                let path = month::run(&plan, &mut Random::new(journey_stream, memo));
                let life = self.lifetime(&values, spends);
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
            let plan = horizon_plan(journey, &values, spends);
            let path = month::run(&plan, &mut Expectation);
            Outcome::new(journey, path, lifetime(journey, &values, spends))
        })
        .collect();
    with_uplift(journey, outcomes)
}

/// The scenario's horizon from its `initial` people, month by month.
fn horizon_plan<'a>(journey: &'a Journey, values: &'a Values, spends: &'a [Spend]) -> Plan<'a> {
    Plan {
        journey,
        values,
        spends,
        months: journey.months,
        start: Start::Initial(&journey.initial),
        timing: Timing::Calendar,
        inflow: true,
    }
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

/// Equality that treats NaN as equal to NaN (keys use it as a filler).
fn same_bits(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits())
}

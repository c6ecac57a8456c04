//! The results of MODEL.md §5 for one trial (or for `expected` mode), from
//! the month trajectories of the baseline and a scenario.

use crate::draw::{Drop, Spend, Values};
use crate::journey::Journey;
use crate::month::{self, Trajectory};

/// The per-trial results, in the order of [`KEYS`].
pub const KEYS: [&str; 14] = [
    "total_revenue",
    "total_cost",
    "total_margin",
    "npv",
    "customers_acquired",
    "active_customers_end",
    "referrals",
    "clv",
    "retention_12m",
    "uplift_revenue",
    "uplift_npv",
    "investment_pv",
    "roi",
    "payback_month",
];
/// The first keys, reported for the baseline and every scenario.
pub const OUTCOME_KEYS: usize = 9;
pub(crate) const UPLIFT_REVENUE: usize = 9;
pub(crate) const UPLIFT_NPV: usize = 10;
pub(crate) const INVESTMENT_PV: usize = 11;
pub(crate) const ROI: usize = 12;
pub(crate) const PAYBACK: usize = 13;

/// The monthly series, in the order of [`SERIES`].
pub const SERIES: [&str; 6] = [
    "active_customers",
    "revenue",
    "margin",
    "cumulative_npv",
    "acquired",
    "churned",
];

/// The scenarios' monthly series of their cumulative NPV uplift.
pub const UPLIFT_SERIES: &str = "cumulative_uplift_npv";

/// One variant's results for one trial. `f64::NAN` marks a result that is
/// undefined in this trial (ROI without investment, payback never reached).
#[derive(Clone, Debug)]
pub(crate) struct Outcome {
    pub scalars: [f64; KEYS.len()],
    pub series: [Vec<f64>; SERIES.len()],
    /// A scenario's cumulative NPV minus its baseline's, month by month
    /// (empty for the baseline): it crosses zero where the scenario pays
    /// back.
    pub cumulative_uplift: Vec<f64>,
    /// The rest of the run (spend, stage flows); its month series have
    /// moved into `series`.
    pub trajectory: Trajectory,
}

/// Everything a customer's lifetime depends on: the `own` stages' values
/// and the frictions they face once investments have ramped. Variants and
/// trials with equal keys have equal lifetimes.
pub(crate) fn lifetime_key(journey: &Journey, values: &Values, spends: &[Spend]) -> Vec<f64> {
    let mut departments = vec![0.0; values.department_friction.len()];
    let mut handoffs = vec![0.0; values.handoff_friction.len()];
    month::frictions(values, spends, None, &mut departments, &mut handoffs);
    let mut key = Vec::new();
    for (stage, v) in journey
        .stages
        .iter()
        .zip(&values.stages)
        .skip(journey.first_own)
    {
        let (d1, d2) = match v.drop {
            Drop::Rate(d) => (d, f64::NAN),
            Drop::Sbg { alpha, beta } => (alpha, beta),
        };
        key.extend([
            v.advance,
            d1,
            d2,
            v.revenue_on_entry,
            v.revenue_per_month,
            v.cost_per_month,
            departments[stage.owner],
            stage.handoff.map_or(0.0, |h| handoffs[h]),
        ]);
    }
    key
}

/// Exact lifetime value and 12-month retention of one customer entering
/// the first `own` stage, at the rates once every investment has ramped.
pub(crate) fn lifetime(journey: &Journey, values: &Values, spends: &[Spend]) -> (f64, f64) {
    let horizon = journey.clv_horizon;
    let mut clv = values.stages[journey.first_own].revenue_on_entry;
    let mut discount = 1.0;
    let mut retention = 0.0;
    month::one_customer(
        journey,
        values,
        spends,
        horizon.max(12),
        |month, margin, spend, active| {
            if month <= horizon {
                discount *= journey.delta;
                // Investment spend is the company's, not the customer's.
                clv += (margin + spend) * discount;
            }
            if month == 12 {
                retention = active;
            }
        },
    );
    (clv, retention)
}

impl Outcome {
    pub fn new(journey: &Journey, mut trajectory: Trajectory, lifetime: (f64, f64)) -> Outcome {
        let mut scalars = [f64::NAN; KEYS.len()];
        let mut cumulative = Vec::with_capacity(trajectory.margin.len());
        let mut npv = 0.0;
        let mut discount = 1.0;
        for m in &trajectory.margin {
            discount *= journey.delta;
            npv += m * discount;
            cumulative.push(npv);
        }
        let total_revenue: f64 = trajectory.revenue.iter().sum();
        let total_cost: f64 = trajectory.cost.iter().sum();
        scalars[0] = total_revenue;
        scalars[1] = total_cost;
        scalars[2] = total_revenue - total_cost;
        scalars[3] = npv;
        scalars[4] = trajectory.acquired.iter().sum();
        scalars[5] = trajectory.active_customers.last().copied().unwrap_or(0.0);
        scalars[6] = trajectory.referrals;
        scalars[7] = lifetime.0;
        scalars[8] = lifetime.1;
        // Moved, not copied: this runs for every variant of every trial.
        let take = std::mem::take;
        let series = [
            take(&mut trajectory.active_customers),
            take(&mut trajectory.revenue),
            take(&mut trajectory.margin),
            cumulative,
            take(&mut trajectory.acquired),
            take(&mut trajectory.churned),
        ];
        Outcome {
            scalars,
            series,
            cumulative_uplift: Vec::new(),
            trajectory,
        }
    }

    /// Fills in the uplift results of a scenario against its baseline.
    pub fn compare_with(&mut self, baseline: &Outcome, delta: f64) {
        let s = &mut self.scalars;
        s[UPLIFT_REVENUE] = s[0] - baseline.scalars[0];
        s[UPLIFT_NPV] = s[3] - baseline.scalars[3];
        let spend = &self.trajectory.spend;
        let mut investment_pv = 0.0;
        let mut discount = 1.0;
        for x in spend {
            discount *= delta;
            investment_pv += x * discount;
        }
        s[INVESTMENT_PV] = investment_pv;
        s[ROI] = if investment_pv > 0.0 {
            s[UPLIFT_NPV] / investment_pv
        } else {
            f64::NAN
        };
        let uplift: Vec<f64> = self.series[3]
            .iter()
            .zip(&baseline.series[3])
            .map(|(mine, theirs)| mine - theirs)
            .collect();
        // Payback: the first month, from the first month with spending on,
        // whose cumulative discounted uplift is >= 0.
        s[PAYBACK] = spend
            .iter()
            .position(|&x| x > 0.0)
            .and_then(|first| (first..uplift.len()).find(|&t| uplift[t] >= 0.0))
            .map_or(f64::NAN, |t| (t + 1) as f64);
        self.cumulative_uplift = uplift;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draw::{self, Draw};
    use crate::month::{Expectation, Plan, Start, Timing};
    use rand::SeedableRng;
    use rand_xoshiro::Xoshiro256PlusPlus;

    /// The lifetime through the general month recursion.
    fn through_run(journey: &Journey, values: &Values, spends: &[Spend]) -> (f64, f64) {
        let horizon = journey.clv_horizon;
        let plan = Plan {
            journey,
            values,
            spends,
            months: horizon.max(12),
            start: Start::OneCustomer,
            timing: Timing::FullRamp,
            inflow: false,
        };
        let path = month::run(&plan, &mut Expectation);
        let mut clv = values.stages[journey.first_own].revenue_on_entry;
        let mut discount = 1.0;
        for t in 0..horizon as usize {
            discount *= journey.delta;
            clv += (path.margin[t] + path.spend[t]) * discount;
        }
        (clv, path.active_customers[11])
    }

    /// sBG churn whose first-month hazard plus advance can pass 1, a loop
    /// between own stages, a hand-off, and a ramped investment with a
    /// one-off cost.
    const TRICKY: &str = r#"{"schema": 1, "months": 12, "clv_horizon_months": 30,
        "departments": [{"id": "a", "friction": {"low": 0.1, "high": 0.4}},
                        {"id": "b", "friction": 0.2}],
        "handoffs": [{"from": "a", "to": "b", "friction": 0.3}],
        "stages": [
          {"id": "buy", "phase": "buy", "owner": "a", "advance": 0.5, "drop": 0.2},
          {"id": "s", "phase": "own", "owner": "a", "advance": {"low": 0.1, "high": 0.5},
           "drop": {"sbg": {"alpha": {"low": 0.5, "high": 2}, "beta": {"low": 0.5, "high": 3}}},
           "revenue_on_entry": 10, "revenue_per_month": {"low": 5, "high": 9}, "cost_per_month": 1},
          {"id": "t", "phase": "own", "owner": "b", "advance": 0.3, "drop": 0.1, "next": "s",
           "revenue_on_entry": {"low": 1, "high": 4}, "revenue_per_month": 3}],
        "scenarios": [{"name": "x", "investments": [
          {"department": "b", "monthly_spend": 100, "half_friction_spend": {"low": 50, "high": 300},
           "start_month": 3, "ramp_months": 4, "one_off": 500},
          {"handoff": {"from": "a", "to": "b"}, "monthly_spend": 40, "half_friction_spend": 80}]}]}"#;

    #[test]
    fn lifetime_matches_the_general_recursion_bit_for_bit() {
        for text in [
            TRICKY,
            include_str!("../tests/data/model-example.json"),
            include_str!("../../../examples/subscription-retailer.json"),
            include_str!("../../../examples/b2b-saas.json"),
            include_str!("../../../examples/retail-bank.json"),
            include_str!("../../../examples/consumer-app.json"),
        ] {
            let journey = Journey::from_json(text).unwrap();
            let mut rng = Xoshiro256PlusPlus::seed_from_u64(5);
            for _ in 0..40 {
                let values = Values::new(&journey, &mut Draw(&mut rng));
                let variants = std::iter::once(Vec::new()).chain(
                    journey
                        .scenarios
                        .iter()
                        .map(|s| draw::spends(&s.investments, &mut Draw(&mut rng))),
                );
                for spends in variants {
                    let fast = lifetime(&journey, &values, &spends);
                    let plain = through_run(&journey, &values, &spends);
                    assert_eq!(
                        (fast.0.to_bits(), fast.1.to_bits()),
                        (plain.0.to_bits(), plain.1.to_bits()),
                        "{}: {fast:?} vs {plain:?}",
                        journey.source.name
                    );
                }
            }
        }
    }
}

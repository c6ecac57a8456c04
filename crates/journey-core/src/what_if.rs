//! `expected` mode with some values changed: what sensitivity analysis and
//! the budget optimizer ask the engine many times. The runs are exactly
//! those of [`crate::expected`], so an unchanged input gives its numbers.

use crate::draw::{self, Means, Spend, Values};
use crate::journey::Journey;
use crate::month::{self, Expectation, Plan, Start, Timing};
use crate::outcome::{INVESTMENT_PV, Outcome, UPLIFT_NPV, lifetime};

/// Every value at its mean: the journey's values and each variant's
/// investments (none for the baseline, then each scenario's).
#[derive(Clone, Debug)]
pub(crate) struct AtMeans {
    pub values: Values,
    pub spends: Vec<Vec<Spend>>,
}

impl AtMeans {
    pub fn new(journey: &Journey) -> AtMeans {
        let spends = std::iter::once(Vec::new())
            .chain(
                journey
                    .scenarios
                    .iter()
                    .map(|s| draw::spends(&s.investments, &mut Means)),
            )
            .collect();
        AtMeans {
            values: Values::new(journey, &mut Means),
            spends,
        }
    }
}

/// The horizon run of one variant in `expected` mode; CLV and retention
/// are left undefined (see [`lifetime_of`]).
pub(crate) fn horizon(journey: &Journey, values: &Values, spends: &[Spend]) -> Outcome {
    let plan = Plan {
        journey,
        values,
        spends,
        months: journey.months,
        start: Start::Initial(&journey.initial),
        timing: Timing::Calendar,
        inflow: true,
    };
    let path = month::run(&plan, &mut Expectation);
    Outcome::new(journey, path, (f64::NAN, f64::NAN))
}

/// NPV uplift (after investment costs) and investment PV of `spends`
/// against `baseline`, the horizon run without investment.
pub(crate) fn uplift(
    journey: &Journey,
    values: &Values,
    spends: &[Spend],
    baseline: &Outcome,
) -> (f64, f64) {
    let mut outcome = horizon(journey, values, spends);
    outcome.compare_with(baseline, journey.delta);
    (outcome.scalars[UPLIFT_NPV], outcome.scalars[INVESTMENT_PV])
}

/// CLV and 12-month retention of a new customer with `spends` in force.
pub(crate) fn lifetime_of(journey: &Journey, values: &Values, spends: &[Spend]) -> (f64, f64) {
    lifetime(journey, values, spends)
}

#[cfg(test)]
mod tests {
    use super::*;

    const JOURNEY: &str = r#"{"schema": 1, "months": 24, "arrivals_per_month": 500,
        "departments": [{"id": "sales", "friction": {"low": 0.1, "high": 0.3}},
                        {"id": "care", "friction": 0.2}],
        "handoffs": [{"from": "sales", "to": "care", "friction": 0.1}],
        "stages": [
          {"id": "consider", "phase": "buy", "owner": "sales", "advance": 0.4, "drop": 0.3},
          {"id": "use", "phase": "own", "owner": "care", "revenue_on_entry": 50,
           "drop": {"sbg": {"alpha": 0.7, "beta": 3.8}},
           "revenue_per_month": {"low": 20, "high": 30}, "cost_per_month": 8,
           "advocacy": 0.02}],
        "initial": {"use": 300},
        "scenarios": [{"name": "Care", "investments": [{"department": "care",
            "monthly_spend": 2000, "half_friction_spend": {"low": 1000, "high": 4000},
            "ramp_months": 2, "one_off": 3000}]}]}"#;

    #[test]
    fn unchanged_values_give_the_expected_report_exactly() {
        let journey = Journey::from_json(JOURNEY).unwrap();
        let report = crate::expected(&journey);
        let means = AtMeans::new(&journey);
        let base = horizon(&journey, &means.values, &means.spends[0]);
        let (up, pv) = uplift(&journey, &means.values, &means.spends[1], &base);
        let scenario = &report.results[1];
        let u = scenario.uplift.as_ref().unwrap();
        assert_eq!(up.to_bits(), u.uplift_npv.to_bits());
        assert_eq!(pv.to_bits(), u.investment_pv.to_bits());
        let (clv, retention) = lifetime_of(&journey, &means.values, &[]);
        assert_eq!(clv.to_bits(), report.results[0].summary.clv.to_bits());
        assert_eq!(
            retention.to_bits(),
            report.results[0].summary.retention_12m.to_bits()
        );
    }
}

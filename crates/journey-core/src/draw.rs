//! One trial's values: every uncertain value drawn once (or set to its mean
//! in `expected` mode), in a fixed order.

use rand::Rng;

use crate::journey::{DropSpec, InvestmentSpec, Journey, Target};
use crate::param::Param;

/// The journey's values for one trial.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Values {
    pub arrivals: f64,
    pub department_friction: Vec<f64>,
    pub handoff_friction: Vec<f64>,
    pub stages: Vec<StageValues>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct StageValues {
    pub advance: f64,
    pub drop: Drop,
    pub advocacy: f64,
    pub revenue_on_entry: f64,
    pub revenue_per_month: f64,
    pub cost_per_month: f64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Drop {
    Rate(f64),
    /// Shifted-beta-geometric: hazard alpha / (alpha + beta + tau - 1).
    Sbg {
        alpha: f64,
        beta: f64,
    },
}

/// One investment's values for one trial.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Spend {
    pub target: Target,
    pub monthly_spend: f64,
    pub half_friction_spend: f64,
    pub start_month: u32,
    pub ramp_months: u32,
    pub one_off: f64,
}

impl Spend {
    /// ramp(t) of MODEL.md §3.
    pub fn ramp(&self, month: u32) -> f64 {
        if month < self.start_month {
            0.0
        } else if self.ramp_months == 0 {
            1.0
        } else {
            (f64::from(month - self.start_month + 1) / f64::from(self.ramp_months)).min(1.0)
        }
    }

    /// The exponent this investment adds in month t: friction is multiplied
    /// by 2^-exponent. `None` for the full ramp.
    pub fn halvings(&self, month: Option<u32>) -> f64 {
        if self.monthly_spend == 0.0 {
            return 0.0;
        }
        let ramp = month.map_or(1.0, |t| self.ramp(t));
        self.monthly_spend * ramp / self.half_friction_spend
    }

    /// Cash spent in month t.
    pub fn cost(&self, month: u32) -> f64 {
        let mut cost = 0.0;
        if month >= self.start_month {
            cost += self.monthly_spend;
        }
        if month == self.start_month {
            cost += self.one_off;
        }
        cost
    }
}

/// How values are obtained: drawn, or set to their means.
pub(crate) trait Source {
    fn value(&mut self, param: &Param) -> f64;
}

pub(crate) struct Draw<'a, R: Rng + ?Sized>(pub &'a mut R);

impl<R: Rng + ?Sized> Source for Draw<'_, R> {
    fn value(&mut self, param: &Param) -> f64 {
        param.sample(self.0)
    }
}

pub(crate) struct Means;

impl Source for Means {
    fn value(&mut self, param: &Param) -> f64 {
        param.mean()
    }
}

impl Values {
    pub fn new(journey: &Journey, source: &mut impl Source) -> Values {
        let arrivals = source.value(&journey.arrivals);
        let department_friction = journey
            .department_friction
            .iter()
            .map(|p| source.value(p))
            .collect();
        let handoff_friction = journey
            .handoffs
            .iter()
            .map(|h| source.value(&h.friction))
            .collect();
        let stages = journey
            .stages
            .iter()
            .map(|s| {
                let mut advance = source.value(&s.advance);
                let drop = match s.drop {
                    DropSpec::Rate(p) => {
                        let mut drop = source.value(&p);
                        // A draw in the tails may exceed 1 in total: scale
                        // both down in proportion.
                        let total = advance + drop;
                        if total > 1.0 {
                            advance /= total;
                            drop /= total;
                        }
                        Drop::Rate(drop)
                    }
                    DropSpec::Sbg { alpha, beta } => Drop::Sbg {
                        alpha: source.value(&alpha),
                        beta: source.value(&beta),
                    },
                };
                StageValues {
                    advance,
                    drop,
                    advocacy: source.value(&s.advocacy),
                    revenue_on_entry: source.value(&s.revenue_on_entry),
                    revenue_per_month: source.value(&s.revenue_per_month),
                    cost_per_month: source.value(&s.cost_per_month),
                }
            })
            .collect();
        Values {
            arrivals,
            department_friction,
            handoff_friction,
            stages,
        }
    }
}

pub(crate) fn spends(investments: &[InvestmentSpec], source: &mut impl Source) -> Vec<Spend> {
    investments
        .iter()
        .map(|i| Spend {
            target: i.target,
            monthly_spend: source.value(&i.monthly_spend),
            half_friction_spend: source.value(&i.half_friction_spend),
            start_month: i.start_month,
            ramp_months: i.ramp_months,
            one_off: source.value(&i.one_off),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spend(start: u32, ramp: u32) -> Spend {
        Spend {
            target: Target::Department(0),
            monthly_spend: 100.0,
            half_friction_spend: 50.0,
            start_month: start,
            ramp_months: ramp,
            one_off: 7.0,
        }
    }

    #[test]
    fn ramp_follows_the_model() {
        let s = spend(3, 4);
        let ramps: Vec<f64> = (1..=8).map(|t| s.ramp(t)).collect();
        assert_eq!(ramps, [0.0, 0.0, 0.25, 0.5, 0.75, 1.0, 1.0, 1.0]);
        assert_eq!(spend(3, 0).ramp(3), 1.0);
        assert_eq!(spend(3, 0).ramp(2), 0.0);
        assert_eq!(s.halvings(None), 2.0);
        assert_eq!(s.halvings(Some(4)), 1.0);
    }

    #[test]
    fn costs_start_at_the_start_month() {
        let s = spend(2, 0);
        assert_eq!([s.cost(1), s.cost(2), s.cost(3)], [0.0, 107.0, 100.0]);
    }
}

//! A validated journey: every id resolved to an index, every value turned
//! into a distribution. Only [`Journey::new`] makes one, so the engine never
//! sees an invalid scenario.

use crate::param::Param;
use crate::scenario::{Phase, Scenario};

#[derive(Clone, Debug)]
pub struct Journey {
    pub(crate) source: Scenario,
    pub(crate) months: u32,
    /// Monthly discount factor delta = (1 + rate)^(-1/12).
    pub(crate) delta: f64,
    pub(crate) clv_horizon: u32,
    pub(crate) arrivals: Param,
    pub(crate) referral_entry: usize,
    pub(crate) first_own: usize,
    pub(crate) department_friction: Vec<Param>,
    pub(crate) handoffs: Vec<HandoffSpec>,
    pub(crate) stages: Vec<StageSpec>,
    pub(crate) initial: Vec<u64>,
    pub(crate) scenarios: Vec<ScenarioSpec>,
}

#[derive(Clone, Debug)]
pub(crate) struct HandoffSpec {
    pub friction: Param,
}

#[derive(Clone, Debug)]
pub(crate) struct StageSpec {
    pub phase: Phase,
    pub owner: usize,
    /// Where `advance` leads; `None` only when advance is 0.
    pub next: Option<usize>,
    /// The listed hand-off crossed when advancing, if any.
    pub handoff: Option<usize>,
    pub advance: Param,
    pub drop: DropSpec,
    pub advocacy: Param,
    pub revenue_on_entry: Param,
    pub revenue_per_month: Param,
    pub cost_per_month: Param,
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum DropSpec {
    Rate(Param),
    Sbg { alpha: Param, beta: Param },
}

#[derive(Clone, Debug)]
pub(crate) struct ScenarioSpec {
    pub name: String,
    pub investments: Vec<InvestmentSpec>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    Department(usize),
    Handoff(usize),
}

#[derive(Clone, Debug)]
pub(crate) struct InvestmentSpec {
    pub target: Target,
    pub monthly_spend: Param,
    pub half_friction_spend: Param,
    pub start_month: u32,
    pub ramp_months: u32,
    pub one_off: Param,
}

impl Journey {
    /// The scenario this journey was validated from.
    pub fn scenario(&self) -> &Scenario {
        &self.source
    }

    pub fn months(&self) -> u32 {
        self.months
    }

    /// "Baseline" followed by every investment scenario's name.
    pub fn variant_names(&self) -> Vec<String> {
        std::iter::once("Baseline".to_string())
            .chain(self.scenarios.iter().map(|s| s.name.clone()))
            .collect()
    }

    /// Number of results per trial: the baseline and each scenario.
    pub fn variant_count(&self) -> usize {
        1 + self.scenarios.len()
    }

    /// Whether any value is a range (otherwise every trial draws the same
    /// parameters and only the journey itself is random).
    pub fn has_uncertain_values(&self) -> bool {
        let stage_params = self.stages.iter().flat_map(|s| {
            let drop = match s.drop {
                DropSpec::Rate(p) => vec![p],
                DropSpec::Sbg { alpha, beta } => vec![alpha, beta],
            };
            [
                s.advance,
                s.advocacy,
                s.revenue_on_entry,
                s.revenue_per_month,
                s.cost_per_month,
            ]
            .into_iter()
            .chain(drop)
        });
        let investment_params = self.scenarios.iter().flat_map(|s| {
            s.investments
                .iter()
                .flat_map(|i| [i.monthly_spend, i.half_friction_spend, i.one_off])
        });
        std::iter::once(self.arrivals)
            .chain(self.department_friction.iter().copied())
            .chain(self.handoffs.iter().map(|h| h.friction))
            .chain(stage_params)
            .chain(investment_params)
            .any(|p| p.is_uncertain())
    }
}

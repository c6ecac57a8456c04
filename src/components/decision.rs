//! The decision tools: which inputs matter and what is worth researching
//! (tornado and value of information), the best split of a budget, and
//! retention calibrated from a cohort's survival curve. Each works on the
//! scenario and hands a changed scenario, with what changed, to `on_change`.

mod calibration_panel;
mod curve_text;
mod frontier_chart;
mod optimizer_panel;
mod places;
mod reading;
mod sensitivity_panel;
mod survival_chart;
mod tornado_chart;
mod use_decision_work;
mod work_status;

use std::rc::Rc;

use journey_core::{Journey, Scenario};
use yew::prelude::*;

use crate::app_state::Replacement;

pub use calibration_panel::{CalibrationPanel, CalibrationPanelProps};
pub use curve_text::{CurveKind, fit_curve, parse_curve};
pub use frontier_chart::{FrontierChart, FrontierChartProps};
pub use optimizer_panel::{OptimizerPanel, OptimizerPanelProps};
pub use sensitivity_panel::{SensitivityPanel, SensitivityPanelProps};
pub use survival_chart::{SurvivalChart, SurvivalChartProps};
pub use tornado_chart::{TornadoChart, TornadoChartProps};

#[derive(Properties, PartialEq)]
pub struct DecisionToolsProps {
    /// The journey as edited, valid or not.
    pub scenario: Rc<Scenario>,
    /// Receives the scenario with a tool's result applied.
    pub on_change: Callback<Replacement>,
}

/// The scenario's JSON when it is valid: what the tools work on.
fn valid_json(scenario: &Scenario) -> Option<Rc<str>> {
    Journey::new(scenario.clone()).ok()?;
    serde_json::to_string(scenario).ok().map(Rc::from)
}

/// Sensitivity and value of information, the budget optimizer and retention
/// calibration, each in a section that opens on demand.
#[component]
pub fn DecisionTools(props: &DecisionToolsProps) -> Html {
    let json = use_memo(props.scenario.clone(), |scenario| valid_json(scenario));
    html! {
        <section class="panel decision" aria-labelledby="decision-heading" data-testid="decision-tools">
            <h2 id="decision-heading" tabindex="-1">{"Decision tools"}</h2>
            <SensitivityPanel scenario={props.scenario.clone()} json={(*json).clone()} />
            <OptimizerPanel scenario={props.scenario.clone()} json={(*json).clone()}
                on_change={props.on_change.clone()} />
            <CalibrationPanel scenario={props.scenario.clone()} on_change={props.on_change.clone()} />
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_valid_scenarios_are_analysed() {
        let mut scenario =
            Scenario::from_json(include_str!("../../examples/b2b-saas.json")).unwrap();
        let json = valid_json(&scenario).expect("the example is valid");
        assert_eq!(Scenario::from_json(&json).unwrap(), scenario);
        scenario.months = 0;
        assert_eq!(valid_json(&scenario), None);
    }
}

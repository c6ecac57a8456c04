//! The places the budget optimizer may fund: every department and listed
//! hand-off, and what the scenario already says about the money that
//! halves friction there.

use journey_core::Scenario;

use crate::components::editor::department_name;

#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// The optimizer's id: `sales`, or `sales>operations` for a hand-off.
    pub id: String,
    pub label: String,
    /// The half-friction spend of the first investment there (the middle
    /// of a range), if any names one.
    pub half_friction_spend: Option<f64>,
}

/// Departments in order, then hand-offs in order.
pub fn places(scenario: &Scenario) -> Vec<Place> {
    let known = |department: Option<&str>, handoff: Option<(&str, &str)>| {
        scenario
            .scenarios
            .iter()
            .flat_map(|s| &s.investments)
            .find(|i| {
                i.department.as_deref() == department
                    && i.handoff.as_ref().map(|h| (h.from.as_str(), h.to.as_str())) == handoff
                    && i.half_friction_spend.central() > 0.0
            })
            .map(|i| i.half_friction_spend.central())
    };
    let departments = scenario.departments.iter().map(|d| Place {
        id: d.id.clone(),
        label: department_name(scenario, &d.id),
        half_friction_spend: known(Some(&d.id), None),
    });
    let handoffs = scenario.handoffs.iter().map(|h| Place {
        id: format!("{}>{}", h.from, h.to),
        label: format!(
            "{} → {} hand-off",
            department_name(scenario, &h.from),
            department_name(scenario, &h.to)
        ),
        half_friction_spend: known(None, Some((&h.from, &h.to))),
    });
    departments.chain(handoffs).collect()
}

/// A starting budget: the largest monthly spend of any investment scenario
/// (middles of ranges), else 10,000.
pub fn default_budget(scenario: &Scenario) -> f64 {
    let largest = scenario
        .scenarios
        .iter()
        .map(|s| {
            s.investments
                .iter()
                .map(|i| i.monthly_spend.central())
                .sum::<f64>()
        })
        .fold(0.0, f64::max);
    if largest.is_finite() && largest > 0.0 {
        largest.round()
    } else {
        10_000.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_department_and_hand_off_is_a_place() {
        let scenario =
            Scenario::from_json(include_str!("../../../examples/b2b-saas.json")).unwrap();
        let all = places(&scenario);
        assert_eq!(
            all.len(),
            scenario.departments.len() + scenario.handoffs.len()
        );
        assert_eq!(all[0].id, scenario.departments[0].id);
        let h = &scenario.handoffs[0];
        let handoff = &all[scenario.departments.len()];
        assert_eq!(handoff.id, format!("{}>{}", h.from, h.to));
        assert!(handoff.label.ends_with(" hand-off"));
        // The places the CLI funds by default are those with a known spend.
        assert!(all.iter().any(|p| p.half_friction_spend.is_some()));
        assert!(default_budget(&scenario) > 0.0);
    }

    #[test]
    fn no_investment_means_no_known_spend() {
        let mut scenario =
            Scenario::from_json(include_str!("../../../examples/b2b-saas.json")).unwrap();
        scenario.scenarios.clear();
        assert!(
            places(&scenario)
                .iter()
                .all(|p| p.half_friction_spend.is_none())
        );
        assert_eq!(default_budget(&scenario), 10_000.0);
    }
}

//! A small built-in journey for teaching one month: four stages, each
//! owned by another department, friction everywhere and two hand-offs. The
//! step-through may use it instead of the journey in the editor, which it
//! leaves untouched.

use journey_core::Scenario;

const TEACHING: &str = r#"{
  "schema": 1,
  "name": "Teaching journey",
  "currency": "USD",
  "months": 12,
  "arrivals_per_month": 1000,
  "departments": [
    {"id": "marketing", "name": "Marketing", "friction": 0.10},
    {"id": "sales", "name": "Sales", "friction": 0.20},
    {"id": "operations", "name": "Operations", "friction": 0.10},
    {"id": "support", "name": "Support", "friction": 0.20}
  ],
  "handoffs": [
    {"from": "sales", "to": "operations", "friction": 0.10},
    {"from": "operations", "to": "support", "friction": 0.05}
  ],
  "stages": [
    {"id": "need", "name": "Need", "phase": "buy", "owner": "marketing",
     "advance": 0.40, "drop": 0.30},
    {"id": "purchase", "name": "Purchase", "phase": "buy", "owner": "sales",
     "advance": 0.50, "drop": 0.20},
    {"id": "onboard", "name": "Onboard", "phase": "own", "owner": "operations",
     "advance": 0.60, "drop": 0.08, "revenue_on_entry": 100},
    {"id": "use", "name": "Use", "phase": "own", "owner": "support",
     "advance": 0.0, "drop": 0.04, "revenue_per_month": 30, "cost_per_month": 10,
     "advocacy": 0.03}
  ],
  "initial": {"need": 500, "purchase": 200, "onboard": 100, "use": 1000}
}"#;

/// The teaching journey (a constant, checked by the tests below).
pub fn teaching_scenario() -> Scenario {
    Scenario::from_json(TEACHING).expect("the teaching journey is valid JSON")
}

#[cfg(test)]
mod tests {
    use journey_core::Journey;

    use super::*;

    #[test]
    fn the_teaching_journey_is_valid_and_small() {
        let scenario = teaching_scenario();
        assert_eq!(scenario.stages.len(), 4);
        Journey::new(scenario).expect("no problems");
    }
}

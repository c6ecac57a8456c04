//! The engine's limits on how many stages, departments, hand-offs,
//! scenarios and investments a journey has. An edit that would pass one is
//! refused, and the editor disables its button with the reason beside it.

use journey_core::{MAX_DEPARTMENTS, MAX_INVESTMENTS, MAX_SCENARIOS, MAX_STAGES, Scenario};

use super::{Edit, free_handoff};

impl Edit {
    /// Why this edit would take the journey past one of the engine's
    /// limits ("At most 40 stages."), or `None`. A journey already past a
    /// limit (from a file) gets nothing more added; validation flags it.
    pub fn limit(&self, s: &Scenario) -> Option<String> {
        match self {
            Edit::AddStage(_) if s.stages.len() >= MAX_STAGES => {
                Some(format!("At most {MAX_STAGES} stages."))
            }
            Edit::AddDepartment(_) if s.departments.len() >= MAX_DEPARTMENTS => {
                Some(format!("At most {MAX_DEPARTMENTS} departments."))
            }
            Edit::AddHandoff { .. } if s.departments.len() >= 2 && free_handoff(s).is_none() => {
                Some("Every department already hands off to every other.".into())
            }
            Edit::AddScenario | Edit::DuplicateScenario(_)
                if s.scenarios.len() >= MAX_SCENARIOS =>
            {
                Some(format!("At most {MAX_SCENARIOS} scenarios."))
            }
            Edit::AddInvestment(i)
                if s.scenarios
                    .get(*i)
                    .is_some_and(|sc| sc.investments.len() >= MAX_INVESTMENTS) =>
            {
                Some(format!(
                    "At most {MAX_INVESTMENTS} investments in a scenario."
                ))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::DEFAULT_SCENARIO;
    use journey_core::{Department, Journey, Phase, Uncertain};

    fn default() -> Scenario {
        Scenario::from_json(DEFAULT_SCENARIO).unwrap()
    }

    /// Applies `edit` until it is refused; the last scenario it made.
    fn fill(mut s: Scenario, edit: Edit) -> Scenario {
        for _ in 0..1000 {
            match edit.clone().apply(&s) {
                Some(next) => s = next,
                None => return s,
            }
        }
        panic!("{edit:?} was never refused");
    }

    /// Adding past a limit changes nothing and says why; the journey at
    /// the limit is still valid.
    fn at_limit(s: &Scenario, edit: Edit, why: &str) {
        assert_eq!(edit.limit(s).as_deref(), Some(why), "{edit:?}");
        assert_eq!(edit.clone().apply(s), None, "{edit:?} changed the journey");
        let problems = Journey::new(s.clone()).err();
        assert!(problems.is_none(), "{edit:?} at its limit: {problems:?}");
    }

    #[test]
    fn stages_stop_at_the_engines_limit_in_either_half() {
        let s = fill(default(), Edit::AddStage(Phase::Own));
        assert_eq!(s.stages.len(), MAX_STAGES);
        at_limit(&s, Edit::AddStage(Phase::Own), "At most 40 stages.");
        at_limit(&s, Edit::AddStage(Phase::Buy), "At most 40 stages.");
        let fewer = Edit::RemoveStage(MAX_STAGES - 1).apply(&s).unwrap();
        assert_eq!(Edit::AddStage(Phase::Buy).limit(&fewer), None);
    }

    #[test]
    fn departments_stop_at_the_engines_limit() {
        let s = fill(default(), Edit::AddDepartment("Team".into()));
        assert_eq!(s.departments.len(), MAX_DEPARTMENTS);
        at_limit(
            &s,
            Edit::AddDepartment("One more".into()),
            "At most 30 departments.",
        );
    }

    #[test]
    fn scenarios_stop_at_the_limit_whether_added_or_duplicated() {
        let s = fill(default(), Edit::AddScenario);
        assert_eq!(s.scenarios.len(), MAX_SCENARIOS);
        at_limit(&s, Edit::AddScenario, "At most 20 scenarios.");
        at_limit(&s, Edit::DuplicateScenario(0), "At most 20 scenarios.");
        let s = fill(default(), Edit::DuplicateScenario(0));
        assert_eq!(s.scenarios.len(), MAX_SCENARIOS);
        at_limit(&s, Edit::DuplicateScenario(3), "At most 20 scenarios.");
    }

    #[test]
    fn investments_stop_at_the_limit_of_their_own_scenario() {
        let s = fill(default(), Edit::AddInvestment(1));
        assert_eq!(s.scenarios[1].investments.len(), MAX_INVESTMENTS);
        at_limit(
            &s,
            Edit::AddInvestment(1),
            "At most 50 investments in a scenario.",
        );
        assert_eq!(Edit::AddInvestment(0).limit(&s), None);
        assert!(Edit::AddInvestment(0).apply(&s).is_some());
    }

    #[test]
    fn handoffs_stop_when_every_pair_has_one() {
        let mut s = default();
        s.departments.truncate(3);
        for st in &mut s.stages {
            st.owner = s.departments[0].id.clone();
        }
        s.handoffs.clear();
        s.scenarios.clear();
        let mut added = 0;
        while let Some((from, to)) = super::free_handoff(&s) {
            let edit = Edit::AddHandoff {
                from: from.into(),
                to: to.into(),
            };
            s = edit.apply(&s).unwrap();
            added += 1;
        }
        assert_eq!(added, 6, "three departments, two directions");
        let any = Edit::AddHandoff {
            from: s.departments[0].id.clone(),
            to: s.departments[1].id.clone(),
        };
        at_limit(
            &s,
            any,
            "Every department already hands off to every other.",
        );
        assert_eq!(
            Edit::handoff_refusal(&s, "x", "y"),
            Some("Every department already hands off to every other.")
        );
    }

    #[test]
    fn limits_in_the_app_are_the_engines() {
        let s = fill(default(), Edit::AddScenario);
        let mut over = s.clone();
        over.scenarios.push(over.scenarios[0].clone());
        over.scenarios[MAX_SCENARIOS].name = "One too many".into();
        let flagged = |s: Scenario, path: &str| {
            let problems = Journey::new(s).unwrap_err();
            assert!(problems.iter().any(|p| p.path == path), "{problems}");
        };
        flagged(over, "scenarios");

        let s = fill(default(), Edit::AddInvestment(0));
        assert!(Journey::new(s.clone()).is_ok());
        let mut over = s;
        let extra = over.scenarios[0].investments[0].clone();
        over.scenarios[0].investments.push(extra);
        flagged(over, "scenarios[0].investments");

        let mut over = fill(default(), Edit::AddDepartment("Team".into()));
        over.departments.push(Department {
            id: "extra".into(),
            name: "Extra".into(),
            friction: Uncertain::ZERO,
        });
        flagged(over, "departments");
    }
}

//! The journey editor's changes to a scenario, each a pure function from
//! the old scenario to the new one.

use journey_core::{Department, Phase, Scenario, Stage, StageDrop, Uncertain};

#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    SetMonths(u32),
    SetArrivals(Uncertain),
    SetCurrency(String),
    SetDiscountRate(f64),
    UpdateDepartment(usize, Department),
    UpdateStage(usize, Box<Stage>),
    /// A new stage at the end of the `buy` or `own` stages.
    AddStage(Phase),
    /// Removes a stage and every reference to it (`next`, the referral
    /// entry, initial customers).
    RemoveStage(usize),
    MoveStage {
        from: usize,
        to: usize,
    },
}

impl Edit {
    /// The scenario after this edit, or `None` when the edit names a
    /// department or stage that does not exist.
    pub fn apply(self, scenario: &Scenario) -> Option<Scenario> {
        let mut s = scenario.clone();
        match self {
            Edit::SetMonths(months) => s.months = months,
            Edit::SetArrivals(arrivals) => s.arrivals_per_month = arrivals,
            Edit::SetCurrency(currency) => s.currency = currency,
            Edit::SetDiscountRate(rate) => s.discount_rate = rate,
            Edit::UpdateDepartment(i, department) => *s.departments.get_mut(i)? = department,
            Edit::UpdateStage(i, stage) => *s.stages.get_mut(i)? = *stage,
            Edit::AddStage(phase) => {
                let at = match phase {
                    Phase::Buy => s
                        .stages
                        .iter()
                        .take_while(|st| st.phase == Phase::Buy)
                        .count(),
                    Phase::Own => s.stages.len(),
                };
                let stage = new_stage(&s, phase, at == s.stages.len());
                s.stages.insert(at, stage);
            }
            Edit::RemoveStage(i) => {
                if i >= s.stages.len() {
                    return None;
                }
                let id = s.stages.remove(i).id;
                for st in &mut s.stages {
                    if st.next.as_deref() == Some(id.as_str()) {
                        st.next = None;
                    }
                }
                if s.referral_entry.as_deref() == Some(id.as_str()) {
                    s.referral_entry = None;
                }
                s.initial.remove(&id);
            }
            Edit::MoveStage { from, to } => {
                if from >= s.stages.len() || to >= s.stages.len() {
                    return None;
                }
                let stage = s.stages.remove(from);
                s.stages.insert(to, stage);
            }
        }
        Some(s)
    }
}

/// A stage with an unused id, owned by the first department. The last stage
/// of a journey cannot advance, so a stage added at the end does not.
fn new_stage(s: &Scenario, phase: Phase, last: bool) -> Stage {
    let id = (1..)
        .map(|n| format!("stage-{n}"))
        .find(|id| s.stages.iter().all(|st| &st.id != id))
        .expect("some id is free");
    Stage {
        id,
        name: "New stage".into(),
        phase,
        owner: s
            .departments
            .first()
            .map(|d| d.id.clone())
            .unwrap_or_default(),
        next: None,
        advance: Uncertain::Point(if last { 0.0 } else { 0.5 }),
        drop: StageDrop::Rate(Uncertain::Point(0.1)),
        advocacy: Uncertain::ZERO,
        revenue_on_entry: Uncertain::ZERO,
        revenue_per_month: Uncertain::ZERO,
        cost_per_month: Uncertain::ZERO,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::DEFAULT_SCENARIO;
    use journey_core::Journey;

    fn default() -> Scenario {
        Scenario::from_json(DEFAULT_SCENARIO).unwrap()
    }

    fn ids(s: &Scenario) -> Vec<&str> {
        s.stages.iter().map(|st| st.id.as_str()).collect()
    }

    #[test]
    fn updating_a_stage_changes_only_that_stage() {
        let s = default();
        let mut need = s.stages[0].clone();
        need.advance = Uncertain::Range {
            low: 0.3,
            high: 0.5,
        };
        let edited = Edit::UpdateStage(0, Box::new(need.clone()))
            .apply(&s)
            .unwrap();
        assert_eq!(edited.stages[0], need);
        assert_eq!(edited.stages[1..], s.stages[1..]);
        assert!(Edit::UpdateStage(99, Box::new(need)).apply(&s).is_none());
    }

    #[test]
    fn an_invalid_value_is_kept_and_validation_names_its_field() {
        let s = default();
        let mut need = s.stages[0].clone();
        need.advance = Uncertain::Point(1.5);
        let edited = Edit::UpdateStage(0, Box::new(need)).apply(&s).unwrap();
        let problems = Journey::new(edited).unwrap_err();
        assert!(
            problems.under("stages[0].advance").next().is_some(),
            "{problems}"
        );
    }

    #[test]
    fn added_stages_go_to_the_end_of_their_phase_and_stay_valid() {
        let s = default();
        let buys = s.stages.iter().filter(|st| st.phase == Phase::Buy).count();
        let edited = Edit::AddStage(Phase::Buy).apply(&s).unwrap();
        assert_eq!(edited.stages[buys].id, "stage-1");
        assert_eq!(edited.stages[buys].phase, Phase::Buy);
        let edited = Edit::AddStage(Phase::Own).apply(&edited).unwrap();
        assert_eq!(edited.stages.last().unwrap().id, "stage-2");
        // The old last stage now leads to the new one and it may advance;
        // the new last stage does not.
        assert!(Journey::new(edited).is_ok());
    }

    #[test]
    fn removing_a_stage_removes_references_to_it() {
        let s = default();
        let research = s.stages.iter().position(|st| st.id == "research").unwrap();
        let edited = Edit::RemoveStage(research).apply(&s).unwrap();
        assert!(!ids(&edited).contains(&"research"));
        assert_eq!(edited.referral_entry, None);
        let last = s.stages.len() - 1;
        let edited = Edit::RemoveStage(last).apply(&s).unwrap();
        assert!(!edited.initial.contains_key("loyal"));
        assert!(Edit::RemoveStage(s.stages.len()).apply(&s).is_none());
    }

    #[test]
    fn moving_a_stage_reorders_and_moving_back_restores() {
        let s = default();
        let moved = Edit::MoveStage { from: 0, to: 1 }.apply(&s).unwrap();
        assert_eq!(ids(&moved)[..2], ["research", "need"]);
        let back = Edit::MoveStage { from: 1, to: 0 }.apply(&moved).unwrap();
        assert_eq!(back, s);
        assert!(Edit::MoveStage { from: 0, to: 99 }.apply(&s).is_none());
    }

    #[test]
    fn top_level_fields_and_departments_are_set() {
        let s = default();
        let mut ops = s.departments[0].clone();
        ops.friction = Uncertain::Point(0.5);
        let edited = Edit::UpdateDepartment(0, ops.clone()).apply(&s).unwrap();
        assert_eq!(edited.departments[0], ops);
        let edited = Edit::SetCurrency("EUR".into()).apply(&edited).unwrap();
        let edited = Edit::SetDiscountRate(0.05).apply(&edited).unwrap();
        let edited = Edit::SetArrivals(Uncertain::Point(100.0))
            .apply(&edited)
            .unwrap();
        assert_eq!(
            (
                edited.currency.as_str(),
                edited.discount_rate,
                edited.arrivals_per_month
            ),
            ("EUR", 0.05, Uncertain::Point(100.0))
        );
        assert!(Edit::UpdateDepartment(99, ops).apply(&s).is_none());
    }
}

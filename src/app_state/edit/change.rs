//! How an edit reads in the Undo and Redo buttons ("Undo removing stage
//! “Need”"), and which field it types into, so that the keystrokes of one
//! field make one step.

use journey_core::{Department, Investment, Phase, Scenario, Stage};

use super::Edit;

/// One change to the journey, as the history keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// Reads after "Undo " or "Redo ": "change to stage “Need”".
    pub what: String,
    /// The field the change types into (`stages[2].advance`); changes to
    /// the same field in a row make one step. `None` for a change that is
    /// a step of its own (adding, removing, moving, opening).
    pub field: Option<String>,
}

impl Change {
    /// A change that is always a step of its own.
    pub fn step(what: impl Into<String>) -> Change {
        Change {
            what: what.into(),
            field: None,
        }
    }

    fn typing(what: impl Into<String>, field: impl Into<String>) -> Change {
        Change {
            what: what.into(),
            field: Some(field.into()),
        }
    }
}

/// A name as the editor shows it: the name, or the id when it is empty.
pub(super) fn shown<'a>(name: &'a str, id: &'a str) -> &'a str {
    if name.trim().is_empty() { id } else { name }
}

impl Edit {
    /// This edit of `before`, in words and with the field it types into.
    pub fn change(&self, before: &Scenario) -> Change {
        let stage = |i: usize| {
            before
                .stages
                .get(i)
                .map_or_else(String::new, |st| format!("“{}”", shown(&st.name, &st.id)))
        };
        let department = |i: usize| {
            before
                .departments
                .get(i)
                .map_or_else(String::new, |d| format!("“{}”", shown(&d.name, &d.id)))
        };
        let department_by_id = |id: &str| {
            before
                .departments
                .iter()
                .find(|d| d.id == id)
                .map_or(id, |d| shown(&d.name, &d.id))
                .to_string()
        };
        let handoff = |i: usize| {
            before.handoffs.get(i).map_or_else(String::new, |h| {
                format!(
                    "{} → {}",
                    department_by_id(&h.from),
                    department_by_id(&h.to)
                )
            })
        };
        let option = |i: usize| {
            before
                .scenarios
                .get(i)
                .map_or_else(String::new, |sc| format!("“{}”", sc.name.trim()))
        };
        match self {
            Edit::SetName(_) => Change::typing("renaming the journey", "name"),
            Edit::SetMonths(_) => Change::typing("change to months", "months"),
            Edit::SetArrivals(_) => {
                Change::typing("change to arrivals per month", "arrivals_per_month")
            }
            Edit::SetCurrency(_) => Change::typing("change to currency", "currency"),
            Edit::SetDiscountRate(_) => Change::typing("change to discount rate", "discount_rate"),
            Edit::SetClvHorizon(_) => Change::typing("change to CLV horizon", "clv_horizon_months"),
            Edit::SetReferralEntry(_) => Change::step("change to where referrals enter"),
            Edit::SetInitial { stage: id, .. } => {
                let name = before
                    .stages
                    .iter()
                    .find(|st| &st.id == id)
                    .map_or(id.as_str(), |st| shown(&st.name, &st.id));
                Change::typing(
                    format!("change to people at the start in “{name}”"),
                    format!("initial.{id}"),
                )
            }
            Edit::UpdateDepartment(i, new) => {
                let what = format!("change to department {}", department(*i));
                match before
                    .departments
                    .get(*i)
                    .and_then(|old| department_field(old, new))
                {
                    Some(field) => Change::typing(what, format!("departments[{i}].{field}")),
                    None => Change::step(what),
                }
            }
            Edit::AddDepartment(name) => {
                Change::step(format!("adding department “{}”", name.trim()))
            }
            Edit::RemoveDepartment(i) => {
                Change::step(format!("removing department {}", department(*i)))
            }
            Edit::AddHandoff { from, to } => Change::step(format!(
                "adding hand-off {} → {}",
                department_by_id(from),
                department_by_id(to)
            )),
            Edit::SetHandoffDepartments { index, .. } => {
                Change::step(format!("change to hand-off {}", handoff(*index)))
            }
            Edit::SetHandoffFriction(i, _) => Change::typing(
                format!("change to hand-off {}", handoff(*i)),
                format!("handoffs[{i}].friction"),
            ),
            Edit::RemoveHandoff(i) => Change::step(format!("removing hand-off {}", handoff(*i))),
            Edit::UpdateStage(i, new) => {
                let what = format!("change to stage {}", stage(*i));
                match before.stages.get(*i).and_then(|old| stage_field(old, new)) {
                    Some(field) => Change::typing(what, format!("stages[{i}].{field}")),
                    None => Change::step(what),
                }
            }
            Edit::AddStage(Phase::Buy) => Change::step("adding a Buy stage"),
            Edit::AddStage(Phase::Own) => Change::step("adding an Own stage"),
            Edit::RemoveStage(i) => Change::step(format!("removing stage {}", stage(*i))),
            Edit::MoveStage { from, .. } => Change::step(format!("moving stage {}", stage(*from))),
            Edit::AddScenario => Change::step("adding a scenario"),
            Edit::DuplicateScenario(i) => {
                Change::step(format!("duplicating scenario {}", option(*i)))
            }
            Edit::RenameScenario(i, _) => Change::typing(
                format!("renaming scenario {}", option(*i)),
                format!("scenarios[{i}].name"),
            ),
            Edit::RemoveScenario(i) => Change::step(format!("removing scenario {}", option(*i))),
            Edit::AddInvestment(i) => {
                Change::step(format!("adding an investment to {}", option(*i)))
            }
            Edit::UpdateInvestment {
                scenario,
                index,
                investment,
            } => {
                let what = format!("change to an investment of {}", option(*scenario));
                let old = before
                    .scenarios
                    .get(*scenario)
                    .and_then(|sc| sc.investments.get(*index));
                match old.and_then(|old| investment_field(old, investment)) {
                    Some(field) => Change::typing(
                        what,
                        format!("scenarios[{scenario}].investments[{index}].{field}"),
                    ),
                    None => Change::step(what),
                }
            }
            Edit::RemoveInvestment { scenario, .. } => {
                Change::step(format!("removing an investment from {}", option(*scenario)))
            }
        }
    }
}

/// The one field that differs, if exactly one does.
fn only_change<const N: usize>(fields: [(bool, &'static str); N]) -> Option<&'static str> {
    let mut changed = fields.into_iter().filter(|(differs, _)| *differs);
    match (changed.next(), changed.next()) {
        (Some((_, field)), None) => Some(field),
        _ => None,
    }
}

/// Typing goes into names and numbers; a choice (phase, owner, where a
/// stage leads) is a step of its own.
fn stage_field(old: &Stage, new: &Stage) -> Option<&'static str> {
    let field = only_change([
        (old.id != new.id, "id"),
        (old.name != new.name, "name"),
        (old.phase != new.phase, "phase"),
        (old.owner != new.owner, "owner"),
        (old.next != new.next, "next"),
        (old.advance != new.advance, "advance"),
        (old.drop != new.drop, "drop"),
        (old.advocacy != new.advocacy, "advocacy"),
        (
            old.revenue_on_entry != new.revenue_on_entry,
            "revenue_on_entry",
        ),
        (
            old.revenue_per_month != new.revenue_per_month,
            "revenue_per_month",
        ),
        (old.cost_per_month != new.cost_per_month, "cost_per_month"),
    ])?;
    (!matches!(field, "phase" | "owner" | "next")).then_some(field)
}

fn department_field(old: &Department, new: &Department) -> Option<&'static str> {
    only_change([
        (old.id != new.id, "id"),
        (old.name != new.name, "name"),
        (old.friction != new.friction, "friction"),
    ])
}

fn investment_field(old: &Investment, new: &Investment) -> Option<&'static str> {
    let field = only_change([
        (
            old.department != new.department || old.handoff != new.handoff,
            "target",
        ),
        (old.monthly_spend != new.monthly_spend, "monthly_spend"),
        (
            old.half_friction_spend != new.half_friction_spend,
            "half_friction_spend",
        ),
        (old.start_month != new.start_month, "start_month"),
        (old.ramp_months != new.ramp_months, "ramp_months"),
        (old.one_off != new.one_off, "one_off"),
    ])?;
    (field != "target").then_some(field)
}

#[cfg(test)]
mod tests {
    use journey_core::Uncertain;

    use super::*;
    use crate::presets::DEFAULT_SCENARIO;

    fn scenario() -> Scenario {
        Scenario::from_json(DEFAULT_SCENARIO).unwrap()
    }

    #[test]
    fn structural_changes_are_steps_of_their_own_and_name_what_they_touch() {
        let s = scenario();
        let name = |i: usize| s.stages[i].name.clone();
        assert_eq!(
            Edit::RemoveStage(1).change(&s),
            Change::step(format!("removing stage “{}”", name(1)))
        );
        assert_eq!(
            Edit::MoveStage { from: 2, to: 1 }.change(&s),
            Change::step(format!("moving stage “{}”", name(2)))
        );
        assert_eq!(
            Edit::RemoveScenario(0).change(&s),
            Change::step(format!("removing scenario “{}”", s.scenarios[0].name))
        );
        assert_eq!(Edit::AddStage(Phase::Own).change(&s).field, None);
        let h = &s.handoffs[0];
        let by_id = |id: &str| {
            s.departments
                .iter()
                .find(|d| d.id == id)
                .unwrap()
                .name
                .clone()
        };
        assert_eq!(
            Edit::RemoveHandoff(0).change(&s).what,
            format!("removing hand-off {} → {}", by_id(&h.from), by_id(&h.to))
        );
    }

    #[test]
    fn typing_into_one_field_names_that_field() {
        let s = scenario();
        let mut stage = s.stages[0].clone();
        stage.advance = Uncertain::Point(0.123);
        let change = Edit::UpdateStage(0, Box::new(stage.clone())).change(&s);
        assert_eq!(change.field.as_deref(), Some("stages[0].advance"));
        assert_eq!(
            change.what,
            format!("change to stage “{}”", s.stages[0].name)
        );
        // Two fields at once, or a choice, is a step of its own.
        stage.drop = journey_core::StageDrop::Rate(Uncertain::Point(0.2));
        assert_eq!(Edit::UpdateStage(0, Box::new(stage)).change(&s).field, None);
        let mut owner = s.stages[0].clone();
        owner.owner = s.departments.last().unwrap().id.clone();
        assert_eq!(Edit::UpdateStage(0, Box::new(owner)).change(&s).field, None);

        let mut department = s.departments[0].clone();
        department.friction = Uncertain::Point(0.5);
        assert_eq!(
            Edit::UpdateDepartment(0, department)
                .change(&s)
                .field
                .as_deref(),
            Some("departments[0].friction")
        );
        let mut investment = s.scenarios[0].investments[0].clone();
        investment.monthly_spend = Uncertain::Point(1.0);
        let change = Edit::UpdateInvestment {
            scenario: 0,
            index: 0,
            investment: Box::new(investment),
        }
        .change(&s);
        assert_eq!(
            change.field.as_deref(),
            Some("scenarios[0].investments[0].monthly_spend")
        );
        assert_eq!(
            Edit::SetMonths(3).change(&s).field.as_deref(),
            Some("months")
        );
    }

    #[test]
    fn a_name_left_empty_reads_as_the_id() {
        let mut s = scenario();
        s.stages[0].name = " ".into();
        let id = s.stages[0].id.clone();
        assert_eq!(
            Edit::RemoveStage(0).change(&s).what,
            format!("removing stage “{id}”")
        );
    }
}

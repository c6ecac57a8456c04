//! The journey editor's changes to a scenario, each a pure function from
//! the old scenario to the new one.

mod change;
mod consequences;
mod limits;

pub use change::Change;

use journey_core::{
    Department, Handoff, HandoffRef, Investment, InvestmentScenario, Phase, Scenario, Stage,
    StageDrop, Uncertain,
};

#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// The journey's own name, as the page, the report and saved copies
    /// show it.
    SetName(String),
    SetMonths(u32),
    SetArrivals(Uncertain),
    SetCurrency(String),
    SetDiscountRate(f64),
    SetClvHorizon(u32),
    /// Where referrals enter: a stage id, or `None` for the first stage.
    SetReferralEntry(Option<String>),
    /// The customers in a stage at the start; 0 removes the entry.
    SetInitial {
        stage: String,
        count: u64,
    },
    UpdateDepartment(usize, Department),
    /// A department named `name` with an id made from the name.
    AddDepartment(String),
    /// Removes a department that owns no stage, with its hand-offs and the
    /// investments in it or in those hand-offs (see [`Edit::removal`]).
    RemoveDepartment(usize),
    /// A hand-off between two different known departments not yet listed.
    AddHandoff {
        from: String,
        to: String,
    },
    /// Changes the departments of a hand-off; the investments in it
    /// follow. Refused when another hand-off already has that pair (see
    /// [`Edit::handoff_change_refusal`]). A hand-off from a department to
    /// itself is kept and flagged by validation, so that a hand-off can be
    /// reversed one department at a time.
    SetHandoffDepartments {
        index: usize,
        from: String,
        to: String,
    },
    SetHandoffFriction(usize, Uncertain),
    /// Removes a hand-off and the investments in it.
    RemoveHandoff(usize),
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
    /// A new scenario with one investment, at the end of the list.
    AddScenario,
    /// A copy named "… (copy)" right after the original.
    DuplicateScenario(usize),
    RenameScenario(usize, String),
    RemoveScenario(usize),
    AddInvestment(usize),
    UpdateInvestment {
        scenario: usize,
        index: usize,
        investment: Box<Investment>,
    },
    RemoveInvestment {
        scenario: usize,
        index: usize,
    },
}

/// What else a removal takes with it, for the editor to say beforehand.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Removal {
    pub handoffs: usize,
    pub investments: usize,
}

impl Removal {
    /// "Also removes 1 hand-off and 2 investments.", or `None` when nothing
    /// else goes.
    pub fn note(&self) -> Option<String> {
        let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
        let parts: Vec<String> = [
            (self.handoffs, "hand-off"),
            (self.investments, "investment"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| plural(n, what))
        .collect();
        (!parts.is_empty()).then(|| format!("Also removes {}.", parts.join(" and ")))
    }
}

impl Edit {
    /// The scenario after this edit, or `None` when the edit names a
    /// department, hand-off, stage, scenario or investment that does not
    /// exist, is refused (see [`Edit::removal`]) or would pass one of the
    /// engine's limits (see [`Edit::limit`]).
    pub fn apply(self, scenario: &Scenario) -> Option<Scenario> {
        if self.limit(scenario).is_some() {
            return None;
        }
        let mut s = scenario.clone();
        match self {
            Edit::SetName(name) => s.name = name,
            Edit::SetMonths(months) => s.months = months,
            Edit::SetArrivals(arrivals) => s.arrivals_per_month = arrivals,
            Edit::SetCurrency(currency) => s.currency = currency,
            Edit::SetDiscountRate(rate) => s.discount_rate = rate,
            Edit::SetClvHorizon(months) => s.clv_horizon_months = months,
            Edit::SetReferralEntry(entry) => {
                if let Some(id) = &entry {
                    s.stages.iter().find(|st| &st.id == id)?;
                }
                s.referral_entry = entry;
            }
            Edit::SetInitial { stage, count } => {
                s.stages.iter().find(|st| st.id == stage)?;
                if count == 0 {
                    s.initial.remove(&stage);
                } else {
                    s.initial.insert(stage, count);
                }
            }
            Edit::UpdateDepartment(i, department) => *s.departments.get_mut(i)? = department,
            Edit::AddDepartment(name) => {
                let name = name.trim();
                if name.is_empty() {
                    return None;
                }
                s.departments.push(Department {
                    id: department_id(&s, name),
                    name: name.to_string(),
                    friction: Uncertain::ZERO,
                });
            }
            Edit::RemoveDepartment(i) => {
                department_removal(&s, i).ok()?;
                let id = s.departments.remove(i).id;
                s.handoffs.retain(|h| h.from != id && h.to != id);
                for sc in &mut s.scenarios {
                    sc.investments
                        .retain(|inv| !invests_in_department(inv, &id));
                }
            }
            Edit::AddHandoff { from, to } => {
                handoff_refusal(&s, &from, &to).map_or(Some(()), |_| None)?;
                s.handoffs.push(Handoff {
                    from,
                    to,
                    friction: Uncertain::Point(0.1),
                });
            }
            Edit::SetHandoffDepartments { index, from, to } => {
                handoff_change_refusal(&s, index, &from, &to).map_or(Some(()), |_| None)?;
                let old = s.handoffs[index].clone();
                // A pair listed twice (invalid, but possible in a file)
                // keeps its investments with the other listing.
                let twin = s
                    .handoffs
                    .iter()
                    .enumerate()
                    .any(|(j, o)| j != index && o.from == old.from && o.to == old.to);
                if !twin {
                    for inv in s.scenarios.iter_mut().flat_map(|sc| &mut sc.investments) {
                        if invests_in_handoff(inv, &old) {
                            inv.handoff = Some(HandoffRef {
                                from: from.clone(),
                                to: to.clone(),
                            });
                        }
                    }
                }
                let h = &mut s.handoffs[index];
                (h.from, h.to) = (from, to);
            }
            Edit::SetHandoffFriction(i, friction) => s.handoffs.get_mut(i)?.friction = friction,
            Edit::RemoveHandoff(i) => {
                if i >= s.handoffs.len() {
                    return None;
                }
                let h = s.handoffs.remove(i);
                // A pair listed twice (invalid, but possible in a file)
                // still has a hand-off for its investments.
                if !s.handoffs.iter().any(|o| o.from == h.from && o.to == h.to) {
                    for sc in &mut s.scenarios {
                        sc.investments.retain(|inv| !invests_in_handoff(inv, &h));
                    }
                }
            }
            Edit::UpdateStage(i, stage) => {
                s.stages.get(i)?;
                let to = stage_index_after(&s, i, &stage);
                s.stages.remove(i);
                s.stages.insert(to, *stage);
            }
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
            Edit::AddScenario => {
                let name = unique_scenario_name(&s, "New scenario");
                let investment = new_investment(&s);
                s.scenarios.push(InvestmentScenario {
                    name,
                    investments: vec![investment],
                });
            }
            Edit::DuplicateScenario(i) => {
                let original = s.scenarios.get(i)?;
                let copy = InvestmentScenario {
                    name: unique_scenario_name(&s, &format!("{} (copy)", original.name.trim())),
                    investments: original.investments.clone(),
                };
                s.scenarios.insert(i + 1, copy);
            }
            Edit::RenameScenario(i, name) => s.scenarios.get_mut(i)?.name = name,
            Edit::RemoveScenario(i) => {
                if i >= s.scenarios.len() {
                    return None;
                }
                s.scenarios.remove(i);
            }
            Edit::AddInvestment(i) => {
                let investment = new_investment(&s);
                s.scenarios.get_mut(i)?.investments.push(investment);
            }
            Edit::UpdateInvestment {
                scenario,
                index,
                investment,
            } => {
                *s.scenarios.get_mut(scenario)?.investments.get_mut(index)? = *investment;
            }
            Edit::RemoveInvestment { scenario, index } => {
                let investments = &mut s.scenarios.get_mut(scenario)?.investments;
                if index >= investments.len() {
                    return None;
                }
                investments.remove(index);
            }
        }
        Some(s)
    }

    /// For a removal of a department or hand-off: `Err` with the reason it
    /// is refused, or what else it removes. Other edits remove nothing.
    ///
    /// A department that owns stages cannot go: which department would own
    /// them is the user's choice, so they are asked to reassign them first.
    /// Hand-offs and investments only exist for their departments, so they
    /// go with them, and the editor says so next to the button.
    pub fn removal(&self, s: &Scenario) -> Result<Removal, String> {
        match self {
            Edit::RemoveDepartment(i) => department_removal(s, *i),
            Edit::RemoveHandoff(i) => {
                let h = s.handoffs.get(*i).ok_or("there is no such hand-off")?;
                let twin = s
                    .handoffs
                    .iter()
                    .enumerate()
                    .any(|(j, o)| j != *i && o.from == h.from && o.to == h.to);
                Ok(Removal {
                    handoffs: 0,
                    investments: if twin {
                        0
                    } else {
                        count_investments(s, |inv| invests_in_handoff(inv, h))
                    },
                })
            }
            _ => Ok(Removal::default()),
        }
    }

    /// Why a hand-off from `from` to `to` cannot be added, if it cannot.
    pub fn handoff_refusal(s: &Scenario, from: &str, to: &str) -> Option<&'static str> {
        handoff_refusal(s, from, to)
    }

    /// Why hand-off `index` cannot become `from` → `to`, if it cannot.
    pub fn handoff_change_refusal(
        s: &Scenario,
        index: usize,
        from: &str,
        to: &str,
    ) -> Option<&'static str> {
        handoff_change_refusal(s, index, from, to)
    }

    /// The first pair of departments, in list order, with no hand-off yet:
    /// what the form to add one offers first.
    pub fn free_handoff(s: &Scenario) -> Option<(&str, &str)> {
        free_handoff(s)
    }
}

/// The first pair of departments, in list order, with no hand-off yet.
fn free_handoff(s: &Scenario) -> Option<(&str, &str)> {
    s.departments.iter().find_map(|from| {
        s.departments
            .iter()
            .find(|to| {
                to.id != from.id
                    && !s
                        .handoffs
                        .iter()
                        .any(|h| h.from == from.id && h.to == to.id)
            })
            .map(|to| (from.id.as_str(), to.id.as_str()))
    })
}

fn department_removal(s: &Scenario, i: usize) -> Result<Removal, String> {
    let d = s.departments.get(i).ok_or("there is no such department")?;
    let owned: Vec<&str> = s
        .stages
        .iter()
        .filter(|st| st.owner == d.id)
        .map(|st| {
            if st.name.is_empty() {
                st.id.as_str()
            } else {
                st.name.as_str()
            }
        })
        .collect();
    if !owned.is_empty() {
        return Err(format!(
            "Owns {} (give {} another owner to remove it).",
            owned.join(", "),
            if owned.len() == 1 { "it" } else { "them" }
        ));
    }
    Ok(Removal {
        handoffs: s
            .handoffs
            .iter()
            .filter(|h| h.from == d.id || h.to == d.id)
            .count(),
        investments: count_investments(s, |inv| invests_in_department(inv, &d.id)),
    })
}

fn handoff_refusal(s: &Scenario, from: &str, to: &str) -> Option<&'static str> {
    let known = |id: &str| s.departments.iter().any(|d| d.id == id);
    if s.departments.len() < 2 {
        Some("A hand-off needs two departments.")
    } else if free_handoff(s).is_none() {
        Some("Every department already hands off to every other.")
    } else if !known(from) || !known(to) {
        Some("Choose two departments.")
    } else if from == to {
        Some("A hand-off is between two different departments.")
    } else if s.handoffs.iter().any(|h| h.from == from && h.to == to) {
        Some("That hand-off is already listed.")
    } else {
        None
    }
}

/// A hand-off may keep a department that is not listed (from a file) while
/// its other end changes, and may go from a department to itself for a
/// moment; it may not take a pair another hand-off has.
fn handoff_change_refusal(
    s: &Scenario,
    index: usize,
    from: &str,
    to: &str,
) -> Option<&'static str> {
    let Some(old) = s.handoffs.get(index) else {
        return Some("There is no such hand-off.");
    };
    let known = |id: &str, was: &str| id == was || s.departments.iter().any(|d| d.id == id);
    if !known(from, &old.from) || !known(to, &old.to) {
        Some("Choose two departments.")
    } else if s
        .handoffs
        .iter()
        .enumerate()
        .any(|(j, h)| j != index && h.from == from && h.to == to)
    {
        Some("That hand-off is already listed.")
    } else {
        None
    }
}

fn count_investments(s: &Scenario, f: impl Fn(&Investment) -> bool) -> usize {
    s.scenarios
        .iter()
        .flat_map(|sc| &sc.investments)
        .filter(|inv| f(inv))
        .count()
}

/// Invests in department `id` or in a hand-off to or from it.
fn invests_in_department(inv: &Investment, id: &str) -> bool {
    inv.department.as_deref() == Some(id)
        || inv
            .handoff
            .as_ref()
            .is_some_and(|h| h.from == id || h.to == id)
}

fn invests_in_handoff(inv: &Investment, h: &Handoff) -> bool {
    inv.handoff
        .as_ref()
        .is_some_and(|r| r.from == h.from && r.to == h.to)
}

/// An id made from `name` (ASCII letters in lower case, words joined by
/// "-"), not used by another department. Other letters are kept as they
/// are: Unicode case tables would add about 13 KiB (gzipped) to the page.
fn department_id(s: &Scenario, name: &str) -> String {
    let mut base = String::new();
    for c in name.chars().map(|c| c.to_ascii_lowercase()) {
        if c.is_alphanumeric() {
            base.push(c);
        } else if !base.is_empty() && !base.ends_with('-') {
            base.push('-');
        }
    }
    let mut base: String = base.trim_end_matches('-').chars().take(40).collect();
    if base.is_empty() {
        base = "department".into();
    }
    let free = |id: &str| s.departments.iter().all(|d| d.id != id);
    if free(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| free(id))
        .expect("some id is free")
}

/// `base`, or `base` with a number, so that no other scenario has the name
/// (compared as validation does, and never "Baseline").
fn unique_scenario_name(s: &Scenario, base: &str) -> String {
    let free = |name: &str| {
        !name.eq_ignore_ascii_case("baseline")
            && s.scenarios
                .iter()
                .all(|sc| !sc.name.trim().eq_ignore_ascii_case(name))
    };
    if free(base) {
        return base.to_string();
    }
    let (stem, open) = match base.strip_suffix(')') {
        Some(stem) => (stem, true),
        None => (base, false),
    };
    (2..)
        .map(|n| {
            if open {
                format!("{stem} {n})")
            } else {
                format!("{stem} {n}")
            }
        })
        .find(|name| free(name))
        .expect("some name is free")
}

/// Spending in the first department, starting at once and ramping up over
/// three months: a starting point that already shows an effect.
fn new_investment(s: &Scenario) -> Investment {
    Investment {
        department: s.departments.first().map(|d| d.id.clone()),
        handoff: None,
        monthly_spend: Uncertain::Point(10_000.0),
        half_friction_spend: Uncertain::Point(20_000.0),
        start_month: 1,
        ramp_months: 3,
        one_off: Uncertain::ZERO,
    }
}

/// A stage with an unused id, owned by the first department. The last stage
/// of a journey cannot advance, so a stage added at the end does not.
/// Where stage `i` goes once updated to `stage`: where it is, or, when its
/// phase changes, to the border of the two halves (the end of the BUY half,
/// or the start of the OWN half), so that every BUY stage still comes
/// before the first OWN stage.
pub fn stage_index_after(s: &Scenario, i: usize, stage: &Stage) -> usize {
    match s.stages.get(i) {
        Some(old) if old.phase != stage.phase => s
            .stages
            .iter()
            .enumerate()
            .take_while(|(j, st)| *j == i || st.phase == Phase::Buy)
            .filter(|(j, _)| *j != i)
            .count(),
        _ => i,
    }
}

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
    fn a_stage_that_changes_phase_moves_to_the_border_of_the_halves() {
        let s = default();
        let buys = s.stages.iter().filter(|st| st.phase == Phase::Buy).count();
        let last = s.stages.len() - 1;
        let mut loyal = s.stages[last].clone();
        loyal.phase = Phase::Buy;
        let edited = Edit::UpdateStage(last, Box::new(loyal.clone()))
            .apply(&s)
            .unwrap();
        assert_eq!(edited.stages[buys], loyal);
        assert_eq!(stage_index_after(&s, last, &loyal), buys);
        let mut need = s.stages[0].clone();
        need.phase = Phase::Own;
        let edited = Edit::UpdateStage(0, Box::new(need.clone()))
            .apply(&s)
            .unwrap();
        assert_eq!(edited.stages[buys - 1], need);
        assert_eq!(stage_index_after(&s, 0, &need), buys - 1);
        // Every BUY stage still comes first, as validation asks.
        for edited in [
            Edit::UpdateStage(last, Box::new(loyal)).apply(&s).unwrap(),
            Edit::UpdateStage(0, Box::new(need)).apply(&s).unwrap(),
        ] {
            let first_own = edited.stages.iter().position(|st| st.phase == Phase::Own);
            assert!(
                edited.stages[first_own.unwrap()..]
                    .iter()
                    .all(|st| st.phase == Phase::Own)
            );
        }
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
        let edited = Edit::SetName("Acme onboarding".into())
            .apply(&edited)
            .unwrap();
        assert_eq!(edited.name, "Acme onboarding");
        let edited = Edit::SetDiscountRate(0.05).apply(&edited).unwrap();
        let edited = Edit::SetClvHorizon(24).apply(&edited).unwrap();
        assert_eq!(edited.clv_horizon_months, 24);
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

    #[test]
    fn referral_entry_and_initial_customers_name_existing_stages() {
        let s = default();
        let edited = Edit::SetReferralEntry(Some("need".into()))
            .apply(&s)
            .unwrap();
        assert_eq!(edited.referral_entry.as_deref(), Some("need"));
        let edited = Edit::SetReferralEntry(None).apply(&edited).unwrap();
        assert_eq!(edited.referral_entry, None);
        assert!(
            Edit::SetReferralEntry(Some("nowhere".into()))
                .apply(&s)
                .is_none()
        );

        let set = |stage: &str, count| Edit::SetInitial {
            stage: stage.into(),
            count,
        };
        let edited = set("onboard", 500).apply(&s).unwrap();
        assert_eq!(edited.initial.get("onboard"), Some(&500));
        let edited = set("onboard", 0).apply(&edited).unwrap();
        assert!(
            !edited.initial.contains_key("onboard"),
            "0 removes the entry"
        );
        assert!(set("nowhere", 5).apply(&s).is_none());
        assert!(Journey::new(set("use", 1).apply(&s).unwrap()).is_ok());
    }

    #[test]
    fn added_departments_get_unique_ids_from_their_names() {
        let s = default();
        let edited = Edit::AddDepartment(" Customer  Success! ".into())
            .apply(&s)
            .unwrap();
        let added = edited.departments.last().unwrap();
        assert_eq!(
            (added.id.as_str(), added.name.as_str()),
            ("customer-success", "Customer  Success!")
        );
        let again = Edit::AddDepartment("Customer success".into())
            .apply(&edited)
            .unwrap();
        assert_eq!(again.departments.last().unwrap().id, "customer-success-2");
        let odd = Edit::AddDepartment("€€".into()).apply(&s).unwrap();
        assert_eq!(odd.departments.last().unwrap().id, "department");
        assert!(Edit::AddDepartment("  ".into()).apply(&s).is_none());
        assert!(Journey::new(again).is_ok());
    }

    #[test]
    fn a_department_owning_stages_is_not_removed() {
        let s = default();
        let marketing = s
            .departments
            .iter()
            .position(|d| d.id == "marketing")
            .unwrap();
        let why = Edit::RemoveDepartment(marketing).removal(&s).unwrap_err();
        assert!(why.contains("Need, Research"), "{why}");
        assert!(Edit::RemoveDepartment(marketing).apply(&s).is_none());
        assert!(Edit::RemoveDepartment(99).apply(&s).is_none());
    }

    #[test]
    fn removing_a_department_removes_its_handoffs_and_investments() {
        let s = default();
        // Give Sales' one stage to Operations so that Sales owns none.
        let mut purchase = s.stages[3].clone();
        assert_eq!(purchase.owner, "sales");
        purchase.owner = "operations".into();
        let s = Edit::UpdateStage(3, Box::new(purchase)).apply(&s).unwrap();
        let sales = s.departments.iter().position(|d| d.id == "sales").unwrap();
        let edit = Edit::RemoveDepartment(sales);
        let removal = edit.removal(&s).unwrap();
        assert_eq!(
            removal,
            Removal {
                handoffs: 1,
                investments: 1
            }
        );
        assert_eq!(
            removal.note().as_deref(),
            Some("Also removes 1 hand-off and 1 investment.")
        );
        let edited = edit.apply(&s).unwrap();
        assert!(edited.departments.iter().all(|d| d.id != "sales"));
        assert!(edited.handoffs.is_empty());
        // The scenario stays, without its investment.
        assert_eq!(edited.scenarios.len(), s.scenarios.len());
        assert!(edited.scenarios[1].investments.is_empty());
        assert!(Journey::new(edited).is_ok());
    }

    #[test]
    fn handoffs_are_added_once_between_two_departments() {
        let s = default();
        let add = |from: &str, to: &str| Edit::AddHandoff {
            from: from.into(),
            to: to.into(),
        };
        let edited = add("marketing", "ecommerce").apply(&s).unwrap();
        let added = edited.handoffs.last().unwrap();
        assert_eq!(
            (added.from.as_str(), added.to.as_str()),
            ("marketing", "ecommerce")
        );
        assert!(Journey::new(edited.clone()).is_ok());
        assert!(add("marketing", "ecommerce").apply(&edited).is_none());
        assert!(add("sales", "sales").apply(&s).is_none());
        assert!(add("sales", "nowhere").apply(&s).is_none());
        assert_eq!(
            Edit::handoff_refusal(&s, "sales", "operations"),
            Some("That hand-off is already listed.")
        );
        assert_eq!(Edit::handoff_refusal(&s, "operations", "sales"), None);

        let friction = Uncertain::Range {
            low: 0.2,
            high: 0.3,
        };
        let edited = Edit::SetHandoffFriction(0, friction).apply(&s).unwrap();
        assert_eq!(edited.handoffs[0].friction, friction);
        assert!(Edit::SetHandoffFriction(5, friction).apply(&s).is_none());
    }

    fn set_pair(index: usize, from: &str, to: &str) -> Edit {
        Edit::SetHandoffDepartments {
            index,
            from: from.into(),
            to: to.into(),
        }
    }

    fn handoff_targets(s: &Scenario) -> Vec<(String, String)> {
        s.scenarios
            .iter()
            .flat_map(|sc| &sc.investments)
            .filter_map(|inv| inv.handoff.as_ref())
            .map(|h| (h.from.clone(), h.to.clone()))
            .collect()
    }

    #[test]
    fn a_handoff_changes_departments_and_its_investments_follow() {
        let s = default();
        assert_eq!(handoff_targets(&s), [("sales".into(), "operations".into())]);
        let edited = set_pair(0, "marketing", "operations").apply(&s).unwrap();
        let h = &edited.handoffs[0];
        assert_eq!(
            (h.from.as_str(), h.to.as_str()),
            ("marketing", "operations")
        );
        assert_eq!(h.friction, s.handoffs[0].friction, "friction stays");
        assert_eq!(
            handoff_targets(&edited),
            [("marketing".into(), "operations".into())]
        );
        assert!(Journey::new(edited.clone()).is_ok());
        // Back again restores the journey exactly.
        assert_eq!(
            set_pair(0, "sales", "operations").apply(&edited),
            Some(s.clone())
        );
        assert!(set_pair(1, "sales", "care").apply(&s).is_none());
        assert!(set_pair(0, "sales", "nowhere").apply(&s).is_none());
        assert_eq!(
            Edit::handoff_change_refusal(&s, 0, "nowhere", "care"),
            Some("Choose two departments.")
        );
    }

    #[test]
    fn a_handoff_can_reverse_through_one_department_and_never_duplicates_another() {
        let s = default();
        // To reverse Sales → Operations one select at a time, it passes
        // through Operations → Operations, which validation flags.
        let halfway = set_pair(0, "operations", "operations").apply(&s).unwrap();
        let problems = Journey::new(halfway.clone()).unwrap_err();
        let messages: Vec<&str> = problems
            .iter()
            .filter(|p| p.path == "handoffs[0]")
            .map(|p| p.message.as_str())
            .collect();
        assert_eq!(messages, ["a hand-off needs two different departments"]);
        let reversed = set_pair(0, "operations", "sales").apply(&halfway).unwrap();
        assert_eq!(
            handoff_targets(&reversed),
            [("operations".into(), "sales".into())]
        );
        // The same in one step (the editor's "Reverse" button).
        assert_eq!(
            set_pair(0, "operations", "sales").apply(&s),
            Some(reversed.clone())
        );
        assert!(Journey::new(reversed).is_ok());

        // A pair another hand-off has is refused, with the reason.
        let two = Edit::AddHandoff {
            from: "marketing".into(),
            to: "ecommerce".into(),
        }
        .apply(&s)
        .unwrap();
        assert_eq!(
            Edit::handoff_change_refusal(&two, 1, "sales", "operations"),
            Some("That hand-off is already listed.")
        );
        assert!(set_pair(1, "sales", "operations").apply(&two).is_none());
        assert_eq!(
            Edit::handoff_change_refusal(&two, 0, "sales", "operations"),
            None
        );
    }

    #[test]
    fn a_handoff_listed_twice_keeps_its_investments_with_the_other_listing() {
        let mut s = default();
        s.handoffs.push(s.handoffs[0].clone());
        // Either listing may change away from the shared pair; the
        // investments stay with the listing that keeps it.
        for index in [0, 1] {
            let edited = set_pair(index, "marketing", "operations")
                .apply(&s)
                .unwrap();
            assert_eq!(handoff_targets(&edited), handoff_targets(&s));
            assert!(Journey::new(edited).is_ok());
        }
        // A department missing from the list may stay while the other end
        // changes.
        let mut ghost = default();
        ghost.handoffs[0].from = "ghost".into();
        assert!(set_pair(0, "ghost", "care").apply(&ghost).is_some());
        assert!(set_pair(0, "ghost2", "operations").apply(&ghost).is_none());
    }

    #[test]
    fn removing_a_handoff_removes_the_investments_in_it() {
        let s = default();
        assert_eq!(Edit::RemoveHandoff(0).removal(&s).unwrap().investments, 1);
        let edited = Edit::RemoveHandoff(0).apply(&s).unwrap();
        assert!(edited.handoffs.is_empty());
        assert!(edited.scenarios[1].investments.is_empty());
        assert_eq!(edited.scenarios[0], s.scenarios[0]);
        assert!(Journey::new(edited).is_ok());
        assert!(Edit::RemoveHandoff(1).apply(&s).is_none());
        assert!(Edit::RemoveHandoff(1).removal(&s).is_err());
    }

    #[test]
    fn scenarios_are_added_duplicated_renamed_and_removed() {
        let s = default();
        let n = s.scenarios.len();
        let added = Edit::AddScenario.apply(&s).unwrap();
        assert_eq!(added.scenarios[n].name, "New scenario");
        assert_eq!(added.scenarios[n].investments.len(), 1);
        let added = Edit::AddScenario.apply(&added).unwrap();
        assert_eq!(added.scenarios[n + 1].name, "New scenario 2");
        assert!(Journey::new(added).is_ok());

        let copy = Edit::DuplicateScenario(0).apply(&s).unwrap();
        let name = &s.scenarios[0].name;
        assert_eq!(copy.scenarios[1].name, format!("{name} (copy)"));
        assert_eq!(copy.scenarios[1].investments, s.scenarios[0].investments);
        let copy = Edit::DuplicateScenario(0).apply(&copy).unwrap();
        assert_eq!(copy.scenarios[1].name, format!("{name} (copy 2)"));
        assert!(Journey::new(copy.clone()).is_ok());
        assert!(Edit::DuplicateScenario(99).apply(&s).is_none());

        let renamed = Edit::RenameScenario(0, "Better boxes".into())
            .apply(&s)
            .unwrap();
        assert_eq!(renamed.scenarios[0].name, "Better boxes");
        assert!(Edit::RenameScenario(99, "x".into()).apply(&s).is_none());
        // A name validation refuses is kept, and shown in place.
        let clash = Edit::RenameScenario(1, s.scenarios[0].name.clone())
            .apply(&s)
            .unwrap();
        let problems = Journey::new(clash).unwrap_err();
        assert!(problems.under("scenarios[1].name").next().is_some());

        let removed = Edit::RemoveScenario(0).apply(&s).unwrap();
        assert_eq!(removed.scenarios[..], s.scenarios[1..]);
        assert!(Edit::RemoveScenario(n).apply(&s).is_none());
    }

    #[test]
    fn a_copy_is_never_named_baseline_or_like_another() {
        let mut s = default();
        s.scenarios[0].name = "Baseline (copy)".into();
        s.scenarios[1].name = "Plan".into();
        s.scenarios[2].name = "plan (copy) ".into();
        let copy = Edit::DuplicateScenario(1).apply(&s).unwrap();
        assert_eq!(copy.scenarios[2].name, "Plan (copy 2)");
    }

    #[test]
    fn investments_are_added_updated_and_removed() {
        let s = default();
        let edited = Edit::AddInvestment(2).apply(&s).unwrap();
        assert_eq!(edited.scenarios[2].investments.len(), 2);
        assert!(Journey::new(edited.clone()).is_ok());
        assert!(Edit::AddInvestment(9).apply(&s).is_none());

        let mut on_handoff = edited.scenarios[2].investments[1].clone();
        on_handoff.department = None;
        on_handoff.handoff = Some(journey_core::HandoffRef {
            from: "sales".into(),
            to: "operations".into(),
        });
        on_handoff.half_friction_spend = Uncertain::Range {
            low: 5_000.0,
            high: 40_000.0,
        };
        let update = |scenario, index, investment: &Investment| Edit::UpdateInvestment {
            scenario,
            index,
            investment: Box::new(investment.clone()),
        };
        let edited = update(2, 1, &on_handoff).apply(&edited).unwrap();
        assert_eq!(edited.scenarios[2].investments[1], on_handoff);
        assert!(Journey::new(edited.clone()).is_ok());
        assert!(update(2, 5, &on_handoff).apply(&edited).is_none());
        assert!(update(7, 0, &on_handoff).apply(&edited).is_none());

        let mut late = on_handoff.clone();
        late.start_month = 99;
        let problems = Journey::new(update(2, 1, &late).apply(&edited).unwrap()).unwrap_err();
        assert!(
            problems
                .under("scenarios[2].investments[1].start_month")
                .next()
                .is_some()
        );

        let removed = Edit::RemoveInvestment {
            scenario: 2,
            index: 0,
        }
        .apply(&edited)
        .unwrap();
        assert_eq!(removed.scenarios[2].investments, [on_handoff]);
        let out = Edit::RemoveInvestment {
            scenario: 2,
            index: 1,
        };
        assert!(out.apply(&removed).is_none());
    }
}

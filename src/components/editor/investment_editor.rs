use std::rc::Rc;

use journey_core::{HandoffRef, Investment, Problems, Scenario, Uncertain};
use yew::prelude::*;

use super::{
    Choice, NumberInput, SelectInput, UncertainInput, ValueKind, department_name, field_problems,
    fields_only, messages_at, messages_under,
};
use crate::app_state::Edit;

#[derive(Properties, PartialEq)]
pub struct InvestmentEditorProps {
    /// The investment, at `index` in the investments of scenario `option`.
    pub investment: Investment,
    /// The investment scenario's position in the journey's scenarios.
    pub option: usize,
    /// The investment scenario's name.
    pub option_name: AttrValue,
    /// The investment's position in that scenario's investments.
    pub index: usize,
    pub targets: Rc<Targets>,
    /// The journey's currency, for the amounts' labels.
    pub currency: AttrValue,
    pub problems: Rc<Problems>,
    pub on_change: Callback<Edit>,
}

/// One investment: what it targets (a department or a hand-off), its
/// monthly spend, the spend that halves friction, when it starts and ramps
/// up, and a one-off cost.
#[component]
pub fn InvestmentEditor(props: &InvestmentEditorProps) -> Html {
    let inv = &props.investment;
    let (option, index) = (props.option, props.index);
    let path = format!("scenarios[{option}].investments[{index}]");
    let id = format!("scenario-{option}-investment-{index}");
    let problems = &props.problems;
    let field = |suffix: &str| messages_under(problems, &format!("{path}.{suffix}"));
    let currency = &props.currency;

    let update = |change: fn(&mut Investment, Uncertain)| {
        let inv = inv.clone();
        props.on_change.reform(move |value: Uncertain| {
            let mut inv = inv.clone();
            change(&mut inv, value);
            Edit::UpdateInvestment {
                scenario: option,
                index,
                investment: Box::new(inv),
            }
        })
    };
    let update_month = |change: fn(&mut Investment, u32)| {
        let inv = inv.clone();
        props.on_change.reform(move |value: f64| {
            let mut inv = inv.clone();
            // NumberInput only passes whole numbers from 0 to u32::MAX.
            change(&mut inv, value as u32);
            Edit::UpdateInvestment {
                scenario: option,
                index,
                investment: Box::new(inv),
            }
        })
    };
    let on_target = {
        let inv = inv.clone();
        let targets = props.targets.clone();
        props.on_change.reform(move |value: String| {
            let mut inv = inv.clone();
            (inv.department, inv.handoff) = targets.of_value(&value);
            Edit::UpdateInvestment {
                scenario: option,
                index,
                investment: Box::new(inv),
            }
        })
    };
    let target = props.targets.value(inv);
    let target_problems = messages_at(
        problems,
        &[
            &path,
            &format!("{path}.department"),
            &format!("{path}.handoff"),
        ],
    );
    let target_id = format!("{id}-target");
    let month_field = |key: &str, label: &str, value: u32, on_change: Callback<f64>| {
        let messages = field(key);
        let field_id = format!("{id}-{}", key.replace('_', "-"));
        let problems_id = format!("{field_id}-problems");
        html! {
            <div class="field">
                <label for={field_id.clone()}>{label.to_string()}</label>
                <NumberInput
                    id={field_id}
                    value={f64::from(value)}
                    whole=true
                    invalid={!messages.is_empty()}
                    described_by={(!messages.is_empty()).then(|| AttrValue::from(problems_id.clone()))}
                    {on_change}
                />
                {field_problems(problems_id, messages)}
            </div>
        }
    };
    let label = format!("Investment {}", index + 1);
    let option_name = &props.option_name;

    html! {
        <li class="investment" data-testid="investment">
            <div class="investment-card" role="group" aria-labelledby={format!("{id}-title")}>
                <div class="investment-head">
                    <h5 id={format!("{id}-title")} class="investment-title">{label.clone()}</h5>
                    <button
                        type="button"
                        class="quiet"
                        aria-label={format!("Remove investment {} of {option_name}", index + 1)}
                        onclick={props.on_change.reform(move |_: MouseEvent| Edit::RemoveInvestment { scenario: option, index })}
                    >{"Remove"}</button>
                </div>
                <form class="investment-fields" onsubmit={fields_only()} novalidate=true>
                    <div class="field investment-target">
                        <label for={target_id.clone()}>{"Invest in"}</label>
                        <SelectInput
                            id={target_id.clone()}
                            value={target.clone().unwrap_or_default()}
                            choices={props.targets.choices(target.is_none())}
                            invalid={!target_problems.is_empty()}
                            described_by={(!target_problems.is_empty()).then(|| AttrValue::from(format!("{target_id}-problems")))}
                            on_change={on_target}
                        />
                        {field_problems(format!("{target_id}-problems"), target_problems)}
                    </div>
                    <UncertainInput
                        id={format!("{id}-monthly-spend")}
                        kind={ValueKind::Amount}
                        label={format!("Monthly spend ({currency})")}
                        value={inv.monthly_spend}
                        problems={field("monthly_spend")}
                        on_change={update(|inv, v| inv.monthly_spend = v)}
                    />
                    <UncertainInput
                        id={format!("{id}-one-off")}
                        kind={ValueKind::Amount}
                        label={format!("One-off cost ({currency})")}
                        value={inv.one_off}
                        problems={field("one_off")}
                        on_change={update(|inv, v| inv.one_off = v)}
                    />
                    <UncertainInput
                        id={format!("{id}-half-friction-spend")}
                        class="investment-wide"
                        kind={ValueKind::Amount}
                        label={format!("Monthly spend that halves friction ({currency})")}
                        value={inv.half_friction_spend}
                        problems={field("half_friction_spend")}
                        on_change={update(|inv, v| inv.half_friction_spend = v)}
                    />
                    <div class="investment-timing">
                        {month_field("start_month", "Start month", inv.start_month, update_month(|inv, m| inv.start_month = m))}
                        {month_field("ramp_months", "Ramp-up months", inv.ramp_months, update_month(|inv, m| inv.ramp_months = m))}
                    </div>
                </form>
            </div>
        </li>
    }
}

/// What an investment can target: every department, then every hand-off,
/// as the target select lists them. The cards take this rather than the
/// whole journey, so that an edit redraws only the cards it changes.
#[derive(Debug, PartialEq)]
pub struct Targets {
    departments: Vec<(String, AttrValue)>,
    handoffs: Vec<(HandoffRef, AttrValue)>,
}

impl Targets {
    pub fn of(s: &Scenario) -> Targets {
        let departments = s
            .departments
            .iter()
            .map(|d| (d.id.clone(), AttrValue::from(department_name(s, &d.id))))
            .collect();
        let handoffs = s
            .handoffs
            .iter()
            .map(|h| {
                let label = format!(
                    "{} → {}",
                    department_name(s, &h.from),
                    department_name(s, &h.to)
                );
                let handoff = HandoffRef {
                    from: h.from.clone(),
                    to: h.to.clone(),
                };
                (handoff, AttrValue::from(label))
            })
            .collect();
        Targets {
            departments,
            handoffs,
        }
    }

    /// The select's choices; first a prompt when the investment names
    /// nothing listed.
    fn choices(&self, prompt: bool) -> Vec<Choice> {
        let grouped = |group: &'static str| {
            move |c: Choice| Choice {
                group: Some(AttrValue::from(group)),
                ..c
            }
        };
        let prompt = prompt.then(|| Choice::new("", "Choose a department or hand-off"));
        let departments = self
            .departments
            .iter()
            .enumerate()
            .map(|(k, (_, label))| Choice::new(format!("department:{k}"), label.clone()))
            .map(grouped("Departments"));
        let handoffs = self
            .handoffs
            .iter()
            .enumerate()
            .map(|(k, (_, label))| Choice::new(format!("handoff:{k}"), label.clone()))
            .map(grouped("Hand-offs"));
        prompt
            .into_iter()
            .chain(departments)
            .chain(handoffs)
            .collect()
    }

    /// The select's value for an investment: `department:<k>` or
    /// `handoff:<k>` (positions in the lists), or `None` when it names
    /// nothing listed or both a department and a hand-off.
    fn value(&self, inv: &Investment) -> Option<String> {
        match (&inv.department, &inv.handoff) {
            (Some(d), None) => self
                .departments
                .iter()
                .position(|(id, _)| id == d)
                .map(|k| format!("department:{k}")),
            (None, Some(h)) => self
                .handoffs
                .iter()
                .position(|(x, _)| x.from == h.from && x.to == h.to)
                .map(|k| format!("handoff:{k}")),
            _ => None,
        }
    }

    /// The department and hand-off an investment names for a select value.
    fn of_value(&self, value: &str) -> (Option<String>, Option<HandoffRef>) {
        let at = |prefix: &str| value.strip_prefix(prefix)?.parse::<usize>().ok();
        if let Some((id, _)) = at("department:").and_then(|k| self.departments.get(k)) {
            (Some(id.clone()), None)
        } else if let Some((handoff, _)) = at("handoff:").and_then(|k| self.handoffs.get(k)) {
            (None, Some(handoff.clone()))
        } else {
            (None, None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::DEFAULT_SCENARIO;

    #[test]
    fn targets_round_trip_through_select_values() {
        let s = Scenario::from_json(DEFAULT_SCENARIO).unwrap();
        let targets = Targets::of(&s);
        for sc in &s.scenarios {
            for inv in &sc.investments {
                let value = targets
                    .value(inv)
                    .expect("every example investment has a target");
                assert_eq!(
                    targets.of_value(&value),
                    (inv.department.clone(), inv.handoff.clone())
                );
            }
        }
        assert_eq!(targets.of_value("handoff:7"), (None, None));
        assert_eq!(targets.of_value(""), (None, None));
        let mut both = s.scenarios[0].investments[0].clone();
        both.handoff = s.scenarios[1].investments[0].handoff.clone();
        assert_eq!(targets.value(&both), None);
        // Every department, then every hand-off, after the prompt.
        let choices = targets.choices(true);
        assert_eq!(choices.len(), 1 + s.departments.len() + s.handoffs.len());
        assert_eq!(choices[1].label, department_name(&s, &s.departments[0].id));
    }
}

use std::rc::Rc;

use journey_core::{Problems, Scenario};
use yew::prelude::*;

use super::{ScenarioEditor, Targets, field_problems, messages_at, use_focus_after};
use crate::app_state::Edit;

#[derive(Properties, PartialEq)]
pub struct ScenarioListProps {
    pub scenario: Rc<Scenario>,
    pub problems: Rc<Problems>,
    pub on_change: Callback<Edit>,
}

/// The investment scenarios compared against the journey as it is, and a
/// button to add one.
#[component]
pub fn ScenarioList(props: &ScenarioListProps) -> Html {
    let s = &props.scenario;
    // Focus goes to what was just made (the new scenario's name, the new
    // investment's target) or, after a removal, to what took its place.
    let counts: Vec<usize> = s.scenarios.iter().map(|sc| sc.investments.len()).collect();
    let on_change = use_focus_after(props.on_change.clone(), move |edit| {
        let name = |i: usize| format!("scenario-{i}-name");
        let target = |i: usize, j: usize| format!("scenario-{i}-investment-{j}-target");
        match *edit {
            Edit::AddScenario => vec![name(counts.len())],
            Edit::DuplicateScenario(i) => vec![name(i + 1)],
            Edit::RemoveScenario(i) => {
                vec![name(i), name(i.saturating_sub(1)), "add-scenario".into()]
            }
            Edit::AddInvestment(i) => vec![target(i, counts.get(i).copied().unwrap_or(0))],
            Edit::RemoveInvestment { scenario, index } => vec![
                target(scenario, index),
                target(scenario, index.saturating_sub(1)),
                format!("scenario-{scenario}-add-investment"),
            ],
            _ => Vec::new(),
        }
    });
    let limit = Edit::AddScenario.limit(s);
    // What the cards show of the rest of the journey.
    let targets = Rc::new(Targets::of(s));
    let currency = AttrValue::from(s.currency.clone());
    let cards = s.scenarios.iter().enumerate().map(|(index, option)| {
        html! {
            <ScenarioEditor
                option={option.clone()}
                {index}
                targets={targets.clone()}
                currency={currency.clone()}
                duplicate_limit={Edit::DuplicateScenario(index).limit(s).map(AttrValue::from)}
                investment_limit={Edit::AddInvestment(index).limit(s).map(AttrValue::from)}
                problems={props.problems.clone()}
                on_change={on_change.clone()}
            />
        }
    });
    html! {
        <section class="editor-scenarios" aria-labelledby="scenarios-heading">
            <h3 id="scenarios-heading">{"Investment scenarios"}</h3>
            <p class="section-hint">
                {"Each scenario is compared with the journey as it is (the baseline). Spending in a department or hand-off reduces its friction: the spend that halves friction says how effective it is."}
            </p>
            {field_problems("scenarios-problems", messages_at(&props.problems, &["scenarios"]))}
            if s.scenarios.is_empty() {
                <p class="empty-note">{"No scenarios yet: the results show the baseline only."}</p>
            } else {
                <ul class="scenario-list">{ for cards }</ul>
            }
            <div class="add-actions">
                <button type="button" id="add-scenario" disabled={limit.is_some()}
                    aria-describedby={limit.is_some().then_some("add-scenario-note")}
                    onclick={on_change.reform(|_: MouseEvent| Edit::AddScenario)}>
                    {"Add a scenario"}
                </button>
                if let Some(why) = &limit {
                    <p id="add-scenario-note" class="row-note">{why.clone()}</p>
                }
            </div>
        </section>
    }
}

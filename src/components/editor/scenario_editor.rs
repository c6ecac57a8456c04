use std::rc::Rc;

use journey_core::{InvestmentScenario, Problems};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{InvestmentEditor, Targets, field_problems, fields_only, messages_at};
use crate::app_state::Edit;
use crate::format::money;

#[derive(Properties, PartialEq)]
pub struct ScenarioEditorProps {
    /// The investment scenario, at `index` in the journey's scenarios.
    pub option: InvestmentScenario,
    pub index: usize,
    pub targets: Rc<Targets>,
    /// The journey's currency.
    pub currency: AttrValue,
    /// Why it cannot be duplicated, or have another investment (limits).
    pub duplicate_limit: Option<AttrValue>,
    pub investment_limit: Option<AttrValue>,
    pub problems: Rc<Problems>,
    pub on_change: Callback<Edit>,
}

/// One investment scenario: its name, buttons to duplicate or remove it,
/// and its investments, each in a card.
#[component]
pub fn ScenarioEditor(props: &ScenarioEditorProps) -> Html {
    let i = props.index;
    let option = &props.option;
    let path = format!("scenarios[{i}]");
    let id = format!("scenario-{i}");
    let shown = if option.name.trim().is_empty() {
        format!("Scenario {}", i + 1)
    } else {
        option.name.clone()
    };
    let name_problems = messages_at(&props.problems, &[&path, &format!("{path}.name")]);
    let list_problems = messages_at(&props.problems, &[&format!("{path}.investments")]);
    let on_name = props.on_change.reform(move |event: InputEvent| {
        Edit::RenameScenario(i, event.target_unchecked_into::<HtmlInputElement>().value())
    });
    let (duplicate_limit, investment_limit) = (&props.duplicate_limit, &props.investment_limit);
    let option_name = AttrValue::from(option.name.clone());
    let investments = option
        .investments
        .iter()
        .enumerate()
        .map(|(index, investment)| {
            html! {
                <InvestmentEditor
                    investment={investment.clone()}
                    option={i}
                    option_name={option_name.clone()}
                    {index}
                    targets={props.targets.clone()}
                    currency={props.currency.clone()}
                    problems={props.problems.clone()}
                    on_change={props.on_change.clone()}
                />
            }
        });

    html! {
        <li class="scenario-option" data-testid="scenario-option">
            <article class="scenario-card" aria-labelledby={format!("{id}-title")}>
                <div class="scenario-head">
                    <h4 id={format!("{id}-title")} class="scenario-title">{shown.clone()}</h4>
                    <div class="scenario-actions">
                        <button type="button" class="quiet" aria-label={format!("Duplicate {shown}")}
                            disabled={duplicate_limit.is_some()}
                            aria-describedby={duplicate_limit.is_some().then(|| format!("{id}-duplicate-note"))}
                            onclick={props.on_change.reform(move |_: MouseEvent| Edit::DuplicateScenario(i))}>
                            {"Duplicate"}
                        </button>
                        <button type="button" class="quiet" aria-label={format!("Remove scenario {shown}")}
                            onclick={props.on_change.reform(move |_: MouseEvent| Edit::RemoveScenario(i))}>
                            {"Remove"}
                        </button>
                    </div>
                    if let Some(why) = &duplicate_limit {
                        <p id={format!("{id}-duplicate-note")} class="row-note">{why.clone()}</p>
                    }
                </div>
                <form class="field" onsubmit={fields_only()} novalidate=true>
                    <label for={format!("{id}-name")}>{"Scenario name"}</label>
                    <input
                        id={format!("{id}-name")}
                        type="text"
                        autocomplete="off"
                        value={option.name.clone()}
                        aria-invalid={(!name_problems.is_empty()).to_string()}
                        aria-describedby={(!name_problems.is_empty()).then(|| format!("{id}-name-problems"))}
                        oninput={on_name}
                    />
                    {field_problems(format!("{id}-name-problems"), name_problems)}
                </form>
                <details class="investments" open=true>
                    <summary>{spend_summary(option, &props.currency)}</summary>
                    {field_problems(format!("{id}-investments-problems"), list_problems)}
                    <ol class="investment-list">{ for investments }</ol>
                    <div class="add-actions">
                        <button type="button" id={format!("{id}-add-investment")}
                            aria-label={format!("Add an investment to {shown}")}
                            disabled={investment_limit.is_some()}
                            aria-describedby={investment_limit.is_some().then(|| format!("{id}-add-investment-note"))}
                            onclick={props.on_change.reform(move |_: MouseEvent| Edit::AddInvestment(i))}>
                            {"Add an investment"}
                        </button>
                        if let Some(why) = &investment_limit {
                            <p id={format!("{id}-add-investment-note")} class="row-note">{why.clone()}</p>
                        }
                    </div>
                </details>
            </article>
        </li>
    }
}

/// One line a strategist can scan with the card folded: how many
/// investments, the monthly spend once all have started and the one-off
/// costs (midpoints of ranges).
fn spend_summary(option: &InvestmentScenario, currency: &str) -> String {
    let count = option.investments.len();
    let mut line = format!("{count} investment{}", if count == 1 { "" } else { "s" });
    let monthly: f64 = option
        .investments
        .iter()
        .map(|inv| inv.monthly_spend.central())
        .sum();
    let one_off: f64 = option
        .investments
        .iter()
        .map(|inv| inv.one_off.central())
        .sum();
    if monthly > 0.0 {
        line.push_str(&format!(" · {} a month", money(monthly, currency)));
    }
    if one_off > 0.0 {
        line.push_str(&format!(" · {} one-off", money(one_off, currency)));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::DEFAULT_SCENARIO;
    use journey_core::Scenario;

    #[test]
    fn the_summary_adds_up_spend() {
        let s = Scenario::from_json(DEFAULT_SCENARIO).unwrap();
        assert_eq!(
            spend_summary(&s.scenarios[0], "USD"),
            format!(
                "1 investment · {} a month · {} one-off",
                money(15_000.0, "USD"),
                money(50_000.0, "USD")
            )
        );
        let mut two = s.scenarios[2].clone();
        two.investments.extend(s.scenarios[2].investments.clone());
        assert_eq!(
            spend_summary(&two, "EUR"),
            format!("2 investments · {} a month", money(120_000.0, "EUR"))
        );
        let none = InvestmentScenario {
            name: "Nothing".into(),
            investments: Vec::new(),
        };
        assert_eq!(spend_summary(&none, "USD"), "0 investments");
    }
}

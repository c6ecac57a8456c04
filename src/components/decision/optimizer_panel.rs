use std::collections::BTreeSet;
use std::rc::Rc;

use journey_core::Scenario;
use journey_core::optimize::{MAX_STEPS, Options};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::frontier_chart::FrontierChart;
use super::places::{default_budget, places};
use super::use_decision_work::use_decision_work;
use super::work_status::work_status;
use crate::app_state::{Edit, Replacement};
use crate::components::editor::parse_number;
use crate::decision_work::{DecisionAnswer, DecisionTask};
use crate::format::{money, money_change, percent_change};

#[derive(Properties, PartialEq)]
pub struct OptimizerPanelProps {
    pub scenario: Rc<Scenario>,
    /// The scenario as JSON, or `None` while it has problems.
    pub json: Option<Rc<str>>,
    pub on_change: Callback<Replacement>,
}

fn input_text(event: InputEvent) -> String {
    event.target_unchecked_into::<HtmlInputElement>().value()
}

/// The panel's fields read into the optimizer's options.
fn options(
    budget: &str,
    steps: &str,
    chosen: &[String],
    other_spend: &str,
) -> Result<Options, String> {
    let budget = parse_number(budget, false)
        .ok()
        .filter(|b| *b > 0.0)
        .ok_or("Monthly budget: enter an amount above 0.")?;
    let steps = parse_number(steps, true)
        .ok()
        .filter(|n| (1.0..=f64::from(MAX_STEPS)).contains(n))
        .ok_or(format!(
            "Steps: enter a whole number from 1 to {MAX_STEPS}."
        ))?;
    if chosen.is_empty() {
        return Err("Places: tick at least one department or hand-off.".into());
    }
    let mut options = Options::new(budget);
    options.steps = steps as u32;
    options.places = chosen.to_vec();
    if !other_spend.trim().is_empty() {
        let spend = parse_number(other_spend, false)
            .ok()
            .filter(|x| *x > 0.0)
            .ok_or(
                "Half-friction spend of other places: enter an amount above 0, or leave it empty.",
            )?;
        options.default_half_friction_spend = Some(spend);
    }
    Ok(options)
}

/// The best split of a monthly budget across the ticked places, its
/// frontier and the return of one more step in each place, and a button
/// that adds the split as an investment scenario.
#[component]
pub fn OptimizerPanel(props: &OptimizerPanelProps) -> Html {
    let scenario = &props.scenario;
    let budget = use_state(|| default_budget(scenario).to_string());
    let steps = use_state(|| "20".to_string());
    let other_spend = use_state(String::new);
    // None: the places whose half-friction spend is known.
    let ticked = use_state(|| None::<BTreeSet<String>>);
    let form_error = use_state(|| None::<String>);
    let asked_with = use_state(|| None::<Rc<str>>);
    let added = use_state(|| None::<String>);
    let (work, ask) = use_decision_work();

    let all = places(scenario);
    let is_ticked = |id: &str| match &*ticked {
        Some(set) => set.contains(id),
        None => all
            .iter()
            .any(|p| p.id == id && p.half_friction_spend.is_some()),
    };
    let chosen: Vec<String> = all
        .iter()
        .filter(|p| is_ticked(&p.id))
        .map(|p| p.id.clone())
        .collect();

    let onsubmit = {
        let (budget, steps, other_spend) = (budget.clone(), steps.clone(), other_spend.clone());
        let (form_error, asked_with, added) =
            (form_error.clone(), asked_with.clone(), added.clone());
        let chosen = chosen.clone();
        let json = props.json.clone();
        let busy = work.busy;
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Some(json) = json.clone().filter(|_| !busy) else {
                return;
            };
            match options(&budget, &steps, &chosen, &other_spend) {
                Ok(options) => {
                    form_error.set(None);
                    added.set(None);
                    asked_with.set(Some(json.clone()));
                    ask.emit((json.to_string(), DecisionTask::Optimize(options)));
                }
                Err(message) => form_error.set(Some(message)),
            }
        })
    };
    let on_tick = |id: String| {
        let ticked = ticked.clone();
        let chosen = chosen.clone();
        Callback::from(move |event: Event| {
            let on = event.target_unchecked_into::<HtmlInputElement>().checked();
            // Inserted one by one: collecting a set would compile a sort.
            let mut set = BTreeSet::new();
            for chosen in chosen.iter() {
                set.insert(chosen.clone());
            }
            if on {
                set.insert(id.clone());
            } else {
                set.remove(&id);
            }
            ticked.set(Some(set));
        })
    };
    let text_setter = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |event: InputEvent| state.set(input_text(event)))
    };

    let currency = scenario.currency.as_str();
    let fresh = asked_with.as_deref().is_some() && *asked_with == props.json;
    let result = match work.answer.as_deref() {
        Some(DecisionAnswer::Optimum(optimised)) if !work.busy => {
            let optimum = Rc::new(optimised.optimum.clone());
            // The journey's limit on scenarios holds here as in the editor.
            let full = Edit::AddScenario.limit(scenario);
            // Added already (the journey changed since), or no room for it.
            let blocked = !fresh || full.is_some();
            let on_add = {
                let optimised = optimised.clone();
                let scenario = scenario.clone();
                let on_change = props.on_change.clone();
                let added = added.clone();
                let form_error = form_error.clone();
                Callback::from(move |_: MouseEvent| {
                    if blocked {
                        return;
                    }
                    match optimised.append_to(&scenario) {
                        Ok(next) => {
                            let name = next.scenarios.last().map(|s| s.name.clone());
                            let what = format!("adding “{}”", name.as_deref().unwrap_or_default());
                            added.set(name);
                            on_change.emit(Replacement {
                                scenario: next,
                                what,
                            });
                        }
                        Err(message) => form_error.set(Some(message)),
                    }
                })
            };
            let rows = optimum.places.iter().map(|p| {
                html! {
                    <tr>
                        <th scope="row">{p.label.clone()}</th>
                        <td class="num" data-label="Monthly spend">{money(p.monthly_spend, currency)}</td>
                        <td class="num" data-label="Next step: NPV uplift">{money_change(p.next_step_uplift_npv, currency)}</td>
                        <td class="num" data-label="Next step: return">{p.next_step_roi.map_or("—".to_string(), percent_change)}</td>
                    </tr>
                }
            });
            html! {
                <div class={classes!("optimum", (!fresh).then_some("stale"))} data-testid="optimum">
                    if !fresh && added.is_none() {
                        <p class="decision-note" role="status">
                            {"The journey has changed since: optimise again for its numbers."}
                        </p>
                    }
                    <dl class="optimum-figures">
                        <div>
                            <dt>{"Monthly spend"}</dt>
                            <dd data-testid="optimum-spend">{format!(
                                "{} of {}",
                                money(optimum.monthly_spend, currency),
                                money(optimum.budget, currency)
                            )}</dd>
                        </div>
                        <div>
                            <dt>{"Expected NPV uplift"}</dt>
                            <dd data-testid="optimum-uplift">{money_change(optimum.uplift_npv, currency)}</dd>
                        </div>
                        <div>
                            <dt>{"ROI"}</dt>
                            <dd data-testid="optimum-roi">{optimum.roi.map_or("—".to_string(), percent_change)}</dd>
                        </div>
                    </dl>
                    <table class="decision-table" data-testid="allocation">
                        <caption>{format!(
                            "Allocation, and the return of one more {} a month in each place",
                            money(optimum.step, currency)
                        )}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{"Place"}</th>
                                <th scope="col" class="num">{"Monthly spend"}</th>
                                <th scope="col" class="num">{"Next step: NPV uplift"}</th>
                                <th scope="col" class="num">{"Next step: return"}</th>
                            </tr>
                        </thead>
                        <tbody>{for rows}</tbody>
                    </table>
                    <p class="decision-note">
                        {"Return above 0%: one more step there pays for itself. Money left unspent would lower the uplift."}
                    </p>
                    <FrontierChart optimum={optimum.clone()} currency={AttrValue::from(currency.to_string())} />
                    <div class="actions">
                        // aria-disabled keeps the focus on it once the split is added.
                        <button type="button" class="primary" onclick={on_add}
                            aria-disabled={blocked.then_some("true")}
                            aria-describedby={full.is_some().then_some("optimum-add-note")}>
                            {"Add as a new scenario"}
                        </button>
                        if let Some(why) = &full {
                            <p id="optimum-add-note" class="decision-note">
                                {format!("{why} Remove one to add this allocation.")}
                            </p>
                        }
                    </div>
                </div>
            }
        }
        Some(DecisionAnswer::Failed(message)) if !work.busy && fresh => html! {
            <p class="decision-error" role="alert">{message.clone()}</p>
        },
        _ => html! {},
    };

    let place_boxes = all.iter().map(|p| {
        let note = match p.half_friction_spend {
            Some(h) => format!("halves friction at {}/month", money(h, currency)),
            None => "no investment says what halves its friction".to_string(),
        };
        html! {
            <li>
                <label class="place-choice">
                    <input type="checkbox" checked={is_ticked(&p.id)} onchange={on_tick(p.id.clone())} />
                    <span class="place-name">{p.label.clone()}</span>
                    <span class="place-note">{note}</span>
                </label>
            </li>
        }
    });

    html! {
        <details class="decision-tool" data-testid="optimizer-panel">
            <summary>{"Budget optimiser"}</summary>
            <div class="decision-body" aria-busy={work.busy.to_string()}>
                <p class="decision-intro">
                    {"The split of a monthly budget across departments and hand-offs with the largest \
                      expected NPV uplift over the horizon (exact expected mode; new money from month 1)."}
                </p>
                if props.json.is_none() {
                    <p class="decision-note" role="status">{"Fix the journey's problems to analyse it."}</p>
                } else {
                    <form class="optimizer-form" {onsubmit} novalidate=true>
                        <div class="decision-fields">
                            <div class="field">
                                <label for="decision-budget">{format!("Monthly budget ({currency})")}</label>
                                <input id="decision-budget" type="text" inputmode="decimal" autocomplete="off"
                                    value={(*budget).clone()} oninput={text_setter(&budget)} />
                            </div>
                            <div class="field">
                                <label for="decision-steps">{"Steps"}</label>
                                <input id="decision-steps" type="number" inputmode="numeric" min="1"
                                    max={MAX_STEPS.to_string()} step="1"
                                    value={(*steps).clone()} oninput={text_setter(&steps)}
                                    aria-describedby="decision-steps-help" />
                                <p id="decision-steps-help" class="field-help">{"The budget moves in budget ÷ steps amounts."}</p>
                            </div>
                            <div class="field">
                                <label for="decision-other-spend">{"Half-friction spend of other places"}</label>
                                <input id="decision-other-spend" type="text" inputmode="decimal" autocomplete="off"
                                    value={(*other_spend).clone()} oninput={text_setter(&other_spend)}
                                    aria-describedby="decision-other-spend-help" />
                                <p id="decision-other-spend-help" class="field-help">
                                    {"Monthly spend that halves friction where no investment says; optional."}
                                </p>
                            </div>
                        </div>
                        <fieldset class="places">
                            <legend>{"Places that may receive money"}</legend>
                            <ul>{for place_boxes}</ul>
                        </fieldset>
                        if let Some(message) = &*form_error {
                            <p class="decision-error" role="alert">{message.clone()}</p>
                        }
                        <div class="actions">
                            <button type="submit" class="primary" aria-disabled={work.busy.then_some("true")}>{"Optimise"}</button>
                        </div>
                    </form>
                    {work_status(work.busy, work.took_ms, "Optimising…", None)}
                    // Always there, empty until a split is added, so that a
                    // screen reader hears what it is given.
                    <p class="decision-added" role="status" data-testid="optimum-added">
                        {added.as_ref().map(|name| {
                            format!("Added \u{201c}{name}\u{201d} to the investment scenarios.")
                        })}
                    </p>
                    {result}
                }
            </div>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_read_into_options() {
        let places = vec!["sales".to_string(), "sales>ops".to_string()];
        let o = options("20,000", "10", &places, "").unwrap();
        assert_eq!((o.budget, o.steps), (20_000.0, 10));
        assert_eq!(o.places, places);
        assert_eq!(o.default_half_friction_spend, None);
        let o = options("5000", "20", &places, " 30000 ").unwrap();
        assert_eq!(o.default_half_friction_spend, Some(30_000.0));
    }

    #[test]
    fn bad_fields_say_which_and_why() {
        let places = vec!["sales".to_string()];
        assert_eq!(
            options("0", "20", &places, "").unwrap_err(),
            "Monthly budget: enter an amount above 0."
        );
        assert_eq!(
            options("lots", "20", &places, "").unwrap_err(),
            "Monthly budget: enter an amount above 0."
        );
        assert_eq!(
            options("100", "201", &places, "").unwrap_err(),
            "Steps: enter a whole number from 1 to 200."
        );
        assert_eq!(
            options("100", "2.5", &places, "").unwrap_err(),
            "Steps: enter a whole number from 1 to 200."
        );
        assert_eq!(
            options("100", "20", &[], "").unwrap_err(),
            "Places: tick at least one department or hand-off."
        );
        assert!(
            options("100", "20", &places, "-1")
                .unwrap_err()
                .starts_with("Half-friction")
        );
    }
}

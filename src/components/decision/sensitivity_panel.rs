use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use journey_core::Scenario;
use journey_core::sensitivity::Sensitivity;
use web_sys::{Element, HtmlSelectElement};
use yew::prelude::*;

use super::reading::{Outcome, evpi_note, evpi_reading};
use super::tornado_chart::{TornadoChart, moving_rows};
use super::use_decision_work::use_decision_work;
use super::work_status::work_status;
use crate::decision_work::{DecisionAnswer, DecisionTask};
use crate::format::{money, money_change};

#[derive(Properties, PartialEq)]
pub struct SensitivityPanelProps {
    pub scenario: Rc<Scenario>,
    /// The scenario as JSON, or `None` while it has problems.
    pub json: Option<Rc<str>>,
}

/// Bars shown before "Show all".
const TORNADO_ROWS: usize = 10;
/// Value-of-information rows shown.
const EVPI_ROWS: usize = 8;
/// Edits must pause this long before the analysis reruns.
const DELAY_MS: u32 = 250;

/// The tornado of a chosen outcome and the value of information of each
/// uncertain input, redone after each change while the section is open.
#[component]
pub fn SensitivityPanel(props: &SensitivityPanelProps) -> Html {
    let open = use_state_eq(|| false);
    let chosen = use_state_eq(|| None::<Outcome>);
    let show_all = use_state_eq(|| false);
    let (work, ask) = use_decision_work();
    let scenario = &props.scenario;
    let outcome = (*chosen)
        .clone()
        .unwrap_or(Outcome::NpvUplift(0))
        .or_default(scenario);
    let measure = outcome.measure(scenario);

    {
        let pending: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
        let wanted = (*open)
            .then(|| props.json.clone().zip(measure.clone()))
            .flatten();
        use_effect_with(wanted, move |wanted| {
            *pending.borrow_mut() = wanted.clone().map(|(json, measure)| {
                Timeout::new(DELAY_MS, move || {
                    ask.emit((json.to_string(), DecisionTask::Sensitivity(measure)))
                })
            });
        });
    }

    let ontoggle = {
        let open = open.clone();
        Callback::from(move |event: Event| {
            open.set(
                event
                    .target_unchecked_into::<Element>()
                    .has_attribute("open"),
            );
        })
    };
    let onchange = {
        let chosen = chosen.clone();
        Callback::from(move |event: Event| {
            let key = event.target_unchecked_into::<HtmlSelectElement>().value();
            chosen.set(Some(Outcome::from_key(&key)));
        })
    };
    let on_show_all = {
        let show_all = show_all.clone();
        Callback::from(move |_: MouseEvent| show_all.set(!*show_all))
    };

    let currency = AttrValue::from(scenario.currency.clone());
    let body = if props.json.is_none() {
        html! { <p class="decision-note" role="status">{"Fix the journey's problems to analyse it."}</p> }
    } else {
        match work.answer.as_deref() {
            Some(DecisionAnswer::Sensitivity(result))
                if Some(&result.measure) == measure.as_ref() =>
            {
                let result = Rc::new((**result).clone());
                let moving = moving_rows(&result).count();
                let still = result.tornado.len() - moving;
                let limit = if *show_all { moving } else { TORNADO_ROWS };
                html! {
                    <>
                        <TornadoChart result={result.clone()} currency={currency.clone()}
                            title={AttrValue::from(outcome.label(scenario))} {limit} />
                        <div class="decision-row-actions">
                            if moving > TORNADO_ROWS {
                                <button type="button" onclick={on_show_all}
                                    aria-expanded={show_all.to_string()}>
                                    {if *show_all {
                                        format!("Show the top {TORNADO_ROWS} inputs")
                                    } else {
                                        format!("Show all {moving} inputs")
                                    }}
                                </button>
                            }
                            if still > 0 {
                                <p class="decision-note">{format!(
                                    "{still} input{} cannot move this outcome (swing 0).",
                                    if still == 1 { "" } else { "s" }
                                )}</p>
                            }
                        </div>
                        <EvpiTable result={result} currency={currency.clone()} />
                    </>
                }
            }
            Some(DecisionAnswer::Failed(message)) if !work.busy => html! {
                <p class="decision-error" role="alert">{message.clone()}</p>
            },
            _ => html! {},
        }
    };

    html! {
        <details class="decision-tool" {ontoggle} data-testid="sensitivity-panel">
            <summary>{"Sensitivity and value of information"}</summary>
            <div class="decision-body" aria-busy={work.busy.to_string()}>
                <p class="decision-intro">
                    {"Which inputs move the answer most, and which uncertainty is worth researching \
                      before choosing. Exact expected mode: every other value at its mean."}
                </p>
                <div class="field decision-field">
                    <label for="decision-outcome">{"Outcome"}</label>
                    <select id="decision-outcome" {onchange}>
                        {for Outcome::all(scenario).into_iter().map(|o| html! {
                            <option value={o.key()} selected={o == outcome}>{o.label(scenario)}</option>
                        })}
                    </select>
                </div>
                if props.json.is_some() {
                    {work_status(work.busy, work.took_ms, "Analysing…", work.progress)}
                }
                {body}
            </div>
        </details>
    }
}

#[derive(Properties, PartialEq)]
struct EvpiTableProps {
    result: Rc<Sensitivity>,
    currency: AttrValue,
}

/// Each uncertain input's value of perfect information for the choice
/// between the options, largest first, with the top row in words.
#[component]
fn EvpiTable(props: &EvpiTableProps) -> Html {
    let result = &props.result;
    let currency = props.currency.as_str();
    let worth: Vec<_> = result.evpi.iter().filter(|r| r.evpi > 0.0).collect();
    let zero = result.evpi.len() - worth.len();
    let note = evpi_note(worth.len(), worth.len().min(EVPI_ROWS), zero);
    let options = result.options.iter().map(|o| {
        html! { <li>{format!("{}: {}", o.name, money_change(o.uplift_npv, currency))}</li> }
    });
    html! {
        <section class="evpi" aria-labelledby="evpi-heading">
            <h3 id="evpi-heading">{"Value of perfect information"}</h3>
            <p class="evpi-reading" data-testid="evpi-reading">{evpi_reading(result, currency)}</p>
            if result.options.len() > 1 {
                <div class="evpi-options">
                    <span class="evpi-options-title">{"NPV uplift of each option at the means:"}</span>
                    <ul>{for options}</ul>
                </div>
            }
            if !worth.is_empty() {
                <table class="evpi-table" data-testid="evpi-table">
                    <caption class="visually-hidden">
                        {"Value of perfect information per uncertain input, largest first"}
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">{"Uncertain input"}</th>
                            <th scope="col" class="num">{"Worth learning"}</th>
                            <th scope="col">{"Best option without it"}</th>
                            <th scope="col" class="num">{"Another option best in"}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {for worth.iter().take(EVPI_ROWS).map(|r| html! {
                            <tr>
                                <th scope="row">{r.label.clone()}</th>
                                <td class="num" data-label="Worth learning">{money(r.evpi, currency)}</td>
                                <td data-label="Best option without it">{r.best_now.clone()}</td>
                                <td class="num" data-label="Another option best in">{format!("{:.0}% of its range", r.share_other_best * 100.0)}</td>
                            </tr>
                        })}
                    </tbody>
                </table>
            }
            if !note.is_empty() {
                <p class="decision-note">{note}</p>
            }
        </section>
    }
}

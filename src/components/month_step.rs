//! One simulated month, step by step, on a small journey: where people
//! moved and why. The numbers are the engine's own month
//! ([`journey_core::month_trace`]) for the baseline, in expected flows or
//! one simulated trial.

mod teaching;
mod words;

use std::rc::Rc;

use journey_core::month_trace::{DropRate, GroupSplit, MonthTrace, TraceMode, trace_month};
use journey_core::order::sort_ascending_by;
use journey_core::{Journey, Scenario};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::focus::scroll_to;
use crate::format::money;
use teaching::teaching_scenario;
use words::{
    department_name, end_sentence, inflow_sentence, people, possessive, share, source,
    split_sentence, stage_name, start_sentence,
};

/// sBG groups listed one by one; longer-staying groups share a row.
const GROUP_ROWS: usize = 12;

#[derive(Properties, PartialEq)]
pub struct MonthStepProps {
    /// The journey being edited.
    pub scenario: Rc<Scenario>,
    /// The seed of the page's runs: "One simulated trial" shows trial N of
    /// a run with it, draw for draw.
    pub seed: u64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Flows {
    Expected,
    Trial,
}

/// The month traced, with the scenario it is of (for names).
struct Traced {
    scenario: Scenario,
    trace: MonthTrace,
    months: u32,
}

fn traced(scenario: Scenario, month: u32, mode: TraceMode) -> Result<Traced, String> {
    let journey = Journey::new(scenario.clone()).map_err(|problems| {
        format!(
            "The journey in the editor has {} to fix before a month can be traced; \
             meanwhile, try the small teaching journey.",
            if problems.len() == 1 {
                "a problem".to_string()
            } else {
                format!("{} problems", problems.len())
            }
        )
    })?;
    let months = journey.months();
    let trace = trace_month(&journey, month.clamp(1, months), mode)
        .ok_or_else(|| "That month is outside the journey's horizon.".to_string())?;
    Ok(Traced {
        scenario,
        trace,
        months,
    })
}

/// A number typed in a field, or `None`.
/// The whole number typed, within `range`; anything else (`-3`, `2.5`,
/// empty) keeps `now`. The field then shows the number used, as the state
/// may not change and would leave the typed text in place.
fn typed(event: &Event, now: u32, range: std::ops::RangeInclusive<u32>) -> u32 {
    let input = event.target_unchecked_into::<HtmlInputElement>();
    let used = input
        .value()
        .trim()
        .parse::<u32>()
        .map_or(now, |n| n.clamp(*range.start(), *range.end()));
    input.set_value(&used.to_string());
    used
}

#[component]
pub fn MonthStep(props: &MonthStepProps) -> Html {
    let teaching = use_state_eq(|| false);
    let month = use_state_eq(|| 1u32);
    let flows = use_state_eq(|| Flows::Expected);
    let trial = use_state_eq(|| 1u32);
    let step = use_state_eq(|| 0usize);
    // What a screen reader is told: the step moved to, and only that. The
    // step's own text also changes with every edit of the journey.
    let spoken = use_state_eq(String::new);
    // A longer step pushes "Next step" down the page: keep the focused
    // button in view.
    use_effect_with(*step, |_| {
        let focused = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .filter(|e| e.closest(".month-step-nav").ok().flatten().is_some());
        if let Some(button) = focused {
            scroll_to(&button);
        }
    });

    let mode = match *flows {
        Flows::Expected => TraceMode::Expected,
        Flows::Trial => TraceMode::Trial {
            seed: props.seed,
            trial: trial.saturating_sub(1),
        },
    };
    let result = use_memo(
        (props.scenario.clone(), *teaching, *month, mode),
        |(scenario, teaching, month, mode)| {
            let scenario = if *teaching {
                teaching_scenario()
            } else {
                (**scenario).clone()
            };
            traced(scenario, *month, *mode)
        },
    );

    let on_teaching = {
        let teaching = teaching.clone();
        Callback::from(move |event: Event| {
            teaching.set(event.target_unchecked_into::<HtmlInputElement>().checked())
        })
    };
    let months = (*result).as_ref().map_or(1, |t| t.months);
    let on_month = {
        let month = month.clone();
        Callback::from(move |event: Event| {
            month.set(typed(&event, (*month).clamp(1, months), 1..=months));
        })
    };
    let on_trial = {
        let trial = trial.clone();
        Callback::from(move |event: Event| {
            trial.set(typed(&event, *trial, 1..=journey_core::MAX_TRIALS));
        })
    };
    let flows_radio = |value: Flows, label: &'static str| {
        let checked = *flows == value;
        let flows = flows.clone();
        let onchange = Callback::from(move |_: Event| flows.set(value));
        html! {
            <label class="month-step-choice">
                <input type="radio" name="month-step-flows" {checked} {onchange} />
                {label}
            </label>
        }
    };

    let controls = html! {
        <div class="month-step-controls">
            <label class="month-step-field">
                {"Month"}
                <input type="number" min="1" max={months.to_string()} step="1"
                    value={month.clamp(1, months).to_string()} onchange={on_month} />
            </label>
            <fieldset class="month-step-flows">
                <legend>{"Flows"}</legend>
                {flows_radio(Flows::Expected, "Expected flows")}
                {flows_radio(Flows::Trial, "One simulated trial")}
            </fieldset>
            if *flows == Flows::Trial {
                <label class="month-step-field">
                    {"Trial"}
                    <input type="number" min="1" step="1" value={trial.to_string()}
                        onchange={on_trial} />
                </label>
            }
            <label class="month-step-choice">
                <input type="checkbox" checked={*teaching} onchange={on_teaching} />
                {"Use a small teaching journey"}
            </label>
        </div>
    };

    let body = match &*result {
        Err(message) => html! { <p class="error" role="status">{message.clone()}</p> },
        Ok(traced) => {
            let count = step_count(traced);
            let at = (*step).min(count - 1);
            let go = |to: usize| {
                let (step, spoken, result) = (step.clone(), spoken.clone(), result.clone());
                Callback::from(move |_: MouseEvent| {
                    step.set(to);
                    if let Ok(traced) = &*result {
                        let (title, sentence, _) = step_view(traced, to);
                        let count = step_count(traced);
                        spoken.set(format!("Step {} of {count}: {title}. {sentence}", to + 1));
                    }
                })
            };
            let (title, sentence, table) = step_view(traced, at);
            let last = at + 1 == count;
            html! {
                <>
                    if *teaching {
                        <p class="month-step-note">
                            {"The teaching journey: four stages, each owned by another department, \
                              with friction and two hand-offs. The journey in the editor is unchanged."}
                        </p>
                    }
                    <p class="month-step-source">{source(&traced.trace)}</p>
                    <div class="month-step-view" data-testid="month-step-view">
                        <h3 data-testid="month-step-title">
                            {format!("Step {} of {count}: {title}", at + 1)}
                        </h3>
                        <p class="month-step-sentence">{sentence}</p>
                        <p class="visually-hidden" aria-live="polite" data-testid="month-step-spoken">
                            {(*spoken).clone()}
                        </p>
                        {table}
                    </div>
                    <div class="month-step-nav">
                        <button type="button" aria-disabled={(at == 0).to_string()}
                            onclick={if at == 0 { Callback::noop() } else { go(at - 1) }}>
                            {"Previous step"}
                        </button>
                        <button type="button" class="primary" aria-disabled={last.to_string()}
                            onclick={if last { Callback::noop() } else { go(at + 1) }}>
                            {"Next step"}
                        </button>
                        if at > 0 {
                            <button type="button" class="month-step-restart" onclick={go(0)}>
                                {"Start again"}
                            </button>
                        }
                    </div>
                </>
            }
        }
    };

    html! {
        <section class="panel month-step" aria-labelledby="month-step-heading" data-testid="month-step">
            <h2 id="month-step-heading">{"One month, step by step"}</h2>
            <p class="month-step-intro">
                {"Follow one simulated month of the baseline journey: who starts where, how \
                  each stage splits its people and why, who arrives, and what the month earns."}
            </p>
            {controls}
            {body}
        </section>
    }
}

/// The steps: who starts where, a split per stage, arrivals and
/// referrals, and the month's end.
fn step_count(traced: &Traced) -> usize {
    traced.trace.stages.len() + 3
}

/// Step `at`'s title, sentence and table: the start, one step per stage,
/// arrivals and referrals, then the end of the month.
fn step_view(traced: &Traced, at: usize) -> (String, String, Html) {
    let scenario = &traced.scenario;
    let trace = &traced.trace;
    let n = trace.stages.len();
    if at == 0 {
        (
            "who starts where".to_string(),
            start_sentence(trace),
            start_table(traced),
        )
    } else if at <= n {
        let k = at - 1;
        (
            format!("{} splits", stage_name(scenario, k)),
            split_sentence(scenario, trace, k),
            split_table(traced, k),
        )
    } else if at == n + 1 {
        (
            "arrivals and referrals".to_string(),
            inflow_sentence(scenario, trace),
            inflow_table(traced),
        )
    } else {
        (
            format!("the end of month {}", trace.month),
            end_sentence(trace, &scenario.currency),
            end_tables(traced),
        )
    }
}

fn start_table(traced: &Traced) -> Html {
    let scenario = &traced.scenario;
    let trace = &traced.trace;
    let rows = trace.stages.iter().enumerate().map(|(k, s)| {
        html! {
            <tr>
                <th scope="row">{stage_name(scenario, k)}</th>
                <td class="wide" data-label="Owner">{department_name(scenario, s.owner)}</td>
                <td class="num" data-label="People">{people(s.start)}</td>
            </tr>
        }
    });
    let total: f64 = trace.stages.iter().map(|s| s.start).sum();
    html! {
        <div class="month-step-table">
            <table class="stack-narrow">
                <caption>{format!("People at the start of month {}", trace.month)}</caption>
                <thead><tr>
                    <th scope="col">{"Stage"}</th>
                    <th scope="col">{"Owner"}</th>
                    <th scope="col" class="num">{"People"}</th>
                </tr></thead>
                <tbody>{for rows}</tbody>
                <tfoot><tr>
                    <th scope="row" colspan="2">{"Total"}</th>
                    <td class="num" data-label="People" data-testid="start-total">{people(total)}</td>
                </tr></tfoot>
            </table>
        </div>
    }
}

fn split_table(traced: &Traced, k: usize) -> Html {
    let scenario = &traced.scenario;
    let s = &traced.trace.stages[k];
    let name = stage_name(scenario, k);
    let caption = format!("How {name} splits its people");
    if let DropRate::Sbg { .. } = s.rates.drop
        && !s.groups.is_empty()
    {
        return group_table(&caption, &s.groups);
    }
    // An empty stage still shows the rates its people would face.
    let split = s.groups.first().copied();
    let (advance, drop) = match (split, s.rates.drop) {
        (Some(g), _) => (g.advance, g.drop),
        (None, DropRate::Constant(d)) => (s.rates.advance_eff, d + s.rates.lost()),
        (None, DropRate::Sbg { .. }) => (s.rates.advance_eff, f64::NAN),
    };
    let stay = 1.0 - advance - drop;
    let to = s.next.map_or_else(String::new, |n| stage_name(scenario, n));
    let row = |what: String, rate: f64, count: f64| {
        html! {
            <tr>
                <th scope="row">{what}</th>
                <td class="num">{share(rate)}</td>
                <td class="num">{people(count)}</td>
            </tr>
        }
    };
    html! {
        <div class="month-step-table">
            <table>
                <caption>{caption}</caption>
                <thead><tr>
                    <th scope="col">{"Move"}</th>
                    <th scope="col" class="num">{"Rate"}</th>
                    <th scope="col" class="num">{"People"}</th>
                </tr></thead>
                <tbody>
                    if s.next.is_some() {
                        {row(format!("Advance to {to}"), advance, s.advanced)}
                    }
                    {row("Drop out".to_string(), drop, s.dropped)}
                    {row("Stay".to_string(), stay, s.stayed)}
                </tbody>
                <tfoot><tr>
                    <th scope="row">{"At the start"}</th>
                    <td class="num">{if stay.is_finite() { "100%" } else { "—" }}</td>
                    <td class="num">{people(s.start)}</td>
                </tr></tfoot>
            </table>
        </div>
    }
}

/// An sBG stage: one row per months in the stage, each with its hazard.
fn group_table(caption: &str, groups: &[GroupSplit]) -> Html {
    let mut sorted: Vec<GroupSplit> = groups.to_vec();
    // Those not yet counted by months (None) first, as `Option` orders them.
    sort_ascending_by(&mut sorted, |g| g.months_in_stage.map_or(-1.0, f64::from));
    let rest: Vec<GroupSplit> = sorted.split_off(sorted.len().min(GROUP_ROWS - 1));
    let row = |label: String, people_in: f64, advance: f64, drop: f64, advanced, dropped| {
        html! {
            <tr>
                <th scope="row">{label}</th>
                <td class="num" data-label="People">{people(people_in)}</td>
                <td class="num" data-label="Advance">
                    {people(advanced)}<span class="rate">{share(advance)}</span>
                </td>
                <td class="num" data-label="Drop out">
                    {people(dropped)}<span class="rate">{share(drop)}</span>
                </td>
                <td class="num" data-label="Stay">
                    {people(people_in - advanced - dropped)}
                    <span class="rate">{share(1.0 - advance - drop)}</span>
                </td>
            </tr>
        }
    };
    let months = |g: &GroupSplit| g.months_in_stage.unwrap_or(1);
    let rows = sorted.iter().map(|g| {
        let m = months(g);
        row(
            format!("{m} {}", if m == 1 { "month" } else { "months" }),
            g.people,
            g.advance,
            g.drop,
            g.advanced,
            g.dropped,
        )
    });
    let longer = (!rest.is_empty()).then(|| {
        let total: f64 = rest.iter().map(|g| g.people).sum();
        let advanced: f64 = rest.iter().map(|g| g.advanced).sum();
        let dropped: f64 = rest.iter().map(|g| g.dropped).sum();
        let rate = |x: f64| if total > 0.0 { x / total } else { f64::NAN };
        let shortest = rest.iter().map(months).min().unwrap_or(GROUP_ROWS as u32);
        let weighted =
            |of: fn(&GroupSplit) -> f64| rate(rest.iter().map(|g| of(g) * g.people).sum());
        row(
            format!("{shortest}+ months"),
            total,
            weighted(|g| g.advance),
            weighted(|g| g.drop),
            advanced,
            dropped,
        )
    });
    html! {
        <div class="month-step-table">
            <table class="stack-narrow">
                <caption>{format!("{caption}, by months in the stage (sBG churn)")}</caption>
                <thead><tr>
                    <th scope="col">{"In stage"}</th>
                    <th scope="col" class="num">{"People"}</th>
                    <th scope="col" class="num">{"Advance"}</th>
                    <th scope="col" class="num">{"Drop out"}</th>
                    <th scope="col" class="num">{"Stay"}</th>
                </tr></thead>
                <tbody>{for rows}{for longer}</tbody>
            </table>
        </div>
    }
}

fn inflow_table(traced: &Traced) -> Html {
    let scenario = &traced.scenario;
    let trace = &traced.trace;
    let referrers = trace
        .stages
        .iter()
        .enumerate()
        .filter(|(_, s)| s.rates.advocacy_eff > 0.0)
        .map(|(k, s)| {
            html! {
                <tr>
                    <th scope="row">{stage_name(scenario, k)}</th>
                    <td class="num" data-label="People">{people(s.start)}</td>
                    <td class="wrap" data-label="Advocacy a month">{format!(
                        "{}, less {} of it ({} friction): {}",
                        share(s.rates.advocacy),
                        share(s.rates.department_friction),
                        possessive(&department_name(scenario, s.owner)),
                        share(s.rates.advocacy_eff)
                    )}</td>
                    <td class="num" data-label="Referrals">{people(s.referral_mean)}</td>
                </tr>
            }
        })
        .collect::<Vec<Html>>();
    html! {
        <>
            <div class="month-step-table">
                <table class="stack-narrow">
                    <caption>{"Who comes in"}</caption>
                    <thead><tr>
                        <th scope="col">{"Source"}</th>
                        <th scope="col" class="num">{"Mean"}</th>
                        <th scope="col" class="num">{"This month"}</th>
                        <th scope="col">{"Enters"}</th>
                    </tr></thead>
                    <tbody>
                        <tr>
                            <th scope="row">{"Arrivals"}</th>
                            <td class="num" data-label="Mean">{people(trace.arrivals.mean)}</td>
                            <td class="num" data-label="This month" data-testid="arrivals">{people(trace.arrivals.people)}</td>
                            <td data-label="Enters">{stage_name(scenario, 0)}</td>
                        </tr>
                        <tr>
                            <th scope="row">{"Referrals"}</th>
                            <td class="num" data-label="Mean">{people(trace.referrals.mean)}</td>
                            <td class="num" data-label="This month" data-testid="referrals">{people(trace.referrals.people)}</td>
                            <td data-label="Enters">{stage_name(scenario, trace.referral_entry)}</td>
                        </tr>
                    </tbody>
                </table>
            </div>
            if !referrers.is_empty() {
                <div class="month-step-table">
                    <table class="stack-narrow">
                        <caption>{"Where the expected referrals come from"}</caption>
                        <thead><tr>
                            <th scope="col">{"Stage"}</th>
                            <th scope="col" class="num">{"People"}</th>
                            <th scope="col">{"Advocacy a month"}</th>
                            <th scope="col" class="num">{"Referrals"}</th>
                        </tr></thead>
                        <tbody>{for referrers}</tbody>
                    </table>
                </div>
            }
        </>
    }
}

fn end_tables(traced: &Traced) -> Html {
    let scenario = &traced.scenario;
    let trace = &traced.trace;
    let currency = scenario.currency.as_str();
    let sum = |of: &dyn Fn(&journey_core::month_trace::StageTrace) -> f64| -> f64 {
        trace.stages.iter().map(of).sum()
    };
    let rows = trace.stages.iter().enumerate().map(|(k, s)| {
        html! {
            <tr>
                <th scope="row">{stage_name(scenario, k)}</th>
                <td class="num" data-label="Start">{people(s.start)}</td>
                <td class="num" data-label="Out">{people(s.advanced)}</td>
                <td class="num" data-label="Dropped">{people(s.dropped)}</td>
                <td class="num" data-label="In">{people(s.advances_in)}</td>
                <td class="num" data-label="New">{people(s.arrivals + s.referrals)}</td>
                <td class="num" data-label="End">{people(s.end)}</td>
            </tr>
        }
    });
    let cash_rows = trace
        .stages
        .iter()
        .enumerate()
        .filter(|(_, s)| s.revenue != 0.0 || s.cost != 0.0)
        .map(|(k, s)| {
            html! {
                <tr>
                    <th scope="row">{stage_name(scenario, k)}</th>
                    <td class="num" data-label="Revenue">{money(s.revenue, currency)}</td>
                    <td class="num" data-label="Cost">{money(s.cost, currency)}</td>
                    <td class="num" data-label="Margin">{money(s.revenue - s.cost, currency)}</td>
                </tr>
            }
        });
    html! {
        <>
            <div class="month-step-table">
                <table class="stack-narrow" data-testid="month-end-table">
                    <caption>
                        {format!("Month {}: out = advanced to the next stage, in = advanced from \
                                  another, new = arrivals and referrals", trace.month)}
                    </caption>
                    <thead><tr>
                        <th scope="col">{"Stage"}</th>
                        <th scope="col" class="num">{"Start"}</th>
                        <th scope="col" class="num">{"Out"}</th>
                        <th scope="col" class="num">{"Dropped"}</th>
                        <th scope="col" class="num">{"In"}</th>
                        <th scope="col" class="num">{"New"}</th>
                        <th scope="col" class="num">{"End"}</th>
                    </tr></thead>
                    <tbody>{for rows}</tbody>
                    <tfoot><tr data-testid="month-end-total">
                        <th scope="row">{"Total"}</th>
                        <td class="num" data-label="Start">{people(sum(&|s| s.start))}</td>
                        <td class="num" data-label="Out">{people(sum(&|s| s.advanced))}</td>
                        <td class="num" data-label="Dropped">{people(sum(&|s| s.dropped))}</td>
                        <td class="num" data-label="In">{people(sum(&|s| s.advances_in))}</td>
                        <td class="num" data-label="New">
                            {people(sum(&|s| s.arrivals + s.referrals))}
                        </td>
                        <td class="num" data-label="End">{people(sum(&|s| s.end))}</td>
                    </tr></tfoot>
                </table>
            </div>
            <div class="month-step-table">
                <table class="stack-narrow">
                    <caption>{format!("The cash of month {}", trace.month)}</caption>
                    <thead><tr>
                        <th scope="col">{"Stage"}</th>
                        <th scope="col" class="num">{"Revenue"}</th>
                        <th scope="col" class="num">{"Cost"}</th>
                        <th scope="col" class="num">{"Margin"}</th>
                    </tr></thead>
                    <tbody>{for cash_rows}</tbody>
                    <tfoot><tr>
                        <th scope="row">{"Month"}</th>
                        <td class="num" data-label="Revenue">{money(trace.revenue, currency)}</td>
                        <td class="num" data-label="Cost">{money(trace.cost, currency)}</td>
                        <td class="num" data-label="Margin">{money(trace.revenue - trace.cost, currency)}</td>
                    </tr></tfoot>
                </table>
            </div>
        </>
    }
}

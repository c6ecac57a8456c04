use journey_core::{Investment, Phase, Scenario};
use yew::prelude::*;

use super::assumption_values::{amount, number, probability, sbg_in_words, stage_drop};
use crate::components::editor::{department_name, display_name, stage_name};
use crate::format::grouped;

/// A table cell that carries its column's name, shown beside the value
/// when a phone lays the row out as a card.
fn cell(label: &'static str, text: impl Into<Html>) -> Html {
    html! { <td data-label={label}>{text.into()}</td> }
}

fn head(columns: &[&'static str]) -> Html {
    html! {
        <thead>
            <tr>{ for columns.iter().map(|c| html! { <th scope="col">{*c}</th> }) }</tr>
        </thead>
    }
}

fn months(n: u32) -> String {
    if n == 1 {
        "1 month".to_string()
    } else {
        format!("{} months", grouped(u64::from(n)))
    }
}

/// Where an investment goes: a department, or a hand-off between two.
fn target(scenario: &Scenario, investment: &Investment) -> String {
    match (&investment.department, &investment.handoff) {
        (Some(department), _) => department_name(scenario, department),
        (None, Some(handoff)) => format!(
            "{} → {} hand-off",
            department_name(scenario, &handoff.from),
            department_name(scenario, &handoff.to)
        ),
        (None, None) => "—".to_string(),
    }
}

/// The journey's settings as a short list of terms and values.
fn settings(scenario: &Scenario, trials: Option<u32>, seed: Option<u64>) -> Html {
    let currency = scenario.currency.as_str();
    let mut rows: Vec<(&str, String)> = vec![
        ("Horizon", months(scenario.months)),
        (
            "Discount rate",
            format!("{} a year", probability(&scenario.discount_rate.into())),
        ),
        (
            "New prospects",
            format!("{} a month", number(&scenario.arrivals_per_month)),
        ),
    ];
    if let Some(entry) = &scenario.referral_entry {
        rows.push(("Referrals enter at", stage_name(scenario, entry)));
    }
    if !scenario.initial.is_empty() {
        // In journey order, as the stages table lists them (a sort would
        // cost more of the download than this).
        let in_order = scenario
            .stages
            .iter()
            .filter_map(|s| scenario.initial.get_key_value(&s.id));
        let others = scenario
            .initial
            .iter()
            .filter(|(id, _)| !scenario.stages.iter().any(|s| &s.id == *id));
        let people = in_order
            .chain(others)
            .map(|(stage, n)| format!("{} in {}", grouped(*n), stage_name(scenario, stage)))
            .collect::<Vec<_>>()
            .join(", ");
        rows.push(("People at the start", people));
    }
    rows.push(("CLV horizon", months(scenario.clv_horizon_months)));
    rows.push(("Currency", currency.to_string()));
    if let Some(trials) = trials {
        let mut run = crate::format::trials(trials);
        if let Some(seed) = seed {
            // "seed 1" on one line.
            run.push_str(&format!(", seed\u{a0}{seed}"));
        }
        rows.push(("Simulation", run));
    }
    html! {
        <dl class="report-settings">
            { for rows.into_iter().map(|(term, value)| html! {
                <div><dt>{term}</dt><dd>{value}</dd></div>
            }) }
        </dl>
    }
}

fn stages(scenario: &Scenario) -> Html {
    let currency = scenario.currency.as_str();
    let rows = scenario.stages.iter().enumerate().map(|(i, stage)| {
        let phase = match stage.phase {
            Phase::Buy => "buy",
            Phase::Own => "own",
        };
        let per_month = amount(&stage.revenue_per_month, currency);
        let on_entry = amount(&stage.revenue_on_entry, currency);
        let revenue = match (
            stage.revenue_per_month.is_zero(),
            stage.revenue_on_entry.is_zero(),
        ) {
            (true, true) => html! { {"—"} },
            (false, true) => html! { {format!("{per_month} a month")} },
            (true, false) => html! { {format!("{on_entry} on entry")} },
            (false, false) => html! {
                <>{format!("{per_month} a month")}<br />{format!("{on_entry} on entry")}</>
            },
        };
        let cost = if stage.cost_per_month.is_zero() {
            "—".to_string()
        } else {
            format!("{} a month", amount(&stage.cost_per_month, currency))
        };
        html! {
            <tr key={i}>
                <th scope="row">
                    {display_name(&stage.name, &stage.id)}
                    <span class="phase-tag">{phase}</span>
                </th>
                {cell("Owner", department_name(scenario, &stage.owner))}
                {cell("Advance", probability(&stage.advance))}
                {cell("Drop", html! {
                    <>
                        {stage_drop(&stage.drop)}
                        if let Some(words) = sbg_in_words(&stage.drop) {
                            <br /><span class="sbg-words">{words}</span>
                        }
                    </>
                })}
                {cell("Advocacy", number(&stage.advocacy))}
                {cell("Revenue", revenue)}
                {cell("Cost", cost)}
            </tr>
        }
    });
    html! {
        <div class="report-table-box">
            <table class="report-table stage-table">
                <caption>
                    {"Stages"}
                    <span class="caption-note">
                        {" · monthly chances to advance and to drop (an sBG drop falls the longer a \
                          customer stays); advocacy is referrals per person a month; revenue and cost \
                          are per person in the stage"}
                    </span>
                </caption>
                {head(&["Stage", "Owner", "Advance", "Drop", "Advocacy", "Revenue", "Cost"])}
                <tbody>{for rows}</tbody>
            </table>
        </div>
    }
}

fn frictions(scenario: &Scenario) -> Html {
    let departments = scenario.departments.iter().enumerate().map(|(i, d)| {
        html! {
            <tr key={i}>
                <th scope="row">{display_name(&d.name, &d.id)}</th>
                {cell("Friction", probability(&d.friction))}
            </tr>
        }
    });
    let handoffs = scenario.handoffs.iter().enumerate().map(|(i, h)| {
        html! {
            <tr key={i}>
                <th scope="row">
                    {format!("{} → {}", department_name(scenario, &h.from), department_name(scenario, &h.to))}
                </th>
                {cell("Friction", probability(&h.friction))}
            </tr>
        }
    });
    html! {
        <div class="report-frictions">
            <table class="report-table friction-table">
                <caption>{"Department friction"}</caption>
                {head(&["Department", "Friction"])}
                <tbody>{for departments}</tbody>
            </table>
            if !scenario.handoffs.is_empty() {
                <table class="report-table friction-table">
                    <caption>{"Hand-off friction"}</caption>
                    {head(&["Hand-off", "Friction"])}
                    <tbody>{for handoffs}</tbody>
                </table>
            }
        </div>
    }
}

fn investments(scenario: &Scenario) -> Html {
    if scenario.scenarios.is_empty() {
        return html! {};
    }
    let currency = scenario.currency.as_str();
    let groups = scenario.scenarios.iter().enumerate().map(|(s, option)| {
        let rows = option.investments.iter().enumerate().map(|(i, investment)| {
            let ramp = if investment.ramp_months == 0 {
                "at once".to_string()
            } else {
                months(investment.ramp_months)
            };
            html! {
                <tr key={i}>
                    <th scope="row">{target(scenario, investment)}</th>
                    {cell("Monthly spend", amount(&investment.monthly_spend, currency))}
                    {cell("Half-friction spend", amount(&investment.half_friction_spend, currency))}
                    {cell("Starts", format!("month {}", investment.start_month))}
                    {cell("Ramp", ramp)}
                    {cell("One-off", amount(&investment.one_off, currency))}
                </tr>
            }
        });
        html! {
            <tbody key={s}>
                <tr class="group-row">
                    <th scope="colgroup" colspan="6">{option.name.clone()}</th>
                </tr>
                if option.investments.is_empty() {
                    <tr><td colspan="6" class="none">{"No spending"}</td></tr>
                }
                {for rows}
            </tbody>
        }
    });
    html! {
        <div class="report-table-box">
            <table class="report-table investment-table">
                <caption>
                    {"Investment options"}
                    <span class="caption-note">
                        {" · half-friction spend: the monthly spend that halves friction"}
                    </span>
                </caption>
                {head(&["Where", "Monthly spend", "Half-friction spend", "Starts", "Ramp", "One-off"])}
                {for groups}
            </table>
        </div>
    }
}

/// Every input behind the numbers: the settings, each stage, the
/// frictions and each option's investments, ranges as "low–high". Trials
/// and seed are the run's the report shows, when known.
pub fn assumptions(scenario: &Scenario, trials: Option<u32>, seed: Option<u64>) -> Html {
    html! {
        <section class="report-assumptions" aria-labelledby="assumptions-heading">
            // One block, so that print never leaves the heading alone at
            // the foot of a page.
            <div class="assumptions-intro">
                <h2 id="assumptions-heading">{"Assumptions"}</h2>
                <p class="report-note">
                    {"Each trial is one simulated future of the journey. A range such as 15–30% is a \
                      90% interval: each trial draws its own value from it. The seed fixes the \
                      random draws, so the same link always shows the same figures."}
                </p>
                {settings(scenario, trials, seed)}
            </div>
            {stages(scenario)}
            {frictions(scenario)}
            {investments(scenario)}
        </section>
    }
}

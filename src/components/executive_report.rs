//! The executive report: what a share link opens on. One page with the
//! headline in words, the key chart, the options side by side and the
//! assumptions, a way into the full editor, and a print layout of at most
//! two A4 pages (styles/report.css).

pub(crate) mod assumption_values;
mod assumptions;
mod headlines;
mod kpi_table;

use std::rc::Rc;

use journey_core::{Report, Scenario};
use yew::prelude::*;

use super::charts::{FanChart, FanMetric};
use crate::format::grouped;
use crate::shared::Shared;
use assumption_values::probability;
use assumptions::assumptions;
use headlines::headlines;
use kpi_table::kpi_table;

#[derive(Properties, PartialEq)]
pub struct ExecutiveReportProps {
    pub scenario: Rc<Scenario>,
    /// The latest report; `None` until the first batch of the run arrives.
    pub report: Option<Shared<Report>>,
    /// A run is under way and the numbers will still change.
    pub busy: bool,
    /// Trials done and to do in the current run.
    pub done: u32,
    pub total: u32,
    /// The report's run was started from the journey, seed and trials as
    /// they are now: the report alone cannot tell that a rate was edited.
    #[prop_or(true)]
    pub current: bool,
    /// Opens the full editor and results.
    pub on_open_editor: Callback<()>,
}

fn print_page() {
    let printed = web_sys::window().map(|window| window.print());
    if let Some(Err(error)) = printed {
        web_sys::console::warn_2(&"could not open the print dialog:".into(), &error);
    }
}

/// Where the run stands while there is no finished report to show.
fn pending(props: &ExecutiveReportProps) -> Html {
    let count = |n: u32| grouped(u64::from(n));
    if props.busy {
        return html! {
            <div class="report-progress">
                <progress aria-label="Simulation progress" max={props.total.max(1).to_string()}
                    value={props.done.to_string()} />
                <p role="status" data-testid="report-status">
                    {format!("Simulating… {} of {} trials", count(props.done), count(props.total))}
                </p>
            </div>
        };
    }
    let message = match &props.report {
        Some(report) if !props.current || !describes(report, &props.scenario) => {
            "The last results are from an earlier version of this journey. Open the full \
             editor and run the simulation to bring them up to date."
                .to_string()
        }
        Some(report) => format!(
            "The simulation stopped after {} of {} trials, so there is no headline yet. \
             Open the full editor to run it again.",
            count(report.trials),
            count(props.total)
        ),
        None => "No results yet. Open the full editor to run the simulation.".to_string(),
    };
    html! {
        <p class="report-progress" role="status" data-testid="report-status">{message}</p>
    }
}

/// A caution under the answer when too few trials stand behind it.
fn few_trials(trials: u32) -> Option<String> {
    const ENOUGH: u32 = 100;
    let what = match trials {
        1 => "From a single trial: each figure is one possible outcome, without a range or \
              a chance behind it."
            .to_string(),
        n if n < ENOUGH => format!("From only {n} trials: the ranges and chances are rough."),
        _ => return None,
    };
    Some(format!(
        "{what} Open the full editor and run more trials (the default is 10,000)."
    ))
}

/// The report's chart: each option's gain over the baseline, or the
/// journey's own NPV when it has no options.
fn chart_metric(report: &Report) -> FanMetric {
    if report.results.len() > 1 {
        FanMetric::CumulativeUplift
    } else {
        FanMetric::CumulativeNpv
    }
}

/// How to read the report's chart.
fn chart_note(metric: FanMetric) -> &'static str {
    if metric == FanMetric::CumulativeUplift {
        "Each line is an option's mean cumulative NPV uplift over the baseline, after its \
         costs, and the shaded band its 90% interval. Below zero the option has cost more \
         than it has brought in so far; it has paid back where its line crosses zero."
    } else {
        "The line is the journey's mean cumulative NPV and the shaded band its 90% interval. \
         Add an investment option to compare it with."
    }
}

/// Whether `report` was made from this version of `scenario`, as far as
/// its options and horizon tell: after edits without a re-run the last
/// report may describe another journey.
fn describes(report: &Report, scenario: &Scenario) -> bool {
    let options = report.results.iter().skip(1).map(|v| v.name.as_str());
    let months = report
        .results
        .first()
        .map(|v| v.monthly.cumulative_npv.mean.len());
    report.results.len() == scenario.scenarios.len() + 1
        && options.eq(scenario.scenarios.iter().map(|s| s.name.as_str()))
        && months.is_none_or(|m| m == 0 || m == scenario.months as usize)
}

#[component]
pub fn ExecutiveReport(props: &ExecutiveReportProps) -> Html {
    let scenario = &props.scenario;
    let months = scenario.months;
    // Headline claims only once every trial of the run is in.
    let finished = props.report.clone().filter(|report| {
        !props.busy
            && props.total > 0
            && report.trials == props.total
            && props.current
            && describes(report, scenario)
    });
    let on_open_editor = props.on_open_editor.reform(|_: MouseEvent| ());
    let busy = props.busy;
    let on_print = Callback::from(move |_: MouseEvent| {
        if !busy {
            print_page();
        }
    });
    let meta = format!(
        "{} months · money in {}, NPV discounted to today at {} a year",
        months,
        scenario.currency,
        probability(&scenario.discount_rate.into())
    );

    let results = match &finished {
        Some(report) => html! {
            <>
                <section class="report-answer" aria-labelledby="answer-heading">
                    <h2 id="answer-heading">{"The answer"}</h2>
                    // The caution comes before the claims it qualifies.
                    if let Some(note) = few_trials(report.trials) {
                        <p class="report-note" data-testid="few-trials">{note}</p>
                    }
                    {headlines(report, months)}
                </section>
                <section class="report-evidence" aria-labelledby="evidence-heading">
                    <h2 id="evidence-heading">{"The numbers"}</h2>
                    <div class="report-evidence-grid">
                        {kpi_table(report, months)}
                        <div class="report-chart">
                            <FanChart report={report.clone()} metric={chart_metric(report)} />
                            <p class="report-note">{chart_note(chart_metric(report))}</p>
                        </div>
                    </div>
                </section>
            </>
        },
        None => pending(props),
    };

    html! {
        <section class="executive-report" aria-label="Executive report"
            aria-busy={props.busy.to_string()} data-testid="executive-report">
            <header class="report-header">
                <div class="report-title">
                    <p class="report-product">{"CX Journey Simulator · executive report"}</p>
                    // Focused when the report opens in a page already open.
                    <h1 id="report-heading" tabindex="-1">{scenario.name.clone()}</h1>
                    <p class="report-meta">{meta}</p>
                </div>
                <div class="report-actions">
                    <button type="button" class="primary" onclick={on_open_editor}>
                        {"Open the full editor"}
                    </button>
                    // Printed mid-run, the report would have no answer yet;
                    // aria-disabled, like the workspace's, keeps the focus.
                    <button type="button" onclick={on_print} aria-disabled={busy.then_some("true")}>
                        {"Print report"}
                    </button>
                </div>
            </header>
            {results}
            {assumptions(
                scenario,
                (props.total > 0).then_some(props.total),
                props.report.as_ref().map(|r| r.seed),
            )}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use journey_core::{Journey, run_trials};

    use super::*;

    #[test]
    fn a_report_describes_only_the_journey_version_it_was_made_from() {
        let scenario = Scenario::from_json(crate::presets::DEFAULT_SCENARIO).unwrap();
        let journey = Journey::new(scenario.clone()).unwrap();
        let report = run_trials(&journey, 1, 0..2).report(&journey, 1);
        assert!(describes(&report, &scenario));
        let mut renamed = scenario.clone();
        renamed.scenarios[0].name.push_str(" (new)");
        assert!(!describes(&report, &renamed));
        let mut longer = scenario.clone();
        longer.months += 1;
        assert!(!describes(&report, &longer));
        let mut fewer = scenario;
        fewer.scenarios.pop();
        assert!(!describes(&report, &fewer));
    }

    #[test]
    fn too_few_trials_are_pointed_out() {
        assert!(few_trials(1).unwrap().starts_with("From a single trial: "));
        assert!(few_trials(99).unwrap().starts_with("From only 99 trials: "));
        assert_eq!(few_trials(100), None);
    }
}

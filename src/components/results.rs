use std::collections::BTreeMap;
use std::rc::Rc;

use journey_core::Report;
use yew::prelude::*;

use super::charts::{FanChart, FanMetric, FlowDiagram, Histogram, ValueUnit};
use super::download::download_text;
use super::{ComparisonTable, VariantCard};
use crate::format::grouped;
use crate::results_csv::{file_name, summary_table};
use crate::simulation::Distributions;

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    /// The latest report, growing batch by batch during a run.
    pub report: Option<Rc<Report>>,
    /// Stage names by id, for the flow diagram.
    #[prop_or_default]
    pub stage_names: Rc<BTreeMap<String, String>>,
    /// ROI and CLV per trial, binned, for the histograms.
    #[prop_or_default]
    pub distributions: Option<Rc<Distributions>>,
    /// A run is under way and the numbers will still change.
    pub busy: bool,
    /// The run that produced the report stopped early.
    #[prop_or_default]
    pub stale: bool,
}

/// The distributions of ROI (each option) and CLV (every variant), binned
/// by the collector worker; shown when they cover the report's trials.
fn histograms(report: &Report, distributions: Option<&Rc<Distributions>>) -> Html {
    let Some(distributions) =
        distributions.filter(|d| d.trials == report.trials && report.trials > 0)
    else {
        return html! {};
    };
    let currency = AttrValue::from(report.currency.clone());
    let of = |v: usize| distributions.variants.get(v);
    let roi = report
        .results
        .iter()
        .enumerate()
        .skip(1)
        .filter_map(|(v, variant)| {
            let distribution = Rc::new(of(v)?.roi.clone()?);
            Some(html! {
                <Histogram key={format!("roi-{v}")} title={format!("ROI of {}", variant.name)}
                    {distribution} unit={ValueUnit::Ratio} axis="ROI per trial" series={v} />
            })
        });
    let clv = report.results.iter().enumerate().filter_map(|(v, variant)| {
        let distribution = Rc::new(of(v)?.clv.clone()?);
        Some(html! {
            <Histogram key={format!("clv-{v}")} title={format!("Customer lifetime value, {}", variant.name)}
                {distribution} unit={ValueUnit::Money(currency.clone())}
                axis={format!("CLV per trial ({})", report.currency)} series={v} />
        })
    });
    html! { <>{for roi}{for clv}</> }
}

/// Which table a CSV button downloads.
#[derive(Clone, Copy, PartialEq)]
enum Table {
    Summaries,
    Monthly,
}

#[derive(Properties, PartialEq)]
struct CsvDownloadsProps {
    report: Rc<Report>,
}

/// The journey's name as the page shows it, for file names. The results
/// props carry no name, so it is read where the page shows it.
fn journey_name() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(".scenario-name").ok().flatten())
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

/// "Download results (CSV)" and "Download monthly series (CSV)".
#[component]
fn CsvDownloads(props: &CsvDownloadsProps) -> Html {
    let problem = use_state_eq(|| None::<AttrValue>);
    let button = |table: Table, label: &'static str| {
        let report = props.report.clone();
        let problem = problem.setter();
        let onclick = Callback::from(move |_: MouseEvent| {
            let (suffix, text) = match table {
                Table::Summaries => ("results.csv", summary_table(&report)),
                Table::Monthly => ("monthly.csv", journey_core::csv::run_table(&report)),
            };
            match download_text(&file_name(&journey_name(), suffix), "text/csv", &text) {
                Ok(()) => problem.set(None),
                Err(error) => {
                    web_sys::console::warn_2(&"could not download a CSV:".into(), &error);
                    problem.set(Some("The CSV file could not be saved.".into()));
                }
            }
        });
        html! { <button type="button" {onclick}>{label}</button> }
    };
    html! {
        <div class="results-downloads">
            {button(Table::Summaries, "Download results (CSV)")}
            {button(Table::Monthly, "Download monthly series (CSV)")}
            if let Some(problem) = (*problem).clone() {
                <p class="error" role="alert">{problem}</p>
            }
        </div>
    }
}

/// The baseline and each investment option side by side, then charts over
/// months and across trials.
#[component]
pub fn Results(props: &ResultsProps) -> Html {
    let body = match &props.report {
        Some(report) => html! {
            <>
                <p class="results-meta">
                    {format!(
                        "{} trials · seed {} · NPV discounted to today · 90% interval = 5th to 95th percentile",
                        grouped(u64::from(report.trials)),
                        report.seed,
                    )}
                </p>
                <div class="variants">
                    { for (0..report.results.len()).map(|index| html! {
                        <VariantCard key={index} report={report.clone()} {index} />
                    }) }
                </div>
                { if report.results.len() > 1 {
                    html! { <ComparisonTable report={report.clone()} /> }
                } else { html! {} } }
                <CsvDownloads report={report.clone()} />
                <div class="charts" data-testid="charts">
                    <FanChart report={report.clone()} metric={FanMetric::ActiveCustomers} />
                    <FanChart report={report.clone()} metric={FanMetric::CumulativeNpv} />
                    {histograms(report, props.distributions.as_ref())}
                    { for report.results.first().map(|baseline| html! {
                        <FlowDiagram stages={baseline.stages.clone()} names={props.stage_names.clone()} />
                    }) }
                </div>
            </>
        },
        None => html! {
            <p class="placeholder">
                {"Run a simulation to see NPV, customer lifetime value and retention for the \
                  baseline journey and for each investment option."}
            </p>
        },
    };
    html! {
        <section
            class={classes!("panel", "results", props.stale.then_some("stale"))}
            aria-label="Results"
            aria-busy={props.busy.to_string()}
            data-testid="results"
        >
            <h2>{"Results"}</h2>
            {body}
        </section>
    }
}

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use gloo_render::{AnimationFrame, request_animation_frame};
use gloo_timers::callback::Timeout;
use journey_core::Report;
use yew::prelude::*;

use super::charts::{FanChart, FanMetric, FlowDiagram, Histogram, ValueUnit};
use super::download::download_text;
use super::{VariantCard, comparison_table};
use crate::card_figures::{any_changed, comparable};
use crate::format::{listed, trials};
use crate::results_csv::{file_name, summary_table};
use crate::shared::Shared;
use crate::simulation::{Clv, Distributions};

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    /// The latest report, growing batch by batch during a run.
    pub report: Option<Shared<Report>>,
    /// Stage names by id, for the flow diagram.
    #[prop_or_default]
    pub stage_names: Rc<BTreeMap<String, String>>,
    /// ROI and CLV per trial, binned, for the histograms.
    #[prop_or_default]
    pub distributions: Option<Shared<Distributions>>,
    /// A run is under way and the numbers will still change.
    pub busy: bool,
    /// The run that produced the report stopped early.
    #[prop_or_default]
    pub stale: bool,
    /// The last run that finished before this one, given once this one has
    /// finished too: the cards then say what each figure that moved was.
    #[prop_or_default]
    pub previous: Option<Shared<Report>>,
}

/// What the charts draw.
#[derive(Clone, PartialEq)]
struct ChartInput {
    report: Shared<Report>,
    distributions: Option<Shared<Distributions>>,
    names: Rc<BTreeMap<String, String>>,
}

/// One chart, keyed by what it shows (`fan-npv`, `clv-2`, ...).
type Chart = (String, Html);

/// Every chart of `input` in page order: the fan charts, the distributions
/// of ROI (each option) and CLV (every variant), binned by the collector
/// worker and shown when they cover the report's trials, and the flow.
fn charts(input: &ChartInput) -> Vec<Chart> {
    let report = &input.report;
    let mut out: Vec<Chart> = vec![
        (
            "fan-customers".into(),
            html! { <FanChart key="fan-customers" report={report.clone()} metric={FanMetric::ActiveCustomers} /> },
        ),
        (
            "fan-npv".into(),
            html! { <FanChart key="fan-npv" report={report.clone()} metric={FanMetric::CumulativeNpv} /> },
        ),
    ];
    if report.results.len() > 1 {
        out.push((
            "fan-uplift".into(),
            html! { <FanChart key="fan-uplift" report={report.clone()} metric={FanMetric::CumulativeUplift} /> },
        ));
    }
    if let Some(distributions) = input
        .distributions
        .as_ref()
        .filter(|d| d.trials == report.trials && report.trials > 0)
    {
        let currency = AttrValue::from(report.currency.clone());
        let of = |v: usize| distributions.variants.get(v);
        for (v, variant) in report.results.iter().enumerate().skip(1) {
            if let Some(roi) = of(v).and_then(|d| d.roi.clone()) {
                let key = format!("roi-{v}");
                out.push((key.clone(), html! {
                    <Histogram {key} title={format!("ROI of {}", variant.name)}
                        distribution={Rc::new(roi)} unit={ValueUnit::Ratio} axis="ROI per trial" series={v} />
                }));
            }
        }
        for (v, variant) in report.results.iter().enumerate() {
            if let Some(Clv::Binned(clv)) = of(v).map(|d| &d.clv) {
                let key = format!("clv-{v}");
                let alike: Vec<&str> = report
                    .results
                    .iter()
                    .enumerate()
                    .filter(|&(u, _)| of(u).is_some_and(|d| d.clv == Clv::SameAs(v)))
                    .map(|(_, r)| r.name.as_str())
                    .collect();
                let note = (!alike.is_empty()).then(|| {
                    AttrValue::from(format!(
                        "The same in every trial for {}: CLV counts what a customer brings \
                         from the purchase on.",
                        listed(&alike)
                    ))
                });
                out.push((key.clone(), html! {
                    <Histogram {key} title={format!("Customer lifetime value, {}", variant.name)}
                        distribution={Rc::new(clv.clone())} unit={ValueUnit::Money(currency.clone())}
                        axis={format!("CLV per trial ({})", report.currency)} series={v} {note} />
                }));
            }
        }
    }
    if let Some(baseline) = report.results.first() {
        out.push((
            "flow".into(),
            html! { <FlowDiagram key="flow" stages={baseline.stages.clone()} names={input.names.clone()} /> },
        ));
    }
    out
}

/// How far the charts have caught up with the latest report: `shown` is
/// fully drawn, and so are the first `step` charts of `target`.
#[derive(Clone, Default, PartialEq)]
struct Staged {
    shown: Option<ChartInput>,
    target: Option<ChartInput>,
    step: usize,
}

/// The charts on screen while they catch up: the first `step` of `fresh`,
/// then the rest of `old` (those not drawn afresh yet).
fn mixed(fresh: Vec<Chart>, old: Vec<Chart>, step: usize) -> Vec<Chart> {
    let step = step.min(fresh.len());
    let mut out: Vec<Chart> = fresh.into_iter().take(step).collect();
    let drawn = out.len();
    let rest: Vec<Chart> = old
        .into_iter()
        .skip(step)
        .filter(|(key, _)| !out[..drawn].iter().any(|(k, _)| k == key))
        .collect();
    out.extend(rest);
    out
}

/// Runs a callback just after the browser next draws the page, so that
/// what it changes is drawn in a frame of its own; dropping it cancels.
struct AfterNextFrame {
    _frame: AnimationFrame,
    _then: Rc<RefCell<Option<Timeout>>>,
}

fn after_next_frame(f: impl FnOnce() + 'static) -> AfterNextFrame {
    let then = Rc::new(RefCell::new(None));
    let slot = then.clone();
    // A frame's callbacks run just before it is drawn; a timer set there
    // runs after.
    let frame = request_animation_frame(move |_| *slot.borrow_mut() = Some(Timeout::new(0, f)));
    AfterNextFrame {
        _frame: frame,
        _then: then,
    }
}

/// Cards drawn in one animation frame: about what the examples show at once.
const CARDS_PER_FRAME: usize = 4;

/// How many of `total` cards to draw: [`CARDS_PER_FRAME`] more in each
/// frame the page draws, so that a journey with many options never holds up the
/// page to lay out all of its cards at once. Cards once drawn stay drawn.
#[hook]
fn use_cards_drawn(total: usize) -> usize {
    let drawn = use_state_eq(|| CARDS_PER_FRAME);
    let shown = (*drawn).min(total);
    use_effect_with((shown, total), move |&(shown, total)| {
        let frame =
            (shown < total).then(|| after_next_frame(move || drawn.set(shown + CARDS_PER_FRAME)));
        move || drop(frame)
    });
    shown
}

/// Which table a CSV button downloads.
#[derive(Clone, Copy, PartialEq)]
enum Table {
    Summaries,
    Monthly,
}

#[derive(Properties, PartialEq)]
struct CsvDownloadsProps {
    report: Shared<Report>,
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
///
/// A new report redraws the cards and table at once and the charts one per
/// animation frame after, so that drawing them never holds up the page for
/// long. The first cards of a journey with many options appear a few per
/// frame, the table after them. The results stay busy until every card and
/// chart shows the latest report, so that nothing reads them half redrawn.
#[component]
pub fn Results(props: &ResultsProps) -> Html {
    let input = props.report.as_ref().map(|report| ChartInput {
        report: report.clone(),
        distributions: props.distributions.clone(),
        names: props.stage_names.clone(),
    });
    let staged = use_state(Staged::default);
    let catching_up = input.is_some() && staged.shown != input;
    let step = if staged.target == input {
        staged.step
    } else {
        0
    };
    let fresh = input.as_ref().map(charts).unwrap_or_default();
    {
        let staged = staged.clone();
        let count = fresh.len();
        use_effect_with(
            (input.clone(), step, catching_up),
            move |(input, step, catching_up)| {
                let (step, input) = (*step, input.clone());
                let frame = catching_up.then(|| {
                    after_next_frame(move || {
                        staged.set(if step + 1 >= count {
                            Staged {
                                shown: input,
                                target: None,
                                step: 0,
                            }
                        } else {
                            Staged {
                                shown: staged.shown.clone(),
                                target: input,
                                step: step + 1,
                            }
                        });
                    })
                });
                move || drop(frame)
            },
        );
    }
    let drawn = if catching_up {
        let old = staged.shown.as_ref().map(charts).unwrap_or_default();
        mixed(fresh, old, step)
    } else {
        fresh
    };
    let total = props
        .report
        .as_ref()
        .map_or(0, |report| report.results.len());
    let cards = use_cards_drawn(total);
    // Compared once per pair of reports, not on every frame of the charts
    // catching up.
    let previous = use_memo(
        (props.report.clone(), props.previous.clone()),
        |(report, previous)| {
            let report = report.as_ref()?;
            previous
                .clone()
                .filter(|p| comparable(report, p) && any_changed(report, p))
        },
    );
    let previous = (*previous).clone();
    // Likewise the table, a plain view: built once per report.
    let table = use_memo(props.report.clone(), |report| {
        report.as_deref().map(comparison_table).unwrap_or_default()
    });
    let body = match &props.report {
        Some(report) => html! {
            <>
                <p class="results-meta">
                    {format!(
                        "{} · seed {} · NPV discounted to today · 90% interval = 5th to 95th percentile",
                        trials(report.trials),
                        report.seed,
                    )}
                </p>
                if previous.is_some() {
                    <p class="was-legend" data-testid="was-legend">
                        {"“was”: the figure in your previous run. Same seed and trials, so \
                          the difference is the effect of what you changed, not a new roll \
                          of the dice."}
                    </p>
                }
                <div class="variants">
                    { for (0..cards).map(|index| html! {
                        <VariantCard key={index} report={report.clone()} {index} previous={previous.clone()} />
                    }) }
                </div>
                if cards == total {
                    {(*table).clone()}
                }
                <CsvDownloads report={report.clone()} />
                <div class="charts" data-testid="charts" aria-busy={catching_up.to_string()}>
                    { for drawn.into_iter().map(|(_, chart)| chart) }
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
            aria-busy={(props.busy || cards < total || catching_up).to_string()}
            data-testid="results"
        >
            <h2 id="results-heading" tabindex="-1">{"Results"}</h2>
            {body}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keyed(keys: &[&str]) -> Vec<Chart> {
        keys.iter()
            .map(|k| (k.to_string(), Html::default()))
            .collect()
    }

    fn keys(charts: &[Chart]) -> Vec<&str> {
        charts.iter().map(|(k, _)| k.as_str()).collect()
    }

    #[test]
    fn charts_drawn_afresh_come_first_then_the_old_ones_not_yet_redrawn() {
        let mix = |step| mixed(keyed(&["a", "b", "c"]), keyed(&["a", "b", "c"]), step);
        assert_eq!(keys(&mix(0)), ["a", "b", "c"]);
        assert_eq!(keys(&mix(2)), ["a", "b", "c"]);
        assert_eq!(keys(&mix(9)), ["a", "b", "c"]);
        let first = mixed(keyed(&["a", "b"]), Vec::new(), 1);
        assert_eq!(keys(&first), ["a"]);
    }

    #[test]
    fn a_chart_is_never_shown_twice_when_the_set_of_charts_changes() {
        let mix = mixed(keyed(&["a", "c", "d"]), keyed(&["a", "b", "c"]), 2);
        assert_eq!(keys(&mix), ["a", "c"]);
        let mix = mixed(keyed(&["a", "x", "b"]), keyed(&["a", "b"]), 1);
        assert_eq!(keys(&mix), ["a", "b"]);
    }
}

use std::rc::Rc;

use journey_core::Report;
use yew::prelude::*;

use super::VariantCard;
use crate::format::grouped;

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    /// The latest report, growing batch by batch during a run.
    pub report: Option<Rc<Report>>,
    /// A run is under way and the numbers will still change.
    pub busy: bool,
    /// The run that produced the report stopped early.
    #[prop_or_default]
    pub stale: bool,
}

/// The baseline and each investment option side by side.
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

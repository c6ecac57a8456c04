//! The executive report: what a share link opens on. One page with the
//! headline in words, the key chart and the assumptions, and a way into
//! the full editor.

use std::rc::Rc;

use journey_core::{Report, Scenario};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ExecutiveReportProps {
    pub scenario: Rc<Scenario>,
    /// The latest report; `None` until the first batch of the run arrives.
    pub report: Option<Rc<Report>>,
    /// A run is under way and the numbers will still change.
    pub busy: bool,
    /// Trials done and to do in the current run.
    pub done: u32,
    pub total: u32,
    /// Opens the full editor and results.
    pub on_open_editor: Callback<()>,
}

#[component]
pub fn ExecutiveReport(props: &ExecutiveReportProps) -> Html {
    let onclick = props.on_open_editor.reform(|_: MouseEvent| ());
    html! {
        <section class="panel executive-report" aria-labelledby="report-heading">
            <h2 id="report-heading">{props.scenario.name.clone()}</h2>
            <button type="button" class="primary" {onclick}>{"Open the full editor"}</button>
        </section>
    }
}

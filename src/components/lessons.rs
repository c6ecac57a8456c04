//! Guided lessons for teaching CX economics, built on the example journeys.

use std::rc::Rc;

use journey_core::Report;
use journey_core::share::SharedRun;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LessonsProps {
    /// The latest report on the page.
    pub report: Option<Rc<Report>>,
    /// A run is under way.
    pub busy: bool,
    /// Opens a lesson step's run in the page and runs it at once.
    pub on_start: Callback<SharedRun>,
}

#[component]
pub fn Lessons(_props: &LessonsProps) -> Html {
    html! {
        <section class="panel lessons" aria-labelledby="lessons-heading">
            <h2 id="lessons-heading">{"Lessons"}</h2>
        </section>
    }
}

//! One simulated month, step by step, on a small journey: where people
//! moved and why.

use std::rc::Rc;

use journey_core::Scenario;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MonthStepProps {
    /// The journey being edited.
    pub scenario: Rc<Scenario>,
}

#[component]
pub fn MonthStep(_props: &MonthStepProps) -> Html {
    html! {
        <section class="panel month-step" aria-labelledby="month-step-heading">
            <h2 id="month-step-heading">{"One month, step by step"}</h2>
        </section>
    }
}

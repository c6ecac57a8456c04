use yew::prelude::*;

use crate::format::{grouped, trials};
use crate::simulation::Status;

#[derive(Properties, PartialEq)]
pub struct RunProgressProps {
    pub status: Status,
    pub done: u32,
    pub total: u32,
    /// The journey has problems to fix before it can run.
    pub blocked: bool,
    /// The journey, trials or seed changed since the run, and no new run
    /// is on its way.
    pub outdated: bool,
}

/// A progress bar and one line on where the run stands.
#[component]
pub fn RunProgress(props: &RunProgressProps) -> Html {
    let done = grouped(u64::from(props.done));
    let total = grouped(u64::from(props.total));
    let (message, failed) = match &props.status {
        // The problems' summary above says what to do; "Ready" would
        // contradict it.
        Status::Idle if props.blocked => (String::new(), false),
        Status::Idle => ("Ready to run.".to_string(), false),
        Status::Running => (format!("Running: {done} of {total} trials"), false),
        Status::Finished => (format!("Finished: {}.", trials(props.total)), false),
        Status::Cancelled => (format!("Cancelled after {done} of {total} trials."), false),
        Status::Failed(message) => (format!("The run stopped: {message}"), true),
    };
    let message = match props.status {
        Status::Finished | Status::Cancelled if props.outdated => {
            format!("{message} The results are from before your latest changes.")
        }
        _ => message,
    };
    html! {
        <div class="run-progress">
            <progress
                aria-label="Simulation progress"
                max={props.total.max(1).to_string()}
                value={props.done.to_string()}
            />
            // Busy while running, so that a screen reader says how the run
            // ended rather than every count on the way.
            <p class={classes!("run-status", failed.then_some("error"))}
               role={if failed { "alert" } else { "status" }}
               aria-busy={matches!(props.status, Status::Running).then_some("true")}
               data-testid="run-status">
                {message}
            </p>
        </div>
    }
}

use yew::prelude::*;

use crate::format::{grouped, trials};
use crate::simulation::Status;

/// Where the run stands: a progress bar and one line. Drawn with the page
/// on every report, so a plain view rather than a component.
pub struct RunProgress<'a> {
    pub status: &'a Status,
    pub done: u32,
    pub total: u32,
    /// The journey has problems to fix before it can run.
    pub blocked: bool,
    /// The journey, trials or seed changed since the run, and no new run
    /// is on its way.
    pub outdated: bool,
}

impl RunProgress<'_> {
    pub fn view(&self) -> Html {
        let done = grouped(u64::from(self.done));
        let total = grouped(u64::from(self.total));
        let (message, failed) = match self.status {
            // The problems' summary above says what to do; "Ready" would
            // contradict it.
            Status::Idle if self.blocked => (String::new(), false),
            Status::Idle => ("Ready to run.".to_string(), false),
            Status::Running => (format!("Running: {done} of {total} trials"), false),
            Status::Finished => (format!("Finished: {}.", trials(self.total)), false),
            Status::Cancelled => (format!("Cancelled after {done} of {total} trials."), false),
            Status::Failed(message) => (format!("The run stopped: {message}"), true),
        };
        let message = match self.status {
            Status::Finished | Status::Cancelled if self.outdated => {
                format!("{message} The results are from before your latest changes.")
            }
            _ => message,
        };
        html! {
            <div class="run-progress">
                <progress
                    aria-label="Simulation progress"
                    max={self.total.max(1).to_string()}
                    value={self.done.to_string()}
                />
                // Busy while running, so that a screen reader says how the run
                // ended rather than every count on the way.
                <p class={classes!("run-status", failed.then_some("error"))}
                   role={if failed { "alert" } else { "status" }}
                   aria-busy={matches!(self.status, Status::Running).then_some("true")}
                   data-testid="run-status">
                    {message}
                </p>
            </div>
        }
    }
}

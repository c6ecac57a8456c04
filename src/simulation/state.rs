//! What the page shows about a run: its status, progress and latest report.
//! A pure reducer; the worker pool feeds it actions.

use std::rc::Rc;

use journey_core::Report;
use yew::Reducible;

use super::distributions::Distributions;
use crate::shared::Shared;

#[derive(Clone, Debug, Default, PartialEq)]
pub enum Status {
    /// Nothing run yet.
    #[default]
    Idle,
    Running,
    Finished,
    /// Stopped by the user; the report covers the trials done by then.
    Cancelled,
    /// The run could not go on; the message says why.
    Failed(Rc<str>),
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SimulationState {
    pub status: Status,
    /// Trials back from the workers.
    pub done: u32,
    /// Trials asked for.
    pub total: u32,
    /// The latest summary; during a run it may trail `done` by a few
    /// batches, once the run is over it covers all `done` trials.
    pub report: Option<Shared<Report>>,
    /// Histograms of per-trial ROI and CLV of the same trials as `report`,
    /// binned in a worker: they follow the run batch by batch at no cost to
    /// the page.
    pub distributions: Option<Shared<Distributions>>,
    /// The name of the journey being run or shown.
    pub journey: Rc<str>,
    /// The report of the last run of the same journey that finished before
    /// the one shown, so the cards can say what each figure was before the
    /// latest change. Another journey's run (an example opened, a file
    /// imported) has nothing to compare with.
    pub previous: Option<Shared<Report>>,
}

impl SimulationState {
    pub fn is_running(&self) -> bool {
        self.status == Status::Running
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum SimulationAction {
    Started {
        total: u32,
        /// The journey's name.
        journey: Rc<str>,
    },
    /// Batches came back: `done` trials so far.
    Progress {
        done: u32,
    },
    /// A summary of the run: while it runs, or the last one of a run that
    /// was just cancelled.
    Report {
        report: Shared<Report>,
        distributions: Shared<Distributions>,
    },
    /// Every trial is in and `Report` has summarised them all.
    Finished,
    Cancelled,
    Failed(Rc<str>),
}

impl Reducible for SimulationState {
    type Action = SimulationAction;

    fn reduce(self: Rc<Self>, action: SimulationAction) -> Rc<Self> {
        let running = self.is_running();
        match action {
            // The last run's results stay on show (marked busy) until the
            // new run's first report replaces them, so re-running after an
            // edit does not blank the page.
            // Only a finished run becomes the one to compare with: a
            // cancelled or failed run covers some trials, not the run.
            SimulationAction::Started { total, journey } => Rc::new(SimulationState {
                status: Status::Running,
                done: 0,
                total,
                previous: if journey != self.journey {
                    None
                } else if self.status == Status::Finished {
                    self.report.clone()
                } else {
                    self.previous.clone()
                },
                journey,
                ..(*self).clone()
            }),
            SimulationAction::Progress { done } if running => Rc::new(SimulationState {
                done,
                ..(*self).clone()
            }),
            SimulationAction::Report {
                report,
                distributions,
            } if running || self.status == Status::Cancelled => Rc::new(SimulationState {
                report: Some(report),
                distributions: Some(distributions),
                ..(*self).clone()
            }),
            SimulationAction::Finished if running => Rc::new(SimulationState {
                status: Status::Finished,
                ..(*self).clone()
            }),
            SimulationAction::Cancelled if running => Rc::new(SimulationState {
                status: Status::Cancelled,
                ..(*self).clone()
            }),
            SimulationAction::Failed(message) => Rc::new(SimulationState {
                status: Status::Failed(message),
                ..(*self).clone()
            }),
            // Progress, results, finish or cancel of a run that is over.
            SimulationAction::Progress { .. }
            | SimulationAction::Report { .. }
            | SimulationAction::Finished
            | SimulationAction::Cancelled => self,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::DEFAULT_SCENARIO;
    use journey_core::{Journey, run_trials};

    fn report() -> Shared<Report> {
        let journey = Journey::from_json(DEFAULT_SCENARIO).expect("default scenario is valid");
        Shared::new(run_trials(&journey, 1, 0..2).report(&journey, 1))
    }

    fn reduce(state: SimulationState, action: SimulationAction) -> Rc<SimulationState> {
        Rc::new(state).reduce(action)
    }

    fn started(total: u32) -> SimulationAction {
        SimulationAction::Started {
            total,
            journey: "Subscription retailer".into(),
        }
    }

    fn report_action(report: &Shared<Report>) -> SimulationAction {
        SimulationAction::Report {
            report: report.clone(),
            distributions: Shared::default(),
        }
    }

    #[test]
    fn a_run_goes_from_started_through_progress_to_finished() {
        let state = reduce(SimulationState::default(), started(4));
        assert_eq!(
            (state.status.clone(), state.done, state.total),
            (Status::Running, 0, 4)
        );
        let state = state.reduce(SimulationAction::Progress { done: 2 });
        assert_eq!((state.done, state.report.clone()), (2, None));
        let report = report();
        let state = state.reduce(report_action(&report));
        assert_eq!(state.report.as_ref(), Some(&report));
        let state = state.reduce(SimulationAction::Finished);
        assert_eq!(state.status, Status::Finished);
        assert_eq!(state.report.as_ref(), Some(&report));
    }

    #[test]
    fn starting_keeps_the_previous_report_until_the_new_one() {
        let (report, distributions) = (report(), Shared::<Distributions>::default());
        let finished = SimulationState {
            status: Status::Finished,
            done: 2,
            total: 2,
            report: Some(report.clone()),
            distributions: Some(distributions.clone()),
            journey: "Subscription retailer".into(),
            previous: None,
        };
        let state = reduce(finished, started(9));
        assert_eq!(state.report, Some(report), "shown, busy, until replaced");
        assert_eq!(state.distributions, Some(distributions));
        assert_eq!(
            (state.status.clone(), state.done, state.total),
            (Status::Running, 0, 9)
        );
    }

    #[test]
    fn the_last_finished_run_is_kept_to_compare_with() {
        let (first, second, third) = (report(), report(), report());
        let run = |state: Rc<SimulationState>, report: &Shared<Report>| {
            state.reduce(started(2)).reduce(report_action(report))
        };
        let state = run(Rc::new(SimulationState::default()), &first);
        assert_eq!(state.previous, None, "nothing ran before");
        let state = state.reduce(SimulationAction::Finished);
        let state = run(state, &second);
        assert_eq!(state.previous.as_ref(), Some(&first));
        // The second run is cancelled: it is not a run to compare with, so
        // the third is still compared with the first.
        let state = state.reduce(SimulationAction::Cancelled);
        let state = run(state, &third);
        assert_eq!(state.previous.as_ref(), Some(&first));
        let state = state.reduce(SimulationAction::Finished);
        let state = run(state, &first);
        assert_eq!(state.previous.as_ref(), Some(&third));
        // A run started while one runs (an edit during a re-run) keeps it.
        let state = state.reduce(started(2));
        assert_eq!(state.previous.as_ref(), Some(&third));
        // Another journey has nothing to compare with, even once finished.
        let other = || SimulationAction::Started {
            total: 2,
            journey: "Another journey".into(),
        };
        let state = state.reduce(other()).reduce(report_action(&second));
        assert_eq!(state.previous, None);
        let state = state.reduce(SimulationAction::Finished).reduce(other());
        assert_eq!(state.previous.as_ref(), Some(&second));
    }

    #[test]
    fn cancel_keeps_the_results_so_far_and_takes_the_last_report() {
        let running = SimulationState {
            status: Status::Running,
            done: 2,
            total: 10,
            report: Some(report()),
            distributions: None,
            journey: "Subscription retailer".into(),
            previous: None,
        };
        let state = reduce(running.clone(), SimulationAction::Cancelled);
        assert_eq!(state.status, Status::Cancelled);
        assert_eq!(state.report, running.report);
        let last = report();
        let state = state.reduce(report_action(&last));
        assert_eq!(state.status, Status::Cancelled);
        assert_eq!(state.report.as_ref(), Some(&last));
    }

    #[test]
    fn actions_for_a_run_that_is_over_change_nothing() {
        let idle = Rc::new(SimulationState::default());
        let finished = Rc::new(SimulationState {
            status: Status::Finished,
            ..SimulationState::default()
        });
        for state in [idle, finished] {
            for action in [
                SimulationAction::Finished,
                SimulationAction::Cancelled,
                SimulationAction::Progress { done: 1 },
                report_action(&report()),
            ] {
                let next = state.clone().reduce(action);
                assert!(Rc::ptr_eq(&state, &next));
            }
        }
    }

    #[test]
    fn failure_is_shown_with_its_message() {
        let state = reduce(
            SimulationState::default(),
            SimulationAction::Failed("bad".into()),
        );
        assert_eq!(state.status, Status::Failed("bad".into()));
        assert!(!state.is_running());
    }
}

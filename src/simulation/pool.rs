//! The trial workers and the run they are working on: hands out batches,
//! merges what comes back and reports to the page after every batch.

use std::cell::RefCell;
use std::ops::Range;
use std::rc::{Rc, Weak};

use gloo_worker::{Spawnable, WorkerBridge};
use journey_core::{Journey, Partial};
use yew::UseReducerDispatcher;

use super::batches::{BATCH_TRIALS, Batches};
use super::state::{SimulationAction, SimulationState};
use crate::protocol::{BatchOutcome, BatchRequest, BatchResponse};
use crate::trial_worker::TrialWorker;

/// The worker script Trunk emits next to `index.html`.
const WORKER_SCRIPT: &str = "worker.js";

/// Never more workers than this, whatever the machine.
const MAX_WORKERS: u32 = 4;

/// One worker per logical core, from 1 to [`MAX_WORKERS`].
pub fn pool_size() -> u32 {
    let cores = web_sys::window().map_or(1.0, |w| w.navigator().hardware_concurrency());
    if cores.is_finite() && cores >= 1.0 {
        (cores as u32).min(MAX_WORKERS)
    } else {
        1
    }
}

/// What to run: the scenario's JSON text, the number of trials and the seed.
#[derive(Clone, Debug, PartialEq)]
pub struct RunRequest {
    pub scenario: Rc<str>,
    pub trials: u32,
    pub seed: u64,
}

pub struct Pool {
    workers: Vec<WorkerBridge<TrialWorker>>,
    runs_started: u64,
    active: Option<ActiveRun>,
    dispatch: UseReducerDispatcher<SimulationState>,
}

struct ActiveRun {
    id: u64,
    scenario: Rc<str>,
    journey: Journey,
    seed: u64,
    batches: Batches,
    partial: Partial,
}

impl ActiveRun {
    fn request(&self, trials: Range<u32>) -> BatchRequest {
        BatchRequest {
            run: self.id,
            scenario: self.scenario.to_string(),
            seed: self.seed,
            first: trials.start,
            count: trials.end - trials.start,
        }
    }
}

impl Pool {
    /// Starts `size` workers; their replies come back to this pool for as
    /// long as it lives, and dropping it ends them.
    pub fn spawn(size: u32, dispatch: UseReducerDispatcher<SimulationState>) -> Rc<RefCell<Pool>> {
        Rc::new_cyclic(|pool: &Weak<RefCell<Pool>>| {
            let workers = (0..size as usize)
                .map(|index| {
                    let pool = pool.clone();
                    TrialWorker::spawner()
                        .callback(move |response| {
                            if let Some(pool) = pool.upgrade() {
                                pool.borrow_mut().receive(index, response);
                            }
                        })
                        .spawn(WORKER_SCRIPT)
                })
                .collect();
            RefCell::new(Pool {
                workers,
                runs_started: 0,
                active: None,
                dispatch,
            })
        })
    }

    /// Starts a run, abandoning any run still going.
    pub fn run(&mut self, request: RunRequest) {
        let journey = match Journey::from_json(&request.scenario) {
            Ok(journey) => journey,
            Err(problems) => {
                self.active = None;
                self.dispatch.dispatch(SimulationAction::Failed(
                    format!("The scenario is not valid: {problems}").into(),
                ));
                return;
            }
        };
        self.runs_started += 1;
        let mut run = ActiveRun {
            id: self.runs_started,
            scenario: request.scenario,
            journey,
            seed: request.seed,
            batches: Batches::new(request.trials, BATCH_TRIALS),
            partial: Partial::default(),
        };
        self.dispatch.dispatch(SimulationAction::Started {
            total: request.trials,
        });
        for worker in &self.workers {
            match run.batches.next_batch() {
                Some(trials) => worker.send(run.request(trials)),
                None => break,
            }
        }
        if run.batches.is_finished() {
            self.dispatch.dispatch(SimulationAction::Finished);
        } else {
            self.active = Some(run);
        }
    }

    /// Stops handing out batches and ends the run with the trials done so
    /// far; batches still in flight are ignored when they come back.
    pub fn cancel(&mut self) {
        if let Some(mut run) = self.active.take() {
            run.batches.cancel();
            self.dispatch.dispatch(SimulationAction::Cancelled);
        }
    }

    fn receive(&mut self, worker: usize, response: BatchResponse) {
        let Some(run) = self.active.as_mut().filter(|run| run.id == response.run) else {
            return; // a batch of a run that has ended
        };
        run.batches.complete();
        match response.outcome {
            BatchOutcome::Partial(partial) => {
                run.partial.merge(partial);
                let report = run.partial.report(&run.journey, run.seed);
                self.dispatch.dispatch(SimulationAction::Progress {
                    done: run.partial.trials(),
                    report: Rc::new(report),
                    partial: Rc::new(run.partial.clone()),
                });
                if let Some(trials) = run.batches.next_batch() {
                    self.workers[worker].send(run.request(trials));
                }
                if run.batches.is_finished() {
                    self.active = None;
                    self.dispatch.dispatch(SimulationAction::Finished);
                }
            }
            BatchOutcome::Failed(message) => {
                self.active = None;
                self.dispatch
                    .dispatch(SimulationAction::Failed(message.into()));
            }
        }
    }
}

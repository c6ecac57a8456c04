//! The trial workers, the collector and the run they are working on: hands
//! out batches, forwards what comes back to the collector and asks it for a
//! report now and then, so that the page itself only moves batches along.

use std::cell::RefCell;
use std::ops::Range;
use std::rc::{Rc, Weak};

use gloo_events::EventListener;
use gloo_worker::WorkerBridge;
use journey_core::{Journey, Report};
use yew::UseReducerDispatcher;

use super::batches::{BATCH_TRIALS, Batches};
use super::distributions::Distributions;
use super::pacing::Pacing;
use super::state::{SimulationAction, SimulationState};
use crate::format::grouped;
use crate::protocol::{BatchOutcome, BatchRequest, BatchResponse, WorkerRequest, WorkerResponse};
use crate::shared::Shared;
use crate::trial_worker::TrialWorker;
use crate::worker_failure::on_worker_failure;
use crate::worker_start;

/// The shortest time between two progress updates, in milliseconds: every
/// update renders the page again.
const PROGRESS_INTERVAL_MS: f64 = 200.0;

/// Never more trial workers than this, whatever the machine.
pub const MAX_WORKERS: u32 = 4;

/// One trial worker per logical core, from 1 to [`MAX_WORKERS`]; the page's
/// address can choose another number in that range with `?workers=N`, for
/// benchmarks and tests.
pub fn pool_size() -> u32 {
    let Some(window) = web_sys::window() else {
        return 1;
    };
    if let Some(n) = window
        .location()
        .search()
        .ok()
        .and_then(|search| workers_in_query(&search))
    {
        return n;
    }
    let cores = window.navigator().hardware_concurrency();
    if cores.is_finite() && cores >= 1.0 {
        (cores as u32).min(MAX_WORKERS)
    } else {
        1
    }
}

/// The `workers` parameter of a query string (`?a=1&workers=2`), when it is
/// a whole number from 1 to [`MAX_WORKERS`].
pub fn workers_in_query(search: &str) -> Option<u32> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.strip_prefix("workers="))
        .next_back()
        .and_then(|n| n.parse::<u32>().ok())
        .filter(|n| (1..=MAX_WORKERS).contains(n))
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
    /// Keeps the run's merged trials and summarises them on request.
    collector: WorkerBridge<TrialWorker>,
    /// This pool, for the replies of workers started later.
    this: Weak<RefCell<Pool>>,
    /// Hears of a worker that has stopped on an error.
    _failures: Option<EventListener>,
    /// Set when a worker has stopped: the next run starts new ones.
    needs_fresh_workers: bool,
    runs_started: u64,
    active: Option<ActiveRun>,
    dispatch: UseReducerDispatcher<SimulationState>,
}

struct ActiveRun {
    id: u64,
    total: u32,
    scenario: Rc<str>,
    seed: u64,
    batches: Batches,
    /// Trials back from the workers and passed on to the collector.
    done: u32,
    pacing: Pacing,
    /// When the page last heard how many trials are done.
    progress_at: f64,
    /// The last report was asked for; it covers this many trials.
    closing: Option<u32>,
}

impl ActiveRun {
    fn request(&self, trials: Range<u32>) -> WorkerRequest {
        WorkerRequest::Trials(BatchRequest {
            run: self.id,
            scenario: self.scenario.to_string(),
            seed: self.seed,
            first: trials.start,
            count: trials.end - trials.start,
        })
    }
}

fn now() -> f64 {
    js_sys::Date::now()
}

impl Pool {
    /// Starts `size` trial workers and the collector; their replies come
    /// back to this pool for as long as it lives, and dropping it ends them.
    pub fn spawn(size: u32, dispatch: UseReducerDispatcher<SimulationState>) -> Rc<RefCell<Pool>> {
        Rc::new_cyclic(|pool: &Weak<RefCell<Pool>>| {
            let failures = {
                let pool = pool.clone();
                on_worker_failure(move || {
                    if let Some(pool) = pool.upgrade() {
                        pool.borrow_mut().worker_failed();
                    }
                })
            };
            let (workers, collector) = start_workers(pool, size as usize);
            RefCell::new(Pool {
                workers,
                collector,
                this: pool.clone(),
                _failures: failures,
                needs_fresh_workers: false,
                runs_started: 0,
                active: None,
                dispatch,
            })
        })
    }

    /// A worker stopped on an error: it may be any of this pool's, so a run
    /// in progress ends, since its trials or its collector may be gone, and
    /// the next run starts on fresh workers. Not at once: workers that fail
    /// as they start (their module could not be loaded) would fail again,
    /// and again.
    fn worker_failed(&mut self) {
        self.needs_fresh_workers = true;
        if let Some(run) = self.active.take() {
            self.dispatch.dispatch(SimulationAction::Failed(
                worker_failure_message(run.done, run.total).into(),
            ));
        }
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
        if std::mem::take(&mut self.needs_fresh_workers) {
            (self.workers, self.collector) = start_workers(&self.this, self.workers.len());
        }
        self.runs_started += 1;
        let mut run = ActiveRun {
            id: self.runs_started,
            total: request.trials,
            scenario: request.scenario,
            seed: request.seed,
            batches: Batches::new(request.trials, BATCH_TRIALS),
            done: 0,
            pacing: Pacing::new(),
            progress_at: f64::NEG_INFINITY,
            closing: None,
        };
        self.collector.send(WorkerRequest::Collect {
            run: run.id,
            scenario: run.scenario.to_string(),
            seed: run.seed,
        });
        self.dispatch.dispatch(SimulationAction::Started {
            total: request.trials,
            journey: journey.scenario().name.as_str().into(),
        });
        for worker in &self.workers {
            match run.batches.next_batch() {
                Some(trials) => worker.send(run.request(trials)),
                None => break,
            }
        }
        if run.batches.is_finished() {
            self.active = None;
            self.dispatch.dispatch(SimulationAction::Finished);
        } else {
            self.active = Some(run);
        }
    }

    /// Stops handing out batches and ends the run at once; the report of the
    /// trials back by now follows, and batches still in flight are ignored.
    pub fn cancel(&mut self) {
        let Some(run) = self
            .active
            .as_mut()
            .filter(|run| !run.batches.is_cancelled())
        else {
            return;
        };
        run.batches.cancel();
        self.dispatch
            .dispatch(SimulationAction::Progress { done: run.done });
        self.dispatch.dispatch(SimulationAction::Cancelled);
        if run.done == 0 {
            self.active = None;
        } else {
            self.close();
        }
    }

    /// Asks for the report of every trial merged so far, as the run's last.
    fn close(&mut self) {
        if let Some(run) = self.active.as_mut() {
            run.closing = Some(run.done);
            self.collector.send(WorkerRequest::Report { run: run.id });
        }
    }

    /// A reply from trial worker `worker`, or from the collector (`None`).
    fn receive(&mut self, worker: Option<usize>, response: WorkerResponse) {
        match (worker, response) {
            (Some(worker), WorkerResponse::Batch(batch)) => self.receive_batch(worker, batch),
            (
                None,
                WorkerResponse::Report {
                    run,
                    report,
                    distributions,
                },
            ) => self.receive_report(run, report.into(), distributions),
            (_, WorkerResponse::Failed { run, message }) => self.fail(run, message),
            _ => {}
        }
    }

    fn receive_batch(&mut self, worker: usize, response: BatchResponse) {
        let Some(run) = self.active.as_mut().filter(|run| run.id == response.run) else {
            return; // a batch of a run that has ended
        };
        run.batches.complete();
        if run.batches.is_cancelled() {
            return;
        }
        let partial = match response.outcome {
            BatchOutcome::Partial(partial) => partial,
            BatchOutcome::Failed(message) => return self.fail(response.run, message),
        };
        if let Some(trials) = run.batches.next_batch() {
            self.workers[worker].send(run.request(trials));
        }
        self.collector.send(WorkerRequest::Merge {
            run: run.id,
            partial,
        });
        run.done = run.done.saturating_add(response.count);
        let now = now();
        if run.batches.is_finished() || now - run.progress_at >= PROGRESS_INTERVAL_MS {
            run.progress_at = now;
            self.dispatch
                .dispatch(SimulationAction::Progress { done: run.done });
        }
        if run.batches.is_finished() {
            self.close();
        } else if run.pacing.due(now) {
            run.pacing.asked(now);
            self.collector.send(WorkerRequest::Report { run: run.id });
        }
    }

    fn receive_report(&mut self, id: u64, report: Report, distributions: Distributions) {
        let Some(run) = self.active.as_mut().filter(|run| run.id == id) else {
            return; // the report of a run that has ended
        };
        run.pacing.answered(now());
        let (report, distributions) = (Shared::new(report), Shared::new(distributions));
        if run.closing == Some(report.trials) {
            let cancelled = run.batches.is_cancelled();
            self.active = None;
            self.dispatch.dispatch(SimulationAction::Report {
                report,
                distributions,
            });
            if !cancelled {
                self.dispatch.dispatch(SimulationAction::Finished);
            }
        } else if !run.batches.is_cancelled() {
            self.dispatch.dispatch(SimulationAction::Report {
                report,
                distributions,
            });
        }
    }

    fn fail(&mut self, id: u64, message: String) {
        if self.active.as_ref().is_some_and(|run| run.id == id) {
            self.active = None;
            self.dispatch
                .dispatch(SimulationAction::Failed(message.into()));
        }
    }
}

/// `size` trial workers and a collector, whose replies go to `pool`.
fn start_workers(
    pool: &Weak<RefCell<Pool>>,
    size: usize,
) -> (Vec<WorkerBridge<TrialWorker>>, WorkerBridge<TrialWorker>) {
    let workers = (0..size).map(|i| bridge(pool, Some(i))).collect();
    (workers, bridge(pool, None))
}

/// A trial worker, or the collector (`index` `None`), whose replies go to
/// `pool`.
fn bridge(pool: &Weak<RefCell<Pool>>, index: Option<usize>) -> WorkerBridge<TrialWorker> {
    let pool = pool.clone();
    worker_start::start(move |response| {
        if let Some(pool) = pool.upgrade() {
            pool.borrow_mut().receive(index, response);
        }
    })
}

/// Why a run ended when a worker stopped with `done` of `total` trials
/// back. Once trials have come back, running out of memory is the likely
/// cause, since the collector keeps every trial's results; before, the
/// workers may not have started at all. The browser's console has the
/// error itself.
pub fn worker_failure_message(done: u32, total: u32) -> String {
    if done == 0 {
        return "a simulation worker failed before the first trials came back. Your journey is \
                unchanged: run it again, or reload the page if this happens again."
            .to_string();
    }
    format!(
        "a simulation worker failed after {} of {} trials, most likely because the browser \
         ran out of memory. Your journey is unchanged: run fewer trials or compare fewer options.",
        grouped(u64::from(done)),
        grouped(u64::from(total))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_worker_is_explained_in_words() {
        let message = worker_failure_message(112_000, 1_000_000);
        assert!(
            message.starts_with("a simulation worker failed after 112,000 of 1,000,000 trials,"),
            "{message}"
        );
        assert!(message.contains("fewer trials"), "{message}");
        let message = worker_failure_message(0, 10_000);
        assert!(
            message.starts_with("a simulation worker failed before the first trials came back."),
            "{message}"
        );
        assert!(!message.contains("memory"), "{message}");
    }

    #[test]
    fn the_address_can_choose_the_number_of_workers() {
        assert_eq!(workers_in_query("?workers=2"), Some(2));
        assert_eq!(workers_in_query("?a=b&workers=1"), Some(1));
        assert_eq!(workers_in_query("workers=4"), Some(4));
        assert_eq!(workers_in_query("?workers=1&workers=3"), Some(3));
    }

    #[test]
    fn other_worker_counts_are_ignored() {
        for search in [
            "",
            "?",
            "?workers=0",
            "?workers=5",
            "?workers=-1",
            "?workers=two",
            "?workers=",
            "?maxworkers=2",
        ] {
            assert_eq!(workers_in_query(search), None, "{search}");
        }
    }
}

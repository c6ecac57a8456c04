//! The web worker that runs batches of trials and, in the collector, merges
//! and summarises them (registered by `src/main.rs` in a worker).

use gloo_worker::{HandlerId, Worker, WorkerScope};
use journey_core::{Journey, Partial, run_trials};

use crate::decision_work::analyse_with_progress;
use crate::protocol::{
    BatchOutcome, BatchRequest, BatchResponse, EncodedPartial, WorkerRequest, WorkerResponse,
};
use crate::simulation::Distributions;

/// The shortest time between two progress messages of an analysis, in
/// milliseconds: a question answered sooner sends none.
const PROGRESS_EVERY_MS: f64 = 500.0;

/// Answers every request with at most one response. A batch runs to the
/// end once started; the page cancels by handing out no more batches.
#[derive(Default)]
pub struct TrialWorker {
    collector: Option<Collector>,
}

impl Worker for TrialWorker {
    type Message = ();
    type Input = WorkerRequest;
    type Output = WorkerResponse;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        TrialWorker::default()
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _message: ()) {}

    fn received(&mut self, scope: &WorkerScope<Self>, request: WorkerRequest, id: HandlerId) {
        // A long analysis says how far it is now and then.
        let mut last = js_sys::Date::now();
        let progress = |update: WorkerResponse| {
            let now = js_sys::Date::now();
            if now - last >= PROGRESS_EVERY_MS {
                last = now;
                scope.respond(id, update);
            }
        };
        if let Some(response) = self.answer_with_progress(request, progress) {
            scope.respond(id, response);
        }
    }
}

impl TrialWorker {
    /// What to reply to `request`, if anything.
    pub fn answer(&mut self, request: WorkerRequest) -> Option<WorkerResponse> {
        self.answer_with_progress(request, |_| {})
    }

    /// [`TrialWorker::answer`], handing `progress` a
    /// [`WorkerResponse::DecisionProgress`] before each step of a decision
    /// question.
    pub fn answer_with_progress(
        &mut self,
        request: WorkerRequest,
        mut progress: impl FnMut(WorkerResponse),
    ) -> Option<WorkerResponse> {
        match request {
            WorkerRequest::Trials(batch) => Some(WorkerResponse::Batch(run_batch(&batch))),
            WorkerRequest::Decision(request) => {
                let id = request.id;
                Some(WorkerResponse::Decision(analyse_with_progress(
                    request,
                    |share| progress(WorkerResponse::DecisionProgress { id, share }),
                )))
            }
            WorkerRequest::Collect {
                run,
                scenario,
                seed,
            } => match Journey::from_json(&scenario) {
                Ok(journey) => {
                    self.collector = Some(Collector {
                        run,
                        journey,
                        seed,
                        partial: Partial::default(),
                    });
                    None
                }
                Err(problems) => {
                    self.collector = None;
                    Some(WorkerResponse::Failed {
                        run,
                        message: format!("The scenario is not valid: {problems}"),
                    })
                }
            },
            WorkerRequest::Merge { run, partial } => {
                let collector = self.collector.as_mut().filter(|c| c.run == run)?;
                match partial.decode() {
                    Ok(partial) => {
                        collector.partial.merge(partial);
                        None
                    }
                    Err(message) => {
                        self.collector = None;
                        Some(WorkerResponse::Failed { run, message })
                    }
                }
            }
            WorkerRequest::Report { run } => Some(match &self.collector {
                Some(collector) if collector.run == run => {
                    let report = collector.partial.report(&collector.journey, collector.seed);
                    let distributions = Distributions::of(&collector.partial, report.results.len());
                    WorkerResponse::Report {
                        run,
                        report: report.into(),
                        distributions,
                    }
                }
                _ => WorkerResponse::Failed {
                    run,
                    message: "The results of this run were lost; please run it again.".into(),
                },
            }),
        }
    }
}

/// The run the collector is merging.
struct Collector {
    run: u64,
    journey: Journey,
    seed: u64,
    partial: Partial,
}

/// Validates the scenario and runs the batch's trials.
pub fn run_batch(request: &BatchRequest) -> BatchResponse {
    let outcome = match batch_partial(request).and_then(|p| EncodedPartial::encode(&p)) {
        Ok(partial) => BatchOutcome::Partial(partial),
        Err(message) => BatchOutcome::Failed(message),
    };
    BatchResponse {
        run: request.run,
        first: request.first,
        count: request.count,
        outcome,
    }
}

fn batch_partial(request: &BatchRequest) -> Result<Partial, String> {
    let journey = Journey::from_json(&request.scenario)
        .map_err(|problems| format!("The scenario is not valid: {problems}"))?;
    let end = request.first.checked_add(request.count).ok_or_else(|| {
        format!(
            "Trials {}+{} are out of range",
            request.first, request.count
        )
    })?;
    Ok(run_trials(&journey, request.seed, request.first..end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::DEFAULT_SCENARIO;

    fn request(scenario: &str, first: u32, count: u32) -> BatchRequest {
        BatchRequest {
            run: 7,
            scenario: scenario.to_string(),
            seed: 42,
            first,
            count,
        }
    }

    fn encoded(response: BatchResponse) -> EncodedPartial {
        match response.outcome {
            BatchOutcome::Partial(partial) => partial,
            BatchOutcome::Failed(message) => panic!("batch failed: {message}"),
        }
    }

    fn partial_of(response: BatchResponse) -> Partial {
        match response.outcome {
            BatchOutcome::Partial(partial) => partial.decode().expect("a batch decodes"),
            BatchOutcome::Failed(message) => panic!("batch failed: {message}"),
        }
    }

    #[test]
    fn a_batch_returns_its_trials() {
        let response = run_batch(&request(DEFAULT_SCENARIO, 10, 3));
        assert_eq!((response.run, response.first, response.count), (7, 10, 3));
        assert_eq!(partial_of(response).trials(), 3);
    }

    #[test]
    fn batches_merge_to_the_same_numbers_as_one_run() {
        let journey = Journey::from_json(DEFAULT_SCENARIO).expect("default scenario is valid");
        let mut merged = Partial::default();
        for first in [4, 0, 2] {
            merged.merge(partial_of(run_batch(&request(DEFAULT_SCENARIO, first, 2))));
        }
        let whole = run_trials(&journey, 42, 0..6);
        assert_eq!(merged.report(&journey, 42), whole.report(&journey, 42));
    }

    #[test]
    fn the_collector_reports_what_was_merged_whatever_the_order() {
        let journey = Journey::from_json(DEFAULT_SCENARIO).expect("default scenario is valid");
        let mut worker = TrialWorker::default();
        let collect = WorkerRequest::Collect {
            run: 3,
            scenario: DEFAULT_SCENARIO.to_string(),
            seed: 42,
        };
        assert_eq!(worker.answer(collect), None);
        for first in [6, 0, 3] {
            let partial = encoded(run_batch(&request(DEFAULT_SCENARIO, first, 3)));
            assert_eq!(
                worker.answer(WorkerRequest::Merge { run: 3, partial }),
                None
            );
        }
        // A batch of another run is not counted.
        let stray = encoded(run_batch(&request(DEFAULT_SCENARIO, 9, 3)));
        worker.answer(WorkerRequest::Merge {
            run: 2,
            partial: stray,
        });
        let whole = run_trials(&journey, 42, 0..9);
        let report = whole.report(&journey, 42);
        let distributions = Distributions::of(&whole, report.results.len());
        assert_eq!(
            worker.answer(WorkerRequest::Report { run: 3 }),
            Some(WorkerResponse::Report {
                run: 3,
                report: report.into(),
                distributions
            })
        );
    }

    #[test]
    fn the_collector_fails_in_words_for_an_unknown_run_or_bad_scenario() {
        let mut worker = TrialWorker::default();
        assert!(matches!(
            worker.answer(WorkerRequest::Report { run: 1 }),
            Some(WorkerResponse::Failed { run: 1, .. })
        ));
        let collect = WorkerRequest::Collect {
            run: 2,
            scenario: "{\"schema\": 1}".into(),
            seed: 1,
        };
        match worker.answer(collect) {
            Some(WorkerResponse::Failed { run: 2, message }) => {
                assert!(message.starts_with("The scenario is not valid"))
            }
            other => panic!("unexpected answer {other:?}"),
        }
    }

    #[test]
    fn the_collector_fails_in_words_for_a_damaged_batch() {
        let mut worker = TrialWorker::default();
        let collect = WorkerRequest::Collect {
            run: 4,
            scenario: DEFAULT_SCENARIO.to_string(),
            seed: 1,
        };
        assert_eq!(worker.answer(collect), None);
        let mut wire = bincode::serialize(&encoded(run_batch(&request(DEFAULT_SCENARIO, 0, 2))))
            .expect("serializes");
        wire.truncate(wire.len() / 2);
        let length = (wire.len() - 8) as u64;
        wire[..8].copy_from_slice(&length.to_le_bytes());
        let partial: EncodedPartial = bincode::deserialize(&wire).expect("still bytes");
        match worker.answer(WorkerRequest::Merge { run: 4, partial }) {
            Some(WorkerResponse::Failed { run: 4, message }) => {
                assert!(message.starts_with("The results of a batch could not be read"))
            }
            other => panic!("unexpected answer {other:?}"),
        }
    }

    #[test]
    fn an_invalid_scenario_fails_in_words() {
        match run_batch(&request("{\"schema\": 1}", 0, 1)).outcome {
            BatchOutcome::Failed(message) => {
                assert!(message.starts_with("The scenario is not valid"))
            }
            BatchOutcome::Partial(_) => panic!("an invalid scenario ran"),
        }
    }

    #[test]
    fn trial_ranges_cannot_overflow() {
        let response = run_batch(&request(DEFAULT_SCENARIO, u32::MAX, 2));
        assert!(matches!(response.outcome, BatchOutcome::Failed(_)));
    }
}

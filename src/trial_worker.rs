//! The web worker that runs batches of trials (registered by `src/bin/worker.rs`).

use gloo_worker::{HandlerId, Worker, WorkerScope};
use journey_core::{Journey, run_trials};

use crate::protocol::{BatchOutcome, BatchRequest, BatchResponse};

/// Answers every [`BatchRequest`] with one [`BatchResponse`]. A batch runs to
/// the end once started; the page cancels by handing out no more batches.
pub struct TrialWorker;

impl Worker for TrialWorker {
    type Message = ();
    type Input = BatchRequest;
    type Output = BatchResponse;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        TrialWorker
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _message: ()) {}

    fn received(&mut self, scope: &WorkerScope<Self>, request: BatchRequest, id: HandlerId) {
        scope.respond(id, run_batch(&request));
    }
}

/// Validates the scenario and runs the batch's trials.
pub fn run_batch(request: &BatchRequest) -> BatchResponse {
    let outcome = match batch_partial(request) {
        Ok(partial) => BatchOutcome::Partial(partial),
        Err(message) => BatchOutcome::Failed(message),
    };
    BatchResponse {
        run: request.run,
        first: request.first,
        outcome,
    }
}

fn batch_partial(request: &BatchRequest) -> Result<journey_core::Partial, String> {
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

    #[test]
    fn a_batch_returns_its_trials() {
        let response = run_batch(&request(DEFAULT_SCENARIO, 10, 3));
        assert_eq!((response.run, response.first), (7, 10));
        match response.outcome {
            BatchOutcome::Partial(partial) => assert_eq!(partial.trials(), 3),
            BatchOutcome::Failed(message) => panic!("batch failed: {message}"),
        }
    }

    #[test]
    fn batches_merge_to_the_same_numbers_as_one_run() {
        let journey = Journey::from_json(DEFAULT_SCENARIO).expect("default scenario is valid");
        let mut merged = journey_core::Partial::default();
        for first in [4, 0, 2] {
            match run_batch(&request(DEFAULT_SCENARIO, first, 2)).outcome {
                BatchOutcome::Partial(partial) => merged.merge(partial),
                BatchOutcome::Failed(message) => panic!("batch failed: {message}"),
            }
        }
        let whole = run_trials(&journey, 42, 0..6);
        assert_eq!(merged.report(&journey, 42), whole.report(&journey, 42));
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

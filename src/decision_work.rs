//! The decision tools' computations: the tornado and value of information,
//! and the budget optimizer, both in the engine's exact `expected` mode. A
//! pure function of its request, so the page can run it in a worker and
//! tests can run it natively.
//!
//! Requests carry the scenario as JSON text, as trial batches do, and the
//! optimizer's scenario entry comes back as JSON text too: gloo-worker's
//! bincode codec cannot read the engine's `Uncertain` values, which only
//! deserialize from self-describing formats.

use journey_core::optimize::{Optimum, Options, optimize};
use journey_core::sensitivity::{Measure, Sensitivity, sensitivity_with_progress};
use journey_core::{InvestmentScenario, Journey, Scenario};
use serde::{Deserialize, Serialize};

/// One question for the decision tools.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DecisionRequest {
    /// Chosen by the page; the answer carries it back, so that answers to
    /// questions since replaced can be ignored.
    pub id: u64,
    /// The scenario JSON; it is validated here.
    pub scenario: String,
    pub task: DecisionTask,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum DecisionTask {
    /// Tornado of one outcome and the value of information of every
    /// uncertain input.
    Sensitivity(Measure),
    /// The best split of a monthly budget.
    Optimize(Options),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DecisionResponse {
    pub id: u64,
    pub answer: DecisionAnswer,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum DecisionAnswer {
    Sensitivity(Box<Sensitivity>),
    Optimum(Box<Optimised>),
    /// Why there is no answer, in words for the user.
    Failed(String),
}

/// The optimizer's answer. `optimum.scenario` is left without investments;
/// the full entry is `entry`, as JSON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Optimised {
    pub optimum: Optimum,
    /// The optimised allocation as a `scenarios[]` entry, in JSON.
    pub entry: String,
}

impl Optimised {
    /// `scenario` with the optimised allocation appended to its investment
    /// scenarios.
    pub fn append_to(&self, scenario: &Scenario) -> Result<Scenario, String> {
        let entry: InvestmentScenario = serde_json::from_str(&self.entry)
            .map_err(|e| format!("The optimised scenario could not be read: {e}"))?;
        let mut out = scenario.clone();
        out.scenarios.push(entry);
        Ok(out)
    }
}

/// Answers one request. Never panics: an invalid scenario or option is a
/// [`DecisionAnswer::Failed`] in words.
pub fn analyse(request: DecisionRequest) -> DecisionResponse {
    analyse_with_progress(request, |_| {})
}

/// [`analyse`], telling `progress` the share of a sensitivity analysis done
/// as it goes (an optimization says nothing until it is done).
pub fn analyse_with_progress(
    request: DecisionRequest,
    progress: impl FnMut(f64),
) -> DecisionResponse {
    DecisionResponse {
        id: request.id,
        answer: answer(&request.scenario, request.task, progress),
    }
}

fn answer(scenario: &str, task: DecisionTask, progress: impl FnMut(f64)) -> DecisionAnswer {
    let journey = match Journey::from_json(scenario) {
        Ok(journey) => journey,
        Err(problems) => {
            return DecisionAnswer::Failed(format!("The scenario is not valid: {problems}"));
        }
    };
    match task {
        DecisionTask::Sensitivity(measure) => {
            match sensitivity_with_progress(&journey, &measure, progress) {
                Ok(result) => DecisionAnswer::Sensitivity(Box::new(result)),
                Err(e) => DecisionAnswer::Failed(capitalised(&e.to_string())),
            }
        }
        DecisionTask::Optimize(options) => match optimize(&journey, &options) {
            Ok(mut optimum) => match serde_json::to_string(&optimum.scenario) {
                Ok(entry) => {
                    optimum.scenario.investments.clear();
                    DecisionAnswer::Optimum(Box::new(Optimised { optimum, entry }))
                }
                Err(e) => DecisionAnswer::Failed(format!(
                    "The optimised scenario could not be written: {e}"
                )),
            },
            Err(e) => DecisionAnswer::Failed(capitalised(&format!(
                "{}: {}",
                option_name(e.option()),
                e.detail()
            ))),
        },
    }
}

/// The optimizer option as the panel names it.
pub fn option_name(option: &str) -> &'static str {
    match option {
        "budget" => "Monthly budget",
        "steps" => "Steps",
        "places" => "Places",
        "half_friction_spend" => "Half-friction spend",
        "base" => "Kept scenario",
        "start_month" => "Start month",
        "ramp_months" => "Ramp-up months",
        _ => "Options",
    }
}

/// The engine's messages start in ASCII (a word or a quoted name), so
/// the worker needs no Unicode case tables for this.
fn capitalised(text: &str) -> String {
    let mut out = text.to_string();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use journey_core::sensitivity::sensitivity;

    const RETAIL_BANK: &str = include_str!("../examples/retail-bank.json");
    const B2B_SAAS: &str = include_str!("../examples/b2b-saas.json");

    fn request(scenario: &str, task: DecisionTask) -> DecisionRequest {
        DecisionRequest {
            id: 9,
            scenario: scenario.to_string(),
            task,
        }
    }

    fn first_scenario_name(text: &str) -> String {
        Scenario::from_json(text).unwrap().scenarios[0].name.clone()
    }

    #[test]
    fn sensitivity_matches_the_engine_and_is_sorted_by_swing() {
        let name = first_scenario_name(RETAIL_BANK);
        let measure = Measure::NpvUplift(name);
        let response = analyse(request(
            RETAIL_BANK,
            DecisionTask::Sensitivity(measure.clone()),
        ));
        assert_eq!(response.id, 9);
        let DecisionAnswer::Sensitivity(result) = response.answer else {
            panic!("no sensitivity: {:?}", response.answer);
        };
        let journey = Journey::from_json(RETAIL_BANK).unwrap();
        assert_eq!(*result, sensitivity(&journey, &measure).unwrap());
        assert!(result.tornado.windows(2).all(|w| w[0].swing >= w[1].swing));
        assert!(!result.evpi.is_empty());
    }

    #[test]
    fn an_unknown_scenario_fails_in_words() {
        let response = analyse(request(
            B2B_SAAS,
            DecisionTask::Sensitivity(Measure::NpvUplift("Nope".into())),
        ));
        let DecisionAnswer::Failed(message) = response.answer else {
            panic!("an unknown scenario was analysed");
        };
        assert!(
            message.starts_with("\"Nope\" is not a scenario"),
            "{message}"
        );
    }

    #[test]
    fn an_invalid_scenario_fails_in_words() {
        let response = analyse(request(
            "{\"schema\": 1}",
            DecisionTask::Sensitivity(Measure::Clv),
        ));
        let DecisionAnswer::Failed(message) = response.answer else {
            panic!("an invalid scenario was analysed");
        };
        assert!(
            message.starts_with("The scenario is not valid"),
            "{message}"
        );
    }

    #[test]
    fn the_optimised_entry_reproduces_the_uplift_once_appended() {
        let response = analyse(request(
            B2B_SAAS,
            DecisionTask::Optimize(Options::new(20_000.0)),
        ));
        let DecisionAnswer::Optimum(optimised) = response.answer else {
            panic!("no optimum: {:?}", response.answer);
        };
        let scenario = Scenario::from_json(B2B_SAAS).unwrap();
        let appended = optimised.append_to(&scenario).unwrap();
        assert_eq!(appended.scenarios.len(), scenario.scenarios.len() + 1);
        let entry = appended.scenarios.last().unwrap();
        assert!(entry.name.starts_with("Optimised"), "{}", entry.name);
        assert!(!entry.investments.is_empty());
        assert!(optimised.optimum.scenario.investments.is_empty());

        let journey = Journey::new(appended).unwrap();
        let report = journey_core::expected(&journey);
        let last = report.results.last().unwrap();
        let uplift = last.uplift.as_ref().expect("a scenario has an uplift");
        let want = optimised.optimum.uplift_npv;
        assert!(
            (uplift.uplift_npv - want).abs() <= 1e-6 * want.abs().max(1.0),
            "{} vs {want}",
            uplift.uplift_npv
        );
    }

    #[test]
    fn the_worker_answers_decision_questions() {
        use crate::protocol::{WorkerRequest, WorkerResponse};
        let question = request(B2B_SAAS, DecisionTask::Sensitivity(Measure::Clv));
        let mut shares = Vec::new();
        let answer = crate::trial_worker::TrialWorker::default().answer_with_progress(
            WorkerRequest::Decision(question.clone()),
            |update| match update {
                WorkerResponse::DecisionProgress { id, share } if id == question.id => {
                    shares.push(share)
                }
                other => panic!("not a progress of question {}: {other:?}", question.id),
            },
        );
        assert_eq!(answer, Some(WorkerResponse::Decision(analyse(question))));
        assert_eq!((shares.first(), shares.last()), (Some(&0.0), Some(&1.0)));
    }

    #[test]
    fn messages_start_with_a_capital() {
        assert_eq!(capitalised("monthly budget: 0"), "Monthly budget: 0");
        assert_eq!(
            capitalised("\"x\" is not a scenario"),
            "\"x\" is not a scenario"
        );
        assert_eq!(capitalised("élan"), "élan");
        assert_eq!(capitalised(""), "");
    }

    #[test]
    fn optimizer_errors_name_the_field() {
        let response = analyse(request(
            B2B_SAAS,
            DecisionTask::Optimize(Options::new(-5.0)),
        ));
        assert_eq!(
            response.answer,
            DecisionAnswer::Failed("Monthly budget: -5 is not a monthly amount above 0".into())
        );
        let mut options = Options::new(1000.0);
        options.places = vec!["nowhere".into()];
        let DecisionAnswer::Failed(message) =
            analyse(request(B2B_SAAS, DecisionTask::Optimize(options))).answer
        else {
            panic!("an unknown place was optimised");
        };
        assert!(message.starts_with("Places: \"nowhere\""), "{message}");
    }
}

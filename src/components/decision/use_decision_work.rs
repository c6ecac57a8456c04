//! The decision tools' questions and answers: each panel asks through this
//! hook, which works them out in a web worker of its own (the trial
//! workers' script, started on the first question) so that the page never
//! waits, keeps the latest answer and ignores answers to questions since
//! replaced.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_worker::WorkerBridge;
use yew::prelude::*;

use crate::decision_work::{DecisionAnswer, DecisionRequest, DecisionTask};
use crate::protocol::{WorkerRequest, WorkerResponse};
use crate::trial_worker::TrialWorker;
use crate::worker_start;

/// What a panel shows: the last answer (kept while a newer question is
/// being worked out) and whether one is.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Work {
    latest: u64,
    started_at: f64,
    pub busy: bool,
    pub answer: Option<Rc<DecisionAnswer>>,
    /// Milliseconds from asking to the answer, as the page saw it.
    pub took_ms: Option<f64>,
}

pub enum WorkAction {
    Start {
        id: u64,
        at: f64,
    },
    Finish {
        id: u64,
        at: f64,
        answer: DecisionAnswer,
    },
}

impl Reducible for Work {
    type Action = WorkAction;

    fn reduce(self: Rc<Self>, action: WorkAction) -> Rc<Self> {
        match action {
            WorkAction::Start { id, at } => Rc::new(Work {
                latest: id,
                started_at: at,
                busy: true,
                answer: self.answer.clone(),
                took_ms: self.took_ms,
            }),
            WorkAction::Finish { id, at, answer } if id == self.latest => Rc::new(Work {
                latest: id,
                started_at: self.started_at,
                busy: false,
                answer: Some(Rc::new(answer)),
                took_ms: Some(at - self.started_at),
            }),
            WorkAction::Finish { .. } => self,
        }
    }
}

fn now() -> f64 {
    js_sys::Date::now()
}

/// The panel's work and how to ask: `ask.emit((scenario_json, task))`.
#[hook]
pub fn use_decision_work() -> (UseReducerHandle<Work>, Callback<(String, DecisionTask)>) {
    let work = use_reducer(Work::default);
    let next_id = use_mut_ref(|| 0u64);
    // Dropped with the panel, which ends the worker.
    let bridge: Rc<RefCell<Option<WorkerBridge<TrialWorker>>>> = use_mut_ref(|| None);
    let ask = {
        let dispatch = work.dispatcher();
        Callback::from(move |(scenario, task): (String, DecisionTask)| {
            let id = {
                let mut next = next_id.borrow_mut();
                *next += 1;
                *next
            };
            dispatch.dispatch(WorkAction::Start { id, at: now() });
            let mut bridge = bridge.borrow_mut();
            let bridge = bridge.get_or_insert_with(|| {
                let dispatch = dispatch.clone();
                worker_start::start(move |response| {
                    if let WorkerResponse::Decision(response) = response {
                        dispatch.dispatch(WorkAction::Finish {
                            id: response.id,
                            at: now(),
                            answer: response.answer,
                        });
                    }
                })
            });
            bridge.send(WorkerRequest::Decision(DecisionRequest {
                id,
                scenario,
                task,
            }));
        })
    };
    (work, ask)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finish(id: u64, at: f64) -> WorkAction {
        WorkAction::Finish {
            id,
            at,
            answer: DecisionAnswer::Failed(format!("answer {id}")),
        }
    }

    #[test]
    fn only_the_latest_question_is_answered() {
        let work = Rc::new(Work::default());
        let work = work.reduce(WorkAction::Start { id: 1, at: 10.0 });
        let work = work.reduce(WorkAction::Start { id: 2, at: 20.0 });
        assert!(work.busy);
        let stale = work.clone().reduce(finish(1, 30.0));
        assert!(
            Rc::ptr_eq(&stale, &work),
            "an answer to a replaced question is ignored"
        );
        let work = work.reduce(finish(2, 45.0));
        assert!(!work.busy);
        assert_eq!(work.took_ms, Some(25.0));
        assert_eq!(
            work.answer.as_deref(),
            Some(&DecisionAnswer::Failed("answer 2".into()))
        );
        // The answer stays while the next question is worked out.
        let work = work.reduce(WorkAction::Start { id: 3, at: 50.0 });
        assert!(work.busy && work.answer.is_some());
    }
}

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
use crate::worker_failure::on_worker_failure;
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
    /// How far a long question is, once the worker has said.
    pub progress: Option<Progress>,
}

/// The share of a question worked out, and the milliseconds left at the
/// pace so far.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Progress {
    pub share: f64,
    pub left_ms: f64,
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
    /// The worker is `share` of the way through question `id`.
    Progress {
        id: u64,
        at: f64,
        share: f64,
    },
    /// The worker stopped on an error: the question being worked out, if
    /// any, fails with `message`.
    WorkerFailed {
        at: f64,
        message: String,
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
                progress: None,
            }),
            WorkAction::Finish { id, at, answer } if id == self.latest => Rc::new(Work {
                latest: id,
                started_at: self.started_at,
                busy: false,
                answer: Some(Rc::new(answer)),
                took_ms: Some(at - self.started_at),
                progress: None,
            }),
            WorkAction::Finish { .. } => self,
            WorkAction::Progress { id, at, share } if id == self.latest && self.busy => {
                let elapsed = at - self.started_at;
                let share = share.clamp(0.0, 1.0);
                let left_ms = if share > 0.0 {
                    elapsed * (1.0 - share) / share
                } else {
                    f64::INFINITY
                };
                Rc::new(Work {
                    progress: Some(Progress { share, left_ms }),
                    ..(*self).clone()
                })
            }
            WorkAction::Progress { .. } => self,
            WorkAction::WorkerFailed { at, message } if self.busy => {
                let id = self.latest;
                self.reduce(WorkAction::Finish {
                    id,
                    at,
                    answer: DecisionAnswer::Failed(message),
                })
            }
            WorkAction::WorkerFailed { .. } => self,
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
    {
        // A worker that stopped is replaced on the next question.
        let bridge = bridge.clone();
        let dispatch = work.dispatcher();
        use_effect_with((), move |_| {
            let listener = on_worker_failure(move || {
                bridge.borrow_mut().take();
                dispatch.dispatch(WorkAction::WorkerFailed {
                    at: now(),
                    message: "The analysis stopped because its worker failed. A new one \
                              starts with the next question (or when this panel is opened \
                              again)."
                        .into(),
                });
            });
            move || drop(listener)
        });
    }
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
                worker_start::start(move |response| match response {
                    WorkerResponse::Decision(response) => dispatch.dispatch(WorkAction::Finish {
                        id: response.id,
                        at: now(),
                        answer: response.answer,
                    }),
                    WorkerResponse::DecisionProgress { id, share } => {
                        dispatch.dispatch(WorkAction::Progress {
                            id,
                            at: now(),
                            share,
                        })
                    }
                    _ => {}
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

    #[test]
    fn progress_of_the_latest_question_gives_the_time_left() {
        let progress = |id, at, share| WorkAction::Progress { id, at, share };
        let work = Rc::new(Work::default()).reduce(WorkAction::Start { id: 1, at: 1_000.0 });
        let work = work.reduce(WorkAction::Start { id: 2, at: 2_000.0 });
        let stale = work.clone().reduce(progress(1, 3_000.0, 0.5));
        assert!(Rc::ptr_eq(&stale, &work), "an old question's progress");
        let work = work.reduce(progress(2, 3_000.0, 0.25));
        assert_eq!(
            work.progress,
            Some(Progress {
                share: 0.25,
                left_ms: 3_000.0
            })
        );
        let work = work.reduce(finish(2, 5_000.0));
        assert_eq!(work.progress, None);
        let late = work.clone().reduce(progress(2, 5_100.0, 0.9));
        assert!(Rc::ptr_eq(&late, &work), "progress after the answer");
        let work = work.reduce(WorkAction::Start { id: 3, at: 6_000.0 });
        assert_eq!(work.progress, None, "a new question starts without");
    }

    #[test]
    fn a_failed_worker_ends_the_question_being_worked_out() {
        let failed = |at| WorkAction::WorkerFailed {
            at,
            message: "stopped".into(),
        };
        let idle = Rc::new(Work::default());
        assert!(Rc::ptr_eq(&idle.clone().reduce(failed(1.0)), &idle));
        let work = idle.reduce(WorkAction::Start { id: 1, at: 10.0 });
        let work = work.reduce(failed(30.0));
        assert!(!work.busy);
        assert_eq!(
            work.answer.as_deref(),
            Some(&DecisionAnswer::Failed("stopped".into()))
        );
        // A late answer from the stopped worker cannot arrive; a new
        // question is worked out as usual.
        let work = work.reduce(WorkAction::Start { id: 2, at: 40.0 });
        assert!(work.busy);
    }
}

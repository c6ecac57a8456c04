//! The lesson under way: which step is shown, the figures of the steps run
//! so far, and where the shown step's run stands. A pure reducer, fed with
//! what the panel sees of the page's runs, so that results left over from
//! an earlier run are never explained as the step's.

use std::rc::Rc;

use journey_core::Report;
use yew::{AttrValue, Reducible};

use crate::lessons::{Figures, LESSONS, Lesson};
use crate::shared::Shared;

/// Where the shown step's run stands.
#[derive(Clone, Debug, PartialEq)]
pub enum StepRun {
    /// Not run since the step was shown.
    Idle,
    /// Asked for; the page has not started it yet. `before` is the report
    /// on show when it was asked for, which is never the step's.
    Asked {
        before: Option<Shared<Report>>,
    },
    Running {
        before: Option<Shared<Report>>,
    },
    /// Finished with all its trials; its figures are kept.
    Done,
    /// Cancelled, failed or replaced by another run before the end.
    Interrupted,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    /// Index into [`LESSONS`].
    pub lesson: usize,
    /// The step shown, from 0.
    pub step: usize,
    /// The figures of each step's last complete run.
    pub figures: Vec<Option<Figures>>,
    pub run: StepRun,
    /// What happened when the step was opened (work saved, or why not).
    pub note: Option<AttrValue>,
}

impl Session {
    /// Lesson `lesson` (an index into [`LESSONS`]) at its first step.
    pub fn new(lesson: usize) -> Session {
        Session {
            lesson,
            step: 0,
            figures: vec![None; LESSONS[lesson].steps.len()],
            run: StepRun::Idle,
            note: None,
        }
    }

    pub fn lesson(&self) -> &'static Lesson {
        &LESSONS[self.lesson]
    }

    /// The explanation of the shown step, once it has figures.
    pub fn explanation(&self) -> Option<Vec<String>> {
        let now = self.figures.get(self.step)?.as_ref()?;
        let explain = self.lesson().steps[self.step].explain;
        Some(explain(now, &self.figures[..self.step]))
    }
}

/// No lesson, or the lesson under way.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lessons(pub Option<Session>);

#[derive(Clone, Debug, PartialEq)]
pub enum LessonAction {
    Start(usize),
    /// Shows another step of the lesson.
    Go(usize),
    /// The shown step's run was asked for while `before` was on show.
    Ask {
        before: Option<Shared<Report>>,
    },
    /// The step was opened; the note says whether work was saved first.
    Opened(Option<AttrValue>),
    /// The step could not be opened: why.
    Refused(AttrValue),
    /// What the page shows now: a run under way or not, the latest report,
    /// and whether the page's journey, seed and trials are the step's.
    Observe {
        busy: bool,
        report: Option<Shared<Report>>,
        is_step: bool,
    },
    End,
}

impl Reducible for Lessons {
    type Action = LessonAction;

    fn reduce(self: Rc<Self>, action: LessonAction) -> Rc<Self> {
        let next = match (action, self.0.clone()) {
            (LessonAction::Start(lesson), _) if lesson < LESSONS.len() => {
                Some(Session::new(lesson))
            }
            (LessonAction::End, _) => None,
            (LessonAction::Go(step), Some(s)) if step < s.figures.len() && step != s.step => {
                Some(Session {
                    step,
                    run: StepRun::Idle,
                    note: None,
                    ..s
                })
            }
            (LessonAction::Ask { before }, Some(s)) => Some(Session {
                run: StepRun::Asked { before },
                note: None,
                ..s
            }),
            (LessonAction::Opened(note), Some(s)) => Some(Session { note, ..s }),
            (LessonAction::Refused(why), Some(s)) => Some(Session {
                run: StepRun::Idle,
                note: Some(why),
                ..s
            }),
            (
                LessonAction::Observe {
                    busy,
                    report,
                    is_step,
                },
                Some(s),
            ) => return observe(self, s, busy, report, is_step),
            _ => return self,
        };
        Rc::new(Lessons(next))
    }
}

fn observe(
    unchanged: Rc<Lessons>,
    mut s: Session,
    busy: bool,
    report: Option<Shared<Report>>,
    is_step: bool,
) -> Rc<Lessons> {
    let step = &s.lesson().steps[s.step];
    s.run = match s.run.clone() {
        StepRun::Asked { before } if busy => StepRun::Running { before },
        StepRun::Running { .. } if busy && !is_step => StepRun::Interrupted,
        StepRun::Running { before } if !busy => {
            let fresh = match (&report, &before) {
                (Some(now), Some(before)) => now != before,
                (Some(_), None) => true,
                (None, _) => false,
            };
            match report {
                Some(report)
                    if fresh
                        && is_step
                        && report.trials == step.trials
                        && report.seed == step.seed =>
                {
                    s.figures[s.step] = Some(Figures::from_report(&report));
                    StepRun::Done
                }
                _ => StepRun::Interrupted,
            }
        }
        // The step's run made again (the page reruns its journey after a
        // reload): the results are those the step explains.
        StepRun::Idle if !busy && is_step => match report {
            Some(report)
                if report.trials == step.trials
                    && report.seed == step.seed
                    && s.explanation().is_some_and(|kept| {
                        (step.explain)(&Figures::from_report(&report), &s.figures[..s.step]) == kept
                    }) =>
            {
                StepRun::Done
            }
            _ => return unchanged,
        },
        _ => return unchanged,
    };
    Rc::new(Lessons(Some(s)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use journey_core::{Journey, run_trials};

    fn report_of(lesson: usize, step: usize, trials: u32) -> Shared<Report> {
        let run = LESSONS[lesson].run(step).unwrap();
        let journey = Journey::new(run.scenario).unwrap();
        // A few trials stand for the run; the report says how many it had.
        let mut report = run_trials(&journey, run.seed, 0..2).report(&journey, run.seed);
        report.trials = trials;
        Shared::new(report)
    }

    fn started() -> Rc<Lessons> {
        Rc::new(Lessons::default()).reduce(LessonAction::Start(0))
    }

    fn observe(
        state: Rc<Lessons>,
        busy: bool,
        report: &Option<Shared<Report>>,
        is_step: bool,
    ) -> Rc<Lessons> {
        state.reduce(LessonAction::Observe {
            busy,
            report: report.clone(),
            is_step,
        })
    }

    fn session(state: &Lessons) -> &Session {
        state.0.as_ref().unwrap()
    }

    #[test]
    fn a_step_run_from_start_to_finish_is_explained() {
        let trials = LESSONS[0].steps[0].trials;
        let old = Some(report_of(0, 3, trials));
        let state = observe(started(), false, &old, false);
        assert_eq!(session(&state).run, StepRun::Idle);
        let state = state.reduce(LessonAction::Ask {
            before: old.clone(),
        });
        let state = state.reduce(LessonAction::Opened(Some("saved".into())));
        let state = observe(state, true, &old, true);
        assert!(matches!(session(&state).run, StepRun::Running { .. }));
        assert_eq!(session(&state).explanation(), None);
        let new = Some(report_of(0, 0, trials));
        let state = observe(state, false, &new, true);
        assert_eq!(session(&state).run, StepRun::Done);
        assert_eq!(session(&state).note.as_deref(), Some("saved"));
        let words = session(&state).explanation().unwrap();
        assert!(words[0].contains("NPV"), "{words:?}");
        // Showing the next step keeps the figures and starts idle.
        let state = state.reduce(LessonAction::Go(1));
        assert_eq!(session(&state).run, StepRun::Idle);
        assert!(session(&state).figures[0].is_some());
        assert_eq!(session(&state).explanation(), None);
        assert_eq!(state.reduce(LessonAction::End).0, None);
    }

    #[test]
    fn a_step_run_again_after_a_reload_is_recognised_as_the_steps() {
        let trials = LESSONS[0].steps[0].trials;
        let run = Some(report_of(0, 0, trials));
        let state = started().reduce(LessonAction::Ask { before: None });
        let state = observe(state, true, &None, true);
        let state = observe(state, false, &run, true);
        assert_eq!(session(&state).run, StepRun::Done);
        // The reload: the session comes back idle, with its figures.
        let restored = Rc::new(Lessons(Some(Session {
            run: StepRun::Idle,
            ..session(&state).clone()
        })));
        // The step's journey, but other results: not what it explains.
        let other = {
            let step = LESSONS[0].run(0).unwrap();
            let journey = Journey::new(step.scenario).unwrap();
            let mut report = run_trials(&journey, step.seed, 5..7).report(&journey, step.seed);
            report.trials = trials;
            Some(Shared::new(report))
        };
        assert_eq!(
            session(&observe(restored.clone(), false, &other, true)).run,
            StepRun::Idle
        );
        assert_eq!(
            session(&observe(restored.clone(), false, &run, false)).run,
            StepRun::Idle
        );
        let again = Some(report_of(0, 0, trials));
        assert_eq!(
            session(&observe(restored, false, &again, true)).run,
            StepRun::Done
        );
    }

    #[test]
    fn a_left_over_report_is_never_the_steps() {
        let trials = LESSONS[0].steps[0].trials;
        let old = Some(report_of(0, 0, trials));
        let state = started().reduce(LessonAction::Ask {
            before: old.clone(),
        });
        // Not started yet: the finished old run says nothing.
        let state = observe(state, false, &old, true);
        assert!(matches!(session(&state).run, StepRun::Asked { .. }));
        // The run failed before its first report: the old one is still on show.
        let state = observe(state, true, &old, true);
        let state = observe(state, false, &old, true);
        assert_eq!(session(&state).run, StepRun::Interrupted);
        assert_eq!(session(&state).figures[0], None);
    }

    #[test]
    fn a_cancelled_or_replaced_run_is_not_explained() {
        let trials = LESSONS[0].steps[0].trials;
        let ask = |state: Rc<Lessons>| {
            let state = state.reduce(LessonAction::Ask { before: None });
            observe(state, true, &None, true)
        };
        // Cancelled: fewer trials than the step's.
        let state = observe(ask(started()), false, &Some(report_of(0, 0, 500)), true);
        assert_eq!(session(&state).run, StepRun::Interrupted);
        // The journey was edited during the run.
        let state = observe(ask(started()), true, &None, false);
        assert_eq!(session(&state).run, StepRun::Interrupted);
        let state = observe(ask(started()), false, &Some(report_of(0, 0, trials)), false);
        assert_eq!(session(&state).run, StepRun::Interrupted);
        // Refused: nothing runs, and the panel says why.
        let state = started()
            .reduce(LessonAction::Ask { before: None })
            .reduce(LessonAction::Refused("full".into()));
        assert_eq!(session(&state).run, StepRun::Idle);
        assert_eq!(session(&state).note.as_deref(), Some("full"));
    }

    #[test]
    fn out_of_range_actions_change_nothing() {
        let none = Rc::new(Lessons::default());
        assert!(Rc::ptr_eq(&none.clone().reduce(LessonAction::Go(1)), &none));
        assert!(Rc::ptr_eq(
            &none.clone().reduce(LessonAction::Start(99)),
            &none
        ));
        let state = started();
        assert!(Rc::ptr_eq(
            &state.clone().reduce(LessonAction::Go(99)),
            &state
        ));
        assert!(Rc::ptr_eq(
            &observe(state.clone(), true, &None, false),
            &state
        ));
    }
}

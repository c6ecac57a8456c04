//! Guided lessons for teaching CX economics, built on the example journeys
//! (`crate::lessons`): pick a lesson, run each step in the page, read what
//! its results show. The results themselves appear in the Results panel.

mod progress;
mod session;

use std::rc::Rc;

use journey_core::Report;
use journey_core::share::{self, SharedRun};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlSelectElement};
use yew::prelude::*;

use super::CopyLink;
use super::focus::scroll_to;
use crate::format::grouped;
use crate::lessons::{LESSONS, asked_in, link, query_without_lesson};
use crate::page_url;
use crate::presets::preset;
use crate::shared::Shared;
use session::{LessonAction, Lessons as LessonState, Session, StepRun};

/// What opening a step's run did: a note for the panel (work saved to My
/// journeys first), or why it was not opened.
pub type StartOutcome = Result<Option<AttrValue>, AttrValue>;

#[derive(Properties, PartialEq)]
pub struct LessonsProps {
    /// The latest report on the page.
    pub report: Option<Shared<Report>>,
    /// A run is under way.
    pub busy: bool,
    /// The page's journey, seed and trials as share text; `None` while
    /// trials or seed are invalid.
    pub current: Option<Rc<String>>,
    /// Opens a step's run in the page and runs it at once.
    pub on_start: Callback<SharedRun, StartOutcome>,
}

/// Where focus goes after the next render.
#[derive(Clone, Copy, PartialEq)]
enum Focus {
    Step,
    Picker,
    /// The step of a lesson the address asked for, with the whole panel
    /// brought into view.
    Linked,
}

/// The lesson the page's address asks for (`?lesson=…`).
fn asked_by_address() -> Option<Result<usize, String>> {
    asked_in(&page_url::query().ok()?)
}

/// Takes the lesson out of the page's address once it is open, so that a
/// reload shows the lesson as it is by then rather than afresh.
fn forget_asked() {
    let Ok(query) = page_url::query() else { return };
    if let Err(error) = page_url::replace_query(&query_without_lesson(&query)) {
        web_sys::console::warn_2(&"could not update the page address:".into(), &error);
    }
}

/// The lesson under way when the page opens, and what went wrong: the one
/// `restored` from before a reload, or the one the address `asked` for.
fn opened(
    restored: Result<Option<Session>, AttrValue>,
    asked: Option<Result<usize, String>>,
) -> (Option<Session>, Option<AttrValue>) {
    let Some(asked) = asked else {
        return restored.map_or_else(|problem| (None, Some(problem)), |session| (session, None));
    };
    let session = restored.ok().flatten();
    match asked {
        Ok(lesson) => (Some(opened_by_link(lesson, session)), None),
        Err(key) => {
            let problem = AttrValue::from(format!(
                "The link asks for a lesson “{key}”, which this page does not have."
            ));
            // Said under the lesson under way, or where a lesson is chosen.
            match session {
                Some(s) => (
                    Some(Session {
                        note: Some(problem),
                        ..s
                    }),
                    None,
                ),
                None => (None, Some(problem)),
            }
        }
    }
}

/// The lesson under way once the address asked for `asked`: the one
/// restored if it is that lesson, otherwise the asked one from its start,
/// saying which lesson it ended.
fn opened_by_link(asked: usize, restored: Option<Session>) -> Session {
    match restored {
        Some(session) if session.lesson == asked => session,
        restored => {
            let mut session = Session::new(asked);
            session.note = restored.map(|ended| {
                format!(
                    "The link opened this lesson; “{}”, which you were in, has ended.",
                    ended.lesson().title
                )
                .into()
            });
            session
        }
    }
}

/// Moves focus to the Results panel, which shows the step's run.
fn show_results() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(Some(results)) = document.query_selector("section.results") else {
        return;
    };
    // Focusable from script only, as a landmark the reader is taken to.
    if !results.has_attribute("tabindex")
        && let Err(error) = results.set_attribute("tabindex", "-1")
    {
        web_sys::console::warn_2(&"could not make the results focusable:".into(), &error);
    }
    if let Ok(results) = results.dyn_into::<HtmlElement>() {
        if let Err(error) = results.focus() {
            web_sys::console::warn_2(&"could not move to the results:".into(), &error);
        }
        // Focus scrolls a region taller than the window only to its
        // middle: the heading and first figures go to the top.
        results.scroll_into_view_with_bool(true);
    }
}

#[component]
pub fn Lessons(props: &LessonsProps) -> Html {
    // A lesson under way comes back after a reload, at the step it was on;
    // a link (`?lesson=…`) opens the lesson it names.
    let asked = use_memo((), |_| asked_by_address());
    let opened = use_memo((), |_| opened(progress::restore(), asked.as_ref().clone()));
    let state = use_reducer(|| LessonState(opened.0.clone()));
    let problem = use_state(|| opened.1.clone());
    use_effect_with(asked.is_some(), |&asked| {
        if asked {
            forget_asked();
        }
    });
    // Kept whenever the lesson changes (the handle compares the lessons'
    // state, not the page around it), not on every render.
    use_effect_with(state.clone(), |state| progress::keep(state.0.as_ref()));
    let choice = use_state(|| 0usize);
    let focus = use_mut_ref(|| match asked.as_ref() {
        Some(Ok(_)) => Some(Focus::Linked),
        Some(Err(_)) => Some(Focus::Picker),
        None => None,
    });
    let step_heading = use_node_ref();
    let picker = use_node_ref();

    let shown = state.0.as_ref().map(|s| (s.lesson, s.step));
    let step_fragment = use_memo(shown, |shown| {
        shown.and_then(|(lesson, step)| LESSONS[lesson].run(step).map(|run| share::encode(&run)))
    });
    let is_step = match (&*step_fragment, &props.current) {
        (Some(step), Some(current)) => step == current.as_str(),
        _ => false,
    };
    {
        let dispatch = state.dispatcher();
        let (busy, report) = (props.busy, props.report.clone());
        use_effect_with((busy, report.clone(), is_step), move |_| {
            dispatch.dispatch(LessonAction::Observe {
                busy,
                report,
                is_step,
            });
        });
    }
    {
        let (focus, step_heading, picker) = (focus.clone(), step_heading.clone(), picker.clone());
        use_effect(move || {
            let wanted = focus.borrow_mut().take();
            let target = match wanted {
                Some(Focus::Step | Focus::Linked) => step_heading.cast::<HtmlElement>(),
                Some(Focus::Picker) => picker.cast::<HtmlElement>(),
                None => None,
            };
            if let Some(target) = target {
                if let Err(error) = target.focus() {
                    web_sys::console::warn_2(&"could not move focus:".into(), &error);
                }
                // A step starts at the top of the window, its text and
                // "Run this step" under it, not at the bottom edge.
                if wanted == Some(Focus::Step) {
                    target.scroll_into_view_with_bool(true);
                }
                // Opened from a link, the page starts with the lesson in
                // view, its heading and buttons too where the window allows.
                if let (Some(Focus::Linked), Ok(Some(panel))) = (wanted, target.closest("section"))
                {
                    scroll_to(&panel);
                }
            }
        });
    }

    let Some(session) = state.0.as_ref() else {
        let on_choice = {
            let choice = choice.clone();
            Callback::from(move |event: Event| {
                let value = event.target_unchecked_into::<HtmlSelectElement>().value();
                if let Some(i) = LESSONS.iter().position(|l| l.key == value) {
                    choice.set(i);
                }
            })
        };
        let on_begin = {
            let (dispatch, focus, i) = (state.dispatcher(), focus.clone(), *choice);
            let problem = problem.clone();
            Callback::from(move |_: MouseEvent| {
                *focus.borrow_mut() = Some(Focus::Step);
                problem.set(None);
                dispatch.dispatch(LessonAction::Start(i));
            })
        };
        let lesson = &LESSONS[*choice];
        let example = preset(lesson.preset).map_or("", |p| p.name);
        let lesson_link = page_url::base()
            .ok()
            .map(|base| AttrValue::from(link(&base, lesson)));
        return html! {
            <section class="panel lessons" aria-labelledby="lessons-heading">
                <h2 id="lessons-heading">{"Lessons"}</h2>
                <div class="lesson-picker">
                    <label for="lesson">{"Lesson"}</label>
                    <div class="lesson-row">
                        <select id="lesson" ref={picker} aria-describedby="lesson-summary" onchange={on_choice}>
                            { for LESSONS.iter().enumerate().map(|(i, l)| html! {
                                <option value={l.key} selected={i == *choice}>{l.title}</option>
                            }) }
                        </select>
                        <button type="button" class="primary" onclick={on_begin}>{"Start lesson"}</button>
                    </div>
                    <p class="hint" id="lesson-summary">
                        {format!("{} {} steps, on the example “{example}”.", lesson.summary, lesson.steps.len())}
                    </p>
                    <p class="hint">
                        {"Each step replaces the journey in the editor and runs it; changes \
                          not yet in My journeys are saved there first."}
                    </p>
                    if let Some(problem) = (*problem).clone() {
                        <p class="lesson-problem" role="status">{problem}</p>
                    }
                    // For an educator: the link opens the page on this lesson.
                    <CopyLink id="lesson-link" label="Link to this lesson" copy="Copy lesson link"
                        url={lesson_link} />
                </div>
            </section>
        };
    };

    let lesson = session.lesson();
    let index = session.step;
    let step = &lesson.steps[index];
    let count = lesson.steps.len();
    let waiting = matches!(session.run, StepRun::Asked { .. } | StepRun::Running { .. });
    let on_show = is_step && session.run == StepRun::Done;

    let on_run = {
        let (dispatch, on_start, report) = (
            state.dispatcher(),
            props.on_start.clone(),
            props.report.clone(),
        );
        let run = lesson.run(index).filter(|_| !waiting);
        Callback::from(move |_: MouseEvent| {
            let Some(run) = run.clone() else {
                return;
            };
            dispatch.dispatch(LessonAction::Ask {
                before: report.clone(),
            });
            match on_start.emit(run) {
                Ok(note) => dispatch.dispatch(LessonAction::Opened(note)),
                Err(why) => dispatch.dispatch(LessonAction::Refused(why)),
            }
        })
    };
    let go = |to: usize| {
        let (dispatch, focus) = (state.dispatcher(), focus.clone());
        Callback::from(move |_: MouseEvent| {
            *focus.borrow_mut() = Some(Focus::Step);
            dispatch.dispatch(LessonAction::Go(to));
        })
    };
    let on_end = {
        let (dispatch, focus) = (state.dispatcher(), focus.clone());
        let (choice, ended) = (choice.setter(), session.lesson);
        Callback::from(move |_: MouseEvent| {
            *focus.borrow_mut() = Some(Focus::Picker);
            // The list then offers the lesson just ended, with its link.
            choice.set(ended);
            dispatch.dispatch(LessonAction::End);
        })
    };
    let on_results = Callback::from(|_: MouseEvent| show_results());

    let trials = grouped(u64::from(step.trials));
    let result = match (session.explanation(), &session.run) {
        (_, StepRun::Asked { .. } | StepRun::Running { .. }) => html! {
            <p class="lesson-waiting">
                {format!("Running {trials} trials… The results appear in the Results panel as they come in.")}
            </p>
        },
        (Some(words), _) => html! {
            <>
                <h4>{"What the run shows"}</h4>
                { for words.into_iter().map(|p| html! { <p>{p}</p> }) }
                if on_show {
                    <p class="hint">
                        {format!("Averages over the step's {trials} trials, from its run in the Results panel.")}
                    </p>
                    <div>
                        <button type="button" class="link" onclick={on_results.clone()}>{"Show the results"}</button>
                    </div>
                } else {
                    <p class="hint">
                        {format!("Averages over the step's {trials} trials, from its last run. \
                                  The Results panel shows another run now: run this step again to see it there.")}
                    </p>
                }
            </>
        },
        (None, StepRun::Interrupted) => html! {
            <p class="lesson-waiting">
                {"The run did not finish as this step set it up (it was stopped, failed, or the \
                  journey was changed), so there is nothing to explain yet: “Run this step” runs it again."}
            </p>
        },
        (None, _) => html! {
            <p class="hint">
                {format!("“Run this step” opens the step's journey in the editor and runs \
                          {trials} trials with seed {}; the results appear in the Results panel, \
                          and what they show appears here.", step.seed)}
            </p>
        },
    };
    let run_label = if session.figures[index].is_some() {
        "Run this step again"
    } else {
        "Run this step"
    };

    html! {
        <section class="panel lessons" aria-labelledby="lessons-heading">
            <h2 id="lessons-heading">{"Lessons"}</h2>
            <p class="lesson-title">{lesson.title}</p>
            <ol class="lesson-steps" aria-label="Steps">
                { for lesson.steps.iter().enumerate().map(|(i, s)| {
                    let state = if i == index { "current" } else if session.figures[i].is_some() { "done" } else { "todo" };
                    // Each dot goes to its step, as Back and Next do.
                    html! {
                        <li>
                            <button type="button" class="lesson-dot-button" onclick={go(i)}
                                aria-current={(i == index).then_some("step")}>
                                <span class={classes!("lesson-dot", state)} aria-hidden="true"></span>
                                <span class="visually-hidden">{format!("Step {}: {}{}", i + 1, s.title,
                                    if session.figures[i].is_some() { " (run)" } else { "" })}</span>
                            </button>
                        </li>
                    }
                }) }
            </ol>
            <h3 class="lesson-step" ref={step_heading} tabindex="-1">
                <span class="lesson-count">{format!("Step {} of {count}", index + 1)}</span>
                {step.title}
            </h3>
            <p class="lesson-text">{step.text}</p>
            <div class="lesson-actions">
                // aria-disabled keeps the focus on it while the step runs.
                <button type="button" class="primary" onclick={on_run}
                    aria-disabled={waiting.then_some("true")}>{run_label}</button>
            </div>
            <p class="lesson-note" role="status">{session.note.clone().unwrap_or_default()}</p>
            <div class="lesson-result" aria-live="polite" data-testid="lesson-result">{result}</div>
            <div class="lesson-nav">
                <button type="button" onclick={go(index.saturating_sub(1))} disabled={index == 0}>{"Back"}</button>
                if index + 1 < count {
                    <button type="button" onclick={go(index + 1)}>{"Next"}</button>
                }
                <button type="button" onclick={on_end}>{"End lesson"}</button>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_step(lesson: usize, step: usize) -> Session {
        Session {
            step,
            ..Session::new(lesson)
        }
    }

    #[test]
    fn a_lesson_link_keeps_its_lesson_under_way_and_ends_another() {
        let (kept, problem) = opened(Ok(Some(at_step(1, 2))), Some(Ok(1)));
        assert_eq!((kept, problem), (Some(at_step(1, 2)), None));

        let (started, problem) = opened(Ok(Some(at_step(0, 3))), Some(Ok(2)));
        let started = started.expect("the linked lesson");
        assert_eq!((started.lesson, started.step, problem), (2, 0, None));
        assert_eq!(
            started.note.as_deref(),
            Some(format!(
                "The link opened this lesson; “{}”, which you were in, has ended.",
                LESSONS[0].title
            ))
            .as_deref()
        );

        // A lesson that could not be restored gives way to the linked one.
        let (started, problem) = opened(Err("damaged".into()), Some(Ok(3)));
        assert_eq!((started, problem), (Some(Session::new(3)), None));
    }

    #[test]
    fn a_link_to_no_lesson_is_said_where_the_panel_is() {
        let said = "The link asks for a lesson “nope”, which this page does not have.";
        let (kept, problem) = opened(Ok(Some(at_step(1, 2))), Some(Err("nope".into())));
        let kept = kept.expect("the lesson under way");
        assert_eq!((kept.lesson, kept.step, problem), (1, 2, None));
        assert_eq!(kept.note.as_deref(), Some(said));

        let (none, problem) = opened(Ok(None), Some(Err("nope".into())));
        assert_eq!((none, problem.as_deref()), (None, Some(said)));
    }

    #[test]
    fn without_a_link_the_page_opens_what_it_restored() {
        assert_eq!(
            opened(Ok(Some(at_step(0, 1))), None),
            (Some(at_step(0, 1)), None)
        );
        assert_eq!(opened(Ok(None), None), (None, None));
        assert_eq!(
            opened(Err("damaged".into()), None),
            (None, Some("damaged".into()))
        );
    }
}

//! The page: the journey editor, the run controls, the share link,
//! progress and results.

use std::rc::Rc;

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use journey_core::share::SharedRun;
use journey_core::{Journey, Problems, Scenario};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::app_state::{AppAction, Edit, Replacement};
use crate::components::editor::{Unread, UnreadFields};
use crate::components::{
    AUTO_RUN_MAX_TRIALS, CopyLink, DecisionTools, ExecutiveReport, JourneyEditor, JourneyLibrary,
    MonthStep, Results, RunControls, RunProgress, ScenarioFile, UndoRedo, keep_before_link,
    message, skip_links, use_undo_keys,
};
use crate::links_in_page::{self, Opening, use_links_opened_in_page};
use crate::page_url;
use crate::presets::DEFAULT_SEED;
use crate::simulation::{RunRequest, Status, use_simulation};
use crate::storage::{self, Startup};

/// What validation finds in the scenario; empty when it can run.
fn validate(scenario: &Scenario) -> Problems {
    match Journey::new(scenario.clone()) {
        Ok(_) => Problems(Vec::new()),
        Err(problems) => problems,
    }
}

fn details(scenario: &Scenario) -> String {
    let options = scenario.scenarios.len();
    format!(
        "{} months · {} · {} investment option{}",
        scenario.months,
        scenario.currency,
        options,
        if options == 1 { "" } else { "s" }
    )
}

/// What the page shows: the one-page report a share link opens on, or the
/// whole workspace (editor, runs, results, tools).
#[derive(Clone, Copy, Debug, PartialEq)]
enum View {
    Report,
    Workspace,
}

impl View {
    /// As the page marks its history entries (see [`page_url::push_view`]).
    fn name(self) -> &'static str {
        match self {
            View::Report => "report",
            View::Workspace => "workspace",
        }
    }

    fn named(name: &str) -> Option<View> {
        [View::Report, View::Workspace]
            .into_iter()
            .find(|v| v.name() == name)
    }

    /// Switches from `self` to `to` as a step in the browser's history, so
    /// that Back returns to `self`.
    fn go_to(self, to: View, view: &UseStateSetter<View>) {
        if let Err(error) = page_url::push_view(self.name(), to.name()) {
            warn("could not add the view to the browser history:", &error);
        }
        view.set(to);
    }
}

/// How long edits must pause before a small run starts by itself.
const AUTO_RUN_DELAY_MS: u32 = 400;

/// A fresh seed, short enough to read out and type: 1 to 999,999.
fn new_seed() -> u64 {
    (js_sys::Math::random() * 999_999.0).floor() as u64 + 1
}

fn warn(what: &str, error: &wasm_bindgen::JsValue) {
    web_sys::console::warn_2(&what.into(), error);
}

/// After the page switches views, or opens a link: the report starts at
/// its top with its title focused, so that a screen reader reads it out;
/// the workspace comes back at the "Executive report" button when that
/// opened the report, or else at its top, where a link's problems show.
fn show_view(view: View, back_to_button: bool) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let id = match view {
        View::Report => Some("report-heading"),
        View::Workspace if back_to_button => Some("report-button"),
        View::Workspace => None,
    };
    let element = id
        .and_then(|id| window.document()?.get_element_by_id(id))
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element
        && let Err(error) = element.focus()
    {
        warn("could not move the focus:", &error);
    }
    if !back_to_button {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// What the page opens with: the run in the address's fragment, if any;
/// otherwise the autosaved run, if any (see [`storage::startup`]).
fn initial_state() -> Startup {
    let fragment = page_url::fragment().unwrap_or_else(|error| {
        warn("could not read the page address:", &error);
        String::new()
    });
    let saved = storage::saved_run();
    let pending = page_url::take_pending();
    storage::startup(&fragment, pending.as_deref(), saved.as_deref(), |text| {
        storage::browser::copy_aside(storage::DAMAGED_KEY, text)
    })
}

#[component]
pub fn App() -> Html {
    let startup = use_state(initial_state);
    let state = {
        let initial = startup.state.clone();
        use_reducer(move || initial)
    };
    {
        // Once the damaged run is kept aside, a reload need not say so again.
        let kept_aside = startup.kept_aside;
        use_effect_with((), move |_| {
            if kept_aside && let Err(error) = storage::browser::remove(storage::CURRENT_KEY) {
                warn("could not clear the damaged saved journey:", &error);
            }
        });
    }
    let view = use_state_eq(|| {
        if startup.report_first {
            View::Report
        } else {
            View::Workspace
        }
    });
    let simulation = use_simulation();
    let problems = use_memo(state.scenario.clone(), |scenario| validate(scenario));
    // Editor fields whose text is not a number: problems too, since the
    // journey keeps its last good value there.
    let unread = use_reducer(Unread::default);
    let on_unread = use_callback(unread.dispatcher(), |change, unread| {
        unread.dispatch(change)
    });
    let ready = problems.is_empty() && unread.is_empty();
    let sim = &*simulation.state;
    let running = sim.is_running();
    let trials = state.trials();
    let seed = state.seed();
    let auto_run = use_state_eq(|| {
        storage::browser::get(storage::AUTO_RUN_KEY).map_or(true, |v| v.as_deref() != Some("off"))
    });

    let on_trials_change = {
        let state = state.dispatcher();
        Callback::from(move |text: AttrValue| state.dispatch(AppAction::SetTrials(text)))
    };
    let on_seed_change = {
        let state = state.dispatcher();
        Callback::from(move |text: AttrValue| state.dispatch(AppAction::SetSeed(text)))
    };
    let on_new_seed = {
        let state = state.dispatcher();
        Callback::from(move |()| state.dispatch(AppAction::NewSeed(new_seed())))
    };
    let on_auto_run_change = {
        let auto_run = auto_run.setter();
        Callback::from(move |on: bool| {
            auto_run.set(on);
            let value = if on { "on" } else { "off" };
            if let Err(error) = storage::browser::set(storage::AUTO_RUN_KEY, value) {
                warn("could not keep the re-run setting:", &error);
            }
        })
    };
    // Stable callbacks for the big panels: a new callback would redraw
    // them on every progress update of a run.
    let on_open = use_callback(state.dispatcher(), |run: SharedRun, state| {
        state.dispatch(AppAction::Open(Box::new(run)))
    });
    let on_edit = use_callback(state.dispatcher(), |edit: Edit, state| {
        state.dispatch(AppAction::Edit(edit))
    });
    let on_tool_change = use_callback(state.dispatcher(), |change: Replacement, state| {
        state.dispatch(AppAction::SetScenario(Box::new(change)))
    });
    let on_start_lesson = use_callback(state.dispatcher(), |run: SharedRun, state| {
        state.dispatch(AppAction::OpenAndRun(Box::new(run)))
    });
    let on_undo = use_callback(state.dispatcher(), |(), state| {
        state.dispatch(AppAction::Undo)
    });
    let on_redo = use_callback(state.dispatcher(), |(), state| {
        state.dispatch(AppAction::Redo)
    });
    use_undo_keys(on_undo.clone(), on_redo.clone(), *view == View::Workspace);
    let on_leave_field = use_callback(state.dispatcher(), |(), state| {
        state.dispatch(AppAction::LeaveField)
    });
    let undo_redo = html! {
        <UndoRedo undo={state.history.undo_what().cloned()} redo={state.history.redo_what().cloned()}
            on_undo={on_undo.clone()} on_redo={on_redo.clone()} />
    };
    // Whether the report was opened from the workspace's button, which
    // gets the focus back when the workspace returns.
    let from_button = use_mut_ref(|| false);
    let on_show_report = {
        let (view, from_button) = (view.setter(), from_button.clone());
        Callback::from(move |_: MouseEvent| {
            *from_button.borrow_mut() = true;
            View::Workspace.go_to(View::Report, &view);
        })
    };
    {
        // Back and Forward between the report and the workspace.
        let view = view.setter();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                EventListener::new(&window, "popstate", move |_| {
                    // An entry the page did not mark is a link's (the
                    // hashchange listener opens it).
                    if let Some(shown) = page_url::view_shown().as_deref().and_then(View::named) {
                        view.set(shown);
                    }
                })
            });
            move || drop(listener)
        });
    }
    // Links opened in the open page (see `on_link`): each shows its view
    // afresh, even when the view stays the same.
    let links_pasted = use_state_eq(|| 0u32);
    let from_button_on_link = from_button.clone();
    {
        let first = use_mut_ref(|| true);
        use_effect_with((*view, *links_pasted), move |(view, _)| {
            // The workspace opens as the browser left it; a link's report
            // gets its title focused from the start, as on every later view.
            let first = std::mem::replace(&mut *first.borrow_mut(), false);
            if !first || *view == View::Report {
                let back = *view == View::Workspace
                    && std::mem::replace(&mut *from_button.borrow_mut(), false);
                show_view(*view, back);
            }
        });
    }
    let on_open_editor = {
        let view = view.setter();
        Callback::from(move |()| View::Report.go_to(View::Workspace, &view))
    };
    // The run (as share text) the last run was started from: the report
    // describes the page only while that is still the run on the page.
    let ran_with = use_state_eq(|| None::<String>);
    let on_run = {
        let state = state.clone();
        let run = simulation.run.clone();
        let ran_with = ran_with.setter();
        Callback::from(move |()| {
            if let (true, Ok(trials), Ok(seed)) = (ready, state.trials(), state.seed()) {
                ran_with.set(state.share_fragment());
                run.emit(RunRequest {
                    scenario: state.scenario_json(),
                    trials,
                    seed,
                });
            }
        })
    };

    let fragment = use_memo(
        (
            state.scenario.clone(),
            state.seed_input.clone(),
            state.trials_input.clone(),
        ),
        |_| state.share_fragment(),
    );
    // The address follows the run once it changes; until then a link the
    // page could not open stays in the address bar as it was. An address
    // behind the run the page opened on follows it at once.
    let opened_with = use_mut_ref(|| {
        if startup.address_behind {
            None
        } else {
            (*fragment).clone()
        }
    });
    // Whether the last autosave failed (storage full or blocked): the page
    // says so, since a reload would lose the changes.
    let unsaved = use_state_eq(|| false);
    // Whether the journey changed since the page opened, or since a link
    // opened in it: its work is not someone else's link.
    let edited = use_mut_ref(|| startup.own_work);
    {
        // Autosave: every change from what the page opened with is saved;
        // opening a link (on load or later) or restoring a save leaves the
        // save alone.
        let first = use_mut_ref(|| (*fragment).clone());
        let links_seen = use_mut_ref(|| state.links_opened);
        let edited = edited.clone();
        let unsaved = unsaved.setter();
        let links = state.links_opened;
        use_effect_with((fragment.clone(), links), move |(fragment, links)| {
            if std::mem::replace(&mut *links_seen.borrow_mut(), *links) != *links {
                (*first.borrow_mut()).clone_from(fragment);
                *edited.borrow_mut() = false;
                return;
            }
            let (now_edited, save) = storage::to_save(
                first.borrow().as_deref(),
                fragment.as_deref(),
                *edited.borrow(),
            );
            *edited.borrow_mut() = now_edited;
            if let Some(save) = save {
                let saved = storage::browser::set(storage::CURRENT_KEY, save);
                if let Err(error) = &saved {
                    warn("could not save the journey:", error);
                }
                unsaved.set(saved.is_err());
            }
        });
    }
    let address = use_mut_ref(page_url::Follower::default);
    let address_on_link = address.clone();
    use_effect_with(fragment.clone(), move |fragment| {
        let changed = *opened_with.borrow() != **fragment;
        if let (true, Some(fragment)) = (changed, fragment.as_deref()) {
            *opened_with.borrow_mut() = Some(fragment.to_string());
            address.borrow_mut().follow(fragment);
        }
    });
    // A link opened in the open page opens as on a fresh page, after the
    // work it replaces is kept in My journeys; the Journeys panel says so.
    let link_notice = use_state_eq(|| None::<AttrValue>);
    let page_now = use_mut_ref(|| (None::<String>, String::new()));
    let edited_on_link = edited.clone();
    *page_now.borrow_mut() = ((*fragment).clone(), state.scenario.name.clone());
    let page_on_import = page_now.clone();
    let on_link = use_callback(
        (
            state.dispatcher(),
            view.setter(),
            link_notice.setter(),
            links_pasted.clone(),
        ),
        move |link: String, (state, view, notice, pasted)| {
            let (current, name) = page_now.borrow().clone();
            let edited = *edited_on_link.borrow();
            // The address has moved on: an update for the run it left
            // would land on the link's entry in the history.
            address_on_link.borrow_mut().cancel();
            let Some(Opening {
                link,
                report_first,
                notice: kept,
            }) = links_in_page::prepare(&link, current.as_deref(), &name, edited)
            else {
                return;
            };
            notice.set(kept);
            state.dispatch(AppAction::OpenLink(link));
            view.set(if report_first {
                View::Report
            } else {
                View::Workspace
            });
            // The page shows the link from its top, not where it was.
            *from_button_on_link.borrow_mut() = false;
            pasted.set(**pasted + 1);
        },
    );
    use_links_opened_in_page(on_link);
    // An imported file replaces the journey as a link does, after the work
    // it replaces is kept in My journeys; the Journeys panel, drawn anew,
    // says so.
    let edited_on_import = edited.clone();
    let imports_kept = use_state_eq(|| 0u32);
    let on_import = use_callback(
        (
            state.dispatcher(),
            link_notice.setter(),
            imports_kept.clone(),
        ),
        move |scenario: Scenario, (state, notice, imports_kept)| {
            let (current, name) = page_on_import.borrow().clone();
            let edited = *edited_on_import.borrow();
            let kept = current.and_then(|current| {
                keep_before_link(&current, &name, edited, "the file was imported")
            });
            if kept.is_some() {
                notice.set(kept);
                imports_kept.set(**imports_kept + 1);
            }
            let what = format!("importing “{}”", scenario.name.trim());
            state.dispatch(AppAction::SetScenario(Box::new(Replacement {
                scenario,
                what,
            })))
        },
    );
    let share_url = use_memo(fragment.clone(), |fragment| {
        let fragment = (**fragment).as_ref()?;
        match page_url::base() {
            Ok(base) => Some(AttrValue::from(format!("{base}#{fragment}"))),
            Err(error) => {
                warn("could not read the page address:", &error);
                None
            }
        }
    });

    {
        // A page opened from a good share link shows its numbers at once.
        // The worker pool, started by the effect above, queues the run
        // until its workers are ready.
        let on_run = on_run.clone();
        let from_link = state.from_link;
        use_effect_with((), move |_| {
            if from_link {
                on_run.emit(());
            }
        });
    }

    // Small runs follow the journey: a run starts once edits pause.
    let small = matches!(trials, Ok(n) if n <= AUTO_RUN_MAX_TRIALS);
    let wanted = *auto_run && small && ready && seed.is_ok();
    // Results of another journey, trials or seed that no run will replace
    // by itself are shown as such.
    let outdated = sim.report.is_some() && !running && !wanted && *ran_with != *fragment;
    {
        // A run opened to be run at once (a lesson's step) starts now.
        let on_run = on_run.clone();
        let pending = use_mut_ref(|| None::<Timeout>);
        let first = use_mut_ref(|| true);
        let requests_seen = use_mut_ref(|| state.run_requests);
        let requests = state.run_requests;
        use_effect_with(
            (fragment.clone(), wanted, requests),
            move |(_, wanted, requests)| {
                let opening = std::mem::replace(&mut *first.borrow_mut(), false);
                let requested =
                    std::mem::replace(&mut *requests_seen.borrow_mut(), *requests) != *requests;
                *pending.borrow_mut() = None;
                if requested {
                    on_run.emit(());
                } else if *wanted && !opening {
                    *pending.borrow_mut() =
                        Some(Timeout::new(AUTO_RUN_DELAY_MS, move || on_run.emit(())));
                }
            },
        );
    }

    let stage_names = use_memo(state.scenario.clone(), |scenario| {
        // Inserted one by one: collecting a map would compile a sort.
        let mut names = std::collections::BTreeMap::new();
        for stage in &scenario.stages {
            names.insert(stage.id.clone(), stage.name.clone());
        }
        Rc::new(names)
    });

    let name = if state.scenario.name.is_empty() {
        "Untitled journey".to_string()
    } else {
        state.scenario.name.clone()
    };
    // The tab, bookmarks and a printed or saved PDF carry the journey's name.
    use_effect_with(name.clone(), |name| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&format!("{name} · CX Journey Simulator"));
        }
    });
    let count = problems.len() + unread.len();
    let summary = (count > 0).then(|| {
        format!(
            "{count} problem{} — fix {} to run",
            if count == 1 { "" } else { "s" },
            if count == 1 { "it" } else { "them" }
        )
    });

    if *view == View::Report {
        return html! {
            <div class="app report-view">
                <main class="app-main">
                    <ExecutiveReport
                        scenario={state.scenario.clone()}
                        report={sim.report.clone()}
                        busy={running}
                        done={sim.done}
                        total={sim.total}
                        current={ran_with.is_some() && *ran_with == *fragment}
                        {on_open_editor}
                    />
                </main>
            </div>
        };
    }

    html! {
        <div class="app">
            {skip_links()}
            <header class="app-header">
                <h1>{"CX Journey Simulator"}</h1>
                <p class="tagline">
                    {"What friction in the customer journey costs, and what removing it is worth."}
                </p>
            </header>
            <main class="app-main">
                if let Some(problem) = &state.link_problem {
                    <section class="panel link-problem" role="alert" aria-labelledby="link-problem-heading">
                        <h2 id="link-problem-heading">{"Share link"}</h2>
                        <div class="link-problem-text">{message(problem)}</div>
                    </section>
                }
                if let Some(problem) = &startup.problem {
                    <section class="panel link-problem" role="alert" aria-labelledby="restore-problem-heading">
                        <h2 id="restore-problem-heading">{"Saved journey"}</h2>
                        <div class="link-problem-text">{message(problem)}</div>
                    </section>
                }
                if *unsaved {
                    <section class="panel link-problem" role="alert" aria-labelledby="autosave-problem-heading">
                        <h2 id="autosave-problem-heading">{"Autosave"}</h2>
                        <p class="link-problem-text">
                            {"This browser is not keeping your changes: its storage is full or \
                              blocked, so reloading the page would lose them. To keep this journey, \
                              copy the share link or use Export scenario."}
                        </p>
                    </section>
                }
                <div class="stack">
                    <section class="panel scenario" aria-labelledby="scenario-heading">
                        <h2 id="scenario-heading">{"Scenario"}</h2>
                        <p class="scenario-name">{name.clone()}</p>
                        <p class="scenario-details">{details(&state.scenario)}</p>
                        <ScenarioFile scenario={state.scenario.clone()} on_import={on_import.clone()} />
                        {undo_redo.clone()}
                        <p class="visually-hidden" role="status" data-testid="announced">
                            {state.announced.clone()}
                        </p>
                    </section>
                    <JourneyLibrary
                        key={format!("{}-{}", state.links_opened, *imports_kept)}
                        notice={(*link_notice).clone()}
                        current={(*fragment).clone().map(Rc::new)}
                        name={AttrValue::from(name)}
                        seed={seed.clone().ok()}
                        trials={trials.clone().ok()}
                        {on_open}
                        on_open_and_run={on_start_lesson}
                        report={sim.report.clone()}
                        busy={running}
                    />
                </div>
                <section class="panel run" aria-labelledby="run-heading">
                    <h2 id="run-heading" tabindex="-1">{"Simulation"}</h2>
                    <RunControls
                        trials={state.trials_input.clone()}
                        trials_error={trials.clone().err().map(AttrValue::from)}
                        seed={state.seed_input.clone()}
                        seed_error={seed.clone().err().map(AttrValue::from)}
                        can_run={count == 0}
                        {running}
                        auto_run={*auto_run}
                        {on_trials_change}
                        {on_seed_change}
                        {on_new_seed}
                        {on_auto_run_change}
                        {on_run}
                        on_cancel={simulation.cancel.clone()}
                    />
                    <CopyLink id="share-link" label="Share link" copy="Copy share link"
                        url={(*share_url).clone()}
                        missing="Enter a valid number of trials to get a link." />
                    <button type="button" id="report-button" class="report-button" onclick={on_show_report}>
                        {"Executive report"}
                    </button>
                    <p class="problem-summary" role="status" data-testid="problem-summary">
                        if let Some(summary) = summary {
                            {summary}
                        }
                    </p>
                    {RunProgress {
                        status: &sim.status,
                        done: sim.done,
                        total: sim.total,
                        blocked: !ready || trials.is_err() || seed.is_err(),
                        outdated,
                    }
                    .view()}
                </section>
                <Results stage_names={(*stage_names).clone()} report={sim.report.clone()} distributions={sim.distributions.clone()} busy={running} stale={outdated || matches!(sim.status, Status::Failed(_))} previous={sim.previous.clone().filter(|_| sim.status == Status::Finished)} />
                <ContextProvider<UnreadFields> context={UnreadFields(on_unread)}>
                    <JourneyEditor scenario={state.scenario.clone()} {problems} on_change={on_edit} toolbar={undo_redo} {on_leave_field} />
                </ContextProvider<UnreadFields>>
                <DecisionTools scenario={state.scenario.clone()} on_change={on_tool_change} />
                <MonthStep scenario={state.scenario.clone()} seed={state.seed().unwrap_or(DEFAULT_SEED)} />
            </main>
        </div>
    }
}

//! The page: the journey editor, the run controls, the share link,
//! progress and results.

use journey_core::{Journey, Problems, Scenario};
use yew::prelude::*;

use crate::app_state::{AppAction, AppState, Edit};
use crate::components::{JourneyEditor, Results, RunControls, RunProgress, ShareLink};
use crate::page_url;
use crate::simulation::{RunRequest, Status, use_simulation};

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

fn warn(what: &str, error: &wasm_bindgen::JsValue) {
    web_sys::console::warn_2(&what.into(), error);
}

/// The state the page opens with: the run in the address's fragment, if any.
fn initial_state() -> AppState {
    match page_url::fragment() {
        Ok(fragment) => AppState::from_fragment(&fragment),
        Err(error) => {
            warn("could not read the page address:", &error);
            AppState::default()
        }
    }
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(initial_state);
    let simulation = use_simulation();
    let problems = use_memo(state.scenario.clone(), |scenario| validate(scenario));
    let sim = &*simulation.state;
    let running = sim.is_running();
    let trials = state.trials();

    let on_trials_change = {
        let state = state.dispatcher();
        Callback::from(move |text: AttrValue| state.dispatch(AppAction::SetTrials(text)))
    };
    let on_edit = {
        let state = state.dispatcher();
        Callback::from(move |edit: Edit| state.dispatch(AppAction::Edit(edit)))
    };
    let on_run = {
        let state = state.clone();
        let run = simulation.run.clone();
        let valid = problems.is_empty();
        Callback::from(move |()| {
            if let (true, Ok(trials)) = (valid, state.trials()) {
                run.emit(RunRequest {
                    scenario: state.scenario_json(),
                    trials,
                    seed: state.seed,
                });
            }
        })
    };

    let fragment = use_memo(
        (
            state.scenario.clone(),
            state.seed,
            state.trials_input.clone(),
        ),
        |_| state.share_fragment(),
    );
    // The address follows the run once it changes; until then a link the
    // page could not open stays in the address bar as it was.
    let opened_with = use_mut_ref(|| (*fragment).clone());
    use_effect_with(fragment.clone(), move |fragment| {
        let changed = *opened_with.borrow() != **fragment;
        if let (true, Some(fragment)) = (changed, fragment.as_deref()) {
            *opened_with.borrow_mut() = Some(fragment.to_string());
            if let Err(error) = page_url::replace_fragment(fragment) {
                warn("could not update the page address:", &error);
            }
        }
    });
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

    let name = if state.scenario.name.is_empty() {
        "Untitled journey".to_string()
    } else {
        state.scenario.name.clone()
    };
    let count = problems.len();
    let summary = (count > 0).then(|| {
        format!(
            "{count} problem{} — fix {} to run",
            if count == 1 { "" } else { "s" },
            if count == 1 { "it" } else { "them" }
        )
    });

    html! {
        <div class="app">
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
                        <p class="link-problem-text">{problem.clone()}</p>
                    </section>
                }
                <section class="panel scenario" aria-labelledby="scenario-heading">
                    <h2 id="scenario-heading">{"Scenario"}</h2>
                    <p class="scenario-name">{name}</p>
                    <p class="scenario-details">{details(&state.scenario)}</p>
                </section>
                <section class="panel run" aria-labelledby="run-heading">
                    <h2 id="run-heading">{"Simulation"}</h2>
                    <RunControls
                        trials={state.trials_input.clone()}
                        trials_error={trials.err().map(AttrValue::from)}
                        can_run={count == 0}
                        {running}
                        {on_trials_change}
                        {on_run}
                        on_cancel={simulation.cancel.clone()}
                    />
                    <ShareLink url={(*share_url).clone()} />
                    <p class="problem-summary" role="status" data-testid="problem-summary">
                        if let Some(summary) = summary {
                            {summary}
                        }
                    </p>
                    <RunProgress status={sim.status.clone()} done={sim.done} total={sim.total} />
                </section>
                <JourneyEditor scenario={state.scenario.clone()} {problems} on_change={on_edit} />
                <Results report={sim.report.clone()} partial={sim.partial.clone()} busy={running} stale={matches!(sim.status, Status::Failed(_))} />
            </main>
        </div>
    }
}

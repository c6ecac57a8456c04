//! The page: the journey editor, the run controls, progress and results.

use journey_core::{Journey, Problems, Scenario};
use yew::prelude::*;

use crate::app_state::{AppAction, AppState, Edit};
use crate::components::{JourneyEditor, Results, RunControls, RunProgress};
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

#[component]
pub fn App() -> Html {
    let state = use_reducer(AppState::default);
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

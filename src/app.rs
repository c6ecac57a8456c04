//! The page: the scenario, the run controls, progress and results.

use journey_core::Journey;
use yew::prelude::*;

use crate::app_state::{AppAction, AppState};
use crate::components::{Results, RunControls, RunProgress};
use crate::simulation::{RunRequest, Status, use_simulation};

/// What the header says about the scenario being simulated.
struct ScenarioSummary {
    name: AttrValue,
    details: AttrValue,
}

fn summarise(scenario: &str) -> Result<ScenarioSummary, AttrValue> {
    let journey = Journey::from_json(scenario).map_err(|problems| problems.to_string())?;
    let source = journey.scenario();
    let options = journey.variant_count() - 1;
    let name = source.name.clone();
    let details = format!(
        "{} months · {} · {} investment option{}",
        journey.months(),
        source.currency,
        options,
        if options == 1 { "" } else { "s" }
    );
    Ok(ScenarioSummary {
        name: if name.is_empty() {
            "Untitled journey".into()
        } else {
            name.into()
        },
        details: details.into(),
    })
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(AppState::default);
    let simulation = use_simulation();
    let summary = use_memo(state.scenario.clone(), |scenario| summarise(scenario));
    let sim = &*simulation.state;
    let running = sim.is_running();
    let trials = state.trials();

    let on_trials_change = {
        let state = state.dispatcher();
        Callback::from(move |text: AttrValue| state.dispatch(AppAction::SetTrials(text)))
    };
    let on_run = {
        let state = state.clone();
        let run = simulation.run.clone();
        Callback::from(move |()| {
            if let Ok(trials) = state.trials() {
                run.emit(RunRequest {
                    scenario: state.scenario.clone(),
                    trials,
                    seed: state.seed,
                });
            }
        })
    };

    let scenario = match &*summary {
        Ok(summary) => html! {
            <>
                <p class="scenario-name">{summary.name.clone()}</p>
                <p class="scenario-details">{summary.details.clone()}</p>
            </>
        },
        Err(problems) => html! {
            <p class="error" role="alert">{"This scenario cannot run: "}{problems.clone()}</p>
        },
    };

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
                    {scenario}
                </section>
                <section class="panel run" aria-labelledby="run-heading">
                    <h2 id="run-heading">{"Simulation"}</h2>
                    <RunControls
                        trials={state.trials_input.clone()}
                        trials_error={trials.err().map(AttrValue::from)}
                        can_run={summary.is_ok()}
                        {running}
                        {on_trials_change}
                        {on_run}
                        on_cancel={simulation.cancel.clone()}
                    />
                    <RunProgress status={sim.status.clone()} done={sim.done} total={sim.total} />
                </section>
                <Results report={sim.report.clone()} busy={running} stale={matches!(sim.status, Status::Failed(_))} />
            </main>
        </div>
    }
}

//! "Export scenario" (a JSON download) and "Import scenario" (a JSON file).

use std::rc::Rc;

use journey_core::{MAX_SCENARIO_BYTES, Scenario};
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::download::download_text;
use super::message;
use crate::format::grouped;
use crate::results_csv::slug;

#[derive(Properties, PartialEq)]
pub struct ScenarioFileProps {
    /// The scenario "Export scenario" downloads.
    pub scenario: Rc<Scenario>,
    /// Receives an imported scenario that parsed (it may still break rules;
    /// the editor shows those in place).
    pub on_import: Callback<Scenario>,
}

/// The download's file name: the journey's name, without any words in
/// brackets, as lower-case words joined by hyphens.
pub fn file_name(name: &str) -> String {
    format!("{}.json", slug(name))
}

/// The message for a file that could not be imported.
pub fn import_problem(file: &str, why: &str) -> String {
    format!("{file} could not be imported; the current journey was kept.\n{why}")
}

#[component]
pub fn ScenarioFile(props: &ScenarioFileProps) -> Html {
    let problem = use_state_eq(|| None::<AttrValue>);

    let on_export = {
        let scenario = props.scenario.clone();
        let problem = problem.setter();
        Callback::from(move |_: MouseEvent| {
            let name = file_name(&scenario.name);
            match download_text(&name, "application/json", &scenario.to_json_pretty()) {
                Ok(()) => problem.set(None),
                Err(error) => {
                    web_sys::console::warn_2(&"could not export the scenario:".into(), &error);
                    problem.set(Some("The scenario could not be exported.".into()));
                }
            }
        })
    };
    let on_file = {
        let on_import = props.on_import.clone();
        let problem = problem.setter();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            // The same file can be chosen again after it is fixed.
            input.set_value("");
            let on_import = on_import.clone();
            let problem = problem.clone();
            let name = file.name();
            // Refused before reading: a file of gigabytes would not fit in
            // the page's memory as text.
            if file.size() > MAX_SCENARIO_BYTES as f64 {
                let why = format!(
                    "The file is {} KB; at most {} KB is accepted.",
                    grouped((file.size() / 1024.0) as u64),
                    grouped((MAX_SCENARIO_BYTES / 1024) as u64)
                );
                problem.set(Some(import_problem(&name, &why).into()));
                return;
            }
            wasm_bindgen_futures::spawn_local(async move {
                let text = JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|text| text.as_string());
                let outcome = match text {
                    None => Err("The file could not be read.".to_string()),
                    Some(text) => Scenario::from_json(&text)
                        .map_err(|problems| problems.introduced_by("The file is not a scenario")),
                };
                match outcome {
                    Ok(scenario) => {
                        problem.set(None);
                        on_import.emit(scenario);
                    }
                    Err(why) => problem.set(Some(import_problem(&name, &why).into())),
                }
            });
        })
    };

    html! {
        <div class="scenario-file">
            <div class="actions">
                <button type="button" onclick={on_export}>{"Export scenario"}</button>
                // The input first, so that its focus can outline the label
                // that stands in for it as a button.
                <input
                    id="import-scenario"
                    class="file-input visually-hidden"
                    type="file"
                    accept=".json,application/json"
                    onchange={on_file}
                />
                <label class="file-button" for="import-scenario">{"Import scenario"}</label>
            </div>
            if let Some(problem) = &*problem {
                <div class="import-problem" role="alert" data-testid="import-problem">
                    {message(problem)}
                </div>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_follow_the_journey() {
        assert_eq!(
            file_name("Subscription retailer (monthly box)"),
            "subscription-retailer.json"
        );
        assert_eq!(
            file_name("B2B SaaS — onboarding!"),
            "b2b-saas-onboarding.json"
        );
        assert_eq!(file_name(""), "journey.json");
        assert_eq!(file_name("(x) / ?"), "journey.json");
    }
}

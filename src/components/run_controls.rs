use web_sys::HtmlInputElement;
use yew::prelude::*;

use journey_core::MAX_TRIALS;

#[derive(Properties, PartialEq)]
pub struct RunControlsProps {
    /// The "Trials" field as typed.
    pub trials: AttrValue,
    /// Why `trials` is not a valid number of trials, if it is not.
    #[prop_or_default]
    pub trials_error: Option<AttrValue>,
    /// Whether the scenario can run at all.
    pub can_run: bool,
    pub running: bool,
    pub on_trials_change: Callback<AttrValue>,
    pub on_run: Callback<()>,
    pub on_cancel: Callback<()>,
}

/// The number of trials, "Run simulation" and "Cancel".
#[component]
pub fn RunControls(props: &RunControlsProps) -> Html {
    let oninput = props.on_trials_change.reform(|event: InputEvent| {
        AttrValue::from(event.target_unchecked_into::<HtmlInputElement>().value())
    });
    let onsubmit = props
        .on_run
        .reform(|event: SubmitEvent| event.prevent_default());
    let on_cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let invalid = props.trials_error.is_some();

    html! {
        <form class="run-controls" {onsubmit} novalidate=true>
            <div class="field">
                <label for="trials">{"Trials"}</label>
                <input
                    id="trials"
                    name="trials"
                    type="number"
                    inputmode="numeric"
                    min="1"
                    max={MAX_TRIALS.to_string()}
                    step="1"
                    value={props.trials.clone()}
                    aria-invalid={invalid.to_string()}
                    aria-describedby={invalid.then_some("trials-error")}
                    disabled={props.running}
                    {oninput}
                />
                if let Some(error) = &props.trials_error {
                    <p id="trials-error" class="field-error">{error.clone()}</p>
                }
            </div>
            <div class="actions">
                <button
                    type="submit"
                    class="primary"
                    disabled={props.running || invalid || !props.can_run}
                >
                    {"Run simulation"}
                </button>
                <button type="button" onclick={on_cancel} disabled={!props.running}>
                    {"Cancel"}
                </button>
            </div>
        </form>
    }
}

use web_sys::HtmlInputElement;
use yew::prelude::*;

use journey_core::MAX_TRIALS;

use crate::format::grouped;

/// Runs of at most this many trials start by themselves after a change
/// (when "Re-run after each change" is on); larger ones wait for the button.
pub const AUTO_RUN_MAX_TRIALS: u32 = 20_000;

#[derive(Properties, PartialEq)]
pub struct RunControlsProps {
    /// The "Trials" field as typed.
    pub trials: AttrValue,
    /// Why `trials` is not a valid number of trials, if it is not.
    #[prop_or_default]
    pub trials_error: Option<AttrValue>,
    /// The "Seed" field as typed.
    pub seed: AttrValue,
    /// Why `seed` is not a valid seed, if it is not.
    #[prop_or_default]
    pub seed_error: Option<AttrValue>,
    /// Whether the scenario can run at all.
    pub can_run: bool,
    pub running: bool,
    /// Whether small runs start by themselves after each change.
    pub auto_run: bool,
    pub on_trials_change: Callback<AttrValue>,
    pub on_seed_change: Callback<AttrValue>,
    pub on_new_seed: Callback<()>,
    pub on_auto_run_change: Callback<bool>,
    pub on_run: Callback<()>,
    pub on_cancel: Callback<()>,
}

fn input_text(event: InputEvent) -> AttrValue {
    AttrValue::from(event.target_unchecked_into::<HtmlInputElement>().value())
}

/// The number of trials, the seed, "Run simulation" and "Cancel". Both
/// fields stay editable during a run: a change applies to the next one.
#[component]
pub fn RunControls(props: &RunControlsProps) -> Html {
    let on_trials = props.on_trials_change.reform(input_text);
    let on_seed = props.on_seed_change.reform(input_text);
    let on_new_seed = props.on_new_seed.reform(|_: MouseEvent| ());
    let on_auto_run = props
        .on_auto_run_change
        .reform(|event: Event| event.target_unchecked_into::<HtmlInputElement>().checked());
    let trials_invalid = props.trials_error.is_some();
    let seed_invalid = props.seed_error.is_some();
    // The buttons are aria-disabled, not disabled: a disabled button drops
    // the keyboard's focus to the page, as a run starting or ending would.
    let run_blocked = props.running || trials_invalid || seed_invalid || !props.can_run;
    let onsubmit = {
        let on_run = props.on_run.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if !run_blocked {
                on_run.emit(());
            }
        })
    };
    let on_cancel = {
        let (on_cancel, running) = (props.on_cancel.clone(), props.running);
        Callback::from(move |_: MouseEvent| {
            if running {
                on_cancel.emit(());
            }
        })
    };

    html! {
        <form class="run-controls" {onsubmit} novalidate=true>
            <div class="run-fields">
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
                        aria-invalid={trials_invalid.to_string()}
                        aria-describedby={trials_invalid.then_some("trials-error")}
                        oninput={on_trials}
                    />
                    if let Some(error) = &props.trials_error {
                        <p id="trials-error" class="field-error">{error.clone()}</p>
                    }
                </div>
                <div class="field seed-field">
                    <label for="seed">{"Seed"}</label>
                    <div class="seed-row">
                        <input
                            id="seed"
                            name="seed"
                            type="text"
                            inputmode="numeric"
                            autocomplete="off"
                            spellcheck="false"
                            value={props.seed.clone()}
                            aria-invalid={seed_invalid.to_string()}
                            aria-describedby={if seed_invalid { "seed-error" } else { "seed-help" }}
                            oninput={on_seed}
                        />
                        <button type="button" onclick={on_new_seed}>{"New seed"}</button>
                    </div>
                    if let Some(error) = &props.seed_error {
                        <p id="seed-error" class="field-error">{error.clone()}</p>
                    } else {
                        <p id="seed-help" class="field-help">
                            {"The same seed and trials give the same numbers, on any device."}
                        </p>
                    }
                </div>
            </div>
            <label class="auto-run">
                <input type="checkbox" checked={props.auto_run} onchange={on_auto_run} />
                {format!(
                    " Re-run after each change (up to {} trials)",
                    grouped(u64::from(AUTO_RUN_MAX_TRIALS))
                )}
            </label>
            <div class="actions">
                <button type="submit" class="primary" aria-disabled={run_blocked.then_some("true")}>
                    {"Run simulation"}
                </button>
                <button type="button" onclick={on_cancel}
                    aria-disabled={(!props.running).then_some("true")}>
                    {"Cancel"}
                </button>
            </div>
        </form>
    }
}

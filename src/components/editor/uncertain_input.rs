use journey_core::Uncertain;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{FieldProblems, NumberInput};

#[derive(Properties, PartialEq)]
pub struct UncertainInputProps {
    pub id: AttrValue,
    /// The visible label, also the start of every accessible name here.
    pub label: AttrValue,
    pub value: Uncertain,
    /// The engine's messages for this field.
    #[prop_or_default]
    pub problems: Vec<AttrValue>,
    pub on_change: Callback<Uncertain>,
}

/// A value that is a point or, with "range" ticked, a 90% interval from
/// low to high.
#[component]
pub fn UncertainInput(props: &UncertainInputProps) -> Html {
    let id = &props.id;
    let label = &props.label;
    let problems_id = AttrValue::from(format!("{id}-problems"));
    let invalid = !props.problems.is_empty();
    let described_by = invalid.then(|| problems_id.clone());
    let value = props.value;

    let on_toggle = {
        let on_change = props.on_change.clone();
        Callback::from(move |event: Event| {
            let ranged = event.target_unchecked_into::<HtmlInputElement>().checked();
            on_change.emit(match (ranged, value) {
                (true, Uncertain::Point(x)) => Uncertain::Range { low: x, high: x },
                (false, Uncertain::Range { .. }) => Uncertain::Point(value.central()),
                _ => value,
            });
        })
    };

    let inputs = match value {
        Uncertain::Point(x) => html! {
            <NumberInput
                id={id.clone()}
                value={x}
                {invalid}
                described_by={described_by.clone()}
                on_change={props.on_change.reform(Uncertain::Point)}
            />
        },
        Uncertain::Range { low, high } => html! {
            <>
                <NumberInput
                    id={format!("{id}-low")}
                    value={low}
                    aria_label={format!("{label} low")}
                    {invalid}
                    described_by={described_by.clone()}
                    on_change={props.on_change.reform(move |low| Uncertain::Range { low, high })}
                />
                <span class="range-to" aria-hidden="true">{"to"}</span>
                <NumberInput
                    id={format!("{id}-high")}
                    value={high}
                    aria_label={format!("{label} high")}
                    {invalid}
                    described_by={described_by.clone()}
                    on_change={props.on_change.reform(move |high| Uncertain::Range { low, high })}
                />
            </>
        },
    };
    let ranged = matches!(value, Uncertain::Range { .. });
    let label_for = if ranged {
        format!("{id}-low")
    } else {
        id.to_string()
    };

    html! {
        <div class="field uncertain">
            <label for={label_for}>{label.clone()}</label>
            <div class={classes!("uncertain-inputs", ranged.then_some("ranged"))}>
                {inputs}
                <label class="range-toggle">
                    <input
                        type="checkbox"
                        checked={ranged}
                        aria-label={format!("{label}: range")}
                        onchange={on_toggle}
                    />
                    {"range"}
                </label>
            </div>
            <FieldProblems id={problems_id} problems={props.problems.clone()} />
        </div>
    }
}

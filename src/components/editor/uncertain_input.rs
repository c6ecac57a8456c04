use journey_core::{Param, Uncertain};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{NumberInput, field_problems};
use crate::components::charts::distribution_preview;

/// How the engine reads a range (MODEL.md §2): a probability as a Beta,
/// an amount or rate as a lognormal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    Probability,
    Amount,
}

impl ValueKind {
    /// The distribution behind `low..high`, if the range is valid.
    pub fn param(self, low: f64, high: f64) -> Option<Param> {
        if !(low.is_finite() && high.is_finite() && low < high) {
            return None;
        }
        match self {
            ValueKind::Probability if low >= 0.0 && high <= 1.0 => {
                Param::probability(low, high).ok()
            }
            ValueKind::Amount => Param::amount(low, high).ok(),
            ValueKind::Probability => None,
        }
    }
}

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
    /// How a range is read: the engine's rule for this field.
    pub kind: ValueKind,
    /// More classes for the field, for its place in a layout.
    #[prop_or_default]
    pub class: Classes,
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
    let kind = props.kind;
    let preview = match value {
        Uncertain::Range { low, high } => kind.param(low, high),
        Uncertain::Point(_) => None,
    };
    let label_for = if ranged {
        format!("{id}-low")
    } else {
        id.to_string()
    };

    html! {
        <div class={classes!("field", "uncertain", props.class.clone())}>
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
            { for preview.as_ref().map(distribution_preview) }
            {field_problems(problems_id, props.problems.clone())}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_valid_ranges_have_a_distribution() {
        let p = ValueKind::Probability;
        assert!(matches!(p.param(0.2, 0.4), Some(Param::Beta { .. })));
        assert_eq!(p.param(0.4, 0.4), None);
        assert_eq!(p.param(0.4, 0.2), None);
        assert_eq!(p.param(0.5, 1.5), None);
        assert_eq!(p.param(f64::NAN, 0.5), None);
        let a = ValueKind::Amount;
        assert!(matches!(a.param(10.0, 40.0), Some(Param::LogNormal { .. })));
        assert_eq!(a.param(0.0, 40.0), None);
    }
}

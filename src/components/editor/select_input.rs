use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// One choice of a [`SelectInput`].
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub value: AttrValue,
    pub label: AttrValue,
    /// Offered but not choosable; the label says why.
    pub disabled: bool,
    /// The heading of the group this choice is listed under, if any;
    /// choices of one group come one after another.
    pub group: Option<AttrValue>,
}

impl Choice {
    pub fn new(value: impl Into<AttrValue>, label: impl Into<AttrValue>) -> Choice {
        Choice {
            value: value.into(),
            label: label.into(),
            disabled: false,
            group: None,
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct SelectInputProps {
    pub id: AttrValue,
    /// The value of the chosen choice.
    pub value: AttrValue,
    pub choices: Vec<Choice>,
    /// The accessible name when no visible `<label for>` names the select.
    #[prop_or_default]
    pub aria_label: Option<AttrValue>,
    /// The field has validation problems (shown by the parent).
    #[prop_or_default]
    pub invalid: bool,
    #[prop_or_default]
    pub described_by: Option<AttrValue>,
    pub on_change: Callback<String>,
}

/// A select that always shows `value`. Lists render by position, so one
/// select may show another item after an edit; an option's `selected`
/// attribute no longer moves the choice once the user has chosen, so the
/// select's value is set after every render instead.
#[component]
pub fn SelectInput(props: &SelectInputProps) -> Html {
    let select = use_node_ref();
    {
        let select = select.clone();
        let value = props.value.clone();
        use_effect(move || {
            if let Some(select) = select.cast::<HtmlSelectElement>()
                && select.value() != value.as_str()
            {
                select.set_value(&value);
            }
        });
    }
    let onchange = props
        .on_change
        .reform(|event: Event| event.target_unchecked_into::<HtmlSelectElement>().value());
    html! {
        <select
            ref={select}
            id={props.id.clone()}
            aria-label={props.aria_label.clone()}
            aria-invalid={props.invalid.to_string()}
            aria-describedby={props.described_by.clone()}
            {onchange}
        >
            { for props.choices.chunk_by(|a, b| a.group == b.group).map(|run| {
                let options = run.iter().map(|c| html! {
                    <option value={c.value.clone()} selected={c.value == props.value} disabled={c.disabled}>
                        {c.label.clone()}
                    </option>
                });
                match &run[0].group {
                    Some(label) => html! { <optgroup label={label.clone()}>{ for options }</optgroup> },
                    None => options.collect::<Html>(),
                }
            }) }
        </select>
    }
}

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FieldProblemsProps {
    /// The id fields point their `aria-describedby` at.
    pub id: AttrValue,
    pub problems: Vec<AttrValue>,
}

/// The validation messages for one field, rendered next to it (as text,
/// never as HTML).
#[component]
pub fn FieldProblems(props: &FieldProblemsProps) -> Html {
    if props.problems.is_empty() {
        return Html::default();
    }
    html! {
        <ul id={props.id.clone()} class="field-problems">
            { for props.problems.iter().map(|m| html! { <li>{m.clone()}</li> }) }
        </ul>
    }
}

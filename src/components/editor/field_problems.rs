use yew::prelude::*;

/// The validation messages for one field, rendered next to it (as text,
/// never as HTML), in a list with `id`, which the field points its
/// `aria-describedby` at. A plain function rather than a component: it is
/// small enough to redraw with its field.
pub fn field_problems(id: impl Into<AttrValue>, problems: Vec<AttrValue>) -> Html {
    if problems.is_empty() {
        return Html::default();
    }
    html! {
        <ul id={id.into()} class="field-problems">
            { for problems.into_iter().map(|m| html! { <li>{m}</li> }) }
        </ul>
    }
}

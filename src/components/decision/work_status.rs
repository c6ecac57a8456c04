use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct WorkStatusProps {
    pub busy: bool,
    pub took_ms: Option<f64>,
    /// What is shown while busy, e.g. "Analysing…".
    pub label: AttrValue,
}

/// "Analysing…" while a question is being worked out, then how long the
/// last answer took; announced politely.
#[component]
pub fn WorkStatus(props: &WorkStatusProps) -> Html {
    let text = if props.busy {
        props.label.to_string()
    } else {
        props
            .took_ms
            .map(|ms| format!("Worked out in {} ms, off the page.", ms.round()))
            .unwrap_or_default()
    };
    html! {
        <p class="decision-status" role="status" data-testid="decision-status"
            data-busy={props.busy.to_string()}
            data-ms={props.took_ms.map(|ms| ms.to_string())}>
            {text}
        </p>
    }
}

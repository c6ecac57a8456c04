use yew::prelude::*;

use super::use_decision_work::Progress;

#[derive(Properties, PartialEq)]
pub struct WorkStatusProps {
    pub busy: bool,
    pub took_ms: Option<f64>,
    /// What is shown while busy, e.g. "Analysing…".
    pub label: AttrValue,
    /// How far a long question is, once the worker has said.
    #[prop_or_default]
    pub progress: Option<Progress>,
}

/// "Analysing…" while a question is being worked out, then how long the
/// last answer took; announced politely. A long question also shows a
/// progress bar and the time left, outside the announced text so that
/// they do not interrupt.
#[component]
pub fn WorkStatus(props: &WorkStatusProps) -> Html {
    let text = if props.busy {
        props.label.to_string()
    } else {
        props
            .took_ms
            .map(|ms| format!("Worked out in {}, off the page.", duration(ms)))
            .unwrap_or_default()
    };
    let progress = props.progress.filter(|_| props.busy).map(|p| {
        html! {
            <p class="decision-progress" data-testid="decision-progress">
                <progress max="1" value={p.share.to_string()} aria-label={props.label.clone()} />
                <span>{time_left(p.left_ms)}</span>
            </p>
        }
    });
    html! {
        <>
            <p class="decision-status" role="status" data-testid="decision-status"
                data-busy={props.busy.to_string()}
                data-ms={props.took_ms.map(|ms| ms.to_string())}>
                {text}
            </p>
            {progress}
        </>
    }
}

/// `850 ms`, `12 s`, `3 min`.
fn duration(ms: f64) -> String {
    if ms < 10_000.0 {
        format!("{} ms", ms.round())
    } else if ms < 120_000.0 {
        format!("{} s", (ms / 1_000.0).round())
    } else {
        format!("{} min", (ms / 60_000.0).round())
    }
}

/// `about 12 s left` at the pace so far; nothing before there is a pace.
fn time_left(ms: f64) -> String {
    if !ms.is_finite() {
        return String::new();
    }
    if ms < 60_000.0 {
        format!("about {} s left", (ms / 1_000.0).ceil().max(1.0))
    } else {
        format!("about {} min left", (ms / 60_000.0).ceil())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_in_a_unit_that_fits() {
        assert_eq!(duration(849.6), "850 ms");
        assert_eq!(duration(12_400.0), "12 s");
        assert_eq!(duration(300_000.0), "5 min");
        assert_eq!(time_left(200.0), "about 1 s left");
        assert_eq!(time_left(12_100.0), "about 13 s left");
        assert_eq!(time_left(150_000.0), "about 3 min left");
        assert_eq!(time_left(f64::INFINITY), "");
    }
}

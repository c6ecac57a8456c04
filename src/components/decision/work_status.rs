use yew::prelude::*;

use super::use_decision_work::Progress;

/// "Analysing…" (`label`) while a question is being worked out (`busy`),
/// then how long the last answer took; announced politely. A long question
/// also shows a progress bar and the time left once the worker has said
/// how far it is, outside the announced text so that they do not
/// interrupt.
pub fn work_status(
    busy: bool,
    took_ms: Option<f64>,
    label: &'static str,
    progress: Option<Progress>,
) -> Html {
    let text = if busy {
        label.to_string()
    } else {
        took_ms
            .map(|ms| format!("Worked out in {}, off the page.", duration(ms)))
            .unwrap_or_default()
    };
    let progress = progress.filter(|_| busy).map(|p| {
        html! {
            <p class="decision-progress" data-testid="decision-progress">
                <progress max="1" value={p.share.to_string()} aria-label={label} />
                <span>{time_left(p.left_ms)}</span>
            </p>
        }
    });
    html! {
        <>
            <p class="decision-status" role="status" data-testid="decision-status"
                data-busy={busy.to_string()}
                data-ms={took_ms.map(|ms| ms.to_string())}>
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

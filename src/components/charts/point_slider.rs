//! A chart's plot as a slider over its points (a fan chart's months, the
//! budget frontier's budgets) or rows (the flow diagram's stages): the
//! pointer picks the point under it (a mouse while over the plot; a finger
//! where it taps or lifts, until a tap elsewhere), and with focus the arrow
//! keys, Page Up and Down, Home and End step through them. Only the point
//! shown is put into words, so a chart costs the same to draw however many
//! points it has.

use wasm_bindgen::JsCast;
use web_sys::{Element, SvgElement};
use yew::prelude::*;

use super::axes::Frame;

/// The point shown, and the handlers of the area that picks it.
pub struct PointSlider {
    /// The point shown, from 0; `None` while the pointer is elsewhere and
    /// the area has no focus.
    pub shown: Option<usize>,
    /// Move, up, leave and cancel.
    onpointer: Callback<PointerEvent>,
    onfocus: Callback<FocusEvent>,
    onblur: Callback<FocusEvent>,
    onkeydown: Callback<KeyboardEvent>,
}

/// How a readout's text is set. A chart's units grow and shrink with the
/// chart: drawn up to 368 px wide (on a phone, say) a readout takes
/// larger text in shorter lines, drawn 464 px or wider (one to a row on a
/// tablet) smaller text in longer ones. Every type is drawn, and the
/// stylesheet shows the one for the chart's width (`styles/results.css`).
#[derive(Clone, Copy)]
pub struct ReadoutType {
    /// The class the stylesheet tells them apart by.
    pub class: &'static str,
    /// Height of a line, in the chart's units.
    pub line: f64,
    /// Rough width of a character, to size the readout's box.
    pub char_width: f64,
}

/// Text of 11 units in a chart of 340 to 464 px, of 15 in a narrower one,
/// of 9 in a wider one.
pub const READOUT_TYPES: [ReadoutType; 3] = [
    ReadoutType {
        class: "readout-wide",
        line: 15.0,
        char_width: 7.2,
    },
    ReadoutType {
        class: "readout-narrow",
        line: 20.0,
        char_width: 9.8,
    },
    ReadoutType {
        class: "readout-widest",
        line: 12.3,
        char_width: 5.9,
    },
];

impl ReadoutType {
    /// Characters that fit a box as wide as `frame`'s plot.
    pub fn line_chars(&self, frame: &Frame) -> usize {
        ((frame.plot_width() - 16.0) / self.char_width) as usize
    }
}

/// How a slider's points lie over its area.
#[derive(Clone, Copy, PartialEq)]
pub enum Points {
    /// From its left edge to its right one, as a chart's months; the focus
    /// starts on the last, and up and right step to the next.
    Across,
    /// One to a row from the top, as the flow diagram's stages; the focus
    /// starts on the first, and down and right step to the next.
    Rows,
}

/// What the slider says of the point it is on.
pub struct SliderValue {
    pub min: f64,
    pub max: f64,
    pub now: f64,
    pub text: String,
}

impl PointSlider {
    /// The transparent area over `frame`'s plot that is the slider, named
    /// `label`. Drawn before the readout, and always, so that the area (and
    /// its focus) stays the same element when the readout comes and goes.
    pub fn area(&self, frame: &Frame, label: String, value: SliderValue) -> Html {
        html! {
            <rect class="slider-area" x={frame.left.to_string()} y={frame.top.to_string()}
                width={frame.plot_width().to_string()} height={frame.plot_height().to_string()}
                tabindex="0" role="slider" aria-label={label}
                aria-valuemin={value.min.to_string()} aria-valuemax={value.max.to_string()}
                aria-valuenow={value.now.to_string()} aria-valuetext={value.text}
                onpointermove={self.onpointer.clone()} onpointerup={self.onpointer.clone()}
                onpointerleave={self.onpointer.clone()} onpointercancel={self.onpointer.clone()}
                onfocus={self.onfocus.clone()} onblur={self.onblur.clone()}
                onkeydown={self.onkeydown.clone()} />
        }
    }
}

/// The point under the pointer, from where it is on the area (the event's
/// target: yew delegates events, so `current_target` is its root).
fn point_at(event: &PointerEvent, count: usize, points: Points) -> Option<usize> {
    let area: Element = event.target()?.dyn_into().ok()?;
    let rect = area.get_bounding_client_rect();
    let (at, start, length) = match points {
        Points::Across => (event.client_x(), rect.left(), rect.width()),
        Points::Rows => (event.client_y(), rect.top(), rect.height()),
    };
    if length <= 0.0 {
        return None;
    }
    let share = ((f64::from(at) - start) / length).clamp(0.0, 1.0);
    Some(match points {
        Points::Across => (share * (count - 1) as f64).round() as usize,
        Points::Rows => ((share * count as f64) as usize).min(count - 1),
    })
}

/// Whether the area an event happened on has the keyboard's focus.
fn target_focused(event: &PointerEvent) -> bool {
    let focused = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .map(web_sys::EventTarget::from);
    focused.is_some() && focused == event.target()
}

/// Gives the focus to the area an event happened on.
fn focus_target(event: &PointerEvent) {
    if let Some(area) = event.target().and_then(|t| t.dyn_into::<SvgElement>().ok()) {
        // Focus fails only on an element that cannot take it.
        let _ = area.focus();
    }
}

/// The point a key moves to from `now`, among `count` points, Page Up and
/// Down moving `page` of them; `None` for any other key. Rows step down
/// where points step up: the next stage is the row below.
fn key_step(key: &str, now: usize, count: usize, page: usize, points: Points) -> Option<usize> {
    let last = count - 1;
    let key = match (points, key) {
        (Points::Rows, "ArrowUp") => "ArrowDown",
        (Points::Rows, "ArrowDown") => "ArrowUp",
        (Points::Rows, "PageUp") => "PageDown",
        (Points::Rows, "PageDown") => "PageUp",
        _ => key,
    };
    Some(match key {
        "ArrowLeft" | "ArrowDown" => now.saturating_sub(1),
        "ArrowRight" | "ArrowUp" => (now + 1).min(last),
        "PageDown" => now.saturating_sub(page),
        "PageUp" => (now + page).min(last),
        "Home" => 0,
        "End" => last,
        _ => return None,
    })
}

/// A slider over `count` points (at least 1).
#[hook]
pub fn use_point_slider(count: usize, page: usize, points: Points) -> PointSlider {
    let shown = use_state_eq(|| None::<usize>);
    let count = count.max(1);
    let last = count - 1;
    let start = match points {
        Points::Across => last,
        Points::Rows => 0,
    };
    // One handler for the pointer's events: a mouse shows the point under
    // it while over the plot. A finger leaves the plot as it lifts: its
    // point stays shown, and the plot takes the focus (a tap would focus it
    // only after the point is set, a drag not at all), so that a tap
    // elsewhere (blur) hides it; a cancel is the browser taking the touch
    // over to scroll the page. A mouse leaving a plot that has the focus
    // leaves its point shown, as the keys left it or the mouse moved it.
    let onpointer = {
        let shown = shown.clone();
        Callback::from(move |event: PointerEvent| {
            let mouse = event.pointer_type() == "mouse";
            let kind = event.type_();
            match kind.as_str() {
                "pointerleave" if mouse && !target_focused(&event) => shown.set(None),
                "pointercancel" => shown.set(None),
                "pointermove" | "pointerup" => {
                    if let Some(at) = point_at(&event, count, points) {
                        shown.set(Some(at));
                    }
                    if kind == "pointerup" && !mouse {
                        focus_target(&event);
                    }
                }
                _ => {}
            }
        })
    };
    let onfocus = {
        let shown = shown.clone();
        Callback::from(move |_: FocusEvent| {
            if shown.is_none() {
                shown.set(Some(start));
            }
        })
    };
    let onblur = {
        let shown = shown.clone();
        Callback::from(move |_: FocusEvent| shown.set(None))
    };
    let onkeydown = {
        let shown = shown.clone();
        Callback::from(move |event: KeyboardEvent| {
            let now = (*shown).unwrap_or(start).min(last);
            if let Some(next) = key_step(&event.key(), now, count, page, points) {
                event.prevent_default();
                shown.set(Some(next));
            }
        })
    };
    PointSlider {
        shown: (*shown).map(|at| at.min(last)),
        onpointer,
        onfocus,
        onblur,
        onkeydown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_step_within_the_points() {
        let step = |key, now, count, page| key_step(key, now, count, page, Points::Across);
        assert_eq!(step("ArrowLeft", 0, 5, 12), Some(0));
        assert_eq!(step("ArrowUp", 3, 5, 12), Some(4));
        assert_eq!(step("ArrowRight", 4, 5, 12), Some(4));
        assert_eq!(step("PageUp", 1, 30, 12), Some(13));
        assert_eq!(step("PageUp", 20, 30, 12), Some(29));
        assert_eq!(step("PageDown", 5, 30, 12), Some(0));
        assert_eq!(step("Home", 3, 5, 12), Some(0));
        assert_eq!(step("End", 0, 5, 12), Some(4));
        assert_eq!(step("Tab", 2, 5, 12), None);
        assert_eq!(step("End", 0, 1, 12), Some(0));
    }

    #[test]
    fn down_steps_to_the_next_row() {
        let step = |key, now| key_step(key, now, 9, 3, Points::Rows);
        assert_eq!(step("ArrowDown", 2), Some(3));
        assert_eq!(step("ArrowRight", 2), Some(3));
        assert_eq!(step("ArrowUp", 2), Some(1));
        assert_eq!(step("ArrowLeft", 0), Some(0));
        assert_eq!(step("ArrowDown", 8), Some(8));
        assert_eq!(step("PageDown", 2), Some(5));
        assert_eq!(step("PageUp", 2), Some(0));
        assert_eq!(step("Home", 4), Some(0));
        assert_eq!(step("End", 4), Some(8));
    }
}

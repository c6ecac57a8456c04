//! A chart's plot as a slider over its points (a fan chart's months, the
//! budget frontier's budgets): the pointer picks the point under it (a
//! mouse while over the plot; a finger where it taps or lifts, until a tap
//! elsewhere), and with focus the arrow keys, Page Up and Down, Home and
//! End step through them. Only the point shown is put into words, so a
//! chart costs the same to draw however many points it has.

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
/// chart: drawn narrower than 340 px (on a phone, say) a readout takes
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

/// The point under the pointer, from where it is across the area (the
/// event's target: yew delegates events, so `current_target` is its root).
fn point_at(event: &PointerEvent, count: usize) -> Option<usize> {
    let area: Element = event.target()?.dyn_into().ok()?;
    let rect = area.get_bounding_client_rect();
    if rect.width() <= 0.0 {
        return None;
    }
    let share = ((f64::from(event.client_x()) - rect.left()) / rect.width()).clamp(0.0, 1.0);
    Some((share * (count - 1) as f64).round() as usize)
}

/// Gives the focus to the area an event happened on.
fn focus_target(event: &PointerEvent) {
    if let Some(area) = event.target().and_then(|t| t.dyn_into::<SvgElement>().ok()) {
        // Focus fails only on an element that cannot take it.
        let _ = area.focus();
    }
}

/// The point a key moves to from `now`, among `count` points, Page Up and
/// Down moving `page` of them; `None` for any other key.
fn key_step(key: &str, now: usize, count: usize, page: usize) -> Option<usize> {
    let last = count - 1;
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

/// A slider over `count` points (at least 1); focus starts on the last.
#[hook]
pub fn use_point_slider(count: usize, page: usize) -> PointSlider {
    let shown = use_state_eq(|| None::<usize>);
    let count = count.max(1);
    let last = count - 1;
    // One handler for the pointer's events: a mouse shows the point under
    // it while over the plot. A finger leaves the plot as it lifts: its
    // point stays shown, and the plot takes the focus (a tap would focus it
    // only after the point is set, a drag not at all), so that a tap
    // elsewhere (blur) hides it; a cancel is the browser taking the touch
    // over to scroll the page.
    let onpointer = {
        let shown = shown.clone();
        Callback::from(move |event: PointerEvent| {
            let mouse = event.pointer_type() == "mouse";
            let kind = event.type_();
            match kind.as_str() {
                "pointerleave" if mouse => shown.set(None),
                "pointercancel" => shown.set(None),
                "pointermove" | "pointerup" => {
                    if let Some(at) = point_at(&event, count) {
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
                shown.set(Some(last));
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
            let now = (*shown).unwrap_or(last).min(last);
            if let Some(next) = key_step(&event.key(), now, count, page) {
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
        assert_eq!(key_step("ArrowLeft", 0, 5, 12), Some(0));
        assert_eq!(key_step("ArrowUp", 3, 5, 12), Some(4));
        assert_eq!(key_step("ArrowRight", 4, 5, 12), Some(4));
        assert_eq!(key_step("PageUp", 1, 30, 12), Some(13));
        assert_eq!(key_step("PageUp", 20, 30, 12), Some(29));
        assert_eq!(key_step("PageDown", 5, 30, 12), Some(0));
        assert_eq!(key_step("Home", 3, 5, 12), Some(0));
        assert_eq!(key_step("End", 0, 5, 12), Some(4));
        assert_eq!(key_step("Tab", 2, 5, 12), None);
        assert_eq!(key_step("End", 0, 1, 12), Some(0));
    }
}

//! The frame every x–y chart draws in: the plot area inside its SVG, the
//! horizontal grid with the value labels on the left, and the x axis with
//! its ticks and title, so all charts read alike. Labels that would reach
//! past the frame's edges widen the view box, so a chart never draws text
//! outside its own box (onto the card's border, or cut in a download).

use yew::prelude::*;

use super::scale::Scale;

/// A chart's SVG size and the margins around its plot area, where the axis
/// labels go.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    pub width: f64,
    pub height: f64,
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

impl Frame {
    /// The frame widened left and right by `overhang`.
    pub fn view_box(&self, overhang: Overhang) -> String {
        let (left, right) = overhang.whole();
        // 0 − left, not −left: no "-0" where nothing reaches out.
        format!(
            "{} 0 {} {}",
            0.0 - left,
            self.width + left + right,
            self.height
        )
    }

    /// The y coordinate of the x axis: the bottom of the plot area.
    pub fn base(&self) -> f64 {
        self.height - self.bottom
    }

    pub fn plot_width(&self) -> f64 {
        self.width - self.left - self.right
    }

    pub fn plot_height(&self) -> f64 {
        self.height - self.top - self.bottom
    }

    /// The middle of the plot area, left to right.
    pub fn centre_x(&self) -> f64 {
        (self.left + self.width - self.right) / 2.0
    }

    /// Maps `domain` onto the plot area left to right.
    pub fn x_scale(&self, domain: (f64, f64)) -> Scale {
        Scale::new(domain, (self.left, self.width - self.right))
    }

    /// Maps `domain` onto the plot area bottom to top.
    pub fn y_scale(&self, domain: (f64, f64)) -> Scale {
        Scale::new(domain, (self.base(), self.top))
    }
}

/// The largest chart text, in chart units: the page sets 8.5 to 15 by the
/// chart's width (styles/app.css), paper 14 (styles/report.css).
pub const LARGEST_TEXT: f64 = 15.0;

/// The width of `text` at `size`, on the generous side: the advance widths
/// of DejaVu Sans, wider than the usual interface fonts.
pub fn text_width(text: &str, size: f64) -> f64 {
    let ems: f64 = text
        .chars()
        .map(|c| match c {
            '\u{2060}' | '\u{200b}' => 0.0,
            '.' | ',' | ':' | ';' | '\'' | 'i' | 'j' | 'l' | '|' | '!' => 0.34,
            ' ' | '-' | '(' | ')' | 'f' | 'r' | 't' => 0.42,
            '+' | '−' | '=' | '<' | '>' | '±' | '×' => 0.84,
            '%' => 0.95,
            // East Asian scripts are a whole em wide.
            'm' | 'w' | 'M' | 'W' | '…' | '\u{2e80}'..='\u{ffdc}' => 1.0,
            c if c.is_ascii_uppercase() => 0.78,
            _ => 0.64,
        })
        .sum();
    ems * size
}

/// How far labels at the largest text reach past a frame's left and right
/// edges, in chart units; the view box takes them in.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Overhang {
    pub left: f64,
    pub right: f64,
}

impl Overhang {
    /// The room to add left and right: whole units, none where labels fit.
    pub fn whole(self) -> (f64, f64) {
        (self.left.max(0.0).ceil(), self.right.max(0.0).ceil())
    }

    /// As far as either reaches on each side.
    pub fn max(self, other: Overhang) -> Overhang {
        Overhang {
            left: self.left.max(other.left),
            right: self.right.max(other.right),
        }
    }
}

/// A horizontal grid line at each tick, labelled on the left; with how far
/// the labels reach left of the frame.
pub fn y_grid(
    frame: &Frame,
    y: &Scale,
    ticks: impl IntoIterator<Item = f64>,
    label: impl Fn(f64) -> String,
) -> (Html, Overhang) {
    labelled_y_grid(frame, y, ticks.into_iter().map(|t| (t, label(t))).collect())
}

// One copy of the drawing, whatever the caller's label function.
fn labelled_y_grid(frame: &Frame, y: &Scale, ticks: Vec<(f64, String)>) -> (Html, Overhang) {
    const GAP: f64 = 6.0;
    let (x1, x2) = (
        frame.left.to_string(),
        (frame.width - frame.right).to_string(),
    );
    let label_x = (frame.left - GAP).to_string();
    let mut overhang = Overhang::default();
    let grid = ticks
        .into_iter()
        .map(|(t, text)| {
            overhang.left = overhang
                .left
                .max(text_width(&text, LARGEST_TEXT) + GAP - frame.left);
            let at = y.map(t);
            // The label of a tick on the x axis sits just above it, clear of
            // the x axis's first label in the corner below, at any text size.
            let (dy, baseline) = if (at - frame.base()).abs() < 0.5 {
                ("-0.25em", "alphabetic")
            } else {
                ("0", "middle")
            };
            let ty = at.to_string();
            html! {
                <g class="tick">
                    <line class="grid" x1={x1.clone()} x2={x2.clone()} y1={ty.clone()} y2={ty.clone()} />
                    <text class="tick-label" x={label_x.clone()} y={ty} {dy}
                        text-anchor="end" dominant-baseline={baseline}>{text}</text>
                </g>
            }
        })
        .collect();
    (grid, overhang)
}

/// The x axis along the bottom of the plot area: its line, a labelled tick
/// at each of `ticks`, and `title` centred below; with how far the labels
/// at its ends reach past the frame.
pub fn x_axis(
    frame: &Frame,
    x: &Scale,
    ticks: impl IntoIterator<Item = f64>,
    label: impl Fn(f64) -> String,
    title: &str,
) -> (Html, Overhang) {
    let ticks = ticks.into_iter().map(|t| (t, label(t))).collect();
    labelled_x_axis(frame, x, ticks, title)
}

fn labelled_x_axis(
    frame: &Frame,
    x: &Scale,
    ticks: Vec<(f64, String)>,
    title: &str,
) -> (Html, Overhang) {
    let base = frame.base();
    let mut overhang = Overhang::default();
    let ticks: Html = ticks
        .into_iter()
        .map(|(t, text)| {
            let at = x.map(t);
            let half = text_width(&text, LARGEST_TEXT) / 2.0;
            overhang = overhang.max(Overhang {
                left: half - at,
                right: at + half - frame.width,
            });
            let tx = at.to_string();
            html! {
                <g class="tick">
                    <line class="axis" x1={tx.clone()} x2={tx.clone()}
                        y1={base.to_string()} y2={(base + 4.0).to_string()} />
                    <text class="tick-label" x={tx} y={(base + 15.0).to_string()}
                        text-anchor="middle">{text}</text>
                </g>
            }
        })
        .collect();
    let axis = html! {
        <>
            <line class="axis" x1={frame.left.to_string()} x2={(frame.width - frame.right).to_string()}
                y1={base.to_string()} y2={base.to_string()} />
            {ticks}
            <text class="axis-title" x={frame.centre_x().to_string()}
                y={(frame.height - 4.0).to_string()} text-anchor="middle">{title.to_string()}</text>
        </>
    };
    (axis, overhang)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRAME: Frame = Frame {
        width: 400.0,
        height: 200.0,
        left: 40.0,
        right: 10.0,
        top: 12.0,
        bottom: 30.0,
    };

    #[test]
    fn scales_fill_the_plot_area() {
        let x = FRAME.x_scale((0.0, 10.0));
        assert_eq!((x.map(0.0), x.map(10.0)), (40.0, 390.0));
        let y = FRAME.y_scale((0.0, 1.0));
        assert_eq!((y.map(0.0), y.map(1.0)), (170.0, 12.0));
        assert_eq!(FRAME.base(), 170.0);
        assert_eq!((FRAME.plot_width(), FRAME.plot_height()), (350.0, 158.0));
        assert_eq!(FRAME.centre_x(), 215.0);
        assert_eq!(FRAME.view_box(Overhang::default()), "0 0 400 200");
    }

    #[test]
    fn text_widths_grow_with_the_text_and_its_size() {
        assert_eq!(text_width("", 12.0), 0.0);
        // "+$1.25M": a sign, a currency, three digits, a point, a letter.
        let wide = text_width("+$1.25M", 10.0);
        assert!((wide - (0.84 + 4.0 * 0.64 + 0.34 + 1.0) * 10.0).abs() < 1e-9);
        assert!(text_width("+$1.25M", 15.0) > wide);
        assert!(text_width("111", 12.0) < text_width("1111", 12.0));
        assert_eq!(text_width("顧客", 12.0), 24.0);
        // An invisible word joiner takes no room.
        assert_eq!(text_width("+\u{2060}£10M", 12.0), text_width("+£10M", 12.0));
    }

    #[test]
    fn labels_past_the_frame_widen_the_view_box() {
        let y = FRAME.y_scale((0.0, 1.0));
        // Short labels fit the 40-unit margin: nothing to take in.
        let (_, short) = y_grid(&FRAME, &y, [0.0, 1.0], |t| format!("{t}"));
        assert_eq!(short, Overhang::default());
        let (_, long) = y_grid(&FRAME, &y, [0.0, 1.0], |_| "+$1.25M".into());
        let needed = text_width("+$1.25M", LARGEST_TEXT) + 6.0 - 40.0;
        assert_eq!(
            long,
            Overhang {
                left: needed,
                right: 0.0
            }
        );
        assert_eq!(
            FRAME.view_box(long),
            format!("-{} 0 {} 200", needed.ceil(), 400.0 + needed.ceil())
        );

        // An x axis's end labels are centred on ticks at the frame's edges.
        let x = FRAME.x_scale((0.0, 10.0));
        let (_, ends) = x_axis(&FRAME, &x, [0.0, 10.0], |t| format!("+{t}00%"), "ROI");
        let half = |text: &str| text_width(text, LARGEST_TEXT) / 2.0;
        assert!(half("+000%") < 40.0, "the first label fits the left margin");
        assert_eq!(ends.left, 0.0);
        assert_eq!(ends.right, 390.0 + half("+1000%") - 400.0);
        assert!(ends.right > 0.0);
        let both = long.max(ends);
        assert_eq!(
            (both.left, both.right),
            (long.left.max(ends.left), ends.right)
        );
    }
}

//! The frame every x–y chart draws in: the plot area inside its SVG, the
//! horizontal grid with the value labels on the left, and the x axis with
//! its ticks and title, so all charts read alike.

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
    pub fn view_box(&self) -> String {
        format!("0 0 {} {}", self.width, self.height)
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

/// A horizontal grid line at each tick, labelled on the left.
pub fn y_grid(
    frame: &Frame,
    y: &Scale,
    ticks: impl IntoIterator<Item = f64>,
    label: impl Fn(f64) -> String,
) -> Html {
    let (x1, x2) = (
        frame.left.to_string(),
        (frame.width - frame.right).to_string(),
    );
    let label_x = (frame.left - 6.0).to_string();
    ticks
        .into_iter()
        .map(|t| {
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
                        text-anchor="end" dominant-baseline={baseline}>{label(t)}</text>
                </g>
            }
        })
        .collect()
}

/// The x axis along the bottom of the plot area: its line, a labelled tick
/// at each of `ticks`, and `title` centred below.
pub fn x_axis(
    frame: &Frame,
    x: &Scale,
    ticks: impl IntoIterator<Item = f64>,
    label: impl Fn(f64) -> String,
    title: &str,
) -> Html {
    let base = frame.base();
    let ticks = ticks.into_iter().map(|t| {
        let tx = x.map(t).to_string();
        html! {
            <g class="tick">
                <line class="axis" x1={tx.clone()} x2={tx.clone()}
                    y1={base.to_string()} y2={(base + 4.0).to_string()} />
                <text class="tick-label" x={tx} y={(base + 15.0).to_string()}
                    text-anchor="middle">{label(t)}</text>
            </g>
        }
    });
    html! {
        <>
            <line class="axis" x1={frame.left.to_string()} x2={(frame.width - frame.right).to_string()}
                y1={base.to_string()} y2={base.to_string()} />
            {for ticks}
            <text class="axis-title" x={frame.centre_x().to_string()}
                y={(frame.height - 4.0).to_string()} text-anchor="middle">{title.to_string()}</text>
        </>
    }
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
        assert_eq!(FRAME.view_box(), "0 0 400 200");
    }
}

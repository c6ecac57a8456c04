use std::rc::Rc;

use journey_core::optimize::{FrontierPoint, Optimum};
use yew::prelude::*;

use crate::components::charts::axes::{Frame, x_axis, y_grid};
use crate::components::charts::scale::{largest, line_path, nice_axis, ticks_within};
use crate::components::charts::{Points, READOUT_TYPES, SliderValue, use_point_slider};
use crate::format::{money, money_change, money_on_axis};

#[derive(Properties, PartialEq)]
pub struct FrontierChartProps {
    pub optimum: Rc<Optimum>,
    pub currency: AttrValue,
}

const FRAME: Frame = Frame {
    width: 400.0,
    height: 230.0,
    left: 56.0,
    right: 16.0,
    top: 14.0,
    bottom: 38.0,
};

/// A budget's point in words: its uplift and cost, and where the money goes.
fn spoken(optimum: &Optimum, point: &FrontierPoint, currency: &str) -> String {
    let split: Vec<String> = optimum
        .places
        .iter()
        .zip(&point.monthly_spend)
        .filter(|&(_, &spend)| spend > 0.0)
        .map(|(place, &spend)| format!("{} {}", place.label, money(spend, currency)))
        .collect();
    format!(
        "Budget {}/month: NPV uplift {} (investment {} discounted); {}",
        money(point.budget, currency),
        money_change(point.uplift_npv, currency),
        money(point.investment_pv, currency),
        if split.is_empty() {
            "nothing spent".to_string()
        } else {
            split.join(", ")
        }
    )
}

/// The best expected NPV uplift for every budget from 0 to the chosen one,
/// in steps: a line that never falls. Any budget shows its values on
/// hover, or from the keyboard through the plot's budget slider
/// ([`use_point_slider`]).
#[component]
pub fn FrontierChart(props: &FrontierChartProps) -> Html {
    let optimum = &props.optimum;
    // Page Up and Down move a tenth of the budget's steps.
    let slider = use_point_slider(
        optimum.frontier.len(),
        (optimum.frontier.len() / 10).max(1),
        Points::Across,
    );
    let shown = slider.shown;
    let currency = props.currency.as_str();
    let points = &optimum.frontier;
    let Some(last) = points.last() else {
        return html! {};
    };
    let end = points.len() - 1;
    let (mut lo, mut hi) = (0.0f64, 0.0f64);
    for p in points.iter().filter(|p| p.uplift_npv.is_finite()) {
        lo = lo.min(p.uplift_npv);
        hi = hi.max(p.uplift_npv);
    }
    let y_axis = nice_axis(lo, hi, 4);
    let y = FRAME.y_scale(y_axis.domain);
    let x = FRAME.x_scale((0.0, optimum.budget));
    let xy = |p: &FrontierPoint| (x.map(p.budget), y.map(p.uplift_npv));

    let uplift_top = largest(&y_axis.ticks);
    let (grid, grid_overhang) = y_grid(&FRAME, &y, y_axis.ticks.iter().copied(), |t| {
        money_on_axis(t, currency, uplift_top)
    });
    let budget_ticks = ticks_within(0.0, optimum.budget, 4);
    let budget_top = largest(&budget_ticks);
    let (budget_axis, budget_overhang) = x_axis(
        &FRAME,
        &x,
        budget_ticks,
        |t| money_on_axis(t, currency, budget_top),
        "Monthly budget",
    );
    let dots = points.iter().map(|p| {
        let (px, py) = xy(p);
        html! { <circle class="dot frontier-point" cx={px.to_string()} cy={py.to_string()} r="2.5" /> }
    });
    let (cx, cy) = xy(last);
    let description = format!(
        "Budget frontier: best expected NPV uplift for monthly budgets from {} to {} in steps \
         of {}; at {} it is {}.",
        money(0.0, currency),
        money(optimum.budget, currency),
        money(optimum.step, currency),
        money(last.budget, currency),
        money_change(last.uplift_npv, currency),
    );

    let value = &points[shown.unwrap_or(end)];
    // A frontier of 200 points still answers one point at a time.
    let readout = shown.map(|i| {
        let point = &points[i];
        let (px, py) = xy(point);
        let text = format!(
            "{}/month: {}",
            money(point.budget, currency),
            money_change(point.uplift_npv, currency)
        );
        // The frontier never falls: left of the point the line runs below
        // it, right of it above, so the box goes above-left or below-right.
        let boxes = READOUT_TYPES.iter().map(|ty| {
            let box_width = text.chars().count() as f64 * ty.char_width + 12.0;
            let box_height = ty.line + 5.0;
            let (box_x, box_y) = if px > FRAME.centre_x() {
                (
                    (px - 8.0 - box_width).max(FRAME.left),
                    (py - 8.0 - box_height).max(FRAME.top),
                )
            } else {
                (
                    (px + 8.0).min(FRAME.width - FRAME.right - box_width),
                    (py + 8.0).min(FRAME.base() - box_height - 2.0),
                )
            };
            html! {
                <g class={ty.class}>
                    <rect class="readout-box" x={box_x.to_string()} y={box_y.to_string()}
                        width={box_width.to_string()} height={box_height.to_string()} rx="4" />
                    <text class="readout-name" x={(box_x + 6.0).to_string()}
                        y={(box_y + ty.line - 1.0).to_string()}>{text.clone()}</text>
                </g>
            }
        });
        html! {
            <g class="point-readout" aria-hidden="true">
                <line class="readout-guide" x1={px.to_string()} x2={px.to_string()}
                    y1={FRAME.top.to_string()} y2={FRAME.base().to_string()} />
                <circle class="readout-dot" cx={px.to_string()} cy={py.to_string()} r="4" />
                {for boxes}
            </g>
        }
    });
    html! {
        <figure class="chart frontier series-2" data-testid="frontier">
            <figcaption class="chart-title">
                {"Budget frontier"}
                <span class="chart-unit">{format!(" · NPV uplift, {currency}, discounted")}</span>
            </figcaption>
            <svg class="chart-svg" viewBox={FRAME.view_box(grid_overhang.max(budget_overhang))} role="group"
                aria-label="Budget frontier">
                <g role="img" aria-label={description}>
                    {grid}
                    {budget_axis}
                    <path class="frontier-line" d={line_path(points.iter().map(xy))} />
                    {for dots}
                    <circle class="end-dot" cx={cx.to_string()} cy={cy.to_string()} r="4" />
                </g>
                {slider.area(&FRAME, "Budget frontier, budget by budget".to_string(), SliderValue {
                    min: 0.0,
                    max: optimum.budget,
                    now: value.budget,
                    text: spoken(optimum, value, currency),
                })}
                {readout.unwrap_or_default()}
            </svg>
            <p class="chart-note">
                {"Each point: the best split of that budget (expected mode). Point at the chart, \
                  or focus it and use the arrow keys, for a budget's values."}
            </p>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use journey_core::Journey;
    use journey_core::optimize::{Options, optimize};

    use super::*;
    use crate::presets::DEFAULT_SCENARIO;

    #[test]
    fn a_budget_is_spoken_with_its_uplift_cost_and_split() {
        let journey = Journey::from_json(DEFAULT_SCENARIO).expect("default scenario is valid");
        let options = Options {
            steps: 4,
            ..Options::new(20_000.0)
        };
        let optimum = optimize(&journey, &options).expect("the default journey optimises");
        let zero = spoken(&optimum, &optimum.frontier[0], "USD");
        assert!(
            zero.starts_with("Budget $0/month: NPV uplift ") && zero.ends_with("; nothing spent"),
            "{zero}"
        );
        let last = optimum.frontier.last().unwrap();
        let text = spoken(&optimum, last, "USD");
        let head = format!(
            "Budget $20k/month: NPV uplift {} (investment {} discounted); ",
            money_change(last.uplift_npv, "USD"),
            money(last.investment_pv, "USD")
        );
        assert!(last.uplift_npv > 0.0 && text.starts_with(&head), "{text}");
        for (place, &spend) in optimum.places.iter().zip(&last.monthly_spend) {
            let named = format!("{} {}", place.label, money(spend, "USD"));
            assert_eq!(text.contains(&named), spend > 0.0, "{named} in {text}");
        }
    }
}

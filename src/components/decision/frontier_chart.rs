use std::rc::Rc;

use journey_core::optimize::Optimum;
use yew::prelude::*;

use crate::components::charts::axes::{Frame, x_axis, y_grid};
use crate::components::charts::scale::{largest, line_path, nice_axis, ticks_within};
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
const CHAR_WIDTH: f64 = 7.2;

/// The best expected NPV uplift for every budget from 0 to the chosen one,
/// in steps: a line that never falls. Each budget shows its values on
/// hover; the chosen budget's point takes keyboard focus.
#[component]
pub fn FrontierChart(props: &FrontierChartProps) -> Html {
    let optimum = &props.optimum;
    let currency = props.currency.as_str();
    let points = &optimum.frontier;
    let Some(last) = points.last() else {
        return html! {};
    };
    let (mut lo, mut hi) = (0.0f64, 0.0f64);
    for p in points.iter().filter(|p| p.uplift_npv.is_finite()) {
        lo = lo.min(p.uplift_npv);
        hi = hi.max(p.uplift_npv);
    }
    let y_axis = nice_axis(lo, hi, 4);
    let y = FRAME.y_scale(y_axis.domain);
    let x = FRAME.x_scale((0.0, optimum.budget));
    let xy = |p: &journey_core::optimize::FrontierPoint| (x.map(p.budget), y.map(p.uplift_npv));

    let uplift_top = largest(&y_axis.ticks);
    let grid = y_grid(&FRAME, &y, y_axis.ticks.iter().copied(), |t| {
        money_on_axis(t, currency, uplift_top)
    });
    let budget_ticks = ticks_within(0.0, optimum.budget, 4);
    let budget_top = largest(&budget_ticks);
    let budget_axis = x_axis(
        &FRAME,
        &x,
        budget_ticks,
        |t| money_on_axis(t, currency, budget_top),
        "Monthly budget",
    );
    let half = if points.len() > 1 {
        (x.map(points[1].budget) - x.map(points[0].budget)) / 2.0
    } else {
        FRAME.plot_width() / 2.0
    };
    let strips = points.iter().map(|p| {
        let (px, py) = xy(p);
        html! {
            <g class="frontier-point">
                <rect class="hover-strip" x={(px - half).to_string()} y={FRAME.top.to_string()}
                    width={(2.0 * half).to_string()} height={FRAME.plot_height().to_string()}>
                    <title>{format!(
                        "Budget {}/month: NPV uplift {} (investment {} discounted)",
                        money(p.budget, currency),
                        money_change(p.uplift_npv, currency),
                        money(p.investment_pv, currency)
                    )}</title>
                </rect>
                <circle class="dot" cx={px.to_string()} cy={py.to_string()} r="2.5" />
            </g>
        }
    });
    let (cx, cy) = xy(last);
    let text = format!(
        "{}/month: {}",
        money(last.budget, currency),
        money_change(last.uplift_npv, currency)
    );
    let box_width = text.chars().count() as f64 * CHAR_WIDTH + 12.0;
    let box_x = (cx - 8.0 - box_width).max(FRAME.left + 2.0);
    let box_y = (cy + 8.0).min(FRAME.base() - 22.0);
    let description = format!(
        "Budget frontier: best expected NPV uplift for monthly budgets from {} to {} in steps \
         of {}; at {} it is {}.",
        money(0.0, currency),
        money(optimum.budget, currency),
        money(optimum.step, currency),
        money(last.budget, currency),
        money_change(last.uplift_npv, currency),
    );
    html! {
        <figure class="chart frontier" data-testid="frontier">
            <figcaption class="chart-title">
                {"Budget frontier"}
                <span class="chart-unit">{format!(" · NPV uplift, {currency}, discounted")}</span>
            </figcaption>
            <svg class="chart-svg" viewBox={FRAME.view_box()} role="group"
                aria-label="Budget frontier">
                <g role="img" aria-label={description}>
                    {grid}
                    {budget_axis}
                    <path class="frontier-line" d={line_path(points.iter().map(xy))} />
                    {for strips}
                </g>
                <g class="series-focus series-2" tabindex="0" role="img"
                    aria-label={format!("Chosen budget {text}")}>
                    <circle class="end-dot" cx={cx.to_string()} cy={cy.to_string()} r="4" />
                    <g class="end-label">
                        <rect x={box_x.to_string()} y={box_y.to_string()} width={box_width.to_string()}
                            height="20" rx="4" />
                        <text x={(box_x + 6.0).to_string()} y={(box_y + 14.0).to_string()}>{text}</text>
                    </g>
                </g>
            </svg>
            <p class="chart-note">
                {"Each point: the best split of that budget (expected mode). Hover a point for its values."}
            </p>
        </figure>
    }
}

use std::rc::Rc;

use journey_core::sensitivity::{Sensitivity, TornadoRow};
use yew::prelude::*;

use super::reading::{input_text, swing_text, tick_text, unit_text, value_text};
use crate::components::charts::scale::{Scale, largest, nice_axis};

#[derive(Properties, PartialEq)]
pub struct TornadoChartProps {
    pub result: Rc<Sensitivity>,
    pub currency: AttrValue,
    /// The outcome's name, e.g. "NPV uplift of Fix onboarding".
    pub title: AttrValue,
    /// At most this many bars, largest swing first.
    pub limit: usize,
}

/// Width of each bar strip's viewBox; strips stretch to the row's width.
const WIDTH: f64 = 400.0;
const BAR: f64 = 14.0;
/// The rows worth a bar: those whose swing is not 0.
pub fn moving_rows(result: &Sensitivity) -> impl Iterator<Item = &TornadoRow> {
    result.tornado.iter().filter(|r| r.swing > 0.0)
}

/// One bar per input, largest swing on top: from the central value to the
/// outcome with the input at its low end, and to the outcome at its high
/// end. Labels are text above each bar strip, so they wrap and stay
/// readable on a phone; the strips share one scale and the axis below.
/// Each row takes keyboard focus and then shows its values.
#[component]
pub fn TornadoChart(props: &TornadoChartProps) -> Html {
    let result = &props.result;
    let measure = &result.measure;
    let currency = props.currency.as_str();
    let rows: Vec<&TornadoRow> = moving_rows(result).take(props.limit).collect();
    if rows.is_empty() {
        return html! {
            <p class="decision-note" data-testid="tornado-empty">
                {"No input moves this outcome."}
            </p>
        };
    }
    let value = |x: f64| value_text(measure, x, currency);
    let (mut lo, mut hi) = (result.base, result.base);
    for r in &rows {
        for x in [r.outcome_low, r.outcome_high] {
            if x.is_finite() {
                lo = lo.min(x);
                hi = hi.max(x);
            }
        }
    }
    let axis = nice_axis(lo, hi, 4);
    let x = Scale::new(axis.domain, (0.0, WIDTH));
    let base_x = x.map(result.base);
    let percent_at = |t: f64| x.map(t) / WIDTH * 100.0;

    let bar = |to: f64, class: &'static str| {
        let (a, b) = (base_x, x.map(to));
        html! {
            <rect class={class} x={a.min(b).to_string()} y="0"
                width={(a - b).abs().max(1.0).to_string()} height={BAR.to_string()} />
        }
    };
    let grid = axis
        .ticks
        .iter()
        .map(|&t| {
            let gx = x.map(t).to_string();
            html! { <line class="grid" x1={gx.clone()} x2={gx} y1="0" y2={BAR.to_string()} /> }
        })
        .collect::<Html>();
    let bars = rows.iter().map(|r| {
        let low_in = input_text(&r.path, r.low);
        let high_in = input_text(&r.path, r.high);
        let aria = format!(
            "{}{}: at {low_in}, {}; at {high_in}, {}; swing {}",
            r.label,
            if r.uncertain { "" } else { " (±20% of a point value)" },
            value(r.outcome_low),
            value(r.outcome_high),
            swing_text(measure, r.swing, currency),
        );
        html! {
            <li>
              <div class="tornado-row" tabindex="0" role="img" aria-label={aria}
                data-testid="tornado-row" data-swing={r.swing.to_string()}>
                <span class="row-label" aria-hidden="true">
                    {r.label.clone()}
                    if !r.uncertain {
                        <span class="row-point">{" ±20%"}</span>
                    }
                </span>
                <span class="value-box" aria-hidden="true">
                    <span class="value-low">{format!("low {low_in}: {}", value(r.outcome_low))}</span>
                    {" · "}
                    <span class="value-high">{format!("high {high_in}: {}", value(r.outcome_high))}</span>
                </span>
                <svg class="row-bars" viewBox={format!("0 0 {WIDTH} {BAR}")}
                    preserveAspectRatio="none" aria-hidden="true" focusable="false">
                    {grid.clone()}
                    {bar(r.outcome_low, "low")}
                    {bar(r.outcome_high, "high")}
                    <line class="base-line" x1={base_x.to_string()} x2={base_x.to_string()}
                        y1="0" y2={BAR.to_string()} />
                </svg>
              </div>
            </li>
        }
    });
    let top = largest(&axis.ticks);
    let ticks = axis.ticks.iter().map(|&t| {
        html! {
            <span class="tick-label" style={format!("left: {:.2}%", percent_at(t))}>
                {tick_text(measure, t, currency, top)}
            </span>
        }
    });
    let top_row = rows[0];
    let description = format!(
        "Tornado chart of {} ({}), {} inputs sorted by swing. With every value at its \
         mean it is {}. The largest swing is {}: from {} to {}.",
        props.title,
        unit_text(measure, currency),
        rows.len(),
        value(result.base),
        top_row.label,
        value(top_row.outcome_low),
        value(top_row.outcome_high),
    );

    html! {
        <figure class="chart tornado" data-testid="tornado">
            <figcaption class="chart-title">
                {props.title.clone()}
                <span class="chart-unit">{format!(" · {}", unit_text(measure, currency))}</span>
            </figcaption>
            <p class="visually-hidden">{description}</p>
            <ol class="tornado-rows" aria-label={format!("Inputs by swing of {}", props.title)}>
                {for bars}
            </ol>
            <div class="tornado-axis" aria-hidden="true">{for ticks}</div>
            <p class="tornado-axis-title">{format!("Central value {}", value(result.base))}</p>
            <ul class="chart-legend">
                <li><span class="swatch tornado-low" aria-hidden="true"></span>{"input at its low end"}</li>
                <li><span class="swatch tornado-high" aria-hidden="true"></span>{"input at its high end"}</li>
                <li><span class="swatch tornado-base" aria-hidden="true"></span>{"central value (every input at its mean)"}</li>
            </ul>
            <p class="chart-note">
                {"Low and high: the 90% interval of a range, or ±20% of a point value. Hover or focus a bar for its values."}
            </p>
        </figure>
    }
}

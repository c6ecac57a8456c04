use std::rc::Rc;

use journey_core::calibration::SbgFit;
use yew::prelude::*;

use crate::components::charts::axes::{Frame, x_axis, y_grid};
use crate::components::charts::scale::{line_path, month_ticks};
use crate::format::percent;

#[derive(Properties, PartialEq)]
pub struct SurvivalChartProps {
    pub fit: Rc<SbgFit>,
}

const FRAME: Frame = Frame {
    width: 400.0,
    height: 230.0,
    left: 44.0,
    right: 14.0,
    top: 12.0,
    bottom: 38.0,
};

/// Share of the cohort still there by month: the observed points, the sBG
/// fit over the observed months and its projection beyond them.
#[component]
pub fn SurvivalChart(props: &SurvivalChartProps) -> Html {
    let fit = &props.fit;
    let months = fit.projection.len().saturating_sub(1).max(1);
    let observed_months = fit.observed.len().saturating_sub(1);
    let x = FRAME.x_scale((0.0, months as f64));
    let y = FRAME.y_scale((0.0, 1.0));
    let point = |t: usize, s: f64| (x.map(t as f64), y.map(s));

    let (grid, grid_overhang) = y_grid(&FRAME, &y, [0.0, 0.25, 0.5, 0.75, 1.0], |t| {
        format!("{:.0}%", t * 100.0)
    });
    let x_ticks = std::iter::once(0)
        .chain(month_ticks(months as u32).into_iter().filter(|&m| m > 1))
        .map(f64::from);
    let (months_axis, months_overhang) = x_axis(
        &FRAME,
        &x,
        x_ticks,
        |m| m.to_string(),
        "Months since joining",
    );
    let fitted = line_path(fit.fitted.iter().enumerate().map(|(t, &s)| point(t, s)));
    let projected = line_path(
        fit.projection
            .iter()
            .enumerate()
            .skip(observed_months)
            .map(|(t, &s)| point(t, s)),
    );
    let dots = fit.observed.iter().enumerate().map(|(t, &s)| {
        let (cx, cy) = point(t, s);
        let fitted = fit.fitted.get(t).copied().unwrap_or(f64::NAN);
        html! {
            <circle class="observed-dot" cx={cx.to_string()} cy={cy.to_string()} r="3.5">
                <title>{format!("Month {t}: observed {}, fitted {}", percent(s), percent(fitted))}</title>
            </circle>
        }
    });
    let last = fit.projection.last().copied().unwrap_or(f64::NAN);
    let description = format!(
        "Survival curve: {} observed months and the sBG fit; projected {} still there in month {}.",
        observed_months,
        percent(last),
        months
    );
    html! {
        <figure class="chart survival" data-testid="survival-chart">
            <figcaption class="chart-title">
                {"Share of the cohort still there"}
                <span class="chart-unit">{" · by month"}</span>
            </figcaption>
            <svg class="chart-svg" viewBox={FRAME.view_box(grid_overhang.max(months_overhang))} role="group"
                aria-label="Survival curve, observed and fitted">
                <g role="img" aria-label={description}>
                    {grid}
                    {months_axis}
                    <path class="projected-line" d={projected} />
                    <path class="fitted-line" d={fitted} />
                </g>
                {for dots}
            </svg>
            <ul class="chart-legend">
                <li><span class="swatch survival-observed" aria-hidden="true"></span>{"observed"}</li>
                <li><span class="swatch survival-fitted" aria-hidden="true"></span>{"sBG fit"}</li>
                <li><span class="swatch survival-projected" aria-hidden="true"></span>{"projection (dashed)"}</li>
            </ul>
        </figure>
    }
}

use std::rc::Rc;

use journey_core::calibration::SbgFit;
use yew::prelude::*;

use crate::components::charts::scale::{Scale, line_path, month_ticks};
use crate::format::percent;

#[derive(Properties, PartialEq)]
pub struct SurvivalChartProps {
    pub fit: Rc<SbgFit>,
}

const WIDTH: f64 = 400.0;
const HEIGHT: f64 = 230.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 14.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 38.0;

/// Share of the cohort still there by month: the observed points, the sBG
/// fit over the observed months and its projection beyond them.
#[component]
pub fn SurvivalChart(props: &SurvivalChartProps) -> Html {
    let fit = &props.fit;
    let months = fit.projection.len().saturating_sub(1).max(1);
    let observed_months = fit.observed.len().saturating_sub(1);
    let x = Scale::new((0.0, months as f64), (LEFT, WIDTH - RIGHT));
    let y = Scale::new((0.0, 1.0), (HEIGHT - BOTTOM, TOP));
    let point = |t: usize, s: f64| (x.map(t as f64), y.map(s));

    let y_ticks = [0.0, 0.25, 0.5, 0.75, 1.0].into_iter().map(|t| {
        let ty = y.map(t);
        html! {
            <g class="tick">
                <line class="grid" x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()}
                    y1={ty.to_string()} y2={ty.to_string()} />
                <text class="tick-label" x={(LEFT - 6.0).to_string()} y={ty.to_string()}
                    text-anchor="end" dominant-baseline="middle">{format!("{:.0}%", t * 100.0)}</text>
            </g>
        }
    });
    let x_ticks = std::iter::once(0)
        .chain(month_ticks(months as u32).into_iter().filter(|&m| m > 1))
        .map(|m| {
            let tx = x.map(f64::from(m));
            html! {
                <g class="tick">
                    <line class="axis" x1={tx.to_string()} x2={tx.to_string()}
                        y1={(HEIGHT - BOTTOM).to_string()} y2={(HEIGHT - BOTTOM + 4.0).to_string()} />
                    <text class="tick-label" x={tx.to_string()} y={(HEIGHT - BOTTOM + 15.0).to_string()}
                        text-anchor="middle">{m.to_string()}</text>
                </g>
            }
        });
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
            <svg class="chart-svg" viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="group"
                aria-label="Survival curve, observed and fitted">
                <g role="img" aria-label={description}>
                    {for y_ticks}
                    <line class="axis" x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()}
                        y1={(HEIGHT - BOTTOM).to_string()} y2={(HEIGHT - BOTTOM).to_string()} />
                    {for x_ticks}
                    <text class="axis-title" x={((LEFT + WIDTH - RIGHT) / 2.0).to_string()}
                        y={(HEIGHT - 4.0).to_string()} text-anchor="middle">{"Months since joining"}</text>
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

use std::rc::Rc;

use crate::simulation::Distribution;
use yew::prelude::*;

use super::scale::{Scale, nice_axis, ticks_within};
use super::{ChartExport, series_class};
use crate::format::{grouped, interval, money, percent_change};

/// How the values of a histogram read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValueUnit {
    /// Amounts in this currency.
    Money(AttrValue),
    /// Ratios shown as signed percentages (ROI 0.85 is `+85%`).
    Ratio,
}

impl ValueUnit {
    fn label(&self, x: f64) -> String {
        match self {
            ValueUnit::Money(currency) => money(x, currency),
            ValueUnit::Ratio => percent_change(x),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct HistogramProps {
    /// What the values are, e.g. "ROI of Fix onboarding".
    pub title: AttrValue,
    /// The values' bins and summary (undefined values left out).
    pub distribution: Rc<Distribution>,
    pub unit: ValueUnit,
    /// What the x axis measures, e.g. "ROI per trial".
    pub axis: AttrValue,
    /// The variant, for its colour.
    pub series: usize,
}

const WIDTH: f64 = 400.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 14.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 36.0;

/// Share of trials per bin of a per-trial value, with dashed markers at the
/// 5th, 50th and 95th percentiles.
#[component]
pub fn Histogram(props: &HistogramProps) -> Html {
    let bins = props.distribution.bins();
    let summary = &props.distribution.summary;
    let unit = &props.unit;
    let total = bins.total();
    let share = |count: u32| f64::from(count) / f64::from(total.max(1));
    let top = bins.counts.iter().copied().max().map_or(1.0, share);
    let y_axis = nice_axis(0.0, top, 4);
    let y = Scale::new(y_axis.domain, (HEIGHT - BOTTOM, TOP));
    let x = Scale::new((bins.start, bins.end()), (LEFT, WIDTH - RIGHT));
    let step = y_axis.ticks.get(1).map_or(1.0, |t| t - y_axis.ticks[0]);
    let share_label = |s: f64| {
        if step >= 0.01 {
            format!("{:.0}%", s * 100.0)
        } else {
            format!("{:.1}%", s * 100.0)
        }
    };

    let y_ticks = y_axis.ticks.iter().map(|&t| {
        let ty = y.map(t);
        html! {
            <g class="tick">
                <line class="grid" x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()}
                    y1={ty.to_string()} y2={ty.to_string()} />
                <text class="tick-label" x={(LEFT - 6.0).to_string()} y={ty.to_string()}
                    text-anchor="end" dominant-baseline="middle">{share_label(t)}</text>
            </g>
        }
    });
    let x_ticks = ticks_within(bins.start, bins.end(), 4)
        .into_iter()
        .map(|t| {
            let tx = x.map(t);
            html! {
                <g class="tick">
                    <line class="axis" x1={tx.to_string()} x2={tx.to_string()}
                        y1={(HEIGHT - BOTTOM).to_string()} y2={(HEIGHT - BOTTOM + 4.0).to_string()} />
                    <text class="tick-label" x={tx.to_string()} y={(HEIGHT - BOTTOM + 15.0).to_string()}
                        text-anchor="middle">{unit.label(t)}</text>
                </g>
            }
        });
    let bars = bins.counts.iter().enumerate().filter(|&(_, &c)| c > 0).map(|(i, &count)| {
        let (lo, hi) = bins.edges(i);
        let (x0, x1) = (x.map(lo), x.map(hi));
        let y0 = y.map(share(count));
        html! {
            <rect class="bar" x={(x0 + 0.5).to_string()} y={y0.to_string()}
                width={(x1 - x0 - 1.0).max(0.5).to_string()} height={(HEIGHT - BOTTOM - y0).to_string()}>
                <title>{format!(
                    "{} to {}: {} trials ({:.1}%)",
                    unit.label(lo), unit.label(hi), grouped(u64::from(count)), share(count) * 100.0
                )}</title>
            </rect>
        }
    });
    let markers = [
        ("5th percentile", summary.p05),
        ("median", summary.p50),
        ("95th percentile", summary.p95),
    ]
    .into_iter()
    .map(|(name, value)| {
        let mx = x.map(value);
        html! {
            <line class={classes!("marker", (name == "median").then_some("median"))}
                x1={mx.to_string()} x2={mx.to_string()} y1={TOP.to_string()} y2={(HEIGHT - BOTTOM).to_string()}>
                <title>{format!("{name}: {}", unit.label(value))}</title>
            </line>
        }
    });

    let description = format!(
        "Histogram of {} over {} trials: median {}, 90% between {} and {}.",
        props.title,
        grouped(u64::from(total)),
        unit.label(summary.p50),
        unit.label(summary.p05),
        unit.label(summary.p95),
    );
    html! {
        <figure class={classes!("chart", "histogram", series_class(props.series))} data-testid="histogram">
            <figcaption class="chart-title">{props.title.clone()}</figcaption>
            <svg class="chart-svg" viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img" aria-label={description}>
                {for y_ticks}
                {for bars}
                <line class="axis" x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()}
                    y1={(HEIGHT - BOTTOM).to_string()} y2={(HEIGHT - BOTTOM).to_string()} />
                {for x_ticks}
                {for markers}
                <text class="axis-title" x={((LEFT + WIDTH - RIGHT) / 2.0).to_string()}
                    y={(HEIGHT - 4.0).to_string()} text-anchor="middle">{props.axis.clone()}</text>
            </svg>
            <p class="chart-note">
                {format!("Bar height: share of trials · median {}", unit.label(summary.p50))}
                { for interval(unit.label(summary.p05), unit.label(summary.p95))
                    .map(|i| format!(" · {i} (dashed lines)")) }
            </p>
            <ChartExport title={props.title.clone()} />
        </figure>
    }
}

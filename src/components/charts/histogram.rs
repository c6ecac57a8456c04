use std::rc::Rc;

use crate::simulation::Distribution;
use yew::prelude::*;

use super::axes::{Frame, x_axis, y_grid};
use super::scale::{largest, nice_axis, ticks_within};
use super::{ChartExport, series_class};
use crate::format::{interval, money, money_on_axis, percent_change, trials};

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

    /// An x-axis label, in the unit of the axis's largest tick `top`.
    fn tick_label(&self, x: f64, top: f64) -> String {
        match self {
            ValueUnit::Money(currency) => money_on_axis(x, currency, top),
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
    /// A sentence under the chart, after how to read it.
    #[prop_or_default]
    pub note: Option<AttrValue>,
}

const FRAME: Frame = Frame {
    width: 400.0,
    height: 220.0,
    left: 44.0,
    right: 14.0,
    top: 12.0,
    bottom: 36.0,
};

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
    let y = FRAME.y_scale(y_axis.domain);
    let x = FRAME.x_scale((bins.start, bins.end()));
    let step = y_axis.ticks.get(1).map_or(1.0, |t| t - y_axis.ticks[0]);
    let share_label = |s: f64| {
        if step >= 0.01 {
            format!("{:.0}%", s * 100.0)
        } else {
            format!("{:.1}%", s * 100.0)
        }
    };

    let (grid, grid_overhang) = y_grid(&FRAME, &y, y_axis.ticks.iter().copied(), share_label);
    let value_ticks = ticks_within(bins.start, bins.end(), 4);
    let top = largest(&value_ticks);
    let (values_axis, values_overhang) = x_axis(
        &FRAME,
        &x,
        value_ticks,
        |t| unit.tick_label(t, top),
        &props.axis,
    );
    let bars = bins.counts.iter().enumerate().filter(|&(_, &c)| c > 0).map(|(i, &count)| {
        let (lo, hi) = bins.edges(i);
        let (x0, x1) = (x.map(lo), x.map(hi));
        let y0 = y.map(share(count));
        html! {
            <rect class="bar" x={(x0 + 0.5).to_string()} y={y0.to_string()}
                width={(x1 - x0 - 1.0).max(0.5).to_string()} height={(FRAME.base() - y0).to_string()}>
                <title>{format!(
                    "{} to {}: {} ({:.1}%)",
                    unit.label(lo), unit.label(hi), trials(count), share(count) * 100.0
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
                x1={mx.to_string()} x2={mx.to_string()} y1={FRAME.top.to_string()} y2={FRAME.base().to_string()}>
                <title>{format!("{name}: {}", unit.label(value))}</title>
            </line>
        }
    });

    let description = format!(
        "Histogram of {} over {}: median {}, 90% between {} and {}.",
        props.title,
        trials(total),
        unit.label(summary.p50),
        unit.label(summary.p05),
        unit.label(summary.p95),
    );
    html! {
        <figure class={classes!("chart", "histogram", series_class(props.series))} data-testid="histogram">
            <figcaption class="chart-title">{props.title.clone()}</figcaption>
            <svg class="chart-svg" viewBox={FRAME.view_box(grid_overhang.max(values_overhang))} role="img" aria-label={description}>
                {grid}
                {for bars}
                {values_axis}
                {for markers}
            </svg>
            <p class="chart-note">
                {format!("Bar height: share of trials · median {}", unit.label(summary.p50))}
                { for interval(unit.label(summary.p05), unit.label(summary.p95))
                    .map(|i| format!(" · {i} (dashed lines)")) }
            </p>
            if let Some(note) = &props.note {
                <p class="chart-note">{note.clone()}</p>
            }
            <ChartExport title={props.title.clone()} />
        </figure>
    }
}

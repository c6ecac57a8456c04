mod month_readout;

use journey_core::{Band, Report, Series};
use yew::prelude::*;

use super::axes::{Frame, x_axis, y_grid};
use super::scale::{band_path, largest, line_path, month_ticks, nice_axis};
use super::{ChartExport, series_class};
use crate::format::{
    count, count_on_axis, interval, money, money_change, money_change_on_axis, money_on_axis,
};
use crate::shared::Shared;
use month_readout::MonthReadout;

/// Which monthly series a fan chart shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FanMetric {
    ActiveCustomers,
    CumulativeNpv,
    /// Each option's cumulative NPV minus the baseline's: it crosses zero
    /// where the option has paid back. No line for the baseline.
    CumulativeUplift,
}

/// A variant a fan chart draws: its index (for its colour), name and band.
type Drawn<'a> = (usize, &'a str, &'a Band);

impl FanMetric {
    fn title(self) -> &'static str {
        match self {
            FanMetric::ActiveCustomers => "Active customers",
            FanMetric::CumulativeNpv => "Cumulative NPV",
            FanMetric::CumulativeUplift => "Cumulative NPV uplift",
        }
    }

    /// The title as it reads inside a sentence.
    fn noun(self) -> &'static str {
        match self {
            FanMetric::ActiveCustomers => "active customers",
            FanMetric::CumulativeNpv => "cumulative NPV",
            FanMetric::CumulativeUplift => "cumulative NPV uplift over the baseline",
        }
    }

    fn unit(self, currency: &str) -> String {
        match self {
            FanMetric::ActiveCustomers => "people".to_string(),
            FanMetric::CumulativeNpv => format!("{currency}, discounted"),
            FanMetric::CumulativeUplift => format!("{currency}, discounted, after costs"),
        }
    }

    /// The variants drawn, in report order.
    fn drawn(self, report: &Report) -> Vec<Drawn<'_>> {
        report
            .results
            .iter()
            .enumerate()
            .filter_map(|(v, r)| Some((v, r.name.as_str(), self.band(&r.monthly)?)))
            .collect()
    }

    fn band(self, monthly: &Series<Band>) -> Option<&Band> {
        match self {
            FanMetric::ActiveCustomers => Some(&monthly.active_customers),
            FanMetric::CumulativeNpv => Some(&monthly.cumulative_npv),
            FanMetric::CumulativeUplift => monthly.cumulative_uplift_npv.as_ref(),
        }
    }

    fn label(self, value: f64, currency: &str) -> String {
        match self {
            FanMetric::ActiveCustomers => count(value),
            FanMetric::CumulativeNpv => money(value, currency),
            FanMetric::CumulativeUplift => money_change(value, currency),
        }
    }

    /// The 90% interval of month `t`, both ends in one unit (`€7k to
    /// €1.22M` would read as a wider gap than it is).
    fn spread(self, band: &Band, t: usize, currency: &str) -> Option<String> {
        let (low, high) = (band.p05[t], band.p95[t]);
        let top = low.abs().max(high.abs());
        interval(
            self.tick_label(low, currency, top),
            self.tick_label(high, currency, top),
        )
    }

    /// A y-axis label, in the unit of the axis's largest tick `top`.
    fn tick_label(self, value: f64, currency: &str, top: f64) -> String {
        match self {
            FanMetric::ActiveCustomers => count_on_axis(value, top),
            FanMetric::CumulativeNpv => money_on_axis(value, currency, top),
            FanMetric::CumulativeUplift => money_change_on_axis(value, currency, top),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct FanChartProps {
    pub report: Shared<Report>,
    pub metric: FanMetric,
}

const FRAME: Frame = Frame {
    width: 400.0,
    height: 250.0,
    left: 52.0,
    right: 14.0,
    top: 14.0,
    bottom: 38.0,
};

/// Months on x; per variant the mean as a line and the 5th to 95th
/// percentile as a shaded band. Each variant's series takes keyboard focus
/// and then shows its final value; any month shows its values on hover, or
/// from the keyboard through the plot's month slider.
#[component]
pub fn FanChart(props: &FanChartProps) -> Html {
    let report = &props.report;
    let metric = props.metric;
    let currency = report.currency.as_str();
    let drawn = metric.drawn(report);
    let months = drawn
        .iter()
        .map(|(_, _, b)| b.mean.len())
        .min()
        .unwrap_or(0);
    let title = metric.title();
    if months == 0 {
        return html! {};
    }
    let label = |x: f64| metric.label(x, currency);

    let (mut lo, mut hi) = (0.0f64, 0.0f64);
    for (_, _, band) in &drawn {
        for series in [&band.p05, &band.p95, &band.mean] {
            for &x in series.iter().take(months).filter(|x| x.is_finite()) {
                lo = lo.min(x);
                hi = hi.max(x);
            }
        }
    }
    let axis = nice_axis(lo, hi, 4);
    let y = FRAME.y_scale(axis.domain);
    let x = FRAME.x_scale((1.0, months as f64));
    let xs: Vec<f64> = (1..=months).map(|m| x.map(m as f64)).collect();
    let ys =
        |series: &[f64]| -> Vec<f64> { series.iter().take(months).map(|&v| y.map(v)).collect() };

    let top = largest(&axis.ticks);
    let (grid, grid_overhang) = y_grid(&FRAME, &y, axis.ticks.iter().copied(), |t| {
        metric.tick_label(t, currency, top)
    });
    let x_ticks = month_ticks(months as u32).into_iter().map(f64::from);
    let (months_axis, months_overhang) = x_axis(&FRAME, &x, x_ticks, |m| m.to_string(), "Month");
    let view_box = FRAME.view_box(grid_overhang.max(months_overhang));
    // Where an uplift line crosses it, the option has paid back. Its label
    // is drawn over the bands and lines, haloed, so that they never hide it.
    let (break_even, break_even_label) = if metric == FanMetric::CumulativeUplift {
        let at = y.map(0.0);
        (
            html! {
                <g class="break-even">
                    <line x1={FRAME.left.to_string()} x2={(FRAME.width - FRAME.right).to_string()}
                        y1={at.to_string()} y2={at.to_string()} />
                </g>
            },
            html! {
                <g class="break-even">
                    <text x={(FRAME.width - FRAME.right - 4.0).to_string()} y={(at - 4.0).to_string()}
                        text-anchor="end">{"break-even"}</text>
                </g>
            },
        )
    } else {
        (Html::default(), Html::default())
    };

    let bands = drawn.iter().map(|&(v, _, band)| {
        html! {
            <g class={classes!("fan", series_class(v))}>
                <path class="band" d={band_path(&xs, &ys(&band.p95), &ys(&band.p05))} />
                <path class="mean" d={line_path(xs.iter().copied().zip(ys(&band.mean)))} />
            </g>
        }
    });

    let last = months - 1;
    let focusable = drawn.iter().map(|&(v, name, band)| {
        let (cx, cy) = (xs[last], y.map(band.mean[last]));
        let spread = metric.spread(band, last, currency);
        let aria = format!(
            "{}, month {}: {}{}",
            name,
            months,
            label(band.mean[last]),
            spread.map_or(String::new(), |i| format!(" ({i})"))
        );
        html! {
            // Read by a screen reader as an image; not a Tab stop, as the
            // month slider already gives every value from the keyboard.
            <g class={classes!("series-focus", series_class(v))} role="img"
                aria-label={aria} data-testid="fan-series">
                <circle class="end-dot" cx={cx.to_string()} cy={cy.to_string()} r="3.5" />
            </g>
        }
    });

    let names: Vec<&str> = drawn.iter().map(|&(_, name, _)| name).collect();
    let finals: Vec<String> = drawn
        .iter()
        .map(|&(_, name, band)| format!("{name} {}", label(band.mean[last])))
        .collect();
    let description = format!(
        "Fan chart of {} ({}) by month over {} months, mean line and 90% band for {}. In month {}: {}.",
        metric.noun(),
        metric.unit(currency),
        months,
        names.join(", "),
        months,
        finals.join("; "),
    );
    let legend = drawn.iter().map(|&(v, name, _)| {
        html! {
            <li>
                <svg class={classes!("line-swatch", series_class(v))} viewBox="0 0 24 4"
                    aria-hidden="true"><line x1="0" y1="2" x2="24" y2="2" /></svg>
                {name}
            </li>
        }
    });

    html! {
        <figure class="chart fan-chart" data-testid="fan-chart">
            <figcaption class="chart-title">
                {title}<span class="chart-unit">{format!(" · {}", metric.unit(currency))}</span>
            </figcaption>
            <svg class="chart-svg" viewBox={view_box} role="group" aria-label={title}>
                <g role="img" aria-label={description}>
                    {grid}
                    {months_axis}
                    {break_even}
                    {for bands}
                    {break_even_label}
                </g>
                <MonthReadout report={report.clone()} {metric} {months} domain={axis.domain} />
                {for focusable}
            </svg>
            <ul class="chart-legend">
                {for legend}
                <li><span class="swatch band-swatch" aria-hidden="true"></span>{"shaded: 90% interval"}</li>
            </ul>
            <ChartExport title={title} />
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_interval_reads_in_one_unit() {
        let band = Band {
            mean: vec![500e3],
            p05: vec![7_280.0],
            p50: vec![480e3],
            p95: vec![1.22e6],
        };
        assert_eq!(
            FanMetric::CumulativeUplift
                .spread(&band, 0, "EUR")
                .as_deref(),
            Some("90%: +\u{2060}€0.01M to +\u{2060}€1.22M")
        );
        assert_eq!(
            FanMetric::CumulativeNpv.spread(&band, 0, "EUR").as_deref(),
            Some("90%: €0.01M to €1.22M")
        );
        let people = Band {
            p05: vec![950.0],
            p95: vec![12_300.0],
            ..band
        };
        assert_eq!(
            FanMetric::ActiveCustomers
                .spread(&people, 0, "EUR")
                .as_deref(),
            Some("90%: 0.95k to 12.3k")
        );
    }
}

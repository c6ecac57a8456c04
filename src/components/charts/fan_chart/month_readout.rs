//! The values of one month of a fan chart, on demand: one transparent area
//! over the plot is a slider over the months
//! ([`use_point_slider`](crate::components::charts::use_point_slider)).

use journey_core::Report;
use yew::prelude::*;

use super::{FRAME, FanMetric};
use crate::components::charts::{
    Points, READOUT_TYPES, ReadoutType, SliderValue, series_class, use_point_slider,
};
use crate::shared::Shared;

#[derive(Properties, PartialEq)]
pub struct MonthReadoutProps {
    pub report: Shared<Report>,
    pub metric: FanMetric,
    /// Months drawn, at least 1.
    pub months: usize,
    /// The y axis' domain.
    pub domain: (f64, f64),
}

/// "Name: value", the name cut so that the line fits `chars` characters.
fn named(name: &str, value: &str, chars: usize) -> String {
    let room = chars.saturating_sub(value.chars().count() + 2).max(8);
    let name = if name.chars().count() > room {
        let cut: String = name.chars().take(room - 1).collect();
        format!("{}…", cut.trim_end())
    } else {
        name.to_string()
    };
    format!("{name}: {value}")
}

/// Month `t` (from 0) in words, for the slider's value.
fn spoken(report: &Report, metric: FanMetric, t: usize) -> String {
    let currency = report.currency.as_str();
    let label = |x: f64| metric.label(x, currency);
    let mut text = format!("Month {}", t + 1);
    for (_, name, band) in metric.drawn(report) {
        let spread = metric.spread(band, t, currency);
        text.push_str(&format!(
            "; {}: {}{}",
            name,
            label(band.mean[t]),
            spread.map_or(String::new(), |i| format!(" ({i})"))
        ));
    }
    text
}

#[component]
pub fn MonthReadout(props: &MonthReadoutProps) -> Html {
    let months = props.months.max(1);
    let last = months - 1;
    // Page Up and Down move a year.
    let slider = use_point_slider(months, 12, Points::Across);
    let shown = slider.shown;

    let report = &props.report;
    let metric = props.metric;
    let value = shown.unwrap_or(last);
    let area = slider.area(
        &FRAME,
        format!("{}, month by month", metric.title()),
        SliderValue {
            min: 1.0,
            max: months as f64,
            now: (value + 1) as f64,
            text: spoken(report, metric, value),
        },
    );
    // Always two children, so that the area (and its focus) stays the same
    // element when the readout comes and goes.
    let values = shown.map_or_else(Html::default, |t| {
        readout(report, metric, months, props.domain, t)
    });
    html! { <>{area}{values}</> }
}

/// The lines of type `ty` that fit the plot's height.
fn max_lines(ty: &ReadoutType) -> usize {
    ((FRAME.height - FRAME.top - FRAME.bottom - 8.0) / ty.line) as usize
}

/// The readout's lines, each with the variant whose colour it takes:
/// the month, then each variant's mean and interval (`values` holds the
/// variant's index, its mean and interval). When they would overflow the
/// plot, the intervals go, then the variants that do not fit, counted in a
/// last line; the slider's text keeps them all.
fn readout_lines(
    t: usize,
    values: Vec<(usize, String, Option<String>)>,
    max_lines: usize,
) -> Vec<(Option<usize>, String)> {
    let mut lines = vec![(None, format!("Month {}", t + 1))];
    let spreads = values.iter().filter(|(_, _, i)| i.is_some()).count();
    let with_spreads = 1 + values.len() + spreads <= max_lines;
    // Past the last line that fits, one line says how many are not shown.
    let shown = if values.len() < max_lines {
        values.len()
    } else {
        max_lines - 2
    };
    let hidden = values.len() - shown;
    for (v, mean, spread) in values.into_iter().take(shown) {
        lines.push((Some(v), mean));
        if let Some(spread) = spread.filter(|_| with_spreads) {
            lines.push((None, spread));
        }
    }
    if hidden > 0 {
        lines.push((None, format!("and {hidden} more")));
    }
    lines
}

/// The guide line, dots and values of month `t` (from 0).
fn readout(
    report: &Report,
    metric: FanMetric,
    months: usize,
    domain: (f64, f64),
    t: usize,
) -> Html {
    let currency = report.currency.as_str();
    let label = |x: f64| metric.label(x, currency);
    let x = FRAME.x_scale((1.0, months as f64));
    let y = FRAME.y_scale(domain);
    let cx = if months > 1 {
        x.map((t + 1) as f64)
    } else {
        FRAME.centre_x()
    };
    let drawn = metric.drawn(report);
    let dots = drawn.iter().map(|&(v, _, band)| {
        let mean = band.mean[t];
        html! {
            <circle class={classes!("readout-dot", series_class(v))} cx={cx.to_string()}
                cy={y.map(mean).to_string()} r="3" />
        }
    });
    // Each variant's value and interval, written once for both types.
    let figures: Vec<(usize, &str, String, Option<String>)> = drawn
        .iter()
        .map(|&(v, name, band)| {
            (
                v,
                name,
                label(band.mean[t]),
                metric.spread(band, t, currency),
            )
        })
        .collect();
    let boxes = READOUT_TYPES.iter().map(|ty| {
        let values = figures
            .iter()
            .map(|(v, name, value, spread)| {
                (*v, named(name, value, ty.line_chars(&FRAME)), spread.clone())
            })
            .collect();
        let lines = readout_lines(t, values, max_lines(ty));
        let widest = lines
            .iter()
            .map(|(_, l)| l.chars().count())
            .max()
            .unwrap_or(0);
        // The width of a character is an average: a line of wide characters
        // fills it, so the box takes it whole and the text stays inside.
        let box_width = (widest as f64 * ty.char_width + 16.0).min(FRAME.plot_width());
        let box_height = ty.line * lines.len() as f64 + 8.0;
        let box_x = if cx > FRAME.centre_x() {
            (cx - 10.0 - box_width).max(FRAME.left)
        } else {
            (cx + 10.0).min(FRAME.width - FRAME.right - box_width)
        };
        let box_y = FRAME.top + 2.0;
        let text = lines.iter().enumerate().map(|(i, (series, line))| {
            let line_y = box_y + 4.0 + ty.line * (i as f64 + 0.8);
            let class = match series {
                Some(v) => classes!("readout-name", series_class(*v)),
                None if i == 0 => classes!("readout-month"),
                None => classes!("readout-range"),
            };
            html! {
                <text {class} x={(box_x + 8.0).to_string()} y={line_y.to_string()}>{line.clone()}</text>
            }
        });
        html! {
            <g class={ty.class}>
                <rect class="readout-box" x={box_x.to_string()} y={box_y.to_string()}
                    width={box_width.to_string()} height={box_height.to_string()} rx="4" />
                {for text}
            </g>
        }
    });
    html! {
        <g class="point-readout" aria-hidden="true">
                <line class="readout-guide" x1={cx.to_string()} x2={cx.to_string()}
                    y1={FRAME.top.to_string()} y2={FRAME.base().to_string()} />
                {for dots}
                {for boxes}
        </g>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::DEFAULT_SCENARIO;
    use journey_core::{Journey, run_trials};

    #[test]
    fn a_month_is_spoken_with_every_variant_and_its_interval() {
        let journey = Journey::from_json(DEFAULT_SCENARIO).expect("default scenario is valid");
        let report = run_trials(&journey, 1, 0..20).report(&journey, 1);
        let text = spoken(&report, FanMetric::ActiveCustomers, 2);
        assert!(text.starts_with("Month 3; "), "{text}");
        assert_eq!(text.matches("(90%: ").count(), report.results.len());
        assert!(text.contains(&report.results[0].name));
        // The uplift has no line for the baseline: the options alone.
        let last = report.results[0].monthly.revenue.mean.len() - 1;
        let text = spoken(&report, FanMetric::CumulativeUplift, last);
        assert_eq!(text.matches("(90%: ").count(), report.results.len() - 1);
        assert!(
            !text.contains(&format!("; {}:", report.results[0].name)),
            "{text}"
        );
    }

    #[test]
    fn the_readout_never_runs_out_of_the_plot() {
        let values = |n: usize| -> Vec<(usize, String, Option<String>)> {
            (0..n)
                .map(|v| (v, format!("V{v}: 1"), Some("90%: 0 to 2".to_string())))
                .collect()
        };
        let [wide, narrow, widest] = READOUT_TYPES.map(|ty| max_lines(&ty));
        assert_eq!((wide, narrow, widest), (12, 9, 15));
        // Four variants: each with its interval, in any type.
        for max in [wide, narrow, widest] {
            let four = readout_lines(0, values(4), max);
            assert_eq!(four.len(), 9);
            assert_eq!(four[2], (None, "90%: 0 to 2".to_string()));
        }
        // Seven: the means alone.
        let seven = readout_lines(0, values(7), wide);
        assert_eq!(seven.len(), 8);
        assert!(seven[1..].iter().all(|(v, _)| v.is_some()));
        // Twenty-one: as many as fit, then how many are left out.
        for max in [wide, narrow, widest] {
            let many = readout_lines(0, values(21), max);
            assert_eq!(many.len(), max);
            let shown = many.iter().filter(|(v, _)| v.is_some()).count();
            assert_eq!(many.last().unwrap().1, format!("and {} more", 21 - shown));
        }
    }

    #[test]
    fn long_names_are_cut_to_fit_the_line() {
        let [wide, narrow, widest] = READOUT_TYPES.map(|ty| ty.line_chars(&FRAME));
        assert_eq!((wide, narrow, widest), (44, 32, 53));
        assert_eq!(named("Short", "€25.5M", wide), "Short: €25.5M");
        assert_eq!(
            named("Structured sales-to-success handover", "€25.5M", wide),
            "Structured sales-to-success handover: €25.5M"
        );
        let cut = named("A very long name for an investment option", "€25.5M", wide);
        assert_eq!(cut, "A very long name for an investment…: €25.5M");
        assert!(cut.chars().count() <= wide);
        let cut = named("Structured sales-to-success handover", "€25.5M", narrow);
        assert_eq!(cut, "Structured sales-to-suc…: €25.5M");
        assert!(cut.chars().count() <= narrow);
    }
}

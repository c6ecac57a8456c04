//! SVG charts of a report: pure components, props in and SVG out, drawn
//! with the shared helpers of [`scale`]. Colours come from CSS variables
//! (`--series-0` ...), so both themes apply.

pub mod axes;
mod chart_export;
mod distribution_preview;
mod fan_chart;
mod flow_diagram;
mod histogram;
mod point_slider;
pub mod scale;

pub use chart_export::{ChartExport, ChartExportProps};
pub use distribution_preview::{Density, distribution_preview};
pub use fan_chart::{FanChart, FanChartProps, FanMetric};
pub use flow_diagram::{FlowDiagram, FlowDiagramProps};
pub use histogram::{Histogram, HistogramProps, ValueUnit};
pub use point_slider::{Points, READOUT_TYPES, ReadoutType, SliderValue, use_point_slider};

/// Series colours in the Okabe–Ito palette (see styles/app.css); the
/// baseline is series 0.
pub const SERIES_COLOURS: usize = 6;
/// Line styles of a fan chart's mean lines: solid, dashed, dotted and
/// dash-dot (`dash-1` ... in styles/app.css). With the five colours of the
/// options they give each of the twenty options a line of its own.
pub const SERIES_DASHES: usize = 4;

/// The CSS classes of variant `index`'s colour and line style. Options
/// cycle through the colours after the baseline's, so that none is drawn
/// as the baseline, and take the next line style each time round.
pub fn series_class(index: usize) -> String {
    let Some(option) = index.checked_sub(1) else {
        return "series-0".to_string();
    };
    let colour = 1 + option % (SERIES_COLOURS - 1);
    match option / (SERIES_COLOURS - 1) % SERIES_DASHES {
        0 => format!("series-{colour}"),
        dash => format!("series-{colour} dash-{dash}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_baseline_has_the_baselines_colour() {
        let classes: Vec<String> = (0..13).map(series_class).collect();
        assert_eq!(classes[0], "series-0");
        assert!(
            classes[1..].iter().all(|c| !c.contains("series-0")),
            "{classes:?}"
        );
        assert_eq!(
            classes[1..7],
            [
                "series-1",
                "series-2",
                "series-3",
                "series-4",
                "series-5",
                "series-1 dash-1"
            ]
        );
    }

    #[test]
    fn every_option_up_to_the_limit_has_a_look_of_its_own() {
        let looks: std::collections::HashSet<String> = (0..=journey_core::MAX_SCENARIOS)
            .map(series_class)
            .collect();
        assert_eq!(looks.len(), journey_core::MAX_SCENARIOS + 1);
        assert_eq!(series_class(20), "series-5 dash-3");
    }
}

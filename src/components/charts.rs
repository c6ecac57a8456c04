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

/// The CSS class of variant `index`'s colour. Options cycle through the
/// colours after the baseline's, so that none is drawn as the baseline.
pub fn series_class(index: usize) -> String {
    let colour = match index {
        0 => 0,
        option => 1 + (option - 1) % (SERIES_COLOURS - 1),
    };
    format!("series-{colour}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_baseline_has_the_baselines_colour() {
        let classes: Vec<String> = (0..13).map(series_class).collect();
        assert_eq!(classes[0], "series-0");
        assert!(classes[1..].iter().all(|c| c != "series-0"), "{classes:?}");
        assert_eq!(
            classes[1..6],
            ["series-1", "series-2", "series-3", "series-4", "series-5"]
        );
        assert_eq!(classes[6], "series-1");
    }
}

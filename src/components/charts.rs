//! SVG charts of a report: pure components, props in and SVG out, drawn
//! with the shared helpers of [`scale`]. Colours come from CSS variables
//! (`--series-0` ...), so both themes apply.

pub mod axes;
mod chart_export;
mod distribution_preview;
mod fan_chart;
mod flow_diagram;
mod histogram;
pub mod scale;

pub use chart_export::{ChartExport, ChartExportProps};
pub use distribution_preview::{Density, DistributionPreview, DistributionPreviewProps};
pub use fan_chart::{FanChart, FanChartProps, FanMetric};
pub use flow_diagram::{FlowDiagram, FlowDiagramProps};
pub use histogram::{Histogram, HistogramProps, ValueUnit};

/// Series colours in the Okabe–Ito palette (see styles/app.css); the
/// baseline is series 0.
pub const SERIES_COLOURS: usize = 6;

/// The CSS class of variant `index`'s colour.
pub fn series_class(index: usize) -> String {
    format!("series-{}", index % SERIES_COLOURS)
}

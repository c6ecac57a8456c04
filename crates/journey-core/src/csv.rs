//! The monthly series as CSV (RFC 4180, `\n` line ends): one row per variant
//! and month, `scenario,month,` then the series of [`SERIES`] in order and
//! the scenarios' [`UPLIFT_SERIES`] (empty for the baseline). The command
//! line's `--format csv` and the app's downloads share it.

use crate::{ExpectedReport, Report, SERIES, Series, UPLIFT_SERIES};

/// The four columns a Monte Carlo series has per month.
const BAND_COLUMNS: [&str; 4] = ["mean", "p05", "p50", "p95"];

/// Every series's name, in column order.
fn series_names() -> impl Iterator<Item = &'static str> {
    SERIES.into_iter().chain([UPLIFT_SERIES])
}

/// `journey run --format csv`: per series, its mean, p05, p50 and p95.
pub fn run_table(report: &Report) -> String {
    let mut header = vec!["scenario".to_string(), "month".to_string()];
    for name in series_names() {
        header.extend(BAND_COLUMNS.iter().map(|c| format!("{name}_{c}")));
    }
    let mut out = row(&header);
    for variant in &report.results {
        let columns = columns(&variant.monthly);
        for t in 0..months(&columns, |b| b.mean.len()) {
            let mut cells = vec![quote(&variant.name), (t + 1).to_string()];
            for band in columns {
                match band {
                    Some(b) => cells.extend(
                        [&b.mean, &b.p05, &b.p50, &b.p95].map(|v| number(v.get(t).copied())),
                    ),
                    None => cells.extend(BAND_COLUMNS.map(|_| String::new())),
                }
            }
            out.push_str(&row(&cells));
        }
    }
    out
}

/// `journey expected --format csv`: one value per series.
pub fn expected_table(report: &ExpectedReport) -> String {
    let mut header = vec!["scenario".to_string(), "month".to_string()];
    header.extend(series_names().map(str::to_string));
    let mut out = row(&header);
    for variant in &report.results {
        let columns = columns(&variant.monthly);
        for t in 0..months(&columns, Vec::len) {
            let mut cells = vec![quote(&variant.name), (t + 1).to_string()];
            cells.extend(
                columns
                    .iter()
                    .map(|values| number(values.and_then(|v| v.get(t).copied()))),
            );
            out.push_str(&row(&cells));
        }
    }
    out
}

/// The series in column order; `None` where a variant has none (the
/// baseline's uplift). Destructured in full, so a series added to the
/// engine does not compile here until it has a column.
fn columns<S>(series: &Series<S>) -> [Option<&S>; SERIES.len() + 1] {
    let Series {
        active_customers,
        revenue,
        margin,
        cumulative_npv,
        acquired,
        churned,
        cumulative_uplift_npv,
    } = series;
    [
        Some(active_customers),
        Some(revenue),
        Some(margin),
        Some(cumulative_npv),
        Some(acquired),
        Some(churned),
        cumulative_uplift_npv.as_ref(),
    ]
}

/// Rows for the longest series (they all have one value per month).
fn months<S>(columns: &[Option<&S>], len: impl Fn(&S) -> usize) -> usize {
    columns.iter().flatten().map(|s| len(s)).max().unwrap_or(0)
}

/// One CSV line of already formatted cells.
pub fn row(cells: &[String]) -> String {
    let mut line = cells.join(",");
    line.push('\n');
    line
}

/// A number as Rust prints it (shortest exact form, no exponent); empty
/// when undefined.
pub fn number(x: Option<f64>) -> String {
    match x {
        Some(x) if x.is_finite() => x.to_string(),
        _ => String::new(),
    }
}

/// A text cell: quoted, with quotes doubled, when it holds a comma, a
/// quote, a line break or surrounding spaces. A name that a spreadsheet
/// would take for a formula (it starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return; names
/// come from anyone's share link) starts with an apostrophe, which
/// spreadsheets read as "text".
pub fn quote(text: &str) -> String {
    let guarded;
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        guarded = format!("'{text}");
        &guarded
    } else {
        text
    };
    let plain = !text.contains([',', '"', '\n', '\r'])
        && !text.starts_with(char::is_whitespace)
        && !text.ends_with(char::is_whitespace);
    if plain {
        text.to_string()
    } else {
        format!("\"{}\"", text.replace('"', "\"\""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_what_needs_quoting() {
        assert_eq!(quote("Fix onboarding"), "Fix onboarding");
        assert_eq!(quote("Sales, ops"), "\"Sales, ops\"");
        assert_eq!(quote("The \"big\" fix"), "\"The \"\"big\"\" fix\"");
        assert_eq!(quote("two\nlines"), "\"two\nlines\"");
        assert_eq!(quote(" padded"), "\" padded\"");
    }

    #[test]
    fn names_that_read_as_formulas_start_with_an_apostrophe() {
        assert_eq!(
            quote("=HYPERLINK(\"http://x\",\"Click\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"Click\"\")\""
        );
        assert_eq!(quote("+1 agent"), "'+1 agent");
        assert_eq!(quote("@risk"), "'@risk");
        assert_eq!(quote("-10% churn"), "'-10% churn");
        assert_eq!(quote("10% churn"), "10% churn");
    }

    #[test]
    fn numbers_are_plain_and_undefined_is_empty() {
        assert_eq!(number(Some(1234.5)), "1234.5");
        assert_eq!(number(Some(100.0)), "100");
        assert_eq!(number(Some(-0.25)), "-0.25");
        assert_eq!(number(Some(1e21)), "1000000000000000000000");
        assert_eq!(number(Some(f64::NAN)), "");
        assert_eq!(number(Some(f64::INFINITY)), "");
        assert_eq!(number(None), "");
    }

    #[test]
    fn columns_follow_series_order() {
        let s = Series {
            active_customers: 0,
            revenue: 1,
            margin: 2,
            cumulative_npv: 3,
            acquired: 4,
            churned: 5,
            cumulative_uplift_npv: Some(6),
        };
        let names = serde_json::to_value(&s).unwrap();
        let columns = columns(&s);
        assert_eq!(columns.len(), series_names().count());
        for (i, (name, value)) in series_names().zip(columns).enumerate() {
            assert_eq!(names[name], i);
            assert_eq!(value, Some(&i));
        }
    }
}

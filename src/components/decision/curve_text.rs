//! Reading a pasted survival curve: percentages starting at 100, or cohort
//! counts, separated by commas, semicolons, spaces or new lines.

use journey_core::calibration::{SbgFit, SurvivalData, fit_sbg};
use journey_core::{Scenario, StageDrop, Uncertain};

use crate::format::percent;

/// How the pasted values read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CurveKind {
    /// Percent of the cohort still there, starting at 100.
    Percent,
    /// People still there, starting with the cohort size.
    Counts,
}

impl CurveKind {
    pub fn key(self) -> &'static str {
        match self {
            CurveKind::Percent => "percent",
            CurveKind::Counts => "counts",
        }
    }

    pub fn from_key(key: &str) -> CurveKind {
        if key == "counts" {
            CurveKind::Counts
        } else {
            CurveKind::Percent
        }
    }
}

/// Reads `text` as a curve of `kind`, with an error a person can act on.
pub fn parse_curve(text: &str, kind: CurveKind) -> Result<SurvivalData, String> {
    if text.trim().is_empty() {
        return Err(
            "Paste a survival curve first: one value per month, starting at month 0.".into(),
        );
    }
    match kind {
        CurveKind::Percent => match SurvivalData::parse(text) {
            Ok(SurvivalData::Percent(values)) => Ok(SurvivalData::Percent(values)),
            // Whole numbers not starting at 100 read as counts; here the
            // user said percentages.
            Ok(SurvivalData::Counts(counts)) => Err(format!(
                "Percentages start at 100 (month 0), but the first value is {}. \
                 For numbers of people, choose \"cohort counts\".",
                counts[0]
            )),
            Err(e) => Err(sentence(&e.to_string())),
        },
        CurveKind::Counts => {
            let mut counts = Vec::new();
            for (i, token) in tokens(text).enumerate() {
                let value = token.parse::<u64>().map_err(|_| {
                    let shown: String = token.chars().take(40).collect();
                    format!(
                        "Value {} (\"{shown}\") is not a whole number of people.",
                        i + 1
                    )
                })?;
                counts.push(value);
            }
            let data = SurvivalData::Counts(counts);
            // Checks the curve (length, cohort size, never rising).
            journey_core::calibration::sbg_log_likelihood(&data, 1.0, 1.0)
                .map_err(|e| sentence(&e.to_string()))?;
            Ok(data)
        }
    }
}

/// Parses and fits, projecting over `horizon` months (at least the
/// observed months).
pub fn fit_curve(text: &str, kind: CurveKind, horizon: u32) -> Result<SbgFit, String> {
    let data = parse_curve(text, kind)?;
    let observed = u32::try_from(data.len().saturating_sub(1)).unwrap_or(u32::MAX);
    fit_sbg(&data, horizon.max(observed)).map_err(|e| sentence(&e.to_string()))
}

fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|t| !t.is_empty())
}

/// The engine's message as a sentence: capitalised, with a full stop.
fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    let mut out: String = match chars.next() {
        // The engine's messages start with an ASCII word; ASCII case keeps
        // the Unicode case tables out of the download.
        Some(first) => std::iter::once(first.to_ascii_uppercase())
            .chain(chars)
            .collect(),
        None => return String::new(),
    };
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

/// alpha or beta as written into a stage: four significant digits, enough
/// for the fit's precision and short in the editor.
pub fn rounded_param(x: f64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    let digits = 3 - x.abs().log10().floor() as i32;
    let scale = 10f64.powi(digits);
    (x * scale).round() / scale
}

/// alpha or beta as shown: three decimals below 10, else four
/// significant digits.
pub fn param_text(x: f64) -> String {
    if x.abs() < 10.0 {
        format!("{x:.3}")
    } else {
        rounded_param(x).to_string()
    }
}

/// `scenario` with stage `stage`'s drop set to the sBG fit (alpha and beta
/// to four significant digits); `None` when there is no such stage.
pub fn with_sbg_drop(scenario: &Scenario, stage: usize, fit: &SbgFit) -> Option<Scenario> {
    let mut out = scenario.clone();
    out.stages.get_mut(stage)?.drop = StageDrop::Sbg {
        alpha: Uncertain::Point(rounded_param(fit.alpha)),
        beta: Uncertain::Point(rounded_param(fit.beta)),
    };
    Some(out)
}

/// Why applying `fit` to stage `stage` would make the journey invalid:
/// its advance plus the fit's first-month churn above 100%.
pub fn fit_conflict(scenario: &Scenario, stage: usize, fit: &SbgFit) -> Option<String> {
    let advance = scenario.stages.get(stage)?.advance.upper();
    let (a, b) = (rounded_param(fit.alpha), rounded_param(fit.beta));
    let churn = a / (a + b);
    (advance + churn > 1.0 + 1e-12).then(|| {
        format!(
            "This stage advances up to {} a month; with {} churn in month 1 that is more than \
             everyone, so the journey will show a problem until you lower its advance.",
            percent(advance),
            percent(churn)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const REGULAR: &str = "100, 63.1, 46.8, 38.2, 32.6, 28.9, 26.2, 24.1";

    #[test]
    fn percentages_with_commas_or_one_per_line() {
        let comma = parse_curve("100, 63.1, 46.8", CurveKind::Percent).unwrap();
        assert_eq!(comma, SurvivalData::Percent(vec![100.0, 63.1, 46.8]));
        let lines = parse_curve("100\n63.1\r\n46.8\n", CurveKind::Percent).unwrap();
        assert_eq!(lines, comma);
        let signs = parse_curve("100% 63.1% 46.8%", CurveKind::Percent).unwrap();
        assert_eq!(signs, comma);
    }

    #[test]
    fn the_regular_segment_fits_as_in_the_paper() {
        let fit = fit_curve(REGULAR, CurveKind::Percent, 36).unwrap();
        assert!((fit.alpha - 0.704).abs() < 5e-4, "alpha {}", fit.alpha);
        assert!((fit.beta - 1.182).abs() < 5e-4, "beta {}", fit.beta);
        assert_eq!(fit.observed.len(), 8);
        assert_eq!(fit.projection.len(), 37);
        assert_eq!(param_text(fit.alpha), "0.704");
        assert_eq!(param_text(fit.beta), "1.182");
    }

    #[test]
    fn the_projection_covers_at_least_the_observed_months() {
        let fit = fit_curve(REGULAR, CurveKind::Percent, 3).unwrap();
        assert_eq!(fit.projection.len(), 8);
    }

    #[test]
    fn bad_percentages_say_what_is_wrong() {
        assert_eq!(
            parse_curve("90, 63.1, 46.8", CurveKind::Percent).unwrap_err(),
            "First value must be 100 for percentages (got 90); cohort counts must be \
             whole numbers (value 2 is 63.1)."
        );
        assert_eq!(
            parse_curve("1000, 631, 468", CurveKind::Percent).unwrap_err(),
            "Percentages start at 100 (month 0), but the first value is 1000. \
             For numbers of people, choose \"cohort counts\"."
        );
        assert_eq!(
            parse_curve("100, 63.1, 70", CurveKind::Percent).unwrap_err(),
            "Value 3 (70 after 63.1): survival cannot increase."
        );
        assert_eq!(
            parse_curve("100, abc, 46.8", CurveKind::Percent).unwrap_err(),
            "Value 2 (\"abc\") is not a number."
        );
        assert_eq!(
            parse_curve("100, 63.1", CurveKind::Percent).unwrap_err(),
            "Need at least 3 values (got 2): the starting cohort, then at least two months."
        );
        assert!(
            parse_curve("  \n", CurveKind::Percent)
                .unwrap_err()
                .starts_with("Paste")
        );
    }

    #[test]
    fn counts_are_whole_numbers_even_from_100() {
        assert_eq!(
            parse_curve("100; 63 46\n38", CurveKind::Counts).unwrap(),
            SurvivalData::Counts(vec![100, 63, 46, 38])
        );
        assert_eq!(
            parse_curve("1000, 63.1, 46", CurveKind::Counts).unwrap_err(),
            "Value 2 (\"63.1\") is not a whole number of people."
        );
        assert_eq!(
            parse_curve("1000, 600, 700", CurveKind::Counts).unwrap_err(),
            "Value 3 (700 after 600): survival cannot increase."
        );
        assert_eq!(
            parse_curve("0, 0, 0", CurveKind::Counts).unwrap_err(),
            "First value (the cohort size) must be greater than 0."
        );
        let fit = fit_curve("1000 631 468 382 326 289 262 241", CurveKind::Counts, 12).unwrap();
        assert!((fit.alpha - 0.704).abs() < 5e-3, "alpha {}", fit.alpha);
    }

    #[test]
    fn a_fit_applies_to_one_stage_as_sbg_churn() {
        let scenario =
            Scenario::from_json(include_str!("../../../examples/b2b-saas.json")).unwrap();
        let fit = fit_curve(REGULAR, CurveKind::Percent, 12).unwrap();
        let last = scenario.stages.len() - 2;
        let applied = with_sbg_drop(&scenario, last, &fit).unwrap();
        let StageDrop::Sbg { alpha, beta } = applied.stages[last].drop else {
            panic!("the drop is not sBG");
        };
        assert_eq!(alpha, Uncertain::Point(rounded_param(fit.alpha)));
        assert_eq!(beta, Uncertain::Point(rounded_param(fit.beta)));
        assert_eq!(applied.stages[..last], scenario.stages[..last]);
        assert!(journey_core::Journey::new(applied).is_ok());
        assert_eq!(fit_conflict(&scenario, last, &fit), None);
        assert_eq!(with_sbg_drop(&scenario, last + 2, &fit), None);
        // Renewal advances 90% a month: with 37% churn in month 1 that is
        // more than everyone.
        let renewal = last + 1;
        assert_eq!(
            fit_conflict(&scenario, renewal, &fit).unwrap(),
            "This stage advances up to 90.0% a month; with 37.3% churn in month 1 that is more \
             than everyone, so the journey will show a problem until you lower its advance."
        );
        assert!(
            journey_core::Journey::new(with_sbg_drop(&scenario, renewal, &fit).unwrap()).is_err()
        );
    }

    #[test]
    fn parameters_keep_four_significant_digits() {
        assert_eq!(rounded_param(0.704_123), 0.7041);
        assert_eq!(rounded_param(1.181_96), 1.182);
        assert_eq!(rounded_param(12.345_6), 12.35);
        assert_eq!(rounded_param(0.000_123_456), 0.000_123_5);
        assert_eq!(rounded_param(10_000.0), 10_000.0);
    }
}

//! The distributions of per-trial ROI and CLV, binned in the collector so
//! that the page draws histograms without going over every trial's values.

use journey_core::{KEYS, Partial, Summary};
use serde::{Deserialize, Serialize};

use crate::components::charts::scale::{Bins, bins};

/// Bins per histogram (about; bin edges are round numbers).
pub const HISTOGRAM_BINS: u32 = 24;

/// One per-trial value's histogram and summary, over its finite values.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Distribution {
    /// Lower edge of the first bin.
    pub start: f64,
    pub width: f64,
    pub counts: Vec<u32>,
    pub summary: Summary,
}

impl Distribution {
    /// `None` when no value is finite.
    pub fn of(values: &[f64], bin_count: u32) -> Option<Distribution> {
        let binned = bins(values, bin_count)?;
        let summary = Summary::of(values.iter().copied().filter(|x| x.is_finite()))?;
        Some(Distribution {
            start: binned.start,
            width: binned.width,
            counts: binned.counts,
            summary,
        })
    }

    pub fn bins(&self) -> Bins {
        Bins {
            start: self.start,
            width: self.width,
            counts: self.counts.clone(),
        }
    }
}

/// Per variant, in report order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct VariantDistributions {
    /// ROI per trial (investment options only, when they spend).
    pub roi: Option<Distribution>,
    /// Customer lifetime value per trial.
    pub clv: Option<Distribution>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Distributions {
    /// Trials binned; the same as the report's.
    pub trials: u32,
    pub variants: Vec<VariantDistributions>,
}

impl Distributions {
    /// The distributions of `partial`'s trials, for its first `variants`
    /// variants (those of its report).
    pub fn of(partial: &Partial, variants: usize) -> Distributions {
        let key = |name: &str| KEYS.iter().position(|k| *k == name);
        let (roi, clv) = (key("roi"), key("clv"));
        let trials = partial.trials();
        let distribution = |v: usize, key: Option<usize>| {
            let values: Vec<f64> = partial.values(v, key?).collect();
            Distribution::of(&values, HISTOGRAM_BINS)
        };
        Distributions {
            trials,
            variants: (0..variants)
                .map(|v| {
                    if trials == 0 {
                        return VariantDistributions::default();
                    }
                    VariantDistributions {
                        roi: if v > 0 { distribution(v, roi) } else { None },
                        clv: distribution(v, clv),
                    }
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::DEFAULT_SCENARIO;
    use journey_core::{Journey, run_trials};

    #[test]
    fn bins_and_summary_are_those_of_the_finite_values() {
        let values = [1.0, f64::NAN, 2.0, 3.5, f64::INFINITY, 2.5];
        let d = Distribution::of(&values, 24).expect("finite values");
        assert_eq!(Some(d.bins()), bins(&values, 24));
        assert_eq!(d.counts.iter().sum::<u32>(), 4);
        assert_eq!(
            Some(d.summary),
            Summary::of([1.0, 2.0, 3.5, 2.5].into_iter())
        );
        assert_eq!(Distribution::of(&[f64::NAN], 24), None);
    }

    #[test]
    fn every_variant_has_clv_and_options_have_roi() {
        let journey = Journey::from_json(DEFAULT_SCENARIO).expect("default scenario is valid");
        let partial = run_trials(&journey, 1, 0..50);
        let report = partial.report(&journey, 1);
        let d = Distributions::of(&partial, report.results.len());
        assert_eq!(d.trials, 50);
        assert_eq!(d.variants.len(), report.results.len());
        assert!(d.variants[0].roi.is_none());
        for (v, variant) in d.variants.iter().enumerate() {
            let clv = variant.clv.as_ref().expect("CLV is defined in every trial");
            assert_eq!(clv.summary, report.results[v].summary.clv);
            assert_eq!(clv.counts.iter().sum::<u32>(), 50);
        }
    }

    #[test]
    fn the_same_trials_bin_the_same_whatever_the_split() {
        let journey = Journey::from_json(DEFAULT_SCENARIO).expect("default scenario is valid");
        let mut merged = run_trials(&journey, 1, 20..40);
        merged.merge(run_trials(&journey, 1, 0..20));
        let whole = run_trials(&journey, 1, 0..40);
        let variants = whole.report(&journey, 1).results.len();
        assert_eq!(
            Distributions::of(&merged, variants),
            Distributions::of(&whole, variants)
        );
    }
}

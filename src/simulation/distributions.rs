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
    pub clv: Clv,
}

/// A variant's customer lifetime value per trial. Options that change only
/// what comes before the purchase often leave it exactly as it is, and one
/// histogram then stands for all of them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum Clv {
    /// Not finite in any trial.
    #[default]
    Undefined,
    Binned(Distribution),
    /// Bit for bit that of the earlier variant `.0`, in every trial.
    SameAs(usize),
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
        let same = |v: usize, u: usize, key: usize| {
            partial
                .values(v, key)
                .zip(partial.values(u, key))
                .all(|(a, b)| a.to_bits() == b.to_bits())
        };
        if trials == 0 {
            return Distributions {
                trials,
                variants: vec![VariantDistributions::default(); variants],
            };
        }
        let mut out: Vec<VariantDistributions> = Vec::with_capacity(variants);
        for v in 0..variants {
            // One histogram per distinct CLV: an earlier variant with the
            // same value in every trial stands for this one.
            let earlier = clv.and_then(|key| {
                (0..v).find(|&u| matches!(out[u].clv, Clv::Binned(_)) && same(v, u, key))
            });
            let clv = match earlier {
                Some(u) => Clv::SameAs(u),
                None => distribution(v, clv).map_or(Clv::Undefined, Clv::Binned),
            };
            out.push(VariantDistributions {
                roi: if v > 0 { distribution(v, roi) } else { None },
                clv,
            });
        }
        Distributions {
            trials,
            variants: out,
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
            let clv = match &variant.clv {
                Clv::Binned(clv) => clv,
                Clv::SameAs(u) => match &d.variants[*u].clv {
                    Clv::Binned(clv) => clv,
                    other => panic!("variant {v} stands for {u}, whose CLV is {other:?}"),
                },
                Clv::Undefined => panic!("CLV is defined in every trial"),
            };
            assert_eq!(clv.summary, report.results[v].summary.clv);
            assert_eq!(clv.counts.iter().sum::<u32>(), 50);
        }
        if let (Some(v), Some(b)) = (d.variants.get(1), d.variants.first()) {
            assert!(matches!(b.clv, Clv::Binned(_)), "the baseline has its own");
            assert!(v.roi.is_some(), "an option has its ROI");
        }
    }

    /// The subscription box's options: the first improves the first box, a
    /// stage after the purchase; the other two act before it.
    #[test]
    fn options_that_leave_clv_as_it_is_share_the_baseline_histogram() {
        let journey = Journey::from_json(DEFAULT_SCENARIO).expect("default scenario is valid");
        let partial = run_trials(&journey, 1, 0..200);
        let names: Vec<String> = partial
            .report(&journey, 1)
            .results
            .into_iter()
            .map(|r| r.name)
            .collect();
        let d = Distributions::of(&partial, names.len());
        let shared: Vec<(&str, Option<usize>)> = d
            .variants
            .iter()
            .zip(&names)
            .map(|(v, name)| {
                let same_as = match v.clv {
                    Clv::SameAs(u) => Some(u),
                    _ => None,
                };
                (name.as_str(), same_as)
            })
            .collect();
        assert_eq!(
            shared,
            [
                ("Baseline", None),
                ("Fix the first-box experience", None),
                ("Integrate checkout with fulfilment", Some(0)),
                ("Awareness campaign", Some(0)),
            ]
        );
        // Only exact equality counts: the least spend on care, after the
        // purchase, gives the campaign a histogram of its own.
        let mut scenario: serde_json::Value =
            serde_json::from_str(DEFAULT_SCENARIO).expect("the default scenario is JSON");
        scenario["scenarios"][2]["investments"]
            .as_array_mut()
            .expect("the campaign's investments")
            .push(serde_json::json!({
                "department": "care", "monthly_spend": 1, "half_friction_spend": 1e9,
            }));
        let journey = Journey::from_json(&scenario.to_string()).expect("still valid");
        let d = Distributions::of(&run_trials(&journey, 1, 0..200), names.len());
        assert_eq!(d.variants[2].clv, Clv::SameAs(0));
        assert!(matches!(d.variants[3].clv, Clv::Binned(_)));
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

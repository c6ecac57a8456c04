//! Results as people read them (and the CLI prints them): per variant, every
//! outcome of MODEL.md §5 summarised across trials, the monthly series as
//! bands, the uplift against the baseline and the flow through each stage.
//! `expected` mode fills the same shape with plain numbers.

use serde::{Deserialize, Serialize};

use crate::aggregate::{Cell, Partial};
use crate::journey::Journey;
use crate::outcome::{self, INVESTMENT_PV, KEYS, OUTCOME_KEYS, Outcome, PAYBACK, ROI, SERIES};
use crate::streams::GENERATOR;

pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// A result across trials.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub mean: f64,
    pub sd: f64,
    pub p05: f64,
    pub p50: f64,
    pub p95: f64,
}

impl Summary {
    /// Mean, sample sd and linearly interpolated quantiles of the defined
    /// (non-NaN) values, in the order given; `None` when there are none.
    pub fn of(values: impl Iterator<Item = f64>) -> Option<Summary> {
        let mut xs: Vec<f64> = values.filter(|x| !x.is_nan()).collect();
        if xs.is_empty() {
            return None;
        }
        let n = xs.len() as f64;
        let mean = xs.iter().sum::<f64>() / n;
        let sd = if xs.len() > 1 {
            (xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1.0)).sqrt()
        } else {
            0.0
        };
        xs.sort_by(f64::total_cmp);
        Some(Summary {
            mean,
            sd,
            p05: quantile(&xs, 0.05),
            p50: quantile(&xs, 0.50),
            p95: quantile(&xs, 0.95),
        })
    }
}

/// Linear interpolation between order statistics (NumPy's default).
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * q;
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// A monthly series across trials.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Band {
    pub mean: Vec<f64>,
    pub p05: Vec<f64>,
    pub p50: Vec<f64>,
    pub p95: Vec<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Outcomes<V> {
    pub total_revenue: V,
    pub total_cost: V,
    pub total_margin: V,
    pub npv: V,
    pub customers_acquired: V,
    pub active_customers_end: V,
    pub referrals: V,
    pub clv: V,
    pub retention_12m: V,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Uplift<V> {
    pub uplift_revenue: V,
    pub uplift_npv: V,
    pub investment_pv: V,
    /// Null when the scenario spends nothing.
    pub roi: Option<V>,
    /// Over the trials that pay back within the horizon; null if none do.
    pub payback_month: Option<V>,
    /// Share of trials with ROI above 0 (null without spending, and in
    /// `expected` mode).
    pub prob_positive_roi: Option<f64>,
    /// Share of trials that pay back within the horizon.
    pub prob_payback: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Series<S> {
    pub active_customers: S,
    pub revenue: S,
    pub margin: S,
    pub cumulative_npv: S,
    pub acquired: S,
    pub churned: S,
    /// A scenario's cumulative NPV minus the baseline's in the same trial
    /// (costs included): where it crosses zero, the scenario has paid back.
    /// Null for the baseline (always written: the app's workers carry
    /// reports in a format without field names).
    pub cumulative_uplift_npv: Option<S>,
}

/// People through one stage over the horizon (means across trials).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StageFlow {
    pub id: String,
    pub entered: f64,
    pub advanced: f64,
    pub dropped: f64,
    /// The part of `dropped` lost to department and hand-off friction.
    pub lost_to_friction: f64,
    /// People in the stage at the end of the horizon.
    pub end: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VariantReport<V, S> {
    pub name: String,
    pub summary: Outcomes<V>,
    pub monthly: Series<S>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uplift: Option<Uplift<V>>,
    pub stages: Vec<StageFlow>,
}

/// A Monte Carlo run: the CLI's `run` output and what the app shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub engine: String,
    pub generator: String,
    pub trials: u32,
    pub seed: u64,
    pub currency: String,
    pub results: Vec<VariantReport<Summary, Band>>,
}

/// `expected` mode: the same shape with plain numbers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExpectedReport {
    pub engine: String,
    pub mode: String,
    pub currency: String,
    pub results: Vec<VariantReport<f64, Vec<f64>>>,
}

fn outcomes<V>(mut f: impl FnMut(usize) -> V) -> Outcomes<V> {
    Outcomes {
        total_revenue: f(0),
        total_cost: f(1),
        total_margin: f(2),
        npv: f(3),
        customers_acquired: f(4),
        active_customers_end: f(5),
        referrals: f(6),
        clv: f(7),
        retention_12m: f(8),
    }
}

fn series<S>(mut f: impl FnMut(usize) -> S, cumulative_uplift_npv: Option<S>) -> Series<S> {
    Series {
        active_customers: f(0),
        revenue: f(1),
        margin: f(2),
        cumulative_npv: f(3),
        acquired: f(4),
        churned: f(5),
        cumulative_uplift_npv,
    }
}

const _: () = assert!(OUTCOME_KEYS == 9 && SERIES.len() == 6 && KEYS.len() == 14);

impl Partial {
    /// Summarises the trials so far. Identical for any split of the same trials.
    pub fn report(&self, journey: &Journey, seed: u64) -> Report {
        let trials = self.trials();
        let stage_ids: Vec<&str> = journey
            .source
            .stages
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        let results = journey
            .variant_names()
            .into_iter()
            .enumerate()
            .filter(|&(v, _)| v < self.variants.len())
            .map(|(v, name)| {
                let part = &self.variants[v];
                let summary_of = |key: usize| Summary::of(self.values(v, key));
                let summary = outcomes(|k| summary_of(k).expect("defined in every trial"));
                let gain = (v > 0).then(|| band(&mut part.uplift_monthly.iter(), trials));
                let monthly = series(
                    |s| band(&mut part.monthly.iter().map(|c| &c[s]), trials),
                    gain,
                );
                let uplift = (v > 0).then(|| {
                    let share = |key: usize, test: fn(f64) -> bool| {
                        let (mut hits, mut defined) = (0u32, 0u32);
                        for x in self.values(v, key) {
                            defined += u32::from(!x.is_nan());
                            hits += u32::from(test(x));
                        }
                        (defined > 0).then(|| f64::from(hits) / f64::from(defined))
                    };
                    let pays_back = self.values(v, PAYBACK).filter(|x| !x.is_nan()).count();
                    Uplift {
                        uplift_revenue: summary_of(outcome::UPLIFT_REVENUE)
                            .expect("always defined"),
                        uplift_npv: summary_of(outcome::UPLIFT_NPV).expect("always defined"),
                        investment_pv: summary_of(INVESTMENT_PV).expect("always defined"),
                        roi: summary_of(ROI),
                        payback_month: summary_of(PAYBACK),
                        prob_positive_roi: share(ROI, |x| x > 0.0),
                        prob_payback: (trials > 0).then(|| pays_back as f64 / f64::from(trials)),
                    }
                });
                let stages = part
                    .stages
                    .iter()
                    .zip(&stage_ids)
                    .map(|(sums, id)| {
                        let mean = |i: usize| sums[i].value() / f64::from(trials.max(1));
                        StageFlow {
                            id: id.to_string(),
                            entered: mean(0),
                            advanced: mean(1),
                            dropped: mean(2),
                            lost_to_friction: mean(3),
                            end: mean(4),
                        }
                    })
                    .collect();
                VariantReport {
                    name,
                    summary,
                    monthly,
                    uplift,
                    stages,
                }
            })
            .collect();
        Report {
            engine: ENGINE_VERSION.to_string(),
            generator: GENERATOR.to_string(),
            trials,
            seed,
            currency: journey.source.currency.clone(),
            results,
        }
    }
}

/// A monthly series from its cells, one per month. Not generic, and kept
/// out of line: the web app ships one copy.
#[inline(never)]
fn band(cells: &mut dyn Iterator<Item = &Cell>, trials: u32) -> Band {
    let mut band = Band::default();
    for cell in cells {
        band.mean.push(cell.sum.value() / f64::from(trials.max(1)));
        band.p05.push(cell.sketch.quantile(0.05).unwrap_or(0.0));
        band.p50.push(cell.sketch.quantile(0.50).unwrap_or(0.0));
        band.p95.push(cell.sketch.quantile(0.95).unwrap_or(0.0));
    }
    band
}

pub(crate) fn expected_report(journey: &Journey, outcomes_: &[Outcome]) -> ExpectedReport {
    let results = journey
        .variant_names()
        .into_iter()
        .zip(outcomes_)
        .enumerate()
        .map(|(v, (name, o))| {
            let defined = |x: f64| (!x.is_nan()).then_some(x);
            VariantReport {
                name,
                summary: outcomes(|k| o.scalars[k]),
                monthly: series(
                    |s| o.series[s].clone(),
                    (v > 0).then(|| o.cumulative_uplift.clone()),
                ),
                uplift: (v > 0).then(|| Uplift {
                    uplift_revenue: o.scalars[outcome::UPLIFT_REVENUE],
                    uplift_npv: o.scalars[outcome::UPLIFT_NPV],
                    investment_pv: o.scalars[INVESTMENT_PV],
                    roi: defined(o.scalars[ROI]),
                    payback_month: defined(o.scalars[PAYBACK]),
                    prob_positive_roi: None,
                    prob_payback: None,
                }),
                stages: journey
                    .source
                    .stages
                    .iter()
                    .zip(&o.trajectory.flows)
                    .zip(&o.trajectory.end)
                    .map(|((s, f), &end)| StageFlow {
                        id: s.id.clone(),
                        entered: f.entered,
                        advanced: f.advanced,
                        dropped: f.dropped,
                        lost_to_friction: f.lost_to_friction,
                        end,
                    })
                    .collect(),
            }
        })
        .collect();
    ExpectedReport {
        engine: ENGINE_VERSION.to_string(),
        mode: "expected".to_string(),
        currency: journey.source.currency.clone(),
        results,
    }
}

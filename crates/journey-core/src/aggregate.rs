//! Results of a batch of trials, mergeable in any grouping and order with
//! identical final numbers: per-trial values are kept in trial order,
//! monthly series as order-free exact sums and sketches.

use serde::{Deserialize, Serialize};

use crate::exact_sum::ExactSum;
use crate::order::sort_ascending_by;
use crate::outcome::{KEYS, Outcome, SERIES};
use crate::sketch::Sketch;

/// What workers and threads send back: the results of some trials.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Partial {
    pub(crate) variants: Vec<VariantPartial>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct VariantPartial {
    /// Runs of consecutive trials, sorted by first trial, never overlapping.
    pub chunks: Vec<Chunk>,
    /// Per month, per series.
    pub monthly: Vec<[Cell; SERIES.len()]>,
    /// Per month, the cumulative NPV uplift (scenarios only).
    pub uplift_monthly: Vec<Cell>,
    /// Per stage: entered, advanced, dropped, lost to friction, at the end.
    pub stages: Vec<[ExactSum; 5]>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct Chunk {
    pub first_trial: u32,
    /// `KEYS.len()` values per trial, trial after trial; NaN = undefined.
    pub values: Vec<f64>,
}

impl Chunk {
    pub fn trials(&self) -> u32 {
        (self.values.len() / KEYS.len()) as u32
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Cell {
    pub sum: ExactSum,
    pub sketch: Sketch,
}

impl Partial {
    /// Trials included so far.
    pub fn trials(&self) -> u32 {
        self.variants
            .first()
            .map_or(0, |v| v.chunks.iter().map(Chunk::trials).sum())
    }

    pub(crate) fn push(&mut self, trial: u32, outcomes: &[Outcome]) {
        if self.variants.is_empty() {
            self.variants = outcomes
                .iter()
                .map(|o| VariantPartial {
                    chunks: Vec::new(),
                    monthly: vec![Default::default(); o.series[0].len()],
                    uplift_monthly: vec![Default::default(); o.cumulative_uplift.len()],
                    stages: vec![Default::default(); o.trajectory.flows.len()],
                })
                .collect();
        }
        let mut places = Vec::with_capacity(self.variants[0].monthly.len() * SERIES.len());
        for (v, o) in self.variants.iter_mut().zip(outcomes) {
            match v.chunks.last_mut() {
                Some(c) if c.first_trial + c.trials() == trial => c.values.extend(o.scalars),
                _ => v.chunks.push(Chunk {
                    first_trial: trial,
                    values: o.scalars.to_vec(),
                }),
            }
            // Two passes (see `Sketch::place`): the buckets of one trial's
            // values are scattered over megabytes.
            places.clear();
            for (t, cells) in v.monthly.iter_mut().enumerate() {
                for (cell, series) in cells.iter_mut().zip(&o.series) {
                    cell.sum.add(series[t]);
                    places.push(cell.sketch.place(series[t]));
                }
            }
            for (cell, &x) in v.uplift_monthly.iter_mut().zip(&o.cumulative_uplift) {
                cell.sum.add(x);
                places.push(cell.sketch.place(x));
            }
            let cells = v.monthly.iter_mut().flatten();
            for (cell, &place) in cells.chain(&mut v.uplift_monthly).zip(&places) {
                cell.sketch.count_at(place);
            }
            let flows = &o.trajectory.flows;
            for (k, sums) in v.stages.iter_mut().enumerate() {
                let f = flows[k];
                for (sum, x) in sums.iter_mut().zip([
                    f.entered,
                    f.advanced,
                    f.dropped,
                    f.lost_to_friction,
                    o.trajectory.end[k],
                ]) {
                    sum.add(x);
                }
            }
        }
    }

    /// Adds another partial's trials (which must not overlap these).
    pub fn merge(&mut self, other: Partial) {
        if self.variants.is_empty() {
            *self = other;
            return;
        }
        for (mine, theirs) in self.variants.iter_mut().zip(other.variants) {
            mine.chunks.extend(theirs.chunks);
            sort_ascending_by(&mut mine.chunks, |c| f64::from(c.first_trial));
            for (a, b) in mine.monthly.iter_mut().zip(&theirs.monthly) {
                for (x, y) in a.iter_mut().zip(b) {
                    x.sum.merge(y.sum);
                    x.sketch.merge(&y.sketch);
                }
            }
            for (x, y) in mine.uplift_monthly.iter_mut().zip(&theirs.uplift_monthly) {
                x.sum.merge(y.sum);
                x.sketch.merge(&y.sketch);
            }
            for (a, b) in mine.stages.iter_mut().zip(&theirs.stages) {
                for (x, y) in a.iter_mut().zip(b) {
                    x.merge(*y);
                }
            }
        }
    }

    /// Per-trial values of key `key` for variant `variant`, in trial order.
    pub fn values(&self, variant: usize, key: usize) -> impl Iterator<Item = f64> + '_ {
        self.variants[variant]
            .chunks
            .iter()
            .flat_map(move |c| c.values.iter().skip(key).step_by(KEYS.len()).copied())
    }
}

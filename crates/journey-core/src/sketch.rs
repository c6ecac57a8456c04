//! Quantiles of the monthly series without keeping every trial: values go
//! into logarithmic buckets 1/128 of an octave wide (at most 0.4% relative
//! error). Merging adds integer counts, so any split of trials gives the
//! same sketch; a general-purpose sketch that collapses buckets would not.

use serde::{Deserialize, Serialize};

const BUCKETS_PER_OCTAVE: f64 = 128.0;
/// Magnitudes below this count as zero.
const TINY: f64 = 1e-9;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Sketch {
    negative: Buckets,
    zeros: u64,
    positive: Buckets,
    count: u64,
    /// Exact extremes: quantiles never leave [min, max], and a series that
    /// is the same in every trial reads back exactly.
    min: f64,
    max: f64,
}

/// Dense counts for bucket indices `offset..offset + counts.len()`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct Buckets {
    offset: i32,
    counts: Vec<u32>,
}

impl Buckets {
    fn add(&mut self, index: i32, count: u32) {
        let i = self.make_room(index);
        self.counts[i] += count;
    }

    /// Grows the counts to cover bucket `index`; its position in `counts`.
    fn make_room(&mut self, index: i32) -> usize {
        if self.counts.is_empty() {
            self.offset = index;
        }
        if index < self.offset {
            // Grow downwards with room to spare, so a run of ever smaller
            // values does not shift the counts every time.
            const ROOM: i32 = 32;
            let grow = (self.offset - index + ROOM) as usize;
            self.counts.splice(0..0, std::iter::repeat_n(0, grow));
            self.offset = index - ROOM;
        }
        let i = (index - self.offset) as usize;
        if i >= self.counts.len() {
            self.counts.resize(i + 1, 0);
        }
        i
    }

    fn merge(&mut self, other: &Buckets) {
        for (i, &c) in other.counts.iter().enumerate() {
            if c > 0 {
                self.add(other.offset + i as i32, c);
            }
        }
    }
}

/// The bucket of a magnitude: a piecewise-linear log2 from the float's
/// exponent and mantissa (monotone, exact at powers of two).
fn index(magnitude: f64) -> i32 {
    let bits = magnitude.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32 - 1023;
    let mantissa = (bits & ((1 << 52) - 1)) as f64 / (1u64 << 52) as f64;
    let x = (f64::from(exponent) + mantissa) * BUCKETS_PER_OCTAVE;
    // floor without a libm call: truncate, then step down for negatives.
    let i = x as i32;
    if f64::from(i) > x { i - 1 } else { i }
}

/// The middle of a bucket.
fn representative(index: i32) -> f64 {
    let octave = index.div_euclid(BUCKETS_PER_OCTAVE as i32);
    let step = f64::from(index.rem_euclid(BUCKETS_PER_OCTAVE as i32));
    f64::from(octave).exp2() * (1.0 + (step + 0.5) / BUCKETS_PER_OCTAVE)
}

/// The bucket a value goes to, from [`Sketch::place`].
#[derive(Clone, Copy, Debug)]
pub(crate) enum Place {
    /// Counted already (NaN, or zero).
    Done,
    Negative(usize),
    Positive(usize),
}

impl Sketch {
    #[cfg(test)]
    pub fn add(&mut self, x: f64) {
        let place = self.place(x);
        self.count_at(place);
    }

    /// All of [`Sketch::add`] except the bucket's count, left to
    /// [`Sketch::count_at`]. Counts of many sketches are far apart in
    /// memory: placing a run of values first and then counting them lets
    /// the processor wait for those cache misses together.
    pub(crate) fn place(&mut self, x: f64) -> Place {
        if x.is_nan() {
            return Place::Done;
        }
        if self.count == 0 {
            (self.min, self.max) = (x, x);
        } else {
            self.min = self.min.min(x);
            self.max = self.max.max(x);
        }
        self.count += 1;
        if x.abs() < TINY {
            self.zeros += 1;
            Place::Done
        } else if x > 0.0 {
            Place::Positive(self.positive.make_room(index(x)))
        } else {
            Place::Negative(self.negative.make_room(index(-x)))
        }
    }

    pub(crate) fn count_at(&mut self, place: Place) {
        match place {
            Place::Done => {}
            Place::Negative(i) => self.negative.counts[i] += 1,
            Place::Positive(i) => self.positive.counts[i] += 1,
        }
    }

    pub fn merge(&mut self, other: &Sketch) {
        match (self.count, other.count) {
            (_, 0) => {}
            (0, _) => (self.min, self.max) = (other.min, other.max),
            _ => {
                self.min = self.min.min(other.min);
                self.max = self.max.max(other.max);
            }
        }
        self.negative.merge(&other.negative);
        self.zeros += other.zeros;
        self.positive.merge(&other.positive);
        self.count += other.count;
    }

    pub fn count(&self) -> u64 {
        self.count
    }

    /// The value at rank round(q (n - 1)) in ascending order.
    pub fn quantile(&self, q: f64) -> Option<f64> {
        self.bucket_quantile(q).map(|x| x.clamp(self.min, self.max))
    }

    fn bucket_quantile(&self, q: f64) -> Option<f64> {
        let n = self.count();
        if n == 0 {
            return None;
        }
        let mut rank = (q.clamp(0.0, 1.0) * (n - 1) as f64).round() as u64;
        for (i, &c) in self.negative.counts.iter().enumerate().rev() {
            if rank < u64::from(c) {
                return Some(-representative(self.negative.offset + i as i32));
            }
            rank -= u64::from(c);
        }
        if rank < self.zeros {
            return Some(0.0);
        }
        rank -= self.zeros;
        for (i, &c) in self.positive.counts.iter().enumerate() {
            if rank < u64::from(c) {
                return Some(representative(self.positive.offset + i as i32));
            }
            rank -= u64::from(c);
        }
        unreachable!("rank is below the count")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_are_within_relative_accuracy() {
        let mut s = Sketch::default();
        let xs: Vec<f64> = (0..1001).map(|i| f64::from(i) * 10.0 - 3000.0).collect();
        xs.iter().for_each(|&x| s.add(x));
        for (q, exact) in [(0.05, -2500.0), (0.5, 2000.0), (0.95, 6500.0)] {
            let got = s.quantile(q).unwrap();
            assert!(
                (got - exact).abs() <= exact.abs() * 0.004 + 1e-9,
                "q{q}: {got} vs {exact}"
            );
        }
        assert_eq!(Sketch::default().quantile(0.5), None);
    }

    #[test]
    fn constant_values_read_back_exactly() {
        let mut s = Sketch::default();
        (0..10).for_each(|_| s.add(669_000.0));
        assert_eq!(s.quantile(0.05), Some(669_000.0));
        assert_eq!(s.quantile(0.95), Some(669_000.0));
    }

    #[test]
    fn merge_equals_adding_everything() {
        let xs: Vec<f64> = (0..500).map(|i| (f64::from(i) * 1.7).sin() * 1e6).collect();
        let mut all = Sketch::default();
        xs.iter().for_each(|&x| all.add(x));
        let (mut a, mut b) = (Sketch::default(), Sketch::default());
        xs[..123].iter().for_each(|&x| a.add(x));
        xs[123..].iter().for_each(|&x| b.add(x));
        b.merge(&a);
        for q in [0.0, 0.05, 0.5, 0.95, 1.0] {
            assert_eq!(all.quantile(q), b.quantile(q));
        }
    }

    #[test]
    fn buckets_are_ordered() {
        let xs = [1e-6, 0.3, 1.0, 1.5, 2.0, 1e9];
        for w in xs.windows(2) {
            assert!(index(w[0]) <= index(w[1]));
            let r = representative(index(w[0]));
            assert!((r - w[0]).abs() / w[0] < 0.004);
        }
    }
}

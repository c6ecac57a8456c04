//! A sum that gives the same bits whatever the order of its terms: each
//! term is rounded to a fixed point (2^-24) and added as an integer. This is
//! what lets partial results from any split of trials merge to identical
//! means.

use serde::{Deserialize, Serialize};

const SCALE: f64 = (1u64 << 24) as f64;
/// 2^63: magnitudes below it fit an i64.
const I64_LIMIT: f64 = 9_223_372_036_854_775_808.0;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "(i64, u64)", into = "(i64, u64)")]
pub struct ExactSum(i128);

impl ExactSum {
    pub fn add(&mut self, x: f64) {
        // Values beyond 2^100 are far outside any journey; saturate.
        // Round half away from zero; `as` truncates (and saturates), which
        // avoids a libm call for `round` on the hot path.
        let scaled = x * SCALE;
        let rounded = scaled + 0.5f64.copysign(scaled);
        // Converting to i128 is a library call; below 2^63 in magnitude
        // (and never for NaN) truncating to i64 gives the same integer.
        let term = if rounded.abs() < I64_LIMIT {
            i128::from(rounded as i64)
        } else {
            rounded as i128
        };
        self.0 = self.0.saturating_add(term);
    }

    pub fn merge(&mut self, other: ExactSum) {
        self.0 = self.0.saturating_add(other.0);
    }

    pub fn value(&self) -> f64 {
        self.0 as f64 / SCALE
    }
}

// Serialised as two 64-bit halves: JSON and JS numbers have no i128.
impl From<(i64, u64)> for ExactSum {
    fn from((high, low): (i64, u64)) -> ExactSum {
        ExactSum((i128::from(high) << 64) | i128::from(low))
    }
}

impl From<ExactSum> for (i64, u64) {
    fn from(s: ExactSum) -> (i64, u64) {
        ((s.0 >> 64) as i64, s.0 as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_does_not_matter() {
        let xs = [1e12, 0.1, -3.7e9, 2.5e-3, 7.0, -1e12];
        let mut forward = ExactSum::default();
        xs.iter().for_each(|&x| forward.add(x));
        let mut backward = ExactSum::default();
        xs.iter().rev().for_each(|&x| backward.add(x));
        let (mut a, mut b) = (ExactSum::default(), ExactSum::default());
        xs[..2].iter().for_each(|&x| a.add(x));
        xs[2..].iter().for_each(|&x| b.add(x));
        a.merge(b);
        assert_eq!(forward, backward);
        assert_eq!(forward, a);
        assert!((forward.value() - (0.1 - 3.7e9 + 2.5e-3 + 7.0)).abs() < 1e-6);
    }

    #[test]
    fn large_and_odd_terms_round_as_before() {
        // The i64 shortcut must give what the plain i128 conversion gives.
        let plain = |x: f64| {
            let scaled = x * SCALE;
            (scaled + 0.5f64.copysign(scaled)) as i128
        };
        for x in [
            0.0,
            -0.0,
            2.5e-8,
            -2.9e-8,
            1.5,
            -1.5,
            5.49e11,
            -5.49e11,
            (1u64 << 39) as f64,
            -((1u64 << 39) as f64),
            f64::from_bits(((1u64 << 39) as f64).to_bits() - 1),
            5.5e11,
            -5.5e11,
            1e15,
            -1e15,
            1e40,
            -1e40,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
        ] {
            let mut s = ExactSum::default();
            s.add(x);
            assert_eq!(s.0, plain(x), "{x}");
        }
    }

    #[test]
    fn serialises_negative_sums() {
        let mut s = ExactSum::default();
        s.add(-123.5);
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<ExactSum>(&json).unwrap(), s);
    }
}

//! The distribution behind each scenario value (MODEL.md §2): a point, a
//! Beta for probabilities, a lognormal for amounts and rates.

use rand::Rng;
use rand_distr::{Beta, Distribution, LogNormal};
use serde::{Deserialize, Serialize};

use crate::math;

/// z of the 95th percentile of the standard normal: a 90% interval is
/// mu ± 1.6449 sigma.
const Z95: f64 = 1.644_853_626_951_472_2;
/// MODEL.md: a probability's sd is the interval's width over 3.29.
const WIDTH_OVER_SD: f64 = 3.29;

/// A validated, ready-to-sample value.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Param {
    Fixed(f64),
    Beta { alpha: f64, beta: f64 },
    LogNormal { mu: f64, sigma: f64 },
}

impl Param {
    /// A probability known to lie in `[low, high]` with 90% confidence:
    /// Beta with mean (low+high)/2 and sd (high-low)/3.29. Fails when no
    /// Beta has that mean and sd (the interval is too wide for its centre).
    pub fn probability(low: f64, high: f64) -> Result<Param, String> {
        if low == high {
            return Ok(Param::Fixed(low));
        }
        let mean = (low + high) / 2.0;
        let sd = (high - low) / WIDTH_OVER_SD;
        let k = mean * (1.0 - mean) / (sd * sd) - 1.0;
        if k.is_nan() || k <= 0.0 {
            return Err(format!(
                "the range {low}..{high} is too wide for a probability around {mean}"
            ));
        }
        Ok(Param::Beta {
            alpha: mean * k,
            beta: (1.0 - mean) * k,
        })
    }

    /// An amount or rate whose 5th and 95th percentiles are `low` and
    /// `high` (both > 0): lognormal.
    pub fn amount(low: f64, high: f64) -> Result<Param, String> {
        if low == high {
            return Ok(Param::Fixed(low));
        }
        if low.is_nan() || low <= 0.0 {
            return Err(format!("the low end of a range must be above 0, not {low}"));
        }
        let (ln_low, ln_high) = (math::ln(low), math::ln(high));
        Ok(Param::LogNormal {
            mu: (ln_low + ln_high) / 2.0,
            sigma: (ln_high - ln_low) / (2.0 * Z95),
        })
    }

    pub fn mean(&self) -> f64 {
        match *self {
            Param::Fixed(x) => x,
            Param::Beta { alpha, beta } => alpha / (alpha + beta),
            Param::LogNormal { mu, sigma } => math::exp(mu + sigma * sigma / 2.0),
        }
    }

    pub fn is_uncertain(&self) -> bool {
        !matches!(self, Param::Fixed(_))
    }

    /// One draw. A fixed value uses no randomness, so making one value
    /// uncertain leaves the draws of the values before it unchanged.
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match *self {
            Param::Fixed(x) => x,
            Param::Beta { alpha, beta } => Beta::new(alpha, beta)
                .expect("validated Beta parameters")
                .sample(rng),
            Param::LogNormal { mu, sigma } => LogNormal::new(mu, sigma)
                .expect("validated lognormal parameters")
                .sample(rng),
        }
    }

    /// The `q` quantile for q in (0, 1), for previews and sensitivity.
    pub fn quantile(&self, q: f64) -> f64 {
        match *self {
            Param::Fixed(x) => x,
            Param::LogNormal { mu, sigma } => math::exp(mu + sigma * normal_quantile(q)),
            Param::Beta { alpha, beta } => beta_quantile(alpha, beta, q),
        }
    }
}

/// Acklam's rational approximation of the standard normal quantile
/// (relative error below 1.2e-9).
pub fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    let p = p.clamp(1e-300, 1.0 - 1e-16);
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    if p < 0.02425 {
        tail((-2.0 * math::ln(p)).sqrt())
    } else if p > 1.0 - 0.02425 {
        -tail((-2.0 * math::ln(1.0 - p)).sqrt())
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    }
}

/// The Beta quantile by bisection on a numerically integrated CDF: used
/// only for previews and sensitivity ranges, never inside a trial.
fn beta_quantile(alpha: f64, beta: f64, q: f64) -> f64 {
    const STEPS: usize = 2000;
    // Density on a midpoint grid, normalised numerically.
    let ln_density = |x: f64| (alpha - 1.0) * math::ln(x) + (beta - 1.0) * math::ln(1.0 - x);
    let xs: Vec<f64> = (0..STEPS)
        .map(|i| (i as f64 + 0.5) / STEPS as f64)
        .collect();
    let peak = xs.iter().map(|&x| ln_density(x)).fold(f64::MIN, f64::max);
    let weights: Vec<f64> = xs
        .iter()
        .map(|&x| math::exp(ln_density(x) - peak))
        .collect();
    let total: f64 = weights.iter().sum();
    let mut acc = 0.0;
    for (x, w) in xs.iter().zip(&weights) {
        acc += w / total;
        if acc >= q {
            return *x;
        }
    }
    1.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_xoshiro::Xoshiro256PlusPlus;

    #[test]
    fn probability_range_has_the_model_mean_and_sd() {
        let Param::Beta { alpha, beta } = Param::probability(0.10, 0.30).unwrap() else {
            panic!("expected a Beta")
        };
        let mean = alpha / (alpha + beta);
        let var = alpha * beta / ((alpha + beta).powi(2) * (alpha + beta + 1.0));
        assert!((mean - 0.20).abs() < 1e-12);
        assert!((var.sqrt() - 0.20 / 3.29).abs() < 1e-12);
        // Any interval inside [0, 1] has a Beta with that mean and sd.
        let Param::Beta { alpha, beta } = Param::probability(0.0, 1.0).unwrap() else {
            panic!("expected a Beta")
        };
        assert!((alpha - beta).abs() < 1e-12 && alpha > 0.0);
        assert_eq!(Param::probability(0.3, 0.3).unwrap(), Param::Fixed(0.3));
    }

    #[test]
    fn amount_range_has_the_given_percentiles() {
        let p = Param::amount(20_000.0, 80_000.0).unwrap();
        assert!((p.quantile(0.05) - 20_000.0).abs() < 1e-3);
        assert!((p.quantile(0.95) - 80_000.0).abs() < 1e-3);
        assert!((p.quantile(0.5) - 40_000.0).abs() < 1e-6);
        assert!(Param::amount(0.0, 1.0).is_err());
    }

    #[test]
    fn sample_means_match_mean() {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(7);
        for p in [
            Param::probability(0.1, 0.3).unwrap(),
            Param::amount(2.0, 8.0).unwrap(),
        ] {
            let n = 200_000;
            let draws: Vec<f64> = (0..n).map(|_| p.sample(&mut rng)).collect();
            let mean = draws.iter().sum::<f64>() / n as f64;
            let sd = (draws.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64).sqrt();
            // Five standard errors.
            assert!(
                (mean - p.mean()).abs() < 5.0 * sd / (n as f64).sqrt(),
                "{p:?}"
            );
        }
    }

    #[test]
    fn beta_quantile_brackets_the_interval() {
        let p = Param::probability(0.10, 0.30).unwrap();
        // A Beta with the model's mean and sd puts roughly 90% in the interval.
        assert!(
            (p.quantile(0.05) - 0.10).abs() < 0.01,
            "{}",
            p.quantile(0.05)
        );
        assert!(
            (p.quantile(0.95) - 0.30).abs() < 0.01,
            "{}",
            p.quantile(0.95)
        );
    }

    #[test]
    fn normal_quantile_is_accurate() {
        assert!((normal_quantile(0.95) - Z95).abs() < 1e-8);
        assert!((normal_quantile(0.5)).abs() < 1e-12);
        assert!((normal_quantile(0.001) + 3.090_232_306_167_813).abs() < 1e-8);
    }
}

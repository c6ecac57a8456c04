//! Exact binomial draws, the engine's hot path. Small means use inversion
//! (BINV, Kachitvichyanukul & Schmeiser 1988); larger ones Hörmann's BTRS
//! (transformed rejection with squeeze, 1993), whose setup is a square root
//! and whose typical draw is two uniforms and no logarithm. Both are cheap
//! to set up, which matters because nearly every draw has a new (n, p).

use rand::{Rng, RngExt};

use crate::math;

/// Below this mean, inversion (BTRS needs n p >= 10).
const BTRS_MIN_MEAN: f64 = 10.0;

pub(crate) fn binomial<R: Rng + ?Sized>(rng: &mut R, n: u64, p: f64) -> u64 {
    if n == 0 || p <= 0.0 {
        return 0;
    }
    if p >= 1.0 {
        return n;
    }
    let flipped = p > 0.5;
    let p = if flipped { 1.0 - p } else { p };
    let n_f = count_to_f64(n);
    let k = if n_f * p < BTRS_MIN_MEAN {
        inversion(rng, n, n_f, p)
    } else {
        floor_to_u64(btrs(rng, n_f, p))
    };
    if flipped { n - k } else { k }
}

/// 2^63: below it, the signed conversions are exact and cheaper than the
/// unsigned ones (a branch and a few instructions more on x86-64).
const I64_LIMIT: f64 = 9_223_372_036_854_775_808.0;

/// `n as f64`.
fn count_to_f64(n: u64) -> f64 {
    match i64::try_from(n) {
        Ok(n) => n as f64,
        Err(_) => n as f64,
    }
}

/// `x as u64` for x >= 0 (truncation).
fn floor_to_u64(x: f64) -> u64 {
    if x < I64_LIMIT {
        x as i64 as u64
    } else {
        x as u64
    }
}

/// `x as u64 as f64` for x >= 0.
fn floor_f64(x: f64) -> f64 {
    if x < I64_LIMIT {
        x as i64 as f64
    } else {
        x as u64 as f64
    }
}

/// Sequential search of the inverse CDF from 0, for n p < 10, p <= 0.5.
fn inversion<R: Rng + ?Sized>(rng: &mut R, n: u64, n_f: f64, p: f64) -> u64 {
    // A result this far out (over 30 sd) means rounding drift: draw again.
    const MAX_X: u64 = 110;
    let q = 1.0 - p;
    let s = p / q;
    let a = (n_f + 1.0) * s;
    // q^n by repeated squaring where n fits, far cheaper than powf.
    let q_n = match i32::try_from(n) {
        Ok(n) => math::powi(q, n.unsigned_abs()),
        Err(_) => math::powf(q, n_f),
    };
    'draw: loop {
        let mut r = q_n;
        let mut u = rng.random::<f64>();
        let mut x = 0u64;
        // x as f64, kept alongside (exact: x stays small).
        let mut x_f = 0.0;
        while u > r {
            u -= r;
            x += 1;
            x_f += 1.0;
            if x > MAX_X {
                continue 'draw;
            }
            r *= a / x_f - s;
        }
        return x;
    }
}

/// BTRS for n p >= 10, p <= 0.5 (Hörmann 1993, as in TensorFlow and JAX).
fn btrs<R: Rng + ?Sized>(rng: &mut R, n: f64, p: f64) -> f64 {
    let test = ExactTest::new(n, p);
    let ExactTest { a, b, .. } = test;
    let c = n * p + 0.5;
    let v_r = 0.92 - 4.2 / b;
    loop {
        let u = rng.random::<f64>() - 0.5;
        let v = rng.random::<f64>();
        let us = 0.5 - u.abs();
        let x = (2.0 * a / us + b) * u + c;
        if x < 0.0 {
            continue;
        }
        // Truncation is floor for x >= 0, and inlines where floor may not.
        let k = floor_f64(x);
        if k > n {
            continue;
        }
        // The squeeze accepts most draws without a logarithm.
        if us >= 0.07 && v <= v_r {
            return k;
        }
        if test.accepts(v, us, k) {
            return k;
        }
    }
}

/// The exact test of BTRS for a draw the squeeze cannot decide: is the
/// scaled `v` at most f(k) / f(m), the pmf at k over its value at the mode?
///
/// Hörmann's test compares logarithms, with f(k) / f(m) from Stirling's
/// series: four logarithms and a dozen divisions. Two cheaper estimates of
/// the same comparison come first, and each answers only when it is clear
/// of its error bound by a wide margin, so every decision, and so every
/// draw, stays that of Hörmann's test.
struct ExactTest {
    n: f64,
    p: f64,
    sd: f64,
    a: f64,
    b: f64,
}

impl ExactTest {
    /// BTRS's setup for (n, p): the hat's scale `b` and shape `a`.
    fn new(n: f64, p: f64) -> ExactTest {
        let sd = (n * p * (1.0 - p)).sqrt();
        let b = 1.15 + 2.53 * sd;
        let a = -0.0873 + 0.0248 * b + 0.01 * p;
        ExactTest { n, p, sd, a, b }
    }

    /// What only the exact test needs: the odds `r`, the hat's height
    /// `alpha` and the mode `m`.
    fn odds_height_mode(&self) -> (f64, f64, f64) {
        let ExactTest { n, p, sd, b, .. } = *self;
        (
            p / (1.0 - p),
            (2.83 + 5.1 / b) * sd,
            floor_f64((n + 1.0) * p),
        )
    }

    /// Out of line: inlined, the compiler hoists its loop-invariant setup
    /// and computes it for every draw, though the squeeze decides most
    /// draws without it.
    #[inline(never)]
    fn accepts(&self, v: f64, us: f64, k: f64) -> bool {
        let ExactTest { n, a, b, .. } = *self;
        let (r, alpha, m) = self.odds_height_mode();
        let us2 = us * us;
        // The scaled v, with one division instead of two.
        let v_fast = v * alpha * us2 / (a + b * us2);
        if let Some(accepted) = near_mode(v_fast, n, m, r, k) {
            return accepted;
        }
        // Hörmann's comparison with each Stirling tail from one reciprocal.
        // Both sides differ from his by a few units in the last place.
        const MARGIN: f64 = 1e-9;
        let fast = math::ln(v_fast) - log_ratio(n, m, r, k, stirling_tail_fast);
        if fast.abs() > MARGIN {
            return fast < 0.0;
        }
        self.hormann(v, us, k)
    }

    /// Hörmann's test as published, which `accepts` always agrees with.
    fn hormann(&self, v: f64, us: f64, k: f64) -> bool {
        let ExactTest { n, a, b, .. } = *self;
        let (r, alpha, m) = self.odds_height_mode();
        math::ln(v * alpha / (a / (us * us) + b)) <= log_ratio(n, m, r, k, stirling_tail)
    }
}

/// Near the mode, `v <= f(k) / f(m)` decided with a short product of the
/// pmf's consecutive ratios, f(i) / f(i - 1) = (n - i + 1) r / i. It and
/// Hörmann's sum agree to 1e-7 relative (rounding and the series'
/// remainder) for n up to 1e7, so it answers only beyond `MARGIN`.
fn near_mode(v: f64, n: f64, m: f64, r: f64, k: f64) -> Option<bool> {
    /// The most factors: beyond, the logarithms are cheaper.
    const MAX_STEPS: f64 = 40.0;
    const MAX_N: f64 = 1e7;
    const MARGIN: f64 = 1e-6;
    if n > MAX_N || (k - m).abs() > MAX_STEPS {
        return None;
    }
    // Numerators and denominators apart, so that no step divides: at most
    // 40 factors below 1e7 cannot overflow.
    let (mut rising, mut falling) = (1.0, 1.0);
    let (from, to) = if k > m { (m, k) } else { (k, m) };
    let mut i = from + 1.0;
    while i <= to {
        rising *= (n - i + 1.0) * r;
        falling *= i;
        i += 1.0;
    }
    let (f_k, f_m) = if k > m {
        (rising, falling)
    } else {
        (falling, rising)
    };
    let v = v * f_m;
    if v <= f_k * (1.0 - MARGIN) {
        Some(true)
    } else if v > f_k * (1.0 + MARGIN) {
        Some(false)
    } else {
        None
    }
}

/// ln(f(k) / f(m)) by Stirling's series, as in Hörmann's paper.
fn log_ratio(n: f64, m: f64, r: f64, k: f64, tail: fn(f64) -> f64) -> f64 {
    (m + 0.5) * math::ln((m + 1.0) / (r * (n - m + 1.0)))
        + (n + 1.0) * math::ln((n - m + 1.0) / (n - k + 1.0))
        + (k + 0.5) * math::ln(r * (n - k + 1.0) / (k + 1.0))
        + tail(m)
        + tail(n - m)
        - tail(k)
        - tail(n - k)
}

/// [`stirling_tail`] with one division instead of three.
fn stirling_tail_fast(k: f64) -> f64 {
    if k <= 9.0 {
        return stirling_tail(k);
    }
    let y = 1.0 / (k + 1.0);
    let y2 = y * y;
    (1.0 / 12.0 - (1.0 / 360.0 - 1.0 / 1260.0 * y2) * y2) * y
}

/// ln(k!) minus its Stirling approximation, exact for small k.
fn stirling_tail(k: f64) -> f64 {
    const SMALL: [f64; 10] = [
        0.081_061_466_795_327_2,
        0.041_340_695_955_409_2,
        0.027_677_925_684_998_3,
        0.020_790_672_103_765_09,
        0.016_644_691_189_821_1,
        0.013_876_128_823_070_7,
        0.011_896_709_945_891_7,
        0.010_411_265_261_972_0,
        0.009_255_462_182_712_73,
        0.008_330_563_433_362_87,
    ];
    if k <= 9.0 {
        return SMALL[k as usize];
    }
    let k1 = k + 1.0;
    let k1sq = k1 * k1;
    (1.0 / 12.0 - (1.0 / 360.0 - 1.0 / 1260.0 / k1sq) / k1sq) / k1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::ln_gamma;
    use rand::RngExt;
    use rand::SeedableRng;
    use rand_xoshiro::Xoshiro256PlusPlus;

    const PINNED_HASH: u64 = 4_417_766_930_526_583_708;

    fn ln_factorial(k: f64) -> f64 {
        (1..=k as u64).map(|i| (i as f64).ln()).sum()
    }

    #[test]
    fn stirling_tail_matches_log_factorials() {
        for k in [0.0_f64, 3.0, 9.0, 10.0, 25.0, 200.0] {
            let stirling =
                (k + 0.5) * (k + 1.0).ln() - (k + 1.0) + 0.5 * (2.0 * std::f64::consts::PI).ln();
            let exact = ln_factorial(k);
            assert!(
                (stirling + stirling_tail(k) - exact).abs() < 1e-9,
                "k = {k}"
            );
        }
    }

    /// Pearson's chi-square against the exact pmf, bins merged to an
    /// expected count of at least 20; fails beyond 5 standard deviations of
    /// the chi-square distribution.
    fn goodness_of_fit(n: u64, p: f64, draws: u32, seed: u64) {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
        let mean = n as f64 * p;
        let sd = (mean * (1.0 - p)).sqrt();
        let lo = (mean - 7.0 * sd).max(0.0).floor() as u64;
        let hi = ((mean + 7.0 * sd).ceil() as u64).min(n);
        let mut counts = vec![0u64; (hi - lo + 1) as usize];
        let mut outside = 0u64;
        for _ in 0..draws {
            let k = binomial(&mut rng, n, p);
            if (lo..=hi).contains(&k) {
                counts[(k - lo) as usize] += 1;
            } else {
                outside += 1;
            }
        }
        assert!(outside <= 2, "{outside} draws beyond 7 sd for ({n}, {p})");
        let ln_choose = |k: u64| {
            let (nf, kf) = (n as f64, k as f64);
            ln_gamma(nf + 1.0) - ln_gamma(kf + 1.0) - ln_gamma(nf - kf + 1.0)
        };
        let (mut chi2, mut df) = (0.0, 0u32);
        let (mut obs, mut exp) = (0.0, 0.0);
        for (i, &c) in counts.iter().enumerate() {
            let k = lo + i as u64;
            let pmf = (ln_choose(k) + k as f64 * p.ln() + (n - k) as f64 * (1.0 - p).ln()).exp();
            obs += c as f64;
            exp += pmf * f64::from(draws);
            if exp >= 20.0 {
                chi2 += (obs - exp) * (obs - exp) / exp;
                df += 1;
                (obs, exp) = (0.0, 0.0);
            }
        }
        let df = f64::from(df.saturating_sub(1).max(1));
        assert!(
            chi2 < df + 5.0 * (2.0 * df).sqrt(),
            "({n}, {p}): chi2 {chi2:.1} on {df} df"
        );
    }

    #[test]
    fn draws_follow_the_binomial_distribution() {
        let draws = if cfg!(debug_assertions) {
            20_000
        } else {
            400_000
        };
        for (i, (n, p)) in [
            (25, 0.5),
            (40, 0.3),
            (100, 0.13),
            (350, 0.92),
            (2_000, 0.02),
            (12_345, 0.3),
            (1_000_000_000, 1e-6),
            (5, 0.4),
            (30, 0.1),
            (1_000, 0.005),
            (5_000_000_000, 1e-9),
            (60, 0.97),
        ]
        .into_iter()
        .enumerate()
        {
            goodness_of_fit(n, p, draws, 100 + i as u64);
        }
    }

    #[test]
    fn draws_are_pinned() {
        // Value stability: a faster binomial must make the same draws, or
        // every result and share link changes.
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(2024);
        let sizes = [
            0,
            1,
            7,
            25,
            60,
            140,
            1_000,
            12_345,
            1_000_000,
            5_000_000_000,
        ];
        let mut hash = 0u64;
        for i in 0..300_000u64 {
            let n = sizes[(i % 10) as usize];
            let p = match i % 3 {
                0 => rng.random::<f64>(),
                1 => rng.random::<f64>() * 0.05,
                _ => 30.0 / (n as f64 + 1.0) * rng.random::<f64>(),
            };
            let k = binomial(&mut rng, n, p.min(1.0));
            hash = (hash.rotate_left(7) ^ k).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
        assert_eq!(hash, PINNED_HASH);
    }

    #[test]
    fn conversions_match_plain_casts() {
        for x in [
            0.0,
            -0.0,
            0.7,
            12.0,
            4.5e15,
            9.2e18,
            I64_LIMIT,
            1.7e19,
            2e19,
            f64::INFINITY,
        ] {
            assert_eq!(floor_to_u64(x), x as u64, "{x}");
            assert_eq!(floor_f64(x).to_bits(), (x as u64 as f64).to_bits(), "{x}");
        }
        for n in [0, 1, 1 << 53, (1 << 63) - 1, 1 << 63, u64::MAX] {
            assert_eq!(count_to_f64(n).to_bits(), (n as f64).to_bits(), "{n}");
        }
    }

    #[test]
    fn the_fast_exact_test_decides_as_hormann_does() {
        // Candidates placed at relative distances from the acceptance
        // boundary down to 1e-12, where the shortcuts must step aside.
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(7);
        let mut decided = [0u32; 2];
        for i in 0..200_000 {
            let n = [40.0, 300.0, 5_000.0, 1e5, 9e6, 2e8, 3e12][i % 7];
            let p = (10.0 / n + rng.random::<f64>() * 0.5).min(0.5);
            let test = ExactTest::new(n, p);
            let (r, alpha, m) = test.odds_height_mode();
            // Within 4 sd of the mode, or within 40, where large n are near it.
            let spread = if i % 2 == 0 { 8.0 * test.sd } else { 80.0 };
            let k = floor_f64((m + (rng.random::<f64>() - 0.5) * spread).clamp(0.0, n));
            let us = 0.001 + rng.random::<f64>() * 0.499;
            let boundary = log_ratio(n, m, r, k, stirling_tail).exp();
            let offset = [0.0, 1e-12, 1e-9, 1e-7, 1e-5, 1e-3, 0.1][(i / 14) % 7];
            let side = if rng.random::<bool>() { 1.0 } else { -1.0 };
            let v = boundary * (1.0 + side * offset) * (test.a / (us * us) + test.b) / alpha;
            if !(0.0..1.0).contains(&v) {
                continue;
            }
            let expected = test.hormann(v, us, k);
            assert_eq!(
                test.accepts(v, us, k),
                expected,
                "n {n}, p {p}, k {k}, m {m}, v {v}, us {us}"
            );
            decided[usize::from(expected)] += 1;
        }
        // Both answers occur often, so the comparison means something.
        assert!(decided.iter().all(|&d| d > 20_000), "{decided:?}");
    }

    #[test]
    fn edge_probabilities() {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(1);
        assert_eq!(binomial(&mut rng, 10, 0.0), 0);
        assert_eq!(binomial(&mut rng, 10, 1.0), 10);
        assert_eq!(binomial(&mut rng, 0, 0.5), 0);
        assert!(binomial(&mut rng, 10, 0.999_999) <= 10);
    }
}

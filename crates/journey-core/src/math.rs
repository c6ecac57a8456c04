//! Logarithm, exponentials and power with the same bits on every machine.
//!
//! In the browser, `f64::ln`, `exp`, `exp2` and `powf` run the `libm` crate's
//! algorithms (a WebAssembly module has no C library). Natively the
//! standard library calls the system's C library instead, whose versions
//! (on x86-64, with fused multiply-add) can round the last bit otherwise.
//! Every value a trial or the retention fit depends on is computed with
//! these, so the `journey` command gives a share link's numbers to the last
//! digit; in the browser they are the standard library's own, so its
//! download is unchanged.

#[cfg(target_arch = "wasm32")]
mod imp {
    pub fn ln(x: f64) -> f64 {
        x.ln()
    }
    pub fn exp(x: f64) -> f64 {
        x.exp()
    }
    pub fn powf(x: f64, y: f64) -> f64 {
        x.powf(y)
    }
    pub fn exp2(x: f64) -> f64 {
        x.exp2()
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub fn ln(x: f64) -> f64 {
        libm::log(x)
    }
    pub fn exp(x: f64) -> f64 {
        libm::exp(x)
    }
    pub fn powf(x: f64, y: f64) -> f64 {
        libm::pow(x, y)
    }
    pub fn exp2(x: f64) -> f64 {
        libm::exp2(x)
    }
}

pub(crate) use imp::{exp, exp2, ln, powf};

/// x^n by binary powering: the same products in the same order as `powi`
/// (the compiler's `__powidf2`, natively and in the browser), so the same
/// bits, but without a branch on each bit of n, which the processor cannot
/// predict: a factor whose bit is 0 is 1.0, and multiplying by 1.0 is exact.
pub(crate) fn powi(mut x: f64, mut n: u32) -> f64 {
    // x where the bit is 1, else 1.0, chosen with a mask: the compiler
    // turns a plain `if` back into a branch.
    let factor = |x: f64, n: u32| {
        let mask = 0u64.wrapping_sub(u64::from(n & 1));
        f64::from_bits((x.to_bits() & mask) | (1f64.to_bits() & !mask))
    };
    let mut y = factor(x, n);
    n >>= 1;
    while n != 0 {
        x *= x;
        y *= factor(x, n);
        n >>= 1;
    }
    y
}

/// ln Γ(x) for x > 0 (Lanczos, g = 7, nine terms; relative error about
/// 1e-15). No simulated number depends on it: it draws a Beta value's
/// density in the app and checks closed forms in the tests.
pub fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    let pi = std::f64::consts::PI;
    if x < 0.5 {
        // Reflection: Γ(x) Γ(1 − x) = π / sin(πx).
        return ln(pi / (pi * x).sin()) - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let t = x + G + 0.5;
    let mut a = C[0];
    for (i, &c) in C.iter().enumerate().skip(1) {
        a += c / (x + i as f64);
    }
    0.5 * ln(2.0 * pi) + (x + 0.5) * ln(t) - t + ln(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same functions as the standard library's, whichever library
    /// computes them: within a rounding of each other.
    #[test]
    fn agree_with_the_standard_library() {
        let close = |a: f64, b: f64| (a - b).abs() <= 2.0 * f64::EPSILON * a.abs().max(b.abs());
        for x in [1e-300, 0.015, 0.5, 1.0, 2.0, 10.0, 1234.5678, 1e300] {
            assert!(close(ln(x), x.ln()), "ln {x}");
            assert!(close(powf(x, -1.0 / 12.0), x.powf(-1.0 / 12.0)), "pow {x}");
        }
        for x in [-700.0, -1.0, -1e-10, 0.5, 1.0, 10.0, 700.0] {
            assert!(close(exp(x), x.exp()), "exp {x}");
        }
        assert_eq!(ln(1.0), 0.0);
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(powf(1.1, 0.0), 1.0);
        assert!(ln(0.0) == f64::NEG_INFINITY && ln(-1.0).is_nan());
    }

    #[test]
    fn powi_gives_the_compilers_bits() {
        // Inversion draws start from q^n: any other rounding changes draws.
        let mut x = 0.999_999_7_f64;
        for i in 0..20_000u32 {
            let n = i.wrapping_mul(2_654_435_761) >> (1 + i % 31);
            let q = 1.0 - x * 0.5;
            assert_eq!(powi(q, n).to_bits(), q.powi(n as i32).to_bits(), "{q}^{n}");
            x = (x * 3.7).fract();
        }
        assert_eq!(powi(0.5, 0), 1.0);
        assert_eq!(powi(0.5, 3), 0.125);
        assert_eq!(powi(0.9, u32::MAX >> 1), 0.0);
    }

    #[test]
    fn exp2_gives_the_browsers_bits() {
        // 2^-0.0021685, a friction's factor after an investment: the C
        // library on x86-64 rounds it one unit in the last place higher
        // than the browser, which is enough to change a retention figure's
        // last digit.
        let x = -2.1685e-3;
        assert_eq!(exp2(x).to_bits(), 4_607_168_890_341_732_576);
        assert_eq!(exp2(0.0), 1.0);
        assert_eq!(exp2(-3.0), 0.125);
    }

    #[test]
    fn ln_gamma_matches_known_values() {
        // Γ(1/2) = √π, Γ(1/4) = 3.6256...
        assert!((ln_gamma(0.5) - std::f64::consts::PI.sqrt().ln()).abs() < 1e-14);
        assert!((ln_gamma(0.25) - 3.625_609_908_221_908_f64.ln()).abs() < 1e-14);
        let mut factorial = 1.0_f64;
        for n in 1..25 {
            // Γ(n) = (n - 1)!
            let error = (ln_gamma(f64::from(n)) - factorial.ln()).abs();
            assert!(error < 1e-13 * (1.0 + factorial.ln()), "Γ({n}): {error}");
            factorial *= f64::from(n);
        }
        // Γ(x) ~ 1/x - Euler's constant for small x.
        let x: f64 = 1e-4;
        let euler = 0.577_215_664_901_532_9;
        assert!((ln_gamma(x) - (1.0 / x - euler).ln()).abs() < 1e-8);
    }
}

//! Logarithm, exponential and power with the same bits on every machine.
//!
//! In the browser, `f64::ln`, `exp` and `powf` run the `libm` crate's
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
}

pub(crate) use imp::{exp, ln, powf};

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
}

use journey_core::{Param, ln_gamma};
use yew::prelude::*;

use super::scale::{Scale, band_path, line_path};
use crate::format::count;

const WIDTH: f64 = 120.0;
const HEIGHT: f64 = 28.0;
/// Points on the curve: smooth at this size, cheap on every keystroke.
const POINTS: usize = 60;
/// The curve spans the 0.5th to 99.5th percentile.
const TAIL: f64 = 0.005;

/// A distribution's density on an even grid, with the quantiles people read.
#[derive(Clone, Debug, PartialEq)]
pub struct Density {
    /// What the distribution is called in the text alternative.
    pub family: &'static str,
    pub xs: Vec<f64>,
    pub densities: Vec<f64>,
    pub p05: f64,
    pub p50: f64,
    pub p95: f64,
}

impl Density {
    /// The density of an uncertain value; `None` for a fixed value or
    /// parameters with no drawable shape.
    pub fn of(param: &Param) -> Option<Density> {
        let (family, pdf): (&str, Box<dyn Fn(f64) -> f64>) = match *param {
            Param::Fixed(_) => return None,
            Param::Beta { alpha, beta } if alpha > 0.0 && beta > 0.0 => {
                let ln_norm = ln_gamma(alpha + beta) - ln_gamma(alpha) - ln_gamma(beta);
                (
                    "Beta",
                    Box::new(move |x: f64| {
                        if x <= 0.0 || x >= 1.0 {
                            return 0.0;
                        }
                        ((alpha - 1.0) * x.ln() + (beta - 1.0) * (1.0 - x).ln() + ln_norm).exp()
                    }),
                )
            }
            Param::LogNormal { mu, sigma } if sigma > 0.0 => (
                "Lognormal",
                Box::new(move |x: f64| {
                    if x <= 0.0 {
                        return 0.0;
                    }
                    let z = (x.ln() - mu) / sigma;
                    (-0.5 * z * z).exp() / (x * sigma * (2.0 * std::f64::consts::PI).sqrt())
                }),
            ),
            _ => return None,
        };
        let (lo, hi) = (param.quantile(TAIL), param.quantile(1.0 - TAIL));
        if !(lo.is_finite() && hi.is_finite() && hi > lo) {
            return None;
        }
        let xs: Vec<f64> = (0..POINTS)
            .map(|i| lo + (hi - lo) * i as f64 / (POINTS - 1) as f64)
            .collect();
        let densities: Vec<f64> = xs.iter().map(|&x| pdf(x)).collect();
        densities.iter().all(|d| d.is_finite()).then(|| Density {
            family,
            xs,
            densities,
            p05: param.quantile(0.05),
            p50: param.quantile(0.5),
            p95: param.quantile(0.95),
        })
    }

    /// The probability between the first and last point (trapezoids).
    pub fn mass(&self) -> f64 {
        self.xs
            .windows(2)
            .zip(self.densities.windows(2))
            .map(|(x, d)| (x[1] - x[0]) * (d[0] + d[1]) / 2.0)
            .sum()
    }

    /// The point of highest density.
    pub fn peak(&self) -> f64 {
        let (i, _) = self
            .densities
            .iter()
            .enumerate()
            .fold(
                (0, f64::MIN),
                |best, (i, &d)| if d > best.1 { (i, d) } else { best },
            );
        self.xs[i]
    }

    /// "Beta distribution, median 0.42, 90% between 0.30 and 0.55".
    pub fn describe(&self) -> String {
        format!(
            "{} distribution, median {}, 90% between {} and {}",
            self.family,
            short(self.p50),
            short(self.p05),
            short(self.p95)
        )
    }
}

/// A value as the preview's text says it: two decimals below 1 (three
/// significant digits when smaller still), grouped or compact above.
fn short(x: f64) -> String {
    let a = x.abs();
    if a >= 1000.0 {
        count(x)
    } else if a >= 10.0 {
        format!("{x:.1}").trim_end_matches(".0").to_string()
    } else if a >= 0.1 || a == 0.0 {
        format!("{x:.2}")
    } else {
        let decimals = (2.0 - a.log10().floor()) as usize;
        format!("{x:.decimals$}")
    }
}

/// A thumbnail of an uncertain value's density: the curve, its 90%
/// interval shaded and the median marked; the numbers in its text
/// alternative.
pub fn distribution_preview(param: &Param) -> Html {
    let Some(density) = Density::of(param) else {
        return html! {};
    };
    let top = density.densities.iter().copied().fold(0.0, f64::max);
    let x = Scale::new((density.xs[0], density.xs[POINTS - 1]), (1.0, WIDTH - 1.0));
    let y = Scale::new((0.0, top.max(f64::MIN_POSITIVE)), (HEIGHT - 1.0, 2.0));
    let xs: Vec<f64> = density.xs.iter().map(|&v| x.map(v)).collect();
    let ys: Vec<f64> = density.densities.iter().map(|&d| y.map(d)).collect();
    let inside: Vec<usize> = (0..POINTS)
        .filter(|&i| density.xs[i] >= density.p05 && density.xs[i] <= density.p95)
        .collect();
    let band = (inside.len() > 1).then(|| {
        let bx: Vec<f64> = inside.iter().map(|&i| xs[i]).collect();
        let by: Vec<f64> = inside.iter().map(|&i| ys[i]).collect();
        band_path(&bx, &by, &vec![HEIGHT - 1.0; bx.len()])
    });
    let median = x.map(density.p50);
    html! {
        <svg class="distribution-preview" viewBox={format!("0 0 {WIDTH} {HEIGHT}")}
            width={WIDTH.to_string()} height={HEIGHT.to_string()}
            role="img" aria-label={density.describe()} data-testid="distribution-preview">
            { for band.map(|d| html! { <path class="interval" {d} /> }) }
            <path class="curve" d={line_path(xs.iter().copied().zip(ys.iter().copied()))} />
            <line class="median" x1={median.to_string()} x2={median.to_string()}
                y1="2" y2={(HEIGHT - 1.0).to_string()} />
            <line class="baseline" x1="0" x2={WIDTH.to_string()}
                y1={(HEIGHT - 0.5).to_string()} y2={(HEIGHT - 0.5).to_string()} />
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beta_density_integrates_to_one_and_peaks_at_the_mode() {
        let param = Param::probability(0.30, 0.55).unwrap();
        let Param::Beta { alpha, beta } = param else {
            panic!("a Beta")
        };
        let d = Density::of(&param).unwrap();
        // The curve covers the 0.5th to 99.5th percentile.
        assert!((d.mass() - 0.99).abs() < 0.005, "{}", d.mass());
        let mode = (alpha - 1.0) / (alpha + beta - 2.0);
        let step = d.xs[1] - d.xs[0];
        assert!((d.peak() - mode).abs() <= step, "{} vs {mode}", d.peak());
        assert_eq!(d.family, "Beta");
        assert!((d.p50 - 0.425).abs() < 0.01, "{}", d.p50);
    }

    #[test]
    fn lognormal_density_integrates_to_one_and_peaks_at_the_mode() {
        let param = Param::amount(20_000.0, 80_000.0).unwrap();
        let Param::LogNormal { mu, sigma } = param else {
            panic!("a lognormal")
        };
        let d = Density::of(&param).unwrap();
        assert!((d.mass() - 0.99).abs() < 0.005, "{}", d.mass());
        let mode = (mu - sigma * sigma).exp();
        let step = d.xs[1] - d.xs[0];
        assert!((d.peak() - mode).abs() <= step, "{} vs {mode}", d.peak());
        assert_eq!(
            d.describe(),
            "Lognormal distribution, median 40k, 90% between 20k and 80k"
        );
    }

    #[test]
    fn skewed_and_u_shaped_betas_still_draw() {
        for (low, high) in [(0.0, 0.1), (0.9, 1.0), (0.0, 1.0), (0.01, 0.02)] {
            let d = Density::of(&Param::probability(low, high).unwrap()).unwrap();
            assert!(d.densities.iter().all(|x| x.is_finite() && *x >= 0.0));
            assert!(
                d.mass() > 0.95 && d.mass() < 1.01,
                "{low}..{high}: {}",
                d.mass()
            );
        }
    }

    #[test]
    fn fixed_values_have_no_preview() {
        assert_eq!(Density::of(&Param::Fixed(0.3)), None);
        assert_eq!(Density::of(&Param::probability(0.3, 0.3).unwrap()), None);
    }

    #[test]
    fn text_is_short() {
        assert_eq!(short(0.4213), "0.42");
        assert_eq!(short(0.0), "0.00");
        assert_eq!(short(0.01234), "0.0123");
        assert_eq!(short(12.34), "12.3");
        assert_eq!(short(250.0), "250");
        assert_eq!(short(4.5), "4.50");
    }
}

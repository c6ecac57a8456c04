//! Retention calibration: the maximum-likelihood fit of the
//! shifted-beta-geometric (sBG) model of Fader & Hardie (2007, "How to project
//! customer retention", *Journal of Interactive Marketing* 21(1)) to an
//! observed survival curve, and its projection.
//!
//! In the sBG model every customer has a constant monthly churn probability
//! drawn from Beta(alpha, beta), so the cohort's hazard falls with tenure,
//! h(t) = alpha / (alpha + beta + t - 1) as in the `{"sbg": ...}` drop of the
//! model (MODEL.md §2), and the surviving share is
//! S(t) = S(t-1) (beta + t - 1) / (alpha + beta + t - 1) = B(alpha, beta + t) / B(alpha, beta).
//!
//! Choices:
//! - Input is a survival curve: percentages starting at 100, or cohort counts
//!   starting with the cohort size (see [`SurvivalData::parse`]).
//! - The likelihood is that of the paper: n_t = N_{t-1} - N_t people lost in
//!   month t each contribute ln(S(t-1) - S(t)), the N_T still there after the
//!   last month contribute ln S(T). Percentages are read as a cohort of
//!   [`PERCENT_COHORT`] = 1000 people (counts = round(1000 x value / first)),
//!   so the log-likelihood matches the paper's tables.
//! - alpha and beta are kept in [[`PARAM_MIN`], [`PARAM_MAX`]] = [1e-4, 1e4].
//!   Curves the model can only explain in a limit (nobody leaves, everybody
//!   leaves in month 1, a constant churn rate) get the best fit inside these
//!   bounds, flagged by [`SbgFit::at_bound`].
//! - The optimiser works on (ln alpha, ln beta): a coarse grid, Nelder–Mead
//!   with restarts from the best grid points, then Newton steps with the
//!   exact gradient and Hessian, a backtracking line search and the bounds as
//!   an active set. It is deterministic, every loop has a fixed cap, and it
//!   stops where the gradient is zero to rounding, well within 1e-6 relative
//!   in the parameters.
//! - Limits: 3 to [`MAX_VALUES`] values, projections up to [`MAX_HORIZON`]
//!   months. Nothing here panics on any input.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Smallest alpha or beta a fit reports.
pub const PARAM_MIN: f64 = 1e-4;
/// Largest alpha or beta a fit reports.
pub const PARAM_MAX: f64 = 1e4;
/// The cohort size a percentage curve stands for in the likelihood.
pub const PERCENT_COHORT: f64 = 1000.0;
/// Most values a survival curve may have (the start and 9,999 months).
pub const MAX_VALUES: usize = 10_000;
/// Longest projection [`fit_sbg`] computes, in months.
pub const MAX_HORIZON: u32 = 10_000;
/// Largest cohort count read from text: 2^53, beyond which whole numbers are
/// no longer exact in `f64`.
pub const MAX_TEXT_COUNT: f64 = 9_007_199_254_740_992.0;

/// How far from 100 the first value of a percentage curve may be.
const PERCENT_FIRST_TOLERANCE: f64 = 0.5;

/// An observed survival curve: month 0 first, then one value per month.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum SurvivalData {
    /// Percent of the cohort still there; the first value is 100 (±0.5).
    Percent(Vec<f64>),
    /// People still there; the first value is the cohort size.
    Counts(Vec<u64>),
}

impl SurvivalData {
    /// Reads a survival curve such as `"100, 63.1, 46.8, 38.2"`.
    ///
    /// - Values are separated by commas, semicolons or whitespace (spaces,
    ///   tabs, newlines); a run of separators counts as one, so `"100, 63.1"`,
    ///   one value per line and a trailing comma all work.
    /// - Each value is a decimal number (`63.1`, `1e3`), optionally followed
    ///   by `%`. There must be 3 to [`MAX_VALUES`] of them, each finite,
    ///   >= 0 and not greater than the one before it.
    /// - If the first value is within 0.5 of 100, or any value carries `%`,
    ///   the values are percentages (and then the first must be within 0.5 of
    ///   100). Otherwise they are cohort counts: whole numbers up to 2^53,
    ///   the first (the cohort size) greater than 0.
    ///
    /// So a cohort of exactly 100 people reads as percentages; the fitted
    /// alpha and beta are the same, only the log-likelihood is that of 1000
    /// people. Build [`SurvivalData::Counts`] directly to avoid that.
    pub fn parse(text: &str) -> Result<SurvivalData, FitError> {
        let mut values = Vec::new();
        let mut any_percent_sign = false;
        let tokens = text
            .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
            .filter(|t| !t.is_empty());
        for (i, token) in tokens.enumerate() {
            let index = i + 1;
            if index > MAX_VALUES {
                return Err(FitError::TooManyValues { max: MAX_VALUES });
            }
            let number = match token.strip_suffix('%') {
                Some(stripped) => {
                    any_percent_sign = true;
                    stripped
                }
                None => token,
            };
            let value: f64 = number.parse().map_err(|_| FitError::NotANumber {
                index,
                token: token.chars().take(40).collect(),
            })?;
            if !value.is_finite() || value < 0.0 {
                return Err(FitError::InvalidValue { index, value });
            }
            values.push(value);
        }
        if values.len() < 3 {
            return Err(FitError::TooFewValues { got: values.len() });
        }
        let first = values[0];
        let looks_like_percent = (first - 100.0).abs() <= PERCENT_FIRST_TOLERANCE;
        let data = if looks_like_percent || any_percent_sign {
            if !looks_like_percent {
                return Err(FitError::FirstNotHundred {
                    first,
                    non_whole: None,
                });
            }
            SurvivalData::Percent(values)
        } else {
            if let Some((i, &v)) = values.iter().enumerate().find(|(_, v)| v.fract() != 0.0) {
                return Err(FitError::FirstNotHundred {
                    first,
                    non_whole: Some((i + 1, v)),
                });
            }
            if let Some((i, &v)) = values
                .iter()
                .enumerate()
                .find(|(_, v)| **v > MAX_TEXT_COUNT)
            {
                return Err(FitError::CountTooLarge {
                    index: i + 1,
                    value: v,
                });
            }
            // Whole, finite, in 0..=2^53: the conversion is exact.
            SurvivalData::Counts(values.iter().map(|&v| v as u64).collect())
        };
        data.cohort()?;
        Ok(data)
    }

    /// The number of values, month 0 included.
    pub fn len(&self) -> usize {
        match self {
            SurvivalData::Percent(v) => v.len(),
            SurvivalData::Counts(v) => v.len(),
        }
    }

    /// True when there are no values.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Checks the curve and returns the people at risk N_0..N_T as `f64`
    /// (for percentages, a cohort of [`PERCENT_COHORT`]) and the observed
    /// survival shares.
    fn cohort(&self) -> Result<Cohort, FitError> {
        let len = self.len();
        if len < 3 {
            return Err(FitError::TooFewValues { got: len });
        }
        if len > MAX_VALUES {
            return Err(FitError::TooManyValues { max: MAX_VALUES });
        }
        match self {
            SurvivalData::Percent(values) => {
                for (i, &value) in values.iter().enumerate() {
                    if !value.is_finite() || value < 0.0 {
                        return Err(FitError::InvalidValue {
                            index: i + 1,
                            value,
                        });
                    }
                }
                let first = values[0];
                if (first - 100.0).abs() > PERCENT_FIRST_TOLERANCE {
                    return Err(FitError::FirstNotHundred {
                        first,
                        non_whole: None,
                    });
                }
                check_not_increasing(values)?;
                let observed = values.iter().map(|v| v / first).collect();
                let people = values
                    .iter()
                    .map(|v| (v * PERCENT_COHORT / first).round())
                    .collect();
                Ok(Cohort { people, observed })
            }
            SurvivalData::Counts(counts) => {
                let people: Vec<f64> = counts.iter().map(|&c| c as f64).collect();
                if counts[0] == 0 {
                    return Err(FitError::EmptyCohort);
                }
                for i in 1..counts.len() {
                    if counts[i] > counts[i - 1] {
                        return Err(FitError::Increasing {
                            index: i + 1,
                            value: people[i],
                            previous: people[i - 1],
                        });
                    }
                }
                let observed = people.iter().map(|n| n / people[0]).collect();
                Ok(Cohort { people, observed })
            }
        }
    }
}

fn check_not_increasing(values: &[f64]) -> Result<(), FitError> {
    for i in 1..values.len() {
        if values[i] > values[i - 1] {
            return Err(FitError::Increasing {
                index: i + 1,
                value: values[i],
                previous: values[i - 1],
            });
        }
    }
    Ok(())
}

/// A checked curve: people at risk N_0..N_T (N_0 > 0, not increasing) and the
/// observed shares N_t / N_0 (for percentages, the unrounded shares).
struct Cohort {
    people: Vec<f64>,
    observed: Vec<f64>,
}

/// Why a survival curve could not be read or fitted. Value positions
/// (`index`) count from 1, the first value being month 0.
#[derive(Clone, Debug, PartialEq)]
pub enum FitError {
    /// Fewer than 3 values: the start and at least two months are needed.
    TooFewValues { got: usize },
    /// More than [`MAX_VALUES`] values.
    TooManyValues { max: usize },
    /// A piece of the text is not a number.
    NotANumber { index: usize, token: String },
    /// A value that is negative, infinite or NaN.
    InvalidValue { index: usize, value: f64 },
    /// Percentages whose first value is not 100 (±0.5); `non_whole` names a
    /// value with a fraction, which rules out reading them as counts.
    FirstNotHundred {
        first: f64,
        non_whole: Option<(usize, f64)>,
    },
    /// A cohort count above 2^53.
    CountTooLarge { index: usize, value: f64 },
    /// A cohort of 0 people.
    EmptyCohort,
    /// A value above the one before it.
    Increasing {
        index: usize,
        value: f64,
        previous: f64,
    },
    /// A projection longer than [`MAX_HORIZON`] months.
    HorizonTooLong { horizon: u32, max: u32 },
}

impl fmt::Display for FitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FitError::TooFewValues { got } => write!(
                f,
                "need at least 3 values (got {got}): the starting cohort, then at least two months"
            ),
            FitError::TooManyValues { max } => {
                write!(f, "too many values: at most {max} are accepted")
            }
            FitError::NotANumber { index, token } => {
                write!(f, "value {index} (\"{token}\") is not a number")
            }
            FitError::InvalidValue { index, value } => write!(
                f,
                "value {index} ({}): values must be finite and >= 0",
                Num(*value)
            ),
            FitError::FirstNotHundred { first, non_whole } => {
                write!(
                    f,
                    "first value must be 100 for percentages (got {})",
                    Num(*first)
                )?;
                if let Some((index, value)) = non_whole {
                    write!(
                        f,
                        "; cohort counts must be whole numbers (value {index} is {})",
                        Num(*value)
                    )?;
                }
                Ok(())
            }
            FitError::CountTooLarge { index, value } => write!(
                f,
                "value {index} ({}) is too large for a cohort count (at most 2^53)",
                Num(*value)
            ),
            FitError::EmptyCohort => {
                write!(f, "first value (the cohort size) must be greater than 0")
            }
            FitError::Increasing {
                index,
                value,
                previous,
            } => write!(
                f,
                "value {index} ({} after {}): survival cannot increase",
                Num(*value),
                Num(*previous)
            ),
            FitError::HorizonTooLong { horizon, max } => write!(
                f,
                "projection of {horizon} months is too long (at most {max})"
            ),
        }
    }
}

impl std::error::Error for FitError {}

/// Shows a number as a person wrote it (`63.1`, `1000`), or in scientific
/// notation when it is very large or very small.
struct Num(f64);

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let x = self.0;
        if x == 0.0 || !x.is_finite() || (1e-6..1e15).contains(&x.abs()) {
            write!(f, "{x}")
        } else {
            write!(f, "{x:e}")
        }
    }
}

/// The maximum-likelihood sBG fit of a survival curve.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SbgFit {
    pub alpha: f64,
    pub beta: f64,
    /// The log-likelihood at (alpha, beta); for percentages, that of a cohort
    /// of [`PERCENT_COHORT`] people.
    pub log_likelihood: f64,
    /// The observed survival share, month 0 (= 1) to the last month.
    pub observed: Vec<f64>,
    /// S(t) at the fit for the observed months (same length as `observed`).
    pub fitted: Vec<f64>,
    /// S(t) at the fit for t = 0..=horizon.
    pub projection: Vec<f64>,
    /// The churn rate in month 1, alpha / (alpha + beta).
    pub mean_monthly_churn_month1: f64,
    /// True when alpha or beta lies at [`PARAM_MIN`] or [`PARAM_MAX`]: the
    /// curve pins it down only as a limit (for example nobody left, or the
    /// churn rate does not fall with tenure).
    pub at_bound: bool,
}

/// The sBG survival curve for t = 0..=months (`months + 1` values, allocated
/// at once): S(0) = 1, S(t) = S(t-1) (beta + t - 1) / (alpha + beta + t - 1).
/// Meaningful for alpha, beta > 0; other inputs give meaningless numbers,
/// never a panic.
pub fn sbg_survival(alpha: f64, beta: f64, months: u32) -> Vec<f64> {
    let mut s = Vec::with_capacity((months as usize).saturating_add(1));
    let mut current = 1.0;
    s.push(current);
    for t in 1..=months {
        let k = f64::from(t - 1);
        current *= (beta + k) / (alpha + beta + k);
        s.push(current);
    }
    s
}

/// The sBG log-likelihood of a survival curve at (alpha, beta) (the paper's,
/// for percentages a cohort of [`PERCENT_COHORT`]); for alpha, beta > 0.
pub fn sbg_log_likelihood(data: &SurvivalData, alpha: f64, beta: f64) -> Result<f64, FitError> {
    let cohort = data.cohort()?;
    Ok(cohort.people[0] * log_likelihood_per_person(&shares(&cohort.people), alpha, beta))
}

/// Fits the sBG model to `data` by maximum likelihood and projects it over
/// `horizon` months (at most [`MAX_HORIZON`]).
pub fn fit_sbg(data: &SurvivalData, horizon: u32) -> Result<SbgFit, FitError> {
    if horizon > MAX_HORIZON {
        return Err(FitError::HorizonTooLong {
            horizon,
            max: MAX_HORIZON,
        });
    }
    let cohort = data.cohort()?;
    let w = shares(&cohort.people);
    let x = maximise(&w);
    let alpha = to_param(x[0]);
    let beta = to_param(x[1]);
    let at_bound = x
        .iter()
        .any(|&xi| xi <= LN_MIN + BOUND_SLACK || xi >= LN_MAX - BOUND_SLACK);
    let months = u32::try_from(w.len() - 1).unwrap_or(u32::MAX);
    Ok(SbgFit {
        alpha,
        beta,
        log_likelihood: cohort.people[0] * log_likelihood_per_person(&w, alpha, beta),
        observed: cohort.observed,
        fitted: sbg_survival(alpha, beta, months),
        projection: sbg_survival(alpha, beta, horizon),
        mean_monthly_churn_month1: alpha / (alpha + beta),
        at_bound,
    })
}

// ---------------------------------------------------------------------------
// Likelihood
//
// With N_0..N_T people at risk and L = N_0 - N_T lost, the paper's
// log-likelihood sum_t n_t ln P(T=t) + N_T ln S(T) rearranges (using
// P(T=t) = S(t-1) alpha / (alpha + beta + t - 1)) to
//
//   LL = L ln(alpha) + sum_{t=1..T} [ N_t ln(beta + t - 1) - N_{t-1} ln(alpha + beta + t - 1) ].
//
// The optimiser works on shares w_t = N_t / N_0, i.e. LL / N_0.

const LN_MIN: f64 = -9.210_340_371_976_182; // ln(1e-4)
const LN_MAX: f64 = 9.210_340_371_976_182; // ln(1e4)
const BOUND_SLACK: f64 = 1e-9;

/// alpha or beta from its logarithm, exactly at a bound when it lies there.
fn to_param(x: f64) -> f64 {
    if x <= LN_MIN {
        PARAM_MIN
    } else if x >= LN_MAX {
        PARAM_MAX
    } else {
        x.exp().clamp(PARAM_MIN, PARAM_MAX)
    }
}

fn shares(people: &[f64]) -> Vec<f64> {
    people.iter().map(|n| n / people[0]).collect()
}

fn log_likelihood_per_person(w: &[f64], alpha: f64, beta: f64) -> f64 {
    let lost = w[0] - w[w.len() - 1];
    let mut ll = if lost > 0.0 { lost * alpha.ln() } else { 0.0 };
    for t in 1..w.len() {
        let at_risk = w[t - 1];
        if at_risk <= 0.0 {
            break;
        }
        let k = (t - 1) as f64;
        if w[t] > 0.0 {
            ll += w[t] * (beta + k).ln();
        }
        ll -= at_risk * (alpha + beta + k).ln();
    }
    ll
}

/// The objective on x = (ln alpha, ln beta); NaN becomes -inf.
fn objective(w: &[f64], x: [f64; 2]) -> f64 {
    let f = log_likelihood_per_person(w, x[0].exp(), x[1].exp());
    if f.is_nan() { f64::NEG_INFINITY } else { f }
}

/// Gradient and Hessian of the objective in x = (ln alpha, ln beta).
fn derivatives(w: &[f64], x: [f64; 2]) -> ([f64; 2], [[f64; 2]; 2]) {
    let (a, b) = (x[0].exp(), x[1].exp());
    let lost = w[0] - w[w.len() - 1];
    let (mut da, mut db) = (lost / a, 0.0);
    let (mut daa, mut dbb, mut dab) = (-lost / (a * a), 0.0, 0.0);
    for t in 1..w.len() {
        let at_risk = w[t - 1];
        if at_risk <= 0.0 {
            break;
        }
        let k = (t - 1) as f64;
        let s = a + b + k;
        let q = at_risk / s;
        da -= q;
        db -= q;
        if w[t] > 0.0 {
            let r = w[t] / (b + k);
            db += r;
            dbb -= r / (b + k);
        }
        let q2 = q / s;
        daa += q2;
        dbb += q2;
        dab += q2;
    }
    let g = [a * da, b * db];
    let h = [
        [a * a * daa + g[0], a * b * dab],
        [a * b * dab, b * b * dbb + g[1]],
    ];
    (g, h)
}

fn project(x: [f64; 2]) -> [f64; 2] {
    [x[0].clamp(LN_MIN, LN_MAX), x[1].clamp(LN_MIN, LN_MAX)]
}

/// The maximiser of the objective in the box: grid, Nelder–Mead from the best
/// grid points, then Newton.
fn maximise(w: &[f64]) -> [f64; 2] {
    const GRID: usize = 16;
    let step = (LN_MAX - LN_MIN) / GRID as f64;
    let mut grid = Vec::with_capacity((GRID + 1) * (GRID + 1));
    for i in 0..=GRID {
        for j in 0..=GRID {
            let x = [LN_MIN + i as f64 * step, LN_MIN + j as f64 * step];
            grid.push((objective(w, x), x));
        }
    }
    grid.sort_by(|p, q| q.0.total_cmp(&p.0));
    let mut best = (grid[0].0, grid[0].1);
    for &(_, start) in grid.iter().take(3) {
        let candidate = nelder_mead_with_restarts(w, start, step / 2.0);
        if candidate.0 > best.0 {
            best = candidate;
        }
    }
    // Newton only takes steps that gain, or lose no more than rounding.
    newton(w, best.1)
}

fn nelder_mead_with_restarts(w: &[f64], start: [f64; 2], step: f64) -> (f64, [f64; 2]) {
    let mut best = nelder_mead(w, start, step);
    let mut step = step;
    for _ in 0..6 {
        step = (step / 4.0).max(1e-3);
        let next = nelder_mead(w, best.1, step);
        let gain = next.0 - best.0;
        if next.0 > best.0 {
            best = next;
        }
        if gain.is_nan() || gain <= 1e-15 {
            break;
        }
    }
    best
}

/// Nelder–Mead (reflection 1, expansion 2, contraction 1/2, shrink 1/2) on
/// the objective, with every point projected into the box.
fn nelder_mead(w: &[f64], start: [f64; 2], step: f64) -> (f64, [f64; 2]) {
    let start = project(start);
    let mut simplex: Vec<(f64, [f64; 2])> = [
        start,
        [start[0] + step, start[1]],
        [start[0], start[1] + step],
    ]
    .iter()
    .map(|&x| {
        // A vertex pushed outside the box goes the other way instead.
        let x = if x[0] > LN_MAX || x[1] > LN_MAX {
            [2.0 * start[0] - x[0], 2.0 * start[1] - x[1]]
        } else {
            x
        };
        let x = project(x);
        (objective(w, x), x)
    })
    .collect();
    let point = |x: [f64; 2]| {
        let x = project(x);
        (objective(w, x), x)
    };
    for _ in 0..2000 {
        simplex.sort_by(|p, q| q.0.total_cmp(&p.0)); // best first
        let (best, worst) = (simplex[0], simplex[2]);
        let spread = best.0 - worst.0;
        let size = simplex
            .iter()
            .map(|p| (p.1[0] - best.1[0]).abs().max((p.1[1] - best.1[1]).abs()))
            .fold(0.0, f64::max);
        if size < 1e-11 || (spread <= 1e-16 * (1.0 + best.0.abs()) && size < 1e-8) {
            break;
        }
        let c = [
            (simplex[0].1[0] + simplex[1].1[0]) / 2.0,
            (simplex[0].1[1] + simplex[1].1[1]) / 2.0,
        ];
        let along = |t: f64| {
            point([
                c[0] + t * (worst.1[0] - c[0]),
                c[1] + t * (worst.1[1] - c[1]),
            ])
        };
        let reflected = along(-1.0);
        if reflected.0 > best.0 {
            let expanded = along(-2.0);
            simplex[2] = if expanded.0 > reflected.0 {
                expanded
            } else {
                reflected
            };
        } else if reflected.0 > simplex[1].0 {
            simplex[2] = reflected;
        } else {
            let contracted = if reflected.0 > worst.0 {
                along(-0.5)
            } else {
                along(0.5)
            };
            if contracted.0 > worst.0.max(reflected.0) {
                simplex[2] = contracted;
            } else {
                for p in simplex.iter_mut().skip(1) {
                    *p = point([(p.1[0] + best.1[0]) / 2.0, (p.1[1] + best.1[1]) / 2.0]);
                }
            }
        }
    }
    simplex.sort_by(|p, q| q.0.total_cmp(&p.0));
    simplex[0]
}

/// Newton ascent on (ln alpha, ln beta) with the bounds as an active set: a
/// coordinate at a bound whose gradient points out of the box is held there.
fn newton(w: &[f64], start: [f64; 2]) -> [f64; 2] {
    let mut x = project(start);
    let mut fx = objective(w, x);
    let (mut g, mut h) = derivatives(w, x);
    for _ in 0..100 {
        let Some(d) = ascent_direction(x, g, h) else {
            break;
        };
        let g_norm = projected_gradient_norm(x, g);
        let mut accepted = None;
        let mut t = 1.0;
        for _ in 0..60 {
            let xn = project([x[0] + t * d[0], x[1] + t * d[1]]);
            let fxn = objective(w, xn);
            let (gn, hn) = derivatives(w, xn);
            // Near the optimum f is flat to rounding; a step that shrinks the
            // gradient without losing more than rounding is still progress.
            let within_rounding = fxn >= fx - 4.0 * f64::EPSILON * (1.0 + fx.abs());
            if fxn > fx || (within_rounding && projected_gradient_norm(xn, gn) < g_norm) {
                accepted = Some((xn, fxn, gn, hn));
                break;
            }
            t /= 2.0;
        }
        let Some((xn, fxn, gn, hn)) = accepted else {
            break;
        };
        let moved = (xn[0] - x[0]).abs().max((xn[1] - x[1]).abs());
        (x, fx, g, h) = (xn, fxn, gn, hn);
        if moved < 1e-14 {
            break;
        }
    }
    x
}

/// Whether coordinate `i` may move: not held at a bound by a gradient that
/// points out of the box.
fn is_free(x: [f64; 2], g: [f64; 2], i: usize) -> bool {
    !((x[i] <= LN_MIN && g[i] <= 0.0) || (x[i] >= LN_MAX && g[i] >= 0.0))
}

fn projected_gradient_norm(x: [f64; 2], g: [f64; 2]) -> f64 {
    (0..2)
        .filter(|&i| is_free(x, g, i))
        .map(|i| g[i].abs())
        .fold(0.0, f64::max)
}

/// The Newton step on the free coordinates where the Hessian there is
/// negative definite, otherwise a gradient step; at most 4 in each log
/// coordinate. None when no coordinate can improve.
fn ascent_direction(x: [f64; 2], g: [f64; 2], h: [[f64; 2]; 2]) -> Option<[f64; 2]> {
    const MAX_STEP: f64 = 4.0;
    let free = [is_free(x, g, 0), is_free(x, g, 1)];
    let mut d = [0.0; 2];
    match free {
        [true, true] => {
            let det = h[0][0] * h[1][1] - h[0][1] * h[1][0];
            if h[0][0] < 0.0 && det > 0.0 {
                d[0] = -(h[1][1] * g[0] - h[0][1] * g[1]) / det;
                d[1] = -(h[0][0] * g[1] - h[1][0] * g[0]) / det;
            } else {
                d = g;
            }
        }
        [true, false] | [false, true] => {
            let i = usize::from(free[1]);
            d[i] = if h[i][i] < 0.0 { -g[i] / h[i][i] } else { g[i] };
        }
        [false, false] => return None,
    }
    let len = d[0].abs().max(d[1].abs());
    if !len.is_finite() || len == 0.0 {
        return None;
    }
    if len > MAX_STEP {
        d = [d[0] * MAX_STEP / len, d[1] * MAX_STEP / len];
    }
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    const REGULAR: &str = "100, 63.1, 46.8, 38.2, 32.6, 28.9, 26.2, 24.1";
    const HIGH_END: &str = "100, 86.9, 74.3, 65.3, 59.3, 55.1, 51.7, 49.1";

    fn fit_text(text: &str) -> SbgFit {
        fit_sbg(&SurvivalData::parse(text).unwrap(), 12).unwrap()
    }

    fn rel(x: f64, y: f64) -> f64 {
        (x - y).abs() / y.abs()
    }

    /// ln Gamma(x) for x > 0: shift to x >= 15, then Stirling's series.
    fn ln_gamma(x: f64) -> f64 {
        let mut shift = 0.0;
        let mut z = x;
        while z < 15.0 {
            shift += z.ln();
            z += 1.0;
        }
        let z2 = z * z;
        let series = (1.0 / 12.0
            + (-1.0 / 360.0
                + (1.0 / 1260.0
                    + (-1.0 / 1680.0 + (1.0 / 1188.0 + (-691.0 / 360_360.0) / z2) / z2) / z2)
                    / z2)
                / z2)
            / z;
        (z - 0.5) * z.ln() - z + 0.5 * (2.0 * std::f64::consts::PI).ln() + series - shift
    }

    fn ln_beta(a: f64, b: f64) -> f64 {
        ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b)
    }

    // Fader & Hardie (2007) report alpha = 0.704, beta = 1.182 for the
    // regular segment and alpha = 0.668, beta = 3.806 for the high-end one,
    // with LL = -1680.3 and -1611.2 respectively. (-1611.2 cannot belong to
    // the regular segment: no model reaches more than its saturated
    // log-likelihood, -1679.5; see `likelihood_is_below_the_saturated_model`.)
    #[test]
    fn paper_regular_segment() {
        let fit = fit_text(REGULAR);
        assert!((fit.alpha - 0.704).abs() < 5e-4, "alpha {}", fit.alpha);
        assert!((fit.beta - 1.182).abs() < 5e-4, "beta {}", fit.beta);
        assert!(
            (fit.log_likelihood - -1680.3).abs() < 0.05,
            "LL {}",
            fit.log_likelihood
        );
        assert!(!fit.at_bound);
        assert!((fit.mean_monthly_churn_month1 - 0.704 / (0.704 + 1.182)).abs() < 1e-3);
    }

    #[test]
    fn paper_high_end_segment() {
        let fit = fit_text(HIGH_END);
        assert!((fit.alpha - 0.668).abs() < 5e-4, "alpha {}", fit.alpha);
        assert!((fit.beta - 3.806).abs() < 5e-4, "beta {}", fit.beta);
        assert!(
            (fit.log_likelihood - -1611.2).abs() < 0.05,
            "LL {}",
            fit.log_likelihood
        );
        assert!(!fit.at_bound);
    }

    #[test]
    fn paper_fit_shapes_and_values() {
        let fit = fit_text(REGULAR);
        assert_eq!(fit.observed.len(), 8);
        assert_eq!(fit.fitted.len(), 8);
        assert_eq!(fit.projection.len(), 13);
        assert_eq!(fit.observed[0], 1.0);
        assert_eq!(fit.fitted[0], 1.0);
        assert!((fit.observed[1] - 0.631).abs() < 1e-12);
        assert_eq!(&fit.projection[..8], &fit.fitted[..]);
        // The fit follows the data to within a percentage point.
        for (o, s) in fit.observed.iter().zip(&fit.fitted) {
            assert!((o - s).abs() < 0.01, "{o} vs {s}");
        }
        assert_eq!(fit.projection, sbg_survival(fit.alpha, fit.beta, 12));
    }

    /// Counts of a cohort of 1e6 following the sBG curve exactly (rounded).
    fn exact_counts(a: f64, b: f64, months: u32) -> SurvivalData {
        SurvivalData::Counts(
            sbg_survival(a, b, months)
                .iter()
                .map(|s| (s * 1e6).round() as u64)
                .collect(),
        )
    }

    #[test]
    fn recovers_known_parameters() {
        for (a, b) in [
            (0.704, 1.182),
            (0.668, 3.806),
            (0.3, 0.5),
            (2.0, 10.0),
            (1.5, 0.8),
            (0.05, 0.2),
        ] {
            let fit = fit_sbg(&exact_counts(a, b, 12), 24).unwrap();
            assert!(rel(fit.alpha, a) < 1e-3, "alpha {} for {a}", fit.alpha);
            assert!(rel(fit.beta, b) < 1e-3, "beta {} for {b}", fit.beta);
            assert!(!fit.at_bound);
        }
    }

    #[test]
    fn optimum_is_not_improved_by_small_moves() {
        let data = [
            SurvivalData::parse(REGULAR).unwrap(),
            SurvivalData::parse(HIGH_END).unwrap(),
            exact_counts(2.0, 10.0, 12),
            exact_counts(0.3, 0.5, 12),
        ];
        for d in &data {
            let fit = fit_sbg(d, 0).unwrap();
            let best = sbg_log_likelihood(d, fit.alpha, fit.beta).unwrap();
            assert_eq!(best, fit.log_likelihood);
            for h in [1e-5, 1e-3] {
                for (da, db) in [
                    (1, 0),
                    (-1, 0),
                    (0, 1),
                    (0, -1),
                    (1, 1),
                    (1, -1),
                    (-1, 1),
                    (-1, -1),
                ] {
                    let a = fit.alpha * (1.0 + h * f64::from(da));
                    let b = fit.beta * (1.0 + h * f64::from(db));
                    let moved = sbg_log_likelihood(d, a, b).unwrap();
                    assert!(moved < best, "({a}, {b}) gives {moved} >= {best}");
                }
            }
        }
    }

    #[test]
    fn gradient_vanishes_at_the_optimum() {
        for text in [REGULAR, HIGH_END] {
            let data = SurvivalData::parse(text).unwrap();
            let cohort = data.cohort().unwrap();
            let w = shares(&cohort.people);
            let x = maximise(&w);
            let (g, _) = derivatives(&w, x);
            assert!(g[0].abs() < 1e-10 && g[1].abs() < 1e-10, "{g:?}");
        }
    }

    #[test]
    fn analytic_derivatives_match_finite_differences() {
        let cohort = SurvivalData::parse(REGULAR).unwrap().cohort().unwrap();
        let w = shares(&cohort.people);
        for x in [[-0.3, 0.2], [1.0, -2.0], [-5.0, 4.0]] {
            let (g, h) = derivatives(&w, x);
            let e = 1e-5;
            for i in 0..2 {
                let mut xp = x;
                let mut xm = x;
                xp[i] += e;
                xm[i] -= e;
                let fd = (objective(&w, xp) - objective(&w, xm)) / (2.0 * e);
                assert!(
                    (fd - g[i]).abs() < 1e-7 * (1.0 + g[i].abs()),
                    "g{i}: {fd} vs {}",
                    g[i]
                );
                let (gp, _) = derivatives(&w, xp);
                let (gm, _) = derivatives(&w, xm);
                for j in 0..2 {
                    let fd2 = (gp[j] - gm[j]) / (2.0 * e);
                    assert!(
                        (fd2 - h[i][j]).abs() < 1e-6 * (1.0 + h[i][j].abs()),
                        "h{i}{j}: {fd2} vs {}",
                        h[i][j]
                    );
                }
            }
        }
    }

    #[test]
    fn ln_gamma_matches_known_values() {
        assert!((ln_gamma(0.5) - std::f64::consts::PI.sqrt().ln()).abs() < 1e-14);
        let mut factorial = 1.0_f64;
        for n in 1..25 {
            // Gamma(n) = (n-1)!
            assert!(
                (ln_gamma(f64::from(n)) - factorial.ln()).abs() < 1e-12 * (1.0 + factorial.ln())
            );
            factorial *= f64::from(n);
        }
        // Gamma(x) ~ 1/x - euler_gamma for small x.
        let x: f64 = 1e-4;
        let euler = 0.577_215_664_901_532_9;
        assert!((ln_gamma(x) - (1.0 / x - euler).ln()).abs() < 1e-8);
    }

    #[test]
    fn survival_matches_beta_function_closed_form() {
        for (a, b) in [
            (0.704, 1.182),
            (0.668, 3.806),
            (1e-4, 1e-4),
            (0.5, 50.0),
            (20.0, 3.0),
            (1e4, 1e4),
        ] {
            let s = sbg_survival(a, b, 60);
            assert_eq!(s.len(), 61);
            assert_eq!(s[0], 1.0);
            for (t, st) in s.iter().enumerate() {
                let closed = (ln_beta(a, b + t as f64) - ln_beta(a, b)).exp();
                assert!(
                    (st - closed).abs() < 1e-9 * closed.max(1e-300),
                    "a {a} b {b} t {t}: {st} vs {closed}"
                );
            }
            assert!(s.windows(2).all(|p| p[1] <= p[0]));
        }
        assert_eq!(sbg_survival(0.7, 3.8, 0), vec![1.0]);
        // The month-1 churn is alpha / (alpha + beta), as in MODEL.md §2.
        let s = sbg_survival(0.7, 3.8, 2);
        assert!((1.0 - s[1] - 0.7 / 4.5).abs() < 1e-15);
        assert!((1.0 - s[2] / s[1] - 0.7 / 5.5).abs() < 1e-15);
    }

    #[test]
    fn paper_likelihood_by_definition() {
        // LL = sum_t n_t ln(S(t-1) - S(t)) + N_T ln S(T), straight from the paper.
        let data = SurvivalData::parse(REGULAR).unwrap();
        let (a, b) = (0.704, 1.182);
        let s = sbg_survival(a, b, 7);
        let n: Vec<f64> = [1000.0, 631.0, 468.0, 382.0, 326.0, 289.0, 262.0, 241.0].to_vec();
        let mut ll = n[7] * s[7].ln();
        for t in 1..8 {
            ll += (n[t - 1] - n[t]) * (s[t - 1] - s[t]).ln();
        }
        let ours = sbg_log_likelihood(&data, a, b).unwrap();
        assert!((ours - ll).abs() < 1e-9 * ll.abs(), "{ours} vs {ll}");
    }

    /// The multinomial log-likelihood with one free probability per month,
    /// an upper bound for any model of the same counts.
    fn saturated_log_likelihood(people: &[f64]) -> f64 {
        let n0 = people[0];
        let term = |n: f64| if n > 0.0 { n * (n / n0).ln() } else { 0.0 };
        let lost: f64 = people.windows(2).map(|p| term(p[0] - p[1])).sum();
        lost + term(people[people.len() - 1])
    }

    #[test]
    fn likelihood_is_below_the_saturated_model() {
        let regular = [1000.0, 631.0, 468.0, 382.0, 326.0, 289.0, 262.0, 241.0];
        let high_end = [1000.0, 869.0, 743.0, 653.0, 593.0, 551.0, 517.0, 491.0];
        for (text, people) in [(REGULAR, regular), (HIGH_END, high_end)] {
            let fit = fit_text(text);
            let bound = saturated_log_likelihood(&people);
            assert!(
                fit.log_likelihood < bound,
                "{} vs {bound}",
                fit.log_likelihood
            );
            // Seven months, two parameters: the sBG comes close.
            assert!(fit.log_likelihood > bound - 10.0);
        }
        assert!((saturated_log_likelihood(&regular) - -1679.53).abs() < 0.01);
    }

    #[test]
    fn parses_percentages_with_any_separator() {
        let expected = SurvivalData::Percent(vec![100.0, 63.1, 46.8]);
        for text in [
            "100,63.1,46.8",
            "100, 63.1, 46.8",
            " 100\n63.1\n46.8\n",
            "100\t63.1  46.8",
            "100;63.1;46.8;",
            "100%, 63.1%, 46.8%",
            "100,\r\n63.1,\r\n46.8,",
        ] {
            assert_eq!(SurvivalData::parse(text), Ok(expected.clone()), "{text:?}");
        }
        // First value within 0.5 of 100.
        assert_eq!(
            SurvivalData::parse("99.5 60 40"),
            Ok(SurvivalData::Percent(vec![99.5, 60.0, 40.0]))
        );
        assert_eq!(
            SurvivalData::parse("100.5 60 40"),
            Ok(SurvivalData::Percent(vec![100.5, 60.0, 40.0]))
        );
        // Whole numbers starting at 100 are percentages too.
        assert_eq!(
            SurvivalData::parse("100 60 40"),
            Ok(SurvivalData::Percent(vec![100.0, 60.0, 40.0]))
        );
    }

    #[test]
    fn parses_counts() {
        assert_eq!(
            SurvivalData::parse("1000, 631, 468, 382"),
            Ok(SurvivalData::Counts(vec![1000, 631, 468, 382]))
        );
        assert_eq!(
            SurvivalData::parse("5e3\n2.5e3\n1000"),
            Ok(SurvivalData::Counts(vec![5000, 2500, 1000]))
        );
        assert_eq!(
            SurvivalData::parse("99 50 0"),
            Ok(SurvivalData::Counts(vec![99, 50, 0]))
        );
        assert_eq!(
            SurvivalData::parse("9007199254740992 1 0"),
            Ok(SurvivalData::Counts(vec![9_007_199_254_740_992, 1, 0]))
        );
    }

    fn parse_error(text: &str) -> String {
        SurvivalData::parse(text).unwrap_err().to_string()
    }

    #[test]
    fn parse_errors_name_the_problem() {
        assert_eq!(
            parse_error("100, 46.8, 63.1"),
            "value 3 (63.1 after 46.8): survival cannot increase"
        );
        assert_eq!(
            parse_error("1000 600 700"),
            "value 3 (700 after 600): survival cannot increase"
        );
        for text in ["", " , ", "100", "100, 63.1"] {
            assert!(
                parse_error(text).starts_with("need at least 3 values"),
                "{text:?}"
            );
        }
        assert_eq!(
            parse_error("100, 63.1"),
            "need at least 3 values (got 2): the starting cohort, then at least two months"
        );
        for (text, shown) in [
            ("100, -5, 3", "value 2 (-5)"),
            ("100, NaN, 3", "value 2 (NaN)"),
            ("100, 50, inf", "value 3 (inf)"),
            ("1e400, 50, 3", "value 1 (inf)"),
        ] {
            assert_eq!(
                parse_error(text),
                format!("{shown}: values must be finite and >= 0")
            );
        }
        assert_eq!(
            parse_error("95.2, 60.1, 40.7"),
            "first value must be 100 for percentages (got 95.2); \
             cohort counts must be whole numbers (value 1 is 95.2)"
        );
        assert_eq!(
            parse_error("1000, 630.5, 400"),
            "first value must be 100 for percentages (got 1000); \
             cohort counts must be whole numbers (value 2 is 630.5)"
        );
        assert_eq!(
            parse_error("90%, 60%, 40%"),
            "first value must be 100 for percentages (got 90)"
        );
        assert_eq!(
            parse_error("100, abc, 3"),
            "value 2 (\"abc\") is not a number"
        );
        // A decimal comma splits values; the result rarely makes sense.
        assert_eq!(
            parse_error("100 63,1 46,8"),
            "value 4 (46 after 1): survival cannot increase"
        );
        assert_eq!(
            parse_error("100, 50%%, 3"),
            "value 2 (\"50%%\") is not a number"
        );
        assert_eq!(
            parse_error("1e20, 5, 3"),
            "value 1 (1e20) is too large for a cohort count (at most 2^53)"
        );
        assert_eq!(
            parse_error("0, 0, 0"),
            "first value (the cohort size) must be greater than 0"
        );
        let many = vec!["1"; MAX_VALUES + 1].join(" ");
        assert_eq!(
            parse_error(&many),
            "too many values: at most 10000 are accepted"
        );
        let long_token = "x".repeat(100);
        assert_eq!(
            parse_error(&format!("100 {long_token} 3")),
            format!("value 2 (\"{}\") is not a number", "x".repeat(40))
        );
    }

    #[test]
    fn fit_checks_data_built_directly() {
        let err = |d: SurvivalData| fit_sbg(&d, 12).unwrap_err().to_string();
        assert_eq!(
            err(SurvivalData::Percent(vec![100.0, 50.0])),
            "need at least 3 values (got 2): the starting cohort, then at least two months"
        );
        assert_eq!(
            err(SurvivalData::Counts(vec![])),
            "need at least 3 values (got 0): the starting cohort, then at least two months"
        );
        assert_eq!(
            err(SurvivalData::Percent(vec![80.0, 50.0, 40.0])),
            "first value must be 100 for percentages (got 80)"
        );
        assert_eq!(
            err(SurvivalData::Percent(vec![100.0, f64::NAN, 40.0])),
            "value 2 (NaN): values must be finite and >= 0"
        );
        assert_eq!(
            err(SurvivalData::Percent(vec![100.0, 50.0, 60.0])),
            "value 3 (60 after 50): survival cannot increase"
        );
        assert_eq!(
            err(SurvivalData::Counts(vec![10, 5, 6])),
            "value 3 (6 after 5): survival cannot increase"
        );
        assert_eq!(
            err(SurvivalData::Counts(vec![0, 0, 0])),
            "first value (the cohort size) must be greater than 0"
        );
        let data = SurvivalData::parse(REGULAR).unwrap();
        assert_eq!(
            fit_sbg(&data, MAX_HORIZON + 1).unwrap_err().to_string(),
            "projection of 10001 months is too long (at most 10000)"
        );
        assert_eq!(
            fit_sbg(&data, MAX_HORIZON).unwrap().projection.len(),
            10_001
        );
        assert!(sbg_log_likelihood(&SurvivalData::Counts(vec![1]), 1.0, 1.0).is_err());
        let e: Box<dyn std::error::Error> = Box::new(FitError::EmptyCohort);
        assert!(!e.to_string().is_empty());
    }

    fn assert_sane(fit: &SbgFit, horizon: u32) {
        for p in [fit.alpha, fit.beta] {
            assert!((PARAM_MIN..=PARAM_MAX).contains(&p), "{fit:?}");
        }
        assert!(
            fit.log_likelihood.is_finite() && fit.log_likelihood <= 0.0,
            "{fit:?}"
        );
        assert_eq!(fit.fitted.len(), fit.observed.len());
        assert_eq!(fit.projection.len(), horizon as usize + 1);
        for curve in [&fit.observed, &fit.fitted, &fit.projection] {
            assert_eq!(curve[0], 1.0);
            assert!(curve.iter().all(|s| (0.0..=1.0).contains(s)), "{fit:?}");
            assert!(curve.windows(2).all(|p| p[1] <= p[0]), "{fit:?}");
        }
        let churn = fit.mean_monthly_churn_month1;
        assert!((0.0..=1.0).contains(&churn));
    }

    #[test]
    fn degenerate_curves_fit_at_the_bounds() {
        // Nobody leaves: churn as small as the bounds allow.
        let fit = fit_text("100, 100, 100, 100");
        assert_sane(&fit, 12);
        assert!(fit.at_bound);
        assert_eq!(fit.alpha, PARAM_MIN);
        assert!(fit.mean_monthly_churn_month1 < 1e-7);
        assert!(fit.log_likelihood > -1e-3);

        // Everybody leaves in month 1.
        let fit = fit_text("100, 0, 0");
        assert_sane(&fit, 12);
        assert!(fit.at_bound);
        assert!(fit.mean_monthly_churn_month1 > 1.0 - 1e-7);

        // A drop to 0 later on is an ordinary fit.
        let fit = fit_text("1000, 500, 200, 0, 0");
        assert_sane(&fit, 12);
        assert!(*fit.fitted.last().unwrap() < 0.2);

        // A constant churn rate of 50% is the homogeneous limit.
        let fit = fit_text("1000, 500, 250, 125, 62, 31");
        assert_sane(&fit, 12);
        assert!(fit.at_bound);
        assert!((fit.mean_monthly_churn_month1 - 0.5).abs() < 0.01);

        // Churn rising with tenure is also best explained by the limit.
        let fit = fit_text("100, 95, 80, 50");
        assert_sane(&fit, 12);
        assert!(fit.at_bound);

        // Huge cohorts.
        let fit = fit_sbg(
            &SurvivalData::Counts(vec![u64::MAX, u64::MAX / 2, u64::MAX / 3]),
            5,
        )
        .unwrap();
        assert_sane(&fit, 5);
        let fit = fit_sbg(&SurvivalData::Counts(vec![u64::MAX, 1, 0]), 5).unwrap();
        assert_sane(&fit, 5);
        let fit = fit_sbg(&SurvivalData::Counts(vec![1, 1, 0]), 0).unwrap();
        assert_sane(&fit, 0);
    }

    #[test]
    fn long_curves_fit() {
        let data = exact_counts(0.5, 2.0, 600);
        let fit = fit_sbg(&data, 600).unwrap();
        assert!(
            rel(fit.alpha, 0.5) < 1e-3 && rel(fit.beta, 2.0) < 1e-3,
            "{} {}",
            fit.alpha,
            fit.beta
        );
    }

    /// A 64-bit linear congruential generator (Knuth's MMIX constants).
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            self.0 >> 33
        }

        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }

        fn unit(&mut self) -> f64 {
            self.next() as f64 / (1u64 << 31) as f64
        }
    }

    #[test]
    fn garbage_never_panics() {
        const PIECES: &[&str] = &[
            "100",
            "100",
            "0",
            "0",
            "100",
            "63.1",
            "0",
            "-1",
            "1e308",
            "1e400",
            "nan",
            "inf",
            "abc",
            "%",
            "100%",
            "50%",
            "1000000",
            "18446744073709551615",
            "99.6",
            "0.0001",
            "1e-320",
            "é",
            "--",
            "1000",
            "999",
            "5",
            "100.5",
            "0.5",
            "-0",
            "+3",
        ];
        const SEPARATORS: &[&str] = &[",", " ", "\n", ";", ", ", ",,"];
        let mut rng = Lcg(42);
        let mut fitted = 0;
        for _ in 0..400 {
            let n = rng.below(10);
            let mut text = String::new();
            if rng.below(2) == 0 {
                // A plausible start, so that some inputs parse and get fitted.
                text.push_str(["100, ", "1000 ", "100%,", "5\n"][rng.below(4) as usize]);
            }
            for _ in 0..n {
                text.push_str(PIECES[rng.below(PIECES.len() as u64) as usize]);
                text.push_str(SEPARATORS[rng.below(SEPARATORS.len() as u64) as usize]);
            }
            if let Ok(data) = SurvivalData::parse(&text) {
                let horizon = rng.below(50) as u32;
                let fit = fit_sbg(&data, horizon).unwrap();
                assert_sane(&fit, horizon);
                fitted += 1;
            }
        }
        assert!(fitted > 0);
    }

    #[test]
    fn random_curves_always_fit() {
        let mut rng = Lcg(7);
        for case in 0..300 {
            let len = 3 + rng.below(30) as usize;
            let percent = case % 2 == 0;
            let mut value = if percent {
                100.0
            } else {
                (1 + rng.below(1 << 30)) as f64
            };
            let mut values = vec![value];
            for _ in 1..len {
                match rng.below(8) {
                    0 => {}                   // nobody leaves
                    1 => value = 0.0,         // everybody leaves
                    2 => value *= 0.999,      // almost nobody
                    _ => value *= rng.unit(), // anything
                }
                if !percent {
                    value = value.floor();
                }
                values.push(value);
            }
            let data = if percent {
                SurvivalData::Percent(values)
            } else {
                SurvivalData::Counts(values.iter().map(|&v| v as u64).collect())
            };
            let fit = fit_sbg(&data, 24).unwrap_or_else(|e| panic!("{data:?}: {e}"));
            assert_sane(&fit, 24);
            // No grid point beats the fit.
            let ll = fit.log_likelihood;
            for i in 0..=8 {
                for j in 0..=8 {
                    let a = 10f64.powf(-4.0 + f64::from(i));
                    let b = 10f64.powf(-4.0 + f64::from(j));
                    let other = sbg_log_likelihood(&data, a, b).unwrap();
                    assert!(
                        other <= ll + 1e-9 * ll.abs().max(1.0),
                        "{data:?}: ({a}, {b}) {other} > {ll}"
                    );
                }
            }
        }
    }
}

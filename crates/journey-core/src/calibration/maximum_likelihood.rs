//! The sBG log-likelihood, its derivatives, and the deterministic optimiser
//! that maximises it over (ln alpha, ln beta).

use super::{PARAM_MAX, PARAM_MIN};
use crate::math;
use crate::order::sort_descending_by;

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

/// Whether the maximiser stopped at a bound of the box.
pub(super) fn at_bound(x: [f64; 2]) -> bool {
    x.iter()
        .any(|&xi| xi <= LN_MIN + BOUND_SLACK || xi >= LN_MAX - BOUND_SLACK)
}

/// alpha or beta from its logarithm, exactly at a bound when it lies there.
pub(super) fn to_param(x: f64) -> f64 {
    if x <= LN_MIN {
        PARAM_MIN
    } else if x >= LN_MAX {
        PARAM_MAX
    } else {
        math::exp(x).clamp(PARAM_MIN, PARAM_MAX)
    }
}

pub(super) fn shares(people: &[f64]) -> Vec<f64> {
    people.iter().map(|n| n / people[0]).collect()
}

pub(super) fn log_likelihood_per_person(w: &[f64], alpha: f64, beta: f64) -> f64 {
    let lost = w[0] - w[w.len() - 1];
    let mut ll = if lost > 0.0 {
        lost * math::ln(alpha)
    } else {
        0.0
    };
    for t in 1..w.len() {
        let at_risk = w[t - 1];
        if at_risk <= 0.0 {
            break;
        }
        let k = (t - 1) as f64;
        if w[t] > 0.0 {
            ll += w[t] * math::ln(beta + k);
        }
        ll -= at_risk * math::ln(alpha + beta + k);
    }
    ll
}

/// The objective on x = (ln alpha, ln beta); NaN becomes -inf.
fn objective(w: &[f64], x: [f64; 2]) -> f64 {
    let f = log_likelihood_per_person(w, math::exp(x[0]), math::exp(x[1]));
    if f.is_nan() { f64::NEG_INFINITY } else { f }
}

/// Gradient and Hessian of the objective in x = (ln alpha, ln beta).
fn derivatives(w: &[f64], x: [f64; 2]) -> ([f64; 2], [[f64; 2]; 2]) {
    let (a, b) = (math::exp(x[0]), math::exp(x[1]));
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
pub(super) fn maximise(w: &[f64]) -> [f64; 2] {
    const GRID: usize = 16;
    let step = (LN_MAX - LN_MIN) / GRID as f64;
    let mut grid = Vec::with_capacity((GRID + 1) * (GRID + 1));
    for i in 0..=GRID {
        for j in 0..=GRID {
            let x = [LN_MIN + i as f64 * step, LN_MIN + j as f64 * step];
            grid.push((objective(w, x), x));
        }
    }
    sort_descending_by(&mut grid, |p| p.0);
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
        sort_descending_by(&mut simplex, |p| p.0); // best first
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
    sort_descending_by(&mut simplex, |p| p.0);
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
    use super::super::SurvivalData;
    use super::super::tests::{HIGH_END, REGULAR};
    use super::*;

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
}

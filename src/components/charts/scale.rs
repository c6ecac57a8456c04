//! Pure helpers shared by the charts: linear scales, "nice" axis ticks,
//! histogram bins and short number labels. No Yew here, so all of it is
//! unit-tested natively.

/// Maps a domain interval linearly onto a range of SVG coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    pub domain: (f64, f64),
    pub range: (f64, f64),
}

impl Scale {
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Scale {
        Scale { domain, range }
    }

    /// The coordinate of `x`; the middle of the range for an empty domain.
    pub fn map(&self, x: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        if d1 == d0 {
            return (r0 + r1) / 2.0;
        }
        r0 + (x - d0) / (d1 - d0) * (r1 - r0)
    }
}

/// A round step (1, 2 or 5 times a power of ten) close to `raw`.
pub fn nice_step(raw: f64) -> f64 {
    if !raw.is_finite() || raw <= 0.0 {
        return 1.0;
    }
    let power = 10f64.powf(raw.log10().floor());
    let fraction = raw / power;
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * power
}

/// An axis covering `lo..=hi` with about `count` intervals: the widened
/// domain (on multiples of the step) and its ticks, first to last.
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    pub domain: (f64, f64),
    pub ticks: Vec<f64>,
}

pub fn nice_axis(lo: f64, hi: f64, count: u32) -> Axis {
    let (lo, hi) = if lo.is_finite() && hi.is_finite() {
        (lo.min(hi), lo.max(hi))
    } else {
        (0.0, 1.0)
    };
    let (lo, hi) = if hi - lo <= 1e-9 * lo.abs().max(hi.abs()).max(1.0) {
        // One value (up to rounding, as an ROI of -1 computed two ways):
        // a unit interval around it.
        (lo - 0.5 * lo.abs().max(1.0), hi + 0.5 * hi.abs().max(1.0))
    } else {
        (lo, hi)
    };
    let step = nice_step((hi - lo) / f64::from(count.max(1)));
    let first = (lo / step).floor();
    let last = (hi / step).ceil();
    let ticks: Vec<f64> = (0..=(last - first) as i64)
        .map(|i| clean((first + i as f64) * step))
        .collect();
    Axis {
        domain: (clean(first * step), clean(last * step)),
        ticks,
    }
}

/// Round ticks inside `lo..=hi` (none outside it), at least three when
/// the interval allows: for axes whose domain is fixed by the data.
pub fn ticks_within(lo: f64, hi: f64, count: u32) -> Vec<f64> {
    let inside = |c: u32| -> Vec<f64> {
        let slack = (hi - lo).abs() * 1e-9;
        nice_axis(lo, hi, c)
            .ticks
            .into_iter()
            .filter(|&t| t >= lo - slack && t <= hi + slack)
            .collect()
    };
    let mut best = inside(count);
    for c in count + 1..=count * 3 {
        if best.len() >= 3 {
            break;
        }
        best = inside(c);
    }
    best
}

/// Month ticks for a horizon of `months` (months are numbered from 1):
/// multiples of 12 from two years on, else of a round step.
pub fn month_ticks(months: u32) -> Vec<u32> {
    let months = months.max(1);
    let step = if months >= 24 {
        12 * nice_step(f64::from(months) / 5.0 / 12.0) as u32
    } else {
        nice_step(f64::from(months) / 5.0) as u32
    }
    .max(1);
    let mut ticks = vec![1];
    ticks.extend((1..=months / step).map(|i| i * step).filter(|&t| t > 1));
    ticks
}

/// Removes float noise such as 0.30000000000000004 and -0.
fn clean(x: f64) -> f64 {
    let rounded = (x * 1e9).round() / 1e9;
    if rounded == 0.0 { 0.0 } else { rounded }
}

/// Counts of values in equal bins on round boundaries.
#[derive(Clone, Debug, PartialEq)]
pub struct Bins {
    /// Lower edge of the first bin.
    pub start: f64,
    pub width: f64,
    pub counts: Vec<u32>,
}

impl Bins {
    /// Lower and upper edge of bin `i`.
    pub fn edges(&self, i: usize) -> (f64, f64) {
        let lo = clean(self.start + i as f64 * self.width);
        (lo, clean(lo + self.width))
    }

    pub fn end(&self) -> f64 {
        self.edges(self.counts.len().saturating_sub(1)).1
    }

    pub fn total(&self) -> u32 {
        self.counts.iter().sum()
    }
}

/// About `count` bins of a round width over the finite values (NaN and
/// infinities skipped); `None` when there are none. A value on an edge
/// falls in the bin above it, the maximum in the last bin.
pub fn bins(values: &[f64], count: u32) -> Option<Bins> {
    let finite = || values.iter().copied().filter(|x| x.is_finite());
    let lo = finite().reduce(f64::min)?;
    let hi = finite().reduce(f64::max)?;
    let axis = nice_axis(lo, hi, count);
    let width = axis.ticks.get(1).map_or(1.0, |t| t - axis.ticks[0]);
    let start = axis.domain.0;
    let n = (((axis.domain.1 - start) / width).round() as usize).max(1);
    let mut counts = vec![0u32; n];
    for x in finite() {
        // A value on a round edge (an ROI of exactly -100%) belongs to the
        // bin it starts, whatever the rounding of the division.
        let i = (((x - start) / width + 1e-9).floor() as usize).min(n - 1);
        counts[i] += 1;
    }
    Some(Bins {
        start,
        width,
        counts,
    })
}

/// The size of an axis's largest tick, which sets the unit all its labels
/// share (see [`crate::format::money_on_axis`]).
pub fn largest(ticks: &[f64]) -> f64 {
    ticks.iter().fold(0.0, |top, t| top.max(t.abs()))
}

/// An SVG path through the points, `M x y L x y ...`, one decimal.
pub fn line_path(points: impl IntoIterator<Item = (f64, f64)>) -> String {
    let mut out = String::new();
    for (i, (x, y)) in points.into_iter().enumerate() {
        let command = if i == 0 { 'M' } else { 'L' };
        out.push_str(&format!("{command}{x:.1} {y:.1}"));
    }
    out
}

/// A closed band between two lines over the same xs: `upper` left to
/// right, then `lower` right to left.
pub fn band_path(xs: &[f64], upper: &[f64], lower: &[f64]) -> String {
    let forward = xs.iter().zip(upper).map(|(&x, &y)| (x, y));
    let back = xs.iter().zip(lower).rev().map(|(&x, &y)| (x, y));
    let mut path = line_path(forward.chain(back));
    if !path.is_empty() {
        path.push('Z');
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_map_linearly_and_may_flip() {
        let s = Scale::new((0.0, 10.0), (100.0, 0.0));
        assert_eq!(s.map(0.0), 100.0);
        assert_eq!(s.map(10.0), 0.0);
        assert_eq!(s.map(2.5), 75.0);
        assert_eq!(Scale::new((3.0, 3.0), (0.0, 10.0)).map(3.0), 5.0);
    }

    #[test]
    fn steps_are_one_two_or_five_times_a_power_of_ten() {
        assert_eq!(nice_step(0.7), 1.0);
        assert_eq!(nice_step(1.3), 2.0);
        assert_eq!(nice_step(3.0), 5.0);
        assert_eq!(nice_step(7.0), 10.0);
        assert_eq!(nice_step(230.0), 500.0);
        assert_eq!(nice_step(0.013), 0.02);
        assert_eq!(nice_step(0.0), 1.0);
        assert_eq!(nice_step(f64::NAN), 1.0);
    }

    #[test]
    fn axes_cover_the_data_on_round_ticks() {
        let axis = nice_axis(3.0, 97.0, 5);
        assert_eq!(axis.domain, (0.0, 100.0));
        assert_eq!(axis.ticks, vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        let axis = nice_axis(-1_234.0, 56_789.0, 4);
        assert_eq!(axis.domain, (-20_000.0, 60_000.0));
        assert_eq!(axis.ticks.len(), 5);
        let axis = nice_axis(0.1, 0.3, 2);
        assert_eq!(axis.ticks, vec![0.1, 0.2, 0.3]);
    }

    #[test]
    fn a_flat_or_undefined_axis_still_has_ticks() {
        let axis = nice_axis(5.0, 5.0, 4);
        assert!(axis.domain.0 < 5.0 && axis.domain.1 > 5.0);
        assert!(axis.ticks.len() >= 2);
        let axis = nice_axis(f64::NAN, 1.0, 4);
        assert_eq!(axis.domain, (0.0, 1.0));
    }

    #[test]
    fn bins_count_every_finite_value_once() {
        let values = [0.0, 0.5, 1.0, 1.5, 2.0, 9.99, 10.0, f64::NAN, f64::INFINITY];
        let b = bins(&values, 5).unwrap();
        assert_eq!((b.start, b.width), (0.0, 2.0));
        assert_eq!(b.counts, vec![4, 1, 0, 0, 2]);
        assert_eq!(b.total(), 7);
        assert_eq!(b.edges(1), (2.0, 4.0));
        assert_eq!(b.end(), 10.0);
    }

    #[test]
    fn bins_of_nothing_or_one_value() {
        assert_eq!(bins(&[], 10), None);
        assert_eq!(bins(&[f64::NAN, f64::NAN], 10), None);
        for values in [[4.0, 4.0, 4.0], [-1.0, -0.999_999_999_999_999_8, -1.0]] {
            let b = bins(&values, 10).unwrap();
            assert_eq!(b.total(), 3);
            assert!(b.width > 0.01, "{values:?}: bins {} wide", b.width);
            let (lo, hi) = b.edges(b.counts.iter().position(|&c| c == 3).unwrap());
            assert!(
                lo <= values[0] && values[1] < hi,
                "{values:?} in {lo}..{hi}"
            );
        }
    }

    #[test]
    fn negative_values_are_binned_below_zero() {
        let b = bins(&[-0.35, -0.05, 0.05, 0.25], 4).unwrap();
        assert_eq!(b.start, -0.4);
        assert_eq!(b.total(), 4);
        assert_eq!(b.counts[0], 1);
    }

    #[test]
    fn month_ticks_fall_on_years_for_long_horizons() {
        assert_eq!(month_ticks(36), vec![1, 12, 24, 36]);
        assert_eq!(month_ticks(60), vec![1, 12, 24, 36, 48, 60]);
        assert_eq!(month_ticks(120), vec![1, 24, 48, 72, 96, 120]);
        assert_eq!(month_ticks(12), vec![1, 5, 10]);
        assert_eq!(month_ticks(1), vec![1]);
    }

    #[test]
    fn ticks_within_a_fixed_domain() {
        assert_eq!(ticks_within(-0.95, -0.05, 4), vec![-0.8, -0.6, -0.4, -0.2]);
        assert_eq!(ticks_within(0.0, 100.0, 4), vec![0.0, 50.0, 100.0]);
        let ticks = ticks_within(200.0, 520.0, 4);
        assert!(ticks.len() >= 3 && ticks.iter().all(|&t| (200.0..=520.0).contains(&t)));
    }

    #[test]
    fn paths() {
        assert_eq!(line_path([(0.0, 1.0), (2.0, 3.26)]), "M0.0 1.0L2.0 3.3");
        assert_eq!(
            band_path(&[0.0, 1.0], &[5.0, 6.0], &[1.0, 2.0]),
            "M0.0 5.0L1.0 6.0L1.0 2.0L0.0 1.0Z"
        );
        assert_eq!(band_path(&[], &[], &[]), "");
    }
}

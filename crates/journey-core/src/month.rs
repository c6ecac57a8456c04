//! The month recursion of MODEL.md §4, written once for both modes: a
//! [`Sampler`] either draws (Monte Carlo) or takes expectations (`expected`
//! mode, lifetime value), so the two cannot drift apart. [`one_customer`]
//! is the same arithmetic cut down to what a lifetime needs, for speed; a
//! test holds it to [`run`] bit for bit.

use rand_distr::{Distribution, Poisson};

use crate::binomial::binomial;
use crate::math;

use crate::draw::{Drop, Spend, Values};
use crate::journey::{Journey, Target};
use crate::scenario::Phase;
use crate::streams::{SubstreamRng, substream};

/// The most people who can arrive or be referred in one month. It keeps
/// every count an exact integer in f64 (below 2^53) over 600 months, even
/// for a journey whose referrals grow without bound.
pub(crate) const MAX_INFLOW: f64 = 1e13;

/// How people split and arrive.
pub(crate) trait Sampler {
    /// Splits `n` people into (advance, drop) with probabilities `advance`
    /// and `drop` (their sum at most 1); the rest stay.
    fn split(&mut self, n: f64, advance: f64, drop: f64) -> (f64, f64);
    fn poisson(&mut self, lambda: f64) -> f64;
    /// Moves to the draws of one place in one month (see [`Slot`]).
    fn at(&mut self, month: u32, slot: Slot);
}

/// A place in the journey that draws: a stage's split (with its sBG entry
/// month), arrivals or referrals.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Slot {
    Split { stage: usize, cohort: usize },
    Arrivals,
    Referrals,
}

impl Slot {
    /// The order in which a month visits places: stages, then arrivals,
    /// then referrals.
    fn order(self) -> u64 {
        match self {
            Slot::Split { stage, cohort } => ((stage as u64) << 32) | cohort as u64,
            Slot::Arrivals => u64::MAX - 1,
            Slot::Referrals => u64::MAX,
        }
    }

    /// The key of the place's substream.
    fn id(self) -> u64 {
        match self {
            Slot::Split { stage, cohort } => ((stage as u64) << 32) | cohort as u64,
            Slot::Arrivals => u64::MAX,
            Slot::Referrals => u64::MAX - 1,
        }
    }
}

/// Expected values: the linear recursion of `expected` mode.
pub(crate) struct Expectation;

impl Sampler for Expectation {
    fn split(&mut self, n: f64, advance: f64, drop: f64) -> (f64, f64) {
        (n * advance, n * drop)
    }
    fn poisson(&mut self, lambda: f64) -> f64 {
        lambda.min(MAX_INFLOW)
    }
    fn at(&mut self, _: u32, _: Slot) {}
}

/// A draw the baseline made, kept so that a scenario whose inputs at the
/// same place and month are the same reuses it instead of drawing again.
/// Draws are a pure function of (stream, month, place, inputs), so reuse
/// changes no number; it only skips work.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Drawn {
    at: (u32, u64),
    inputs: [u64; 3],
    out: (f64, f64),
}

/// What a [`Random`] does with its draws.
pub(crate) enum Memo<'a> {
    Record(&'a mut Vec<Drawn>),
    Replay { drawn: &'a [Drawn], cursor: usize },
}

/// Multinomial splits and Poisson arrivals from the journey stream `key`.
pub(crate) struct Random<'a> {
    key: u64,
    at: (u32, Slot),
    /// Seeded on first use: a replayed place never needs its substream.
    rng: Option<SubstreamRng>,
    memo: Memo<'a>,
}

impl<'a> Random<'a> {
    pub fn new(key: u64, memo: Memo<'a>) -> Random<'a> {
        if let Memo::Record(drawn) = &memo {
            debug_assert!(drawn.is_empty());
        }
        Random {
            key,
            at: (0, Slot::Arrivals),
            rng: None,
            memo,
        }
    }

    fn rng(&mut self) -> &mut SubstreamRng {
        let (key, (month, slot)) = (self.key, self.at);
        self.rng
            .get_or_insert_with(|| substream(key, month, slot.id()))
    }

    /// Draws `fresh` unless the baseline drew at this place from the same
    /// inputs.
    fn memoised(
        &mut self,
        inputs: [f64; 3],
        fresh: impl FnOnce(&mut Self) -> (f64, f64),
    ) -> (f64, f64) {
        let at = (self.at.0, self.at.1.order());
        let inputs = inputs.map(f64::to_bits);
        if let Memo::Replay { drawn, cursor } = &mut self.memo {
            while *cursor < drawn.len() && drawn[*cursor].at < at {
                *cursor += 1;
            }
            if let Some(d) = drawn.get(*cursor)
                && d.at == at
                && d.inputs == inputs
            {
                return d.out;
            }
        }
        let out = fresh(self);
        if let Memo::Record(drawn) = &mut self.memo {
            drawn.push(Drawn { at, inputs, out });
        }
        out
    }
}

impl Sampler for Random<'_> {
    fn at(&mut self, month: u32, slot: Slot) {
        self.at = (month, slot);
        self.rng = None;
    }

    fn split(&mut self, n: f64, advance: f64, drop: f64) -> (f64, f64) {
        self.memoised([n, advance, drop], |this| {
            let n = n as u64;
            let advanced = binomial(this.rng(), n, advance);
            let dropped = if advance >= 1.0 {
                0
            } else {
                binomial(this.rng(), n - advanced, (drop / (1.0 - advance)).min(1.0))
            };
            (advanced as f64, dropped as f64)
        })
    }

    fn poisson(&mut self, lambda: f64) -> f64 {
        // Also catches NaN.
        if lambda.is_nan() || lambda <= 0.0 {
            return 0.0;
        }
        let lambda = lambda.min(MAX_INFLOW);
        self.memoised([lambda, 0.0, 0.0], |this| {
            let draw: f64 = Poisson::new(lambda)
                .expect("lambda in (0, MAX_INFLOW]")
                .sample(this.rng());
            (draw, 0.0)
        })
        .0
    }
}

/// Where people start.
pub(crate) enum Start<'a> {
    /// The scenario's `initial` counts.
    Initial(&'a [u64]),
    /// One customer entering the first `own` stage (lifetime value; trials
    /// use [`one_customer`], tested against this).
    #[cfg_attr(not(test), allow(dead_code))]
    OneCustomer,
}

/// Which rates are in force.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Timing {
    /// Month by month, following each investment's start and ramp.
    Calendar,
    /// Every investment fully ramped up, from month 1 (lifetime value; see
    /// `OneCustomer`).
    #[cfg_attr(not(test), allow(dead_code))]
    FullRamp,
}

/// One run of the recursion.
pub(crate) struct Plan<'a> {
    pub journey: &'a Journey,
    pub values: &'a Values,
    pub spends: &'a [Spend],
    pub months: u32,
    pub start: Start<'a>,
    pub timing: Timing,
    /// Arrivals and referrals (off for a single customer's lifetime).
    pub inflow: bool,
}

/// What a run produced, month by month (index t-1 for month t).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Trajectory {
    pub active_customers: Vec<f64>,
    pub revenue: Vec<f64>,
    pub cost: Vec<f64>,
    pub margin: Vec<f64>,
    pub acquired: Vec<f64>,
    pub churned: Vec<f64>,
    pub spend: Vec<f64>,
    pub referrals: f64,
    pub arrivals: f64,
    /// People in each stage at the end.
    pub end: Vec<f64>,
    /// People who dropped out of each stage, over the whole run.
    pub dropped: Vec<f64>,
    /// Per stage over the run: entered, advanced, dropped, and the part of
    /// the drops caused by friction (attributed in expectation).
    pub flows: Vec<StageFlow>,
    /// Total initial people (for conservation checks).
    pub initial: f64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct StageFlow {
    pub entered: f64,
    pub advanced: f64,
    pub dropped: f64,
    pub lost_to_friction: f64,
}

/// People in a stage: one pool, or (sBG) one group per entry month, since
/// their hazard depends on months in the stage.
enum Occupancy {
    Pool(f64),
    Cohorts {
        by_entry: Vec<f64>,
        /// The earliest entry month that may still have people.
        first: usize,
        total: f64,
    },
}

impl Occupancy {
    /// People entering in month `month` (0: there from the start).
    fn add(&mut self, month: usize, people: f64) {
        match self {
            Occupancy::Pool(count) => *count += people,
            Occupancy::Cohorts {
                by_entry, total, ..
            } => {
                by_entry[month] += people;
                *total += people;
            }
        }
    }

    fn total(&self) -> f64 {
        match self {
            Occupancy::Pool(n) => *n,
            Occupancy::Cohorts { total, .. } => *total,
        }
    }
}

/// A stage's rates in one month.
#[derive(Clone, Copy, Default)]
struct Rates {
    advance: f64,
    /// Attempts lost to friction: advance - advance_eff.
    lost: f64,
    advocacy: f64,
}

/// Frictions in force in a month (`None`: fully ramped), department and
/// hand-off, after investment.
pub(crate) fn frictions(
    values: &Values,
    spends: &[Spend],
    month: Option<u32>,
    departments: &mut [f64],
    handoffs: &mut [f64],
) {
    departments.copy_from_slice(&values.department_friction);
    handoffs.copy_from_slice(&values.handoff_friction);
    for spend in spends {
        let halvings = spend.halvings(month);
        if halvings > 0.0 {
            let slot = match spend.target {
                Target::Department(d) => &mut departments[d],
                Target::Handoff(h) => &mut handoffs[h],
            };
            *slot *= math::exp2(-halvings);
        }
    }
}

/// Each stage's rates under the given frictions (MODEL.md §3).
fn stage_rates(
    journey: &Journey,
    values: &Values,
    department_friction: &[f64],
    handoff_friction: &[f64],
    rates: &mut [Rates],
) {
    for (k, (stage, v)) in journey.stages.iter().zip(&values.stages).enumerate() {
        let keep_owner = 1.0 - department_friction[stage.owner];
        let keep_handoff = stage.handoff.map_or(1.0, |h| 1.0 - handoff_friction[h]);
        let advance = v.advance * keep_owner * keep_handoff;
        rates[k] = Rates {
            advance,
            lost: v.advance - advance,
            advocacy: v.advocacy * keep_owner,
        };
    }
}

pub(crate) fn run<S: Sampler>(plan: &Plan, sampler: &mut S) -> Trajectory {
    let journey = plan.journey;
    let stages = &journey.stages;
    let values = &plan.values.stages;
    let n = stages.len();
    let months = plan.months as usize;

    let mut occupancy: Vec<Occupancy> = stages
        .iter()
        .zip(values)
        .map(|(_, v)| match v.drop {
            Drop::Rate(_) => Occupancy::Pool(0.0),
            Drop::Sbg { .. } => Occupancy::Cohorts {
                by_entry: vec![0.0; months + 1],
                first: 0,
                total: 0.0,
            },
        })
        .collect();
    let mut initial = 0.0;
    match plan.start {
        Start::Initial(counts) => {
            for (k, &c) in counts.iter().enumerate() {
                occupancy[k].add(0, c as f64);
                initial += c as f64;
            }
        }
        Start::OneCustomer => {
            occupancy[journey.first_own].add(0, 1.0);
            initial = 1.0;
        }
    }

    let mut out = Trajectory {
        flows: vec![StageFlow::default(); n],
        dropped: vec![0.0; n],
        initial,
        ..Trajectory::default()
    };
    for series in [
        &mut out.active_customers,
        &mut out.revenue,
        &mut out.cost,
        &mut out.margin,
        &mut out.acquired,
        &mut out.churned,
        &mut out.spend,
    ] {
        series.reserve_exact(months);
    }

    let mut department_friction = vec![0.0; journey.department_friction.len()];
    let mut handoff_friction = vec![0.0; journey.handoffs.len()];
    let mut rates = vec![Rates::default(); n];
    let mut totals = vec![0.0; n];
    let mut entries = vec![0.0; n];
    let mut rates_month = None;
    // From this month on every investment is fully ramped (or spends
    // nothing), so frictions stay as they are in it.
    let settled = plan
        .spends
        .iter()
        .map(|s| s.start_month.saturating_add(s.ramp_months.max(1)) - 1)
        .max()
        .unwrap_or(1);

    for month in 1..=plan.months {
        // Rates change only while some investment ramps; recompute when
        // the month's frictions can differ from the last computed ones.
        let key = match plan.timing {
            Timing::FullRamp => 0,
            Timing::Calendar => month.min(settled),
        };
        if rates_month != Some(key) {
            let when = (plan.timing == Timing::Calendar).then_some(key);
            frictions(
                plan.values,
                plan.spends,
                when,
                &mut department_friction,
                &mut handoff_friction,
            );
            stage_rates(
                journey,
                plan.values,
                &department_friction,
                &handoff_friction,
                &mut rates,
            );
            rates_month = Some(key);
        }

        let t = month as usize;
        let mut revenue = 0.0;
        let mut cost = 0.0;
        let mut referral_rate = 0.0;
        let mut acquired = 0.0;
        let mut churned = 0.0;
        entries.fill(0.0);
        for (k, occ) in occupancy.iter().enumerate() {
            totals[k] = occ.total();
        }

        for k in 0..n {
            let stage = &stages[k];
            let v = &values[k];
            let r = rates[k];
            let people = totals[k];
            revenue += people * v.revenue_per_month;
            cost += people * v.cost_per_month;
            referral_rate += people * r.advocacy;
            if people == 0.0 {
                continue;
            }
            let (advanced, dropped, lost) = match (&mut occupancy[k], v.drop) {
                (Occupancy::Pool(count), Drop::Rate(drop)) => {
                    sampler.at(
                        month,
                        Slot::Split {
                            stage: k,
                            cohort: 0,
                        },
                    );
                    let (a, d) = sampler.split(*count, r.advance, drop + r.lost);
                    *count -= a + d;
                    (a, d, d * r.lost / (drop + r.lost))
                }
                (
                    Occupancy::Cohorts {
                        by_entry,
                        first,
                        total,
                    },
                    Drop::Sbg { alpha, beta },
                ) => {
                    let (mut a_sum, mut d_sum, mut lost_sum) = (0.0, 0.0, 0.0);
                    for (e, count) in by_entry.iter_mut().enumerate().take(t).skip(*first) {
                        if *count == 0.0 {
                            continue;
                        }
                        let tau = (t - e) as f64;
                        let hazard = alpha / (alpha + beta + tau - 1.0);
                        let (advance, lost, hazard) = scale_to_one(v.advance, r, hazard);
                        sampler.at(
                            month,
                            Slot::Split {
                                stage: k,
                                cohort: e,
                            },
                        );
                        let (a, d) = sampler.split(*count, advance, hazard + lost);
                        *count -= a + d;
                        a_sum += a;
                        d_sum += d;
                        lost_sum += d * lost / (hazard + lost);
                    }
                    while *first < t && by_entry[*first] == 0.0 {
                        *first += 1;
                    }
                    *total -= a_sum + d_sum;
                    (a_sum, d_sum, lost_sum)
                }
                _ => unreachable!("occupancy follows the drop kind"),
            };
            let lost = if lost.is_nan() { 0.0 } else { lost };
            if let Some(next) = stage.next {
                entries[next] += advanced;
                if stage.phase == Phase::Buy && stages[next].phase == Phase::Own {
                    acquired += advanced;
                }
            }
            if stage.phase == Phase::Own {
                churned += dropped;
            }
            out.dropped[k] += dropped;
            let flow = &mut out.flows[k];
            flow.advanced += advanced;
            flow.dropped += dropped;
            flow.lost_to_friction += lost;
        }

        if plan.inflow {
            sampler.at(month, Slot::Arrivals);
            let arrivals = sampler.poisson(plan.values.arrivals);
            sampler.at(month, Slot::Referrals);
            let referrals = sampler.poisson(referral_rate);
            entries[0] += arrivals;
            entries[journey.referral_entry] += referrals;
            out.arrivals += arrivals;
            out.referrals += referrals;
        }

        let mut active = 0.0;
        for k in 0..n {
            let entered = entries[k];
            if entered > 0.0 {
                revenue += entered * values[k].revenue_on_entry;
                occupancy[k].add(t, entered);
                out.flows[k].entered += entered;
            }
            if stages[k].phase == Phase::Own {
                active += occupancy[k].total();
            }
        }
        let spend: f64 = plan.spends.iter().map(|s| s.cost(month)).sum();
        cost += spend;
        out.active_customers.push(active);
        out.revenue.push(revenue);
        out.cost.push(cost);
        out.margin.push(revenue - cost);
        out.acquired.push(acquired);
        out.churned.push(churned);
        out.spend.push(spend);
    }
    out.end = occupancy.iter().map(Occupancy::total).collect();
    out
}

/// One customer entering the first `own` stage, in expectation, at fully
/// ramped rates, without inflow: what [`run`] computes for a lifetime
/// (`Start::OneCustomer`, `Timing::FullRamp`, no inflow, [`Expectation`]),
/// with the same operations in the same order, less the bookkeeping a
/// lifetime does not read (flows, drops, acquisitions). Calls
/// `month_done(t, margin, spend, active)` after each month t.
pub(crate) fn one_customer(
    journey: &Journey,
    values: &Values,
    spends: &[Spend],
    months: u32,
    mut month_done: impl FnMut(u32, f64, f64, f64),
) {
    let stages = &journey.stages;
    let n = stages.len();
    let mut department_friction = vec![0.0; journey.department_friction.len()];
    let mut handoff_friction = vec![0.0; journey.handoffs.len()];
    frictions(
        values,
        spends,
        None,
        &mut department_friction,
        &mut handoff_friction,
    );
    let mut rates = vec![Rates::default(); n];
    stage_rates(
        journey,
        values,
        &department_friction,
        &handoff_friction,
        &mut rates,
    );
    let mut occupancy: Vec<Occupancy> = values
        .stages
        .iter()
        .map(|v| match v.drop {
            Drop::Rate(_) => Occupancy::Pool(0.0),
            Drop::Sbg { .. } => Occupancy::Cohorts {
                by_entry: vec![0.0; months as usize + 1],
                first: 0,
                total: 0.0,
            },
        })
        .collect();
    occupancy[journey.first_own].add(0, 1.0);
    let own: Vec<bool> = stages.iter().map(|s| s.phase == Phase::Own).collect();
    let mut totals = vec![0.0; n];
    let mut entries = vec![0.0; n];

    for month in 1..=months {
        let t = month as usize;
        let mut revenue = 0.0;
        let mut cost = 0.0;
        entries.fill(0.0);
        for (total, occ) in totals.iter_mut().zip(&occupancy) {
            *total = occ.total();
        }
        for k in 0..n {
            let v = &values.stages[k];
            let r = rates[k];
            let people = totals[k];
            revenue += people * v.revenue_per_month;
            cost += people * v.cost_per_month;
            if people == 0.0 {
                continue;
            }
            let advanced = match (&mut occupancy[k], v.drop) {
                (Occupancy::Pool(count), Drop::Rate(drop)) => {
                    let (a, d) = (*count * r.advance, *count * (drop + r.lost));
                    *count -= a + d;
                    a
                }
                (
                    Occupancy::Cohorts {
                        by_entry,
                        first,
                        total,
                    },
                    Drop::Sbg { alpha, beta },
                ) => {
                    let (mut a_sum, mut d_sum) = (0.0, 0.0);
                    for (e, count) in by_entry.iter_mut().enumerate().take(t).skip(*first) {
                        if *count == 0.0 {
                            continue;
                        }
                        let tau = (t - e) as f64;
                        let hazard = alpha / (alpha + beta + tau - 1.0);
                        let (advance, lost, hazard) = scale_to_one(v.advance, r, hazard);
                        let (a, d) = (*count * advance, *count * (hazard + lost));
                        *count -= a + d;
                        a_sum += a;
                        d_sum += d;
                    }
                    while *first < t && by_entry[*first] == 0.0 {
                        *first += 1;
                    }
                    *total -= a_sum + d_sum;
                    a_sum
                }
                _ => unreachable!("occupancy follows the drop kind"),
            };
            if let Some(next) = stages[k].next {
                entries[next] += advanced;
            }
        }
        let mut active = 0.0;
        for k in 0..n {
            let entered = entries[k];
            if entered > 0.0 {
                revenue += entered * values.stages[k].revenue_on_entry;
                occupancy[k].add(t, entered);
            }
            if own[k] {
                active += occupancy[k].total();
            }
        }
        let spend: f64 = spends.iter().map(|s| s.cost(month)).sum();
        cost += spend;
        month_done(month, revenue - cost, spend, active);
    }
}

/// In an sBG stage a drawn advance plus the hazard may exceed 1 in the
/// first months: scale both down in proportion, as for constant drops.
fn scale_to_one(advance: f64, r: Rates, hazard: f64) -> (f64, f64, f64) {
    let total = advance + hazard;
    if total <= 1.0 {
        (r.advance, r.lost, hazard)
    } else {
        (r.advance / total, r.lost / total, hazard / total)
    }
}

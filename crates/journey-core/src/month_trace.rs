//! One month of MODEL.md §4 for the baseline, traced: who was where at the
//! start, each stage's split with the rates that made it, arrivals,
//! referrals, the new counts and the month's cash. The month is the
//! engine's own (`month::run`): a recording `Sampler` passes every draw
//! through and notes those of the traced month, so the trace shows exactly
//! what a run computes.

use crate::draw::{Draw, Drop, Means, Values};
use crate::journey::Journey;
use crate::month::{self, Drawn, Expectation, Memo, Plan, Random, Sampler, Slot, Start, Timing};
use crate::scenario::Phase;
use crate::streams::{Stream, stream_key, stream_rng};

/// Which flows to trace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TraceMode {
    /// Every value at its mean and every draw at its expectation: the exact
    /// `expected` mode, fractional people included.
    Expected,
    /// One Monte Carlo trial (index from 0) of a seed: whole people, the
    /// same draws as that trial of a run.
    Trial { seed: u64, trial: u32 },
}

/// The month, stage by stage.
#[derive(Clone, Debug, PartialEq)]
pub struct MonthTrace {
    pub month: u32,
    pub mode: TraceMode,
    pub stages: Vec<StageTrace>,
    /// New prospects: their Poisson mean and how many came (into the first
    /// stage).
    pub arrivals: Inflow,
    /// Referrals: their Poisson mean, the sum over stages of people times
    /// effective advocacy, and how many came (into `referral_entry`).
    pub referrals: Inflow,
    /// The stage referrals enter.
    pub referral_entry: usize,
    /// People who entered an `own` stage from a `buy` stage.
    pub acquired: f64,
    /// People who dropped out of `own` stages.
    pub churned: f64,
    pub revenue: f64,
    pub cost: f64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Inflow {
    pub mean: f64,
    pub people: f64,
}

/// One stage's month.
#[derive(Clone, Debug, PartialEq)]
pub struct StageTrace {
    /// The owning department (index into the scenario's `departments`).
    pub owner: usize,
    /// Where an advance leads.
    pub next: Option<usize>,
    /// The hand-off crossed when advancing (index into `handoffs`), if
    /// one is listed.
    pub handoff: Option<usize>,
    pub phase: Phase,
    pub rates: StageRates,
    /// People at the start of the month, n_k(t-1).
    pub start: f64,
    /// How the split went: one group for a constant drop, one per months
    /// in the stage for sBG churn.
    pub groups: Vec<GroupSplit>,
    pub advanced: f64,
    pub dropped: f64,
    pub stayed: f64,
    /// Advances in from other stages (or itself, for a loop).
    pub advances_in: f64,
    pub arrivals: f64,
    pub referrals: f64,
    /// People at the end of the month, n_k(t).
    pub end: f64,
    /// Revenue per month of the people at the start plus entry revenue of
    /// those who entered.
    pub revenue: f64,
    /// Cost per month of the people at the start.
    pub cost: f64,
    /// Expected referrals this stage's people bring: start × advocacy_eff.
    pub referral_mean: f64,
}

impl StageTrace {
    pub fn entered(&self) -> f64 {
        self.advances_in + self.arrivals + self.referrals
    }
}

/// Where a stage's rates come from (MODEL.md §3), in the traced month.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StageRates {
    /// The stage's own `advance`.
    pub advance: f64,
    /// The owner's friction f_o.
    pub department_friction: f64,
    /// The hand-off friction h_{o->o'} (0 when none is crossed).
    pub handoff_friction: f64,
    /// advance × (1 − f_o) × (1 − h).
    pub advance_eff: f64,
    /// The stage's churn: a constant `drop` or an sBG hazard.
    pub drop: DropRate,
    pub advocacy: f64,
    /// advocacy × (1 − f_o).
    pub advocacy_eff: f64,
    pub revenue_on_entry: f64,
    pub revenue_per_month: f64,
    pub cost_per_month: f64,
}

impl StageRates {
    /// Attempts to advance lost to friction: advance − advance_eff; they
    /// drop out.
    pub fn lost(&self) -> f64 {
        self.advance - self.advance_eff
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DropRate {
    Constant(f64),
    /// Hazard alpha / (alpha + beta + tau − 1) after tau months in the stage.
    Sbg {
        alpha: f64,
        beta: f64,
    },
}

/// The split of one group: a whole stage, or (sBG) the people who have
/// spent the same number of months in it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GroupSplit {
    /// tau, for an sBG stage.
    pub months_in_stage: Option<u32>,
    /// The sBG hazard h(tau) before any scaling.
    pub hazard: Option<f64>,
    pub people: f64,
    /// The probabilities the month used: advance_eff, and drop_eff = the
    /// drop (or hazard) plus the attempts lost to friction. In an sBG
    /// stage whose advance plus hazard exceeds 1 both are scaled down in
    /// proportion, as the engine does.
    pub advance: f64,
    pub drop: f64,
    pub advanced: f64,
    pub dropped: f64,
}

impl GroupSplit {
    pub fn stay(&self) -> f64 {
        1.0 - self.advance - self.drop
    }
}

/// What the engine drew in the traced month.
#[derive(Default)]
struct Record {
    splits: Vec<(usize, usize, [f64; 5])>,
    arrivals: Option<Inflow>,
    referrals: Option<Inflow>,
}

/// Passes every draw to `inner` and records those of `month`.
struct Recorder<'a, S> {
    inner: &'a mut S,
    month: u32,
    at: (u32, Slot),
    record: Record,
}

impl<S: Sampler> Sampler for Recorder<'_, S> {
    fn split(&mut self, n: f64, advance: f64, drop: f64) -> (f64, f64) {
        let out = self.inner.split(n, advance, drop);
        if let (month, Slot::Split { stage, cohort }) = self.at
            && month == self.month
        {
            self.record
                .splits
                .push((stage, cohort, [n, advance, drop, out.0, out.1]));
        }
        out
    }

    fn poisson(&mut self, lambda: f64) -> f64 {
        let people = self.inner.poisson(lambda);
        if self.at.0 == self.month {
            let inflow = Some(Inflow {
                mean: lambda,
                people,
            });
            match self.at.1 {
                Slot::Arrivals => self.record.arrivals = inflow,
                Slot::Referrals => self.record.referrals = inflow,
                Slot::Split { .. } => {}
            }
        }
        people
    }

    fn at(&mut self, month: u32, slot: Slot) {
        self.at = (month, slot);
        self.inner.at(month, slot);
    }
}

/// Traces month `month` (1 to the journey's months) of the baseline; `None`
/// for a month outside the horizon.
pub fn trace_month(journey: &Journey, month: u32, mode: TraceMode) -> Option<MonthTrace> {
    if !(1..=journey.months).contains(&month) {
        return None;
    }
    let values = match mode {
        TraceMode::Expected => Values::new(journey, &mut Means),
        TraceMode::Trial { seed, trial } => {
            let mut rng = stream_rng(seed, trial, Stream::Parameters);
            Values::new(journey, &mut Draw(&mut rng))
        }
    };
    let plan = Plan {
        journey,
        values: &values,
        spends: &[],
        months: month,
        start: Start::Initial(&journey.initial),
        timing: Timing::Calendar,
        inflow: true,
    };
    let (path, record) = match mode {
        TraceMode::Expected => record(&plan, &mut Expectation, month),
        TraceMode::Trial { seed, trial } => {
            let mut drawn: Vec<Drawn> = Vec::new();
            let key = stream_key(seed, trial, Stream::Journey);
            record(
                &plan,
                &mut Random::new(key, Memo::Record(&mut drawn)),
                month,
            )
        }
    };
    let t = month as usize - 1;
    Some(assemble(journey, &values, month, mode, &path, record, t))
}

fn record<S: Sampler>(plan: &Plan, inner: &mut S, month: u32) -> (month::Trajectory, Record) {
    let mut recorder = Recorder {
        inner,
        month,
        at: (0, Slot::Arrivals),
        record: Record::default(),
    };
    let path = month::run(plan, &mut recorder);
    (path, recorder.record)
}

fn assemble(
    journey: &Journey,
    values: &Values,
    month: u32,
    mode: TraceMode,
    path: &month::Trajectory,
    record: Record,
    t: usize,
) -> MonthTrace {
    let mut departments = vec![0.0; values.department_friction.len()];
    let mut handoffs = vec![0.0; values.handoff_friction.len()];
    month::frictions(values, &[], Some(month), &mut departments, &mut handoffs);

    let mut stages: Vec<StageTrace> = journey
        .stages
        .iter()
        .zip(&values.stages)
        .map(|(spec, v)| {
            let f = departments[spec.owner];
            let h = spec.handoff.map_or(0.0, |h| handoffs[h]);
            let rates = StageRates {
                advance: v.advance,
                department_friction: f,
                handoff_friction: h,
                advance_eff: v.advance * (1.0 - f) * (1.0 - h),
                drop: match v.drop {
                    Drop::Rate(d) => DropRate::Constant(d),
                    Drop::Sbg { alpha, beta } => DropRate::Sbg { alpha, beta },
                },
                advocacy: v.advocacy,
                advocacy_eff: v.advocacy * (1.0 - f),
                revenue_on_entry: v.revenue_on_entry,
                revenue_per_month: v.revenue_per_month,
                cost_per_month: v.cost_per_month,
            };
            StageTrace {
                owner: spec.owner,
                next: spec.next,
                handoff: spec.handoff,
                phase: spec.phase,
                rates,
                start: 0.0,
                groups: Vec::new(),
                advanced: 0.0,
                dropped: 0.0,
                stayed: 0.0,
                advances_in: 0.0,
                arrivals: 0.0,
                referrals: 0.0,
                end: 0.0,
                revenue: 0.0,
                cost: 0.0,
                referral_mean: 0.0,
            }
        })
        .collect();

    for &(k, cohort, [n, advance, drop, advanced, dropped]) in &record.splits {
        let stage = &mut stages[k];
        let (months_in_stage, hazard) = match stage.rates.drop {
            DropRate::Constant(_) => (None, None),
            DropRate::Sbg { alpha, beta } => {
                let tau = month - cohort as u32;
                let hazard = alpha / (alpha + beta + f64::from(tau) - 1.0);
                (Some(tau), Some(hazard))
            }
        };
        stage.groups.push(GroupSplit {
            months_in_stage,
            hazard,
            people: n,
            advance,
            drop,
            advanced,
            dropped,
        });
        stage.advanced += advanced;
        stage.dropped += dropped;
    }

    let arrivals = record.arrivals.unwrap_or_default();
    let referrals = record.referrals.unwrap_or_default();
    let (mut acquired, mut churned, mut revenue, mut cost) = (0.0, 0.0, 0.0, 0.0);
    for k in 0..stages.len() {
        stages[k].end = path.end[k];
        let s = &stages[k];
        let start = s.groups.iter().map(|g| g.people).sum::<f64>();
        let (advanced, next, phase) = (s.advanced, s.next, s.phase);
        if let Some(next) = next {
            stages[next].advances_in += advanced;
            if phase == Phase::Buy && stages[next].phase == Phase::Own {
                acquired += advanced;
            }
        }
        let s = &mut stages[k];
        if s.phase == Phase::Own {
            churned += s.dropped;
        }
        s.start = start;
        s.stayed = start - s.advanced - s.dropped;
        s.referral_mean = start * s.rates.advocacy_eff;
    }
    stages[0].arrivals += arrivals.people;
    stages[journey.referral_entry].referrals += referrals.people;
    for s in &mut stages {
        s.revenue = s.start * s.rates.revenue_per_month + s.entered() * s.rates.revenue_on_entry;
        s.cost = s.start * s.rates.cost_per_month;
        revenue += s.revenue;
        cost += s.cost;
    }
    debug_assert!((revenue - path.revenue[t]).abs() <= 1e-6 * path.revenue[t].abs().max(1.0));
    debug_assert!((cost - path.cost[t]).abs() <= 1e-6 * path.cost[t].abs().max(1.0));
    MonthTrace {
        month,
        mode,
        stages,
        arrivals,
        referrals,
        referral_entry: journey.referral_entry,
        acquired,
        churned,
        revenue: path.revenue[t],
        cost: path.cost[t],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Four stages: a hand-off from sales to care, friction in both,
    /// referrals into research, an sBG stage and people at the start.
    const SMALL: &str = r#"{"schema": 1, "months": 12, "arrivals_per_month": 1000,
        "referral_entry": "research",
        "departments": [{"id": "marketing", "friction": 0.1},
                        {"id": "sales", "friction": 0.2},
                        {"id": "care", "friction": 0.25}],
        "handoffs": [{"from": "sales", "to": "care", "friction": 0.1}],
        "stages": [
          {"id": "need", "phase": "buy", "owner": "marketing", "advance": 0.5, "drop": 0.3},
          {"id": "research", "phase": "buy", "owner": "marketing", "advance": 0.4, "drop": 0.2},
          {"id": "purchase", "phase": "buy", "owner": "sales", "advance": 0.6, "drop": 0.25},
          {"id": "use", "phase": "own", "owner": "care", "advance": 0.0,
           "drop": {"sbg": {"alpha": 0.7, "beta": 3.8}}, "revenue_on_entry": 80,
           "revenue_per_month": 30, "cost_per_month": 12, "advocacy": 0.05}],
        "initial": {"need": 400, "purchase": 200, "use": 1000}}"#;

    fn journey() -> Journey {
        Journey::from_json(SMALL).unwrap()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
    }

    fn conserved(trace: &MonthTrace) {
        let start: f64 = trace.stages.iter().map(|s| s.start).sum();
        let end: f64 = trace.stages.iter().map(|s| s.end).sum();
        let dropped: f64 = trace.stages.iter().map(|s| s.dropped).sum();
        let inflow = trace.arrivals.people + trace.referrals.people;
        assert!(close(start + inflow, end + dropped), "people conserved");
        for s in &trace.stages {
            assert!(close(s.start, s.advanced + s.dropped + s.stayed));
            assert!(close(s.end, s.stayed + s.entered()), "{s:?}");
        }
    }

    #[test]
    fn people_are_conserved_in_every_month_and_mode() {
        let journey = journey();
        for month in [1, 2, 7, 12] {
            for mode in [TraceMode::Expected, TraceMode::Trial { seed: 7, trial: 3 }] {
                conserved(&trace_month(&journey, month, mode).unwrap());
            }
        }
        assert!(trace_month(&journey, 0, TraceMode::Expected).is_none());
        assert!(trace_month(&journey, 13, TraceMode::Expected).is_none());
    }

    #[test]
    fn a_trial_moves_whole_people() {
        let trace = trace_month(&journey(), 3, TraceMode::Trial { seed: 1, trial: 0 }).unwrap();
        for s in &trace.stages {
            for x in [s.start, s.advanced, s.dropped, s.end] {
                assert_eq!(x, x.round());
            }
        }
    }

    #[test]
    fn the_trace_ends_where_expected_mode_does() {
        let journey = journey();
        let report = crate::expected(&journey);
        let baseline = &report.results[0];
        for month in [1, 5, 12] {
            let trace = trace_month(&journey, month, TraceMode::Expected).unwrap();
            let t = month as usize - 1;
            let active: f64 = trace
                .stages
                .iter()
                .filter(|s| s.phase == Phase::Own)
                .map(|s| s.end)
                .sum();
            assert!(close(active, baseline.monthly.active_customers[t]));
            assert!(close(trace.revenue, baseline.monthly.revenue[t]));
            assert!(close(
                trace.revenue - trace.cost,
                baseline.monthly.margin[t]
            ));
            assert!(close(trace.acquired, baseline.monthly.acquired[t]));
            assert!(close(trace.churned, baseline.monthly.churned[t]));
        }
        let last = trace_month(&journey, 12, TraceMode::Expected).unwrap();
        for (s, flow) in last.stages.iter().zip(&baseline.stages) {
            assert!(close(s.end, flow.end));
        }
    }

    #[test]
    fn a_trial_trace_ends_where_that_trial_does() {
        let journey = journey();
        let report = crate::run_trials(&journey, 9, 4..5).report(&journey, 9);
        let baseline = &report.results[0];
        let last = trace_month(&journey, 12, TraceMode::Trial { seed: 9, trial: 4 }).unwrap();
        for (s, flow) in last.stages.iter().zip(&baseline.stages) {
            assert_eq!(s.end, flow.end);
        }
        let active: f64 = last
            .stages
            .iter()
            .filter(|s| s.phase == Phase::Own)
            .map(|s| s.end)
            .sum();
        assert_eq!(active, baseline.monthly.active_customers.mean[11]);
        assert!(close(last.revenue, baseline.monthly.revenue.mean[11]));
    }

    #[test]
    fn rates_follow_the_model() {
        let trace = trace_month(&journey(), 1, TraceMode::Expected).unwrap();
        // Need, owned by marketing, advances to research (also marketing):
        // no hand-off.
        let need = &trace.stages[0].rates;
        assert_eq!(need.handoff_friction, 0.0);
        assert!(close(need.advance_eff, 0.5 * 0.9));
        let split = trace.stages[0].groups[0];
        assert!(close(split.advance, 0.45));
        assert!(close(split.drop, 0.3 + 0.05));
        assert!(close(split.stay(), 1.0 - 0.5 - 0.3));
        // Purchase, owned by sales, advances to use (care): sales friction
        // and the sales → care hand-off.
        let purchase = &trace.stages[2];
        assert_eq!(purchase.handoff, Some(0));
        assert!(close(purchase.rates.advance_eff, 0.6 * 0.8 * 0.9));
        let split = purchase.groups[0];
        assert!(close(split.drop, 0.25 + 0.6 - 0.6 * 0.8 * 0.9));
        assert!(close(purchase.advanced, 200.0 * 0.432));
        assert!(close(purchase.dropped, 200.0 * (0.25 + 0.168)));
        assert_eq!(trace.stages[3].advances_in, purchase.advanced);
        assert_eq!(trace.acquired, purchase.advanced);
        // Use: sBG hazard h(1) = a / (a + b), advocacy dampened by friction.
        let usage = &trace.stages[3];
        assert_eq!(usage.groups.len(), 1);
        assert_eq!(usage.groups[0].months_in_stage, Some(1));
        assert!(close(usage.groups[0].drop, 0.7 / 4.5));
        assert!(close(usage.rates.advocacy_eff, 0.05 * 0.75));
        assert!(close(trace.referrals.mean, 1000.0 * 0.05 * 0.75));
        assert!(close(trace.stages[1].referrals, trace.referrals.people));
        assert!(close(trace.stages[0].arrivals, 1000.0));
        // Cash: the use stage's people pay a month, entrants pay on entry.
        assert!(close(
            trace.revenue,
            1000.0 * 30.0 + purchase.advanced * 80.0
        ));
        assert!(close(trace.cost, 1000.0 * 12.0));
    }

    #[test]
    fn sbg_groups_are_kept_by_months_in_stage() {
        let trace = trace_month(&journey(), 3, TraceMode::Expected).unwrap();
        let usage = &trace.stages[3];
        let taus: Vec<u32> = usage
            .groups
            .iter()
            .filter_map(|g| g.months_in_stage)
            .collect();
        assert_eq!(taus, [3, 2, 1]);
        for g in &usage.groups {
            let tau = f64::from(g.months_in_stage.unwrap());
            assert!(close(g.drop, 0.7 / (4.5 + tau - 1.0)));
        }
    }
}

//! The budget optimizer: how to split a monthly budget across departments
//! and hand-offs to maximise the expected NPV uplift, with the frontier of
//! smaller budgets and the marginal return of the next step in each place.
//! Greedy allocation in steps, then exchanges of one step between places
//! until none helps, all in `expected` mode (docs/model.md, "Budget
//! optimizer").

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::draw::{Spend, Values};
use crate::journey::{Journey, Target};
use crate::outcome::Outcome;
use crate::param::Param;
use crate::scenario::{HandoffRef, Investment, InvestmentScenario};
use crate::uncertain::Uncertain;
use crate::validate::MAX_MONTHS;
use crate::what_if::{self, AtMeans};

/// The most steps a budget may be cut into.
pub const MAX_STEPS: u32 = 200;

/// What to optimise.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Options {
    /// Monthly budget, in the scenario's currency.
    pub budget: f64,
    /// The budget moves in `budget / steps` amounts.
    pub steps: u32,
    /// Place ids: a department id, or `from>to` for a hand-off. Empty: every
    /// place whose half-friction spend is known.
    pub places: Vec<String>,
    /// Half-friction spend by place id; wins over an existing investment's.
    pub half_friction_spend: BTreeMap<String, f64>,
    /// Half-friction spend of any place without one from the map or from
    /// an existing investment.
    pub default_half_friction_spend: Option<f64>,
    /// A scenario whose investments stay and come on top of the budget.
    pub base: Option<String>,
    pub start_month: u32,
    pub ramp_months: u32,
}

impl Options {
    /// Twenty steps, every place with a known half-friction spend, money
    /// from month 1 at full effect (no ramp), nothing else kept.
    pub fn new(budget: f64) -> Options {
        Options {
            budget,
            steps: 20,
            places: Vec::new(),
            half_friction_spend: BTreeMap::new(),
            default_half_friction_spend: None,
            base: None,
            start_month: 1,
            ramp_months: 0,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum OptimizeError {
    Budget(f64),
    Steps(u32),
    UnknownPlace(String),
    /// A half-friction spend given for a place the journey does not have.
    UnknownSpendPlace(String),
    RepeatedPlace(String),
    /// Places with no half-friction spend from anywhere.
    NoHalfFrictionSpend(Vec<String>),
    HalfFrictionSpend {
        place: String,
        value: f64,
    },
    /// Nothing may receive money.
    NoPlaces,
    UnknownBase {
        name: String,
        known: Vec<String>,
    },
    StartMonth {
        month: u32,
        months: u32,
    },
    RampMonths(u32),
}

impl OptimizeError {
    /// The [`Options`] field at fault (`budget`, `places`, ...).
    pub fn option(&self) -> &'static str {
        match self {
            OptimizeError::Budget(_) => "budget",
            OptimizeError::Steps(_) => "steps",
            OptimizeError::UnknownPlace(_)
            | OptimizeError::RepeatedPlace(_)
            | OptimizeError::NoPlaces => "places",
            OptimizeError::UnknownSpendPlace(_)
            | OptimizeError::NoHalfFrictionSpend(_)
            | OptimizeError::HalfFrictionSpend { .. } => "half_friction_spend",
            OptimizeError::UnknownBase { .. } => "base",
            OptimizeError::StartMonth { .. } => "start_month",
            OptimizeError::RampMonths(_) => "ramp_months",
        }
    }

    /// What is wrong, without the field's name.
    pub fn detail(&self) -> String {
        let quoted = |names: &[String]| {
            names
                .iter()
                .map(|n| format!("{n:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            OptimizeError::Budget(b) => format!("{b} is not a monthly amount above 0"),
            OptimizeError::Steps(n) => format!("{n} is not between 1 and {MAX_STEPS}"),
            OptimizeError::UnknownPlace(p) | OptimizeError::UnknownSpendPlace(p) => {
                format!("{p:?} is neither a department id nor a listed hand-off `from>to`")
            }
            OptimizeError::RepeatedPlace(p) => format!("{p:?} is listed twice"),
            OptimizeError::NoHalfFrictionSpend(places) => format!(
                "no investment names {}; give the monthly spend that halves friction there",
                quoted(places)
            ),
            OptimizeError::HalfFrictionSpend { place, value } => {
                format!("{value} for {place:?} is not an amount above 0")
            }
            OptimizeError::NoPlaces => "no investment names a department or hand-off, so no \
                 place has a known half-friction spend; name the places and give their \
                 half-friction spend"
                .to_string(),
            OptimizeError::UnknownBase { name, known } if known.is_empty() => {
                format!("{name:?} is not a scenario: this journey has none")
            }
            OptimizeError::UnknownBase { name, known } => format!(
                "{name:?} is not a scenario; the scenarios are {}",
                quoted(known)
            ),
            OptimizeError::StartMonth { month, months } => {
                format!("{month} is not a month of the horizon (1 to {months})")
            }
            OptimizeError::RampMonths(n) => format!("{n} is above {MAX_MONTHS}"),
        }
    }
}

impl fmt::Display for OptimizeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.option(), self.detail())
    }
}

impl std::error::Error for OptimizeError {}

/// One place that may receive money, and what it gets.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlaceResult {
    /// `sales` or `sales>operations`.
    pub id: String,
    pub label: String,
    /// The half-friction spend used (the mean of a range).
    pub half_friction_spend: f64,
    pub monthly_spend: f64,
    /// Change in expected NPV uplift from one more step here.
    pub next_step_uplift_npv: f64,
    /// That change over the step's discounted cost: above 0 means the next
    /// step pays for itself.
    pub next_step_roi: Option<f64>,
}

/// The best allocation of a smaller budget.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FrontierPoint {
    pub budget: f64,
    pub uplift_npv: f64,
    pub investment_pv: f64,
    /// Monthly spend per place, in the order of [`Optimum::places`].
    pub monthly_spend: Vec<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Optimum {
    pub budget: f64,
    pub step: f64,
    /// The kept scenario, if any.
    pub base: Option<String>,
    pub places: Vec<PlaceResult>,
    /// Places left out by default because no half-friction spend is known
    /// for them.
    pub left_out: Vec<String>,
    /// The money allocated; less than the budget when more would lower the
    /// uplift.
    pub monthly_spend: f64,
    /// Expected NPV uplift against the baseline, after investment costs.
    pub uplift_npv: f64,
    pub investment_pv: f64,
    pub roi: Option<f64>,
    /// Budgets 0, step, ..., budget.
    pub frontier: Vec<FrontierPoint>,
    /// The allocation as a scenario entry, ready for `scenarios[]`.
    pub scenario: InvestmentScenario,
}

/// A resolved place.
struct Place {
    id: String,
    label: String,
    target: Target,
    written: Uncertain,
    half_friction_spend: f64,
}

/// Step counts per place.
type Allocation = Vec<u32>;

/// The objective, remembered: f(allocation) = (NPV uplift, investment PV).
struct Objective<'a> {
    journey: &'a Journey,
    values: Values,
    baseline: Outcome,
    base_spends: Vec<Spend>,
    places: &'a [Place],
    step: f64,
    start_month: u32,
    ramp_months: u32,
    seen: HashMap<Allocation, (f64, f64)>,
}

impl Objective<'_> {
    fn spends(&self, k: &[u32]) -> Vec<Spend> {
        let mut spends = self.base_spends.clone();
        for (place, &steps) in self.places.iter().zip(k) {
            if steps > 0 {
                spends.push(Spend {
                    target: place.target,
                    monthly_spend: f64::from(steps) * self.step,
                    half_friction_spend: place.half_friction_spend,
                    start_month: self.start_month,
                    ramp_months: self.ramp_months,
                    one_off: 0.0,
                });
            }
        }
        spends
    }

    fn eval(&mut self, k: &[u32]) -> (f64, f64) {
        if let Some(&v) = self.seen.get(k) {
            return v;
        }
        let spends = self.spends(k);
        let v = what_if::uplift(self.journey, &self.values, &spends, &self.baseline);
        self.seen.insert(k.to_vec(), v);
        v
    }

    fn value(&mut self, k: &[u32]) -> f64 {
        self.eval(k).0
    }

    /// Best-improvement local search with at most `m` steps in all: add a
    /// step, remove one, or move one between places, until no move helps.
    fn improve(&mut self, mut k: Allocation, m: u32) -> Allocation {
        loop {
            let current = self.value(&k);
            let used: u32 = k.iter().sum();
            let mut best: Option<(f64, Allocation)> = None;
            let mut consider = |this: &mut Self, candidate: Allocation| {
                let v = this.value(&candidate);
                if best.as_ref().is_none_or(|(b, _)| v > *b) {
                    best = Some((v, candidate));
                }
            };
            for i in 0..k.len() {
                if used < m {
                    let mut c = k.clone();
                    c[i] += 1;
                    consider(self, c);
                }
                if k[i] == 0 {
                    continue;
                }
                let mut c = k.clone();
                c[i] -= 1;
                consider(self, c.clone());
                for j in (0..k.len()).filter(|&j| j != i) {
                    let mut moved = c.clone();
                    moved[j] += 1;
                    consider(self, moved);
                }
            }
            match best {
                Some((v, c)) if v > current + 1e-9 * current.abs().max(1.0) => k = c,
                _ => return k,
            }
        }
    }
}

/// Finds the allocation of `options.budget` per month that maximises the
/// expected NPV uplift.
pub fn optimize(journey: &Journey, options: &Options) -> Result<Optimum, OptimizeError> {
    if !(options.budget.is_finite() && options.budget > 0.0) {
        return Err(OptimizeError::Budget(options.budget));
    }
    if !(1..=MAX_STEPS).contains(&options.steps) {
        return Err(OptimizeError::Steps(options.steps));
    }
    if !(1..=journey.months).contains(&options.start_month) {
        return Err(OptimizeError::StartMonth {
            month: options.start_month,
            months: journey.months,
        });
    }
    if options.ramp_months > MAX_MONTHS {
        return Err(OptimizeError::RampMonths(options.ramp_months));
    }
    let base = match &options.base {
        None => None,
        Some(name) => Some(
            journey
                .scenarios
                .iter()
                .position(|s| s.name == name.trim())
                .ok_or_else(|| OptimizeError::UnknownBase {
                    name: name.clone(),
                    known: journey.scenarios.iter().map(|s| s.name.clone()).collect(),
                })?,
        ),
    };
    let (places, left_out) = places(journey, options)?;

    let means = AtMeans::new(journey);
    let step = options.budget / f64::from(options.steps);
    let baseline = what_if::horizon(journey, &means.values, &means.spends[0]);
    let mut f = Objective {
        journey,
        base_spends: base.map_or_else(Vec::new, |j| means.spends[j + 1].clone()),
        values: means.values,
        baseline,
        places: &places,
        step,
        start_month: options.start_month,
        ramp_months: options.ramp_months,
        seen: HashMap::new(),
    };

    // Greedy path: each level adds the best step, if any step helps.
    let n = places.len();
    let mut greedy = vec![0u32; n];
    let mut best: Allocation = vec![0; n];
    let mut frontier = vec![frontier_point(&mut f, &best, 0.0)];
    for m in 1..=options.steps {
        let current = f.value(&greedy);
        let next = (0..n)
            .map(|i| {
                let mut c = greedy.clone();
                c[i] += 1;
                (f.value(&c), c)
            })
            .max_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((v, c)) = next
            && v > current
        {
            greedy = c;
        }
        let start = if f.value(&greedy) > f.value(&best) {
            greedy.clone()
        } else {
            best.clone()
        };
        best = f.improve(start, m);
        frontier.push(frontier_point(&mut f, &best, f64::from(m) * step));
    }

    let (uplift_npv, investment_pv) = f.eval(&best);
    let place_results = places
        .iter()
        .enumerate()
        .map(|(i, place)| {
            let mut next = best.clone();
            next[i] += 1;
            let (u, pv) = f.eval(&next);
            let extra_pv = pv - investment_pv;
            PlaceResult {
                id: place.id.clone(),
                label: place.label.clone(),
                half_friction_spend: place.half_friction_spend,
                monthly_spend: f64::from(best[i]) * step,
                next_step_uplift_npv: u - uplift_npv,
                next_step_roi: (extra_pv > 0.0).then(|| (u - uplift_npv) / extra_pv),
            }
        })
        .collect();
    let scenario = scenario_entry(journey, options, base, &places, &best, step);
    Ok(Optimum {
        budget: options.budget,
        step,
        base: base.map(|j| journey.scenarios[j].name.clone()),
        places: place_results,
        left_out,
        monthly_spend: f64::from(best.iter().sum::<u32>()) * step,
        uplift_npv,
        investment_pv,
        roi: (investment_pv > 0.0).then(|| uplift_npv / investment_pv),
        frontier,
        scenario,
    })
}

fn frontier_point(f: &mut Objective, k: &[u32], budget: f64) -> FrontierPoint {
    let (uplift_npv, investment_pv) = f.eval(k);
    FrontierPoint {
        budget,
        uplift_npv,
        investment_pv,
        monthly_spend: k.iter().map(|&s| f64::from(s) * f.step).collect(),
    }
}

/// The places that may receive money, with their half-friction spends, and
/// the ids of those left out for want of one (only when none were named).
fn places(
    journey: &Journey,
    options: &Options,
) -> Result<(Vec<Place>, Vec<String>), OptimizeError> {
    let s = journey.scenario();
    let ids: Vec<String> = if options.places.is_empty() {
        s.departments
            .iter()
            .map(|d| d.id.clone())
            .chain(s.handoffs.iter().map(|h| format!("{}>{}", h.from, h.to)))
            .collect()
    } else {
        options.places.clone()
    };
    // Each spend given by place names a place of this journey: one that
    // does not would otherwise be ignored without a word.
    let spends = options
        .half_friction_spend
        .iter()
        .map(|(id, &x)| {
            target_of(journey, id.trim())
                .map(|target| (target, x))
                .ok_or_else(|| OptimizeError::UnknownSpendPlace(id.clone()))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut out: Vec<Place> = Vec::new();
    let mut missing = Vec::new();
    for id in ids {
        let id = id.trim().to_string();
        let target =
            target_of(journey, &id).ok_or_else(|| OptimizeError::UnknownPlace(id.clone()))?;
        if out.iter().any(|p| p.target == target) {
            return Err(OptimizeError::RepeatedPlace(id));
        }
        // An investment without spend may leave its half-friction spend 0.
        let existing = journey.scenarios.iter().enumerate().find_map(|(j, sc)| {
            sc.investments
                .iter()
                .position(|i| i.target == target && i.half_friction_spend.mean() > 0.0)
                .map(|i| {
                    (
                        s.scenarios[j].investments[i].half_friction_spend,
                        sc.investments[i].half_friction_spend,
                    )
                })
        });
        let given = spends.iter().find(|(t, _)| *t == target).map(|(_, x)| x);
        let chosen: Option<(Uncertain, Param)> =
            match (given, existing, options.default_half_friction_spend) {
                (Some(&x), _, _) => Some((Uncertain::Point(x), Param::Fixed(x))),
                (None, Some(found), _) => Some(found),
                (None, None, Some(x)) => Some((Uncertain::Point(x), Param::Fixed(x))),
                (None, None, None) => None,
            };
        let Some((written, param)) = chosen else {
            missing.push(id);
            continue;
        };
        let h = param.mean();
        if !(h.is_finite() && h > 0.0) {
            return Err(OptimizeError::HalfFrictionSpend {
                place: id,
                value: h,
            });
        }
        out.push(Place {
            label: label_of(journey, target),
            id,
            target,
            written,
            half_friction_spend: h,
        });
    }
    if !missing.is_empty() && !options.places.is_empty() {
        return Err(OptimizeError::NoHalfFrictionSpend(missing));
    }
    if out.is_empty() {
        return Err(OptimizeError::NoPlaces);
    }
    Ok((out, missing))
}

/// A department id, or `from>to` naming a listed hand-off.
fn target_of(journey: &Journey, id: &str) -> Option<Target> {
    let s = journey.scenario();
    if let Some(d) = s.departments.iter().position(|d| d.id == id) {
        return Some(Target::Department(d));
    }
    let (from, to) = id.split_once('>')?;
    s.handoffs
        .iter()
        .position(|h| h.from == from.trim() && h.to == to.trim())
        .map(Target::Handoff)
}

fn label_of(journey: &Journey, target: Target) -> String {
    let s = journey.scenario();
    let name = |id: &str| {
        s.departments
            .iter()
            .find(|d| d.id == id)
            .map_or(id.to_string(), |d| {
                if d.name.trim().is_empty() {
                    d.id.clone()
                } else {
                    d.name.clone()
                }
            })
    };
    match target {
        Target::Department(d) => name(&s.departments[d].id),
        Target::Handoff(h) => format!(
            "{} → {} hand-off",
            name(&s.handoffs[h].from),
            name(&s.handoffs[h].to)
        ),
    }
}

/// The allocation as a scenario: the base scenario's investments, then one
/// per funded place, named after the budget and unique in the journey.
fn scenario_entry(
    journey: &Journey,
    options: &Options,
    base: Option<usize>,
    places: &[Place],
    k: &[u32],
    step: f64,
) -> InvestmentScenario {
    let s = journey.scenario();
    let mut investments: Vec<Investment> =
        base.map_or_else(Vec::new, |j| s.scenarios[j].investments.clone());
    for (place, &steps) in places.iter().zip(k) {
        if steps == 0 {
            continue;
        }
        let (department, handoff) = match place.target {
            Target::Department(d) => (Some(s.departments[d].id.clone()), None),
            Target::Handoff(h) => (
                None,
                Some(HandoffRef {
                    from: s.handoffs[h].from.clone(),
                    to: s.handoffs[h].to.clone(),
                }),
            ),
        };
        investments.push(Investment {
            department,
            handoff,
            monthly_spend: Uncertain::Point(f64::from(steps) * step),
            half_friction_spend: place.written,
            start_month: options.start_month,
            ramp_months: options.ramp_months,
            one_off: Uncertain::ZERO,
        });
    }
    let mut name = format!("Optimised: {}/month", compact(options.budget));
    if let Some(j) = base {
        name.push_str(&format!(" on {}", journey.scenarios[j].name));
    }
    let taken = |n: &str| {
        n.eq_ignore_ascii_case("baseline") || journey.scenarios.iter().any(|s| s.name == n)
    };
    let mut unique = name.clone();
    let mut i = 2;
    while taken(&unique) {
        unique = format!("{name} ({i})");
        i += 1;
    }
    InvestmentScenario {
        name: unique,
        investments,
    }
}

/// 20000 as "20k", 1500000 as "1.5M", 750 as "750".
fn compact(x: f64) -> String {
    let (value, suffix) = if x >= 1e6 {
        (x / 1e6, "M")
    } else if x >= 1e3 {
        (x / 1e3, "k")
    } else {
        (x, "")
    };
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budgets_read_compactly() {
        assert_eq!(compact(20_000.0), "20k");
        assert_eq!(compact(1_500.0), "1.5k");
        assert_eq!(compact(2_500_000.0), "2.5M");
        assert_eq!(compact(750.0), "750");
        assert_eq!(compact(12_345.0), "12.35k");
    }
}

//! Checks a [`Scenario`] against every rule and limit of MODEL.md §2 and
//! builds the [`Journey`] the engine runs. All problems are collected, each
//! with the path of its field.

use std::collections::HashMap;

use crate::journey::{
    DropSpec, HandoffSpec, InvestmentSpec, Journey, ScenarioSpec, StageSpec, Target,
};
use crate::math;
use crate::param::Param;
use crate::problem::{Problem, Problems};
use crate::scenario::{Phase, SCHEMA, Scenario};
use crate::shape;
use crate::uncertain::{StageDrop, Uncertain};

pub const MAX_STAGES: usize = 40;
pub const MAX_DEPARTMENTS: usize = 30;
pub const MAX_MONTHS: u32 = 600;
pub const MAX_TRIALS: u32 = 1_000_000;
/// The seed of a run until someone chooses another: the app's and the
/// `journey` command's.
pub const DEFAULT_SEED: u64 = 1;
/// Trials of a run until someone chooses another number.
pub const DEFAULT_TRIALS: u32 = 10_000;
pub const MAX_SCENARIOS: usize = 20;
pub const MAX_INVESTMENTS: usize = 50;
/// Keeps every count of people well inside f64's exact integers.
pub const MAX_PEOPLE: f64 = 1e9;
/// The largest amount of money in any one field.
pub const MAX_AMOUNT: f64 = 1e12;
/// The most referrals one customer can bring in a month.
pub const MAX_ADVOCACY: f64 = 10.0;
pub const MAX_TEXT: usize = 200;

/// How a value is read: which distribution a range becomes and its bounds.
#[derive(Clone, Copy)]
enum Kind {
    /// In [0, 1]; a range is a Beta.
    Probability,
    /// In [0, 1); a range is a Beta.
    Friction,
    /// Finite, >= 0 (and at most `max`); a range is a lognormal.
    Amount { max: f64 },
    /// Finite, > 0 and at most `MAX_AMOUNT`; a range is a lognormal.
    Positive,
}

#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn fail(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem::new(path, message));
    }

    fn text(&mut self, path: &str, text: &str, required: bool) {
        if required && text.trim().is_empty() {
            self.fail(path, "must not be empty");
        } else if text.chars().count() > MAX_TEXT {
            self.fail(path, format!("is longer than {MAX_TEXT} characters"));
        }
    }

    /// Checks one value and returns its distribution (a placeholder when it
    /// is invalid, so that checking goes on and reports everything).
    fn param(&mut self, path: &str, value: Uncertain, kind: Kind) -> Param {
        let (low, high) = match value {
            Uncertain::Point(x) => (x, x),
            Uncertain::Range { low, high } => (low, high),
        };
        let is_range = matches!(value, Uncertain::Range { .. });
        let describe = |x: f64| {
            if is_range {
                format!("the range {low}..{high}")
            } else {
                format!("{x}")
            }
        };
        if !low.is_finite() || !high.is_finite() {
            self.fail(path, "must be a finite number");
            return Param::Fixed(0.0);
        }
        if low > high {
            self.fail(path, format!("low ({low}) is above high ({high})"));
            return Param::Fixed(low);
        }
        let ok = match kind {
            Kind::Probability if low < 0.0 || high > 1.0 => Err(format!(
                "{} is not a probability in [0, 1]{}",
                describe(low.min(high)),
                percent_hint(low, high, is_range, false)
            )),
            Kind::Friction if low < 0.0 || high >= 1.0 => Err(format!(
                "{} is not a friction in [0, 1){}",
                describe(high),
                percent_hint(low, high, is_range, true)
            )),
            Kind::Amount { .. } | Kind::Positive if low < 0.0 => {
                Err(format!("{} must not be negative", describe(low)))
            }
            Kind::Amount { max } if high > max => {
                Err(format!("{} is above the limit of {max}", describe(high)))
            }
            Kind::Positive if low <= 0.0 => Err(format!("{} must be above 0", describe(low))),
            Kind::Positive if high > MAX_AMOUNT => Err(format!(
                "{} is above the limit of {MAX_AMOUNT}",
                describe(high)
            )),
            _ => Ok(()),
        };
        if let Err(message) = ok {
            self.fail(path, message);
            return Param::Fixed(low);
        }
        let param = match kind {
            Kind::Probability | Kind::Friction => Param::probability(low, high),
            Kind::Amount { .. } | Kind::Positive => Param::amount(low, high),
        };
        param.unwrap_or_else(|message| {
            self.fail(path, message);
            Param::Fixed(low)
        })
    }

    fn finish(self) -> Result<(), Problems> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(Problems(self.problems))
        }
    }
}

/// How to write shares typed as percentages (45 for 45%): nothing unless
/// both ends are above 1 and, divided by 100, a valid share (below 1 when
/// `below_one`).
fn percent_hint(low: f64, high: f64, is_range: bool, below_one: bool) -> String {
    let reads_as_percent = |x: f64| x > 1.0 && (x < 100.0 || (x == 100.0 && !below_one));
    if !(reads_as_percent(low) && reads_as_percent(high)) {
        return String::new();
    }
    let (a, b) = (low / 100.0, high / 100.0);
    if is_range {
        format!(": write {low}% to {high}% as {a} to {b}")
    } else {
        format!(": write {low}% as {a}")
    }
}

const AMOUNT: Kind = Kind::Amount { max: MAX_AMOUNT };
const ADVOCACY: Kind = Kind::Amount { max: MAX_ADVOCACY };
const PEOPLE: Kind = Kind::Amount { max: MAX_PEOPLE };

impl Journey {
    /// Validates a scenario. On success the journey is ready to run; on
    /// failure every problem is listed with its field path.
    pub fn new(scenario: Scenario) -> Result<Journey, Problems> {
        let mut c = Checker::default();
        let s = &scenario;

        if s.schema != SCHEMA {
            c.fail(
                "schema",
                format!(
                    "schema {} is not supported; this version reads schema {SCHEMA}",
                    s.schema
                ),
            );
        }
        c.text("name", &s.name, false);
        if !(s.currency.len() == 3 && s.currency.bytes().all(|b| b.is_ascii_uppercase())) {
            c.fail(
                "currency",
                format!(
                    "{:?} is not a three-letter currency code such as USD",
                    s.currency
                ),
            );
        }
        if !(1..=MAX_MONTHS).contains(&s.months) {
            c.fail(
                "months",
                format!("{} is not between 1 and {MAX_MONTHS}", s.months),
            );
        }
        if !(s.discount_rate.is_finite() && (0.0..=1.0).contains(&s.discount_rate)) {
            c.fail(
                "discount_rate",
                format!(
                    "{} is not a yearly rate between 0 and 1{}",
                    s.discount_rate,
                    percent_hint(s.discount_rate, s.discount_rate, false, false)
                ),
            );
        }
        if !(1..=MAX_MONTHS).contains(&s.clv_horizon_months) {
            c.fail(
                "clv_horizon_months",
                format!("{} is not between 1 and {MAX_MONTHS}", s.clv_horizon_months),
            );
        }
        let arrivals = c.param("arrivals_per_month", s.arrivals_per_month, PEOPLE);

        // Departments.
        if s.departments.is_empty() || s.departments.len() > MAX_DEPARTMENTS {
            c.fail(
                "departments",
                format!(
                    "needs 1 to {MAX_DEPARTMENTS} departments, not {}",
                    s.departments.len()
                ),
            );
        }
        let mut department_index = HashMap::new();
        let mut department_friction = Vec::with_capacity(s.departments.len());
        for (i, d) in s.departments.iter().enumerate() {
            let path = format!("departments[{i}]");
            c.text(&format!("{path}.id"), &d.id, true);
            c.text(&format!("{path}.name"), &d.name, false);
            if department_index.insert(d.id.as_str(), i).is_some() {
                c.fail(
                    format!("{path}.id"),
                    format!("{:?} is used by another department", d.id),
                );
            }
            department_friction.push(c.param(
                &format!("{path}.friction"),
                d.friction,
                Kind::Friction,
            ));
        }

        // Hand-offs.
        let mut handoff_index = HashMap::new();
        let mut handoffs = Vec::with_capacity(s.handoffs.len());
        for (i, h) in s.handoffs.iter().enumerate() {
            let path = format!("handoffs[{i}]");
            let from = lookup(
                &mut c,
                &department_index,
                &format!("{path}.from"),
                &h.from,
                "department",
            );
            let to = lookup(
                &mut c,
                &department_index,
                &format!("{path}.to"),
                &h.to,
                "department",
            );
            if let (Some(from), Some(to)) = (from, to) {
                if from == to {
                    c.fail(&path, "a hand-off needs two different departments");
                } else if handoff_index.insert((from, to), i).is_some() {
                    c.fail(
                        &path,
                        format!("the hand-off {} → {} is listed twice", h.from, h.to),
                    );
                }
            }
            handoffs.push(HandoffSpec {
                friction: c.param(&format!("{path}.friction"), h.friction, Kind::Friction),
            });
        }

        // Stages.
        let n = s.stages.len();
        if n > MAX_STAGES {
            c.fail(
                "stages",
                format!("has {n} stages; at most {MAX_STAGES} are allowed"),
            );
        }
        let mut stage_index = HashMap::new();
        for (i, st) in s.stages.iter().enumerate() {
            c.text(&format!("stages[{i}].id"), &st.id, true);
            c.text(&format!("stages[{i}].name"), &st.name, false);
            if stage_index.insert(st.id.as_str(), i).is_some() {
                c.fail(
                    format!("stages[{i}].id"),
                    format!("{:?} is used by another stage", st.id),
                );
            }
        }
        let first_own = s.stages.iter().position(|st| st.phase == Phase::Own);
        match first_own {
            None => c.fail(
                "stages",
                "needs at least one `own` stage (after the purchase)",
            ),
            Some(0) => c.fail(
                "stages",
                "needs at least one `buy` stage before the `own` stages",
            ),
            Some(k) => {
                if let Some(j) = s.stages[k..].iter().position(|st| st.phase == Phase::Buy) {
                    c.fail(
                        format!("stages[{}].phase", k + j),
                        "every `buy` stage must come before the first `own` stage",
                    );
                }
            }
        }
        let mut stages = Vec::with_capacity(n);
        for (i, st) in s.stages.iter().enumerate() {
            let path = format!("stages[{i}]");
            let owner = lookup(
                &mut c,
                &department_index,
                &format!("{path}.owner"),
                &st.owner,
                "department",
            );
            let advance = c.param(&format!("{path}.advance"), st.advance, Kind::Probability);
            let next = match &st.next {
                Some(id) => {
                    let next = lookup(&mut c, &stage_index, &format!("{path}.next"), id, "stage");
                    if next == Some(i) {
                        c.fail(format!("{path}.next"), "a stage cannot lead to itself");
                    }
                    if let Some(j) = next
                        && st.phase == Phase::Own
                        && s.stages[j].phase == Phase::Buy
                    {
                        c.fail(
                            format!("{path}.next"),
                            format!("{id:?} is a `buy` stage; an `own` stage leads to `own` stages (a customer stays one until churn)"),
                        );
                    }
                    next
                }
                None if i + 1 < n => Some(i + 1),
                None => {
                    if st.advance.upper() > 0.0 {
                        c.fail(
                            format!("{path}.advance"),
                            "the last stage can only advance if it names a stage to advance to (`next`); set advance to 0 or choose one",
                        );
                    }
                    None
                }
            };
            let drop = match st.drop {
                StageDrop::Rate(rate) => {
                    let drop = c.param(&format!("{path}.drop"), rate, Kind::Probability);
                    if st.advance.upper() + rate.upper() > 1.0 + 1e-12 {
                        // Ranges are checked at their high ends: say so
                        // only when there is one.
                        let ends = if matches!(st.advance, Uncertain::Range { .. })
                            || matches!(rate, Uncertain::Range { .. })
                        {
                            " (using the high ends of ranges)"
                        } else {
                            ""
                        };
                        c.fail(
                            &path,
                            format!(
                                "advance + drop is {}{ends}; it must be at most 1",
                                st.advance.upper() + rate.upper()
                            ),
                        );
                    }
                    DropSpec::Rate(drop)
                }
                StageDrop::Sbg { alpha, beta } => {
                    let alpha = c.param(&format!("{path}.drop.sbg.alpha"), alpha, Kind::Positive);
                    let beta = c.param(&format!("{path}.drop.sbg.beta"), beta, Kind::Positive);
                    let (a, b) = (alpha.mean(), beta.mean());
                    let first_hazard = a / (a + b);
                    if a > 0.0 && b > 0.0 && st.advance.upper() + first_hazard > 1.0 + 1e-12 {
                        c.fail(
                            &path,
                            format!(
                                "advance + alpha/(alpha+beta) is {}; it must be at most 1",
                                st.advance.upper() + first_hazard
                            ),
                        );
                    }
                    DropSpec::Sbg { alpha, beta }
                }
            };
            let handoff = match (owner, next.and_then(|j| s.stages.get(j))) {
                (Some(o), Some(next_stage)) => department_index
                    .get(next_stage.owner.as_str())
                    .and_then(|&o2| handoff_index.get(&(o, o2)).copied()),
                _ => None,
            };
            stages.push(StageSpec {
                phase: st.phase,
                owner: owner.unwrap_or(0),
                next,
                handoff,
                advance,
                drop,
                advocacy: c.param(&format!("{path}.advocacy"), st.advocacy, ADVOCACY),
                revenue_on_entry: c.param(
                    &format!("{path}.revenue_on_entry"),
                    st.revenue_on_entry,
                    AMOUNT,
                ),
                revenue_per_month: c.param(
                    &format!("{path}.revenue_per_month"),
                    st.revenue_per_month,
                    AMOUNT,
                ),
                cost_per_month: c.param(
                    &format!("{path}.cost_per_month"),
                    st.cost_per_month,
                    AMOUNT,
                ),
            });
        }

        let referral_entry = match &s.referral_entry {
            None => 0,
            Some(id) => match lookup(&mut c, &stage_index, "referral_entry", id, "stage") {
                Some(k) if s.stages[k].phase == Phase::Own => {
                    c.fail(
                        "referral_entry",
                        format!("{id:?} is an `own` stage; referrals enter a `buy` stage"),
                    );
                    k
                }
                Some(k) => k,
                None => 0,
            },
        };

        let mut initial = vec![0u64; n];
        let mut total_initial = 0u64;
        for (id, &count) in &s.initial {
            let path = format!("initial.{id}");
            if let Some(k) = lookup(&mut c, &stage_index, &path, id, "stage") {
                initial[k] = count;
            }
            total_initial = total_initial.saturating_add(count);
        }
        if total_initial as f64 > MAX_PEOPLE {
            c.fail(
                "initial",
                format!("{total_initial} people is above the limit of {MAX_PEOPLE}"),
            );
        }

        // Investment scenarios.
        if s.scenarios.len() > MAX_SCENARIOS {
            c.fail(
                "scenarios",
                format!(
                    "has {} scenarios; at most {MAX_SCENARIOS} are allowed",
                    s.scenarios.len()
                ),
            );
        }
        let mut names = HashMap::new();
        let mut scenarios = Vec::with_capacity(s.scenarios.len());
        for (i, sc) in s.scenarios.iter().enumerate() {
            let path = format!("scenarios[{i}]");
            c.text(&format!("{path}.name"), &sc.name, true);
            if sc.name.trim().eq_ignore_ascii_case("baseline") {
                c.fail(
                    format!("{path}.name"),
                    "\"Baseline\" is the name of the journey as given",
                );
            } else if names.insert(sc.name.trim(), i).is_some() {
                c.fail(
                    format!("{path}.name"),
                    format!("{:?} is used by another scenario", sc.name),
                );
            }
            if sc.investments.len() > MAX_INVESTMENTS {
                c.fail(
                    format!("{path}.investments"),
                    format!("at most {MAX_INVESTMENTS} investments"),
                );
            }
            let mut investments = Vec::with_capacity(sc.investments.len());
            for (j, inv) in sc.investments.iter().enumerate() {
                let path = format!("{path}.investments[{j}]");
                let target = match (&inv.department, &inv.handoff) {
                    (Some(d), None) => lookup(
                        &mut c,
                        &department_index,
                        &format!("{path}.department"),
                        d,
                        "department",
                    )
                    .map(Target::Department),
                    (None, Some(h)) => {
                        let from = department_index.get(h.from.as_str());
                        let to = department_index.get(h.to.as_str());
                        match (from, to) {
                            (Some(&f), Some(&t)) => match handoff_index.get(&(f, t)) {
                                Some(&k) => Some(Target::Handoff(k)),
                                None => {
                                    c.fail(
                                        format!("{path}.handoff"),
                                        format!(
                                            "{} → {} is not listed in `handoffs`",
                                            h.from, h.to
                                        ),
                                    );
                                    None
                                }
                            },
                            _ => {
                                c.fail(
                                    format!("{path}.handoff"),
                                    format!("{} → {} names an unknown department", h.from, h.to),
                                );
                                None
                            }
                        }
                    }
                    (Some(_), Some(_)) => {
                        c.fail(
                            &path,
                            "names both a department and a hand-off; an investment targets one",
                        );
                        None
                    }
                    (None, None) => {
                        c.fail(&path, "needs a `department` or a `handoff` to invest in");
                        None
                    }
                };
                let monthly_spend =
                    c.param(&format!("{path}.monthly_spend"), inv.monthly_spend, AMOUNT);
                let half_friction_spend = if inv.monthly_spend.upper() > 0.0 {
                    c.param(
                        &format!("{path}.half_friction_spend"),
                        inv.half_friction_spend,
                        Kind::Positive,
                    )
                } else {
                    c.param(
                        &format!("{path}.half_friction_spend"),
                        inv.half_friction_spend,
                        AMOUNT,
                    )
                };
                if !(1..=s.months.max(1)).contains(&inv.start_month) {
                    c.fail(
                        format!("{path}.start_month"),
                        format!(
                            "{} is not a month of the horizon (1 to {})",
                            inv.start_month, s.months
                        ),
                    );
                }
                if inv.ramp_months > MAX_MONTHS {
                    c.fail(
                        format!("{path}.ramp_months"),
                        format!("{} is above {MAX_MONTHS}", inv.ramp_months),
                    );
                }
                let one_off = c.param(&format!("{path}.one_off"), inv.one_off, AMOUNT);
                investments.push(InvestmentSpec {
                    target: target.unwrap_or(Target::Department(0)),
                    monthly_spend,
                    half_friction_spend,
                    start_month: inv.start_month,
                    ramp_months: inv.ramp_months,
                    one_off,
                });
            }
            scenarios.push(ScenarioSpec {
                name: sc.name.trim().to_string(),
                investments,
            });
        }

        c.finish()?;
        Ok(Journey {
            months: scenario.months,
            delta: math::powf(1.0 + scenario.discount_rate, -1.0 / 12.0),
            clv_horizon: scenario.clv_horizon_months,
            arrivals,
            referral_entry,
            first_own: first_own.expect("checked above"),
            department_friction,
            handoffs,
            stages,
            initial,
            scenarios,
            source: scenario,
        })
    }

    /// Reads and validates scenario JSON in one step.
    pub fn from_json(text: &str) -> Result<Journey, Problems> {
        Journey::new(Scenario::from_json(text)?)
    }
}

fn lookup(
    c: &mut Checker,
    index: &HashMap<&str, usize>,
    path: &str,
    id: &str,
    what: &str,
) -> Option<usize> {
    let found = index.get(id).copied();
    if found.is_none() {
        let meant = match shape::closest(id, index.keys().copied()) {
            Some(meant) => format!("; did you mean {meant:?}?"),
            None => String::new(),
        };
        c.fail(path, format!("{id:?} is not the id of a {what}{meant}"));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> serde_json::Value {
        serde_json::json!({
            "schema": 1, "name": "t", "months": 24,
            "departments": [{"id": "m", "friction": 0.1}, {"id": "o", "friction": 0.2}],
            "handoffs": [{"from": "m", "to": "o", "friction": 0.1}],
            "stages": [
                {"id": "need", "phase": "buy", "owner": "m", "advance": 0.4, "drop": 0.3},
                {"id": "use", "phase": "own", "owner": "o", "drop": {"sbg": {"alpha": 0.7, "beta": 3.8}}}
            ],
            "scenarios": [{"name": "fix", "investments": [
                {"department": "o", "monthly_spend": 1000, "half_friction_spend": {"low": 500, "high": 2000}}
            ]}]
        })
    }

    fn problems(v: serde_json::Value) -> Vec<String> {
        match Journey::from_json(&v.to_string()) {
            Ok(_) => vec![],
            Err(p) => p.iter().map(|p| p.to_string()).collect(),
        }
    }

    #[test]
    fn accepts_a_valid_journey() {
        let j = Journey::from_json(&base().to_string()).unwrap();
        assert_eq!(j.stages[0].handoff, Some(0));
        assert_eq!(j.stages[1].next, None);
        assert_eq!(j.first_own, 1);
        assert_eq!(j.variant_names(), ["Baseline", "fix"]);
        assert!(j.has_uncertain_values());
    }

    #[test]
    fn a_share_typed_as_a_percentage_says_how_to_write_it() {
        let mut v = base();
        v["discount_rate"] = 10.into();
        v["stages"][0]["advance"] = 45.into();
        v["stages"][0]["drop"] = serde_json::json!({"low": 10, "high": 30});
        v["departments"][0]["friction"] = 15.into();
        v["handoffs"][0]["friction"] = 0.2.into();
        let has_all = |v, expected: &[&str]| {
            let ps = problems(v);
            for e in expected {
                assert!(ps.contains(&e.to_string()), "{e} in {ps:?}");
            }
        };
        has_all(
            v,
            &[
                "discount_rate: 10 is not a yearly rate between 0 and 1: write 10% as 0.1",
                "stages[0].advance: 45 is not a probability in [0, 1]: write 45% as 0.45",
                "stages[0].drop: the range 10..30 is not a probability in [0, 1]: \
             write 10% to 30% as 0.1 to 0.3",
                "departments[0].friction: 15 is not a friction in [0, 1): write 15% as 0.15",
            ],
        );

        // No hint where a percentage would not make a valid share either,
        // or where a range is only partly out of bounds.
        let mut v = base();
        v["stages"][0]["advance"] = 150.into();
        v["stages"][0]["drop"] = serde_json::json!({"low": 0.2, "high": 45});
        v["departments"][0]["friction"] = 100.into();
        v["departments"][1]["friction"] = 1.into();
        has_all(
            v,
            &[
                "stages[0].advance: 150 is not a probability in [0, 1]",
                "stages[0].drop: the range 0.2..45 is not a probability in [0, 1]",
                "departments[0].friction: 100 is not a friction in [0, 1)",
                "departments[1].friction: 1 is not a friction in [0, 1)",
            ],
        );
    }

    #[test]
    fn reports_every_problem_with_its_path() {
        let mut v = base();
        v["months"] = 0.into();
        v["stages"][0]["advance"] = 1.5.into();
        v["stages"][0]["owner"] = "x".into();
        v["departments"][1]["friction"] = 1.0.into();
        v["scenarios"][0]["investments"][0]["department"] = "nope".into();
        let ps = problems(v);
        assert!(
            ps.contains(&"months: 0 is not between 1 and 600".to_string()),
            "{ps:?}"
        );
        assert!(
            ps.contains(
                &"stages[0].advance: 1.5 is not a probability in [0, 1]: write 1.5% as 0.015"
                    .to_string()
            ),
            "{ps:?}"
        );
        assert!(
            ps.iter().any(|p| p.starts_with("stages[0].owner: \"x\"")),
            "{ps:?}"
        );
        assert!(
            ps.iter().any(|p| p.starts_with("departments[1].friction")),
            "{ps:?}"
        );
        assert!(
            ps.iter()
                .any(|p| p.starts_with("scenarios[0].investments[0].department")),
            "{ps:?}"
        );
        assert!(
            ps.iter()
                .any(|p| p.starts_with("stages[0]: advance + drop")),
            "{ps:?}"
        );
    }

    #[test]
    fn advance_and_drop_over_one_mention_ranges_only_when_there_is_one() {
        let mut v = base();
        v["stages"][0]["advance"] = 0.8.into();
        assert_eq!(
            problems(v.clone()),
            ["stages[0]: advance + drop is 1.1; it must be at most 1"]
        );
        v["stages"][0]["drop"] = serde_json::json!({"low": 0.1, "high": 0.3});
        assert_eq!(
            problems(v),
            [
                "stages[0]: advance + drop is 1.1 (using the high ends of ranges); it must be at most 1"
            ]
        );
    }

    #[test]
    fn enforces_phase_order_and_links() {
        let mut v = base();
        v["stages"][1]["phase"] = "buy".into();
        assert!(problems(v).iter().any(|p| p.contains("at least one `own`")));
        let mut v = base();
        v["stages"][1]["advance"] = 0.1.into();
        assert!(
            problems(v)
                .iter()
                .any(|p| p.starts_with("stages[1].advance: the last stage"))
        );
        let mut v = base();
        v["stages"][1]["next"] = "need".into();
        assert!(
            problems(v)
                .iter()
                .any(|p| p.starts_with("stages[1].next") && p.contains("buy"))
        );
        let mut v = base();
        v["referral_entry"] = "use".into();
        assert!(problems(v).iter().any(|p| p.starts_with("referral_entry")));
    }

    #[test]
    fn a_misspelt_id_is_named_with_the_one_meant() {
        let mut v = base();
        v["stages"][0]["id"] = "needs".into();
        v["stages"][0]["owner"] = "x".into();
        v["referral_entry"] = "need".into();
        v["scenarios"][0]["investments"][0]["department"] = "0".into();
        assert_eq!(
            problems(v),
            [
                r#"stages[0].owner: "x" is not the id of a department"#,
                r#"referral_entry: "need" is not the id of a stage; did you mean "needs"?"#,
                r#"scenarios[0].investments[0].department: "0" is not the id of a department"#,
            ]
        );
        let mut v = base();
        v["stages"][1]["next"] = "uses".into();
        assert_eq!(
            problems(v),
            [r#"stages[1].next: "uses" is not the id of a stage; did you mean "use"?"#]
        );
    }

    #[test]
    fn checks_ranges_and_investments() {
        let mut v = base();
        v["stages"][0]["advance"] = serde_json::json!({"low": 0.5, "high": 0.2});
        v["scenarios"][0]["investments"][0]["half_friction_spend"] = 0.into();
        v["scenarios"][0]["investments"][0]["start_month"] = 25.into();
        v["scenarios"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({"name": "Baseline"}));
        let ps = problems(v);
        assert!(
            ps.iter()
                .any(|p| p.contains("low (0.5) is above high (0.2)")),
            "{ps:?}"
        );
        assert!(
            ps.iter()
                .any(|p| p.starts_with("scenarios[0].investments[0].half_friction_spend")),
            "{ps:?}"
        );
        assert!(
            ps.iter()
                .any(|p| p.starts_with("scenarios[0].investments[0].start_month")),
            "{ps:?}"
        );
        assert!(
            ps.iter().any(|p| p.starts_with("scenarios[1].name")),
            "{ps:?}"
        );
    }

    #[test]
    fn hand_off_investment_must_name_a_listed_hand_off() {
        let mut v = base();
        v["scenarios"][0]["investments"][0] =
            serde_json::json!({"handoff": {"from": "o", "to": "m"}, "one_off": 10});
        assert!(
            problems(v)
                .iter()
                .any(|p| p.contains("not listed in `handoffs`"))
        );
    }
}

//! Which inputs matter: a tornado of one outcome against every input, and
//! the expected value of perfect information (EVPI) of each uncertain input
//! for the choice between the scenarios. Everything runs in the exact
//! `expected` mode (docs/model.md, "Sensitivity and value of information"):
//! deterministic, and fast enough to redo on every edit.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::draw::{Drop, Spend, Values};
use crate::journey::{DropSpec, Journey, Target};
use crate::order::sort_descending_by;
use crate::param::Param;
use crate::scenario::Scenario;
use crate::uncertain::{StageDrop, Uncertain};
use crate::what_if::{self, AtMeans};

/// A point value moves by this share either way.
pub const POINT_SWING: f64 = 0.2;
/// Quantile bins of an uncertain input for its EVPI.
pub const EVPI_BINS: u32 = 20;

/// The outcome a tornado measures, in `expected` mode.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// NPV uplift (after investment costs) of the named scenario against
    /// the baseline.
    NpvUplift(String),
    /// The baseline's customer lifetime value.
    Clv,
    /// The baseline's 12-month retention.
    #[serde(rename = "retention_12m")]
    Retention12m,
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Measure::NpvUplift(name) => write!(f, "NPV uplift of {name:?}"),
            Measure::Clv => write!(f, "baseline CLV"),
            Measure::Retention12m => write!(f, "baseline 12-month retention"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SensitivityError {
    /// The measure names a scenario the journey does not have.
    UnknownScenario { name: String, known: Vec<String> },
}

impl fmt::Display for SensitivityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SensitivityError::UnknownScenario { name, known } if known.is_empty() => write!(
                f,
                "{name:?} is not a scenario: this journey has no investment scenarios"
            ),
            SensitivityError::UnknownScenario { name, known } => write!(
                f,
                "{name:?} is not a scenario; the scenarios are {}",
                known
                    .iter()
                    .map(|n| format!("{n:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

impl std::error::Error for SensitivityError {}

/// One bar of the tornado: the outcome with one input at its low and at
/// its high end, everything else at its mean.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TornadoRow {
    pub label: String,
    /// The input's field in the scenario file (`stages[3].advance`).
    pub path: String,
    /// Whether the input is a range (else a point value moved by ±20%).
    pub uncertain: bool,
    /// The input values used (after clamping probabilities).
    pub low: f64,
    pub high: f64,
    pub outcome_low: f64,
    pub outcome_high: f64,
    /// |outcome_high - outcome_low|.
    pub swing: f64,
}

/// An option of the decision and its expected NPV uplift.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DecisionOption {
    pub name: String,
    pub uplift_npv: f64,
}

/// The value of learning one uncertain input exactly before choosing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvpiRow {
    pub label: String,
    pub path: String,
    /// E[max over options] - max over options of E, in currency.
    pub evpi: f64,
    /// The best option without the information (largest mean over bins).
    pub best_now: String,
    /// Share of the input's bins in which another option is best.
    pub share_other_best: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sensitivity {
    pub measure: Measure,
    /// The outcome with every value at its mean (`expected` mode).
    pub base: f64,
    /// Sorted by swing, largest first.
    pub tornado: Vec<TornadoRow>,
    /// The baseline (do nothing, uplift 0) and every scenario, at the means.
    pub options: Vec<DecisionOption>,
    /// One row per uncertain input, largest EVPI first; empty without
    /// scenarios (there is nothing to choose).
    pub evpi: Vec<EvpiRow>,
}

/// Where an input lives in the engine's values.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Field {
    Arrivals,
    DepartmentFriction(usize),
    HandoffFriction(usize),
    Advance(usize),
    Drop(usize),
    SbgAlpha(usize),
    SbgBeta(usize),
    Advocacy(usize),
    RevenueOnEntry(usize),
    RevenuePerMonth(usize),
    CostPerMonth(usize),
    /// Scenario, investment.
    HalfFrictionSpend(usize, usize),
    MonthlySpend(usize, usize),
    OneOff(usize, usize),
}

impl Field {
    fn is_probability(self) -> bool {
        matches!(
            self,
            Field::DepartmentFriction(_)
                | Field::HandoffFriction(_)
                | Field::Advance(_)
                | Field::Drop(_)
        )
    }

    /// The scenario whose investments it belongs to, if any.
    fn scenario(self) -> Option<usize> {
        match self {
            Field::HalfFrictionSpend(j, _) | Field::MonthlySpend(j, _) | Field::OneOff(j, _) => {
                Some(j)
            }
            _ => None,
        }
    }
}

/// One input: as written, and its distribution.
struct Input {
    label: String,
    path: String,
    field: Field,
    written: Uncertain,
    param: Param,
}

/// Tornado and EVPI of `journey` for `measure`.
pub fn sensitivity(journey: &Journey, measure: &Measure) -> Result<Sensitivity, SensitivityError> {
    sensitivity_with_progress(journey, measure, |_| {})
}

/// [`sensitivity`], calling `progress` with the share of the work done
/// (counted in runs of the journey) before each input, and with 1 at the
/// end: on a large journey the analysis takes seconds to minutes.
pub fn sensitivity_with_progress(
    journey: &Journey,
    measure: &Measure,
    mut progress: impl FnMut(f64),
) -> Result<Sensitivity, SensitivityError> {
    let scenario = match measure {
        Measure::NpvUplift(name) => Some(scenario_index(journey, name)?),
        Measure::Clv | Measure::Retention12m => None,
    };
    let means = AtMeans::new(journey);
    let inputs = inputs(journey);
    let eval = |values: &Values, spends: &[Vec<Spend>]| match scenario {
        Some(j) => {
            let baseline = what_if::horizon(journey, values, &spends[0]);
            what_if::uplift(journey, values, &spends[j + 1], &baseline).0
        }
        None => {
            let (clv, retention) = what_if::lifetime_of(journey, values, &spends[0]);
            if *measure == Measure::Clv {
                clv
            } else {
                retention
            }
        }
    };
    let base = eval(&means.values, &means.spends);

    // The runs of the journey each part takes, for the progress.
    let in_tornado = |i: &&Input| i.field.scenario().is_none() || i.field.scenario() == scenario;
    let runs_per_point = if scenario.is_some() { 2 } else { 1 };
    let evpi_runs = |input: &Input| match input.field.scenario() {
        Some(_) => EVPI_BINS,
        None => EVPI_BINS * (1 + journey.scenarios.len() as u32),
    };
    let with_evpi = !journey.scenarios.is_empty();
    let total = f64::from(
        inputs.iter().filter(in_tornado).count() as u32 * 2 * runs_per_point
            + inputs
                .iter()
                .filter(|i| with_evpi && i.param.is_uncertain())
                .map(evpi_runs)
                .sum::<u32>(),
    );
    let mut done = 0u32;
    let mut progress_then = |runs: u32| {
        progress(f64::from(done) / total);
        done += runs;
    };

    let mut tornado: Vec<TornadoRow> = inputs
        .iter()
        // A scenario's investments move only that scenario's outcome.
        .filter(in_tornado)
        .filter_map(|input| {
            progress_then(2 * runs_per_point);
            let (low, high) = match input.written {
                Uncertain::Range { low, high } => (low, high),
                Uncertain::Point(x) => (x * (1.0 - POINT_SWING), x * (1.0 + POINT_SWING)),
            };
            if low == high {
                return None;
            }
            let at = |x: f64| {
                let (mut values, mut spends) = (means.values.clone(), means.spends.clone());
                let used = set(input.field, x, &mut values, &mut spends);
                (used, eval(&values, &spends))
            };
            let (low, outcome_low) = at(low);
            let (high, outcome_high) = at(high);
            Some(TornadoRow {
                label: input.label.clone(),
                path: input.path.clone(),
                uncertain: matches!(input.written, Uncertain::Range { .. }),
                low,
                high,
                outcome_low,
                outcome_high,
                swing: (outcome_high - outcome_low).abs(),
            })
        })
        .collect();
    // Stable: equal swings keep the document's order.
    sort_descending_by(&mut tornado, |bar| bar.swing);

    let names = journey.variant_names();
    let option_values = |values: &Values, spends: &[Vec<Spend>]| -> Vec<f64> {
        let baseline = what_if::horizon(journey, values, &spends[0]);
        std::iter::once(0.0)
            .chain(
                spends[1..]
                    .iter()
                    .map(|s| what_if::uplift(journey, values, s, &baseline).0),
            )
            .collect()
    };
    let at_means = option_values(&means.values, &means.spends);
    let baseline_at_means = what_if::horizon(journey, &means.values, &means.spends[0]);
    let options = names
        .iter()
        .zip(at_means.iter().copied())
        .map(|(name, uplift_npv)| DecisionOption {
            name: name.clone(),
            uplift_npv,
        })
        .collect();

    let mut evpi: Vec<EvpiRow> = if !with_evpi {
        Vec::new()
    } else {
        inputs
            .iter()
            .filter(|i| i.param.is_uncertain())
            .map(|input| {
                progress_then(evpi_runs(input));
                let by_bin: Vec<Vec<f64>> = (0..EVPI_BINS)
                    .map(|b| {
                        let q = (f64::from(b) + 0.5) / f64::from(EVPI_BINS);
                        let (mut values, mut spends) = (means.values.clone(), means.spends.clone());
                        set(
                            input.field,
                            input.param.quantile(q),
                            &mut values,
                            &mut spends,
                        );
                        match input.field.scenario() {
                            // Only that scenario's uplift can change.
                            Some(j) => {
                                let mut v = at_means.clone();
                                v[j + 1] = what_if::uplift(
                                    journey,
                                    &values,
                                    &spends[j + 1],
                                    &baseline_at_means,
                                )
                                .0;
                                v
                            }
                            None => option_values(&values, &spends),
                        }
                    })
                    .collect();
                let (evpi, best_now, share_other_best) = value_of_information(&by_bin);
                EvpiRow {
                    label: input.label.clone(),
                    path: input.path.clone(),
                    evpi,
                    best_now: names[best_now].clone(),
                    share_other_best,
                }
            })
            .collect()
    };
    sort_descending_by(&mut evpi, |value| value.evpi);
    progress(1.0);

    Ok(Sensitivity {
        measure: measure.clone(),
        base,
        tornado,
        options,
        evpi,
    })
}

/// From each bin's option values (equally likely bins): EVPI = mean of the
/// best value per bin - the best mean value, the option with the best mean,
/// and the share of bins whose best option is another one. Both means sum
/// in the same order, so an option that is best in every bin gives exactly 0.
fn value_of_information(by_bin: &[Vec<f64>]) -> (f64, usize, f64) {
    let bins = by_bin.len() as f64;
    let options = by_bin.first().map_or(0, Vec::len);
    let mean = |f: &dyn Fn(&[f64]) -> f64| by_bin.iter().map(|v| f(v)).sum::<f64>() / bins;
    let best_in = |v: &[f64]| {
        (0..v.len())
            .max_by(|&a, &b| v[a].total_cmp(&v[b]).then(b.cmp(&a)))
            .unwrap_or(0)
    };
    let option_means: Vec<f64> = (0..options).map(|o| mean(&|v| v[o])).collect();
    let best_now = best_in(&option_means);
    let with_information = mean(&|v| v[best_in(v)]);
    let others = by_bin.iter().filter(|v| best_in(v) != best_now).count() as f64;
    (
        (with_information - option_means[best_now]).max(0.0),
        best_now,
        others / bins,
    )
}

fn scenario_index(journey: &Journey, name: &str) -> Result<usize, SensitivityError> {
    journey
        .scenarios
        .iter()
        .position(|s| s.name == name.trim())
        .ok_or_else(|| SensitivityError::UnknownScenario {
            name: name.to_string(),
            known: journey.scenarios.iter().map(|s| s.name.clone()).collect(),
        })
}

/// Sets one input and returns the value used: probabilities stay in
/// [0, 1] and a stage's advance + drop at most 1 (the moved one gives way),
/// amounts at least 0.
fn set(field: Field, x: f64, values: &mut Values, spends: &mut [Vec<Spend>]) -> f64 {
    let x = if field.is_probability() {
        x.clamp(0.0, 1.0)
    } else {
        x.max(0.0)
    };
    match field {
        Field::Arrivals => values.arrivals = x,
        Field::DepartmentFriction(d) => values.department_friction[d] = x,
        Field::HandoffFriction(h) => values.handoff_friction[h] = x,
        Field::Advance(k) => {
            let s = &mut values.stages[k];
            let x = match s.drop {
                Drop::Rate(d) => x.min(1.0 - d),
                Drop::Sbg { .. } => x,
            };
            s.advance = x;
            return x;
        }
        Field::Drop(k) => {
            let s = &mut values.stages[k];
            let x = x.min(1.0 - s.advance);
            s.drop = Drop::Rate(x);
            return x;
        }
        Field::SbgAlpha(k) | Field::SbgBeta(k) => {
            if let Drop::Sbg { alpha, beta } = &mut values.stages[k].drop {
                *(if matches!(field, Field::SbgAlpha(_)) {
                    alpha
                } else {
                    beta
                }) = x;
            }
        }
        Field::Advocacy(k) => values.stages[k].advocacy = x,
        Field::RevenueOnEntry(k) => values.stages[k].revenue_on_entry = x,
        Field::RevenuePerMonth(k) => values.stages[k].revenue_per_month = x,
        Field::CostPerMonth(k) => values.stages[k].cost_per_month = x,
        Field::HalfFrictionSpend(j, i) => spends[j + 1][i].half_friction_spend = x,
        Field::MonthlySpend(j, i) => spends[j + 1][i].monthly_spend = x,
        Field::OneOff(j, i) => spends[j + 1][i].one_off = x,
    }
    x
}

/// Every input in document order: arrivals, frictions, stage values, and
/// each investment's half-friction spend (and its spend when a range).
fn inputs(journey: &Journey) -> Vec<Input> {
    let s: &Scenario = journey.scenario();
    let department = |d: usize| display_name(&s.departments[d].name, &s.departments[d].id);
    let mut out = Vec::new();
    let mut push = |label: String, path: String, field: Field, written: Uncertain, param: Param| {
        out.push(Input {
            label,
            path,
            field,
            written,
            param,
        });
    };
    push(
        "Arrivals per month".into(),
        "arrivals_per_month".into(),
        Field::Arrivals,
        s.arrivals_per_month,
        journey.arrivals,
    );
    for (d, dep) in s.departments.iter().enumerate() {
        push(
            format!("{} friction", department(d)),
            format!("departments[{d}].friction"),
            Field::DepartmentFriction(d),
            dep.friction,
            journey.department_friction[d],
        );
    }
    let by_id = |id: &str| -> String {
        s.departments
            .iter()
            .find(|d| d.id == id)
            .map_or(id, |d| display_name(&d.name, &d.id))
            .to_string()
    };
    for (h, handoff) in s.handoffs.iter().enumerate() {
        push(
            format!(
                "{} → {} hand-off friction",
                by_id(&handoff.from),
                by_id(&handoff.to)
            ),
            format!("handoffs[{h}].friction"),
            Field::HandoffFriction(h),
            handoff.friction,
            journey.handoffs[h].friction,
        );
    }
    for (k, (stage, spec)) in s.stages.iter().zip(&journey.stages).enumerate() {
        let name = display_name(&stage.name, &stage.id);
        let path = |field: &str| format!("stages[{k}].{field}");
        push(
            format!("{name}: advance"),
            path("advance"),
            Field::Advance(k),
            stage.advance,
            spec.advance,
        );
        match (stage.drop, spec.drop) {
            (StageDrop::Rate(written), DropSpec::Rate(param)) => push(
                format!("{name}: drop"),
                path("drop"),
                Field::Drop(k),
                written,
                param,
            ),
            (
                StageDrop::Sbg { alpha, beta },
                DropSpec::Sbg {
                    alpha: pa,
                    beta: pb,
                },
            ) => {
                push(
                    format!("{name}: churn alpha (sBG)"),
                    path("drop.sbg.alpha"),
                    Field::SbgAlpha(k),
                    alpha,
                    pa,
                );
                push(
                    format!("{name}: churn beta (sBG)"),
                    path("drop.sbg.beta"),
                    Field::SbgBeta(k),
                    beta,
                    pb,
                );
            }
            _ => {}
        }
        for (field, label, key, written, param) in [
            (
                Field::Advocacy(k),
                "advocacy",
                "advocacy",
                stage.advocacy,
                spec.advocacy,
            ),
            (
                Field::RevenueOnEntry(k),
                "revenue on entry",
                "revenue_on_entry",
                stage.revenue_on_entry,
                spec.revenue_on_entry,
            ),
            (
                Field::RevenuePerMonth(k),
                "revenue per month",
                "revenue_per_month",
                stage.revenue_per_month,
                spec.revenue_per_month,
            ),
            (
                Field::CostPerMonth(k),
                "cost per month",
                "cost_per_month",
                stage.cost_per_month,
                spec.cost_per_month,
            ),
        ] {
            push(format!("{name}: {label}"), path(key), field, written, param);
        }
    }
    for (j, (sc, spec)) in s.scenarios.iter().zip(&journey.scenarios).enumerate() {
        for (i, (inv, ispec)) in sc.investments.iter().zip(&spec.investments).enumerate() {
            let place = match ispec.target {
                Target::Department(d) => department(d).to_string(),
                Target::Handoff(h) => format!(
                    "{} → {} hand-off",
                    by_id(&s.handoffs[h].from),
                    by_id(&s.handoffs[h].to)
                ),
            };
            let path = |field: &str| format!("scenarios[{j}].investments[{i}].{field}");
            push(
                format!("{}: {place} half-friction spend", spec.name),
                path("half_friction_spend"),
                Field::HalfFrictionSpend(j, i),
                inv.half_friction_spend,
                ispec.half_friction_spend,
            );
            // Spend the user chose is a decision, not an input, unless
            // written as a range.
            for (field, label, key, written, param) in [
                (
                    Field::MonthlySpend(j, i),
                    "monthly spend",
                    "monthly_spend",
                    inv.monthly_spend,
                    ispec.monthly_spend,
                ),
                (
                    Field::OneOff(j, i),
                    "one-off cost",
                    "one_off",
                    inv.one_off,
                    ispec.one_off,
                ),
            ] {
                if matches!(written, Uncertain::Range { .. }) {
                    push(
                        format!("{}: {place} {label}", spec.name),
                        path(key),
                        field,
                        written,
                        param,
                    );
                }
            }
        }
    }
    out
}

fn display_name<'a>(name: &'a str, id: &'a str) -> &'a str {
    if name.trim().is_empty() { id } else { name }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_of_information_is_the_gain_from_choosing_per_bin() {
        // Option 1 wins in the first bin by 10, option 0 in the second by 4.
        let (evpi, best, share) = value_of_information(&[vec![0.0, 10.0], vec![0.0, -4.0]]);
        // E[max] = (10 + 0)/2 = 5; max E = max(0, 3) = 3.
        assert_eq!((evpi, best, share), (2.0, 1, 0.5));
        let (evpi, best, share) = value_of_information(&[vec![0.0, 1.0], vec![0.0, 3.0]]);
        assert_eq!((evpi, best, share), (0.0, 1, 0.0));
        // Ties go to the earlier option (doing nothing first).
        assert_eq!(value_of_information(&[vec![0.0, 0.0]]).1, 0);
    }
}

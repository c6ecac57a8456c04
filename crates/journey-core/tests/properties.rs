//! Invariants that hold for every valid journey (MODEL.md §6, §7): people
//! are conserved, zero friction and zero investment make scenarios equal
//! the baseline, any split of trials gives the same results, and no input
//! makes validation or the engine panic.

use journey_core::{Journey, Partial, Scenario, run_trials};
use proptest::prelude::*;
use serde_json::{Value, json};

/// A probability pair (advance, drop) with advance + drop <= 1.
fn rates() -> impl Strategy<Value = (f64, f64)> {
    (0.0..=1.0f64, 0.0..=1.0f64).prop_map(|(a, share)| (a, (1.0 - a) * share))
}

fn maybe_range(x: f64, uncertain: bool, width: f64, max: f64) -> Value {
    if uncertain && x > 0.0 {
        let low = (x * (1.0 - width)).max(x * 0.01);
        let high = (x * (1.0 + width)).min(max);
        json!({"low": low, "high": high.max(low)})
    } else {
        json!(x)
    }
}

prop_compose! {
    fn stage(i: usize, own: bool, departments: usize, sbg: bool, uncertain: bool)
        ((advance, drop) in rates(), owner in 0..departments, advocacy in 0.0..0.3f64,
         roe in 0.0..200.0f64, rpm in 0.0..50.0f64, cpm in 0.0..20.0f64,
         alpha in 0.2..3.0f64, beta in 0.5..6.0f64)
        -> Value
    {
        let mut s = json!({
            "id": format!("s{i}"), "phase": if own { "own" } else { "buy" },
            "owner": format!("d{owner}"),
            "advocacy": if own { maybe_range(advocacy, uncertain, 0.5, 10.0) } else { json!(0) },
            "revenue_on_entry": maybe_range(roe, uncertain, 0.3, 1e12),
            "revenue_per_month": rpm, "cost_per_month": cpm,
        });
        if own && sbg {
            // Keep advance + alpha/(alpha+beta) <= 1.
            let hazard = alpha / (alpha + beta);
            s["advance"] = json!(advance.min(1.0 - hazard));
            s["drop"] = json!({"sbg": {"alpha": maybe_range(alpha, uncertain, 0.3, 1e12), "beta": beta}});
        } else {
            s["advance"] = json!(advance);
            s["drop"] = json!(drop);
        }
        s
    }
}

prop_compose! {
    /// A valid journey of 1-3 buy and 1-3 own stages, 1-3 departments, with
    /// friction, hand-offs, loops, sBG stages and two investment scenarios.
    fn journey_json()
        (buy in 1usize..=3, own in 1usize..=3, departments in 1usize..=3,
         months in 1u32..=14, uncertain in any::<bool>(), sbg in any::<bool>())
        (stages in (0..buy + own).map(|i| stage(i, i >= buy, departments, sbg && i == buy, uncertain))
             .collect::<Vec<_>>(),
         frictions in proptest::collection::vec(0.0..0.9f64, departments),
         handoff_friction in 0.0..0.9f64,
         loop_back in any::<bool>(),
         arrivals in 0.0..300.0f64,
         initial in 0u64..500,
         spend in 0.0..5000.0f64, half in 100.0..5000.0f64, start in 1u32..=14, ramp in 0u32..4,
         one_off in 0.0..20000.0f64,
         buy in Just(buy), own in Just(own), departments in Just(departments), months in Just(months),
         uncertain in Just(uncertain))
        -> Value
    {
        let mut stages = stages;
        let n = buy + own;
        // The last stage leads back to the first own stage, or stops.
        if loop_back && own > 1 {
            stages[n - 1]["next"] = json!(format!("s{buy}"));
        } else {
            stages[n - 1]["advance"] = json!(0);
        }
        let departments_json: Vec<Value> = (0..departments)
            .map(|d| json!({"id": format!("d{d}"), "friction": maybe_range(frictions[d], uncertain, 0.3, 0.99)}))
            .collect();
        let handoffs = if departments > 1 {
            json!([{"from": "d0", "to": "d1", "friction": handoff_friction}])
        } else {
            json!([])
        };
        let handoff_investment = if departments > 1 {
            json!({"handoff": {"from": "d0", "to": "d1"}, "one_off": one_off, "monthly_spend": spend, "half_friction_spend": half})
        } else {
            json!({"department": "d0", "one_off": one_off})
        };
        json!({
            "schema": 1, "name": "generated", "months": months,
            "arrivals_per_month": maybe_range(arrivals, uncertain, 0.3, 1e9),
            "departments": departments_json, "handoffs": handoffs, "stages": stages,
            "initial": {"s0": initial, format!("s{buy}"): initial / 2},
            "scenarios": [
                {"name": "department", "investments": [{"department": "d0", "monthly_spend": spend,
                  "half_friction_spend": maybe_range(half, uncertain, 0.5, 1e12),
                  "start_month": start.min(months), "ramp_months": ramp}]},
                {"name": "hand-off", "investments": [handoff_investment]}
            ]
        })
    }
}

fn build(v: &Value) -> Journey {
    Journey::from_json(&v.to_string()).unwrap_or_else(|p| panic!("{p}\n{v:#}"))
}

/// People who entered a variant's stages from outside the journey
/// (arrivals and referrals): entries not coming from another stage.
fn inflow<V, S>(r: &journey_core::VariantReport<V, S>) -> f64 {
    let sum = |f: fn(&journey_core::StageFlow) -> f64| r.stages.iter().map(f).sum::<f64>();
    sum(|s| s.entered) - sum(|s| s.advanced)
}

fn report_json(journey: &Journey, partial: &Partial) -> String {
    serde_json::to_string(&partial.report(journey, 7)).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn people_are_conserved_every_month(v in journey_json(), trial in 0u32..1000) {
        let total_months = v["months"].as_u64().unwrap() as u32;
        let initial: f64 = v["initial"].as_object().unwrap().values().map(|x| x.as_f64().unwrap()).sum();
        for months in 1..=total_months {
            let mut v = v.clone();
            v["months"] = json!(months);
            for s in v["scenarios"].as_array_mut().unwrap() {
                for i in s["investments"].as_array_mut().unwrap() {
                    if let Some(start) = i["start_month"].as_u64() {
                        i["start_month"] = json!(start.min(u64::from(months)));
                    }
                }
            }
            let j = build(&v);
            // One trial: report means are that trial's exact counts.
            let report = run_trials(&j, 11, trial..trial + 1).report(&j, 11);
            for r in &report.results {
                let sum = |f: fn(&journey_core::StageFlow) -> f64| r.stages.iter().map(f).sum::<f64>();
                let inflow = inflow(r);
                prop_assert_eq!(initial + inflow, sum(|s| s.end) + sum(|s| s.dropped),
                    "{} month {}", r.name, months);
                prop_assert_eq!(r.summary.active_customers_end.mean,
                    r.monthly.active_customers.mean[months as usize - 1]);
                // Referrals are part of that inflow, the rest being arrivals.
                prop_assert!(r.summary.referrals.mean <= inflow, "{} month {}", r.name, months);
            }
        }
        // Without arrivals, everyone entering from outside is a referral:
        // the reported count is neither short nor padded.
        let mut v = v;
        v["arrivals_per_month"] = json!(0);
        let j = build(&v);
        let report = run_trials(&j, 11, trial..trial + 1).report(&j, 11);
        for r in &report.results {
            prop_assert_eq!(r.summary.referrals.mean, inflow(r), "{}", r.name);
        }
    }

    #[test]
    fn zero_friction_and_investment_change_nothing(v in journey_json()) {
        let mut v = v;
        for d in v["departments"].as_array_mut().unwrap() {
            d["friction"] = json!(0);
        }
        for h in v["handoffs"].as_array_mut().unwrap() {
            h["friction"] = json!(0);
        }
        for s in v["scenarios"].as_array_mut().unwrap() {
            for i in s["investments"].as_array_mut().unwrap() {
                i["monthly_spend"] = json!(0);
                i["one_off"] = json!(0);
            }
        }
        let j = build(&v);
        let partial = run_trials(&j, 5, 0..6);
        for variant in 1..j.variant_count() {
            for key in 0..journey_core::OUTCOME_KEYS {
                let base: Vec<u64> = partial.values(0, key).map(f64::to_bits).collect();
                let other: Vec<u64> = partial.values(variant, key).map(f64::to_bits).collect();
                prop_assert_eq!(&base, &other, "variant {} key {}", variant, journey_core::KEYS[key]);
            }
        }
        let report = partial.report(&j, 5);
        for r in &report.results[1..] {
            let mut monthly = r.monthly.clone();
            // The one series the baseline lacks: zero in every trial and month.
            let uplift = monthly.cumulative_uplift_npv.take().expect("a scenario's uplift");
            for values in [&uplift.mean, &uplift.p05, &uplift.p50, &uplift.p95] {
                prop_assert_eq!(values.len(), v["months"].as_u64().unwrap() as usize);
                prop_assert!(values.iter().all(|&x| x == 0.0), "{:?}", values);
            }
            prop_assert_eq!(&monthly, &report.results[0].monthly);
            prop_assert_eq!(&r.stages, &report.results[0].stages);
        }
    }

    #[test]
    fn any_split_of_trials_gives_identical_results(
        v in journey_json(),
        cuts in proptest::collection::vec(1u32..40, 0..5),
        reverse in any::<bool>(),
    ) {
        let j = build(&v);
        let whole = run_trials(&j, 99, 0..40);
        let mut points: Vec<u32> = cuts;
        points.extend([0, 40]);
        points.sort_unstable();
        points.dedup();
        let mut parts: Vec<Partial> = points.windows(2).map(|w| run_trials(&j, 99, w[0]..w[1])).collect();
        if reverse {
            parts.reverse();
        }
        let mut merged = Partial::default();
        for p in parts {
            merged.merge(p);
        }
        prop_assert_eq!(report_json(&j, &whole), report_json(&j, &merged));
    }

    #[test]
    fn scenario_json_round_trips(v in journey_json()) {
        let s = Scenario::from_json(&v.to_string()).unwrap();
        let again = Scenario::from_json(&s.to_json_pretty()).unwrap();
        prop_assert_eq!(s, again);
    }
}

/// Arbitrary JSON: validation answers every document without panicking.
fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>()
            .prop_filter("finite", |x| x.is_finite())
            .prop_map(|x| json!(x)),
        any::<i64>().prop_map(|x| json!(x)),
        "[a-z_]{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(
                prop_oneof![
                    Just("schema".to_string()),
                    Just("months".to_string()),
                    Just("stages".to_string()),
                    Just("departments".to_string()),
                    Just("advance".to_string()),
                    Just("drop".to_string()),
                    Just("sbg".to_string()),
                    Just("low".to_string()),
                    Just("high".to_string()),
                    "[a-z]{1,6}"
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A valid journey with one field replaced by something arbitrary.
fn mutated_journey() -> impl Strategy<Value = Value> {
    (journey_json(), arbitrary_json(), 0usize..64, any::<bool>()).prop_map(
        |(mut v, junk, pick, remove)| {
            let mut paths = Vec::new();
            collect_paths(&v, &mut Vec::new(), &mut paths);
            let path = &paths[pick % paths.len()];
            set_path(&mut v, path, junk, remove);
            v
        },
    )
}

fn collect_paths(v: &Value, prefix: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    out.push(prefix.clone());
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                prefix.push(json!(k));
                collect_paths(child, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                prefix.push(json!(i));
                collect_paths(child, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

fn set_path(v: &mut Value, path: &[Value], junk: Value, remove: bool) {
    let Some((last, parents)) = path.split_last() else {
        *v = junk;
        return;
    };
    let mut node = v;
    for p in parents {
        node = match p {
            Value::String(k) => &mut node[k.as_str()],
            _ => &mut node[p.as_u64().unwrap() as usize],
        };
    }
    match (node, last) {
        (Value::Object(m), Value::String(k)) if remove => {
            m.remove(k);
        }
        (Value::Array(a), Value::Number(i)) if remove => {
            a.remove(i.as_u64().unwrap() as usize);
        }
        (node, Value::String(k)) => node[k.as_str()] = junk,
        (node, i) => node[i.as_u64().unwrap() as usize] = junk,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn validation_never_panics_on_arbitrary_json(v in arbitrary_json()) {
        let _ = Journey::from_json(&v.to_string());
    }

    #[test]
    fn mutated_journeys_are_rejected_or_run(v in mutated_journey()) {
        if let Ok(j) = Journey::from_json(&v.to_string()) {
            // Whatever validation accepts, the engine runs.
            let partial = run_trials(&j, 1, 0..2);
            let _ = partial.report(&j, 1);
            let _ = journey_core::expected(&j);
        }
    }

    #[test]
    fn every_shape_problem_is_named_by_its_field(v in mutated_journey()) {
        let read = Scenario::from_json(&v.to_string());
        if serde_json::from_value::<Scenario>(v).is_ok() {
            // The field-by-field reader is no stricter than serde, but for
            // one rule: an object is never read from a list.
            if let Err(problems) = read {
                prop_assert!(
                    problems.iter().all(|p| p.message == "expected an object, not a list"),
                    "{}",
                    problems
                );
            }
        } else {
            // Nor looser: whatever serde refuses, the reader names by its
            // fields, never leaving it to serde's first message.
            let problems = read.unwrap_err();
            prop_assert!(
                problems.iter().all(|p| !p.message.contains("(line ")),
                "{}",
                problems
            );
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let _ = Journey::from_json(&text);
    }
}

//! Sensitivity, value of information and the budget optimizer on journeys
//! whose answers are known: signs of effects that can only go one way, EVPI
//! bounds, and the optimizer against exhaustive search.

use journey_core::optimize::{Options, optimize};
use journey_core::sensitivity::{
    Measure, Sensitivity, TornadoRow, sensitivity, sensitivity_with_progress,
};
use journey_core::{InvestmentScenario, Journey, Scenario, expected};
use serde_json::json;

/// Two departments and a hand-off, a buy stage, an onboarding stage and an
/// sBG-churning use stage; one scenario investing in care.
fn journey_json() -> serde_json::Value {
    json!({
      "schema": 1, "months": 36, "arrivals_per_month": {"low": 800, "high": 1200},
      "departments": [
        {"id": "sales", "name": "Sales", "friction": {"low": 0.1, "high": 0.3}},
        {"id": "care", "name": "Care", "friction": 0.2}
      ],
      "handoffs": [{"from": "sales", "to": "care", "friction": 0.15}],
      "stages": [
        {"id": "consider", "phase": "buy", "owner": "sales", "advance": 0.3, "drop": 0.3},
        {"id": "onboard", "phase": "own", "owner": "care", "advance": 0.6, "drop": 0.1,
         "revenue_on_entry": 40, "revenue_per_month": 10},
        {"id": "use", "phase": "own", "owner": "care",
         "drop": {"sbg": {"alpha": {"low": 0.5, "high": 1.0}, "beta": 3.8}},
         "revenue_per_month": {"low": 20, "high": 30}, "cost_per_month": 8,
         "advocacy": 0.02}
      ],
      "initial": {"use": 300},
      "scenarios": [
        {"name": "Care training", "investments": [{"department": "care",
          "monthly_spend": 2000, "half_friction_spend": {"low": 1000, "high": 8000}}]},
        {"name": "Sales coaching", "investments": [{"department": "sales",
          "monthly_spend": 3000, "half_friction_spend": 6000}]}
      ]
    })
}

fn journey_from(value: &serde_json::Value) -> Journey {
    Journey::from_json(&value.to_string()).unwrap()
}

fn row<'a>(s: &'a Sensitivity, path: &str) -> &'a TornadoRow {
    s.tornado
        .iter()
        .find(|r| r.path == path)
        .unwrap_or_else(|| panic!("no row {path}"))
}

/// Asserts that moving the input from low to high moves the outcome up
/// (`up`) or down.
fn assert_direction(s: &Sensitivity, path: &str, up: bool) {
    let r = row(s, path);
    assert!(r.low < r.high, "{path}: {r:?}");
    let rises = r.outcome_high > r.outcome_low;
    assert_eq!(rises, up, "{} on {path}: {r:?}", s.measure);
    assert!(r.swing > 0.0, "{path}");
}

#[test]
fn signs_of_known_effects() {
    let j = journey_from(&journey_json());
    let npv = sensitivity(&j, &Measure::NpvUplift("Sales coaching".into())).unwrap();
    // More prospects: more people for a better sales process to convert.
    assert_direction(&npv, "arrivals_per_month", true);
    // A larger half-friction spend is a less effective investment.
    assert_direction(
        &npv,
        "scenarios[1].investments[0].half_friction_spend",
        false,
    );
    // Another scenario's investment does not move this one.
    assert!(
        npv.tornado
            .iter()
            .all(|r| !r.path.starts_with("scenarios[0]"))
    );

    let care = sensitivity(&j, &Measure::NpvUplift("Care training".into())).unwrap();
    assert_direction(
        &care,
        "scenarios[0].investments[0].half_friction_spend",
        false,
    );
    assert_direction(&care, "arrivals_per_month", true);

    let clv = sensitivity(&j, &Measure::Clv).unwrap();
    // Friction in onboarding turns advances into losses.
    assert_direction(&clv, "departments[1].friction", false);
    assert_direction(&clv, "stages[2].revenue_per_month", true);
    assert_direction(&clv, "stages[2].cost_per_month", false);
    assert_direction(&clv, "stages[1].drop", false);
    // CLV starts at the first own stage: the buy phase cannot move it.
    assert_eq!(row(&clv, "arrivals_per_month").swing, 0.0);
    assert_eq!(row(&clv, "departments[0].friction").swing, 0.0);

    let retention = sensitivity(&j, &Measure::Retention12m).unwrap();
    assert_direction(&retention, "stages[1].drop", false);
    // sBG: a larger alpha is a higher hazard, a larger beta a lower one.
    assert_direction(&retention, "stages[2].drop.sbg.alpha", false);
    assert_direction(&retention, "stages[2].drop.sbg.beta", true);
}

#[test]
fn tornado_is_sorted_and_anchored_on_the_expected_report() {
    let j = journey_from(&journey_json());
    let report = expected(&j);
    let s = sensitivity(&j, &Measure::NpvUplift("Care training".into())).unwrap();
    let uplift = report.results[1].uplift.as_ref().unwrap().uplift_npv;
    assert_eq!(s.base.to_bits(), uplift.to_bits());
    assert!(s.tornado.windows(2).all(|w| w[0].swing >= w[1].swing));
    assert_eq!(s.options[0].name, "Baseline");
    assert_eq!(s.options[0].uplift_npv, 0.0);
    assert_eq!(s.options[1].uplift_npv.to_bits(), uplift.to_bits());

    let clv = sensitivity(&j, &Measure::Clv).unwrap();
    assert_eq!(clv.base.to_bits(), report.results[0].summary.clv.to_bits());
    // A point value moves ±20%; a range goes to its written ends.
    let arrivals = row(&clv, "arrivals_per_month");
    assert_eq!((arrivals.low, arrivals.high), (800.0, 1200.0));
    assert!(arrivals.uncertain);
    let care = row(&clv, "departments[1].friction");
    assert!((care.low - 0.16).abs() < 1e-12 && (care.high - 0.24).abs() < 1e-12);
    assert!(!care.uncertain);
    // Zero values have nothing to move.
    assert!(clv.tornado.iter().all(|r| r.path != "stages[0].advocacy"));
}

#[test]
fn progress_rises_to_one_in_runs_of_the_journey_and_changes_nothing() {
    let j = journey_from(&journey_json());
    for measure in [Measure::NpvUplift("Care training".into()), Measure::Clv] {
        let mut shares = Vec::new();
        let with = sensitivity_with_progress(&j, &measure, |share| shares.push(share)).unwrap();
        let without = sensitivity(&j, &measure).unwrap();
        assert_eq!(
            serde_json::to_string(&with).unwrap(),
            serde_json::to_string(&without).unwrap()
        );
        assert_eq!(shares.first(), Some(&0.0), "{measure:?}");
        assert_eq!(shares.last(), Some(&1.0), "{measure:?}");
        assert!(shares.windows(2).all(|w| w[0] <= w[1]), "{shares:?}");
        // One call per input of each part, and the last before the end is
        // short of it.
        let inputs = with.tornado.len() + with.evpi.len();
        assert!(
            shares.len() > inputs,
            "{} calls, {inputs} rows",
            shares.len()
        );
        assert!(shares[shares.len() - 2] < 1.0);
        // Each EVPI input takes 20 runs per option, a tornado input 2 or 4:
        // the tornado is a small share of the work.
        let tornado_share = shares[with.tornado.len()];
        assert!(
            tornado_share > 0.0 && tornado_share < 0.2,
            "{tornado_share}"
        );
    }
}

#[test]
fn probabilities_are_clamped() {
    let mut v = journey_json();
    v["stages"][1]["advance"] = json!(0.85);
    v["stages"][1]["drop"] = json!(0.1);
    let j = journey_from(&v);
    let s = sensitivity(&j, &Measure::Clv).unwrap();
    // +20% of 0.85 would give advance + drop above 1: advance gives way.
    assert!((row(&s, "stages[1].advance").high - 0.9).abs() < 1e-12);
    let mut v = journey_json();
    v["departments"][1]["friction"] = json!({"low": 0.2, "high": 0.9});
    let j = journey_from(&v);
    let s = sensitivity(&j, &Measure::Clv).unwrap();
    assert_eq!(row(&s, "departments[1].friction").high, 0.9);
}

#[test]
fn unknown_scenario_is_named() {
    let j = journey_from(&journey_json());
    let err = sensitivity(&j, &Measure::NpvUplift("Nope".into()))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("\"Nope\"") && err.contains("\"Care training\""),
        "{err}"
    );
}

#[test]
fn evpi_is_never_negative_and_zero_when_one_option_dominates() {
    let j = journey_from(&journey_json());
    let s = sensitivity(&j, &Measure::Clv).unwrap();
    assert!(!s.evpi.is_empty());
    for r in &s.evpi {
        assert!(r.evpi >= 0.0 && r.evpi.is_finite(), "{r:?}");
    }
    assert!(s.evpi.windows(2).all(|w| w[0].evpi >= w[1].evpi));
    // Only uncertain inputs have a value of information.
    assert!(s.evpi.iter().all(|r| r.path != "handoffs[0].friction"));

    // A nearly free investment that removes most friction beats doing
    // nothing whatever the uncertain values: learning them changes nothing.
    let mut v = journey_json();
    v["scenarios"] = json!([{"name": "Free fix", "investments": [{"department": "care",
        "monthly_spend": 10, "half_friction_spend": {"low": 2, "high": 4}}]}]);
    let s = sensitivity(&journey_from(&v), &Measure::Clv).unwrap();
    assert_eq!(s.evpi.len(), 5);
    for r in &s.evpi {
        assert_eq!(r.evpi, 0.0, "{r:?}");
        assert_eq!(r.best_now, "Free fix");
        assert_eq!(r.share_other_best, 0.0);
    }

    // An investment that pays only if it is effective: its effectiveness
    // is worth knowing before deciding.
    let mut v = journey_json();
    v["scenarios"] = json!([{"name": "Gamble", "investments": [{"department": "care",
        "monthly_spend": 2000, "half_friction_spend": {"low": 300, "high": 30000}}]}]);
    let s = sensitivity(&journey_from(&v), &Measure::Clv).unwrap();
    let effect = s
        .evpi
        .iter()
        .find(|r| r.path == "scenarios[0].investments[0].half_friction_spend")
        .unwrap();
    assert!(effect.evpi > 0.0 && effect.share_other_best > 0.0, "{s:#?}");

    // Without scenarios there is no choice to inform.
    let mut v = journey_json();
    v["scenarios"] = json!([]);
    assert!(
        sensitivity(&journey_from(&v), &Measure::Clv)
            .unwrap()
            .evpi
            .is_empty()
    );
}

/// Expected NPV uplift of `spend` per place (sales, care, sales>care), each
/// with its half-friction spend, computed through the public `expected`.
fn uplift_of(base: &serde_json::Value, spend: &[f64], half: &[f64]) -> f64 {
    let mut v = base.clone();
    let targets = [
        json!({"department": "sales"}),
        json!({"department": "care"}),
        json!({"handoff": {"from": "sales", "to": "care"}}),
    ];
    let investments: Vec<serde_json::Value> = spend
        .iter()
        .zip(half)
        .zip(&targets)
        .filter(|((s, _), _)| **s > 0.0)
        .map(|((s, h), t)| {
            let mut inv = t.clone();
            inv["monthly_spend"] = json!(s);
            inv["half_friction_spend"] = json!(h);
            inv
        })
        .collect();
    v["scenarios"] = json!([{"name": "Try", "investments": investments}]);
    let report = expected(&journey_from(&v));
    report.results[1].uplift.as_ref().unwrap().uplift_npv
}

/// The best uplift over every allocation of whole steps, for each total
/// of at most 0, 1, ..., `steps` steps.
fn brute_force(base: &serde_json::Value, step: f64, steps: u32, half: &[f64]) -> Vec<f64> {
    let mut best = vec![f64::NEG_INFINITY; steps as usize + 1];
    let n = half.len();
    let mut k = vec![0u32; n];
    loop {
        let used = k.iter().sum::<u32>();
        if used <= steps {
            let spend: Vec<f64> = k.iter().map(|&s| f64::from(s) * step).collect();
            let value = if used == 0 {
                0.0
            } else {
                uplift_of(base, &spend, half)
            };
            for b in &mut best[used as usize..] {
                *b = b.max(value);
            }
        }
        // Next allocation in odometer order.
        let mut i = 0;
        loop {
            if i == n {
                return best;
            }
            k[i] += 1;
            if k[i] <= steps {
                break;
            }
            k[i] = 0;
            i += 1;
        }
    }
}

#[test]
fn optimizer_matches_brute_force_on_small_problems() {
    let mut base = journey_json();
    base["scenarios"] = json!([]);
    let j = journey_from(&base);
    let ids = ["sales", "care", "sales>care"];
    let cases: [(f64, u32, &[f64]); 5] = [
        (20_000.0, 8, &[6_000.0, 9_000.0]),
        (6_000.0, 6, &[6_000.0, 3_000.0, 4_000.0]),
        (60_000.0, 10, &[6_000.0, 9_000.0, 2_500.0]),
        // So much money that spending all of it loses value.
        (400_000.0, 8, &[6_000.0, 20_000.0]),
        (3_000.0, 5, &[500.0, 1_500.0, 900.0]),
    ];
    for (budget, steps, half) in cases {
        let mut options = Options::new(budget);
        options.steps = steps;
        options.places = ids[..half.len()].iter().map(|s| s.to_string()).collect();
        for (id, h) in ids.iter().zip(half) {
            options.half_friction_spend.insert(id.to_string(), *h);
        }
        let found = optimize(&j, &options).unwrap();
        let by_budget = brute_force(&base, budget / f64::from(steps), steps, half);
        let best = by_budget[steps as usize];
        assert!(
            (found.uplift_npv - best).abs() <= 1e-9 * best.abs().max(1.0),
            "budget {budget}, {steps} steps, {half:?}: found {} by {:?}, best {best}",
            found.uplift_npv,
            found.places
        );
        // The frontier rises with the budget and ends at the answer.
        assert_eq!(found.frontier.len(), steps as usize + 1);
        assert_eq!(found.frontier[0].uplift_npv, 0.0);
        assert!(
            found
                .frontier
                .windows(2)
                .all(|w| w[1].uplift_npv >= w[0].uplift_npv)
        );
        assert_eq!(found.frontier.last().unwrap().uplift_npv, found.uplift_npv);
        assert!(found.monthly_spend <= budget * (1.0 + 1e-12));
        // Each frontier point is no worse than brute force for its budget.
        for (m, point) in found.frontier.iter().enumerate() {
            let best_m = by_budget[m];
            assert!(
                (point.uplift_npv - best_m).abs() <= 1e-9 * best_m.abs().max(1.0),
                "frontier {m}: {} against {best_m}",
                point.uplift_npv
            );
        }
    }
}

#[test]
fn optimised_scenario_validates_and_reproduces_its_uplift() {
    let v = journey_json();
    let j = journey_from(&v);
    let mut options = Options::new(20_000.0);
    options.default_half_friction_spend = Some(5_000.0);
    let found = optimize(&j, &options).unwrap();
    // Care's half-friction spend comes from "Care training" (a range).
    let care = found.places.iter().find(|p| p.id == "care").unwrap();
    let sales = found.places.iter().find(|p| p.id == "sales").unwrap();
    let handoff = found.places.iter().find(|p| p.id == "sales>care").unwrap();
    assert_eq!(sales.half_friction_spend, 6_000.0);
    assert_eq!(handoff.half_friction_spend, 5_000.0);
    assert!(care.half_friction_spend > 1_000.0 && care.half_friction_spend < 8_000.0);
    assert_eq!(found.scenario.name, "Optimised: 20k/month");
    assert!(found.uplift_npv > 0.0);

    let mut scenario: Scenario = j.scenario().clone();
    scenario.scenarios.push(found.scenario.clone());
    let again = Journey::new(scenario).unwrap();
    let report = expected(&again);
    let u = report.results.last().unwrap().uplift.as_ref().unwrap();
    assert_eq!(u.uplift_npv.to_bits(), found.uplift_npv.to_bits());
    assert_eq!(u.investment_pv.to_bits(), found.investment_pv.to_bits());
    let text = serde_json::to_string(&found.scenario).unwrap();
    let back: InvestmentScenario = serde_json::from_str(&text).unwrap();
    assert_eq!(back, found.scenario);

    // Spending one step more where it is worth most would not pay more
    // than the optimum's own choice (no positive marginal return left in
    // a place while budget is unspent).
    if found.monthly_spend < found.budget {
        assert!(found.places.iter().all(|p| p.next_step_uplift_npv <= 0.0));
    }
}

#[test]
fn optimizer_keeps_a_base_scenario_and_refuses_bad_requests() {
    let j = journey_from(&journey_json());
    let mut options = Options::new(5_000.0);
    options.base = Some("Sales coaching".into());
    options.places = vec!["care".into()];
    let found = optimize(&j, &options).unwrap();
    assert_eq!(
        found.scenario.investments[0].department.as_deref(),
        Some("sales")
    );
    assert_eq!(found.scenario.name, "Optimised: 5k/month on Sales coaching");
    // With nothing allocated the base scenario's uplift remains.
    let report = expected(&j);
    let base_uplift = report.results[2].uplift.as_ref().unwrap().uplift_npv;
    assert_eq!(
        found.frontier[0].uplift_npv.to_bits(),
        base_uplift.to_bits()
    );

    // An investment without spend may leave its half-friction spend at 0:
    // it gives none, and the default applies.
    let mut v = journey_json();
    v["scenarios"] = json!([{"name": "Idle", "investments": [{"department": "care"}]}]);
    let mut idle = Options::new(1_000.0);
    idle.default_half_friction_spend = Some(4_000.0);
    let found = optimize(&journey_from(&v), &idle).unwrap();
    assert!(
        found
            .places
            .iter()
            .all(|p| p.half_friction_spend == 4_000.0)
    );

    let err = |o: &Options| optimize(&j, o).unwrap_err().to_string();
    let mut o = Options::new(-1.0);
    assert!(err(&o).contains("budget"));
    o = Options::new(1000.0);
    o.places = vec!["nowhere".into()];
    assert!(err(&o).contains("\"nowhere\""));
    o.places = vec!["sales>care".into()];
    assert!(err(&o).starts_with("half_friction_spend: "), "{}", err(&o));
    o.places = vec!["care".into(), "care".into()];
    assert!(err(&o).contains("twice"));
    o.places = vec![];
    o.steps = 0;
    assert!(err(&o).contains("steps"));
    o.steps = 10;
    o.base = Some("Other".into());
    assert!(err(&o).contains("\"Other\""));
    o.base = None;
    o.start_month = 99;
    assert!(err(&o).starts_with("start_month: "));
}

#[test]
fn every_example_gives_finite_answers() {
    let examples = [
        include_str!("../../../examples/subscription-retailer.json"),
        include_str!("../../../examples/b2b-saas.json"),
        include_str!("../../../examples/retail-bank.json"),
        include_str!("../../../examples/consumer-app.json"),
    ];
    for text in examples {
        let j = Journey::from_json(text).unwrap();
        let mut measures = vec![Measure::Clv, Measure::Retention12m];
        measures.extend(
            j.variant_names()
                .into_iter()
                .skip(1)
                .map(Measure::NpvUplift),
        );
        for measure in &measures {
            let s = sensitivity(&j, measure).unwrap();
            assert!(s.base.is_finite());
            for r in &s.tornado {
                assert!(
                    [r.low, r.high, r.outcome_low, r.outcome_high, r.swing]
                        .iter()
                        .all(|x| x.is_finite()),
                    "{r:?}"
                );
            }
            assert!(s.evpi.iter().all(|r| r.evpi >= 0.0 && r.evpi.is_finite()));
        }
        let mut options = Options::new(30_000.0);
        options.default_half_friction_spend = Some(20_000.0);
        let found = optimize(&j, &options).unwrap();
        let mut scenario = j.scenario().clone();
        scenario.scenarios.push(found.scenario);
        Journey::new(scenario).unwrap();
    }
}

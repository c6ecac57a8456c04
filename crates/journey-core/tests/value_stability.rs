//! Pinned numbers for a fixed scenario, seed and trial count. Share links
//! promise identical numbers, so a dependency upgrade or refactor that
//! changes any draw must fail here (and bump the generator version).

use journey_core::{GENERATOR, Journey, run_trials};

const MODEL_EXAMPLE: &str = include_str!("data/model-example.json");

#[test]
fn results_for_seed_42_are_pinned() {
    let j = Journey::from_json(MODEL_EXAMPLE).unwrap();
    let r = run_trials(&j, 42, 0..25).report(&j, 42);
    let got: Vec<(String, u64)> = r
        .results
        .iter()
        .flat_map(|v| {
            [
                (format!("{} npv.mean", v.name), v.summary.npv.mean.to_bits()),
                (format!("{} clv.p50", v.name), v.summary.clv.p50.to_bits()),
                (
                    format!("{} referrals.p95", v.name),
                    v.summary.referrals.p95.to_bits(),
                ),
                (
                    format!("{} active[35].p50", v.name),
                    v.monthly.active_customers.p50[35].to_bits(),
                ),
            ]
        })
        .collect();
    let pinned: &[(&str, u64)] = &PINNED;
    let got_ref: Vec<(&str, u64)> = got.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(
        got_ref, pinned,
        "generator {GENERATOR}: results changed; every share link would show new numbers"
    );
}

const PINNED: [(&str, u64); 12] = [
    ("Baseline npv.mean", 4705129975618311209),
    ("Baseline clv.p50", 4646491814746442384),
    ("Baseline referrals.p95", 4659600536142610431),
    ("Baseline active[35].p50", 4663248715723571200),
    ("Fix onboarding npv.mean", 4704033579980083348),
    ("Fix onboarding clv.p50", 4646934625738508464),
    ("Fix onboarding referrals.p95", 4660002517593725338),
    ("Fix onboarding active[35].p50", 4663741296932814848),
    (
        "Integrate sales and operations npv.mean",
        4704712892903305274,
    ),
    (
        "Integrate sales and operations clv.p50",
        4646491814746442384,
    ),
    (
        "Integrate sales and operations referrals.p95",
        4659793170579796786,
    ),
    (
        "Integrate sales and operations active[35].p50",
        4663459821956104192,
    ),
];

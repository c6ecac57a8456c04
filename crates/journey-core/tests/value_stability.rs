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
    ("Baseline npv.mean", 4705135888269801280),
    ("Baseline clv.p50", 4646491814746442384),
    ("Baseline referrals.p95", 4659581624542612684),
    ("Baseline active[35].p50", 4663424637584015360),
    ("Fix onboarding npv.mean", 4704034098782974356),
    ("Fix onboarding clv.p50", 4646934625738508464),
    ("Fix onboarding referrals.p95", 4660034623333256396),
    ("Fix onboarding active[35].p50", 4663776481304903680),
    (
        "Integrate sales and operations npv.mean",
        4704703945357677723,
    ),
    (
        "Integrate sales and operations clv.p50",
        4646491814746442384,
    ),
    (
        "Integrate sales and operations referrals.p95",
        4659744352263523533,
    ),
    (
        "Integrate sales and operations active[35].p50",
        4663600559444459520,
    ),
];

//! The numbers behind every share link, pinned where they are computed: in
//! the browser (wasm32, run in headless Chromium by `scripts/check.sh`) and
//! natively as the `journey` command computes them. Both builds must give
//! these exact results for each example, seed and trial count, or a link
//! made before a change would open on other numbers after it. (The engine's
//! own pinned test runs in a build whose property tests change how a few
//! of its draws take logarithms; this one runs the engine as shipped.)

use journey_core::{GENERATOR, Journey, run_trials};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test_configure!(run_in_browser);

const SEED: u64 = 7;
const TRIALS: u32 = 24;

/// Each example's report for `SEED` and `TRIALS`, hashed: every summary,
/// monthly band, uplift and stage flow of the baseline and every option.
const PINNED: [(&str, &str, u64); 4] = [
    (
        "b2b-saas",
        include_str!("../examples/b2b-saas.json"),
        6_075_213_151_248_096_549,
    ),
    (
        "consumer-app",
        include_str!("../examples/consumer-app.json"),
        9_376_625_629_330_126_050,
    ),
    (
        "retail-bank",
        include_str!("../examples/retail-bank.json"),
        13_146_441_526_900_564_330,
    ),
    (
        "subscription-retailer",
        include_str!("../examples/subscription-retailer.json"),
        14_409_431_600_994_194_521,
    ),
];

/// FNV-1a: a fixed, dependency-free hash of the report's text.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The report's hash and, to read in a failure, its baseline's mean NPV.
fn report_hash(scenario: &str) -> (u64, f64) {
    let journey = Journey::from_json(scenario).expect("the example is valid");
    let report = run_trials(&journey, SEED, 0..TRIALS).report(&journey, SEED);
    let text = serde_json::to_string(&report.results).expect("a report serialises");
    (fnv1a(text.as_bytes()), report.results[0].summary.npv.mean)
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn every_example_gives_its_pinned_numbers() {
    let changed: Vec<String> = PINNED
        .iter()
        .filter_map(|&(name, scenario, pinned)| {
            let (hash, npv) = report_hash(scenario);
            (hash != pinned)
                .then(|| format!("{name}: hash {hash}, pinned {pinned} (baseline NPV mean {npv})"))
        })
        .collect();
    assert!(
        changed.is_empty(),
        "generator {GENERATOR}: results changed, so share links would open on new numbers:\n{}",
        changed.join("\n")
    );
}

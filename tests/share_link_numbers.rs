//! The numbers behind every share link, pinned where they are computed: in
//! the browser (wasm32, run in headless Chromium by `scripts/check.sh`) and
//! natively as the `journey` command computes them. Both builds must give
//! these exact results for each example, or a link made before a change
//! would open on other numbers after it, and the command would disagree
//! with the page. (The engine's own pinned test runs in a build whose
//! property tests change how a few of its draws take logarithms; this one
//! runs the engine as shipped.)

use journey_core::calibration::{SurvivalData, fit_sbg};
use journey_core::optimize::{Options, optimize};
use journey_core::sensitivity::{Measure, sensitivity};
use journey_core::{GENERATOR, Journey, expected, run_trials};
use serde::Serialize;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test_configure!(run_in_browser);

const EXAMPLES: [(&str, &str); 4] = [
    ("b2b-saas", include_str!("../examples/b2b-saas.json")),
    (
        "consumer-app",
        include_str!("../examples/consumer-app.json"),
    ),
    ("retail-bank", include_str!("../examples/retail-bank.json")),
    (
        "subscription-retailer",
        include_str!("../examples/subscription-retailer.json"),
    ),
];

const SEED: u64 = 7;
const TRIALS: u32 = 24;

/// Per example, its Monte Carlo report for `SEED` and `TRIALS` hashed:
/// every summary, monthly band, uplift and stage flow of every variant.
const RUNS: [u64; 4] = [
    6_075_213_151_248_096_549,
    9_376_625_629_330_126_050,
    13_146_441_526_900_564_330,
    14_409_431_600_994_194_521,
];

/// Per example, its exact results hashed: `expected` mode, the tornado of
/// CLV and the split of 20,000 a month by the budget optimiser.
const EXACT: [u64; 4] = [
    3_731_643_075_502_600_159,
    6_646_099_575_616_320_596,
    16_069_225_005_133_759_323,
    14_495_292_708_653_232_386,
];

/// The retention fit of Fader & Hardie's regular segment, hashed.
const FIT: u64 = 3_951_837_199_997_166_603;

/// FNV-1a of a value's JSON: a fixed, dependency-free hash.
fn hash(value: &impl Serialize) -> u64 {
    let text = serde_json::to_string(value).expect("results serialise");
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn journey(scenario: &str) -> Journey {
    Journey::from_json(scenario).expect("the example is valid")
}

/// Each example whose hash is not the pinned one, and what it is now.
fn changed(pinned: &[u64; 4], hash_of: impl Fn(&Journey) -> u64) -> Vec<String> {
    EXAMPLES
        .iter()
        .zip(pinned)
        .filter_map(|(&(name, scenario), &pinned)| {
            let now = hash_of(&journey(scenario));
            (now != pinned).then(|| format!("{name}: {now}, pinned {pinned}"))
        })
        .collect()
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn every_example_runs_to_its_pinned_numbers() {
    let changed = changed(&RUNS, |journey| {
        hash(
            &run_trials(journey, SEED, 0..TRIALS)
                .report(journey, SEED)
                .results,
        )
    });
    assert!(
        changed.is_empty(),
        "generator {GENERATOR}: results changed in this build, so share links would open on \
         new numbers, or the command and the page would disagree:\n{}",
        changed.join("\n")
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn exact_results_and_decision_tools_give_their_pinned_numbers() {
    let changed = changed(&EXACT, |journey| {
        let tornado = sensitivity(journey, &Measure::Clv).expect("every example has inputs");
        let split = optimize(journey, &Options::new(20_000.0)).expect("every example has places");
        hash(&(expected(journey), tornado, split))
    });
    assert!(
        changed.is_empty(),
        "exact results changed in this build:\n{}",
        changed.join("\n")
    );
    let data = SurvivalData::parse("100, 63.1, 46.8, 38.2, 32.6, 28.9, 26.2, 24.1")
        .expect("a survival curve");
    let fit = hash(&fit_sbg(&data, 12).expect("the curve fits"));
    assert_eq!(fit, FIT, "the retention fit changed in this build");
}

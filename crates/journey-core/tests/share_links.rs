//! Share links: every example and generated journey survives the round trip
//! exactly and canonically, and no input a stranger can send makes decoding
//! panic, allocate without bound, or fail with the wrong reason.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use journey_core::share::{ShareError, SharedRun, decode, encode};
use journey_core::{Journey, MAX_SCENARIO_BYTES, MAX_TRIALS, Scenario};
use proptest::prelude::*;
use serde_json::{Value, json};

fn examples() -> Vec<(String, Scenario)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut found: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    found.sort();
    assert!(!found.is_empty(), "no examples in {}", dir.display());
    found
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let scenario =
                Scenario::from_json(&text).unwrap_or_else(|p| panic!("{}: {p}", path.display()));
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, scenario)
        })
        .collect()
}

fn example_run() -> SharedRun {
    let (_, scenario) = examples()
        .into_iter()
        .find(|(name, _)| name == "subscription-retailer.json")
        .unwrap_or_else(|| examples().remove(0));
    SharedRun {
        scenario,
        seed: 20240601,
        trials: 2000,
    }
}

/// A v1 fragment holding arbitrary bytes as its (deflated) payload.
fn link_of(payload: &[u8]) -> String {
    let deflated = miniz_oxide::deflate::compress_to_vec(payload, 6);
    format!("v1.{}", URL_SAFE_NO_PAD.encode(deflated))
}

fn payload_json(run: &SharedRun) -> Value {
    json!({"scenario": run.scenario, "seed": run.seed, "trials": run.trials})
}

fn assert_round_trip(run: &SharedRun) {
    let link = encode(run);
    let back = decode(&link).unwrap_or_else(|e| panic!("{e}\n{link}"));
    assert_eq!(&back, run);
    assert_eq!(encode(&back), link, "re-encoding must give the same text");
}

#[test]
fn every_example_round_trips_canonically() {
    for (name, scenario) in examples() {
        for (seed, trials) in [
            (0, 1),
            (1, 1000),
            (42, 10_000),
            (1 << 53, 123_457),
            ((1 << 53) + 1, MAX_TRIALS),
            (u64::MAX, 2000),
        ] {
            let run = SharedRun {
                scenario: scenario.clone(),
                seed,
                trials,
            };
            assert_round_trip(&run);
            assert!(Journey::new(decode(&encode(&run)).unwrap().scenario).is_ok());
        }
        let link = encode(&SharedRun {
            scenario,
            seed: u64::MAX,
            trials: MAX_TRIALS,
        });
        println!("{name}: {} characters", link.len());
        assert!(link.len() < 8 * 1024, "{name}: {} characters", link.len());
    }
}

#[test]
fn seeds_above_2_pow_53_are_exact() {
    let mut run = example_run();
    for seed in [u64::MAX, u64::MAX - 1, (1 << 53) + 1] {
        run.seed = seed;
        assert_eq!(decode(&encode(&run)).unwrap().seed, seed);
    }
}

#[test]
fn different_runs_give_different_links() {
    let run = example_run();
    let mut other = run.clone();
    other.seed += 1;
    assert_ne!(encode(&run), encode(&other));
    other = run.clone();
    other.trials += 1;
    assert_ne!(encode(&run), encode(&other));
    other = run.clone();
    other.scenario.months += 1;
    assert_ne!(encode(&run), encode(&other));
}

#[test]
fn empty_input_is_not_an_error_to_report() {
    for text in ["", "#", "   ", "#  ", "\n\t"] {
        assert_eq!(decode(text), Err(ShareError::Empty), "{text:?}");
    }
}

#[test]
fn other_fragments_are_not_share_links() {
    for text in [
        "#section-2",
        "hello",
        "v",
        "v.",
        "V1.abc",
        "1.abc",
        "v1x.abc",
        "#🙂",
        "v١.abc",
        "version",
        "https://example.com/#v1.abc",
    ] {
        assert_eq!(decode(text), Err(ShareError::NotAShareLink), "{text:?}");
    }
}

#[test]
fn newer_versions_are_named() {
    assert_eq!(decode("v2.xxx"), Err(ShareError::UnknownVersion(2)));
    let link = encode(&example_run()).replacen("v1.", "v9.", 1);
    let err = decode(&format!("#{link}")).unwrap_err();
    assert_eq!(err, ShareError::UnknownVersion(9));
    assert!(
        err.to_string()
            .contains("this link was made by a newer version (v9)"),
        "{err}"
    );
}

#[test]
fn garbage_is_damage() {
    for text in [
        "v1.",
        "v1",
        "v1.A",
        "v1.AAAA",
        "v1.____",
        "v1.abc=",
        "v1.abc+/",
        "v1.ab cd",
        "v1.ÄÖÜ",
        "v1.\u{200b}",
        "v1.dGhpcyBpcyBub3QgZGVmbGF0ZSBhdCBhbGw", // base64 of plain text
        "v1.________________________________",    // 0xff bytes: invalid block type
        "v1.Zm9vYmFy",
    ] {
        assert_eq!(decode(text), Err(ShareError::Damaged), "{text:?}");
    }
    // Valid deflate, but not UTF-8 or not JSON.
    assert_eq!(
        decode(&link_of(&[0xff, 0xfe, 0x00])),
        Err(ShareError::Damaged)
    );
    assert_eq!(decode(&link_of(b"not json")), Err(ShareError::Damaged));
    assert_eq!(decode(&link_of(b"")), Err(ShareError::Damaged));
    // Deep nesting stops at serde_json's depth limit, without overflowing
    // the stack.
    for deep in [
        "[".repeat(100_000),
        format!(
            r#"{{"scenario": {{"schema": 1, "arrivals_per_month": {}"#,
            "[".repeat(100_000)
        ),
    ] {
        let err = decode(&link_of(deep.as_bytes())).unwrap_err();
        assert!(
            matches!(err, ShareError::Damaged | ShareError::NotAScenario(_)),
            "{err:?}"
        );
    }
}

#[test]
fn a_link_with_stray_characters_around_it_still_opens() {
    let run = example_run();
    let link = encode(&run);
    for text in [
        format!(" {link} "),
        format!("#{link}\n"),
        format!("\t# {link}"),
    ] {
        assert_eq!(decode(&text).unwrap(), run);
    }
    // Inside the code, a line break (mail wraps long lines) is mended;
    // non-ASCII is damage.
    let mid = link.len() / 2;
    for (insert, decoded) in [
        (" ", Ok(run.clone())),
        ("\r\n", Ok(run.clone())),
        ("é", Err(ShareError::Damaged)),
        ("🙂", Err(ShareError::Damaged)),
    ] {
        let mut text = link.clone();
        text.insert_str(mid, insert);
        assert_eq!(decode(&text), decoded, "{insert:?}");
    }
}

#[test]
fn every_prefix_of_a_real_link_is_refused() {
    let link = encode(&example_run());
    for cut in 0..link.len() {
        let prefix = &link[..cut];
        let expected = match cut {
            0 => ShareError::Empty,
            1 => ShareError::NotAShareLink,
            _ => ShareError::Damaged,
        };
        assert_eq!(decode(prefix), Err(expected), "prefix of {cut} characters");
    }
}

#[test]
fn changing_any_character_never_panics() {
    let link = encode(&example_run());
    let alphabet = b"AZaz09-_";
    for i in 3..link.len() {
        for &c in alphabet {
            let mut bytes = link.clone().into_bytes();
            if bytes[i] == c {
                continue;
            }
            bytes[i] = c;
            let text = String::from_utf8(bytes).unwrap();
            // Raw DEFLATE has no checksum, so a change may still decode:
            // then it is a valid run, as for any link.
            if let Ok(run) = decode(&text) {
                assert!(Journey::new(run.scenario).is_ok());
            }
        }
    }
}

#[test]
fn a_deflate_bomb_is_refused_quickly() {
    let zeros = vec![0u8; 50 << 20];
    let bomb = link_of(&zeros);
    drop(zeros);
    assert!(bomb.len() < 100_000, "{}", bomb.len());
    let start = Instant::now();
    assert_eq!(decode(&bomb), Err(ShareError::TooLarge));
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn the_size_limit_is_exact() {
    let run = example_run();
    let json = payload_json(&run).to_string();
    // Trailing whitespace is valid JSON, so pad to the limit and beyond.
    let at_limit = json.clone() + &" ".repeat(MAX_SCENARIO_BYTES - json.len());
    assert_eq!(at_limit.len(), MAX_SCENARIO_BYTES);
    assert_eq!(decode(&link_of(at_limit.as_bytes())).unwrap(), run);
    let over = format!("{at_limit} ");
    assert_eq!(decode(&link_of(over.as_bytes())), Err(ShareError::TooLarge));
}

#[test]
fn ten_megabyte_inputs_are_refused_without_decoding() {
    let start = Instant::now();
    let huge = format!("v1.{}", "A".repeat(10 << 20));
    assert_eq!(decode(&huge), Err(ShareError::TooLarge));
    assert_eq!(
        decode(&"x".repeat(10 << 20)),
        Err(ShareError::NotAShareLink)
    );
    assert_eq!(decode(&"é".repeat(5 << 20)), Err(ShareError::NotAShareLink));
    assert_eq!(decode(&" ".repeat(10 << 20)), Err(ShareError::Empty));
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn json_that_is_not_a_scenario_is_named() {
    let run = example_run();
    let mut cases: Vec<(Value, &str, &str)> = vec![
        (json!({"hello": 1}), "hello", "unknown field `hello`"),
        (json!([1, 2]), "", "expected an object"),
        (json!(17), "", "expected an object"),
        (json!(null), "", "expected an object"),
        (
            json!({"scenario": run.scenario, "seed": 1}),
            "trials",
            "missing; this field is required",
        ),
        (
            json!({"scenario": {"schema": 1}, "seed": 1, "trials": 10}),
            "months",
            "missing; this field is required",
        ),
        (
            json!({"scenario": run.scenario, "seed": -1, "trials": 10}),
            "seed",
            "-1",
        ),
        (
            json!({"scenario": run.scenario, "seed": 1.5, "trials": 10}),
            "seed",
            "1.5",
        ),
        (
            json!({"scenario": run.scenario, "seed": 1, "trials": "many"}),
            "trials",
            "many",
        ),
        (
            json!({"scenario": run.scenario, "seed": 1, "trials": 10, "extra": true}),
            "extra",
            "unknown field `extra`",
        ),
    ];
    let mut bad_stage = payload_json(&run);
    bad_stage["scenario"]["stages"][2]["phase"] = json!("rent");
    cases.push((bad_stage, "stages[2].phase", "rent"));
    let mut bad_type = payload_json(&run);
    bad_type["scenario"]["months"] = json!("three years");
    cases.push((bad_type, "months", "three years"));

    for (value, path, words) in cases {
        match decode(&link_of(value.to_string().as_bytes())) {
            Err(ShareError::NotAScenario(problems)) => {
                assert_eq!(problems.0[0].path, path, "{problems}");
                assert!(problems.0[0].message.contains(words), "{problems}");
                let err = ShareError::NotAScenario(problems).to_string();
                assert!(
                    err.starts_with("the link does not hold a scenario"),
                    "{err}"
                );
            }
            other => panic!("{value}: {other:?}"),
        }
    }
    // A seed beyond u64 is refused, not wrapped.
    let text = payload_json(&run)
        .to_string()
        .replace(r#""seed":20240601"#, r#""seed":18446744073709551616"#);
    assert!(matches!(
        decode(&link_of(text.as_bytes())),
        Err(ShareError::NotAScenario(_))
    ));
}

#[test]
fn an_invalid_scenario_lists_its_problems_and_keeps_the_run() {
    let mut run = example_run();
    run.scenario.stages[0].advance = 1.5.into();
    run.scenario.months = 0;
    let Err(ShareError::InvalidScenario {
        run: kept,
        problems,
    }) = decode(&encode(&run))
    else {
        panic!("expected InvalidScenario");
    };
    assert_eq!(*kept, run);
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert!(paths.contains(&"months"), "{problems}");
    assert!(paths.contains(&"stages[0].advance"), "{problems}");
    let message = decode(&encode(&run)).unwrap_err().to_string();
    assert!(message.contains("stages[0].advance"), "{message}");
    let err = decode(&encode(&run)).unwrap_err();
    assert!(std::error::Error::source(&err).is_some());
}

#[test]
fn trial_counts_outside_the_limits_are_refused() {
    let mut run = example_run();
    for (trials, ok) in [
        (0, false),
        (1, true),
        (MAX_TRIALS, true),
        (MAX_TRIALS + 1, false),
        (2_000_000, false),
    ] {
        run.trials = trials;
        let got = decode(&encode(&run));
        if ok {
            assert_eq!(got.unwrap().trials, trials);
        } else {
            // The run is kept, its trials within the limits, for the editor.
            let kept = SharedRun {
                trials: trials.clamp(1, MAX_TRIALS),
                ..run.clone()
            };
            assert_eq!(
                got,
                Err(ShareError::Trials {
                    asked: u64::from(trials),
                    run: Box::new(kept)
                })
            );
        }
    }
    let text = payload_json(&run)
        .to_string()
        .replace(r#""trials":2000000"#, r#""trials":5000000000"#);
    let Err(ShareError::Trials { asked, run: kept }) = decode(&link_of(text.as_bytes())) else {
        panic!("5,000,000,000 trials accepted");
    };
    assert_eq!((asked, kept.trials), (5_000_000_000, MAX_TRIALS));
    assert_eq!(kept.scenario, run.scenario);
    let err = ShareError::Trials {
        asked: 0,
        run: kept,
    }
    .to_string();
    assert!(err.contains("0 trials"), "{err}");
}

// Generated journeys with full-precision numbers, uncertain values, sBG
// churn, loops, hand-offs, investments and non-ASCII names.

fn amount(max: f64) -> impl Strategy<Value = Value> {
    prop_oneof![
        (0.0..max).prop_map(|x| json!(x)),
        (0.0..max, 0.0..1.0f64).prop_map(|(low, w)| json!({"low": low, "high": low + w * low})),
    ]
}

fn probability(max: f64) -> impl Strategy<Value = Value> {
    prop_oneof![
        (0.0..=max).prop_map(|x| json!(x)),
        (0.0..=max, 0.0..=1.0f64).prop_map(|(high, w)| json!({"low": high * w, "high": high})),
    ]
}

prop_compose! {
    fn stage(i: usize, own: bool, last: bool, departments: usize)
        (owner in 0..departments, advance in 0.0..=0.5f64, drop in probability(0.5),
         sbg in any::<bool>(), alpha in 0.2..3.0f64, beta in 3.0..6.0f64,
         advocacy in amount(1.0), roe in amount(500.0), rpm in amount(100.0),
         cpm in amount(50.0), name in "[a-zA-Zé😀 ]{0,12}")
        -> Value
    {
        let mut s = json!({
            "id": format!("s{i}"), "name": name, "phase": if own { "own" } else { "buy" },
            "owner": format!("d{owner}"), "advance": if last { 0.0 } else { advance },
            "drop": drop, "revenue_on_entry": roe, "revenue_per_month": rpm,
            "cost_per_month": cpm,
        });
        if own {
            s["advocacy"] = advocacy;
            if sbg {
                s["drop"] = json!({"sbg": {"alpha": alpha, "beta": beta}});
            }
        }
        s
    }
}

prop_compose! {
    fn journey_json()
        (buy in 1usize..=3, own in 1usize..=3, departments in 1usize..=3)
        (stages in (0..buy + own)
             .map(|i| stage(i, i >= buy, i + 1 == buy + own, departments))
             .collect::<Vec<_>>(),
         frictions in proptest::collection::vec(probability(0.9), departments),
         months in 1u32..=600, discount in 0.0..0.5f64, arrivals in amount(1e5),
         initial in 0u64..1_000_000, spend in amount(1e5), half in 1.0..1e5f64,
         name in "\\PC{0,30}", currency in "[A-Z]{3}",
         buy in Just(buy), departments in Just(departments))
        -> Value
    {
        let departments_json: Vec<Value> = frictions
            .into_iter()
            .enumerate()
            .map(|(d, f)| json!({"id": format!("d{d}"), "name": format!("Dept {d}"), "friction": f}))
            .collect();
        let mut v = json!({
            "schema": 1, "name": name, "currency": currency, "months": months,
            "discount_rate": discount, "arrivals_per_month": arrivals,
            "departments": departments_json, "stages": stages,
            "initial": {format!("s{buy}"): initial},
            "scenarios": [{"name": "invest", "investments": [
                {"department": "d0", "monthly_spend": spend, "half_friction_spend": half,
                 "start_month": 1 + months / 2, "ramp_months": 3}]}]
        });
        if departments > 1 {
            v["handoffs"] = json!([{"from": "d0", "to": "d1", "friction": 0.1}]);
        }
        v
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn generated_journeys_round_trip(v in journey_json(), seed in any::<u64>(),
                                     trials in 1..=MAX_TRIALS, rate in 0.0..0.5f64,
                                     friction in 0.0..0.9f64) {
        let mut scenario = Scenario::from_json(&v.to_string()).unwrap();
        // Numbers that never went through a JSON parser, all 17 digits of
        // them, must come back bit for bit.
        scenario.discount_rate = rate;
        scenario.departments[0].friction = friction.into();
        Journey::new(scenario.clone()).unwrap_or_else(|p| panic!("{p}\n{v:#}"));
        assert_round_trip(&SharedRun { scenario, seed, trials });
    }

    /// Scenarios the editor can hold but the engine refuses still travel
    /// intact, so the receiver sees the same problems as the sender.
    #[test]
    fn invalid_journeys_arrive_intact(v in journey_json(), seed in any::<u64>(),
                                      months in 0u32..2000, advance in -1.0..2.0f64) {
        let mut scenario = Scenario::from_json(&v.to_string()).unwrap();
        scenario.months = months;
        scenario.stages[0].advance = advance.into();
        let run = SharedRun { scenario, seed, trials: 10 };
        let link = encode(&run);
        match decode(&link) {
            Ok(back) => prop_assert_eq!(back, run.clone()),
            Err(ShareError::InvalidScenario { run: kept, problems }) => {
                prop_assert_eq!(*kept, run.clone());
                prop_assert!(!problems.is_empty());
            }
            Err(other) => panic!("{other}"),
        }
        prop_assert_eq!(encode(&run), link);
    }

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        match decode(&text) {
            Ok(run) => prop_assert!(Journey::new(run.scenario).is_ok()),
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    #[test]
    fn near_misses_never_panic(text in "#?v[0-9]{0,3}\\.?[A-Za-z0-9_=+/ é-]{0,300}") {
        let _ = decode(&text).map_err(|e| e.to_string());
    }

    #[test]
    fn random_base64url_is_damage(payload in "[A-Za-z0-9_-]{1,400}") {
        let err = decode(&format!("v1.{payload}")).unwrap_err();
        prop_assert!(
            matches!(err, ShareError::Damaged | ShareError::TooLarge | ShareError::NotAScenario(_)),
            "{:?}", err
        );
    }

    #[test]
    fn random_deflated_bytes_are_refused(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let err = decode(&link_of(&bytes)).unwrap_err();
        prop_assert!(
            matches!(err, ShareError::Damaged | ShareError::NotAScenario(_)),
            "{:?}", err
        );
    }
}

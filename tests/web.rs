//! Browser-only parts of the app, run in headless Chromium by
//! wasm-bindgen-test (`scripts/check.sh`).
#![cfg(target_arch = "wasm32")]

use cx_journey_app::components::{Results, ResultsProps};
use cx_journey_app::presets::DEFAULT_SCENARIO;
use cx_journey_app::protocol::{BatchOutcome, BatchRequest, BatchResponse};
use cx_journey_app::shared::Shared;
use cx_journey_app::simulation::pool_size;
use cx_journey_app::trial_worker::run_batch;
use gloo_worker::{Bincode, Codec};
use journey_core::{Journey, run_trials};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn mount_point() -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

#[wasm_bindgen_test]
fn the_pool_has_one_to_four_workers() {
    assert!((1..=4).contains(&pool_size()));
}

#[wasm_bindgen_test]
fn a_batch_crosses_the_worker_boundary_intact() {
    let request = BatchRequest {
        run: 3,
        scenario: DEFAULT_SCENARIO.to_string(),
        seed: 9,
        first: 20,
        count: 4,
    };
    let decoded: BatchRequest = Bincode::decode(Bincode::encode(request.clone()));
    assert_eq!(decoded, request);

    // Per-trial values include NaN (an undefined ROI or payback month);
    // compare reports, which must come out identical after the round trip.
    let response = run_batch(&request);
    let decoded: BatchResponse = Bincode::decode(Bincode::encode(response.clone()));
    let journey = Journey::from_json(DEFAULT_SCENARIO).unwrap();
    let report = |r: &BatchResponse| match &r.outcome {
        BatchOutcome::Partial(partial) => partial.decode().unwrap().report(&journey, 9),
        BatchOutcome::Failed(message) => panic!("batch failed: {message}"),
    };
    assert_eq!(report(&decoded), report(&response));
    assert_eq!(report(&response).trials, 4);
}

#[wasm_bindgen_test]
async fn results_show_npv_for_every_variant() {
    let journey = Journey::from_json(DEFAULT_SCENARIO).unwrap();
    let report = Shared::new(run_trials(&journey, 1, 0..20).report(&journey, 1));
    let root = mount_point();
    yew::Renderer::<Results>::with_root_and_props(
        root.clone(),
        ResultsProps {
            report: Some(report.clone()),
            distributions: None,
            stage_names: Default::default(),
            busy: false,
            stale: false,
            previous: None,
        },
    )
    .render();
    yew::scheduler::flush().await;

    let section = root
        .query_selector("section[aria-label='Results']")
        .unwrap()
        .unwrap();
    let busy = || section.get_attribute("aria-busy");
    // The charts follow the cards one per drawn frame; the results are busy
    // until they have.
    assert_eq!(busy().as_deref(), Some("true"));
    for _ in 0..250 {
        if busy().as_deref() == Some("false") {
            break;
        }
        gloo_timers::future::sleep(std::time::Duration::from_millis(20)).await;
        yew::scheduler::flush().await;
    }
    assert_eq!(
        busy().as_deref(),
        Some("false"),
        "busy 5 s after the report"
    );
    let charts = root
        .query_selector_all("[data-testid='fan-chart']")
        .unwrap();
    // Active customers, cumulative NPV and the options' uplift.
    assert_eq!(charts.length(), 3, "every fan chart drawn once not busy");
    let npv = root.query_selector_all("[data-testid='npv-mean']").unwrap();
    assert_eq!(npv.length() as usize, report.results.len());
    let first = npv.get(0).unwrap().text_content().unwrap();
    assert!(first.contains('$'), "NPV {first:?} is not in dollars");
    let text = root.text_content().unwrap();
    for label in [
        "NPV uplift",
        "ROI",
        "Customer lifetime value",
        "12-month retention",
    ] {
        assert!(text.contains(label), "no {label:?} in {text:?}");
    }
}

#[wasm_bindgen_test]
async fn results_before_a_run_invite_one() {
    let root = mount_point();
    yew::Renderer::<Results>::with_root_and_props(
        root.clone(),
        ResultsProps {
            report: None,
            distributions: None,
            stage_names: Default::default(),
            busy: true,
            stale: false,
            previous: None,
        },
    )
    .render();
    yew::scheduler::flush().await;
    let section = root.query_selector("section").unwrap().unwrap();
    assert_eq!(section.get_attribute("aria-busy").as_deref(), Some("true"));
    assert!(root.text_content().unwrap().contains("Run a simulation"));
}

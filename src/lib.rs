//! CX Journey Simulator in the browser: a Yew app whose simulations run on
//! a pool of web workers, all computing with `journey-core`.
//!
//! One binary (`src/main.rs`) is both the page and its workers: the page
//! starts its workers on its own wasm module (`worker_start`).

pub mod app;
pub mod app_state;
pub mod card_figures;
pub mod components;
pub mod decision_work;
pub mod explain;
pub mod format;
pub mod headline;
pub mod journey_map;
pub mod lessons;
pub mod library;
pub mod links_in_page;
pub mod page_url;
pub mod panic_report;
pub mod presets;
pub mod protocol;
pub mod results_csv;
pub mod shared;
pub mod simulation;
pub mod site_cache;
pub mod storage;
pub mod trial_worker;
pub mod worker_failure;
pub mod worker_start;

pub use app::App;

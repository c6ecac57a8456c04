//! CX Journey Simulator in the browser: a Yew app whose simulations run on
//! a pool of web workers, all computing with `journey-core`.
//!
//! Two binaries share this library: the page (`src/main.rs`) and the trial
//! worker (`src/bin/worker.rs`).

pub mod app;
pub mod app_state;
pub mod components;
pub mod decision_work;
pub mod explain;
pub mod format;
pub mod headline;
pub mod lessons;
pub mod library;
pub mod page_url;
pub mod panic_report;
pub mod presets;
pub mod protocol;
pub mod results_csv;
pub mod simulation;
pub mod storage;
pub mod trial_worker;

pub use app::App;

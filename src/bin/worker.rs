//! The trial worker's entry point: Trunk builds this binary as a web worker.

use cx_journey_app::trial_worker::TrialWorker;
use gloo_worker::Registrable;

fn main() {
    TrialWorker::registrar().register();
}

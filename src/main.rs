//! The entry point of the page and of its web workers, which run this same
//! module: on the page it reports panics there, keeps a copy of the module
//! for the workers it starts later, and mounts the Yew app; in a worker it
//! answers the page's requests.

use cx_journey_app::trial_worker::TrialWorker;
use cx_journey_app::worker_start::in_worker;
use gloo_worker::Registrable;

fn main() {
    if in_worker() {
        TrialWorker::registrar().register();
    } else {
        cx_journey_app::panic_report::install();
        cx_journey_app::worker_start::keep_module_in_memory();
        yew::Renderer::<cx_journey_app::App>::new().render();
    }
}

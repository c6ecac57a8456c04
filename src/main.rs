//! The entry point of the page and of its web workers, which run this same
//! module: on the page it reports panics there and mounts the Yew app, then
//! keeps a copy of the module for the workers it starts later and the site
//! for offline use; in a worker it answers the page's requests.

use cx_journey_app::trial_worker::TrialWorker;
use cx_journey_app::worker_start::in_worker;
use gloo_timers::callback::Timeout;
use gloo_worker::Registrable;

/// How long after start the page copies its files for later and offline
/// use: after the first render and the trial workers' start, not competing
/// with them.
const KEEP_AFTER_MS: u32 = 1_500;

fn main() {
    if in_worker() {
        TrialWorker::registrar().register();
    } else {
        cx_journey_app::panic_report::install();
        yew::Renderer::<cx_journey_app::App>::new().render();
        // The page's static "starting" header (index.html) gives way to the
        // app's own.
        if let Some(boot) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("boot"))
        {
            boot.remove();
        }
        Timeout::new(KEEP_AFTER_MS, || {
            cx_journey_app::worker_start::keep_module_in_memory();
            cx_journey_app::site_cache::keep_site_for_offline_use();
        })
        .forget();
    }
}

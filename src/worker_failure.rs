//! Web workers that stop. A worker whose module traps (out of memory, or a
//! bug) can never answer again, and a gloo-worker bridge does not say so:
//! without this, the page would wait for it for ever. The worker closes
//! itself on its first uncaught error (see [`crate::worker_start`]), which
//! frees its memory, and the error goes on to the page's window. There it
//! arrives without an error object, since an exception cannot cross from
//! a worker, while the page's own errors carry theirs: that is how the page
//! tells a worker's failure from its own.

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::ErrorEvent;

/// Calls `callback` each time one of the page's workers stops on an error,
/// for as long as the listener lives. The error does not say which worker
/// failed, so every owner of workers hears of it. (Its message, such as
/// "Uncaught RuntimeError: unreachable", is on the browser's console.)
pub fn on_worker_failure(callback: impl Fn() + 'static) -> Option<EventListener> {
    let window = web_sys::window()?;
    Some(EventListener::new(&window, "error", move |event| {
        let from_a_worker = event
            .dyn_ref::<ErrorEvent>()
            .is_some_and(|event| event.error().is_null() || event.error().is_undefined());
        if from_a_worker {
            callback();
        }
    }))
}

//! Registers `sw.js`, the service worker that keeps the site's files in the
//! browser so that the page opens and runs offline after a first visit.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::ServiceWorkerContainer;

/// Registers the service worker where the browser has them: secure pages
/// (https, or a local address) of browsers that support them. Elsewhere, or
/// if registering fails, the page works as before, online.
pub fn keep_site_for_offline_use() {
    let Some(container) = container() else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(error) = JsFuture::from(container.register("sw.js")).await {
            web_sys::console::warn_2(&"the site is not kept for offline use:".into(), &error);
        }
    });
}

/// `navigator.serviceWorker`, which is missing on insecure pages.
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::get(&navigator, &JsValue::from_str("serviceWorker"))
        .ok()
        .filter(|container| !container.is_undefined() && !container.is_null())?
        .dyn_into()
        .ok()
}

//! Starts the page's web workers. They run the page's own wasm module, so
//! the page and its workers share one download; `main` tells them apart.

use gloo_worker::{Spawnable, WorkerBridge};

use crate::protocol::WorkerResponse;
use crate::trial_worker::TrialWorker;

/// Whether this module is running in a web worker rather than on the page.
pub fn in_worker() -> bool {
    web_sys::window().is_none()
}

/// Starts a trial worker whose replies go to `callback`; dropping the
/// bridge ends it.
pub fn start(callback: impl Fn(WorkerResponse) + 'static) -> WorkerBridge<TrialWorker> {
    LOADER.with(|loader| {
        TrialWorker::spawner()
            .with_loader(true)
            .callback(callback)
            .spawn(loader)
    })
}

thread_local! {
    /// The address of a small module script that loads the page's wasm
    /// module in a worker, made once per page.
    static LOADER: String = loader_url();
}

fn loader_url() -> String {
    // Trunk preloads the page's module with a link whose address carries
    // the build's hash; the bindings sit beside it under the same name.
    let wasm = web_sys::window()
        .and_then(|window| {
            let base = window.location().href().ok()?;
            let link = window
                .document()?
                .query_selector(r#"link[rel="preload"][type="application/wasm"]"#)
                .ok()??;
            let href = link.get_attribute("href")?;
            web_sys::Url::new_with_base(&href, &base).ok()
        })
        .map(|url| url.href())
        .expect("the page links its own wasm module (a preload link in index.html)");
    let script = loader_script(&wasm)
        .expect("the page's wasm module is named like wasm-bindgen's output (…_bg.wasm)");
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/javascript");
    let parts = js_sys::Array::of1(&script.into());
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .expect("a script blob can be made");
    web_sys::Url::create_object_url_with_blob(&blob).expect("a blob has an address")
}

/// The module script that starts the wasm module at `wasm_url` (absolute)
/// with the bindings wasm-bindgen wrote beside it, or `None` when the name
/// is not wasm-bindgen's.
pub fn loader_script(wasm_url: &str) -> Option<String> {
    let bindings = format!("{}.js", wasm_url.strip_suffix("_bg.wasm")?);
    // JSON strings are JavaScript string literals, whatever the address holds.
    let quote = |s: &str| serde_json::to_string(s).expect("a string serialises");
    Some(format!(
        "import init from {};await init({{module_or_path:{}}});",
        quote(&bindings),
        quote(wasm_url)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_loader_imports_the_bindings_beside_the_module() {
        assert_eq!(
            loader_script("http://127.0.0.1:8080/app/cx-journey-app-0a1b_bg.wasm").as_deref(),
            Some(
                "import init from \"http://127.0.0.1:8080/app/cx-journey-app-0a1b.js\";\
                 await init({module_or_path:\"http://127.0.0.1:8080/app/cx-journey-app-0a1b_bg.wasm\"});"
            )
        );
    }

    #[test]
    fn quotes_in_an_address_stay_inside_the_strings() {
        let script = loader_script("https://example.com/it's \"here\"/x_bg.wasm").expect("named");
        assert!(script.contains(r#""https://example.com/it's \"here\"/x.js""#));
    }

    #[test]
    fn another_name_is_refused() {
        assert_eq!(loader_script("https://example.com/app.wasm"), None);
    }
}

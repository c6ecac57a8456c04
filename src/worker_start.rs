//! Starts the page's web workers. They run the page's own wasm module, so
//! the page and its workers share one download; `main` tells them apart.
//! Once the page has loaded, workers load that module from a copy in memory.

use std::cell::RefCell;

use gloo_worker::{Spawnable, WorkerBridge};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, Response, Url};

use crate::protocol::WorkerResponse;
use crate::trial_worker::TrialWorker;

/// Whether this module is running in a web worker rather than on the page.
pub fn in_worker() -> bool {
    web_sys::window().is_none()
}

/// Starts a trial worker whose replies go to `callback`; dropping the
/// bridge ends it.
pub fn start(callback: impl Fn(WorkerResponse) + 'static) -> WorkerBridge<TrialWorker> {
    let loader = IN_MEMORY
        .with_borrow(Clone::clone)
        .unwrap_or_else(|| NETWORK.with(Clone::clone));
    TrialWorker::spawner()
        .with_loader(true)
        .callback(callback)
        .spawn(&loader)
}

thread_local! {
    /// A module script that loads the page's wasm module in a worker from
    /// the site, made once per page.
    static NETWORK: String = network_loader();
    /// The same from copies held in memory, once [`keep_module_in_memory`]
    /// has made them.
    static IN_MEMORY: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Copies the page's bindings and wasm module into memory, so that workers
/// started later (the decision tools start theirs on first use) load
/// without the network: the page keeps working offline once loaded, and
/// after the site has moved on to a new build whose files have new names.
/// Both files are in the browser's cache by now. Until the copies are
/// made, or if they cannot be, workers load from the site.
pub fn keep_module_in_memory() {
    wasm_bindgen_futures::spawn_local(async {
        match in_memory_loader().await {
            Ok(loader) => IN_MEMORY.set(Some(loader)),
            Err(error) => web_sys::console::warn_2(
                &"workers will load the page's module from the site:".into(),
                &error,
            ),
        }
    });
}

async fn in_memory_loader() -> Result<String, JsValue> {
    let (bindings, wasm) = module_files().ok_or("the page's module is not linked as expected")?;
    let bindings = copy_in_memory(&bindings, "text/javascript").await?;
    let wasm = copy_in_memory(&wasm, "application/wasm").await?;
    script_url(&loader_script(&bindings, &wasm))
}

/// A `blob:` address holding what `url` serves, typed as `mime` (a wasm
/// module must be `application/wasm` to compile as it streams in).
async fn copy_in_memory(url: &str, mime: &str) -> Result<String, JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let response: Response = JsFuture::from(window.fetch_with_str(url))
        .await?
        .dyn_into()?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()).into());
    }
    let body: Blob = JsFuture::from(response.blob()?).await?.dyn_into()?;
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let typed = Blob::new_with_blob_sequence_and_options(&js_sys::Array::of1(&body), &options)?;
    Url::create_object_url_with_blob(&typed)
}

fn network_loader() -> String {
    let (bindings, wasm) = module_files()
        .expect("the page links its own wasm module, named like wasm-bindgen's output");
    script_url(&loader_script(&bindings, &wasm)).expect("a script blob can be made")
}

/// The absolute addresses of the page's bindings and wasm module. Trunk
/// preloads the module with a link whose address carries the build's hash;
/// the bindings sit beside it under the same name.
fn module_files() -> Option<(String, String)> {
    let window = web_sys::window()?;
    let base = window.location().href().ok()?;
    let link = window
        .document()?
        .query_selector(r#"link[rel="preload"][type="application/wasm"]"#)
        .ok()??;
    let href = link.get_attribute("href")?;
    let wasm = Url::new_with_base(&href, &base).ok()?.href();
    beside(&wasm).map(|bindings| (bindings, wasm))
}

/// The bindings wasm-bindgen writes beside the module at `wasm_url`, or
/// `None` when the name is not wasm-bindgen's (`…_bg.wasm`).
pub fn beside(wasm_url: &str) -> Option<String> {
    Some(format!("{}.js", wasm_url.strip_suffix("_bg.wasm")?))
}

/// The module script that starts the wasm module at `wasm_url` with the
/// bindings at `bindings_url` (both absolute). A module that has trapped
/// cannot be trusted with another message, so the worker closes itself on
/// its first uncaught error, which also frees its memory; the error still
/// reaches the page (see [`crate::worker_failure`]).
pub fn loader_script(bindings_url: &str, wasm_url: &str) -> String {
    // JSON strings are JavaScript string literals, whatever the address holds.
    let quote = |s: &str| serde_json::to_string(s).expect("a string serialises");
    format!(
        "import init from {};self.addEventListener(\"error\",()=>self.close());\
         await init({{module_or_path:{}}});",
        quote(bindings_url),
        quote(wasm_url)
    )
}

fn script_url(script: &str) -> Result<String, JsValue> {
    let options = BlobPropertyBag::new();
    options.set_type("text/javascript");
    let parts = js_sys::Array::of1(&script.into());
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    Url::create_object_url_with_blob(&blob)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bindings_sit_beside_the_module() {
        assert_eq!(
            beside("http://127.0.0.1:8080/app/cx-journey-app-0a1b_bg.wasm").as_deref(),
            Some("http://127.0.0.1:8080/app/cx-journey-app-0a1b.js")
        );
        assert_eq!(beside("https://example.com/app.wasm"), None);
    }

    #[test]
    fn the_loader_imports_the_bindings_and_starts_the_module() {
        assert_eq!(
            loader_script(
                "blob:http://127.0.0.1:8080/1b2c",
                "blob:http://127.0.0.1:8080/3d4e"
            ),
            "import init from \"blob:http://127.0.0.1:8080/1b2c\";\
             self.addEventListener(\"error\",()=>self.close());\
             await init({module_or_path:\"blob:http://127.0.0.1:8080/3d4e\"});"
        );
    }

    #[test]
    fn quotes_in_an_address_stay_inside_the_strings() {
        let script = loader_script("https://example.com/it's \"here\"/x.js", "x_bg.wasm");
        assert!(script.contains(r#""https://example.com/it's \"here\"/x.js""#));
    }
}

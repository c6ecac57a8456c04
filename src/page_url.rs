//! The page's own address: where share links point and where the shared
//! run sits (the URL fragment). Browser-only; every failure is an error to
//! report, never a panic.

use wasm_bindgen::JsValue;

fn location() -> Result<web_sys::Location, JsValue> {
    web_sys::window()
        .map(|window| window.location())
        .ok_or_else(|| JsValue::from_str("no window"))
}

/// The fragment the page was opened with, with its `#` (or `""`).
pub fn fragment() -> Result<String, JsValue> {
    location()?.hash()
}

/// The page's address without its fragment: `origin + pathname`.
pub fn base() -> Result<String, JsValue> {
    let location = location()?;
    Ok(format!("{}{}", location.origin()?, location.pathname()?))
}

/// Replaces the fragment in the address bar and the current history entry,
/// without reloading the page or adding an entry.
pub fn replace_fragment(fragment: &str) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let url = format!("{}#{fragment}", base()?);
    window
        .history()?
        .replace_state_with_url(&JsValue::NULL, "", Some(&url))
}

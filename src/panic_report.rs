//! What the page does when the app itself fails: a Rust panic stops the
//! WebAssembly module, so instead of leaving a frozen or blank page it shows
//! a plain-DOM notice that says what happened and offers a reload. The work
//! is autosaved on every change, so a reload restores it.

use wasm_bindgen::{JsCast, JsValue, closure::Closure};

/// The notice's element id (also used by tests).
pub const NOTICE_ID: &str = "app-failure";

/// Sends panics to the console and to [`show`]; so too a trap that is not
/// a panic (the module ran out of memory), which stops the module as well.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&JsValue::from_str(&message));
        report(&message);
    }));
    let Some(window) = web_sys::window() else {
        return;
    };
    // A panic traps too, after its hook: the panic's notice says more.
    gloo_events::EventListener::new(&window, "error", |event| {
        if let Some(event) = event.dyn_ref::<web_sys::ErrorEvent>()
            && event
                .error()
                .is_instance_of::<js_sys::WebAssembly::RuntimeError>()
            && !is_shown()
        {
            report(&event.message());
        }
    })
    .forget();
}

fn report(detail: &str) {
    if let Err(error) = show(detail) {
        web_sys::console::error_2(&"could not show the failure notice:".into(), &error);
    }
}

/// Whether the failure notice is on the page.
fn is_shown() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(NOTICE_ID))
        .is_some()
}

/// The notice's text for a failure described by `detail`.
pub fn notice_text(detail: &str) -> String {
    let detail: String = detail.chars().take(600).collect();
    format!(
        "The simulator stopped because of an internal error. Your journey is saved in this \
         browser: reload the page to continue where you were.\n\nDetails: {detail}"
    )
}

/// Puts the failure notice at the top of the page, built with plain DOM
/// calls (the app's own rendering has stopped); `detail` is shown as text.
pub fn show(detail: &str) -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    if let Some(old) = document.get_element_by_id(NOTICE_ID) {
        old.remove();
    }
    let notice = document.create_element("section")?;
    notice.set_id(NOTICE_ID);
    notice.set_class_name("app-failure");
    notice.set_attribute("role", "alert")?;
    notice.set_attribute("aria-labelledby", "app-failure-heading")?;

    let heading = document.create_element("h2")?;
    heading.set_id("app-failure-heading");
    heading.set_text_content(Some("Something went wrong"));
    let text = document.create_element("p")?;
    text.set_text_content(Some(&notice_text(detail)));
    let reload = document.create_element("button")?;
    reload.set_attribute("type", "button")?;
    reload.set_text_content(Some("Reload the page"));
    let on_click = Closure::<dyn Fn()>::new(|| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
    reload.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())?;
    on_click.forget(); // lives as long as the page

    notice.append_child(&heading)?;
    notice.append_child(&text)?;
    notice.append_child(&reload)?;
    let body = document.body().ok_or("no body")?;
    body.insert_before(&notice, body.first_child().as_ref())?;
    if let Some(button) = reload.dyn_ref::<web_sys::HtmlElement>() {
        let _ = button.focus();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notice_says_the_work_is_kept_and_bounds_the_detail() {
        let text = notice_text(&"x".repeat(5000));
        assert!(text.contains("reload the page"), "{text}");
        assert!(text.contains("saved in this browser"), "{text}");
        assert!(text.len() < 1000);
    }
}

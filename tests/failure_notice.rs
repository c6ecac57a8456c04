//! The failure notice shown when the app stops (src/panic_report.rs), in
//! headless Chromium.
#![cfg(target_arch = "wasm32")]

use cx_journey_app::panic_report::{NOTICE_ID, show};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_notice_shows_the_detail_as_text_with_a_reload_button() {
    show("boom <img src=x onerror=alert(1)>").unwrap();
    show("second failure <b>bold</b>").unwrap();
    let document = web_sys::window().unwrap().document().unwrap();
    let notices = document
        .query_selector_all(&format!("#{NOTICE_ID}"))
        .unwrap();
    assert_eq!(notices.length(), 1, "one notice, the latest");
    let notice = document.get_element_by_id(NOTICE_ID).unwrap();
    assert_eq!(notice.get_attribute("role").as_deref(), Some("alert"));
    let text = notice.text_content().unwrap();
    assert!(text.contains("second failure <b>bold</b>"), "{text}");
    assert!(notice.query_selector("b").unwrap().is_none(), "no markup");
    assert!(notice.query_selector("img").unwrap().is_none(), "no markup");
    let button = notice.query_selector("button").unwrap().unwrap();
    assert_eq!(button.text_content().as_deref(), Some("Reload the page"));
    let focused = document.active_element().unwrap();
    assert_eq!(focused, button, "the reload button has focus");
}

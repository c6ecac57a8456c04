//! Moving the keyboard's focus from code: after a re-render the element
//! that had it may be gone, replaced or far down the page.

use wasm_bindgen::JsCast;

/// Focuses the first of the elements with these ids that exists and is
/// enabled.
pub fn focus_first(ids: &[String]) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let target = ids.iter().find_map(|id| {
        document
            .get_element_by_id(id)
            .filter(|e| !e.has_attribute("disabled"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    });
    if let Some(element) = target {
        if let Err(error) = element.focus() {
            web_sys::console::warn_2(&"could not move the focus:".into(), &error);
        }
        scroll_to(&element);
    }
}

/// Scrolls `element` just into view: focusing an element that already had
/// the focus (a moved stage's button) does not, and it may have moved far.
pub fn scroll_to(element: &web_sys::Element) {
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Nearest);
    element.scroll_into_view_with_scroll_into_view_options(&options);
}

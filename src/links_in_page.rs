//! Links opened in a page that is already open. Pasting a share link into
//! the address bar of the page, or going Back or Forward between links,
//! changes only the address's fragment, and the browser does not reload
//! the page for that: the page must open the link itself.

use gloo_events::EventListener;
use journey_core::share::{self, ShareError};
use yew::prelude::*;

use crate::components::keep_before_link;
use crate::{page_url, storage};

/// How a link opens in the page.
pub struct Opening {
    /// It shows the executive report first, as on opening the page with it.
    pub report_first: bool,
    /// What was kept of the journey it replaces, for the Journeys panel.
    pub notice: Option<AttrValue>,
}

/// Before `link` opens in the page, whose run is `current` (share text)
/// and journey `name`, `edited` since the page opened: keeps the work the
/// link replaces, if any, in My journeys. `None` when the link is the run
/// on the page already.
pub fn prepare(link: &str, current: Option<&str>, name: &str, edited: bool) -> Option<Opening> {
    if current == Some(link) {
        return None;
    }
    // The run the link brings, if it can be read.
    let run = match share::decode(link) {
        Ok(run) => Some(run),
        Err(ShareError::InvalidScenario { run, .. }) => Some(*run),
        Err(_) => None,
    };
    let notice = match run {
        Some(run) if current == Some(share::encode(&run).as_str()) => return None,
        Some(_) => current.and_then(|current| keep_before_link(current, name, edited)),
        None => None,
    };
    let saved = storage::browser::get(storage::CURRENT_KEY).unwrap_or_else(|error| {
        web_sys::console::warn_2(&"could not read the saved journey:".into(), &error);
        None
    });
    Some(Opening {
        report_first: storage::opens_on_report(link, saved.as_deref()),
        notice,
    })
}

/// Calls `on_link` with the fragment (without its `#`) whenever the
/// address's fragment changes to a non-empty one. The page's own updates
/// of its address do not count: they replace it without such a change.
#[hook]
pub fn use_links_opened_in_page(on_link: Callback<String>) {
    use_effect_with(on_link, move |on_link| {
        let on_link = on_link.clone();
        let listener = web_sys::window().map(|window| {
            EventListener::new(&window, "hashchange", move |_| {
                let fragment = match page_url::fragment() {
                    Ok(fragment) => fragment,
                    Err(error) => {
                        web_sys::console::warn_2(
                            &"could not read the page address:".into(),
                            &error,
                        );
                        return;
                    }
                };
                let text = fragment.trim();
                let text = text.strip_prefix('#').unwrap_or(text).trim();
                // An address without a link leaves the page as it is.
                if !text.is_empty() {
                    on_link.emit(text.to_string());
                }
            })
        });
        move || drop(listener)
    });
}

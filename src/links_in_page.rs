//! Links opened in a page that is already open. Pasting a share link into
//! the address bar of the page, or going Back or Forward between links,
//! changes only the address's fragment, and the browser does not reload
//! the page for that: the page must open the link itself.

use gloo_events::EventListener;
use journey_core::share::{self, ShareError};
use wasm_bindgen::JsCast;
use web_sys::HashChangeEvent;
use yew::prelude::*;

use crate::components::keep_before_link;
use crate::storage;

/// How a link opens in the page.
pub struct Opening {
    /// The link (share text) to open.
    pub link: String,
    /// It shows the executive report first, as on opening the page with it.
    pub report_first: bool,
    /// What was kept of the journey it replaces, for the Journeys panel.
    pub notice: Option<AttrValue>,
}

/// Before `fragment` (the address's new fragment) opens in the page, whose
/// run is `current` (share text) and journey `name`, `edited` since the
/// page opened: keeps the work the link replaces, if any, in My journeys.
/// An address without a fragment (Back to the page as it was before its
/// address had a run) stands for the autosaved run. `None`: nothing to
/// open, as the run is the one on the page already.
pub fn prepare(fragment: &str, current: Option<&str>, name: &str, edited: bool) -> Option<Opening> {
    let saved = storage::saved_run();
    let link = if fragment.is_empty() {
        saved.clone()?
    } else {
        fragment.to_string()
    };
    if current == Some(link.as_str()) {
        return None;
    }
    // The run the link brings, if it can be read.
    let run = match share::decode(&link) {
        Ok(run) => Some(run),
        Err(ShareError::InvalidScenario { run, .. } | ShareError::Trials { run, .. }) => Some(*run),
        Err(_) => None,
    };
    let notice = match run {
        Some(run) if current == Some(share::encode(&run).as_str()) => return None,
        Some(_) => {
            current.and_then(|current| keep_before_link(current, name, edited, "the link opened"))
        }
        None => None,
    };
    Some(Opening {
        report_first: storage::opens_on_report(&link, saved.as_deref()),
        link,
        notice,
    })
}

/// Calls `on_link` with the fragment (without its `#`, perhaps empty)
/// whenever the address's fragment changes. The page's own updates of its
/// address do not count: they replace it without such a change.
#[hook]
pub fn use_links_opened_in_page(on_link: Callback<String>) {
    use_effect_with(on_link, move |on_link| {
        let on_link = on_link.clone();
        let listener = web_sys::window().map(|window| {
            EventListener::new(&window, "hashchange", move |event| {
                // The address the event is for: by the time it runs, the
                // page may have replaced the address with its own run.
                let Some(url) = event
                    .dyn_ref::<HashChangeEvent>()
                    .map(HashChangeEvent::new_url)
                else {
                    return;
                };
                let text = url
                    .split_once('#')
                    .map_or("", |(_, fragment)| fragment.trim());
                on_link.emit(text.to_string());
            })
        });
        move || drop(listener)
    });
}

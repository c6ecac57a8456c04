//! The page's own address: where share links point and where the shared
//! run sits (the URL fragment). Browser-only; every failure is an error to
//! report, never a panic.

use gloo_timers::callback::Timeout;
use wasm_bindgen::JsValue;

use crate::storage::{self, browser::session};

fn location() -> Result<web_sys::Location, JsValue> {
    web_sys::window()
        .map(|window| window.location())
        .ok_or_else(|| JsValue::from_str("no window"))
}

/// The fragment the page was opened with, with its `#` (or `""`).
pub fn fragment() -> Result<String, JsValue> {
    location()?.hash()
}

/// The query the page was opened with, with its `?` (or `""`).
pub fn query() -> Result<String, JsValue> {
    location()?.search()
}

/// Replaces the query in the address bar and the current history entry,
/// keeping the fragment and the view the entry is marked with.
pub fn replace_query(query: &str) -> Result<(), JsValue> {
    let history = history()?;
    let url = format!("{}{query}{}", base()?, fragment()?);
    history.replace_state_with_url(&history.state()?, "", Some(&url))
}

/// The page's address without its query and fragment: `origin + pathname`.
pub fn base() -> Result<String, JsValue> {
    let location = location()?;
    Ok(format!("{}{}", location.origin()?, location.pathname()?))
}

fn history() -> Result<web_sys::History, JsValue> {
    web_sys::window()
        .ok_or_else(|| JsValue::from_str("no window"))?
        .history()
}

/// Replaces the fragment in the address bar and the current history entry,
/// without reloading the page or adding an entry; the entry keeps the view
/// it is marked with (see [`push_view`]).
pub fn replace_fragment(fragment: &str) -> Result<(), JsValue> {
    let history = history()?;
    let url = format!("{}#{fragment}", base()?);
    history.replace_state_with_url(&history.state()?, "", Some(&url))
}

/// Marks the current history entry as showing view `from`, then adds an
/// entry for view `to` at the same address, so that the browser's Back
/// returns to `from` within the page (see [`view_shown`]).
pub fn push_view(from: &str, to: &str) -> Result<(), JsValue> {
    let history = history()?;
    history.replace_state(&JsValue::from_str(from), "")?;
    history.push_state(&JsValue::from_str(to), "")
}

/// The view the current history entry is marked with, if any: after Back
/// or Forward, the one to show.
pub fn view_shown() -> Option<String> {
    history().ok()?.state().ok()?.as_string()
}

/// How long the address waits for edits to pause before it follows them:
/// each update of the address costs the browser a few milliseconds of the
/// page's time, and Safari refuses more than 100 in 30 seconds.
const FOLLOW_AFTER_MS: u32 = 400;

/// The address following the run on the page, once edits pause. Until it
/// does, this tab's sessionStorage keeps both ([`storage::ADDRESS_KEY`]),
/// so that opening the page again on the address in between (a reload)
/// opens the run the user was looking at (see [`storage::startup`]). The
/// share link on the page is always the current one.
#[derive(Default)]
pub struct Follower {
    pending: Option<Timeout>,
}

impl Follower {
    /// Has the address follow `fragment` (without `#`) once edits pause.
    pub fn follow(&mut self, fragment: &str) {
        self.pending = None;
        let shown = self::fragment().unwrap_or_default();
        let shown = shown.strip_prefix('#').unwrap_or(&shown);
        if shown == fragment {
            forget_pending();
            return;
        }
        // A page whose address has no run yet is restored from the
        // autosave, which already has the latest.
        if !shown.is_empty() {
            let pending = storage::Pending {
                address: shown.to_string(),
                run: fragment.to_string(),
            };
            if let Err(error) = session::set(storage::ADDRESS_KEY, &pending.to_text()) {
                warn("could not keep the run for the page address:", &error);
            }
        }
        let fragment = fragment.to_string();
        self.pending = Some(Timeout::new(FOLLOW_AFTER_MS, move || {
            if let Err(error) = replace_fragment(&fragment) {
                warn("could not update the page address:", &error);
            }
            forget_pending();
        }));
    }

    /// Drops an update not yet made: the address has moved on (a link was
    /// opened in the page).
    pub fn cancel(&mut self) {
        self.pending = None;
        forget_pending();
    }
}

fn forget_pending() {
    if let Err(error) = session::remove(storage::ADDRESS_KEY) {
        warn("could not clear the run kept for the page address:", &error);
    }
}

/// What this tab kept of an address that had not followed the last edits
/// when the page was left (see [`storage::Pending`]), if anything; it is
/// then cleared.
pub fn take_pending() -> Option<String> {
    let pending = session::get(storage::ADDRESS_KEY).unwrap_or_else(|error| {
        warn("could not read the run kept for the page address:", &error);
        None
    })?;
    forget_pending();
    Some(pending)
}

fn warn(what: &str, error: &JsValue) {
    web_sys::console::warn_2(&what.into(), error);
}

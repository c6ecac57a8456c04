//! Autosave: the current run (scenario, seed and trials) kept in the
//! browser's localStorage as share-link text, so the same codec and
//! validation apply. The decisions are pure functions, tested natively;
//! [`browser`] does the reading and writing.

use journey_core::share::{self, ShareError};

use crate::app_state::AppState;

/// Where the current run is saved.
pub const CURRENT_KEY: &str = "cx-journey/v1/current";
/// Where a saved run that could not be restored is kept.
pub const DAMAGED_KEY: &str = "cx-journey/v1/damaged";

/// Whether small runs start by themselves after a change: "off" or "on".
pub const AUTO_RUN_KEY: &str = "cx-journey/v1/auto-run";

/// What the page opens with.
#[derive(Clone, Debug, PartialEq)]
pub struct Startup {
    pub state: AppState,
    /// Why the saved run could not be restored, for the page to show.
    pub problem: Option<String>,
    /// A saved value that could not be restored: to copy to [`DAMAGED_KEY`].
    pub damaged: Option<String>,
    /// The page was opened from someone's share link, not reloaded on the
    /// user's own autosaved run: it shows the executive report first.
    pub report_first: bool,
    /// The page opened on the user's own work (their autosaved run, or a
    /// reload of it), not on a link or the default journey.
    pub own_work: bool,
}

/// The fragment's text without its `#` and surrounding blanks.
fn fragment_text(fragment: &str) -> &str {
    let text = fragment.trim();
    text.strip_prefix('#').unwrap_or(text).trim()
}

fn is_empty_fragment(fragment: &str) -> bool {
    fragment_text(fragment).is_empty()
}

/// The state for a page opened with the URL fragment `fragment` and the
/// autosaved value `saved`: a link wins over the autosave; without one the
/// saved run is restored; a saved run that does not decode gives the
/// default journey, a message and the value to keep as damaged.
pub fn startup(fragment: &str, saved: Option<&str>) -> Startup {
    let plain = |state| Startup {
        state,
        problem: None,
        damaged: None,
        report_first: false,
        own_work: false,
    };
    if !is_empty_fragment(fragment) {
        let state = AppState::from_fragment(fragment);
        let own_work = is_own_run(fragment, saved);
        return Startup {
            report_first: state.from_link && !own_work,
            own_work,
            ..plain(state)
        };
    }
    let Some(saved) = saved else {
        return plain(AppState::default());
    };
    let own = |state| Startup {
        own_work: true,
        ..plain(state)
    };
    match share::decode(saved) {
        Ok(run) => own(AppState::from_run(run)),
        // A saved run whose scenario breaks a rule opens in the editor,
        // with its problems shown in place, like a share link.
        Err(ShareError::InvalidScenario { run, .. }) => own(AppState::from_run(*run)),
        Err(ShareError::Empty) => plain(AppState::default()),
        Err(error) => Startup {
            state: AppState::default(),
            problem: Some(format!(
                "Your saved journey could not be restored: {error}; the default journey is shown. \
                 The saved copy was kept as {DAMAGED_KEY}."
            )),
            damaged: Some(saved.to_string()),
            report_first: false,
            own_work: false,
        },
    }
}

/// The address follows the user's own edits, so a reload, or Back to the
/// page as it was before a link was opened in it, carries their autosaved
/// run as a fragment: that is not someone else's link.
fn is_own_run(fragment: &str, saved: Option<&str>) -> bool {
    saved.is_some_and(|saved| saved.trim() == fragment_text(fragment))
}

/// Whether a link opened in the open page shows the executive report
/// first, as on opening the page with it: a good link that is not the
/// user's own autosaved run.
pub fn opens_on_report(fragment: &str, saved: Option<&str>) -> bool {
    !is_own_run(fragment, saved) && share::decode(fragment).is_ok()
}

/// Whether to save `current` (the run's share text, `None` while it has
/// none): only once it differs from what the page opened with, so that
/// opening a link or restoring leaves the autosave alone until the user
/// edits. `edited` is whether an earlier change was already saved; the
/// result's first part is its new value.
pub fn to_save<'a>(
    opened_with: Option<&str>,
    current: Option<&'a str>,
    edited: bool,
) -> (bool, Option<&'a str>) {
    let edited = edited || current != opened_with;
    (edited, current.filter(|_| edited))
}

/// localStorage, where there is one. Every failure is an error to report,
/// never a panic.
pub mod browser {
    use wasm_bindgen::JsValue;

    fn storage() -> Result<web_sys::Storage, JsValue> {
        web_sys::window()
            .ok_or_else(|| JsValue::from_str("no window"))?
            .local_storage()?
            .ok_or_else(|| JsValue::from_str("no localStorage"))
    }

    pub fn get(key: &str) -> Result<Option<String>, JsValue> {
        storage()?.get_item(key)
    }

    pub fn set(key: &str, value: &str) -> Result<(), JsValue> {
        storage()?.set_item(key, value)
    }

    pub fn remove(key: &str) -> Result<(), JsValue> {
        storage()?.remove_item(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use journey_core::share::SharedRun;

    fn saved(seed: u64, months: u32) -> String {
        let mut scenario = (*AppState::default().scenario).clone();
        scenario.months = months;
        share::encode(&SharedRun {
            scenario,
            seed,
            trials: 1234,
        })
    }

    #[test]
    fn nothing_saved_and_no_link_opens_the_default() {
        assert_eq!(startup("", None).state, AppState::default());
        assert_eq!(startup("#", Some("")).state, AppState::default());
        assert_eq!(startup("", None).problem, None);
        assert!(!startup("", None).own_work && !startup("#", Some("")).own_work);
    }

    #[test]
    fn a_shared_link_opens_on_the_report_but_a_reload_of_own_work_does_not() {
        let link = format!("#{}", saved(7, 12));
        let shared = startup(&link, None);
        assert!(shared.state.from_link && shared.report_first);
        let other_save = startup(&link, Some(&saved(8, 12)));
        assert!(other_save.report_first);
        let reloaded = startup(&link, Some(&saved(7, 12)));
        assert!(reloaded.state.from_link);
        assert!(!reloaded.report_first);
        assert!(reloaded.own_work && !shared.own_work && !other_save.own_work);
        assert!(!startup("", Some(&saved(7, 12))).report_first);
        assert!(!startup("#v1.broken", None).report_first);
    }

    #[test]
    fn a_link_opened_in_the_page_shows_the_report_unless_it_is_the_users_own_run() {
        let link = saved(7, 12);
        assert!(opens_on_report(&format!("#{link}"), None));
        assert!(opens_on_report(&link, Some(&saved(8, 12))));
        assert!(!opens_on_report(&format!("#{link}"), Some(&link)));
        assert!(!opens_on_report("#v1.broken", None));
        assert!(!opens_on_report("", None));
    }

    #[test]
    fn a_saved_run_is_restored_without_running() {
        let opened = startup("", Some(&saved(42, 12)));
        assert_eq!(opened.state.seed(), Ok(42));
        assert_eq!(opened.state.scenario.months, 12);
        assert_eq!(opened.state.trials(), Ok(1234));
        assert!(!opened.state.from_link);
        assert!(opened.own_work);
        assert_eq!((opened.problem, opened.damaged), (None, None));
        assert_eq!(
            opened.state.share_fragment().as_deref(),
            Some(saved(42, 12).as_str())
        );
    }

    #[test]
    fn a_link_wins_over_the_autosave() {
        let link = saved(7, 24);
        let opened = startup(&format!("#{link}"), Some(&saved(42, 12)));
        assert_eq!(opened.state.seed(), Ok(7));
        assert!(opened.state.from_link);
        // Even a broken link: it says so, the autosave is not touched.
        let broken = startup("#v1.garbage", Some(&saved(42, 12)));
        assert!(broken.state.link_problem.is_some());
        assert_eq!((broken.problem, broken.damaged), (None, None));
    }

    #[test]
    fn a_damaged_save_gives_the_default_and_is_kept() {
        for bad in ["v1.garbage", "nonsense", "v9.abc", "{\"scenario\":1}"] {
            let opened = startup("", Some(bad));
            assert_eq!(opened.state, AppState::default(), "{bad}");
            assert_eq!(opened.damaged.as_deref(), Some(bad));
            assert!(!opened.own_work, "{bad}");
            let problem = opened.problem.expect("a message");
            assert!(
                problem.starts_with("Your saved journey could not be restored: "),
                "{problem}"
            );
            assert!(problem.contains(DAMAGED_KEY), "{problem}");
        }
    }

    #[test]
    fn an_invalid_saved_scenario_opens_in_the_editor() {
        let opened = startup("", Some(&saved(3, 0)));
        assert_eq!(opened.state.scenario.months, 0);
        assert_eq!((opened.problem, opened.damaged), (None, None));
        assert!(!opened.state.from_link);
    }

    #[test]
    fn nothing_is_saved_until_the_run_changes() {
        assert_eq!(to_save(Some("a"), Some("a"), false), (false, None));
        assert_eq!(to_save(Some("a"), Some("b"), false), (true, Some("b")));
        // Changed back to how it opened: still saved, the user edited.
        assert_eq!(to_save(Some("a"), Some("a"), true), (true, Some("a")));
        // Invalid trials: nothing to save, but the edit is remembered.
        assert_eq!(to_save(Some("a"), None, false), (true, None));
    }
}

//! Autosave: the current run (scenario, seed and trials) kept in the
//! browser's localStorage as share-link text, so the same codec and
//! validation apply. The decisions are pure functions, tested natively;
//! [`browser`] does the reading and writing.

use journey_core::share::{self, ShareError};
use journey_core::{MAX_SCENARIO_BYTES, MAX_TRIALS};

use crate::app_state::AppState;
use crate::format::{grouped, not_opened};

/// Where the current run is saved.
pub const CURRENT_KEY: &str = "cx-journey/v1/current";
/// Where a saved run that could not be restored is kept (see
/// [`copy_key`]).
pub const DAMAGED_KEY: &str = "cx-journey/v1/damaged";

/// Stored text the page cannot read is copied aside under `KEY`, `KEY-2`,
/// … up to this many, so that a second damage keeps the first's copy.
pub const MAX_COPIES: usize = 20;

/// The key of the `n`th copy (from 1) under `base`.
pub fn copy_key(base: &str, n: usize) -> String {
    match n {
        ..=1 => base.to_string(),
        n => format!("{base}-{n}"),
    }
}

/// Where to copy aside `text` under `base`: the first key that is free or
/// already holds it (a page reads the same damage on every load), as
/// `stored` reads them; `None` when none is, or storage cannot be read.
pub fn free_copy_key<E>(
    base: &str,
    text: &str,
    stored: impl Fn(&str) -> Result<Option<String>, E>,
) -> Option<String> {
    for key in (1..=MAX_COPIES).map(|n| copy_key(base, n)) {
        match stored(&key).ok()? {
            Some(kept) if kept != text => continue,
            _ => return Some(key),
        }
    }
    None
}

/// In sessionStorage, so per tab, while the address has not yet followed
/// the run on the page (see `page_url::Follower`): a [`Pending`], the
/// address it holds and the run it is about to hold.
pub const ADDRESS_KEY: &str = "cx-journey/v1/address-pending";

/// Whether small runs start by themselves after a change: "off" or "on".
pub const AUTO_RUN_KEY: &str = "cx-journey/v1/auto-run";

/// What the page opens with.
#[derive(Clone, Debug, PartialEq)]
pub struct Startup {
    pub state: AppState,
    /// Why the saved run could not be restored, for the page to show.
    pub problem: Option<String>,
    /// The saved run could not be restored and was copied aside: the page
    /// clears it from [`CURRENT_KEY`].
    pub kept_aside: bool,
    /// The page was opened from someone's share link, not reloaded on the
    /// user's own autosaved run: it shows the executive report first.
    pub report_first: bool,
    /// The page opened on the user's own work (their autosaved run, or a
    /// reload of it), not on a link or the default journey.
    pub own_work: bool,
    /// The page opened on a run its address has not caught up with.
    pub address_behind: bool,
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
/// default journey and a message naming the key `copy_to` copied it to
/// (`None`: no copy could be kept). `pending`
/// is what this tab kept of its address when it was left
/// ([`ADDRESS_KEY`], see [`Pending`]): opened again on that address (a
/// reload, Back, a closed tab brought back) before the address had
/// followed the last edits, the page opens the latest run, not the address.
pub fn startup(
    fragment: &str,
    pending: Option<&str>,
    saved: Option<&str>,
    copy_to: impl FnOnce(&str) -> Option<String>,
) -> Startup {
    let plain = |state| Startup {
        state,
        problem: None,
        kept_aside: false,
        report_first: false,
        own_work: false,
        address_behind: false,
    };
    if let Some(latest) = pending.and_then(|p| Pending::from_text(p)?.latest_for(fragment)) {
        return Startup {
            own_work: true,
            address_behind: true,
            ..plain(AppState::from_fragment(&latest))
        };
    }
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
        Err(error) => {
            let key = copy_to(saved);
            let kept = match &key {
                Some(key) => format!("the saved copy was kept as {key}"),
                None => "no copy of it could be kept".into(),
            };
            Startup {
                problem: Some(not_opened(
                    "Your saved journey",
                    &saved_run_fault(&error),
                    &format!("The default journey is shown; {kept}."),
                )),
                kept_aside: key.is_some(),
                ..plain(AppState::default())
            }
        }
    }
}

/// What is wrong with a run kept in this browser, in words about a saved
/// journey: a share link's own message would ask to copy the link again.
pub fn saved_run_fault(error: &ShareError) -> String {
    match error {
        ShareError::UnknownVersion(v) if *v > share::VERSION => {
            format!(
                "it was saved by a newer version of this page (v{v}); reload the page to update it"
            )
        }
        ShareError::UnknownVersion(v) => {
            format!("it is in a format (v{v}) this page does not read")
        }
        ShareError::NotAScenario(problems) => problems.introduced_by("it does not hold a scenario"),
        ShareError::NotAShareLink | ShareError::Damaged => "it is damaged".to_string(),
        ShareError::FarBeyondLimits(problem) => format!("it has {}", problem.message),
        ShareError::TooLarge => format!(
            "it holds more than {} KB, the most a scenario may take",
            MAX_SCENARIO_BYTES / 1024
        ),
        ShareError::Trials { asked, .. } => {
            let most = grouped(u64::from(MAX_TRIALS));
            format!(
                "it asks for {} trials; a run has between 1 and {most}",
                grouped(*asked)
            )
        }
        // Not passed here: an empty run restores nothing, an invalid one
        // opens in the editor.
        other @ (ShareError::Empty | ShareError::InvalidScenario { .. }) => other.to_string(),
    }
}

/// An address that has not yet followed the last edits: the fragment it
/// holds and the run it is about to hold (both without `#`).
#[derive(Debug, PartialEq)]
pub struct Pending {
    pub address: String,
    pub run: String,
}

impl Pending {
    /// As kept: the two on a line each (neither can hold a line break).
    pub fn to_text(&self) -> String {
        format!("{}\n{}", self.address, self.run)
    }

    fn from_text(text: &str) -> Option<Pending> {
        let (address, run) = text.split_once('\n')?;
        Some(Pending {
            address: address.to_string(),
            run: run.to_string(),
        })
    }

    /// The run to open for a page opened on `fragment`: the latest, when
    /// `fragment` is the address that had not followed it yet. An empty
    /// address is not kept: the autosave has the latest run then.
    fn latest_for(self, fragment: &str) -> Option<String> {
        let behind = !self.address.is_empty() && fragment_text(fragment) == self.address;
        (behind && !self.run.is_empty() && self.run != self.address).then_some(self.run)
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

/// The autosaved run ([`CURRENT_KEY`]), if there is one and it can be read.
pub fn saved_run() -> Option<String> {
    browser::get(CURRENT_KEY).unwrap_or_else(|error| {
        web_sys::console::warn_2(&"could not read the saved journey:".into(), &error);
        None
    })
}

/// localStorage, where there is one, and [`session`] storage. Every
/// failure is an error to report, never a panic.
pub mod browser {
    use wasm_bindgen::JsValue;

    /// Local storage (kept by the browser) or session storage (this tab's,
    /// kept across its reloads).
    #[derive(Clone, Copy)]
    enum Area {
        Local,
        Session,
    }

    fn storage(area: Area) -> Result<web_sys::Storage, JsValue> {
        let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
        let (storage, missing) = match area {
            Area::Local => (window.local_storage()?, "no localStorage"),
            Area::Session => (window.session_storage()?, "no sessionStorage"),
        };
        storage.ok_or_else(|| JsValue::from_str(missing))
    }

    pub fn get(key: &str) -> Result<Option<String>, JsValue> {
        storage(Area::Local)?.get_item(key)
    }

    pub fn set(key: &str, value: &str) -> Result<(), JsValue> {
        storage(Area::Local)?.set_item(key, value)
    }

    pub fn remove(key: &str) -> Result<(), JsValue> {
        storage(Area::Local)?.remove_item(key)
    }

    /// Copies stored text the page cannot read aside under `base` (see
    /// [`super::free_copy_key`]); the key, once the copy is there.
    pub fn copy_aside(base: &str, text: &str) -> Option<String> {
        let key = super::free_copy_key(base, text, get)?;
        if get(&key).ok()?.as_deref() != Some(text)
            && let Err(error) = set(&key, text)
        {
            web_sys::console::warn_2(&"could not keep damaged text aside:".into(), &error);
            return None;
        }
        Some(key)
    }

    /// sessionStorage: this tab's, kept across its reloads.
    pub mod session {
        use super::{Area, storage};
        use wasm_bindgen::JsValue;

        pub fn get(key: &str) -> Result<Option<String>, JsValue> {
            storage(Area::Session)?.get_item(key)
        }

        pub fn set(key: &str, value: &str) -> Result<(), JsValue> {
            storage(Area::Session)?.set_item(key, value)
        }

        pub fn remove(key: &str) -> Result<(), JsValue> {
            storage(Area::Session)?.remove_item(key)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use journey_core::share::SharedRun;

    /// Startup where the damaged copy's key is free.
    fn startup(fragment: &str, pending: Option<&str>, saved: Option<&str>) -> Startup {
        super::startup(fragment, pending, saved, |_| Some(DAMAGED_KEY.into()))
    }

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
        assert_eq!(startup("", None, None).state, AppState::default());
        assert_eq!(startup("#", None, Some("")).state, AppState::default());
        assert_eq!(startup("", None, None).problem, None);
        assert!(!startup("", None, None).own_work && !startup("#", None, Some("")).own_work);
    }

    #[test]
    fn a_shared_link_opens_on_the_report_but_a_reload_of_own_work_does_not() {
        let link = format!("#{}", saved(7, 12));
        let shared = startup(&link, None, None);
        assert!(shared.state.from_link && shared.report_first);
        let other_save = startup(&link, None, Some(&saved(8, 12)));
        assert!(other_save.report_first);
        let reloaded = startup(&link, None, Some(&saved(7, 12)));
        assert!(reloaded.state.from_link);
        assert!(!reloaded.report_first);
        assert!(reloaded.own_work && !shared.own_work && !other_save.own_work);
        assert!(!startup("", None, Some(&saved(7, 12))).report_first);
        assert!(!startup("#v1.broken", None, None).report_first);
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
    fn a_reload_before_the_address_followed_the_last_edits_opens_them() {
        let (address, latest) = (saved(7, 12), saved(7, 24));
        let pending = Pending {
            address: address.clone(),
            run: latest.clone(),
        }
        .to_text();
        // Whatever the autosave holds (another tab may have written it).
        for autosave in [None, Some(latest.as_str()), Some(address.as_str())] {
            let opened = startup(&format!("#{address}"), Some(&pending), autosave);
            assert_eq!(opened.state.scenario.months, 24, "{autosave:?}");
            assert!(opened.own_work && !opened.report_first, "{autosave:?}");
            assert!(opened.address_behind, "{autosave:?}");
        }
        // Opened on another address (a link, the page's plain address),
        // nothing pending, or a record that cannot be read: as before.
        assert_eq!(
            startup(&format!("#{latest}"), Some(&pending), None)
                .state
                .scenario
                .months,
            24
        );
        let other = format!("#{}", saved(8, 6));
        assert_eq!(
            startup(&other, Some(&pending), None).state.scenario.months,
            6
        );
        assert_eq!(
            startup("", Some(&pending), Some(&address))
                .state
                .scenario
                .months,
            12
        );
        for unreadable in [None, Some(""), Some("{"), Some(address.as_str())] {
            let opened = startup(&format!("#{address}"), unreadable, None);
            assert_eq!(opened.state.scenario.months, 12, "{unreadable:?}");
            assert!(
                opened.report_first && !opened.address_behind,
                "{unreadable:?}"
            );
        }
        // An empty address is not kept: the autosave has the latest then.
        let fresh = Pending {
            address: String::new(),
            run: latest.clone(),
        }
        .to_text();
        assert!(!startup("", Some(&fresh), None).own_work);
    }

    #[test]
    fn a_saved_run_is_restored_without_running() {
        let opened = startup("", None, Some(&saved(42, 12)));
        assert_eq!(opened.state.seed(), Ok(42));
        assert_eq!(opened.state.scenario.months, 12);
        assert_eq!(opened.state.trials(), Ok(1234));
        assert!(!opened.state.from_link);
        assert!(opened.own_work);
        assert_eq!((opened.problem, opened.kept_aside), (None, false));
        assert_eq!(
            opened.state.share_fragment().as_deref(),
            Some(saved(42, 12).as_str())
        );
    }

    #[test]
    fn a_link_wins_over_the_autosave() {
        let link = saved(7, 24);
        let opened = startup(&format!("#{link}"), None, Some(&saved(42, 12)));
        assert_eq!(opened.state.seed(), Ok(7));
        assert!(opened.state.from_link);
        // Even a broken link: it says so, the autosave is not touched.
        let broken = startup("#v1.garbage", None, Some(&saved(42, 12)));
        assert!(broken.state.link_problem.is_some());
        assert_eq!((broken.problem, broken.kept_aside), (None, false));
    }

    #[test]
    fn a_damaged_save_gives_the_default_and_is_kept() {
        for bad in ["v1.garbage", "nonsense", "v9.abc", "{\"scenario\":1}"] {
            let opened = startup("", None, Some(bad));
            assert_eq!(opened.state, AppState::default(), "{bad}");
            assert!(opened.kept_aside, "{bad}");
            assert!(!opened.own_work, "{bad}");
            let problem = opened.problem.expect("a message");
            assert!(
                problem.starts_with("Your saved journey could not be opened"),
                "{problem}"
            );
            assert!(!problem.contains("link"), "{problem}");
            assert!(problem.contains(DAMAGED_KEY), "{problem}");
        }
    }

    #[test]
    fn a_damaged_save_that_cannot_be_copied_says_so() {
        let opened = super::startup("", None, Some("v1.garbage"), |_| None);
        assert!(!opened.kept_aside);
        assert_eq!(
            opened.problem.as_deref(),
            Some(
                "Your saved journey could not be opened: it is damaged. The default journey \
                 is shown; no copy of it could be kept."
            )
        );
        let kept = super::startup("", None, Some("v1.garbage"), |_| {
            Some(copy_key(DAMAGED_KEY, 3))
        });
        assert!(
            kept.problem
                .unwrap()
                .ends_with("the saved copy was kept as cx-journey/v1/damaged-3.")
        );
    }

    #[test]
    fn damaged_text_is_copied_to_the_first_free_key_or_where_it_already_is() {
        let stored = |keys: &'static [(&'static str, &'static str)]| {
            move |key: &str| -> Result<Option<String>, ()> {
                Ok(keys
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, v)| v.to_string()))
            }
        };
        let free = |keys| free_copy_key("k", "bad", stored(keys));
        assert_eq!(free(&[]).as_deref(), Some("k"));
        assert_eq!(free(&[("k", "old")]).as_deref(), Some("k-2"));
        assert_eq!(
            free(&[("k", "old"), ("k-2", "older")]).as_deref(),
            Some("k-3")
        );
        assert_eq!(
            free(&[("k", "old"), ("k-2", "bad")]).as_deref(),
            Some("k-2")
        );
        assert_eq!(free(&[("k", "bad"), ("k-2", "old")]).as_deref(), Some("k"));
        let full: Vec<(String, String)> = (1..=MAX_COPIES)
            .map(|n| (copy_key("k", n), format!("old {n}")))
            .collect();
        let in_full = |key: &str| -> Result<Option<String>, ()> {
            Ok(full.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()))
        };
        assert_eq!(free_copy_key("k", "bad", in_full), None);
        assert_eq!(
            free_copy_key("k", "old 20", in_full).as_deref(),
            Some("k-20")
        );
        let blocked = |_: &str| -> Result<Option<String>, ()> { Err(()) };
        assert_eq!(free_copy_key("k", "bad", blocked), None);
    }

    #[test]
    fn a_saved_run_fault_speaks_of_the_saved_journey_not_a_link() {
        use journey_core::{Problem, Problems};
        let shape = Problems::from(Problem::new("months", "x"));
        let shapes = Problems(vec![
            Problem::new("months", "x"),
            Problem::new("stages", "y"),
        ]);
        for (error, expected) in [
            (ShareError::Damaged, "it is damaged".to_string()),
            (ShareError::NotAShareLink, "it is damaged".to_string()),
            (
                ShareError::UnknownVersion(2),
                "it was saved by a newer version of this page (v2); reload the page to update it"
                    .to_string(),
            ),
            (
                ShareError::UnknownVersion(0),
                "it is in a format (v0) this page does not read".to_string(),
            ),
            (
                ShareError::TooLarge,
                format!(
                    "it holds more than {} KB, the most a scenario may take",
                    MAX_SCENARIO_BYTES / 1024
                ),
            ),
            (
                ShareError::Trials {
                    asked: 2_000_000,
                    run: Box::new(SharedRun {
                        scenario: crate::presets::preset("b2b-saas").unwrap().scenario(),
                        seed: 1,
                        trials: 1_000_000,
                    }),
                },
                "it asks for 2,000,000 trials; a run has between 1 and 1,000,000".to_string(),
            ),
            (
                ShareError::NotAScenario(shape),
                "it does not hold a scenario: months: x".to_string(),
            ),
            (
                ShareError::NotAScenario(shapes),
                "it does not hold a scenario (2 problems):\nmonths: x\nstages: y".to_string(),
            ),
        ] {
            assert_eq!(saved_run_fault(&error), expected);
        }
    }

    #[test]
    fn an_invalid_saved_scenario_opens_in_the_editor() {
        let opened = startup("", None, Some(&saved(3, 0)));
        assert_eq!(opened.state.scenario.months, 0);
        assert_eq!((opened.problem, opened.kept_aside), (None, false));
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

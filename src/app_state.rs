//! The page's own state: the scenario being edited and simulated, the run
//! settings as typed, what went wrong with the link the page was opened
//! from, and the changes Undo can take back. A pure reducer, tested
//! natively.

mod edit;
mod history;

use std::rc::Rc;

use journey_core::share::{self, ShareError, SharedRun};
use journey_core::{MAX_TRIALS, Problems, Scenario};
use yew::{AttrValue, Reducible};

use crate::format::{grouped, not_opened};
use crate::presets::{DEFAULT_SCENARIO, DEFAULT_SEED, DEFAULT_TRIALS};

pub use edit::{Change, Edit, stage_index_after};
pub use history::History;

#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// The scenario being edited; what "Run simulation" runs.
    pub scenario: Rc<Scenario>,
    /// The "Trials" field as typed; see [`AppState::trials`].
    pub trials_input: AttrValue,
    /// The "Seed" field as typed; see [`AppState::seed`].
    pub seed_input: AttrValue,
    /// Why the share link the page was opened from could not be used as
    /// it is; `None` when there was no link or it opened cleanly.
    pub link_problem: Option<AttrValue>,
    /// The page was opened from a share link that is ready to run; the
    /// page runs it once on load.
    pub from_link: bool,
    /// How many runs were opened to be run at once (a lesson's step, a
    /// link opened in the open page); the page starts a run each time this
    /// grows.
    pub run_requests: u32,
    /// How many links opened in the open page replaced the journey: each
    /// is a fresh start for what the page keeps of the journey before it
    /// (the autosave, the open saved journey).
    pub links_opened: u32,
    /// The journey's earlier and undone versions.
    pub history: History,
    /// What the latest Undo, Redo, New seed or removed stage did, for the
    /// page to announce: "Undone: removing stage “Need”", "New seed: 4821.".
    /// A change to the journey or the seed clears it.
    pub announced: Option<AttrValue>,
}

impl Default for AppState {
    fn default() -> Self {
        AppState {
            scenario: Rc::new(
                Scenario::from_json(DEFAULT_SCENARIO).expect("the default scenario parses"),
            ),
            trials_input: AttrValue::from(DEFAULT_TRIALS.to_string()),
            seed_input: AttrValue::from(DEFAULT_SEED.to_string()),
            link_problem: None,
            from_link: false,
            run_requests: 0,
            links_opened: 0,
            history: History::default(),
            announced: None,
        }
    }
}

impl AppState {
    /// The state for a page opened with the URL fragment `fragment` (with
    /// or without its `#`): the shared run when the link decodes; the shared
    /// run with its problems when only its scenario is invalid (the editor
    /// shows them in place); otherwise the default, saying what was wrong.
    pub fn from_fragment(fragment: &str) -> AppState {
        match share::decode(fragment) {
            Ok(run) => AppState {
                from_link: true,
                ..AppState::from_run(run)
            },
            Err(ShareError::Empty) => AppState::default(),
            Err(ShareError::InvalidScenario { run, problems }) => AppState {
                link_problem: Some(invalid_link_message(&problems)),
                ..AppState::from_run(*run)
            },
            Err(ShareError::Trials { asked, run }) => AppState {
                link_problem: Some(trials_link_message(asked)),
                trials_input: AttrValue::from(asked.to_string()),
                ..AppState::from_run(*run)
            },
            Err(error) => AppState {
                link_problem: Some(AttrValue::from(not_opened(
                    "This share link",
                    &error.to_string(),
                    "The default journey is shown instead.",
                ))),
                ..AppState::default()
            },
        }
    }

    pub(crate) fn from_run(run: SharedRun) -> AppState {
        AppState {
            scenario: Rc::new(run.scenario),
            trials_input: AttrValue::from(run.trials.to_string()),
            seed_input: AttrValue::from(run.seed.to_string()),
            link_problem: None,
            from_link: false,
            run_requests: 0,
            links_opened: 0,
            history: History::default(),
            announced: None,
        }
    }

    /// The fragment (without `#`) of the link that reopens this scenario,
    /// seed and number of trials; `None` while the trials or seed field is
    /// not a valid number.
    pub fn share_fragment(&self) -> Option<String> {
        Some(share::encode(&SharedRun {
            scenario: (*self.scenario).clone(),
            seed: self.seed().ok()?,
            trials: self.trials().ok()?,
        }))
    }

    /// The seed of the next run, or why the field's text is not one.
    pub fn seed(&self) -> Result<u64, String> {
        parse_seed(&self.seed_input)
    }

    /// The number of trials to run, or why the field's text is not one.
    pub fn trials(&self) -> Result<u32, String> {
        parse_trials(&self.trials_input)
    }

    /// The scenario as the JSON text the workers read.
    pub fn scenario_json(&self) -> Rc<str> {
        Rc::from(self.scenario.to_json_pretty())
    }

    /// This state with `scenario` in place of the current one, `change`
    /// kept for Undo; the same state when nothing changes.
    fn changed(self: Rc<Self>, scenario: Rc<Scenario>, change: Change) -> Rc<Self> {
        if scenario == self.scenario {
            return self;
        }
        let mut history = self.history.clone();
        history.record(&self.scenario, &scenario, change);
        Rc::new(AppState {
            scenario,
            history,
            announced: None,
            ..(*self).clone()
        })
    }

    /// A whole run opened in place of the page's (a saved journey, an
    /// example, a lesson's step); Undo brings back the journey it replaced.
    fn opened(self: Rc<Self>, run: SharedRun, run_requests: u32) -> Rc<Self> {
        let what = format!("opening “{}”", run.scenario.name.trim());
        let mut history = self.history.clone();
        if run.scenario != *self.scenario {
            history.record(&self.scenario, &run.scenario, Change::step(what));
        }
        Rc::new(AppState {
            run_requests,
            links_opened: self.links_opened,
            history,
            ..AppState::from_run(run)
        })
    }

    /// A link opened in the open page (pasted into the address bar, or
    /// Back and Forward between links), as a fresh page opens it: a good
    /// link runs at once; a link whose scenario breaks a rule opens in the
    /// editor with its problems. Undo brings back the journey it replaced.
    /// A link that cannot be read leaves the journey as it is and says why.
    fn link_opened(self: Rc<Self>, fragment: &str) -> Rc<Self> {
        let mut asked_trials = None;
        let (run, problem, run_requests) = match share::decode(fragment) {
            Ok(run) => (run, None, self.run_requests + 1),
            Err(ShareError::Empty) => return self,
            Err(ShareError::InvalidScenario { run, problems }) => (
                *run,
                Some(invalid_link_message(&problems)),
                self.run_requests,
            ),
            Err(ShareError::Trials { asked, run }) => {
                asked_trials = Some(AttrValue::from(asked.to_string()));
                (*run, Some(trials_link_message(asked)), self.run_requests)
            }
            Err(error) => {
                return Rc::new(AppState {
                    link_problem: Some(AttrValue::from(not_opened(
                        "This share link",
                        &error.to_string(),
                        "The journey you had is still here.",
                    ))),
                    ..(*self).clone()
                });
            }
        };
        let links_opened = self.links_opened + 1;
        let opened = self.opened(run, run_requests);
        Rc::new(AppState {
            link_problem: problem,
            links_opened,
            // The field shows the count asked for, and why it cannot run.
            trials_input: asked_trials.unwrap_or_else(|| opened.trials_input.clone()),
            ..(*opened).clone()
        })
    }

    /// Undo (`back`) or Redo: the state with the journey on the other side
    /// of the latest step; the same state when there is none.
    fn travel(self: Rc<Self>, back: bool) -> Rc<Self> {
        let mut history = self.history.clone();
        let step = if back {
            history.undo(&self.scenario)
        } else {
            history.redo(&self.scenario)
        };
        let Some((scenario, what)) = step else {
            return self;
        };
        let done = if back { "Undone" } else { "Redone" };
        Rc::new(AppState {
            scenario,
            history,
            announced: Some(AttrValue::from(format!("{done}: {what}."))),
            ..(*self).clone()
        })
    }
}

/// A whole journey from outside the editor (an imported file, the decision
/// tools), and what it is in words for Undo: "importing “Retail bank”".
#[derive(Clone, Debug, PartialEq)]
pub struct Replacement {
    pub scenario: Scenario,
    pub what: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum AppAction {
    SetTrials(AttrValue),
    SetSeed(AttrValue),
    /// Sets a seed chosen at random, and says which: the focus stays on
    /// the button, away from the field.
    NewSeed(u64),
    /// Replaces the scenario, seed and trials (a saved journey).
    Open(Box<SharedRun>),
    /// Replaces the scenario, seed and trials, and runs them at once.
    OpenAndRun(Box<SharedRun>),
    /// Opens the share link in the address's fragment (with or without
    /// its `#`), which changed while the page was open.
    OpenLink(String),
    /// Replaces the whole scenario (an import, the decision tools).
    SetScenario(Box<Replacement>),
    /// One change made in the journey editor.
    Edit(Edit),
    /// Takes back the latest change to the journey.
    Undo,
    /// Puts back the latest change undone.
    Redo,
    /// The editor's focus left a field: typing there again is a new step.
    LeaveField,
}

impl Reducible for AppState {
    type Action = AppAction;

    fn reduce(self: Rc<Self>, action: AppAction) -> Rc<Self> {
        match action {
            AppAction::SetTrials(text) if text == self.trials_input => self,
            AppAction::SetTrials(text) => Rc::new(AppState {
                trials_input: text,
                ..(*self).clone()
            }),
            AppAction::SetSeed(text) if text == self.seed_input => self,
            AppAction::SetSeed(text) => Rc::new(AppState {
                seed_input: text,
                announced: None,
                ..(*self).clone()
            }),
            AppAction::NewSeed(seed) => Rc::new(AppState {
                seed_input: AttrValue::from(seed.to_string()),
                announced: Some(AttrValue::from(format!("New seed: {seed}."))),
                ..(*self).clone()
            }),
            AppAction::Open(run) => {
                let requests = self.run_requests;
                self.opened(*run, requests)
            }
            AppAction::OpenAndRun(run) => {
                let requests = self.run_requests + 1;
                self.opened(*run, requests)
            }
            AppAction::OpenLink(fragment) => self.link_opened(&fragment),
            AppAction::SetScenario(replacement) => {
                let Replacement { scenario, what } = *replacement;
                self.changed(Rc::new(scenario), Change::step(what))
            }
            AppAction::Edit(edit) => {
                let change = edit.change(&self.scenario);
                let Some(scenario) = edit.clone().apply(&self.scenario) else {
                    return self;
                };
                let said = edit.consequences(&self.scenario, &scenario);
                let changed = self.changed(Rc::new(scenario), change);
                match said {
                    Some(said) => Rc::new(AppState {
                        announced: Some(AttrValue::from(said)),
                        ..(*changed).clone()
                    }),
                    None => changed,
                }
            }
            AppAction::Undo => self.travel(true),
            AppAction::Redo => self.travel(false),
            AppAction::LeaveField => {
                let mut history = self.history.clone();
                if !history.end_typing() {
                    return self;
                }
                Rc::new(AppState {
                    history,
                    ..(*self).clone()
                })
            }
        }
    }
}

/// What the page says of a link whose scenario breaks a rule: what was
/// done, then the problems, listed last.
fn invalid_link_message(problems: &Problems) -> AttrValue {
    let done = "This share link could not be run: its scenario breaks the model's rules. \
                It has been loaded into the editor, where the problems are shown; fix them \
                to run it.";
    AttrValue::from(match problems.0.as_slice() {
        [one] => format!("{done}\nThe problem: {one}"),
        many => format!("{done}\nThe {} problems:\n{problems}", many.len()),
    })
}

/// A link whose journey is loaded but whose trial count cannot run.
fn trials_link_message(asked: u64) -> AttrValue {
    AttrValue::from(format!(
        "This share link could not be run: it asks for {} trials, and a run has between 1 \
         and {}. Its journey has been loaded into the editor; set the trials to run it.",
        grouped(asked),
        grouped(u64::from(MAX_TRIALS))
    ))
}

/// The text without spaces and thousands separators.
fn digits(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != ',' && *c != '_')
        .collect()
}

/// A whole number of trials from 1 to the engine's limit; thousands
/// separators and surrounding spaces are allowed.
pub fn parse_trials(text: &str) -> Result<u32, String> {
    match digits(text).parse::<u32>() {
        Ok(n) if (1..=MAX_TRIALS).contains(&n) => Ok(n),
        _ => Err(format!(
            "Enter a whole number of trials from 1 to {}.",
            grouped(u64::from(MAX_TRIALS))
        )),
    }
}

/// Any whole number from 0 to 2^64 − 1; separators are allowed.
pub fn parse_seed(text: &str) -> Result<u64, String> {
    digits(text).parse::<u64>().map_err(|_| {
        format!(
            "Enter a whole number from 0 to {} as the seed.",
            grouped(u64::MAX)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_runs_ten_thousand_trials_of_a_valid_scenario() {
        let state = AppState::default();
        assert_eq!(state.trials(), Ok(10_000));
        assert!(journey_core::Journey::new((*state.scenario).clone()).is_ok());
        assert!(journey_core::Journey::from_json(&state.scenario_json()).is_ok());
    }

    #[test]
    fn trials_accept_separators_and_reject_nonsense() {
        assert_eq!(parse_trials(" 2,000 "), Ok(2_000));
        assert_eq!(parse_trials("1_000_000"), Ok(1_000_000));
        for bad in ["", "0", "-5", "2.5", "ten", "1000001", "99999999999"] {
            assert!(parse_trials(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn seeds_are_any_u64_and_an_invalid_seed_gives_no_link() {
        assert_eq!(parse_seed("0"), Ok(0));
        assert_eq!(parse_seed(" 18,446,744,073,709,551,615 "), Ok(u64::MAX));
        for bad in ["", "-1", "1.5", "seed", "18446744073709551616"] {
            assert!(parse_seed(bad).is_err(), "{bad:?} was accepted");
        }
        let state = Rc::new(AppState::default()).reduce(AppAction::SetSeed("x".into()));
        assert!(state.seed().unwrap_err().contains("seed"));
        assert_eq!(state.share_fragment(), None);
    }

    #[test]
    fn opening_to_run_asks_for_a_run_each_time_even_for_the_same_run() {
        let state = Rc::new(AppState::default());
        let run = || SharedRun {
            scenario: (*state.scenario).clone(),
            seed: 3,
            trials: 500,
        };
        let once = state.clone().reduce(AppAction::OpenAndRun(Box::new(run())));
        let twice = once.clone().reduce(AppAction::OpenAndRun(Box::new(run())));
        assert_eq!((once.run_requests, twice.run_requests), (1, 2));
        assert_eq!(twice.seed(), Ok(3));
        let opened = twice.reduce(AppAction::Open(Box::new(run())));
        assert_eq!(opened.run_requests, 2);
    }

    #[test]
    fn opening_a_saved_run_replaces_everything_and_clears_a_link_problem() {
        let broken = Rc::new(AppState::from_fragment("#v1.garbage"));
        assert!(broken.link_problem.is_some());
        let mut scenario = (*broken.scenario).clone();
        scenario.name = "Saved".into();
        let opened = broken.reduce(AppAction::Open(Box::new(SharedRun {
            scenario,
            seed: 9,
            trials: 123,
        })));
        assert_eq!(opened.scenario.name, "Saved");
        assert_eq!((opened.seed(), opened.trials()), (Ok(9), Ok(123)));
        assert_eq!(opened.link_problem, None);
        assert!(!opened.from_link);
    }

    /// A share fragment of the default scenario renamed `name`.
    fn link(name: &str, months: u32) -> String {
        let mut scenario = (*AppState::default().scenario).clone();
        scenario.name = name.into();
        scenario.months = months;
        share::encode(&SharedRun {
            scenario,
            seed: 8,
            trials: 700,
        })
    }

    #[test]
    fn a_new_seed_is_announced_until_the_next_change() {
        let state = Rc::new(AppState::default()).reduce(AppAction::NewSeed(4821));
        assert_eq!(state.seed(), Ok(4821));
        assert_eq!(state.announced.as_deref(), Some("New seed: 4821."));
        let typed = state.clone().reduce(AppAction::SetSeed("17".into()));
        assert_eq!((typed.seed(), typed.announced.as_deref()), (Ok(17), None));
        let trials = state.reduce(AppAction::SetTrials("300".into()));
        assert_eq!(trials.announced.as_deref(), Some("New seed: 4821."));
    }

    #[test]
    fn a_link_opened_in_the_page_replaces_the_journey_runs_it_and_can_be_undone() {
        let edited = Rc::new(AppState::default()).reduce(AppAction::Edit(Edit::SetMonths(12)));
        let opened = edited
            .clone()
            .reduce(AppAction::OpenLink(format!("#{}", link("Shared", 24))));
        assert_eq!(opened.scenario.name, "Shared");
        assert_eq!((opened.seed(), opened.trials()), (Ok(8), Ok(700)));
        assert_eq!((opened.run_requests, opened.links_opened), (1, 1));
        assert_eq!(opened.link_problem, None);
        assert_eq!(opened.share_fragment(), Some(link("Shared", 24)));
        // Undo brings back the journey as it was, edits included.
        let undone = opened.reduce(AppAction::Undo);
        assert_eq!(undone.scenario, edited.scenario);
        assert_eq!(undone.links_opened, 1);
    }

    #[test]
    fn a_link_with_an_invalid_scenario_opened_in_the_page_loads_it_without_running() {
        let opened = Rc::new(AppState::default()).reduce(AppAction::OpenLink(link("Broken", 0)));
        assert_eq!(opened.scenario.months, 0);
        assert_eq!((opened.run_requests, opened.links_opened), (0, 1));
        let problem = opened
            .link_problem
            .clone()
            .expect("the problems are reported");
        assert!(problem.contains("loaded into the editor"), "{problem}");
        // A good link afterwards clears the message.
        let good = opened.reduce(AppAction::OpenLink(link("Good", 6)));
        assert_eq!((good.link_problem.clone(), good.links_opened), (None, 2));
    }

    #[test]
    fn a_link_that_cannot_be_read_leaves_the_journey_and_says_why() {
        let edited = Rc::new(AppState::default()).reduce(AppAction::Edit(Edit::SetMonths(12)));
        let real = link("Shared", 24);
        for fragment in [
            "#v1.garbage",
            "#v9.abc",
            &real[..real.len() / 2],
            "#<b>hi</b>",
        ] {
            let opened = edited.clone().reduce(AppAction::OpenLink(fragment.into()));
            let problem = opened
                .link_problem
                .clone()
                .unwrap_or_else(|| panic!("{fragment:?} opened without a problem"));
            assert!(
                problem.starts_with("This share link could not be opened: ")
                    && problem.ends_with("The journey you had is still here."),
                "{problem}"
            );
            assert_eq!(
                AppState {
                    link_problem: None,
                    ..(*opened).clone()
                },
                *edited,
                "{fragment:?}"
            );
        }
        // An empty fragment is no link at all.
        for empty in ["", "#", " # "] {
            assert!(Rc::ptr_eq(
                &edited.clone().reduce(AppAction::OpenLink(empty.into())),
                &edited
            ));
        }
    }

    #[test]
    fn setting_the_same_text_is_a_no_op() {
        let state = Rc::new(AppState::default());
        let same = state.clone().reduce(AppAction::SetTrials("10000".into()));
        assert!(Rc::ptr_eq(&state, &same));
        let changed = state.reduce(AppAction::SetTrials("2000".into()));
        assert_eq!(changed.trials(), Ok(2_000));
    }

    #[test]
    fn edits_replace_the_scenario_and_no_ops_keep_the_state() {
        let state = Rc::new(AppState::default());
        let same = state.clone().reduce(AppAction::Edit(Edit::SetMonths(36)));
        assert!(Rc::ptr_eq(&state, &same));
        let out_of_range = state.clone().reduce(AppAction::Edit(Edit::RemoveStage(99)));
        assert!(Rc::ptr_eq(&state, &out_of_range));
        let edited = state.clone().reduce(AppAction::Edit(Edit::SetMonths(12)));
        assert_eq!(edited.scenario.months, 12);
        assert_eq!(state.scenario.months, 36, "the old state is untouched");
        let back = edited.reduce(AppAction::SetScenario(Box::new(Replacement {
            scenario: (*state.scenario).clone(),
            what: "importing".into(),
        })));
        assert_eq!(back.scenario.months, 36);
    }

    #[test]
    fn a_removed_stage_is_announced_with_what_it_took_until_the_next_change() {
        let start = Rc::new(AppState::default());
        let removed = start.clone().reduce(AppAction::Edit(Edit::RemoveStage(1)));
        let expected = Edit::RemoveStage(1).consequences(&start.scenario, &removed.scenario);
        assert!(expected.is_some());
        assert_eq!(removed.announced.as_deref(), expected.as_deref());
        let next = removed.reduce(AppAction::Edit(Edit::SetMonths(12)));
        assert_eq!(next.announced, None);
    }

    #[test]
    fn undo_takes_back_edits_imports_and_opened_journeys_and_redo_puts_them_back() {
        let start = Rc::new(AppState::default());
        let removed_name = start.scenario.stages[1].name.clone();
        let nothing = start.clone().reduce(AppAction::Undo);
        assert!(Rc::ptr_eq(&start, &nothing), "nothing to undo");

        let removed = start
            .clone()
            .reduce(AppAction::Edit(Edit::RemoveStage(1)))
            .reduce(AppAction::SetTrials("500".into()));
        let expected = format!("removing stage “{removed_name}”");
        assert_eq!(
            removed.history.undo_what().map(AttrValue::as_str),
            Some(expected.as_str())
        );
        let undone = removed.clone().reduce(AppAction::Undo);
        assert_eq!(undone.scenario, start.scenario);
        assert_eq!(
            undone.trials(),
            Ok(500),
            "run settings are not part of the journey"
        );
        assert_eq!(
            undone.announced.as_deref(),
            Some(format!("Undone: {expected}.").as_str())
        );
        let redone = undone.reduce(AppAction::Redo);
        assert_eq!(redone.scenario, removed.scenario);
        assert_eq!(
            redone.announced.as_deref(),
            Some(format!("Redone: {expected}.").as_str())
        );

        // An import and an opened journey are steps too.
        let mut other = (*start.scenario).clone();
        other.name = "Imported".into();
        other.months = 12;
        let imported = redone.reduce(AppAction::SetScenario(Box::new(Replacement {
            scenario: other.clone(),
            what: "importing “Imported”".into(),
        })));
        assert_eq!(
            imported.announced, None,
            "a new change ends the announcement"
        );
        let mut saved = (*start.scenario).clone();
        saved.name = "Saved".into();
        let opened = imported.clone().reduce(AppAction::Open(Box::new(SharedRun {
            scenario: saved,
            seed: 4,
            trials: 100,
        })));
        assert_eq!(
            opened.history.undo_what().map(AttrValue::as_str),
            Some("opening “Saved”")
        );
        let back = opened.reduce(AppAction::Undo);
        assert_eq!(*back.scenario, other);
        assert_eq!(back.reduce(AppAction::Undo).scenario, removed.scenario);
    }

    #[test]
    fn changes_that_change_nothing_leave_no_step() {
        let state = Rc::new(AppState::default());
        let same = state.clone().reduce(AppAction::Edit(Edit::SetMonths(36)));
        assert_eq!(same.history, History::default());
        let reopened = state.clone().reduce(AppAction::Open(Box::new(SharedRun {
            scenario: (*state.scenario).clone(),
            seed: 2,
            trials: 10,
        })));
        assert_eq!(reopened.history.undo_what(), None);
        // Typing a number and typing it back leaves nothing to undo.
        let typed = state
            .reduce(AppAction::Edit(Edit::SetMonths(3)))
            .reduce(AppAction::Edit(Edit::SetMonths(36)));
        assert_eq!(typed.history.undo_what(), None);
    }

    #[test]
    fn a_share_fragment_reopens_the_same_run() {
        let state = Rc::new(AppState::default())
            .reduce(AppAction::SetSeed("77".into()))
            .reduce(AppAction::SetTrials("2,000".into()));
        let fragment = state.share_fragment().expect("valid trials give a link");
        let opened = AppState::from_fragment(&format!("#{fragment}"));
        assert_eq!(opened.scenario, state.scenario);
        assert_eq!(opened.seed(), Ok(77));
        assert_eq!(opened.trials(), Ok(2_000));
        assert_eq!(opened.link_problem, None);
        assert!(opened.from_link, "a good link runs on load");
        assert_eq!(opened.share_fragment(), Some(fragment));
    }

    #[test]
    fn no_link_is_the_default_and_invalid_trials_give_no_link() {
        assert_eq!(AppState::from_fragment(""), AppState::default());
        assert_eq!(AppState::from_fragment("#"), AppState::default());
        let state = Rc::new(AppState::default()).reduce(AppAction::SetTrials("ten".into()));
        assert_eq!(state.share_fragment(), None);
    }

    #[test]
    fn a_broken_link_falls_back_to_the_default_and_says_why() {
        let real = AppState::default().share_fragment().unwrap();
        let truncated = &real[..real.len() / 2];
        let long = "A".repeat(5000);
        for fragment in [
            "#v1.garbage",
            "#v9.abc",
            long.as_str(),
            truncated,
            "#<b>hi</b>",
        ] {
            let opened = AppState::from_fragment(fragment);
            let problem = opened
                .link_problem
                .clone()
                .unwrap_or_else(|| panic!("{fragment:?} opened without a problem"));
            assert!(
                problem.starts_with("This share link could not be opened: "),
                "{problem}"
            );
            assert_eq!(
                AppState {
                    link_problem: None,
                    ..opened
                },
                AppState::default(),
                "{fragment:?}"
            );
        }
    }

    #[test]
    fn one_problem_of_a_link_is_named_in_a_sentence() {
        use journey_core::Problem;
        let one = Problems::from(Problem::new("months", "0 is not between 1 and 600"));
        assert!(
            invalid_link_message(&one)
                .ends_with("fix them to run it.\nThe problem: months: 0 is not between 1 and 600")
        );
    }

    #[test]
    fn a_link_with_an_invalid_scenario_loads_it_and_says_so() {
        let mut scenario = (*AppState::default().scenario).clone();
        scenario.months = 0;
        let fragment = share::encode(&SharedRun {
            scenario: scenario.clone(),
            seed: 5,
            trials: 300,
        });
        let opened = AppState::from_fragment(&fragment);
        assert_eq!(*opened.scenario, scenario);
        assert_eq!((opened.seed(), opened.trials()), (Ok(5), Ok(300)));
        let problem = opened.link_problem.expect("the problems are reported");
        assert_eq!(
            problem.as_str(),
            "This share link could not be run: its scenario breaks the model's rules. It has \
             been loaded into the editor, where the problems are shown; fix them to run it.\n\
             The 2 problems:\nmonths: 0 is not between 1 and 600\n\
             scenarios[1].investments[0].start_month: 3 is not a month of the horizon (1 to 0)"
        );
        assert!(!opened.from_link, "an invalid scenario cannot run on load");
    }

    #[test]
    fn a_link_asking_for_too_many_trials_loads_its_journey_and_says_so() {
        let mut scenario = (*AppState::default().scenario).clone();
        scenario.name = "Big".into();
        let fragment = share::encode(&SharedRun {
            scenario: scenario.clone(),
            seed: 5,
            trials: 2_000_000,
        });
        let expected = "This share link could not be run: it asks for 2,000,000 trials, and a run \
                        has between 1 and 1,000,000. Its journey has been loaded into the editor; \
                        set the trials to run it.";
        let opened = AppState::from_fragment(&fragment);
        assert_eq!(*opened.scenario, scenario);
        assert_eq!(opened.trials_input.as_str(), "2000000");
        assert!(opened.trials().is_err() && !opened.from_link);
        assert_eq!(opened.link_problem.as_deref(), Some(expected));
        // The same, opened in a page already open: nothing runs.
        let pasted = Rc::new(AppState::default()).reduce(AppAction::OpenLink(fragment));
        assert_eq!(pasted.scenario.name, "Big");
        assert_eq!(pasted.trials_input.as_str(), "2000000");
        assert_eq!(pasted.run_requests, 0);
        assert_eq!(pasted.link_problem.as_deref(), Some(expected));
    }
}

//! The page's own state: the scenario being edited and simulated, and the
//! run settings as typed. A pure reducer, tested natively.

mod edit;

use std::rc::Rc;

use journey_core::{MAX_TRIALS, Scenario};
use yew::{AttrValue, Reducible};

use crate::format::grouped;
use crate::presets::{DEFAULT_SCENARIO, DEFAULT_SEED, DEFAULT_TRIALS};

pub use edit::Edit;

#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// The scenario being edited; what "Run simulation" runs.
    pub scenario: Rc<Scenario>,
    /// The "Trials" field as typed; see [`AppState::trials`].
    pub trials_input: AttrValue,
    pub seed: u64,
}

impl Default for AppState {
    fn default() -> Self {
        AppState {
            scenario: Rc::new(
                Scenario::from_json(DEFAULT_SCENARIO).expect("the default scenario parses"),
            ),
            trials_input: AttrValue::from(DEFAULT_TRIALS.to_string()),
            seed: DEFAULT_SEED,
        }
    }
}

impl AppState {
    /// The number of trials to run, or why the field's text is not one.
    pub fn trials(&self) -> Result<u32, String> {
        parse_trials(&self.trials_input)
    }

    /// The scenario as the JSON text the workers read.
    pub fn scenario_json(&self) -> Rc<str> {
        Rc::from(self.scenario.to_json_pretty())
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum AppAction {
    SetTrials(AttrValue),
    /// Replaces the whole scenario (a preset, an import, a share link).
    SetScenario(Rc<Scenario>),
    /// One change made in the journey editor.
    Edit(Edit),
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
            AppAction::SetScenario(scenario) if scenario == self.scenario => self,
            AppAction::SetScenario(scenario) => Rc::new(AppState {
                scenario,
                ..(*self).clone()
            }),
            AppAction::Edit(edit) => match edit.apply(&self.scenario) {
                Some(scenario) if scenario != *self.scenario => Rc::new(AppState {
                    scenario: Rc::new(scenario),
                    ..(*self).clone()
                }),
                _ => self,
            },
        }
    }
}

/// A whole number of trials from 1 to the engine's limit; thousands
/// separators and surrounding spaces are allowed.
pub fn parse_trials(text: &str) -> Result<u32, String> {
    let digits: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ',' && *c != '_')
        .collect();
    match digits.parse::<u32>() {
        Ok(n) if (1..=MAX_TRIALS).contains(&n) => Ok(n),
        _ => Err(format!(
            "Enter a whole number of trials from 1 to {}.",
            grouped(u64::from(MAX_TRIALS))
        )),
    }
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
        let back = edited.reduce(AppAction::SetScenario(state.scenario.clone()));
        assert_eq!(back.scenario.months, 36);
    }
}

//! The sensitivity panel's words: which outcome is measured, its values in
//! the scenario's currency or as a share, and the value of information in a
//! sentence.

use journey_core::Scenario;
use journey_core::sensitivity::{Measure, Sensitivity};

use crate::format::{money, money_change, money_change_on_axis, money_on_axis, percent};

/// The outcome chosen in the panel's select.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// NPV uplift of the scenario at this index of `scenarios[]`.
    NpvUplift(usize),
    Clv,
    Retention,
}

impl Outcome {
    /// The select's value.
    pub fn key(&self) -> String {
        match self {
            Outcome::NpvUplift(j) => format!("npv-{j}"),
            Outcome::Clv => "clv".into(),
            Outcome::Retention => "retention".into(),
        }
    }

    pub fn from_key(key: &str) -> Outcome {
        match key {
            "clv" => Outcome::Clv,
            "retention" => Outcome::Retention,
            _ => key
                .strip_prefix("npv-")
                .and_then(|j| j.parse().ok())
                .map_or(Outcome::Clv, Outcome::NpvUplift),
        }
    }

    /// Every outcome of `scenario`: each scenario's NPV uplift, then CLV and
    /// retention.
    pub fn all(scenario: &Scenario) -> Vec<Outcome> {
        (0..scenario.scenarios.len())
            .map(Outcome::NpvUplift)
            .chain([Outcome::Clv, Outcome::Retention])
            .collect()
    }

    /// This outcome if `scenario` still has it, else the first scenario's
    /// NPV uplift, else CLV.
    pub fn or_default(self, scenario: &Scenario) -> Outcome {
        match self {
            Outcome::NpvUplift(j) if j < scenario.scenarios.len() => self,
            Outcome::NpvUplift(_) if !scenario.scenarios.is_empty() => Outcome::NpvUplift(0),
            Outcome::NpvUplift(_) => Outcome::Clv,
            other => other,
        }
    }

    pub fn label(&self, scenario: &Scenario) -> String {
        match self {
            Outcome::NpvUplift(j) => format!(
                "NPV uplift of {}",
                scenario.scenarios.get(*j).map_or("?", |s| s.name.as_str())
            ),
            Outcome::Clv => "Baseline CLV".into(),
            Outcome::Retention => "Baseline 12-month retention".into(),
        }
    }

    /// The engine's measure; `None` when the scenario index is gone.
    pub fn measure(&self, scenario: &Scenario) -> Option<Measure> {
        Some(match self {
            Outcome::NpvUplift(j) => Measure::NpvUplift(scenario.scenarios.get(*j)?.name.clone()),
            Outcome::Clv => Measure::Clv,
            Outcome::Retention => Measure::Retention12m,
        })
    }
}

/// How a measure's values read.
pub fn value_text(measure: &Measure, value: f64, currency: &str) -> String {
    match measure {
        Measure::NpvUplift(_) => money_change(value, currency),
        Measure::Clv => money(value, currency),
        Measure::Retention12m => percent(value),
    }
}

/// A label on the tornado's axis, in the unit of its largest tick `top`.
pub fn tick_text(measure: &Measure, value: f64, currency: &str, top: f64) -> String {
    match measure {
        Measure::NpvUplift(_) => money_change_on_axis(value, currency, top),
        Measure::Clv => money_on_axis(value, currency, top),
        Measure::Retention12m => percent(value),
    }
}

/// The unit shown next to the tornado's title.
pub fn unit_text(measure: &Measure, currency: &str) -> String {
    match measure {
        Measure::NpvUplift(_) | Measure::Clv => format!("{currency}, discounted"),
        Measure::Retention12m => "share still a customer after 12 months".into(),
    }
}

/// An input's value as written in the scenario: shares of probabilities as
/// percentages, everything else as a plain number.
pub fn input_text(path: &str, x: f64) -> String {
    let probability = [".advance", ".drop", ".friction", ".advocacy"]
        .iter()
        .any(|end| path.ends_with(end));
    if probability {
        percent(x)
    } else if x.abs() >= 100.0 {
        crate::format::grouped(x.abs().round() as u64)
    } else {
        let text = format!("{x:.3}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// One sentence on the top row of the value-of-information table.
pub fn evpi_reading(result: &Sensitivity, currency: &str) -> String {
    if result.options.len() < 2 {
        return "With no investment scenario there is no choice to make, so no research \
                could change it."
            .into();
    }
    let best = result
        .options
        .iter()
        .max_by(|a, b| a.uplift_npv.total_cmp(&b.uplift_npv))
        .map_or("Baseline", |o| o.name.as_str());
    match result.evpi.first() {
        Some(top) if top.evpi > 0.0 => format!(
            "Research \u{201c}{}\u{201d} first: knowing it exactly could be worth up to {}, \
             because in {} of its plausible values an option other than {} would be the better \
             choice.",
            top.label,
            money(top.evpi, currency),
            share_text(top.share_other_best),
            top.best_now
        ),
        _ => format!(
            "No single uncertainty could change the choice: {best} is best across every \
             input's range, so research would not change the decision."
        ),
    }
}

/// The note under the value-of-information table: inputs left out of it,
/// inputs that cannot change the choice, and what "worth learning" means
/// when the table is there. `shown` of `worth` inputs are in the table;
/// `idle` inputs are worth nothing.
pub fn evpi_note(worth: usize, shown: usize, idle: usize) -> String {
    let mut sentences = Vec::new();
    match worth.saturating_sub(shown) {
        0 => {}
        1 => sentences.push("1 more input is worth less.".into()),
        n => sentences.push(format!("{n} more inputs are worth less.")),
    }
    match idle {
        0 => {}
        1 => sentences.push("1 uncertain input could not change the choice on its own.".into()),
        n => sentences.push(format!(
            "{n} uncertain inputs could not change the choice on their own."
        )),
    }
    if worth > 0 {
        sentences.push(
            "Worth learning: the most it is worth paying to know an input exactly before \
             choosing, with the other inputs at their means."
                .into(),
        );
    }
    sentences.join(" ")
}

/// `1 in 20`-style share of bins, as a percentage.
fn share_text(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// A change in the outcome with a sign (`+$12.3k`), or a change in points
/// for retention.
pub fn swing_text(measure: &Measure, swing: f64, currency: &str) -> String {
    match measure {
        Measure::Retention12m => format!("{:.1} points", swing * 100.0),
        _ => money(swing, currency),
    }
}

#[cfg(test)]
mod tests {
    use journey_core::sensitivity::{DecisionOption, EvpiRow};

    use super::*;

    fn scenario() -> Scenario {
        Scenario::from_json(include_str!("../../../examples/b2b-saas.json")).unwrap()
    }

    #[test]
    fn the_evpi_note_explains_only_a_table_that_is_there() {
        assert_eq!(
            evpi_note(0, 0, 10),
            "10 uncertain inputs could not change the choice on their own."
        );
        assert_eq!(
            evpi_note(11, 8, 1),
            "3 more inputs are worth less. 1 uncertain input could not change the choice on \
             its own. Worth learning: the most it is worth paying to know an input exactly \
             before choosing, with the other inputs at their means."
        );
        assert_eq!(
            evpi_note(2, 2, 0),
            "Worth learning: the most it is worth paying to know an input exactly before \
             choosing, with the other inputs at their means."
        );
        assert!(evpi_note(9, 8, 0).starts_with("1 more input is worth less. Worth learning"));
        assert_eq!(evpi_note(0, 0, 0), "");
    }

    #[test]
    fn outcome_keys_round_trip() {
        for outcome in [Outcome::NpvUplift(2), Outcome::Clv, Outcome::Retention] {
            assert_eq!(Outcome::from_key(&outcome.key()), outcome);
        }
        assert_eq!(Outcome::from_key("npv-x"), Outcome::Clv);
    }

    #[test]
    fn outcomes_fall_back_when_scenarios_go() {
        let mut s = scenario();
        assert_eq!(Outcome::NpvUplift(99).or_default(&s), Outcome::NpvUplift(0));
        assert_eq!(
            Outcome::NpvUplift(0).measure(&s),
            Some(Measure::NpvUplift(s.scenarios[0].name.clone()))
        );
        s.scenarios.clear();
        assert_eq!(Outcome::NpvUplift(1).or_default(&s), Outcome::Clv);
        assert_eq!(Outcome::Retention.or_default(&s), Outcome::Retention);
        assert_eq!(Outcome::all(&s), vec![Outcome::Clv, Outcome::Retention]);
        assert_eq!(Outcome::NpvUplift(0).measure(&s), None);
    }

    #[test]
    fn values_read_in_the_currency_or_as_shares() {
        let npv = Measure::NpvUplift("x".into());
        assert_eq!(value_text(&npv, 12_345.0, "USD"), "+\u{2060}$12.3k");
        assert_eq!(value_text(&Measure::Clv, 412.0, "EUR"), "€412");
        assert_eq!(value_text(&Measure::Retention12m, 0.624, "EUR"), "62.4%");
        assert_eq!(input_text("stages[2].advance", 0.25), "25.0%");
        assert_eq!(input_text("arrivals_per_month", 12_000.0), "12,000");
        assert_eq!(input_text("stages[1].drop.sbg.alpha", 0.7041), "0.704");
        assert_eq!(
            swing_text(&Measure::Retention12m, 0.031, "USD"),
            "3.1 points"
        );
    }

    fn sensitivity(evpi: Vec<EvpiRow>) -> Sensitivity {
        Sensitivity {
            measure: Measure::Clv,
            base: 0.0,
            tornado: Vec::new(),
            options: vec![
                DecisionOption {
                    name: "Baseline".into(),
                    uplift_npv: 0.0,
                },
                DecisionOption {
                    name: "Fix onboarding".into(),
                    uplift_npv: 5_000.0,
                },
            ],
            evpi,
        }
    }

    #[test]
    fn the_top_row_reads_as_a_sentence() {
        let row = EvpiRow {
            label: "Contact centre friction".into(),
            path: "departments[5].friction".into(),
            evpi: 33_229.9,
            best_now: "Fix onboarding".into(),
            share_other_best: 0.05,
        };
        assert_eq!(
            evpi_reading(&sensitivity(vec![row.clone()]), "GBP"),
            "Research \u{201c}Contact centre friction\u{201d} first: knowing it exactly could be \
             worth up to £33.2k, because in 5% of its plausible values an option other than Fix \
             onboarding would be the better choice."
        );
        let nothing = EvpiRow {
            evpi: 0.0,
            share_other_best: 0.0,
            ..row
        };
        assert_eq!(
            evpi_reading(&sensitivity(vec![nothing]), "GBP"),
            "No single uncertainty could change the choice: Fix onboarding is best across \
             every input's range, so research would not change the decision."
        );
        let mut alone = sensitivity(Vec::new());
        alone.options.truncate(1);
        assert!(evpi_reading(&alone, "GBP").starts_with("With no investment scenario"));
    }
}

//! The scenario file (`"schema": 1`) exactly as written: what the editor
//! edits, share links carry and the CLI reads. [`crate::Journey::new`] turns
//! it into a validated journey.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::problem::{Problem, Problems};
use crate::shape;
use crate::uncertain::{StageDrop, Uncertain};
use crate::validate::{MAX_DEPARTMENTS, MAX_INVESTMENTS, MAX_SCENARIOS, MAX_STAGES};

/// The only schema version this engine reads and writes.
pub const SCHEMA: u32 = 1;
/// The largest scenario text accepted (a share link or file beyond this is refused).
pub const MAX_SCENARIO_BYTES: usize = 1 << 20;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub schema: u32,
    #[serde(default = "default_name")]
    pub name: String,
    #[serde(default = "default_currency")]
    pub currency: String,
    pub months: u32,
    #[serde(default = "default_discount_rate")]
    pub discount_rate: f64,
    #[serde(default = "default_clv_horizon")]
    pub clv_horizon_months: u32,
    #[serde(default, skip_serializing_if = "Uncertain::is_zero")]
    pub arrivals_per_month: Uncertain,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referral_entry: Option<String>,
    pub departments: Vec<Department>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub handoffs: Vec<Handoff>,
    pub stages: Vec<Stage>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub initial: BTreeMap<String, u64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scenarios: Vec<InvestmentScenario>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Department {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Uncertain::is_zero")]
    pub friction: Uncertain,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Handoff {
    pub from: String,
    pub to: String,
    #[serde(default, skip_serializing_if = "Uncertain::is_zero")]
    pub friction: Uncertain,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    Buy,
    Own,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub id: String,
    #[serde(default)]
    pub name: String,
    pub phase: Phase,
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    #[serde(default, skip_serializing_if = "Uncertain::is_zero")]
    pub advance: Uncertain,
    #[serde(default, skip_serializing_if = "StageDrop::is_zero")]
    pub drop: StageDrop,
    #[serde(default, skip_serializing_if = "Uncertain::is_zero")]
    pub advocacy: Uncertain,
    #[serde(default, skip_serializing_if = "Uncertain::is_zero")]
    pub revenue_on_entry: Uncertain,
    #[serde(default, skip_serializing_if = "Uncertain::is_zero")]
    pub revenue_per_month: Uncertain,
    #[serde(default, skip_serializing_if = "Uncertain::is_zero")]
    pub cost_per_month: Uncertain,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvestmentScenario {
    pub name: String,
    #[serde(default)]
    pub investments: Vec<Investment>,
}

/// One line of spending. Exactly one of `department` and `handoff` is set
/// (checked by validation, so the editor can hold a half-made investment).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Investment {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handoff: Option<HandoffRef>,
    #[serde(default, skip_serializing_if = "Uncertain::is_zero")]
    pub monthly_spend: Uncertain,
    #[serde(default, skip_serializing_if = "Uncertain::is_zero")]
    pub half_friction_spend: Uncertain,
    #[serde(default = "default_start_month")]
    pub start_month: u32,
    #[serde(default, skip_serializing_if = "is_zero_u32")]
    pub ramp_months: u32,
    #[serde(default, skip_serializing_if = "Uncertain::is_zero")]
    pub one_off: Uncertain,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HandoffRef {
    pub from: String,
    pub to: String,
}

fn default_name() -> String {
    "Untitled journey".into()
}
fn default_currency() -> String {
    "USD".into()
}
fn default_discount_rate() -> f64 {
    0.10
}
fn default_clv_horizon() -> u32 {
    120
}
fn default_start_month() -> u32 {
    1
}
fn is_zero_u32(x: &u32) -> bool {
    *x == 0
}

impl Scenario {
    /// Reads a scenario from JSON text. Syntax and shape errors name the
    /// line and the field; the rules of the model are checked by
    /// [`crate::Journey::new`].
    pub fn from_json(text: &str) -> Result<Scenario, Problems> {
        if text.len() > MAX_SCENARIO_BYTES {
            return Err(Problem::new(
                "",
                format!(
                    "the scenario is {} KB; at most {} KB is accepted",
                    text.len() / 1024,
                    MAX_SCENARIO_BYTES / 1024
                ),
            )
            .into());
        }
        // Sound JSON first; then every problem of shape at once, where
        // serde would name only its first; then serde builds the scenario
        // (and refuses what the reader cannot see, such as a repeated key).
        let value: Value =
            serde_json::from_str(text).map_err(|e| Problem::new("", json_message(text, &e)))?;
        let problems = shape::scenario_problems(&value);
        if !problems.is_empty() {
            return Err(Problems(problems));
        }
        let scenario: Scenario =
            serde_json::from_str(text).map_err(|e| Problem::new("", json_message(text, &e)))?;
        match scenario.far_beyond_limits() {
            Some(problem) => Err(problem.into()),
            None => Ok(scenario),
        }
    }

    /// A count more than twice its limit, as a problem: such a journey is
    /// refused outright rather than opened in an editor to be fixed, since
    /// an editor that lists every stage beside every stage grows with the
    /// square of their number. Within twice the limits, validation names
    /// what to remove.
    pub fn far_beyond_limits(&self) -> Option<Problem> {
        let most_investments = self
            .scenarios
            .iter()
            .enumerate()
            .max_by_key(|(_, s)| s.investments.len());
        let counts = [
            (
                "stages".to_string(),
                self.stages.len(),
                MAX_STAGES,
                "stages",
            ),
            (
                "departments".to_string(),
                self.departments.len(),
                MAX_DEPARTMENTS,
                "departments",
            ),
            (
                "handoffs".to_string(),
                self.handoffs.len(),
                MAX_DEPARTMENTS * (MAX_DEPARTMENTS - 1),
                "hand-offs",
            ),
            (
                "initial".to_string(),
                self.initial.len(),
                MAX_STAGES,
                "stages with people at the start",
            ),
            (
                "scenarios".to_string(),
                self.scenarios.len(),
                MAX_SCENARIOS,
                "investment scenarios",
            ),
            (
                most_investments.map_or(String::new(), |(i, _)| {
                    format!("scenarios[{i}].investments")
                }),
                most_investments.map_or(0, |(_, s)| s.investments.len()),
                MAX_INVESTMENTS,
                "investments in one scenario",
            ),
        ];
        counts
            .into_iter()
            .find(|(_, count, limit, _)| *count > 2 * limit)
            .map(|(path, count, limit, what)| {
                Problem::new(
                    path,
                    format!("{count} {what}, far more than the {limit} a journey may have"),
                )
            })
    }

    /// The scenario as pretty JSON, the format of the CLI and of exports.
    pub fn to_json_pretty(&self) -> String {
        crate::pretty_json::pretty(
            &serde_json::to_string(self).expect("a scenario always serialises"),
        )
    }
}

/// serde_json's message, its position put in words a reader follows
/// ("(line 3, column 12)"). Text that is empty, cut short or not JSON at
/// all says so: "EOF while parsing a value" means little to someone who
/// picked the wrong file.
fn json_message(text: &str, e: &serde_json::Error) -> String {
    let place = match e.line() {
        0 => String::new(),
        line => format!(" (line {line}, column {})", e.column()),
    };
    let start = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if start.is_empty() {
        return "it is empty: a scenario is a JSON object, { … }".to_string();
    }
    if e.is_eof() {
        return format!(
            "it ends before its JSON is complete{place}: the text was cut short, \
             or a closing }} or ] is missing"
        );
    }
    if e.is_syntax() && !start.starts_with(['{', '[']) {
        return format!("it is not JSON{place}: a scenario is a JSON object, starting with {{");
    }
    let text = e.to_string();
    let message = text.find(" at line ").map_or(text.as_str(), |i| &text[..i]);
    // serde's terms for a misspelt word and for text after the end.
    let message = match message {
        "expected ident" => "expected true, false or null",
        "expected value" => "expected a value: a number, \"text\", true, false, null, [ ] or { }",
        "trailing characters" => "more text after the end of the JSON",
        other => other,
    };
    format!("{message}{place}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{"schema": 1, "months": 12,
        "departments": [{"id": "m"}],
        "stages": [{"id": "a", "phase": "buy", "owner": "m", "advance": 0.5},
                   {"id": "b", "phase": "own", "owner": "m", "drop": 0.1}]}"#;

    #[test]
    fn applies_defaults() {
        let s = Scenario::from_json(MINIMAL).unwrap();
        assert_eq!(s.currency, "USD");
        assert_eq!(s.discount_rate, 0.10);
        assert_eq!(s.clv_horizon_months, 120);
        assert!(s.arrivals_per_month.is_zero());
        assert!(s.scenarios.is_empty());
    }

    #[test]
    fn journeys_far_beyond_the_limits_are_refused_by_name() {
        let mut s = Scenario::from_json(MINIMAL).unwrap();
        let extra = s.stages[1].clone();
        // Within twice the limit, validation names what to remove.
        s.stages.resize(2 * MAX_STAGES, extra.clone());
        assert_eq!(s.far_beyond_limits(), None);
        assert!(Scenario::from_json(&s.to_json_pretty()).is_ok());
        s.stages.push(extra);
        let problem = s.far_beyond_limits().unwrap();
        assert_eq!(problem.path, "stages");
        assert_eq!(
            problem.message,
            "81 stages, far more than the 40 a journey may have"
        );
        let err = Scenario::from_json(&s.to_json_pretty()).unwrap_err();
        assert_eq!(err.0, vec![problem]);

        let mut s = Scenario::from_json(MINIMAL).unwrap();
        let json = r#"{"name": "Big", "investments": []}"#;
        s.scenarios = vec![serde_json::from_str(json).unwrap(); 2];
        let investment =
            serde_json::from_str(r#"{"department": "m", "monthly_spend": 1}"#).unwrap();
        s.scenarios[1].investments = vec![investment; 2 * MAX_INVESTMENTS + 1];
        let problem = s.far_beyond_limits().unwrap();
        assert_eq!(problem.path, "scenarios[1].investments");
    }

    #[test]
    fn round_trips_through_json() {
        let s = Scenario::from_json(MINIMAL).unwrap();
        let again = Scenario::from_json(&s.to_json_pretty()).unwrap();
        assert_eq!(s, again);
    }

    #[test]
    fn pretty_json_is_serde_jsons_own_layout() {
        for example in [
            MINIMAL,
            include_str!("../../../examples/subscription-retailer.json"),
            include_str!("../../../examples/b2b-saas.json"),
            include_str!("../../../examples/retail-bank.json"),
            include_str!("../../../examples/consumer-app.json"),
        ] {
            let s = Scenario::from_json(example).unwrap();
            assert_eq!(
                s.to_json_pretty(),
                serde_json::to_string_pretty(&s).unwrap()
            );
        }
    }

    #[test]
    fn shape_errors_name_the_field() {
        let bad = MINIMAL.replace(r#""advance": 0.5"#, r#""advance": "half""#);
        let err = Scenario::from_json(&bad).unwrap_err();
        assert_eq!(err.0[0].path, "stages[0].advance");
        let bad = MINIMAL.replace(r#""drop": 0.1"#, r#""dorp": 0.1"#);
        let err = Scenario::from_json(&bad).unwrap_err().to_string();
        assert!(err.contains("stages[1]") && err.contains("dorp"), "{err}");
        let err = Scenario::from_json("{\"schema\": 1,")
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 1"), "{err}");
        let err = Scenario::from_json(&format!("{MINIMAL} x"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("more text after the end"), "{err}");
    }

    #[test]
    fn text_that_is_empty_cut_short_or_not_json_says_so() {
        let message = |text: &str| Scenario::from_json(text).unwrap_err().to_string();
        for empty in ["", " \n\t", "\u{feff}"] {
            assert_eq!(
                message(empty),
                "it is empty: a scenario is a JSON object, { … }"
            );
        }
        assert_eq!(
            message("{\"schema\": 1, \"stages\": ["),
            "it ends before its JSON is complete (line 1, column 25): the text was cut \
             short, or a closing } or ] is missing"
        );
        assert_eq!(
            message("stage,advance\nNeed,0.4\n"),
            "it is not JSON (line 1, column 1): a scenario is a JSON object, starting with {"
        );
        // Other faults keep serde's words and their place; its terms are put plainly.
        assert_eq!(
            message("{\"schema\": 1,}"),
            "trailing comma (line 1, column 14)"
        );
        assert_eq!(
            message("{\"schema\": tru}"),
            "expected true, false or null (line 1, column 15)"
        );
        assert_eq!(
            message("{\"schema\": }"),
            "expected a value: a number, \"text\", true, false, null, [ ] or { } (line 1, column 12)"
        );
        assert_eq!(
            message("{\"schema\": 1} x"),
            "more text after the end of the JSON (line 1, column 15)"
        );
    }

    #[test]
    fn an_object_is_never_read_from_a_list() {
        // serde alone would read an investment with every field left out
        // from an empty list.
        let text = MINIMAL.replacen(
            '{',
            r#"{"scenarios": [{"name": "x", "investments": [[]]}], "#,
            1,
        );
        assert!(serde_json::from_str::<Scenario>(&text).is_ok());
        assert_eq!(
            Scenario::from_json(&text).unwrap_err().to_string(),
            "scenarios[0].investments[0]: expected an object, not a list"
        );
    }

    #[test]
    fn refuses_oversized_text() {
        let huge = " ".repeat(MAX_SCENARIO_BYTES + 1);
        assert!(
            Scenario::from_json(&huge)
                .unwrap_err()
                .to_string()
                .contains("KB")
        );
    }
}

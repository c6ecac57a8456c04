//! Every problem of shape in a scenario's JSON at once: unknown fields,
//! missing ones, values of the wrong kind, each with its path.
//!
//! serde's derived reader stops at the first of them, so someone fixing a
//! hand-edited file would meet its mistakes one at a time. This reader runs
//! before serde builds the scenario and names them all. It accepts what
//! serde accepts, but for one rule: an object is never read from a list,
//! as serde would read a struct from a JSON array. A property test holds
//! the two readers to that.

use serde_json::{Map, Value};

use crate::problem::Problem;
use crate::uncertain::{StageDrop, Uncertain, describe};

/// The problems of shape of `value` read as a scenario, in the order of
/// the scenario's fields; empty when its shape is right.
pub(crate) fn scenario_problems(value: &Value) -> Vec<Problem> {
    let mut reader = Reader::default();
    reader.scenario(value, "");
    reader.problems
}

/// Checks one value that holds no fields of its own.
type Leaf = fn(&Value) -> Result<(), String>;

/// Checks one element of a list, given its path.
type Item = fn(&mut Reader, &Value, &str);

#[derive(Default)]
pub(crate) struct Reader {
    pub(crate) problems: Vec<Problem>,
}

/// An object being read: where it is and its fields.
pub(crate) struct Object<'a> {
    path: String,
    map: &'a Map<String, Value>,
}

impl Object<'_> {
    pub(crate) fn get(&self, key: &str) -> Option<&Value> {
        self.map.get(key)
    }
}

impl Reader {
    fn fail(&mut self, path: String, message: impl Into<String>) {
        self.problems.push(Problem::new(path, message));
    }

    /// Opens `value` as an object whose fields may only be `fields`; each
    /// other key is a problem of its own.
    pub(crate) fn object<'a>(
        &mut self,
        value: &'a Value,
        path: &str,
        fields: &[&str],
    ) -> Option<Object<'a>> {
        let Some(map) = value.as_object() else {
            self.fail(
                path.to_string(),
                format!("expected an object, not {}", describe(value)),
            );
            return None;
        };
        for key in map.keys().filter(|key| !fields.contains(&key.as_str())) {
            self.fail(child(path, key), unknown_field(key, fields));
        }
        Some(Object {
            path: path.to_string(),
            map,
        })
    }

    /// A field every object of its kind has.
    pub(crate) fn required(&mut self, object: &Object, key: &str, leaf: Leaf) {
        match object.map.get(key) {
            Some(value) => self.leaf(object, key, value, leaf),
            None => self.missing(object, key),
        }
    }

    /// A field that may be left out.
    pub(crate) fn optional(&mut self, object: &Object, key: &str, leaf: Leaf) {
        if let Some(value) = object.map.get(key) {
            self.leaf(object, key, value, leaf);
        }
    }

    fn leaf(&mut self, object: &Object, key: &str, value: &Value, leaf: Leaf) {
        if let Err(message) = leaf(value) {
            self.fail(child(&object.path, key), message);
        }
    }

    pub(crate) fn missing(&mut self, object: &Object, key: &str) {
        self.fail(child(&object.path, key), "missing; this field is required");
    }

    /// A list field, each element checked by `item`.
    fn list(&mut self, object: &Object, key: &str, required: bool, item: Item) {
        let path = child(&object.path, key);
        match object.map.get(key) {
            None if required => self.missing(object, key),
            None => {}
            Some(Value::Array(items)) => {
                for (i, value) in items.iter().enumerate() {
                    item(self, value, &format!("{path}[{i}]"));
                }
            }
            Some(other) => self.fail(path, format!("expected a list, not {}", describe(other))),
        }
    }

    /// An object field that may be left out or null, checked by `item`.
    fn nested(&mut self, object: &Object, key: &str, item: Item) {
        if let Some(value) = object.map.get(key).filter(|v| !v.is_null()) {
            item(self, value, &child(&object.path, key));
        }
    }

    /// A scenario whose fields' paths start with `path`.
    pub(crate) fn scenario(&mut self, value: &Value, path: &str) {
        let Some(s) = self.object(
            value,
            path,
            &[
                "schema",
                "name",
                "currency",
                "months",
                "discount_rate",
                "clv_horizon_months",
                "arrivals_per_month",
                "referral_entry",
                "departments",
                "handoffs",
                "stages",
                "initial",
                "scenarios",
            ],
        ) else {
            return;
        };
        self.required(&s, "schema", count);
        self.optional(&s, "name", text);
        self.optional(&s, "currency", text);
        self.required(&s, "months", count);
        self.optional(&s, "discount_rate", number);
        self.optional(&s, "clv_horizon_months", count);
        self.optional(&s, "arrivals_per_month", uncertain);
        self.optional(&s, "referral_entry", optional_text);
        self.list(&s, "departments", true, Reader::department);
        self.list(&s, "handoffs", false, Reader::handoff);
        self.list(&s, "stages", true, Reader::stage);
        if let Some(initial) = s.map.get("initial") {
            self.initial(initial, &child(path, "initial"));
        }
        self.list(&s, "scenarios", false, Reader::investment_scenario);
    }

    fn department(&mut self, value: &Value, path: &str) {
        let Some(d) = self.object(value, path, &["id", "name", "friction"]) else {
            return;
        };
        self.required(&d, "id", text);
        self.optional(&d, "name", text);
        self.optional(&d, "friction", uncertain);
    }

    fn handoff(&mut self, value: &Value, path: &str) {
        let Some(h) = self.object(value, path, &["from", "to", "friction"]) else {
            return;
        };
        self.required(&h, "from", text);
        self.required(&h, "to", text);
        self.optional(&h, "friction", uncertain);
    }

    fn stage(&mut self, value: &Value, path: &str) {
        const AMOUNTS: [&str; 4] = [
            "advocacy",
            "revenue_on_entry",
            "revenue_per_month",
            "cost_per_month",
        ];
        let Some(s) = self.object(
            value,
            path,
            &[
                "id",
                "name",
                "phase",
                "owner",
                "next",
                "advance",
                "drop",
                "advocacy",
                "revenue_on_entry",
                "revenue_per_month",
                "cost_per_month",
            ],
        ) else {
            return;
        };
        self.required(&s, "id", text);
        self.optional(&s, "name", text);
        self.required(&s, "phase", phase);
        self.required(&s, "owner", text);
        self.optional(&s, "next", optional_text);
        self.optional(&s, "advance", uncertain);
        self.optional(&s, "drop", |v| StageDrop::from_json(v).map(|_| ()));
        for key in AMOUNTS {
            self.optional(&s, key, uncertain);
        }
    }

    fn initial(&mut self, value: &Value, path: &str) {
        let Some(map) = value.as_object() else {
            self.fail(
                path.to_string(),
                format!("expected an object, not {}", describe(value)),
            );
            return;
        };
        for (id, people) in map {
            if people.as_u64().is_none() {
                self.fail(
                    child(path, id),
                    format!(
                        "expected a whole number of people, not {}",
                        describe(people)
                    ),
                );
            }
        }
    }

    fn investment_scenario(&mut self, value: &Value, path: &str) {
        let Some(s) = self.object(value, path, &["name", "investments"]) else {
            return;
        };
        self.required(&s, "name", text);
        self.list(&s, "investments", false, Reader::investment);
    }

    fn investment(&mut self, value: &Value, path: &str) {
        let Some(i) = self.object(
            value,
            path,
            &[
                "department",
                "handoff",
                "monthly_spend",
                "half_friction_spend",
                "start_month",
                "ramp_months",
                "one_off",
            ],
        ) else {
            return;
        };
        self.optional(&i, "department", optional_text);
        self.nested(&i, "handoff", Reader::handoff_ref);
        for key in ["monthly_spend", "half_friction_spend", "one_off"] {
            self.optional(&i, key, uncertain);
        }
        self.optional(&i, "start_month", count);
        self.optional(&i, "ramp_months", count);
    }

    fn handoff_ref(&mut self, value: &Value, path: &str) {
        let Some(h) = self.object(value, path, &["from", "to"]) else {
            return;
        };
        self.required(&h, "from", text);
        self.required(&h, "to", text);
    }
}

/// Names the field meant when `key` is a likely misspelling of one;
/// otherwise lists them all.
fn unknown_field(key: &str, fields: &[&str]) -> String {
    match closest(key, fields.iter().copied()) {
        Some(field) => format!("unknown field `{key}`; did you mean `{field}`?"),
        None => {
            let expected = fields
                .iter()
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", ");
            format!("unknown field `{key}`, expected one of {expected}")
        }
    }
}

/// The candidate `word` was most likely meant to be: at most two letters
/// wrong, missing, added or swapped, and fewer than `word` has.
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .map(|candidate| (strsim::osa_distance(word, candidate), candidate))
        .filter(|&(distance, _)| distance <= 2 && distance < word.chars().count())
        .min()
        .map(|(_, candidate)| candidate)
}

/// `parent.key`, or `key` at the top.
fn child(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

pub(crate) fn text(value: &Value) -> Result<(), String> {
    match value {
        Value::String(_) => Ok(()),
        other => Err(format!("expected a text, not {}", describe(other))),
    }
}

/// A text, or null for none.
fn optional_text(value: &Value) -> Result<(), String> {
    match value {
        Value::Null => Ok(()),
        other => text(other),
    }
}

/// A whole number from 0 to 2^64 - 1.
pub(crate) fn whole_number(value: &Value) -> Result<(), String> {
    match value.as_u64() {
        Some(_) => Ok(()),
        None => Err(not_whole(value)),
    }
}

/// A whole number from 0 to 2^32 - 1 (a count of months, a version).
pub(crate) fn count(value: &Value) -> Result<(), String> {
    match value.as_u64() {
        Some(n) if u32::try_from(n).is_ok() => Ok(()),
        Some(n) => Err(format!("{n} is too large for this field")),
        None => Err(not_whole(value)),
    }
}

fn not_whole(value: &Value) -> String {
    format!(
        "expected a whole number, 0 or more, not {}",
        describe(value)
    )
}

fn number(value: &Value) -> Result<(), String> {
    match value {
        Value::Number(_) => Ok(()),
        other => Err(format!("expected a number, not {}", describe(other))),
    }
}

fn uncertain(value: &Value) -> Result<(), String> {
    Uncertain::from_json(value).map(|_| ())
}

fn phase(value: &Value) -> Result<(), String> {
    match value.as_str() {
        Some("buy" | "own") => Ok(()),
        _ => Err(format!(
            r#"expected "buy" or "own", not {}"#,
            describe(value)
        )),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn problems(value: Value) -> Vec<String> {
        scenario_problems(&value)
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    fn minimal() -> Value {
        json!({"schema": 1, "months": 12,
            "departments": [{"id": "m"}],
            "stages": [{"id": "a", "phase": "buy", "owner": "m", "advance": 0.5},
                       {"id": "b", "phase": "own", "owner": "m", "drop": 0.1}]})
    }

    #[test]
    fn a_scenario_of_the_right_shape_has_no_problems() {
        assert_eq!(problems(minimal()), Vec::<String>::new());
        let mut full = minimal();
        full["initial"] = json!({"b": 10});
        full["referral_entry"] = Value::Null;
        full["stages"][1]["drop"] = json!({"sbg": {"alpha": 1, "beta": {"low": 2, "high": 3}}});
        full["scenarios"] = json!([{"name": "x", "investments": [
            {"handoff": {"from": "m", "to": "m"}, "monthly_spend": 10, "start_month": 2},
            {"department": "m", "handoff": null}]}]);
        assert_eq!(problems(full), Vec::<String>::new());
    }

    #[test]
    fn every_problem_is_named_in_one_pass() {
        let mut bad = minimal();
        bad.as_object_mut().unwrap().remove("months");
        bad["currency"] = json!(3);
        bad["colour"] = json!("blue");
        bad["departments"][0]["friction"] = json!("high");
        bad["stages"][0]["phase"] = json!("rent");
        bad["stages"][1]["dorp"] = json!(0.1);
        bad["stages"][1]["drop"] = json!({"sbg": {"alpha": 1}});
        bad["initial"] = json!({"b": -4});
        bad["scenarios"] = json!([{"investments": [{"start_month": 1.5, "handoff": 2}]}]);
        assert_eq!(
            problems(bad),
            [
                "colour: unknown field `colour`, expected one of `schema`, `name`, `currency`, \
                 `months`, `discount_rate`, `clv_horizon_months`, `arrivals_per_month`, \
                 `referral_entry`, `departments`, `handoffs`, `stages`, `initial`, `scenarios`",
                "currency: expected a text, not 3",
                "months: missing; this field is required",
                r#"departments[0].friction: expected a number or {"low": number, "high": number}, not the text "high""#,
                r#"stages[0].phase: expected "buy" or "own", not the text "rent""#,
                "stages[1].dorp: unknown field `dorp`; did you mean `drop`?",
                "stages[1].drop: `sbg` needs `beta`",
                "initial.b: expected a whole number of people, not -4",
                "scenarios[0].name: missing; this field is required",
                "scenarios[0].investments[0].handoff: expected an object, not 2",
                "scenarios[0].investments[0].start_month: expected a whole number, 0 or more, \
                 not 1.5",
            ]
        );
    }

    #[test]
    fn a_misspelt_field_is_named_with_the_one_meant() {
        let fields = [
            "id",
            "advance",
            "drop",
            "revenue_per_month",
            "revenue_on_entry",
        ];
        for (key, meant) in [
            ("advence", "advance"),
            ("dorp", "drop"),
            ("revenue_per_mnth", "revenue_per_month"),
            ("Advance", "advance"),
        ] {
            assert_eq!(
                unknown_field(key, &fields),
                format!("unknown field `{key}`; did you mean `{meant}`?")
            );
        }
        // Nothing close: every field is listed.
        for key in ["x", "phase", "colour"] {
            assert!(
                unknown_field(key, &fields).ends_with(
                    "expected one of `id`, `advance`, `drop`, `revenue_per_month`, `revenue_on_entry`"
                ),
                "{key}"
            );
        }
    }

    #[test]
    fn lists_and_the_document_itself_must_have_their_kind() {
        assert_eq!(problems(json!([1])), ["expected an object, not a list"]);
        let mut bad = minimal();
        bad["stages"] = json!({"a": 1});
        bad["departments"] = json!([7]);
        bad["initial"] = Value::Null;
        bad["months"] = json!(-3);
        bad["clv_horizon_months"] = json!(5_000_000_000_u64);
        assert_eq!(
            problems(bad),
            [
                "months: expected a whole number, 0 or more, not -3",
                "clv_horizon_months: 5000000000 is too large for this field",
                "departments[0]: expected an object, not 7",
                "stages: expected a list, not an object",
                "initial: expected an object, not null",
            ]
        );
    }
}

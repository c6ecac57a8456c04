//! A scenario value that is either known (`0.3`) or uncertain
//! (`{"low": 0.2, "high": 0.4}`, a 90% interval).

use serde::de::{self, Deserializer};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A number as written in a scenario: a point value or a 90% interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Uncertain {
    Point(f64),
    Range { low: f64, high: f64 },
}

impl Uncertain {
    pub const ZERO: Uncertain = Uncertain::Point(0.0);

    /// The value a person would quote as "about": the point, or the midpoint.
    pub fn central(&self) -> f64 {
        match *self {
            Uncertain::Point(x) => x,
            Uncertain::Range { low, high } => (low + high) / 2.0,
        }
    }

    /// The upper end: the point itself, or `high`.
    pub fn upper(&self) -> f64 {
        match *self {
            Uncertain::Point(x) => x,
            Uncertain::Range { high, .. } => high,
        }
    }

    pub fn is_zero(&self) -> bool {
        *self == Uncertain::ZERO
    }

    /// Reads the JSON form: a number, or `{"low": x, "high": y}`.
    pub(crate) fn from_json(value: &Value) -> Result<Uncertain, String> {
        const EXPECTED: &str = r#"expected a number or {"low": number, "high": number}"#;
        match value {
            Value::Number(n) => n
                .as_f64()
                .map(Uncertain::Point)
                .ok_or_else(|| format!("{n} is not a finite number")),
            Value::Object(map) => {
                let mut low = None;
                let mut high = None;
                for (key, v) in map {
                    let slot = match key.as_str() {
                        "low" => &mut low,
                        "high" => &mut high,
                        other => return Err(format!("unknown key `{other}`; {EXPECTED}")),
                    };
                    *slot = Some(
                        v.as_f64()
                            .ok_or_else(|| format!("`{key}` must be a number, not {v}"))?,
                    );
                }
                match (low, high) {
                    (Some(low), Some(high)) => Ok(Uncertain::Range { low, high }),
                    _ => Err(format!("a range needs both `low` and `high`; {EXPECTED}")),
                }
            }
            other => Err(format!("{EXPECTED}, not {}", describe(other))),
        }
    }
}

impl Default for Uncertain {
    fn default() -> Self {
        Uncertain::ZERO
    }
}

impl From<f64> for Uncertain {
    fn from(x: f64) -> Self {
        Uncertain::Point(x)
    }
}

/// Names a JSON value's kind for error messages, without echoing long input.
pub(crate) fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) if s.chars().count() <= 20 => format!("the text {s:?}"),
        Value::String(_) => "a text".into(),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

impl Serialize for Uncertain {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            Uncertain::Point(x) => serializer.serialize_f64(x),
            Uncertain::Range { low, high } => {
                let mut map = serializer.serialize_map(Some(2))?;
                map.serialize_entry("low", &low)?;
                map.serialize_entry("high", &high)?;
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Uncertain {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Uncertain::from_json(&value).map_err(de::Error::custom)
    }
}

/// A stage's `drop`: a constant monthly probability, or heterogeneous churn
/// (shifted-beta-geometric) whose hazard falls with months in the stage.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum StageDrop {
    Rate(Uncertain),
    Sbg { alpha: Uncertain, beta: Uncertain },
}

impl Default for StageDrop {
    fn default() -> Self {
        StageDrop::Rate(Uncertain::ZERO)
    }
}

impl StageDrop {
    pub fn is_zero(&self) -> bool {
        *self == StageDrop::default()
    }

    /// Reads the JSON form: a rate (as [`Uncertain`]) or
    /// `{"sbg": {"alpha": a, "beta": b}}`.
    pub(crate) fn from_json(value: &Value) -> Result<StageDrop, String> {
        let Some(sbg) = value.get("sbg") else {
            return Uncertain::from_json(value)
                .map(StageDrop::Rate)
                .map_err(|e| format!("{e}, or {{\"sbg\": {{\"alpha\": a, \"beta\": b}}}}"));
        };
        if value.as_object().is_some_and(|m| m.len() > 1) {
            return Err("`sbg` must be the only key of `drop`".into());
        }
        let params = sbg
            .as_object()
            .ok_or(r#"`sbg` must be {"alpha": a, "beta": b}"#)?;
        if let Some(other) = params.keys().find(|k| *k != "alpha" && *k != "beta") {
            return Err(format!("unknown key `{other}` in `sbg`"));
        }
        let read = |key: &str| -> Result<Uncertain, String> {
            let v = params
                .get(key)
                .ok_or_else(|| format!("`sbg` needs `{key}`"))?;
            Uncertain::from_json(v).map_err(|e| format!("sbg.{key}: {e}"))
        };
        Ok(StageDrop::Sbg {
            alpha: read("alpha")?,
            beta: read("beta")?,
        })
    }
}

impl Serialize for StageDrop {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            StageDrop::Rate(rate) => rate.serialize(serializer),
            StageDrop::Sbg { alpha, beta } => {
                #[derive(Serialize)]
                struct Params<'a> {
                    alpha: &'a Uncertain,
                    beta: &'a Uncertain,
                }
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("sbg", &Params { alpha, beta })?;
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for StageDrop {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        StageDrop::from_json(&value).map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse<T: for<'de> Deserialize<'de>>(s: &str) -> Result<T, String> {
        serde_json::from_str(s).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_points_and_ranges() {
        assert_eq!(parse::<Uncertain>("0.5").unwrap(), Uncertain::Point(0.5));
        assert_eq!(parse::<Uncertain>("3").unwrap(), Uncertain::Point(3.0));
        assert_eq!(
            parse::<Uncertain>(r#"{"high": 0.3, "low": 0.1}"#).unwrap(),
            Uncertain::Range {
                low: 0.1,
                high: 0.3
            }
        );
    }

    #[test]
    fn rejects_malformed_values_by_name() {
        assert!(
            parse::<Uncertain>(r#""0.5""#)
                .unwrap_err()
                .contains("the text")
        );
        assert!(
            parse::<Uncertain>(r#"{"low": 1}"#)
                .unwrap_err()
                .contains("both")
        );
        assert!(
            parse::<Uncertain>(r#"{"low": 1, "hi": 2}"#)
                .unwrap_err()
                .contains("`hi`")
        );
        assert!(parse::<Uncertain>("null").unwrap_err().contains("null"));
    }

    #[test]
    fn drop_forms_round_trip() {
        for text in [
            "0.1",
            r#"{"low":0.1,"high":0.2}"#,
            r#"{"sbg":{"alpha":0.7,"beta":3.8}}"#,
            r#"{"sbg":{"alpha":{"low":0.5,"high":0.9},"beta":3.8}}"#,
        ] {
            let drop: StageDrop = parse(text).unwrap();
            assert_eq!(serde_json::to_string(&drop).unwrap(), text);
        }
        assert!(
            parse::<StageDrop>(r#"{"sbg":{"alpha":1}}"#)
                .unwrap_err()
                .contains("beta")
        );
        assert!(parse::<StageDrop>(r#"{"sbg":{"alpha":1,"beta":2},"x":1}"#).is_err());
    }
}

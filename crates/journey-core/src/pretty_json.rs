//! serde_json's compact output laid out as its pretty printer lays it out.
//! A scenario is serialised compactly for share links anyway; laying that
//! text out, instead of serialising the scenario a second time through the
//! pretty printer, keeps one copy of its serialiser in the app's download.

/// `compact` (serde_json's: no whitespace outside strings) with
/// `serde_json::to_string_pretty`'s layout: two spaces an indent, `": "`
/// after a key, `[]` and `{}` when empty.
pub(crate) fn pretty(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let new_line = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    let mut chars = compact.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                match chars.next_if(|&next| next == '}' || next == ']') {
                    Some(close) => out.push(close),
                    None => {
                        depth += 1;
                        new_line(&mut out, depth);
                    }
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                new_line(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                new_line(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::{Value, json};

    fn same_as_serde_json(value: &Value) {
        let compact = serde_json::to_string(value).unwrap();
        assert_eq!(
            pretty(&compact),
            serde_json::to_string_pretty(value).unwrap(),
            "{compact}"
        );
    }

    #[test]
    fn lays_out_nesting_empties_and_strings_as_serde_json_does() {
        same_as_serde_json(&json!({
            "schema": 1,
            "name": "Quotes \" and \\ and {[,:]} in text",
            "empty": [],
            "nothing": {},
            "stages": [{"id": "need", "advance": {"low": 0.2, "high": 0.4}}, {"id": "use"}],
            "numbers": [1, -2.5, 1e300, null, true, false],
            "nested": [[[]], [{}], [[1, 2], {"a": {"b": []}}]],
            "ends in a backslash \\": "\\",
            "unicode": "Ünïcödé — ✓ \u{1}"
        }));
        assert_eq!(pretty("[]"), "[]");
        assert_eq!(pretty("3"), "3");
    }

    fn any_json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            any::<String>().prop_map(Value::String),
            "[\\\\\"{}\\[\\],: a]{0,8}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::vec(("[\\\\\"{}:, a-z]{0,6}", inner), 0..6)
                    .prop_map(|entries| Value::Object(entries.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn any_json_is_laid_out_as_serde_json_lays_it_out(value in any_json()) {
            same_as_serde_json(&value);
        }
    }
}

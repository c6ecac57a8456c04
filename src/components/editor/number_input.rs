use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::unread_fields::use_report_unread;

#[derive(Properties, PartialEq)]
pub struct NumberInputProps {
    pub id: AttrValue,
    pub value: f64,
    /// The accessible name when no visible `<label for>` names the input.
    #[prop_or_default]
    pub aria_label: Option<AttrValue>,
    /// Only whole numbers from 0 up are accepted.
    #[prop_or_default]
    pub whole: bool,
    /// The field has validation problems (shown by the parent).
    #[prop_or_default]
    pub invalid: bool,
    #[prop_or_default]
    pub described_by: Option<AttrValue>,
    pub on_change: Callback<f64>,
}

/// Reads a number as typed: spaces and thousands separators are allowed;
/// `inf` and `NaN` are not numbers here. A comma that cannot separate
/// thousands ("0,5") is taken for a decimal comma and refused, rather than
/// read as 5. A percentage, a currency sign or a "k" is refused with a
/// note saying how to write the number.
pub fn parse_number(text: &str, whole: bool) -> Result<f64, &'static str> {
    let cleaned: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_')
        .collect();
    if cleaned.ends_with('%') {
        return Err("not a number: write a share as a fraction, as in 0.3 for 30%");
    }
    if cleaned.contains(['$', '£', '€', '¥']) {
        return Err("not a number: leave out the currency sign");
    }
    if cleaned.ends_with(['k', 'K', 'm', 'M']) {
        return Err("not a number: write it in full, as in 20000 for 20k");
    }
    if cleaned.contains(',') && !separates_thousands(&cleaned) {
        return Err("not a number: use a point for decimals, as in 0.5");
    }
    let x = cleaned
        .replace(',', "")
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .ok_or("not a number")?;
    if whole && (x < 0.0 || x.fract() != 0.0 || x > f64::from(u32::MAX)) {
        return Err("not a whole number");
    }
    Ok(x)
}

/// Whether every comma in `text` separates thousands: the digits before
/// the decimal point (or exponent) read 1 to 3 digits, then groups of 3.
fn separates_thousands(text: &str) -> bool {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let end = unsigned.find(['.', 'e', 'E']).unwrap_or(unsigned.len());
    let (whole, rest) = unsigned.split_at(end);
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or_default();
    let digits = |g: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit())
    };
    !rest.contains(',') && digits(first, 1..=3) && groups.all(|g| digits(g, 3..=3))
}

/// A text field for one number that keeps whatever is typed: text that is
/// not a number stays in the field with a note, and nothing is changed.
#[component]
pub fn NumberInput(props: &NumberInputProps) -> Html {
    // What was typed, and into which field: a list that changes can hand
    // this input to another field (another id), which must not inherit it.
    let draft = use_state(|| None::<(AttrValue, String)>);
    let whole = props.whole;
    // The draft is shown while it still says the current value (so "0."
    // survives typing) or while it is not a number at all.
    let draft_shown = (*draft)
        .as_ref()
        .filter(|(id, _)| *id == props.id)
        .map(|(_, text)| text.as_str())
        .filter(|t| parse_number(t, whole).map_or(true, |x| x == props.value));
    let text = draft_shown.map_or_else(|| props.value.to_string(), str::to_string);
    let local_error = draft_shown.and_then(|t| parse_number(t, whole).err());
    let report_unread = use_report_unread(props.id.clone(), local_error.is_some());

    let oninput = {
        let draft = draft.clone();
        let on_change = props.on_change.clone();
        let id = props.id.clone();
        Callback::from(move |event: InputEvent| {
            let text = event.target_unchecked_into::<HtmlInputElement>().value();
            let parsed = parse_number(&text, whole);
            draft.set(Some((id.clone(), text)));
            report_unread.emit(parsed.is_err());
            if let Ok(x) = parsed {
                on_change.emit(x);
            }
        })
    };
    let error_id = format!("{}-nan", props.id);
    // Text that is not a number has only its own note: the field's other
    // problems are about the last number, no longer on screen (and hidden
    // by the stylesheet).
    let described_by = match local_error {
        Some(_) => Some(AttrValue::from(error_id.clone())),
        None => props.described_by.clone(),
    };
    html! {
        <>
            <input
                id={props.id.clone()}
                type="text"
                inputmode={if whole { "numeric" } else { "decimal" }}
                autocomplete="off"
                value={text}
                aria-label={props.aria_label.clone()}
                aria-invalid={(props.invalid || local_error.is_some()).to_string()}
                // Text the journey never took in keeps the browser's undo.
                data-unread={local_error.map(|_| "true")}
                aria-describedby={described_by}
                {oninput}
            />
            if let Some(error) = local_error {
                <p id={error_id} class="field-error">{error}</p>
            }
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::parse_number;

    #[test]
    fn numbers_parse_and_nonsense_does_not() {
        assert_eq!(parse_number(" 30,000 ", false), Ok(30_000.0));
        assert_eq!(parse_number("0.45", false), Ok(0.45));
        assert_eq!(parse_number("1.5", false), Ok(1.5));
        for bad in ["", "abc", "inf", "NaN", "1e999", "0.4.5"] {
            assert_eq!(parse_number(bad, false), Err("not a number"), "{bad:?}");
        }
        assert_eq!(parse_number("1,500.25", false), Ok(1_500.25));
        assert_eq!(parse_number("-12,345,678", false), Ok(-12_345_678.0));
        for comma in ["0,5", "1,5", "1,50", "1,000,00", ",5", "1000,000", "0.5,0"] {
            assert_eq!(
                parse_number(comma, false),
                Err("not a number: use a point for decimals, as in 0.5"),
                "{comma:?}"
            );
        }
        assert!(
            parse_number("30%", false)
                .unwrap_err()
                .contains("0.3 for 30%")
        );
        assert!(
            parse_number("$45", false)
                .unwrap_err()
                .contains("currency sign")
        );
        assert!(
            parse_number("€ 1,500", false)
                .unwrap_err()
                .contains("currency sign")
        );
        assert!(
            parse_number("20k", false)
                .unwrap_err()
                .contains("20000 for 20k")
        );
        assert!(parse_number("1.5M", false).unwrap_err().contains("in full"));
        assert_eq!(parse_number("36", true), Ok(36.0));
        assert_eq!(parse_number("2.5", true), Err("not a whole number"));
        assert_eq!(parse_number("-1", true), Err("not a whole number"));
    }
}

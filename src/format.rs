//! Numbers as people read them: money in the scenario's currency, shares as
//! percentages, counts with thousands separators. English conventions
//! (`$1.23M`, `−€450k`, `62.4%`); a minus sign is U+2212 so it reads as one.

const MINUS: char = '\u{2212}';
/// Between a sign and a currency symbol: line breaking allows a break
/// there (both are prefixes), which left "−" at the end of one line and
/// "$843k" on the next. The word joiner forbids it and is invisible.
const JOIN: char = '\u{2060}';

/// The symbol written before an amount, or the ISO code and a space for
/// currencies without a widely known symbol.
fn currency_prefix(currency: &str) -> String {
    match currency {
        "USD" => "$".to_string(),
        "EUR" => "€".to_string(),
        "GBP" => "£".to_string(),
        "JPY" => "¥".to_string(),
        "INR" => "₹".to_string(),
        "CAD" => "CA$".to_string(),
        "AUD" => "A$".to_string(),
        other => format!("{other}\u{a0}"),
    }
}

/// A money amount, compact above 10,000: `$4,120`, `$12.3k`, `−$1.23M`, `€2.05B`.
pub fn money(value: f64, currency: &str) -> String {
    scaled(value, &currency_prefix(currency), value)
}

/// A money amount on a chart's axis, in the unit of the axis's largest
/// figure `top`, so that its labels read alike: `$5k`, `$10k`, `$15k`
/// rather than `$5,000`, `$10k`, `$15k`.
pub fn money_on_axis(value: f64, currency: &str, top: f64) -> String {
    scaled(value, &currency_prefix(currency), top)
}

/// A count of people, compact above 10,000: `950`, `4,120`, `12.3k`, `1.5M`.
pub fn count(value: f64) -> String {
    scaled(value, "", value)
}

/// A count on a chart's axis, in the unit of its largest figure `top`.
pub fn count_on_axis(value: f64, top: f64) -> String {
    scaled(value, "", top)
}

/// `value` after its sign and `prefix`, written in full when `top` is
/// under 10,000 and otherwise in `top`'s unit (k, M, B, T).
fn scaled(value: f64, prefix: &str, top: f64) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    let sign = if value < 0.0 && value.abs() >= 0.5 {
        format!("{MINUS}{JOIN}")
    } else {
        String::new()
    };
    format!("{sign}{prefix}{}", magnitude(value.abs(), top.abs()))
}

/// `low to high`, or nothing when both ends read the same: a figure with
/// no spread, such as a fixed investment's cost, shows its value alone.
pub fn range(low: String, high: String) -> Option<String> {
    (low != high).then(|| format!("{low} to {high}"))
}

/// `90%: low to high`, the 90% interval of a figure, or nothing when it has
/// no spread (see [`range`]).
pub fn interval(low: String, high: String) -> Option<String> {
    range(low, high).map(|r| format!("90%: {r}"))
}

/// A money amount with an explicit sign, for differences: `+$1.2M`, `−$30k`.
pub fn money_change(value: f64, currency: &str) -> String {
    with_plus(value, money(value, currency))
}

/// [`money_change`] on a chart's axis, in the unit of its largest figure.
pub fn money_change_on_axis(value: f64, currency: &str, top: f64) -> String {
    with_plus(value, money_on_axis(value, currency, top))
}

fn with_plus(value: f64, text: String) -> String {
    if value.is_finite() && value >= 0.5 {
        format!("+{JOIN}{text}")
    } else {
        text
    }
}

/// A non-negative amount in `top`'s unit, three significant digits: in
/// full when `top` is under 10,000.
fn magnitude(x: f64, top: f64) -> String {
    const UNITS: [(f64, &str); 4] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")];
    // A zero on an axis of thousands reads "0", not "0k".
    if top < 10_000.0 || x < 0.5 {
        return grouped(x.round() as u64);
    }
    let i = UNITS
        .iter()
        .position(|&(scale, _)| top >= scale)
        .unwrap_or(0);
    let (scale, unit) = UNITS[i];
    // Past a thousand trillion, a power of ten keeps the figure short.
    if x >= 999.5e12 {
        let power = x.log10().floor();
        let digits = three_digits(x / 10f64.powf(power));
        return match digits.as_str() {
            "10" => format!("1e{}", power + 1.0),
            _ => format!("{digits}e{power}"),
        };
    }
    let digits = three_digits(x / scale);
    // 999,950 rounds to "1000k": say "1M" instead.
    match (digits.as_str(), i.checked_sub(1)) {
        ("1000", Some(up)) => format!("1{}", UNITS[up].1),
        _ => format!("{digits}{unit}"),
    }
}

/// `12.3`, `123`, `1.23`: three significant digits, no trailing zeros.
fn three_digits(x: f64) -> String {
    let decimals = if x >= 100.0 {
        0
    } else if x >= 10.0 {
        1
    } else {
        2
    };
    let text = format!("{x:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// An integer with comma thousands separators: `12,345`.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A number of trials: `1 trial`, `2,000 trials`.
pub fn trials(n: u32) -> String {
    let noun = if n == 1 { "trial" } else { "trials" };
    format!("{} {noun}", grouped(u64::from(n)))
}

/// Names in a sentence: `A`, `A and B`, `A, B and C`.
pub fn listed(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [only] => (*only).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Why `what` could not be opened, then what was done instead. A reason
/// that is a list of problems (one per line) comes last, so that the
/// message ends with the list rather than a sentence after it.
pub fn not_opened(what: &str, why: &str, instead: &str) -> String {
    match why.split_once('\n') {
        None => format!("{what} could not be opened: {why}. {instead}"),
        Some(_) => {
            // The engine's reasons start with a lowercase ASCII letter;
            // ASCII case needs no Unicode tables in the download.
            let mut why = why.to_string();
            if let Some(first) = why.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            format!("{what} could not be opened. {instead}\n{why}")
        }
    }
}

/// A share in [0, 1] as a percentage with one decimal: `62.4%`.
pub fn percent(share: f64) -> String {
    if !share.is_finite() {
        return "—".to_string();
    }
    signed(share * 100.0, 1, false) + "%"
}

/// A chance, or a share of trials: `62.4%`, or `under 0.1%` where a share
/// above zero would read `0.0%`, which sounds like a certainty the trials
/// cannot give (none of them).
pub fn chance(share: f64) -> String {
    if share > 0.0 && percent(share) == percent(0.0) {
        "under 0.1%".to_string()
    } else {
        percent(share)
    }
}

/// Whether a share reads below 100.0%: where it does not, "in 100.0% of
/// trials" says nothing, and a payback month is given without its share.
pub fn short_of_all(share: f64) -> bool {
    percent(share) != percent(1.0)
}

/// A ratio as a whole percentage with an explicit sign: ROI 0.85 is `+85%`.
pub fn percent_change(ratio: f64) -> String {
    if !ratio.is_finite() {
        return "—".to_string();
    }
    signed(ratio * 100.0, 0, true) + "%"
}

fn signed(x: f64, decimals: usize, plus: bool) -> String {
    let text = format!("{:.decimals$}", x.abs());
    let is_zero = text.chars().all(|c| c == '0' || c == '.');
    if is_zero {
        text
    } else if x < 0.0 {
        format!("{MINUS}{text}")
    } else if plus {
        format!("+{text}")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_of_problems_ends_the_message() {
        assert_eq!(
            not_opened("This link", "it is damaged", "Nothing changed."),
            "This link could not be opened: it is damaged. Nothing changed."
        );
        assert_eq!(
            not_opened(
                "This link",
                "it holds 2 problems:\nmonths: x\nstages: y",
                "Nothing changed."
            ),
            "This link could not be opened. Nothing changed.\nIt holds 2 problems:\nmonths: x\nstages: y"
        );
    }

    #[test]
    fn small_amounts_are_whole_and_grouped() {
        assert_eq!(money(0.0, "USD"), "$0");
        assert_eq!(money(412.4, "USD"), "$412");
        assert_eq!(money(4_120.0, "EUR"), "€4,120");
        assert_eq!(money(9_999.4, "GBP"), "£9,999");
    }

    #[test]
    fn large_amounts_keep_three_significant_digits() {
        assert_eq!(money(12_345.0, "USD"), "$12.3k");
        assert_eq!(money(450_000.0, "EUR"), "€450k");
        assert_eq!(money(1_234_567.0, "USD"), "$1.23M");
        assert_eq!(money(2_000_000.0, "USD"), "$2M");
        assert_eq!(money(20_500_000.0, "GBP"), "£20.5M");
        assert_eq!(money(3.1e9, "USD"), "$3.1B");
        assert_eq!(money(999_950.0, "USD"), "$1M");
        assert_eq!(money(9_999.7, "USD"), "$10,000");
        // Past a thousand trillion, a power of ten.
        assert_eq!(money(999.4e12, "USD"), "$999T");
        assert_eq!(money(999.6e12, "USD"), "$1e15");
        assert_eq!(money(1.17e21, "USD"), "$1.17e21");
        assert_eq!(money(-2e18, "EUR"), "\u{2212}\u{2060}€2e18");
        assert_eq!(count(1.5e15), "1.5e15");
        assert_eq!(money_on_axis(5e14, "USD", 1.5e15), "$500T");
    }

    #[test]
    fn counts_read_like_money_without_a_symbol() {
        assert_eq!(count(0.0), "0");
        assert_eq!(count(950.4), "950");
        assert_eq!(count(4_120.0), "4,120");
        assert_eq!(count(12_345.0), "12.3k");
        assert_eq!(count(1_500_000.0), "1.5M");
        assert_eq!(count(999_950.0), "1M");
        assert_eq!(count(-20_000.0), "\u{2212}\u{2060}20k");
        assert_eq!(count(f64::NAN), "—");
    }

    #[test]
    fn an_axis_writes_every_label_in_its_largest_figures_unit() {
        let axis = |top: f64, ticks: &[f64]| -> Vec<String> {
            ticks
                .iter()
                .map(|&t| money_on_axis(t, "USD", top))
                .collect()
        };
        assert_eq!(
            axis(15_000.0, &[0.0, 5_000.0, 10_000.0, 15_000.0]),
            ["$0", "$5k", "$10k", "$15k"]
        );
        assert_eq!(
            axis(1_250_000.0, &[-250_000.0, 0.0, 500_000.0, 1_250_000.0]),
            ["\u{2212}\u{2060}$0.25M", "$0", "$0.5M", "$1.25M"]
        );
        assert_eq!(axis(8_000.0, &[2_000.0, 8_000.0]), ["$2,000", "$8,000"]);
        assert_eq!(count_on_axis(2_500.0, 12_500.0), "2.5k");
        assert_eq!(count_on_axis(400.0, 1_200.0), "400");
    }

    #[test]
    fn one_trial_is_singular() {
        assert_eq!(trials(1), "1 trial");
        assert_eq!(trials(0), "0 trials");
        assert_eq!(trials(2_000), "2,000 trials");
    }

    #[test]
    fn signs_are_a_true_minus_or_plus_that_no_line_break_parts_from_the_symbol() {
        assert_eq!(money(-1_234_567.0, "USD"), "\u{2212}\u{2060}$1.23M");
        assert_eq!(money(-0.2, "USD"), "$0");
        assert_eq!(money_change(-30_000.0, "EUR"), "\u{2212}\u{2060}€30k");
        assert_eq!(money_change(1_200_000.0, "USD"), "+\u{2060}$1.2M");
        assert_eq!(money_change(0.0, "USD"), "$0");
    }

    #[test]
    fn a_range_without_spread_is_not_shown() {
        assert_eq!(
            range(money(2e5, "USD"), money(3e5, "USD")).as_deref(),
            Some("$200k to $300k")
        );
        assert_eq!(
            range(money(517_030.0, "USD"), money(517_040.0, "USD")),
            None
        );
        assert_eq!(
            interval(percent(0.2), percent(0.3)).as_deref(),
            Some("90%: 20.0% to 30.0%")
        );
        assert_eq!(interval(percent(0.2), percent(0.2)), None);
    }

    #[test]
    fn unknown_currencies_use_their_code() {
        assert_eq!(money(1_500.0, "CHF"), "CHF\u{a0}1,500");
    }

    #[test]
    fn undefined_values_show_a_dash() {
        assert_eq!(money(f64::NAN, "USD"), "—");
        assert_eq!(percent(f64::INFINITY), "—");
        assert_eq!(percent_change(f64::NAN), "—");
    }

    #[test]
    fn grouping() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_000), "1,000");
        assert_eq!(grouped(10_000), "10,000");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }

    #[test]
    fn lists_read_as_a_sentence() {
        assert_eq!(listed(&[]), "");
        assert_eq!(listed(&["A"]), "A");
        assert_eq!(listed(&["A", "B"]), "A and B");
        assert_eq!(listed(&["A", "B", "C"]), "A, B and C");
    }

    #[test]
    fn percentages() {
        assert_eq!(percent(0.624), "62.4%");
        assert_eq!(percent(1.0), "100.0%");
        assert_eq!(percent(0.0), "0.0%");
        assert_eq!(chance(0.0004), "under 0.1%");
        assert_eq!(chance(0.0006), "0.1%");
        assert_eq!(chance(0.0), "0.0%");
        assert_eq!(percent_change(0.853), "+85%");
        assert_eq!(percent_change(-0.42), "\u{2212}42%");
        assert_eq!(percent_change(-0.001), "0%");
    }
}

//! Scenario values as the assumptions table writes them: a point value as
//! itself, a 90% interval as "low–high" (`15–30%`, `$3k–$12k`).

use journey_core::{StageDrop, Uncertain};

use crate::format::{grouped, money, money_on_axis};

/// An en dash, then a word joiner: a line may break after an en dash,
/// which split ranges in narrow table cells ("$1,500–" / "$6,000").
const DASH: &str = "–\u{2060}";

/// Up to three significant digits, trailing zeros dropped; whole and
/// grouped from 1,000.
fn plain(x: f64) -> String {
    if !x.is_finite() {
        return "—".to_string();
    }
    if x.abs() >= 1_000.0 {
        let text = grouped(x.abs().round() as u64);
        return if x < 0.0 {
            format!("\u{2212}{text}")
        } else {
            text
        };
    }
    let decimals = match x.abs() {
        a if a >= 100.0 => 0,
        a if a >= 10.0 => 1,
        a if a >= 1.0 => 2,
        a if a >= 0.1 => 3,
        a if a >= 0.01 => 4,
        _ => 5,
    };
    let text = format!("{x:.decimals$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        &text
    };
    if text == "-0" {
        "0".to_string()
    } else {
        text.replace('-', "\u{2212}")
    }
}

fn either(value: &Uncertain, one: impl Fn(f64) -> String, suffix: &str) -> String {
    match *value {
        Uncertain::Point(x) => format!("{}{suffix}", one(x)),
        Uncertain::Range { low, high } => format!("{}{DASH}{}{suffix}", one(low), one(high)),
    }
}

/// A probability as a percentage: `20%`, `0.1–0.4%`.
pub fn probability(value: &Uncertain) -> String {
    either(value, |x| plain(x * 100.0), "%")
}

/// A plain number such as a rate or a count: `0.02`, `4,000–6,000`.
pub fn number(value: &Uncertain) -> String {
    either(value, plain, "")
}

/// An amount of money, exact below 100 (`$2.5`), else as the results
/// write money, both ends of an interval in the same unit (`$3k–$12k`);
/// a zero amount is a dash, as nothing is spent or earned.
pub fn amount(value: &Uncertain, currency: &str) -> String {
    if value.is_zero() {
        return "—".to_string();
    }
    let exact = |x: f64| x.abs() < 100.0 && x.fract() != 0.0;
    if let Uncertain::Range { low, high } = *value
        && !exact(low)
        && !exact(high)
    {
        let top = low.abs().max(high.abs());
        return format!(
            "{}{DASH}{}",
            money_on_axis(low, currency, top),
            money_on_axis(high, currency, top)
        );
    }
    let one = |x: f64| {
        if exact(x) {
            let zero = money(0.0, currency);
            let prefix = zero.strip_suffix('0').unwrap_or("");
            format!("{prefix}{}", plain(x))
        } else {
            money(x, currency)
        }
    };
    either(value, one, "")
}

/// A stage's monthly drop: a probability, or sBG churn by its parameters,
/// each parameter's name kept on the line of its value.
pub fn stage_drop(drop: &StageDrop) -> String {
    match drop {
        StageDrop::Rate(rate) => probability(rate),
        StageDrop::Sbg { alpha, beta } => {
            format!("sBG α\u{a0}{}, β\u{a0}{}", number(alpha), number(beta))
        }
    }
}

/// What sBG parameters mean for a customer, at their central values: the
/// share who leave in their first month in the stage and in their 12th
/// (the hazard α / (α + β + τ − 1) of MODEL.md), as a reader can weigh it.
pub fn sbg_in_words(drop: &StageDrop) -> Option<String> {
    let StageDrop::Sbg { alpha, beta } = drop else {
        return None;
    };
    let (a, b) = (alpha.central(), beta.central());
    let leave = |tau: f64| probability(&Uncertain::Point(a / (a + b + tau - 1.0)));
    Some(format!(
        "about {} leave in their first month here, {} in their 12th",
        leave(1.0),
        leave(12.0)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The expected text, its dashes with the word joiner the page adds.
    fn joined(text: &str) -> String {
        text.replace('–', DASH)
    }

    fn range(low: f64, high: f64) -> Uncertain {
        Uncertain::Range { low, high }
    }

    #[test]
    fn probabilities_read_as_percentages() {
        assert_eq!(probability(&Uncertain::Point(0.2)), "20%");
        assert_eq!(probability(&Uncertain::Point(0.0125)), "1.25%");
        assert_eq!(probability(&Uncertain::Point(0.0)), "0%");
        assert_eq!(probability(&range(0.15, 0.3)), joined("15–30%"));
        assert_eq!(probability(&range(0.001, 0.004)), joined("0.1–0.4%"));
    }

    #[test]
    fn numbers_keep_three_significant_digits_or_group() {
        assert_eq!(number(&Uncertain::Point(0.02)), "0.02");
        assert_eq!(number(&range(0.005, 0.0125)), joined("0.005–0.0125"));
        assert_eq!(number(&Uncertain::Point(5_000.0)), "5,000");
        assert_eq!(number(&range(3.8, 12.0)), joined("3.8–12"));
        assert_eq!(number(&Uncertain::Point(-0.0)), "0");
    }

    #[test]
    fn amounts_use_the_currency() {
        assert_eq!(amount(&Uncertain::Point(4_000.0), "USD"), "$4,000");
        assert_eq!(amount(&range(3_000.0, 12_000.0), "EUR"), joined("€3k–€12k"));
        assert_eq!(
            amount(&range(2_500.0, 7_500.0), "USD"),
            joined("$2,500–$7,500")
        );
        assert_eq!(amount(&Uncertain::Point(2.5), "GBP"), "£2.5");
        assert_eq!(amount(&Uncertain::Point(30.0), "CHF"), "CHF\u{a0}30");
        assert_eq!(amount(&Uncertain::Point(2.5), "CHF"), "CHF\u{a0}2.5");
        assert_eq!(amount(&Uncertain::ZERO, "USD"), "—");
    }

    #[test]
    fn drops_are_rates_or_sbg_parameters() {
        assert_eq!(stage_drop(&StageDrop::Rate(Uncertain::Point(0.08))), "8%");
        let sbg = StageDrop::Sbg {
            alpha: Uncertain::Point(0.7),
            beta: range(3.0, 4.5),
        };
        assert_eq!(stage_drop(&sbg), joined("sBG α\u{a0}0.7, β\u{a0}3–4.5"));
        // At α 0.7 and β 3.75: 0.7 / 4.45 and 0.7 / 15.45.
        assert_eq!(
            sbg_in_words(&sbg).as_deref(),
            Some("about 15.7% leave in their first month here, 4.53% in their 12th")
        );
        assert_eq!(sbg_in_words(&StageDrop::Rate(Uncertain::Point(0.08))), None);
    }
}

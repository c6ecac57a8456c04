//! The executive report's headline in words: one sentence pair per
//! investment option, best first, and one on the journey as it stands.
//! Figures are written exactly as the result cards write them, so the
//! report and the workspace never disagree.

use journey_core::order::sort_descending_by;
use journey_core::{Report, Uplift, VariantReport};

use crate::format::{chance, grouped, money, money_change, percent, short_of_all};

/// What a figure in a sentence is, so the page can mark it up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure {
    /// An option's mean NPV uplift, without its sign (the verb says it).
    Uplift,
    /// The 5th and 95th percentiles of a result, written as on the cards.
    Low,
    High,
    /// An option's mean investment, discounted (its present value).
    Cost,
    Payback,
    RoiChance,
    Npv,
    Clv,
    Retention,
}

/// A piece of a sentence: plain words, or a figure.
#[derive(Clone, Debug, PartialEq)]
pub enum Piece {
    Words(String),
    Figure(Figure, String),
}

/// A few sentences made of words and figures.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sentence(pub Vec<Piece>);

impl Sentence {
    fn words(&mut self, text: impl Into<String>) -> &mut Self {
        self.0.push(Piece::Words(text.into()));
        self
    }

    fn figure(&mut self, figure: Figure, text: impl Into<String>) -> &mut Self {
        self.0.push(Piece::Figure(figure, text.into()));
        self
    }

    /// ", 90% likely between LOW and HIGH", or nothing when both ends
    /// read the same (one trial, or a figure without spread), as the
    /// cards show no interval then.
    fn interval(&mut self, low: String, high: String) -> &mut Self {
        if low != high {
            self.words(", 90% likely between ")
                .figure(Figure::Low, low)
                .words(" and ")
                .figure(Figure::High, high);
        }
        self
    }

    /// The plain text, as read aloud.
    pub fn text(&self) -> String {
        self.0
            .iter()
            .map(|piece| match piece {
                Piece::Words(text) | Piece::Figure(_, text) => text.as_str(),
            })
            .collect()
    }

    /// The text of the first figure of kind `figure`.
    pub fn figure_text(&self, figure: Figure) -> Option<&str> {
        self.0.iter().find_map(|piece| match piece {
            Piece::Figure(f, text) if *f == figure => Some(text.as_str()),
            _ => None,
        })
    }
}

/// The headline of one investment option.
#[derive(Clone, Debug, PartialEq)]
pub struct OptionHeadline {
    /// Which of `report.results` (never 0, the baseline).
    pub variant: usize,
    pub name: String,
    /// The highest mean NPV uplift of all options.
    pub best: bool,
    pub sentence: Sentence,
    /// Where its value comes from; see [`how_it_works`].
    pub how: Option<String>,
}

/// The investment options by mean NPV uplift, highest first; options
/// whose mean is undefined come last, in their own order.
pub fn options_best_first(report: &Report) -> Vec<usize> {
    let mut options: Vec<(usize, f64)> = report
        .results
        .iter()
        .enumerate()
        .filter_map(|(v, variant)| Some((v, variant.uplift.as_ref()?.uplift_npv.mean)))
        .collect();
    let key = |x: f64| if x.is_finite() { x } else { f64::NEG_INFINITY };
    sort_descending_by(&mut options, |option| key(option.1));
    options.into_iter().map(|(v, _)| v).collect()
}

/// Option `v`'s mean NPV uplift.
fn uplift_npv(report: &Report, v: usize) -> Option<f64> {
    Some(report.results.get(v)?.uplift.as_ref()?.uplift_npv.mean)
}

/// Whether some option adds NPV on average.
fn any_adds_npv(report: &Report) -> bool {
    report
        .results
        .iter()
        .filter_map(|v| v.uplift.as_ref())
        .any(|u| u.uplift_npv.mean > 0.0)
}

/// The option with the highest mean NPV uplift, if that uplift is above
/// zero and no other option's reads the same: an option that loses NPV is
/// never called the best, even when the others lose more, and of options
/// that tie none is.
pub fn best_option(report: &Report) -> Option<usize> {
    let order = options_best_first(report);
    let first = *order.first()?;
    let top = uplift_npv(report, first).filter(|&top| top > 0.0)?;
    let reads = |x: f64| money(x, &report.currency);
    let tied = order
        .get(1)
        .and_then(|&v| uplift_npv(report, v))
        .is_some_and(|next| reads(next) == reads(top));
    (!tied).then_some(first)
}

/// What the report says when options were compared and none adds NPV.
pub fn none_adds_npv(report: &Report, months: u32) -> Option<String> {
    let options = report.results.iter().filter(|r| r.uplift.is_some()).count();
    (options > 0 && !any_adds_npv(report)).then(|| {
        let (none, without) = if options == 1 {
            ("This option does not add", "it")
        } else {
            ("None of these options adds", "any of them")
        };
        format!(
            "{none} NPV on average over {months} months: the journey is worth more \
             without {without}."
        )
    })
}

/// Payback as the comparison table writes it: `month 14`.
fn month(x: f64) -> String {
    format!("month {x:.0}")
}

/// The second sentence of an option: when it pays back, and how likely
/// its ROI is positive.
fn payback_and_roi(sentence: &mut Sentence, uplift: &Uplift<journey_core::Summary>, months: u32) {
    if uplift.roi.is_none() {
        sentence.words(" It needs no investment, so it has no ROI.");
        return;
    }
    let share = uplift.prob_payback.unwrap_or(0.0);
    match &uplift.payback_month {
        // The share is left out only where the tables would write 100.0%.
        Some(payback) if !short_of_all(share) => {
            sentence
                .words(" It pays back in ")
                .figure(Figure::Payback, month(payback.p50));
        }
        Some(payback) if share >= 0.5 => {
            sentence
                .words(" It pays back in ")
                .words(percent(share))
                .words(" of trials, typically in ")
                .figure(Figure::Payback, month(payback.p50));
        }
        Some(_) if share > 0.0 => {
            sentence
                .words(format!(" It pays back within {months} months in only "))
                .words(chance(share))
                .words(" of trials");
        }
        _ => {
            sentence.words(format!(" It does not pay back within {months} months"));
        }
    }
    match uplift.prob_positive_roi {
        // "0.0%" would read as a certainty the trials cannot give.
        Some(p) if p <= 0.0 => {
            sentence.words("; no trial had a positive ROI.");
        }
        Some(p) => {
            sentence
                .words("; the chance of a positive ROI is ")
                .figure(Figure::RoiChance, chance(p))
                .words(".");
        }
        None => {
            sentence.words(".");
        }
    }
}

fn option_sentence(
    variant: &VariantReport<journey_core::Summary, journey_core::Band>,
    uplift: &Uplift<journey_core::Summary>,
    currency: &str,
    months: u32,
) -> Sentence {
    let npv = &uplift.uplift_npv;
    let verb = if npv.mean < 0.0 && money(npv.mean, currency) != money(0.0, currency) {
        " loses "
    } else {
        " adds "
    };
    let mut sentence = Sentence::default();
    sentence
        .words(variant.name.clone())
        .words(verb)
        .figure(Figure::Uplift, money(npv.mean.abs(), currency))
        .words(format!(" of NPV over {months} months"))
        .interval(
            money_change(npv.p05, currency),
            money_change(npv.p95, currency),
        )
        .words(".");
    let cost = money(uplift.investment_pv.mean, currency);
    if cost != money(0.0, currency) {
        sentence
            .words(" That is after its cost, ")
            .figure(Figure::Cost, cost)
            .words(" in today's money.");
    }
    payback_and_roi(&mut sentence, uplift, months);
    sentence
}

/// When the option with the highest mean NPV uplift may lose money (its
/// 90% interval starts below zero) and another cannot (its interval stays
/// above), the report says so: the highest average is not the only way to
/// choose. The other is the one of those with the highest mean.
pub fn safer_option(report: &Report) -> Option<String> {
    let currency = report.currency.as_str();
    let low = |v: usize| Some(report.results.get(v)?.uplift.as_ref()?.uplift_npv.p05);
    let best = best_option(report)?;
    let best_low = low(best).filter(|&x| money_change(x, currency).starts_with('\u{2212}'))?;
    let safer = options_best_first(report).into_iter().find(|&v| {
        v != best && low(v).is_some_and(|x| money_change(x, currency).starts_with('+'))
    })?;
    let npv = &report.results[safer].uplift.as_ref()?.uplift_npv;
    Some(format!(
        "“{}” adds less on average, but it is the safer choice: its 90% interval, {} to {}, \
         stays above zero, where “{}” may lose up to {}.",
        report.results[safer].name,
        money_change(npv.p05, currency),
        money_change(npv.p95, currency),
        report.results[best].name,
        money(-best_low, currency),
    ))
}

/// Where option `v`'s value comes from, against the baseline: what a
/// customer is worth (CLV, 12-month retention) and how many customers it
/// wins. CLV counts from the purchase on, so an option that acts only
/// before it changes the number of customers, not their worth. `None` when
/// it changes neither, as the figures are written.
pub fn how_it_works(report: &Report, v: usize, months: u32) -> Option<String> {
    let base = &report.results.first()?.summary;
    let option = &report.results.get(v)?.summary;
    let currency = report.currency.as_str();
    let moved = |name: &str, from: String, to: String, up: bool| {
        (from != to).then(|| {
            let verb = if up { "raises" } else { "lowers" };
            (verb, format!("{name} from {from} to {to}"))
        })
    };
    let changes: Vec<(&str, String)> = [
        moved(
            "CLV",
            money(base.clv.mean, currency),
            money(option.clv.mean, currency),
            option.clv.mean > base.clv.mean,
        ),
        moved(
            "12-month retention",
            percent(base.retention_12m.mean),
            percent(option.retention_12m.mean),
            option.retention_12m.mean > base.retention_12m.mean,
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    // "raises CLV … and 12-month retention …": a verb said once is enough.
    let worth = match changes.as_slice() {
        [] => None,
        [(verb, what)] => Some(format!("{verb} {what}")),
        [(verb, first), (again, second), ..] if verb == again => {
            Some(format!("{verb} {first} and {second}"))
        }
        [(verb, first), (other, second), ..] => {
            Some(format!("{verb} {first} and {other} {second}"))
        }
    };
    let won = (option.customers_acquired.mean - base.customers_acquired.mean).round();
    let customers = (won.is_finite() && won != 0.0).then(|| {
        let more = if won > 0.0 { "more" } else { "fewer" };
        // The share gives the count its scale.
        let base_won = base.customers_acquired.mean;
        let share = if base_won > 0.0 {
            // A few customers among many would read "0.0% more".
            let scale = match percent(won.abs() / base_won) {
                zero if zero == "0.0%" => "less than 0.1%".to_string(),
                scale => scale,
            };
            format!(" ({scale} {more})")
        } else {
            String::new()
        };
        format!(
            "{} {more} customers over {months} months{share}",
            grouped(won.abs() as u64)
        )
    });
    match (worth, customers) {
        (None, None) => None,
        (None, Some(customers)) => Some(format!(
            "It wins {customers}; what each is worth (CLV {}) does not change.",
            money(option.clv.mean, currency)
        )),
        (Some(worth), None) => Some(format!("It {worth}.")),
        (Some(worth), Some(customers)) => Some(format!("It {worth}, and wins {customers}.")),
    }
}

/// One headline per investment option, best first; empty for a journey
/// without options.
pub fn option_headlines(report: &Report, months: u32) -> Vec<OptionHeadline> {
    let best = best_option(report);
    options_best_first(report)
        .into_iter()
        .filter_map(|v| {
            let variant = &report.results[v];
            let uplift = variant.uplift.as_ref()?;
            Some(OptionHeadline {
                variant: v,
                name: variant.name.clone(),
                best: best == Some(v),
                sentence: option_sentence(variant, uplift, &report.currency, months),
                how: how_it_works(report, v, months),
            })
        })
        .collect()
}

/// The journey as it stands: its NPV, what a customer is worth and how
/// many stay a year; `None` for a report without results.
pub fn baseline_headline(report: &Report, months: u32) -> Option<Sentence> {
    let baseline = report.results.first()?;
    let currency = report.currency.as_str();
    let summary = &baseline.summary;
    let opening = if report.results.len() > 1 {
        "Without any of these investments, the journey is worth "
    } else {
        "As it stands, the journey is worth "
    };
    let mut sentence = Sentence::default();
    sentence
        .words(opening)
        .figure(Figure::Npv, money(summary.npv.mean, currency))
        .words(format!(" of NPV over {months} months"))
        .interval(
            money(summary.npv.p05, currency),
            money(summary.npv.p95, currency),
        )
        .words(". A new customer is worth ")
        .figure(Figure::Clv, money(summary.clv.mean, currency))
        .words(" over their lifetime (CLV), and ")
        .figure(Figure::Retention, percent(summary.retention_12m.mean))
        .words(" of new customers are still customers after 12 months.");
    Some(sentence)
}

#[cfg(test)]
mod tests {
    use journey_core::{Band, Outcomes, Series, Summary};

    use super::*;

    fn summary(mean: f64, p05: f64, p95: f64) -> Summary {
        Summary {
            mean,
            sd: 0.0,
            p05,
            p50: mean,
            p95,
        }
    }

    fn variant(name: &str, uplift: Option<Uplift<Summary>>) -> VariantReport<Summary, Band> {
        let s = summary(0.0, 0.0, 0.0);
        VariantReport {
            name: name.to_string(),
            summary: Outcomes {
                total_revenue: s,
                total_cost: s,
                total_margin: s,
                npv: summary(2_500_000.0, 2_000_000.0, 3_000_000.0),
                customers_acquired: s,
                active_customers_end: s,
                referrals: s,
                clv: summary(412.0, 300.0, 520.0),
                retention_12m: summary(0.624, 0.55, 0.7),
            },
            monthly: Series {
                active_customers: Band::default(),
                revenue: Band::default(),
                margin: Band::default(),
                cumulative_npv: Band::default(),
                acquired: Band::default(),
                churned: Band::default(),
                cumulative_uplift_npv: None,
            },
            uplift,
            stages: Vec::new(),
        }
    }

    /// An option with this NPV uplift, paying back in month 14 in
    /// `pays_back` of trials, with an 83% chance of a positive ROI.
    fn uplift(mean: f64, p05: f64, p95: f64, pays_back: f64) -> Uplift<Summary> {
        Uplift {
            uplift_revenue: summary(mean, p05, p95),
            uplift_npv: summary(mean, p05, p95),
            investment_pv: summary(500_000.0, 500_000.0, 500_000.0),
            roi: Some(summary(mean / 500_000.0, p05 / 500_000.0, p95 / 500_000.0)),
            payback_month: (pays_back > 0.0).then(|| summary(13.6, 9.0, 30.0)),
            prob_positive_roi: Some(0.83),
            prob_payback: Some(pays_back),
        }
    }

    fn report(currency: &str, results: Vec<VariantReport<Summary, Band>>) -> Report {
        Report {
            engine: String::new(),
            generator: String::new(),
            trials: 1000,
            seed: 1,
            currency: currency.to_string(),
            results,
        }
    }

    fn texts(report: &Report) -> Vec<String> {
        option_headlines(report, 36)
            .iter()
            .map(|h| h.sentence.text())
            .collect()
    }

    #[test]
    fn an_option_reads_as_uplift_interval_payback_and_chance() {
        let r = report(
            "USD",
            vec![
                variant("Baseline", None),
                variant(
                    "Fix onboarding",
                    Some(uplift(1_234_567.0, 400_000.0, 2_100_000.0, 1.0)),
                ),
            ],
        );
        assert_eq!(
            texts(&r),
            [
                "Fix onboarding adds $1.23M of NPV over 36 months, 90% likely between \
              +\u{2060}$400k and +\u{2060}$2.1M. That is after its cost, $500k in today's money. \
              It pays back in month 14; the chance of a positive ROI is 83.0%."
            ]
        );
        let headline = &option_headlines(&r, 36)[0];
        assert!(headline.best);
        assert_eq!(
            headline.sentence.figure_text(Figure::Uplift),
            Some("$1.23M")
        );
        assert_eq!(
            headline.sentence.figure_text(Figure::Low),
            Some("+\u{2060}$400k")
        );
        assert_eq!(
            headline.sentence.figure_text(Figure::High),
            Some("+\u{2060}$2.1M")
        );
        assert_eq!(headline.sentence.figure_text(Figure::Cost), Some("$500k"));
    }

    #[test]
    fn the_payback_share_is_left_out_only_where_it_reads_100_percent() {
        let payback = |share: f64| {
            let r = report(
                "USD",
                vec![
                    variant("Baseline", None),
                    variant("Fix", Some(uplift(1e6, 4e5, 2e6, share))),
                ],
            );
            texts(&r)[0].split(". ").nth(2).unwrap().to_string()
        };
        assert_eq!(
            payback(0.9996),
            "It pays back in month 14; the chance of a positive ROI is 83.0%."
        );
        assert_eq!(
            payback(0.997),
            "It pays back in 99.7% of trials, typically in month 14; the chance of a positive ROI \
             is 83.0%."
        );
    }

    #[test]
    fn a_chance_no_trial_or_almost_none_saw_is_not_written_0_percent() {
        let chance = |p: f64| {
            let mut losing = uplift(-1e6, -2e6, -5e5, 0.0);
            losing.prob_positive_roi = Some(p);
            let r = report(
                "USD",
                vec![variant("Baseline", None), variant("Ads", Some(losing))],
            );
            texts(&r)[0].split(". ").nth(2).unwrap().to_string()
        };
        assert_eq!(
            chance(0.0),
            "It does not pay back within 36 months; no trial had a positive ROI."
        );
        assert_eq!(
            chance(0.0004),
            "It does not pay back within 36 months; the chance of a positive ROI is under 0.1%."
        );
        assert!(chance(0.0006).ends_with("the chance of a positive ROI is 0.1%."));
        // Nor is the share of trials that pay back.
        let rare = report(
            "USD",
            vec![
                variant("Baseline", None),
                variant("Ads", Some(uplift(-1e6, -2e6, -5e5, 0.0003))),
            ],
        );
        assert!(
            texts(&rare)[0].contains("It pays back within 36 months in only under 0.1% of trials;"),
            "{}",
            texts(&rare)[0]
        );
    }

    #[test]
    fn a_safer_option_is_named_when_the_best_may_lose_and_it_cannot() {
        let r = report(
            "EUR",
            vec![
                variant("Baseline", None),
                variant("Handover", Some(uplift(1.08e6, 1.65e5, 2.41e6, 0.99))),
                variant("Enablement", Some(uplift(1.58e6, -4.02e5, 4.65e6, 0.87))),
                variant("Awareness", Some(uplift(2e5, 1e4, 3e5, 0.9))),
            ],
        );
        assert_eq!(
            safer_option(&r).as_deref(),
            Some(
                "“Handover” adds less on average, but it is the safer choice: its 90% interval, \
                 +\u{2060}€165k to +\u{2060}€2.41M, stays above zero, where “Enablement” may lose \
                 up to €402k."
            )
        );
        // When the best cannot lose, or no other option is sure to gain,
        // nothing more is said.
        let sure = report(
            "EUR",
            vec![
                variant("Baseline", None),
                variant("Handover", Some(uplift(1.08e6, 1.65e5, 2.41e6, 0.99))),
                variant("Enablement", Some(uplift(1.58e6, 4.02e5, 4.65e6, 0.87))),
            ],
        );
        assert_eq!(safer_option(&sure), None);
        let risky = report(
            "EUR",
            vec![
                variant("Baseline", None),
                variant("Handover", Some(uplift(1.08e6, -1.65e5, 2.41e6, 0.99))),
                variant("Enablement", Some(uplift(1.58e6, -4.02e5, 4.65e6, 0.87))),
            ],
        );
        assert_eq!(safer_option(&risky), None);
    }

    #[test]
    fn options_come_best_first_and_losses_say_so() {
        let r = report(
            "USD",
            vec![
                variant("Baseline", None),
                variant(
                    "Awareness",
                    Some(uplift(-300_000.0, -800_000.0, 100_000.0, 0.3)),
                ),
                variant(
                    "Fix onboarding",
                    Some(uplift(900_000.0, 100_000.0, 1_500_000.0, 0.87)),
                ),
                variant("Checkout", Some(uplift(f64::NAN, f64::NAN, f64::NAN, 0.0))),
            ],
        );
        let headlines = option_headlines(&r, 36);
        let order: Vec<(&str, bool)> = headlines
            .iter()
            .map(|h| (h.name.as_str(), h.best))
            .collect();
        assert_eq!(
            order,
            [
                ("Fix onboarding", true),
                ("Awareness", false),
                ("Checkout", false)
            ]
        );
        assert_eq!(
            headlines[0].sentence.text(),
            "Fix onboarding adds $900k of NPV over 36 months, 90% likely between +\u{2060}$100k and \
             +\u{2060}$1.5M. That is after its cost, $500k in today's money. It pays back in 87.0% \
             of trials, typically in month 14; the chance of a positive ROI is 83.0%."
        );
        assert_eq!(
            headlines[1].sentence.text(),
            "Awareness loses $300k of NPV over 36 months, 90% likely between \u{2212}\u{2060}$800k and \
             +\u{2060}$100k. That is after its cost, $500k in today's money. It pays back within 36 \
             months in only 30.0% of trials; the chance of a positive ROI is 83.0%."
        );
    }

    #[test]
    fn an_option_that_loses_npv_is_never_the_best() {
        let losing = |name: &str, mean: f64| variant(name, Some(uplift(mean, -2e5, 1e5, 0.3)));
        let all_lose = report(
            "USD",
            vec![
                variant("Baseline", None),
                losing("Awareness", -300_000.0),
                losing("Checkout", -40_000.0),
            ],
        );
        assert_eq!(best_option(&all_lose), None);
        assert!(option_headlines(&all_lose, 36).iter().all(|h| !h.best));
        assert_eq!(
            none_adds_npv(&all_lose, 36).as_deref(),
            Some(
                "None of these options adds NPV on average over 36 months: the journey is \
                 worth more without any of them."
            )
        );

        let one = report(
            "USD",
            vec![variant("Baseline", None), losing("Checkout", 0.0)],
        );
        assert_eq!(best_option(&one), None, "no gain is no gain");
        assert_eq!(
            none_adds_npv(&one, 24).as_deref(),
            Some(
                "This option does not add NPV on average over 24 months: the journey is worth \
                 more without it."
            )
        );

        let one_gains = report(
            "USD",
            vec![
                variant("Baseline", None),
                losing("Awareness", -300_000.0),
                losing("Fix onboarding", 1.0),
            ],
        );
        assert_eq!(best_option(&one_gains), Some(2));
        assert_eq!(none_adds_npv(&one_gains, 36), None);

        // Options whose uplifts read the same tie: none is the best, and
        // the report does not say that none adds NPV.
        let tied = report(
            "USD",
            vec![
                variant("Baseline", None),
                losing("Option 4", 57_337.1),
                losing("Option 5", 57_337.1),
                losing("Option 6", 1_000.0),
            ],
        );
        assert_eq!(best_option(&tied), None);
        assert!(option_headlines(&tied, 36).iter().all(|h| !h.best));
        assert_eq!(none_adds_npv(&tied, 36), None);
        let nothing_to_compare = report("USD", vec![variant("Baseline", None)]);
        assert_eq!(none_adds_npv(&nothing_to_compare, 36), None);
    }

    #[test]
    fn an_option_that_never_pays_back_says_so() {
        let r = report(
            "USD",
            vec![
                variant("Baseline", None),
                variant(
                    "Campaign",
                    Some(uplift(-50_000.0, -90_000.0, -10_000.0, 0.0)),
                ),
            ],
        );
        let text = &texts(&r)[0];
        assert!(
            text.contains("It does not pay back within 36 months; the chance"),
            "{text}"
        );
        assert_eq!(
            option_headlines(&r, 36)[0]
                .sentence
                .figure_text(Figure::Payback),
            None
        );
    }

    #[test]
    fn an_option_without_spending_has_no_roi() {
        let free = Uplift {
            investment_pv: summary(0.0, 0.0, 0.0),
            roi: None,
            prob_positive_roi: None,
            ..uplift(0.0, 0.0, 0.0, 1.0)
        };
        let r = report(
            "USD",
            vec![variant("Baseline", None), variant("Nothing", Some(free))],
        );
        assert_eq!(
            texts(&r),
            [
                "Nothing adds $0 of NPV over 36 months. It needs no investment, so it has \
                 no ROI."
            ]
        );
    }

    #[test]
    fn how_an_option_works_is_told_against_the_baseline() {
        let with = |clv: f64, retention: f64, acquired: f64| {
            let mut v = variant("Option", Some(uplift(1.0, 0.0, 2.0, 1.0)));
            v.summary.clv = summary(clv, clv, clv);
            v.summary.retention_12m = summary(retention, retention, retention);
            v.summary.customers_acquired = summary(acquired, acquired, acquired);
            v
        };
        let mut baseline = variant("Baseline", None);
        baseline.summary.customers_acquired = summary(10_000.0, 9_000.0, 11_000.0);
        let how = |option| how_it_works(&report("USD", vec![baseline.clone(), option]), 1, 36);
        // After the purchase: a customer's worth, and referrals win more.
        assert_eq!(
            how(with(480.0, 0.701, 12_345.4)).as_deref(),
            Some(
                "It raises CLV from $412 to $480 and 12-month retention from 62.4% to 70.1%, \
                 and wins 2,345 more customers over 36 months (23.4% more)."
            )
        );
        assert_eq!(
            how(with(400.0, 0.624, 10_000.0)).as_deref(),
            Some("It lowers CLV from $412 to $400.")
        );
        // Before the purchase: more customers, each worth the same.
        assert_eq!(
            how(with(412.2, 0.6241, 13_000.0)).as_deref(),
            Some(
                "It wins 3,000 more customers over 36 months (30.0% more); what each is \
                 worth (CLV $412) does not change."
            )
        );
        assert_eq!(
            how(with(412.0, 0.624, 9_499.0)).as_deref(),
            Some(
                "It wins 501 fewer customers over 36 months (5.0% fewer); what each is worth \
                 (CLV $412) does not change."
            )
        );
        assert_eq!(
            how(with(480.0, 0.701, 10_004.0)).as_deref(),
            Some(
                "It raises CLV from $412 to $480 and 12-month retention from 62.4% to 70.1%, \
                 and wins 4 more customers over 36 months (less than 0.1% more)."
            )
        );
        // Nothing moves as the figures are written: nothing to say.
        assert_eq!(how(with(412.3, 0.6239, 10_000.4)), None);
    }

    #[test]
    fn a_journey_without_options_has_only_the_baseline() {
        let r = report("USD", vec![variant("Baseline", None)]);
        assert!(option_headlines(&r, 24).is_empty());
        assert_eq!(
            baseline_headline(&r, 24).map(|s| s.text()).as_deref(),
            Some(
                "As it stands, the journey is worth $2.5M of NPV over 24 months, 90% likely \
                 between $2M and $3M. A new customer is worth $412 over their lifetime (CLV), \
                 and 62.4% of new customers are still customers after 12 months."
            )
        );
        assert_eq!(baseline_headline(&report("USD", Vec::new()), 24), None);
    }

    #[test]
    fn the_baseline_is_framed_against_the_options_when_there_are_some() {
        let r = report(
            "USD",
            vec![
                variant("Baseline", None),
                variant("Fix", Some(uplift(1.0, 0.0, 2.0, 1.0))),
            ],
        );
        let text = baseline_headline(&r, 36).unwrap().text();
        assert!(text.starts_with("Without any of these investments, the journey is worth $2.5M"));
    }

    #[test]
    fn figures_use_the_scenarios_currency() {
        let r = report(
            "EUR",
            vec![
                variant("Baseline", None),
                variant("Fix", Some(uplift(45_000.0, -2_000.0, 90_000.0, 1.0))),
            ],
        );
        let text = &texts(&r)[0];
        assert!(
            text.starts_with(
                "Fix adds €45k of NPV over 36 months, 90% likely between \u{2212}\u{2060}€2,000 and +\u{2060}€90k."
            ),
            "{text}"
        );
        let r = report("CHF", vec![variant("Baseline", None)]);
        let text = baseline_headline(&r, 12).unwrap().text();
        assert!(text.contains("CHF\u{a0}2.5M"), "{text}");
    }
}

//! The figures of a result card as the page writes them, and what each was
//! in the run before, so a strategist trying a change sees what it moved.

use journey_core::{Report, Summary};

use crate::explain::{Kpi, month};
use crate::format::{chance, interval, money, money_change, percent, percent_change, short_of_all};

/// What a figure shows: its mean (with a test id where tests read it) and
/// a line below, usually the 90% interval.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub value: String,
    pub test_id: Option<&'static str>,
    pub note: Option<String>,
}

/// Figure `kpi` of card `index` (0 is the baseline); `None` when that card
/// has no such figure.
pub fn figure(report: &Report, index: usize, kpi: Kpi) -> Option<Figure> {
    let variant = report.results.get(index)?;
    let currency = report.currency.as_str();
    let spread = |s: &Summary, f: &dyn Fn(f64) -> String| interval(f(s.p05), f(s.p95));
    let cash = |x: f64| money(x, currency);
    let change = |x: f64| money_change(x, currency);
    let shown = |value: String, test_id, note| Figure {
        value,
        test_id,
        note,
    };
    let missing = |why: &str| shown("—".to_string(), None, Some(why.to_string()));
    let summary = &variant.summary;
    Some(match kpi {
        Kpi::Npv => shown(
            cash(summary.npv.mean),
            Some("npv-mean"),
            spread(&summary.npv, &cash),
        ),
        Kpi::Clv => shown(cash(summary.clv.mean), None, spread(&summary.clv, &cash)),
        Kpi::Retention => shown(
            percent(summary.retention_12m.mean),
            None,
            spread(&summary.retention_12m, &|x| percent(x)),
        ),
        Kpi::NpvUplift | Kpi::RevenueUplift | Kpi::Roi | Kpi::ProbPositiveRoi | Kpi::Payback => {
            let uplift = variant.uplift.as_ref()?;
            match kpi {
                Kpi::NpvUplift => shown(
                    change(uplift.uplift_npv.mean),
                    Some("uplift-mean"),
                    spread(&uplift.uplift_npv, &change),
                ),
                Kpi::RevenueUplift => shown(
                    change(uplift.uplift_revenue.mean),
                    None,
                    spread(&uplift.uplift_revenue, &change),
                ),
                Kpi::Roi => match &uplift.roi {
                    Some(roi) => shown(
                        percent_change(roi.mean),
                        Some("roi-mean"),
                        spread(roi, &|x| percent_change(x)),
                    ),
                    None => missing("no investment"),
                },
                Kpi::ProbPositiveRoi => match uplift.prob_positive_roi {
                    Some(p) => shown(chance(p), None, None),
                    None => missing("no investment"),
                },
                _ => match &uplift.payback_month {
                    Some(payback) => {
                        // Trials that never pay back have no month: the
                        // median is of those that do, so how many do comes
                        // first, unless it reads 100.0%.
                        let share = uplift
                            .prob_payback
                            .filter(|&p| short_of_all(p))
                            .map(|p| format!("pays back in {} of trials; ", chance(p)));
                        let spread = interval(month(payback.p05), month(payback.p95))
                            .map_or_else(String::new, |i| format!("; {i}"));
                        shown(
                            month(payback.p50),
                            None,
                            Some(format!("{}median{spread}", share.unwrap_or_default())),
                        )
                    }
                    None => missing("not within the horizon"),
                },
            }
        }
    })
}

/// Whether `previous` is a run the figures of `current` can be compared
/// with: the same seed and number of trials (and currency, so the figures
/// read in the same unit). The engine then draws the
/// same random numbers for both, so a difference comes from what changed
/// in the journey, not from chance.
pub fn comparable(current: &Report, previous: &Report) -> bool {
    current.seed == previous.seed
        && current.trials == previous.trials
        && current.currency == previous.currency
}

/// What figure `kpi`, reading `now` on the card named `name`, was in
/// `previous`, when it read differently: its value, or why it was missing
/// ("not within the horizon"). Cards match by name: the baseline, and each
/// option under its own name.
pub fn was(now: &Figure, name: &str, kpi: Kpi, previous: &Report) -> Option<String> {
    let before = previous.results.iter().position(|v| v.name == name)?;
    let then = figure(previous, before, kpi)?;
    if then.value == now.value {
        return None;
    }
    // "was —" says little: a missing figure says why it was missing.
    Some(match then.note {
        Some(why) if then.value == "—" => why,
        _ => then.value,
    })
}

/// Whether any figure of any card reads differently in `previous`.
pub fn any_changed(report: &Report, previous: &Report) -> bool {
    report.results.iter().enumerate().any(|(index, variant)| {
        Kpi::ALL.iter().any(|&kpi| {
            figure(report, index, kpi)
                .is_some_and(|now| was(&now, &variant.name, kpi, previous).is_some())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::DEFAULT_SCENARIO;
    use journey_core::{Journey, run_trials};

    /// What figure `kpi` of card `index` of `report` was in `previous`.
    fn was_of(report: &Report, index: usize, kpi: Kpi, previous: &Report) -> Option<String> {
        let now = figure(report, index, kpi)?;
        was(&now, &report.results[index].name, kpi, previous)
    }

    fn report_of(json: &str, seed: u64, trials: u32) -> Report {
        let journey = Journey::from_json(json).expect("valid journey");
        run_trials(&journey, seed, 0..trials).report(&journey, seed)
    }

    /// The default journey with its first stage's advance raised.
    fn improved() -> String {
        let mut json: serde_json::Value =
            serde_json::from_str(DEFAULT_SCENARIO).expect("default parses");
        let advance = &mut json["stages"][0]["advance"];
        let raised = advance.as_f64().expect("a point value") + 0.05;
        *advance = raised.into();
        json.to_string()
    }

    #[test]
    fn a_chance_that_is_not_quite_none_does_not_read_0_0() {
        let mut report = report_of(DEFAULT_SCENARIO, 1, 20);
        let chance = |report: &Report| figure(report, 1, Kpi::ProbPositiveRoi).unwrap().value;
        report.results[1].uplift.as_mut().unwrap().prob_positive_roi = Some(0.0004);
        assert_eq!(chance(&report), "under 0.1%");
        report.results[1].uplift.as_mut().unwrap().prob_positive_roi = Some(0.0);
        assert_eq!(chance(&report), "0.0%");
    }

    #[test]
    fn an_unchanged_run_has_nothing_to_say() {
        let a = report_of(DEFAULT_SCENARIO, 1, 20);
        let b = report_of(DEFAULT_SCENARIO, 1, 20);
        assert!(comparable(&a, &b));
        assert!(!any_changed(&a, &b));
        assert_eq!(was_of(&a, 0, Kpi::Npv, &b), None);
    }

    #[test]
    fn a_changed_figure_says_what_it_was() {
        let before = report_of(DEFAULT_SCENARIO, 1, 20);
        let after = report_of(&improved(), 1, 20);
        assert!(comparable(&after, &before));
        assert!(any_changed(&after, &before));
        let npv_before = figure(&before, 0, Kpi::Npv).expect("baseline NPV").value;
        assert_ne!(
            figure(&after, 0, Kpi::Npv).expect("baseline NPV").value,
            npv_before
        );
        assert_eq!(was_of(&after, 0, Kpi::Npv, &before), Some(npv_before));
    }

    #[test]
    fn another_seed_or_trial_count_is_not_compared() {
        let a = report_of(DEFAULT_SCENARIO, 1, 20);
        assert!(!comparable(&a, &report_of(DEFAULT_SCENARIO, 2, 20)));
        assert!(!comparable(&a, &report_of(DEFAULT_SCENARIO, 1, 21)));
    }

    #[test]
    fn cards_match_by_name() {
        let before = report_of(DEFAULT_SCENARIO, 1, 20);
        let mut after = report_of(&improved(), 1, 20);
        assert!(was_of(&after, 1, Kpi::Npv, &before).is_some());
        // A renamed option has no earlier run to compare with.
        after.results[1].name = "Something new".into();
        assert_eq!(was_of(&after, 1, Kpi::Npv, &before), None);
        // An option moved to another place is still found by its name.
        let mut reordered = before.clone();
        reordered.results.swap(1, 2);
        let now = report_of(&improved(), 1, 20);
        let was_before = was_of(&now, 2, Kpi::Npv, &before);
        assert!(was_before.is_some());
        assert_eq!(was_of(&now, 2, Kpi::Npv, &reordered), was_before);
        assert_eq!(was_of(&after, 9, Kpi::Npv, &before), None, "no such card");
    }

    #[test]
    fn a_figure_that_was_missing_says_why() {
        let now = report_of(DEFAULT_SCENARIO, 1, 20);
        let mut before = now.clone();
        let option = before.results[1].uplift.as_mut().expect("an option");
        option.payback_month = None;
        assert_eq!(
            was_of(&now, 1, Kpi::Payback, &before).as_deref(),
            Some("not within the horizon")
        );
    }

    #[test]
    fn payback_says_how_many_trials_pay_back_unless_all_do() {
        let mut report = report_of(DEFAULT_SCENARIO, 1, 20);
        let option = report.results[1].uplift.as_mut().expect("an option");
        let payback = option.payback_month.as_mut().expect("it pays back");
        (payback.p05, payback.p50, payback.p95) = (23.0, 31.0, 36.0);
        let note = |report: &Report| figure(report, 1, Kpi::Payback).unwrap().note.unwrap();
        report.results[1].uplift.as_mut().unwrap().prob_payback = Some(0.28);
        assert_eq!(
            note(&report),
            "pays back in 28.0% of trials; median; 90%: month 23 to month 36"
        );
        report.results[1].uplift.as_mut().unwrap().prob_payback = Some(0.9996);
        assert_eq!(note(&report), "median; 90%: month 23 to month 36");
        // A few trials in 10,000 are not "0.0%".
        report.results[1].uplift.as_mut().unwrap().prob_payback = Some(0.0003);
        assert_eq!(
            note(&report),
            "pays back in under 0.1% of trials; median; 90%: month 23 to month 36"
        );
    }
}

use journey_core::{Report, Summary};
use yew::prelude::*;

use crate::format::{
    chance, count, count_on_axis, money, money_change, percent, percent_change, range,
};
use crate::headline::best_option;

/// Payback as people say it: `month 14`, or a dash when no trial pays back.
fn month(x: f64) -> String {
    if x.is_finite() {
        format!("month {:.0}", x)
    } else {
        "—".to_string()
    }
}

/// The columns, in order: what a strategist compares across options.
const COLUMNS: [&str; 11] = [
    "NPV",
    "NPV uplift",
    "Revenue uplift",
    "Investment (PV)",
    "ROI",
    "Chance of positive ROI",
    "Payback",
    "Customer lifetime value",
    "12-month retention",
    "Customers acquired",
    "Referrals",
];

/// Whether the variant cards above the table show this column's figure
/// too: at phone width, where the table's rows become cards below them,
/// only the other columns are shown.
fn on_card(column: usize) -> bool {
    !matches!(column, 3 | 9 | 10)
}

/// Every variant side by side: the baseline first, then each investment
/// option against it, with the best NPV uplift marked in words and weight;
/// for a journey without options, its own figures.
/// At phone width each row becomes a card whose cells carry their labels.
pub fn comparison_table(report: &Report) -> Html {
    let currency = report.currency.as_str();
    let best = best_option(report);
    let cash = |x: f64| money(x, currency);
    let change = |x: f64| money_change(x, currency);

    let cell = |column: usize, value: String, interval: Option<String>| {
        html! {
            <td class={on_card(column).then_some("on-card")} data-label={COLUMNS[column]}>
                <span class="value">{value}</span>
                { for interval.map(|text| html! { <span class="interval">{text}</span> }) }
            </td>
        }
    };
    let with_interval = |column: usize, s: &Summary, f: &dyn Fn(f64) -> String| {
        cell(column, f(s.mean), range(f(s.p05), f(s.p95)))
    };
    // Counts of people, both ends of the interval in the unit of the
    // higher: "6.67k to 15.2k", not "6,667 to 15.2k".
    let people = |column: usize, s: &Summary| {
        cell(
            column,
            count(s.mean),
            range(count_on_axis(s.p05, s.p95), count(s.p95)),
        )
    };
    let none = |column: usize, why: &str| cell(column, "—".to_string(), Some(why.to_string()));
    // The baseline is what the options are measured against.
    let against_itself = |column: usize| {
        html! {
            <td class="not-applicable" data-label={COLUMNS[column]}>
                <span class="value" aria-hidden="true">{"—"}</span>
                <span class="visually-hidden">{"not applicable to the baseline"}</span>
            </td>
        }
    };

    // A journey without options has nothing to compare against: its row
    // keeps only its own figures.
    let options = report.results.len() > 1;
    let uplift_columns = 1..=6;
    let rows = report.results.iter().enumerate().map(|(v, variant)| {
        let summary = &variant.summary;
        let is_best = best == Some(v);
        let uplift_cells = match &variant.uplift {
            None if !options => html! {},
            None => html! {
                <>
                    { for uplift_columns.clone().map(against_itself) }
                </>
            },
            Some(uplift) => html! {
                <>
                    {with_interval(1, &uplift.uplift_npv, &change)}
                    {with_interval(2, &uplift.uplift_revenue, &change)}
                    {with_interval(3, &uplift.investment_pv, &cash)}
                    { match &uplift.roi {
                        Some(roi) => with_interval(4, roi, &|x| percent_change(x)),
                        None => none(4, "no investment"),
                    } }
                    { match uplift.prob_positive_roi {
                        Some(p) => cell(5, chance(p), None),
                        None => none(5, "no investment"),
                    } }
                    { match &uplift.payback_month {
                        Some(payback) => cell(
                            6,
                            month(payback.p50),
                            Some(format!(
                                "median; pays back in {} of trials",
                                uplift.prob_payback.map_or("—".to_string(), chance)
                            )),
                        ),
                        None => none(6, "not within the horizon"),
                    } }
                </>
            },
        };
        html! {
            <tr key={v} class={classes!((v == 0).then_some("baseline"), is_best.then_some("best"))}
                data-testid="comparison-row">
                <th scope="row">
                    <span class="option-name">{variant.name.clone()}</span>
                    { if is_best {
                        html! { <span class="best-badge">{"★ Best NPV uplift"}</span> }
                    } else { html! {} } }
                </th>
                {with_interval(0, &summary.npv, &cash)}
                {uplift_cells}
                {with_interval(7, &summary.clv, &cash)}
                {with_interval(8, &summary.retention_12m, &|x| percent(x))}
                {people(9, &summary.customers_acquired)}
                {people(10, &summary.referrals)}
            </tr>
        }
    });

    html! {
        <div class="comparison" data-testid="comparison">
            <table class="comparison-table">
                <caption>
                    {if options { "Options compared" } else { "The journey's figures" }}
                    <span class="caption-note caption-wide">
                        {format!(
                            " · mean, then 90% interval below · money in {currency}, NPV discounted to today"
                        )}
                    </span>
                    <span class="caption-note caption-phone">
                        {format!(
                            " · what the {} above {} not show: mean, then 90% interval below",
                            if options { "cards" } else { "card" },
                            if options { "do" } else { "does" },
                        )}
                    </span>
                </caption>
                <thead>
                    <tr>
                        <th scope="col">{"Option"}</th>
                        { for COLUMNS.iter().enumerate()
                            .filter(|(c, _)| options || !uplift_columns.contains(c))
                            .map(|(_, c)| html! { <th scope="col">{*c}</th> }) }
                    </tr>
                </thead>
                <tbody>{for rows}</tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use journey_core::{Journey, run_trials};

    use super::*;

    #[test]
    fn best_option_has_the_highest_npv_uplift() {
        let journey = Journey::from_json(
            r#"{"schema": 1, "months": 12, "arrivals_per_month": 100,
                "departments": [{"id": "sales", "friction": 0.3}],
                "stages": [
                  {"id": "buy", "phase": "buy", "owner": "sales", "advance": 0.3, "drop": 0.2},
                  {"id": "use", "phase": "own", "owner": "sales", "drop": 0.05,
                   "revenue_per_month": 20}],
                "scenarios": [
                  {"name": "Nothing", "investments": []},
                  {"name": "Halve friction", "investments": [{"department": "sales",
                    "monthly_spend": 10, "half_friction_spend": 10}]}]}"#,
        )
        .unwrap();
        let report = run_trials(&journey, 3, 0..50).report(&journey, 3);
        assert_eq!(best_option(&report), Some(2));
        let mut baseline_only = report.clone();
        baseline_only.results.truncate(1);
        assert_eq!(best_option(&baseline_only), None);
    }

    #[test]
    fn payback_reads_as_a_month() {
        assert_eq!(month(13.6), "month 14");
        assert_eq!(month(f64::NAN), "—");
    }
}

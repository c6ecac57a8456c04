use journey_core::Report;
use yew::prelude::*;

use crate::format::{chance, money, money_change, percent_change, range, short_of_all};
use crate::headline::{best_option, options_best_first};

fn cell(label: &'static str, value: String, note: Option<String>) -> Html {
    html! {
        <td data-label={label}>
            <span class="value">{value}</span>
            { for note.map(|note| html! { <span class="interval">{note}</span> }) }
        </td>
    }
}

/// Each investment option against the baseline, best first: NPV uplift,
/// investment, ROI, chance of a positive ROI and payback, figures as on the
/// cards and the comparison table.
///
/// `months` is the run's horizon, for options that do not pay back within
/// it.
pub fn kpi_table(report: &Report, months: u32) -> Html {
    let currency = report.currency.as_str();
    let order = options_best_first(report);
    if order.is_empty() {
        return html! {};
    }
    let best = best_option(report).filter(|_| order.len() > 1);
    let rows = order.iter().filter_map(|&v| {
        let variant = &report.results[v];
        let uplift = variant.uplift.as_ref()?;
        let npv = &uplift.uplift_npv;
        let cost = &uplift.investment_pv;
        let roi = match &uplift.roi {
            Some(roi) => cell(
                "ROI",
                percent_change(roi.mean),
                range(percent_change(roi.p05), percent_change(roi.p95)),
            ),
            None => cell("ROI", "—".to_string(), Some("no investment".to_string())),
        };
        let positive = uplift.prob_positive_roi.map_or("—".to_string(), chance);
        let payback = match &uplift.payback_month {
            Some(payback) => cell(
                "Payback",
                format!("month {:.0}", payback.p50),
                // As the headline: the share unless it reads 100.0%.
                uplift
                    .prob_payback
                    .filter(|&p| short_of_all(p))
                    .map(|p| format!("in {} of trials", chance(p))),
            ),
            None => cell(
                "Payback",
                "—".to_string(),
                Some(format!("not within {months} months")),
            ),
        };
        Some(html! {
            <tr key={v} class={classes!((best == Some(v)).then_some("best"))} data-testid="kpi-row">
                <th scope="row">{variant.name.clone()}</th>
                {cell(
                    "NPV uplift",
                    money_change(npv.mean, currency),
                    range(money_change(npv.p05, currency), money_change(npv.p95, currency)),
                )}
                {cell(
                    "Investment",
                    money(cost.mean, currency),
                    range(money(cost.p05, currency), money(cost.p95, currency)),
                )}
                {roi}
                {cell("Chance of positive ROI", positive, None)}
                {payback}
            </tr>
        })
    });
    html! {
        <div class="report-table-box">
            <table class="report-table kpi-table" data-testid="kpi-table">
                <caption>
                    {"Options against the baseline"}
                    <span class="caption-note">
                        {" · mean, 90% interval below; highest NPV uplift first; NPV uplift is after \
                          the investment, which is in today's money (present value)"}
                    </span>
                </caption>
                <thead>
                    <tr>
                        <th scope="col">{"Option"}</th>
                        <th scope="col">{"NPV uplift"}</th>
                        <th scope="col">{"Investment"}</th>
                        <th scope="col">{"ROI"}</th>
                        <th scope="col">{"Chance of positive ROI"}</th>
                        <th scope="col">{"Payback"}</th>
                    </tr>
                </thead>
                <tbody>{for rows}</tbody>
            </table>
        </div>
    }
}

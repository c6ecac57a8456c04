use std::rc::Rc;

use journey_core::{Report, Summary};
use yew::prelude::*;

use crate::format::{money, money_change, percent, percent_change};

#[derive(Properties, PartialEq)]
pub struct VariantCardProps {
    pub report: Rc<Report>,
    /// Which of `report.results`: 0 is the baseline.
    pub index: usize,
}

/// The headline figures of the baseline or one investment option.
#[component]
pub fn VariantCard(props: &VariantCardProps) -> Html {
    let Some(variant) = props.report.results.get(props.index) else {
        return html! {};
    };
    let currency = props.report.currency.as_str();
    let interval = |s: &Summary, f: &dyn Fn(f64) -> String| {
        html! { <span class="interval">{format!("90%: {} to {}", f(s.p05), f(s.p95))}</span> }
    };
    let cash = |x: f64| money(x, currency);
    let change = |x: f64| money_change(x, currency);
    let summary = &variant.summary;
    let heading_id = format!("variant-{}", props.index);
    let uplift = variant.uplift.as_ref().map(|uplift| {
        let roi = match &uplift.roi {
            Some(roi) => html! {
                <dd>
                    <span class="value" data-testid="roi-mean">{percent_change(roi.mean)}</span>
                    {interval(roi, &|x| percent_change(x))}
                </dd>
            },
            None => html! { <dd><span class="value">{"—"}</span>
                <span class="interval">{"no investment"}</span></dd> },
        };
        html! {
            <>
                <div class="figure">
                    <dt>{"NPV uplift"}</dt>
                    <dd>
                        <span class="value" data-testid="uplift-mean">{change(uplift.uplift_npv.mean)}</span>
                        {interval(&uplift.uplift_npv, &change)}
                    </dd>
                </div>
                <div class="figure">
                    <dt>{"ROI"}</dt>
                    {roi}
                </div>
                <div class="figure">
                    <dt>{"Chance of positive ROI"}</dt>
                    <dd><span class="value">{uplift.prob_positive_roi.map_or("—".to_string(), percent)}</span></dd>
                </div>
            </>
        }
    });

    html! {
        <article
            class={classes!("variant", (props.index == 0).then_some("baseline"))}
            aria-labelledby={heading_id.clone()}
            data-testid="variant"
        >
            <h3 id={heading_id}>{variant.name.clone()}</h3>
            <dl class="figures">
                <div class="figure headline">
                    <dt>{"NPV"}</dt>
                    <dd>
                        <span class="value" data-testid="npv-mean">{cash(summary.npv.mean)}</span>
                        {interval(&summary.npv, &cash)}
                    </dd>
                </div>
                {uplift.unwrap_or_default()}
                <div class="figure">
                    <dt>{"Customer lifetime value"}</dt>
                    <dd>
                        <span class="value">{cash(summary.clv.mean)}</span>
                        {interval(&summary.clv, &cash)}
                    </dd>
                </div>
                <div class="figure">
                    <dt>{"12-month retention"}</dt>
                    <dd>
                        <span class="value">{percent(summary.retention_12m.mean)}</span>
                        {interval(&summary.retention_12m, &|x| percent(x))}
                    </dd>
                </div>
            </dl>
        </article>
    }
}

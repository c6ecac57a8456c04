use journey_core::{Report, Summary};
use yew::prelude::*;

use crate::explain::{Explanation, Kpi, explain, month};
use crate::format::{interval, money, money_change, percent, percent_change};
use crate::shared::Shared;

#[derive(Properties, PartialEq)]
pub struct VariantCardProps {
    pub report: Shared<Report>,
    /// Which of `report.results`: 0 is the baseline.
    pub index: usize,
}

/// What a figure shows: its mean (with a test id where tests read it) and
/// a line below, usually the 90% interval.
struct Figure {
    value: String,
    test_id: Option<&'static str>,
    note: Option<String>,
}

/// The headline figures of the baseline or one investment option, each
/// with an "Explain" button that unfolds its formula and this card's
/// inputs.
#[component]
pub fn VariantCard(props: &VariantCardProps) -> Html {
    // Which figures are unfolded; all start folded to keep the card short.
    let open = use_state_eq(Vec::<Kpi>::new);
    let Some(variant) = props.report.results.get(props.index) else {
        return html! {};
    };
    let currency = props.report.currency.as_str();
    let spread = |s: &Summary, f: &dyn Fn(f64) -> String| interval(f(s.p05), f(s.p95));
    let cash = |x: f64| money(x, currency);
    let change = |x: f64| money_change(x, currency);
    let summary = &variant.summary;
    let heading_id = format!("variant-{}", props.index);

    let figure = |kpi: Kpi| -> Option<Figure> {
        let shown = |value: String, test_id, note| Figure {
            value,
            test_id,
            note,
        };
        let missing = |why: &str| shown("—".to_string(), None, Some(why.to_string()));
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
            _ => {
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
                        Some(p) => shown(percent(p), None, None),
                        None => missing("no investment"),
                    },
                    Kpi::Payback => match &uplift.payback_month {
                        Some(payback) => shown(
                            month(payback.p50),
                            None,
                            Some(
                                interval(month(payback.p05), month(payback.p95))
                                    .map_or("median".into(), |i| format!("median; {i}")),
                            ),
                        ),
                        None => missing("not within the horizon"),
                    },
                    Kpi::Npv | Kpi::Clv | Kpi::Retention => unreachable!("handled above"),
                }
            }
        })
    };

    let figures = crate::explain::card_kpis(&props.report, props.index)
        .into_iter()
        .filter_map(|kpi| {
            let shown = figure(kpi)?;
            let is_open = open.contains(&kpi);
            let panel_id = format!("{heading_id}-explain-{}", kpi.slug());
            let ontoggle = {
                let open = open.clone();
                Callback::from(move |_: MouseEvent| {
                    let mut next = (*open).clone();
                    match next.iter().position(|k| *k == kpi) {
                        Some(i) => {
                            next.remove(i);
                        }
                        None => next.push(kpi),
                    }
                    open.set(next);
                })
            };
            let explanation = explain(&props.report, props.index, kpi);
            Some(html! {
                <div key={kpi.slug()} class={classes!("figure", (kpi == Kpi::Npv).then_some("headline"))}>
                    <dt>
                        {kpi.label()}
                        <button
                            type="button"
                            class="explain-toggle"
                            aria-expanded={is_open.to_string()}
                            aria-controls={panel_id.clone()}
                            onclick={ontoggle}
                        >
                            <span aria-hidden="true">{if is_open { "×" } else { "?" }}</span>
                            <span class="visually-hidden">{format!("Explain {}", kpi.label())}</span>
                        </button>
                    </dt>
                    <dd>
                        <span class="value" data-testid={shown.test_id}>{shown.value}</span>
                        { for shown.note.map(|note| html! { <span class="interval">{note}</span> }) }
                        <div
                            id={panel_id}
                            class="explanation"
                            hidden={!is_open}
                            data-testid="explanation"
                        >
                            if is_open {
                                { for explanation.as_ref().map(explanation_body) }
                            }
                        </div>
                    </dd>
                </div>
            })
        })
        .collect::<Vec<Html>>();

    html! {
        <article
            class={classes!("variant", (props.index == 0).then_some("baseline"))}
            aria-labelledby={heading_id.clone()}
            data-testid="variant"
        >
            <h3 id={heading_id}>{variant.name.clone()}</h3>
            <dl class="figures">{ for figures }</dl>
        </article>
    }
}

/// An explanation as the card unfolds it: formula, inputs, interval, and
/// what raises or lowers the figure.
fn explanation_body(e: &Explanation) -> Html {
    html! {
        <>
            <p class="explain-formula">{e.formula.clone()}</p>
            { for e.inputs.iter().map(|line| html! { <p>{line.clone()}</p> }) }
            <p><strong>{"The 90% interval. "}</strong>{e.interval.clone()}</p>
            if e.raises != "—" {
                <p><strong>{"Raises it: "}</strong>{format!("{}.", e.raises)}</p>
            }
            if e.lowers != "—" {
                <p><strong>{"Lowers it: "}</strong>{format!("{}.", e.lowers)}</p>
            }
        </>
    }
}

use journey_core::Report;
use yew::prelude::*;

use crate::card_figures::{figure, was};
use crate::explain::{Explanation, Kpi, explain};
use crate::shared::Shared;

#[derive(Properties, PartialEq)]
pub struct VariantCardProps {
    pub report: Shared<Report>,
    /// Which of `report.results`: 0 is the baseline.
    pub index: usize,
    /// The run before, when its figures can be compared with these
    /// (`card_figures::comparable`): each figure that moved says what it was.
    #[prop_or_default]
    pub previous: Option<Shared<Report>>,
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
    let heading_id = format!("variant-{}", props.index);
    let figure_and_was = |kpi: Kpi| {
        let shown = figure(&props.report, props.index, kpi)?;
        let was = props
            .previous
            .as_deref()
            .and_then(|previous| was(&shown, &variant.name, kpi, previous));
        Some((shown, was))
    };

    let figures = crate::explain::card_kpis(&props.report, props.index)
        .into_iter()
        .filter_map(|kpi| {
            let (shown, was) = figure_and_was(kpi)?;
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
                        { for was.map(|was| html! { <span class="was" data-testid="was">{format!("was {was}")}</span> }) }
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
                <p><strong>{e.kpi.raises_label()}</strong>{format!("{}.", e.raises)}</p>
            }
            if e.lowers != "—" {
                <p><strong>{e.kpi.lowers_label()}</strong>{format!("{}.", e.lowers)}</p>
            }
        </>
    }
}

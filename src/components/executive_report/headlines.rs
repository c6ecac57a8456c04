use journey_core::Report;
use yew::prelude::*;

use crate::headline::{
    Figure, Piece, Sentence, baseline_headline, none_adds_npv, option_headlines, safer_option,
};

fn test_id(figure: Figure) -> &'static str {
    match figure {
        Figure::Uplift => "headline-uplift",
        Figure::Low => "headline-low",
        Figure::High => "headline-high",
        Figure::Cost => "headline-cost",
        Figure::Payback => "headline-payback",
        Figure::RoiChance => "headline-roi-chance",
        Figure::Npv => "headline-npv",
        Figure::Clv => "headline-clv",
        Figure::Retention => "headline-retention",
    }
}

/// A sentence with its figures in bold.
fn sentence(sentence: &Sentence) -> Html {
    html! {
        { for sentence.0.iter().map(|piece| match piece {
            Piece::Words(text) => html! { {text.clone()} },
            Piece::Figure(figure, text) => html! {
                <strong data-testid={test_id(*figure)}>{text.clone()}</strong>
            },
        }) }
    }
}

/// The answer in words: each option, best first, then the journey as it
/// stands.
pub fn headlines(report: &Report, months: u32) -> Html {
    let options = option_headlines(report, months);
    let several = options.len() > 1;
    let items = options.iter().map(|headline| {
        html! {
            <li key={headline.variant} class={classes!("report-headline", (several && headline.best).then_some("best"))}
                data-testid="headline" data-option={headline.name.clone()}>
                if several && headline.best {
                    <span class="best-badge">{"★ Best NPV uplift"}</span>
                }
                <p>{sentence(&headline.sentence)}</p>
                if let Some(how) = &headline.how {
                    <p class="report-how" data-testid="headline-how">{how.clone()}</p>
                }
            </li>
        }
    });
    html! {
        <div class="report-headlines">
            if options.is_empty() {
                <p class="report-note">{"This journey has no investment options to compare yet."}</p>
            } else {
                if let Some(none) = none_adds_npv(report, months) {
                    <p class="report-none-adds" data-testid="headline-none-adds">{none}</p>
                }
                <ol class="report-headline-list">{for items}</ol>
                if let Some(safer) = safer_option(report) {
                    <p class="report-safer" data-testid="headline-safer">{safer}</p>
                }
            }
            if let Some(baseline) = baseline_headline(report, months) {
                <p class="report-baseline" data-testid="headline-baseline">{sentence(&baseline)}</p>
            }
        </div>
    }
}

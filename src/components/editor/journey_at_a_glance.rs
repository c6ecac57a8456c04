use std::rc::Rc;

use journey_core::{Phase, Scenario, Uncertain};
use yew::prelude::*;

use crate::components::executive_report::assumption_values::probability;
use crate::components::focus::focus_first;
use crate::journey_map::{JourneyMap, Lead, MapStage};

/// Colours a department's stages can take (the charts' six series colours).
const COLOURS: usize = 6;

#[derive(Properties, PartialEq)]
pub struct JourneyAtAGlanceProps {
    pub scenario: Rc<Scenario>,
}

/// The whole journey in one screen above the editor's long forms: each
/// stage with its owner, what friction leaves of its advance rate and
/// where it hands customers to another department. A stage's name moves
/// the focus to its card.
#[component]
pub fn JourneyAtAGlance(props: &JourneyAtAGlanceProps) -> Html {
    let map = use_memo(props.scenario.clone(), |s| JourneyMap::of(s));
    let phase = |phase: Phase, title: &str| {
        let items: Html = map
            .stages
            .iter()
            .enumerate()
            .filter(|(_, st)| st.phase == phase)
            .map(|(index, stage)| stage_item(index, stage))
            .collect();
        let first = map.stages.iter().position(|st| st.phase == phase);
        html! {
            <div class="map-phase">
                <h4>{title.to_string()}</h4>
                <ol class="map-stages" start={first.map(|i| (i + 1).to_string())}>{items}</ol>
            </div>
        }
    };
    html! {
        <section class="journey-map" aria-labelledby="journey-map-heading">
            <h3 id="journey-map-heading">{"The journey at a glance"}</h3>
            <p class="section-hint" id="journey-map-hint">
                {"Who owns each stage, how much of its monthly advance rate friction leaves \
                  on average, and where customers pass to another department. \
                  Choose a stage to edit it."}
            </p>
            <div class="map-phases">
                {phase(Phase::Buy, "Buy")}
                {phase(Phase::Own, "Own")}
            </div>
            if let Some(entry) = &map.referrals_enter {
                <p class="map-referrals">
                    <span aria-hidden="true">{"↺ "}</span>
                    {format!("Referrals from advocates enter at {entry}")}
                </p>
            }
        </section>
    }
}

fn stage_item(index: usize, stage: &MapStage) -> Html {
    let colour = stage.owner_index.map(|d| format!("series-{}", d % COLOURS));
    let onclick = Callback::from(move |_: MouseEvent| {
        focus_first(&[format!("stage-{index}-name")]);
    });
    let seam = stage
        .leads_to
        .as_ref()
        .and_then(Lead::handoff_friction)
        .is_some();
    html! {
        <li class={classes!("map-stage", colour, seam.then_some("seam"))}
            data-testid="map-stage">
            <button type="button" class="map-stage-name" {onclick}
                aria-describedby="journey-map-hint">
                {format!("{}. {}", index + 1, stage.name)}
            </button>
            <span class="map-rate">
                <span class="map-owner">{stage.owner.clone()}</span>
                {format!(": {}", rate_words(stage))}
            </span>
            if let Some(lead) = &stage.leads_to {
                {lead_line(index, lead)}
            }
        </li>
    }
}

fn percent(x: f64) -> String {
    probability(&Uncertain::Point(x))
}

/// "advances 40% a month, 32% after friction", or without the second
/// part where friction leaves it as it reads.
fn rate_words(stage: &MapStage) -> String {
    let (before, after) = (
        percent(stage.advance),
        percent(stage.advance_after_friction),
    );
    if stage.advance == 0.0 {
        "no one advances".to_string()
    } else if before == after {
        format!("advances {before} a month")
    } else {
        format!("advances {before} a month, {after} after friction")
    }
}

/// "→ Research", "↪ back to Use", and where customers pass to another
/// department, the hand-off and its friction. The arrow is for the eye;
/// a screen reader hears "leads to Research".
fn lead_line(index: usize, lead: &Lead) -> Html {
    let (arrow, place) = if lead.follows {
        ("→", lead.name.clone())
    } else if lead.stage <= index {
        ("↪", format!("back to {}", lead.name))
    } else {
        ("↪", format!("on to {}", lead.name))
    };
    let handoff = lead
        .handoff
        .as_ref()
        .map(|handoff| match lead.handoff_friction() {
            Some(friction) => format!(
                ": hand-off to {}, friction {}",
                handoff.to,
                probability(&friction)
            ),
            None => format!(": hand-off to {}, no friction", handoff.to),
        });
    html! {
        <span class="map-lead">
            <span aria-hidden="true">{format!("{arrow} ")}</span>
            if lead.follows {
                <span class="visually-hidden">{"leads to "}</span>
            }
            {place}
            {handoff.unwrap_or_default()}
        </span>
    }
}

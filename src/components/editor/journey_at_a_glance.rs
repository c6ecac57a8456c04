use journey_core::{Phase, Scenario, Uncertain};
use yew::prelude::*;

use super::{department_name, display_name};
use crate::components::charts::SERIES_COLOURS as COLOURS;
use crate::components::executive_report::assumption_values::{number, probability};
use crate::components::focus::focus_first;
use crate::journey_map::{JourneyMap, Lead, MapStage};

/// Styles of a stage's owner stripe: solid, dashed, dotted and double
/// (`stripe-1` ... in styles/editor.css). With the colours they tell 24
/// departments apart; each card also names its owner.
const STRIPES: usize = 4;

/// The CSS classes of department `index`'s stripe: the next of the charts'
/// series colours, and the next style each time the colours come round
/// again.
fn department_class(index: usize) -> String {
    match index / COLOURS % STRIPES {
        0 => format!("series-{}", index % COLOURS),
        stripe => format!("series-{} stripe-{stripe}", index % COLOURS),
    }
}

/// The whole journey in one screen above the editor's long forms: each
/// stage with its owner, what friction leaves of its advance rate, where
/// it hands customers to another department, and the advocates who close
/// the loop. A stage's name moves the focus to its card. A part of the
/// editor's render rather than a component of its own: it is redrawn with
/// the editor, and cheap beside it.
pub fn journey_at_a_glance(s: &Scenario) -> Html {
    let map = JourneyMap::of(s);
    let stage_name = |i: usize| display_name(&s.stages[i].name, &s.stages[i].id);
    let phase = |phase: Phase, title: &str| {
        let items: Html = map
            .stages
            .iter()
            .enumerate()
            .filter(|&(i, _)| s.stages[i].phase == phase)
            .map(|(i, stage)| stage_item(s, i, stage))
            .collect();
        let first = s.stages.iter().position(|st| st.phase == phase);
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
                  on average, where customers pass to another department and who refers \
                  new people. Choose a stage to edit it."}
            </p>
            <div class="map-phases">
                {phase(Phase::Buy, "Buy")}
                {phase(Phase::Own, "Own")}
            </div>
            if let Some(entry) = map.referrals_enter {
                <p class="map-referrals">
                    <span aria-hidden="true">{"↺ "}</span>
                    {format!("Referrals from advocates enter at {}", stage_name(entry))}
                </p>
            }
        </section>
    }
}

fn stage_item(s: &Scenario, index: usize, stage: &MapStage) -> Html {
    let onclick = Callback::from(move |_: MouseEvent| {
        focus_first(&[format!("stage-{index}-name")]);
    });
    let seam = stage.leads_to.as_ref().and_then(Lead::handoff_friction);
    let class = format!(
        "map-stage{}{}",
        stage
            .owner
            .map_or(String::new(), |d| format!(" {}", department_class(d))),
        if seam.is_some() { " seam" } else { "" }
    );
    let own = &s.stages[index];
    html! {
        <li {class} data-testid="map-stage">
            <button type="button" class="map-stage-name" {onclick}
                aria-describedby="journey-map-hint">
                {format!("{}. {}", index + 1, display_name(&own.name, &own.id))}
            </button>
            <span class="map-rate">
                <strong class="map-owner">{department_name(s, &own.owner)}</strong>
                {format!(": {}", rate_words(stage))}
            </span>
            if let Some(lead) = &stage.leads_to {
                <span class="map-lead">{lead_words(s, index, lead)}</span>
            }
            // Where the loop closes: advocates bring new people back.
            if stage.refers {
                <span class="map-refers">
                    <span aria-hidden="true">{"↺ "}</span>
                    {format!("Each refers {} people a month", number(&own.advocacy))}
                </span>
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

/// "Next: Research", "Back to Use", and where customers pass to another
/// department, the hand-off and its friction: "Next: First box, a
/// hand-off to Operations (friction 4–12%)".
fn lead_words(s: &Scenario, index: usize, lead: &Lead) -> String {
    let to = &s.stages[lead.stage];
    let name = display_name(&to.name, &to.id);
    let place = if lead.follows {
        format!("Next: {name}")
    } else if lead.stage <= index {
        format!("Back to {name}")
    } else {
        format!("On to {name}")
    };
    if lead.handoff.is_none() {
        return place;
    }
    let friction = lead
        .handoff_friction()
        .map_or("no friction".to_string(), |f| {
            format!("friction {}", probability(&f))
        });
    format!(
        "{place}, a hand-off to {} ({friction})",
        department_name(s, &to.owner)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_four_departments_have_stripes_of_their_own() {
        let looks: std::collections::HashSet<String> =
            (0..COLOURS * STRIPES).map(department_class).collect();
        assert_eq!(looks.len(), 24);
        assert_eq!(department_class(5), "series-5");
        assert_eq!(department_class(6), "series-0 stripe-1");
        assert_eq!(department_class(24), department_class(0));
    }
}

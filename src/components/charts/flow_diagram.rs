use std::collections::BTreeMap;
use std::rc::Rc;

use journey_core::StageFlow;
use yew::prelude::*;

use super::ChartExport;
use super::scale::{Scale, largest, nice_axis};
use crate::format::{count, count_on_axis, percent};

#[derive(Properties, PartialEq)]
pub struct FlowDiagramProps {
    /// The baseline's stages, in journey order.
    pub stages: Vec<StageFlow>,
    /// Stage names by id; a stage without one is shown by its id.
    #[prop_or_default]
    pub names: Rc<BTreeMap<String, String>>,
}

/// Narrower than the other charts' 400: drawn as wide as they are, its
/// 12-unit stage names stay about 11 px on a phone, where the names'
/// column has no room for the larger text of the other charts.
const WIDTH: f64 = 320.0;
const LABEL: f64 = 112.0;
/// Room right of the longest bar for its count.
const RIGHT: f64 = 44.0;
const TOP: f64 = 8.0;
const ROW: f64 = 30.0;
const BAR: f64 = 16.0;
const BOTTOM: f64 = 26.0;
/// Longest line of a stage name; a longer name takes two lines, broken
/// at a space, and what still does not fit is cut with an ellipsis.
const NAME_CHARS: usize = 16;

/// A stage name in at most two lines of at most [`NAME_CHARS`] characters.
fn name_lines(full: &str) -> Vec<String> {
    let cut = |text: &str| {
        if text.chars().count() > NAME_CHARS {
            format!("{}…", text.chars().take(NAME_CHARS - 1).collect::<String>())
        } else {
            text.to_string()
        }
    };
    if full.chars().count() <= NAME_CHARS {
        return vec![full.to_string()];
    }
    // The last space that leaves a first line short enough.
    let first_line_end = full
        .char_indices()
        .filter(|&(i, c)| c == ' ' && i > 0 && full[..i].chars().count() <= NAME_CHARS)
        .map(|(i, _)| i)
        .next_back();
    match first_line_end {
        Some(i) => vec![full[..i].to_string(), cut(full[i + 1..].trim_start())],
        None => vec![cut(full)],
    }
}

/// What friction costs, in words: how many people it loses in all (the
/// figure the hand-offs lesson quotes), where it loses the most people (the
/// first stages, which see every prospect, usually), and where it loses
/// the largest share of those who enter, which the bars' lengths hide.
/// `most` is the place of the stage losing the most people ([`most_lost`]).
fn friction_note(
    stages: &[StageFlow],
    most: usize,
    label: impl Fn(&StageFlow) -> String,
) -> String {
    let share = |s: &StageFlow| s.lost_to_friction / s.entered.max(1.0);
    let largest = losing(stages)
        .max_by(|a, b| share(a.1).total_cmp(&share(b.1)))
        .filter(|&(i, _)| i != most)
        .map(|(_, s)| s);
    let total: f64 = stages.iter().map(|s| s.lost_to_friction).sum();
    let most = &stages[most];
    let (at, largest) = match largest {
        None => ("it".to_string(), most),
        Some(largest) => (format!("at {}", label(largest)), largest),
    };
    format!(
        "Friction loses {} people in all: the most at {} ({}), and the largest share of \
         those who enter {at} ({}).",
        count(total),
        label(most),
        count(most.lost_to_friction),
        percent(share(largest))
    )
}

/// The stages that lose anyone to friction, with their places.
fn losing(stages: &[StageFlow]) -> impl Iterator<Item = (usize, &StageFlow)> {
    stages
        .iter()
        .enumerate()
        .filter(|(_, s)| s.lost_to_friction > 0.5)
}

/// The place of the stage where friction loses the most people, if any.
fn most_lost(stages: &[StageFlow]) -> Option<usize> {
    losing(stages)
        .max_by(|a, b| a.1.lost_to_friction.total_cmp(&b.1.lost_to_friction))
        .map(|(i, _)| i)
}

/// Per stage, people who entered over the horizon as a bar: the part that
/// advanced, the part that dropped out, and of that the part lost to
/// friction, highlighted. Means across trials. Each bar ends in its count,
/// since the stages after the purchase see a small share of the prospects
/// and their bars are short.
#[component]
pub fn FlowDiagram(props: &FlowDiagramProps) -> Html {
    let stages = &props.stages;
    if stages.is_empty() {
        return html! {};
    }
    let label = |s: &StageFlow| props.names.get(&s.id).unwrap_or(&s.id).clone();
    let height = TOP + ROW * stages.len() as f64 + BOTTOM;
    let most = stages.iter().map(|s| s.entered).fold(0.0, f64::max);
    let axis = nice_axis(0.0, most, 4);
    let x = Scale::new(axis.domain, (LABEL, WIDTH - RIGHT));
    let worst = most_lost(stages);
    let note = worst.map(|i| friction_note(stages, i, label));

    let rows = stages.iter().enumerate().map(|(i, s)| {
        let y0 = TOP + ROW * i as f64 + (ROW - BAR) / 2.0;
        let width = |v: f64| (x.map(v.max(0.0)) - LABEL).max(0.0);
        let other_drops = (s.dropped - s.lost_to_friction).max(0.0);
        let segments = [
            ("entered", 0.0, s.entered),
            ("advanced", 0.0, s.advanced),
            ("dropped", s.advanced, other_drops),
            ("friction", s.advanced + other_drops, s.lost_to_friction),
        ];
        let full = label(s);
        let lines = name_lines(&full);
        // Two lines sit half a line above and below the bar's middle.
        let first_dy = if lines.len() > 1 { "-0.55em" } else { "0" };
        let name = lines.into_iter().enumerate().map(|(n, line)| {
            let dy = if n == 0 { first_dy } else { "1.1em" };
            html! { <tspan x={(LABEL - 8.0).to_string()} dy={dy}>{line}</tspan> }
        });
        html! {
            <g class={classes!("flow-row", (Some(i) == worst).then_some("worst"))}>
                <title>{format!(
                    "{}: {} entered, {} advanced, {} dropped, of whom {} lost to friction",
                    full, count(s.entered), count(s.advanced), count(s.dropped), count(s.lost_to_friction)
                )}</title>
                <text class="stage-label" x={(LABEL - 8.0).to_string()} y={(y0 + BAR / 2.0).to_string()}
                    text-anchor="end" dominant-baseline="middle">{for name}</text>
                { for segments.into_iter().filter(|&(_, _, v)| v > 0.0).map(|(class, from, v)| html! {
                    <rect class={classes!("flow", class)} x={(LABEL + width(from)).to_string()}
                        y={y0.to_string()} width={width(v).to_string()} height={BAR.to_string()} />
                }) }
                <text class="flow-count" x={(LABEL + width(s.entered) + 4.0).to_string()}
                    y={(y0 + BAR / 2.0).to_string()} dominant-baseline="middle">{count(s.entered)}</text>
            </g>
        }
    });
    let top = largest(&axis.ticks);
    let ticks = axis.ticks.iter().map(|&t| {
        let tx = x.map(t);
        html! {
            <g class="tick">
                <line class="grid" x1={tx.to_string()} x2={tx.to_string()}
                    y1={TOP.to_string()} y2={(height - BOTTOM).to_string()} />
                <text class="tick-label" x={tx.to_string()} y={(height - BOTTOM + 15.0).to_string()}
                    text-anchor="middle">{count_on_axis(t, top)}</text>
            </g>
        }
    });
    let description = format!(
        "Bar chart of people per stage of the baseline journey over the horizon: {}.{}",
        stages
            .iter()
            .map(|s| format!(
                "{} {} entered, {} advanced, {} dropped ({} to friction)",
                label(s),
                count(s.entered),
                count(s.advanced),
                count(s.dropped),
                count(s.lost_to_friction)
            ))
            .collect::<Vec<_>>()
            .join("; "),
        note.as_ref()
            .map_or(String::new(), |note| format!(" {note}")),
    );
    html! {
        <figure class="chart flow-diagram" data-testid="flow-diagram">
            <figcaption class="chart-title">
                {"Journey flow, baseline"}<span class="chart-unit">{" · people per stage"}</span>
            </figcaption>
            <svg class="chart-svg" viewBox={format!("0 0 {WIDTH} {height}")} role="img" aria-label={description}>
                {for ticks}
                {for rows}
            </svg>
            <ul class="chart-legend">
                <li><span class="swatch flow entered" aria-hidden="true"></span>{"entered"}</li>
                <li><span class="swatch flow advanced" aria-hidden="true"></span>{"advanced"}</li>
                <li><span class="swatch flow dropped" aria-hidden="true"></span>{"dropped"}</li>
                <li><span class="swatch flow friction" aria-hidden="true"></span>{"lost to friction"}</li>
            </ul>
            { for note.map(|note| html! { <p class="chart-note">{note}</p> }) }
            <ChartExport title="Journey flow" />
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flow(id: &str, entered: f64, lost_to_friction: f64) -> StageFlow {
        StageFlow {
            id: id.into(),
            entered,
            advanced: 0.0,
            dropped: lost_to_friction,
            lost_to_friction,
            end: 0.0,
        }
    }

    #[test]
    fn the_friction_note_names_the_most_people_and_the_largest_share() {
        let id = |s: &StageFlow| s.id.clone();
        let stages = [
            flow("Need", 1_000_000.0, 120_000.0),
            flow("Onboard", 20_000.0, 3_000.0),
            flow("Use", 15_000.0, 0.2),
        ];
        assert_eq!(most_lost(&stages), Some(0));
        assert_eq!(
            friction_note(&stages, 0, id),
            "Friction loses 123k people in all: the most at Need (120k), and the largest \
             share of those who enter at Onboard (15.0%)."
        );
        assert_eq!(
            friction_note(&stages[..1], 0, id),
            "Friction loses 120k people in all: the most at Need (120k), and the largest \
             share of those who enter it (12.0%)."
        );
        assert_eq!(most_lost(&stages[2..]), None, "no one lost");
    }

    #[test]
    fn long_stage_names_take_two_lines_broken_at_a_space() {
        assert_eq!(name_lines("Need"), ["Need"]);
        assert_eq!(name_lines("Everyday banking"), ["Everyday banking"]);
        assert_eq!(
            name_lines("Research and compare"),
            ["Research and", "compare"]
        );
        assert_eq!(
            name_lines("Apply and verify identity"),
            ["Apply and verify", "identity"]
        );
        assert_eq!(
            name_lines("Account opening and switching"),
            ["Account opening", "and switching"]
        );
        // What still does not fit is cut.
        assert_eq!(
            name_lines("Multi-product relationship management"),
            ["Multi-product", "relationship ma…"]
        );
        assert_eq!(name_lines("Supercalifragilistic"), ["Supercalifragil…"]);
        // A leading space never leaves the first line empty.
        assert_eq!(name_lines(" Supercalifragilistic"), [" Supercalifragi…"]);
        assert_eq!(
            name_lines("Ünïcödé stage names wrap"),
            ["Ünïcödé stage", "names wrap"]
        );
    }
}

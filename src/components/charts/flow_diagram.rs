use std::collections::BTreeMap;
use std::rc::Rc;

use journey_core::StageFlow;
use yew::prelude::*;

use super::axes::{Frame, LARGEST_TEXT, text_width};
use super::scale::{Scale, largest, nice_axis};
use super::{ChartExport, Points, SliderValue, use_point_slider};
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
/// Where the bars start, unless a name needs more room.
const LABEL: f64 = 112.0;
/// Room right of the longest bar for its count.
const RIGHT: f64 = 44.0;
const TOP: f64 = 8.0;
const ROW: f64 = 30.0;
const BAR: f64 = 16.0;
const BOTTOM: f64 = 26.0;
/// Longest line of a stage name; a longer name takes two lines, broken
/// at a space or after a hyphen, and what still does not fit is cut with
/// an ellipsis.
const NAME_CHARS: usize = 16;

/// The largest stage names, in chart units: four fifths of the other
/// charts' text (styles/app.css).
const NAME_TEXT: f64 = 0.8 * LARGEST_TEXT;
/// The bold name of the stage that loses most to friction is wider.
const BOLD: f64 = 1.1;
/// Between a stage's name and its bar.
const NAME_GAP: f64 = 8.0;

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
    // The last break, at a space or after a hyphen, that leaves a first
    // line short enough: (where the first line ends, where the rest starts).
    let first_line = full
        .char_indices()
        .filter_map(|(i, c)| match c {
            ' ' => Some((i, i + 1)),
            '-' => Some((i + 1, i + 1)),
            _ => None,
        })
        .rfind(|&(end, rest)| {
            end > 0 && rest < full.len() && full[..end].chars().count() <= NAME_CHARS
        });
    match first_line {
        Some((end, rest)) => vec![full[..end].to_string(), cut(full[rest..].trim_start())],
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

/// What the readout says until a stage is picked: what it will say.
const HINT: &str = "Point at or tap a stage to see how many people entered it, advanced, \
                    dropped out (some to friction) and were still there at the end.";

/// A stage's counts in words: its row's readout, and its part of the
/// chart's description. Everyone is counted: those there at the start
/// (the journey's `initial`) and those who entered either advanced,
/// dropped or are still there.
fn stage_words(name: &str, s: &StageFlow) -> String {
    let at_start = s.advanced + s.dropped + s.end - s.entered;
    let at_start = if at_start >= 0.5 {
        format!("{} there at the start, ", count(at_start))
    } else {
        String::new()
    };
    format!(
        "{name}: {at_start}{} entered, {} advanced, {} dropped ({} to friction), {} still there \
         at the end",
        count(s.entered),
        count(s.advanced),
        count(s.dropped),
        count(s.lost_to_friction),
        count(s.end)
    )
}

/// Per stage, people who entered over the horizon as a bar: the part that
/// advanced, the part that dropped out, and of that the part lost to
/// friction, highlighted. Means across trials. Each bar ends in its count,
/// since the stages after the purchase see a small share of the prospects
/// and their bars are short. The rows are a slider ([`use_point_slider`]):
/// the stage pointed at, tapped or stepped to with the keys has its
/// counts in words under the chart, which a touch screen shows no other
/// way.
#[component]
pub fn FlowDiagram(props: &FlowDiagramProps) -> Html {
    let stages = &props.stages;
    let slider = use_point_slider(stages.len(), 3, Points::Rows);
    if stages.is_empty() {
        return html! {};
    }
    let label = |s: &StageFlow| props.names.get(&s.id).unwrap_or(&s.id).clone();
    let rows_end = TOP + ROW * stages.len() as f64;
    let height = rows_end + BOTTOM;
    let most = stages.iter().map(|s| s.entered).fold(0.0, f64::max);
    let axis = nice_axis(0.0, most, 4);
    let worst = most_lost(stages);
    let note = worst.map(|i| friction_note(stages, i, label));
    let shown = slider.shown;
    let names: Vec<Vec<String>> = stages.iter().map(|s| name_lines(&label(s))).collect();
    // The bars start where the longest name line ends, so that no name
    // reaches out of the chart; the text keeps its size.
    let widest = names
        .iter()
        .enumerate()
        .flat_map(|(i, lines)| {
            let size = if worst == Some(i) {
                NAME_TEXT * BOLD
            } else {
                NAME_TEXT
            };
            lines.iter().map(move |line| text_width(line, size))
        })
        .fold(0.0, f64::max);
    let bars_x = LABEL.max((widest + NAME_GAP).ceil());
    let x = Scale::new(axis.domain, (bars_x, WIDTH - RIGHT));

    let rows = stages.iter().zip(names).enumerate().map(|(i, (s, lines))| {
        let top = TOP + ROW * i as f64;
        let y0 = top + (ROW - BAR) / 2.0;
        let width = |v: f64| (x.map(v.max(0.0)) - bars_x).max(0.0);
        let other_drops = (s.dropped - s.lost_to_friction).max(0.0);
        let segments = [
            ("entered", 0.0, s.entered),
            ("advanced", 0.0, s.advanced),
            ("dropped", s.advanced, other_drops),
            ("friction", s.advanced + other_drops, s.lost_to_friction),
        ];
        // Two lines sit half a line above and below the bar's middle.
        let first_dy = if lines.len() > 1 { "-0.55em" } else { "0" };
        let name = lines.into_iter().enumerate().map(|(n, line)| {
            let dy = if n == 0 { first_dy } else { "1.1em" };
            html! { <tspan x={(bars_x - NAME_GAP).to_string()} dy={dy}>{line}</tspan> }
        });
        let picked = shown == Some(i);
        html! {
            <g class={classes!("flow-row", (Some(i) == worst).then_some("worst"), picked.then_some("shown"))}>
                if picked {
                    <rect class="flow-band" x="0" y={top.to_string()} width={WIDTH.to_string()}
                        height={ROW.to_string()} />
                }
                <text class="stage-label" x={(bars_x - NAME_GAP).to_string()} y={(y0 + BAR / 2.0).to_string()}
                    text-anchor="end" dominant-baseline="middle">{for name}</text>
                { for segments.into_iter().filter(|&(_, _, v)| v > 0.0).map(|(class, from, v)| html! {
                    <rect class={classes!("flow", class)} x={(bars_x + width(from)).to_string()}
                        y={y0.to_string()} width={width(v).to_string()} height={BAR.to_string()} />
                }) }
                <text class="flow-count" x={(bars_x + width(s.entered) + 4.0).to_string()}
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
                    y1={TOP.to_string()} y2={rows_end.to_string()} />
                <text class="tick-label" x={tx.to_string()} y={(rows_end + 15.0).to_string()}
                    text-anchor="middle">{count_on_axis(t, top)}</text>
            </g>
        }
    });
    let description = format!(
        "Bar chart of people per stage of the baseline journey over the horizon: {}.{}",
        stages
            .iter()
            .map(|s| stage_words(&label(s), s))
            .collect::<Vec<_>>()
            .join("; "),
        note.as_ref()
            .map_or(String::new(), |note| format!(" {note}")),
    );
    let at = shown.unwrap_or(0).min(stages.len() - 1);
    let words = stage_words(&label(&stages[at]), &stages[at]);
    let area = slider.area(
        &Frame {
            width: WIDTH,
            height,
            left: 0.0,
            right: 0.0,
            top: TOP,
            bottom: BOTTOM,
        },
        "Journey flow, stage by stage".into(),
        SliderValue {
            min: 1.0,
            max: stages.len() as f64,
            now: (at + 1) as f64,
            text: words.clone(),
        },
    );
    html! {
        <figure class="chart flow-diagram" data-testid="flow-diagram">
            <figcaption class="chart-title">
                {"Journey flow, baseline"}<span class="chart-unit">{" · people per stage"}</span>
            </figcaption>
            <svg class="chart-svg" viewBox={format!("0 0 {WIDTH} {height}")} role="group"
                aria-label="Journey flow">
                <g role="img" aria-label={description}>
                    {for ticks}
                    {for rows}
                </g>
                {area}
            </svg>
            // Said by the slider's value; here for the eye.
            <p class={classes!("flow-readout", shown.is_none().then_some("hint"))} aria-hidden="true">
                {if shown.is_some() { words } else { HINT.into() }}
            </p>
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
    fn a_stage_in_words_accounts_for_everyone_who_entered() {
        let stage = StageFlow {
            id: "loyal".into(),
            entered: 9_058.0,
            advanced: 0.0,
            dropped: 3_879.0,
            lost_to_friction: 0.0,
            end: 5_179.0,
        };
        assert_eq!(
            stage_words("Loyal subscriber", &stage),
            "Loyal subscriber: 9,058 entered, 0 advanced, 3,879 dropped (0 to friction), \
             5,179 still there at the end"
        );
        let with_initial = StageFlow {
            end: 8_179.0,
            ..stage
        };
        assert_eq!(
            stage_words("Loyal subscriber", &with_initial),
            "Loyal subscriber: 3,000 there at the start, 9,058 entered, 0 advanced, 3,879 \
             dropped (0 to friction), 8,179 still there at the end"
        );
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
    fn long_stage_names_take_two_lines_broken_at_a_space_or_hyphen() {
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
        // After a hyphen where no space leaves a short first line; at the
        // space where both would do.
        assert_eq!(
            name_lines("Marketing-qualified lead"),
            ["Marketing-", "qualified lead"]
        );
        assert_eq!(
            name_lines("Sales-qualified opportunity"),
            ["Sales-qualified", "opportunity"]
        );
        assert_eq!(name_lines("Supercalifragilistic-"), ["Supercalifragil…"]);
        assert_eq!(name_lines("Supercalifragilistic"), ["Supercalifragil…"]);
        // A leading space never leaves the first line empty.
        assert_eq!(name_lines(" Supercalifragilistic"), [" Supercalifragi…"]);
        assert_eq!(
            name_lines("Ünïcödé stage names wrap"),
            ["Ünïcödé stage", "names wrap"]
        );
    }
}

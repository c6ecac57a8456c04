use std::rc::Rc;

use journey_core::{Department, Phase, Problems, Stage, StageDrop, Uncertain};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{
    Choice, NumberInput, SelectInput, UncertainInput, ValueKind, described_by, display_name,
    field_problems, fields_only, messages_at, messages_under, same_name_note,
};
use crate::app_state::Edit;

#[derive(Properties, PartialEq)]
pub struct StageEditorProps {
    /// The stage, at `index` in the journey's stages.
    pub stage: Stage,
    pub index: usize,
    /// Every stage of the journey, in order, as far as a card shows the
    /// others: for its moves and where it can advance to.
    pub stages: Rc<[StageOutline]>,
    /// Every department, the owner's choices.
    pub departments: Rc<[DepartmentOutline]>,
    /// People in the stage at the start.
    pub initial: u64,
    /// Whether referrals enter this stage (and the journey has advocacy).
    pub referrals_enter: bool,
    pub problems: Rc<Problems>,
    pub on_change: Callback<Edit>,
}

/// A stage as the other stages' cards show it. Cards take these rather
/// than the whole journey, so that an edit redraws only the cards whose
/// content it changes.
#[derive(Clone, Debug, PartialEq)]
pub struct StageOutline {
    pub id: String,
    pub name: String,
    pub phase: Phase,
    /// Where it advances to, when it names a stage (a loop).
    pub next: Option<String>,
}

impl StageOutline {
    pub fn of(stage: &Stage) -> StageOutline {
        StageOutline {
            id: stage.id.clone(),
            name: stage.name.clone(),
            phase: stage.phase,
            next: stage.next.clone(),
        }
    }
}

/// A department as an owner's choice: its id and shown name.
#[derive(Clone, Debug, PartialEq)]
pub struct DepartmentOutline {
    pub id: String,
    pub name: String,
}

impl DepartmentOutline {
    pub fn of(department: &Department) -> DepartmentOutline {
        DepartmentOutline {
            id: department.id.clone(),
            name: display_name(&department.name, &department.id),
        }
    }
}

/// One stage: its name, phase, owner, rates and money, with buttons to move
/// or remove it.
#[component]
pub fn StageEditor(props: &StageEditorProps) -> Html {
    let stage = &props.stage;
    let i = props.index;
    let stages = &props.stages;
    let count = stages.len();
    let path = format!("stages[{i}]");
    let id = format!("stage-{i}");
    let name = display_name(&stage.name, &stage.id);
    let names: Vec<String> = stages
        .iter()
        .map(|st| display_name(&st.name, &st.id))
        .collect();
    let twin = same_name_note("stage", &names, i);
    let problems = &props.problems;
    // Moves stay within the stage's half of the loop: every `buy` stage
    // comes before every `own` stage.
    let same_phase = |k: Option<usize>| {
        k.and_then(|k| stages.get(k))
            .is_some_and(|other| other.phase == stage.phase)
    };
    let can_up = same_phase(i.checked_sub(1));
    let can_down = same_phase(Some(i + 1));

    // A callback that changes one part of a copy of this stage.
    let update = |change: fn(&mut Stage, Uncertain)| {
        let stage = stage.clone();
        props.on_change.reform(move |value: Uncertain| {
            let mut stage = stage.clone();
            change(&mut stage, value);
            Edit::UpdateStage(i, Box::new(stage))
        })
    };
    let on_name = {
        let stage = stage.clone();
        props.on_change.reform(move |event: InputEvent| {
            let mut stage = stage.clone();
            stage.name = event.target_unchecked_into::<HtmlInputElement>().value();
            Edit::UpdateStage(i, Box::new(stage))
        })
    };
    let on_phase = {
        let stage = stage.clone();
        props.on_change.reform(move |value: String| {
            let mut stage = stage.clone();
            stage.phase = if value == "own" {
                Phase::Own
            } else {
                Phase::Buy
            };
            Edit::UpdateStage(i, Box::new(stage))
        })
    };
    let on_owner = {
        let stage = stage.clone();
        props.on_change.reform(move |owner: String| {
            let mut stage = stage.clone();
            stage.owner = owner;
            Edit::UpdateStage(i, Box::new(stage))
        })
    };
    let on_sbg = {
        let stage = stage.clone();
        props.on_change.reform(move |event: Event| {
            let mut stage = stage.clone();
            let sbg = event.target_unchecked_into::<HtmlInputElement>().checked();
            stage.drop = toggle_sbg(stage.drop, sbg);
            Edit::UpdateStage(i, Box::new(stage))
        })
    };
    let on_next = {
        let stage = stage.clone();
        props.on_change.reform(move |value: String| {
            let mut stage = stage.clone();
            stage.next = (!value.is_empty()).then_some(value);
            Edit::UpdateStage(i, Box::new(stage))
        })
    };
    let on_initial = {
        let stage = stage.id.clone();
        // NumberInput only passes whole numbers from 0 to u32::MAX.
        props.on_change.reform(move |count: f64| Edit::SetInitial {
            stage: stage.clone(),
            count: count as u64,
        })
    };
    let on_up = props
        .on_change
        .reform(move |_: MouseEvent| Edit::MoveStage {
            from: i,
            to: i.saturating_sub(1),
        });
    let on_down = props
        .on_change
        .reform(move |_: MouseEvent| Edit::MoveStage { from: i, to: i + 1 });
    let on_remove = props
        .on_change
        .reform(move |_: MouseEvent| Edit::RemoveStage(i));

    // What leads here besides the stage before: removing the stage
    // changes these, so the remove button is described by them.
    let loops_here: Vec<String> = stages
        .iter()
        .enumerate()
        .filter(|(k, st)| *k != i && st.next.as_deref() == Some(stage.id.as_str()))
        .map(|(_, st)| format!("“{}”", display_name(&st.name, &st.id)))
        .collect();
    let mut arrivals = Vec::new();
    match loops_here.split_last() {
        None => {}
        Some((only, [])) => arrivals.push(format!("{only} advances here.")),
        Some((last, rest)) => {
            arrivals.push(format!("{} and {last} advance here.", rest.join(", ")))
        }
    }
    if props.referrals_enter {
        arrivals.push("Referrals enter here.".to_string());
    }
    let arrivals = (!arrivals.is_empty()).then(|| arrivals.join(" "));
    let arrivals_id = format!("{id}-arrivals");

    let stage_problems = messages_at(problems, &[&path, &format!("{path}.id")]);
    let next_problems = messages_at(problems, &[&format!("{path}.next")]);
    let initial_problems = messages_at(problems, &[&format!("initial.{}", stage.id)]);
    let initial = props.initial;
    let following = match stages.get(i + 1) {
        Some(st) => format!("{} (next stage)", display_name(&st.name, &st.id)),
        None => "Nowhere (the last stage)".to_string(),
    };
    // An `own` stage leads only to `own` stages; a choice that breaks a
    // rule stays listed so that its problem can be seen and fixed.
    let next_options = stages.iter().enumerate().filter(|(k, st)| {
        *k != i
            && (stage.phase == Phase::Buy
                || st.phase == Phase::Own
                || stage.next.as_ref() == Some(&st.id))
    });
    let next_choices: Vec<Choice> = std::iter::once(choice("", following))
        .chain(next_options.map(|(_, st)| choice(&st.id, display_name(&st.name, &st.id))))
        .collect();
    let phase_choices = vec![choice("buy", "Buy".into()), choice("own", "Own".into())];
    // An owner no department has (from a file) is listed, so that the
    // select shows it beside its problem.
    let owner_choices: Vec<Choice> = props
        .departments
        .iter()
        .all(|d| d.id != stage.owner)
        .then(|| choice(&stage.owner, format!("{} (not a department)", stage.owner)))
        .into_iter()
        .chain(
            props
                .departments
                .iter()
                .map(|d| choice(&d.id, d.name.clone())),
        )
        .collect();
    let name_problems = messages_at(problems, &[&format!("{path}.name")]);
    let phase_problems = messages_at(problems, &[&format!("{path}.phase")]);
    let owner_problems = messages_at(problems, &[&format!("{path}.owner")]);
    let field = |suffix: &str| messages_under(problems, &format!("{path}.{suffix}"));
    let is_sbg = matches!(stage.drop, StageDrop::Sbg { .. });

    let drop = match stage.drop {
        StageDrop::Rate(rate) => html! {
            <UncertainInput
                id={format!("{id}-drop")}
                kind={ValueKind::Probability}
                label="Drop (monthly probability)"
                value={rate}
                problems={field("drop")}
                on_change={update(|st, v| st.drop = StageDrop::Rate(v))}
            />
        },
        StageDrop::Sbg { alpha, beta } => html! {
            <>
                <UncertainInput
                    id={format!("{id}-alpha")}
                    kind={ValueKind::Amount}
                    label="Drop sBG alpha"
                    value={alpha}
                    problems={field("drop.sbg.alpha")}
                    on_change={update(|st, v| if let StageDrop::Sbg { alpha, .. } = &mut st.drop { *alpha = v })}
                />
                <UncertainInput
                    id={format!("{id}-beta")}
                    kind={ValueKind::Amount}
                    label="Drop sBG beta"
                    value={beta}
                    problems={field("drop.sbg.beta")}
                    on_change={update(|st, v| if let StageDrop::Sbg { beta, .. } = &mut st.drop { *beta = v })}
                />
            </>
        },
    };

    html! {
        <li class="stage" data-testid={format!("stage-{}", stage.id)}>
            <div class="stage-card" role="group" aria-labelledby={format!("{id}-title")}>
                <div class="stage-head">
                <h4 id={format!("{id}-title")} class="stage-title">{format!("{}. {name}", i + 1)}</h4>
                <div class="stage-actions">
                    <button type="button" id={format!("{id}-up")} aria-label={format!("Move {name} up")} title="Move up" disabled={!can_up} onclick={on_up}>{"↑"}</button>
                    <button type="button" id={format!("{id}-down")} aria-label={format!("Move {name} down")} title="Move down" disabled={!can_down} onclick={on_down}>{"↓"}</button>
                    <button type="button" aria-label={format!("Remove {name}")} title="Remove"
                        aria-describedby={arrivals.is_some().then(|| arrivals_id.clone())}
                        disabled={count <= 1} onclick={on_remove}>{"✕"}</button>
                </div>
                </div>
                if let Some(arrivals) = arrivals {
                    <p id={arrivals_id} class="stage-arrivals">{arrivals}</p>
                }
                {field_problems(format!("{id}-problems"), stage_problems)}
                <form class="stage-fields" onsubmit={fields_only()} novalidate=true>
                    <div class="stage-identity">
                        <div class="field">
                            <label for={format!("{id}-name")}>{"Name"}</label>
                            <input id={format!("{id}-name")} type="text" autocomplete="off"
                                value={stage.name.clone()}
                                aria-invalid={(!name_problems.is_empty()).to_string()}
                                aria-describedby={described_by(&[
                                    (!name_problems.is_empty()).then(|| format!("{id}-name-problems")),
                                    twin.is_some().then(|| format!("{id}-same-name")),
                                ])}
                                oninput={on_name} />
                            {field_problems(format!("{id}-name-problems"), name_problems)}
                            if let Some(twin) = twin {
                                <p id={format!("{id}-same-name")} class="field-note">{twin}</p>
                            }
                        </div>
                        {select_field(format!("{id}-phase"), "Phase", None, phase_value(stage.phase).into(),
                            phase_choices, phase_problems, on_phase)}
                        {select_field(format!("{id}-owner"), "Owner", None, stage.owner.clone().into(),
                            owner_choices, owner_problems, on_owner)}
                        <div class="field">
                            <label for={format!("{id}-initial")}>{"People here at the start"}</label>
                            <NumberInput
                                id={format!("{id}-initial")}
                                value={initial as f64}
                                whole=true
                                invalid={!initial_problems.is_empty()}
                                described_by={(!initial_problems.is_empty()).then(|| AttrValue::from(format!("{id}-initial-problems")))}
                                on_change={on_initial}
                            />
                            {field_problems(format!("{id}-initial-problems"), initial_problems)}
                        </div>
                        {select_field(format!("{id}-next"), "Advances to", Some("stage-next"),
                            stage.next.clone().unwrap_or_default().into(), next_choices, next_problems, on_next)}
                    </div>
                    <div class="drop-kind">
                        <label class="range-toggle">
                            <input type="checkbox" checked={is_sbg} onchange={on_sbg}
                                aria-label={format!("{name}: drop varies between customers (sBG)")} />
                            {"drop varies between customers (sBG)"}
                        </label>
                    </div>
                    <UncertainInput
                        id={format!("{id}-advance")}
                        kind={ValueKind::Probability}
                        label="Advance (monthly probability)"
                        value={stage.advance}
                        problems={field("advance")}
                        on_change={update(|st, v| st.advance = v)}
                    />
                    {drop}
                    <UncertainInput
                        id={format!("{id}-advocacy")}
                        kind={ValueKind::Amount}
                        label="Advocacy (referrals per person per month)"
                        value={stage.advocacy}
                        problems={field("advocacy")}
                        on_change={update(|st, v| st.advocacy = v)}
                    />
                    <UncertainInput
                        id={format!("{id}-revenue-on-entry")}
                        kind={ValueKind::Amount}
                        label="Revenue on entry"
                        value={stage.revenue_on_entry}
                        problems={field("revenue_on_entry")}
                        on_change={update(|st, v| st.revenue_on_entry = v)}
                    />
                    <UncertainInput
                        id={format!("{id}-revenue-per-month")}
                        kind={ValueKind::Amount}
                        label="Revenue per month"
                        value={stage.revenue_per_month}
                        problems={field("revenue_per_month")}
                        on_change={update(|st, v| st.revenue_per_month = v)}
                    />
                    <UncertainInput
                        id={format!("{id}-cost-per-month")}
                        kind={ValueKind::Amount}
                        label="Cost per month"
                        value={stage.cost_per_month}
                        problems={field("cost_per_month")}
                        on_change={update(|st, v| st.cost_per_month = v)}
                    />
                </form>
            </div>
        </li>
    }
}

fn choice(value: &str, label: String) -> Choice {
    Choice::new(value.to_string(), label)
}

fn phase_value(phase: Phase) -> &'static str {
    match phase {
        Phase::Buy => "buy",
        Phase::Own => "own",
    }
}

/// Switches a drop between a constant rate and sBG, keeping the first
/// month's hazard (alpha / (alpha + beta)) equal to the rate.
fn toggle_sbg(drop: StageDrop, sbg: bool) -> StageDrop {
    match (drop, sbg) {
        (StageDrop::Rate(rate), true) => {
            let r = rate.central();
            let beta = if r > 0.0 && r < 1.0 {
                (1.0 - r) / r
            } else {
                9.0
            };
            StageDrop::Sbg {
                alpha: Uncertain::Point(1.0),
                beta: Uncertain::Point(beta),
            }
        }
        (StageDrop::Sbg { alpha, beta }, false) => {
            let (a, b) = (alpha.central(), beta.central());
            let r = if a + b > 0.0 { a / (a + b) } else { 0.0 };
            StageDrop::Rate(Uncertain::Point(r))
        }
        (drop, _) => drop,
    }
}

/// A list `field` (its element id) named `label`, and under it its
/// problems (`{field}-problems`), which the list is described by.
fn select_field(
    field: String,
    label: &'static str,
    class: Option<&'static str>,
    value: AttrValue,
    choices: Vec<Choice>,
    problems: Vec<AttrValue>,
    on_change: Callback<String>,
) -> Html {
    let problems_id = AttrValue::from(format!("{field}-problems"));
    let described_by = (!problems.is_empty()).then(|| problems_id.clone());
    html! {
        <div class={classes!("field", class)}>
            <label for={field.clone()}>{label}</label>
            <SelectInput id={field} {value} {choices} invalid={!problems.is_empty()} {described_by}
                {on_change} />
            {field_problems(problems_id, problems)}
        </div>
    }
}

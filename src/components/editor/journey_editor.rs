use std::rc::Rc;

use journey_core::{Phase, Problems, Scenario, Uncertain};
use yew::prelude::*;

use super::{
    DepartmentList, DepartmentOutline, HandoffList, JourneySettings, ScenarioList, StageEditor,
    StageOutline, display_name, journey_at_a_glance, use_focus_after,
};
use crate::app_state::{Edit, stage_index_after};

#[derive(Properties, PartialEq)]
pub struct JourneyEditorProps {
    pub scenario: Rc<Scenario>,
    /// Everything validation found (empty when the journey is valid).
    pub problems: Rc<Problems>,
    pub on_change: Callback<Edit>,
    /// Shown beside the heading, which stays in view while the editor
    /// scrolls (Undo and Redo).
    #[prop_or_default]
    pub toolbar: Html,
    /// The focus left one of the editor's fields.
    #[prop_or_default]
    pub on_leave_field: Callback<()>,
}

/// The whole editor: settings, departments, hand-offs, the stages as a loop
/// from the BUY half to the OWN half and, through advocacy, back to the
/// start, and the investment scenarios.
#[component]
pub fn JourneyEditor(props: &JourneyEditorProps) -> Html {
    let s = &props.scenario;
    // A moved stage keeps focus on the button that moved it, or on its
    // other move button once it reaches the end of its half.
    // A new stage's name gets focus, and after a removal the name of the
    // stage that took its place.
    let buys = s
        .stages
        .iter()
        .take_while(|st| st.phase == Phase::Buy)
        .count();
    let stages = s.stages.len();
    // A stage whose phase changes moves to the border of the halves: its
    // Phase field there takes the focus (arrow keys change a select at once).
    let scenario = props.scenario.clone();
    let on_stage_change = use_focus_after(props.on_change.clone(), move |edit| {
        let name = |i: usize| format!("stage-{i}-name");
        match *edit {
            Edit::UpdateStage(i, ref stage)
                if scenario
                    .stages
                    .get(i)
                    .is_some_and(|old| old.phase != stage.phase) =>
            {
                vec![format!(
                    "stage-{}-phase",
                    stage_index_after(&scenario, i, stage)
                )]
            }
            Edit::MoveStage { from, to } if to < from => {
                vec![format!("stage-{to}-up"), format!("stage-{to}-down")]
            }
            Edit::MoveStage { to, .. } => {
                vec![format!("stage-{to}-down"), format!("stage-{to}-up")]
            }
            Edit::AddStage(Phase::Buy) => vec![name(buys)],
            Edit::AddStage(Phase::Own) => vec![name(stages)],
            Edit::RemoveStage(i) => vec![name(i), name(i.saturating_sub(1))],
            _ => Vec::new(),
        }
    });
    // After adding a department or hand-off, focus goes to its friction;
    // after a removal, to the row that took its place.
    let (departments, handoffs) = (s.departments.len(), s.handoffs.len());
    let on_organisation_change = use_focus_after(props.on_change.clone(), move |edit| {
        let friction = |what: &str, i: usize| {
            vec![
                format!("{what}-{i}-friction"),
                format!("{what}-{i}-friction-low"),
            ]
        };
        let (what, at, fallback) = match *edit {
            Edit::AddDepartment(_) => ("department", departments, "new-department-name"),
            Edit::RemoveDepartment(i) => ("department", i, "new-department-name"),
            Edit::AddHandoff { .. } => ("handoff", handoffs, "new-handoff-from"),
            Edit::RemoveHandoff(i) => ("handoff", i, "new-handoff-from"),
            _ => return Vec::new(),
        };
        let mut ids = friction(what, at);
        ids.extend(friction(what, at.saturating_sub(1)));
        ids.push(fallback.into());
        ids
    });
    // Each card keyed by its stage, so that what is typed in a card stays
    // with that stage when stages are added, removed or moved. A stage id
    // repeated (an imported journey may) gets a count, as keys must differ.
    let keys: Vec<String> = s
        .stages
        .iter()
        .enumerate()
        .map(|(i, st)| {
            let earlier = s.stages[..i].iter().filter(|o| o.id == st.id).count();
            format!("{}#{earlier}", st.id)
        })
        .collect();
    // What every card shows of the other stages and of the departments.
    let outlines: Rc<[StageOutline]> = s.stages.iter().map(StageOutline::of).collect();
    let departments: Rc<[DepartmentOutline]> =
        s.departments.iter().map(DepartmentOutline::of).collect();
    // Referrals enter the named stage, or the first; said only when some
    // stage has advocacy, so that there are referrals to speak of.
    let referral_entry = s
        .stages
        .iter()
        .any(|st| st.advocacy != Uncertain::ZERO)
        .then(|| {
            s.referral_entry
                .as_deref()
                .or(s.stages.first().map(|st| st.id.as_str()))
        })
        .flatten();
    let group = |phase: Phase| {
        s.stages
            .iter()
            .enumerate()
            .filter(move |(_, st)| st.phase == phase)
            .map(|(index, stage)| {
                html! {
                    <StageEditor
                        key={keys[index].clone()}
                        stage={stage.clone()}
                        {index}
                        stages={outlines.clone()}
                        departments={departments.clone()}
                        initial={s.initial.get(&stage.id).copied().unwrap_or(0)}
                        referrals_enter={referral_entry == Some(stage.id.as_str())}
                        problems={props.problems.clone()}
                        on_change={on_stage_change.clone()}
                    />
                }
            })
            .collect::<Html>()
    };
    let add = |phase: Phase| on_stage_change.reform(move |_: MouseEvent| Edit::AddStage(phase));
    // Both halves share the engine's limit on stages.
    let stage_limit = Edit::AddStage(Phase::Buy).limit(s);
    let add_button = |phase: Phase, label: &str| {
        let note_id = format!("add-{}-stage-note", phase_key(phase));
        html! {
            <div class="add-actions">
                <button type="button" onclick={add(phase)} disabled={stage_limit.is_some()}
                    aria-describedby={stage_limit.is_some().then(|| note_id.clone())}>
                    {label.to_string()}
                </button>
                if let Some(why) = &stage_limit {
                    <p id={note_id} class="row-note">{why.clone()}</p>
                }
            </div>
        }
    };
    let back_to = s
        .referral_entry
        .as_deref()
        .and_then(|id| s.stages.iter().find(|st| st.id == id))
        .or(s.stages.first())
        .map(|st| display_name(&st.name, &st.id))
        .unwrap_or_default();

    html! {
        <section class="panel editor" aria-labelledby="editor-heading"
            onfocusout={props.on_leave_field.reform(|_: FocusEvent| ())}>
            <div class="editor-header">
                <h2 id="editor-heading" tabindex="-1">{"Journey"}</h2>
                {props.toolbar.clone()}
            </div>
            <JourneySettings scenario={s.clone()} problems={props.problems.clone()} on_change={props.on_change.clone()} />
            {journey_at_a_glance(s)}
            <div class="editor-organisation">
                <DepartmentList scenario={s.clone()} problems={props.problems.clone()} on_change={on_organisation_change.clone()} />
                <HandoffList scenario={s.clone()} problems={props.problems.clone()} on_change={on_organisation_change} />
            </div>
            <div class="journey-loop">
                <section class="phase phase-buy" aria-labelledby="buy-heading">
                    <h3 id="buy-heading">{"Buy"}</h3>
                    <ol class="stage-list">{group(Phase::Buy)}</ol>
                    {add_button(Phase::Buy, "Add a Buy stage")}
                </section>
                <section class="phase phase-own" aria-labelledby="own-heading">
                    <h3 id="own-heading">{"Own"}</h3>
                    <ol class="stage-list">{group(Phase::Own)}</ol>
                    {add_button(Phase::Own, "Add an Own stage")}
                </section>
                <p class="loop-hint">
                    <span aria-hidden="true">{"↺ "}</span>
                    {format!("Advocacy brings new people back to {back_to}")}
                </p>
            </div>
            <ScenarioList scenario={s.clone()} problems={props.problems.clone()} on_change={props.on_change.clone()} />
        </section>
    }
}

fn phase_key(phase: Phase) -> &'static str {
    match phase {
        Phase::Buy => "buy",
        Phase::Own => "own",
    }
}

use std::rc::Rc;

use journey_core::{Phase, Problems, Scenario};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::{
    DepartmentList, HandoffList, JourneySettings, ScenarioList, StageEditor, display_name,
};
use crate::app_state::Edit;

#[derive(Properties, PartialEq)]
pub struct JourneyEditorProps {
    pub scenario: Rc<Scenario>,
    /// Everything validation found (empty when the journey is valid).
    pub problems: Rc<Problems>,
    pub on_change: Callback<Edit>,
}

/// The whole editor: settings, departments, hand-offs, the stages as a loop
/// from the BUY half to the OWN half and, through advocacy, back to the
/// start, and the investment scenarios.
#[component]
pub fn JourneyEditor(props: &JourneyEditorProps) -> Html {
    let s = &props.scenario;
    // The id of the move button to focus once a stage has moved. Stages
    // render by position, so after a move the button that had focus
    // belongs to another stage (or is disabled); focus follows the moved
    // stage to its own button instead.
    let focus_after_move = use_mut_ref(|| None::<String>);
    {
        let focus_after_move = focus_after_move.clone();
        use_effect(move || {
            if let Some(id) = focus_after_move.borrow_mut().take() {
                focus_move_button(&id);
            }
        });
    }
    let on_stage_change = {
        let on_change = props.on_change.clone();
        Callback::from(move |edit: Edit| {
            if let Edit::MoveStage { from, to } = edit {
                let direction = if to < from { "up" } else { "down" };
                *focus_after_move.borrow_mut() = Some(format!("stage-{to}-{direction}"));
            }
            on_change.emit(edit);
        })
    };
    let group = |phase: Phase| {
        s.stages
            .iter()
            .enumerate()
            .filter(move |(_, st)| st.phase == phase)
            .map(|(index, _)| {
                html! {
                    <StageEditor
                        scenario={props.scenario.clone()}
                        {index}
                        problems={props.problems.clone()}
                        on_change={on_stage_change.clone()}
                    />
                }
            })
            .collect::<Html>()
    };
    let add = |phase: Phase| {
        props
            .on_change
            .reform(move |_: MouseEvent| Edit::AddStage(phase))
    };
    let back_to = s
        .referral_entry
        .as_deref()
        .and_then(|id| s.stages.iter().find(|st| st.id == id))
        .or(s.stages.first())
        .map(|st| display_name(&st.name, &st.id))
        .unwrap_or_default();

    html! {
        <section class="panel editor" aria-labelledby="editor-heading">
            <h2 id="editor-heading">{"Journey"}</h2>
            <JourneySettings scenario={s.clone()} problems={props.problems.clone()} on_change={props.on_change.clone()} />
            <div class="editor-organisation">
                <DepartmentList scenario={s.clone()} problems={props.problems.clone()} on_change={props.on_change.clone()} />
                <HandoffList scenario={s.clone()} problems={props.problems.clone()} on_change={props.on_change.clone()} />
            </div>
            <div class="journey-loop">
                <section class="phase phase-buy" aria-labelledby="buy-heading">
                    <h3 id="buy-heading">{"Buy"}</h3>
                    <ol class="stage-list">{group(Phase::Buy)}</ol>
                    <button type="button" onclick={add(Phase::Buy)}>{"Add a Buy stage"}</button>
                </section>
                <section class="phase phase-own" aria-labelledby="own-heading">
                    <h3 id="own-heading">{"Own"}</h3>
                    <ol class="stage-list">{group(Phase::Own)}</ol>
                    <button type="button" onclick={add(Phase::Own)}>{"Add an Own stage"}</button>
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

/// Focuses the move button `id`, or the stage's other move button when
/// that one is disabled (the stage reached the end of its half).
fn focus_move_button(id: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let other = match id.strip_suffix("-up") {
        Some(stem) => format!("{stem}-down"),
        None => format!("{}-up", id.trim_end_matches("-down")),
    };
    let enabled = |id: &str| {
        document
            .get_element_by_id(id)
            .filter(|e| !e.has_attribute("disabled"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    };
    if let Some(button) = enabled(id).or_else(|| enabled(&other))
        && let Err(error) = button.focus()
    {
        web_sys::console::warn_2(&"could not keep focus on the moved stage:".into(), &error);
    }
}

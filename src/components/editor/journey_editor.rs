use std::rc::Rc;

use journey_core::{Phase, Problems, Scenario};
use yew::prelude::*;

use super::{DepartmentList, JourneySettings, StageEditor};
use crate::app_state::Edit;

#[derive(Properties, PartialEq)]
pub struct JourneyEditorProps {
    pub scenario: Rc<Scenario>,
    /// Everything validation found (empty when the journey is valid).
    pub problems: Rc<Problems>,
    pub on_change: Callback<Edit>,
}

/// The whole editor: settings, departments, and the stages as a loop from
/// the BUY half to the OWN half and, through advocacy, back to the start.
#[component]
pub fn JourneyEditor(props: &JourneyEditorProps) -> Html {
    let s = &props.scenario;
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
                        on_change={props.on_change.clone()}
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
        .map(|st| {
            if st.name.is_empty() {
                st.id.clone()
            } else {
                st.name.clone()
            }
        })
        .unwrap_or_default();

    html! {
        <section class="panel editor" aria-labelledby="editor-heading">
            <h2 id="editor-heading">{"Journey"}</h2>
            <JourneySettings scenario={s.clone()} problems={props.problems.clone()} on_change={props.on_change.clone()} />
            <DepartmentList scenario={s.clone()} problems={props.problems.clone()} on_change={props.on_change.clone()} />
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
        </section>
    }
}

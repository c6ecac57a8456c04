use std::rc::Rc;

use journey_core::{Problems, Scenario};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::{
    FieldProblems, UncertainInput, ValueKind, department_name, messages_at, messages_under,
};
use crate::app_state::Edit;

#[derive(Properties, PartialEq)]
pub struct HandoffListProps {
    pub scenario: Rc<Scenario>,
    pub problems: Rc<Problems>,
    pub on_change: Callback<Edit>,
}

/// The hand-offs between departments with their friction, a button to
/// remove each (with the investments in it) and a form to add one.
#[component]
pub fn HandoffList(props: &HandoffListProps) -> Html {
    let s = &props.scenario;
    let rows = s.handoffs.iter().enumerate().map(|(i, h)| {
        let path = format!("handoffs[{i}]");
        let id = format!("handoff-{i}");
        let title = format!(
            "{} → {}",
            department_name(s, &h.from),
            department_name(s, &h.to)
        );
        let pair_problems = messages_at(
            &props.problems,
            &[&path, &format!("{path}.from"), &format!("{path}.to")],
        );
        let note = Edit::RemoveHandoff(i)
            .removal(s)
            .ok()
            .and_then(|r| r.note());
        let note_id = format!("{id}-remove-note");
        html! {
            <li class="handoff">
                <div class="handoff-head">
                    <span class="handoff-title">{title.clone()}</span>
                    <button
                        type="button"
                        class="quiet"
                        aria-label={format!("Remove hand-off {title}")}
                        aria-describedby={note.is_some().then(|| note_id.clone())}
                        onclick={props.on_change.reform(move |_: MouseEvent| Edit::RemoveHandoff(i))}
                    >{"Remove"}</button>
                </div>
                if let Some(note) = note {
                    <p id={note_id} class="row-note">{note}</p>
                }
                <FieldProblems id={format!("{id}-problems")} problems={pair_problems} />
                <UncertainInput
                    id={format!("{id}-friction")}
                    kind={ValueKind::Probability}
                    label={format!("{title} friction")}
                    value={h.friction}
                    problems={messages_under(&props.problems, &format!("{path}.friction"))}
                    on_change={props.on_change.reform(move |f| Edit::SetHandoffFriction(i, f))}
                />
            </li>
        }
    });
    html! {
        <section class="editor-handoffs" aria-labelledby="handoffs-heading">
            <h3 id="handoffs-heading">{"Hand-offs"}</h3>
            <p class="section-hint">
                {"Friction where one department passes a customer to another: it applies when a stage leads to a stage the other department owns."}
            </p>
            if s.handoffs.is_empty() {
                <p class="empty-note">{"No hand-offs yet."}</p>
            } else {
                <ul class="handoff-list">{ for rows }</ul>
            }
            <AddHandoff scenario={s.clone()} on_change={props.on_change.clone()} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct AddHandoffProps {
    scenario: Rc<Scenario>,
    on_change: Callback<Edit>,
}

/// "From" and "To" department choices and an "Add hand-off" button, with
/// the reason when that pair cannot be added.
#[component]
fn AddHandoff(props: &AddHandoffProps) -> Html {
    let s = &props.scenario;
    let from = use_state(String::new);
    let to = use_state(String::new);
    // Until chosen, or once a chosen department is gone: the first two.
    let pick = |chosen: &str, fallback: usize| {
        if s.departments.iter().any(|d| d.id == chosen) {
            chosen.to_string()
        } else {
            s.departments
                .get(fallback)
                .or(s.departments.first())
                .map(|d| d.id.clone())
                .unwrap_or_default()
        }
    };
    let (from_id, to_id) = (pick(&from, 0), pick(&to, 1));
    let refusal = Edit::handoff_refusal(s, &from_id, &to_id);
    let select = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |event: Event| {
            state.set(event.target_unchecked_into::<HtmlSelectElement>().value());
        })
    };
    let options = |chosen: &str| {
        s.departments
            .iter()
            .map(|d| {
                html! {
                    <option value={d.id.clone()} selected={d.id == chosen}>
                        {department_name(s, &d.id)}
                    </option>
                }
            })
            .collect::<Html>()
    };
    let on_submit = {
        let on_change = props.on_change.clone();
        let (from, to) = (from_id.clone(), to_id.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            on_change.emit(Edit::AddHandoff {
                from: from.clone(),
                to: to.clone(),
            });
        })
    };
    html! {
        <form class="add-row" onsubmit={on_submit}>
            <div class="field">
                <label for="new-handoff-from">{"From"}</label>
                <select id="new-handoff-from" onchange={select(&from)}>{options(&from_id)}</select>
            </div>
            <div class="field">
                <label for="new-handoff-to">{"To"}</label>
                <select id="new-handoff-to" onchange={select(&to)}>{options(&to_id)}</select>
            </div>
            <button type="submit" disabled={refusal.is_some()}
                aria-describedby={refusal.is_some().then_some("new-handoff-note")}>
                {"Add hand-off"}
            </button>
            if let Some(why) = refusal {
                <p id="new-handoff-note" class="row-note">{why}</p>
            }
        </form>
    }
}

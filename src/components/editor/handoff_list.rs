use std::rc::Rc;

use journey_core::{Problems, Scenario};
use yew::prelude::*;

use super::{
    Choice, SelectInput, UncertainInput, ValueKind, department_name, field_problems, fields_only,
    messages_at, messages_under,
};
use crate::app_state::Edit;

#[derive(Properties, PartialEq)]
pub struct HandoffListProps {
    pub scenario: Rc<Scenario>,
    pub problems: Rc<Problems>,
    pub on_change: Callback<Edit>,
}

/// The hand-offs between departments: each with its From and To
/// departments (changed in place; the investments in it follow), its
/// friction and a button to remove it (with the investments in it), and a
/// form to add one.
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
        let problems_id = format!("{id}-problems");
        let described_by = (!pair_problems.is_empty()).then(|| problems_id.clone());
        let note = Edit::RemoveHandoff(i)
            .removal(s)
            .ok()
            .and_then(|r| r.note());
        let note_id = format!("{id}-remove-note");
        let on_from = {
            let to = h.to.clone();
            props.on_change.reform(move |from| Edit::SetHandoffDepartments {
                index: i,
                from,
                to: to.clone(),
            })
        };
        let on_to = {
            let from = h.from.clone();
            props.on_change.reform(move |to| Edit::SetHandoffDepartments {
                index: i,
                from: from.clone(),
                to,
            })
        };
        let from_choices = end_choices(s, &h.from, |d| {
            Edit::handoff_change_refusal(s, i, d, &h.to).is_none()
        });
        let to_choices = end_choices(s, &h.to, |d| {
            Edit::handoff_change_refusal(s, i, &h.from, d).is_none()
        });
        let invalid = !pair_problems.is_empty();
        // Reversing is one step, where the selects would pass through a
        // hand-off from a department to itself.
        let reverse_refusal = (h.from != h.to)
            .then(|| Edit::handoff_change_refusal(s, i, &h.to, &h.from))
            .flatten();
        let on_reverse = {
            let (from, to) = (h.to.clone(), h.from.clone());
            props.on_change.reform(move |_: MouseEvent| Edit::SetHandoffDepartments {
                index: i,
                from: from.clone(),
                to: to.clone(),
            })
        };
        html! {
            <li class="handoff" data-testid="handoff">
                <form class="row-fields" onsubmit={fields_only()} novalidate=true>
                    <div class="handoff-head">
                        <div class="handoff-pair">
                            <SelectInput
                                id={format!("{id}-from")}
                                aria_label={format!("From department of hand-off {}", i + 1)}
                                value={h.from.clone()}
                                choices={from_choices}
                                {invalid}
                                described_by={described_by.clone()}
                                on_change={on_from}
                            />
                            <span class="handoff-arrow" aria-hidden="true">{"→"}</span>
                            <SelectInput
                                id={format!("{id}-to")}
                                aria_label={format!("To department of hand-off {}", i + 1)}
                                value={h.to.clone()}
                                choices={to_choices}
                                {invalid}
                                {described_by}
                                on_change={on_to}
                            />
                        </div>
                        <button
                            type="button"
                            class="quiet handoff-reverse"
                            aria-label={format!("Reverse hand-off {title}")}
                            title={reverse_refusal.map_or("Reverse", |why| why)}
                            disabled={h.from == h.to || reverse_refusal.is_some()}
                            onclick={on_reverse}
                        >{"⇄"}</button>
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
                    {field_problems(problems_id, pair_problems)}
                    <UncertainInput
                        id={format!("{id}-friction")}
                        kind={ValueKind::Probability}
                        label={format!("{title} friction")}
                        value={h.friction}
                        problems={messages_under(&props.problems, &format!("{path}.friction"))}
                        on_change={props.on_change.reform(move |f| Edit::SetHandoffFriction(i, f))}
                    />
                </form>
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

/// The departments one end of a listed hand-off can name; a department
/// the hand-off cannot take (another hand-off has that pair) is offered
/// disabled and says so. A `chosen` id no department has (from a file) is
/// offered too, so that the select shows it.
fn end_choices(s: &Scenario, chosen: &str, allowed: impl Fn(&str) -> bool) -> Vec<Choice> {
    let missing = s
        .departments
        .iter()
        .all(|d| d.id != chosen)
        .then(|| Choice::new(chosen.to_string(), format!("{chosen} (not a department)")));
    missing
        .into_iter()
        .chain(s.departments.iter().map(|d| {
            let name = department_name(s, &d.id);
            let ok = d.id == chosen || allowed(&d.id);
            let label = if ok {
                name
            } else {
                format!("{name} (already listed)")
            };
            Choice {
                disabled: !ok,
                ..Choice::new(d.id.clone(), label)
            }
        }))
        .collect()
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
    // Until chosen, or once a chosen department is gone: the first pair
    // with no hand-off yet, else the first two departments.
    let fallback = Edit::free_handoff(s)
        .map(|(f, t)| (f.to_string(), t.to_string()))
        .unwrap_or_else(|| {
            let id = |k: usize| {
                s.departments
                    .get(k)
                    .or(s.departments.first())
                    .map(|d| d.id.clone())
                    .unwrap_or_default()
            };
            (id(0), id(1))
        });
    let pick = |chosen: &str, fallback: &str| {
        if s.departments.iter().any(|d| d.id == chosen) {
            chosen.to_string()
        } else {
            fallback.to_string()
        }
    };
    let (from_id, to_id) = (pick(&from, &fallback.0), pick(&to, &fallback.1));
    let refusal = Edit::handoff_refusal(s, &from_id, &to_id);
    let select = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |value: String| state.set(value))
    };
    let choices: Vec<Choice> = s
        .departments
        .iter()
        .map(|d| Choice::new(d.id.clone(), department_name(s, &d.id)))
        .collect();
    // Once added, the form offers the next pair with no hand-off.
    let on_submit = {
        let on_change = props.on_change.clone();
        let (chosen_from, chosen_to) = (from.clone(), to.clone());
        let (from, to) = (from_id.clone(), to_id.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            on_change.emit(Edit::AddHandoff {
                from: from.clone(),
                to: to.clone(),
            });
            chosen_from.set(String::new());
            chosen_to.set(String::new());
        })
    };
    html! {
        <form class="add-row" onsubmit={on_submit}>
            <div class="field">
                <label for="new-handoff-from">{"From"}</label>
                <SelectInput id="new-handoff-from" value={from_id.clone()} choices={choices.clone()}
                    on_change={select(&from)} />
            </div>
            <div class="field">
                <label for="new-handoff-to">{"To"}</label>
                <SelectInput id="new-handoff-to" value={to_id.clone()} {choices}
                    on_change={select(&to)} />
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

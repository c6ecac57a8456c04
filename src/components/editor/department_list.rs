use std::rc::Rc;

use journey_core::{Problems, Scenario};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{
    UncertainInput, ValueKind, described_by, display_name, field_problems, fields_only,
    messages_at, messages_under, same_name_note,
};
use crate::app_state::Edit;

#[derive(Properties, PartialEq)]
pub struct DepartmentListProps {
    pub scenario: Rc<Scenario>,
    pub problems: Rc<Problems>,
    pub on_change: Callback<Edit>,
}

/// Each department's name and friction, a button to remove it and a form
/// to add one. A department that owns stages cannot be removed (the note
/// beside its button says which stages to reassign); one that does not
/// goes with its hand-offs and the investments in them, as the note says.
#[component]
pub fn DepartmentList(props: &DepartmentListProps) -> Html {
    let s = &props.scenario;
    let names: Vec<String> = s
        .departments
        .iter()
        .map(|d| display_name(&d.name, &d.id))
        .collect();
    let rows = s.departments.iter().enumerate().map(|(i, d)| {
        let twin = same_name_note("department", &names, i);
        let path = format!("departments[{i}]");
        let id = format!("department-{i}");
        let name_problems = messages_at(
            &props.problems,
            &[&path, &format!("{path}.id"), &format!("{path}.name")],
        );
        let on_name = {
            let d = d.clone();
            props.on_change.reform(move |event: InputEvent| {
                let mut d = d.clone();
                d.name = event.target_unchecked_into::<HtmlInputElement>().value();
                Edit::UpdateDepartment(i, d)
            })
        };
        let on_friction = {
            let d = d.clone();
            props.on_change.reform(move |friction| {
                let mut d = d.clone();
                d.friction = friction;
                Edit::UpdateDepartment(i, d)
            })
        };
        let shown = display_name(&d.name, &d.id);
        let removal = Edit::RemoveDepartment(i).removal(s);
        let note = match &removal {
            Ok(removal) => removal.note(),
            Err(why) => Some(why.clone()),
        };
        let note_id = format!("{id}-remove-note");
        html! {
            <li class="department">
                <form class="row-fields" onsubmit={fields_only()} novalidate=true>
                    <div class="field">
                        <label for={format!("{id}-name")}>{"Department"}</label>
                        <input
                            id={format!("{id}-name")}
                            type="text"
                            autocomplete="off"
                            value={d.name.clone()}
                            aria-invalid={(!name_problems.is_empty()).to_string()}
                            aria-describedby={described_by(&[
                                (!name_problems.is_empty()).then(|| format!("{id}-problems")),
                                twin.is_some().then(|| format!("{id}-same-name")),
                            ])}
                            oninput={on_name}
                        />
                        {field_problems(format!("{id}-problems"), name_problems)}
                        if let Some(twin) = twin {
                            <p id={format!("{id}-same-name")} class="field-note">{twin}</p>
                        }
                    </div>
                    <UncertainInput
                        id={format!("{id}-friction")}
                        kind={ValueKind::Probability}
                        label={format!("{shown} friction")}
                        value={d.friction}
                        problems={messages_under(&props.problems, &format!("{path}.friction"))}
                        on_change={on_friction}
                    />
                    <div class="row-actions">
                        <button
                            type="button"
                            class="quiet"
                            aria-label={format!("Remove department {shown}")}
                            aria-describedby={note.is_some().then(|| note_id.clone())}
                            disabled={removal.is_err()}
                            onclick={props.on_change.reform(move |_: MouseEvent| Edit::RemoveDepartment(i))}
                        >{"Remove"}</button>
                        if let Some(note) = note {
                            <p id={note_id} class="row-note">{note}</p>
                        }
                    </div>
                </form>
            </li>
        }
    });
    html! {
        <section class="editor-departments" aria-labelledby="departments-heading">
            <h3 id="departments-heading">{"Departments"}</h3>
            {field_problems("departments-problems", messages_at(&props.problems, &["departments"]))}
            <ul class="department-list">{ for rows }</ul>
            <AddDepartment
                limit={Edit::AddDepartment(String::new()).limit(s).map(AttrValue::from)}
                on_change={props.on_change.clone()}
            />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct AddDepartmentProps {
    /// The engine's limit the journey is at, if it is: the button is
    /// disabled and this says why.
    limit: Option<AttrValue>,
    on_change: Callback<Edit>,
}

/// A name field and an "Add department" button; the id is made from the name.
#[component]
fn AddDepartment(props: &AddDepartmentProps) -> Html {
    let name = use_state(String::new);
    let on_input = {
        let name = name.clone();
        Callback::from(move |event: InputEvent| {
            name.set(event.target_unchecked_into::<HtmlInputElement>().value());
        })
    };
    let on_submit = {
        let name = name.clone();
        let on_change = props.on_change.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if !name.trim().is_empty() {
                on_change.emit(Edit::AddDepartment((*name).clone()));
                name.set(String::new());
            }
        })
    };
    html! {
        <form class="add-row" onsubmit={on_submit}>
            <div class="field">
                <label for="new-department-name">{"New department"}</label>
                <input id="new-department-name" type="text" autocomplete="off"
                    placeholder="e.g. Logistics" value={(*name).clone()} oninput={on_input} />
            </div>
            <button type="submit" disabled={name.trim().is_empty() || props.limit.is_some()}
                aria-describedby={props.limit.is_some().then_some("new-department-note")}>
                {"Add department"}
            </button>
            if let Some(why) = &props.limit {
                <p id="new-department-note" class="row-note">{why.clone()}</p>
            }
        </form>
    }
}

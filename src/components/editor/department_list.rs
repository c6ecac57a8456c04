use std::rc::Rc;

use journey_core::{Problems, Scenario};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{FieldProblems, UncertainInput, messages_at, messages_under};
use crate::app_state::Edit;

#[derive(Properties, PartialEq)]
pub struct DepartmentListProps {
    pub scenario: Rc<Scenario>,
    pub problems: Rc<Problems>,
    pub on_change: Callback<Edit>,
}

/// Each department's name and friction.
#[component]
pub fn DepartmentList(props: &DepartmentListProps) -> Html {
    let rows = props.scenario.departments.iter().enumerate().map(|(i, d)| {
        let path = format!("departments[{i}]");
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
        let shown = if d.name.is_empty() { &d.id } else { &d.name };
        html! {
            <li class="department">
                <div class="field">
                    <label for={format!("department-{i}-name")}>{"Department"}</label>
                    <input
                        id={format!("department-{i}-name")}
                        type="text"
                        autocomplete="off"
                        value={d.name.clone()}
                        aria-invalid={(!name_problems.is_empty()).to_string()}
                        oninput={on_name}
                    />
                    <FieldProblems id={format!("department-{i}-problems")} problems={name_problems} />
                </div>
                <UncertainInput
                    id={format!("department-{i}-friction")}
                    label={format!("{shown} friction")}
                    value={d.friction}
                    problems={messages_under(&props.problems, &format!("{path}.friction"))}
                    on_change={on_friction}
                />
            </li>
        }
    });
    html! {
        <section class="editor-departments" aria-labelledby="departments-heading">
            <h3 id="departments-heading">{"Departments"}</h3>
            <ul class="department-list">{ for rows }</ul>
        </section>
    }
}

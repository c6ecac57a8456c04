//! The journey editor: top-level settings, departments, hand-offs, the
//! stages as a BUY → OWN loop and the investment scenarios, with the
//! engine's validation shown next to each field.

mod department_list;
mod field_problems;
mod focus_after;
mod handoff_list;
mod investment_editor;
mod journey_at_a_glance;
mod journey_editor;
mod journey_settings;
mod number_input;
mod scenario_editor;
mod scenario_list;
mod select_input;
mod stage_editor;
mod uncertain_input;
mod unread_fields;

pub use department_list::{DepartmentList, DepartmentListProps};
pub use field_problems::field_problems;
pub use focus_after::use_focus_after;
pub use handoff_list::{HandoffList, HandoffListProps};
pub use investment_editor::{InvestmentEditor, InvestmentEditorProps, Targets};
pub use journey_at_a_glance::journey_at_a_glance;
pub use journey_editor::{JourneyEditor, JourneyEditorProps};
pub use journey_settings::{JourneySettings, JourneySettingsProps};
pub use number_input::{NumberInput, NumberInputProps, parse_number};
pub use scenario_editor::{ScenarioEditor, ScenarioEditorProps};
pub use scenario_list::{ScenarioList, ScenarioListProps};
pub use select_input::{Choice, SelectInput, SelectInputProps};
pub use stage_editor::{DepartmentOutline, StageEditor, StageEditorProps, StageOutline};
pub use uncertain_input::{UncertainInput, UncertainInputProps, ValueKind};
pub use unread_fields::{Unread, UnreadFields};

use journey_core::{Problem, Problems, Scenario};
use yew::{AttrValue, Callback, SubmitEvent};

/// The `onsubmit` of a form that only groups fields. Each card and row of
/// the editor keeps its fields in a form of their own: after every
/// keystroke Chrome's autofill reads every field of the typed-in field's
/// form, and fields outside any form count as one form, the whole editor
/// (about 10 ms a key in an example journey, 1 to 2 ms in a card's form).
/// Enter in such a form submits nothing.
pub fn fields_only() -> Callback<SubmitEvent> {
    Callback::from(|event: SubmitEvent| event.prevent_default())
}

/// A name as shown: the name, or the id when the name is empty.
pub fn display_name(name: &str, id: &str) -> String {
    if name.trim().is_empty() {
        id.to_string()
    } else {
        name.to_string()
    }
}

/// A note for the name of item `index` of `names` (shown names) when
/// another item reads the same, case and surrounding spaces aside: the
/// journey still runs, but its lists, charts and results cannot tell the
/// two apart. `what` is the kind of item ("stage", "department").
pub fn same_name_note(what: &str, names: &[String], index: usize) -> Option<String> {
    // ASCII case only: Unicode's case tables would add 10 KB to the page.
    let key = |name: &str| name.trim().to_ascii_lowercase();
    let mine = key(names.get(index)?);
    let twin = names
        .iter()
        .enumerate()
        .any(|(i, name)| i != index && key(name) == mine);
    twin.then(|| {
        format!(
            "Another {what} is also called “{}”: lists, charts and results cannot tell them \
             apart.",
            names[index].trim()
        )
    })
}

/// An `aria-describedby` of the ids given, `None` when there are none.
pub fn described_by(ids: &[Option<String>]) -> Option<String> {
    let ids: Vec<&str> = ids.iter().flatten().map(String::as_str).collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// The shown name of department `id`, or the id itself when no department
/// has it.
pub fn department_name(s: &Scenario, id: &str) -> String {
    s.departments
        .iter()
        .find(|d| d.id == id)
        .map_or_else(|| id.to_string(), |d| display_name(&d.name, &d.id))
}

/// The shown name of stage `id`, or the id itself when no stage has it.
pub fn stage_name(s: &Scenario, id: &str) -> String {
    s.stages
        .iter()
        .find(|st| st.id == id)
        .map_or_else(|| id.to_string(), |st| display_name(&st.name, &st.id))
}

/// The messages of the problems whose path is `path` or lies below it.
pub fn messages_under(problems: &Problems, path: &str) -> Vec<AttrValue> {
    problems.under(path).map(in_editor_words).collect()
}

/// The messages of the problems whose path is exactly one of `paths`.
pub fn messages_at(problems: &Problems, paths: &[&str]) -> Vec<AttrValue> {
    problems
        .iter()
        .filter(|p| paths.contains(&p.path.as_str()))
        .map(in_editor_words)
        .collect()
}

/// A problem as the editor shows it, beside its field: in the editor's
/// words, not the scenario file's ("every Buy stage", not "every `buy`
/// stage"; the field "Advances to" is beside it, not `next`).
fn in_editor_words(problem: &Problem) -> AttrValue {
    let message = problem
        .message
        .replace(" (`next`)", "")
        .replace("`buy`", "Buy")
        .replace("`own`", "Own")
        .replace('`', "");
    AttrValue::from(message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use journey_core::Journey;

    #[test]
    fn a_name_another_item_has_gets_a_note() {
        let names: Vec<String> = ["Sales", "Care", " sales ", "Ops"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            same_name_note("department", &names, 0).as_deref(),
            Some(
                "Another department is also called “Sales”: lists, charts and results cannot tell them apart."
            )
        );
        assert!(same_name_note("department", &names, 2).is_some());
        assert_eq!(same_name_note("department", &names, 1), None);
        assert_eq!(same_name_note("department", &names, 9), None);
    }

    #[test]
    fn problems_beside_fields_read_without_the_file_formats_backticks() {
        let mut json: serde_json::Value =
            serde_json::from_str(crate::presets::DEFAULT_SCENARIO).unwrap();
        let stages = json["stages"].as_array_mut().unwrap();
        let last = stages.len() - 1;
        stages[last]["advance"] = 0.1.into();
        let scenario = Scenario::from_json(&json.to_string()).unwrap();
        let problems = Journey::new(scenario).unwrap_err();
        let path = format!("stages[{last}]");
        assert!(
            problems
                .under(&path)
                .any(|p| p.message.contains("(`next`)"))
        );
        let shown = messages_under(&problems, &path);
        assert!(
            shown.iter().any(|m| m.as_str()
                == "the last stage can only advance if it names a stage to advance to; set \
                    advance to 0 or choose one"),
            "{shown:?}"
        );
        assert!(shown.iter().all(|m| !m.contains('`')), "{shown:?}");

        // The phases as the editor names them.
        let mut json: serde_json::Value =
            serde_json::from_str(crate::presets::DEFAULT_SCENARIO).unwrap();
        json["stages"][last]["phase"] = "buy".into();
        let scenario = Scenario::from_json(&json.to_string()).unwrap();
        let problems = Journey::new(scenario).unwrap_err();
        let shown = messages_under(&problems, "stages");
        assert!(
            shown
                .iter()
                .any(|m| m.as_str() == "every Buy stage must come before the first Own stage"),
            "{shown:?}"
        );
    }
}

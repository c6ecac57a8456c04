//! The journey editor: top-level settings, departments and the stages as a
//! BUY → OWN loop, with the engine's validation shown next to each field.

mod department_list;
mod field_problems;
mod journey_editor;
mod journey_settings;
mod number_input;
mod stage_editor;
mod uncertain_input;

pub use department_list::{DepartmentList, DepartmentListProps};
pub use field_problems::{FieldProblems, FieldProblemsProps};
pub use journey_editor::{JourneyEditor, JourneyEditorProps};
pub use journey_settings::{JourneySettings, JourneySettingsProps};
pub use number_input::{NumberInput, NumberInputProps, parse_number};
pub use stage_editor::{StageEditor, StageEditorProps};
pub use uncertain_input::{UncertainInput, UncertainInputProps};

use journey_core::Problems;
use yew::AttrValue;

/// The messages of the problems whose path is `path` or lies below it.
pub fn messages_under(problems: &Problems, path: &str) -> Vec<AttrValue> {
    problems
        .under(path)
        .map(|p| AttrValue::from(p.message.clone()))
        .collect()
}

/// The messages of the problems whose path is exactly one of `paths`.
pub fn messages_at(problems: &Problems, paths: &[&str]) -> Vec<AttrValue> {
    problems
        .iter()
        .filter(|p| paths.contains(&p.path.as_str()))
        .map(|p| AttrValue::from(p.message.clone()))
        .collect()
}

//! The page's building blocks. Each takes plain props and callbacks.
//!
//! A view with no state of its own that is cheap to redraw is a plain
//! function (`comparison_table`, `message`): a component costs about
//! 0.7 kB of the gzipped site, and earns it with state or by skipping the
//! redraws of cards whose props did not change.

pub mod charts;
mod comparison_table;
mod copy_link;
pub mod decision;
mod download;
pub mod editor;
mod executive_report;
mod focus;
mod journey_library;
mod lessons;
mod message;
mod month_step;
mod results;
mod run_controls;
mod run_progress;
mod scenario_file;
mod skip_links;
mod undo_redo;
mod variant_card;

pub use comparison_table::comparison_table;
pub use copy_link::{CopyLink, CopyLinkProps};
pub use decision::{DecisionTools, DecisionToolsProps};
pub use editor::{JourneyEditor, JourneyEditorProps};
pub use executive_report::{ExecutiveReport, ExecutiveReportProps};
pub use journey_library::{JourneyLibrary, JourneyLibraryProps, keep_before_link};
pub use lessons::{Lessons, LessonsProps};
pub use message::message;
pub use month_step::{MonthStep, MonthStepProps};
pub use results::{Results, ResultsProps};
pub use run_controls::{AUTO_RUN_MAX_TRIALS, RunControls, RunControlsProps};
pub use run_progress::RunProgress;
pub use scenario_file::{ScenarioFile, ScenarioFileProps};
pub use skip_links::skip_links;
pub use undo_redo::{UndoRedo, UndoRedoProps, use_undo_keys};
pub use variant_card::{VariantCard, VariantCardProps};

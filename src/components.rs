//! The page's building blocks. Each takes plain props and callbacks.

mod results;
mod run_controls;
mod run_progress;
mod variant_card;

pub use results::{Results, ResultsProps};
pub use run_controls::{RunControls, RunControlsProps};
pub use run_progress::{RunProgress, RunProgressProps};
pub use variant_card::{VariantCard, VariantCardProps};

//! Messages between the page and the trial workers. Built from engine types
//! and carried by gloo-worker's bincode codec, which keeps NaN (an undefined
//! per-trial value in [`Partial`]) intact.

use journey_core::Partial;
use serde::{Deserialize, Serialize};

/// Run trials `first..first + count` of one scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BatchRequest {
    /// Which run of the page this batch belongs to; replies to an older run
    /// are ignored.
    pub run: u64,
    /// The scenario JSON as the user wrote it; the worker validates it.
    pub scenario: String,
    pub seed: u64,
    pub first: u32,
    pub count: u32,
}

/// What a worker sends back for one [`BatchRequest`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BatchResponse {
    pub run: u64,
    pub first: u32,
    pub outcome: BatchOutcome,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum BatchOutcome {
    /// The aggregated results of the batch, to merge with the others.
    Partial(Partial),
    /// Why the batch could not run, in words for the user.
    Failed(String),
}

//! Messages between the page and its workers. Built from engine types and
//! carried by gloo-worker's bincode codec, which keeps NaN (an undefined
//! per-trial value in [`Partial`]) intact.
//!
//! Every worker runs the same code and plays one of two parts: trial workers
//! answer [`WorkerRequest::Trials`], and one collector keeps a run's merged
//! trials and summarises them on [`WorkerRequest::Report`], so that the page
//! never sorts per-trial values itself.

use journey_core::{Partial, Report};

use crate::simulation::Distributions;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum WorkerRequest {
    /// Run a batch of trials and send their results back.
    Trials(BatchRequest),
    /// Collector: forget any earlier run and collect this one.
    Collect {
        run: u64,
        /// The scenario JSON, for the report's names and stages.
        scenario: String,
        seed: u64,
    },
    /// Collector: add the results of a batch run elsewhere.
    Merge { run: u64, partial: Partial },
    /// Collector: summarise every batch merged so far.
    Report { run: u64 },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum WorkerResponse {
    Batch(BatchResponse),
    /// The report of every trial the collector had merged when asked, and
    /// the distributions of the same trials.
    Report {
        run: u64,
        report: Report,
        distributions: Distributions,
    },
    /// The collector could not go on with the run, in words for the user.
    Failed {
        run: u64,
        message: String,
    },
}

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

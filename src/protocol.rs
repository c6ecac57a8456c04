//! Messages between the page and its workers. Built from engine types and
//! carried by gloo-worker's bincode codec, which keeps NaN (an undefined
//! per-trial value in [`Partial`]) intact.
//!
//! Every worker runs the same code and plays one of two parts: trial workers
//! answer [`WorkerRequest::Trials`], and one collector keeps a run's merged
//! trials and summarises them on [`WorkerRequest::Report`], so that the page
//! never sorts per-trial values itself. A batch's trials cross the page
//! still encoded ([`EncodedPartial`]): the page only passes them on.

use std::fmt;

use journey_core::{
    Band, Outcomes, Partial, Report, Series, StageFlow, Summary, Uplift, VariantReport,
};
use miniz_oxide::deflate::compress_to_vec;
use miniz_oxide::inflate::decompress_to_vec_with_limit;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::decision_work::{DecisionRequest, DecisionResponse};
use crate::simulation::Distributions;

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
    Merge { run: u64, partial: EncodedPartial },
    /// Collector: summarise every batch merged so far.
    Report { run: u64 },
    /// Decision tools: a sensitivity analysis or a budget optimization.
    Decision(DecisionRequest),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum WorkerResponse {
    Batch(BatchResponse),
    /// The report of every trial the collector had merged when asked, and
    /// the distributions of the same trials.
    Report {
        run: u64,
        report: WireReport,
        distributions: Distributions,
    },
    /// The collector could not go on with the run, in words for the user.
    Failed {
        run: u64,
        message: String,
    },
    /// The answer to a [`WorkerRequest::Decision`].
    Decision(DecisionResponse),
    /// How far the worker is with decision question `id`: a share from 0
    /// to 1, sent now and then during a long analysis.
    DecisionProgress {
        id: u64,
        share: f64,
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
    /// Trials in the batch.
    pub count: u32,
    pub outcome: BatchOutcome,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum BatchOutcome {
    /// The aggregated results of the batch, to merge with the others.
    Partial(EncodedPartial),
    /// Why the batch could not run, in words for the user.
    Failed(String),
}

/// A [`Partial`] in the workers' own encoding: bincode, then DEFLATE at its
/// fastest level. Trial workers encode their batch, the collector decodes
/// and merges it; the page in between neither decodes nor reads per-trial
/// values, and its code has no need of how they are laid out. It still
/// copies each batch on its way (into and out of the page's memory and
/// both messages), megabytes for a journey with many options, so batches
/// cross it compressed: two to five times smaller, for a few milliseconds
/// of a worker's time.
#[derive(Clone, Debug, PartialEq)]
pub struct EncodedPartial(Vec<u8>);

/// DEFLATE's fastest level: most of a batch is per-trial numbers, which
/// higher levels barely shrink further at several times the cost.
const FASTEST: u8 = 1;

/// Far above any batch the app sends (500 trials of 21 variants over the
/// longest horizon), so that only a damaged batch reaches it.
const MAX_PARTIAL_BYTES: usize = 1 << 30;

impl EncodedPartial {
    pub fn encode(partial: &Partial) -> Result<EncodedPartial, String> {
        bincode::serialize(partial)
            .map(|bytes| EncodedPartial(compress_to_vec(&bytes, FASTEST)))
            .map_err(|e| format!("The results of a batch could not be sent: {e}"))
    }

    pub fn decode(&self) -> Result<Partial, String> {
        let unreadable =
            |e: &dyn fmt::Display| format!("The results of a batch could not be read: {e}");
        let bytes =
            decompress_to_vec_with_limit(&self.0, MAX_PARTIAL_BYTES).map_err(|e| unreadable(&e))?;
        bincode::deserialize(&bytes).map_err(|e| unreadable(&e))
    }
}

impl Serialize for EncodedPartial {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(&self.0)
    }
}

impl<'de> Deserialize<'de> for EncodedPartial {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_byte_buf(BytesVisitor)
            .map(EncodedPartial)
    }
}

struct BytesVisitor;

impl<'de> Visitor<'de> for BytesVisitor {
    type Value = Vec<u8>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("bytes")
    }

    fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<Vec<u8>, E> {
        Ok(bytes.to_vec())
    }

    fn visit_byte_buf<E: de::Error>(self, bytes: Vec<u8>) -> Result<Vec<u8>, E> {
        Ok(bytes)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<u8>, A::Error> {
        let mut bytes = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 20));
        while let Some(byte) = seq.next_element()? {
            bytes.push(byte);
        }
        Ok(bytes)
    }
}

/// A [`Report`] as bincode can carry it. The engine leaves the baseline's
/// `uplift` out of its JSON altogether, which a format without field names
/// cannot read back; here it is always present.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WireReport {
    engine: String,
    generator: String,
    trials: u32,
    seed: u64,
    currency: String,
    results: Vec<WireVariant>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct WireVariant {
    name: String,
    summary: Outcomes<Summary>,
    monthly: Series<Band>,
    uplift: Option<Uplift<Summary>>,
    stages: Vec<StageFlow>,
}

impl From<Report> for WireReport {
    fn from(report: Report) -> WireReport {
        WireReport {
            engine: report.engine,
            generator: report.generator,
            trials: report.trials,
            seed: report.seed,
            currency: report.currency,
            results: report
                .results
                .into_iter()
                .map(|v| WireVariant {
                    name: v.name,
                    summary: v.summary,
                    monthly: v.monthly,
                    uplift: v.uplift,
                    stages: v.stages,
                })
                .collect(),
        }
    }
}

impl From<WireReport> for Report {
    fn from(wire: WireReport) -> Report {
        Report {
            engine: wire.engine,
            generator: wire.generator,
            trials: wire.trials,
            seed: wire.seed,
            currency: wire.currency,
            results: wire
                .results
                .into_iter()
                .map(|v| VariantReport {
                    name: v.name,
                    summary: v.summary,
                    monthly: v.monthly,
                    uplift: v.uplift,
                    stages: v.stages,
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::DEFAULT_SCENARIO;
    use journey_core::{Journey, run_trials};

    #[test]
    fn a_report_crosses_unchanged() {
        let journey = Journey::from_json(DEFAULT_SCENARIO).expect("default scenario is valid");
        let report = run_trials(&journey, 3, 0..20).report(&journey, 3);
        assert!(report.results[0].uplift.is_none() && report.results[1].uplift.is_some());
        assert_eq!(Report::from(WireReport::from(report.clone())), report);
    }

    #[test]
    fn a_partial_crosses_unchanged_through_the_page() {
        let journey = Journey::from_json(DEFAULT_SCENARIO).expect("default scenario is valid");
        let partial = run_trials(&journey, 3, 0..20);
        let encoded = EncodedPartial::encode(&partial).expect("encodes");
        // As gloo-worker carries it, page side and back.
        let response = BatchResponse {
            run: 1,
            first: 0,
            count: 20,
            outcome: BatchOutcome::Partial(encoded),
        };
        let wire = bincode::serialize(&response).expect("serializes");
        let back: BatchResponse = bincode::deserialize(&wire).expect("deserializes");
        let BatchOutcome::Partial(encoded) = back.outcome else {
            panic!("not a partial");
        };
        let decoded = encoded.decode().expect("decodes");
        assert_eq!(decoded.trials(), 20);
        assert_eq!(decoded.report(&journey, 3), partial.report(&journey, 3));
        assert!(EncodedPartial(vec![1, 2, 3]).decode().is_err());
    }

    #[test]
    fn a_batch_crosses_the_page_compressed() {
        let journey = Journey::from_json(DEFAULT_SCENARIO).expect("default scenario is valid");
        let partial = run_trials(&journey, 3, 0..100);
        let plain = bincode::serialize(&partial).expect("serializes").len();
        let encoded = EncodedPartial::encode(&partial).expect("encodes");
        assert!(
            encoded.0.len() * 2 < plain,
            "{} bytes compressed, {plain} plain",
            encoded.0.len()
        );
        // Inflates, but to bytes that are no batch.
        let damaged = EncodedPartial(compress_to_vec(&[7; 64], FASTEST));
        let message = damaged.decode().expect_err("not a batch");
        assert!(
            message.starts_with("The results of a batch could not be read"),
            "{message}"
        );
    }
}

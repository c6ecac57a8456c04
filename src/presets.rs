//! The scenarios the app opens with.

/// The scenario loaded at start: the subscription retailer of `examples/`.
pub const DEFAULT_SCENARIO: &str = include_str!("../examples/subscription-retailer.json");

/// The seed of every run until the user chooses another.
pub const DEFAULT_SEED: u64 = 1;

/// Trials per run until the user chooses another number.
pub const DEFAULT_TRIALS: u32 = 10_000;

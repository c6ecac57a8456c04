//! Why a survival curve could not be read or fitted, in words a person can act on.

use std::fmt;

#[cfg(doc)]
use super::{MAX_HORIZON, MAX_VALUES};

/// Why a survival curve could not be read or fitted. Value positions
/// (`index`) count from 1, the first value being month 0.
#[derive(Clone, Debug, PartialEq)]
pub enum FitError {
    /// Fewer than 3 values: the start and at least two months are needed.
    TooFewValues { got: usize },
    /// More than [`MAX_VALUES`] values.
    TooManyValues { max: usize },
    /// A piece of the text is not a number.
    NotANumber { index: usize, token: String },
    /// A value that is negative, infinite or NaN.
    InvalidValue { index: usize, value: f64 },
    /// Percentages whose first value is not 100 (±0.5); `non_whole` names a
    /// value with a fraction, which rules out reading them as counts.
    FirstNotHundred {
        first: f64,
        non_whole: Option<(usize, f64)>,
    },
    /// A cohort count above 2^53.
    CountTooLarge { index: usize, value: f64 },
    /// A cohort of 0 people.
    EmptyCohort,
    /// A value above the one before it.
    Increasing {
        index: usize,
        value: f64,
        previous: f64,
    },
    /// A projection longer than [`MAX_HORIZON`] months.
    HorizonTooLong { horizon: u32, max: u32 },
}

impl fmt::Display for FitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FitError::TooFewValues { got } => write!(
                f,
                "need at least 3 values (got {got}): the starting cohort, then at least two months"
            ),
            FitError::TooManyValues { max } => {
                write!(f, "too many values: at most {max} are accepted")
            }
            FitError::NotANumber { index, token } => {
                write!(f, "value {index} (\"{token}\") is not a number")
            }
            FitError::InvalidValue { index, value } => write!(
                f,
                "value {index} ({}): values must be finite and >= 0",
                Num(*value)
            ),
            FitError::FirstNotHundred { first, non_whole } => {
                write!(
                    f,
                    "first value must be 100 for percentages (got {})",
                    Num(*first)
                )?;
                if let Some((index, value)) = non_whole {
                    write!(
                        f,
                        "; cohort counts must be whole numbers (value {index} is {})",
                        Num(*value)
                    )?;
                }
                Ok(())
            }
            FitError::CountTooLarge { index, value } => write!(
                f,
                "value {index} ({}) is too large for a cohort count (at most 2^53)",
                Num(*value)
            ),
            FitError::EmptyCohort => {
                write!(f, "first value (the cohort size) must be greater than 0")
            }
            FitError::Increasing {
                index,
                value,
                previous,
            } => write!(
                f,
                "value {index} ({} after {}): survival cannot increase",
                Num(*value),
                Num(*previous)
            ),
            FitError::HorizonTooLong { horizon, max } => write!(
                f,
                "projection of {horizon} months is too long (at most {max})"
            ),
        }
    }
}

impl std::error::Error for FitError {}

/// Shows a number as a person wrote it (`63.1`, `1000`), or in scientific
/// notation when it is very large or very small.
struct Num(f64);

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let x = self.0;
        if x == 0.0 || !x.is_finite() || (1e-6..1e15).contains(&x.abs()) {
            write!(f, "{x}")
        } else {
            write!(f, "{x:e}")
        }
    }
}

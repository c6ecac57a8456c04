//! Reading and checking an observed survival curve.

use serde::{Deserialize, Serialize};

use super::{FitError, MAX_TEXT_COUNT, MAX_VALUES, PERCENT_COHORT};

/// How far from 100 the first value of a percentage curve may be.
const PERCENT_FIRST_TOLERANCE: f64 = 0.5;

/// An observed survival curve: month 0 first, then one value per month.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum SurvivalData {
    /// Percent of the cohort still there; the first value is 100 (±0.5).
    Percent(Vec<f64>),
    /// People still there; the first value is the cohort size.
    Counts(Vec<u64>),
}

impl SurvivalData {
    /// Reads a survival curve such as `"100, 63.1, 46.8, 38.2"`.
    ///
    /// - Values are separated by commas, semicolons or whitespace (spaces,
    ///   tabs, newlines); a run of separators counts as one, so `"100, 63.1"`,
    ///   one value per line and a trailing comma all work.
    /// - Each value is a decimal number (`63.1`, `1e3`), optionally followed
    ///   by `%`. There must be 3 to [`MAX_VALUES`] of them, each finite,
    ///   >= 0 and not greater than the one before it.
    /// - If the first value is within 0.5 of 100, or any value carries `%`,
    ///   the values are percentages (and then the first must be within 0.5 of
    ///   100). Otherwise they are cohort counts: whole numbers up to 2^53,
    ///   the first (the cohort size) greater than 0.
    ///
    /// So a cohort of exactly 100 people reads as percentages; the fitted
    /// alpha and beta are the same, only the log-likelihood is that of 1000
    /// people. Build [`SurvivalData::Counts`] directly to avoid that.
    pub fn parse(text: &str) -> Result<SurvivalData, FitError> {
        let mut values = Vec::new();
        let mut any_percent_sign = false;
        let tokens = text
            .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
            .filter(|t| !t.is_empty());
        for (i, token) in tokens.enumerate() {
            let index = i + 1;
            if index > MAX_VALUES {
                return Err(FitError::TooManyValues { max: MAX_VALUES });
            }
            let number = match token.strip_suffix('%') {
                Some(stripped) => {
                    any_percent_sign = true;
                    stripped
                }
                None => token,
            };
            let value: f64 = number.parse().map_err(|_| FitError::NotANumber {
                index,
                token: token.chars().take(40).collect(),
            })?;
            if !value.is_finite() || value < 0.0 {
                return Err(FitError::InvalidValue { index, value });
            }
            values.push(value);
        }
        if values.len() < 3 {
            return Err(FitError::TooFewValues { got: values.len() });
        }
        let first = values[0];
        let looks_like_percent = (first - 100.0).abs() <= PERCENT_FIRST_TOLERANCE;
        let data = if looks_like_percent || any_percent_sign {
            if !looks_like_percent {
                return Err(FitError::FirstNotHundred {
                    first,
                    non_whole: None,
                });
            }
            SurvivalData::Percent(values)
        } else {
            if let Some((i, &v)) = values.iter().enumerate().find(|(_, v)| v.fract() != 0.0) {
                return Err(FitError::FirstNotHundred {
                    first,
                    non_whole: Some((i + 1, v)),
                });
            }
            if let Some((i, &v)) = values
                .iter()
                .enumerate()
                .find(|(_, v)| **v > MAX_TEXT_COUNT)
            {
                return Err(FitError::CountTooLarge {
                    index: i + 1,
                    value: v,
                });
            }
            // Whole, finite, in 0..=2^53: the conversion is exact.
            SurvivalData::Counts(values.iter().map(|&v| v as u64).collect())
        };
        data.cohort()?;
        Ok(data)
    }

    /// The number of values, month 0 included.
    pub fn len(&self) -> usize {
        match self {
            SurvivalData::Percent(v) => v.len(),
            SurvivalData::Counts(v) => v.len(),
        }
    }

    /// True when there are no values.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Checks the curve and returns the people at risk N_0..N_T as `f64`
    /// (for percentages, a cohort of [`PERCENT_COHORT`]) and the observed
    /// survival shares.
    pub(super) fn cohort(&self) -> Result<Cohort, FitError> {
        let len = self.len();
        if len < 3 {
            return Err(FitError::TooFewValues { got: len });
        }
        if len > MAX_VALUES {
            return Err(FitError::TooManyValues { max: MAX_VALUES });
        }
        match self {
            SurvivalData::Percent(values) => {
                for (i, &value) in values.iter().enumerate() {
                    if !value.is_finite() || value < 0.0 {
                        return Err(FitError::InvalidValue {
                            index: i + 1,
                            value,
                        });
                    }
                }
                let first = values[0];
                if (first - 100.0).abs() > PERCENT_FIRST_TOLERANCE {
                    return Err(FitError::FirstNotHundred {
                        first,
                        non_whole: None,
                    });
                }
                check_not_increasing(values, |v| v)?;
                let observed = values.iter().map(|v| v / first).collect();
                let people = values
                    .iter()
                    .map(|v| (v * PERCENT_COHORT / first).round())
                    .collect();
                Ok(Cohort { people, observed })
            }
            SurvivalData::Counts(counts) => {
                let people: Vec<f64> = counts.iter().map(|&c| c as f64).collect();
                if counts[0] == 0 {
                    return Err(FitError::EmptyCohort);
                }
                // Compared as whole numbers: above 2^53 two counts can
                // differ yet read the same as `f64`.
                check_not_increasing(counts, |c| c as f64)?;
                let observed = people.iter().map(|n| n / people[0]).collect();
                Ok(Cohort { people, observed })
            }
        }
    }
}

/// The first value above the one before it, as an error (`number` shows a
/// value in it).
fn check_not_increasing<T: PartialOrd + Copy>(
    values: &[T],
    number: impl Fn(T) -> f64,
) -> Result<(), FitError> {
    match values.windows(2).position(|w| w[1] > w[0]) {
        Some(i) => Err(FitError::Increasing {
            index: i + 2,
            value: number(values[i + 1]),
            previous: number(values[i]),
        }),
        None => Ok(()),
    }
}

/// A checked curve: people at risk N_0..N_T (N_0 > 0, not increasing) and the
/// observed shares N_t / N_0 (for percentages, the unrounded shares).
pub(super) struct Cohort {
    pub people: Vec<f64>,
    pub observed: Vec<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_percentages_with_any_separator() {
        let expected = SurvivalData::Percent(vec![100.0, 63.1, 46.8]);
        for text in [
            "100,63.1,46.8",
            "100, 63.1, 46.8",
            " 100\n63.1\n46.8\n",
            "100\t63.1  46.8",
            "100;63.1;46.8;",
            "100%, 63.1%, 46.8%",
            "100,\r\n63.1,\r\n46.8,",
        ] {
            assert_eq!(SurvivalData::parse(text), Ok(expected.clone()), "{text:?}");
        }
        // First value within 0.5 of 100.
        assert_eq!(
            SurvivalData::parse("99.5 60 40"),
            Ok(SurvivalData::Percent(vec![99.5, 60.0, 40.0]))
        );
        assert_eq!(
            SurvivalData::parse("100.5 60 40"),
            Ok(SurvivalData::Percent(vec![100.5, 60.0, 40.0]))
        );
        // Whole numbers starting at 100 are percentages too.
        assert_eq!(
            SurvivalData::parse("100 60 40"),
            Ok(SurvivalData::Percent(vec![100.0, 60.0, 40.0]))
        );
    }

    #[test]
    fn parses_counts() {
        assert_eq!(
            SurvivalData::parse("1000, 631, 468, 382"),
            Ok(SurvivalData::Counts(vec![1000, 631, 468, 382]))
        );
        assert_eq!(
            SurvivalData::parse("5e3\n2.5e3\n1000"),
            Ok(SurvivalData::Counts(vec![5000, 2500, 1000]))
        );
        assert_eq!(
            SurvivalData::parse("99 50 0"),
            Ok(SurvivalData::Counts(vec![99, 50, 0]))
        );
        assert_eq!(
            SurvivalData::parse("9007199254740992 1 0"),
            Ok(SurvivalData::Counts(vec![9_007_199_254_740_992, 1, 0]))
        );
    }

    #[test]
    fn huge_counts_are_compared_as_whole_numbers() {
        // 2^53 and 2^53 + 1 read the same as f64, yet survival rose.
        let big = 9_007_199_254_740_992_u64;
        assert_eq!(big as f64, (big + 1) as f64);
        let rising = SurvivalData::Counts(vec![big, big + 1, 0]);
        assert!(matches!(
            rising.cohort(),
            Err(FitError::Increasing { index: 2, .. })
        ));
        assert!(SurvivalData::Counts(vec![big + 1, big, 0]).cohort().is_ok());
    }

    fn parse_error(text: &str) -> String {
        SurvivalData::parse(text).unwrap_err().to_string()
    }

    #[test]
    fn parse_errors_name_the_problem() {
        assert_eq!(
            parse_error("100, 46.8, 63.1"),
            "value 3 (63.1 after 46.8): survival cannot increase"
        );
        assert_eq!(
            parse_error("1000 600 700"),
            "value 3 (700 after 600): survival cannot increase"
        );
        for text in ["", " , ", "100", "100, 63.1"] {
            assert!(
                parse_error(text).starts_with("need at least 3 values"),
                "{text:?}"
            );
        }
        assert_eq!(
            parse_error("100, 63.1"),
            "need at least 3 values (got 2): the starting cohort, then at least two months"
        );
        for (text, shown) in [
            ("100, -5, 3", "value 2 (-5)"),
            ("100, NaN, 3", "value 2 (NaN)"),
            ("100, 50, inf", "value 3 (inf)"),
            ("1e400, 50, 3", "value 1 (inf)"),
        ] {
            assert_eq!(
                parse_error(text),
                format!("{shown}: values must be finite and >= 0")
            );
        }
        assert_eq!(
            parse_error("95.2, 60.1, 40.7"),
            "first value must be 100 for percentages (got 95.2); \
             cohort counts must be whole numbers (value 1 is 95.2)"
        );
        assert_eq!(
            parse_error("1000, 630.5, 400"),
            "first value must be 100 for percentages (got 1000); \
             cohort counts must be whole numbers (value 2 is 630.5)"
        );
        assert_eq!(
            parse_error("90%, 60%, 40%"),
            "first value must be 100 for percentages (got 90)"
        );
        assert_eq!(
            parse_error("100, abc, 3"),
            "value 2 (\"abc\") is not a number"
        );
        // A decimal comma splits values; the result rarely makes sense.
        assert_eq!(
            parse_error("100 63,1 46,8"),
            "value 4 (46 after 1): survival cannot increase"
        );
        assert_eq!(
            parse_error("100, 50%%, 3"),
            "value 2 (\"50%%\") is not a number"
        );
        assert_eq!(
            parse_error("1e20, 5, 3"),
            "value 1 (1e20) is too large for a cohort count (at most 2^53)"
        );
        assert_eq!(
            parse_error("0, 0, 0"),
            "first value (the cohort size) must be greater than 0"
        );
        let many = vec!["1"; MAX_VALUES + 1].join(" ");
        assert_eq!(
            parse_error(&many),
            "too many values: at most 10000 are accepted"
        );
        let long_token = "x".repeat(100);
        assert_eq!(
            parse_error(&format!("100 {long_token} 3")),
            format!("value 2 (\"{}\") is not a number", "x".repeat(40))
        );
    }
}

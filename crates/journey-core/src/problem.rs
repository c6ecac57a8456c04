//! What is wrong with a scenario, field by field.

use std::fmt;

use serde::{Deserialize, Serialize};

/// One problem: the path of the offending field (`stages[3].advance`, empty
/// for the whole document) and what rule it breaks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl Problem {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Every problem found, in document order. Never empty.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    pub fn iter(&self) -> impl Iterator<Item = &Problem> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `lead` and the problems: on one line when there is one, counted and
    /// one per line when there are more.
    pub fn introduced_by(&self, lead: &str) -> String {
        match self.0.as_slice() {
            [one] => format!("{lead}: {one}"),
            many => format!("{lead} ({} problems):\n{self}", many.len()),
        }
    }

    /// The problems whose path is `path` or lies below it.
    pub fn under<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a Problem> + 'a {
        self.0.iter().filter(move |p| {
            p.path == path
                || p.path
                    .strip_prefix(path)
                    .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
        })
    }
}

impl From<Problem> for Problems {
    fn from(p: Problem) -> Problems {
        Problems(vec![p])
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn under_matches_whole_path_segments() {
        let ps = Problems(vec![
            Problem::new("stages[1].advance", "x"),
            Problem::new("stages[10].drop", "y"),
            Problem::new("stages[1]", "z"),
        ]);
        let found: Vec<_> = ps.under("stages[1]").map(|p| p.message.as_str()).collect();
        assert_eq!(found, ["x", "z"]);
        assert_eq!(
            ps.to_string(),
            "stages[1].advance: x\nstages[10].drop: y\nstages[1]: z"
        );
        assert_eq!(
            ps.introduced_by("Not a scenario"),
            "Not a scenario (3 problems):\nstages[1].advance: x\nstages[10].drop: y\nstages[1]: z"
        );
        let one = Problems::from(Problem::new("months", "missing"));
        assert_eq!(
            one.introduced_by("Not a scenario"),
            "Not a scenario: months: missing"
        );
    }
}

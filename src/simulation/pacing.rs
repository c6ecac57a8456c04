//! When to ask the collector for a fresh report while batches arrive: often
//! enough that the charts follow the run, seldom enough that summarising
//! (sorting every trial's values) and drawing the results again take only
//! a small share of the run.

/// The shortest time between two reports, in milliseconds.
pub const MIN_INTERVAL_MS: f64 = 400.0;

/// At most one report in every this many of its own round trips.
const COST_FACTOR: f64 = 4.0;

#[derive(Clone, Debug, PartialEq)]
pub struct Pacing {
    /// When the report under way was asked for.
    asked_at: Option<f64>,
    /// No new report before this time.
    next_at: f64,
}

impl Pacing {
    /// The first batch to come back asks for a report at once.
    pub fn new() -> Pacing {
        Pacing {
            asked_at: None,
            next_at: f64::NEG_INFINITY,
        }
    }

    /// New trials were merged at `now`: whether to ask for a report.
    pub fn due(&self, now: f64) -> bool {
        self.asked_at.is_none() && now >= self.next_at
    }

    pub fn asked(&mut self, now: f64) {
        self.asked_at = Some(now);
    }

    /// A report came back at `now`; the next waits for longer the longer
    /// this one took.
    pub fn answered(&mut self, now: f64) {
        if let Some(asked) = self.asked_at.take() {
            let round_trip = (now - asked).max(0.0);
            self.next_at = now + (COST_FACTOR * round_trip).max(MIN_INTERVAL_MS);
        }
    }
}

impl Default for Pacing {
    fn default() -> Pacing {
        Pacing::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_report_is_asked_for_at_once_and_only_one_at_a_time() {
        let mut pacing = Pacing::new();
        assert!(pacing.due(0.0));
        pacing.asked(0.0);
        assert!(!pacing.due(1_000.0));
    }

    #[test]
    fn cheap_reports_come_at_the_shortest_interval() {
        let mut pacing = Pacing::new();
        pacing.asked(0.0);
        pacing.answered(10.0);
        assert!(!pacing.due(10.0 + MIN_INTERVAL_MS - 1.0));
        assert!(pacing.due(10.0 + MIN_INTERVAL_MS));
    }

    #[test]
    fn slow_reports_come_less_often() {
        let mut pacing = Pacing::new();
        pacing.asked(0.0);
        pacing.answered(100.0);
        assert!(!pacing.due(100.0 + 399.0));
        assert!(pacing.due(100.0 + 400.0));
    }

    #[test]
    fn an_answer_never_asked_for_changes_nothing() {
        let mut pacing = Pacing::new();
        pacing.answered(50.0);
        assert_eq!(pacing, Pacing::new());
    }
}

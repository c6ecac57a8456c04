//! Which trials to hand out next: fixed-size batches in trial order, at most
//! one in flight per worker, none after a cancel.

use std::ops::Range;

/// Trials per batch: small enough for frequent progress and a prompt
/// cancel, large enough that messaging costs little.
pub const BATCH_TRIALS: u32 = 500;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Batches {
    next: u32,
    end: u32,
    size: u32,
    in_flight: u32,
    cancelled: bool,
}

impl Batches {
    /// Trials `0..total` in batches of `size` (at least 1).
    pub fn new(total: u32, size: u32) -> Batches {
        Batches {
            next: 0,
            end: total,
            size: size.max(1),
            in_flight: 0,
            cancelled: false,
        }
    }

    /// The next batch to hand out, if any.
    pub fn next_batch(&mut self) -> Option<Range<u32>> {
        if self.cancelled || self.next >= self.end {
            return None;
        }
        let first = self.next;
        self.next = first.saturating_add(self.size).min(self.end);
        self.in_flight += 1;
        Some(first..self.next)
    }

    /// A batch handed out earlier has come back.
    pub fn complete(&mut self) {
        self.in_flight = self.in_flight.saturating_sub(1);
    }

    /// Hand out nothing more.
    pub fn cancel(&mut self) {
        self.cancelled = true;
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled
    }

    /// Every batch handed out has come back and none is left to hand out.
    pub fn is_finished(&self) -> bool {
        self.in_flight == 0 && (self.cancelled || self.next >= self.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_cover_every_trial_once_in_order() {
        let mut batches = Batches::new(1_203, 500);
        let mut handed = Vec::new();
        while let Some(range) = batches.next_batch() {
            handed.push(range);
        }
        assert_eq!(handed, vec![0..500, 500..1_000, 1_000..1_203]);
        assert!(!batches.is_finished());
        for _ in &handed {
            batches.complete();
        }
        assert!(batches.is_finished());
    }

    #[test]
    fn cancel_stops_handing_out_but_waits_for_batches_in_flight() {
        let mut batches = Batches::new(10_000, 500);
        assert_eq!(batches.next_batch(), Some(0..500));
        assert_eq!(batches.next_batch(), Some(500..1_000));
        batches.cancel();
        assert_eq!(batches.next_batch(), None);
        assert!(!batches.is_finished());
        batches.complete();
        batches.complete();
        assert!(batches.is_finished());
    }

    #[test]
    fn zero_trials_finish_at_once() {
        let mut batches = Batches::new(0, 500);
        assert_eq!(batches.next_batch(), None);
        assert!(batches.is_finished());
    }

    #[test]
    fn a_zero_batch_size_still_makes_progress() {
        let mut batches = Batches::new(2, 0);
        assert_eq!(batches.next_batch(), Some(0..1));
        assert_eq!(batches.next_batch(), Some(1..2));
        assert_eq!(batches.next_batch(), None);
    }
}

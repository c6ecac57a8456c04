//! Trials across threads: fixed batches of trial indices handed out by an
//! atomic counter, each batch's [`Partial`] sent back and merged. The engine
//! makes trial i depend on (seed, i) alone and merging order-free, so the
//! result is bit-identical for any number of threads and any batch size.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use journey_core::{Journey, Partial, run_trials};

/// Most trials in one batch: small enough for steady progress, large
/// enough that handing out batches costs nothing.
pub const MAX_BATCH: u32 = 500;

/// Most worker threads: more than any machine has cores for this work, few
/// enough that a huge `--threads` cannot exhaust the system.
pub const MAX_THREADS: u32 = 256;

/// How often the caller hears about progress while batches run.
const TICK: Duration = Duration::from_millis(100);

/// Batches of at most [`MAX_BATCH`], and at least four per thread for a
/// short run, so every thread gets work.
pub fn batch_size(trials: u32, threads: u32) -> u32 {
    trials
        .div_ceil(threads.max(1).saturating_mul(4))
        .clamp(1, MAX_BATCH)
}

/// Runs trials `0..trials` on `threads` threads (at most [`MAX_THREADS`])
/// and merges the results. `on_progress(done)` is called after each batch
/// and at least every 100 ms.
pub fn run(
    journey: &Journey,
    seed: u64,
    trials: u32,
    threads: u32,
    mut on_progress: impl FnMut(u32),
) -> Partial {
    let threads = threads.min(MAX_THREADS);
    let batch = batch_size(trials, threads);
    let batches = trials.div_ceil(batch);
    let range = |b: u32| b * batch..((b + 1) * batch).min(trials);
    let next = AtomicU32::new(0);
    let workers = threads.clamp(1, batches.max(1));

    let mut total = Partial::default();
    thread::scope(|scope| {
        let (send, receive) = mpsc::channel::<Partial>();
        let mut spawned = 0;
        for i in 0..workers {
            let send = send.clone();
            let next = &next;
            let work = move || {
                loop {
                    let b = next.fetch_add(1, Ordering::Relaxed);
                    if b >= batches {
                        break;
                    }
                    if send.send(run_trials(journey, seed, range(b))).is_err() {
                        break;
                    }
                }
            };
            match thread::Builder::new()
                .name(format!("journey-worker-{i}"))
                .spawn_scoped(scope, work)
            {
                Ok(_) => spawned += 1,
                // Out of threads: carry on with those already running, or
                // with none, on this thread below.
                Err(_) => break,
            }
        }
        drop(send);
        if spawned == 0 {
            for b in 0..batches {
                total.merge(run_trials(journey, seed, range(b)));
                on_progress(total.trials());
            }
            return;
        }
        loop {
            match receive.recv_timeout(TICK) {
                Ok(partial) => {
                    total.merge(partial);
                    on_progress(total.trials());
                }
                Err(mpsc::RecvTimeoutError::Timeout) => on_progress(total.trials()),
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
    });
    total
}

/// The trial ranges of every batch (for tests of the split).
#[cfg(test)]
fn batches(trials: u32, threads: u32) -> Vec<std::ops::Range<u32>> {
    let batch = batch_size(trials, threads);
    (0..trials.div_ceil(batch))
        .map(|b| b * batch..((b + 1) * batch).min(trials))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_cover_every_trial_once() {
        for (trials, threads) in [(1, 1), (7, 3), (10_000, 2), (1_000_000, 64), (999, 1000)] {
            let b = batches(trials, threads);
            assert_eq!(b.first().map(|r| r.start), Some(0));
            assert_eq!(b.last().map(|r| r.end), Some(trials));
            assert!(b.windows(2).all(|w| w[0].end == w[1].start));
            assert!(
                b.iter()
                    .all(|r| !r.is_empty() && r.len() <= MAX_BATCH as usize)
            );
        }
    }
}

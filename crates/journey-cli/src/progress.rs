//! A one-line progress bar on stderr, shown only when stderr is a terminal
//! and the run has already taken a second, redrawn at most 10 times a
//! second, and erased when the run ends.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

const DELAY: Duration = Duration::from_secs(1);
const REDRAW: Duration = Duration::from_millis(100);
const WIDTH: u32 = 30;

pub struct Progress {
    total: u32,
    enabled: bool,
    start: Instant,
    last_draw: Option<Instant>,
    last_line: String,
}

impl Progress {
    pub fn new(total: u32) -> Progress {
        Progress {
            total,
            enabled: std::io::stderr().is_terminal(),
            start: Instant::now(),
            last_draw: None,
            last_line: String::new(),
        }
    }

    pub fn update(&mut self, done: u32) {
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        let elapsed = now.duration_since(self.start);
        if elapsed < DELAY
            || self
                .last_draw
                .is_some_and(|t| now.duration_since(t) < REDRAW)
        {
            return;
        }
        self.last_draw = Some(now);
        let text = line(done, self.total, elapsed);
        if text != self.last_line {
            self.draw(&text);
            self.last_line = text;
        }
    }

    /// Erases the bar, if it was drawn.
    pub fn finish(&mut self) {
        if self.last_draw.take().is_some() {
            self.draw("");
        }
    }

    fn draw(&mut self, text: &str) {
        let mut stderr = std::io::stderr().lock();
        // "\r\x1b[2K": back to the line start and clear it.
        let written = write!(stderr, "\r\x1b[2K{text}").and_then(|()| stderr.flush());
        if written.is_err() {
            // The terminal is gone: stop drawing.
            self.enabled = false;
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

/// `[#########.....................]  30%  3000/10000 trials  2s, about 5s left`
fn line(done: u32, total: u32, elapsed: Duration) -> String {
    let share = if total == 0 {
        1.0
    } else {
        f64::from(done.min(total)) / f64::from(total)
    };
    let filled = (share * f64::from(WIDTH)).floor() as usize;
    let bar = format!(
        "{}{}",
        "#".repeat(filled),
        ".".repeat(WIDTH as usize - filled)
    );
    let seconds = elapsed.as_secs_f64();
    let left = if done > 0 {
        format!(", about {:.0}s left", seconds * (1.0 - share) / share)
    } else {
        String::new()
    };
    format!(
        "[{bar}] {:>3.0}%  {done}/{total} trials  {seconds:.0}s{left}",
        share * 100.0
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_shows_share_counts_and_time_left() {
        let text = line(3000, 10_000, Duration::from_secs(3));
        assert_eq!(
            text,
            "[#########.....................]  30%  3000/10000 trials  3s, about 7s left"
        );
        let start = line(0, 10, Duration::from_secs(1));
        assert!(start.starts_with("[..............................]   0%  0/10 trials  1s"));
        assert!(line(10, 10, Duration::from_secs(2)).contains("100%"));
    }
}

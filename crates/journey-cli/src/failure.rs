//! What can go wrong in a command, and how it is reported: one message on
//! stderr, prefixed `journey: `, and an exit code.

use std::io::Write;

/// Exit code for invalid input or usage: a bad flag, an invalid scenario.
pub const USAGE: u8 = 2;
/// Exit code for a file that cannot be read or written.
pub const IO: u8 = 1;

#[derive(Debug)]
pub enum Failure {
    /// Invalid input or usage (exit 2). The message names the file or flag.
    Invalid(String),
    /// Reading or writing failed (exit 1).
    Io(String),
    /// stdout was closed by its reader (`journey run x | head`): stop quietly.
    ClosedPipe,
}

impl Failure {
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Invalid(_) => USAGE,
            Failure::Io(_) => IO,
            Failure::ClosedPipe => 0,
        }
    }

    /// The text to print on stderr, if any.
    pub fn message(&self) -> Option<String> {
        match self {
            Failure::Invalid(m) | Failure::Io(m) => Some(m.clone()),
            Failure::ClosedPipe => None,
        }
    }
}

/// Prints `journey: MESSAGE` on stderr.
pub fn say(message: &str) {
    say_raw(&format!("journey: {message}\n"));
}

/// Prints text on stderr as it is.
pub fn say_raw(text: &str) {
    // Nothing useful is left to do when stderr itself cannot be written.
    if std::io::stderr().lock().write_all(text.as_bytes()).is_err() {}
}

/// "1 problem", "3 problems".
pub fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("{n} {what}")
    } else {
        format!("{n} {what}s")
    }
}

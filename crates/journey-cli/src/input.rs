//! Reading a scenario file into a validated journey, with a message that
//! names the file for everything that can go wrong on the way.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use journey_core::{Journey, MAX_SCENARIO_BYTES, Problems};

use crate::failure::{Failure, count};

/// How the file is named in messages: as given, or `stdin` for `-`.
pub fn name(path: &Path) -> String {
    if is_stdin(path) {
        "stdin".to_string()
    } else {
        path.display().to_string()
    }
}

fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Reads and validates a scenario.
pub fn read_journey(path: &Path) -> Result<Journey, Failure> {
    let text = read_text(path)?;
    Journey::from_json(&text).map_err(|problems| invalid_scenario(path, &problems))
}

/// The failure for an invalid scenario: a first line naming the file, then
/// every problem as `path: message`, one per line (the message alone for
/// the document as a whole).
pub fn invalid_scenario(path: &Path, problems: &Problems) -> Failure {
    let mut text = format!(
        "{} is not a valid scenario ({}):",
        name(path),
        count(problems.len(), "problem")
    );
    for p in problems.iter() {
        text.push('\n');
        if !p.path.is_empty() {
            text.push_str(&p.path);
            text.push_str(": ");
        }
        text.push_str(&p.message);
    }
    Failure::Invalid(text)
}

/// Reads the file as UTF-8 text of at most [`MAX_SCENARIO_BYTES`], without
/// a leading byte-order mark.
pub fn read_text(path: &Path) -> Result<String, Failure> {
    let shown = name(path);
    let bytes = if is_stdin(path) {
        read_limited(io::stdin().lock()).map_err(|e| read_error(&shown, &e))?
    } else {
        let file = File::open(path).map_err(|e| read_error(&shown, &e))?;
        let metadata = file.metadata().map_err(|e| read_error(&shown, &e))?;
        if metadata.is_dir() {
            return Err(Failure::Io(format!(
                "{shown} is a directory, not a scenario file"
            )));
        }
        read_limited(file).map_err(|e| read_error(&shown, &e))?
    };
    if bytes.len() > MAX_SCENARIO_BYTES {
        return Err(Failure::Invalid(format!(
            "{shown} is over {} MB, the limit for a scenario file",
            MAX_SCENARIO_BYTES >> 20
        )));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = 1 + valid.iter().filter(|&&b| b == b'\n').count();
        Failure::Invalid(format!("{shown} is not UTF-8 text (line {line})"))
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// Reads at most one byte more than the limit, so a huge file (or an
/// endless stream) is refused without reading it all.
fn read_limited(source: impl Read) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    source
        .take(MAX_SCENARIO_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn read_error(shown: &str, e: &io::Error) -> Failure {
    Failure::Io(match e.kind() {
        io::ErrorKind::NotFound => format!("{shown} does not exist"),
        io::ErrorKind::PermissionDenied => format!("cannot read {shown}: permission denied"),
        io::ErrorKind::IsADirectory => format!("{shown} is a directory, not a scenario file"),
        _ => format!("cannot read {shown}: {e}"),
    })
}

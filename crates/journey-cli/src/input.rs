//! Reading a scenario, from a file or from the app's share link, into a
//! validated journey, with a message that names the file (or "the link")
//! for everything that can go wrong on the way.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use journey_core::share::{self, ShareError, SharedRun};
use journey_core::{Journey, MAX_SCENARIO_BYTES, Problems};

use crate::failure::{Failure, count};

/// How the input is named in messages: as given, `stdin` for `-`, or
/// `the link` for a share link (whose text is long and says nothing).
pub fn name(path: &Path) -> String {
    if is_stdin(path) {
        "stdin".to_string()
    } else if link_text(path).is_some() {
        "the link".to_string()
    } else {
        path.display().to_string()
    }
}

fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The argument as a share link, if it is one.
pub fn link_text(path: &Path) -> Option<&str> {
    path.to_str().and_then(link_in)
}

/// `text` as a share link, if it is one: a web address (`https://…#v1.…`,
/// `http:`, `file:`) or a bare fragment (`#v1.…`). No scenario's JSON
/// starts like one.
fn link_in(text: &str) -> Option<&str> {
    let text = text.trim();
    let start: String = text.chars().take(8).collect();
    let start = start.to_ascii_lowercase();
    let is_link = ["http://", "https://", "file:", "#"]
        .iter()
        .any(|scheme| start.starts_with(scheme));
    is_link.then_some(text)
}

/// What a FILE argument gives: a share link (the argument itself, or a
/// file or stdin holding one, as `pbpaste | journey run -` does), or the
/// text of a scenario file.
pub enum Held {
    Link(String),
    Text(String),
}

pub fn read_held(path: &Path) -> Result<Held, Failure> {
    if let Some(link) = link_text(path) {
        return Ok(Held::Link(link.to_string()));
    }
    let text = read_text(path)?;
    Ok(match link_in(&text) {
        Some(link) => Held::Link(link.to_string()),
        None => Held::Text(text),
    })
}

/// Reads and validates a scenario: a file, stdin, or the scenario of a
/// share link.
pub fn read_journey(path: &Path) -> Result<Journey, Failure> {
    Ok(read_run(path)?.0)
}

/// A validated scenario and, when it came from a share link, the run the
/// link asks for.
pub fn read_run(path: &Path) -> Result<(Journey, Option<Linked>), Failure> {
    match read_held(path)? {
        Held::Link(link) => {
            let linked = read_link(&link)?;
            let journey = Journey::new(linked.run.scenario.clone())
                .map_err(|problems| invalid_scenario(path, &problems))?;
            Ok((journey, Some(linked)))
        }
        Held::Text(text) => {
            let journey =
                Journey::from_json(&text).map_err(|problems| invalid_scenario(path, &problems))?;
            Ok((journey, None))
        }
    }
}

/// A share link's run, as far as it could be read: its scenario may break
/// the model's rules, and its trial count may be out of range.
pub struct Linked {
    /// Trials brought within the limits when the link's were not.
    pub run: SharedRun,
    /// Why the link's own trial count cannot be used, if it cannot.
    pub trials_problem: Option<String>,
}

/// Reads a share link: a whole address or its fragment, mended as the app
/// mends links passed on by chat and mail.
pub fn read_link(link: &str) -> Result<Linked, Failure> {
    // The scenario is in the fragment; an address without one has none.
    let fragment = link.split_once('#').map_or("", |(_, fragment)| fragment);
    let e = match share::decode(fragment) {
        Ok(run) => {
            return Ok(Linked {
                run,
                trials_problem: None,
            });
        }
        Err(e) => e,
    };
    let message = e.to_string();
    match e {
        ShareError::Trials { run, .. } => Ok(Linked {
            run: *run,
            trials_problem: Some(message),
        }),
        // Problems with the scenario are listed once it is validated.
        ShareError::InvalidScenario { run, .. } => Ok(Linked {
            run: *run,
            trials_problem: None,
        }),
        // The page's advice (reload it) does not fit a command.
        ShareError::UnknownVersion(v) if v > share::VERSION => Err(Failure::Invalid(format!(
            "cannot open the link: it was made by a newer version of the app (v{v} links); \
             this journey command reads v{} links, so update it",
            share::VERSION
        ))),
        _ => Err(Failure::Invalid(format!("cannot open the link: {message}"))),
    }
}

/// The failure for an invalid scenario: a first line naming the file, then
/// every problem, one per line.
pub fn invalid_scenario(path: &Path, problems: &Problems) -> Failure {
    Failure::Invalid(format!(
        "{} is not a valid scenario ({}):\n{}",
        name(path),
        count(problems.len(), "problem"),
        problem_lines(problems)
    ))
}

/// Every problem as `path: message`, one per line (the message alone for
/// the document as a whole).
pub fn problem_lines(problems: &Problems) -> String {
    let lines: Vec<String> = problems
        .iter()
        .map(|p| {
            if p.path.is_empty() {
                p.message.clone()
            } else {
                format!("{}: {}", p.path, p.message)
            }
        })
        .collect();
    lines.join("\n")
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

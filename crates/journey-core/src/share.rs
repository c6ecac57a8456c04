//! Share links: a scenario with its seed and trial count in a URL fragment,
//! so that opening the link anywhere restores the run exactly (MODEL.md §6).
//!
//! The fragment is `v1.` followed by the base64url text (no padding) of the
//! raw DEFLATE stream (best compression) of compact JSON
//! `{"scenario": …, "seed": …, "trials": …}`. The leading version lets a
//! later format coexist with links already sent.
//!
//! Strangers send links, so [`decode`] treats its input as hostile: it never
//! panics, refuses oversized input before decoding it (after mending what
//! chat apps do to links, in one pass), and stops inflating
//! as soon as the text would exceed [`MAX_SCENARIO_BYTES`], so a small link
//! cannot expand into a large allocation.
//!
//! ```
//! use journey_core::Scenario;
//! use journey_core::share::{self, SharedRun};
//! let scenario = Scenario::from_json(r#"{"schema": 1, "months": 12,
//!     "departments": [{"id": "sales"}],
//!     "stages": [{"id": "buy", "phase": "buy", "owner": "sales", "advance": 0.3},
//!                {"id": "use", "phase": "own", "owner": "sales", "drop": 0.05}]}"#).unwrap();
//! let run = SharedRun { scenario, seed: 42, trials: 1000 };
//! let fragment = share::encode(&run);
//! assert!(fragment.starts_with("v1."));
//! assert_eq!(share::decode(&format!("#{fragment}")).unwrap(), run);
//! ```

use std::borrow::Cow;
use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use miniz_oxide::deflate::{CompressionLevel, compress_to_vec};
use miniz_oxide::inflate::{TINFLStatus, decompress_to_vec_with_limit};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Journey;
use crate::problem::{Problem, Problems};
use crate::scenario::{MAX_SCENARIO_BYTES, Scenario};
use crate::shape::{self, Reader};
use crate::validate::MAX_TRIALS;

/// The format version this engine writes; the only one it reads.
pub const VERSION: u32 = 1;

/// The longest payload (the text after `v1.`) that can hold a scenario of
/// at most [`MAX_SCENARIO_BYTES`]: DEFLATE adds at most a few bytes per
/// 64 KB block to incompressible text, and base64 turns 3 bytes into 4
/// characters. Anything longer is refused before it is decoded.
const MAX_PAYLOAD_CHARS: usize = (MAX_SCENARIO_BYTES + MAX_SCENARIO_BYTES / 64).div_ceil(3) * 4;

/// Everything a share link restores.
#[derive(Clone, Debug, PartialEq)]
pub struct SharedRun {
    pub scenario: Scenario,
    pub seed: u64,
    pub trials: u32,
}

/// Why a link could not be opened, in words for the person who clicked it.
#[derive(Clone, Debug, PartialEq)]
pub enum ShareError {
    /// No fragment at all (`""` or `"#"`): nothing was shared.
    Empty,
    /// The fragment does not start with a version such as `v1.`.
    NotAShareLink,
    /// A version this engine does not read (usually a newer one).
    UnknownVersion(u32),
    /// Not valid base64, DEFLATE, UTF-8 or JSON: damaged or cut short.
    Damaged,
    /// The link, or the scenario inside it, is larger than the limit.
    TooLarge,
    /// The scenario has far more of something than a journey may have
    /// (see [`Scenario::far_beyond_limits`]): too much to open in an editor.
    FarBeyondLimits(Problem),
    /// Valid JSON that is not a scenario with a seed and trial count; the
    /// paths are relative to the scenario (`stages[0].advance`), or `seed`
    /// and `trials`.
    NotAScenario(Problems),
    /// A trial count outside `1..=MAX_TRIALS`: `asked`. The run is kept,
    /// its trials brought within the limits, so the editor can open it.
    Trials { asked: u64, run: Box<SharedRun> },
    /// A well-formed scenario that breaks the model's rules. The run is
    /// kept so the editor can open it and show the problems in place.
    InvalidScenario {
        run: Box<SharedRun>,
        problems: Problems,
    },
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::Empty => write!(f, "the link carries no scenario"),
            ShareError::NotAShareLink => write!(
                f,
                "this is not a scenario share link (it should end in #v{VERSION}. and a long code)"
            ),
            ShareError::UnknownVersion(v) if *v > VERSION => write!(
                f,
                "this link was made by a newer version (v{v}); reload the page to update it, \
                 then open the link again"
            ),
            ShareError::UnknownVersion(v) => write!(
                f,
                "this link uses a format (v{v}) that this version does not read"
            ),
            ShareError::Damaged => write!(
                f,
                "the link is damaged or cut short; copy the whole link again"
            ),
            ShareError::TooLarge => write!(
                f,
                "the link holds more than {} KB, the most a scenario may take",
                MAX_SCENARIO_BYTES / 1024
            ),
            ShareError::NotAScenario(problems) => {
                write!(
                    f,
                    "{}",
                    problems.introduced_by("the link does not hold a scenario")
                )
            }
            ShareError::FarBeyondLimits(problem) => {
                write!(f, "its journey has {}", problem.message)
            }
            ShareError::Trials { asked, .. } => write!(
                f,
                "the link asks for {asked} trials; a run has between 1 and {MAX_TRIALS}"
            ),
            ShareError::InvalidScenario { problems, .. } => {
                write!(f, "the shared scenario has problems:\n{problems}")
            }
        }
    }
}

impl std::error::Error for ShareError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ShareError::NotAScenario(problems) | ShareError::InvalidScenario { problems, .. } => {
                Some(problems)
            }
            _ => None,
        }
    }
}

/// The payload as written.
#[derive(Serialize)]
struct PayloadRef<'a> {
    scenario: &'a Scenario,
    seed: u64,
    trials: u32,
}

/// The payload as read: `trials` is wide so an out-of-range count gets its
/// own message rather than a type error.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Payload {
    scenario: Scenario,
    seed: u64,
    trials: u64,
}

/// The fragment (without `#`) for a run. Deterministic: the same run always
/// gives the same text.
pub fn encode(run: &SharedRun) -> String {
    let payload = PayloadRef {
        scenario: &run.scenario,
        seed: run.seed,
        trials: run.trials,
    };
    let json = serde_json::to_vec(&payload).expect("a scenario always serialises");
    let deflated = compress_to_vec(&json, CompressionLevel::BestCompression as u8);
    format!("v{VERSION}.{}", URL_SAFE_NO_PAD.encode(deflated))
}

/// Reads a fragment, with or without its leading `#`, mended as chat apps
/// and mail pass links on (surrounding whitespace, trailing punctuation,
/// percent-encoding, line breaks). The scenario is validated: a run that
/// decodes is ready for [`Journey::new`].
pub fn decode(fragment: &str) -> Result<SharedRun, ShareError> {
    let text = repaired(fragment);
    let text = text.strip_prefix('#').unwrap_or(&text);
    if text.is_empty() {
        return Err(ShareError::Empty);
    }
    let payload = split_version(text)?;
    if payload.is_empty() {
        return Err(ShareError::Damaged);
    }
    if payload.len() > MAX_PAYLOAD_CHARS {
        return Err(ShareError::TooLarge);
    }
    let deflated = URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|_| ShareError::Damaged)?;
    // One byte over the limit tells "exactly at the limit" from "over it".
    let json = match decompress_to_vec_with_limit(&deflated, MAX_SCENARIO_BYTES + 1) {
        Ok(json) if json.len() > MAX_SCENARIO_BYTES => return Err(ShareError::TooLarge),
        Ok(json) => json,
        Err(e) if e.status == TINFLStatus::HasMoreOutput => return Err(ShareError::TooLarge),
        Err(_) => return Err(ShareError::Damaged),
    };
    let json = std::str::from_utf8(&json).map_err(|_| ShareError::Damaged)?;
    let payload = parse_payload(json)?;
    if let Some(problem) = payload.scenario.far_beyond_limits() {
        return Err(ShareError::FarBeyondLimits(problem));
    }

    let trials =
        u32::try_from(payload.trials.clamp(1, u64::from(MAX_TRIALS))).expect("clamped to a u32");
    let run = SharedRun {
        scenario: payload.scenario,
        seed: payload.seed,
        trials,
    };
    if u64::from(trials) != payload.trials {
        return Err(ShareError::Trials {
            asked: payload.trials,
            run: Box::new(run),
        });
    }
    match Journey::new(run.scenario.clone()) {
        Ok(_) => Ok(run),
        Err(problems) => Err(ShareError::InvalidScenario {
            run: Box::new(run),
            problems,
        }),
    }
}

/// A link as chat apps and mail may pass it on, mended: characters
/// percent-encoded (`v1%2E…`, `…%E2%80%9D`), broken over lines, or
/// followed by the sentence's punctuation or closing quote (`…)`, `….`,
/// `…”`). A payload's alphabet has none of these, so mending never changes
/// a link that was whole. Linear in the text's length, so mending comes
/// before the size check.
fn repaired(text: &str) -> Cow<'_, str> {
    let after_link = |c: char| {
        (c.is_ascii_punctuation() && c != '-' && c != '_') || matches!(c, '”' | '’' | '»')
    };
    // Spaces, and the invisible characters mail inserts to wrap a line.
    let inserted = |c: char| c.is_whitespace() || matches!(c, '\u{200B}' | '\u{AD}');
    let text = text.trim().trim_end_matches(after_link);
    if !text.contains(|c: char| c == '%' || inserted(c)) {
        return Cow::Borrowed(text);
    }
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let [first, tail @ ..] = rest {
        match (first, tail) {
            (b'%', [high, low, after @ ..])
                if high.is_ascii_hexdigit() && low.is_ascii_hexdigit() =>
            {
                let hex = |digit: &u8| char::from(*digit).to_digit(16).unwrap_or(0) as u8;
                bytes.push(hex(high) * 16 + hex(low));
                rest = after;
            }
            _ => {
                bytes.push(*first);
                rest = tail;
            }
        }
    }
    let decoded = String::from_utf8(bytes);
    let mended: String = decoded
        .as_deref()
        .unwrap_or(text)
        .chars()
        .filter(|&c| !inserted(c))
        .collect();
    Cow::Owned(mended.trim_end_matches(after_link).to_string())
}

/// Checks the `v<digits>` prefix and returns the payload after the dot.
fn split_version(text: &str) -> Result<&str, ShareError> {
    let rest = text.strip_prefix('v').ok_or(ShareError::NotAShareLink)?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    // Nine digits always fit a u32; longer is not a version we wrote.
    if digits == 0 || digits > 9 {
        return Err(ShareError::NotAShareLink);
    }
    let (number, rest) = rest.split_at(digits);
    let payload = match rest.strip_prefix('.') {
        Some(payload) => payload,
        None if rest.is_empty() => "",
        None => return Err(ShareError::NotAShareLink),
    };
    let version: u32 = number.parse().map_err(|_| ShareError::NotAShareLink)?;
    if version != VERSION {
        return Err(ShareError::UnknownVersion(version));
    }
    Ok(payload)
}

/// Broken JSON is damage; well-formed JSON of the wrong shape is reported
/// field by field, every problem at once, with scenario paths as the
/// editor knows them.
fn parse_payload(json: &str) -> Result<Payload, ShareError> {
    let value: Value = serde_json::from_str(json).map_err(|_| ShareError::Damaged)?;
    if !value.is_object() {
        return Err(ShareError::NotAScenario(
            Problem::new(
                "",
                "expected an object with `scenario`, `seed` and `trials`",
            )
            .into(),
        ));
    }
    let problems = payload_problems(&value);
    if !problems.is_empty() {
        return Err(ShareError::NotAScenario(Problems(problems)));
    }
    // What the reader cannot see, such as a repeated key, serde refuses.
    serde_json::from_str(json)
        .map_err(|e| ShareError::NotAScenario(Problem::new("", without_position(&e)).into()))
}

/// The problems of shape of a payload; the scenario's paths are those of
/// its fields, as the editor knows them.
fn payload_problems(value: &Value) -> Vec<Problem> {
    let mut reader = Reader::default();
    if let Some(payload) = reader.object(value, "", &["scenario", "seed", "trials"]) {
        match payload.get("scenario") {
            Some(scenario) => reader.scenario(scenario, ""),
            None => reader.missing(&payload, "scenario"),
        }
        reader.required(&payload, "seed", shape::whole_number);
        reader.required(&payload, "trials", shape::whole_number);
    }
    reader.problems
}

/// serde_json's message without "at line 1 column 873", which means
/// nothing to someone holding a link.
fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.find(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run() -> SharedRun {
        let scenario = Scenario::from_json(
            r#"{"schema": 1, "months": 12, "departments": [{"id": "m"}],
                "stages": [{"id": "a", "phase": "buy", "owner": "m", "advance": 0.5},
                           {"id": "b", "phase": "own", "owner": "m", "drop": 0.1}]}"#,
        )
        .unwrap();
        SharedRun {
            scenario,
            seed: 7,
            trials: 500,
        }
    }

    /// A v1 fragment holding `json` as it is, valid or not.
    fn link_of(json: &str) -> String {
        let deflated = compress_to_vec(json.as_bytes(), 9);
        format!("v1.{}", URL_SAFE_NO_PAD.encode(deflated))
    }

    #[test]
    fn a_journey_far_beyond_the_limits_is_refused_with_its_count() {
        let mut r = run();
        let extra = r.scenario.stages[1].clone();
        r.scenario.stages.resize(10_000, extra);
        let err = decode(&encode(&r)).unwrap_err();
        assert!(matches!(err, ShareError::FarBeyondLimits(_)), "{err:?}");
        assert_eq!(
            err.to_string(),
            "its journey has 10000 stages, far more than the 40 a journey may have"
        );
    }

    #[test]
    fn round_trips_with_and_without_hash() {
        let r = run();
        let link = encode(&r);
        assert!(link.starts_with("v1."), "{link}");
        assert!(
            link[3..]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "{link}"
        );
        assert_eq!(decode(&link).unwrap(), r);
        assert_eq!(decode(&format!("#{link}")).unwrap(), r);
        assert_eq!(decode(&format!("  #{link}\n")).unwrap(), r);
    }

    #[test]
    fn a_link_passed_on_by_chat_or_mail_is_mended() {
        let r = run();
        let link = encode(&r);
        let (head, tail) = link.split_at(link.len() / 2);
        for passed_on in [
            format!("{link})"),
            format!("{link}."),
            format!("{link}>,"),
            format!("#{link}\u{201d}"),
            link.replacen('.', "%2E", 1),
            link.replacen('.', "%2e", 1),
            format!("{head}\n{tail}"),
            format!("{head}%0A%20{tail}"),
            format!("{head} {tail}"),
            format!("{link}%E2%80%9D"),
            format!("{head}%C2%A0{tail}\u{200B}"),
            format!("{head}\u{AD}{tail}"),
        ] {
            assert_eq!(decode(&passed_on), Ok(r.clone()), "{passed_on}");
        }
        // Cut short or with a character changed, it stays damaged.
        assert_eq!(decode(&format!("{head})")), Err(ShareError::Damaged));
        assert_eq!(
            decode(&format!("{head}%41{tail}")),
            Err(ShareError::Damaged)
        );
        assert_eq!(decode("v1.)"), Err(ShareError::Damaged));
        assert_eq!(decode("v1%2"), Err(ShareError::NotAShareLink));
        assert_eq!(decode("x%FF%FEy"), Err(ShareError::NotAShareLink));
        // Only two hex digits make an escape: "%+9" is not a tab.
        assert_eq!(
            decode(&format!("{head}%+9{tail}")),
            Err(ShareError::Damaged)
        );
        assert_eq!(decode("#🙂"), Err(ShareError::NotAShareLink));
        for nothing in ["%", "%20", " ) ", "#", "”", "%E2%80%9D"] {
            assert_eq!(decode(nothing), Err(ShareError::Empty), "{nothing}");
        }
    }

    #[test]
    fn the_payload_is_compact_json_in_field_order() {
        let link = encode(&run());
        let deflated = URL_SAFE_NO_PAD.decode(&link[3..]).unwrap();
        let json =
            String::from_utf8(miniz_oxide::inflate::decompress_to_vec(&deflated).unwrap()).unwrap();
        assert!(json.starts_with(r#"{"scenario":{"schema":1,"#), "{json}");
        assert!(json.ends_with(r#""seed":7,"trials":500}"#), "{json}");
        assert!(!json.contains(": ") && !json.contains('\n'), "{json}");
    }

    #[test]
    fn versions_are_read_from_the_prefix() {
        assert_eq!(split_version("v1.abc"), Ok("abc"));
        assert_eq!(split_version("v1"), Ok(""));
        assert_eq!(split_version("v9.abc"), Err(ShareError::UnknownVersion(9)));
        assert_eq!(split_version("v0.abc"), Err(ShareError::UnknownVersion(0)));
        assert_eq!(
            split_version("v999999999.x"),
            Err(ShareError::UnknownVersion(999_999_999))
        );
        for bad in [
            "v",
            "v.abc",
            "V1.abc",
            "1.abc",
            "v1x",
            "v1,abc",
            "v1234567890.x",
            "vé.x",
        ] {
            assert_eq!(split_version(bad), Err(ShareError::NotAShareLink), "{bad}");
        }
    }

    #[test]
    fn messages_name_what_is_wrong() {
        let newer = ShareError::UnknownVersion(9).to_string();
        assert!(newer.contains("newer version (v9)"), "{newer}");
        let older = ShareError::UnknownVersion(0).to_string();
        assert!(
            older.contains("(v0)") && !older.contains("newer"),
            "{older}"
        );
        assert!(
            ShareError::Damaged
                .to_string()
                .contains("damaged or cut short")
        );
        assert!(ShareError::TooLarge.to_string().contains("1024 KB"));
        let trials = ShareError::Trials {
            asked: 0,
            run: Box::new(run()),
        }
        .to_string();
        assert!(
            trials.contains("0 trials") && trials.contains("1000000"),
            "{trials}"
        );
    }

    #[test]
    fn shape_errors_carry_scenario_paths() {
        let mut json: serde_json::Value = serde_json::from_str(
            &serde_json::to_string(&PayloadRef {
                scenario: &run().scenario,
                seed: 1,
                trials: 10,
            })
            .unwrap(),
        )
        .unwrap();
        json["scenario"]["stages"][0]["advance"] = "half".into();
        let Err(ShareError::NotAScenario(problems)) = decode(&link_of(&json.to_string())) else {
            panic!("expected NotAScenario");
        };
        assert_eq!(problems.0[0].path, "stages[0].advance");
        assert!(!problems.0[0].message.contains("line"), "{problems}");

        let Err(ShareError::NotAScenario(problems)) = decode(&link_of(
            r#"{"scenario": {"schema": 1}, "seed": 1, "trials": 1}"#,
        )) else {
            panic!("expected NotAScenario");
        };
        // Every missing field at once, each by its path.
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["months", "departments", "stages"], "{problems}");
        assert!(problems.iter().all(|p| p.message.contains("required")));
    }

    #[test]
    fn broken_json_is_damage() {
        let link = link_of(r#"{"scenario": {"schema": 1"#);
        assert_eq!(decode(&link), Err(ShareError::Damaged));
        let json = serde_json::to_string(&PayloadRef {
            scenario: &run().scenario,
            seed: 1,
            trials: 10,
        })
        .unwrap();
        assert_eq!(
            decode(&link_of(&format!("{json} x"))),
            Err(ShareError::Damaged)
        );
        assert!(decode(&link_of(&format!("{json} \n"))).is_ok());
    }

    #[test]
    fn the_payload_limit_admits_the_largest_scenario() {
        // Incompressible text of the maximum size still fits the cap.
        let mut x: u64 = 1;
        let noise: Vec<u8> = (0..MAX_SCENARIO_BYTES)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 56) as u8
            })
            .collect();
        let deflated = compress_to_vec(&noise, 9);
        assert!(URL_SAFE_NO_PAD.encode(&deflated).len() <= MAX_PAYLOAD_CHARS);
    }
}

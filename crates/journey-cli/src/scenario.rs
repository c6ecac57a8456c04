//! `journey scenario`: the scenario a share link holds, written as the
//! app's "Export scenario" writes it, so a link received can be kept,
//! edited and run as a file.

use journey_core::Journey;

use crate::cli::ScenarioArgs;
use crate::failure::{self, Failure, count};
use crate::input::{self, Held};
use crate::output::Output;

pub fn scenario(args: &ScenarioArgs) -> Result<(), Failure> {
    let path = args.link.as_path();
    let Held::Link(link) = input::read_held(path)? else {
        return Err(Failure::Invalid(format!(
            "{} holds no share link: `journey scenario` reads the app's links \
             ('https://…#v1.…'); a scenario file needs no conversion",
            input::name(path)
        )));
    };
    let linked = input::read_link(&link)?;
    let output = Output::open(args.out.as_deref(), path)?;
    let mut text = linked.run.scenario.to_json_pretty();
    text.push('\n');
    output.finish(&text)?;
    // The scenario is kept as the link holds it, so it can be mended.
    if let Err(problems) = Journey::new(linked.run.scenario) {
        failure::say(&format!(
            "the scenario is written, but it has {} to fix before it runs:\n{}",
            count(problems.len(), "problem"),
            input::problem_lines(&problems)
        ));
    }
    Ok(())
}

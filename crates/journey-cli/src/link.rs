//! `journey link`: the app's share link to a scenario, so a link can be
//! made from a file (or another link, with a new seed, trial count or
//! address) without opening the app.

use journey_core::share::{self, SharedRun};

use crate::cli::LinkArgs;
use crate::failure::Failure;
use crate::output::Output;
use crate::{input, run};

pub fn link(args: &LinkArgs) -> Result<(), Failure> {
    let asked = run::asked(&args.settings)?;
    let site = args.site.as_deref().map(site).transpose()?;
    let (journey, linked) = input::read_run(&args.file)?;
    let (seed, trials) = run::seed_and_trials(asked, linked.as_ref())?;
    let fragment = share::encode(&SharedRun {
        scenario: journey.scenario().clone(),
        seed,
        trials,
    });
    Output::Stdout.finish(&format!("{}#{fragment}\n", site.unwrap_or_default()))
}

/// The app's address as given, without a fragment of its own (the link's
/// takes its place): a web or file address, or nothing a browser opens.
fn site(text: &str) -> Result<&str, Failure> {
    let address = text.trim();
    let address = address.split_once('#').map_or(address, |(page, _)| page);
    let lower = address.to_ascii_lowercase();
    let has_scheme = ["http://", "https://", "file://"]
        .iter()
        .any(|scheme| lower.len() > scheme.len() && lower.starts_with(scheme));
    if !has_scheme || address.contains(char::is_whitespace) {
        return Err(Failure::Invalid(format!(
            "--site {text} is not the address of a page: it starts with https:// \
             (or http://, file://) and has no spaces"
        )));
    }
    Ok(address)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_is_the_address_without_its_fragment() {
        assert_eq!(
            site("https://cx.example.org/").unwrap(),
            "https://cx.example.org/"
        );
        assert_eq!(
            site(" HTTPS://cx.example.org/app/#v1.old ").unwrap(),
            "HTTPS://cx.example.org/app/"
        );
        assert_eq!(
            site("file:///srv/cx/index.html").unwrap(),
            "file:///srv/cx/index.html"
        );
    }

    #[test]
    fn site_must_be_a_page_address() {
        for bad in [
            "cx.example.org",
            "https://",
            "ftp://cx.example.org/",
            "https://cx .org/",
            "",
        ] {
            let Err(Failure::Invalid(message)) = site(bad) else {
                panic!("{bad:?} was taken for an address");
            };
            assert!(message.starts_with(&format!("--site {bad} ")), "{message}");
        }
    }
}

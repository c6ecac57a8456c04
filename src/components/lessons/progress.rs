//! A lesson under way survives a reload: the lesson, the step shown and
//! the figures of the steps run so far are kept in localStorage under
//! [`PROGRESS_KEY`], as JSON. Reading is pure and checks everything, so a
//! damaged value gets a message and a fresh start, never a panic.

use serde::{Deserialize, Serialize};
use yew::AttrValue;

use super::session::{Session, StepRun};
use crate::lessons::{Figures, LESSONS};
use crate::storage::browser;

/// Where the lesson under way is kept; absent when there is none.
pub const PROGRESS_KEY: &str = "cx-journey/v1/lesson";

/// What is kept: the lesson by its key, so a reordered list still finds it.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Stored {
    lesson: String,
    step: usize,
    figures: Vec<Option<Figures>>,
}

/// The text kept for `session`.
pub fn to_text(session: &Session) -> String {
    let stored = Stored {
        lesson: session.lesson().key.to_string(),
        step: session.step,
        figures: session.figures.clone(),
    };
    // Only strings, numbers and lists: serialising cannot fail.
    serde_json::to_string(&stored).unwrap_or_default()
}

/// The session kept as `text`, shown at its step with nothing running; or
/// what is wrong with it, in words for the panel.
pub fn from_text(text: &str) -> Result<Session, String> {
    let stored: Stored = serde_json::from_str(text).map_err(|_| "it is damaged".to_string())?;
    let lesson = LESSONS
        .iter()
        .position(|l| l.key == stored.lesson)
        .ok_or_else(|| format!("there is no lesson “{}” any more", stored.lesson))?;
    let steps = LESSONS[lesson].steps.len();
    if stored.figures.len() != steps {
        return Err(format!(
            "it has figures for {} steps, but the lesson has {steps}",
            stored.figures.len()
        ));
    }
    if stored.step >= steps {
        return Err(format!(
            "it is at step {}, but the lesson has {steps}",
            stored.step + 1
        ));
    }
    for (i, figures) in stored.figures.iter().enumerate() {
        if let Some(figures) = figures
            && !fits_step(lesson, i, figures)
        {
            return Err(format!(
                "the figures of step {} are not those of its journey",
                i + 1
            ));
        }
    }
    Ok(Session {
        lesson,
        step: stored.step,
        figures: stored.figures,
        run: StepRun::Idle,
        note: None,
    })
}

/// Whether `figures` name the variants of step `step`'s journey, baseline
/// first, as a run of that step gives them; the explanations rely on it.
fn fits_step(lesson: usize, step: usize, figures: &Figures) -> bool {
    let Some(run) = LESSONS[lesson].run(step) else {
        return false;
    };
    let options = run.scenario.scenarios.iter().map(|s| s.name.as_str());
    figures.variants.len() == 1 + run.scenario.scenarios.len()
        && figures.variants[1..]
            .iter()
            .map(|v| v.name.as_str())
            .eq(options)
}

/// The lesson kept before the page was reloaded, if any, or why it could
/// not be restored.
pub fn restore() -> Result<Option<Session>, AttrValue> {
    let text = match browser::get(PROGRESS_KEY) {
        Ok(text) => text,
        Err(error) => {
            web_sys::console::warn_2(&"could not read the lesson under way:".into(), &error);
            None
        }
    };
    text.map(|text| from_text(&text))
        .transpose()
        .map_err(|why| {
            format!("The lesson you were in could not be restored: {why}. Start it again to go on.")
                .into()
        })
}

/// Keeps `session` as the lesson under way, or forgets the lesson when
/// there is none.
pub fn keep(session: Option<&Session>) {
    let kept = match session {
        Some(session) => browser::set(PROGRESS_KEY, &to_text(session)),
        None => browser::remove(PROGRESS_KEY),
    };
    if let Err(error) = kept {
        web_sys::console::warn_2(&"could not keep the lesson under way:".into(), &error);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use journey_core::{Journey, run_trials};

    /// The first lesson step with investment options, shown, with its
    /// figures from a few trials of its run.
    fn session() -> Session {
        let (lesson, step) = (0..LESSONS.len())
            .flat_map(|l| (0..LESSONS[l].steps.len()).map(move |s| (l, s)))
            .find(|&(l, s)| !LESSONS[l].run(s).unwrap().scenario.scenarios.is_empty())
            .unwrap();
        let run = LESSONS[lesson].run(step).unwrap();
        let journey = Journey::new(run.scenario).unwrap();
        let report = run_trials(&journey, run.seed, 0..3).report(&journey, run.seed);
        let mut figures = vec![None; LESSONS[lesson].steps.len()];
        figures[step] = Some(Figures::from_report(&report));
        Session {
            lesson,
            step,
            figures,
            run: StepRun::Done,
            note: Some("saved".into()),
        }
    }

    #[test]
    fn a_session_comes_back_at_its_step_with_its_figures() {
        let kept = session();
        let back = from_text(&to_text(&kept)).unwrap();
        assert_eq!((back.lesson, back.step), (kept.lesson, kept.step));
        assert_eq!(back.figures, kept.figures);
        // Nothing runs after a reload, and the old note is gone.
        assert_eq!(back.run, StepRun::Idle);
        assert_eq!(back.note, None);
        let key = LESSONS[kept.lesson].key;
        assert!(to_text(&kept).contains(&format!("\"lesson\":\"{key}\"")));
    }

    /// Every step of every lesson: its figures (from a few trials) come back
    /// exactly, with no value lost on the way (a NaN would be), and explain
    /// the step as before.
    #[test]
    fn every_lessons_figures_come_back_and_explain_the_same() {
        for (lesson, l) in LESSONS.iter().enumerate() {
            let figures: Vec<Option<Figures>> = (0..l.steps.len())
                .map(|step| {
                    let run = l.run(step).unwrap();
                    let journey = Journey::new(run.scenario).unwrap();
                    let report = run_trials(&journey, run.seed, 0..20).report(&journey, run.seed);
                    Some(Figures::from_report(&report))
                })
                .collect();
            for step in 0..l.steps.len() {
                let kept = Session {
                    lesson,
                    step,
                    figures: figures.clone(),
                    run: StepRun::Done,
                    note: None,
                };
                let back = from_text(&to_text(&kept)).unwrap();
                assert_eq!(back.figures, kept.figures, "{} step {}", l.key, step + 1);
                assert_eq!(back.explanation(), kept.explanation());
            }
        }
    }

    fn problem(edit: impl Fn(&mut serde_json::Value)) -> String {
        let mut value: serde_json::Value = serde_json::from_str(&to_text(&session())).unwrap();
        edit(&mut value);
        from_text(&value.to_string()).unwrap_err()
    }

    #[test]
    fn a_damaged_value_says_what_is_wrong() {
        assert_eq!(from_text("{").unwrap_err(), "it is damaged");
        assert_eq!(from_text("null").unwrap_err(), "it is damaged");
        let kept = session();
        let steps = LESSONS[kept.lesson].steps.len();
        let n = kept.step;
        assert_eq!(
            problem(|v| v["lesson"] = "juggling".into()),
            "there is no lesson “juggling” any more"
        );
        assert_eq!(
            problem(|v| v["step"] = steps.into()),
            format!("it is at step {}, but the lesson has {steps}", steps + 1)
        );
        assert_eq!(
            problem(|v| v["figures"]
                .as_array_mut()
                .unwrap()
                .push(serde_json::Value::Null)),
            format!(
                "it has figures for {} steps, but the lesson has {steps}",
                steps + 1
            )
        );
        // Figures the explanations could not read: no baseline, another
        // step's options.
        assert_eq!(
            problem(|v| v["figures"][n]["variants"] = serde_json::json!([])),
            format!("the figures of step {} are not those of its journey", n + 1)
        );
        assert_eq!(
            problem(|v| v["figures"][n]["variants"][1]["name"] = "Something else".into()),
            format!("the figures of step {} are not those of its journey", n + 1)
        );
        assert_eq!(
            problem(|v| v["figures"][n]["variants"][0]["npv"] = "a lot".into()),
            "it is damaged"
        );
        assert_eq!(problem(|v| v["extra"] = 1.into()), "it is damaged");
    }
}

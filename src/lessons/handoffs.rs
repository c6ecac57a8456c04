//! "Friction at hand-offs", on the retail bank: what the seams between
//! departments cost, why the seams after opening matter most, and what
//! fixing one costs.

use journey_core::{Scenario, Uncertain};

use super::{Earlier, Figures, Lesson, Step, count, count_change, more, options_in_words, percent};
use super::{nearly_equal, relative, roi_words, run_first, step, whole_percent, without_options};
use crate::presets::DEFAULT_SEED;

pub const LESSON: Lesson = Lesson {
    key: "handoffs",
    title: "Friction at hand-offs",
    summary: "What the seams between departments cost a retail bank, and which seams to fix \
              first.",
    preset: "retail-bank",
    steps: &[
        Step {
            title: "Seven departments, six hand-offs",
            text: "The retail bank of the examples, without its investment options. A new \
                   customer passes through seven departments, and at each of the six \
                   hand-offs between them some people are lost: an application started online \
                   dies when the branch asks for documents, a new account is never activated, \
                   a call-back never comes.",
            trials: 2_000,
            seed: DEFAULT_SEED,
            build: without_options,
            explain: as_is,
        },
        Step {
            title: "Hand-offs that always work",
            text: "Every hand-off now works perfectly: its friction is set to zero. Friction \
                   inside each department stays as it was, so this step measures the seams \
                   alone.",
            trials: 2_000,
            seed: DEFAULT_SEED,
            build: no_handoff_friction,
            explain: after_no_friction,
        },
        Step {
            title: "Only the two seams after opening",
            text: "Back to the bank as it was, except for the two hand-offs after the account \
                   is opened: Operations to Digital channels (first login, moving the salary) \
                   and Digital channels to the Contact centre (the call-back about a second \
                   product). The four hand-offs before opening keep their friction.",
            trials: 2_000,
            seed: DEFAULT_SEED,
            build: only_after_opening,
            explain: after_seams_after_opening,
        },
        Step {
            title: "What a fix costs",
            text: "The example's options price two hand-off fixes: activating the app at \
                   account opening (£200k once and £10k a month, a seam after opening) and \
                   remote identity checks, so that what starts online finishes online (£2.5M \
                   once and £30k a month, a seam before opening); the third option is a \
                   cross-sell team in the contact centre.",
            trials: 2_000,
            seed: DEFAULT_SEED,
            build: |scenario| scenario,
            explain: costs,
        },
    ],
};

/// The hand-offs after the account is opened, as (from, to).
const AFTER_OPENING: [(&str, &str); 2] = [("operations", "digital"), ("digital", "contact")];

const AFTER_OPTION: &str = "Activate the app at account opening";
const BEFORE_OPTION: &str = "Finish online what starts online";

fn no_handoff_friction(scenario: Scenario) -> Scenario {
    let mut scenario = without_options(scenario);
    for handoff in &mut scenario.handoffs {
        handoff.friction = Uncertain::ZERO;
    }
    scenario
}

fn only_after_opening(scenario: Scenario) -> Scenario {
    let mut scenario = without_options(scenario);
    for handoff in &mut scenario.handoffs {
        if AFTER_OPENING.contains(&(handoff.from.as_str(), handoff.to.as_str())) {
            handoff.friction = Uncertain::ZERO;
        }
    }
    scenario
}

fn as_is(now: &Figures, _: Earlier) -> Vec<String> {
    let b = now.baseline();
    vec![
        format!(
            "Over {} months the bank opens {} accounts and earns an NPV of {}. Along the way \
             {} people were lost to friction: they tried to move on to the next step, and \
             something inside a department or between two stopped them.",
            now.months,
            count(b.acquired),
            now.money(b.npv),
            count(b.lost_to_friction)
        ),
        format!(
            "A new customer is worth {} over their lifetime (CLV), and {} are still customers \
             a year after opening.",
            now.money(b.clv),
            percent(b.retention)
        ),
    ]
}

fn after_no_friction(now: &Figures, earlier: Earlier) -> Vec<String> {
    let b = now.baseline();
    let Some(before) = step(earlier, 1) else {
        return vec![
            format!(
                "With hand-offs that always work the bank earns an NPV of {} and opens {} \
                 accounts; a new customer is worth {}.",
                now.money(b.npv),
                count(b.acquired),
                now.money(b.clv)
            ),
            run_first(&[1]),
        ];
    };
    let a = before.baseline();
    vec![
        format!(
            "Hand-offs that always work {} ({}) over the {} months: {} opened, {} lost to \
             friction, a new customer worth {} instead of {}, and {} instead of {} still \
             customers after a year.",
            now.adds(b.npv - a.npv),
            relative(b.npv, a.npv),
            now.months,
            more(b.acquired - a.acquired, "accounts"),
            more(b.lost_to_friction - a.lost_to_friction, "people"),
            now.money(b.clv),
            now.money(a.clv),
            percent(b.retention),
            percent(a.retention)
        ),
        "No department owns a hand-off, so no department's budget shows this loss: it \
         appears only when the journey is seen end to end."
            .to_string(),
    ]
}

fn after_seams_after_opening(now: &Figures, earlier: Earlier) -> Vec<String> {
    let b = now.baseline();
    let Some(first) = step(earlier, 1) else {
        return vec![
            format!(
                "With the two seams after opening fixed the bank earns an NPV of {}; a new \
                 customer is worth {}.",
                now.money(b.npv),
                now.money(b.clv)
            ),
            run_first(&[1, 2]),
        ];
    };
    let a = first.baseline();
    let two = b.npv - a.npv;
    let mut words = Vec::new();
    match step(earlier, 2) {
        Some(second) => {
            let all = second.baseline().npv - a.npv;
            words.push(format!(
                "The two hand-offs after opening {}: {} of the {} that all six are worth, \
                 although they are only two of the six.",
                now.adds(two),
                whole_percent(two / all),
                now.money(all)
            ));
        }
        None => words.push(format!(
            "The two hand-offs after opening {}. Run step 2 too to compare them with all \
             six.",
            now.adds(two)
        )),
    }
    words.push(format!(
        "They hardly change how many accounts are opened ({}); they keep the customers the \
         bank has already won. A new customer is now worth {} instead of {}, and {} instead \
         of {} are still customers after a year. The seams before opening bring more people \
         in, who then meet the same leaky seams after it.",
        count_change(b.acquired - a.acquired),
        now.money(b.clv),
        now.money(a.clv),
        percent(b.retention),
        percent(a.retention)
    ));
    // Fixing the four seams before opening cannot change what a customer
    // is worth, but the two runs draw their uncertain values apart.
    if let Some(second) = step(earlier, 2)
        && nearly_equal(second.baseline().clv, b.clv)
    {
        let (all, two) = (now.money(second.baseline().clv), now.money(b.clv));
        words.push(if all == two {
            format!(
                "With all six fixed a new customer is worth the same {all}: that value \
                 depends only on the seams after opening."
            )
        } else {
            format!(
                "With all six fixed a new customer was worth {all}: that value depends only \
                 on the seams after opening, and the small difference between the two runs \
                 is chance, as each draws its own uncertain values."
            )
        });
    }
    words
}

fn costs(now: &Figures, _: Earlier) -> Vec<String> {
    let mut words = vec![options_in_words(now)];
    if let (Some(after), Some(before)) = (now.option(AFTER_OPTION), now.option(BEFORE_OPTION))
        && let (Some(after_roi), Some(before_roi)) = (after.roi, before.roi)
    {
        words.push(if after_roi > before_roi {
            format!(
                "On average the app activation {}; finishing online {}. The cheap fix at a \
                 seam after opening beats the flagship project at a seam before it: where a \
                 hand-off sits matters as much as how much it leaks.",
                roi_words(after_roi),
                roi_words(before_roi)
            )
        } else {
            "In this run the seam before opening paid better: look at the spread of each \
             option's results before drawing a lesson."
                .to_string()
        });
    }
    words
}

#[cfg(test)]
mod tests {
    use super::super::tests::{all, expected_figures, explained, run_figures};
    use super::*;

    /// The lesson's claims, on every step's figures.
    fn check(what: &str, steps: &[Option<Figures>]) {
        let f = |i: usize| steps[i].as_ref().unwrap().baseline();
        let all = f(1).npv - f(0).npv;
        let two = f(2).npv - f(0).npv;
        assert!(all > 0.0 && two > all / 2.0, "{what}: {two} of {all}");
        assert!(
            f(2).clv > f(0).clv && f(2).retention > f(0).retention,
            "{what}"
        );
        assert!(f(1).lost_to_friction < f(0).lost_to_friction, "{what}");
        let options = steps[3].as_ref().unwrap();
        let after = options.option(AFTER_OPTION).unwrap().roi.unwrap();
        let before = options.option(BEFORE_OPTION).unwrap().roi.unwrap();
        assert!(after > 0.0 && before < 0.0, "{what}: {after} {before}");

        let now = steps[2].as_ref().unwrap();
        let text = explained(&LESSON, 2, steps);
        assert!(text.contains(&now.money(two)), "{text}");
        assert!(text.contains(&whole_percent(two / all)), "{text}");
        // A customer's value does not depend on the seams before opening.
        assert!(
            text.contains("depends only on the seams after opening"),
            "{text}"
        );
        let text = explained(&LESSON, 3, steps);
        assert!(text.contains("beats the flagship project"), "{text}");
    }

    #[test]
    fn the_seams_after_opening_are_worth_most_exactly() {
        check("expected", &all(&LESSON, expected_figures));
    }

    #[test]
    #[cfg_attr(debug_assertions, ignore = "runs every step's trials; use --release")]
    fn the_seams_after_opening_are_worth_most_in_the_steps_own_runs() {
        check("Monte Carlo", &all(&LESSON, run_figures));
    }
}

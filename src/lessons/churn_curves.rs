//! "Heterogeneous churn and CLV", on the subscription box: the same churn
//! in the first month, and lifetime values far apart, depending on how
//! much subscribers differ.

use journey_core::{Scenario, StageDrop, Uncertain};

use super::{
    Earlier, Figures, Lesson, Step, nearly_equal, percent, relative, run_first, stage_drop,
};
use super::{step, times, without_options};
use crate::presets::DEFAULT_SEED;

pub const LESSON: Lesson = Lesson {
    key: "churn-curves",
    title: "Heterogeneous churn and CLV",
    summary: "Why one churn rate undervalues customers, and how the mix of loyal and fickle \
              customers sets their lifetime value.",
    preset: "subscription-retailer",
    steps: &[
        Step {
            title: "Churn that falls with tenure",
            text: "Subscribers differ: some cancel after a box or two, others stay for years. \
                   The box's Subscribed stage models this with heterogeneous (sBG) churn, set \
                   here to the middle of the example's ranges: after the first box, 9.1% of \
                   subscribers cancel in their first month as Subscribed, but only 4.0% of \
                   those still there a year later cancel in their 13th month. Nobody changed \
                   their mind: the subscribers likely to leave have already left.",
            trials: 2_000,
            seed: DEFAULT_SEED,
            build: mixed,
            explain: as_is,
        },
        Step {
            title: "One churn rate for everyone",
            text: "A common spreadsheet shortcut: take the churn of a subscriber's first \
                   month, 9.1%, and apply it in every month, as if all subscribers were alike.",
            trials: 2_000,
            seed: DEFAULT_SEED,
            build: one_rate,
            explain: after_one_rate,
        },
        Step {
            title: "Subscribers more alike",
            text: "Back to churn that falls with tenure and the same 9.1% in the first month, \
                   but with subscribers more alike (both sBG parameters four times as large): \
                   churn now falls only to 6.9% by their 13th month.",
            trials: 2_000,
            seed: DEFAULT_SEED,
            build: alike,
            explain: after_alike,
        },
        Step {
            title: "Subscribers more varied",
            text: "The same 9.1% in the first month once more, now with subscribers more \
                   varied (both sBG parameters a quarter of the example's): the few who stay \
                   past the first months hardly ever leave, and churn falls to 1.5% by their \
                   13th month.",
            trials: 2_000,
            seed: DEFAULT_SEED,
            build: varied,
            explain: after_varied,
        },
    ],
};

/// The stage whose churn the lesson changes.
const STAGE: &str = "use";
/// The middle of the example's ranges for that stage's sBG churn.
const ALPHA: f64 = 0.85;
const BETA: f64 = 8.5;

fn with_drop(scenario: Scenario, drop: StageDrop) -> Scenario {
    let mut scenario = without_options(scenario);
    if let Some(slot) = stage_drop(&mut scenario, STAGE) {
        *slot = drop;
    }
    scenario
}

/// sBG churn with both parameters `x` times the lesson's: the same churn
/// in the first month, `alpha / (alpha + beta)`, and a spread of customers
/// that narrows as `x` grows.
fn sbg(x: f64) -> StageDrop {
    StageDrop::Sbg {
        alpha: Uncertain::Point(ALPHA * x),
        beta: Uncertain::Point(BETA * x),
    }
}

fn mixed(scenario: Scenario) -> Scenario {
    with_drop(scenario, sbg(1.0))
}

fn one_rate(scenario: Scenario) -> Scenario {
    with_drop(
        scenario,
        StageDrop::Rate(Uncertain::Point(ALPHA / (ALPHA + BETA))),
    )
}

fn alike(scenario: Scenario) -> Scenario {
    with_drop(scenario, sbg(4.0))
}

fn varied(scenario: Scenario) -> Scenario {
    with_drop(scenario, sbg(0.25))
}

fn as_is(now: &Figures, _: Earlier) -> Vec<String> {
    let b = now.baseline();
    vec![format!(
        "A new subscriber is worth {} over their lifetime (CLV), and {} are still subscribed \
         a year later. Over {} months the box earns an NPV of {}.",
        now.money(b.clv),
        percent(b.retention),
        now.months,
        now.money(b.npv)
    )]
}

fn after_one_rate(now: &Figures, earlier: Earlier) -> Vec<String> {
    let b = now.baseline();
    let Some(before) = step(earlier, 1) else {
        return vec![
            format!(
                "With one churn rate for everyone a new subscriber is worth {}, and {} are \
                 still subscribed a year later.",
                now.money(b.clv),
                percent(b.retention)
            ),
            run_first(&[1]),
        ];
    };
    let a = before.baseline();
    vec![
        format!(
            "With one churn rate for everyone a new subscriber is worth {} instead of {} \
             ({}), and {} instead of {} are still subscribed a year later; the box's NPV falls \
             from {} to {}.",
            now.money(b.clv),
            now.money(a.clv),
            relative(b.clv, a.clv),
            percent(b.retention),
            percent(a.retention),
            now.money(a.npv),
            now.money(b.npv)
        ),
        format!(
            "The shortcut undervalues every subscriber by {}: it forgets that those still \
             there after a few months are the loyal ones.",
            now.money(a.clv - b.clv)
        ),
    ]
}

fn after_alike(now: &Figures, earlier: Earlier) -> Vec<String> {
    let b = now.baseline();
    let (Some(first), Some(second)) = (step(earlier, 1), step(earlier, 2)) else {
        return vec![
            format!(
                "With subscribers more alike a new subscriber is worth {}.",
                now.money(b.clv)
            ),
            run_first(&[1, 2]),
        ];
    };
    let (mixed, one) = (first.baseline().clv, second.baseline().clv);
    vec![if one < b.clv && b.clv < mixed {
        format!(
            "With subscribers more alike a new subscriber is worth {}: less than with the \
             example's mix ({}), more than with one rate for all ({}). The more alike \
             customers are, the closer a single churn rate comes to the truth.",
            now.money(b.clv),
            now.money(mixed),
            now.money(one)
        )
    } else {
        format!(
            "With subscribers more alike a new subscriber is worth {}, against {} with the \
             example's mix and {} with one rate for all.",
            now.money(b.clv),
            now.money(mixed),
            now.money(one)
        )
    }]
}

fn after_varied(now: &Figures, earlier: Earlier) -> Vec<String> {
    let b = now.baseline();
    let (Some(first), Some(second)) = (step(earlier, 1), step(earlier, 2)) else {
        return vec![
            format!(
                "With subscribers more varied a new subscriber is worth {}, and {} are still \
                 subscribed a year later.",
                now.money(b.clv),
                percent(b.retention)
            ),
            run_first(&[1, 2]),
        ];
    };
    let (mixed, one) = (first.baseline().clv, second.baseline().clv);
    let mut words = vec![format!(
        "With subscribers more varied a new subscriber is worth {}: {} more than with the \
         example's mix ({}) and {} the figure of one rate for all ({}), though every version \
         loses the same 9.1% of subscribers in their first month as Subscribed.",
        now.money(b.clv),
        relative(b.clv, mixed).trim_start_matches('+'),
        now.money(mixed),
        times(b.clv / one),
        now.money(one)
    )];
    if let Some(alike) = step(earlier, 3)
        && !nearly_equal(alike.baseline().clv, b.clv)
    {
        words.push(format!(
            "From subscribers more alike ({}) to more varied ({}), the first month is the \
             same and the value of a subscriber is not.",
            now.money(alike.baseline().clv),
            now.money(b.clv)
        ));
    }
    words.push(
        "To value customers, the first months' churn is not enough: measure how churn falls \
         with tenure. Retention calibration, in the decision tools, fits this curve to your \
         own retention data."
            .to_string(),
    );
    words
}

#[cfg(test)]
mod tests {
    use super::super::tests::{all, expected_figures, explained, run_figures};
    use super::*;

    /// Monthly churn of someone in their `month`-th month in the stage.
    fn hazard(drop: &StageDrop, month: u32) -> f64 {
        match drop {
            StageDrop::Sbg { alpha, beta } => {
                let (a, b) = (alpha.central(), beta.central());
                a / (a + b + f64::from(month) - 1.0)
            }
            StageDrop::Rate(rate) => rate.central(),
        }
    }

    #[test]
    fn the_steps_say_the_churn_they_set() {
        for (i, month_13) in [(0, "4.0%"), (2, "6.9%"), (3, "1.5%")] {
            let mut run = LESSON.run(i).unwrap();
            let drop = *stage_drop(&mut run.scenario, STAGE).unwrap();
            assert_eq!(percent(hazard(&drop, 1)), "9.1%");
            assert_eq!(percent(hazard(&drop, 13)), month_13);
            assert!(LESSON.steps[i].text.contains(month_13));
        }
        let mut run = LESSON.run(1).unwrap();
        let drop = *stage_drop(&mut run.scenario, STAGE).unwrap();
        assert_eq!(percent(hazard(&drop, 1)), "9.1%");
        assert_eq!(percent(hazard(&drop, 13)), "9.1%");
    }

    /// The lesson's claims, on every step's figures.
    fn check(what: &str, steps: &[Option<Figures>]) {
        let clv = |i: usize| steps[i].as_ref().unwrap().baseline().clv;
        assert!(
            clv(1) < clv(2) && clv(2) < clv(0) && clv(0) < clv(3),
            "{what}: one rate {} < alike {} < mixed {} < varied {}",
            clv(1),
            clv(2),
            clv(0),
            clv(3)
        );
        let now = steps[1].as_ref().unwrap();
        let text = explained(&LESSON, 1, steps);
        assert!(text.contains(&now.money(clv(0) - clv(1))), "{text}");
        let text = explained(&LESSON, 2, steps);
        assert!(text.contains("closer a single churn rate"), "{text}");
        let text = explained(&LESSON, 3, steps);
        assert!(text.contains(&now.money(clv(3))), "{text}");
        assert!(text.contains(&times(clv(3) / clv(1))), "{text}");
    }

    #[test]
    fn more_varied_customers_are_worth_more_exactly() {
        check("expected", &all(&LESSON, expected_figures));
    }

    #[test]
    #[cfg_attr(debug_assertions, ignore = "runs every step's trials; use --release")]
    fn more_varied_customers_are_worth_more_in_the_steps_own_runs() {
        check("Monte Carlo", &all(&LESSON, run_figures));
    }
}

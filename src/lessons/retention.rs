//! "Why retention beats acquisition", on the subscription box: ten per
//! cent more prospects against a tenth less churn, then what each lever
//! costs in the example's own investment options.

use journey_core::{Phase, Scenario, StageDrop};

use super::{Earlier, Figures, Lesson, Step, options_in_words, relative, run_first, scale, step};
use super::{count, more, nearly_equal, roi_words, times, without_options};
use crate::presets::DEFAULT_SEED;

pub const LESSON: Lesson = Lesson {
    key: "retention",
    title: "Why retention beats acquisition",
    summary: "Ten per cent more prospects or a tenth less churn: which is worth more, and \
              what each costs, in the subscription box.",
    preset: "subscription-retailer",
    steps: &[
        Step {
            title: "The box as it is",
            text: "The subscription box of the examples, without its investment options: \
                   30,000 prospects a month, and a first box that loses about a third of new \
                   subscribers. This run is the yardstick for the next two steps.",
            trials: 2_000,
            seed: DEFAULT_SEED,
            build: without_options,
            explain: as_is,
        },
        Step {
            title: "Ten per cent more prospects",
            text: "Marketing brings 10% more prospects every month: 33,000 instead of 30,000. \
                   Nothing else changes. Here the extra prospects come free; step 4 puts a \
                   price on them.",
            trials: 2_000,
            seed: DEFAULT_SEED,
            build: more_prospects,
            explain: after_more_prospects,
        },
        Step {
            title: "A tenth less churn",
            text: "Back to 30,000 prospects. Now the box loses a tenth fewer of its customers: \
                   every churn rate after the purchase is cut by 10%, and so is the friction \
                   in Operations and Customer Care that makes people cancel after a late or \
                   damaged box.",
            trials: 2_000,
            seed: DEFAULT_SEED,
            build: less_churn,
            explain: after_less_churn,
        },
        Step {
            title: "What each lever costs",
            text: "The example's own investment options put a price on the levers. Fixing \
                   the first box ($15k a month and $50k once) keeps customers; an awareness \
                   campaign ($60k a month) finds new ones. Each is compared with the box as \
                   it is, in the same simulated months.",
            trials: 2_000,
            seed: DEFAULT_SEED,
            build: |scenario| scenario,
            explain: costs,
        },
    ],
};

const RETAIN_OPTION: &str = "Fix the first-box experience";
const ACQUIRE_OPTION: &str = "Awareness campaign";

fn more_prospects(scenario: Scenario) -> Scenario {
    let mut scenario = without_options(scenario);
    scenario.arrivals_per_month = scale(scenario.arrivals_per_month, 1.1);
    scenario
}

/// Every churn rate of the customer stages times 0.9 (for churn that falls
/// with tenure, the sBG `alpha`, which lowers the whole curve by about a
/// tenth), and the friction of departments that serve only customers,
/// whose failed moves are churn too.
fn less_churn(scenario: Scenario) -> Scenario {
    let mut scenario = without_options(scenario);
    let owns_buy_stage = |id: &str, s: &Scenario| {
        s.stages
            .iter()
            .any(|st| st.owner == id && st.phase == Phase::Buy)
    };
    let after_purchase: Vec<String> = scenario
        .departments
        .iter()
        .filter(|d| !owns_buy_stage(&d.id, &scenario))
        .map(|d| d.id.clone())
        .collect();
    for stage in scenario.stages.iter_mut().filter(|s| s.phase == Phase::Own) {
        stage.drop = match stage.drop {
            StageDrop::Rate(rate) => StageDrop::Rate(scale(rate, 0.9)),
            StageDrop::Sbg { alpha, beta } => StageDrop::Sbg {
                alpha: scale(alpha, 0.9),
                beta,
            },
        };
    }
    for department in &mut scenario.departments {
        if after_purchase.contains(&department.id) {
            department.friction = scale(department.friction, 0.9);
        }
    }
    for handoff in &mut scenario.handoffs {
        if after_purchase.contains(&handoff.from) && after_purchase.contains(&handoff.to) {
            handoff.friction = scale(handoff.friction, 0.9);
        }
    }
    scenario
}

fn as_is(now: &Figures, _: Earlier) -> Vec<String> {
    let b = now.baseline();
    vec![
        format!(
            "Over {} months the box earns an NPV of {}. It wins {} new subscribers; each is \
             worth {} over its lifetime (CLV), and {} of them are still subscribed a year later.",
            now.months,
            now.money(b.npv),
            count(b.acquired),
            now.money(b.clv),
            super::percent(b.retention)
        ),
        "Keep these figures in mind: the next two steps each change one thing.".to_string(),
    ]
}

fn after_more_prospects(now: &Figures, earlier: Earlier) -> Vec<String> {
    let b = now.baseline();
    let Some(before) = step(earlier, 1) else {
        return vec![
            format!(
                "With 10% more prospects the box earns an NPV of {} and wins {} new \
                 subscribers, each worth {}.",
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
            "Ten per cent more prospects {} ({}), through {}.",
            now.added(b.npv - a.npv),
            relative(b.npv, a.npv),
            more(b.acquired - a.acquired, "new subscribers")
        ),
        if nearly_equal(b.clv, a.clv) {
            format!(
                "A new subscriber is worth about {} before and after, and about {} are still \
                 subscribed a year later: acquisition brings more customers; it does not make \
                 them stay.",
                now.money(b.clv),
                super::percent(b.retention)
            )
        } else {
            format!(
                "A new subscriber is worth {} instead of {}.",
                now.money(b.clv),
                now.money(a.clv)
            )
        },
    ]
}

fn after_less_churn(now: &Figures, earlier: Earlier) -> Vec<String> {
    let b = now.baseline();
    let Some(first) = step(earlier, 1) else {
        return vec![
            format!(
                "With a tenth less churn the box earns an NPV of {}; a new subscriber is worth \
                 {}, and {} are still subscribed a year later.",
                now.money(b.npv),
                now.money(b.clv),
                super::percent(b.retention)
            ),
            run_first(&[1, 2]),
        ];
    };
    let a = first.baseline();
    let kept = b.npv - a.npv;
    let mut words = Vec::new();
    match step(earlier, 2) {
        Some(second) => {
            let found = second.baseline().npv - a.npv;
            words.push(if kept > found && found > 0.0 {
                format!(
                    "Cutting churn by a tenth added {} of NPV; bringing 10% more prospects \
                     added only {}. Keeping customers was worth {} as much as finding new ones.",
                    now.money(kept),
                    now.money(found),
                    times(kept / found)
                )
            } else {
                format!(
                    "Cutting churn by a tenth {}, and 10% more prospects {}: this time \
                     acquisition did as well.",
                    now.added(kept),
                    now.added(found)
                )
            });
        }
        None => words.push(format!(
            "Cutting churn by a tenth {} ({}). Run step 2 too to compare it with 10% more \
             prospects.",
            now.added(kept),
            relative(b.npv, a.npv)
        )),
    }
    words.push(format!(
        "A new subscriber is now worth {} instead of {}, and {} instead of {} are still \
         subscribed a year later. Retention works on every customer, those the box already \
         has and each new one, and the customers it keeps go on paying after the {} months: \
         the CLV counts that, the NPV does not.",
        now.money(b.clv),
        now.money(a.clv),
        super::percent(b.retention),
        super::percent(a.retention),
        now.months
    ));
    words.push(format!(
        "The box ends with {} active customers instead of {}.",
        count(b.active_end),
        count(a.active_end)
    ));
    words
}

fn costs(now: &Figures, _: Earlier) -> Vec<String> {
    let mut words = vec![options_in_words(now)];
    if let (Some(keep), Some(find)) = (now.option(RETAIN_OPTION), now.option(ACQUIRE_OPTION))
        && let (Some(keep_roi), Some(find_roi)) = (keep.roi, find.roi)
    {
        words.push(if keep_roi > 0.0 && keep_roi > find_roi {
            format!(
                "On average the first-box fix {}; the awareness campaign {}. New prospects \
                 are not free, and they pay only if the journey keeps the customers they become.",
                roi_words(keep_roi),
                roi_words(find_roi)
            )
        } else {
            "In this run keeping customers did not pay better than finding new ones: look at \
             the spread of each option's results before drawing a lesson."
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
        let npv = |i: usize| steps[i].as_ref().unwrap().baseline().npv;
        let acquisition = npv(1) - npv(0);
        let retention = npv(2) - npv(0);
        assert!(
            acquisition > 0.0 && retention > 1.2 * acquisition,
            "{what}: retention {retention} against acquisition {acquisition}"
        );
        let options = steps[3].as_ref().unwrap();
        let keep = options.option(RETAIN_OPTION).unwrap();
        let find = options.option(ACQUIRE_OPTION).unwrap();
        assert!(keep.roi.unwrap() > 0.0 && find.roi.unwrap() < 0.0, "{what}");

        let text = explained(&LESSON, 2, steps);
        let now = steps[2].as_ref().unwrap();
        assert!(text.contains(&now.money(retention)), "{text}");
        assert!(text.contains(&now.money(acquisition)), "{text}");
        assert!(text.contains("added only"), "{text}");
        let text = explained(&LESSON, 3, steps);
        assert!(text.contains("paid back its cost and"), "{text}");
        assert!(
            text.contains(RETAIN_OPTION) && text.contains(ACQUIRE_OPTION),
            "{text}"
        );
    }

    #[test]
    fn retention_beats_acquisition_exactly() {
        check("expected", &all(&LESSON, expected_figures));
    }

    #[test]
    #[cfg_attr(debug_assertions, ignore = "runs every step's trials; use --release")]
    fn retention_beats_acquisition_in_the_steps_own_runs() {
        check("Monte Carlo", &all(&LESSON, run_figures));
    }

    #[test]
    fn acquisition_leaves_the_value_of_a_customer_alone() {
        let steps = all(&LESSON, expected_figures);
        let clv = |i: usize| steps[i].as_ref().unwrap().baseline().clv;
        assert!((clv(1) - clv(0)).abs() < 1e-6);
        assert!(clv(2) > clv(0) * 1.05);
        let text = explained(&LESSON, 1, &steps);
        assert!(text.contains("before and after"), "{text}");
    }
}

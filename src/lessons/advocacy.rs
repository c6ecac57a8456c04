//! "The value of advocacy", on the consumer app: what word of mouth is
//! worth, what freeing its champions adds, and where the next dollar goes.

use journey_core::{Scenario, Uncertain};

use super::{Earlier, Figures, Lesson, Step, count, more, options_in_words};
use super::{nearly_equal, relative, roi_words, run_first, step, whole_percent, without_options};
use crate::presets::DEFAULT_SEED;

pub const LESSON: Lesson = Lesson {
    key: "advocacy",
    title: "The value of advocacy",
    summary: "What word of mouth is worth to an app that grows by it, and why CLV alone \
              misses it.",
    preset: "consumer-app",
    steps: &[
        Step {
            title: "An app that grows by word of mouth",
            text: "The freemium app of the examples, without its investment options: 30,000 \
                   people a month see its ads, and its users (above all its champions, who \
                   joined the community) invite friends, who arrive straight at the sign-up \
                   screen.",
            trials: 2_000,
            seed: DEFAULT_SEED,
            build: without_options,
            explain: as_is,
        },
        Step {
            title: "Word of mouth switched off",
            text: "Nobody recommends the app any more: the advocacy of every stage is set to \
                   zero. The ads, the product and the prices stay as they were.",
            trials: 2_000,
            seed: DEFAULT_SEED,
            build: silent,
            explain: after_silence,
        },
        Step {
            title: "Champions without friction",
            text: "Word of mouth is back, and the friction in the Community team (no referral \
                   rewards, an unmoderated forum) is gone, so champions recommend the app as \
                   often as they would like to. Nothing else changes.",
            trials: 2_000,
            seed: DEFAULT_SEED,
            build: free_champions,
            explain: after_free_champions,
        },
        Step {
            title: "Where the next dollar goes",
            text: "The example's options: a referral programme and community ($8k a month, \
                   and $40k once plus $3k a month to invite paying users into the \
                   community), a paywall redesign, and performance marketing for the ads \
                   ($30k a month). Fewer trials here, as the app is the slowest example.",
            trials: 1_000,
            seed: DEFAULT_SEED,
            build: |scenario| scenario,
            explain: costs,
        },
    ],
};

const COMMUNITY: &str = "community";
const ADVOCACY_OPTION: &str = "Referral programme and community";
const ADS_OPTION: &str = "Performance marketing optimisation";

fn silent(scenario: Scenario) -> Scenario {
    let mut scenario = without_options(scenario);
    for stage in &mut scenario.stages {
        stage.advocacy = Uncertain::ZERO;
    }
    scenario
}

fn free_champions(scenario: Scenario) -> Scenario {
    let mut scenario = without_options(scenario);
    for department in &mut scenario.departments {
        if department.id == COMMUNITY {
            department.friction = Uncertain::ZERO;
        }
    }
    scenario
}

fn as_is(now: &Figures, _: Earlier) -> Vec<String> {
    let b = now.baseline();
    vec![format!(
        "Over {} months the app wins {} new users and earns an NPV of {}. Its users sent {} \
         invited friends to the sign-up screen, and it ends with {} active users. A new user \
         is worth {} (CLV).",
        now.months,
        count(b.acquired),
        now.money(b.npv),
        count(b.referrals),
        count(b.active_end),
        now.money(b.clv)
    )]
}

fn after_silence(now: &Figures, earlier: Earlier) -> Vec<String> {
    let b = now.baseline();
    let Some(before) = step(earlier, 1) else {
        return vec![
            format!(
                "Without word of mouth the app wins {} new users, ends with {} active users \
                 and earns an NPV of {}.",
                count(b.acquired),
                count(b.active_end),
                now.money(b.npv)
            ),
            run_first(&[1]),
        ];
    };
    let a = before.baseline();
    let worth = a.npv - b.npv;
    vec![
        format!(
            "Without word of mouth the app wins {} new users instead of {} ({}) and ends with \
             {} active users instead of {}. Its NPV falls to {}: word of mouth was worth {}, \
             {} of the app's NPV.",
            count(b.acquired),
            count(a.acquired),
            relative(b.acquired, a.acquired),
            count(b.active_end),
            count(a.active_end),
            now.money(b.npv),
            now.money(worth),
            whole_percent(worth / a.npv)
        ),
        if nearly_equal(b.clv, a.clv) {
            format!(
                "Yet a new user is worth about {} (CLV) with or without it: CLV counts what a \
                 customer pays, not the friends they bring. Judged by CLV alone, an advocate \
                 looks no better than anyone else.",
                now.money(b.clv)
            )
        } else {
            format!(
                "A new user is worth {} (CLV) instead of {}. CLV counts what a customer pays, \
                 not the friends they bring.",
                now.money(b.clv),
                now.money(a.clv)
            )
        },
    ]
}

fn after_free_champions(now: &Figures, earlier: Earlier) -> Vec<String> {
    let b = now.baseline();
    let Some(before) = step(earlier, 1) else {
        return vec![
            format!(
                "With champions free to recommend, users send {} friends to the sign-up \
                 screen and the app earns an NPV of {}.",
                count(b.referrals),
                now.money(b.npv)
            ),
            run_first(&[1]),
        ];
    };
    let a = before.baseline();
    vec![
        format!(
            "Champions who recommend freely bring {} ({}) and {}, and {}. No prospect was \
             paid for: the friends who join invite friends in turn, so the effect compounds \
             month after month.",
            more(b.referrals - a.referrals, "invited friends"),
            relative(b.referrals, a.referrals),
            more(b.acquired - a.acquired, "new users"),
            now.adds(b.npv - a.npv)
        ),
        if nearly_equal(b.clv, a.clv) {
            format!(
                "The app ends with {} active users instead of {}. A new user is worth about \
                 {} (CLV) as before: the gain is in the friends they bring.",
                count(b.active_end),
                count(a.active_end),
                now.money(b.clv)
            )
        } else {
            format!(
                "The app ends with {} active users instead of {}.",
                count(b.active_end),
                count(a.active_end)
            )
        },
    ]
}

fn costs(now: &Figures, _: Earlier) -> Vec<String> {
    let mut words = vec![options_in_words(now)];
    if let (Some(refer), Some(ads)) = (now.option(ADVOCACY_OPTION), now.option(ADS_OPTION))
        && let (Some(refer_roi), Some(ads_roi)) = (refer.roi, ads.roi)
    {
        words.push(if refer_roi > 0.0 && refer_roi > ads_roi {
            format!(
                "On average the referral programme {}; performance marketing {}. For a \
                 product that grows by advocacy, the next dollar belongs with its advocates.",
                roi_words(refer_roi),
                roi_words(ads_roi)
            )
        } else {
            "In this run advocacy did not pay better than ads: look at the spread of each \
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
        assert_eq!(f(1).referrals, 0.0, "{what}");
        assert!(
            f(1).acquired < 0.5 * f(0).acquired,
            "{what}: most users come by referral"
        );
        assert!(f(1).npv < 0.9 * f(0).npv, "{what}");
        assert!(
            nearly_equal(f(1).clv, f(0).clv),
            "{what}: CLV ignores referrals"
        );
        assert!(
            f(2).referrals > 1.2 * f(0).referrals && f(2).npv > f(0).npv,
            "{what}"
        );
        let options = steps[3].as_ref().unwrap();
        let refer = options.option(ADVOCACY_OPTION).unwrap().roi.unwrap();
        let ads = options.option(ADS_OPTION).unwrap().roi.unwrap();
        assert!(refer > 0.0 && ads < 0.0, "{what}: {refer} {ads}");

        let now = steps[1].as_ref().unwrap();
        let text = explained(&LESSON, 1, steps);
        assert!(text.contains(&now.money(f(0).npv - f(1).npv)), "{text}");
        assert!(text.contains("with or without it"), "{text}");
        let text = explained(&LESSON, 3, steps);
        assert!(text.contains("belongs with its advocates"), "{text}");
    }

    #[test]
    fn advocacy_carries_the_app_exactly() {
        check("expected", &all(&LESSON, expected_figures));
    }

    #[test]
    #[cfg_attr(debug_assertions, ignore = "runs every step's trials; use --release")]
    fn advocacy_carries_the_app_in_the_steps_own_runs() {
        check("Monte Carlo", &all(&LESSON, run_figures));
    }
}

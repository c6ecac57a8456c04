//! Guided lessons for teaching CX economics, built on the example journeys.
//! Each step changes a few parameters of its example, runs it with a fixed
//! seed and a small number of trials, and explains the finished run in
//! plain words with its own figures and those of the lesson's earlier
//! steps. Native tests check that every explanation quotes the run's
//! figures and that each lesson's claim holds on them.

mod advocacy;
mod churn_curves;
mod handoffs;
mod retention;

use journey_core::share::SharedRun;
use journey_core::{ExpectedReport, Report, Scenario, StageDrop, Uncertain, VariantReport};
use serde::{Deserialize, Serialize};

use crate::format::{self, chance, money, money_change, percent, percent_change};
use crate::presets::preset;

/// Every lesson, in the order the panel offers them.
pub const LESSONS: [Lesson; 4] = [
    retention::LESSON,
    handoffs::LESSON,
    advocacy::LESSON,
    churn_curves::LESSON,
];

pub fn lesson(key: &str) -> Option<&'static Lesson> {
    LESSONS.iter().find(|l| l.key == key)
}

/// The query of an address that opens a lesson: `?lesson=handoffs`.
const IN_QUERY: &str = "lesson=";

/// The address that opens `lesson` in the page at `base` (its origin and
/// path), for an educator to hand out.
pub fn link(base: &str, lesson: &Lesson) -> String {
    format!("{base}?{IN_QUERY}{}", lesson.key)
}

/// The lesson an address's query (`location.search`) asks for: its index
/// in [`LESSONS`], or the key it names that no lesson has (cut to 40
/// characters, for a message). `None` when it asks for none.
pub fn asked_in(query: &str) -> Option<Result<usize, String>> {
    let key = query_pairs(query)
        .filter_map(|pair| pair.strip_prefix(IN_QUERY))
        .rfind(|key| !key.is_empty())?;
    Some(LESSONS.iter().position(|l| l.key == key).ok_or_else(
        || match key.char_indices().nth(40) {
            Some((end, _)) => format!("{}…", &key[..end]),
            None => key.to_string(),
        },
    ))
}

/// The query without its lesson: what the address keeps once the lesson
/// is open, so that the lesson, not the address, decides what a reload
/// shows.
pub fn query_without_lesson(query: &str) -> String {
    let rest: Vec<&str> = query_pairs(query)
        .filter(|pair| !pair.is_empty() && !pair.starts_with(IN_QUERY) && *pair != "lesson")
        .collect();
    if rest.is_empty() {
        String::new()
    } else {
        format!("?{}", rest.join("&"))
    }
}

fn query_pairs(query: &str) -> impl DoubleEndedIterator<Item = &str> {
    query.strip_prefix('?').unwrap_or(query).split('&')
}

pub struct Lesson {
    /// Stable key.
    pub key: &'static str,
    pub title: &'static str,
    /// What the lesson shows, in a sentence.
    pub summary: &'static str,
    /// The example every step starts from (a preset key).
    pub preset: &'static str,
    pub steps: &'static [Step],
}

pub struct Step {
    pub title: &'static str,
    /// What the step changes and why.
    pub text: &'static str,
    pub trials: u32,
    pub seed: u64,
    /// The step's journey, made from the example's.
    pub build: fn(Scenario) -> Scenario,
    /// The finished run in plain words, one paragraph per entry.
    pub explain: fn(&Figures, Earlier) -> Vec<String>,
}

/// The figures of the lesson's steps run so far, by step index.
pub type Earlier<'a> = &'a [Option<Figures>];

impl Lesson {
    /// The run of step `index` (from 0): the step's journey, named after
    /// the lesson and step, with the step's seed and trials.
    pub fn run(&self, index: usize) -> Option<SharedRun> {
        let step = self.steps.get(index)?;
        let mut scenario = (step.build)(preset(self.preset)?.scenario());
        scenario.name = format!(
            // No quotation marks: messages put the journey's name in them.
            "Lesson · {} · step {}: {}",
            self.title,
            index + 1,
            step.title
        );
        Some(SharedRun {
            scenario,
            seed: step.seed,
            trials: step.trials,
        })
    }
}

/// The results a lesson talks about: means across the run's trials (or
/// the exact values of `expected` mode).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub currency: String,
    pub months: usize,
    pub variants: Vec<VariantFigures>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VariantFigures {
    pub name: String,
    pub npv: f64,
    pub clv: f64,
    pub retention: f64,
    pub acquired: f64,
    pub active_end: f64,
    pub referrals: f64,
    /// People lost to friction in every stage.
    pub lost_to_friction: f64,
    /// For an investment option: NPV uplift, mean ROI and the share of
    /// trials with a positive ROI.
    pub uplift_npv: Option<f64>,
    pub roi: Option<f64>,
    pub prob_positive_roi: Option<f64>,
}

impl Figures {
    pub fn from_report(report: &Report) -> Figures {
        Figures {
            currency: report.currency.clone(),
            months: months(&report.results, |v| v.monthly.active_customers.mean.len()),
            variants: report
                .results
                .iter()
                .map(|v| VariantFigures {
                    name: v.name.clone(),
                    npv: v.summary.npv.mean,
                    clv: v.summary.clv.mean,
                    retention: v.summary.retention_12m.mean,
                    acquired: v.summary.customers_acquired.mean,
                    active_end: v.summary.active_customers_end.mean,
                    referrals: v.summary.referrals.mean,
                    lost_to_friction: v.stages.iter().map(|s| s.lost_to_friction).sum(),
                    uplift_npv: v.uplift.as_ref().map(|u| u.uplift_npv.mean),
                    roi: v.uplift.as_ref().and_then(|u| u.roi.map(|r| r.mean)),
                    prob_positive_roi: v.uplift.as_ref().and_then(|u| u.prob_positive_roi),
                })
                .collect(),
        }
    }

    pub fn from_expected(report: &ExpectedReport) -> Figures {
        Figures {
            currency: report.currency.clone(),
            months: months(&report.results, |v| v.monthly.active_customers.len()),
            variants: report
                .results
                .iter()
                .map(|v| VariantFigures {
                    name: v.name.clone(),
                    npv: v.summary.npv,
                    clv: v.summary.clv,
                    retention: v.summary.retention_12m,
                    acquired: v.summary.customers_acquired,
                    active_end: v.summary.active_customers_end,
                    referrals: v.summary.referrals,
                    lost_to_friction: v.stages.iter().map(|s| s.lost_to_friction).sum(),
                    uplift_npv: v.uplift.as_ref().map(|u| u.uplift_npv),
                    roi: v.uplift.as_ref().and_then(|u| u.roi),
                    prob_positive_roi: None,
                })
                .collect(),
        }
    }

    /// The journey without investment (every run has it).
    pub fn baseline(&self) -> &VariantFigures {
        &self.variants[0]
    }

    /// The investment option called `name`.
    pub fn option(&self, name: &str) -> Option<&VariantFigures> {
        self.variants.iter().skip(1).find(|v| v.name == name)
    }

    fn money(&self, value: f64) -> String {
        money(value, &self.currency)
    }

    fn money_change(&self, value: f64) -> String {
        money_change(value, &self.currency)
    }

    /// "added $550k of NPV", or "took $550k off the NPV" for a loss.
    fn added(&self, npv: f64) -> String {
        if npv >= 0.0 {
            format!("added {} of NPV", self.money(npv))
        } else {
            format!("took {} off the NPV", self.money(-npv))
        }
    }

    /// "add £43.9M of NPV", or "take £43.9M off the NPV" for a loss.
    fn adds(&self, npv: f64) -> String {
        if npv >= 0.0 {
            format!("add {} of NPV", self.money(npv))
        } else {
            format!("take {} off the NPV", self.money(-npv))
        }
    }
}

fn months<V, S>(
    results: &[VariantReport<V, S>],
    len: impl Fn(&VariantReport<V, S>) -> usize,
) -> usize {
    results.first().map_or(0, len)
}

/// The figures of step `number` (from 1), if it has been run.
fn step(earlier: Earlier<'_>, number: usize) -> Option<&Figures> {
    earlier.get(number - 1)?.as_ref()
}

/// Says which earlier steps to run for a comparison.
fn run_first(numbers: &[usize]) -> String {
    let list = match numbers {
        [one] => format!("step {one}"),
        _ => format!(
            "steps {}",
            numbers
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(" and ")
        ),
    };
    format!("Run {list} of this lesson too, and this explanation compares the runs.")
}

/// A count of people as the results write it, three significant digits
/// from 10,000: `4,602`, `48.6k`.
fn count(x: f64) -> String {
    format::count(x.max(0.0).round())
}

/// A change in a count of people: `+4,787`, `−1,200`, `+12.3k`.
fn count_change(x: f64) -> String {
    let n = count(x.abs());
    if x.round() > 0.0 {
        format!("+{n}")
    } else if x.round() < 0.0 {
        format!("\u{2212}{n}")
    } else {
        n
    }
}

/// "4,782 more new subscribers", "1,200 fewer new subscribers".
fn more(x: f64, what: &str) -> String {
    let n = count(x.abs());
    if x.round() > 0.0 {
        format!("{n} more {what}")
    } else if x.round() < 0.0 {
        format!("{n} fewer {what}")
    } else {
        format!("as many {what}")
    }
}

/// The relative change from `before` to `after`: `+5%`.
fn relative(after: f64, before: f64) -> String {
    percent_change((after - before) / before.abs())
}

/// A share as a whole percentage: `63%`.
fn whole_percent(share: f64) -> String {
    if share.is_finite() {
        format!("{:.0}%", share * 100.0)
    } else {
        "—".to_string()
    }
}

/// Equal within 2%: what a reader would call the same.
fn nearly_equal(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.02 * a.abs().max(b.abs())
}

/// `x` as "N times", one decimal: `1.5 times`.
fn times(x: f64) -> String {
    format!("{x:.1} times")
}

/// What an ROI means for the money spent.
fn roi_words(roi: f64) -> String {
    if roi >= 0.005 {
        format!("paid back its cost and {} more", whole_percent(roi))
    } else if roi <= -0.005 {
        format!("lost {} of what it cost", whole_percent(-roi))
    } else {
        "about paid back its cost".to_string()
    }
}

/// One sentence per investment option: NPV uplift, ROI and how often it
/// pays off.
fn options_in_words(now: &Figures) -> String {
    now.variants
        .iter()
        .skip(1)
        .map(|v| {
            let mut text = format!(
                "“{}”: NPV uplift {}",
                v.name,
                now.money_change(v.uplift_npv.unwrap_or(f64::NAN))
            );
            if let Some(roi) = v.roi {
                text += &format!(", ROI {}", percent_change(roi));
            }
            match v.prob_positive_roi {
                Some(p) if p > 0.0 => text += &format!(", positive in {} of trials", chance(p)),
                Some(_) => text += ", positive in no trial",
                None => {}
            }
            text + "."
        })
        .collect::<Vec<_>>()
        .join(" ")
}

// Journey changes the steps make.

/// `x` times a value, a range moving as a whole, to 12 significant digits:
/// 0.2 × 0.9 is 0.18 in the editor, not 0.18000000000000002.
fn scale(value: Uncertain, x: f64) -> Uncertain {
    let times = |v: f64| {
        let product = v * x;
        if product == 0.0 || !product.is_finite() {
            return product;
        }
        let unit = 10f64.powi(11 - product.abs().log10().floor() as i32);
        (product * unit).round() / unit
    };
    match value {
        Uncertain::Point(v) => Uncertain::Point(times(v)),
        Uncertain::Range { low, high } => Uncertain::Range {
            low: times(low),
            high: times(high),
        },
    }
}

/// The journey alone, without its investment options: runs four times
/// faster, and the results show only the journey.
fn without_options(mut scenario: Scenario) -> Scenario {
    scenario.scenarios.clear();
    scenario
}

/// A stage's drop, found by stage id.
fn stage_drop<'a>(scenario: &'a mut Scenario, id: &str) -> Option<&'a mut StageDrop> {
    scenario
        .stages
        .iter_mut()
        .find(|s| s.id == id)
        .map(|s| &mut s.drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lesson_link_opens_its_lesson() {
        for (i, lesson) in LESSONS.iter().enumerate() {
            let link = link("https://cx.example/sim/", lesson);
            assert_eq!(
                link,
                format!("https://cx.example/sim/?lesson={}", lesson.key)
            );
            let query = &link[link.find('?').unwrap()..];
            assert_eq!(asked_in(query), Some(Ok(i)), "{link}");
            assert_eq!(query_without_lesson(query), "");
        }
        assert_eq!(asked_in("?workers=2&lesson=advocacy"), Some(Ok(2)));
        // The last lesson named counts, as a form's field would.
        assert_eq!(asked_in("?lesson=retention&lesson=handoffs"), Some(Ok(1)));
        assert_eq!(
            query_without_lesson("?workers=2&lesson=advocacy&x"),
            "?workers=2&x"
        );
        assert_eq!(query_without_lesson("?lesson&workers=2"), "?workers=2");
    }

    #[test]
    fn a_link_to_no_lesson_names_what_it_asked_for() {
        assert_eq!(asked_in(""), None);
        assert_eq!(asked_in("?workers=2"), None);
        assert_eq!(asked_in("?lesson="), None);
        assert_eq!(asked_in("?lessons=retention"), None);
        assert_eq!(asked_in("?lesson=Retention"), Some(Err("Retention".into())));
        let long = "é".repeat(50);
        assert_eq!(
            asked_in(&format!("?lesson={long}")),
            Some(Err(format!("{}…", "é".repeat(40))))
        );
    }

    #[test]
    fn scaled_values_read_as_typed() {
        assert_eq!(scale(Uncertain::Point(0.2), 0.9), Uncertain::Point(0.18));
        assert_eq!(
            scale(
                Uncertain::Range {
                    low: 0.4,
                    high: 1.1
                },
                0.9
            ),
            Uncertain::Range {
                low: 0.36,
                high: 0.99
            }
        );
        assert_eq!(
            scale(Uncertain::Point(5_000.0), 1.1),
            Uncertain::Point(5_500.0)
        );
        assert_eq!(scale(Uncertain::Point(0.0), 0.9), Uncertain::Point(0.0));
    }
    use journey_core::{Journey, expected, run_trials};

    /// The exact figures of a step's journey.
    pub(super) fn expected_figures(lesson: &Lesson, index: usize) -> Figures {
        let run = lesson.run(index).expect("the step exists");
        let journey = Journey::new(run.scenario).expect("the step is valid");
        Figures::from_expected(&expected(&journey))
    }

    /// The Monte Carlo figures of a step's own run, as the page computes them.
    pub(super) fn run_figures(lesson: &Lesson, index: usize) -> Figures {
        let run = lesson.run(index).expect("the step exists");
        let journey = Journey::new(run.scenario).expect("the step is valid");
        let report = run_trials(&journey, run.seed, 0..run.trials).report(&journey, run.seed);
        assert_eq!(report.trials, run.trials);
        Figures::from_report(&report)
    }

    /// Every step's figures, computed by `figures`.
    pub(super) fn all(
        lesson: &Lesson,
        figures: fn(&Lesson, usize) -> Figures,
    ) -> Vec<Option<Figures>> {
        (0..lesson.steps.len())
            .map(|i| Some(figures(lesson, i)))
            .collect()
    }

    /// The explanation of step `index` given every step's figures.
    pub(super) fn explained(lesson: &Lesson, index: usize, steps: &[Option<Figures>]) -> String {
        let now = steps[index].as_ref().expect("the step has figures");
        (lesson.steps[index].explain)(now, &steps[..index]).join("\n")
    }

    #[test]
    fn every_step_builds_a_valid_changed_journey_from_its_example() {
        for lesson in &LESSONS {
            assert!(
                (3..=5).contains(&lesson.steps.len()),
                "{} has 3 to 5 steps",
                lesson.key
            );
            assert_eq!(
                self::lesson(lesson.key).map(|l| l.title),
                Some(lesson.title)
            );
            let example = preset(lesson.preset)
                .expect("the example exists")
                .scenario();
            let mut journeys = Vec::new();
            for (i, step) in lesson.steps.iter().enumerate() {
                let run = lesson.run(i).expect("the step exists");
                assert!(run.scenario.name.contains(step.title));
                assert!(
                    Journey::new(run.scenario.clone()).is_ok(),
                    "{} step {} is valid",
                    lesson.key,
                    i + 1
                );
                assert!(
                    (500..=2_000).contains(&run.trials),
                    "{} step {}: few trials, so a step runs in seconds",
                    lesson.key,
                    i + 1
                );
                let mut changed = run.scenario.clone();
                changed.name = example.name.clone();
                journeys.push(changed);
            }
            for (i, a) in journeys.iter().enumerate() {
                for b in &journeys[i + 1..] {
                    assert_ne!(a, b, "{}: every step changes something", lesson.key);
                }
            }
            assert!(lesson.run(lesson.steps.len()).is_none());
        }
        assert!(lesson("nope").is_none());
    }

    #[test]
    fn every_explanation_quotes_its_run_and_asks_for_missing_steps() {
        for lesson in &LESSONS {
            let steps = all(lesson, expected_figures);
            for (i, step) in lesson.steps.iter().enumerate() {
                let now = steps[i].as_ref().unwrap();
                let text = (step.explain)(now, &steps[..i]).join("\n");
                assert!(!text.is_empty());
                assert!(!text.contains("NaN") && !text.contains('—'), "{text}");
                let npv = now.money(now.baseline().npv);
                let quoted = text.contains(&npv)
                    || now.variants.iter().any(|v| {
                        v.uplift_npv
                            .is_some_and(|u| text.contains(&now.money_change(u)))
                    })
                    || text.contains(&now.money(now.baseline().clv));
                assert!(quoted, "{} step {}: {text}", lesson.key, i + 1);
                // Without the earlier steps, the explanation still reads
                // and says which steps to run.
                let alone = (step.explain)(now, &vec![None; i]).join("\n");
                if alone != text {
                    assert!(alone.contains("Run step"), "{alone}");
                }
            }
        }
    }

    #[test]
    fn an_options_chance_reads_as_its_card_does() {
        let option = VariantFigures {
            name: "Referrals".to_string(),
            npv: 0.0,
            clv: 0.0,
            retention: 0.0,
            acquired: 0.0,
            active_end: 0.0,
            referrals: 0.0,
            lost_to_friction: 0.0,
            uplift_npv: Some(604_000.0),
            roi: Some(2.5),
            prob_positive_roi: Some(0.996),
        };
        let baseline = VariantFigures {
            name: "Baseline".to_string(),
            uplift_npv: None,
            roi: None,
            prob_positive_roi: None,
            ..option.clone()
        };
        let now = Figures {
            currency: "USD".to_string(),
            months: 12,
            variants: vec![baseline, option],
        };
        // 4 trials in 1,000 lose money: not "100%".
        assert_eq!(
            options_in_words(&now),
            "“Referrals”: NPV uplift +\u{2060}$604k, ROI +250%, positive in 99.6% of trials."
        );
        // Nor "0.0%" for a chance that is not quite none, or that is none.
        let mut rare = now.clone();
        rare.variants[1].prob_positive_roi = Some(0.0004);
        assert!(options_in_words(&rare).ends_with(", positive in under 0.1% of trials."));
        rare.variants[1].prob_positive_roi = Some(0.0);
        assert!(options_in_words(&rare).ends_with(", positive in no trial."));
    }

    #[test]
    fn small_words_read_well() {
        assert_eq!(count(4_602.4), "4,602");
        assert_eq!(count(48_602.4), "48.6k");
        assert_eq!(count_change(12_340.0), "+12.3k");
        assert_eq!(count_change(4_787.0), "+4,787");
        assert_eq!(count_change(-1_200.0), "\u{2212}1,200");
        assert_eq!(count_change(0.2), "0");
        assert_eq!(more(4_787.0, "users"), "4,787 more users");
        assert_eq!(more(-12.0, "users"), "12 fewer users");
        assert_eq!(more(0.1, "users"), "as many users");
        assert_eq!(relative(110.0, 100.0), "+10%");
        assert_eq!(whole_percent(0.634), "63%");
        assert_eq!(times(1.47), "1.5 times");
        assert_eq!(
            run_first(&[1]),
            "Run step 1 of this lesson too, and this explanation compares the runs."
        );
        assert_eq!(
            run_first(&[1, 2]),
            "Run steps 1 and 2 of this lesson too, and this explanation compares the runs."
        );
        assert_eq!(
            scale(
                Uncertain::Range {
                    low: 1.0,
                    high: 2.0
                },
                0.5
            ),
            Uncertain::Range {
                low: 0.5,
                high: 1.0
            }
        );
    }
}

//! The month step-through in words: names, shares and counts as a teacher
//! would say them, and one sentence per step. Pure, so it is tested
//! natively.

use journey_core::month_trace::{DropRate, MonthTrace, StageTrace, TraceMode};
use journey_core::{Phase, Scenario};

use crate::format::{grouped, money};

/// A stage's name as the editor shows it (its id when unnamed).
pub fn stage_name(scenario: &Scenario, k: usize) -> String {
    scenario.stages.get(k).map_or_else(String::new, |s| {
        if s.name.trim().is_empty() {
            s.id.clone()
        } else {
            s.name.clone()
        }
    })
}

/// A department's name (its id when unnamed).
pub fn department_name(scenario: &Scenario, d: usize) -> String {
    scenario.departments.get(d).map_or_else(String::new, |d| {
        if d.name.trim().is_empty() {
            d.id.clone()
        } else {
            d.name.clone()
        }
    })
}

/// `Sales'`, `Marketing's`.
pub fn possessive(name: &str) -> String {
    if name.ends_with('s') {
        format!("{name}'")
    } else {
        format!("{name}'s")
    }
}

/// A probability as a teacher says it: `60%`, `51.3%`, `0.4%`.
pub fn share(p: f64) -> String {
    if !p.is_finite() {
        return "—".to_string();
    }
    let x = p * 100.0;
    if (x - x.round()).abs() < 0.05 {
        format!("{:.0}%", x)
    } else {
        format!("{:.1}%", x)
    }
}

/// People: whole people with separators; expected flows may be fractions
/// and keep one decimal.
pub fn people(x: f64) -> String {
    if !x.is_finite() {
        return "—".to_string();
    }
    let x = x.max(0.0);
    if (x - x.round()).abs() < 0.05 {
        grouped(x.round() as u64)
    } else {
        let tenths = (x * 10.0).round() as u64;
        format!("{}.{}", grouped(tenths / 10), tenths % 10)
    }
}

/// What the trace is of, for the panel's caption.
pub fn source(trace: &MonthTrace) -> String {
    match trace.mode {
        TraceMode::Expected => format!(
            "Expected flows in month {}: every value at its mean and every split at its \
             expected size, so people may come in fractions.",
            trace.month
        ),
        TraceMode::Trial { seed, trial } => format!(
            "Month {} of simulated trial {} (seed {seed}): whole people, drawn as in a run.",
            trace.month,
            trial + 1
        ),
    }
}

fn totals(trace: &MonthTrace, phase: Phase, of: impl Fn(&StageTrace) -> f64) -> f64 {
    trace
        .stages
        .iter()
        .filter(|s| s.phase == phase)
        .map(of)
        .sum()
}

/// Step 1: who starts where.
pub fn start_sentence(trace: &MonthTrace) -> String {
    let buy = totals(trace, Phase::Buy, |s| s.start);
    let own = totals(trace, Phase::Own, |s| s.start);
    let whence = if trace.month == 1 {
        "the journey's initial counts".to_string()
    } else {
        format!("where month {} left them", trace.month - 1)
    };
    format!(
        "At the start of month {}, {} people are in the journey, {whence}: {} prospects in the \
         buy stages and {} customers in the own stages. Each stage now splits its people into \
         those who advance, drop out or stay.",
        trace.month,
        people(buy + own),
        people(buy),
        people(own),
    )
}

/// Step 2, one per stage: the split, with its rates explained.
pub fn split_sentence(scenario: &Scenario, trace: &MonthTrace, k: usize) -> String {
    let s = &trace.stages[k];
    let r = &s.rates;
    let name = stage_name(scenario, k);
    let owner = department_name(scenario, s.owner);
    let mut text = format!("{name}, owned by {owner}: ");
    let next = s.next.map(|n| stage_name(scenario, n)).unwrap_or_default();
    let lost = r.lost();
    if r.advance == 0.0 {
        text.push_str("nobody advances from here (its advance is 0)");
    } else {
        text.push_str(&format!("{} would advance to {next}", share(r.advance)));
        let f = r.department_friction;
        let h = r.handoff_friction;
        let handoff = || {
            let to = s
                .next
                .map(|n| department_name(scenario, trace.stages[n].owner))
                .unwrap_or_default();
            format!("the {owner}→{to} hand-off ({})", share(h))
        };
        let friction = || format!("{} friction ({})", possessive(&owner), share(f));
        // "friction … leaves", "friction … and the hand-off … leave".
        let cause = match (f > 0.0, h > 0.0) {
            (true, true) => Some((format!("{} and {}", friction(), handoff()), "leave")),
            (true, false) => Some((friction(), "leaves")),
            (false, true) => Some((handoff(), "leaves")),
            (false, false) => None,
        };
        match cause {
            Some((cause, verb)) => text.push_str(&format!(
                "; {cause} {verb} {}, and the {} lost attempts drop out",
                share(r.advance_eff),
                share(lost)
            )),
            None => text.push_str(", and with no friction on the way all of them do"),
        }
    }
    match r.drop {
        DropRate::Constant(d) => {
            let drop_eff = d + lost;
            if lost > 0.0 {
                text.push_str(&format!(
                    ", on top of the {} who drop out anyway: {} drop out and {} stay.",
                    share(d),
                    share(drop_eff),
                    share(1.0 - r.advance - d)
                ));
            } else {
                text.push_str(&format!(
                    "; {} drop out and {} stay.",
                    share(d),
                    share(1.0 - r.advance - d)
                ));
            }
        }
        DropRate::Sbg { alpha, beta } => {
            let hazards: Vec<f64> = s.groups.iter().filter_map(|g| g.hazard).collect();
            let first = alpha / (alpha + beta);
            let longest = s
                .groups
                .iter()
                .filter_map(|g| g.months_in_stage)
                .max()
                .unwrap_or(1);
            let last = hazards.iter().copied().fold(f64::INFINITY, f64::min);
            text.push_str(&format!(
                ". Churn here follows sBG: in their τ-th month in the stage people leave with \
                 probability α / (α + β + τ − 1), with α = {alpha:.2} and β = {beta:.2}, so \
                 {} in the first month",
                share(first)
            ));
            if longest > 1 && last.is_finite() {
                text.push_str(&format!(
                    " and {} for those here {longest} months",
                    share(last)
                ));
            }
            text.push_str(if lost > 0.0 {
                "; the lost attempts are added to it, and the rest stay."
            } else {
                "; the rest stay."
            });
        }
    }
    let dropped = if s.phase == Phase::Own {
        "drop out (churn)"
    } else {
        "drop out"
    };
    if s.start == 0.0 {
        text.push_str(&format!(
            " Nobody is here at the start of month {}, so nobody moves.",
            trace.month
        ));
        return text;
    }
    text.push_str(&format!(" Of {} people, ", people(s.start)));
    if s.next.is_some() && r.advance > 0.0 {
        text.push_str(&format!("{} advance to {next}, ", people(s.advanced)));
    }
    text.push_str(&format!(
        "{} {dropped} and {} stay.",
        people(s.dropped),
        people(s.stayed)
    ));
    text
}

/// Step 3: arrivals and referrals.
pub fn inflow_sentence(scenario: &Scenario, trace: &MonthTrace) -> String {
    let first = stage_name(scenario, 0);
    let entry = stage_name(scenario, trace.referral_entry);
    let how = match trace.mode {
        TraceMode::Expected => "exactly their mean, in expected flows",
        TraceMode::Trial { .. } => "a Poisson draw around their mean",
    };
    let mut text = format!(
        "New prospects arrive in {first}: {} on average, {} this month. ",
        people(trace.arrivals.mean),
        people(trace.arrivals.people)
    );
    if trace.referrals.mean > 0.0 {
        text.push_str(&format!(
            "Referrals come from the people who were in stages with advocacy at the start of \
             the month, each bringing their stage's advocacy reduced by its owner's friction: {} \
             expected, {} this month, entering {entry}. ",
            people(trace.referrals.mean),
            people(trace.referrals.people)
        ));
    } else {
        text.push_str("No stage has advocacy, so nobody is referred. ");
    }
    text.push_str(&format!(
        "Both counts are {how}. Newcomers face their stage's rates from next month."
    ));
    text
}

/// Step 4: the new counts and the month's cash.
pub fn end_sentence(trace: &MonthTrace, currency: &str) -> String {
    let start: f64 = trace.stages.iter().map(|s| s.start).sum();
    let end: f64 = trace.stages.iter().map(|s| s.end).sum();
    let dropped: f64 = trace.stages.iter().map(|s| s.dropped).sum();
    // Expected flows come in fractions: when the rounded figures do not
    // add up exactly, say so rather than print a wrong sum.
    let shown = |x: f64| (x * 10.0).round();
    let exact = shown(start) + shown(trace.arrivals.people) + shown(trace.referrals.people)
        - shown(dropped)
        == shown(end);
    let equals = if exact { "=" } else { "≈" };
    format!(
        "{} people started the month, {} arrived and {} were referred, {} dropped out: {} + {} \
         + {} − {} {equals} {} people at the end of month {}. In the month, {} became customers and {} churned. \
         Revenue is every stage's people at the start times its revenue per month, plus \
         entrants times its revenue on entry: {}; cost {}; margin {}.",
        people(start),
        people(trace.arrivals.people),
        people(trace.referrals.people),
        people(dropped),
        people(start),
        people(trace.arrivals.people),
        people(trace.referrals.people),
        people(dropped),
        people(end),
        trace.month,
        people(trace.acquired),
        people(trace.churned),
        money(trace.revenue, currency),
        money(trace.cost, currency),
        money(trace.revenue - trace.cost, currency),
    )
}

#[cfg(test)]
mod tests {
    use journey_core::Journey;
    use journey_core::month_trace::trace_month;

    use super::super::teaching::teaching_scenario;
    use super::*;

    fn teaching(month: u32, mode: TraceMode) -> (Scenario, MonthTrace) {
        let scenario = teaching_scenario();
        let journey = Journey::new(scenario.clone()).unwrap();
        let trace = trace_month(&journey, month, mode).unwrap();
        (scenario, trace)
    }

    #[test]
    fn shares_and_people_read_plainly() {
        assert_eq!(share(0.6), "60%");
        assert_eq!(share(0.513), "51.3%");
        assert_eq!(share(0.0871), "8.7%");
        assert_eq!(people(1234.0), "1,234");
        assert_eq!(people(83.52), "83.5");
        assert_eq!(people(f64::NAN), "—");
    }

    #[test]
    fn a_split_names_its_frictions_and_hand_off() {
        let (scenario, trace) = teaching(1, TraceMode::Expected);
        let onboard = scenario
            .stages
            .iter()
            .position(|s| s.id == "onboard")
            .unwrap();
        let text = split_sentence(&scenario, &trace, onboard);
        assert!(text.starts_with("Onboard, owned by Operations: 60% would advance to Use"));
        assert!(
            text.contains(
                "; Operations' friction (10%) and the Operations→Support hand-off (5%) \
                 leave 51.3%, and the 8.7% lost attempts drop out"
            ),
            "{text}"
        );
        assert!(text.contains("the 8.7% lost attempts drop out"), "{text}");
        assert!(text.contains("16.7% drop out"), "{text}");
        let s = &trace.stages[onboard];
        assert!(text.contains(&format!("{} advance to Use", people(s.advanced))));
    }

    #[test]
    fn one_cause_of_lost_attempts_leaves_and_two_leave() {
        let (scenario, trace) = teaching(1, TraceMode::Expected);
        let texts: Vec<String> = (0..scenario.stages.len())
            .map(|i| split_sentence(&scenario, &trace, i))
            .collect();
        let one = texts.iter().filter(|t| t.contains(") leaves ")).count();
        let two = texts.iter().filter(|t| t.contains(") leave ")).count();
        assert!(one >= 1 && two >= 1, "{texts:#?}");
        for t in &texts {
            assert_eq!(t.contains(") leave "), t.contains(") and the "), "{t}");
        }
    }

    #[test]
    fn the_last_step_adds_up() {
        let (_, trace) = teaching(2, TraceMode::Trial { seed: 1, trial: 0 });
        let text = end_sentence(&trace, "USD");
        let start: f64 = trace.stages.iter().map(|s| s.start).sum();
        let end: f64 = trace.stages.iter().map(|s| s.end).sum();
        assert!(text.contains(&format!("= {} people", people(end))));
        assert!(text.starts_with(&people(start)));
        assert!(text.contains('$'));
    }

    #[test]
    fn every_step_speaks_of_its_month() {
        let (scenario, trace) = teaching(3, TraceMode::Expected);
        assert!(start_sentence(&trace).contains("where month 2 left them"));
        assert!(inflow_sentence(&scenario, &trace).contains("New prospects arrive in Need"));
        for k in 0..trace.stages.len() {
            assert!(split_sentence(&scenario, &trace, k).contains("owned by"));
        }
        assert!(source(&trace).starts_with("Expected flows in month 3"));
    }
}

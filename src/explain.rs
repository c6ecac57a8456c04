//! "Explain this number": for every figure on a result card, its formula
//! (MODEL.md §5), this card's own inputs, what its 90% interval means and
//! what moves it. Plain text built from the report, so every number in it
//! is one the page shows elsewhere.

use journey_core::{Report, Summary, VariantReport};

use crate::format::{chance, grouped, money, money_change, percent, percent_change};

/// A figure on a result card.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kpi {
    Npv,
    NpvUplift,
    RevenueUplift,
    Roi,
    ProbPositiveRoi,
    Payback,
    Clv,
    Retention,
}

impl Kpi {
    pub const ALL: [Kpi; 8] = [
        Kpi::Npv,
        Kpi::NpvUplift,
        Kpi::RevenueUplift,
        Kpi::Roi,
        Kpi::ProbPositiveRoi,
        Kpi::Payback,
        Kpi::Clv,
        Kpi::Retention,
    ];

    /// The figure's name as the card shows it.
    pub fn label(self) -> &'static str {
        match self {
            Kpi::Npv => "NPV",
            Kpi::NpvUplift => "NPV uplift",
            Kpi::RevenueUplift => "Revenue uplift",
            Kpi::Roi => "ROI",
            Kpi::ProbPositiveRoi => "Chance of positive ROI",
            Kpi::Payback => "Payback",
            Kpi::Clv => "Customer lifetime value",
            Kpi::Retention => "12-month retention",
        }
    }

    /// A short name for element ids.
    pub fn slug(self) -> &'static str {
        match self {
            Kpi::Npv => "npv",
            Kpi::NpvUplift => "npv-uplift",
            Kpi::RevenueUplift => "revenue-uplift",
            Kpi::Roi => "roi",
            Kpi::ProbPositiveRoi => "chance-positive-roi",
            Kpi::Payback => "payback",
            Kpi::Clv => "clv",
            Kpi::Retention => "retention",
        }
    }

    /// What heads the inputs that raise the figure: for a month, raising
    /// it would mean later, so payback speaks of earlier and later.
    pub fn raises_label(self) -> &'static str {
        match self {
            Kpi::Payback => "Brings it earlier: ",
            _ => "Raises it: ",
        }
    }

    /// What heads the inputs that lower the figure (see [`Kpi::raises_label`]).
    pub fn lowers_label(self) -> &'static str {
        match self {
            Kpi::Payback => "Pushes it later: ",
            _ => "Lowers it: ",
        }
    }

    /// Figures that compare an option with the baseline.
    pub fn is_uplift(self) -> bool {
        !matches!(self, Kpi::Npv | Kpi::Clv | Kpi::Retention)
    }
}

/// The figures a card shows, in order: the baseline has no uplift.
pub fn card_kpis(report: &Report, index: usize) -> Vec<Kpi> {
    let has_uplift = report
        .results
        .get(index)
        .is_some_and(|v| v.uplift.is_some());
    Kpi::ALL
        .into_iter()
        .filter(|k| has_uplift || !k.is_uplift())
        .collect()
}

/// What a figure means and where this card's value comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    pub kpi: Kpi,
    /// The formula, in plain notation.
    pub formula: String,
    /// The card's own inputs, with their numbers.
    pub inputs: Vec<String>,
    /// What the 90% interval (or the lack of one) says.
    pub interval: String,
    /// Inputs that raise the figure.
    pub raises: String,
    /// Inputs that lower it.
    pub lowers: String,
}

/// Payback as the card shows it: `month 14`, or a dash.
pub fn month(x: f64) -> String {
    if x.is_finite() {
        format!("month {x:.0}")
    } else {
        "—".to_string()
    }
}

/// The explanation of `kpi` on card `index` (0 is the baseline); `None`
/// when the card does not show that figure.
pub fn explain(report: &Report, index: usize, kpi: Kpi) -> Option<Explanation> {
    let variant = report.results.get(index)?;
    let baseline = report.results.first()?;
    if kpi.is_uplift() && variant.uplift.is_none() {
        return None;
    }
    let c = Context {
        currency: &report.currency,
        trials: report.trials,
        months: baseline.monthly.revenue.mean.len(),
        variant,
        baseline,
    };
    Some(match kpi {
        Kpi::Npv => c.npv(),
        Kpi::NpvUplift => c.npv_uplift()?,
        Kpi::RevenueUplift => c.revenue_uplift()?,
        Kpi::Roi => c.roi()?,
        Kpi::ProbPositiveRoi => c.prob_positive_roi()?,
        Kpi::Payback => c.payback()?,
        Kpi::Clv => c.clv(),
        Kpi::Retention => c.retention(),
    })
}

const DISCOUNT: &str = "δ = (1 + yearly discount rate)^(−1/12): later months count for less";

struct Context<'a> {
    currency: &'a str,
    trials: u32,
    months: usize,
    variant: &'a VariantReport<Summary, journey_core::Band>,
    baseline: &'a VariantReport<Summary, journey_core::Band>,
}

/// Where a figure's spread across trials comes from.
#[derive(Clone, Copy)]
enum Spread {
    /// Figures of the simulated months.
    InputsAndChance,
    /// Figures each trial computes exactly from its values (CLV, retention).
    InputsOnly,
}

impl Context<'_> {
    fn cash(&self, x: f64) -> String {
        money(x, self.currency)
    }

    fn change(&self, x: f64) -> String {
        money_change(x, self.currency)
    }

    fn name(&self) -> &str {
        &self.variant.name
    }

    fn trials(&self) -> String {
        let n = self.trials;
        if n == 1 {
            "the one trial".to_string()
        } else {
            format!("the {} trials", grouped(u64::from(n)))
        }
    }

    /// "In 90% of the trials … was between A and B", where the spread comes
    /// from, and what it means when the interval straddles zero.
    fn interval(
        &self,
        spread: Spread,
        what: &str,
        s: &Summary,
        f: &dyn Fn(f64) -> String,
    ) -> String {
        let source = match spread {
            Spread::InputsAndChance => {
                "The spread comes from the uncertain inputs, drawn afresh in every trial, and \
                 from chance in who moves each month."
            }
            Spread::InputsOnly => {
                "The spread comes from the uncertain inputs alone, drawn afresh in every \
                 trial: each trial computes this figure exactly from its values."
            }
        };
        let mut text = format!(
            "In 90% of {} {what} was between {} and {} (5% of trials lower, 5% higher). \
             {source}",
            self.trials(),
            f(s.p05),
            f(s.p95),
        );
        if s.p05 < 0.0 && s.p95 > 0.0 {
            text.push_str(" The interval includes zero: in some trials it is negative.");
        }
        text
    }

    fn uplift(&self) -> Option<&journey_core::Uplift<Summary>> {
        self.variant.uplift.as_ref()
    }

    fn npv(&self) -> Explanation {
        let s = &self.variant.summary;
        let mut inputs = vec![
            format!(
                "Over {} months, {} brings in revenue of {} and costs {} (averages over {}): \
                 a margin of {}.",
                self.months,
                self.name(),
                self.cash(s.total_revenue.mean),
                self.cash(s.total_cost.mean),
                self.trials(),
                self.cash(s.total_margin.mean),
            ),
            format!(
                "Discounted month by month to today, that margin is worth {}: the NPV on this card.",
                self.cash(s.npv.mean)
            ),
        ];
        if let Some(uplift) = self.uplift() {
            inputs.push(format!(
                "The costs include this option's investment, worth {} in today's money.",
                self.cash(uplift.investment_pv.mean)
            ));
        }
        Explanation {
            kpi: Kpi::Npv,
            formula: format!(
                "NPV = Σ (revenue − cost in month t) × δ^t, over months t = 1 … {}, where {DISCOUNT}.",
                self.months
            ),
            inputs,
            interval: self.interval(Spread::InputsAndChance, "the NPV", &s.npv, &|x| {
                self.cash(x)
            }),
            raises: "more arrivals, higher advance rates, lower churn and friction, more \
                     revenue per customer, more referrals"
                .to_string(),
            lowers: "cost per customer, investment spend, a higher discount rate (later \
                     months count for less)"
                .to_string(),
        }
    }

    fn npv_uplift(&self) -> Option<Explanation> {
        let uplift = self.uplift()?;
        let mine = self.variant.summary.npv.mean;
        let theirs = self.baseline.summary.npv.mean;
        Some(Explanation {
            kpi: Kpi::NpvUplift,
            formula: format!(
                "NPV uplift = NPV of {} − NPV of {}",
                self.name(),
                self.baseline.name
            ),
            inputs: vec![
                format!(
                    "= {} − {} = {}, in each trial, then averaged over {}.",
                    self.cash(mine),
                    self.cash(theirs),
                    self.change(uplift.uplift_npv.mean),
                    self.trials(),
                ),
                format!(
                    "Both run on the same draws in each trial, so the difference is the \
                     investment's effect, not luck. Its cost ({} in today's money) is already \
                     subtracted.",
                    self.cash(uplift.investment_pv.mean)
                ),
            ],
            interval: self.interval(
                Spread::InputsAndChance,
                "the NPV uplift",
                &uplift.uplift_npv,
                &|x| self.change(x),
            ),
            raises: "how much friction the investment removes (each half-friction spend \
                     per month halves it), how many people pass through the department or \
                     hand-off it targets, what those people are worth after the purchase \
                     (retention, revenue per month, referrals), an early start and a short \
                     ramp"
                .to_string(),
            lowers: "the investment's monthly spend and one-off cost, a late start, a \
                     higher discount rate"
                .to_string(),
        })
    }

    fn revenue_uplift(&self) -> Option<Explanation> {
        let uplift = self.uplift()?;
        let mine = self.variant.summary.total_revenue.mean;
        let theirs = self.baseline.summary.total_revenue.mean;
        Some(Explanation {
            kpi: Kpi::RevenueUplift,
            formula: format!(
                "Revenue uplift = revenue of {} − revenue of {}, over months 1 … {}",
                self.name(),
                self.baseline.name,
                self.months
            ),
            inputs: vec![
                format!(
                    "= {} − {} = {}, in each trial, then averaged over {}.",
                    self.cash(mine),
                    self.cash(theirs),
                    self.change(uplift.uplift_revenue.mean),
                    self.trials(),
                ),
                "Not discounted, and costs are not subtracted: NPV uplift counts both.".to_string(),
            ],
            interval: self.interval(
                Spread::InputsAndChance,
                "the revenue uplift",
                &uplift.uplift_revenue,
                &|x| self.change(x),
            ),
            raises: "more people getting through the stages the investment improves, longer \
                     customer lives, higher revenue per month and on entry, more referrals"
                .to_string(),
            lowers: "a late start or a slow ramp; the investment's cost does not lower it \
                     (NPV uplift counts costs)"
                .to_string(),
        })
    }

    fn roi(&self) -> Option<Explanation> {
        let uplift = self.uplift()?;
        let formula = "ROI = NPV uplift ÷ present value of the investment".to_string();
        let Some(roi) = &uplift.roi else {
            return Some(Explanation {
                kpi: Kpi::Roi,
                formula,
                inputs: vec![format!(
                    "{} spends nothing, so there is no return on investment to compute.",
                    self.name()
                )],
                interval: "No interval: ROI is undefined without spending.".to_string(),
                raises: "—".to_string(),
                lowers: "—".to_string(),
            });
        };
        let pv = uplift.investment_pv.mean;
        let ratio = uplift.uplift_npv.mean / pv;
        Some(Explanation {
            kpi: Kpi::Roi,
            formula,
            inputs: {
                let mut inputs = vec![format!(
                    "= {} ÷ {} in each trial (the investment's spend discounted like the \
                     margin), then averaged over {}: {}.",
                    self.change(uplift.uplift_npv.mean),
                    self.cash(pv),
                    self.trials(),
                    percent_change(roi.mean),
                )];
                if percent_change(ratio) != percent_change(roi.mean) {
                    inputs.push(format!(
                        "An average of ratios: dividing the two averages would give {}.",
                        percent_change(ratio)
                    ));
                }
                inputs.push(format!(
                    "{} means every {} invested came back as {}, in today's money.",
                    percent_change(roi.mean),
                    self.cash(100.0),
                    self.cash(100.0 * (1.0 + roi.mean)),
                ));
                inputs
            },
            interval: self.interval(Spread::InputsAndChance, "the ROI", roi, &|x| {
                percent_change(x)
            }),
            raises: "whatever raises the NPV uplift: friction removed, people reached, their \
                     value after the purchase"
                .to_string(),
            lowers: "more spend for the same effect: friction falls with diminishing returns, \
                     so ROI usually falls as spend grows"
                .to_string(),
        })
    }

    fn prob_positive_roi(&self) -> Option<Explanation> {
        let uplift = self.uplift()?;
        let formula = "Chance of positive ROI = share of trials whose ROI is above 0, that is \
                       whose NPV uplift, after the investment's cost, is above zero."
            .to_string();
        let Some(p) = uplift.prob_positive_roi else {
            return Some(Explanation {
                kpi: Kpi::ProbPositiveRoi,
                formula,
                inputs: vec![format!(
                    "{} spends nothing, so ROI, and its chance of being positive, is undefined.",
                    self.name()
                )],
                interval: "No interval: there is no ROI without spending.".to_string(),
                raises: "—".to_string(),
                lowers: "—".to_string(),
            });
        };
        let n = f64::from(self.trials.max(1));
        let count = (p * n).round() as u64;
        let margin = 1.645 * (p * (1.0 - p) / n).sqrt();
        let interval = if p * (1.0 - p) > 0.0 {
            format!(
                "No interval on the card: the share already sums up every trial. With {} it is \
                 known to within about ±{} (90% sampling error); more trials narrow that.",
                self.trials(),
                percent(margin),
            )
        } else {
            format!(
                "No interval on the card: the share already sums up every trial, and none of {} \
                 disagreed. More trials could still find the rare exception.",
                self.trials()
            )
        };
        Some(Explanation {
            kpi: Kpi::ProbPositiveRoi,
            formula,
            inputs: vec![format!(
                "{} of {} trials had a positive ROI: {}.",
                grouped(count),
                grouped(u64::from(self.trials)),
                chance(p),
            )],
            interval,
            raises: "a larger NPV uplift against the spend, and narrower ranges on the inputs \
                     when the uplift is positive on average"
                .to_string(),
            lowers: "wide ranges on the investment's effect (half-friction spend) and on the \
                     values it depends on, a higher spend"
                .to_string(),
        })
    }

    fn payback(&self) -> Option<Explanation> {
        let uplift = self.uplift()?;
        let formula = "Payback month = the first month, at or after the first month with \
                       spending, whose cumulative discounted uplift, investment costs included, \
                       is at least 0. Months count from the start of the horizon: an option \
                       starting in month 3 that pays back in its 36th month shows month 38. \
                       The card shows the median over the trials that pay back."
            .to_string();
        let share = uplift.prob_payback.map_or("—".to_string(), chance);
        let (inputs, interval) = match &uplift.payback_month {
            Some(payback) => (
                vec![
                    format!(
                        "{share} of {} pay back within the {}-month horizon.",
                        self.trials(),
                        self.months
                    ),
                    format!(
                        "Half of those pay back by {}: the figure on this card.",
                        month(payback.p50)
                    ),
                ]
                .into_iter()
                .chain(
                    // Close to the chance of a positive ROI, but not the same.
                    uplift
                        .prob_positive_roi
                        .filter(|&p| chance(p) != share)
                        .map(|p| {
                            let ahead = if p > 0.0 {
                                format!(
                                    "The chance of a positive ROI, {}, counts the trials ahead",
                                    chance(p)
                                )
                            } else {
                                "No trial had a positive ROI, which counts the trials ahead"
                                    .to_string()
                            };
                            format!(
                                "{ahead} at the end of the horizon; a trial may pay back and \
                                 fall behind again, or the other way round."
                            )
                        }),
                )
                .collect(),
                format!(
                    "Among the trials that pay back, 90% do so between {} and {}.",
                    month(payback.p05),
                    month(payback.p95)
                ),
            ),
            None => (
                vec![format!(
                    "None of {} pays back within the {}-month horizon.",
                    self.trials(),
                    self.months
                )],
                "No interval: no trial pays back.".to_string(),
            ),
        };
        Some(Explanation {
            kpi: Kpi::Payback,
            formula,
            inputs,
            interval,
            raises: "a smaller one-off cost, a short ramp, an effect that shows soon \
                     (acquisition, onboarding) rather than only in long customer lives"
                .to_string(),
            lowers: "a large one-off cost, high monthly spend for a small effect, value that \
                     arrives mostly in later months"
                .to_string(),
        })
    }

    fn clv(&self) -> Explanation {
        let s = &self.variant.summary.clv;
        let mut inputs = vec![format!(
            "{} per new customer for {}, on average over {}: each trial computes it exactly \
             from that trial's rates, with every investment fully ramped up, and referrals \
             left out.",
            self.cash(s.mean),
            self.name(),
            self.trials()
        )];
        if self.uplift().is_some() {
            let theirs = self.baseline.summary.clv.mean;
            inputs.push(format!(
                "{}: {}, so {} per customer.",
                self.baseline.name,
                self.cash(theirs),
                self.change(s.mean - theirs)
            ));
        }
        Explanation {
            kpi: Kpi::Clv,
            formula: format!(
                "CLV = revenue on entry + Σ (expected margin of one customer in month t) × δ^t, \
                 over t = 1 … the CLV horizon, starting when the customer enters the first own \
                 stage, where {DISCOUNT}."
            ),
            inputs,
            interval: self.interval(Spread::InputsOnly, "the CLV", s, &|x| self.cash(x)),
            raises: "revenue per month and on entry in the own stages, lower churn (a lower \
                     drop or, with sBG churn, a lower alpha or a higher beta), less friction in \
                     the departments that own customer stages"
                .to_string(),
            lowers: "cost per month in the own stages, higher churn, a higher discount rate"
                .to_string(),
        }
    }

    fn retention(&self) -> Explanation {
        let s = &self.variant.summary.retention_12m;
        let mut inputs = vec![format!(
            "{} for {}: of 100 new customers, about {} are still customers a year later \
             (average over {}, computed exactly in each trial at fully ramped rates).",
            percent(s.mean),
            self.name(),
            (s.mean * 100.0).round().clamp(0.0, 100.0),
            self.trials()
        )];
        if self.uplift().is_some() {
            inputs.push(format!(
                "{}: {}.",
                self.baseline.name,
                percent(self.baseline.summary.retention_12m.mean)
            ));
        }
        Explanation {
            kpi: Kpi::Retention,
            formula: "12-month retention = the probability that a newly acquired customer is \
                      still in an own stage 12 months after entering the first one."
                .to_string(),
            inputs,
            interval: self.interval(Spread::InputsOnly, "the 12-month retention", s, &|x| {
                percent(x)
            }),
            raises: "lower churn in the own stages, less friction in the departments that own \
                     them (lost attempts to move on drop out)"
                .to_string(),
            lowers: "higher churn; with sBG churn and the same first month, customers more \
                     alike (a larger alpha + beta), since their churn falls less with tenure"
                .to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use journey_core::{Journey, run_trials};

    use super::*;

    fn report(currency: &str, one_off: u32) -> Report {
        let journey = Journey::from_json(&format!(
            r#"{{"schema": 1, "months": 12, "currency": "{currency}", "arrivals_per_month": 300,
                "departments": [{{"id": "sales", "friction": {{"low": 0.2, "high": 0.4}}}}],
                "stages": [
                  {{"id": "buy", "phase": "buy", "owner": "sales", "advance": 0.3, "drop": 0.2}},
                  {{"id": "use", "phase": "own", "owner": "sales", "drop": 0.05,
                   "revenue_per_month": 20, "advocacy": 0.01}}],
                "initial": {{"use": 100}},
                "scenarios": [
                  {{"name": "Halve friction", "investments": [{{"department": "sales",
                    "monthly_spend": 500, "half_friction_spend": 500, "one_off": {one_off}}}]}},
                  {{"name": "Nothing", "investments": []}}]}}"#
        ))
        .unwrap();
        run_trials(&journey, 5, 0..40).report(&journey, 5)
    }

    fn text(e: &Explanation) -> String {
        [&e.formula, &e.interval, &e.raises, &e.lowers]
            .into_iter()
            .chain(&e.inputs)
            .cloned()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn every_figure_on_every_card_is_explained() {
        let report = report("USD", 2000);
        assert_eq!(card_kpis(&report, 0), [Kpi::Npv, Kpi::Clv, Kpi::Retention]);
        assert_eq!(card_kpis(&report, 1), Kpi::ALL);
        for index in 0..report.results.len() {
            for kpi in card_kpis(&report, index) {
                let e = explain(&report, index, kpi).expect("explained");
                assert_eq!(e.kpi, kpi);
                assert!(!e.formula.is_empty() && !e.inputs.is_empty());
                assert!(!e.interval.is_empty() && !e.raises.is_empty());
            }
        }
        assert_eq!(explain(&report, 0, Kpi::NpvUplift), None);
        assert_eq!(explain(&report, 9, Kpi::Npv), None);
    }

    #[test]
    fn the_numbers_are_the_cards_own() {
        let report = report("USD", 2000);
        let option = &report.results[1];
        let baseline = &report.results[0];
        let uplift = option.uplift.as_ref().unwrap();
        let npv = text(&explain(&report, 1, Kpi::Npv).unwrap());
        assert!(npv.contains(&money(option.summary.npv.mean, "USD")));
        assert!(npv.contains(&money(option.summary.npv.p05, "USD")));
        assert!(npv.contains(&money(option.summary.npv.p95, "USD")));
        assert!(npv.contains("12 months"));
        let up = explain(&report, 1, Kpi::NpvUplift).unwrap();
        assert!(up.inputs[0].starts_with(&format!(
            "= {} − {} = {}",
            money(option.summary.npv.mean, "USD"),
            money(baseline.summary.npv.mean, "USD"),
            money_change(uplift.uplift_npv.mean, "USD")
        )));
        assert!(
            up.formula
                .contains("NPV of Halve friction − NPV of Baseline")
        );
        let roi = text(&explain(&report, 1, Kpi::Roi).unwrap());
        assert!(roi.contains(&percent_change(uplift.roi.unwrap().mean)));
        let chance = text(&explain(&report, 1, Kpi::ProbPositiveRoi).unwrap());
        assert!(chance.contains(&percent(uplift.prob_positive_roi.unwrap())));
        assert!(chance.contains("40 trials"));
        let clv = text(&explain(&report, 0, Kpi::Clv).unwrap());
        assert!(clv.contains(&money(baseline.summary.clv.mean, "USD")));
        let retention = text(&explain(&report, 0, Kpi::Retention).unwrap());
        assert!(retention.contains(&percent(baseline.summary.retention_12m.mean)));
        let revenue = text(&explain(&report, 1, Kpi::RevenueUplift).unwrap());
        assert!(revenue.contains(&money_change(uplift.uplift_revenue.mean, "USD")));
        let payback = text(&explain(&report, 1, Kpi::Payback).unwrap());
        match &uplift.payback_month {
            Some(p) => assert!(payback.contains(&month(p.p50))),
            None => assert!(payback.contains("None of")),
        }
    }

    #[test]
    fn payback_says_why_its_share_is_not_the_chance_of_a_positive_roi() {
        let mut report = report("USD", 2000);
        let uplift = report.results[1].uplift.as_mut().unwrap();
        if uplift.payback_month.is_none() {
            uplift.payback_month = uplift.roi;
        }
        uplift.prob_payback = Some(0.287);
        uplift.prob_positive_roi = Some(0.285);
        let payback = text(&explain(&report, 1, Kpi::Payback).unwrap());
        assert!(
            payback.contains("The chance of a positive ROI, 28.5%, counts the trials ahead"),
            "{payback}"
        );
        report.results[1].uplift.as_mut().unwrap().prob_positive_roi = Some(0.287);
        let payback = text(&explain(&report, 1, Kpi::Payback).unwrap());
        assert!(
            !payback.contains("The chance of a positive ROI"),
            "{payback}"
        );
        // A chance that reads 0.0% is said in words.
        for (p, words) in [
            (
                0.0,
                "No trial had a positive ROI, which counts the trials ahead",
            ),
            (0.0004, "The chance of a positive ROI, under 0.1%, counts"),
        ] {
            report.results[1].uplift.as_mut().unwrap().prob_positive_roi = Some(p);
            let payback = text(&explain(&report, 1, Kpi::Payback).unwrap());
            assert!(payback.contains(words), "{payback}");
            assert!(!payback.contains("0.0%"), "{payback}");
        }
    }

    #[test]
    fn money_is_in_the_reports_currency() {
        let report = report("EUR", 0);
        for index in 0..report.results.len() {
            for kpi in [Kpi::Npv, Kpi::Clv] {
                let e = explain(&report, index, kpi).unwrap();
                assert!(text(&e).contains('€'), "{kpi:?}");
                assert!(!text(&e).contains('$'), "{kpi:?}");
            }
        }
        let e = explain(&report, 1, Kpi::NpvUplift).unwrap();
        assert!(text(&e).contains('€') && !text(&e).contains('$'));
    }

    #[test]
    fn an_option_without_spending_says_why_roi_is_missing() {
        let report = report("USD", 0);
        let e = explain(&report, 2, Kpi::Roi).unwrap();
        assert!(e.inputs[0].contains("spends nothing"));
        let e = explain(&report, 2, Kpi::ProbPositiveRoi).unwrap();
        assert!(e.inputs[0].contains("spends nothing"));
    }

    #[test]
    fn the_spread_of_exact_figures_is_put_down_to_the_inputs_alone() {
        let report = report("USD", 2000);
        for kpi in [Kpi::Clv, Kpi::Retention] {
            let e = explain(&report, 0, kpi).unwrap();
            assert!(e.interval.contains("uncertain inputs alone"), "{kpi:?}");
            assert!(!e.interval.contains("who moves"), "{kpi:?}");
        }
        let npv = explain(&report, 0, Kpi::Npv).unwrap();
        assert!(npv.interval.contains("chance in who moves each month"));
    }

    #[test]
    fn the_directions_read_right_for_a_month_and_for_sbg_churn() {
        // A later payback month is a higher number: its labels say which way.
        assert_eq!(
            (Kpi::Payback.raises_label(), Kpi::Payback.lowers_label()),
            ("Brings it earlier: ", "Pushes it later: ")
        );
        assert_eq!(Kpi::Clv.raises_label(), "Raises it: ");
        // sBG churn in the first month is alpha / (alpha + beta).
        let report = report("USD", 2000);
        let clv = explain(&report, 0, Kpi::Clv).unwrap();
        assert!(
            clv.raises.contains("a lower alpha or a higher beta"),
            "{}",
            clv.raises
        );
        let retention = explain(&report, 0, Kpi::Retention).unwrap();
        assert!(
            retention.lowers.contains("a larger alpha + beta"),
            "{}",
            retention.lowers
        );
    }

    #[test]
    fn payback_reads_as_a_month() {
        assert_eq!(month(13.6), "month 14");
        assert_eq!(month(f64::NAN), "—");
    }
}

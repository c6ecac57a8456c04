//! Results as CSV for spreadsheets (RFC 4180, `\n` line ends), pure so it
//! is tested natively. The monthly series match `journey run --format csv`
//! column for column; the summaries have no CLI counterpart and follow the
//! same rules (text quoted only when needed, numbers as Rust prints them,
//! empty when undefined).

use journey_core::csv::{number, quote, row};
use journey_core::{Outcomes, Report, Summary, Uplift};

/// One row per variant and result: `scenario,key,mean,sd,p05,p50,p95`.
/// Every variant has the outcome keys; each investment option then has its
/// uplift keys, and the shares `prob_positive_roi` and `prob_payback` with
/// their value in `mean` (a share has no spread). A result undefined in
/// every trial (ROI without spending, payback never reached) has empty
/// cells.
pub fn summary_table(report: &Report) -> String {
    let mut out = row(&["scenario", "key", "mean", "sd", "p05", "p50", "p95"].map(String::from));
    for variant in &report.results {
        let name = quote(&variant.name);
        let mut push = |key: &str, cells: [Option<f64>; 5]| {
            let mut line = vec![name.clone(), key.to_string()];
            line.extend(cells.map(number));
            out.push_str(&row(&line));
        };
        for (key, summary) in outcome_columns(&variant.summary) {
            push(key, summary_cells(Some(summary)));
        }
        if let Some(uplift) = &variant.uplift {
            for (key, summary) in uplift_columns(uplift) {
                push(key, summary_cells(summary));
            }
            push("prob_positive_roi", share_cells(uplift.prob_positive_roi));
            push("prob_payback", share_cells(uplift.prob_payback));
        }
    }
    out
}

/// The file name of a download: the journey's name as lower-case words
/// joined by hyphens, then `suffix` (`subscription-retailer-results.csv`).
pub fn file_name(journey: &str, suffix: &str) -> String {
    format!("{}-{suffix}", slug(journey))
}

/// Lower-case words joined by hyphens, without any words in brackets
/// (`journey` when none are left): safe in a file name on every system,
/// and named as "Export scenario" names the journey's JSON.
pub fn slug(text: &str) -> String {
    let mut depth = 0usize;
    let mut slug = String::new();
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            // ASCII case only, as for department ids: no Unicode tables.
            c if depth == 0 && c.is_alphanumeric() => slug.push(c.to_ascii_lowercase()),
            _ if depth == 0 && !slug.is_empty() && !slug.ends_with('-') => slug.push('-'),
            _ => {}
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "journey".to_string()
    } else {
        slug.to_string()
    }
}

/// The outcomes in the order of the engine's `KEYS`. Destructured in full,
/// so a result added to the engine does not compile here until it has a row.
fn outcome_columns(o: &Outcomes<Summary>) -> [(&'static str, &Summary); 9] {
    let Outcomes {
        total_revenue,
        total_cost,
        total_margin,
        npv,
        customers_acquired,
        active_customers_end,
        referrals,
        clv,
        retention_12m,
    } = o;
    [
        ("total_revenue", total_revenue),
        ("total_cost", total_cost),
        ("total_margin", total_margin),
        ("npv", npv),
        ("customers_acquired", customers_acquired),
        ("active_customers_end", active_customers_end),
        ("referrals", referrals),
        ("clv", clv),
        ("retention_12m", retention_12m),
    ]
}

/// The uplift results that have a distribution, in the order of `KEYS`.
fn uplift_columns(u: &Uplift<Summary>) -> [(&'static str, Option<&Summary>); 5] {
    let Uplift {
        uplift_revenue,
        uplift_npv,
        investment_pv,
        roi,
        payback_month,
        prob_positive_roi: _,
        prob_payback: _,
    } = u;
    [
        ("uplift_revenue", Some(uplift_revenue)),
        ("uplift_npv", Some(uplift_npv)),
        ("investment_pv", Some(investment_pv)),
        ("roi", roi.as_ref()),
        ("payback_month", payback_month.as_ref()),
    ]
}

fn summary_cells(s: Option<&Summary>) -> [Option<f64>; 5] {
    match s {
        Some(s) => [s.mean, s.sd, s.p05, s.p50, s.p95].map(Some),
        None => [None; 5],
    }
}

fn share_cells(share: Option<f64>) -> [Option<f64>; 5] {
    [share, None, None, None, None]
}

#[cfg(test)]
mod tests {
    use journey_core::{Journey, KEYS, run_trials};

    use super::*;

    /// A small run whose option names need quoting.
    fn report() -> Report {
        let journey = Journey::from_json(
            r#"{"schema": 1, "name": "Test", "months": 6, "arrivals_per_month": 100,
                "departments": [{"id": "sales", "friction": 0.2}],
                "stages": [
                  {"id": "buy", "phase": "buy", "owner": "sales", "advance": 0.3, "drop": 0.2},
                  {"id": "use", "phase": "own", "owner": "sales", "drop": 0.05,
                   "revenue_per_month": 20}],
                "scenarios": [
                  {"name": "Train sales, then ops", "investments": [{"department": "sales",
                    "monthly_spend": 100, "half_friction_spend": 500}]},
                  {"name": "The \"big\" fix", "investments": []}]}"#,
        )
        .expect("a valid journey");
        run_trials(&journey, 7, 0..40).report(&journey, 7)
    }

    /// Parses one CSV line as RFC 4180 (enough for these tables).
    fn cells(line: &str) -> Vec<String> {
        let mut out = vec![String::new()];
        let mut quoted = false;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    chars.next();
                    out.last_mut().unwrap().push('"');
                }
                ('"', _) => quoted = !quoted,
                (',', false) => out.push(String::new()),
                (c, _) => out.last_mut().unwrap().push(c),
            }
        }
        out
    }

    #[test]
    fn summaries_have_every_variant_and_key() {
        let report = report();
        let text = summary_table(&report);
        let mut lines = text.lines();
        assert_eq!(
            lines.next(),
            Some("scenario,key,mean,sd,p05,p50,p95"),
            "header"
        );
        let rows: Vec<Vec<String>> = lines.map(cells).collect();
        assert!(rows.iter().all(|r| r.len() == 7), "seven cells a row");
        let names = ["Baseline", "Train sales, then ops", "The \"big\" fix"];
        for (v, name) in names.iter().enumerate() {
            let keys: Vec<&str> = rows
                .iter()
                .filter(|r| r[0] == *name)
                .map(|r| r[1].as_str())
                .collect();
            let mut expected: Vec<&str> = KEYS[..9].to_vec();
            if v > 0 {
                expected.extend(&KEYS[9..]);
                expected.extend(["prob_positive_roi", "prob_payback"]);
            }
            assert_eq!(keys, expected, "{name}");
        }
        // Values as the report has them.
        let npv = &report.results[1].summary.npv;
        let row = rows
            .iter()
            .find(|r| r[0] == names[1] && r[1] == "npv")
            .unwrap();
        let values: Vec<f64> = row[2..].iter().map(|c| c.parse().unwrap()).collect();
        assert_eq!(values, [npv.mean, npv.sd, npv.p05, npv.p50, npv.p95]);
        // No spending: no ROI, and its cells are empty.
        let roi = rows
            .iter()
            .find(|r| r[0] == names[2] && r[1] == "roi")
            .unwrap();
        assert!(roi[2..].iter().all(String::is_empty), "{roi:?}");
        let share = rows
            .iter()
            .find(|r| r[0] == names[1] && r[1] == "prob_payback")
            .unwrap();
        let p: f64 = share[2].parse().unwrap();
        assert!((0.0..=1.0).contains(&p) && share[3..].iter().all(String::is_empty));
        // The names that need quoting are quoted in the text.
        assert!(text.contains("\n\"Train sales, then ops\",npv,"));
        assert!(text.contains("\n\"The \"\"big\"\" fix\",npv,"));
    }

    #[test]
    fn monthly_series_match_the_cli_layout() {
        let report = report();
        let text = journey_core::csv::run_table(&report);
        let mut lines = text.lines();
        let header = cells(lines.next().unwrap());
        assert_eq!(header.len(), 2 + 4 * (journey_core::SERIES.len() + 1));
        assert_eq!(
            header[..4],
            [
                "scenario",
                "month",
                "active_customers_mean",
                "active_customers_p05"
            ]
        );
        assert_eq!(header.last().unwrap(), "cumulative_uplift_npv_p95");
        let rows: Vec<Vec<String>> = lines.map(cells).collect();
        assert_eq!(rows.len(), 3 * 6, "one row per variant and month");
        assert!(rows.iter().all(|r| r.len() == header.len()));
        assert_eq!(rows[6][0], "Train sales, then ops");
        assert_eq!(rows[6][1], "1");
        let band = &report.results[1].monthly.cumulative_npv;
        let column = header
            .iter()
            .position(|h| h == "cumulative_npv_p95")
            .unwrap();
        assert_eq!(rows[11][column].parse::<f64>().unwrap(), band.p95[5]);
        // The uplift's columns: an option's gain, and nothing for the baseline.
        let uplift = report.results[1].monthly.cumulative_uplift_npv.as_ref();
        let column = header
            .iter()
            .position(|h| h == "cumulative_uplift_npv_mean")
            .unwrap();
        assert_eq!(
            rows[11][column].parse::<f64>().unwrap(),
            uplift.unwrap().mean[5]
        );
        assert!(
            rows[..6]
                .iter()
                .all(|r| r[column..].iter().all(String::is_empty))
        );
    }

    #[test]
    fn file_names_follow_the_journey() {
        assert_eq!(
            file_name("Subscription retailer (monthly box)", "results.csv"),
            "subscription-retailer-results.csv"
        );
        assert_eq!(
            file_name("B2B SaaS — onboarding!", "monthly.csv"),
            "b2b-saas-onboarding-monthly.csv"
        );
        assert_eq!(file_name(" / ", "results.csv"), "journey-results.csv");
        assert_eq!(slug("Active customers"), "active-customers");
        assert_eq!(slug("ROI of \"Fix\", then <b>"), "roi-of-fix-then-b");
    }
}

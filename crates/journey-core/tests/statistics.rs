//! Monte Carlo against the exact `expected` mode (MODEL.md §5): with no
//! uncertain values, trial means converge to the expectation. Each check
//! allows 4.5 standard errors; the seeds are fixed, so a pass is stable and
//! a bias of a fraction of a percent fails.

use journey_core::{Journey, expected, run_trials};
use serde_json::{Value, json};

const TOLERANCE_SE: f64 = 4.5;

fn trials() -> u32 {
    if cfg!(debug_assertions) { 600 } else { 6000 }
}

/// sBG churn, a repeat-purchase loop, department and hand-off friction,
/// investments with ramps, referrals into a later buy stage.
fn rich_journey() -> Value {
    json!({
        "schema": 1, "name": "statistics", "months": 30, "discount_rate": 0.08,
        "clv_horizon_months": 60, "arrivals_per_month": 800, "referral_entry": "research",
        "departments": [
            {"id": "mkt", "friction": 0.10}, {"id": "sales", "friction": 0.20},
            {"id": "ops", "friction": 0.15}, {"id": "care", "friction": 0.25}
        ],
        "handoffs": [{"from": "sales", "to": "ops", "friction": 0.20},
                     {"from": "ops", "to": "care", "friction": 0.05}],
        "stages": [
            {"id": "need", "phase": "buy", "owner": "mkt", "advance": 0.5, "drop": 0.3},
            {"id": "research", "phase": "buy", "owner": "mkt", "advance": 0.4, "drop": 0.3},
            {"id": "purchase", "phase": "buy", "owner": "sales", "advance": 0.6, "drop": 0.2},
            {"id": "onboard", "phase": "own", "owner": "ops", "advance": 0.7, "drop": 0.1,
             "revenue_on_entry": 90},
            {"id": "use", "phase": "own", "owner": "care", "advance": 0.06,
             "drop": {"sbg": {"alpha": 0.8, "beta": 3.5}},
             "revenue_per_month": 30, "cost_per_month": 11, "advocacy": 0.03},
            {"id": "repeat", "phase": "own", "owner": "care", "advance": 0.9, "drop": 0.02,
             "next": "use", "revenue_on_entry": 60, "advocacy": 0.05}
        ],
        "initial": {"use": 1500, "need": 300},
        "scenarios": [
            {"name": "ops", "investments": [{"department": "ops", "monthly_spend": 8000,
              "half_friction_spend": 20000, "start_month": 3, "ramp_months": 4}]},
            {"name": "handoff", "investments": [{"handoff": {"from": "sales", "to": "ops"},
              "one_off": 50000, "monthly_spend": 2000, "half_friction_spend": 3000, "start_month": 2}]},
            {"name": "care", "investments": [{"department": "care", "monthly_spend": 5000,
              "half_friction_spend": 10000, "ramp_months": 6}]}
        ]
    })
}

fn check_against_expected(v: Value, seed: u64) {
    let j = Journey::from_json(&v.to_string()).unwrap_or_else(|p| panic!("{p}"));
    let n = trials();
    let mc = run_trials(&j, seed, 0..n).report(&j, seed);
    let ex = expected(&j);
    let se = |sd: f64| sd / f64::from(n).sqrt();
    for (m, e) in mc.results.iter().zip(&ex.results) {
        let pairs = [
            (
                "total_revenue",
                m.summary.total_revenue,
                e.summary.total_revenue,
            ),
            ("total_cost", m.summary.total_cost, e.summary.total_cost),
            ("npv", m.summary.npv, e.summary.npv),
            (
                "customers_acquired",
                m.summary.customers_acquired,
                e.summary.customers_acquired,
            ),
            (
                "active_customers_end",
                m.summary.active_customers_end,
                e.summary.active_customers_end,
            ),
            ("referrals", m.summary.referrals, e.summary.referrals),
        ];
        for (key, got, want) in pairs {
            let z = (got.mean - want) / se(got.sd).max(1e-9);
            assert!(
                z.abs() < TOLERANCE_SE,
                "{} {key}: MC {} vs expected {want} (z = {z:.2})",
                m.name,
                got.mean
            );
        }
        // Exact per trial, so equal when nothing is uncertain.
        assert!((m.summary.clv.mean - e.summary.clv).abs() < 1e-9 * e.summary.clv.abs());
        assert!((m.summary.retention_12m.mean - e.summary.retention_12m).abs() < 1e-12);
        if let (Some(mu), Some(eu)) = (&m.uplift, &e.uplift) {
            let z = (mu.uplift_npv.mean - eu.uplift_npv) / se(mu.uplift_npv.sd).max(1e-9);
            assert!(
                z.abs() < TOLERANCE_SE,
                "{} uplift_npv: {} vs {} (z = {z:.2})",
                m.name,
                mu.uplift_npv.mean,
                eu.uplift_npv
            );
            assert!((mu.investment_pv.mean - eu.investment_pv).abs() < 1e-6);
        }
    }
}

#[test]
fn monte_carlo_means_match_expected_mode() {
    check_against_expected(rich_journey(), 2024);
}

#[test]
fn monthly_means_match_expected_mode() {
    let j = Journey::from_json(&rich_journey().to_string()).unwrap();
    let n = trials();
    let mc = run_trials(&j, 77, 0..n);
    let report = mc.report(&j, 77);
    let ex = expected(&j);
    // Per-month sd from the trials of one month is not reported; bound it
    // by the end-of-horizon spread, which is the largest for these series.
    let spread = report.results[0].summary.active_customers_end.sd;
    for month in [0, 5, 14, 29] {
        let got = report.results[0].monthly.active_customers.mean[month];
        let want = ex.results[0].monthly.active_customers[month];
        assert!(
            (got - want).abs() < TOLERANCE_SE * spread / f64::from(n).sqrt(),
            "month {}: {got} vs {want}",
            month + 1
        );
    }
}

#[test]
fn common_random_numbers_make_uplift_precise() {
    // The uplift's spread is far below the spread of either NPV, because
    // the baseline and the scenario share every random draw.
    let j = Journey::from_json(&rich_journey().to_string()).unwrap();
    let r = run_trials(&j, 3, 0..300).report(&j, 3);
    let npv_sd = r.results[0].summary.npv.sd;
    let uplift_sd = r.results[2].uplift.as_ref().unwrap().uplift_npv.sd;
    assert!(
        uplift_sd < npv_sd / 2.0,
        "uplift sd {uplift_sd} vs npv sd {npv_sd}"
    );
}

#[test]
fn a_journey_without_friction_or_sbg_also_converges() {
    let v = json!({
        "schema": 1, "months": 24, "arrivals_per_month": 2000,
        "departments": [{"id": "d"}],
        "stages": [
            {"id": "a", "phase": "buy", "owner": "d", "advance": 0.3, "drop": 0.5},
            {"id": "b", "phase": "own", "owner": "d", "advance": 0.1, "drop": 0.04,
             "revenue_per_month": 20, "advocacy": 0.02},
            {"id": "c", "phase": "own", "owner": "d", "drop": 0.01, "revenue_per_month": 25}
        ]
    });
    check_against_expected(v, 9);
}

#[test]
fn the_monthly_uplift_is_each_trial_s_cumulative_npv_gain() {
    let j = Journey::from_json(&rich_journey().to_string()).unwrap();
    let ex = expected(&j);
    let base = &ex.results[0];
    assert_eq!(base.monthly.cumulative_uplift_npv, None);
    for e in &ex.results[1..] {
        let uplift = e.monthly.cumulative_uplift_npv.as_ref().unwrap();
        for (t, x) in uplift.iter().enumerate() {
            let gain = e.monthly.cumulative_npv[t] - base.monthly.cumulative_npv[t];
            assert_eq!(x.to_bits(), gain.to_bits(), "{} month {}", e.name, t + 1);
        }
        let last = *uplift.last().unwrap();
        assert_eq!(
            last.to_bits(),
            e.uplift.as_ref().unwrap().uplift_npv.to_bits()
        );
    }

    let n = trials();
    let mc = run_trials(&j, 5, 0..n).report(&j, 5);
    let base = &mc.results[0];
    assert_eq!(base.monthly.cumulative_uplift_npv, None);
    for (m, e) in mc.results[1..].iter().zip(&ex.results[1..]) {
        let band = m.monthly.cumulative_uplift_npv.as_ref().unwrap();
        let exact = m.uplift.as_ref().unwrap().uplift_npv;
        let scale = base.summary.npv.mean.abs();
        for t in 0..band.mean.len() {
            // Means are linear: the mean gain is the gain of the means.
            let gain = m.monthly.cumulative_npv.mean[t] - base.monthly.cumulative_npv.mean[t];
            assert!(
                (band.mean[t] - gain).abs() < 1e-9 * scale,
                "{} month {}",
                m.name,
                t + 1
            );
            assert!(band.p05[t] <= band.p50[t] && band.p50[t] <= band.p95[t]);
            // It converges to the expected gain, within the final month's spread.
            let want = e.monthly.cumulative_uplift_npv.as_ref().unwrap()[t];
            let z = (band.mean[t] - want) / (exact.sd / f64::from(n).sqrt()).max(1e-9);
            assert!(
                z.abs() < TOLERANCE_SE,
                "{} month {}: z = {z:.2}",
                m.name,
                t + 1
            );
        }
        // The last month is the uplift itself: its mean to rounding, its
        // quantiles to the sketch's 0.4% (plus one step between trials).
        let last = band.mean.len() - 1;
        assert!((band.mean[last] - exact.mean).abs() < 1e-9 * scale);
        for (got, want) in [
            (band.p05[last], exact.p05),
            (band.p50[last], exact.p50),
            (band.p95[last], exact.p95),
        ] {
            assert!(
                (got - want).abs() <= 0.01 * want.abs().max(exact.sd),
                "{} {got} vs {want}",
                m.name
            );
        }
    }
}

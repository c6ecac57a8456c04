//! The exact expectations of MODEL.md: §7's closed forms and a journey
//! small enough to work out by hand.

use journey_core::{Journey, expected, ln_gamma, run_trials};
use serde_json::{Value, json};

fn journey(v: Value) -> Journey {
    Journey::from_json(&v.to_string()).unwrap_or_else(|p| panic!("{p}"))
}

fn delta(rate: f64) -> f64 {
    (1.0 + rate).powf(-1.0 / 12.0)
}

/// A buy stage leading to one own stage, nothing else.
fn one_own_stage(drop: Value, rate: f64, horizon: u32) -> Value {
    json!({
        "schema": 1, "months": 12, "discount_rate": rate, "clv_horizon_months": horizon,
        "departments": [{"id": "d"}],
        "stages": [
            {"id": "buy", "phase": "buy", "owner": "d", "advance": 0.5},
            {"id": "own", "phase": "own", "owner": "d", "drop": drop,
             "revenue_on_entry": 50, "revenue_per_month": 30, "cost_per_month": 5}
        ]
    })
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * a.abs().max(b.abs()).max(1e-12)
}

#[test]
fn clv_of_constant_churn_is_the_geometric_sum() {
    for (d, rate, horizon) in [(0.05_f64, 0.10, 120), (0.3, 0.0, 12), (0.0, 0.2, 36)] {
        let j = journey(one_own_stage(json!(d), rate, horizon));
        let clv = expected(&j).results[0].summary.clv;
        let m = 30.0 - 5.0;
        let dl = delta(rate);
        let want = 50.0
            + (1..=horizon)
                .map(|t| m * (1.0 - d).powi(t as i32 - 1) * dl.powi(t as i32))
                .sum::<f64>();
        assert!(close(clv, want, 1e-12), "d={d}: {clv} vs {want}");
        let retention = expected(&j).results[0].summary.retention_12m;
        assert!(close(retention, (1.0 - d).powi(12), 1e-12));
    }
}

/// ln B(a, b), to check the sBG survival curve.
fn ln_beta(a: f64, b: f64) -> f64 {
    ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b)
}

#[test]
fn sbg_retention_is_the_beta_function_ratio() {
    for (a, b) in [(0.7, 3.8), (1.2, 0.9), (0.3, 10.0)] {
        let j = journey(one_own_stage(
            json!({"sbg": {"alpha": a, "beta": b}}),
            0.1,
            24,
        ));
        let retention = expected(&j).results[0].summary.retention_12m;
        let want = (ln_beta(a, b + 12.0) - ln_beta(a, b)).exp();
        assert!(
            close(retention, want, 1e-9),
            "({a},{b}): {retention} vs {want}"
        );
    }
}

#[test]
fn sbg_survival_is_the_beta_function_ratio_every_month() {
    // A cohort already in the stage and no one after it: the people left
    // at the end of month t are N S(t) = N B(a, b + t) / B(a, b).
    let n = 10_000u32;
    for (a, b) in [(0.7, 3.8), (1.2, 0.9), (0.3, 10.0)] {
        let mut v = one_own_stage(json!({"sbg": {"alpha": a, "beta": b}}), 0.1, 24);
        v["months"] = json!(36);
        v["initial"] = json!({"own": n});
        let active = &expected(&journey(v)).results[0].monthly.active_customers;
        assert_eq!(active.len(), 36);
        for (i, &got) in active.iter().enumerate() {
            let t = (i + 1) as f64;
            let want = f64::from(n) * (ln_beta(a, b + t) - ln_beta(a, b)).exp();
            assert!(
                close(got, want, 1e-9),
                "({a},{b}) month {t}: {got} vs {want}"
            );
        }
    }
}

#[test]
fn sbg_clv_tends_to_the_hypergeometric_limit() {
    // 2F1(1, b; a + b; delta) = sum_n (b)_n / (a+b)_n delta^n.
    let (a, b) = (0.7, 3.8);
    let rate = 1.0; // steep discounting, so 600 months reach the limit
    let dl = delta(rate);
    let mut term = 1.0;
    let mut f = 1.0;
    for n in 0..20_000 {
        let n = n as f64;
        term *= (b + n) / (a + b + n) * dl;
        f += term;
    }
    let j = journey(one_own_stage(
        json!({"sbg": {"alpha": a, "beta": b}}),
        rate,
        600,
    ));
    let clv = expected(&j).results[0].summary.clv;
    let want = 50.0 + 25.0 * dl * f;
    assert!(close(clv, want, 1e-9), "{clv} vs {want}");
}

#[test]
fn a_two_month_journey_worked_by_hand() {
    // 1000 prospects in `buy`; 200 arrive each month. Month 1: 40% advance
    // (400 acquired), 10% drop, 500 stay; 200 arrive -> buy 700, own 400.
    // Referrals: advocacy 0.1 on the 0 customers at the start -> 0.
    // Month 2: buy 700 -> 280 advance, 70 drop, 350 stay (+200 arrivals);
    // own 400 -> 20 churn, 380 stay; referrals 0.1 * 400 = 40 enter buy.
    let j = journey(json!({
        "schema": 1, "months": 2, "discount_rate": 0.0, "arrivals_per_month": 200,
        "departments": [{"id": "d"}],
        "stages": [
            {"id": "buy", "phase": "buy", "owner": "d", "advance": 0.4, "drop": 0.1},
            {"id": "own", "phase": "own", "owner": "d", "drop": 0.05, "advocacy": 0.1,
             "revenue_on_entry": 10, "revenue_per_month": 3, "cost_per_month": 1}
        ],
        "initial": {"buy": 1000}
    }));
    let r = &expected(&j).results[0];
    let s = &r.summary;
    assert_eq!(r.monthly.active_customers, [400.0, 660.0]);
    assert_eq!(r.monthly.acquired, [400.0, 280.0]);
    assert_eq!(r.monthly.churned, [0.0, 20.0]);
    // Revenue: month 1 = 400 entries * 10; month 2 = 400 * 3 + 280 * 10.
    assert_eq!(r.monthly.revenue, [4000.0, 1200.0 + 2800.0]);
    assert_eq!(r.monthly.margin, [4000.0, 4000.0 - 400.0]);
    assert_eq!(s.referrals, 40.0);
    assert_eq!(s.customers_acquired, 680.0);
    assert_eq!(s.npv, 7600.0);
    assert_eq!(r.stages[0].end, 350.0 + 200.0 + 40.0);
}

#[test]
fn friction_and_investment_follow_section_three() {
    // advance_eff = advance (1 - f_o)(1 - h); an investment of s with
    // half-friction spend H halves friction when s = H.
    let v = json!({
        "schema": 1, "months": 1, "discount_rate": 0.0,
        "departments": [{"id": "s", "friction": 0.2}, {"id": "o", "friction": 0.5}],
        "handoffs": [{"from": "s", "to": "o", "friction": 0.25}],
        "stages": [
            {"id": "buy", "phase": "buy", "owner": "s", "advance": 0.5, "drop": 0.1},
            {"id": "own", "phase": "own", "owner": "o"}
        ],
        "initial": {"buy": 1000},
        "scenarios": [{"name": "halve", "investments": [
            {"handoff": {"from": "s", "to": "o"}, "monthly_spend": 10, "half_friction_spend": 10}]}]
    });
    let r = expected(&journey(v));
    let base = &r.results[0];
    assert!(close(
        base.monthly.acquired[0],
        1000.0 * 0.5 * 0.8 * 0.75,
        1e-12
    ));
    // Lost attempts leave: drop_eff = 0.1 + (0.5 - 0.3).
    assert!(close(base.stages[0].dropped, 1000.0 * 0.3, 1e-12));
    assert!(close(base.stages[0].lost_to_friction, 1000.0 * 0.2, 1e-12));
    let halved = &r.results[1];
    assert!(close(
        halved.monthly.acquired[0],
        1000.0 * 0.5 * 0.8 * (1.0 - 0.125),
        1e-12
    ));
    let uplift = halved.uplift.as_ref().unwrap();
    assert_eq!(uplift.investment_pv, 10.0);
}

#[test]
fn monte_carlo_is_exact_when_nothing_is_random() {
    // Probabilities of 0 and 1 and no arrivals: every trial equals `expected`.
    let j = journey(json!({
        "schema": 1, "months": 6, "discount_rate": 0.05,
        "departments": [{"id": "d"}],
        "stages": [
            {"id": "buy", "phase": "buy", "owner": "d", "advance": 1.0},
            {"id": "own", "phase": "own", "owner": "d", "revenue_per_month": 7}
        ],
        "initial": {"buy": 10}
    }));
    let mc = run_trials(&j, 3, 0..20).report(&j, 3);
    let ex = expected(&j);
    let (m, e) = (&mc.results[0], &ex.results[0]);
    assert!(close(m.summary.npv.mean, e.summary.npv, 1e-14));
    assert_eq!(m.summary.npv.p05, e.summary.npv);
    assert!(m.summary.npv.sd < 1e-9);
    assert_eq!(m.monthly.revenue.mean, e.monthly.revenue);
    // Monthly quantiles come from a sketch accurate to 0.4%.
    for (q, x) in m
        .monthly
        .active_customers
        .p95
        .iter()
        .zip(&e.monthly.active_customers)
    {
        assert!(close(*q, *x, 0.004), "{q} vs {x}");
    }
}

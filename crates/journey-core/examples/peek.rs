fn main() {
    let path = std::env::args().nth(1).unwrap();
    let trials: u32 = std::env::args()
        .nth(2)
        .map(|s| s.parse().unwrap())
        .unwrap_or(1000);
    let j = journey_core::Journey::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
    let e = journey_core::expected(&j);
    let t = std::time::Instant::now();
    let p = journey_core::run_trials(&j, 1, 0..trials);
    let el = t.elapsed();
    let r = p.report(&j, 1);
    for (x, y) in e.results.iter().zip(&r.results) {
        println!(
            "{}: npv exp {:.0} mc {:.0} ±{:.0} | clv {:.2} {:.2} | ret {:.4} {:.4} | acq {:.1} {:.1}",
            x.name,
            x.summary.npv,
            y.summary.npv.mean,
            y.summary.npv.sd / (trials as f64).sqrt(),
            x.summary.clv,
            y.summary.clv.mean,
            x.summary.retention_12m,
            y.summary.retention_12m.mean,
            x.summary.customers_acquired,
            y.summary.customers_acquired.mean
        );
        if let (Some(a), Some(b)) = (&x.uplift, &y.uplift) {
            println!(
                "   uplift npv {:.0} {:.0} roi {:?} {:?} payback {:?} {:?} ppos {:?}",
                a.uplift_npv,
                b.uplift_npv.mean,
                a.roi,
                b.roi.map(|s| s.mean),
                a.payback_month,
                b.payback_month.map(|s| s.p50),
                b.prob_positive_roi
            );
        }
    }
    println!(
        "{} trials in {:?} = {:.0}/s",
        trials,
        el,
        trials as f64 / el.as_secs_f64()
    );
}

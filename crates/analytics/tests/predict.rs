//! The prediction models: the published CDNOW estimates, parameters recovered from data
//! simulated with known ones, and sane predictions on edge cases.

use regulars_analytics::predict::{BgParams, FitError, Rfm, Spend, Variant, fit_bg, fit_gamma_gamma};

/// The CDNOW sample (tests/data/PROVENANCE.md): each customer's history and repeat spend.
fn cdnow() -> Vec<(Rfm, f64)> {
    let text = include_str!("data/cdnow_summary.csv");
    let rows: Vec<(Rfm, f64)> = text
        .lines()
        .skip(1)
        .map(|line| {
            let v: Vec<f64> = line.split(',').skip(1).map(|c| c.parse().expect("number")).collect();
            (Rfm { x: v[0], t_x: v[1], t: v[2] }, v[3])
        })
        .collect();
    assert_eq!(rows.len(), 2357);
    rows
}

fn close(actual: f64, expected: f64, tolerance: f64) -> bool {
    ((actual - expected) / expected).abs() < tolerance
}

#[test]
fn bg_nbd_reproduces_the_papers_cdnow_estimates() {
    let data: Vec<Rfm> = cdnow().into_iter().map(|(c, _)| c).collect();
    let fit = fit_bg(Variant::BgNbd, &data, 30).expect("fits");
    let p = fit.params;
    println!("BG/NBD on CDNOW: {p:?}, LL {:.2}, {} iterations", fit.log_likelihood, fit.iterations);
    // Fader, Hardie and Lee 2005, p. 281: r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4.
    assert!(close(p.r, 0.243, 0.005), "{p:?}");
    assert!(close(p.alpha, 4.414, 0.005), "{p:?}");
    assert!(close(p.a, 0.793, 0.005), "{p:?}");
    assert!(close(p.b, 2.426, 0.005), "{p:?}");
    assert!((fit.log_likelihood - -9582.4).abs() < 0.1, "{}", fit.log_likelihood);
}

#[test]
fn gamma_gamma_reproduces_the_cdnow_spend_estimates() {
    let spends: Vec<Spend> = cdnow().into_iter().map(|(c, zbar)| Spend { x: c.x, mean: zbar }).collect();
    let fit = fit_gamma_gamma(&spends, 30).expect("fits");
    println!("Gamma-Gamma on CDNOW: {:?}, LL {:.2}", fit.params, fit.log_likelihood);
    // Fader and Hardie, "The Gamma-Gamma Model of Monetary Value" (2013): p = 6.25, q = 3.74, gamma = 15.44.
    let p = fit.params;
    assert_eq!(fit.customers, 946);
    assert!(close(p.p, 6.25, 0.01) && close(p.q, 3.74, 0.01) && close(p.gamma, 15.44, 0.01), "{p:?}");
}

/// A seeded simulation of the MBG/NBD story: λ ~ Gamma(r, alpha), p ~ Beta(a, b); after each
/// purchase (the first included) the customer drops out with probability p.
fn simulate(truth: BgParams, customers: usize, seed: u64) -> Vec<Rfm> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let gamma = |rng: &mut fastrand::Rng, shape: f64| -> f64 {
        // Marsaglia and Tsang, with the boost for shape < 1.
        let (shape, boost) = if shape < 1.0 { (shape + 1.0, rng.f64().powf(1.0 / shape)) } else { (shape, 1.0) };
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / (9.0 * d).sqrt();
        loop {
            let normal = {
                let (u1, u2) = (rng.f64().max(1e-300), rng.f64());
                (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
            };
            let v = (1.0 + c * normal).powi(3);
            if v > 0.0 && rng.f64().max(1e-300).ln() < 0.5 * normal * normal + d - d * v + d * v.ln() {
                return d * v * boost;
            }
        }
    };
    (0..customers)
        .map(|_| {
            let lambda = gamma(&mut rng, truth.r) / truth.alpha;
            let (ga, gb) = (gamma(&mut rng, truth.a), gamma(&mut rng, truth.b));
            let p = ga / (ga + gb);
            let age = 20.0 + 32.0 * rng.f64();
            let (mut x, mut t_x, mut now) = (0.0, 0.0, 0.0);
            loop {
                if rng.f64() < p {
                    break;
                }
                now += -(rng.f64().max(1e-300)).ln() / lambda;
                if now > age {
                    break;
                }
                x += 1.0;
                t_x = now;
            }
            Rfm { x, t_x, t: age }
        })
        .collect()
}

#[test]
fn mbg_nbd_recovers_known_parameters_from_simulated_customers() {
    let truth = BgParams { r: 0.8, alpha: 6.0, a: 1.5, b: 5.0 };
    let data = simulate(truth, 20_000, 7);
    let fit = fit_bg(Variant::MbgNbd, &data, 30).expect("fits");
    let p = fit.params;
    println!("MBG/NBD on 20,000 simulated customers: {p:?} (truth {truth:?})");
    // Sampling error on 20,000 customers: within 15% of each true value.
    for (got, want) in [(p.r, truth.r), (p.alpha, truth.alpha), (p.a, truth.a), (p.b, truth.b)] {
        assert!(close(got, want, 0.15), "{p:?} against {truth:?}");
    }
}

#[test]
fn predictions_are_finite_and_in_range_on_edge_cases() {
    let cdnow: Vec<Rfm> = cdnow().into_iter().map(|(c, _)| c).collect();
    let fit = fit_bg(Variant::MbgNbd, &cdnow, 30).expect("fits");
    let edge = [
        Rfm { x: 0.0, t_x: 0.0, t: 0.0 },    // bought today, once
        Rfm { x: 0.0, t_x: 0.0, t: 80.0 },   // once, long ago
        Rfm { x: 40.0, t_x: 38.0, t: 39.0 }, // a regular
        Rfm { x: 5.0, t_x: 1.0, t: 39.0 },   // five quick visits, then silence
        Rfm { x: 3.0, t_x: 0.0, t: 10.0 },   // same-day purchases only (counted as days, never > 0 here)
    ];
    for c in &edge {
        let alive = fit.params.p_alive(Variant::MbgNbd, c);
        let expected = fit.params.expected_purchases(Variant::MbgNbd, c, 13.0);
        assert!(alive.is_finite() && (0.0..=1.0).contains(&alive), "{c:?}: {alive}");
        assert!(expected.is_finite() && expected >= 0.0, "{c:?}: {expected}");
    }
    let once_recent = fit.params.p_alive(Variant::MbgNbd, &edge[0]);
    let once_long_ago = fit.params.p_alive(Variant::MbgNbd, &edge[1]);
    assert!(once_recent > once_long_ago, "a one-time buyer of long ago is less likely still a customer");
    assert!(once_long_ago < 1.0, "one-time buyers are not all alive for certain (MBG/NBD)");
    assert!(
        fit.params.p_alive(Variant::MbgNbd, &edge[2]) > fit.params.p_alive(Variant::MbgNbd, &edge[3]),
        "a regular who was just here beats one who went quiet"
    );
    // BG/NBD's known weakness, which is why the shop is scored with MBG/NBD.
    let bg = fit_bg(Variant::BgNbd, &cdnow, 30).expect("fits");
    assert_eq!(bg.params.p_alive(Variant::BgNbd, &edge[1]), 1.0);
}

#[test]
fn too_little_history_is_refused_not_guessed() {
    let one = [Rfm { x: 2.0, t_x: 3.0, t: 10.0 }];
    assert_eq!(fit_bg(Variant::MbgNbd, &one, 30), Err(FitError::TooLittleHistory { repeat_customers: 1, needed: 30 }));
    let all_once = vec![Rfm { x: 0.0, t_x: 0.0, t: 10.0 }; 500];
    assert!(matches!(fit_bg(Variant::MbgNbd, &all_once, 30), Err(FitError::TooLittleHistory { repeat_customers: 0, .. })));
}

#[test]
fn a_history_where_nobody_stops_predicts_nothing_rather_than_everyone_at_100_percent() {
    use chrono::{Days, NaiveDate};
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let mut builder = regulars_analytics::HistoryBuilder::new();
    // 200 customers who have all kept coming, each on their own steady rhythm, to this week.
    for customer in 0..200_i64 {
        let gap = 7 + (customer % 20) as u64;
        let mut day = today - Days::new(customer as u64 % 5);
        for _ in 0..(360 / gap) {
            builder.sale(Some(customer), day, 2_500);
            day = day - Days::new(gap);
        }
    }
    let outlook = regulars_analytics::outlook::outlook(&builder.build(), today);
    assert!(outlook.models.is_none(), "{:?}", outlook.models);
    assert!(outlook.unavailable.as_deref().is_some_and(|why| why.contains("nobody seems to stop")), "{:?}", outlook.unavailable);
    assert!(outlook.customers.is_empty());
}

/// A history whose sales stop long before today (an old export) is checked against the
/// months it covers: the hold-out window ends on its last sale day, not on today.
#[test]
fn the_hold_out_check_ends_where_the_history_ends() {
    use chrono::{Days, NaiveDate};
    let last_sale = NaiveDate::from_ymd_opt(2025, 3, 3).expect("date");
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let mut builder = regulars_analytics::HistoryBuilder::new();
    let mut rng = fastrand::Rng::with_seed(9);
    for customer in 0..400_i64 {
        let mut day = last_sale - Days::new(rng.u64(0..700));
        builder.sale(Some(customer), day, 2_000);
        // Some come back at their own pace, some stop: the model has something to fit.
        let gap = 20 + rng.u64(0..90);
        while rng.f64() < 0.7 {
            day = day + Days::new(gap);
            if day > last_sale {
                break;
            }
            builder.sale(Some(customer), day, 2_000);
        }
    }
    let outlook = regulars_analytics::outlook::outlook(&builder.build(), today);
    let holdout = outlook.holdout.expect("a hold-out check");
    let last_month = holdout.months.last().expect("months");
    assert_eq!(last_month.to, last_sale, "the check ends on the last sale day");
    assert!(holdout.fitted_to < last_sale && holdout.months.iter().all(|m| m.to <= last_sale));
    assert!(holdout.months.iter().any(|m| m.actual > 0), "months the file covers: {:?}", holdout.months);
}

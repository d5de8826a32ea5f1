//! The metrics on a small shop computed by hand, and their invariants on generated shops.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, Weekday};
use regulars_analytics::{Filter, HistoryBuilder, Period, Segment, compute};

fn d(raw: &str) -> NaiveDate {
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").expect("test dates are valid")
}

fn quarter_filter() -> Filter {
    Filter { from: d("2026-01-01"), to: d("2026-03-31"), period: Period::Month, week_start: Weekday::Mon, follow_up_days: 14 }
}

/// Six customers and some walk-ins around the first quarter of 2026; docs/METRICS.md works
/// through the same example.
fn fixture() -> HistoryBuilder {
    let mut h = HistoryBuilder::new();
    for (id, name) in [(1, "Ana"), (2, "Ben"), (3, "Cleo"), (4, "Dev"), (5, "Eve"), (6, "Finn")] {
        h.name(id, name);
    }
    let sales: &[(Option<i64>, &str, i64)] = &[
        (Some(1), "2025-12-10", 100),
        (Some(1), "2026-01-05", 50),
        (Some(1), "2026-02-07", 30),
        (Some(2), "2026-01-10", 200),
        (Some(2), "2026-01-10", 20),
        (Some(2), "2026-01-20", 40),
        (Some(2), "2026-03-02", 60),
        (Some(3), "2026-02-15", 100),
        (Some(4), "2026-03-25", 70),
        (Some(5), "2025-11-01", 500),
        (Some(6), "2026-02-01", 10),
        (Some(6), "2026-04-10", 999),
        (None, "2026-01-15", 25),
        (None, "2026-03-31", 5),
        (None, "2026-04-01", 1000),
    ];
    // Out of order on purpose: the builder sorts.
    for &(customer, day, amount) in sales.iter().rev() {
        h.sale(customer, d(day), amount);
    }
    h.contact(2, d("2026-01-12"));
    h.contact(4, d("2026-03-26"));
    h.contact(6, d("2026-02-20"));
    h
}

#[test]
fn the_hand_computed_quarter() {
    let report = compute(&fixture().build(), &quarter_filter());
    let s = &report.summary;
    assert_eq!((s.customers, s.new_customers, s.returning_customers, s.repeat_customers), (5, 4, 1, 2));
    assert_eq!((s.revenue_minor, s.walk_in_revenue_minor), (610, 30));
    assert_eq!((s.repeat_rate, s.returning_rate), (Some(0.4), Some(0.2)));

    let months: Vec<_> = report
        .periods
        .iter()
        .map(|p| {
            (
                p.label.as_str(),
                p.new_customers,
                p.returning_customers,
                p.new_revenue_minor,
                p.returning_revenue_minor,
                p.walk_in_revenue_minor,
            )
        })
        .collect();
    assert_eq!(months, vec![("2026-01", 1, 1, 260, 50, 25), ("2026-02", 2, 1, 110, 30, 0), ("2026-03", 1, 1, 70, 60, 5)]);
    assert_eq!(report.periods[1].returning_rate, Some(1.0 / 3.0));

    let cohorts: Vec<_> = report.cohorts.iter().map(|c| (c.month.as_str(), c.customers, c.retained.clone())).collect();
    assert_eq!(cohorts, vec![("2026-01", 1, vec![1, 0, 1]), ("2026-02", 2, vec![2, 0]), ("2026-03", 1, vec![1])]);

    let counts: Vec<u64> = report.purchase_counts.iter().map(|b| b.customers).collect();
    assert_eq!(counts, vec![3, 1, 1, 0, 0]);

    let second = &report.second_purchase;
    assert_eq!((second.came_back, second.not_yet, second.median_days), (1, 3, Some(10)));
    assert_eq!(second.buckets.iter().find(|b| b.customers > 0).map(|b| b.label.as_str()), Some("8-14"));

    let worth = &report.loyalty;
    assert_eq!((worth.all.customers, worth.all.first_purchase_minor, worth.all.revenue_minor), (4, 400, 500));
    assert_eq!(worth.all.multiple, Some(1.25));
    assert_eq!((worth.repeat.customers, worth.repeat.first_purchase_minor, worth.repeat.revenue_minor), (1, 220, 320));

    let f = &report.follow_up;
    assert_eq!((f.contacted.customers, f.contacted.came_back, f.contacted.rate), (1, 1, Some(1.0)));
    assert_eq!((f.not_contacted.customers, f.not_contacted.came_back, f.not_contacted.rate), (2, 0, Some(0.0)));

    let top: Vec<_> = report.top_customers.iter().map(|t| (t.name.as_str(), t.revenue_minor, t.purchase_days)).collect();
    assert_eq!(top, vec![("Ben", 320, 3), ("Cleo", 100, 1), ("Ana", 80, 2), ("Dev", 70, 1), ("Finn", 10, 1)]);
    assert_eq!(report.top_customers[0].last_purchase, d("2026-03-02"));

    let segments: BTreeMap<&str, u64> = report.segments.iter().map(|r| (r.label.as_str(), r.customers)).collect();
    let expected: BTreeMap<&str, u64> =
        [("Champions", 0), ("Loyal", 1), ("New", 1), ("Promising", 1), ("At risk", 0), ("Hibernating", 1), ("Lost", 1)].into();
    assert_eq!(segments, expected);
    assert_eq!(report.segments.iter().find(|r| r.segment == Segment::Loyal).map(|r| r.revenue_minor), Some(320));
}

#[test]
fn an_empty_shop_and_an_inverted_range_give_zeros_not_errors() {
    let empty = compute(&HistoryBuilder::new().build(), &quarter_filter());
    assert_eq!(empty.summary.customers, 0);
    assert_eq!(empty.summary.repeat_rate, None);
    assert_eq!(empty.periods.len(), 3);
    let mut inverted = quarter_filter();
    std::mem::swap(&mut inverted.from, &mut inverted.to);
    let report = compute(&fixture().build(), &inverted);
    assert_eq!(report.summary.revenue_minor, 0);
    assert!(report.periods.is_empty() && report.cohorts.is_empty());
}

#[test]
fn weekly_and_quarterly_periods_split_the_same_revenue() {
    let history = fixture().build();
    for period in [Period::Week, Period::Month, Period::Quarter] {
        let report = compute(&history, &Filter { period, ..quarter_filter() });
        let total: i64 = report.periods.iter().map(|p| p.new_revenue_minor + p.returning_revenue_minor + p.walk_in_revenue_minor).sum();
        assert_eq!(total, 610, "{period:?}");
    }
}

/// A generated shop: `customers` customers with random purchase days over two years.
fn generated(seed: u64, customers: i64) -> (HistoryBuilder, Vec<(i64, NaiveDate)>) {
    let mut rng = fastrand::Rng::with_seed(seed);
    let start = d("2024-06-01");
    let mut h = HistoryBuilder::new();
    let mut sales = Vec::new();
    for id in 1..=customers {
        let visits = if rng.u8(..3) == 0 { rng.usize(2..12) } else { 1 };
        let mut day = start + chrono::Days::new(rng.u64(..700));
        for _ in 0..visits {
            h.sale(Some(id), day, rng.i64(1..50_000));
            sales.push((id, day));
            if rng.bool() {
                h.contact(id, day + chrono::Days::new(rng.u64(..20)));
            }
            day = day + chrono::Days::new(rng.u64(0..90));
        }
    }
    (h, sales)
}

#[test]
fn invariants_hold_on_generated_shops() {
    for seed in 0..20 {
        let (builder, sales) = generated(seed, 300);
        let history = builder.build();
        let filter = Filter {
            from: d("2025-01-01"),
            to: d("2026-01-31"),
            period: [Period::Week, Period::Month, Period::Quarter][seed as usize % 3],
            week_start: Weekday::Sun,
            follow_up_days: 7 + seed as u32,
        };
        let report = compute(&history, &filter);
        let first_ever: BTreeMap<i64, NaiveDate> = sales.iter().fold(BTreeMap::new(), |mut m, &(id, day)| {
            let e = m.entry(id).or_insert(day);
            *e = (*e).min(day);
            m
        });
        for period in &report.periods {
            // Brute force: who bought in the period, and who of them bought before it.
            let buyers: BTreeSet<i64> =
                sales.iter().filter(|(_, day)| (period.start..=period.end).contains(day)).map(|&(id, _)| id).collect();
            let returning = buyers.iter().filter(|id| first_ever[*id] < period.start).count() as u64;
            assert_eq!(period.new_customers + period.returning_customers, buyers.len() as u64, "new + returning = active");
            assert_eq!(period.returning_customers, returning);
            assert!(period.returning_rate.is_none_or(|r| (0.0..=1.0).contains(&r)));
        }
        for cohort in &report.cohorts {
            if cohort.customers > 0 {
                assert_eq!(cohort.rates[0], 1.0, "month 0 of a cohort is everyone");
            }
            assert!(cohort.rates.iter().all(|r| (0.0..=1.0).contains(r)));
        }
        let s = &report.summary;
        assert_eq!(s.new_customers + s.returning_customers, s.customers);
        assert_eq!(report.purchase_counts.iter().map(|b| b.customers).sum::<u64>(), s.customers);
        assert_eq!(report.segments.iter().map(|r| r.customers).sum::<u64>(), s.customers);
        assert_eq!(report.second_purchase.came_back + report.second_purchase.not_yet, s.new_customers);
        assert!(s.repeat_rate.is_some_and(|r| (0.0..=1.0).contains(&r)));
        let f = &report.follow_up;
        assert!(f.contacted.came_back <= f.contacted.customers && f.not_contacted.came_back <= f.not_contacted.customers);
        assert!(f.contacted.customers + f.not_contacted.customers <= s.new_customers);
    }
}

#[test]
fn definitions_are_documented() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/METRICS.md")).expect("docs/METRICS.md");
    let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let doc = squeeze(&doc);
    for definition in regulars_analytics::definitions::ALL.iter().chain(regulars_analytics::definitions::PREDICTIONS) {
        assert!(doc.contains(&squeeze(&definition.text())), "docs/METRICS.md lacks the definition of {}", definition.name());
    }
}

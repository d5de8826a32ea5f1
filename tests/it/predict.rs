//! Predictions on a real shop file: the model fitted on what the owner logged, every
//! customer scored, the lapsed regular ranked above the steady one, and an honest "not yet"
//! when there is too little history.

use chrono::{Days, NaiveDate};
use regulars_domain::CustomerId;

use crate::{Shop, today};

fn day(days_ago: u64) -> String {
    (today() - Days::new(days_ago)).to_string()
}

/// Ten visits a month apart, the last one `last_days_ago` days ago.
fn regular(shop: &mut Shop, name: &str, last_days_ago: u64) -> CustomerId {
    let id = shop.add(name, "", "");
    for visit in 0..10 {
        shop.sell(Some(id), &day(last_days_ago + 30 * visit), "40.00");
    }
    id
}

#[test]
fn too_little_history_says_so_and_scores_nobody() {
    let mut shop = Shop::new();
    let ana = shop.add("Ana", "", "");
    shop.sell(Some(ana), &day(40), "20.00");
    shop.sell(Some(ana), &day(10), "20.00");
    let outlook = shop.session.outlook(None).expect("outlook");
    assert!(outlook.models.is_none());
    assert!(outlook.unavailable.as_deref().is_some_and(|why| why.contains("at least 30")), "{:?}", outlook.unavailable);
    assert!(outlook.customers.is_empty());
    assert_eq!(shop.session.customer_outlook(ana.0).expect("outlook"), None);
}

#[test]
fn the_lapsed_regular_is_at_risk_and_the_steady_one_is_not() {
    let mut shop = Shop::new();
    shop.session.load_sample_shop().expect("sample shop");
    let lapsed = regular(&mut shop, "Lapsed Regular", 300);
    let steady = regular(&mut shop, "Steady Regular", 5);
    let outlook = shop.session.outlook(None).expect("outlook");
    let models = outlook.models.as_ref().expect("the sample shop has enough history");
    assert_eq!(models.unit, "weeks");
    assert!(models.purchases.log_likelihood.is_finite() && models.purchases.log_likelihood < 0.0);

    let find = |id: CustomerId| outlook.customers.iter().find(|c| c.customer_id == id.0).expect("scored").clone();
    let (gone, here) = (find(lapsed), find(steady));
    assert!(gone.p_alive < 0.5 && here.p_alive > 0.8, "lapsed {} steady {}", gone.p_alive, here.p_alive);
    assert!(gone.money_at_risk_minor > here.money_at_risk_minor);
    assert!(here.expected_purchases > gone.expected_purchases);
    assert_eq!(gone.purchase_days, 10);
    assert_eq!(gone.last_purchase, NaiveDate::parse_from_str(&day(300), "%Y-%m-%d").expect("day"));

    // Every customer who bought is scored, in range, most money at risk first.
    assert!(outlook.customers.len() >= 322);
    for c in &outlook.customers {
        assert!((0.0..=1.0).contains(&c.p_alive) && c.expected_purchases >= 0.0, "{c:?}");
        assert_eq!(c.money_at_risk_minor, (c.expected_value_minor as f64 * (1.0 - c.p_alive)).round() as i64, "{c:?}");
    }
    assert!(outlook.customers.windows(2).all(|w| w[0].money_at_risk_minor >= w[1].money_at_risk_minor));
    let holdout = outlook.holdout.as_ref().expect("two years of history allow a hold-out check");
    assert!(holdout.months.len() >= 6 && holdout.months.iter().all(|m| m.expected.is_finite() && m.expected >= 0.0));
    assert!(holdout.months.iter().map(|m| m.actual).sum::<u64>() > 0);

    // The Today list: the lapsing regulars carry the model's view, most money at risk first.
    let today = shop.session.today_list().expect("today");
    let risk = today.risk.get(&lapsed).expect("the lapsed regular is on Today with the model's view");
    assert_eq!(risk.money_at_risk_minor, gone.money_at_risk_minor);
    let lapsing: Vec<i64> = today
        .due
        .iter()
        .filter(|r| matches!(r.kind, regulars_domain::ReminderKind::LapsingRegular { .. }))
        .map(|r| today.risk.get(&r.customer).map_or(i64::MIN, |x| x.money_at_risk_minor))
        .collect();
    assert!(lapsing.len() > 1 && lapsing.windows(2).all(|w| w[0] >= w[1]), "{lapsing:?}");

    // A sale today brings them back: the outlook follows the shop.
    shop.sell(Some(lapsed), &day(0), "40.00");
    let back = shop.session.customer_outlook(lapsed.0).expect("outlook").expect("scored");
    assert!(back.p_alive > 0.9, "{back:?}");
}

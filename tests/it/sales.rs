//! Logging, editing, deleting and undoing sales, and the statistics they keep current.

use regulars_core::Error;
use regulars_domain::{Field, Money};

use crate::Shop;

#[test]
fn a_sale_is_kept_exactly_and_survives_a_restart() {
    let mut shop = Shop::new();
    let maria = shop.add("Maria", "", "");
    let sale = shop.sell(Some(maria), "2026-11-20", "1.234,56");
    let shop = shop.reopen();
    let page = shop.session.customer_page(maria).expect("page");
    assert_eq!(page.sales, std::slice::from_ref(&sale));
    assert_eq!(sale.amount, Money::from_minor(123_456));
    assert_eq!(sale.customer_name.as_deref(), Some("Maria"));
    assert_eq!(page.customer.summary.stats.lifetime_value.minor(), 123_456);
}

#[test]
fn walk_in_sales_count_as_revenue_without_a_customer() {
    let mut shop = Shop::new();
    let walk_in = shop.sell(None, "2026-11-22", "7.50");
    assert_eq!(walk_in.customer, None);
    let recent = shop.session.recent_sales(10).expect("recent");
    assert_eq!(recent, [walk_in]);
}

#[test]
fn statistics_follow_every_sale_change() {
    let mut shop = Shop::new();
    let maria = shop.add("Maria", "", "");
    let first = shop.sell(Some(maria), "2026-09-01", "100");
    shop.sell(Some(maria), "2026-09-01", "20");
    let third = shop.sell(Some(maria), "2026-11-01", "30");
    let stats = |shop: &Shop| shop.session.customer(maria).expect("customer").summary.stats;
    let s = stats(&shop);
    assert_eq!((s.sale_count, s.purchase_days, s.lifetime_value.minor()), (3, 2, 15_000));
    assert_eq!(s.first_purchase.map(|d| d.to_string()).as_deref(), Some("2026-09-01"));
    assert_eq!(s.last_purchase.map(|d| d.to_string()).as_deref(), Some("2026-11-01"));

    shop.session.delete_sale(third.id).expect("delete");
    let s = stats(&shop);
    assert_eq!((s.sale_count, s.purchase_days, s.lifetime_value.minor()), (2, 1, 12_000));
    assert_eq!(s.last_purchase.map(|d| d.to_string()).as_deref(), Some("2026-09-01"));

    shop.session.undo_delete_sale(third.id).expect("undo");
    assert_eq!(stats(&shop).sale_count, 3);

    // Moving a sale to another customer moves its value with it.
    let dev = shop.add("Dev", "", "");
    let mut draft = shop.sale_draft(Some(dev), "2026-09-01", "100").expect("draft");
    draft.description = "moved".to_owned();
    let moved = shop.session.edit_sale(first.id, draft).expect("edit");
    assert_eq!(moved.customer, Some(dev));
    assert_eq!(stats(&shop).lifetime_value.minor(), 5_000);
    assert_eq!(shop.session.customer(dev).expect("dev").summary.stats.lifetime_value.minor(), 10_000);
}

#[test]
fn deleting_twice_or_undoing_nothing_says_so() {
    let mut shop = Shop::new();
    let sale = shop.sell(None, "2026-11-01", "5");
    shop.session.delete_sale(sale.id).expect("delete");
    assert!(matches!(shop.session.delete_sale(sale.id), Err(Error::NotFound(_))));
    assert!(shop.session.recent_sales(10).expect("recent").is_empty());
    shop.session.undo_delete_sale(sale.id).expect("undo");
    assert!(matches!(shop.session.undo_delete_sale(sale.id), Err(Error::NotFound(_))));
}

#[test]
fn bad_sales_are_refused_and_nothing_is_written() {
    let mut shop = Shop::new();
    let maria = shop.add("Maria", "", "");
    for (date, amount, field) in [
        ("2026-11-01", "12,3x", Field::Amount),
        ("2026-11-01", "-5", Field::Amount),
        ("2026-11-01", "10000000000.01", Field::Amount),
        ("2026-02-30", "5", Field::Date),
        ("2030-01-01", "5", Field::Date),
        ("", "5", Field::Date),
    ] {
        let err = shop.sale_draft(Some(maria), date, amount).expect_err(&format!("{date} {amount} must be refused"));
        assert_eq!(err.field, field, "{err}");
    }
    // Zero is a customer's free order, never a walk-in's.
    assert_eq!(shop.sale_draft(None, "2026-11-01", "0").expect_err("a free walk-in").field, Field::Amount);
    // A customer that does not exist.
    let draft = shop.sale_draft(Some(regulars_domain::CustomerId(404)), "2026-11-01", "5").expect("draft");
    assert!(matches!(shop.session.log_sale(draft), Err(Error::NotFound(_))));
    assert!(shop.session.recent_sales(10).expect("recent").is_empty());
}

#[test]
fn sales_need_a_shop_currency_first() {
    let dir = tempfile::tempdir().expect("dir");
    let session = regulars_core::Session::open(dir.path(), regulars_core::Clock::Fixed(crate::today())).expect("open");
    assert!(matches!(session.currency(), Err(Error::Conflict(_))));
}

#[test]
fn the_currency_is_fixed_once_sales_exist() {
    let mut shop = Shop::new();
    shop.sell(None, "2026-11-01", "5");
    let usd = regulars_domain::ShopSettings {
        name: regulars_domain::ShopName::parse("Maria's Bikes").expect("name"),
        currency: regulars_domain::Currency::parse("USD").expect("USD"),
    };
    assert!(matches!(shop.session.set_up_shop(usd), Err(Error::Conflict(_))));
    assert_eq!(shop.session.currency().expect("currency").code(), "EUR");
}

//! The dashboard figures through the store: what the owner logged is what is counted, and a
//! change anywhere (this window, another process) shows on the next look.

use regulars_core::{ChartFormat, ChartKind, Clock, Error, Session};
use regulars_domain::Field;

use crate::{Shop, today};

fn field_of(error: Error) -> Option<Field> {
    match error {
        Error::Invalid(e) => Some(e.field),
        _ => None,
    }
}

#[test]
fn logged_sales_edits_and_deletes_are_what_the_report_counts() {
    let mut shop = Shop::new();
    let ana = shop.add("Ana", "", "");
    let ben = shop.add("Ben", "", "");
    shop.sell(Some(ana), "2026-01-10", "20.00");
    shop.sell(Some(ana), "2026-01-10", "5.50"); // same day: one purchase
    shop.sell(Some(ana), "2026-03-02", "10.00");
    let mistake = shop.sell(Some(ben), "2026-02-01", "99.00");
    shop.sell(None, "2026-02-02", "7.00");
    let filter = shop.session.parse_filter(Some("2026-01-01"), Some("2026-03-31"), Some("month"), None).expect("filter");

    let report = shop.session.report(&filter).expect("report");
    assert_eq!(report.summary.revenue_minor, 20_00 + 5_50 + 10_00 + 99_00 + 7_00);
    assert_eq!((report.summary.customers, report.summary.repeat_customers), (2, 1));
    assert_eq!(report.top_customers[0].name, "Ben");

    shop.session.delete_sale(mistake.id).expect("delete");
    let report = shop.session.report(&filter).expect("report after delete");
    assert_eq!(report.summary.customers, 1, "a deleted sale counts nowhere");
    assert_eq!(report.summary.walk_in_revenue_minor, 7_00);
    assert_eq!(report.purchase_counts[1].customers, 1, "Ana bought on two days");
    assert_eq!(report.top_customers.iter().map(|t| t.revenue_minor).collect::<Vec<_>>(), vec![35_50]);
}

#[test]
fn a_sale_logged_by_another_process_shows_on_the_next_report() {
    let mut shop = Shop::new();
    let ana = shop.add("Ana", "", "");
    shop.sell(Some(ana), "2026-11-01", "10.00");
    let filter = shop.session.default_filter();
    assert_eq!(shop.session.report(&filter).expect("report").summary.revenue_minor, 10_00);

    let mut other = Session::open(shop.dir.path(), Clock::Fixed(today())).expect("second connection");
    let currency = other.currency().expect("currency");
    let draft = regulars_domain::SaleDraft::parse(Some(ana), "2026-11-20", "5.00", "", "", "", currency, today()).expect("draft");
    other.log_sale(draft).expect("sale from the other process");

    let report = shop.session.report(&filter).expect("report");
    assert_eq!(report.summary.revenue_minor, 15_00);
    assert_eq!(report.summary.repeat_customers, 1);
}

#[test]
fn the_range_and_options_are_checked_with_the_field_named() {
    let shop = Shop::new();
    let s = &shop.session;
    let default = s.parse_filter(None, None, None, None).expect("defaults");
    assert_eq!((default.from.to_string(), default.to), ("2025-12-01".to_owned(), today()));
    assert_eq!(default.follow_up_days, 14);
    let only_to = s.parse_filter(None, Some("2026-06-15"), None, None).expect("to only");
    assert_eq!(only_to.from.to_string(), "2025-07-01", "twelve months back from the end given");
    assert_eq!(field_of(s.parse_filter(Some("2026-05-01"), Some("2026-04-01"), None, None).expect_err("inverted")), Some(Field::From));
    assert_eq!(field_of(s.parse_filter(Some("2026-02-30"), None, None, None).expect_err("no such day")), Some(Field::From));
    assert_eq!(field_of(s.parse_filter(None, Some("soon"), None, None).expect_err("not a date")), Some(Field::To));
    assert_eq!(field_of(s.parse_filter(None, None, Some("fortnight"), None).expect_err("period")), Some(Field::Period));
    assert_eq!(field_of(s.parse_filter(None, None, None, Some(0)).expect_err("window")), Some(Field::FollowUpDays));
    assert!(s.parse_filter(None, None, Some(" Quarter "), Some(30)).is_ok());
}

#[test]
fn the_sample_shop_shows_every_chart_and_leaves_in_one_step() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut session = Session::open(dir.path(), Clock::Fixed(today())).expect("open");
    let made = session.load_sample_shop().expect("sample");
    assert!(session.is_sample().expect("flag"));
    assert!(made.customers >= 300 && made.sales > made.customers);
    let filter = session.parse_filter(Some("2024-11-24"), None, None, None).expect("two years");
    let report = session.report(&filter).expect("report");
    assert!(report.summary.customers >= 300 && report.summary.walk_in_revenue_minor > 0);
    assert!(report.purchase_counts[0].customers > report.purchase_counts[1].customers, "most buy once");
    assert!(report.purchase_counts[4].customers > 0, "some become regulars");
    let f = &report.follow_up;
    assert!(f.contacted.customers > 50 && f.not_contacted.customers > 50);
    assert!(f.contacted.rate > f.not_contacted.rate, "the sample shows follow-up working");
    for kind in ChartKind::ALL {
        let png = session.chart_file(kind, &filter, ChartFormat::Png { scale: 1 }).expect("png");
        assert!(png.starts_with(b"\x89PNG"));
    }
    assert!(session.load_sample_shop().is_err(), "never on top of data");

    session.remove_sample_shop().expect("remove");
    assert!(session.shop().expect("shop").is_none(), "back to the first-run set-up");
    assert_eq!(session.report(&filter).expect("report").summary.customers, 0);
    assert!(!session.is_sample().expect("flag"));
}

#[test]
fn a_real_shop_is_never_removed_as_the_sample() {
    let mut shop = Shop::new();
    let ana = shop.add("Ana", "", "");
    shop.sell(Some(ana), "2026-11-01", "10.00");
    assert!(matches!(shop.session.remove_sample_shop(), Err(Error::Conflict(_))));
    assert!(matches!(shop.session.load_sample_shop(), Err(Error::Conflict(_))));
    let shop = shop.reopen();
    assert_eq!(shop.session.report(&shop.session.default_filter()).expect("report").summary.customers, 1);
}

/// The shop's first day of the week decides where weekly periods start.
#[test]
fn weekly_periods_start_on_the_shops_first_day_of_the_week() {
    let mut shop = Shop::new();
    let ana = shop.add("Ana", "", "");
    shop.sell(Some(ana), "2026-11-18", "10");
    let settings = shop.session.shop().expect("shop").expect("set up");
    // 2026-11-01 is a Sunday: the second period starts on the next first day of the week.
    for (week_start, second_week) in [("monday", "2026-11-02"), ("sunday", "2026-11-08"), ("saturday", "2026-11-07")] {
        shop.session.configure_shop(&settings, regulars_domain::WeekStart::parse(week_start).expect("day"), 7).expect("save");
        let filter = shop.session.parse_filter(Some("2026-11-01"), Some("2026-11-20"), Some("week"), None).expect("filter");
        let report = shop.session.report(&filter).expect("report");
        assert_eq!(report.periods[1].start.to_string(), second_week, "{week_start}");
    }
    // Saved with the rest of the shop's settings, in one go.
    let error = shop.session.configure_shop(&settings, regulars_domain::WeekStart::default(), 0).expect_err("0 days");
    assert!(error.to_string().contains("between 1 and 365"), "{error}");
    assert_eq!(shop.session.week_start().expect("week start").key(), "saturday", "nothing saved when one value is refused");
}

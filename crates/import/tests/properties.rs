//! Property tests of the importer's values: signed amounts and dates in every order read back
//! exactly. That no file or text makes it panic is in `tests/it/hostile.rs`, shared with the
//! fuzz targets.

use chrono::NaiveDate;
use proptest::prelude::*;
use regulars_domain::{Currency, Money};
use regulars_import::{DateOrder, parse_amount, parse_date};

fn eur() -> Currency {
    Currency::parse("EUR").expect("EUR")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn signed_amounts_read_back_exactly(minor in -1_000_000_000_000i64..=1_000_000_000_000, symbol in prop::bool::ANY) {
        let text = Money::from_minor(minor).to_decimal(eur());
        let text = if symbol { format!("€{text}") } else { text };
        prop_assert_eq!(parse_amount(&text, eur()), Ok(minor), "{}", text);
    }

    #[test]
    fn dates_in_every_order_read_back(days in 0u64..(150 * 366), time in prop::bool::ANY) {
        let day = NaiveDate::from_ymd_opt(1971, 1, 1).expect("day") + chrono::Days::new(days);
        let suffix = if time { " 14:05:00 +0200" } else { "" };
        for (format, order) in [("%Y-%m-%d", DateOrder::Ymd), ("%d/%m/%Y", DateOrder::Dmy), ("%m/%d/%Y", DateOrder::Mdy), ("%d.%m.%Y", DateOrder::Dmy)] {
            let text = format!("{}{suffix}", day.format(format));
            prop_assert_eq!(parse_date(&text, order), Ok(day), "{}", text);
        }
    }

}

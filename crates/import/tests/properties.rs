//! Property tests of the importer: any bytes at all come back as a table or a message, never a
//! panic; signed amounts and dates in every order read back exactly.

use chrono::NaiveDate;
use proptest::prelude::*;
use regulars_domain::{Currency, Money};
use regulars_import::{DateOrder, detect_preset, parse, parse_amount, parse_date, read};

fn eur() -> Currency {
    Currency::parse("EUR").expect("EUR")
}

fn import(bytes: &[u8]) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("day");
    if let Ok((table, _)) = read(bytes) {
        if let Some(preset) = detect_preset(&table.headers) {
            let _ = parse(&table, preset.clone(), None, eur(), today);
            let _ = parse(&table, preset, Some(DateOrder::Dmy), eur(), today);
        }
        let _ = regulars_import::parse_customers(&table);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn no_bytes_make_the_importer_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        import(&bytes);
    }

    /// Text shaped like a sales export (a known header, then cells made of the characters
    /// exports use), so that the parser's deeper paths are reached, not just the reader's.
    #[test]
    fn no_export_shaped_text_makes_the_importer_panic(
        header in prop::sample::select(vec![
            "customer_id,date,amount",
            "Date,Time,Time Zone,Total Collected,Transaction ID,Customer ID,Customer Name",
            "Name,Email,Financial Status,Created at,Currency,Total,Refunded Amount,Lineitem quantity,Lineitem name,Cancelled at,Billing Name,Billing Phone",
            "id,Created date (UTC),Amount,Amount Refunded,Currency,Status,Customer ID,Customer Email",
            "name,email,phone,notes,tags",
        ]),
        body in "[a-zA-Z0-9 ,;\"'\n\r./:€$()+=@#-]{0,600}",
    ) {
        import(format!("{header}\n{body}").as_bytes());
    }

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

    #[test]
    fn no_text_makes_the_value_parsers_panic(raw in any::<String>()) {
        let _ = parse_amount(&raw, eur());
        for order in [DateOrder::Dmy, DateOrder::Mdy, DateOrder::Ymd] {
            let _ = parse_date(&raw, order);
        }
    }
}

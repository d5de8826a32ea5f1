//! Property tests of the parsers that take what the owner types: every amount Regulars
//! writes reads back as the same amount, every day as the same day, and no input at all makes
//! a parser panic.

use proptest::prelude::*;
use regulars_domain::{Currency, Field, MAX_AMOUNT_MINOR, Money, parse_day};

fn currencies() -> impl Strategy<Value = Currency> {
    prop::sample::select(vec!["EUR", "USD", "JPY", "KWD", "GBP", "CHF"]).prop_map(|code| Currency::parse(code).expect("currency"))
}

/// `1234567.89` as `1,234,567.89`.
fn grouped(decimal: &str) -> String {
    let (integer, fraction) = decimal.split_once('.').unwrap_or((decimal, ""));
    let digits: Vec<char> = integer.chars().collect();
    let mut out = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(*c);
    }
    if fraction.is_empty() { out } else { format!("{out}.{fraction}") }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn every_amount_written_reads_back_the_same(minor in 1..=MAX_AMOUNT_MINOR, currency in currencies()) {
        let text = Money::from_minor(minor).to_decimal(currency);
        prop_assert_eq!(Money::parse_amount(&text, currency).map(Money::minor), Ok(minor), "{}", text);
        let padded = format!("  {text} {}", currency.code());
        prop_assert_eq!(Money::parse_amount(&padded, currency).map(Money::minor), Ok(minor), "{}", padded);
    }

    #[test]
    fn grouped_amounts_with_cents_read_back_the_same(minor in 1..=MAX_AMOUNT_MINOR) {
        let eur = Currency::parse("EUR").expect("EUR");
        let text = grouped(&Money::from_minor(minor).to_decimal(eur));
        prop_assert_eq!(Money::parse_amount(&text, eur).map(Money::minor), Ok(minor), "{}", text);
    }

    #[test]
    fn no_text_makes_the_amount_parser_panic(raw in any::<String>(), currency in currencies()) {
        if let Ok(money) = Money::parse_amount(&raw, currency) {
            prop_assert!(money.minor() >= 0 && money.minor() <= MAX_AMOUNT_MINOR, "{:?} gave {}", raw, money.minor());
        }
    }

    #[test]
    fn every_day_written_reads_back_the_same(days in 0i64..(200 * 366)) {
        let day = chrono::NaiveDate::from_ymd_opt(1900, 1, 1).expect("day") + chrono::Days::new(days as u64);
        prop_assert_eq!(parse_day(Field::Date, &day.to_string()).ok(), Some(day));
    }
}

//! Property tests of the importer's values: signed amounts and dates in every order read back
//! exactly. That no file or text makes it panic is in `tests/it/hostile.rs`, shared with the
//! fuzz targets.

use chrono::NaiveDate;
use proptest::prelude::*;
use regulars_domain::{Currency, Money};
use regulars_import::{DateOrder, DecimalMark, ImportKey, parse_amount, parse_amount_in, parse_date};

fn eur() -> Currency {
    Currency::parse("EUR").expect("EUR")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// A row's key is its text and no other: not a neighbour's (another count, another
    /// fingerprint), not the text written another way (upper-case, a leading zero).
    #[test]
    fn a_row_key_is_its_text_and_no_other(fingerprint in any::<u64>(), occurrence in 1u32..=u32::MAX, bit in 0u32..64) {
        let key = ImportKey::Row { fingerprint, occurrence: std::num::NonZeroU32::new(occurrence).expect("not 0") };
        let text = key.to_string();
        prop_assert!(key.is(&text), "{}", text);
        prop_assert_eq!(ImportKey::row_of(&text), Some((fingerprint, std::num::NonZeroU32::new(occurrence).expect("not 0"))));
        let others = [
            format!("row:{:016x}#{}", fingerprint ^ (1 << bit), occurrence),
            format!("row:{fingerprint:016x}#{}", occurrence.wrapping_add(1).max(1)),
            format!("row:{fingerprint:016x}#{}", occurrence / 10),
            format!("row:{fingerprint:016X}#{occurrence}"),
            format!("row:{fingerprint:016x}#0{occurrence}"),
            format!("row:0{fingerprint:016x}#{occurrence}"),
            format!("row:{fingerprint:016x}#{occurrence}0"),
            format!("{text} "),
            text[..text.len() - 1].to_owned(),
        ];
        for other in others.iter().filter(|other| **other != text) {
            prop_assert!(!key.is(other), "{} is not {}", text, other);
        }
    }

    #[test]
    fn signed_amounts_read_back_exactly(minor in -1_000_000_000_000i64..=1_000_000_000_000, symbol in prop::bool::ANY) {
        let text = Money::from_minor(minor).to_decimal(eur());
        let text = if symbol { format!("€{text}") } else { text };
        prop_assert_eq!(parse_amount(&text, eur()), Ok(minor), "{}", text);
    }

    /// An amount a spreadsheet wrote (a float printed with its noise, grouped, with a decimal
    /// comma) reads back to the same minor units, or is a problem: never another amount.
    #[test]
    fn spreadsheet_amounts_read_back_or_are_problems(minor in -100_000_000_000i64..=100_000_000_000, digits in 13usize..=18, comma in prop::bool::ANY, grouped in prop::bool::ANY) {
        let float = minor as f64 / 100.0;
        let written = format!("{float:.digits$}");
        let (sign, unsigned) = written.strip_prefix('-').map_or(("", written.as_str()), |rest| ("-", rest));
        let (integer, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let (group, point, mark) = if comma { ('.', ',', DecimalMark::Comma) } else { (',', '.', DecimalMark::Point) };
        let integer = if grouped {
            let digits: Vec<char> = integer.chars().collect();
            let mut out = String::new();
            for (i, c) in digits.iter().enumerate() {
                if i > 0 && (digits.len() - i).is_multiple_of(3) {
                    out.push(group);
                }
                out.push(*c);
            }
            out
        } else {
            integer.to_owned()
        };
        let text = format!("{sign}{integer}{point}{fraction}");
        match parse_amount_in(&text, eur(), Some(mark)) {
            Ok(read) => prop_assert_eq!(read, minor, "{} read as another amount", text),
            Err(_) => prop_assert!(minor.abs() >= 1_000_000_000, "{} refused though a float holds it to the cent", text),
        }
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

//! Dates and amounts as exports write them, to calendar days and exact minor units.

use chrono::NaiveDate;
use regulars_domain::{Currency, Money};

/// How to read a date like `03/04/2026`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// 3 April 2026.
    Dmy,
    /// 4 March 2026.
    Mdy,
    /// Year first: 2026-04-03, 2026/04/03.
    Ymd,
}

impl DateOrder {
    pub fn parse(raw: &str) -> Option<DateOrder> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "dmy" => Some(DateOrder::Dmy),
            "mdy" => Some(DateOrder::Mdy),
            "ymd" => Some(DateOrder::Ymd),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DateOrder::Dmy => "dmy",
            DateOrder::Mdy => "mdy",
            DateOrder::Ymd => "ymd",
        }
    }
}

/// The three numbers of a date and whether the year came first; the time and zone after the
/// date are ignored (the day written is the day the shop sold).
fn date_parts(raw: &str) -> Option<(u32, u32, u32, bool)> {
    let text = raw.trim();
    let date = text.split(['T', ' ']).next()?;
    let mut parts = date.split(['-', '/', '.']);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some_and(|rest| !rest.is_empty()) {
        return None;
    }
    let number =
        |s: &str| if !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()) { s.parse::<u32>().ok() } else { None };
    let (a_n, b_n, c_n) = (number(a)?, number(b)?, number(c)?);
    if a.len() == 4 {
        Some((a_n, b_n, c_n, true))
    } else if c.len() == 4 || c.len() == 2 {
        let year = if c.len() == 2 { 2000 + c_n } else { c_n };
        Some((a_n, b_n, year, false))
    } else {
        None
    }
}

/// What the dates of a column say about their order: `Some` when it is certain, `None` when
/// every date would read either way (the owner must choose).
pub fn infer_order<'a>(values: impl Iterator<Item = &'a str>) -> Result<Option<DateOrder>, String> {
    let mut year_first = false;
    let (mut first_over_12, mut second_over_12) = (None, None);
    let mut any = false;
    for value in values {
        let Some((a, b, _, ymd)) = date_parts(value) else { continue };
        any = true;
        if ymd {
            year_first = true;
        } else if a > 12 {
            first_over_12.get_or_insert(value);
        } else if b > 12 {
            second_over_12.get_or_insert(value);
        }
    }
    match (year_first, first_over_12, second_over_12) {
        (true, _, _) => Ok(Some(DateOrder::Ymd)),
        (_, Some(d), Some(m)) => Err(regulars_text::t!("import.datesDisagree", dayFirst = d, monthFirst = m)),
        (_, Some(_), None) => Ok(Some(DateOrder::Dmy)),
        (_, None, Some(_)) => Ok(Some(DateOrder::Mdy)),
        (_, None, None) if any => Ok(None),
        _ => Ok(Some(DateOrder::Ymd)),
    }
}

/// A calendar day from a date (and maybe a time and zone), read in `order`.
pub fn parse_date(raw: &str, order: DateOrder) -> Result<NaiveDate, String> {
    let (a, b, c, ymd) = date_parts(raw).ok_or_else(|| regulars_text::t!("import.notDate"))?;
    let (y, m, d) = if ymd {
        (a, b, c)
    } else {
        match order {
            DateOrder::Dmy | DateOrder::Ymd => (c, b, a),
            DateOrder::Mdy => (c, a, b),
        }
    };
    NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(|| regulars_text::t!("import.notDay"))
}

/// A signed amount in minor units: currency symbols or codes, thousands separators and a
/// decimal comma are understood; a refund is `-12.50`, `12.50-` or `(12.50)`. Exact: no
/// floating point. Zero is an amount here (the caller decides what it means).
pub fn parse_amount(raw: &str, currency: Currency) -> Result<i64, String> {
    // Most exports write plain numbers (`42.35`, `-3,00`): those go straight to the exact
    // parser, without the symbol and sign handling below (which would leave them unchanged).
    let trimmed = raw.trim();
    let (negative, digits) = match trimmed.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',') {
        return plain_amount(digits, negative, currency);
    }
    let mut text = trimmed.replace(['\u{a0}', '\u{202f}'], " ");
    let mut negative = false;
    if text.starts_with('(') && text.ends_with(')') {
        negative = true;
        text = text[1..text.len() - 1].trim().to_owned();
    }
    for sign in ['-', '\u{2212}'] {
        if let Some(rest) = text.strip_prefix(sign) {
            negative = !negative;
            text = rest.trim().to_owned();
        } else if let Some(rest) = text.strip_suffix(sign) {
            negative = !negative;
            text = rest.trim().to_owned();
        }
    }
    // Symbols and codes of other currencies are refused: amounts are never converted.
    let foreign = text.chars().any(|c| matches!(c, '$' | '€' | '£' | '¥' | '₹' | '₩' | '₽' | '₺' | '₪'))
        && !text.contains(currency.symbol().as_str());
    if foreign {
        return Err(regulars_text::t!("import.notInCurrency", currency = currency.code()));
    }
    // After the shop's own symbol and code, a sign may still follow: `€-12`.
    let mut cleaned = text.clone();
    for affix in [currency.symbol(), currency.code().to_owned(), currency.code().to_ascii_lowercase()] {
        if !affix.is_empty() {
            cleaned = cleaned.replace(&affix, " ");
        }
    }
    let mut cleaned = cleaned.trim().to_owned();
    if let Some(rest) = cleaned.strip_prefix('-') {
        negative = !negative;
        cleaned = rest.trim().to_owned();
    }
    plain_amount(&cleaned, negative, currency)
}

/// An unsigned amount with no symbol, and its sign.
fn plain_amount(text: &str, negative: bool, currency: Currency) -> Result<i64, String> {
    if text.chars().all(|c| c == '0' || c == '.' || c == ',') && text.contains('0') {
        return Ok(0);
    }
    let money = Money::parse_amount(text, currency).map_err(|e| e.problem)?;
    Ok(if negative { -money.minor() } else { money.minor() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eur() -> Currency {
        Currency::parse("EUR").expect("EUR")
    }

    #[test]
    fn amounts_as_exports_write_them() {
        for (raw, minor) in [
            ("12.50", 1250),
            ("€12,50", 1250),
            ("1.234,56 €", 123_456),
            ("1,234.56", 123_456),
            ("EUR 7", 700),
            ("-3.00", -300),
            ("(3.00)", -300),
            ("3.00-", -300),
            ("€-4,10", -410),
            ("0.00", 0),
            ("1 234,50", 123_450),
        ] {
            assert_eq!(parse_amount(raw, eur()), Ok(minor), "{raw}");
        }
        assert!(parse_amount("$12.00", eur()).is_err());
        assert!(parse_amount("12.345", eur()).is_ok_and(|m| m == 1_234_500), "three digits after a lone mark group thousands");
        assert!(parse_amount("abc", eur()).is_err());
        assert!(parse_amount("1.2.3,4,5", eur()).is_err());
    }

    #[test]
    fn dates_in_every_order_with_times_and_zones() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        assert_eq!(parse_date("2026-04-03", DateOrder::Dmy), Ok(d(2026, 4, 3)));
        assert_eq!(parse_date("2026-04-03 14:05:00 +0200", DateOrder::Mdy), Ok(d(2026, 4, 3)));
        assert_eq!(parse_date("2026-04-03T23:59:59Z", DateOrder::Dmy), Ok(d(2026, 4, 3)));
        assert_eq!(parse_date("03/04/2026", DateOrder::Dmy), Ok(d(2026, 4, 3)));
        assert_eq!(parse_date("03/04/2026", DateOrder::Mdy), Ok(d(2026, 3, 4)));
        assert_eq!(parse_date("3.4.26", DateOrder::Dmy), Ok(d(2026, 4, 3)));
        assert!(parse_date("31/02/2026", DateOrder::Dmy).is_err());
        assert!(parse_date("yesterday", DateOrder::Dmy).is_err());
        assert_eq!(infer_order(["03/04/2026", "25/04/2026"].into_iter()), Ok(Some(DateOrder::Dmy)));
        assert_eq!(infer_order(["03/04/2026", "04/25/2026"].into_iter()), Ok(Some(DateOrder::Mdy)));
        assert_eq!(infer_order(["03/04/2026", "04/05/2026"].into_iter()), Ok(None));
        assert!(infer_order(["13/04/2026", "04/25/2026"].into_iter()).is_err());
        assert_eq!(infer_order(["2026-01-02"].into_iter()), Ok(Some(DateOrder::Ymd)));
    }
}

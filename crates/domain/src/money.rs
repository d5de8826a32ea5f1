//! Money in integer minor units of the shop's currency, and the parser that turns what the
//! owner typed ("1,234.50", "12,50", "$ 20") into it without ever touching floating point.

use std::fmt;
use std::str::FromStr;

use crate::text::shown;
use crate::{Field, FieldError};
use regulars_text::t;

/// The largest amount one sale may have, in minor units (10^12: ten billion dollars).
/// Anything above is a typo, not a sale.
pub const MAX_AMOUNT_MINOR: i64 = 1_000_000_000_000;

/// An ISO 4217 currency the shop sells in. Only currencies with a defined minor unit qualify
/// (not gold, not fund codes without one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Currency {
    iso: iso_currency::Currency,
    exponent: u32,
}

impl Currency {
    /// Parses a three-letter code such as `EUR` (any case, surrounding space ignored).
    pub fn parse(raw: &str) -> Result<Currency, FieldError> {
        let code = raw.trim().to_ascii_uppercase();
        if code.is_empty() {
            return Err(FieldError::new(Field::Currency, t!("error.currency.required")));
        }
        let iso = iso_currency::Currency::from_code(&code)
            .ok_or_else(|| FieldError::new(Field::Currency, t!("error.currency.unknown", value = shown(raw))))?;
        match iso.exponent() {
            Some(exponent) => Ok(Currency { iso, exponent: u32::from(exponent) }),
            None => Err(FieldError::new(Field::Currency, t!("error.currency.noMinorUnit", code = code))),
        }
    }

    /// The currency of the country in a locale tag such as `en-US`, `de_DE.UTF-8` or `fr-CA`.
    /// `None` when the tag names no country or the country's currency cannot be used.
    pub fn from_locale(locale: &str) -> Option<Currency> {
        let tag = locale.split(['.', '@']).next()?;
        let region = tag.split(['-', '_']).skip(1).find(|part| part.len() == 2 && part.chars().all(|c| c.is_ascii_alphabetic()))?;
        let country = iso_currency::Country::from_str(&region.to_ascii_uppercase()).ok()?;
        let iso = iso_currency::Currency::from(country);
        Currency::parse(iso.code()).ok()
    }

    pub fn code(self) -> &'static str {
        self.iso.code()
    }

    /// The English name, such as "Euro".
    pub fn name(self) -> String {
        self.iso.name().to_owned()
    }

    /// Digits after the decimal point: 2 for EUR, 0 for JPY, 3 for KWD.
    pub fn exponent(self) -> u32 {
        self.exponent
    }

    pub fn symbol(self) -> String {
        self.iso.symbol().symbol
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// An amount of money in minor units (cents): positive for a sale, zero for a free order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(i64);

impl Money {
    /// Wraps minor units read back from the store.
    pub fn from_minor(minor: i64) -> Money {
        Money(minor)
    }

    pub fn minor(self) -> i64 {
        self.0
    }

    /// Parses the amount of a sale as the owner typed it.
    ///
    /// Accepts an optional currency symbol or code, `.` or `,` as the decimal separator and
    /// `,` `.` space or `'` between groups of three digits: `1,234.50`, `1.234,50`, `12,5`,
    /// `€ 20`. Refuses negative and absurd amounts, and more decimals than the currency has.
    /// Zero is a free order (a warranty repair, a sample): a visit that brings no revenue,
    /// which [`crate::SaleDraft`] allows only for a customer.
    pub fn parse_amount(raw: &str, currency: Currency) -> Result<Money, FieldError> {
        let not_an_amount = || FieldError::new(Field::Amount, t!("error.amount.notAmount", value = shown(raw)));
        let mut text = raw.trim();
        if text.is_empty() {
            return Err(FieldError::new(Field::Amount, t!("error.required")));
        }
        let symbol = currency.symbol();
        for affix in [symbol.as_str(), currency.code(), &currency.code().to_ascii_lowercase()] {
            if affix.is_empty() {
                continue;
            }
            if let Some(rest) = text.strip_prefix(affix) {
                text = rest.trim_start();
            } else if let Some(rest) = text.strip_suffix(affix) {
                text = rest.trim_end();
            }
        }
        if let Some(rest) = text.strip_prefix('-').or_else(|| text.strip_prefix('\u{2212}')) {
            if rest.chars().any(|c| c.is_ascii_digit()) {
                return Err(FieldError::new(Field::Amount, t!("error.amount.negative", value = shown(raw))));
            }
            return Err(not_an_amount());
        }
        let text = text.strip_prefix('+').unwrap_or(text);
        if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit() || is_separator(c)) {
            return Err(not_an_amount());
        }
        let exponent = currency.exponent() as usize;
        // The last '.' or ',' is the decimal point when at most `exponent` digits follow it
        // and it is the only one of its kind; otherwise every separator groups thousands.
        let (integer, fraction) = match text.rfind(['.', ',']) {
            Some(at) => {
                let mark = text[at..].chars().next().unwrap_or('.');
                let digits_after = text.len() - at - 1;
                let only_one = text.matches(mark).count() == 1;
                if only_one && digits_after <= exponent && digits_after > 0 {
                    (&text[..at], &text[at + 1..])
                } else if only_one && digits_after == 0 {
                    return Err(not_an_amount());
                } else if digits_after > exponent && digits_after != 3 {
                    let problem = if exponent == 0 {
                        t!("error.amount.noDecimals", value = shown(raw), currency = currency.code())
                    } else {
                        t!("error.amount.tooManyDecimals", value = shown(raw), digits = exponent)
                    };
                    return Err(FieldError::new(Field::Amount, problem));
                } else {
                    (text, "")
                }
            }
            None => (text, ""),
        };
        if !fraction.chars().all(|c| c.is_ascii_digit()) {
            return Err(not_an_amount());
        }
        let integer_digits = group_digits(integer).ok_or_else(not_an_amount)?;
        let mut minor: i64 = 0;
        let too_large = || {
            FieldError::new(
                Field::Amount,
                t!("error.amount.tooLarge", value = shown(raw), max = Money(MAX_AMOUNT_MINOR).to_decimal(currency)),
            )
        };
        for digit in integer_digits.bytes().chain(fraction.bytes()).chain(std::iter::repeat_n(b'0', exponent - fraction.len())) {
            minor = minor.checked_mul(10).and_then(|m| m.checked_add(i64::from(digit - b'0'))).ok_or_else(too_large)?;
        }
        if minor > MAX_AMOUNT_MINOR {
            return Err(too_large());
        }
        Ok(Money(minor))
    }

    /// Plain decimal text without grouping: `1234.50` for EUR, `1234` for JPY.
    pub fn to_decimal(self, currency: Currency) -> String {
        let exponent = currency.exponent();
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        if exponent == 0 {
            return format!("{sign}{abs}");
        }
        let scale = 10u64.pow(exponent);
        format!("{sign}{}.{:0width$}", abs / scale, abs % scale, width = exponent as usize)
    }
}

fn is_separator(c: char) -> bool {
    matches!(c, '.' | ',' | ' ' | '\'' | '\u{a0}' | '\u{202f}')
}

/// Joins `1,234,567` (any one grouping separator) into `1234567`; `None` unless every group
/// after the first has exactly three digits.
fn group_digits(integer: &str) -> Option<String> {
    if integer.is_empty() {
        return Some("0".to_owned());
    }
    let groups: Vec<&str> = integer.split(is_separator).collect();
    let first = groups.first()?;
    if first.is_empty() || first.len() > 3 && groups.len() > 1 {
        return None;
    }
    if groups.iter().skip(1).any(|g| g.len() != 3) {
        return None;
    }
    let separators: Vec<char> = integer.chars().filter(|&c| is_separator(c)).collect();
    if separators.windows(2).any(|w| w[0] != w[1]) {
        return None;
    }
    Some(groups.concat())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // unwrap_err shows the message under test
mod tests {
    use super::*;

    fn eur() -> Currency {
        Currency::parse("EUR").expect("EUR")
    }

    fn parse(raw: &str, code: &str) -> Result<i64, String> {
        let currency = Currency::parse(code).expect("currency");
        Money::parse_amount(raw, currency).map(Money::minor).map_err(|e| e.to_string())
    }

    #[test]
    fn amounts_in_the_forms_owners_type() {
        assert_eq!(parse("12", "EUR"), Ok(1200));
        assert_eq!(parse("12.3", "EUR"), Ok(1230));
        assert_eq!(parse("12,30", "EUR"), Ok(1230));
        assert_eq!(parse(" 1,234.50 ", "USD"), Ok(123_450));
        assert_eq!(parse("1.234,50", "EUR"), Ok(123_450));
        assert_eq!(parse("1 234,5", "EUR"), Ok(123_450));
        assert_eq!(parse("1,234", "USD"), Ok(123_400));
        assert_eq!(parse("$20", "USD"), Ok(2000));
        assert_eq!(parse("20 EUR", "EUR"), Ok(2000));
        assert_eq!(parse("0.01", "EUR"), Ok(1));
        assert_eq!(parse("1500", "JPY"), Ok(1500));
        assert_eq!(parse("1,500", "JPY"), Ok(1500));
        assert_eq!(parse("1.250", "KWD"), Ok(1250));
        assert_eq!(parse("10000000000", "EUR"), Ok(MAX_AMOUNT_MINOR));
    }

    #[test]
    fn bad_amounts_name_the_field_and_value() {
        assert_eq!(parse("12,3x", "EUR"), Err("Amount: '12,3x' is not an amount".to_owned()));
        assert_eq!(parse("", "EUR"), Err("Amount: is required".to_owned()));
        assert!(parse("-5", "EUR").unwrap_err().contains("negative"));
        assert_eq!(parse("0", "EUR"), Ok(0), "a free order");
        assert_eq!(parse("0,00", "EUR"), Ok(0));
        assert!(parse("10000000000.01", "EUR").unwrap_err().contains("check the amount"));
        assert!(parse("99999999999999999999999", "EUR").unwrap_err().contains("check the amount"));
        assert!(parse("12.345", "EUR").is_ok(), "three digits after a point group thousands");
        assert!(parse("12.3456", "EUR").unwrap_err().contains("more than 2 digits"));
        assert!(parse("12.5", "JPY").unwrap_err().contains("no minor unit"));
        assert!(parse("1,2,3", "EUR").is_err());
        assert!(parse("12.", "EUR").is_err());
        assert!(parse("1.234.5", "EUR").is_err());
        assert!(parse("1,234.567,8", "EUR").is_err());
        assert!(parse("abc", "EUR").is_err());
        assert!(parse("1e5", "EUR").is_err());
        assert!(parse("NaN", "EUR").is_err());
    }

    #[test]
    fn decimal_text_round_trips() {
        for minor in [1, 99, 100, 123_450, MAX_AMOUNT_MINOR] {
            let text = Money(minor).to_decimal(eur());
            assert_eq!(Money::parse_amount(&text, eur()).map(Money::minor), Ok(minor), "{text}");
        }
        assert_eq!(Money(1500).to_decimal(Currency::parse("JPY").expect("JPY")), "1500");
    }

    #[test]
    fn currencies() {
        assert_eq!(Currency::parse(" usd ").map(Currency::exponent), Ok(2));
        assert!(Currency::parse("XAU").is_err());
        assert!(Currency::parse("ZZZ").unwrap_err().to_string().contains("ISO 4217"));
        assert_eq!(Currency::from_locale("de_DE.UTF-8").map(Currency::code), Some("EUR"));
        assert_eq!(Currency::from_locale("en-US").map(Currency::code), Some("USD"));
        assert_eq!(Currency::from_locale("ja-JP").map(Currency::code), Some("JPY"));
        assert_eq!(Currency::from_locale("en"), None);
        assert_eq!(Currency::from_locale("C"), None);
    }
}

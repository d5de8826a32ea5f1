//! Small text helpers shared by the charts, the summary page and the CSV files.

use regulars_domain::Currency;

/// `1,234,567.89 EUR` (in English; `1.234.567,89 EUR` where the catalog's language writes
/// numbers so): the currency's own decimals, and its code.
pub fn money(minor: i64, currency: Currency) -> String {
    // Exact: the amounts are below 10^13 minor units, well inside a double's whole numbers.
    let amount = minor as f64 / 10f64.powi(currency.exponent() as i32);
    let code = currency.code();
    match currency.exponent() {
        0 => regulars_text::t!("number.money0", amount = amount, currency = code),
        1 => regulars_text::t!("number.money1", amount = amount, currency = code),
        2 => regulars_text::t!("number.money2", amount = amount, currency = code),
        3 => regulars_text::t!("number.money3", amount = amount, currency = code),
        _ => regulars_text::t!("number.money4", amount = amount, currency = code),
    }
}

/// A share as a whole percentage, or a dash when there is nothing to divide.
pub fn percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "–".to_owned(), |r| regulars_text::t!("number.percent", share = r))
}

/// Axis numbers: `950`, `12.5k`, `3.2M`.
pub fn compact(value: f64) -> String {
    let abs = value.abs();
    if abs >= 1_000_000.0 {
        regulars_text::t!("number.millions", value = value / 1_000_000.0)
    } else if abs >= 10_000.0 {
        regulars_text::t!("number.thousands", value = value / 1_000.0)
    } else if abs >= 1_000.0 {
        regulars_text::t!("number.thousandsDecimal", value = value / 1_000.0)
    } else if abs.fract() == 0.0 {
        regulars_text::t!("number.whole", value = value)
    } else {
        regulars_text::t!("number.decimal", value = value)
    }
}

/// Splits `text` into lines of at most `width` characters, at spaces.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Escapes text for an SVG or XML text node or attribute.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// One CSV field, quoted when it must be, and defused when a spreadsheet would read it as a
/// formula (a customer name starting with `=` stays a name).
pub fn csv_field(value: &str) -> String {
    let defused = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) && value.parse::<f64>().is_err() {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if defused.contains([',', '"', '\n', '\r']) { format!("\"{}\"", defused.replace('"', "\"\"")) } else { defused }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_grouped_with_the_currencys_decimals() {
        let eur = Currency::parse("EUR").expect("EUR");
        let jpy = Currency::parse("JPY").expect("JPY");
        assert_eq!(money(123_456_789, eur), "1,234,567.89 EUR");
        assert_eq!(money(5, eur), "0.05 EUR");
        assert_eq!(money(-100_000, jpy), "-100,000 JPY");
        assert_eq!(money(999, jpy), "999 JPY");
    }

    #[test]
    fn text_helpers() {
        assert_eq!(compact(12_600.0), "13k");
        assert_eq!(compact(1_500.0), "1.5k");
        assert_eq!(compact(2_000_000.0), "2.0M");
        assert_eq!(wrap("a bb ccc dddd", 6), vec!["a bb", "ccc", "dddd"]);
        assert_eq!(xml("<b>&\"x\""), "&lt;b&gt;&amp;&quot;x&quot;");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_field("-12.5"), "-12.5");
        assert_eq!(csv_field("a,\"b\""), "\"a,\"\"b\"\"\"");
        assert_eq!(percent(Some(0.256)), "26%");
    }
}

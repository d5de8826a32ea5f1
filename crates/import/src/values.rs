//! Dates and amounts as exports write them, to calendar days and exact minor units.

use chrono::{NaiveDate, NaiveTime, TimeZone, Timelike};
use chrono_tz::Tz;
use regulars_domain::{Currency, MAX_AMOUNT_MINOR, Money};

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
    let mut votes = DateVotes::default();
    values.for_each(|value| votes.add(value));
    votes.order()
}

/// The dates of a column, seen one at a time (a file is read a block at a time): what they
/// say about their order, as [`infer_order`] tells it.
#[derive(Debug, Default)]
pub struct DateVotes {
    year_first: bool,
    /// The first date whose first number is over 12, and the first whose second is.
    first_over_12: Option<String>,
    second_over_12: Option<String>,
    any: bool,
}

impl DateVotes {
    pub fn add(&mut self, value: &str) {
        let Some((a, b, _, ymd)) = date_parts(value) else { return };
        self.any = true;
        if ymd {
            self.year_first = true;
        } else if a > 12 {
            self.first_over_12.get_or_insert_with(|| value.to_owned());
        } else if b > 12 {
            self.second_over_12.get_or_insert_with(|| value.to_owned());
        }
    }

    pub fn order(self) -> Result<Option<DateOrder>, String> {
        match (self.year_first, self.first_over_12, self.second_over_12) {
            (true, _, _) => Ok(Some(DateOrder::Ymd)),
            (_, Some(d), Some(m)) => Err(regulars_text::t!("import.datesDisagree", dayFirst = d, monthFirst = m)),
            (_, Some(_), None) => Ok(Some(DateOrder::Dmy)),
            (_, None, Some(_)) => Ok(Some(DateOrder::Mdy)),
            (_, None, None) if self.any => Ok(None),
            _ => Ok(Some(DateOrder::Ymd)),
        }
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

/// The time and zone written after a date (`14:05`, `14:05:00.5 +02:00`, `2:15 PM`, `23:59:59Z`,
/// `10:00 UTC`): the time of day and the offset from UTC in seconds, when one is written.
/// `None` when there is no time at all.
fn time_and_offset(rest: &str) -> Option<(NaiveTime, Option<i32>)> {
    let rest = rest.trim();
    let end = rest.find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.')).unwrap_or(rest.len());
    let (clock, mut zone) = rest.split_at(end);
    let mut time = clock_time(clock)?;
    zone = zone.trim_start();
    for (mark, add) in [("pm", 12), ("am", 0)] {
        // `get` and not `[..2]`: the zone may start with a letter of more than one byte.
        if let Some(rest) = zone.get(..2).filter(|m| m.eq_ignore_ascii_case(mark)).and(zone.get(2..)) {
            let hour = time.hour() % 12 + add;
            time = time.with_hour(hour)?;
            zone = rest.trim_start();
        }
    }
    let zone = zone.trim();
    if zone.is_empty() {
        return Some((time, None));
    }
    if zone.eq_ignore_ascii_case("z") || zone.eq_ignore_ascii_case("utc") || zone.eq_ignore_ascii_case("gmt") {
        return Some((time, Some(0)));
    }
    let zone = zone.strip_prefix("UTC").or_else(|| zone.strip_prefix("GMT")).unwrap_or(zone);
    let (sign, digits) = if let Some(d) = zone.strip_prefix('+') {
        (1, d)
    } else if let Some(d) = zone.strip_prefix(['-', '\u{2212}']) {
        (-1, d)
    } else {
        return Some((time, None));
    };
    let digits: String = digits.chars().filter(char::is_ascii_digit).collect();
    let (hours, minutes) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        4 => (digits[..2].parse::<i32>().ok()?, digits[2..].parse::<i32>().ok()?),
        _ => return Some((time, None)),
    };
    Some((time, Some(sign * (hours * 3600 + minutes * 60))))
}

/// A clock time of digits, colons and a point (`14:05`, `9:05:00`, `14:05:00.123456`) as
/// chrono reads it with `%H:%M:%S%.f`, else `%H:%M`: one or two digits each, a 60th second a
/// leap second, the fraction's first nine digits. Read by hand: chrono parses the format
/// itself again for each row, 3.5% of a Stripe export's dry run (`perf`).
fn clock_time(clock: &str) -> Option<NaiveTime> {
    fn number(text: &str) -> Option<(u32, &str)> {
        let digits = text.bytes().take(2).take_while(u8::is_ascii_digit).count();
        Some((text.get(..digits).filter(|d| !d.is_empty())?.parse().ok()?, &text[digits..]))
    }
    let (hour, rest) = number(clock)?;
    let (minute, rest) = number(rest.strip_prefix(':')?)?;
    let (second, nano) = match rest.strip_prefix(':') {
        None if rest.is_empty() => (0, 0),
        None => return None,
        Some(rest) => {
            let (second, rest) = number(rest)?;
            let nano = match rest.strip_prefix('.') {
                None if rest.is_empty() => 0,
                None => return None,
                Some(digits) if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) => return None,
                Some(digits) => {
                    let kept = &digits[..digits.len().min(9)];
                    kept.parse::<u32>().ok()? * 10_u32.pow(9 - kept.len() as u32)
                }
            };
            (second, nano)
        }
    };
    match second {
        60 => NaiveTime::from_hms_nano_opt(hour, minute, 59, nano + 1_000_000_000),
        _ => NaiveTime::from_hms_nano_opt(hour, minute, second, nano),
    }
}

/// The shop's day of a date cell. A time with a zone (`+02:00`, `Z`, `UTC`), or a time in a
/// column whose header says UTC (`utc_column`), is an instant: its day is taken in the shop's
/// time zone `zone`. A plain date, or a time with no zone in any other column, is the day as
/// written (exports in the shop's own time write it so). Also says whether the cell was an
/// instant put on the shop's day.
pub fn shop_day(raw: &str, order: DateOrder, utc_column: bool, zone: Option<Tz>) -> Result<(NaiveDate, bool), String> {
    let day = parse_date(raw, order)?;
    let Some(zone) = zone else { return Ok((day, false)) };
    let text = raw.trim();
    let Some(split) = text.find(['T', ' ']) else { return Ok((day, false)) };
    let Some((time, offset)) = time_and_offset(&text[split + 1..]) else { return Ok((day, false)) };
    let offset = match offset {
        Some(seconds) => seconds,
        None if utc_column => 0,
        None => return Ok((day, false)),
    };
    match day.and_time(time).checked_sub_signed(chrono::Duration::seconds(i64::from(offset))) {
        Some(utc) => Ok((zone.from_utc_datetime(&utc).date_naive(), true)),
        None => Ok((day, false)),
    }
}

/// A line's amount: the price of one item (`unit_minor`) times a quantity as written (`3`,
/// `-1`, `1.5`, `0,25`), exact to the minor unit (a half rounds away from zero).
pub fn times_quantity(unit_minor: i64, quantity: &str) -> Result<i64, String> {
    let text = quantity.trim();
    let bad = || regulars_text::t!("import.notQuantity");
    let (negative, digits) = match text.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (whole, fraction) = digits.split_once(['.', ',']).unwrap_or((digits, ""));
    if whole.is_empty() && fraction.is_empty() || !whole.bytes().chain(fraction.bytes()).all(|b| b.is_ascii_digit()) || fraction.len() > 6 {
        return Err(bad());
    }
    let scale = 10_i128.pow(fraction.len() as u32);
    let number: i128 = format!("{whole}{fraction}").parse().map_err(|_| bad())?;
    let product = i128::from(unit_minor) * number;
    let rounded = (product.abs() + scale / 2) / scale * product.signum();
    let rounded = if negative { -rounded } else { rounded };
    match i64::try_from(rounded) {
        Ok(line) if line.abs() <= MAX_AMOUNT_MINOR => Ok(line),
        _ => Err(regulars_text::t!("import.lineTooLarge")),
    }
}

/// Past the minor unit, a float's noise is at least this many digits, the first six of them
/// all zeros or all nines: within a millionth of a minor unit.
const FLOAT_NOISE_DIGITS: usize = 8;
const NOISE_ZEROS: &str = "000000";
const NOISE_NINES: &str = "999999";

/// Which mark a column of amounts uses as its decimal point; the other one (and spaces or
/// apostrophes) groups thousands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalMark {
    /// `1,234.56`
    Point,
    /// `1.234,56`
    Comma,
}

impl DecimalMark {
    fn char(self) -> char {
        match self {
            DecimalMark::Point => '.',
            DecimalMark::Comma => ',',
        }
    }

    fn other(self) -> DecimalMark {
        match self {
            DecimalMark::Point => DecimalMark::Comma,
            DecimalMark::Comma => DecimalMark::Point,
        }
    }

    fn of(c: char) -> DecimalMark {
        if c == ',' { DecimalMark::Comma } else { DecimalMark::Point }
    }
}

/// What one cell says about its column's decimal mark: `None` when it cannot tell (`12`,
/// `1.234`, `2.000`: three digits after a lone mark read either way).
fn mark_shown_by(raw: &str) -> Option<DecimalMark> {
    // Each number of the cell on its own (`$128.40 $96.30` is two; `1 234,50 €` shows its
    // mark in `234,50`).
    raw.split_whitespace().find_map(mark_shown_by_number)
}

fn mark_shown_by_number(raw: &str) -> Option<DecimalMark> {
    // Counted in one pass, with nothing allocated: the survey reads every amount cell of a file.
    let (mut points, mut commas, mut last) = (0_usize, 0_usize, None);
    for (at, byte) in raw.bytes().enumerate() {
        match byte {
            b'.' => points += 1,
            b',' => commas += 1,
            _ => continue,
        }
        last = Some((at, char::from(byte)));
    }
    let (last_at, last) = last?;
    let (kinds, others) = if last == '.' { (points, commas) } else { (commas, points) };
    if others > 0 {
        // Both marks: the last one is the decimal point when it is the only one of its kind.
        return (kinds == 1).then_some(DecimalMark::of(last));
    }
    if kinds > 1 {
        // `1.234.567`: a mark that repeats groups thousands.
        return Some(DecimalMark::of(last).other());
    }
    let after = raw.as_bytes()[last_at + 1..].iter().take_while(|b| b.is_ascii_digit()).count();
    let before = raw.as_bytes()[..last_at].iter().rev().take_while(|b| b.is_ascii_digit()).count();
    // A group of thousands has three digits after it and at most three before it, and no
    // number starts with a 0 group.
    if after != 3 || before == 0 || before > 3 || (before == 1 && raw.as_bytes()[last_at - 1] == b'0') {
        return Some(DecimalMark::of(last));
    }
    None
}

/// The decimal mark of a column, decided once for all its cells by the cells that show it
/// (most of them, when they disagree; those that disagree are then problems, not guesses).
/// `None` when no cell shows it.
pub fn infer_decimal_mark<'a>(cells: impl Iterator<Item = &'a str>) -> Option<DecimalMark> {
    let mut votes = MarkVotes::default();
    cells.for_each(|cell| votes.add(cell));
    votes.mark()
}

/// The amount cells of a file, seen one at a time: the decimal mark they show, as
/// [`infer_decimal_mark`] decides it.
#[derive(Debug, Default)]
pub struct MarkVotes {
    point: usize,
    comma: usize,
}

impl MarkVotes {
    pub fn add(&mut self, cell: &str) {
        match mark_shown_by(cell) {
            Some(DecimalMark::Point) => self.point += 1,
            Some(DecimalMark::Comma) => self.comma += 1,
            None => {}
        }
    }

    pub fn mark(&self) -> Option<DecimalMark> {
        match (self.point, self.comma) {
            (0, 0) => None,
            (point, comma) if comma > point => Some(DecimalMark::Comma),
            _ => Some(DecimalMark::Point),
        }
    }
}

/// A signed amount in minor units, read on its own: as [`parse_amount_in`] with the decimal
/// mark this one cell shows.
pub fn parse_amount(raw: &str, currency: Currency) -> Result<i64, String> {
    parse_amount_in(raw, currency, mark_shown_by(raw))
}

/// A signed amount in minor units, in a column whose decimal mark is `mark` (see
/// [`infer_decimal_mark`]): currency symbols or codes and thousands separators are
/// understood; a refund is `-12.50`, `12.50-` or `(12.50)`. Exact: no floating point. Zero is
/// an amount here (the caller decides what it means). A cell that reads two ways with no mark
/// decided (`1.234` in a column that never shows its decimal point) is refused, never guessed.
pub fn parse_amount_in(raw: &str, currency: Currency, mark: Option<DecimalMark>) -> Result<i64, String> {
    // Most exports write plain numbers (`42.35`, `-3,00`): those go straight to the exact
    // parser, without the symbol and sign handling below (which would leave them unchanged).
    let trimmed = raw.trim();
    let (negative, digits) = match trimmed.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',') {
        return plain_amount(raw, digits, negative, currency, mark);
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
    plain_amount(raw, &cleaned, negative, currency, mark)
}

/// An unsigned amount with no symbol, and its sign, in a column with decimal mark `mark`.
fn plain_amount(raw: &str, text: &str, negative: bool, currency: Currency, mark: Option<DecimalMark>) -> Result<i64, String> {
    let shown = raw.trim();
    let not_an_amount = || regulars_text::t!("error.amount.notAmount", value = shown);
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '\'')) {
        return Err(not_an_amount());
    }
    let mark = match mark {
        Some(mark) => mark,
        // Nothing in the column says which mark is the decimal point: a lone mark before
        // three digits reads two ways (1.234 or 1234). A currency with no minor unit groups.
        None if mark_shown_by(text).is_none() && text.contains(['.', ',']) && currency.exponent() == 3 => {
            // Dinars and rials are written with three decimals: the lone mark is the point.
            text.rfind(['.', ',']).map_or(DecimalMark::Point, |at| DecimalMark::of(text[at..].chars().next().unwrap_or('.')))
        }
        None if mark_shown_by(text).is_none() && text.contains(['.', ',']) && currency.exponent() > 0 => {
            let at = text.rfind(['.', ',']).unwrap_or(0);
            let grouped: String = text.chars().filter(char::is_ascii_digit).collect();
            return Err(regulars_text::t!(
                "import.amountAmbiguous",
                value = shown,
                decimal = format!("{}.{}", &text[..at], &text[at + 1..]),
                grouped = grouped
            ));
        }
        // The cell shows its own mark, or its lone mark groups (a currency with no minor unit).
        None => mark_shown_by(text).unwrap_or_else(|| {
            text.rfind(['.', ',']).map_or(DecimalMark::Point, |at| DecimalMark::of(text[at..].chars().next().unwrap_or('.')).other())
        }),
    };
    let (integer, fraction) = match text.split_once(mark.char()) {
        Some((_, fraction)) if fraction.contains(mark.char()) => return Err(not_an_amount()),
        Some((_, fraction)) if fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()) => return Err(not_an_amount()),
        Some((integer, fraction)) => (integer, fraction),
        None => (text, ""),
    };
    let integer = grouped_digits(integer, mark.other().char()).ok_or_else(not_an_amount)?;
    let exponent = currency.exponent() as usize;
    // Zeros past the currency's minor unit change nothing (`2.000` is 2.00, `0.050` is 0.05).
    let mut fraction = fraction.trim_end_matches('0');
    // A spreadsheet's float written out (`15.299999999999999`, `4.1000000000000005`) is within
    // a millionth of a minor unit of the amount meant: that one. Anything else is a problem.
    let mut round_up = false;
    if fraction.len() > exponent {
        let (kept, rest) = fraction.split_at(exponent);
        if rest.len() >= FLOAT_NOISE_DIGITS && (rest.starts_with(NOISE_ZEROS) || rest.starts_with(NOISE_NINES)) {
            round_up = rest.starts_with(NOISE_NINES);
            fraction = kept;
        }
    }
    if fraction.len() > exponent {
        return Err(if exponent == 0 {
            regulars_text::t!("error.amount.noDecimals", value = shown, currency = currency.code())
        } else {
            regulars_text::t!("error.amount.tooManyDecimals", value = shown, digits = exponent)
        });
    }
    let too_large =
        || regulars_text::t!("error.amount.tooLarge", value = shown, max = Money::from_minor(MAX_AMOUNT_MINOR).to_decimal(currency));
    let mut minor: i64 = 0;
    for digit in integer.bytes().chain(fraction.bytes()).chain(std::iter::repeat_n(b'0', exponent - fraction.len())) {
        minor = minor.checked_mul(10).and_then(|m| m.checked_add(i64::from(digit - b'0'))).ok_or_else(too_large)?;
    }
    if round_up {
        minor = minor.checked_add(1).ok_or_else(too_large)?;
    }
    if minor > MAX_AMOUNT_MINOR {
        return Err(too_large());
    }
    Ok(if negative { -minor } else { minor })
}

/// `1,234,567` (grouped by `group`, a space or an apostrophe: one kind per number) as
/// `1234567`; `None` unless every group after the first has exactly three digits.
fn grouped_digits(integer: &str, group: char) -> Option<String> {
    if integer.is_empty() {
        return Some("0".to_owned());
    }
    let is_group = |c: char| c == group || c == ' ' || c == '\'';
    let separators: Vec<char> = integer.chars().filter(|&c| is_group(c)).collect();
    if separators.windows(2).any(|w| w[0] != w[1]) || integer.chars().any(|c| !c.is_ascii_digit() && !is_group(c)) {
        return None;
    }
    let groups: Vec<&str> = integer.split(is_group).collect();
    let first = groups.first()?;
    if first.is_empty() || groups.len() > 1 && first.len() > 3 || groups.iter().skip(1).any(|g| g.len() != 3) {
        return None;
    }
    Some(groups.concat())
}

#[cfg(test)]
mod tests {
    /// Clock times made of the pieces where reading them can go wrong: one, two or three
    /// digits, hours and minutes out of range, a 60th second, fractions of no digit to ten.
    fn clock_strategy() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let number = prop::sample::select(vec!["", "0", "5", "00", "07", "9", "12", "23", "24", "59", "60", "61", "99", "012", "123"]);
        let fraction = prop::sample::select(vec!["", ".", ".5", ".05", ".123", ".123456789", ".1234567891", ".x"]);
        let tail = prop::sample::select(vec!["", "", "", ":", ".", "0"]);
        prop_oneof![
            (number.clone(), number.clone(), proptest::option::of((number, fraction)), tail).prop_map(|(h, m, s, tail)| match s {
                Some((s, f)) => format!("{h}:{m}:{s}{f}{tail}"),
                None => format!("{h}:{m}{tail}"),
            }),
            "[0-9:.]{0,14}",
        ]
    }

    #[test]
    fn clock_times_at_their_edges_are_read_as_chrono_reads_them() {
        for clock in ["23:59:60", "12:30:60.5", "9:05", "09:05:07", "14:05:00.123456789123", "24:00", "012:00", "12:60", "1:2:3.", ""] {
            let chrono = NaiveTime::parse_from_str(clock, "%H:%M:%S%.f").or_else(|_| NaiveTime::parse_from_str(clock, "%H:%M")).ok();
            assert_eq!(super::clock_time(clock), chrono, "{clock}");
        }
        assert_eq!(super::clock_time("23:59:60").map(|t| t.nanosecond()), Some(1_000_000_000), "a leap second");
    }

    /// Numbers made of groups of digits where a mark's reading turns: none, a lone 0, one to
    /// four digits, a leading 0; each mark a point or a comma; signs, brackets and symbols around.
    fn number_strategy() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let group = prop::sample::select(vec!["", "0", "7", "00", "12", "123", "1234", "012", "0123"]);
        let mark = prop::sample::select(vec![".", ","]);
        let around = prop::sample::select(vec!["", "", "-", "(", "$", ")", " €", "é"]);
        prop_oneof![
            (around.clone(), group.clone(), proptest::collection::vec((mark, group), 0..4), around).prop_map(
                |(before, first, rest, after)| {
                    let rest: String = rest.into_iter().map(|(mark, group)| format!("{mark}{group}")).collect();
                    format!("{before}{first}{rest}{after}")
                }
            ),
            "[0-9.,é€ ]{0,12}",
        ]
    }

    /// What a number's marks said before they were counted in one pass (a list of the marks and
    /// a string of the digits before the last), kept to hold the new reading to it.
    fn mark_shown_by_number_as_listed(raw: &str) -> Option<DecimalMark> {
        let marks: Vec<(usize, char)> = raw.char_indices().filter(|&(_, c)| c == '.' || c == ',').collect();
        let &(last_at, last) = marks.last()?;
        let kinds = marks.iter().filter(|&&(_, c)| c == last).count();
        if marks.iter().any(|&(_, c)| c != last) {
            return (kinds == 1).then_some(DecimalMark::of(last));
        }
        if kinds > 1 {
            return Some(DecimalMark::of(last).other());
        }
        let after = raw[last_at + 1..].chars().take_while(char::is_ascii_digit).count();
        let before: String = raw[..last_at].chars().rev().take_while(char::is_ascii_digit).collect();
        if after != 3 || before == "0" || before.is_empty() || before.len() > 3 {
            return Some(DecimalMark::of(last));
        }
        None
    }

    proptest::proptest! {
        /// A number's marks say what they said when they were listed first.
        #[test]
        fn a_numbers_marks_say_what_they_said_listed(number in number_strategy()) {
            proptest::prop_assert_eq!(super::mark_shown_by_number(&number), mark_shown_by_number_as_listed(&number), "{}", number);
        }
    }

    #[test]
    fn a_mark_after_a_lone_0_is_a_decimal_mark_and_after_other_groups_may_be_either() {
        assert_eq!(super::mark_shown_by_number("0.123"), Some(DecimalMark::Point));
        assert_eq!(super::mark_shown_by_number("(0,123)"), Some(DecimalMark::Comma));
        assert_eq!(super::mark_shown_by_number("1.234"), None);
        assert_eq!(super::mark_shown_by_number("€123,456"), None);
        assert_eq!(super::mark_shown_by_number("1234.567"), Some(DecimalMark::Point));
    }

    proptest::proptest! {
        /// A clock time is read as chrono reads it with `%H:%M:%S%.f`, else `%H:%M`.
        #[test]
        fn a_clock_time_is_read_as_chrono_reads_it(clock in clock_strategy()) {
            let chrono = NaiveTime::parse_from_str(&clock, "%H:%M:%S%.f").or_else(|_| NaiveTime::parse_from_str(&clock, "%H:%M")).ok();
            proptest::prop_assert_eq!(super::clock_time(&clock), chrono, "{}", clock);
        }
    }

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
        assert!(parse_amount("12.345", eur()).is_err(), "three digits after a lone mark read two ways: never guessed");
        assert_eq!(parse_amount("12.345", Currency::parse("JPY").expect("JPY")), Ok(12_345), "no minor unit: it groups");
        assert!(parse_amount("abc", eur()).is_err());
        assert!(parse_amount("1.2.3,4,5", eur()).is_err());
    }

    /// The decimal mark is one decision for the column; a cell is read under it, never by a
    /// guess of its own that makes 0.050 fifty euros.
    #[test]
    fn a_column_of_amounts_has_one_decimal_mark() {
        let column = ["12.50", "0.050", "2.000", "1.005", "1,234.56", "1.234", "7"];
        let mark = infer_decimal_mark(column.into_iter());
        assert_eq!(mark, Some(DecimalMark::Point));
        let read: Vec<Result<i64, String>> = column.iter().map(|c| parse_amount_in(c, eur(), mark)).collect();
        assert_eq!(read[..3], [Ok(1250), Ok(5), Ok(200)]);
        assert!(read[3].as_ref().is_err_and(|e| e.contains("more than 2 digits")), "{:?}", read[3]);
        assert_eq!(read[4], Ok(123_456));
        assert!(read[5].is_err(), "1.234 in a point column has three decimals: a problem, not 1234.00");
        assert_eq!(read[6], Ok(700));

        let column = ["1.234,50", "2.000", "0,5", "12,345"];
        let mark = infer_decimal_mark(column.into_iter());
        assert_eq!(mark, Some(DecimalMark::Comma));
        let read: Vec<Result<i64, String>> = column.iter().map(|c| parse_amount_in(c, eur(), mark)).collect();
        assert_eq!(read[..3], [Ok(123_450), Ok(200_000), Ok(50)]);
        assert!(read[3].is_err(), "12,345 has three decimals in a comma column");

        // Nothing shows the mark: a cell that reads two ways is a problem naming both readings.
        let column = ["1.234", "2.000", "15"];
        assert_eq!(infer_decimal_mark(column.into_iter()), None);
        let problem = parse_amount_in("1.234", eur(), None).expect_err("ambiguous");
        assert!(problem.contains("1.234") && problem.contains("1234"), "{problem}");
        assert_eq!(parse_amount_in("15", eur(), None), Ok(1500));
        // In yen there is no minor unit: the lone mark groups.
        assert_eq!(parse_amount_in("1,000", Currency::parse("JPY").expect("JPY"), None), Ok(1000));
        // A minority that disagrees with the column is a problem, not a second reading.
        let column = ["12.50", "3.10", "12,50"];
        let mark = infer_decimal_mark(column.into_iter());
        assert!(parse_amount_in("12,50", eur(), mark).is_err());
    }

    /// Floats a spreadsheet wrote are the amount meant; a real tenth of a cent is not.
    #[test]
    fn spreadsheet_float_noise_reads_as_the_amount_meant() {
        for (raw, minor) in [
            ("15.299999999999999", 1530),
            ("4.1000000000000005", 410),
            ("0.30000000000000004", 30),
            ("-2.0999999999999996", -210),
            ("19.989999999999998", 1999),
            ("99.999999999999", 10_000),
        ] {
            assert_eq!(parse_amount_in(raw, eur(), Some(DecimalMark::Point)), Ok(minor), "{raw}");
        }
        for raw in ["1.005", "15.2999", "1.0050000001"] {
            assert!(parse_amount_in(raw, eur(), Some(DecimalMark::Point)).is_err(), "{raw} is not noise");
        }
    }

    #[test]
    fn a_price_times_a_quantity_is_exact_to_the_cent() {
        assert_eq!(times_quantity(1250, "3"), Ok(3750));
        assert_eq!(times_quantity(1250, "-1"), Ok(-1250));
        assert_eq!(times_quantity(999, "1.5"), Ok(1499), "14.985 rounds half away from zero");
        assert_eq!(times_quantity(1000, "0,25"), Ok(250));
        assert_eq!(times_quantity(1000, "0"), Ok(0));
        assert!(times_quantity(1000, "two").is_err());
        assert!(times_quantity(1000, "").is_err());
        assert!(times_quantity(MAX_AMOUNT_MINOR, "2").is_err());
    }

    #[test]
    fn instants_land_on_the_shops_day_and_plain_dates_stay() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        let york: Option<Tz> = Some(chrono_tz::America::New_York);
        let shop_day = |raw: &str, order, utc, zone| shop_day(raw, order, utc, zone).map(|(day, _)| day);
        let ymd = DateOrder::Ymd;
        // Stripe's "Created (UTC)": an evening payment in New York is written the next day.
        assert_eq!(shop_day("2026-03-02 02:30", ymd, true, york), Ok(d(2026, 3, 1)));
        assert_eq!(shop_day("2026-03-02 02:30:00", ymd, false, york), Ok(d(2026, 3, 2)), "no zone, not a UTC column: as written");
        assert_eq!(shop_day("2026-03-02", ymd, true, york), Ok(d(2026, 3, 2)), "a plain date stays");
        assert_eq!(shop_day("2026-03-02T02:30:00Z", ymd, false, york), Ok(d(2026, 3, 1)));
        assert_eq!(shop_day("2026-03-01 22:15:00 -0500", ymd, false, Some(chrono_tz::Europe::London)), Ok(d(2026, 3, 2)));
        assert_eq!(shop_day("2026-03-01 22:15:00 -05:00", ymd, false, york), Ok(d(2026, 3, 1)), "already the shop's zone");
        assert_eq!(shop_day("02/03/2026 1:30 AM UTC", DateOrder::Dmy, false, york), Ok(d(2026, 3, 1)));
        assert_eq!(shop_day("02/03/2026 1:30 PM UTC", DateOrder::Dmy, false, york), Ok(d(2026, 3, 2)));
        // Summer time: 03:30 UTC on 1 July is 23:30 the day before in New York (UTC-4).
        assert_eq!(shop_day("2026-07-01 03:30", ymd, true, york), Ok(d(2026, 6, 30)));
        assert_eq!(shop_day("2026-03-02 02:30", ymd, true, None), Ok(d(2026, 3, 2)), "no zone given: as written");
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

//! A sale: a day, an amount, perhaps a customer (a walk-in sale has none), how it was sold.

use chrono::NaiveDate;

use crate::text::{clean_text, shown};
use crate::{Currency, CustomerId, Field, FieldError, Money, SaleId};
use regulars_text::t;

/// The earliest day a sale may carry; earlier dates are typos of the year.
pub const EARLIEST_SALE_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1970, 1, 1) {
    Some(date) => date,
    None => panic!("1970-01-01 is a date"),
};

/// The calendar day of a sale in the shop's own time, never in the future.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SaleDate(NaiveDate);

impl SaleDate {
    /// Parses `YYYY-MM-DD`. `today` is the shop's current day; a sale may be dated at most one
    /// day ahead of it (a till whose clock sits in another time zone), never further.
    pub fn parse(raw: &str, today: NaiveDate) -> Result<SaleDate, FieldError> {
        SaleDate::new(parse_day(Field::Date, raw)?, today)
    }

    pub fn new(date: NaiveDate, today: NaiveDate) -> Result<SaleDate, FieldError> {
        if date < EARLIEST_SALE_DATE {
            return Err(FieldError::new(Field::Date, t!("error.date.before1970", day = date.to_string())));
        }
        if date > today + chrono::Days::new(1) {
            return Err(FieldError::new(Field::Date, t!("error.date.future", day = date.to_string())));
        }
        Ok(SaleDate(date))
    }

    /// Wraps a date read back from the store, which checked it when it was written.
    pub fn from_stored(date: NaiveDate) -> SaleDate {
        SaleDate(date)
    }

    pub fn date(self) -> NaiveDate {
        self.0
    }
}

/// Parses a calendar day written `YYYY-MM-DD` for `field`.
pub fn parse_day(field: Field, raw: &str) -> Result<NaiveDate, FieldError> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(FieldError::new(field, t!("error.required")));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| FieldError::new(field, t!("error.date.notDate", value = shown(raw))))
}

/// How a sale was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Channel {
    #[default]
    InStore,
    Online,
    Phone,
    Other,
}

impl Channel {
    pub const ALL: [Channel; 4] = [Channel::InStore, Channel::Online, Channel::Phone, Channel::Other];

    pub fn key(self) -> &'static str {
        match self {
            Channel::InStore => "in_store",
            Channel::Online => "online",
            Channel::Phone => "phone",
            Channel::Other => "other",
        }
    }

    /// Parses a channel key; empty means in store, the common case at a till.
    pub fn parse(raw: &str) -> Result<Channel, FieldError> {
        let key = raw.trim();
        if key.is_empty() {
            return Ok(Channel::InStore);
        }
        Channel::ALL.into_iter().find(|c| c.key() == key).ok_or_else(|| {
            FieldError::new(Field::Channel, t!("error.notOneOf", value = shown(raw), choices = "in store, online, phone, other"))
        })
    }
}

/// Everything needed to log a sale or replace its details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaleDraft {
    pub customer: Option<CustomerId>,
    pub date: SaleDate,
    pub amount: Money,
    pub description: String,
    pub channel: Channel,
    pub note: String,
}

impl SaleDraft {
    #[allow(clippy::too_many_arguments)]
    pub fn parse(
        customer: Option<CustomerId>,
        date: &str,
        amount: &str,
        description: &str,
        channel: &str,
        note: &str,
        currency: Currency,
        today: NaiveDate,
    ) -> Result<SaleDraft, FieldError> {
        let money = Money::parse_amount(amount, currency)?;
        // A free order is a customer's visit; a free walk-in would count nowhere at all.
        if money.minor() == 0 && customer.is_none() {
            return Err(FieldError::new(Field::Amount, t!("error.amount.zero", value = shown(amount))));
        }
        Ok(SaleDraft {
            customer,
            amount: money,
            date: SaleDate::parse(date, today)?,
            description: clean_text(Field::Description, description, 500, false)?,
            channel: Channel::parse(channel)?,
            note: clean_text(Field::Note, note, 10_000, true)?,
        })
    }
}

/// A logged sale as the store keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sale {
    pub id: SaleId,
    pub customer: Option<CustomerId>,
    /// The customer's name at the time of reading, for lists; `None` for a walk-in sale.
    pub customer_name: Option<String>,
    pub date: SaleDate,
    pub amount: Money,
    pub description: String,
    pub channel: Channel,
    pub note: String,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // unwrap_err shows the message under test
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date")
    }

    #[test]
    fn dates_must_exist_and_not_be_in_the_future() {
        let today = day("2026-11-23");
        assert_eq!(SaleDate::parse("2026-11-01", today).map(SaleDate::date), Ok(day("2026-11-01")));
        assert!(SaleDate::parse("2026-11-24", today).is_ok(), "one day of slack for time zones");
        assert!(SaleDate::parse("2026-11-25", today).unwrap_err().to_string().contains("future"));
        assert!(SaleDate::parse("2026-02-30", today).unwrap_err().to_string().contains("not a date"));
        assert!(SaleDate::parse("23/11/2026", today).is_err());
        assert!(SaleDate::parse("1969-12-31", today).unwrap_err().to_string().contains("1970"));
        assert_eq!(SaleDate::parse("", today).unwrap_err().to_string(), "Date: is required");
    }

    #[test]
    fn channels() {
        assert_eq!(Channel::parse(""), Ok(Channel::InStore));
        assert_eq!(Channel::parse("online"), Ok(Channel::Online));
        assert!(Channel::parse("carrier pigeon").is_err());
        for channel in Channel::ALL {
            assert_eq!(Channel::parse(channel.key()), Ok(channel));
        }
    }

    #[test]
    fn a_free_order_is_a_customers_visit_and_never_a_walk_ins() {
        let eur = Currency::parse("EUR").expect("EUR");
        let today = day("2026-11-23");
        let free = SaleDraft::parse(Some(CustomerId(7)), "2026-11-23", "0.00", "", "", "", eur, today).expect("free order");
        assert_eq!(free.amount.minor(), 0);
        let walk_in = SaleDraft::parse(None, "2026-11-23", "0", "", "", "", eur, today).expect_err("free walk-in");
        assert_eq!(walk_in.field, Field::Amount);
        assert!(walk_in.to_string().contains("needs a customer"), "{walk_in}");
    }

    #[test]
    fn a_draft_reports_the_first_bad_field() {
        let eur = Currency::parse("EUR").expect("EUR");
        let today = day("2026-11-23");
        let draft = SaleDraft::parse(None, "2026-11-23", "19,90", " bell ", "", "", eur, today).expect("draft");
        assert_eq!(draft.amount.minor(), 1990);
        assert_eq!(draft.description, "bell");
        assert_eq!(draft.channel, Channel::InStore);
        let err = SaleDraft::parse(None, "2026-11-23", "abc", "", "", "", eur, today).unwrap_err();
        assert_eq!(err.field, Field::Amount);
    }
}

//! A follow-up contact: the owner reached a customer (or they came by), how, and how it went.

use chrono::NaiveDate;

use crate::text::{clean_text, shown};
use crate::{CustomerId, Field, FieldError, SaleDate, SaleId};

/// How the owner was in touch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ContactMethod {
    Call,
    Email,
    Message,
    Visit,
    Other,
}

/// How a contact went. An issue raised stays open until a later contact resolves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    Happy,
    Neutral,
    IssueRaised,
    IssueResolved,
}

macro_rules! keyed_enum {
    ($ty:ident, $field:expr, $what:expr, [$($variant:ident => $key:expr),+ $(,)?]) => {
        impl $ty {
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            pub fn key(self) -> &'static str {
                match self { $($ty::$variant => $key),+ }
            }

            pub fn parse(raw: &str) -> Result<$ty, FieldError> {
                let key = raw.trim();
                $ty::ALL.iter().copied().find(|v| v.key() == key).ok_or_else(|| {
                    FieldError::new($field, regulars_text::t!("error.notOneOf", value = shown(raw), choices = $what))
                })
            }
        }
    };
}

keyed_enum!(ContactMethod, Field::Method, "call, email, message, visit, other", [
    Call => "call", Email => "email", Message => "message", Visit => "visit", Other => "other",
]);
keyed_enum!(Outcome, Field::Outcome, "happy, neutral, issue raised, issue resolved", [
    Happy => "happy", Neutral => "neutral", IssueRaised => "issue_raised", IssueResolved => "issue_resolved",
]);

/// Everything needed to log a contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactDraft {
    pub customer: CustomerId,
    pub date: SaleDate,
    pub method: ContactMethod,
    pub outcome: Outcome,
    /// The sale the contact was about, if any.
    pub sale: Option<SaleId>,
    pub note: String,
}

impl ContactDraft {
    #[allow(clippy::too_many_arguments)]
    pub fn parse(
        customer: CustomerId,
        date: &str,
        method: &str,
        outcome: &str,
        sale: Option<SaleId>,
        note: &str,
        today: NaiveDate,
    ) -> Result<ContactDraft, FieldError> {
        Ok(ContactDraft {
            customer,
            date: SaleDate::parse(date, today)?,
            method: ContactMethod::parse(method)?,
            outcome: Outcome::parse(outcome)?,
            sale,
            note: clean_text(Field::Note, note, 10_000, true)?,
        })
    }
}

/// A logged contact as the store keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub id: i64,
    pub customer: CustomerId,
    pub date: NaiveDate,
    pub method: ContactMethod,
    pub outcome: Outcome,
    pub sale: Option<SaleId>,
    pub note: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_bad_ones_are_named() {
        for m in ContactMethod::ALL {
            assert_eq!(ContactMethod::parse(m.key()), Ok(*m));
        }
        for o in Outcome::ALL {
            assert_eq!(Outcome::parse(o.key()), Ok(*o));
        }
        assert_eq!(Outcome::parse("furious").map_err(|e| e.field), Err(Field::Outcome));
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        let draft = ContactDraft::parse(CustomerId(1), "2026-11-23", "call", "happy", None, " loves the bike ", today).expect("draft");
        assert_eq!(draft.note, "loves the bike");
        assert!(ContactDraft::parse(CustomerId(1), "2026-12-25", "call", "happy", None, "", today).is_err());
    }
}

//! A customer as the owner describes them: a name, perhaps an email and a phone, notes, tags.

use chrono::NaiveDate;

use crate::text::{clean_text, shown};
use crate::{CustomerId, Field, FieldError, Money};
use regulars_text::t;

/// A customer's name: required, trimmed, at most 200 characters. Stored exactly as typed, so
/// `<b>Bob</b>` is a (strange) name, shown as text, never as markup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerName(String);

impl CustomerName {
    pub const MAX_CHARS: usize = 200;

    pub fn parse(raw: &str) -> Result<CustomerName, FieldError> {
        let name = clean_text(Field::Name, raw, Self::MAX_CHARS, false)?;
        if name.is_empty() {
            return Err(FieldError::new(Field::Name, t!("error.required")));
        }
        Ok(CustomerName(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An email address, trimmed and lower-cased. Checked for shape only (one `@`, a dotted
/// domain, no spaces); whether it reaches anyone only sending can tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Email, FieldError> {
        let email = raw.trim().to_lowercase();
        let bad = |problem: String| FieldError::new(Field::Email, problem);
        if email.chars().count() > 254 {
            return Err(bad(t!("error.email.tooLong", value = shown(raw))));
        }
        if email.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(bad(t!("error.email.space", value = shown(raw))));
        }
        let Some((local, domain)) = email.split_once('@') else {
            return Err(bad(t!("error.email.noAt", value = shown(raw))));
        };
        if local.is_empty() || domain.contains('@') {
            return Err(bad(t!("error.email.shape", value = shown(raw))));
        }
        if !domain.contains('.') || domain.starts_with('.') || domain.ends_with('.') || domain.contains("..") {
            return Err(bad(t!("error.email.domain", value = shown(raw))));
        }
        Ok(Email(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A phone number as written (`+44 20 7946 0958`), with its digits kept apart for search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    written: String,
    digits: String,
}

impl Phone {
    pub fn parse(raw: &str) -> Result<Phone, FieldError> {
        let written = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        let allowed = |(i, c): (usize, char)| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '.' | '/') || (c == '+' && i == 0);
        if !written.char_indices().all(allowed) {
            return Err(FieldError::new(Field::Phone, t!("error.phone.characters", value = shown(raw))));
        }
        let digits: String = written.chars().filter(char::is_ascii_digit).collect();
        if !(5..=20).contains(&digits.len()) {
            return Err(FieldError::new(Field::Phone, t!("error.phone.digits", value = shown(raw), digits = digits.len())));
        }
        Ok(Phone { written, digits })
    }

    pub fn as_str(&self) -> &str {
        &self.written
    }

    /// Only the digits, for matching `0171 555` against `(0171) 555-1234`.
    pub fn digits(&self) -> &str {
        &self.digits
    }
}

/// A short label the owner puts on customers ("wholesale", "club member").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag(String);

impl Tag {
    pub fn parse(raw: &str) -> Result<Tag, FieldError> {
        let tag = clean_text(Field::Tags, raw, 40, false)?;
        if tag.is_empty() {
            return Err(FieldError::new(Field::Tags, t!("error.tag.empty")));
        }
        Ok(Tag(tag))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Everything needed to add a customer or replace their details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerDraft {
    pub name: CustomerName,
    pub email: Option<Email>,
    pub phone: Option<Phone>,
    pub notes: String,
    pub tags: Vec<Tag>,
}

impl CustomerDraft {
    pub const MAX_TAGS: usize = 20;

    /// Parses the customer form. Empty optional fields become `None`; tags are de-duplicated
    /// without regard to case, keeping the first spelling.
    pub fn parse(name: &str, email: &str, phone: &str, notes: &str, tags: &[String]) -> Result<CustomerDraft, FieldError> {
        let name = CustomerName::parse(name)?;
        let email = if email.trim().is_empty() { None } else { Some(Email::parse(email)?) };
        let phone = if phone.trim().is_empty() { None } else { Some(Phone::parse(phone)?) };
        let notes = clean_text(Field::Notes, notes, 10_000, true)?;
        let mut parsed: Vec<Tag> = Vec::new();
        for raw in tags.iter().filter(|t| !t.trim().is_empty()) {
            let tag = Tag::parse(raw)?;
            if !parsed.iter().any(|t| t.0.to_lowercase() == tag.0.to_lowercase()) {
                parsed.push(tag);
            }
        }
        if parsed.len() > Self::MAX_TAGS {
            return Err(FieldError::new(Field::Tags, t!("error.tag.tooMany", count = parsed.len(), max = Self::MAX_TAGS)));
        }
        Ok(CustomerDraft { name, email, phone, notes, tags: parsed })
    }
}

/// What the shop's history says about one customer's buying, kept current with every sale.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PurchaseStats {
    /// Sales logged for the customer (deleted sales excluded).
    pub sale_count: u32,
    /// Distinct days with a purchase: two or more make a regular.
    pub purchase_days: u32,
    pub lifetime_value: Money,
    pub first_purchase: Option<NaiveDate>,
    pub last_purchase: Option<NaiveDate>,
}

/// A customer as listed: enough to pick them out and see their value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerSummary {
    pub id: CustomerId,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub archived: bool,
    pub stats: PurchaseStats,
}

/// A customer with everything the owner wrote about them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Customer {
    pub summary: CustomerSummary,
    pub notes: String,
    pub tags: Vec<String>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // unwrap_err shows the message under test
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_required() {
        assert_eq!(CustomerName::parse("  Maria Lopez ").map(|n| n.0), Ok("Maria Lopez".to_owned()));
        assert_eq!(CustomerName::parse("   ").unwrap_err().to_string(), "Name: is required");
        assert!(CustomerName::parse(&"x".repeat(201)).is_err());
        assert!(CustomerName::parse("a\u{7}b").is_err());
        let html = "<img src=x onerror=alert(1)>";
        assert_eq!(CustomerName::parse(html).map(|n| n.0), Ok(html.to_owned()), "stored verbatim");
        let sql = "Robert'); DROP TABLE customer;--";
        assert_eq!(CustomerName::parse(sql).map(|n| n.0), Ok(sql.to_owned()));
    }

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(Email::parse(" Maria@Example.COM ").map(|e| e.0), Ok("maria@example.com".to_owned()));
        assert!(Email::parse("maria.example.com").unwrap_err().to_string().contains("no @"));
        assert!(Email::parse("maria@example").is_err());
        assert!(Email::parse("@example.com").is_err());
        assert!(Email::parse("a@b@c.com").is_err());
        assert!(Email::parse("ma ria@example.com").is_err());
    }

    #[test]
    fn phones_keep_their_digits() {
        let phone = Phone::parse(" +44 20  7946-0958 ").expect("phone");
        assert_eq!(phone.as_str(), "+44 20 7946-0958");
        assert_eq!(phone.digits(), "442079460958");
        assert!(Phone::parse("call me").is_err());
        assert!(Phone::parse("123").is_err());
        assert!(Phone::parse("12+345678").is_err());
    }

    #[test]
    fn drafts_treat_empty_as_absent_and_dedupe_tags() {
        let tags = vec!["Club".to_owned(), "club".to_owned(), " ".to_owned(), "wholesale".to_owned()];
        let draft = CustomerDraft::parse("Dev", "", " ", "likes oolong\nand green", &tags).expect("draft");
        assert_eq!(draft.email, None);
        assert_eq!(draft.phone, None);
        assert_eq!(draft.tags.iter().map(Tag::as_str).collect::<Vec<_>>(), ["Club", "wholesale"]);
        assert_eq!(draft.notes, "likes oolong\nand green");
        let err = CustomerDraft::parse("Dev", "dev@", "", "", &[]).unwrap_err();
        assert_eq!(err.field, Field::Email);
    }
}

//! The shop's vocabulary — customers, sales, money, the shop itself — and the rules that make
//! each of them valid. Constructors parse raw text into these types and refuse bad data with a
//! [`FieldError`] that names the field and the value. This crate does no IO and reads no clock:
//! "today" is always passed in.
//!
//! Where things are: `Money` (integer minor units) and its parser, `Currency` (ISO 4217 with its
//! exponent), `CustomerName`, `Email`, `Phone`, `Tag`, `CustomerDraft`, `SaleDate`, `Channel`,
//! `SaleDraft`, `ShopSettings`, and the read models `Customer`, `CustomerSummary`, `PurchaseStats`,
//! `Sale`, `ImportKey` (the key an imported sale is stored with); `ContactDraft`, `ContactMethod`, `Outcome`, `Contact`; and the reminder rules
//! (`reminders.rs`): `CustomerRhythm` in, `reminders_for`, `due_for_customer` and `pick_for_today` out, each `Reminder`
//! with a `key` (`kind:customer:event-day`) and its reason in plain words (`Reminder::why`, from
//! the catalog; Today, the CLI and the calendar all show it); the day's plan (`plan.rs`:
//! `plan_today` — issues, the owner's own, then by money at risk or lifetime value with 30% kept
//! for check-ins, up to the room left today; `is_stale` nudges roll over to At risk). A sale of
//! zero is a free order: allowed for a customer, refused for a walk-in. Every constructor parses
//! raw text and returns a `FieldError` naming the field and the value (`Amount: '12,3x' is not an
//! amount`). "Today" is always a parameter.

mod contact;
mod customer;
mod error;
mod ids;
mod import_key;
mod money;
mod plan;
mod reminders;
mod sale;
mod shop;
mod text;

pub use contact::{Contact, ContactDraft, ContactMethod, Outcome};
pub use customer::{Customer, CustomerDraft, CustomerName, CustomerSummary, Email, Phone, PurchaseStats, Tag};
pub use error::{Field, FieldError};
pub use ids::{CustomerId, SaleId};
pub use import_key::ImportKey;
pub use money::{Currency, MAX_AMOUNT_MINOR, Money};
pub use plan::{CHECK_IN_SHARE_PERCENT, DEFAULT_CONTACTS_PER_DAY, MAX_CONTACTS_PER_DAY, Plan, is_stale, plan_today};
pub use reminders::{
    CustomerRhythm, Reminder, ReminderKind, ReminderRules, due_for_customer, median_days, parse_reminder_note, pick_for_today,
    reminders_for,
};
pub use sale::{Channel, EARLIEST_SALE_DATE, Sale, SaleDate, SaleDraft, parse_day};
pub use shop::{ShopName, ShopSettings, WeekStart};

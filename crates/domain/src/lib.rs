//! The shop's vocabulary — customers, sales, money, the shop itself — and the rules that make
//! each of them valid. Constructors parse raw text into these types and refuse bad data with a
//! [`FieldError`] that names the field and the value. This crate does no IO and reads no clock:
//! "today" is always passed in.

mod contact;
mod customer;
mod error;
mod ids;
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
pub use money::{Currency, MAX_AMOUNT_MINOR, Money};
pub use plan::{CHECK_IN_SHARE_PERCENT, DEFAULT_CONTACTS_PER_DAY, MAX_CONTACTS_PER_DAY, Plan, is_stale, plan_today};
pub use reminders::{
    CustomerRhythm, Reminder, ReminderKind, ReminderRules, median_days, parse_reminder_note, pick_for_today, reminders_for,
};
pub use sale::{Channel, EARLIEST_SALE_DATE, Sale, SaleDate, SaleDraft, parse_day};
pub use shop::{ShopName, ShopSettings, WeekStart};

//! The one error a parse can produce: which field, and what is wrong with it.

use std::fmt;

use regulars_text::t;

/// A field of a form the owner fills in. The UI uses [`Field::key`] to put the message next
/// to the right input; people read [`Field::label`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Email,
    Phone,
    Notes,
    Tags,
    Amount,
    Date,
    Description,
    Channel,
    Note,
    Customer,
    Method,
    Outcome,
    DueDate,
    CheckInDays,
    WeekStart,
    ShopName,
    Currency,
    From,
    To,
    Period,
    FollowUpDays,
    TimeZone,
    ContactsPerDay,
    Template,
}

impl Field {
    /// Stable machine name, shared with the UI.
    pub fn key(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Email => "email",
            Field::Phone => "phone",
            Field::Notes => "notes",
            Field::Tags => "tags",
            Field::Amount => "amount",
            Field::Date => "date",
            Field::Description => "description",
            Field::Channel => "channel",
            Field::Note => "note",
            Field::Customer => "customer",
            Field::Method => "method",
            Field::Outcome => "outcome",
            Field::DueDate => "dueDate",
            Field::CheckInDays => "checkInDays",
            Field::WeekStart => "weekStart",
            Field::ShopName => "shopName",
            Field::Currency => "currency",
            Field::From => "from",
            Field::To => "to",
            Field::Period => "period",
            Field::FollowUpDays => "followUpDays",
            Field::TimeZone => "timeZone",
            Field::ContactsPerDay => "contactsPerDay",
            Field::Template => "template",
        }
    }

    /// The word the owner sees on the form.
    pub fn label(self) -> String {
        match self {
            Field::Name => t!("field.name"),
            Field::Email => t!("field.email"),
            Field::Phone => t!("field.phone"),
            Field::Notes => t!("field.notes"),
            Field::Tags => t!("customer.tags"),
            Field::Amount => t!("field.amount"),
            Field::Date => t!("field.date"),
            Field::Description => t!("field.description"),
            Field::Channel => t!("field.channel"),
            Field::Note => t!("field.note"),
            Field::Customer => t!("field.customer"),
            Field::Method => t!("field.how"),
            Field::Outcome => t!("field.outcome"),
            Field::DueDate => t!("field.dueDate"),
            Field::CheckInDays => t!("field.checkInAfter"),
            Field::WeekStart => t!("shop.weekStart"),
            Field::ShopName => t!("shop.name"),
            Field::Currency => t!("shop.currency"),
            Field::From => t!("dashboard.from"),
            Field::To => t!("dashboard.to"),
            Field::Period => t!("field.period"),
            Field::FollowUpDays => t!("dashboard.followUp"),
            Field::TimeZone => t!("field.timeZone"),
            Field::ContactsPerDay => t!("field.contactsPerDay"),
            Field::Template => t!("field.template"),
        }
    }
}

/// Bad input in one field, phrased for the owner: `Amount: '12,3x' is not an amount`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct FieldError {
    pub field: Field,
    pub problem: String,
}

impl FieldError {
    pub fn new(field: Field, problem: impl Into<String>) -> FieldError {
        FieldError { field, problem: problem.into() }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&t!("error.field", field = self.field.label(), problem = &self.problem))
    }
}

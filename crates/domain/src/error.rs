//! The one error a parse can produce: which field, and what is wrong with it.

use std::fmt;

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
        }
    }

    /// The word the owner sees on the form.
    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "Name",
            Field::Email => "Email",
            Field::Phone => "Phone",
            Field::Notes => "Notes",
            Field::Tags => "Tags",
            Field::Amount => "Amount",
            Field::Date => "Date",
            Field::Description => "Description",
            Field::Channel => "Channel",
            Field::Note => "Note",
            Field::Customer => "Customer",
            Field::Method => "How",
            Field::Outcome => "Outcome",
            Field::DueDate => "Due date",
            Field::CheckInDays => "Check in after",
            Field::WeekStart => "First day of the week",
            Field::ShopName => "Shop name",
            Field::Currency => "Currency",
            Field::From => "From",
            Field::To => "To",
            Field::Period => "Period",
            Field::FollowUpDays => "Follow-up window",
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
        write!(f, "{}: {}", self.field.label(), self.problem)
    }
}

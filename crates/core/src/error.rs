//! The errors a use case returns, grouped by what the caller does about them.

use regulars_domain::FieldError;
use regulars_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The owner typed something that is not valid; the message names the field.
    #[error(transparent)]
    Invalid(#[from] FieldError),

    /// The thing asked for does not exist (any more).
    #[error("{0}")]
    NotFound(String),

    /// The request is well formed but clashes with what is stored ("a customer with this
    /// email exists", "set up the shop first").
    #[error("{0}")]
    Conflict(String),

    /// A file to import cannot be read as a whole (as opposed to some of its rows).
    #[error("{0}")]
    Import(regulars_import::ImportError),

    /// The shop file could not be read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
}

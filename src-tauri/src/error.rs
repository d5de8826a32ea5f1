//! The one error every command returns, serialised as `{code, message, field}`. The UI branches
//! on `code` alone; `message` is for the owner; `field` places it next to an input.

use regulars_core::{Error, StoreError};
use serde::Serialize;
use ts_rs::TS;

/// The few cases the UI treats differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Bad input: show `message` next to `field`.
    Validation,
    /// The thing is gone: refresh the screen.
    NotFound,
    /// Clashes with what is stored: show `message`.
    Conflict,
    /// A fault of ours or of the disk: show `message`, details are in the log.
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
    /// The form field the message belongs to, e.g. `amount`.
    pub field: Option<String>,
}

impl IpcError {
    pub fn internal(message: impl Into<String>) -> IpcError {
        IpcError { code: ErrorCode::Internal, message: message.into(), field: None }
    }
}

impl From<regulars_domain::FieldError> for IpcError {
    fn from(error: regulars_domain::FieldError) -> IpcError {
        IpcError { code: ErrorCode::Validation, message: error.to_string(), field: Some(error.field.key().to_owned()) }
    }
}

impl From<Error> for IpcError {
    fn from(error: Error) -> IpcError {
        match error {
            Error::Invalid(field) => field.into(),
            Error::NotFound(message) => IpcError { code: ErrorCode::NotFound, message, field: None },
            Error::Conflict(message) => IpcError { code: ErrorCode::Conflict, message, field: None },
            Error::Store(StoreError::Busy) => IpcError { code: ErrorCode::Conflict, message: StoreError::Busy.to_string(), field: None },
            Error::Store(store) => {
                log::error!("store error: {store}");
                IpcError::internal(format!("Regulars could not use its data file: {store}"))
            }
        }
    }
}

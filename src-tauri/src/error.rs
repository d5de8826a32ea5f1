//! The one error every command returns, serialised as `{code, message, field}`. The UI branches
//! on `code` alone; `message` is for the owner; `field` places it next to an input.

use regulars_core::{Error, StoreError};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The few cases the UI treats differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
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
    /// The shop is locked with a passphrase (or the one typed is wrong): ask for it.
    Locked,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
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
            Error::Import(import) => IpcError { code: ErrorCode::Conflict, message: import.to_string(), field: None },
            Error::Store(StoreError::Busy) => IpcError { code: ErrorCode::Conflict, message: StoreError::Busy.to_string(), field: None },
            Error::Store(locked @ (StoreError::Locked | StoreError::WrongPassphrase)) => {
                IpcError { code: ErrorCode::Locked, message: locked.to_string(), field: None }
            }
            Error::Store(store) => {
                log::error!("store error: {store}");
                IpcError::internal(regulars_core::text::t!("app.storeFailed", detail = store.to_string()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regulars_domain::{Currency, Money};

    #[test]
    fn bad_input_names_its_field_for_the_ui() {
        let eur = Currency::parse("EUR").expect("EUR");
        let error: IpcError = Money::parse_amount("12,3x", eur).expect_err("bad").into();
        assert_eq!(
            error,
            IpcError { code: ErrorCode::Validation, message: "Amount: '12,3x' is not an amount".into(), field: Some("amount".into()) }
        );
        let json = serde_json::to_value(&error).expect("json");
        assert_eq!(json, serde_json::json!({"code": "validation", "message": "Amount: '12,3x' is not an amount", "field": "amount"}));
    }

    #[test]
    fn use_case_errors_map_to_the_closed_set_of_codes() {
        assert_eq!(IpcError::from(Error::NotFound("gone".into())).code, ErrorCode::NotFound);
        assert_eq!(IpcError::from(Error::Conflict("clash".into())).code, ErrorCode::Conflict);
        assert_eq!(IpcError::from(Error::Store(StoreError::Busy)).code, ErrorCode::Conflict);
        assert_eq!(IpcError::from(Error::Store(StoreError::CannotWrite)).code, ErrorCode::Internal);
    }
}

//! What a command reports when it cannot do what was asked: one or two lines for the terminal.

use regulars_core::{Error, StoreError};

use crate::commands::PASSPHRASE_ENV;

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A use case refused or failed; its message says what happened and what to do.
    #[error("{0}")]
    Core(Error),

    /// The command line or a file named on it is not usable as it is.
    #[error("{0}")]
    Message(String),

    /// Standard output was closed by its reader: not a failure.
    #[error("standard output is closed")]
    ReaderGone,
}

impl From<Error> for CliError {
    fn from(error: Error) -> CliError {
        match error {
            // The window asks for the passphrase; here it comes from the environment.
            Error::Store(StoreError::Locked) => CliError::Message(format!("{error} Set {PASSPHRASE_ENV} to it.")),
            other => CliError::Core(other),
        }
    }
}

impl From<String> for CliError {
    fn from(message: String) -> CliError {
        CliError::Message(message)
    }
}

impl From<&str> for CliError {
    fn from(message: &str) -> CliError {
        CliError::Message(message.to_owned())
    }
}

pub type Result<T = ()> = std::result::Result<T, CliError>;

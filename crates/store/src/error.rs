//! What can go wrong with the shop file, in words that tell the owner what to do.

use std::path::PathBuf;

use regulars_text::t;

/// Each variant's words are a catalog message (see [`std::fmt::Display`] below).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },

    NotADatabase {
        path: PathBuf,
    },

    Damaged {
        path: PathBuf,
        detail: String,
    },

    /// `why` is already worded (a catalog message).
    BadBackup {
        path: PathBuf,
        why: String,
    },

    Busy,

    /// Another store (a window, the command line) has the shop open, so the file may not be
    /// replaced now.
    InUse,

    /// A file the shop needs could not be read or written; the OS's words.
    Io(String),

    /// A SQLite file that another program wrote.
    NotAShop {
        path: PathBuf,
    },

    CannotWrite,

    ReadOnly {
        folder: PathBuf,
    },

    Locked,

    WrongPassphrase,

    /// Already worded (a catalog message).
    Unsupported(String),

    /// Something to write that is not what the shop keeps (an import's new customer whose
    /// details no longer make one).
    Invalid(#[from] regulars_domain::FieldError),

    Migration(#[from] rusqlite_migration::Error),

    Sqlite(#[source] rusqlite::Error),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = |p: &PathBuf| p.display().to_string();
        let text = match self {
            StoreError::TooNew { path: p, found, supported } => {
                t!("store.tooNew", path = path(p), found = found.to_string(), supported = supported.to_string())
            }
            StoreError::Open { path: p, source } => t!("store.open", path = path(p), detail = source.to_string()),
            StoreError::NotADatabase { path: p } => t!("store.notADatabase", path = path(p)),
            StoreError::Damaged { path: p, detail } => t!("store.damaged", path = path(p), detail = detail),
            StoreError::BadBackup { path: p, why } => t!("store.badBackup", path = path(p), why = why),
            StoreError::Busy => t!("store.busy"),
            StoreError::InUse => t!("store.inUse"),
            StoreError::Io(detail) => t!("store.io", detail = detail),
            StoreError::NotAShop { path: p } => t!("store.notAShop", path = path(p)),
            StoreError::CannotWrite => t!("store.cannotWrite"),
            StoreError::ReadOnly { folder } => t!("store.readOnly", folder = path(folder)),
            StoreError::Locked => t!("store.locked"),
            StoreError::WrongPassphrase => t!("store.wrongPassphrase"),
            StoreError::Unsupported(text) => text.clone(),
            StoreError::Invalid(e) => e.to_string(),
            StoreError::Migration(e) => t!("store.migration", detail = e.to_string()),
            StoreError::Sqlite(e) => t!("store.sqlite", detail = e.to_string()),
        };
        f.write_str(&text)
    }
}

impl StoreError {
    pub(crate) fn from_open_error(path: &std::path::Path, source: rusqlite::Error) -> StoreError {
        match source.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotADatabase { path: path.to_owned() },
            _ => StoreError::from(source),
        }
    }

    /// While opening, a file SQLite could only open for reading, or a write-ahead log or
    /// shared-memory file it could not create beside it, means the folder or file is read-only.
    pub(crate) fn while_opening(self, path: &std::path::Path) -> StoreError {
        let read_only = match &self {
            StoreError::CannotWrite => true,
            StoreError::Open { source, .. } | StoreError::Sqlite(source) => {
                matches!(source.sqlite_error_code(), Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen))
            }
            _ => false,
        };
        let folder_exists = path.parent().is_some_and(std::path::Path::is_dir);
        if read_only && folder_exists { StoreError::ReadOnly { folder: path.parent().unwrap_or(path).to_owned() } } else { self }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(source: rusqlite::Error) -> StoreError {
        // A write the OS refused (no space, a file-size limit, a device gone read-only) comes
        // back as an I/O error on write or sync rather than as "disk full".
        if let rusqlite::Error::SqliteFailure(e, _) = &source
            && matches!(
                e.extended_code,
                rusqlite::ffi::SQLITE_IOERR_WRITE | rusqlite::ffi::SQLITE_IOERR_FSYNC | rusqlite::ffi::SQLITE_IOERR_TRUNCATE
            )
        {
            return StoreError::CannotWrite;
        }
        match source.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => StoreError::Busy,
            Some(rusqlite::ErrorCode::DiskFull | rusqlite::ErrorCode::ReadOnly) => StoreError::CannotWrite,
            _ => StoreError::Sqlite(source),
        }
    }
}

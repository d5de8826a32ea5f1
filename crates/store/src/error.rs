//! What can go wrong with the shop file, in words that tell the owner what to do.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "the shop file {path} was written by a newer version of Regulars (data version {found}; this version reads up to {supported}). Install the newer version; the file was left unchanged."
    )]
    TooNew { path: PathBuf, found: i64, supported: i64 },

    #[error("the shop file {path} could not be opened: {source}")]
    Open { path: PathBuf, source: rusqlite::Error },

    #[error("{path} is not a Regulars shop file (it is not an SQLite database)")]
    NotADatabase { path: PathBuf },

    #[error("the shop file {path} is damaged ({detail}). Restore a backup; the damaged file is kept as it is.")]
    Damaged { path: PathBuf, detail: String },

    #[error("{path} is not a usable backup: {why}")]
    BadBackup { path: PathBuf, why: String },

    #[error("the shop file is busy: another program is writing to it. Try again in a moment.")]
    Busy,

    #[error("the shop file is read-only or the disk is full; nothing was saved. Free some space or check the data folder's permissions.")]
    CannotWrite,

    #[error(
        "Regulars may not write in {}: the shop file or its folder is read-only, so the shop was not opened and nothing in it was changed. Give your user account write access to that folder, or start Regulars with --data-dir and a folder it may write to.",
        .folder.display()
    )]
    ReadOnly { folder: PathBuf },

    #[error("the shop is locked with a passphrase. Type it to open the shop.")]
    Locked,

    #[error("that is not the passphrase this shop is locked with; nothing was opened. Passphrases are case-sensitive.")]
    WrongPassphrase,

    #[error("{0}")]
    Unsupported(String),

    #[error("upgrading the shop file failed, and it was left as it was: {0}")]
    Migration(#[from] rusqlite_migration::Error),

    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
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

//! The shop's one SQLite file: opening it safely, upgrading its schema, and the reads and
//! writes of customers, sales and settings. Knows SQL; knows nothing of Tauri, JSON or the UI.
//!
//! Every write is one transaction. Purchase statistics on the customer row are maintained by
//! triggers inside the same transaction as the sale that changes them.

mod backup;
mod contacts;
mod customers;
mod error;
mod export;
mod history;
mod imports;
mod lock;
mod migrations;
mod reminders;
mod rhythm;
mod sales;
mod search;
mod settings;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

pub use backup::verify_backup;
pub use customers::CustomerSort;
pub use error::StoreError;
pub use export::ExportTable;
pub use history::Revision;
pub use imports::{Buyer, CustomerLookup, ImportPlan, ImportRecord, PlannedCustomer, PlannedSale, phone_match_key};
pub use lock::{MIN_PASSPHRASE_CHARS, Passphrase, is_locked_file};
pub use migrations::{SCHEMA_VERSION, migrations};
pub use reminders::{ManualReminder, ReminderAction};

/// The write-ahead log and shared-memory files SQLite keeps beside a database file.
pub fn sidecar_files(path: &Path) -> [PathBuf; 2] {
    ["-wal", "-shm"].map(|suffix| {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        PathBuf::from(file)
    })
}

/// The file name of the shop inside its data directory.
pub const DATABASE_FILE: &str = "regulars.sqlite3";

/// How long a write waits for another process (the command line, a backup) to finish.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Opens a connection once SQLite has finished starting. SQLite marks itself started before it
/// runs SQLCipher's part of the start-up (which adds `sqlcipher_export` to every connection
/// opened later), so a connection opened by another thread in that moment would lack it and
/// locking the shop would fail with "no such function". Every connection the store opens waits
/// here until a fresh connection has the function.
pub(crate) fn connect(path: &Path, flags: OpenFlags) -> rusqlite::Result<Connection> {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        for _ in 0..1000 {
            let probe = Connection::open_in_memory();
            if probe.is_ok_and(|c| c.prepare("SELECT sqlcipher_export('main')").is_ok()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    });
    Connection::open_with_flags(path, flags)
}

/// An open, up-to-date shop file.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The passphrase the file is locked with, if it is.
    key: Option<Passphrase>,
}

impl Store {
    /// Opens (creating if needed) the shop file at `path` and brings its schema up to date.
    ///
    /// A file written by a newer Regulars is refused before anything is written to it.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::open_with(path, None)
    }

    /// Opens the shop at `path`, unlocking it with `key` if it is locked. A shop that is not
    /// locked opens whatever `key` is; a locked one without a key is refused as `Locked`, and
    /// with the wrong one as `WrongPassphrase`, before anything is written.
    pub fn open_with(path: &Path, key: Option<&Passphrase>) -> Result<Store, StoreError> {
        let key = if is_locked_file(path) { Some(key.ok_or(StoreError::Locked)?) } else { None };
        Store::open_read_write(path, key).map_err(|e| match e {
            StoreError::NotADatabase { .. } if key.is_some() => StoreError::WrongPassphrase,
            other => other.while_opening(path),
        })
    }

    fn open_read_write(path: &Path, key: Option<&Passphrase>) -> Result<Store, StoreError> {
        let conn = connect(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(|source| StoreError::Open { path: path.to_owned(), source })?;
        if let Some(key) = key {
            key.apply(&conn)?;
        }
        // SQLite quietly opens a file it may not write for reading only; the shop would then
        // fail at the first sale. Say so now instead.
        if conn.is_readonly(rusqlite::MAIN_DB)? {
            return Err(StoreError::CannotWrite);
        }
        let mut store = Store { conn, path: path.to_owned(), key: key.cloned() };
        store.conn.busy_timeout(BUSY_TIMEOUT)?;
        store.refuse_newer_schema()?;
        store.conn.pragma_update(None, "foreign_keys", true)?;
        // WAL lets the command line and backups read while the app writes; FULL makes a sale
        // the owner saw saved survive a power cut.
        let mode: String = store.conn.pragma_update_and_check(None, "journal_mode", "wal", |row| row.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Unsupported(regulars_text::t!("store.noWal", mode = mode)));
        }
        store.conn.pragma_update(None, "synchronous", "FULL")?;
        // Statement journals and temporary b-trees in memory: each INSERT of a bulk import
        // otherwise writes a statement journal to a temporary file.
        store.conn.pragma_update(None, "temp_store", "MEMORY")?;
        migrations::migrate(&mut store.conn)?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version recorded in the file.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self.conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
    }

    fn refuse_newer_schema(&self) -> Result<(), StoreError> {
        let found: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(|source| StoreError::from_open_error(&self.path, source))?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::TooNew { path: self.path.clone(), found, supported: SCHEMA_VERSION });
        }
        Ok(())
    }

    /// Moves the write-ahead log into the main file and truncates it: after a bulk write, so the
    /// next reads do not wade through a large log.
    pub fn checkpoint(&self) -> Result<(), StoreError> {
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Closes the file, deletes it (with its write-ahead log) and starts an empty one in its
    /// place. Only for the sample shop, which the caller checks; nothing else is ever erased.
    pub fn erase_and_reopen(&mut self) -> Result<(), StoreError> {
        self.reopen_after(
            |path| {
                for file in std::iter::once(path.to_owned()).chain(sidecar_files(path)) {
                    match std::fs::remove_file(&file) {
                        Ok(()) => {}
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                        Err(e) => return Err(StoreError::Unsupported(format!("could not delete {}: {e}", file.display()))),
                    }
                }
                Ok(())
            },
            None,
        )
    }

    /// Closes the connection, runs `change` on the file's path, and opens the file again, with
    /// `key` if it is locked.
    pub(crate) fn reopen_after(
        &mut self,
        change: impl FnOnce(&Path) -> Result<(), StoreError>,
        key: Option<Passphrase>,
    ) -> Result<(), StoreError> {
        let path = self.path.clone();
        let old = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        old.close().map_err(|(_, e)| e)?;
        change(&path)?;
        *self = Store::open_with(&path, key.as_ref())?;
        Ok(())
    }

    /// True when nothing has been entered: no customer, no sale.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM customer) AND NOT EXISTS (SELECT 1 FROM sale)", [], |row| row.get(0))?)
    }

    /// The current UTC time as stored in `created_at` / `updated_at` columns.
    fn now() -> String {
        chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    }
}

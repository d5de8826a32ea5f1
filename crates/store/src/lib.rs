//! The shop's one SQLite file: opening it safely, upgrading its schema, and the reads and
//! writes of customers, sales and settings. Knows SQL; knows nothing of Tauri, JSON or the UI.
//!
//! Every write is one transaction. Purchase statistics on the customer row are maintained by
//! triggers inside the same transaction as the sale that changes them.
//!
//! Where things are: `Store::open` (pragmas, refusing newer files, migrations),
//! `migrations/NNNN_*.sql` (append-only), customers (`insert_customer`, `search_customers`, …),
//! sales (`insert_sale`, `set_sale_deleted`, …), contacts, reminders (rhythms, manual reminders,
//! the owner's answers in `reminder_action`), `rhythm.rs` (each customer's median gap and second
//! purchase day, recomputed after every sale change), settings (name, currency, week start,
//! check-in days saved in one transaction), `lock.rs` (the passphrase: SQLCipher keys, telling a
//! locked file from a damaged one, re-locking by export and rename), `guard.rs` (a shared lock on
//! `regulars.sqlite3.lock` for as long as a store is open; replacing the file — lock, unlock,
//! re-key — takes it exclusively, so it is refused while another window or process has the shop
//! open instead of renaming a file under it), `backup.rs` (online backup, a SHA-256 checksum
//! `FILE.sha256` beside every backup, and `verify_backup`: checksum, `integrity_check`, length,
//! version, foreign keys), `connect` (every connection waits for SQLite's start-up). Shops carry an
//! SQLite `application_id` (`RGLR`); another program's database is refused, never migrated. The
//! shop's own files are never opened outside SQLite (lockedness is asked through SQLite, identity
//! compared by inode): closing such a handle would drop the POSIX locks SQLite holds, and another
//! process could then delete the write-ahead log under an open window. `merges.rs` (merging two
//! customers: every moved row recorded in `customer_merge_moved` so a split moves exactly those
//! back; the merged customer is archived, never deleted, and imports find them as the kept one).
//! `StoreError` says what to do next.

mod backup;
mod contacts;
mod customers;
mod error;
mod export;
mod guard;
mod history;
mod imports;
mod lock;
mod lookup;
mod merges;
mod migrations;
mod reminders;
mod rhythm;
mod sales;
mod search;
mod settings;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

pub use backup::{checksum_file_of, copy_backup, verify_backup};
pub use customers::CustomerSort;
pub use error::StoreError;
pub use export::ExportTable;
pub use guard::{ShopGuard, lock_file_of};
pub use history::Revision;
pub use imports::{Applied, Buyer, ImportPlan, ImportRecord, NewCustomers, PlannedCustomer, PlannedSale, PlannedSales};
pub use lock::{MAX_PASSPHRASE_CHARS, MIN_PASSPHRASE_CHARS, Passphrase, is_locked_file};
pub use lookup::{CustomerLookup, phone_match_key};
pub use merges::{Identity, MergeRecord};
pub use migrations::{SCHEMA_VERSION, migrations};
pub use reminders::{ManualReminder, ReminderAction};

/// The write-ahead log and shared-memory files SQLite keeps beside a database file.
pub fn sidecar_files(path: &Path) -> [PathBuf; 2] {
    ["-wal", "-shm"].map(|suffix| with_suffix(path, suffix))
}

/// `path` with `suffix` appended to its file name: the files Regulars keeps beside another
/// (`.partial` while writing, `.sha256` beside a backup, `.lock` beside the shop).
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
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

/// Whether SQLite reads the file at `path` without a key: a plain shop, an empty file or none
/// at all. Asked through SQLite rather than by reading the file's first bytes: closing a file
/// handle of our own on the shop would drop the POSIX locks of every connection this process
/// has on it (SQLite keeps its own handles open while a lock is held).
fn reads_without_key(path: &Path) -> bool {
    if !path.exists() {
        return true;
    }
    match connect(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX) {
        Ok(conn) => {
            let _ = conn.pragma_update(None, "cipher_log_level", "NONE");
            conn.query_row("SELECT count(*) FROM sqlite_master", [], |row| row.get::<_, i64>(0)).is_ok()
        }
        Err(_) => false,
    }
}

/// An open, up-to-date shop file.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The passphrase the file is locked with, if it is.
    key: Option<Passphrase>,
    /// This store's share of the shop: see `guard.rs`.
    guard: ShopGuard,
}

/// The application id in the header of every shop file (`PRAGMA application_id`): "RGLR".
pub const APPLICATION_ID: i32 = 0x5247_4C52;

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
        let key = if reads_without_key(path) {
            None
        } else if let Some(key) = key {
            Some(key)
        } else if is_locked_file(path) {
            return Err(StoreError::Locked);
        } else {
            // Damaged or not a database: opening says which, in words.
            None
        };
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
        let guard = ShopGuard::shared(path, BUSY_TIMEOUT)?;
        let mut store = Store { conn, path: path.to_owned(), key: key.cloned(), guard };
        store.conn.busy_timeout(BUSY_TIMEOUT)?;
        store.refuse_newer_schema()?;
        store.refuse_foreign_file()?;
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
        let id: i32 = store.conn.pragma_query_value(None, "application_id", |row| row.get(0))?;
        if id != APPLICATION_ID {
            store.conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        Ok(store)
    }

    /// Refuses a SQLite file that is not a Regulars shop (another program's database that
    /// happens to be called `regulars.sqlite3`) before our schema is written into it: ours
    /// carry [`APPLICATION_ID`], or (shops from before it was set) have the customer and sale
    /// tables, or are empty.
    fn refuse_foreign_file(&self) -> Result<(), StoreError> {
        let not_ours = || StoreError::NotAShop { path: self.path.clone() };
        let id: i32 = self.conn.pragma_query_value(None, "application_id", |row| row.get(0))?;
        if id == APPLICATION_ID {
            return Ok(());
        }
        if id != 0 {
            return Err(not_ours());
        }
        let (tables, ours): (i64, i64) = self.conn.query_row(
            "SELECT count(*), count(*) FILTER (WHERE name IN ('customer', 'sale')) FROM sqlite_master WHERE type = 'table'",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        if tables == 0 || ours == 2 { Ok(()) } else { Err(not_ours()) }
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

    /// Replaces the shop file as a whole: takes the shop for itself (`InUse` when another store,
    /// in this process or another, has it open: its later commits would be lost with the old
    /// file), closes the connection, runs `change` on the file's path, and opens the file
    /// again, with `key` if it is locked. When `change` fails, the file is opened as it was.
    pub(crate) fn reopen_after(
        &mut self,
        change: impl FnOnce(&Path) -> Result<(), StoreError>,
        key: Option<Passphrase>,
    ) -> Result<(), StoreError> {
        self.guard.make_exclusive()?;
        let path = self.path.clone();
        let old_key = self.key.clone();
        let old = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        if let Err((conn, e)) = old.close() {
            self.conn = conn;
            self.guard.make_shared()?;
            return Err(e.into());
        }
        let changed = change(&path);
        self.guard.release();
        let key = if changed.is_ok() { key } else { old_key };
        *self = Store::open_with(&path, key.as_ref())?;
        changed
    }

    /// Closes and opens the file again (after a restore, so that an older backup is brought up
    /// to this version's schema). Other stores may keep the shop open meanwhile.
    pub(crate) fn reopen(&mut self) -> Result<(), StoreError> {
        let old = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        old.close().map_err(|(_, e)| e)?;
        *self = Store::open_with(&self.path.clone(), self.key.clone().as_ref())?;
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

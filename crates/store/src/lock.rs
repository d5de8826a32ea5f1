//! Locking the shop with a passphrase: the file is encrypted at rest with SQLCipher (AES-256,
//! a key derived from the passphrase with PBKDF2), so a copied file or a stolen disk shows
//! nothing without the passphrase. Locking, changing and unlocking write a whole new file beside
//! the shop and rename it over the old one, so a crash leaves one or the other, never half.

use std::io::Read;
use std::path::Path;

use rusqlite::Connection;

use crate::{SCHEMA_VERSION, Store, StoreError, backup::partial};

/// The fewest characters a passphrase may have.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// The longest passphrase a shop takes: far beyond any typed one, and short enough to pass
/// back through `REGULARS_PASSPHRASE` or the unlock field on every system.
pub const MAX_PASSPHRASE_CHARS: usize = 1024;

/// A passphrase the shop is locked with. Never printed, not even in debug output.
#[derive(Clone, PartialEq, Eq)]
pub struct Passphrase(String);

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(hidden)")
    }
}

impl Passphrase {
    /// A passphrase the owner chose: at least eight characters besides spaces at the ends, or
    /// the message saying so.
    pub fn new(text: &str) -> Result<Passphrase, String> {
        if text.trim().chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(format!("A passphrase needs at least {MIN_PASSPHRASE_CHARS} characters."));
        }
        if text.chars().count() > MAX_PASSPHRASE_CHARS {
            return Err(format!("A passphrase can have at most {MAX_PASSPHRASE_CHARS} characters."));
        }
        Ok(Passphrase(text.to_owned()))
    }

    /// A passphrase typed to unlock a shop: taken as it is (the file says whether it is right).
    pub fn typed(text: &str) -> Passphrase {
        Passphrase(text.to_owned())
    }

    /// The passphrase as typed, for handing to a process of Regulars' own over a pipe (the
    /// app's import worker); never for a log, a file or a command line.
    pub fn as_typed(&self) -> &str {
        &self.0
    }

    pub(crate) fn apply(&self, conn: &Connection) -> Result<(), StoreError> {
        // SQLCipher refuses an empty key in its own words; to the owner it is not the passphrase.
        if self.0.is_empty() {
            return Err(StoreError::WrongPassphrase);
        }
        // A wrong passphrase is an answer for the owner, not an error for the terminal.
        conn.pragma_update(None, "cipher_log_level", "NONE")?;
        conn.pragma_update(None, "key", self.0.as_str())?;
        Ok(())
    }
}

/// Whether the file at `path` is a locked (encrypted) shop: it exists, is whole pages long, does
/// not start with SQLite's header, and its first page looks random, as encrypted bytes do (a
/// damaged file whose start was overwritten does not, and is reported as damaged instead). A
/// stray file of random bytes would be taken for a locked shop and then fail as a wrong
/// passphrase; nothing is written either way, and the unlock screen offers the backups too.
pub fn is_locked_file(path: &Path) -> bool {
    let Ok(mut file) = std::fs::File::open(path) else { return false };
    let length = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut page = [0u8; 1024];
    if length < 1024 || length % 512 != 0 || file.read_exact(&mut page).is_err() || page.starts_with(b"SQLite format 3\0") {
        return false;
    }
    let mut seen = [false; 256];
    for byte in page {
        seen[usize::from(byte)] = true;
    }
    // 1,024 random bytes show about 251 of the 256 values; text or a pattern, far fewer.
    seen.iter().filter(|s| **s).count() >= 200
}

impl Store {
    /// Whether the shop is locked with a passphrase.
    pub fn is_locked(&self) -> bool {
        self.key.is_some()
    }

    /// Locks the shop with `new`, changes its passphrase, or (with `None`) unlocks it for good.
    /// The whole shop is written to a new file with the new key, checked, and renamed over the
    /// old one; no other program may use the shop meanwhile (writers are held off while it is
    /// copied). Backups made before keep the lock they were made with.
    pub fn set_passphrase(&mut self, new: Option<&Passphrase>) -> Result<(), StoreError> {
        // Nobody else may have the shop open: what they wrote after the copy would be lost.
        self.guard.make_exclusive()?;
        let temporary = partial(&self.path);
        let _ = std::fs::remove_file(&temporary);
        let written = self.export_to(&temporary, new).and_then(|()| check_copy(&temporary, new));
        if let Err(error) = written {
            let _ = std::fs::remove_file(&temporary);
            self.guard.make_shared()?;
            return Err(error);
        }
        let key = new.cloned();
        self.reopen_after(
            |path| {
                std::fs::rename(&temporary, path).map_err(|e| {
                    StoreError::Unsupported(regulars_text::t!(
                        "lock.cannotReplace",
                        path = path.display().to_string(),
                        detail = e.to_string()
                    ))
                })
            },
            key,
        )
    }

    fn export_to(&self, target: &Path, key: Option<&Passphrase>) -> Result<(), StoreError> {
        let key_text = key.map_or("", |k| k.0.as_str());
        let version = self.schema_version()?;
        self.conn.execute("ATTACH DATABASE ?1 AS relocked KEY ?2", (target.to_string_lossy(), key_text))?;
        // Writers (another window's, the command line's) wait until the copy is whole.
        let exported = self.conn.execute_batch("BEGIN IMMEDIATE").map_err(StoreError::from).and_then(|()| {
            self.conn.query_row("SELECT sqlcipher_export('relocked')", [], |_| Ok(()))?;
            self.conn.pragma_update(Some("relocked"), "user_version", version)?;
            self.conn.execute_batch("COMMIT")?;
            Ok(())
        });
        if exported.is_err() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        let detached = self.conn.execute_batch("DETACH DATABASE relocked");
        exported?;
        detached?;
        Ok(())
    }
}

/// Opens `path` with `key` and checks it whole: for a file just written, before it replaces
/// anything. The connection is closed before the file is renamed.
fn check_copy(path: &Path, key: Option<&Passphrase>) -> Result<(), StoreError> {
    let conn = crate::connect(path, rusqlite::OpenFlags::default())?;
    if let Some(key) = key {
        key.apply(&conn)?;
    }
    let check: String = conn.query_row("PRAGMA integrity_check", [], |row| row.get(0))?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if check != "ok" || version != SCHEMA_VERSION {
        return Err(StoreError::Unsupported(regulars_text::t!("lock.copyFailedCheck", detail = check, version = version.to_string())));
    }
    conn.close().map_err(|(_, e)| StoreError::from(e))
}

//! Backups: a copy of the shop made with SQLite's online backup API (consistent while the app
//! writes), checked after writing — which also checks the shop itself, since the copy is page
//! for page; and restore, which first backs up the file it replaces. A locked shop's backups
//! are locked with the same passphrase.
//!
//! Every backup Regulars writes gets a checksum beside it, `FILE.sha256` (SHA-256 of the file,
//! in `sha256sum`'s format, so the owner can check it too). Restore verifies it first: SQLite's
//! own checks cannot see a flipped byte inside a stored amount. A backup without one (copied
//! alone, or made by an older version) must pass the full integrity check, its constraints,
//! a foreign-key check and a length check before it may replace anything.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use sha2::{Digest, Sha256};

use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};

use crate::{Passphrase, SCHEMA_VERSION, Store, StoreError, is_locked_file};

/// `PRAGMA quick_check` or `integrity_check` of an open connection: `Ok` or what is wrong.
fn check(conn: &Connection, pragma: &str) -> Result<(), String> {
    let mut statement = conn.prepare(&format!("PRAGMA {pragma}")).map_err(|e| e.to_string())?;
    let findings: Vec<String> = statement.query_map([], |row| row.get(0)).map_err(|e| e.to_string())?.filter_map(Result::ok).collect();
    if findings.len() == 1 && findings[0] == "ok" { Ok(()) } else { Err(findings.into_iter().take(3).collect::<Vec<_>>().join("; ")) }
}

/// The first thing an integrity check found, cut to a line: the rest is for a repair tool.
fn first_finding(findings: &str) -> String {
    let first = findings.split("; ").next().unwrap_or(findings);
    if first.chars().count() > 120 { first.chars().take(119).collect::<String>() + "…" } else { first.to_owned() }
}

/// A file beside `path` for writing before renaming over it.
pub(crate) fn partial(path: &Path) -> PathBuf {
    crate::with_suffix(path, ".partial")
}

/// The checksum file kept beside a backup.
pub fn checksum_file_of(path: &Path) -> PathBuf {
    crate::with_suffix(path, ".sha256")
}

/// SHA-256 of the file at `path`, as lowercase hex.
fn sha256_of(path: &Path) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 16];
    loop {
        let read = file.read(&mut buffer)?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
    }
    Ok(hasher.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Writes the checksum of the backup at `path` beside it (whole, then renamed into place).
fn write_checksum(path: &Path) -> std::io::Result<()> {
    let sum = sha256_of(path)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let target = checksum_file_of(path);
    let temporary = partial(&target);
    let written = std::fs::write(&temporary, format!("{sum}  {name}\n")).and_then(|()| std::fs::rename(&temporary, &target));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

/// Copies a backup and its checksum (the monthly copy of a daily backup).
pub fn copy_backup(from: &Path, to: &Path) -> std::io::Result<()> {
    let temporary = partial(to);
    let copied = std::fs::copy(from, &temporary).and_then(|_| std::fs::rename(&temporary, to));
    if copied.is_err() {
        let _ = std::fs::remove_file(&temporary);
        return copied;
    }
    write_checksum(to)
}

/// Whether the backup at `path` still has the bytes its checksum file says: `None` when it has
/// no checksum file, `Some(false)` when it was changed since.
fn checksum_matches(path: &Path) -> Result<Option<bool>, StoreError> {
    let Ok(text) = std::fs::read_to_string(checksum_file_of(path)) else { return Ok(None) };
    let Some(expected) = text.split_whitespace().next().filter(|s| s.len() == 64) else { return Ok(Some(false)) };
    let actual = sha256_of(path).map_err(|e| StoreError::BadBackup { path: path.to_owned(), why: e.to_string() })?;
    Ok(Some(actual.eq_ignore_ascii_case(expected)))
}

/// Checks that `path` is a whole Regulars shop this version can open; a locked backup is
/// opened with `key`. Its checksum first, when it has one; then SQLite's full check.
pub fn verify_backup(path: &Path, key: Option<&Passphrase>) -> Result<(), StoreError> {
    let bad = |why: String| StoreError::BadBackup { path: path.to_owned(), why };
    if !path.is_file() {
        return Err(bad(regulars_text::t!("backup.notAFile")));
    }
    if checksum_matches(path)? == Some(false) {
        return Err(bad(regulars_text::t!("backup.checksum")));
    }
    let locked = is_locked_file(path);
    let conn = crate::connect(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|e| bad(e.to_string()))?;
    if locked {
        key.ok_or_else(|| bad(regulars_text::t!("backup.lockedShopNot")))?.apply(&conn)?;
    }
    check(&conn, "integrity_check").map_err(|e| {
        if e.contains("not a database") && locked {
            bad(regulars_text::t!("backup.otherPassphrase"))
        } else if e.contains("not a database") {
            bad(regulars_text::t!("backup.notADatabase"))
        } else {
            bad(regulars_text::t!("backup.damaged", detail = first_finding(&e)))
        }
    })?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0)).map_err(|e| bad(e.to_string()))?;
    if version > SCHEMA_VERSION {
        return Err(bad(regulars_text::t!("backup.tooNew", version = version.to_string())));
    }
    let is_shop: bool = conn
        .query_row("SELECT count(*) = 2 FROM sqlite_master WHERE type = 'table' AND name IN ('customer', 'sale')", [], |row| row.get(0))
        .map_err(|e| bad(e.to_string()))?;
    if version < 1 || !is_shop {
        return Err(bad(regulars_text::t!("backup.notAShop")));
    }
    // A file cut short: SQLite reads the pages it has and can miss that the last are gone.
    let (pages, page_size): (i64, i64) = conn
        // SQLCipher answers the page size of a locked file as text: cast, so both read alike.
        .query_row(
            "SELECT CAST((SELECT page_count FROM pragma_page_count) AS INTEGER), CAST((SELECT page_size FROM pragma_page_size) AS INTEGER)",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .map_err(|e| bad(e.to_string()))?;
    let length = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let (pages, page_size) = (pages.max(0) as u64, page_size.max(1) as u64);
    if length < pages * page_size || !length.is_multiple_of(page_size) {
        return Err(bad(regulars_text::t!("backup.cutShort")));
    }
    let orphans: i64 =
        conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |row| row.get(0)).map_err(|e| bad(e.to_string()))?;
    if orphans > 0 {
        return Err(bad(regulars_text::t!("backup.damaged", detail = regulars_text::t!("backup.orphans", count = orphans))));
    }
    Ok(())
}

impl Store {
    /// `PRAGMA quick_check`: reads every page, so it takes seconds on a large shop (2.8 s on a
    /// 180 MB file here); the daily backup's check of its copy covers the same ground.
    pub fn quick_check(&self) -> Result<(), StoreError> {
        check(&self.conn, "quick_check").map_err(|detail| StoreError::Damaged { path: self.path.clone(), detail })
    }

    /// A full `PRAGMA integrity_check`.
    pub fn integrity_check(&self) -> Result<(), StoreError> {
        check(&self.conn, "integrity_check").map_err(|detail| StoreError::Damaged { path: self.path.clone(), detail })
    }

    /// Copies the shop to `target` with the online backup API, checks the copy, and only then
    /// puts it in place (an earlier file at `target` is replaced whole or not at all).
    pub fn backup_to(&self, target: &Path) -> Result<(), StoreError> {
        let temporary = partial(target);
        let _ = std::fs::remove_file(&temporary);
        let _ = std::fs::remove_file(checksum_file_of(&temporary));
        let result = self
            .copy_to(&temporary)
            .map_err(|e| {
                StoreError::Unsupported(regulars_text::t!(
                    "backup.cannotWrite",
                    path = target.display().to_string(),
                    detail = e.to_string()
                ))
            })
            .and_then(|()| verify_backup(&temporary, self.key.as_ref()))
            .and_then(|()| {
                let _ = std::fs::remove_file(checksum_file_of(target));
                std::fs::rename(&temporary, target).and_then(|()| write_checksum(target)).map_err(|e| {
                    StoreError::Unsupported(regulars_text::t!(
                        "file.cannotSave",
                        path = target.display().to_string(),
                        detail = e.to_string()
                    ))
                })
            });
        if result.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
        result
    }

    /// Replaces the shop with the backup at `source` (checked first), after saving the current
    /// file as `safety_copy`. The restored file is upgraded if it came from an older version.
    pub fn restore_from(&mut self, source: &Path, safety_copy: &Path) -> Result<(), StoreError> {
        if is_locked_file(source) != self.is_locked() {
            return Err(StoreError::BadBackup {
                path: source.to_owned(),
                why: if self.is_locked() { regulars_text::t!("backup.madeBeforeLock") } else { regulars_text::t!("backup.lockedRestore") },
            });
        }
        verify_backup(source, self.key.as_ref())?;
        self.backup_to(safety_copy)?;
        let backup = self.connect(source)?;
        Backup::new(&backup, &mut self.conn)?.run_to_completion(1000, Duration::from_millis(50), None)?;
        drop(backup);
        // Opened again, so that an older backup is brought up to this version's schema.
        self.reopen()
    }

    /// A connection to another file, unlocked with the shop's own passphrase if it has one.
    fn connect(&self, path: &Path) -> Result<Connection, StoreError> {
        let conn = crate::connect(path, OpenFlags::default())?;
        if let Some(key) = &self.key {
            key.apply(&conn)?;
        }
        Ok(conn)
    }

    /// The online backup API into `target`, with the shop's lock. The copy is left in rollback
    /// journal mode, so that checking or copying it never makes `-wal` and `-shm` files beside
    /// it; a restored shop is put back in WAL mode when it is opened.
    fn copy_to(&self, target: &Path) -> Result<(), StoreError> {
        let mut copy = self.connect(target)?;
        Backup::new(&self.conn, &mut copy)?.run_to_completion(1000, Duration::from_millis(50), None)?;
        let _: String = copy.pragma_update_and_check(None, "journal_mode", "DELETE", |row| row.get(0))?;
        copy.close().map_err(|(_, e)| StoreError::from(e))?;
        Ok(())
    }
}

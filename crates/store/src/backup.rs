//! Backups: a copy of the shop made with SQLite's online backup API (consistent while the app
//! writes), checked after writing — which also checks the shop itself, since the copy is page
//! for page; and restore, which first backs up the file it replaces. A locked shop's backups
//! are locked with the same passphrase.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};

use crate::{Passphrase, SCHEMA_VERSION, Store, StoreError, is_locked_file};

/// `PRAGMA quick_check` or `integrity_check` of an open connection: `Ok` or what is wrong.
fn check(conn: &Connection, pragma: &str) -> Result<(), String> {
    let mut statement = conn.prepare(&format!("PRAGMA {pragma}")).map_err(|e| e.to_string())?;
    let findings: Vec<String> = statement.query_map([], |row| row.get(0)).map_err(|e| e.to_string())?.filter_map(Result::ok).collect();
    if findings.len() == 1 && findings[0] == "ok" { Ok(()) } else { Err(findings.into_iter().take(3).collect::<Vec<_>>().join("; ")) }
}

/// A file beside `path` for writing before renaming over it.
pub(crate) fn partial(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".partial");
    PathBuf::from(name)
}

/// Checks that `path` is a whole Regulars shop this version can open; a locked backup is
/// opened with `key`.
pub fn verify_backup(path: &Path, key: Option<&Passphrase>) -> Result<(), StoreError> {
    let bad = |why: String| StoreError::BadBackup { path: path.to_owned(), why };
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
            bad(regulars_text::t!("backup.damaged", detail = e))
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
                std::fs::rename(&temporary, target).map_err(|e| {
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
        let key = self.key.clone();
        self.reopen_after(|_| Ok(()), key)
    }

    /// A connection to another file, unlocked with the shop's own passphrase if it has one.
    fn connect(&self, path: &Path) -> Result<Connection, StoreError> {
        let conn = crate::connect(path, OpenFlags::default())?;
        if let Some(key) = &self.key {
            key.apply(&conn)?;
        }
        Ok(conn)
    }

    /// The online backup API into `target`, with the shop's lock.
    fn copy_to(&self, target: &Path) -> Result<(), StoreError> {
        let mut copy = self.connect(target)?;
        Backup::new(&self.conn, &mut copy)?.run_to_completion(1000, Duration::from_millis(50), None)?;
        Ok(())
    }
}

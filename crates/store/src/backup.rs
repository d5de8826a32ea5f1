//! Backups: a copy of the shop made with SQLite's online backup API (consistent while the app
//! writes), checked after writing — which also checks the shop itself, since the copy is page
//! for page; and restore, which first backs up the file it replaces.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, MAIN_DB, OpenFlags};

use crate::{SCHEMA_VERSION, Store, StoreError};

/// `PRAGMA quick_check` or `integrity_check` of an open connection: `Ok` or what is wrong.
fn check(conn: &Connection, pragma: &str) -> Result<(), String> {
    let mut statement = conn.prepare(&format!("PRAGMA {pragma}")).map_err(|e| e.to_string())?;
    let findings: Vec<String> = statement.query_map([], |row| row.get(0)).map_err(|e| e.to_string())?.filter_map(Result::ok).collect();
    if findings.len() == 1 && findings[0] == "ok" { Ok(()) } else { Err(findings.into_iter().take(3).collect::<Vec<_>>().join("; ")) }
}

/// A file beside `path` for writing before renaming over it.
fn partial(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".partial");
    PathBuf::from(name)
}

/// Checks that `path` is a whole Regulars shop this version can open.
pub fn verify_backup(path: &Path) -> Result<(), StoreError> {
    let bad = |why: String| StoreError::BadBackup { path: path.to_owned(), why };
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|e| bad(e.to_string()))?;
    check(&conn, "integrity_check").map_err(|e| {
        if e.contains("not a database") {
            bad("it is not a Regulars shop file (not an SQLite database)".to_owned())
        } else {
            bad(format!("it is damaged ({e})"))
        }
    })?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0)).map_err(|e| bad(e.to_string()))?;
    if version > SCHEMA_VERSION {
        return Err(bad(format!("it was made by a newer Regulars (data version {version})")));
    }
    let is_shop: bool = conn
        .query_row("SELECT count(*) = 2 FROM sqlite_master WHERE type = 'table' AND name IN ('customer', 'sale')", [], |row| row.get(0))
        .map_err(|e| bad(e.to_string()))?;
    if version < 1 || !is_shop {
        return Err(bad("it is not a Regulars shop file".to_owned()));
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
            .conn
            .backup(MAIN_DB, &temporary, None)
            .map_err(|e| StoreError::Unsupported(format!("could not write the backup to {}: {e}", target.display())))
            .and_then(|()| verify_backup(&temporary))
            .and_then(|()| {
                std::fs::rename(&temporary, target)
                    .map_err(|e| StoreError::Unsupported(format!("could not save {}: {e}", target.display())))
            });
        if result.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
        result
    }

    /// Replaces the shop with the backup at `source` (checked first), after saving the current
    /// file as `safety_copy`. The restored file is upgraded if it came from an older version.
    pub fn restore_from(&mut self, source: &Path, safety_copy: &Path) -> Result<(), StoreError> {
        verify_backup(source)?;
        self.backup_to(safety_copy)?;
        self.conn.restore(MAIN_DB, source, None::<fn(rusqlite::backup::Progress)>)?;
        // Opened again, so that an older backup is brought up to this version's schema.
        self.reopen_after(|_| Ok(()))
    }
}

//! Backups the owner makes ("Back up now"), the rolling ones Regulars makes while it is used
//! (one a day: the last 7 days and the last 6 months are kept), and restore.

use std::path::{Path, PathBuf};

use regulars_store::{DATABASE_FILE, Passphrase, ShopGuard, StoreError, verify_backup};

use crate::{Error, Session};

/// The folder, inside the data directory, of the rolling backups and safety copies.
pub const BACKUP_DIR: &str = "backups";
pub const KEEP_DAILY: usize = 7;
pub const KEEP_MONTHLY: usize = 6;
/// The kinds of backup, each file named `<kind>-<when>.sqlite3`.
pub const BACKUP_KINDS: [&str; 3] = ["daily", "monthly", "before-restore"];

/// A backup file in the backups folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    pub path: PathBuf,
    /// `daily`, `monthly` or `before-restore`.
    pub kind: String,
    /// When, as in its name (`2026-11-23` or `2026-11` or a timestamp).
    pub when: String,
    pub bytes: u64,
}

/// The backups in `data_dir`, newest first.
pub fn list_backups(data_dir: &Path) -> Vec<BackupFile> {
    let Ok(entries) = std::fs::read_dir(data_dir.join(BACKUP_DIR)) else { return Vec::new() };
    let mut files: Vec<BackupFile> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let stem = name.strip_suffix(".sqlite3")?;
            let (kind, when) = BACKUP_KINDS
                .iter()
                .find_map(|kind| stem.strip_prefix(kind)?.strip_prefix('-').map(|when| ((*kind).to_owned(), when.to_owned())))?;
            Some(BackupFile { path: entry.path(), kind, when, bytes: entry.metadata().map(|m| m.len()).unwrap_or(0) })
        })
        .collect();
    files.sort_by(|a, b| b.when.cmp(&a.when).then(a.kind.cmp(&b.kind)));
    files
}

/// The newest backup in `data_dir` that passes a full check, for a damaged shop (locked with
/// `key`, if it is locked).
pub fn newest_good_backup(data_dir: &Path, key: Option<&Passphrase>) -> Option<PathBuf> {
    let mut files = list_backups(data_dir);
    files.sort_by(|a, b| {
        let modified = |f: &BackupFile| std::fs::metadata(&f.path).and_then(|m| m.modified()).ok();
        modified(b).cmp(&modified(a))
    });
    files.into_iter().map(|f| f.path).find(|path| verify_backup(path, key).is_ok())
}

/// Puts a backup in place of a shop file that cannot be opened (a damaged one), keeping the
/// damaged file beside it as `damaged-<time>.sqlite3`. For when there is no session to use.
pub fn replace_damaged_shop(data_dir: &Path, backup: &Path, key: Option<&Passphrase>) -> Result<PathBuf, Error> {
    verify_backup(backup, key)?;
    let shop = data_dir.join(DATABASE_FILE);
    // Nothing else may have the shop open while its file is swapped.
    let _only_us = ShopGuard::exclusive(&shop)?;
    let kept = unused_name(data_dir, "damaged");
    let io = |e: std::io::Error| Error::Store(StoreError::Unsupported(regulars_text::t!("backup.cannotReplace", detail = e.to_string())));
    if shop.exists() {
        std::fs::rename(&shop, &kept).map_err(io)?;
    }
    for (side, kept_side) in regulars_store::sidecar_files(&shop).into_iter().zip(regulars_store::sidecar_files(&kept)) {
        let _ = std::fs::rename(side, kept_side);
    }
    let partial = crate::partial_path(&shop);
    std::fs::copy(backup, &partial).and_then(|_| std::fs::rename(&partial, &shop)).map_err(io)?;
    Ok(kept)
}

/// A name in `dir` that no file has yet: `stem-<UTC time to the millisecond>.sqlite3`, with a
/// counter when two are made within the same millisecond.
fn unused_name(dir: &Path, stem: &str) -> PathBuf {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ").to_string().replace('.', "");
    let mut n = 0u32;
    loop {
        let name = if n == 0 { format!("{stem}-{stamp}.sqlite3") } else { format!("{stem}-{stamp}-{n}.sqlite3") };
        let path = dir.join(name);
        if !path.exists() && !crate::partial_path(&path).exists() {
            return path;
        }
        n += 1;
    }
}

impl Session {
    fn backup_dir(&self) -> Result<PathBuf, Error> {
        let dir = self.data_dir().join(BACKUP_DIR);
        std::fs::create_dir_all(&dir).map_err(|e| {
            Error::Store(StoreError::Unsupported(regulars_text::t!(
                "file.cannotCreate",
                path = dir.display().to_string(),
                detail = e.to_string()
            )))
        })?;
        Ok(dir)
    }

    /// "Back up now": a checked copy of the shop at `target`, with its checksum beside it. A
    /// target that is the shop itself, a file beside it or a rolling backup is refused. When
    /// the copy fails its check the shop itself is checked, so a damaged shop is reported as
    /// such.
    pub fn backup_now(&self, target: &Path) -> Result<(), Error> {
        crate::files::refuse_shop_file(&self.data_dir(), target)?;
        crate::files::require_folder(target)?;
        self.backup_checked(target)
    }

    fn backup_checked(&self, target: &Path) -> Result<(), Error> {
        match self.store.backup_to(target) {
            Err(StoreError::BadBackup { .. }) => {
                self.store.quick_check()?;
                Err(Error::Store(StoreError::Unsupported(regulars_text::t!("backup.failedCheck", path = target.display().to_string()))))
            }
            other => Ok(other?),
        }
    }

    /// The rolling backup: today's daily copy (if not made yet) and this month's monthly copy
    /// (if not made yet), then the oldest beyond 7 daily and 6 monthly are deleted. Returns
    /// the copies made.
    pub fn rolling_backup(&self) -> Result<Vec<PathBuf>, Error> {
        let dir = self.backup_dir()?;
        let today = self.today();
        let mut made = Vec::new();
        let daily = dir.join(format!("daily-{}.sqlite3", today.format("%Y-%m-%d")));
        if !daily.exists() {
            self.backup_checked(&daily)?;
            made.push(daily.clone());
        }
        let monthly = dir.join(format!("monthly-{}.sqlite3", today.format("%Y-%m")));
        if !monthly.exists() {
            regulars_store::copy_backup(&daily, &monthly).map_err(|e| {
                Error::Store(StoreError::Unsupported(regulars_text::t!(
                    "file.cannotSave",
                    path = monthly.display().to_string(),
                    detail = e.to_string()
                )))
            })?;
            made.push(monthly);
        }
        let files = list_backups(&self.data_dir());
        for (kind, keep) in [("daily", KEEP_DAILY), ("monthly", KEEP_MONTHLY)] {
            for old in files.iter().filter(|f| f.kind == kind).skip(keep) {
                let _ = std::fs::remove_file(&old.path);
                let _ = std::fs::remove_file(regulars_store::checksum_file_of(&old.path));
            }
        }
        Ok(made)
    }

    /// Replaces the shop with the backup at `source`, after saving the current shop in the
    /// backups folder as `before-restore-<time>.sqlite3` (returned; never the name of an
    /// earlier copy, however quickly restores follow each other).
    pub fn restore_backup(&mut self, source: &Path) -> Result<PathBuf, Error> {
        if crate::files::is_shop_file(&self.data_dir(), source) {
            return Err(Error::Conflict(regulars_text::t!("backup.isTheShop", path = source.display().to_string())));
        }
        let safety = unused_name(&self.backup_dir()?, "before-restore");
        self.store.restore_from(source, &safety)?;
        *self.history_cache.borrow_mut() = None;
        *self.outlook_cache.borrow_mut() = None;
        *self.today_cache.borrow_mut() = None;
        *self.plan_cache.borrow_mut() = None;
        Ok(safety)
    }
}

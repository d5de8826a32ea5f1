//! Writing a file so that a reader (or a crash) never sees half of it, and never over the shop.

use std::path::{Path, PathBuf};

use regulars_store::{DATABASE_FILE, StoreError};

use crate::{Error, Session};

/// `path` with `.partial` appended: where a file is written before it is renamed into place.
pub fn partial_path(path: &Path) -> PathBuf {
    regulars_store::with_suffix(path, ".partial")
}

/// Writes `bytes` beside `path` and renames the result over it. A failed write leaves nothing
/// behind, neither the partial file nor an empty target.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let partial = partial_path(path);
    let written = std::fs::write(&partial, bytes).and_then(|()| std::fs::rename(&partial, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    written
}

/// How old a `.partial` file must be before it is taken for the leftover of a killed run:
/// far longer than any write of ours takes, so one being written now is never touched.
const STALE_PARTIAL: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// Deletes the `.partial` files (and their `.partial.sha256`) a killed or failed run left in
/// `dir` more than an hour ago: a killed restore leaves a copy as large as the shop. And an
/// import's sales set aside ([`regulars_import::is_set_aside_file`]) that the system did not delete: on Windows that
/// file is deleted when it is closed, which a power cut or a crash of the system never does.
pub(crate) fn sweep_partials(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.ends_with(".partial") || name.ends_with(".partial.sha256") || regulars_import::is_set_aside_file(&name)) {
            continue;
        }
        let old = entry.metadata().and_then(|m| m.modified()).is_ok_and(|at| at.elapsed().is_ok_and(|age| age > STALE_PARTIAL));
        if old && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The files no "save as" may write over: the shop, its write-ahead log, shared memory and
/// lock file, and (by folder) every backup.
fn shop_files(data_dir: &Path) -> Vec<PathBuf> {
    let shop = data_dir.join(DATABASE_FILE);
    let mut files = vec![shop.clone(), regulars_store::lock_file_of(&shop)];
    files.extend(regulars_store::sidecar_files(&shop));
    files
}

/// `path` made absolute with its folder's links resolved, so that two spellings of one file
/// compare equal (the file itself need not exist yet).
fn resolved(path: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(path).ok()?;
    let name = absolute.file_name()?.to_owned();
    let folder = absolute.parent()?.canonicalize().ok()?;
    Some(folder.join(name))
}

fn same_name(a: &Path, b: &Path) -> bool {
    // Windows and macOS compare file names without regard to case.
    if cfg!(any(windows, target_os = "macos")) { a.as_os_str().eq_ignore_ascii_case(b.as_os_str()) } else { a == b }
}

/// Whether `a` and `b` are one file on disk (a link, another spelling, another name).
///
/// On Unix this compares device and inode from the file's metadata, never opening it: closing
/// any handle this process opened on the shop file or its shared-memory file drops every POSIX
/// lock the process holds on it, SQLite's included, and another process could then take the
/// shop for unused and delete its write-ahead log under the open connection.
pub(crate) fn is_same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        // Windows has no such lock semantics; its file index needs an open handle.
        same_file::is_same_file(a, b).unwrap_or(false)
    }
}

/// Refuses `target` when writing it would overwrite the shop in `data_dir`, a file SQLite
/// keeps beside it, or anything in its backups folder: however it is spelled, and through a
/// link or another name for the same file.
pub fn refuse_shop_file(data_dir: &Path, target: &Path) -> Result<(), Error> {
    let refuse = || Err(Error::Conflict(regulars_text::t!("file.isTheShop", path = target.display().to_string())));
    if is_shop_file(data_dir, target) {
        return refuse();
    }
    let backups = data_dir.join(crate::BACKUP_DIR);
    if let (Some(folder), Ok(backups)) = (resolved(target).as_deref().and_then(Path::parent), backups.canonicalize())
        && same_name(folder, &backups)
    {
        return refuse();
    }
    Ok(())
}

/// Whether `path` is the shop in `data_dir` or a file kept beside it (its write-ahead log,
/// shared memory or lock file), however it is spelled, linked or named.
pub(crate) fn is_shop_file(data_dir: &Path, path: &Path) -> bool {
    let wanted = resolved(path);
    shop_files(data_dir)
        .iter()
        .any(|file| wanted.as_ref().is_some_and(|w| resolved(file).is_some_and(|f| same_name(&f, w))) || is_same_file(file, path))
}

/// Refuses a target whose folder is not there, in words (SQLite and the OS would say "unable
/// to open database file" or "No such file or directory" about a name the owner never typed).
pub(crate) fn require_folder(target: &Path) -> Result<(), Error> {
    let folder = match target.parent() {
        Some(folder) if folder.as_os_str().is_empty() => Path::new("."),
        Some(folder) => folder,
        None => return Ok(()),
    };
    if folder.is_dir() {
        return Ok(());
    }
    Err(Error::NotFound(regulars_text::t!("file.noFolder", path = target.display().to_string(), folder = folder.display().to_string())))
}

impl Session {
    /// The folder the shop file is kept in.
    pub fn data_dir(&self) -> PathBuf {
        self.store.path().parent().map(Path::to_path_buf).unwrap_or_default()
    }

    /// "Save as" beside this shop: see [`save_as`].
    pub fn save_file(&self, target: &Path, bytes: &[u8]) -> Result<(), Error> {
        save_as(&self.data_dir(), target, bytes)
    }
}

/// "Save as": writes `bytes` at `target` whole (beside it first, then renamed over it), after
/// refusing a target that is the shop kept in `data_dir`, a file beside it, or a backup, and a
/// folder that is not there.
pub fn save_as(data_dir: &Path, target: &Path, bytes: &[u8]) -> Result<(), Error> {
    refuse_shop_file(data_dir, target)?;
    require_folder(target)?;
    write_atomically(target, bytes).map_err(|e| {
        let path = target.display().to_string();
        if held_open_elsewhere(&e, target) {
            return Error::Conflict(regulars_text::t!("file.openElsewhere", path = path));
        }
        Error::Store(StoreError::Unsupported(regulars_text::t!("file.cannotSave", path = path, detail = e.to_string())))
    })
}

/// Whether renaming over `target` failed because another program has it open: on Windows a
/// file open in a spreadsheet cannot be replaced (a sharing violation, or access denied on a
/// file we could otherwise write). Unix replaces open files, so there it never is.
fn held_open_elsewhere(error: &std::io::Error, target: &Path) -> bool {
    // ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION.
    const SHARING: [i32; 2] = [32, 33];
    cfg!(windows)
        && target.is_file()
        && (error.raw_os_error().is_some_and(|code| SHARING.contains(&code))
            || (error.kind() == std::io::ErrorKind::PermissionDenied && !target.metadata().is_ok_and(|m| m.permissions().readonly())))
}

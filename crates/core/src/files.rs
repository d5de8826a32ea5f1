//! Writing a file so that a reader (or a crash) never sees half of it.

use std::path::{Path, PathBuf};

/// `path` with `.partial` appended: where a file is written before it is renamed into place.
pub fn partial_path(path: &Path) -> PathBuf {
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    PathBuf::from(partial)
}

/// Writes `bytes` beside `path` and renames the result over it.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let partial = partial_path(path);
    std::fs::write(&partial, bytes)?;
    std::fs::rename(&partial, path)
}

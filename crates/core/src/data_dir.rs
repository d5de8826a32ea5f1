//! Where the shop's data lives: the OS data directory, unless the owner or a test says otherwise.

use std::path::{Path, PathBuf};

use directories::ProjectDirs;

/// Environment variable that overrides the data directory (after `--data-dir`).
pub const DATA_DIR_ENV: &str = "REGULARS_DATA_DIR";

/// The data directory: `--data-dir` if given, else `$REGULARS_DATA_DIR`, else the OS data
/// directory (`~/.local/share/regulars` on Linux, `~/Library/Application Support/app.regulars.Regulars`
/// on macOS, `%APPDATA%\Regulars\Regulars\data` on Windows). The directory is created.
pub fn resolve_data_dir(flag: Option<&Path>) -> std::io::Result<PathBuf> {
    let dir = match flag {
        Some(dir) => dir.to_owned(),
        None => match std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
            Some(dir) => PathBuf::from(dir),
            None => ProjectDirs::from("app", "Regulars", "Regulars")
                .map(|dirs| dirs.data_dir().to_owned())
                .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, regulars_text::t!("app.noHome")))?,
        },
    };
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

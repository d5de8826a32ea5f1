//! Where the shop's data lives: the OS data directory, unless the owner or a test says otherwise.

use std::path::{Path, PathBuf};

use directories::ProjectDirs;

/// Environment variable that overrides the data directory (after `--data-dir`).
pub const DATA_DIR_ENV: &str = "REGULARS_DATA_DIR";

/// The data directory: `--data-dir` if given, else `$REGULARS_DATA_DIR`, else the OS data
/// directory (`~/.local/share/regulars` on Linux, `~/Library/Application Support/app.regulars.Regulars`
/// on macOS, `%APPDATA%\Regulars\Regulars\data` on Windows). Nothing is created here: only
/// opening a shop to write one (the app, `setup`, `import`) creates the folder.
pub fn resolve_data_dir(flag: Option<&Path>) -> std::io::Result<PathBuf> {
    let dir = match flag {
        Some(dir) if dir.as_os_str().is_empty() => {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, regulars_text::t!("data.emptyFolder")));
        }
        Some(dir) => dir.to_owned(),
        None => match std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
            Some(dir) => PathBuf::from(dir),
            None => ProjectDirs::from("app", "Regulars", "Regulars")
                .map(|dirs| dirs.data_dir().to_owned())
                .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, regulars_text::t!("app.noHome")))?,
        },
    };
    Ok(dir)
}

/// Creates the data folder (and the folders above it) if it is not there yet; a file in its
/// place is refused in words.
pub(crate) fn create_data_dir(dir: &Path) -> Result<(), crate::Error> {
    refuse_file_in_place(dir)?;
    std::fs::create_dir_all(dir).map_err(|e| {
        crate::Error::Store(regulars_store::StoreError::Unsupported(regulars_text::t!(
            "file.cannotCreate",
            path = dir.display().to_string(),
            detail = e.to_string()
        )))
    })
}

/// A file where the data folder should be is refused in words (the OS says "File exists").
pub(crate) fn refuse_file_in_place(dir: &Path) -> Result<(), crate::Error> {
    if dir.exists() && !dir.is_dir() {
        return Err(crate::Error::Conflict(regulars_text::t!("data.notAFolder", path = dir.display().to_string())));
    }
    Ok(())
}

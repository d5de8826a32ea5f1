//! `backups`: the rolling backups in the data folder, readable even when the shop is not.

use std::path::Path;

use crate::error::Result;

pub fn run(dir: &Path) -> Result {
    if !dir.is_dir() {
        return Err(format!("there is no data folder at {}; check --data-dir", dir.display()).into());
    }
    for b in regulars_core::list_backups(dir) {
        out!("{}\t{}\t{} kB\t{}", b.kind, b.when, b.bytes / 1000, b.path.display());
    }
    Ok(())
}

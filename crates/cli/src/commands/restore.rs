//! `restore FILE`: replace the shop with a backup, after checking it whole.

use std::path::PathBuf;

use regulars_core::Session;

use crate::error::Result;

#[derive(clap::Args)]
pub struct Args {
    /// The backup to restore
    file: PathBuf,
}

pub fn run(session: &mut Session, args: &Args) -> Result {
    let safety = session.restore_backup(&args.file)?;
    out!("restored {}; the shop as it was is saved as {}", args.file.display(), safety.display());
    Ok(())
}

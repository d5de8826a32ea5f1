//! `backup FILE`: a checked copy of the shop, its SHA-256 checksum beside it.

use std::path::PathBuf;

use regulars_core::Session;

use crate::error::Result;

#[derive(clap::Args)]
pub struct Args {
    /// The backup file to write (never the shop itself)
    file: PathBuf,
}

pub fn run(session: &Session, args: &Args) -> Result {
    session.backup_now(&args.file)?;
    out!("backed up to {} (checked)", args.file.display());
    Ok(())
}

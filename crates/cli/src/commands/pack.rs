//! `pack FILE.pdf`: the meeting pack, the summary and every chart in one PDF.

use std::path::PathBuf;

use regulars_core::Session;

use super::Range;
use crate::error::Result;

#[derive(clap::Args)]
pub struct Args {
    /// The PDF to write
    #[arg(value_name = "FILE.pdf")]
    file: PathBuf,
    #[command(flatten)]
    range: Range,
}

pub fn run(session: &Session, args: &Args) -> Result {
    let filter = args.range.filter(session)?;
    let pdf = session.meeting_pack(&filter, |done, all| eprint!("\rpage {done} of {all}"))?;
    eprintln!();
    super::save(session, &args.file, &pdf)?;
    out!("wrote the meeting pack ({} to {}) to {}", filter.from, filter.to, args.file.display());
    Ok(())
}

//! `undo-import ID`: take an import back as a whole.

use regulars_core::Session;

use crate::error::Result;

#[derive(clap::Args)]
pub struct Args {
    /// The import's number (see `imports`)
    id: i64,
}

pub fn run(session: &mut Session, args: &Args) -> Result {
    let record = session.undo_import(args.id)?;
    out!("undid import {} of {}: its {} sales are gone", record.id, record.file_name, record.sales);
    Ok(())
}

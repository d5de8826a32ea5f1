//! `export --out DIR`: customers.csv, sales.csv and contacts.csv.

use std::path::PathBuf;

use regulars_core::{ExportTable, Session};

use crate::error::Result;

#[derive(clap::Args)]
pub struct Args {
    /// The folder to write the three files in (made if it is not there)
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

pub fn run(session: &Session, args: &Args) -> Result {
    super::create_folder(&args.out)?;
    for (table, name) in
        [(ExportTable::Customers, "customers.csv"), (ExportTable::Sales, "sales.csv"), (ExportTable::Contacts, "contacts.csv")]
    {
        let bytes = session.export_csv(table)?;
        let path = args.out.join(name);
        super::save(session, &path, &bytes)?;
        out!("wrote {} ({} rows)", path.display(), bytes.iter().filter(|&&b| b == b'\n').count().saturating_sub(1));
    }
    Ok(())
}

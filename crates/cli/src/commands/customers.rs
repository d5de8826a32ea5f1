//! `customers`: list or search customers.

use regulars_core::{CustomerSort, Session};

use crate::error::Result;

#[derive(clap::Args)]
pub struct Args {
    /// Name, email or phone (any part of it)
    #[arg(long, value_name = "TEXT")]
    search: Option<String>,
    /// At most this many
    #[arg(long, default_value_t = 50, value_name = "N")]
    limit: u32,
}

pub fn run(session: &Session, args: &Args) -> Result {
    let customers = match &args.search {
        Some(query) => session.search_customers(query, args.limit)?,
        None => session.list_customers(CustomerSort::Name, args.limit, 0)?.customers,
    };
    for c in customers {
        out!("{}\t{}\t{}\t{} sales", c.id, c.name, c.email.unwrap_or_default(), c.stats.sale_count);
    }
    Ok(())
}

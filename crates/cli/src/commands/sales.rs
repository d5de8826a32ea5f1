//! `sales`: the latest sales.

use regulars_core::Session;

use crate::error::Result;

#[derive(clap::Args)]
pub struct Args {
    /// At most this many
    #[arg(long, default_value_t = 20, value_name = "N")]
    limit: u32,
}

pub fn run(session: &Session, args: &Args) -> Result {
    let currency = session.currency()?;
    for sale in session.recent_sales(args.limit)? {
        let who = sale.customer_name.unwrap_or_else(|| "walk-in".to_owned());
        out!("{}\t{}\t{} {}\t{}", sale.id, sale.date.date(), sale.amount.to_decimal(currency), currency, who);
    }
    Ok(())
}

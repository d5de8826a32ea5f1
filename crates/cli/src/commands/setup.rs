//! `setup`: name the shop and choose its currency.

use regulars_core::Session;
use regulars_domain::{Currency, ShopName, ShopSettings};

use crate::error::Result;

#[derive(clap::Args)]
pub struct Args {
    /// The shop's name, as charts and the meeting pack show it
    #[arg(long)]
    name: String,
    /// The currency of every amount, as an ISO 4217 code (EUR, USD, JPY, ...)
    #[arg(long, value_name = "CODE")]
    currency: String,
}

pub fn run(session: &mut Session, args: &Args) -> Result {
    let name = ShopName::parse(&args.name).map_err(|e| e.to_string())?;
    let currency = Currency::parse(&args.currency).map_err(|e| e.to_string())?;
    let settings = session.set_up_shop(ShopSettings { name, currency })?;
    out!("{} is set up in {}", settings.name.as_str(), settings.currency);
    Ok(())
}

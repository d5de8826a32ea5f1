//! `sample-shop`: the two-year sample shop, into an empty shop only.

use regulars_core::Session;

use crate::error::Result;

pub fn run(session: &mut Session) -> Result {
    let made = session.load_sample_shop()?;
    out!("loaded the sample shop: {} customers and {} sales in {}", made.customers, made.sales, session.data_dir().display());
    Ok(())
}

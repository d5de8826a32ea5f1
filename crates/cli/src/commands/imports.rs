//! `imports`: past imports, newest first.

use regulars_core::Session;
use regulars_domain::Money;

use crate::error::Result;

pub fn run(session: &Session) -> Result {
    let currency = session.currency()?;
    for r in session.imports()? {
        let state = r.undone_at.as_deref().map_or_else(String::new, |at| format!("\tundone {at}"));
        out!(
            "{}\t{}\t{}\t{}\t{} sales\t{} {}\t{} new customers{state}",
            r.id,
            r.imported_at,
            r.file_name,
            r.preset,
            r.sales,
            Money::from_minor(r.revenue_minor).to_decimal(currency),
            currency,
            r.customers_new
        );
    }
    Ok(())
}

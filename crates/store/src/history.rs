//! The reads behind the analytics: every purchase day's total per customer, contact days and
//! customer names, streamed in customer order so the caller can build its history in one go.

use chrono::NaiveDate;

use crate::{Store, StoreError};

/// What has changed since a previous [`Store::revision`]: equal revisions mean no write by this
/// connection or any other in between, so anything computed from the data is still right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Revision {
    own_changes: u64,
    data_version: i64,
}

/// The revision of the shop as `conn` sees it (inside a transaction: as of its start).
pub(crate) fn revision_of(conn: &rusqlite::Connection) -> Result<Revision, StoreError> {
    let data_version = conn.pragma_query_value(None, "data_version", |row| row.get(0))?;
    Ok(Revision { own_changes: conn.total_changes(), data_version })
}

impl Store {
    /// The day of the latest sale that was not deleted (the `sale_by_day` index answers it).
    pub fn last_sale_day(&self) -> Result<Option<chrono::NaiveDate>, StoreError> {
        Ok(self.conn.query_row("SELECT max(sold_on) FROM sale WHERE deleted_at IS NULL", [], |row| row.get(0))?)
    }

    pub fn revision(&self) -> Result<Revision, StoreError> {
        revision_of(&self.conn)
    }

    /// Each (customer or walk-in, day) with the day's revenue in minor units, deleted sales
    /// left out, ordered by customer then day.
    pub fn each_purchase_day(&self, mut visit: impl FnMut(Option<i64>, NaiveDate, i64)) -> Result<(), StoreError> {
        let mut statement = self.conn.prepare_cached(
            "SELECT customer_id, sold_on, sum(amount_minor) FROM sale WHERE deleted_at IS NULL
             GROUP BY customer_id, sold_on ORDER BY customer_id, sold_on",
        )?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            visit(row.get(0)?, row.get(1)?, row.get(2)?);
        }
        Ok(())
    }

    /// Each contact's customer and day, ordered by customer.
    pub fn each_contact_day(&self, mut visit: impl FnMut(i64, NaiveDate)) -> Result<(), StoreError> {
        let mut statement = self.conn.prepare_cached("SELECT customer_id, contacted_on FROM contact ORDER BY customer_id, contacted_on")?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            visit(row.get(0)?, row.get(1)?);
        }
        Ok(())
    }

    /// Each customer who has bought, with their name.
    pub fn each_buyer_name(&self, mut visit: impl FnMut(i64, &str)) -> Result<(), StoreError> {
        let mut statement = self.conn.prepare_cached("SELECT id, name FROM customer WHERE sale_count > 0 ORDER BY id")?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let name: String = row.get(1)?;
            visit(row.get(0)?, &name);
        }
        Ok(())
    }
}

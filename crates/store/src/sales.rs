//! Sales: logging, editing, deleting (softly, so it can be undone) and reading them back.

use chrono::NaiveDate;
use regulars_domain::{Channel, CustomerId, Money, Sale, SaleDate, SaleDraft, SaleId};
use rusqlite::{OptionalExtension, Row};

use crate::{Store, StoreError, rhythm};

const SALE_COLUMNS: &str = "s.id, s.customer_id, c.name, s.sold_on, s.amount_minor, s.description, s.channel, s.note";

fn sale_from_row(row: &Row<'_>) -> rusqlite::Result<Sale> {
    let channel: String = row.get(6)?;
    Ok(Sale {
        id: row.get(0)?,
        customer: row.get(1)?,
        customer_name: row.get(2)?,
        date: SaleDate::from_stored(row.get::<_, NaiveDate>(3)?),
        amount: Money::from_minor(row.get(4)?),
        description: row.get(5)?,
        // The table's CHECK admits only the four keys.
        channel: Channel::parse(&channel).unwrap_or(Channel::Other),
        note: row.get(7)?,
    })
}

impl Store {
    /// Logs a sale. The customer, if any, must exist (the caller checks, the foreign key
    /// enforces).
    pub fn insert_sale(&mut self, draft: &SaleDraft) -> Result<SaleId, StoreError> {
        let ids = self.insert_sales(std::slice::from_ref(draft))?;
        ids.into_iter().next().ok_or_else(|| StoreError::Unsupported(regulars_text::t!("store.saleNotLogged")))
    }

    /// Replaces a sale's details. `false` when there is no such (undeleted) sale.
    pub fn update_sale(&mut self, id: SaleId, draft: &SaleDraft) -> Result<bool, StoreError> {
        let tx = self.conn.transaction()?;
        let before = sale_customer(&tx, id)?;
        let changed = tx
            .prepare_cached(
                "UPDATE sale SET customer_id = ?2, sold_on = ?3, amount_minor = ?4, description = ?5, channel = ?6, note = ?7, updated_at = ?8
                 WHERE id = ?1 AND deleted_at IS NULL",
            )?
            .execute((
                id,
                draft.customer,
                draft.date.date(),
                draft.amount.minor(),
                &draft.description,
                draft.channel.key(),
                &draft.note,
                Store::now(),
            ))?;
        rhythm::refresh(&tx, before.into_iter().flatten().chain(draft.customer))?;
        tx.commit()?;
        Ok(changed > 0)
    }

    /// Marks a sale deleted (or, with `deleted = false`, restores it). `false` when there is no
    /// such sale in the other state.
    pub fn set_sale_deleted(&mut self, id: SaleId, deleted: bool) -> Result<bool, StoreError> {
        let sql = if deleted {
            "UPDATE sale SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL"
        } else {
            "UPDATE sale SET deleted_at = NULL, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NOT NULL"
        };
        let tx = self.conn.transaction()?;
        let changed = tx.prepare_cached(sql)?.execute((id, Store::now()))?;
        rhythm::refresh(&tx, sale_customer(&tx, id)?.flatten())?;
        tx.commit()?;
        Ok(changed > 0)
    }

    /// One sale that has not been deleted.
    pub fn sale(&self, id: SaleId) -> Result<Option<Sale>, StoreError> {
        let sql = format!(
            "SELECT {SALE_COLUMNS} FROM sale s LEFT JOIN customer c ON c.id = s.customer_id WHERE s.id = ?1 AND s.deleted_at IS NULL"
        );
        Ok(self.conn.prepare_cached(&sql)?.query_row([id], sale_from_row).optional()?)
    }

    /// A customer's sales, newest first.
    /// A customer's latest sale (what a message can name as their last purchase).
    pub fn last_sale_of(&self, customer: CustomerId) -> Result<Option<Sale>, StoreError> {
        let sql = format!(
            "SELECT {SALE_COLUMNS} FROM sale s JOIN customer c ON c.id = s.customer_id
             WHERE s.customer_id = ?1 AND s.deleted_at IS NULL ORDER BY s.sold_on DESC, s.id DESC LIMIT 1"
        );
        Ok(self.conn.prepare_cached(&sql)?.query_row([customer], sale_from_row).optional()?)
    }

    pub fn sales_of_customer(&self, customer: CustomerId) -> Result<Vec<Sale>, StoreError> {
        let sql = format!(
            "SELECT {SALE_COLUMNS} FROM sale s JOIN customer c ON c.id = s.customer_id
             WHERE s.customer_id = ?1 AND s.deleted_at IS NULL ORDER BY s.sold_on DESC, s.id DESC"
        );
        let rows = self.conn.prepare_cached(&sql)?.query_map([customer], sale_from_row)?.collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// The latest sales of the whole shop, walk-ins included, newest first.
    pub fn recent_sales(&self, limit: u32) -> Result<Vec<Sale>, StoreError> {
        let sql = format!(
            "SELECT {SALE_COLUMNS} FROM sale s LEFT JOIN customer c ON c.id = s.customer_id
             WHERE s.deleted_at IS NULL ORDER BY s.sold_on DESC, s.id DESC LIMIT ?1"
        );
        let rows = self.conn.prepare_cached(&sql)?.query_map([limit], sale_from_row)?.collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// Whether a customer row exists (archived or not).
    pub fn customer_exists(&self, id: CustomerId) -> Result<bool, StoreError> {
        Ok(self.conn.prepare_cached("SELECT 1 FROM customer WHERE id = ?1")?.query_row([id], |_| Ok(())).optional()?.is_some())
    }
}

impl Store {
    /// Logs sales in one transaction: all or none (sample shops, benchmarks, later imports).
    pub fn insert_sales(&mut self, drafts: &[SaleDraft]) -> Result<Vec<SaleId>, StoreError> {
        let now = Store::now();
        let tx = self.conn.transaction()?;
        let mut ids = Vec::with_capacity(drafts.len());
        for draft in drafts {
            ids.push(insert_sale_in(&tx, draft, &now)?);
        }
        let mut customers: Vec<CustomerId> = drafts.iter().filter_map(|d| d.customer).collect();
        customers.sort_unstable();
        customers.dedup();
        rhythm::refresh(&tx, customers)?;
        tx.commit()?;
        Ok(ids)
    }
}

/// The customer of a sale (`Some(None)` for a walk-in), `None` when there is no such sale.
fn sale_customer(conn: &rusqlite::Connection, id: SaleId) -> rusqlite::Result<Option<Option<CustomerId>>> {
    conn.prepare_cached("SELECT customer_id FROM sale WHERE id = ?1")?.query_row([id], |row| row.get(0)).optional()
}

pub(crate) fn insert_sale_in(tx: &rusqlite::Transaction<'_>, draft: &SaleDraft, now: &str) -> Result<SaleId, StoreError> {
    tx.prepare_cached(
        "INSERT INTO sale (customer_id, sold_on, amount_minor, description, channel, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
    )?
    .execute((draft.customer, draft.date.date(), draft.amount.minor(), &draft.description, draft.channel.key(), &draft.note, now))?;
    Ok(SaleId(tx.last_insert_rowid()))
}

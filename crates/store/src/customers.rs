//! Customers: adding, editing, archiving, reading one, listing and searching.

use chrono::NaiveDate;
use regulars_domain::{Customer, CustomerDraft, CustomerId, CustomerSummary, Money, PurchaseStats, SaleDraft, SaleId};
use rusqlite::{OptionalExtension, Row, Transaction};

use crate::{Store, StoreError, rhythm, search};

/// The orders the customer list can be shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CustomerSort {
    #[default]
    Name,
    /// Most recent purchase first; customers who never bought last.
    LastPurchase,
    /// Highest lifetime value first.
    LifetimeValue,
}

/// Columns read into a [`CustomerSummary`] by [`summary_from_row`], prefixed by table alias `c`.
pub(crate) const SUMMARY_COLUMNS: &str = "c.id, c.name, c.email, c.phone, c.archived_at IS NOT NULL, \
     c.sale_count, c.purchase_days, c.lifetime_minor, c.first_purchase_on, c.last_purchase_on";

pub(crate) fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<CustomerSummary> {
    Ok(CustomerSummary {
        id: row.get(0)?,
        name: row.get(1)?,
        email: row.get(2)?,
        phone: row.get(3)?,
        archived: row.get(4)?,
        stats: PurchaseStats {
            sale_count: row.get(5)?,
            purchase_days: row.get(6)?,
            lifetime_value: Money::from_minor(row.get(7)?),
            first_purchase: row.get::<_, Option<NaiveDate>>(8)?,
            last_purchase: row.get::<_, Option<NaiveDate>>(9)?,
        },
    })
}

impl Store {
    pub fn insert_customer(&mut self, draft: &CustomerDraft) -> Result<CustomerId, StoreError> {
        let ids = self.insert_customers(std::slice::from_ref(draft))?;
        ids.into_iter().next().ok_or_else(|| StoreError::Unsupported(regulars_text::t!("store.customerNotAdded")))
    }

    /// Replaces a customer's details. `false` when there is no such customer.
    pub fn update_customer(&mut self, id: CustomerId, draft: &CustomerDraft) -> Result<bool, StoreError> {
        let tx = self.conn.transaction()?;
        let changed = tx
            .prepare_cached(
                "UPDATE customer SET name = ?2, email = ?3, phone = ?4, phone_digits = ?5, notes = ?6, updated_at = ?7
                 WHERE id = ?1",
            )?
            .execute((
                id,
                draft.name.as_str(),
                draft.email.as_ref().map(|e| e.as_str()),
                draft.phone.as_ref().map(|p| p.as_str()),
                draft.phone.as_ref().map(|p| p.digits()),
                &draft.notes,
                Store::now(),
            ))?;
        if changed == 0 {
            return Ok(false);
        }
        tx.prepare_cached("DELETE FROM customer_tag WHERE customer_id = ?1")?.execute([id])?;
        write_tags(&tx, id, draft)?;
        tx.commit()?;
        Ok(true)
    }

    /// Archives (hides from lists and search) or brings back a customer; their sales stay.
    /// `false` when there is no such customer.
    pub fn set_customer_archived(&mut self, id: CustomerId, archived: bool) -> Result<bool, StoreError> {
        let now = Store::now();
        let changed = self
            .conn
            .prepare_cached(
                "UPDATE customer SET archived_at = CASE WHEN ?2 THEN coalesce(archived_at, ?3) END, updated_at = ?3 WHERE id = ?1",
            )?
            .execute((id, archived, &now))?;
        Ok(changed > 0)
    }

    pub fn customer(&self, id: CustomerId) -> Result<Option<Customer>, StoreError> {
        let found = self
            .conn
            .prepare_cached(&format!("SELECT {SUMMARY_COLUMNS}, c.notes FROM customer c WHERE c.id = ?1"))?
            .query_row([id], |row| Ok((summary_from_row(row)?, row.get::<_, String>(10)?)))
            .optional()?;
        let Some((summary, notes)) = found else {
            return Ok(None);
        };
        let tags = self
            .conn
            .prepare_cached("SELECT tag FROM customer_tag WHERE customer_id = ?1 ORDER BY tag COLLATE NOCASE")?
            .query_map([id], |row| row.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        Ok(Some(Customer { summary, notes, tags }))
    }

    /// A page of active customers in the chosen order.
    pub fn list_customers(&self, sort: CustomerSort, limit: u32, offset: u32) -> Result<Vec<CustomerSummary>, StoreError> {
        let order = match sort {
            CustomerSort::Name => "c.name COLLATE NOCASE, c.id",
            CustomerSort::LastPurchase => "c.last_purchase_on IS NULL, c.last_purchase_on DESC, c.id",
            CustomerSort::LifetimeValue => "c.lifetime_minor DESC, c.id",
        };
        let sql = format!("SELECT {SUMMARY_COLUMNS} FROM customer c WHERE c.archived_at IS NULL ORDER BY {order} LIMIT ?1 OFFSET ?2");
        let rows = self.conn.prepare_cached(&sql)?.query_map((limit, offset), summary_from_row)?.collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// How many customers are active (not archived).
    pub fn count_customers(&self) -> Result<i64, StoreError> {
        Ok(self.conn.prepare_cached("SELECT count(*) FROM customer WHERE archived_at IS NULL")?.query_row([], |row| row.get(0))?)
    }

    /// Active customers whose name or email has words starting with the words of `query`, or
    /// whose phone digits start with its digits. Names that start with the query come first,
    /// then the most recent buyers.
    pub fn search_customers(&self, query: &str, limit: u32) -> Result<Vec<CustomerSummary>, StoreError> {
        let Some(fts) = search::fts_query(query) else {
            return Ok(Vec::new());
        };
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM customer_search s JOIN customer c ON c.id = s.rowid
             WHERE customer_search MATCH ?1 AND c.archived_at IS NULL
             ORDER BY c.name LIKE ?2 ESCAPE '\\' DESC, c.last_purchase_on IS NULL, c.last_purchase_on DESC, c.name COLLATE NOCASE
             LIMIT ?3"
        );
        let rows = self
            .conn
            .prepare_cached(&sql)?
            .query_map((fts, search::like_prefix(query), limit), summary_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// Finds a customer by exact email (used to avoid adding the same person twice). A
    /// customer merged into another (who may have taken their email) is not one of them.
    pub fn customer_by_email(&self, email: &str) -> Result<Option<CustomerId>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT id FROM customer WHERE email = ?1
                   AND NOT EXISTS (SELECT 1 FROM customer_merge WHERE merged_id = customer.id AND split_at IS NULL)
                 ORDER BY id LIMIT 1",
            )?
            .query_row([email], |row| row.get(0))
            .optional()?)
    }
}

fn write_tags(tx: &Transaction<'_>, id: CustomerId, draft: &CustomerDraft) -> Result<(), StoreError> {
    let mut insert = tx.prepare_cached("INSERT OR IGNORE INTO customer_tag (customer_id, tag) VALUES (?1, ?2)")?;
    for tag in &draft.tags {
        insert.execute((id, tag.as_str()))?;
    }
    Ok(())
}

impl Store {
    /// Adds customers in one transaction: all or none (sample shops, benchmarks, later imports).
    pub fn insert_customers(&mut self, drafts: &[CustomerDraft]) -> Result<Vec<CustomerId>, StoreError> {
        let now = Store::now();
        let tx = self.conn.transaction()?;
        let mut ids = Vec::with_capacity(drafts.len());
        for draft in drafts {
            ids.push(insert_customer_in(&tx, draft, &now)?);
        }
        tx.commit()?;
        Ok(ids)
    }

    /// A new customer and their first sale (the sale form's "add as a new customer"), in one
    /// transaction: both or neither, so a sale refused leaves no customer behind.
    pub fn insert_customer_with_sale(&mut self, customer: &CustomerDraft, sale: &SaleDraft) -> Result<(CustomerId, SaleId), StoreError> {
        let now = Store::now();
        let tx = self.conn.transaction()?;
        let id = insert_customer_in(&tx, customer, &now)?;
        let sale = crate::sales::insert_sale_in(&tx, &SaleDraft { customer: Some(id), ..sale.clone() }, &now)?;
        rhythm::refresh(&tx, [id])?;
        tx.commit()?;
        Ok((id, sale))
    }
}

fn insert_customer_in(tx: &Transaction<'_>, draft: &CustomerDraft, now: &str) -> Result<CustomerId, StoreError> {
    tx.prepare_cached(
        "INSERT INTO customer (name, email, phone, phone_digits, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
    )?
    .execute((
        draft.name.as_str(),
        draft.email.as_ref().map(|e| e.as_str()),
        draft.phone.as_ref().map(|p| p.as_str()),
        draft.phone.as_ref().map(|p| p.digits()),
        &draft.notes,
        now,
    ))?;
    let id = CustomerId(tx.last_insert_rowid());
    write_tags(tx, id, draft)?;
    Ok(id)
}

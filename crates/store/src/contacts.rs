//! Follow-up contacts: logging them and reading a customer's.

use chrono::NaiveDate;
use regulars_domain::{Contact, ContactDraft, ContactMethod, CustomerId, Outcome};
use rusqlite::Row;

use crate::{Store, StoreError};

fn contact_from_row(row: &Row<'_>) -> rusqlite::Result<Contact> {
    let method: String = row.get(3)?;
    let outcome: String = row.get(4)?;
    Ok(Contact {
        id: row.get(0)?,
        customer: row.get(1)?,
        date: row.get::<_, NaiveDate>(2)?,
        // The table's CHECKs admit only the known keys.
        method: ContactMethod::parse(&method).unwrap_or(ContactMethod::Other),
        outcome: Outcome::parse(&outcome).unwrap_or(Outcome::Neutral),
        sale: row.get(5)?,
        note: row.get(6)?,
    })
}

impl Store {
    /// Logs a contact; the customer's last contact and open issue follow by trigger.
    pub fn insert_contact(&mut self, draft: &ContactDraft) -> Result<i64, StoreError> {
        let tx = self.conn.transaction()?;
        tx.prepare_cached(
            "INSERT INTO contact (customer_id, contacted_on, method, outcome, sale_id, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute((draft.customer, draft.date.date(), draft.method.key(), draft.outcome.key(), draft.sale, &draft.note, Store::now()))?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(id)
    }

    /// Logs many contacts in one transaction (the sample shop, imports).
    pub fn insert_contacts(&mut self, drafts: &[ContactDraft]) -> Result<(), StoreError> {
        let now = Store::now();
        let tx = self.conn.transaction()?;
        for draft in drafts {
            tx.prepare_cached(
                "INSERT INTO contact (customer_id, contacted_on, method, outcome, sale_id, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute((draft.customer, draft.date.date(), draft.method.key(), draft.outcome.key(), draft.sale, &draft.note, &now))?;
        }
        tx.commit()?;
        Ok(())
    }

    /// A customer's contacts, newest first.
    pub fn contacts_of_customer(&self, customer: CustomerId) -> Result<Vec<Contact>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT id, customer_id, contacted_on, method, outcome, sale_id, note FROM contact
                 WHERE customer_id = ?1 ORDER BY contacted_on DESC, id DESC",
            )?
            .query_map([customer], contact_from_row)?
            .collect::<Result<Vec<_>, _>>()?)
    }

    /// Whether `sale` is a (not deleted) sale of `customer`.
    pub fn sale_belongs_to(&self, sale: regulars_domain::SaleId, customer: CustomerId) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT count(*) FROM sale WHERE id = ?1 AND customer_id = ?2 AND deleted_at IS NULL")?
            .query_row((sale, customer), |row| row.get::<_, i64>(0))?
            > 0)
    }
}

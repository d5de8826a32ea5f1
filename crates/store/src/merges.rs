//! Merging two customers who are one person, and splitting a merge that was wrong. A merge
//! moves rows and records each one it moved; a split moves exactly those back (rows the owner
//! has since given to someone else stay where they are). Nothing is deleted either way.

use std::collections::{HashMap, HashSet};

use regulars_domain::CustomerId;
use rusqlite::{OptionalExtension, Row, Transaction};

use crate::{Store, StoreError, rhythm};

/// One merge of `merged` into `kept`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeRecord {
    pub id: i64,
    pub kept: CustomerId,
    pub kept_name: String,
    pub merged: CustomerId,
    pub merged_name: String,
    /// When it was merged (RFC 3339, UTC).
    pub merged_at: String,
    /// When it was split again, if it was.
    pub split_at: Option<String>,
}

/// What tells a customer apart, for finding possible duplicates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub id: CustomerId,
    pub name: String,
    pub email: Option<String>,
    pub phone_digits: Option<String>,
}

/// The rows a merge moves, each with the query that lists a customer's and the statement that
/// gives one to another customer (`?1` the new owner, `?2` the item, `?3` the old owner).
const MOVABLE: [(&str, &str, &str); 4] = [
    ("sale", "SELECT id FROM sale WHERE customer_id = ?1", "UPDATE sale SET customer_id = ?1 WHERE id = ?2 AND customer_id = ?3"),
    ("contact", "SELECT id FROM contact WHERE customer_id = ?1", "UPDATE contact SET customer_id = ?1 WHERE id = ?2 AND customer_id = ?3"),
    (
        "manual_reminder",
        "SELECT id FROM manual_reminder WHERE customer_id = ?1",
        "UPDATE manual_reminder SET customer_id = ?1 WHERE id = ?2 AND customer_id = ?3",
    ),
    (
        "external_id",
        "SELECT external_id FROM customer_external_id WHERE customer_id = ?1",
        "UPDATE customer_external_id SET customer_id = ?1 WHERE external_id = ?2 AND customer_id = ?3",
    ),
];

const RECORD_COLUMNS: &str = "m.id, m.kept_id, k.name, m.merged_id, g.name, m.merged_at, m.split_at \
     FROM customer_merge m JOIN customer k ON k.id = m.kept_id JOIN customer g ON g.id = m.merged_id";

fn record_from_row(row: &Row<'_>) -> rusqlite::Result<MergeRecord> {
    Ok(MergeRecord {
        id: row.get(0)?,
        kept: row.get(1)?,
        kept_name: row.get(2)?,
        merged: row.get(3)?,
        merged_name: row.get(4)?,
        merged_at: row.get(5)?,
        split_at: row.get(6)?,
    })
}

/// A value (as SQL text) of a stored row: ids are integers, external ids text.
fn item_of(row: &Row<'_>) -> rusqlite::Result<String> {
    Ok(match row.get_ref(0)? {
        rusqlite::types::ValueRef::Integer(i) => i.to_string(),
        other => other.as_str()?.to_owned(),
    })
}

/// Recomputes what the contact trigger keeps on the customer row (a moved contact does not
/// fire it): the last contact and the oldest unresolved issue.
fn refresh_contact_stats(tx: &Transaction<'_>, customer: CustomerId) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "UPDATE customer SET
            last_contact_on = (SELECT max(contacted_on) FROM contact WHERE customer_id = ?1),
            open_issue_on = (
                SELECT min(raised.contacted_on) FROM contact raised
                WHERE raised.customer_id = ?1 AND raised.outcome = 'issue_raised'
                  AND NOT EXISTS (
                      SELECT 1 FROM contact fixed
                      WHERE fixed.customer_id = raised.customer_id AND fixed.outcome = 'issue_resolved'
                        AND (fixed.contacted_on > raised.contacted_on OR (fixed.contacted_on = raised.contacted_on AND fixed.id > raised.id))
                  )
            )
         WHERE id = ?1",
    )?
    .execute([customer])?;
    Ok(())
}

/// Contact statistics, rhythm (and, through the sale trigger, purchase statistics) of both.
fn refresh_both(tx: &Transaction<'_>, a: CustomerId, b: CustomerId) -> rusqlite::Result<()> {
    refresh_contact_stats(tx, a)?;
    refresh_contact_stats(tx, b)?;
    rhythm::refresh(tx, [a, b])
}

impl Store {
    /// Every customer not archived, oldest first, with their email and phone digits.
    pub fn identities(&self) -> Result<Vec<Identity>, StoreError> {
        let mut statement =
            self.conn.prepare("SELECT id, name, email, phone_digits FROM customer WHERE archived_at IS NULL ORDER BY id")?;
        let rows = statement.query_map([], |row| {
            Ok(Identity {
                id: row.get(0)?,
                name: row.get(1)?,
                email: row.get(2)?,
                phone_digits: row.get::<_, Option<String>>(3)?.filter(|d| !d.is_empty()),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The pairs (lower id first) the owner said are two different people.
    pub fn distinct_pairs(&self) -> Result<HashSet<(CustomerId, CustomerId)>, StoreError> {
        let mut statement = self.conn.prepare("SELECT low_id, high_id FROM customer_distinct")?;
        let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records that two customers are different people (idempotent).
    pub fn mark_distinct(&mut self, a: CustomerId, b: CustomerId) -> Result<(), StoreError> {
        let (low, high) = if a.0 < b.0 { (a, b) } else { (b, a) };
        self.conn.execute("INSERT OR IGNORE INTO customer_distinct (low_id, high_id) VALUES (?1, ?2)", (low, high))?;
        Ok(())
    }

    /// Each customer merged into another (and not split), to the customer they now are
    /// (following a merge of the kept customer into a third).
    pub fn merged_into(&self) -> Result<HashMap<CustomerId, CustomerId>, StoreError> {
        let mut statement = self.conn.prepare("SELECT merged_id, kept_id FROM customer_merge WHERE split_at IS NULL")?;
        let direct: HashMap<CustomerId, CustomerId> =
            statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        Ok(direct
            .keys()
            .map(|&merged| {
                let mut now = merged;
                // Standing merges form chains, never cycles (a merged customer cannot be kept).
                for _ in 0..=direct.len() {
                    match direct.get(&now) {
                        Some(&next) => now = next,
                        None => break,
                    }
                }
                (merged, now)
            })
            .collect())
    }

    pub fn merge_record(&self, id: i64) -> Result<Option<MergeRecord>, StoreError> {
        Ok(self.conn.query_row(&format!("SELECT {RECORD_COLUMNS} WHERE m.id = ?1"), [id], record_from_row).optional()?)
    }

    /// The standing merges into `kept`, newest first.
    pub fn merges_into(&self, kept: CustomerId) -> Result<Vec<MergeRecord>, StoreError> {
        let mut statement =
            self.conn.prepare_cached(&format!("SELECT {RECORD_COLUMNS} WHERE m.kept_id = ?1 AND m.split_at IS NULL ORDER BY m.id DESC"))?;
        Ok(statement.query_map([kept], record_from_row)?.collect::<rusqlite::Result<_>>()?)
    }

    /// The standing merge of `merged` into someone, if there is one.
    pub fn merge_of(&self, merged: CustomerId) -> Result<Option<MergeRecord>, StoreError> {
        let sql = format!("SELECT {RECORD_COLUMNS} WHERE m.merged_id = ?1 AND m.split_at IS NULL");
        Ok(self.conn.query_row(&sql, [merged], record_from_row).optional()?)
    }

    /// Moves everything of `merged` to `kept` in one transaction and archives `merged`. The
    /// kept customer's details win; an email or phone they lack is taken from `merged`. The
    /// caller has checked that both exist, differ, and are not merged into anyone.
    pub fn merge_customers(&mut self, kept: CustomerId, merged: CustomerId) -> Result<MergeRecord, StoreError> {
        let now = Store::now();
        let tx = self.conn.transaction()?;
        let details = "SELECT email, phone, phone_digits, archived_at FROM customer WHERE id = ?1";
        type Details = (Option<String>, Option<String>, Option<String>, Option<String>);
        let read = |id: CustomerId| -> rusqlite::Result<Details> {
            tx.query_row(details, [id], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)))
        };
        let (kept_email, kept_phone, _, _) = read(kept)?;
        let (email, phone, digits, was_archived_at) = read(merged)?;
        let took_email = kept_email.is_none() && email.is_some();
        let took_phone = kept_phone.is_none() && phone.is_some();
        tx.execute(
            "INSERT INTO customer_merge (kept_id, merged_id, merged_at, took_email, took_phone, was_archived_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            (kept, merged, &now, took_email, took_phone, &was_archived_at),
        )?;
        let id = tx.last_insert_rowid();
        let mut record = tx.prepare_cached("INSERT INTO customer_merge_moved (merge_id, kind, item) VALUES (?1, ?2, ?3)")?;
        for (kind, list, give) in MOVABLE {
            let items: Vec<String> = tx.prepare_cached(list)?.query_map([merged], item_of)?.collect::<rusqlite::Result<_>>()?;
            let mut give = tx.prepare_cached(give)?;
            for item in items {
                give.execute((kept, &item, merged))?;
                record.execute((id, kind, &item))?;
            }
        }
        let tags: Vec<String> = tx
            .prepare_cached(
                "SELECT tag FROM customer_tag WHERE customer_id = ?2
                 EXCEPT SELECT tag FROM customer_tag WHERE customer_id = ?1",
            )?
            .query_map([kept, merged], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for tag in tags {
            tx.execute("INSERT INTO customer_tag (customer_id, tag) VALUES (?1, ?2)", (kept, &tag))?;
            record.execute((id, "tag", &tag))?;
        }
        drop(record);
        if took_email {
            tx.execute("UPDATE customer SET email = ?2, updated_at = ?3 WHERE id = ?1", (kept, &email, &now))?;
        }
        if took_phone {
            tx.execute("UPDATE customer SET phone = ?2, phone_digits = ?3, updated_at = ?4 WHERE id = ?1", (kept, &phone, &digits, &now))?;
        }
        tx.execute("UPDATE customer SET archived_at = coalesce(archived_at, ?2), updated_at = ?2 WHERE id = ?1", (merged, &now))?;
        refresh_both(&tx, kept, merged)?;
        let merge = tx.query_row(&format!("SELECT {RECORD_COLUMNS} WHERE m.id = ?1"), [id], record_from_row)?;
        tx.commit()?;
        Ok(merge)
    }

    /// Takes a standing merge back in one transaction: what it moved goes back (unless the
    /// owner has since moved it elsewhere), the details it took are given back if unchanged,
    /// and the merged customer is as archived as they were before.
    pub fn split_merge(&mut self, id: i64) -> Result<MergeRecord, StoreError> {
        let now = Store::now();
        let tx = self.conn.transaction()?;
        let (kept, merged, took_email, took_phone, was_archived_at): (CustomerId, CustomerId, bool, bool, Option<String>) = tx.query_row(
            "SELECT kept_id, merged_id, took_email, took_phone, was_archived_at FROM customer_merge WHERE id = ?1",
            [id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?)),
        )?;
        let moved: Vec<(String, String)> = tx
            .prepare_cached("SELECT kind, item FROM customer_merge_moved WHERE merge_id = ?1")?
            .query_map([id], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (kind, item) in &moved {
            if kind == "tag" {
                tx.execute("DELETE FROM customer_tag WHERE customer_id = ?1 AND tag = ?2", (kept, item))?;
            } else if let Some((_, _, give)) = MOVABLE.iter().find(|(k, _, _)| k == kind) {
                tx.prepare_cached(give)?.execute((merged, item, kept))?;
            }
        }
        if took_email {
            tx.execute(
                "UPDATE customer SET email = NULL, updated_at = ?3 WHERE id = ?1 AND email IS (SELECT email FROM customer WHERE id = ?2)",
                (kept, merged, &now),
            )?;
        }
        if took_phone {
            tx.execute(
                "UPDATE customer SET phone = NULL, phone_digits = NULL, updated_at = ?3
                 WHERE id = ?1 AND phone IS (SELECT phone FROM customer WHERE id = ?2)",
                (kept, merged, &now),
            )?;
        }
        tx.execute("UPDATE customer SET archived_at = ?2, updated_at = ?3 WHERE id = ?1", (merged, &was_archived_at, &now))?;
        tx.execute("UPDATE customer_merge SET split_at = ?2 WHERE id = ?1", (id, &now))?;
        refresh_both(&tx, kept, merged)?;
        let merge = tx.query_row(&format!("SELECT {RECORD_COLUMNS} WHERE m.id = ?1"), [id], record_from_row)?;
        tx.commit()?;
        Ok(merge)
    }
}

//! The rows behind the CSV exports, as text, streamed in id order. Amounts stay integer minor
//! units here; the caller formats them in the shop's currency.

use crate::{Store, StoreError};

/// What can be exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportTable {
    Customers,
    Sales,
    Contacts,
}

impl ExportTable {
    pub const ALL: [ExportTable; 3] = [ExportTable::Customers, ExportTable::Sales, ExportTable::Contacts];

    /// The name the window asks for it by, and its file's name without `.csv`.
    pub fn key(self) -> &'static str {
        match self {
            ExportTable::Customers => "customers",
            ExportTable::Sales => "sales",
            ExportTable::Contacts => "contacts",
        }
    }

    /// The header row; columns ending in `_minor` hold integer minor units.
    pub fn headers(self) -> &'static [&'static str] {
        match self {
            ExportTable::Customers => &[
                "customer_id",
                "name",
                "email",
                "phone",
                "tags",
                "notes",
                "archived",
                "sale_count",
                "purchase_days",
                "lifetime_minor",
                "first_purchase",
                "last_purchase",
                "created_at",
            ],
            ExportTable::Sales => &[
                "sale_id",
                "date",
                "amount_minor",
                "customer_id",
                "customer_name",
                "customer_email",
                "customer_phone",
                "description",
                "channel",
                "note",
            ],
            ExportTable::Contacts => &["contact_id", "customer_id", "customer_name", "date", "method", "outcome", "sale_id", "note"],
        }
    }

    fn sql(self) -> &'static str {
        match self {
            ExportTable::Customers => {
                "SELECT c.id, c.name, coalesce(c.email, ''), coalesce(c.phone, ''),
                        coalesce((SELECT group_concat(tag, ';') FROM (SELECT tag FROM customer_tag WHERE customer_id = c.id ORDER BY tag)), ''),
                        c.notes, CASE WHEN c.archived_at IS NULL THEN 'no' ELSE 'yes' END, c.sale_count, c.purchase_days,
                        c.lifetime_minor, coalesce(c.first_purchase_on, ''), coalesce(c.last_purchase_on, ''), c.created_at
                 FROM customer c ORDER BY c.id"
            }
            ExportTable::Sales => {
                "SELECT s.id, s.sold_on, s.amount_minor, coalesce(s.customer_id, ''), coalesce(c.name, ''), coalesce(c.email, ''),
                        coalesce(c.phone, ''), s.description, s.channel, s.note
                 FROM sale s LEFT JOIN customer c ON c.id = s.customer_id WHERE s.deleted_at IS NULL ORDER BY s.id"
            }
            ExportTable::Contacts => {
                "SELECT k.id, k.customer_id, c.name, k.contacted_on, k.method, k.outcome, coalesce(k.sale_id, ''), k.note
                 FROM contact k JOIN customer c ON c.id = k.customer_id ORDER BY k.id"
            }
        }
    }
}

impl Store {
    /// Calls `visit` with each row's cells as text, in the order of [`ExportTable::headers`].
    pub fn each_export_row(&self, table: ExportTable, mut visit: impl FnMut(&[String])) -> Result<(), StoreError> {
        let columns = table.headers().len();
        let mut statement = self.conn.prepare(table.sql())?;
        let mut rows = statement.query([])?;
        let mut cells = vec![String::new(); columns];
        while let Some(row) = rows.next()? {
            for (i, cell) in cells.iter_mut().enumerate() {
                cell.clear();
                match row.get_ref(i)? {
                    rusqlite::types::ValueRef::Null => {}
                    rusqlite::types::ValueRef::Integer(n) => cell.push_str(&n.to_string()),
                    rusqlite::types::ValueRef::Real(x) => cell.push_str(&x.to_string()),
                    rusqlite::types::ValueRef::Text(t) | rusqlite::types::ValueRef::Blob(t) => cell.push_str(&String::from_utf8_lossy(t)),
                }
            }
            visit(&cells);
        }
        Ok(())
    }
}

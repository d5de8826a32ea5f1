//! The append-only list of schema migrations, tracked by SQLite's `user_version`.
//! All pending migrations run in one transaction: an upgrade happens whole or not at all.

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

use crate::StoreError;

const STEPS: &[&str] = &[
    include_str!("migrations/0001_customers_and_sales.sql"),
    include_str!("migrations/0002_contacts_and_reminders.sql"),
    include_str!("migrations/0003_sale_history_index.sql"),
    include_str!("migrations/0004_imports.sql"),
    include_str!("migrations/0005_bulk_search_index.sql"),
];

/// The schema version this build writes: the number of migrations.
pub const SCHEMA_VERSION: i64 = STEPS.len() as i64;

/// Every migration, oldest first. Exposed so tests can validate the list.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(STEPS[0]),
        // Customers from version 1 get their rhythm computed in the same transaction.
        M::up_with_hook(STEPS[1], |tx: &rusqlite::Transaction<'_>| {
            crate::rhythm::refresh_all(tx)?;
            Ok(())
        }),
        M::up(STEPS[2]),
        M::up(STEPS[3]),
        M::up(STEPS[4]),
    ])
}

pub(crate) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    migrations().to_latest(conn)?;
    Ok(())
}

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
    include_str!("migrations/0006_free_orders.sql"),
    include_str!("migrations/0007_customer_merges.sql"),
    include_str!("migrations/0008_reminder_acted_on.sql"),
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
        // A table rebuild: nothing may point nowhere when it commits.
        M::up_with_hook(STEPS[5], |tx: &rusqlite::Transaction<'_>| {
            let dangling: i64 = tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |row| row.get(0))?;
            if dangling > 0 {
                return Err(rusqlite_migration::HookError::Hook(format!(
                    "{dangling} rows point at nothing after rebuilding the sale table"
                )));
            }
            Ok(())
        }),
        M::up(STEPS[6]),
        M::up(STEPS[7]),
    ])
}

/// Runs the pending migrations with foreign keys off, as SQLite's procedure for rebuilding a
/// table asks (the pragma cannot change inside the migrations' transaction; a rebuild's hook
/// runs `foreign_key_check` before it commits instead), and turns them back on.
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    conn.pragma_update(None, "foreign_keys", false)?;
    let migrated = migrations().to_latest(conn);
    conn.pragma_update(None, "foreign_keys", true)?;
    migrated?;
    Ok(())
}

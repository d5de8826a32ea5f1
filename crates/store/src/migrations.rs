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
    include_str!("migrations/0009_sale_channel_check.sql"),
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
        M::up_with_hook(STEPS[8], |tx: &rusqlite::Transaction<'_>| channel_check_without_a_list(tx)),
    ])
}

/// The channel check as the sale table has it since version 6, and as version 9 writes it.
const CHANNEL_IN: &str = "channel IN ('in_store', 'online', 'phone', 'other')";
const CHANNEL_EQUALS: &str = "(channel = 'in_store' OR channel = 'online' OR channel = 'phone' OR channel = 'other')";

/// Version 9: the sale table's definition with [`CHANNEL_EQUALS`] for [`CHANNEL_IN`], by SQLite's
/// procedure for a schema change no row can fail (<https://sqlite.org/lang_altertable.html>,
/// "other kinds of table schema changes"): the definition's text is changed with
/// `writable_schema` on, the schema's version moves on so that every connection reads it
/// again, and the table is checked. Fails, changing nothing, when the definition is not the
/// one version 6 wrote.
fn channel_check_without_a_list(tx: &rusqlite::Transaction<'_>) -> Result<(), rusqlite_migration::HookError> {
    let sql: String = tx.query_row("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'sale'", [], |row| row.get(0))?;
    if sql.matches(CHANNEL_IN).count() != 1 {
        return Err(rusqlite_migration::HookError::Hook(format!("the sale table's channel check is not the one expected: {sql}")));
    }
    let version: i64 = tx.pragma_query_value(None, "schema_version", |row| row.get(0))?;
    tx.pragma_update(None, "writable_schema", true)?;
    let changed = tx
        .execute("UPDATE sqlite_schema SET sql = ?1 WHERE type = 'table' AND name = 'sale'", [sql.replacen(CHANNEL_IN, CHANNEL_EQUALS, 1)]);
    tx.pragma_update(None, "schema_version", version + 1)?;
    tx.pragma_update(None, "writable_schema", false)?;
    if changed? != 1 {
        return Err(rusqlite_migration::HookError::Hook("the sale table's definition was not found".to_owned()));
    }
    let problems: Vec<String> =
        tx.prepare("PRAGMA quick_check(sale)")?.query_map([], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?;
    if problems != ["ok"] {
        return Err(rusqlite_migration::HookError::Hook(format!("the sale table after its new check: {}", problems.join("; "))));
    }
    Ok(())
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

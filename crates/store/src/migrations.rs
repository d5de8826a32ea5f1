//! The append-only list of schema migrations, tracked by SQLite's `user_version`.
//! All pending migrations run in one transaction: an upgrade happens whole or not at all.

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

use crate::StoreError;

const STEPS: &[&str] = &[include_str!("migrations/0001_customers_and_sales.sql")];

/// The schema version this build writes: the number of migrations.
pub const SCHEMA_VERSION: i64 = STEPS.len() as i64;

/// Every migration, oldest first. Exposed so tests can validate the list.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(STEPS.iter().map(|sql| M::up(sql)).collect())
}

pub(crate) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    migrations().to_latest(conn)?;
    Ok(())
}

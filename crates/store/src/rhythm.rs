//! Each customer's rhythm — the median gap between their purchase days and the day of their
//! second purchase — recomputed by the store after every change to their sales.

use regulars_domain::{CustomerId, median_days};
use rusqlite::Connection;

/// A customer's rhythm from their distinct purchase days in order: the median gap between
/// them, and the second day.
pub(crate) fn of_days(days: &[chrono::NaiveDate]) -> (Option<u32>, Option<chrono::NaiveDate>) {
    let mut gaps: Vec<u32> = days.windows(2).map(|w| u32::try_from((w[1] - w[0]).num_days()).unwrap_or(u32::MAX)).collect();
    (median_days(&mut gaps), days.get(1).copied())
}

/// Recomputes the rhythm of the given customers (inside the caller's transaction).
pub(crate) fn refresh(conn: &Connection, customers: impl IntoIterator<Item = CustomerId>) -> rusqlite::Result<()> {
    let mut days_of =
        conn.prepare_cached("SELECT DISTINCT sold_on FROM sale WHERE customer_id = ?1 AND deleted_at IS NULL ORDER BY sold_on")?;
    let mut update = conn.prepare_cached("UPDATE customer SET usual_gap_days = ?2, second_purchase_on = ?3 WHERE id = ?1")?;
    for id in customers {
        let days = days_of.query_map([id], |row| row.get::<_, chrono::NaiveDate>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
        let (usual_gap, second) = of_days(&days);
        update.execute((id, usual_gap, second))?;
    }
    Ok(())
}

/// Recomputes every customer with two or more purchase days (after an upgrade).
pub(crate) fn refresh_all(conn: &Connection) -> rusqlite::Result<()> {
    let ids = conn
        .prepare("SELECT id FROM customer WHERE purchase_days >= 2")?
        .query_map([], |row| row.get::<_, CustomerId>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    refresh(conn, ids)
}

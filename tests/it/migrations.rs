//! The schema: valid, applied once, and never touched by an older Regulars.

use regulars_core::{Clock, Error, Session, StoreError};
use regulars_store::{DATABASE_FILE, SCHEMA_VERSION, Store, migrations};

#[test]
fn migrations_are_valid() {
    migrations().validate().expect("valid migrations");
}

#[test]
fn opening_twice_migrates_once_and_keeps_data() {
    let mut shop = crate::Shop::new();
    let id = shop.add("Maria", "", "");
    let shop = shop.reopen().reopen();
    assert_eq!(shop.session.store().schema_version().expect("version"), SCHEMA_VERSION);
    assert_eq!(shop.session.customer(id).expect("customer").summary.name, "Maria");
}

#[test]
fn the_file_uses_wal_and_foreign_keys() {
    let shop = crate::Shop::new();
    let conn = rusqlite::Connection::open(shop.dir.path().join(DATABASE_FILE)).expect("open");
    let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).expect("mode");
    assert_eq!(mode, "wal");
    drop(conn);
    // A sale pointing at no customer is refused by the store itself.
    let conn = rusqlite::Connection::open(shop.dir.path().join(DATABASE_FILE)).expect("open");
    conn.pragma_update(None, "foreign_keys", true).expect("fk");
    let orphan = conn.execute(
        "INSERT INTO sale (customer_id, sold_on, amount_minor, channel, created_at, updated_at) VALUES (999, '2026-01-01', 5, 'in_store', 'x', 'x')",
        [],
    );
    assert!(orphan.is_err());
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_unchanged() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join(DATABASE_FILE);
    {
        let conn = rusqlite::Connection::open(&path).expect("create");
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;").expect("future schema");
    }
    let before = std::fs::read(&path).expect("read");
    match Session::open(dir.path(), Clock::Local) {
        Err(Error::Store(StoreError::TooNew { found: 99, supported, .. })) => assert_eq!(supported, SCHEMA_VERSION),
        other => panic!("expected TooNew, got {other:?}"),
    }
    let err = Store::open(&path).expect_err("refused");
    assert!(err.to_string().contains("newer version of Regulars"), "{err}");
    assert_eq!(std::fs::read(&path).expect("read"), before, "the file must not change");
    assert!(!dir.path().join(format!("{DATABASE_FILE}-wal")).exists());
}

#[test]
fn a_file_that_is_not_a_database_gets_a_clear_message() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join(DATABASE_FILE);
    std::fs::write(&path, "date,amount\n2026-01-01,5\n".repeat(100)).expect("write");
    let err = Store::open(&path).expect_err("refused");
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err:?}");
}

#[test]
fn a_second_process_shares_the_file() {
    let mut shop = crate::Shop::new();
    let other = Session::open(shop.dir.path(), Clock::Local).expect("second connection");
    let id = shop.add("Maria", "", "");
    assert_eq!(other.customer(id).expect("seen by the other").summary.name, "Maria");
}

/// A shop file at schema `version`, named "Old shop" in euros, with customer 1 (Maria) and
/// the sales in `sales` (rows of customer_id, sold_on, amount_minor, channel, created_at,
/// updated_at), as an older Regulars left it.
fn old_shop(version: usize, sales: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("dir");
    let mut conn = rusqlite::Connection::open(dir.path().join(DATABASE_FILE)).expect("create");
    migrations().to_version(&mut conn, version).expect("old version");
    conn.execute_batch(&format!(
        "INSERT INTO setting VALUES ('shop.name', 'Old shop'), ('shop.currency', 'EUR');
         INSERT INTO customer (id, name, created_at, updated_at) VALUES (1, 'Maria', 'x', 'x');
         INSERT INTO sale (customer_id, sold_on, amount_minor, channel, created_at, updated_at) VALUES {sales};"
    ))
    .expect("old data");
    dir
}

#[test]
fn a_version_1_shop_upgrades_with_its_history_and_rhythm() {
    let dir = old_shop(
        1,
        "(1, '2026-01-01', 500, 'in_store', 'x', 'x'),
         (1, '2026-01-11', 500, 'in_store', 'x', 'x'),
         (1, '2026-02-10', 500, 'in_store', 'x', 'x')",
    );
    let session = Session::open(dir.path(), Clock::Local).expect("upgrade");
    assert_eq!(session.store().schema_version().expect("version"), SCHEMA_VERSION);
    let page = session.customer_page(regulars_domain::CustomerId(1)).expect("page");
    assert_eq!(page.customer.summary.stats.lifetime_value.minor(), 1500);
    assert_eq!(page.usual_gap_days, Some(20), "median of 10 and 30 days");
    assert!(page.contacts.is_empty());
}

#[test]
fn a_version_2_shop_gets_the_covering_history_index_and_its_figures_are_unchanged() {
    let dir = old_shop(
        2,
        "(1, '2026-01-01', 500, 'in_store', 'x', 'x'),
         (1, '2026-01-01', 250, 'in_store', 'x', 'x'),
         (1, '2026-02-10', 500, 'in_store', 'x', 'x'),
         (NULL, '2026-02-11', 100, 'in_store', 'x', 'x')",
    );
    let path = dir.path().join(DATABASE_FILE);
    let session = Session::open(dir.path(), Clock::Fixed(crate::today())).expect("upgrade");
    assert_eq!(session.store().schema_version().expect("version"), SCHEMA_VERSION);
    let conn = rusqlite::Connection::open(&path).expect("read");
    let indexes: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sale' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("indexes");
    assert!(indexes.contains(&"sale_history".to_owned()) && !indexes.contains(&"sale_by_customer".to_owned()), "{indexes:?}");
    let filter = session.parse_filter(Some("2026-01-01"), None, None, None).expect("filter");
    let report = session.report(&filter).expect("report");
    assert_eq!((report.summary.revenue_minor, report.summary.repeat_customers), (1350, 1));
}

/// A shop from every schema version ever released opens in this one with its history, search,
/// figures and reminders intact, and can be written to.
#[test]
fn a_shop_from_every_older_version_upgrades_whole() {
    for version in 1..SCHEMA_VERSION as usize {
        let dir = old_shop(
            version,
            "(1, '2026-09-01', 1200, 'in_store', 'x', 'x'),
             (1, '2026-10-01', 800, 'in_store', 'x', 'x'),
             (NULL, '2026-10-02', 300, 'in_store', 'x', 'x')",
        );
        let mut session = Session::open(dir.path(), Clock::Fixed(crate::today())).unwrap_or_else(|e| panic!("version {version}: {e}"));
        assert_eq!(session.store().schema_version().expect("version"), SCHEMA_VERSION, "from version {version}");
        session.store().integrity_check().expect("whole");
        let page = session.customer_page(regulars_domain::CustomerId(1)).expect("page");
        assert_eq!(page.customer.summary.stats.lifetime_value.minor(), 2000, "from version {version}");
        assert_eq!(page.customer.summary.stats.sale_count, 2, "from version {version}");
        assert_eq!(session.search_customers("mar", 5).expect("search").len(), 1, "search from version {version}");
        let filter = session.parse_filter(Some("2026-01-01"), None, None, None).expect("filter");
        assert_eq!(session.report(&filter).expect("report").summary.revenue_minor, 2300, "walk-ins count, from version {version}");
        let currency = session.currency().expect("currency");
        let today = session.today();
        let draft = regulars_domain::SaleDraft::parse(Some(regulars_domain::CustomerId(1)), "2026-11-01", "5", "", "", "", currency, today)
            .expect("draft");
        session.log_sale(draft).expect("writes after the upgrade");
        let due = session.today_list().expect("today").due.clone();
        assert!(due.iter().all(|r| r.customer == regulars_domain::CustomerId(1)), "from version {version}");
    }
}

/// Version 6 rebuilt the sale table (free orders): everything pointing at a sale still points
/// at it, the rebuilt table keeps its indexes and guards, and only a customer's order may be free.
#[test]
fn a_version_5_shop_keeps_every_sale_and_its_links_through_the_rebuild() {
    let dir = old_shop(5, "(1, '2026-09-01', 1200, 'in_store', 'x', 'x'), (NULL, '2026-10-02', 300, 'in_store', 'x', 'x')");
    let path = dir.path().join(DATABASE_FILE);
    {
        let conn = rusqlite::Connection::open(&path).expect("old file");
        conn.execute_batch(
            "INSERT INTO contact (customer_id, contacted_on, method, outcome, sale_id, created_at)
             VALUES (1, '2026-09-03', 'call', 'happy', 1, 'x');
             INSERT INTO import (id, file_name, preset, imported_at, rows, sales, already_imported, skipped, problems,
                                 customers_new, customers_matched, revenue_minor)
             VALUES (1, 'a.csv', 'generic', 'x', 1, 1, 0, 0, 0, 0, 1, 700);
             INSERT INTO sale (customer_id, sold_on, amount_minor, channel, created_at, updated_at, import_id, import_key)
             VALUES (1, '2026-10-01', 700, 'online', 'x', 'x', 1, 'generic:A1');",
        )
        .expect("old links");
    }
    let session = Session::open(dir.path(), Clock::Fixed(crate::today())).expect("upgrade");
    assert_eq!(session.store().schema_version().expect("version"), SCHEMA_VERSION);
    drop(session);
    let conn = rusqlite::Connection::open(&path).expect("read");
    conn.pragma_update(None, "foreign_keys", true).expect("fk");
    let dangling: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).expect("check");
    assert_eq!(dangling, 0);
    let linked: i64 = conn.query_row("SELECT sale_id FROM contact", [], |r| r.get(0)).expect("contact");
    let amount: i64 = conn.query_row("SELECT amount_minor FROM sale WHERE id = ?1", [linked], |r| r.get(0)).expect("sale");
    assert_eq!(amount, 1200, "the contact still points at its sale");
    let lifetime: i64 = conn.query_row("SELECT lifetime_minor FROM customer WHERE id = 1", [], |r| r.get(0)).expect("customer");
    assert_eq!(lifetime, 1900);
    let insert = |customer: &str, amount: i64| {
        conn.execute(
            &format!(
                "INSERT INTO sale (customer_id, sold_on, amount_minor, channel, created_at, updated_at)
                 VALUES ({customer}, '2026-11-01', {amount}, 'in_store', 'x', 'x')"
            ),
            [],
        )
    };
    insert("1", 0).expect("a customer's free order");
    assert!(insert("NULL", 0).is_err(), "a free walk-in counts nowhere");
    assert!(insert("1", -5).is_err());
    let count: i64 = conn.query_row("SELECT purchase_days FROM customer WHERE id = 1", [], |r| r.get(0)).expect("customer");
    assert_eq!(count, 3, "the statistics trigger came through the rebuild");
    assert!(conn.execute("DELETE FROM sale WHERE id = 1", []).is_err(), "sales are still never deleted outright");
    let unique = conn.execute(
        "INSERT INTO sale (customer_id, sold_on, amount_minor, channel, created_at, updated_at, import_key)
         VALUES (1, '2026-11-02', 5, 'in_store', 'x', 'x', 'generic:A1')",
        [],
    );
    assert!(unique.is_err(), "an import key is still unique");
}

/// Version 9 rewrote the sale table's channel check as equalities: SQLite built a temporary
/// table for the `IN` list on every sale it wrote. The sales are untouched, the check refuses
/// what it refused, and writing a sale builds no table.
#[test]
fn a_version_8_shop_keeps_its_sales_and_its_channel_check_builds_no_table() {
    let dir = old_shop(8, "(1, '2026-09-01', 1200, 'in_store', 'x', 'x'), (NULL, '2026-10-02', 300, 'phone', 'x', 'x')");
    let path = dir.path().join(DATABASE_FILE);
    let session = Session::open(dir.path(), Clock::Fixed(crate::today())).expect("upgrade");
    assert_eq!(session.store().schema_version().expect("version"), SCHEMA_VERSION);
    session.store().integrity_check().expect("whole");
    drop(session);
    let conn = rusqlite::Connection::open(&path).expect("read");
    let sql: String = conn.query_row("SELECT sql FROM sqlite_schema WHERE name = 'sale'", [], |r| r.get(0)).expect("schema");
    assert!(!sql.contains("channel IN") && sql.contains("channel = 'other'"), "{sql}");
    let kept: (i64, i64) =
        conn.query_row("SELECT count(*), sum(amount_minor) FROM sale", [], |r| Ok((r.get(0)?, r.get(1)?))).expect("sales");
    assert_eq!(kept, (2, 1500));
    let insert = |channel: &str| {
        conn.execute(
            "INSERT INTO sale (customer_id, sold_on, amount_minor, channel, created_at, updated_at) VALUES (1, '2026-11-01', 5, ?1, 'x', 'x')",
            [channel],
        )
    };
    for channel in ["in_store", "online", "phone", "other"] {
        insert(channel).unwrap_or_else(|e| panic!("{channel}: {e}"));
    }
    for channel in ["carrier pigeon", "", "Online"] {
        assert!(insert(channel).is_err(), "{channel:?} is not a channel");
    }
    // As an import's bulk load writes them: without the sale's triggers (whose figures use a
    // temporary table of their own).
    conn.execute_batch("BEGIN; DROP TRIGGER sale_stats_insert;").expect("as a bulk load");
    let plan: Vec<String> = conn
        .prepare(
            "EXPLAIN INSERT INTO sale (customer_id, sold_on, amount_minor, channel, created_at, updated_at) VALUES (1, '2026-11-01', 5, 'phone', 'x', 'x')",
        )
        .and_then(|mut s| s.query_map([], |r| r.get::<_, String>(1))?.collect())
        .expect("explain");
    assert!(!plan.iter().any(|op| op == "OpenEphemeral"), "{plan:?}");
    conn.execute_batch("ROLLBACK").expect("rollback");
}

//! Crashes: a child process runs a use case over and over and is killed with SIGKILL at a
//! random moment, hundreds of times. After each kill the file passes `PRAGMA integrity_check`,
//! every write the child reported is there, and nothing is half-written (the figures the
//! triggers keep agree with the sales they count). The child is `tests/crash/child.rs`.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use regulars_core::{Clock, DATABASE_FILE, Session};
use regulars_domain::{Currency, CustomerDraft, ShopName, ShopSettings};
use regulars_store::{SCHEMA_VERSION, migrations};

pub(crate) fn shop(dir: &Path) {
    let mut session = Session::open(dir, Clock::Local).expect("open");
    session
        .set_up_shop(ShopSettings { name: ShopName::parse("Crash shop").expect("name"), currency: Currency::parse("EUR").expect("EUR") })
        .expect("set up");
    for name in ["Ana", "Ben", "Cleo", "Dev", "Emma"] {
        session.add_customer(CustomerDraft::parse(name, "", "", "", &[]).expect("draft")).expect("add");
    }
}

/// Runs the child with `args` for a random time up to `most`, kills it, and returns what it
/// printed.
fn run_and_kill(dir: &Path, args: &[&str], rng: &mut fastrand::Rng, most: Duration) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_regulars-crash-child"))
        .arg(dir)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn the child");
    std::thread::sleep(Duration::from_micros(rng.u64(0..=most.as_micros() as u64)));
    let _ = child.kill(); // SIGKILL on Unix
    let _ = child.wait();
    let mut printed = String::new();
    if let Some(mut out) = child.stdout.take() {
        let _ = out.read_to_string(&mut printed);
    }
    printed
}

pub(crate) fn conn(dir: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(dir.join(DATABASE_FILE)).expect("open the file")
}

/// Integrity, and the per-customer figures the triggers keep against the sales themselves.
pub(crate) fn assert_whole(dir: &Path) {
    let conn = conn(dir);
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("check");
    assert_eq!(check, "ok");
    let wrong: i64 = conn
        .query_row(
            "SELECT count(*) FROM customer c WHERE sale_count <> (SELECT count(*) FROM sale WHERE customer_id = c.id AND deleted_at IS NULL)
                OR lifetime_minor <> (SELECT coalesce(sum(amount_minor), 0) FROM sale WHERE customer_id = c.id AND deleted_at IS NULL)",
            [],
            |r| r.get(0),
        )
        .expect("figures");
    assert_eq!(wrong, 0, "a customer's figures disagree with their sales: half a write");
}

#[test]
fn killed_sale_logging_and_editing_lose_nothing_they_reported() {
    let work = tempfile::tempdir().expect("dir");
    shop(work.path());
    let mut rng = fastrand::Rng::with_seed(7);
    let (mut kills, mut reported) = (0, 0);
    for _ in 0..120 {
        let printed = run_and_kill(work.path(), &["log"], &mut rng, Duration::from_millis(80));
        kills += 1;
        assert_whole(work.path());
        let conn = conn(work.path());
        for line in printed.lines().filter(|l| l.starts_with("sale ")) {
            let parts: Vec<i64> = line.split(' ').skip(1).map(|p| p.parse().expect("number")).collect();
            let stored: i64 =
                conn.query_row("SELECT amount_minor FROM sale WHERE id = ?1", [parts[0]], |r| r.get(0)).expect("reported sale is there");
            assert_eq!(stored, parts[1]);
            reported += 1;
        }
    }
    let sale: i64 =
        conn(work.path()).query_row("SELECT max(id) FROM sale WHERE customer_id IS NOT NULL", [], |r| r.get(0)).expect("a sale");
    let mut last_edit =
        conn(work.path()).query_row("SELECT amount_minor FROM sale WHERE id = ?1", [sale], |r| r.get::<_, i64>(0)).expect("amount");
    for _ in 0..60 {
        let printed = run_and_kill(work.path(), &["edit", &sale.to_string()], &mut rng, Duration::from_millis(80));
        kills += 1;
        assert_whole(work.path());
        let stored: i64 = conn(work.path()).query_row("SELECT amount_minor FROM sale WHERE id = ?1", [sale], |r| r.get(0)).expect("amount");
        if let Some(line) = printed.lines().rfind(|l| l.starts_with("edit ")) {
            let reported_amount: i64 = line.rsplit(' ').next().and_then(|a| a.parse().ok()).expect("amount");
            // What was reported is there; at most one more edit committed before it could print.
            assert!(stored == reported_amount || stored == reported_amount + 1, "reported {reported_amount}, stored {stored}");
            reported += 1;
        }
        assert!(stored >= last_edit, "an edit went backwards");
        last_edit = stored;
    }
    println!("{kills} kills while logging and editing sales; {reported} reported writes all present; integrity ok after each");
}

#[test]
fn a_killed_backup_leaves_the_shop_whole_and_no_broken_backup() {
    let work = tempfile::tempdir().expect("dir");
    let shop_dir = work.path().join("shop");
    std::fs::create_dir_all(&shop_dir).expect("dir");
    shop(&shop_dir);
    let mut session = Session::open(&shop_dir, Clock::Local).expect("open");
    session.generate_sample_shop(300, 20_000, 3).expect("some history");
    drop(session);
    let target = work.path().join("backup.sqlite3");
    let mut rng = fastrand::Rng::with_seed(8);
    let (mut kills, mut left) = (0, 0);
    for _ in 0..40 {
        let _ = std::fs::remove_file(&target);
        run_and_kill(&shop_dir, &["backup", &target.display().to_string()], &mut rng, Duration::from_millis(150));
        kills += 1;
        assert_whole(&shop_dir);
        if target.exists() {
            // Written beside the target and renamed over it: a backup that exists is whole.
            let conn = rusqlite::Connection::open(&target).expect("open the backup");
            let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("check");
            assert_eq!(check, "ok");
            let sales: i64 = conn.query_row("SELECT count(*) FROM sale", [], |r| r.get(0)).expect("sales");
            assert_eq!(sales, 20_000);
            left += 1;
        }
    }
    println!("{kills} kills during backups; the shop whole after each, and the {left} backups left behind all whole");
}

#[test]
fn a_killed_lock_or_unlock_leaves_the_shop_locked_or_not_and_whole() {
    let work = tempfile::tempdir().expect("dir");
    let shop_dir = work.path().join("shop");
    std::fs::create_dir_all(&shop_dir).expect("dir");
    shop(&shop_dir);
    let mut session = Session::open(&shop_dir, Clock::Local).expect("open");
    session.generate_sample_shop(300, 20_000, 4).expect("some history");
    drop(session);
    let key = regulars_core::Passphrase::typed("correct horse");
    let mut rng = fastrand::Rng::with_seed(10);
    let (mut locked, mut unlocked) = (0, 0);
    // One lock takes about 0.35 s and one unlock 0.16 s here (debug build): kills land in both.
    for _ in 0..24 {
        run_and_kill(&shop_dir, &["relock"], &mut rng, Duration::from_millis(1200));
        let is_locked = regulars_core::is_locked_file(&shop_dir.join(DATABASE_FILE));
        if is_locked {
            locked += 1;
        } else {
            unlocked += 1;
        }
        // Locked or not, it opens (the passphrase is used only if it is locked), whole, with
        // every sale.
        let session = Session::open_with(&shop_dir, Clock::Local, Some(&key)).expect("opens after the kill");
        session.store().integrity_check().expect("whole");
        drop(session);
        let conn = conn(&shop_dir);
        if is_locked {
            conn.pragma_update(None, "key", "correct horse").expect("key");
        }
        assert_eq!(conn.query_row("SELECT count(*) FROM sale", [], |r| r.get::<_, i64>(0)).expect("count"), 20_000);
    }
    println!("24 kills while locking and unlocking a 20,000-sale shop: {locked} left it locked, {unlocked} unlocked; whole every time");
}

#[test]
fn a_killed_upgrade_leaves_the_old_version_or_the_new_one() {
    let work = tempfile::tempdir().expect("dir");
    // A version-1 shop with a year of history, as an old Regulars left it.
    let template = work.path().join("template");
    std::fs::create_dir_all(&template).expect("dir");
    {
        let mut conn = rusqlite::Connection::open(template.join(DATABASE_FILE)).expect("create");
        migrations().to_version(&mut conn, 1).expect("version 1");
        conn.execute_batch("INSERT INTO setting VALUES ('shop.name', 'Old shop'), ('shop.currency', 'EUR');").expect("shop");
        let tx = conn.transaction().expect("tx");
        for c in 1..=2_000 {
            tx.execute("INSERT INTO customer (id, name, created_at, updated_at) VALUES (?1, 'Customer', 'x', 'x')", [c]).expect("customer");
        }
        for n in 0..40_000_i64 {
            tx.execute(
                "INSERT INTO sale (customer_id, sold_on, amount_minor, channel, created_at, updated_at) VALUES (?1, ?2, ?3, 'in_store', 'x', 'x')",
                (1 + n % 2_000, format!("2025-{:02}-{:02}", 1 + n % 12, 1 + n % 28), 100 + n % 5_000),
            )
            .expect("sale");
        }
        tx.commit().expect("commit");
    }
    let shop_dir = work.path().join("shop");
    let copy = || {
        let _ = std::fs::remove_dir_all(&shop_dir);
        std::fs::create_dir_all(&shop_dir).expect("dir");
        std::fs::copy(template.join(DATABASE_FILE), shop_dir.join(DATABASE_FILE)).expect("copy");
    };
    copy();
    let started = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_regulars-crash-child")).arg(&shop_dir).arg("open").output().expect("run").status;
    assert!(status.success());
    let full = started.elapsed();
    let mut rng = fastrand::Rng::with_seed(9);
    let (mut old, mut new) = (0, 0);
    for _ in 0..40 {
        copy();
        run_and_kill(&shop_dir, &["open"], &mut rng, full * 13 / 10);
        let conn = conn(&shop_dir);
        let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("check");
        assert_eq!(check, "ok");
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).expect("version");
        let sales: i64 = conn.query_row("SELECT count(*) FROM sale", [], |r| r.get(0)).expect("sales");
        assert_eq!(sales, 40_000, "the history survives whatever happened");
        match version {
            1 => old += 1,
            v if v == SCHEMA_VERSION => new += 1,
            other => panic!("a half-done upgrade: version {other}"),
        }
        drop(conn);
        // Whatever the kill left, the next open finishes the upgrade.
        let session = Session::open(&shop_dir, Clock::Local).expect("open after the kill");
        assert_eq!(session.store().schema_version().expect("version"), SCHEMA_VERSION);
    }
    println!("40 kills during an upgrade of a 40,000-sale shop (a full open took {full:?}): {old} left version 1, {new} the new version");
}

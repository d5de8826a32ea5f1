//! Misuse an owner can make by accident, on real files: saving over the shop, replacing the
//! shop while another window has it open, restores in quick succession, damaged or cut-short
//! backups, a mistyped data folder, another program's database. Each must lose nothing.

use std::path::Path;

use regulars_core::{Clock, DATABASE_FILE, Error, Session, StoreError, list_backups};

use crate::{Shop, today};

fn revenue(session: &Session) -> i64 {
    let filter = session.parse_filter(Some("2020-01-01"), None, None, None).expect("filter");
    session.report(&filter).expect("report").summary.revenue_minor
}

fn shop_with_a_sale() -> Shop {
    let mut shop = Shop::new();
    let ana = shop.add("Ana", "ana@example.com", "");
    shop.sell(Some(ana), "2026-11-01", "10.00");
    shop
}

#[test]
fn no_save_as_writes_over_the_shop_its_log_or_a_backup() {
    let mut shop = shop_with_a_sale();
    shop.session.rolling_backup().expect("a rolling backup");
    let dir = shop.dir.path().to_owned();
    let daily = list_backups(&dir).into_iter().next().expect("a daily backup").path;
    let before = std::fs::read(dir.join(DATABASE_FILE)).expect("read the shop");
    let daily_before = std::fs::read(&daily).expect("read the backup");
    let spellings = [
        dir.join(DATABASE_FILE),
        dir.join(".").join(DATABASE_FILE),
        dir.join("backups").join("..").join(DATABASE_FILE),
        dir.join(format!("{DATABASE_FILE}-wal")),
        dir.join(format!("{DATABASE_FILE}-shm")),
        dir.join(format!("{DATABASE_FILE}.lock")),
        daily.clone(),
        dir.join("backups").join("my-own-name.pdf"),
    ];
    for target in &spellings {
        let saved = shop.session.save_file(target, b"%PDF-1.7 not a shop");
        assert!(matches!(saved, Err(Error::Conflict(_))), "{}: {saved:?}", target.display());
        let backed_up = shop.session.backup_now(target);
        assert!(matches!(backed_up, Err(Error::Conflict(_))), "{}: {backed_up:?}", target.display());
    }
    #[cfg(unix)]
    {
        let link = dir.join("report.pdf");
        std::os::unix::fs::symlink(dir.join(DATABASE_FILE), &link).expect("a link to the shop");
        assert!(matches!(shop.session.save_file(&link, b"x"), Err(Error::Conflict(_))), "a link to the shop");
        let hard = dir.join("hard-link.sqlite3");
        std::fs::hard_link(dir.join(DATABASE_FILE), &hard).expect("a hard link");
        assert!(matches!(shop.session.backup_now(&hard), Err(Error::Conflict(_))), "another name for the shop");
        std::fs::remove_file(hard).expect("remove the hard link");
    }
    assert_eq!(std::fs::read(dir.join(DATABASE_FILE)).expect("read the shop"), before, "the shop is untouched");
    assert_eq!(std::fs::read(&daily).expect("read the backup"), daily_before, "the backup is untouched");
    assert!(shop.session.restore_backup(&dir.join(DATABASE_FILE)).is_err(), "the shop is no backup of itself");
    // An ordinary file beside the shop is fine.
    shop.session.save_file(&dir.join("pack.pdf"), b"%PDF").expect("an ordinary file");
    assert_eq!(revenue(&shop.session), 10_00);
    let shop = shop.reopen();
    assert_eq!(revenue(&shop.session), 10_00);
}

#[test]
fn locking_while_another_window_has_the_shop_open_is_refused_and_loses_nothing() {
    let mut shop = shop_with_a_sale();
    let mut other = Session::open(shop.dir.path(), Clock::Fixed(today())).expect("a second window");
    let refused = shop.session.set_passphrase(Some("correct horse battery"));
    assert!(matches!(refused, Err(Error::Store(StoreError::InUse))), "{refused:?}");
    assert!(!shop.session.is_locked());
    // Both windows keep working, and what the other one writes stays.
    let draft = SaleInput::walk_in(&other, "2026-11-02", "5.00");
    other.log_sale(draft).expect("the other window logs a sale");
    shop.sell(None, "2026-11-03", "1.00");
    assert_eq!(revenue(&shop.session), 16_00);
    drop(other);
    shop.session.set_passphrase(Some("correct horse battery")).expect("lock once the shop is ours");
    assert!(shop.session.is_locked());
    assert_eq!(revenue(&shop.session), 16_00);
    let key = regulars_core::Passphrase::typed("correct horse battery");
    let reopened = Session::open_with(shop.dir.path(), Clock::Fixed(today()), Some(&key)).expect("open locked");
    assert_eq!(revenue(&reopened), 16_00, "nothing lost in the new file");
}

/// The same with the other window in another process, as on Windows where a file that another
/// process has open cannot be renamed over: the lock is refused while the other process holds
/// the shop, and both of its sales are in the locked shop once it has gone.
#[test]
fn locking_while_another_process_has_the_shop_open_is_refused_and_loses_nothing() {
    use std::io::{BufRead, Write};
    let mut shop = shop_with_a_sale();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_regulars-crash-child"))
        .arg(shop.dir.path())
        .arg("hold")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("start the other process");
    let mut lines = std::io::BufReader::new(child.stdout.take().expect("its output")).lines();
    assert_eq!(lines.next().and_then(Result::ok).as_deref(), Some("holding"));
    let refused = shop.session.set_passphrase(Some("correct horse battery"));
    assert!(matches!(refused, Err(Error::Store(StoreError::InUse))), "{refused:?}");
    let refused = shop.session.set_passphrase(None);
    assert!(refused.is_ok() || matches!(refused, Err(Error::Store(StoreError::InUse))), "{refused:?}");
    assert!(!shop.session.is_locked());
    shop.sell(None, "2026-11-03", "1.00");
    writeln!(child.stdin.take().expect("its input"), "go").expect("tell it to go on");
    assert_eq!(lines.next().and_then(Result::ok).as_deref(), Some("done"));
    assert!(child.wait().expect("it ends").success());
    assert_eq!(revenue(&shop.session), 18_00, "10 + 3 + 4 from the other process + 1");
    shop.session.set_passphrase(Some("correct horse battery")).expect("lock once the shop is ours");
    let key = regulars_core::Passphrase::typed("correct horse battery");
    let reopened = Session::open_with(shop.dir.path(), Clock::Fixed(today()), Some(&key)).expect("open locked");
    assert_eq!(revenue(&reopened), 18_00, "nothing lost in the new file");
}

/// Parses a walk-in sale the way the form does, for a session that is not a [`Shop`].
struct SaleInput;

impl SaleInput {
    fn walk_in(session: &Session, date: &str, amount: &str) -> regulars_domain::SaleDraft {
        let currency = session.currency().expect("currency");
        regulars_domain::SaleDraft::parse(None, date, amount, "", "", "", currency, session.today()).expect("a valid sale")
    }
}

#[test]
fn two_restores_in_one_second_keep_two_safety_copies() {
    let mut shop = shop_with_a_sale();
    let backup = shop.dir.path().join("saved.sqlite3");
    shop.session.backup_now(&backup).expect("backup");
    shop.sell(None, "2026-11-05", "7.00");
    let first = shop.session.restore_backup(&backup).expect("first restore");
    let second = shop.session.restore_backup(&backup).expect("second restore");
    assert_ne!(first, second);
    let check = tempfile::tempdir().expect("dir");
    std::fs::copy(&first, check.path().join(DATABASE_FILE)).expect("copy");
    let original = Session::open(check.path(), Clock::Fixed(today())).expect("open the first safety copy");
    assert_eq!(revenue(&original), 17_00, "the first copy still holds the shop as it was before any restore");
}

/// Every backup Regulars writes has a checksum, so any changed byte is found.
#[test]
fn a_backup_with_any_byte_changed_or_cut_short_is_never_restored() {
    let mut shop = shop_with_a_sale();
    let backup = shop.dir.path().join("saved.sqlite3");
    shop.session.backup_now(&backup).expect("backup");
    assert!(regulars_store::checksum_file_of(&backup).exists(), "the checksum is kept beside the backup");
    let good = std::fs::read(&backup).expect("read");
    shop.sell(None, "2026-11-05", "7.00");
    let mut rng = fastrand::Rng::with_seed(17);
    let damaged = shop.dir.path().join("damaged.sqlite3");
    for round in 0..24 {
        let mut bytes = good.clone();
        if round % 3 == 2 {
            bytes.truncate(bytes.len() - rng.usize(1..=8));
        } else {
            let at = rng.usize(..bytes.len());
            bytes[at] ^= 1 << rng.u8(0..8);
        }
        std::fs::write(&damaged, &bytes).expect("write");
        std::fs::copy(regulars_store::checksum_file_of(&backup), regulars_store::checksum_file_of(&damaged)).expect("its checksum");
        let restored = shop.session.restore_backup(&damaged);
        assert!(restored.is_err(), "round {round}: a damaged backup was restored");
        assert_eq!(revenue(&shop.session), 17_00, "round {round}: the shop is as it was");
        // Without its checksum, a copy cut short is still refused by the full check.
        if round % 3 == 2 {
            std::fs::remove_file(regulars_store::checksum_file_of(&damaged)).expect("remove");
            assert!(shop.session.restore_backup(&damaged).is_err(), "round {round}: cut short, no checksum");
        }
    }
    let message = shop.session.restore_backup(&damaged).map(|_| ()).expect_err("refused").to_string();
    assert!(message.lines().count() <= 2 && message.len() < 400, "short words: {message}");
    // The good backup restores.
    shop.session.restore_backup(&backup).expect("the good backup");
    assert_eq!(revenue(&shop.session), 10_00);
}

#[test]
fn a_backup_leaves_no_partial_or_log_files_beside_it() {
    let shop = shop_with_a_sale();
    let out = tempfile::tempdir().expect("dir");
    let backup = out.path().join("b.sqlite3");
    shop.session.backup_now(&backup).expect("backup");
    shop.session.backup_now(&backup).expect("backup again, over the first");
    let mut names: Vec<String> =
        std::fs::read_dir(out.path()).expect("list").map(|e| e.expect("entry").file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["b.sqlite3", "b.sqlite3.sha256"]);
}

#[test]
fn a_mistyped_data_folder_is_reported_and_nothing_is_created() {
    let dir = tempfile::tempdir().expect("dir");
    let missing = dir.path().join("shpo").join("data");
    let opened = Session::open_existing(&missing, Clock::Fixed(today()), None);
    assert!(matches!(opened, Err(Error::NotFound(_))), "{opened:?}");
    assert!(!dir.path().join("shpo").exists(), "no folder was made");
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").expect("write");
    let error = Session::open(&file, Clock::Fixed(today())).map(|_| ()).expect_err("a file is no folder").to_string();
    assert!(error.contains("is a file, not a folder"), "{error}");
    assert!(regulars_core::resolve_data_dir(Some(Path::new(""))).is_err(), "an empty folder name");
}

#[test]
fn another_programs_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join(DATABASE_FILE);
    {
        let conn = rusqlite::Connection::open(&file).expect("create");
        conn.execute_batch("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('mine');")
            .expect("another program's schema");
    }
    let before = std::fs::read(&file).expect("read");
    let opened = Session::open(dir.path(), Clock::Fixed(today()));
    assert!(matches!(opened, Err(Error::Store(StoreError::NotAShop { .. }))), "{opened:?}");
    assert_eq!(std::fs::read(&file).expect("read"), before, "not a byte written");
    // A shop of ours carries the application id.
    let shop = Shop::new();
    let conn = rusqlite::Connection::open(shop.dir.path().join(DATABASE_FILE)).expect("open");
    let id: i32 = conn.pragma_query_value(None, "application_id", |row| row.get(0)).expect("application id");
    assert_eq!(id, regulars_store::APPLICATION_ID);
}

/// A file whose amounts use `.` as the decimal point is read with it throughout: `0.050` is
/// five cents and `2.000` two euros, never fifty or two thousand; `1.005` (a tenth of a cent)
/// is a problem naming the cell. The decimal mark is one decision for the whole column.
#[test]
fn amounts_are_read_with_the_decimal_mark_of_their_column() {
    let mut shop = Shop::new();
    let file = "customer_id,date,amount\n\
                C1,2026-02-01,12.50\n\
                C2,2026-02-02,0.050\n\
                C3,2026-02-03,2.000\n\
                C4,2026-02-04,1.005\n\
                C5,2026-02-05,\"1,234.50\"\n";
    let request = regulars_core::ImportRequest { file_name: "amounts.csv".to_owned(), ..Default::default() };
    let preview = shop.session.import_preview(file.as_bytes(), &request).expect("dry run");
    assert_eq!(preview.revenue_minor, 12_50 + 5 + 2_00 + 123_450, "{preview:?}");
    assert_eq!(preview.problems.count(), 1, "{:?}", preview.problems);
    assert_eq!((preview.problems.kept()[0].line, preview.problems.kept()[0].value.as_str()), (5, "1.005"));

    // Nothing in the column shows the mark: each cell that reads two ways is a problem.
    let file = "customer_id,date,amount\nC1,2026-02-01,1.234\nC2,2026-02-02,2.000\nC3,2026-02-03,15\n";
    let preview = shop.session.import_preview(file.as_bytes(), &request).expect("dry run");
    assert_eq!(preview.problems.count(), 2, "{:?}", preview.problems);
    assert!(preview.problems.kept()[0].message.contains("1234"), "{}", preview.problems.kept()[0].message);
    assert_eq!(preview.revenue_minor, 15_00);
    let refused = shop.session.import_file(file.as_bytes(), &request, false, &mut |_, _| true);
    assert!(refused.is_err(), "an import with problems is refused whole without --allow-problems");
    assert_eq!(revenue(&shop.session), 0);
}

/// The owner picks a file whose every date is in a format no calendar has (or a Shopify
/// export of nothing but cancelled orders): every row is counted, the first
/// [`regulars_core::NOTED_ROWS`] by line are kept to show, in line order, and the import is
/// refused saying how many there are. (Every row's problem was kept and sent to the window: the
/// dry run of 1M such rows took 691 MB.)
#[test]
fn a_file_of_nothing_but_problems_is_counted_and_the_first_are_shown() {
    let mut shop = Shop::new();
    let rows = 3 * regulars_core::NOTED_ROWS + 17;
    let mut file = String::from("customer_id,date,amount\n");
    for n in 0..rows {
        file.push_str(&format!("C{},31/31/2024,{}.50\n", n % 40, n % 90 + 1));
    }
    let request = regulars_core::ImportRequest { file_name: "wrong.csv".to_owned(), ..Default::default() };
    let preview = shop.session.import_preview(file.as_bytes(), &request).expect("dry run");
    assert_eq!(preview.problems.count(), rows as u64);
    let lines: Vec<u64> = preview.problems.kept().iter().map(|p| p.line).collect();
    assert_eq!(lines, (2..2 + regulars_core::NOTED_ROWS as u64).collect::<Vec<_>>(), "the first, in order");
    let refused = shop.session.import_file(file.as_bytes(), &request, false, &mut |_, _| true);
    let message = refused.expect_err("refused").to_string();
    assert!(message.replace(',', "").contains(&rows.to_string()) && message.contains("line 2,"), "{message}");

    let mut cancelled = String::from(
        "Name,Email,Financial Status,Paid at,Fulfillment Status,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,\
         Discount Amount,Created at,Lineitem quantity,Lineitem name,Lineitem price,Billing Name,Billing Phone,Cancelled at,\
         Refunded Amount,Id\n",
    );
    for n in 0..rows {
        cancelled.push_str(&format!(
            "#{n},a{n}@example.com,paid,2026-01-05 10:15:00 +0100,,EUR,10.00,0.00,0.00,10.00,,0.00,2026-01-05 10:14:00 +0100,\
             1,Item,10.00,Ann {n},,2026-01-05 18:00:00 +0100,0.00,{}\n",
            5_000_000_000u64 + n as u64
        ));
    }
    let preview = shop.session.import_preview(cancelled.as_bytes(), &request).expect("dry run");
    assert_eq!((preview.sales, preview.skipped.count()), (0, rows as u64), "{:?}", preview.skipped.kept().first());
    assert_eq!(preview.skipped.kept().len(), regulars_core::NOTED_ROWS);
    assert!(preview.skipped.kept().windows(2).all(|w| w[0].line < w[1].line));
    assert_eq!(revenue(&shop.session), 0);
}

fn customers_in(dir: &Path) -> i64 {
    rusqlite::Connection::open(dir.join(DATABASE_FILE))
        .and_then(|c| c.query_row("SELECT count(*) FROM customer", [], |row| row.get(0)))
        .expect("count customers")
}

fn import(session: &mut Session, file: &str) -> regulars_core::ImportRecord {
    let request = regulars_core::ImportRequest { file_name: "sales.csv".to_owned(), ..Default::default() };
    session.import_file(file.as_bytes(), &request, false, &mut |_, _| true).expect("import").expect("not cancelled")
}

/// Undoing every import leaves the customers as they were, whatever order the undos come in
/// and however often a file is imported and undone: a customer an import made goes with the
/// last of the undone imports that sold to them.
#[test]
fn undoing_imports_leaves_the_customers_as_they_were() {
    let mut shop = shop_with_a_sale();
    let dir = shop.dir.path().to_owned();
    let january = "customer_id,date,amount\nC1,2026-01-05,10.00\nC2,2026-01-06,11.00\n";
    let february = "customer_id,date,amount\nC1,2026-02-05,12.00\nC3,2026-02-06,13.00\n";
    for _ in 0..5 {
        let first = import(&mut shop.session, january);
        let second = import(&mut shop.session, february);
        assert_eq!(customers_in(&dir), 1 + 3);
        // January first: C1 still has a February sale, so stays until February goes too.
        shop.session.undo_import(first.id).expect("undo January");
        assert_eq!(customers_in(&dir), 1 + 2, "C2 went with January; C1 has February's sale");
        shop.session.undo_import(second.id).expect("undo February");
        assert_eq!(customers_in(&dir), 1, "every customer the imports made is gone");
    }
    assert_eq!(revenue(&shop.session), 10_00);
}

/// Two windows import the same file at once: the second to write plans again under the write
/// lock, so it matches the customers the first made instead of making them twice.
#[test]
fn two_imports_of_one_file_at_once_make_each_customer_once() {
    let shop = shop_with_a_sale();
    let dir = shop.dir.path().to_owned();
    let file: String = std::iter::once("customer_id,date,amount\n".to_owned())
        .chain((0..3_000).map(|i| format!("C{},2026-0{}-1{},{}.00\n", i % 600, 1 + i % 9, i % 10, 5 + i % 40)))
        .collect();
    let request = regulars_core::ImportRequest { file_name: "sales.csv".to_owned(), ..Default::default() };
    let (inside, wait_inside) = std::sync::mpsc::channel::<()>();
    let (release, wait_release) = std::sync::mpsc::channel::<()>();
    std::thread::scope(|scope| {
        let (dir, file, request) = (&dir, &file, &request);
        let first = scope.spawn(move || {
            let mut session = Session::open(dir, Clock::Fixed(today())).expect("first window");
            let mut told = false;
            session
                .import_file(file.as_bytes(), request, false, &mut |done, _| {
                    // Hold the write lock until the second window has planned and is waiting.
                    if done > 0 && !told {
                        told = true;
                        let _ = inside.send(());
                        let _ = wait_release.recv();
                    }
                    true
                })
                .expect("first import")
                .expect("done")
        });
        let mut second = Session::open(dir, Clock::Fixed(today())).expect("second window");
        let prepared = second.prepare_import(file.as_bytes(), request).expect("second plan");
        assert_eq!(prepared.preview.customers_new, 600, "planned before the first import is written");
        wait_inside.recv().expect("the first import is writing");
        let release_later = scope.spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(300));
            let _ = release.send(());
        });
        let record = second.import_prepared(prepared, false, &mut |_, _| true).expect("second import").expect("done");
        release_later.join().expect("release");
        let first = first.join().expect("first window");
        assert_eq!((first.sales, first.customers_new), (3_000, 600));
        assert_eq!((record.sales, record.customers_new, record.already_imported), (0, 0, 3_000), "{record:?}");
    });
    assert_eq!(customers_in(&dir), 1 + 600, "each customer once");
}

/// Each sale of an export as (day, amount, customer, email, description), sorted: what must
/// survive a round trip (ids are the shop's own).
fn sale_rows(session: &Session) -> Vec<String> {
    let csv = session.export_csv(regulars_core::ExportTable::Sales).expect("export");
    let mut rows: Vec<String> = String::from_utf8(csv)
        .expect("utf-8")
        .lines()
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            [1, 2, 4, 5, 7].iter().map(|&i| cells.get(i).copied().unwrap_or("")).collect::<Vec<_>>().join("|")
        })
        .collect();
    rows.sort();
    rows
}

/// The shop's own `sales.csv` round-trips: into the same shop it adds nothing (no sale twice,
/// no sale moved to a namesake); into an empty shop it rebuilds the same sales, each with
/// the same person.
#[test]
fn our_own_sales_export_imports_back_exactly() {
    let mut shop = shop_with_a_sale();
    let ann = shop.add("Ann Lee", "ann.one@example.com", "");
    let other_ann = shop.add("Ann Lee", "ann.two@example.com", "");
    shop.sell(Some(ann), "2026-03-01", "20.00");
    shop.sell(Some(other_ann), "2026-03-02", "30.00");
    shop.sell(Some(other_ann), "2026-04-02", "31.00");
    shop.sell(None, "2026-04-03", "5.00");
    shop.session.generate_sample_shop(40, 200, 3).expect("more sales");
    let before = sale_rows(&shop.session);
    let sales = shop.session.export_csv(regulars_core::ExportTable::Sales).expect("export");
    let customers_before = customers_in(shop.dir.path());

    let again = import(&mut shop.session, std::str::from_utf8(&sales).expect("utf-8"));
    assert_eq!((again.sales, again.customers_new, again.already_imported), (0, 0, before.len() as i64), "{again:?}");
    assert_eq!(sale_rows(&shop.session), before, "nothing doubled, nothing moved");
    assert_eq!(customers_in(shop.dir.path()), customers_before);

    let empty = Shop::new();
    let mut empty = empty;
    let rebuilt = import(&mut empty.session, std::str::from_utf8(&sales).expect("utf-8"));
    assert_eq!(rebuilt.sales, before.len() as i64);
    assert_eq!(sale_rows(&empty.session), before, "the same sales, each with the same person");
    let anns = empty.session.search_customers("Ann Lee", 10).expect("search");
    let mut counts: Vec<u32> = anns.iter().map(|c| c.stats.sale_count).collect();
    counts.sort_unstable();
    assert_eq!(counts, [1, 2], "two namesakes stay two people");
    // And the rebuilt shop's export imports into it as into the original: nothing added.
    let export = empty.session.export_csv(regulars_core::ExportTable::Sales).expect("export");
    let third = import(&mut empty.session, std::str::from_utf8(&export).expect("utf-8"));
    assert_eq!(third.sales, 0);
}

/// The sale form's new customer and their sale are one use case: both land, or (an email that
/// another customer has) neither.
#[test]
fn a_new_customer_and_their_sale_are_saved_together_or_not_at_all() {
    let mut shop = shop_with_a_sale();
    let sale = shop.sale_draft(None, "2026-11-02", "12.00").expect("sale");
    let ann = regulars_domain::CustomerDraft::parse("Ann Lee", "ann@example.com", "", "", &[]).expect("customer");
    let logged = shop.session.log_sale_for_new_customer(ann, sale.clone()).expect("both saved");
    assert_eq!(logged.customer_name.as_deref(), Some("Ann Lee"));
    let found = shop.session.search_customers("Ann Lee", 5).expect("search");
    assert_eq!((found.len(), found[0].stats.sale_count), (1, 1), "the customer has the sale and its figures");

    let before = customers_in(shop.dir.path());
    let taken = regulars_domain::CustomerDraft::parse("Ana Again", "ANA@example.com", "", "", &[]).expect("customer");
    assert!(shop.session.log_sale_for_new_customer(taken, sale).is_err(), "the email belongs to Ana");
    assert_eq!(customers_in(shop.dir.path()), before);
    assert_eq!(revenue(&shop.session), 10_00 + 12_00);
}

/// Checking a "save as" path against the shop, or opening a second window on it in the same
/// process, must not touch the shop's files outside SQLite: closing such a handle drops every
/// POSIX lock the process holds on the file, and the next process to close the shop would
/// take it for unused and delete the write-ahead log under the open window.
#[test]
fn checks_beside_an_open_shop_keep_its_locks() {
    let mut shop = shop_with_a_sale();
    let dir = shop.dir.path().to_owned();
    shop.session.backup_now(&dir.join("copy.sqlite3")).expect("a backup, after checking the path");
    assert!(shop.session.backup_now(&dir.join(format!("{DATABASE_FILE}-shm"))).is_err());
    drop(Session::open(&dir, Clock::Fixed(today())).expect("a second window, closed again"));
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_regulars-crash-child")).arg(&dir).arg("open").output().expect("run").status;
    assert!(status.success());
    assert!(dir.join(format!("{DATABASE_FILE}-shm")).exists(), "the other process knew the shop was still open");
    shop.sell(None, "2026-11-02", "5.00");
    let fresh = Session::open(&dir, Clock::Fixed(today())).expect("a fresh window reads the shop");
    assert_eq!(revenue(&fresh), 15_00);
    assert_eq!(revenue(&shop.session), 15_00);
}

/// Leftovers of a killed run (`.partial` files, as large as the shop for a restore, and an
/// import's sales set aside that a crash of Windows left) are swept when the shop is next
/// opened, once they are an hour old; one being written now is kept, and so are the owner's.
#[test]
fn leftovers_of_a_killed_run_are_swept_at_the_next_open() {
    let shop = shop_with_a_sale();
    let dir = shop.dir.path().to_owned();
    drop(shop.session);
    std::fs::create_dir_all(dir.join("backups")).expect("backups/");
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 60 * 60);
    let stale = [dir.join("before-restore.sqlite3.partial"), dir.join("backups/daily-2026-11-20.sqlite3.partial"), dir.join(".tmpA1b2C3")];
    for path in &stale {
        std::fs::write(path, vec![0u8; 4096]).expect("write");
        std::fs::File::options().write(true).open(path).and_then(|f| f.set_modified(two_hours_ago)).expect("age it");
    }
    let fresh = [dir.join("backups/daily-2026-11-23.sqlite3.partial"), dir.join(".tmpX9y8Z7")];
    for path in &fresh {
        std::fs::write(path, b"being written").expect("write");
    }
    let others = [dir.join("notes.txt"), dir.join(".tmp-notes"), dir.join(".tmpA1b2C3.txt")];
    for path in &others {
        std::fs::write(path, b"the owner's").expect("write");
        std::fs::File::options().write(true).open(path).and_then(|f| f.set_modified(two_hours_ago)).expect("age it");
    }

    let session = Session::open(&dir, Clock::Fixed(today())).expect("open");
    for path in &stale {
        assert!(!path.exists(), "{} was swept", path.display());
    }
    assert!(fresh.iter().chain(&others).all(|path| path.exists()), "a file being written and the owner's own are kept");
    assert_eq!(revenue(&session), 10_00);
}

/// On Windows a spreadsheet keeps the file it has open from being replaced (it opens it without
/// sharing delete). Saving an export over it says so in words, leaves the file as it was and no
/// partial file beside it; once it is closed, the same save works. Run under Wine by `cargo
/// xtask test --windows`.
#[cfg(windows)]
#[test]
fn saving_over_a_file_another_program_holds_open_says_so_and_keeps_it() {
    use std::os::windows::fs::OpenOptionsExt;
    const FILE_SHARE_READ: u32 = 1;
    let shop = shop_with_a_sale();
    let target = shop.dir.path().join("customers.csv");
    std::fs::write(&target, b"old").expect("an earlier export");
    let held = std::fs::OpenOptions::new().read(true).share_mode(FILE_SHARE_READ).open(&target).expect("open as a spreadsheet does");
    let refused = shop.session.save_file(&target, b"new");
    match &refused {
        Err(Error::Conflict(message)) => assert!(message.contains("open in another program"), "{message}"),
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(std::fs::read(&target).expect("read"), b"old");
    assert!(!regulars_core::partial_path(&target).exists(), "no partial file left");
    drop(held);
    shop.session.save_file(&target, b"new").expect("saved once closed");
    assert_eq!(std::fs::read(&target).expect("read"), b"new");
}

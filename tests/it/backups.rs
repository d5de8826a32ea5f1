//! Backups on real files: a backup restores what it saved, restore keeps a safety copy, the
//! rolling backups keep 7 days and 6 months, a bad file is never restored, and a damaged shop
//! is found and replaced from the newest good backup.

use std::path::Path;

use chrono::Days;
use regulars_core::{Clock, DATABASE_FILE, Error, Session, StoreError, list_backups, newest_good_backup, replace_damaged_shop};

use crate::{Shop, today};

fn revenue(session: &Session) -> i64 {
    let filter = session.parse_filter(Some("2020-01-01"), None, None, None).expect("filter");
    session.report(&filter).expect("report").summary.revenue_minor
}

#[test]
fn a_backup_restores_what_it_saved_and_restore_keeps_a_safety_copy() {
    let mut shop = Shop::new();
    let ana = shop.add("Ana", "", "");
    shop.sell(Some(ana), "2026-11-01", "10.00");
    let target = shop.dir.path().join("my-backup.sqlite3");
    shop.session.backup_now(&target).expect("backup");
    shop.sell(Some(ana), "2026-11-02", "5.00");
    assert_eq!(revenue(&shop.session), 15_00);

    let safety = shop.session.restore_backup(&target).expect("restore");
    assert_eq!(revenue(&shop.session), 10_00, "the backup's data");
    assert!(safety.exists());
    // The safety copy holds what was there before the restore.
    let check = tempfile::tempdir().expect("dir");
    std::fs::copy(&safety, check.path().join(DATABASE_FILE)).expect("copy");
    let before = Session::open(check.path(), Clock::Fixed(today())).expect("open the safety copy");
    assert_eq!(revenue(&before), 15_00);
    // And the restored shop keeps working.
    shop.sell(Some(ana), "2026-11-03", "1.00");
    let shop = shop.reopen();
    assert_eq!(revenue(&shop.session), 11_00);
}

#[test]
fn a_backup_to_a_folder_that_is_not_there_says_so() {
    let shop = Shop::new();
    let target = shop.dir.path().join("no-such-folder").join("backup.sqlite3");
    let error = shop.session.backup_now(&target).expect_err("nowhere to write");
    assert!(error.to_string().contains("There is no folder") && error.to_string().contains("no-such-folder"), "{error}");
    assert!(!target.exists());
}

#[test]
fn rolling_backups_keep_seven_days_and_six_months() {
    let mut shop = Shop::new();
    let ana = shop.add("Ana", "", "");
    shop.sell(Some(ana), "2026-01-01", "10.00");
    let start = today();
    for day in 0..250u64 {
        shop.session.set_clock(Clock::Fixed(start + Days::new(day)));
        shop.session.rolling_backup().expect("rolling backup");
    }
    // A second run on the same day makes nothing.
    assert!(shop.session.rolling_backup().expect("again").is_empty());
    let files = list_backups(shop.dir.path());
    let count = |kind: &str| files.iter().filter(|f| f.kind == kind).count();
    assert_eq!((count("daily"), count("monthly")), (7, 6));
    let newest = &files.iter().find(|f| f.kind == "daily").expect("a daily").when;
    assert_eq!(newest, &(start + Days::new(249)).format("%Y-%m-%d").to_string());
}

#[test]
fn a_bad_file_is_never_restored() {
    let mut shop = Shop::new();
    let ana = shop.add("Ana", "", "");
    shop.sell(Some(ana), "2026-11-01", "10.00");
    let dir = shop.dir.path().to_path_buf();
    let text = dir.join("notes.sqlite3");
    std::fs::write(&text, "date,amount\n".repeat(500)).expect("write");
    let newer = dir.join("newer.sqlite3");
    shop.session.backup_now(&newer).expect("backup");
    rusqlite::Connection::open(&newer).and_then(|c| c.pragma_update(None, "user_version", 99)).expect("bump");
    // As a newer Regulars would have written it: with its own checksum (none here), so the
    // version check is what refuses it.
    std::fs::remove_file(regulars_store::checksum_file_of(&newer)).expect("no checksum");
    let other = dir.join("other.sqlite3");
    rusqlite::Connection::open(&other).and_then(|c| c.execute_batch("CREATE TABLE t (x); PRAGMA user_version = 1;")).expect("other db");
    for (file, expected) in [(&text, "not an SQLite database"), (&newer, "newer Regulars"), (&other, "not a Regulars shop file")] {
        match shop.session.restore_backup(file) {
            Err(Error::Store(StoreError::BadBackup { why, .. })) => assert!(why.contains(expected), "{why}"),
            other => panic!("{} was restored: {other:?}", file.display()),
        }
    }
    assert_eq!(revenue(&shop.session), 10_00, "the shop is untouched");
}

/// Overwrites a page in the middle of the shop file, as a failing disk might.
fn damage(file: &Path) {
    let mut bytes = std::fs::read(file).expect("read");
    let page = 4096;
    let middle = (bytes.len() / page / 2).max(2) * page;
    for b in &mut bytes[middle..middle + page] {
        *b = 0x5A;
    }
    std::fs::write(file, bytes).expect("write");
}

#[test]
fn a_damaged_shop_is_reported_and_replaced_from_the_newest_good_backup() {
    let mut shop = Shop::new();
    shop.session.generate_sample_shop(300, 3000, 5).expect("sample");
    shop.session.rolling_backup().expect("yesterday's backup");
    let good = revenue(&shop.session);
    let dir = shop.dir.path().to_path_buf();
    let Shop { dir: keep, session } = shop;
    drop(session);
    damage(&dir.join(DATABASE_FILE));

    let broken = Session::open(&dir, Clock::Fixed(today() + Days::new(1)));
    let found = match broken {
        Ok(session) => session.backup_now(&dir.join("check.sqlite3")).err(),
        Err(error) => Some(error),
    };
    assert!(found.is_some(), "the damage is found, by opening or by the next backup");

    let backup = newest_good_backup(&dir, None).expect("a good backup");
    let kept = replace_damaged_shop(&dir, &backup, None).expect("replace");
    assert!(kept.exists(), "the damaged file is kept, not deleted");
    let session = Session::open(&dir, Clock::Fixed(today())).expect("opens again");
    assert_eq!(revenue(&session), good);
    session.store().integrity_check().expect("whole");
    drop(keep);
}

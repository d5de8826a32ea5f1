//! Locking the shop with a passphrase (SQLCipher): the file, its log and its backups show
//! nothing without it; the wrong passphrase opens nothing; changing and removing it keep
//! every sale.

use regulars_core::{Clock, Error, Passphrase, Session, StoreError, is_locked_file};

use crate::{Shop, today};

const NAME: &str = "Zanzibar Quokka";

fn file_holds(path: &std::path::Path, text: &str) -> bool {
    let bytes = std::fs::read(path).unwrap_or_default();
    bytes.windows(text.len()).any(|w| w == text.as_bytes())
}

fn open(shop_dir: &std::path::Path, key: Option<&str>) -> Result<Session, Error> {
    Session::open_with(shop_dir, Clock::Fixed(today()), key.map(Passphrase::typed).as_ref())
}

#[test]
fn a_locked_shop_shows_nothing_without_its_passphrase_and_everything_with_it() {
    let mut shop = Shop::new();
    let ana = shop.add(NAME, "quokka@example.com", "");
    shop.sell(Some(ana), "2026-11-01", "12.50");
    let file = shop.dir.path().join(regulars_core::DATABASE_FILE);
    shop.session.store().checkpoint().expect("checkpoint");
    assert!(file_holds(&file, NAME), "an unlocked file holds the name in plain text");

    let short = shop.session.set_passphrase(Some("short")).expect_err("too short");
    assert!(short.to_string().contains("at least 8 characters"), "{short}");
    shop.session.set_passphrase(Some("correct horse")).expect("lock");
    assert!(shop.session.is_locked());
    // The same session goes on, now on the locked file; what it writes is locked too.
    shop.sell(Some(ana), "2026-11-20", "7.25");
    let wal = regulars_store::sidecar_files(&file)[0].clone();
    assert!(std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0) > 0, "the sale is in the write-ahead log");
    assert!(!file_holds(&wal, NAME) && !file_holds(&wal, "quokka@"), "the write-ahead log is locked too");
    let (dir, session) = (shop.dir, shop.session);
    drop(session);
    assert!(is_locked_file(&file));
    assert!(!file_holds(&file, NAME) && !file_holds(&file, "quokka@") && !file_holds(&file, "CREATE TABLE"), "nothing readable");

    assert!(matches!(open(dir.path(), None), Err(Error::Store(StoreError::Locked))));
    let wrong = open(dir.path(), Some("Correct horse")).expect_err("wrong passphrase");
    assert!(matches!(wrong, Error::Store(StoreError::WrongPassphrase)), "{wrong}");
    let before = std::fs::read(&file).expect("read");
    assert_eq!(std::fs::read(&file).expect("read"), before, "a wrong passphrase changes nothing");

    let session = open(dir.path(), Some("correct horse")).expect("the right passphrase opens it");
    let page = session.customer_page(ana).expect("page");
    assert_eq!(page.customer.summary.name, NAME);
    assert_eq!(page.sales.len(), 2);
    assert_eq!(session.store().schema_version().expect("version"), regulars_store::SCHEMA_VERSION);
}

#[test]
fn backups_of_a_locked_shop_are_locked_and_restore_with_it() {
    let mut shop = Shop::new();
    let ana = shop.add(NAME, "", "");
    shop.sell(Some(ana), "2026-11-01", "12.50");
    let plain = shop.dir.path().join("before-lock.sqlite3");
    shop.session.backup_now(&plain).expect("a plain backup");
    shop.session.set_passphrase(Some("correct horse")).expect("lock");
    let locked = shop.dir.path().join("locked.sqlite3");
    shop.session.backup_now(&locked).expect("a locked backup");
    assert!(is_locked_file(&locked) && !file_holds(&locked, NAME));
    let unreadable = regulars_store::verify_backup(&locked, None).expect_err("no key");
    assert!(unreadable.to_string().contains("locked with a passphrase"), "{unreadable}");
    regulars_store::verify_backup(&locked, Some(&Passphrase::typed("correct horse"))).expect("whole with the key");

    shop.sell(Some(ana), "2026-11-20", "99.00");
    shop.session.restore_backup(&locked).expect("restore the locked backup");
    assert_eq!(shop.session.customer_page(ana).expect("page").sales.len(), 1, "back to the backup");
    let refused = shop.session.restore_backup(&plain).expect_err("a backup from before the lock");
    assert!(refused.to_string().contains("remove the passphrase first"), "{refused}");

    // After a change of passphrase, backups made with the old one say so.
    shop.session.set_passphrase(Some("battery staple")).expect("change");
    let old = shop.session.restore_backup(&locked).expect_err("old passphrase");
    assert!(old.to_string().contains("another passphrase"), "{old}");
}

#[test]
fn changing_and_removing_the_passphrase_keep_every_sale() {
    let mut shop = Shop::new();
    let ana = shop.add(NAME, "", "");
    for day in 1..=20 {
        shop.sell(Some(ana), &format!("2026-10-{day:02}"), "3.10");
    }
    shop.session.set_passphrase(Some("correct horse")).expect("lock");
    shop.session.set_passphrase(Some("battery staple")).expect("change");
    let dir = shop.dir;
    drop(shop.session);
    assert!(matches!(open(dir.path(), Some("correct horse")), Err(Error::Store(StoreError::WrongPassphrase))));
    let mut session = open(dir.path(), Some("battery staple")).expect("the new passphrase");
    session.set_passphrase(None).expect("remove");
    drop(session);
    let file = dir.path().join(regulars_core::DATABASE_FILE);
    assert!(!is_locked_file(&file));
    let session = open(dir.path(), None).expect("opens without a passphrase");
    let page = session.customer_page(ana).expect("page");
    assert_eq!(page.sales.len(), 20);
    assert_eq!(page.customer.summary.stats.lifetime_value.minor(), 6200);
    session.store().integrity_check().expect("whole");
    // A passphrase given for a shop that is not locked is not needed, and not a reason to refuse.
    drop(session);
    open(dir.path(), Some("anything at all")).expect("an unlocked shop opens whatever is typed");
}

#[test]
fn a_damaged_file_is_not_taken_for_a_locked_one() {
    let mut shop = Shop::new();
    shop.add(NAME, "", "");
    let file = shop.dir.path().join(regulars_core::DATABASE_FILE);
    let dir = shop.dir;
    drop(shop.session);
    let mut bytes = std::fs::read(&file).expect("read");
    bytes[..4096].fill(b'#');
    std::fs::write(&file, bytes).expect("write");
    assert!(!is_locked_file(&file));
    let error = open(dir.path(), None).expect_err("damaged");
    assert!(!matches!(error, Error::Store(StoreError::Locked | StoreError::WrongPassphrase)), "{error}");
}

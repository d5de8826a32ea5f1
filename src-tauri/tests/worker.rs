//! The import worker (`src/worker.rs`): the app's own binary, started with `--import-worker`,
//! does the dry run and the import of a real file into a real shop in a process of its own,
//! and the app's side reads its progress, its answer, its failures and its cancel.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use regulars_app::ErrorCode;
use regulars_app::ipc::{ImportOptionsInput, ImportPreviewView, ImportProgress};
use regulars_app::worker::{Job, Said, run};
use regulars_core::{Clock, Session, write_plain_sales_file};
use regulars_domain::{Currency, ShopName, ShopSettings};

const APP: &str = env!("CARGO_BIN_EXE_regulars");

fn shop(dir: &Path) {
    let mut session = Session::open(dir, Clock::Local).expect("open");
    session
        .set_up_shop(ShopSettings { name: ShopName::parse("Worker shop").expect("name"), currency: Currency::parse("EUR").expect("EUR") })
        .expect("set up");
}

fn job(dir: &Path, file: PathBuf, import: Option<bool>) -> Job {
    Job { data_dir: dir.to_path_buf(), passphrase: None, today: None, file, options: ImportOptionsInput::default(), import }
}

fn preview(dir: &Path, file: &Path) -> ImportPreviewView {
    match run(Path::new(APP), &job(dir, file.to_path_buf(), None), &mut |_| {}, &AtomicBool::new(false)) {
        Ok(Said::Preview(preview)) => *preview,
        other => panic!("expected a preview, got {other:?}"),
    }
}

#[test]
fn the_worker_previews_then_imports_a_file_with_progress() {
    let dir = tempfile::tempdir().expect("temp dir");
    shop(dir.path());
    let file = dir.path().join("sales.csv");
    write_plain_sales_file(20_000, &file).expect("write the file");

    let before = preview(dir.path(), &file);
    assert_eq!((before.rows, before.sales, before.already_imported), (20_000, 20_000, 0), "{before:?}");
    assert_eq!(before.customers_new, 2_000);
    assert!(Session::open(dir.path(), Clock::Local).expect("open").imports().expect("imports").is_empty(), "a dry run writes nothing");

    let mut reports: Vec<ImportProgress> = Vec::new();
    let said = run(Path::new(APP), &job(dir.path(), file.clone(), Some(false)), &mut |p| reports.push(p), &AtomicBool::new(false));
    let Ok(Said::Imported(Some(record))) = said else { panic!("expected an import, got {said:?}") };
    assert_eq!((record.sales, record.customers_new), (20_000, 2_000));
    assert!(!reports.is_empty(), "progress was reported");
    assert!(reports.windows(2).all(|w| w[0].done <= w[1].done), "progress only goes forward");
    let last = reports.last().expect("a report");
    assert_eq!(last.done, last.total);

    // The shop the app has open sees what the worker wrote.
    let again = preview(dir.path(), &file);
    assert_eq!((again.sales, again.already_imported), (0, 20_000));
    assert_eq!(Session::open(dir.path(), Clock::Local).expect("open").imports().expect("imports").len(), 1);
}

#[test]
fn a_cancel_while_the_file_is_read_stops_the_worker_at_once_with_nothing_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    shop(dir.path());
    let file = dir.path().join("sales.csv");
    write_plain_sales_file(200_000, &file).expect("write the file");
    // Cancel is pressed before the worker has read the file: it is stopped before it writes.
    let mut reports = 0;
    let said = run(Path::new(APP), &job(dir.path(), file.clone(), Some(false)), &mut |_| reports += 1, &AtomicBool::new(true));
    assert!(matches!(said, Ok(Said::Imported(None))), "{said:?}");
    assert_eq!(reports, 0, "stopped before its first write");
    let after = preview(dir.path(), &file);
    assert_eq!((after.sales, after.already_imported), (200_000, 0));
}

#[test]
fn a_cancel_while_the_sales_are_written_rolls_the_import_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    shop(dir.path());
    let file = dir.path().join("sales.csv");
    // Large enough that the worker reports progress twenty times: the cancel line, sent after
    // the first report, comes long before the last.
    write_plain_sales_file(200_000, &file).expect("write the file");
    let cancel = AtomicBool::new(false);
    let mut reports = 0;
    let mut press_cancel = |_| {
        reports += 1;
        cancel.store(true, Ordering::SeqCst);
    };
    let said = run(Path::new(APP), &job(dir.path(), file.clone(), Some(false)), &mut press_cancel, &cancel);
    assert!(matches!(said, Ok(Said::Imported(None))), "{said:?}");
    assert!(reports >= 1, "the write had begun");
    let after = preview(dir.path(), &file);
    assert_eq!((after.sales, after.already_imported), (200_000, 0));
    assert!(Session::open(dir.path(), Clock::Local).expect("open").imports().expect("imports").is_empty());
}

#[test]
fn the_workers_failures_come_back_as_the_owners_messages() {
    let dir = tempfile::tempdir().expect("temp dir");
    shop(dir.path());
    let missing = dir.path().join("not there.csv");
    let said = run(Path::new(APP), &job(dir.path(), missing, Some(false)), &mut |_| {}, &AtomicBool::new(false));
    let Ok(Said::Failed(error)) = said else { panic!("expected a failure, got {said:?}") };
    assert!(error.message.contains("not there.csv"), "{}", error.message);

    // A file that is not a sales export: the dry run says what the owner must choose.
    let odd = dir.path().join("odd.csv");
    std::fs::write(&odd, "colour,size\nred,9\n").expect("write");
    let preview = preview(dir.path(), &odd);
    assert_eq!(preview.needs.as_deref(), Some("mapping"));
    assert_eq!(preview.headers, ["colour", "size"]);
}

#[test]
fn a_worker_that_ends_without_an_answer_is_an_error_not_a_hang() {
    let dir = tempfile::tempdir().expect("temp dir");
    shop(dir.path());
    // This test binary, not the app: it does not speak the worker's lines.
    let not_a_worker = std::env::current_exe().expect("this test's binary");
    let said = run(&not_a_worker, &job(dir.path(), dir.path().join("x.csv"), None), &mut |_| {}, &AtomicBool::new(false));
    let error = said.expect_err("no answer");
    assert_eq!(error.code, ErrorCode::Internal);
    assert!(error.message.contains("nothing was written"), "{}", error.message);
}

#[test]
fn a_locked_shop_is_imported_into_with_the_passphrase_the_window_was_unlocked_with() {
    let dir = tempfile::tempdir().expect("temp dir");
    shop(dir.path());
    Session::open(dir.path(), Clock::Local).expect("open").set_passphrase(Some("correct horse")).expect("lock");
    let file = dir.path().join("sales.csv");
    write_plain_sales_file(100, &file).expect("write the file");
    let no = AtomicBool::new(false);

    let without = run(Path::new(APP), &job(dir.path(), file.clone(), Some(false)), &mut |_| {}, &no);
    let Ok(Said::Failed(error)) = without else { panic!("expected a failure, got {without:?}") };
    assert_eq!(error.code, ErrorCode::Locked);

    let mut wrong = job(dir.path(), file.clone(), Some(false));
    wrong.passphrase = Some("wrong horse".to_owned());
    let said = run(Path::new(APP), &wrong, &mut |_| {}, &no);
    assert!(matches!(&said, Ok(Said::Failed(e)) if e.code == ErrorCode::Locked), "{said:?}");

    let mut unlocked = job(dir.path(), file, Some(false));
    unlocked.passphrase = Some("correct horse".to_owned());
    let said = run(Path::new(APP), &unlocked, &mut |_| {}, &no);
    assert!(matches!(&said, Ok(Said::Imported(Some(record))) if record.sales == 100), "{said:?}");
}

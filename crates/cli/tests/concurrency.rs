//! Two processes on one shop: an import writing for a while, and meanwhile the reminder check
//! (`today`) reading and a setting being written. Nothing deadlocks, the readers always get
//! an answer, the second writer either waits its turn or is told the file is busy, and no
//! write is lost.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn cli(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_regulars-cli"));
    command.arg("--data-dir").arg(dir);
    command
}

fn run(command: &mut Command) -> Output {
    command.output().expect("regulars-cli runs")
}

#[test]
fn an_import_and_the_reminder_check_at_once_neither_block_nor_lose_writes() {
    let work = tempfile::tempdir().expect("dir");
    let dir = work.path().join("shop");
    assert!(run(cli(&dir).args(["setup", "--name", "Two at once", "--currency", "EUR"])).status.success());
    let file = work.path().join("sales.csv");
    let mut csv = String::from("customer_id,date,amount\n");
    for n in 0..150_000 {
        csv.push_str(&format!("{},2025-{:02}-{:02},{}.{:02}\n", n % 9_000, n % 12 + 1, n % 28 + 1, n % 300 + 1, n % 100));
    }
    std::fs::write(&file, csv).expect("write");

    let started = Instant::now();
    let mut import =
        cli(&dir).arg("import").arg(&file).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().expect("import");
    let (mut reads, mut setting) = (0, None);
    loop {
        // The reminder check reads while the import writes: it must always answer.
        let today = run(cli(&dir).args(["today", "--json"]));
        assert!(today.status.success(), "today failed during the import: {}", String::from_utf8_lossy(&today.stderr));
        reads += 1;
        if setting.is_none() && started.elapsed() > Duration::from_millis(1500) {
            // A second writer, once the import is well into its write: it waits for the import
            // (SQLite's busy timeout) or says the file is busy.
            setting = Some(run(cli(&dir).args(["remind", "check-in-days", "9"])));
        }
        if import.try_wait().expect("wait").is_some() {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(120), "the import never finished: a deadlock?");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(import.wait().expect("import").success(), "the import failed");

    let conn = rusqlite::Connection::open(dir.join("regulars.sqlite3")).expect("open");
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("check");
    assert_eq!(check, "ok");
    let sales: i64 = conn.query_row("SELECT count(*) FROM sale", [], |r| r.get(0)).expect("sales");
    assert_eq!(sales, 150_000, "the import is whole");
    let days: Option<String> = conn.query_row("SELECT value FROM setting WHERE key = 'reminders.check_in_days'", [], |r| r.get(0)).ok();
    let setting = setting.expect("the second writer ran");
    if setting.status.success() {
        assert_eq!(days.as_deref(), Some("9"), "the setting the second writer reported is saved");
    } else {
        let message = String::from_utf8_lossy(&setting.stderr);
        assert!(message.contains("busy"), "a refused writer is told why: {message}");
        assert_ne!(days.as_deref(), Some("9"));
    }
    println!(
        "{reads} reminder checks answered during a {:?} import of 150,000 rows; the second writer {}",
        started.elapsed(),
        if setting.status.success() { "waited its turn and saved" } else { "was told the file is busy" }
    );
}

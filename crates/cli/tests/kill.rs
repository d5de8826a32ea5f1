//! An import killed with SIGKILL at random moments leaves the shop file intact, holding either
//! none or all of that import.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const ROWS: usize = 60_000;
const RUNS: usize = 8;

fn cli(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_regulars-cli"));
    command.arg("--data-dir").arg(dir);
    command
}

fn set_up(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
    let status = cli(dir).args(["setup", "--name", "Kill test", "--currency", "EUR"]).output().expect("setup runs").status;
    assert!(status.success());
}

/// (`PRAGMA integrity_check`, live sales, imports recorded)
fn inspect(dir: &Path) -> (String, i64, i64) {
    let conn = rusqlite::Connection::open(dir.join("regulars.sqlite3")).expect("open");
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("check");
    let sales: i64 = conn.query_row("SELECT count(*) FROM sale", [], |r| r.get(0)).expect("count");
    let imports: i64 = conn.query_row("SELECT count(*) FROM import", [], |r| r.get(0)).expect("count");
    (check, sales, imports)
}

#[test]
fn a_killed_import_leaves_none_or_all_of_it() {
    let work = tempfile::tempdir().expect("temp dir");
    let file = work.path().join("sales.csv");
    let mut csv = String::from("customer_id,date,amount\n");
    for n in 0..ROWS {
        csv.push_str(&format!("{},2025-{:02}-{:02},{}.{:02}\n", n % 5_000, n % 12 + 1, n % 28 + 1, n % 200 + 1, n % 100));
    }
    std::fs::write(&file, csv).expect("write the file");
    let dir = work.path().join("shop");

    set_up(&dir);
    let started = Instant::now();
    let output = cli(&dir).arg("import").arg(&file).output().expect("import runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let full = started.elapsed();
    assert_eq!(inspect(&dir), ("ok".to_owned(), ROWS as i64, 1));

    let mut rng = fastrand::Rng::with_seed(11);
    let (mut none, mut all) = (0, 0);
    for _ in 0..RUNS {
        set_up(&dir);
        let mut child = cli(&dir)
            .arg("import")
            .arg(&file)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_micros(rng.u64(full.as_micros() as u64 * 4 / 10..=full.as_micros() as u64 * 11 / 10)));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let (check, sales, imports) = inspect(&dir);
        assert_eq!(check, "ok");
        match (sales, imports) {
            (0, 0) => none += 1,
            (n, 1) if n == ROWS as i64 => all += 1,
            other => panic!("half an import is in the file: {other:?}"),
        }
    }
    println!("{RUNS} kills: {none} left nothing, {all} left the whole import (a full import took {full:?})");
}

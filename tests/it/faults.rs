//! IO faults: a disk that fills up under the app. The child logs sales under a file-size limit
//! (`ulimit -f`, the portable way to make writes fail without a special file system); the
//! write that does not fit is refused with a clear message, nothing already saved is lost or
//! damaged, and when the space is back the same process carries on.

use std::process::Command;

use regulars_core::DATABASE_FILE;

use crate::crash::{assert_whole, conn, shop};

#[test]
fn a_full_disk_is_refused_clearly_breaks_nothing_and_the_app_recovers() {
    let work = tempfile::tempdir().expect("dir");
    shop(work.path());
    let size = std::fs::metadata(work.path().join(DATABASE_FILE)).expect("file").len();
    // Room for the file as it is and some 256 KiB more in any one file (the write-ahead log
    // included); `ulimit -f` counts 512-byte blocks. SIGXFSZ is ignored so that a write past
    // the limit fails (EFBIG) instead of killing the process.
    let blocks = (size + 256 * 1024) / 512;
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!("trap '' XFSZ; ulimit -S -f {blocks}; exec \"$0\" \"$1\" fill"))
        .arg(env!("CARGO_BIN_EXE_regulars-crash-child"))
        .arg(work.path())
        .output()
        .expect("run the child");
    let printed = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "the child did not carry on: {}\n{printed}", String::from_utf8_lossy(&output.stderr));
    let refused = printed.lines().find(|l| l.starts_with("refused ")).expect("a write was refused");
    assert!(refused.contains("the disk is full; nothing was saved"), "{refused}");
    assert!(printed.lines().any(|l| l == "recovered"), "{printed}");

    assert_whole(work.path());
    let conn = conn(work.path());
    let reported: Vec<(i64, i64)> = printed
        .lines()
        .filter(|l| l.starts_with("sale "))
        .map(|l| {
            let parts: Vec<i64> = l.split(' ').skip(1).map(|p| p.parse().expect("number")).collect();
            (parts[0], parts[1])
        })
        .collect();
    assert!(reported.len() > 2, "some sales fitted before the disk filled: {printed}");
    for (id, amount) in &reported {
        let stored: i64 =
            conn.query_row("SELECT amount_minor FROM sale WHERE id = ?1", [id], |r| r.get(0)).expect("a reported sale is there");
        assert_eq!(stored, *amount);
    }
    let stored: i64 = conn.query_row("SELECT count(*) FROM sale", [], |r| r.get(0)).expect("count");
    assert_eq!(stored as usize, reported.len(), "the refused sale is not half there");
    println!(
        "disk filled after {} sales; the next was refused with: {refused}; after space returned one more was saved; integrity ok",
        reported.len() - 1
    );
}

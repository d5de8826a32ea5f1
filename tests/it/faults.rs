//! IO faults: a disk that fills up under the app, and a data folder it may not write. The child logs sales under a file-size limit
//! (`ulimit -f`, the portable way to make writes fail without a special file system); the
//! write that does not fit is refused with a clear message, nothing already saved is lost or
//! damaged, and when the space is back the same process carries on.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

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

/// A data folder made read-only (by an administrator, a locked-down shared computer, a backup
/// disk): the shop is refused with a message that names the folder and what to do, the file is
/// not touched, and once the folder is writable again the same running process opens it.
///
/// Permissions mean nothing to root, so when the tests run as root (CI) the child runs as the
/// unprivileged `nobody` (uid 65534), owning the shop, as an owner's account would.
#[cfg(unix)]
#[test]
fn a_read_only_data_folder_is_refused_clearly_untouched_and_opened_once_writable() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;

    let work = tempfile::tempdir().expect("dir");
    let folder = work.path().join("shop");
    std::fs::create_dir(&folder).expect("folder");
    shop(&folder);
    let file = folder.join(DATABASE_FILE);
    // The child is copied beside the shop so that `nobody` may run it wherever the build is.
    let child = work.path().join("child");
    std::fs::copy(env!("CARGO_BIN_EXE_regulars-crash-child"), &child).expect("copy the child");
    let as_root = running_as_root();
    let set_mode = |path: &std::path::Path, mode: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
    };
    set_mode(work.path(), 0o755);
    if as_root {
        for path in [&folder, &file] {
            std::os::unix::fs::chown(path, Some(65534), Some(65534)).expect("chown to nobody");
        }
    }
    let before = std::fs::read(&file).expect("read");
    set_mode(&file, 0o444);
    set_mode(&folder, 0o555);

    let mut command = Command::new(&child);
    command.arg(&folder).arg("readonly").stdin(Stdio::piped()).stdout(Stdio::piped());
    if as_root {
        command.uid(65534).gid(65534);
    }
    let mut running = command.spawn().expect("start the child");
    let mut lines = BufReader::new(running.stdout.take().expect("stdout")).lines();
    let first = lines.next().expect("a line").expect("text");
    assert!(first.starts_with("refused "), "the shop opened in a read-only folder: {first}");
    assert!(first.contains("may not write in") && first.contains(&folder.display().to_string()), "{first}");
    assert!(first.contains("--data-dir"), "says what to do: {first}");
    assert_eq!(std::fs::read(&file).expect("read"), before, "the file was not touched");
    for sidecar in regulars_store::sidecar_files(&file) {
        assert!(!sidecar.exists(), "nothing was created beside it: {}", sidecar.display());
    }

    // The folder is writable again: the same process opens the shop and saves.
    set_mode(&folder, 0o755);
    set_mode(&file, 0o644);
    running.stdin.take().expect("stdin").write_all(b"go\n").expect("tell the child");
    let rest: Vec<String> = lines.map(|l| l.expect("text")).collect();
    let status = running.wait().expect("wait");
    assert!(status.success(), "the child did not recover: {rest:?}");
    assert_eq!(rest.last().map(String::as_str), Some("recovered"), "{rest:?}");
    let id: i64 = rest[0].split(' ').nth(1).expect("id").parse().expect("number");
    let stored: i64 = conn(&folder).query_row("SELECT amount_minor FROM sale WHERE id = ?1", [id], |r| r.get(0)).expect("saved");
    assert_eq!(stored, 725);
    assert_whole(&folder);
    println!(
        "read-only folder refused with: {first}; file unchanged; opened and saved once writable{}",
        if as_root { " (child ran as nobody)" } else { "" }
    );
}

/// Whether this process runs as root (uid 0), read from /proc so no extra crate is needed.
#[cfg(unix)]
fn running_as_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| status.lines().find(|l| l.starts_with("Uid:")).map(|l| l.split_whitespace().nth(1) == Some("0")))
        .unwrap_or(false)
}

//! Windows, from a Debian machine: the Rust crates cross-built with mingw-w64 and tested under
//! Wine; the app and the command line built for Windows and packed into an installer by
//! makensis from our own script (`src-tauri/windows/installer.nsi`). Everything comes from
//! Debian's packages and rustup; nothing is downloaded from elsewhere.
//!
//! Wine runs in a prefix of its own under `target/wine`, as a user whose name has a space and
//! letters beyond ASCII, so every test's data folder (`C:\users\José Müller\Temp\...`) has both.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::{Result, cargo, check, root, setup};

/// The Windows target: the GNU ABI, which Debian's mingw-w64 links.
pub const TARGET: &str = "x86_64-pc-windows-gnu";

/// The Windows user the tests run as.
const WINE_USER: &str = "José Müller";

/// The locale Wine starts with: the Windows user's region and language.
const WINE_LANG: &str = "de_DE.UTF-8";

/// The cross compilers, Wine (64-bit only: Regulars and its installer are 64-bit) and makensis.
/// `locales`: Wine reads file names in the host's charset, so the German locale it starts
/// with must exist on the host, or `José Müller`'s folders cannot be found.
const PACKAGES: &[&str] = &["gcc-mingw-w64-x86-64", "g++-mingw-w64-x86-64", "wine64", "nsis", "locales"];

/// Installs what cross-building and Wine need, and the Rust target.
pub fn setup() -> Result {
    if !cfg!(target_os = "linux") {
        return Err(
            "building for Windows from here needs Linux with mingw-w64 and Wine; on Windows, use `cargo xtask test` and `cargo xtask dist`"
                .to_owned(),
        );
    }
    if setup::is_debian_like() {
        setup::debian_packages(PACKAGES)?;
    } else {
        println!("setup: not Debian/Ubuntu; install mingw-w64 (gcc and g++), 64-bit Wine and NSIS yourself");
    }
    // Without the host locale Wine falls back to ASCII file names and cannot reach
    // `C:\users\José Müller`.
    let locales = Command::new("locale").arg("-a").output().map(|o| String::from_utf8_lossy(&o.stdout).into_owned()).unwrap_or_default();
    if !locales.lines().any(|l| l.eq_ignore_ascii_case("de_DE.utf8")) {
        println!("setup: localedef -i de_DE -f UTF-8 {WINE_LANG}");
        check(setup::as_root("localedef")?.args(["-i", "de_DE", "-f", "UTF-8", WINE_LANG]))?;
    }
    let installed =
        Command::new("rustup").args(["target", "list", "--installed"]).output().map_err(|e| format!("cannot run rustup: {e}"))?;
    if !String::from_utf8_lossy(&installed.stdout).lines().any(|t| t.trim() == TARGET) {
        println!("setup: rustup target add {TARGET}");
        check(Command::new("rustup").args(["target", "add", TARGET]))?;
    }
    Ok(())
}

/// Debian puts `wine64` in /usr/lib/wine without the `wine` package's launcher on PATH.
fn wine() -> PathBuf {
    let on_path = Command::new("wine64").arg("--version").output().is_ok_and(|o| o.status.success());
    if on_path { PathBuf::from("wine64") } else { PathBuf::from("/usr/lib/wine/wine64") }
}

/// The environment every Wine run gets: its own prefix, quiet, and the stand-in DLL preferred
/// over Wine's own.
fn wine_env(command: &mut Command, prefix: &Path) {
    command
        .env("WINEPREFIX", prefix)
        .env("WINEDEBUG", "-all")
        .env("WINEDLLOVERRIDES", "bcryptprimitives=n,b;mscoree,mshtml=")
        .env("USER", WINE_USER)
        .env("LOGNAME", WINE_USER)
        // A shop in Germany: Wine takes the Windows region from the LANG it starts with, and
        // the region test expects its currency.
        .env("LANG", WINE_LANG)
        .env("LC_ALL", WINE_LANG)
        .env("REGULARS_EXPECT_CURRENCY", "EUR");
}

/// One wineserver kept running for the prefix while it lives, killed when dropped.
///
/// Left to itself, Wine starts a server with the first program and stops it a few seconds
/// after the last one ends; cargo starts each test binary under Wine right after the one
/// before, and a binary that connects while the server is stopping dies before its first test
/// with `wine client error:0: recvmsg: Connection reset by peer` (a CI run was lost that way).
/// With the server kept, no binary ever meets a server on its way out.
pub struct Server {
    prefix: PathBuf,
}

impl Server {
    pub fn start() -> Result<Server> {
        let prefix = prefix()?;
        // `-p` with no delay: persistent until killed. It detaches once it listens. It exits
        // with 2 while another server holds the prefix: the one the last program started,
        // which Wine keeps a few seconds after it ends (`wineboot --init` of a fresh prefix has
        // just run), or a persistent one a stopped run left behind. The first is waited for
        // (up to 10 s); the second is asked to end.
        let start = || server_command(&prefix, "-p").status().map_err(|e| format!("cannot run {}: {e}", wineserver().display()));
        let mut started = start()?;
        for _ in 0..20 {
            if started.code() != Some(2) {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(500));
            started = start()?;
        }
        if started.code() == Some(2) {
            let _ = server_command(&prefix, "-k").status();
            check(&mut server_command(&prefix, "-w"))?;
            started = start()?;
        }
        if !started.success() {
            return Err(format!("{} -p failed ({started})", wineserver().display()));
        }
        // The prefix's services start with the first program and live as long as the server.
        // Started here, they hold no one's output: started by a test binary, they would hold
        // the pipe cargo's output is read from, and the reading would never end.
        let mut boot = Command::new(wine());
        boot.arg("wineboot").stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
        wine_env(&mut boot, &prefix);
        check(&mut boot)?;
        Ok(Server { prefix })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = server_command(&self.prefix, "-k").status();
    }
}

/// `wineserver <flag>` for the prefix. A server it starts must not hold our output open, or
/// whatever reads our output would wait for it.
fn server_command(prefix: &Path, flag: &str) -> Command {
    let mut command = Command::new(wineserver());
    command.arg(flag).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
    wine_env(&mut command, prefix);
    command
}

/// Wine's server. Debian keeps it off PATH in /usr/lib/wine, like `wine64`, where
/// `wineserver` is a script that adds `-p0`; its 64-bit binary is called directly.
fn wineserver() -> PathBuf {
    let debian = Path::new("/usr/lib/wine/wineserver64");
    if debian.exists() { debian.to_path_buf() } else { PathBuf::from("wineserver") }
}

/// A Wine prefix under target/wine with the stand-in `bcryptprimitives.dll` in its system
/// folder: Rust's standard library asks that DLL for `ProcessPrng`, which Wine 8 lacks. A real
/// Windows has it; the stand-in is never shipped.
fn prefix() -> Result<PathBuf> {
    let prefix = root().join("target/wine/prefix");
    let system = prefix.join("drive_c/windows/system32");
    if !system.is_dir() {
        println!("setup: a Wine prefix in {} (about 10 s)", prefix.display());
        std::fs::create_dir_all(&prefix).map_err(|e| format!("cannot create {}: {e}", prefix.display()))?;
        let mut boot = Command::new(wine());
        boot.args(["wineboot", "--init"]);
        wine_env(&mut boot, &prefix);
        check(&mut boot)?;
    }
    let source = root().join("xtask/windows/bcryptprimitives.c");
    let dll = system.join("bcryptprimitives.dll");
    if crate::setup::is_older(&dll, &source) {
        check(Command::new("x86_64-w64-mingw32-gcc").args(["-shared", "-O2", "-o"]).arg(&dll).arg(&source).arg("-lbcrypt"))?;
    }
    Ok(prefix)
}

/// Runs `exe` (a Windows program) under Wine with `args`.
fn run_in_wine(prefix: &Path, exe: &Path, args: &[&str]) -> Result<String> {
    let mut command = Command::new(wine());
    command.arg(exe).args(args);
    wine_env(&mut command, prefix);
    let output = command.output().map_err(|e| format!("cannot run wine: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "{} {} failed ({}): {}",
            exe.display(),
            args.join(" "),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The crates whose tests run under Wine: all but the window (no WebView2 under Wine), its
/// end-to-end tests and this tool.
pub fn test_command() -> Result<Command> {
    setup()?;
    let prefix = prefix()?;
    let mut command = cargo();
    command.args([
        "test",
        "--target",
        TARGET,
        "--workspace",
        "--exclude",
        "regulars-app",
        "--exclude",
        "regulars-e2e",
        "--exclude",
        "xtask",
    ]);
    command.args(["--no-fail-fast", "--color", "never"]);
    // Cargo runs each test binary (and so each process it starts) through Wine.
    command.env(format!("CARGO_TARGET_{}_RUNNER", TARGET.to_uppercase().replace('-', "_")), wine());
    // The build scripts see the Windows user's name too; none of them reads it. Wine must run
    // as the user the prefix was made for: as another, OpenSSL's random source fails.
    wine_env(&mut command, &prefix);
    Ok(command)
}

/// The app's import worker (`src-tauri/tests/worker.rs`): the app's own binary started with
/// `--import-worker` opens no window, so its tests run under Wine, where the window cannot. The
/// test binary links the app's library, which needs WebView2's loader DLL beside it to start;
/// the build puts the DLL beside the app only, so it is copied next to the test binaries.
/// After [`test_command`], which installs what Wine and the cross build need.
pub fn worker_test_command() -> Result<Command> {
    let prefix = prefix()?;
    let build = |command: &mut Command| {
        command.args(["test", "--target", TARGET, "--package", "regulars-app", "--test", "worker", "--color", "never"]);
    };
    let mut compile = cargo();
    build(&mut compile);
    check(compile.arg("--no-run"))?;
    let debug = root().join("target").join(TARGET).join("debug");
    let dll = "WebView2Loader.dll";
    std::fs::copy(debug.join(dll), debug.join("deps").join(dll)).map_err(|e| format!("cannot copy {dll} beside the tests: {e}"))?;
    let mut command = cargo();
    build(&mut command);
    command.env(format!("CARGO_TARGET_{}_RUNNER", TARGET.to_uppercase().replace('-', "_")), wine());
    wine_env(&mut command, &prefix);
    Ok(command)
}

/// The same CSV imported by the Linux and the Windows command line (under Wine) into fresh
/// shops gives byte-identical `metrics --json`: the file is a generated shop's own sales export,
/// about 3,000 sales of 300 customers. Returns how many bytes were compared.
pub fn identical_metrics() -> Result<usize> {
    let prefix = prefix()?;
    check(cargo().args(["build", "--quiet", "--package", "regulars-cli"]))?;
    let linux = root().join("target/debug/regulars-cli");
    let windows = root().join("target").join(TARGET).join("debug/regulars-cli.exe");
    let work = root().join("target/wine/metrics");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).map_err(|e| format!("cannot create {}: {e}", work.display()))?;
    let as_of = ["--as-of", "2026-11-23"];
    let run_linux = |dir: &Path, args: &[&str]| -> Result<String> {
        let output = Command::new(&linux).arg("--data-dir").arg(dir).args(args).args(as_of).output().map_err(|e| e.to_string())?;
        if !output.status.success() {
            return Err(format!("regulars-cli {}: {}", args.join(" "), String::from_utf8_lossy(&output.stderr)));
        }
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    };
    let source = work.join("source");
    run_linux(&source, &["setup", "--name", "Same shop", "--currency", "EUR"])?;
    run_linux(&source, &["sample", "--customers", "300", "--sales", "3000", "--seed", "7"])?;
    run_linux(&source, &["export", "--out", &work.join("files").to_string_lossy()])?;
    let csv = work.join("files/sales.csv");
    let on_linux = work.join("linux");
    run_linux(&on_linux, &["setup", "--name", "Same shop", "--currency", "EUR"])?;
    run_linux(&on_linux, &["import", &csv.to_string_lossy()])?;
    let linux_json = run_linux(&on_linux, &["metrics", "--json"])?;
    // Wine sees the Linux file system as drive Z:.
    let z = |path: &Path| format!("Z:{}", path.display()).replace('/', "\\");
    let on_windows = z(&work.join("windows"));
    let win = |args: &[&str]| -> Result<String> {
        let mut all = vec!["--data-dir", on_windows.as_str()];
        all.extend(args);
        all.extend(as_of);
        run_in_wine(&prefix, &windows, &all)
    };
    win(&["setup", "--name", "Same shop", "--currency", "EUR"])?;
    win(&["import", &z(&csv)])?;
    let windows_json = win(&["metrics", "--json"])?;
    if windows_json != linux_json {
        std::fs::write(work.join("linux.json"), &linux_json).map_err(|e| e.to_string())?;
        std::fs::write(work.join("windows.json"), &windows_json).map_err(|e| e.to_string())?;
        return Err(format!("metrics --json differs between Linux and Windows: see {}", work.display()));
    }
    Ok(linux_json.len())
}

/// The version in tauri.conf.json, which the installer and its file name carry.
fn app_version() -> Result<String> {
    let conf =
        std::fs::read_to_string(root().join("src-tauri/tauri.conf.json")).map_err(|e| format!("cannot read tauri.conf.json: {e}"))?;
    let at = conf.find("\"version\"").ok_or("tauri.conf.json has no version")?;
    let value = conf[at + "\"version\"".len()..].split('"').nth(1).ok_or("tauri.conf.json's version is not a string")?;
    Ok(value.to_owned())
}

/// `cargo xtask dist --windows [--smoke]`: the app and the command line built for Windows, an
/// installer made by makensis; `--smoke` installs it silently under Wine, runs the installed
/// command line, uninstalls it and checks what is left.
pub fn dist(smoke: bool) -> Result {
    setup()?;
    setup::ui()?;
    check(setup::tauri_cli().args(["build", "--target", TARGET, "--no-bundle"]))?;
    check(cargo().args(["build", "--release", "--target", TARGET, "--package", "regulars-cli"]))?;
    let bin = root().join("target").join(TARGET).join("release");
    let version = app_version()?;
    let out_dir = bin.join("bundle/nsis");
    std::fs::create_dir_all(&out_dir).map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    let installer = out_dir.join(format!("Regulars_{version}_x64-setup.exe"));
    let mut makensis = Command::new("makensis");
    makensis.args(["-V2", "-NOCD"]);
    makensis.arg(format!("-DVERSION={version}"));
    makensis.arg(format!("-DBIN={}", bin.display()));
    makensis.arg(format!("-DICON={}", root().join("icons/icon.ico").display()));
    makensis.arg(format!("-DOUTFILE={}", installer.display()));
    // With the GNU target, the web view's loader is a DLL beside the program, not linked in.
    if bin.join("WebView2Loader.dll").is_file() {
        makensis.arg("-DWEBVIEW2_LOADER");
    }
    makensis.arg(root().join("src-tauri/windows/installer.nsi"));
    check(&mut makensis)?;
    println!("built {}", installer.display());
    if smoke {
        smoke_test(&installer)?;
    }
    Ok(())
}

/// Installs silently under Wine, checks the files and the Start-menu entry, runs the installed
/// command line on a shop, then uninstalls: the program goes, the shop stays; with
/// `/DELETEDATA` the shop goes too.
fn smoke_test(installer: &Path) -> Result {
    let prefix = prefix()?;
    let user = prefix.join("drive_c/users").join(WINE_USER);
    let program = user.join("AppData/Local/Programs/Regulars");
    let shortcut = user.join("AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Regulars.lnk");
    let data = user.join("AppData/Roaming/Regulars");
    let _ = std::fs::remove_dir_all(&program);
    let _ = std::fs::remove_dir_all(&data);
    println!("smoke: installing {} silently under Wine", installer.display());
    run_in_wine(&prefix, installer, &["/S"])?;
    for file in ["regulars.exe", "regulars-cli.exe", "uninstall.exe"] {
        if !program.join(file).is_file() {
            return Err(format!("the installer did not put {file} in {}", program.display()));
        }
    }
    if !shortcut.is_file() {
        return Err(format!("the installer made no Start-menu entry ({})", shortcut.display()));
    }
    let cli = program.join("regulars-cli.exe");
    run_in_wine(&prefix, &cli, &["setup", "--name", "Smoke shop", "--currency", "EUR"])?;
    run_in_wine(&prefix, &cli, &["sample", "--customers", "20", "--sales", "60", "--seed", "3"])?;
    let shop = data.join("Regulars/data/regulars.sqlite3");
    if !shop.is_file() {
        return Err(format!("the installed command line did not make the shop in the Windows data folder ({})", shop.display()));
    }
    println!("smoke: the installed regulars-cli.exe made a shop at %APPDATA%\\Regulars\\Regulars\\data");
    uninstall(&prefix, &program, &[])?;
    if !shop.is_file() {
        return Err("uninstalling removed the shop; it must stay unless the owner asks".to_owned());
    }
    run_in_wine(&prefix, installer, &["/S"])?;
    uninstall(&prefix, &program, &["/DELETEDATA"])?;
    if data.exists() {
        return Err(format!("uninstalling with /DELETEDATA left {}", data.display()));
    }
    println!("smoke: uninstalled; the shop stayed, and went with /DELETEDATA");
    Ok(())
}

/// Runs the installed uninstaller silently and waits for the program folder to go (NSIS's
/// uninstaller runs from a copy of itself, so its own process ends first).
fn uninstall(prefix: &Path, program: &Path, args: &[&str]) -> Result {
    let mut all = vec!["/S"];
    all.extend(args);
    run_in_wine(prefix, &program.join("uninstall.exe"), &all)?;
    for _ in 0..100 {
        if !program.exists() {
            return Ok(());
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    Err(format!("uninstalling left {}", program.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh prefix is made by `wineboot --init`, and Wine keeps the server that program
    /// started for a few seconds after it ends: the suite's own server must start then too (a
    /// clean CI machine's first Windows run failed there, `wineserver64 -p` exiting 2).
    #[test]
    #[ignore = "needs Wine: `cargo xtask test --windows` runs it"]
    fn the_suites_server_starts_while_the_last_programs_server_is_still_ending() {
        let prefix = prefix().unwrap();
        // Waited for by its status, as `prefix()` waits for `wineboot`: its output would be
        // held open by the server it leaves running.
        let mut program = Command::new(wine());
        program.args(["cmd", "/c", "exit"]);
        wine_env(&mut program, &prefix);
        check(&mut program).unwrap();
        let server = Server::start();
        assert!(server.is_ok(), "{:?}", server.err());
        // Persistent: a program started after Wine's usual few seconds still finds it.
        std::thread::sleep(std::time::Duration::from_secs(5));
        let again = server_command(&prefix, "-p").status().unwrap();
        assert_eq!(again.code(), Some(2), "no server holds the prefix any more");
    }
}

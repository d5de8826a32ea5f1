//! `cargo xtask`: the two commands of the README and the project's other chores.
//!
//! - `run [-- APP ARGS]`: set up what this machine lacks, build the UI, start the app.
//! - `test`: the same set-up, then every suite (Rust, UI, end-to-end), one summary line each.
//!   `--windows`: the Rust crates built for Windows and their tests run under Wine (Linux).
//! - `screenshot [--out DIR]`: the main screens of a generated shop, as PNGs.
//! - `bench [--huge] [--only PART]`: the benchmarks, in release mode, with the peers (sqlite3, pandas,
//!   DuckDB), the app's start-up and its memory around a 1M-row import; writes BENCHMARKS.md
//!   and BENCHMARKS.json.
//! - `bindings`: regenerate `ui/src/lib/bindings.ts` from the Rust IPC types.
//! - `icons`: every icon size the bundlers ask for, from `icons/source.png`.
//! - `fuzz [--seconds N]`: each cargo-fuzz target for N seconds from the committed seeds.
//! - `sizes [--root DIR] [--top N]`: the largest source files and Rust functions, in lines.
//! - `dist [--smoke]`: release bundles (.deb and .rpm here); `--smoke` installs the .deb,
//!   starts it under a display, takes a screenshot and uninstalls it. `--windows`: the
//!   Windows installer, cross-built (Linux); with `--smoke`, installed and removed under Wine.
//!
//! Where things are: `cargo xtask run | test [--windows] | screenshot | bench [--huge] [--only PART] | bindings |
//! icons | dist [--windows] [--smoke] | fuzz [--seconds N]`; standard library only. `bench` also
//! prepares the pandas/DuckDB venv and runs the start-up measurement (`tests/e2e/startup.rs`);
//! `dist` calls the Tauri CLI from `ui/node_modules` and, with `--smoke`, installs and launches the
//! `.deb`. `--windows` (`xtask/src/windows.rs`): cross-builds with mingw-w64, runs the tests under
//! Wine in `target/wine` as the user `José Müller` with a stand-in `bcryptprimitives.dll`
//! (`xtask/windows/`), and packs the installer from `src-tauri/windows/installer.nsi` with
//! makensis.

mod dist;
mod fuzz;
mod setup;
mod sizes;
mod suites;
mod windows;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (task, rest) = args.split_first().map(|(t, r)| (t.as_str(), r)).unwrap_or(("help", &[]));
    let result = match task {
        "run" => run(rest),
        "test" if rest.iter().any(|a| a == "--windows") => suites::test_windows(),
        "test" => suites::test_all(),
        "screenshot" => screenshot(rest),
        "bench" => bench(rest),
        "bindings" => bindings(),
        "icons" => dist::icons(),
        "dist" if rest.iter().any(|a| a == "--windows") => windows::dist(rest.iter().any(|a| a == "--smoke")),
        "dist" => dist::dist(rest),
        "fuzz" => fuzz::fuzz(rest),
        "sizes" => sizes::sizes(rest),
        _ => {
            eprintln!(
                "usage: cargo xtask <run [--sample] [-- APP ARGS] | test [--windows] | screenshot [--out DIR] | bench [--huge] [--only small|large|import] | bindings | icons | dist [--windows] [--smoke] | fuzz [--seconds N] | sizes [--root DIR] [--top N]>"
            );
            return if task == "help" || task == "--help" { ExitCode::SUCCESS } else { ExitCode::FAILURE };
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

pub type Result<T = ()> = std::result::Result<T, String>;

/// The workspace root (the parent of this crate).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."))
}

/// `cargo` as Cargo itself was invoked, so toolchain overrides carry through.
pub fn cargo() -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.current_dir(root());
    command
}

/// Runs a command to completion, failing with its description when it fails.
pub fn check(command: &mut Command) -> Result {
    let status = command.status().map_err(|e| format!("cannot run {command:?}: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("{command:?} failed ({status})")) }
}

fn run(args: &[String]) -> Result {
    setup::system_packages(setup::Purpose::Run)?;
    setup::ui()?;
    let mut app_args: Vec<String> = args.iter().skip_while(|a| *a == "--").cloned().collect();
    // `--sample` alone opens the sample shop in a folder of its own under target/, so a
    // developer's look around never lands in their real data directory.
    if app_args.iter().any(|a| a == "--sample") && !app_args.iter().any(|a| a.starts_with("--data-dir")) {
        let dir = root().join("target/sample-shop");
        println!("Sample shop in {} (delete the folder for a fresh one)", dir.display());
        app_args.extend(["--data-dir".to_owned(), dir.to_string_lossy().into_owned()]);
    }
    println!("Starting Regulars (data in the OS data directory unless --data-dir is given)…");
    check(cargo().args(["run", "--package", "regulars-app", "--bin", "regulars", "--"]).args(app_args))
}

fn screenshot(args: &[String]) -> Result {
    let out = match args {
        [flag, dir] if flag == "--out" => PathBuf::from(dir),
        [] => root().join("docs/screenshots"),
        _ => return Err("usage: cargo xtask screenshot [--out DIR]".to_owned()),
    };
    setup::system_packages(setup::Purpose::Test)?;
    setup::ui()?;
    check(cargo().args(["build", "--package", "regulars-app", "--package", "regulars-cli"]))?;
    setup::tauri_driver()?;
    let data = std::env::temp_dir().join(format!("regulars-screenshots-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let cli = root().join("target/debug/regulars-cli");
    let data_arg = data.to_string_lossy().into_owned();
    check(Command::new(&cli).args(["--data-dir", &data_arg, "setup", "--name", "Maria's Bikes", "--currency", "EUR"]))?;
    check(Command::new(&cli).args(["--data-dir", &data_arg, "sample", "--customers", "120", "--sales", "900", "--seed", "7"]))?;
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let mut command = suites::with_display(&["cargo".into()]);
    command.current_dir(root()).args(["run", "--quiet", "--package", "regulars-e2e", "--bin", "regulars-screenshots", "--", "--data-dir"]);
    command.arg(&data).arg("--out").arg(&out);
    let result = check(&mut command);
    let _ = std::fs::remove_dir_all(&data);
    result?;
    println!("Screenshots are in {}", out.display());
    Ok(())
}

fn bench(args: &[String]) -> Result {
    let huge = args.iter().any(|a| a == "--huge");
    // `--only import` (or a size): that part alone, for a quick look; BENCHMARKS.md stays.
    let only = args.iter().position(|a| a == "--only").and_then(|i| args.get(i + 1));
    let dir = root().join("target/bench");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    // Without it the import is still measured, and the comparison says it was skipped.
    if let Err(error) = setup::system_packages(setup::Purpose::Bench) {
        println!("bench: no sqlite3 shell ({error})");
    }
    // The import is measured in regulars-cli's own process, for its peak memory.
    check(cargo().args(["build", "--release", "--package", "regulars-cli"]))?;
    let cli = root().join("target/release").join(format!("regulars-cli{}", std::env::consts::EXE_SUFFIX));
    if let Some(only) = only {
        let mut command = cargo();
        command.args(["bench", "--package", "regulars-core", "--bench", "shop", "--", "--only", only]);
        return check(command.env("REGULARS_BENCH_DIR", &dir).env("REGULARS_BENCH_CLI", &cli));
    }
    let python = match peers_python(&dir) {
        Ok(python) => Some(python),
        Err(why) => {
            println!("bench: pandas and DuckDB skipped ({why})");
            None
        }
    };
    let startup = dir.join("startup.json");
    let _ = std::fs::remove_file(&startup);
    if let Err(why) = measure_startup(&dir, &startup) {
        println!("bench: app start-up skipped ({why})");
        let note = format!("{{\"skipped\": {:?}}}\n", why);
        std::fs::write(&startup, note).map_err(|e| format!("cannot write {}: {e}", startup.display()))?;
    }
    let import_rss = dir.join("import_rss.json");
    let _ = std::fs::remove_file(&import_rss);
    if let Err(why) = measure_import_rss(&import_rss) {
        println!("bench: the app's memory around an import skipped ({why})");
        let note = format!("{{\"skipped\": {:?}}}\n", why);
        std::fs::write(&import_rss, note).map_err(|e| format!("cannot write {}: {e}", import_rss.display()))?;
    }
    let mut command = cargo();
    command
        .args(["bench", "--package", "regulars-core", "--bench", "shop", "--"])
        .env("REGULARS_BENCH_DIR", &dir)
        .env("REGULARS_BENCH_CLI", &cli);
    if huge {
        command.arg("--huge");
    }
    if let Some(python) = python {
        command.env("REGULARS_BENCH_PYTHON", python);
    }
    check(&mut command)
}

/// A Python with pandas and DuckDB, in a virtual environment under `target/bench` (installed
/// from PyPI the first time).
fn peers_python(dir: &Path) -> Result<PathBuf> {
    let venv = dir.join("venv");
    let python = venv.join(if cfg!(windows) { "Scripts/python.exe" } else { "bin/python" });
    let ready = |python: &Path| Command::new(python).args(["-c", "import pandas, duckdb"]).output().is_ok_and(|o| o.status.success());
    if ready(&python) {
        return Ok(python);
    }
    let system = if cfg!(windows) { "python" } else { "python3" };
    check(Command::new(system).args(["-m", "venv"]).arg(&venv))?;
    check(Command::new(&python).args(["-m", "pip", "install", "--quiet", "pandas", "duckdb"]))?;
    if ready(&python) { Ok(python) } else { Err("pandas and duckdb did not import after installing".to_owned()) }
}

/// The release app's start-up and memory on a shop of 100,000 customers and 1,000,000 sales,
/// measured through WebDriver under a display (Xvfb when there is none).
fn measure_startup(dir: &Path, out: &Path) -> Result {
    setup::system_packages(setup::Purpose::Test)?;
    setup::ui()?;
    // Both binaries: `--bin regulars` would filter regulars-cli's out (it has no bin of that name).
    check(cargo().args(["build", "--release", "--package", "regulars-app", "--package", "regulars-cli", "--bins"]))?;
    setup::tauri_driver()?;
    let shop = dir.join("large-shop");
    if !shop.join(regulars_database_file()).exists() {
        let cli = root().join("target/release/regulars-cli");
        let data = shop.to_string_lossy().into_owned();
        let _ = std::fs::remove_dir_all(&shop);
        check(Command::new(&cli).args(["--data-dir", &data, "setup", "--name", "Bench shop", "--currency", "EUR"]))?;
        println!("bench: generating the large shop for the start-up measurement (about 30 s)");
        check(Command::new(&cli).args(["--data-dir", &data, "sample", "--customers", "100000", "--sales", "1000000", "--seed", "42"]))?;
    }
    let mut command = suites::with_display(&["cargo".into()]);
    command
        .current_dir(root())
        .env("REGULARS_APP", root().join("target/release/regulars"))
        .env("TAURI_DRIVER", setup::tauri_driver_path())
        .args(["run", "--quiet", "--package", "regulars-e2e", "--bin", "regulars-startup", "--", "--data-dir"])
        .arg(&shop)
        .arg("--out")
        .arg(out);
    check(&mut command)
}

/// The app's own memory around the import of a 1M-row file through its window. The debug app:
/// only its file dialog has a stand-in a test can drive.
fn measure_import_rss(out: &Path) -> Result {
    check(cargo().args(["build", "--package", "regulars-app", "--bin", "regulars"]))?;
    let mut command = suites::with_display(&["cargo".into()]);
    command
        .current_dir(root())
        .env("REGULARS_APP", root().join("target/debug/regulars"))
        .env("TAURI_DRIVER", setup::tauri_driver_path())
        .args(["run", "--quiet", "--package", "regulars-e2e", "--bin", "regulars-import-rss", "--", "--rows", "1000000", "--out"])
        .arg(out);
    check(&mut command)
}

/// The shop file's name (as the store names it).
fn regulars_database_file() -> &'static str {
    "regulars.sqlite3"
}

fn bindings() -> Result {
    check(cargo().env("REGULARS_BLESS", "1").args(["test", "--package", "regulars-app", "--lib", "typescript_bindings"]))?;
    println!("ui/src/lib/bindings.ts is up to date");
    Ok(())
}

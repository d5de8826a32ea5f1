//! Bringing a machine up to what Regulars needs: system packages (Debian/Ubuntu, with apt-get),
//! the UI's npm packages from the committed lockfile, the UI build, and tauri-driver.

use std::path::Path;
use std::process::Command;

use crate::{Result, check, root};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Run,
    Test,
    /// The `sqlite3` shell, the import benchmark's yardstick.
    Bench,
    /// Installing the built .deb and taking a screenshot of it.
    Smoke,
}

/// What Tauri 2 needs to build and run on Debian/Ubuntu.
const RUN_PACKAGES: &[&str] = &[
    "libwebkit2gtk-4.1-dev",
    "build-essential",
    "curl",
    "wget",
    "file",
    "libxdo-dev",
    "libssl-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
    "pkg-config",
];

/// What the end-to-end tests and screenshots add: a virtual display, WebKit's WebDriver, a
/// session bus for the single-instance guard, and a fixed font.
const TEST_PACKAGES: &[&str] = &["xvfb", "xauth", "webkit2gtk-driver", "dbus", "fonts-dejavu-core", "procps"];

/// Installs the missing system packages on Debian/Ubuntu; elsewhere says what is needed.
pub fn system_packages(purpose: Purpose) -> Result {
    if !cfg!(target_os = "linux") {
        if cfg!(target_os = "macos") {
            println!("setup: macOS needs the Xcode command-line tools (xcode-select --install); nothing else to install.");
        } else if cfg!(windows) {
            println!("setup: Windows needs the Microsoft C++ Build Tools and WebView2 (preinstalled on Windows 10/11).");
        }
        return Ok(());
    }
    if !is_debian_like() {
        println!(
            "setup: not Debian/Ubuntu; install the Tauri 2 prerequisites for your distribution (https://tauri.app/start/prerequisites/)."
        );
        return Ok(());
    }
    let wanted: Vec<&str> = match purpose {
        Purpose::Run => RUN_PACKAGES.to_vec(),
        Purpose::Test => RUN_PACKAGES.iter().chain(TEST_PACKAGES).copied().collect(),
        Purpose::Bench => vec!["sqlite3"],
        Purpose::Smoke => TEST_PACKAGES.iter().chain(&["imagemagick", "x11-utils"]).copied().collect(),
    };
    debian_packages(&wanted)
}

/// Installs those of `wanted` that are missing, with apt-get (directly as root, else through
/// sudo), after saying which.
pub fn debian_packages(wanted: &[&str]) -> Result {
    let missing: Vec<&str> = wanted.iter().copied().filter(|p| !dpkg_installed(p)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    println!("setup: installing system packages: {}", missing.join(" "));
    let apt = |args: &[&str]| -> Result<Command> {
        let mut command = as_root("apt-get").map_err(|why| format!("{why}; as root run: apt-get install {}", missing.join(" ")))?;
        command.env("DEBIAN_FRONTEND", "noninteractive").args(args);
        Ok(command)
    };
    check(&mut apt(&["update", "-q"])?)?;
    check(apt(&["install", "-y", "-q", "--no-install-recommends"])?.args(&missing))
}

/// `program` run as root: directly when this is root, else through sudo.
pub fn as_root(program: &str) -> Result<Command> {
    let is_root = Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    if is_root {
        return Ok(Command::new(program));
    }
    if Command::new("sudo").arg("--version").output().is_err() {
        return Err(format!("{program} needs root and there is no sudo"));
    }
    let mut sudo = Command::new("sudo");
    sudo.arg(program);
    Ok(sudo)
}

pub fn is_debian_like() -> bool {
    let release = std::fs::read_to_string("/etc/os-release").unwrap_or_default();
    release
        .lines()
        .any(|line| (line.starts_with("ID=") || line.starts_with("ID_LIKE=")) && (line.contains("debian") || line.contains("ubuntu")))
}

fn dpkg_installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
        .unwrap_or(false)
}

/// `npm` (or `npm.cmd` on Windows).
pub fn npm() -> Command {
    let mut command = Command::new(if cfg!(windows) { "npm.cmd" } else { "npm" });
    command.current_dir(root().join("ui"));
    command
}

/// Installs the UI's packages (the Tauri CLI among them) when the lockfile changed or none
/// are installed.
pub fn npm_packages() -> Result {
    let ui = root().join("ui");
    if npm().arg("--version").output().is_err() {
        return Err("Node.js (20.19 or newer) with npm is needed to build the UI: see the README's prerequisites".to_owned());
    }
    let stamp = ui.join("node_modules/.package-lock.json");
    if is_older(&stamp, &ui.join("package-lock.json")) {
        println!("setup: npm ci (ui/)");
        check(npm().args(["ci", "--no-audit", "--no-fund"]))?;
    }
    Ok(())
}

/// Installs the UI's packages if needed, then builds it.
pub fn ui() -> Result {
    npm_packages()?;
    println!("setup: building the UI");
    check(npm().args(["run", "--silent", "build"]))
}

/// The Tauri CLI (`@tauri-apps/cli`, a dev dependency of the UI), run from the repository root.
pub fn tauri_cli() -> Command {
    let bin = root().join("ui/node_modules/.bin").join(if cfg!(windows) { "tauri.cmd" } else { "tauri" });
    let mut command = Command::new(bin);
    command.current_dir(root());
    command
}

/// Whether `path` is missing or older than `than`.
pub fn is_older(path: &Path, than: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    match (modified(path), modified(than)) {
        (Some(a), Some(b)) => a < b,
        _ => true,
    }
}

/// Installs tauri-driver with cargo when it is not there yet.
pub fn tauri_driver() -> Result {
    let installed = Command::new(tauri_driver_path()).arg("--help").output().is_ok();
    if installed {
        return Ok(());
    }
    println!("setup: cargo install tauri-driver --locked");
    check(crate::cargo().args(["install", "tauri-driver", "--locked"]))
}

pub fn tauri_driver_path() -> std::path::PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".cargo")));
    match home.map(|h| h.join("bin").join(if cfg!(windows) { "tauri-driver.exe" } else { "tauri-driver" })) {
        Some(path) if path.exists() => path,
        _ => "tauri-driver".into(),
    }
}

//! Release bundles with the Tauri bundler, the icon set they need, and a smoke test of the
//! Linux package.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{Result, check, root, setup, suites};

/// Every icon the bundlers ask for (Linux, Windows .ico, macOS .icns, the Windows Store
/// sizes), generated from the one source image by the Tauri CLI.
pub fn icons() -> Result {
    setup::npm_packages()?;
    let icons = root().join("icons");
    check(setup::tauri_cli().arg("icon").arg(icons.join("source.png")).arg("--output").arg(&icons))?;
    // Regulars is a desktop app: the mobile sets are not shipped.
    for mobile in ["android", "ios"] {
        let _ = std::fs::remove_dir_all(icons.join(mobile));
    }
    println!("icons written to {}", icons.display());
    Ok(())
}

/// Release build and bundles: .deb and .rpm on Linux (AppImage needs a tool downloaded from
/// outside, so it is not built); MSI and NSIS on Windows; .app and .dmg on macOS.
pub fn dist(args: &[String]) -> Result {
    let smoke = args.iter().any(|a| a == "--smoke");
    setup::system_packages(setup::Purpose::Run)?;
    setup::ui()?;
    let bundles = if cfg!(target_os = "linux") {
        "deb,rpm"
    } else if cfg!(windows) {
        "msi,nsis"
    } else {
        "app,dmg"
    };
    check(setup::tauri_cli().args(["build", "--bundles", bundles]))?;
    let made = bundles_made()?;
    for file in &made {
        println!("built {}", file.display());
    }
    if smoke {
        let deb = made.iter().find(|f| f.extension().is_some_and(|e| e == "deb")).ok_or("no .deb was built")?;
        smoke_test(deb)?;
    }
    Ok(())
}

fn bundles_made() -> Result<Vec<PathBuf>> {
    let bundle = root().join("target/release/bundle");
    let mut files = Vec::new();
    for kind in std::fs::read_dir(&bundle).map_err(|e| format!("no bundles in {}: {e}", bundle.display()))? {
        let dir = kind.map_err(|e| e.to_string())?.path();
        for entry in std::fs::read_dir(&dir).map_err(|e| e.to_string())? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_file() {
                files.push(path);
            }
        }
    }
    Ok(files)
}

/// Installs the .deb as an owner would (apt resolves its dependencies), starts the installed
/// `regulars` under a display, waits for its window, takes a screenshot, closes it, and
/// uninstalls the package — which must take the program with it.
fn smoke_test(deb: &Path) -> Result {
    if !cfg!(target_os = "linux") {
        return Err("the .deb smoke test runs on Linux".to_owned());
    }
    setup::system_packages(setup::Purpose::Smoke)?;
    let deb = deb.canonicalize().map_err(|e| e.to_string())?;
    println!("smoke: installing {}", deb.display());
    check(Command::new("apt-get").args(["install", "-y", "--no-install-recommends"]).arg(&deb).env("DEBIAN_FRONTEND", "noninteractive"))?;
    let installed = Path::new("/usr/bin/regulars");
    let result = (|| {
        if !installed.exists() {
            return Err("the package did not install /usr/bin/regulars".to_owned());
        }
        let work = std::env::temp_dir().join(format!("regulars-smoke-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&work);
        std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
        let shot = root().join("target/smoke/installed-deb.png");
        std::fs::create_dir_all(shot.parent().unwrap_or(&work)).map_err(|e| e.to_string())?;
        let script = r#"
            /usr/bin/regulars --data-dir "$1" & app=$!
            for i in $(seq 1 60); do
                xwininfo -root -tree | grep -q '"Regulars"' && break
                sleep 0.5
            done
            if ! xwininfo -root -tree | grep -q '"Regulars"'; then kill $app; echo "no Regulars window appeared" >&2; exit 1; fi
            sleep 2
            import -window root "$2"
            kill $app; wait $app 2>/dev/null
            exit 0
        "#;
        let mut command = suites::with_display(&["sh".into(), "-c".into(), script.into(), "smoke".into()]);
        command.arg(&work).arg(&shot);
        check(&mut command)?;
        let size = std::fs::metadata(&shot).map(|m| m.len()).unwrap_or(0);
        let _ = std::fs::remove_dir_all(&work);
        if size < 10_000 {
            return Err(format!("the screenshot {} is empty ({size} bytes)", shot.display()));
        }
        println!("smoke: the installed app opened its window; screenshot {} ({} kB)", shot.display(), size / 1000);
        Ok(())
    })();
    println!("smoke: uninstalling");
    check(Command::new("apt-get").args(["remove", "-y", "regulars"]).env("DEBIAN_FRONTEND", "noninteractive"))?;
    if installed.exists() {
        return Err("uninstalling left /usr/bin/regulars behind".to_owned());
    }
    result
}

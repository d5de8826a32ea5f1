//! The invariants of ARCHITECTURE.md that a manifest can show.

use std::path::Path;

/// No crate under `crates/` may depend on Tauri, serde or JSON: only the shell knows the IPC.
#[test]
fn crates_know_nothing_of_tauri_or_json() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates");
    let mut checked = 0;
    for entry in std::fs::read_dir(&crates).expect("crates/") {
        let manifest = entry.expect("entry").path().join("Cargo.toml");
        let Ok(text) = std::fs::read_to_string(&manifest) else { continue };
        for line in text.lines().map(str::trim) {
            for forbidden in ["tauri", "serde", "ts-rs"] {
                assert!(!line.starts_with(forbidden), "{} depends on {forbidden}: {line}", manifest.display());
            }
        }
        checked += 1;
    }
    assert!(checked >= 4, "expected the domain, store, core and cli crates, found {checked}");
}

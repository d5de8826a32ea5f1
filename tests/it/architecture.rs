//! The invariants of ARCHITECTURE.md that a manifest can show.

use std::path::Path;

/// The domain, store and use cases know nothing of Tauri, serde or JSON: only the shell knows
/// the IPC (the command line prints JSON with serde_json's `json!`, deriving nothing). One
/// exception: the analytics report is itself a documented output format (docs/CLI.md), so
/// its types derive `Serialize`, and TypeScript types behind an optional feature the shell
/// turns on. And the words: `regulars-text` reads the message catalog, `locales/en.json`, a
/// JSON file it shares with the window (JSON is what the window's formatter and translation
/// tools read), with serde_json; it serializes nothing. Development dependencies (the
/// benchmark writes BENCHMARKS.json) are not the product and are not checked.
#[test]
fn crates_know_nothing_of_tauri_or_json() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates");
    let mut checked = 0;
    for entry in std::fs::read_dir(&crates).expect("crates/") {
        let path = entry.expect("entry").path();
        let manifest = path.join("Cargo.toml");
        let is_cli = path.ends_with("cli");
        let is_analytics = path.ends_with("analytics");
        let is_text = path.ends_with("text");
        let Ok(text) = std::fs::read_to_string(&manifest) else { continue };
        let mut section = "";
        for line in text.lines().map(str::trim) {
            if line.starts_with('[') {
                section = line;
            }
            if section == "[dev-dependencies]" {
                continue;
            }
            for forbidden in ["tauri", "serde", "ts-rs"] {
                if (is_cli || is_text) && forbidden == "serde" && line.starts_with("serde_json") {
                    continue;
                }
                if is_analytics && (line.starts_with("serde.workspace") || line.starts_with("ts-rs") && line.contains("optional = true")) {
                    continue;
                }
                assert!(!line.starts_with(forbidden), "{} depends on {forbidden}: {line}", manifest.display());
            }
        }
        checked += 1;
    }
    assert!(checked >= 4, "expected the domain, store, core and cli crates, found {checked}");
}

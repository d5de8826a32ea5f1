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

/// The crates of ours each product crate depends on (`[dependencies]`, also per target; not
/// development or build dependencies), read from its manifest.
fn our_dependencies(manifest: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(manifest).unwrap_or_else(|e| panic!("{}: {e}", manifest.display()));
    let mut section = String::new();
    let mut ours = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            section = line.to_owned();
            continue;
        }
        let product = section == "[dependencies]" || section.starts_with("[target.") && section.ends_with(".dependencies]");
        if product && let Some(name) = line.strip_prefix("regulars-").and_then(|rest| rest.split([' ', '.', '=']).next()) {
            ours.push(format!("regulars-{name}"));
        }
    }
    ours.sort();
    ours
}

/// Dependencies point one way (ARCHITECTURE.md), and `core` is the only façade: the window's
/// shell and the command line use `core` and `domain` alone, so every use case, the catalog
/// and the report's types reach them through `core`.
#[test]
fn dependencies_point_one_way_and_the_front_ends_use_core_alone() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let allowed: &[(&str, &[&str])] = &[
        ("src-tauri", &["regulars-core", "regulars-domain"]),
        ("crates/cli", &["regulars-core", "regulars-domain"]),
        (
            "crates/core",
            &["regulars-analytics", "regulars-charts", "regulars-domain", "regulars-import", "regulars-store", "regulars-text"],
        ),
        ("crates/store", &["regulars-domain", "regulars-text"]),
        ("crates/import", &["regulars-domain", "regulars-text"]),
        ("crates/charts", &["regulars-analytics", "regulars-domain", "regulars-text"]),
        ("crates/analytics", &["regulars-text"]),
        ("crates/domain", &["regulars-text"]),
        ("crates/text", &[]),
    ];
    for (dir, may) in allowed {
        let uses = our_dependencies(&root.join(dir).join("Cargo.toml"));
        let extra: Vec<&String> = uses.iter().filter(|name| !may.contains(&name.as_str())).collect();
        assert!(extra.is_empty(), "{dir} depends on {extra:?}; it may use only {may:?}");
    }
    // Every crate of the product is in the list above.
    let listed: Vec<String> = std::fs::read_dir(root.join("crates"))
        .expect("crates/")
        .map(|e| format!("crates/{}", e.expect("entry").file_name().to_string_lossy()))
        .collect();
    for dir in listed {
        assert!(allowed.iter().any(|(d, _)| *d == dir), "{dir} has no entry in the allowed dependencies");
    }
    // The test can fail: the shell once used the analytics crate and the catalog directly.
    let before = "[dependencies]\nregulars-core.workspace = true\nregulars-analytics = { workspace = true }\n[dev-dependencies]\nregulars-store.workspace = true\n";
    let file = std::env::temp_dir().join(format!("regulars-arch-{}.toml", std::process::id()));
    std::fs::write(&file, before).expect("write");
    assert_eq!(our_dependencies(&file), ["regulars-analytics", "regulars-core"]);
    let _ = std::fs::remove_file(&file);
}

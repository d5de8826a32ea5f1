//! Embeds every catalog in `locales/`: a translation is shipped by adding its file there.

use std::path::Path;

fn main() {
    let locales = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../locales");
    println!("cargo::rerun-if-changed={}", locales.display());
    let mut tags: Vec<(String, String)> = std::fs::read_dir(&locales)
        .expect("the locales/ folder at the top of the repository")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .map(|path| {
            println!("cargo::rerun-if-changed={}", path.display());
            let tag = path.file_stem().expect("a file name").to_string_lossy().into_owned();
            (tag, path.canonicalize().expect("a real path").display().to_string())
        })
        .collect();
    tags.sort();
    let entries: String = tags.iter().map(|(tag, path)| format!("    ({tag:?}, include_str!({path:?})),\n")).collect();
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("catalogs.rs");
    std::fs::write(out, format!("&[\n{entries}]\n")).expect("write the catalog list");
}

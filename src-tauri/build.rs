//! Tauri's build step, with our commands declared so capabilities can grant them one by one.
//! The commands come from `commands.txt`; see `table.rs`.

// The app's tests use the parts build.rs does not (the TypeScript wrappers).
#[allow(dead_code)]
#[path = "table.rs"]
mod table;

fn main() {
    // Tauri embeds the built UI at compile time and refuses a missing folder. `cargo xtask`
    // always builds the UI first; this keeps a bare `cargo build` or `cargo test` working.
    let dist = std::path::Path::new("../ui/dist");
    if !dist.exists() {
        let _ = std::fs::create_dir_all(dist);
    }
    // The UI is embedded into the binary: rebuild when a new UI build lands.
    println!("cargo:rerun-if-changed=../ui/dist");
    println!("cargo:rerun-if-changed=commands.txt");
    println!("cargo:rerun-if-changed=table.rs");
    println!("cargo:rerun-if-changed=src/commands");
    let text = std::fs::read_to_string("commands.txt").expect("src-tauri/commands.txt");
    let commands = table::parse(&text).unwrap_or_else(|why| panic!("{why}"));
    // A command the window cannot reach, or one it reaches that does not exist, stops the build.
    let mut sources = Vec::new();
    for entry in std::fs::read_dir("src/commands").expect("src/commands/") {
        let path = entry.expect("an entry of src/commands/").path();
        let area = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
        if area != "mod" {
            sources.push((area, std::fs::read_to_string(&path).expect("an area module")));
        }
    }
    let sources: Vec<(&str, &str)> = sources.iter().map(|(a, s)| (a.as_str(), s.as_str())).collect();
    let mismatches = table::mismatches(&sources, &commands);
    if !mismatches.is_empty() {
        panic!("the command table and src/commands/ disagree:\n{}", mismatches.join("\n"));
    }
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    std::fs::write(out.join("handler.rs"), table::handler(&commands)).expect("write the handler list");
    // Tauri wants the names for the whole build; this process ends with it.
    let commands: &'static [table::Command] = Box::leak(commands.into_boxed_slice());
    let names: &'static [&'static str] = Box::leak(commands.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().into_boxed_slice());
    let attributes = tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(names));
    tauri_build::try_build(attributes).expect("tauri build step");
}

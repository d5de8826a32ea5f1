//! `cargo xtask sizes [--root DIR] [--top N]`: the largest source files and Rust functions, in
//! lines, so that a note's "before and after" comes from a command (run it on a checkout of the
//! earlier commit with `--root`).
//!
//! Functions are found the way rustfmt lays them out: a line whose code starts with `fn` (after
//! `pub`, `async`, `const`, `unsafe` and the like) opens a function that ends at the first later
//! line holding only `}` at the same indent. A signature ending in `;` (a trait item) has no body.

use std::path::{Path, PathBuf};

use crate::{Result, root};

/// Where our own code lives; generated files (bindings, the lockfile) are left out.
const DIRS: [&str; 6] = ["crates", "src-tauri/src", "xtask/src", "tests", "ui/src", "src-tauri/build.rs"];
const EXTENSIONS: [&str; 4] = ["rs", "ts", "svelte", "css"];
const GENERATED: [&str; 2] = ["bindings.ts", "commands.ts"];

pub fn sizes(args: &[String]) -> Result {
    let mut base = root();
    let mut top = 10;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match (arg.as_str(), rest.next()) {
            ("--root", Some(dir)) => base = PathBuf::from(dir),
            ("--top", Some(n)) => top = n.parse().map_err(|_| format!("--top wants a number, not {n:?}"))?,
            _ => return Err("usage: cargo xtask sizes [--root DIR] [--top N]".to_owned()),
        }
    }
    let mut files = Vec::new();
    for dir in DIRS {
        collect(&base.join(dir), &mut files)?;
    }
    files.sort();
    let mut lines_of = Vec::new();
    let mut functions = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let name = path.strip_prefix(&base).unwrap_or(path).display().to_string();
        lines_of.push((text.lines().count(), name.clone()));
        if path.extension().is_some_and(|e| e == "rs") {
            functions.extend(rust_functions(&text).into_iter().map(|(lines, f)| (lines, format!("{name}: {f}"))));
        }
    }
    lines_of.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    functions.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    println!("{} files, {} lines; {} Rust functions", files.len(), lines_of.iter().map(|f| f.0).sum::<usize>(), functions.len());
    println!("largest files (lines):");
    lines_of.iter().take(top).for_each(|(n, f)| println!("{n:>6}  {f}"));
    println!("largest Rust functions (lines):");
    functions.iter().take(top).for_each(|(n, f)| println!("{n:>6}  {f}"));
    Ok(())
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> Result {
    if path.is_file() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let Ok(entries) = std::fs::read_dir(path) else { return Ok(()) };
    for entry in entries {
        let path = entry.map_err(|e| format!("cannot list {}: {e}", path.display()))?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if name.starts_with('.') || name == "node_modules" || name == "target" || name == "found" || name == "golden" {
            continue;
        }
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().and_then(|e| e.to_str()).is_some_and(|e| EXTENSIONS.contains(&e)) && !GENERATED.contains(&name) {
            out.push(path);
        }
    }
    Ok(())
}

/// Each function's length in lines (signature to closing brace) and its name.
fn rust_functions(text: &str) -> Vec<(usize, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for (start, line) in lines.iter().enumerate() {
        let code = line.trim_start();
        let Some(name) = function_name(code) else { continue };
        let indent = &line[..line.len() - code.len()];
        let close = format!("{indent}}}");
        if code.contains('{') && code.trim_end().ends_with('}') {
            found.push((1, name.to_owned()));
            continue;
        }
        // A signature spans lines until one ends the item: `{` opens a body, `;` ends a declaration.
        let Some(open) = lines[start..].iter().position(|l| l.trim_end().ends_with('{') || l.trim_end().ends_with(';')) else { continue };
        if lines[start + open].trim_end().ends_with(';') {
            continue;
        }
        if let Some(end) = lines[start + open + 1..].iter().position(|l| l.trim_end() == close) {
            found.push((open + end + 2, name.to_owned()));
        }
    }
    found
}

fn function_name(code: &str) -> Option<&str> {
    let mut rest = code;
    loop {
        let word = rest.split_whitespace().next()?;
        let after = rest[word.len()..].trim_start();
        match word {
            "fn" => return after.split(|c: char| !(c.is_alphanumeric() || c == '_')).next().filter(|n| !n.is_empty()),
            w if w == "pub" || w.starts_with("pub(") || ["async", "const", "unsafe", "extern", "default"].contains(&w) => rest = after,
            w if w.starts_with('"') => rest = after, // extern "C"
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::rust_functions;

    #[test]
    fn functions_are_measured_from_signature_to_closing_brace() {
        let text = "impl A {\n    pub fn small(&self) -> u8 {\n        1\n    }\n\n    fn declared(&self);\n}\n\npub(crate) async fn long(\n    a: u8,\n) -> u8 {\n    let b = a;\n    b\n}\n";
        assert_eq!(rust_functions(text), vec![(3, "small".to_owned()), (6, "long".to_owned())]);
    }
}

//! The command table (`commands.txt`): read by build.rs (permissions, the handler list, the
//! check that every command is in it) and by the app's tests (the TypeScript wrappers, the
//! capabilities). Plain Rust with no dependencies, so build.rs can include it.

/// One command of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// `customers_list`: the Rust function and the IPC name.
    pub name: String,
    /// `customers`: the `[area]` heading it is under, and its module `src/commands/customers.rs`.
    pub area: String,
    /// `(name, TypeScript type)`, names as the window passes them (camelCase).
    pub args: Vec<(String, String)>,
    /// The TypeScript type of the result.
    pub result: String,
    /// The `///` lines above it.
    pub doc: Vec<String>,
}

/// Reads the table: `[area]` headings, `name(arg: Type, ...) -> Result` lines, `///`
/// documentation, `#` comments and blank lines.
pub fn parse(text: &str) -> Result<Vec<Command>, String> {
    let mut commands: Vec<Command> = Vec::new();
    let mut doc = Vec::new();
    let mut area = String::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if let Some(text) = line.strip_prefix("///") {
            doc.push(text.trim().to_owned());
            continue;
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |why: &str| format!("commands.txt line {}: {why}: {line}", number + 1);
        if let Some(heading) = line.strip_prefix('[').and_then(|rest| rest.strip_suffix(']')) {
            if heading.is_empty() || !heading.chars().all(|c| c.is_ascii_lowercase()) {
                return Err(bad("an area is one lowercase word"));
            }
            area = heading.to_owned();
            continue;
        }
        if area.is_empty() {
            return Err(bad("a command comes under an `[area]` heading"));
        }
        let (head, result) = line.split_once(") -> ").ok_or_else(|| bad("expected `name(args) -> Result`"))?;
        let (name, args) = head.split_once('(').ok_or_else(|| bad("expected `(` after the name"))?;
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            return Err(bad("a name is snake_case"));
        }
        if commands.iter().any(|c| c.name == name) {
            return Err(bad("listed twice"));
        }
        let args = split_args(args)
            .into_iter()
            .map(|arg| {
                arg.split_once(": ").map(|(n, t)| (n.trim().to_owned(), t.trim().to_owned())).ok_or_else(|| bad("expected `name: Type`"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        commands.push(Command {
            name: name.to_owned(),
            area: area.clone(),
            args,
            result: result.trim().to_owned(),
            doc: std::mem::take(&mut doc),
        });
    }
    Ok(commands)
}

/// Splits `a: X, b: Channel<Y>` at the commas that are not inside `<>`.
fn split_args(args: &str) -> Vec<&str> {
    let (mut parts, mut depth, mut start) = (Vec::new(), 0i32, 0);
    for (at, c) in args.char_indices() {
        match c {
            '<' => depth += 1,
            '>' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(args[start..at].trim());
                start = at + 1;
            }
            _ => {}
        }
    }
    let last = args[start..].trim();
    if !last.is_empty() {
        parts.push(last);
    }
    parts
}

/// The `#[tauri::command]` functions of `source` (the text of an area's module).
pub fn defined(source: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut lines = source.lines();
    while let Some(line) = lines.next() {
        if !line.trim_start().starts_with("#[tauri::command") {
            continue;
        }
        // The function follows its attributes.
        for next in lines.by_ref() {
            let next = next.trim_start();
            if let Some(at) = next.find("fn ") {
                let name: String = next[at + 3..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                names.push(name);
                break;
            }
        }
    }
    names
}

/// The areas of the table, in its order.
pub fn areas(commands: &[Command]) -> Vec<&str> {
    let mut areas: Vec<&str> = Vec::new();
    for command in commands {
        if !areas.contains(&command.area.as_str()) {
            areas.push(&command.area);
        }
    }
    areas
}

/// What is wrong between the table and the area modules, given each area's source
/// (`src/commands/<area>.rs`): a `#[tauri::command]` the table does not list under its area,
/// or a listed command its area's module does not define. Empty, or the build stops.
pub fn mismatches(sources: &[(&str, &str)], commands: &[Command]) -> Vec<String> {
    let mut problems = Vec::new();
    for (area, source) in sources {
        let defined = defined(source);
        let listed: Vec<&Command> = commands.iter().filter(|c| c.area == *area).collect();
        problems.extend(defined.iter().filter(|name| !listed.iter().any(|c| &c.name == *name)).map(|name| {
            format!("`{name}` is a #[tauri::command] in src/commands/{area}.rs but not under [{area}] in src-tauri/commands.txt")
        }));
        problems.extend(listed.iter().filter(|c| !defined.contains(&c.name)).map(|c| {
            format!("`{}` is under [{area}] in src-tauri/commands.txt but src/commands/{area}.rs defines no such command", c.name)
        }));
    }
    for area in areas(commands) {
        if !sources.iter().any(|(a, _)| *a == area) {
            problems.push(format!("[{area}] has no module src/commands/{area}.rs"));
        }
    }
    problems
}

/// `tauri::generate_handler![commands::area::name, ...]`, for `include!` in lib.rs.
pub fn handler(commands: &[Command]) -> String {
    let names: Vec<String> = commands.iter().map(|c| format!("commands::{}::{}", c.area, c.name)).collect();
    format!("tauri::generate_handler![\n    {},\n]\n", names.join(",\n    "))
}

/// `customers_list` → `customersList`.
pub fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The typed wrappers the window calls, `ui/src/lib/commands.ts`.
pub fn typescript(commands: &[Command]) -> String {
    let mut types: Vec<String> = Vec::new();
    for command in commands {
        let all = command.args.iter().map(|(_, t)| t.as_str()).chain([command.result.as_str()]);
        for text in all {
            for word in text.split(|c: char| !c.is_ascii_alphanumeric()) {
                if word.starts_with(|c: char| c.is_ascii_uppercase()) && word != "Channel" && !types.iter().any(|t| t == word) {
                    types.push(word.to_owned());
                }
            }
        }
    }
    types.sort();
    let mut out = String::from(
        "// Generated from src-tauri/commands.txt by `cargo xtask bindings`; do not edit by hand.\n\
         // One typed function per command; errors arrive as `IpcError` ({code, message, field}).\n",
    );
    out.push_str("import { Channel } from \"@tauri-apps/api/core\";\n");
    out.push_str(&format!("import type {{ {} }} from \"./bindings\";\n", types.join(", ")));
    out.push_str("import { call } from \"./call\";\n\nexport const commands = {\n");
    for command in commands {
        if !command.doc.is_empty() {
            out.push_str(&format!("  /** {} */\n", command.doc.join(" ")));
        }
        let channel = command.args.iter().find_map(|(n, t)| {
            t.strip_prefix("Channel<").and_then(|rest| rest.strip_suffix('>')).map(|inner| (n.clone(), inner.to_owned()))
        });
        let params: Vec<String> = command
            .args
            .iter()
            .map(|(n, t)| match t.strip_prefix("Channel<").and_then(|rest| rest.strip_suffix('>')) {
                Some(inner) => format!("onProgress: (p: {inner}) => void"),
                None => format!("{n}: {t}"),
            })
            .collect();
        let names: Vec<&str> = command.args.iter().map(|(n, _)| n.as_str()).collect();
        let args = if names.is_empty() { String::new() } else { format!(", {{ {} }}", names.join(", ")) };
        let call = format!("call<{}>(\"{}\"{args})", command.result, command.name);
        match channel {
            Some((name, inner)) => out.push_str(&format!(
                "  {}: ({}) => {{\n    const {name} = new Channel<{inner}>();\n    {name}.onmessage = onProgress;\n    return {call};\n  }},\n",
                camel(&command.name),
                params.join(", ")
            )),
            None => out.push_str(&format!("  {}: ({}) =>\n    {call},\n", camel(&command.name), params.join(", "))),
        }
    }
    out.push_str("};\n");
    out
}

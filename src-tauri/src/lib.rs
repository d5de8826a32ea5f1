//! The desktop shell: wiring only. Reads the command line, opens the shop, sets up logging and
//! the single-instance guard, and registers the commands. Everything the owner can do lives in
//! `regulars-core`; the commands in [`commands`] translate IPC to those use cases.
//!
//! Where things are: `lib.rs` (wiring only), `commands/` (one module per area — shop, customers,
//! sales, reminders, analytics, import, backups — and one function per command: parse, call one use
//! case, map), `ipc/` (serde types, one module per area like `commands/`, and the TypeScript
//! generator in `ipc/mod.rs`), `error.rs` (`IpcError`), `state.rs` (`AppState`: the one managed
//! state, a `Mutex<Session>`, and the panic guard, the passphrase typed this run, and the retry of
//! a shop that could not be opened), `logging.rs`, `notify.rs` (the daily desktop notification),
//! `worker.rs` (the import worker: this binary started again with `--import-worker` runs a dry
//! run or an import in a process of its own), `backup.rs` (the daily rolling backup, on a connection of its own so the screens keep working
//! while a large shop is copied), `menu.rs` (the app menu; a chosen item reaches the window as a
//! `regulars-menu` DOM event, so no event permission is granted), `tauri.conf.json`,
//! `capabilities/main.json`; `commands.txt`, the table every command is declared in once (its
//! TypeScript signature), read by `build.rs` (permissions, the handler list, and a stopped build
//! for a `#[tauri::command]` not in it) through `table.rs`.

mod backup;
mod commands;
mod error;
pub mod ipc;
mod logging;
mod menu;
mod notify;
mod state;
pub mod worker;

use std::path::PathBuf;

use tauri::Manager;
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

pub use error::{ErrorCode, IpcError};

/// The file, in the data folder, that keeps the window's size and place.
pub const WINDOW_STATE_FILE: &str = "window-state.json";

/// Starts the app. `--data-dir DIR` (or `REGULARS_DATA_DIR`) chooses where the shop lives.
pub fn run() {
    regulars_core::use_os_language();
    // The app started by itself to run an import (see `worker.rs`): no window.
    if std::env::args().nth(1).as_deref() == Some(worker::FLAG) {
        std::process::exit(worker::serve());
    }
    let data_dir = flag_value(std::env::args().skip(1), "--data-dir").map(PathBuf::from);
    // Test-only: end-to-end tests move "today" forward. Debug builds only; the rules never see it.
    let today = if cfg!(debug_assertions) { flag_value(std::env::args().skip(1), "--today") } else { None };
    let state = state::AppState::open(data_dir.as_deref(), today.as_deref());
    // `--sample` (as `cargo xtask run --sample` passes): an empty shop starts as the sample.
    if std::env::args().skip(1).any(|arg| arg == "--sample") {
        let loaded = state.with_session(|s| if s.shop()?.is_none() && s.is_empty()? { Ok(Some(s.load_sample_shop()?)) } else { Ok(None) });
        if let Err(error) = loaded {
            eprintln!("Regulars: could not load the sample shop: {}", error.message);
        }
    }
    logging::init(state.data_dir());
    log::info!("Regulars {} starting", env!("CARGO_PKG_VERSION"));
    let language = regulars_core::text::language();
    let broken = regulars_core::text::broken_messages(&language);
    if !broken.is_empty() {
        log::warn!("the {language} catalog has messages that do not parse, shown in English: {}", broken.join(", "));
    }
    // The window's size and place, kept beside the shop (an absolute name: the plugin joins it
    // to the config folder, and joining an absolute path gives the path itself).
    let window_state = state.data_dir().join(WINDOW_STATE_FILE).to_string_lossy().into_owned();

    let result = tauri::Builder::default()
        // A second launch brings the running window forward instead of opening the shop twice.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_dialog::init())
        // Restores the window where the owner left it. The plugin itself saves only on a normal
        // exit; saving at every move and resize as well keeps the place when the app is killed
        // or the computer switched off.
        .plugin(tauri_plugin_window_state::Builder::default().with_filename(window_state).build())
        .on_window_event(|window, event| {
            if matches!(event, tauri::WindowEvent::Moved(_) | tauri::WindowEvent::Resized(_)) {
                let _ = window.app_handle().save_window_state(StateFlags::all());
            }
        })
        .menu(menu::build)
        .on_menu_event(|app, event| menu::chosen(app, &event))
        .manage(state)
        .setup(|app| {
            notify::start_daily(app.handle().clone());
            backup::start_daily(app.handle().clone());
            Ok(())
        })
        // The handler list is generated by build.rs from commands.txt.
        .invoke_handler(include!(concat!(env!("OUT_DIR"), "/handler.rs")))
        .run(tauri::generate_context!());
    if let Err(error) = result {
        log::error!("the app stopped with an error: {error}");
        eprintln!("Regulars could not start: {error}");
        std::process::exit(1);
    }
}

/// The value of `--name VALUE` or `--name=VALUE`; other arguments are left to Tauri.
pub(crate) fn flag_value(mut args: impl Iterator<Item = String>, name: &str) -> Option<String> {
    while let Some(arg) = args.next() {
        if arg == name {
            return args.next();
        }
        if let Some(value) = arg.strip_prefix(name).and_then(|rest| rest.strip_prefix('=')) {
            return Some(value.to_owned());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_dir_flag_in_both_spellings() {
        let args = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>().into_iter();
        assert_eq!(flag_value(args(&["--data-dir", "/x"]), "--data-dir").as_deref(), Some("/x"));
        assert_eq!(flag_value(args(&["--data-dir=/y"]), "--data-dir").as_deref(), Some("/y"));
        assert_eq!(flag_value(args(&["--data-dirt=/y"]), "--data-dir"), None);
        assert_eq!(flag_value(args(&["--other"]), "--data-dir"), None);
    }
}

// The command table, read by build.rs too; build.rs uses the parts these tests do not.
#[cfg(test)]
#[allow(dead_code)]
#[path = "../table.rs"]
mod table;

#[cfg(test)]
mod security_tests {
    use crate::table;

    fn commands() -> Vec<table::Command> {
        table::parse(include_str!("../commands.txt")).expect("the command table reads")
    }

    /// The main window is granted exactly the commands of the table, one by one, and nothing
    /// else: the table, with its `///` lines, is the documented surface.
    #[test]
    fn capabilities_grant_only_our_commands() {
        let text = include_str!("../capabilities/main.json");
        let capability: serde_json::Value = serde_json::from_str(text).expect("json");
        assert_eq!(capability["windows"], serde_json::json!(["main"]));
        let granted: Vec<String> =
            capability["permissions"].as_array().expect("list").iter().filter_map(|p| p.as_str()).map(str::to_owned).collect();
        let table: Vec<String> = commands().iter().map(|c| format!("allow-{}", c.name.replace('_', "-"))).collect();
        assert_eq!(granted, table, "capabilities/main.json grants the table's commands, in its order");
    }

    /// Each area's module, `src/commands/<area>.rs`, as build.rs reads it.
    fn area_sources() -> Vec<(String, String)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/commands");
        let mut sources: Vec<(String, String)> = std::fs::read_dir(&dir)
            .expect("src/commands/")
            .map(|entry| entry.expect("entry").path())
            .filter(|path| path.file_stem().is_some_and(|stem| stem != "mod"))
            .map(|path| {
                let area = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
                (area, std::fs::read_to_string(&path).expect("an area module"))
            })
            .collect();
        sources.sort();
        sources
    }

    /// build.rs stops the build when a `#[tauri::command]` is not in the table under its area
    /// (the window could never reach it) or the table names a command that does not exist.
    #[test]
    fn a_command_missing_from_the_table_fails_the_build() {
        let owned = area_sources();
        let sources: Vec<(&str, &str)> = owned.iter().map(|(a, s)| (a.as_str(), s.as_str())).collect();
        assert!(table::mismatches(&sources, &commands()).is_empty(), "{:?}", table::mismatches(&sources, &commands()));
        let defined: usize = sources.iter().map(|(_, s)| table::defined(s).len()).sum();
        assert_eq!(defined, commands().len());
        let mut with_one_more = sources.clone();
        let extra = format!("{}\n#[tauri::command]\npub async fn secret_export(state: State<'_, AppState>) {{}}\n", sources[0].1);
        with_one_more[0].1 = &extra;
        assert_eq!(
            table::mismatches(&with_one_more, &commands()),
            [format!(
                "`secret_export` is a #[tauri::command] in src/commands/{0}.rs but not under [{0}] in src-tauri/commands.txt",
                sources[0].0
            )]
        );
        let fewer = commands().into_iter().filter(|c| c.name != "shop_get").collect::<Vec<_>>();
        assert_eq!(table::mismatches(&sources, &fewer).len(), 1, "shop_get is defined but no longer listed");
    }

    /// Fails when the table changed and the window's wrappers were not regenerated.
    /// `cargo xtask bindings` (or REGULARS_BLESS=1) rewrites `ui/src/lib/commands.ts`.
    #[test]
    fn typescript_bindings_of_the_commands_are_fresh() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/commands.ts");
        let expected = table::typescript(&commands());
        if std::env::var_os("REGULARS_BLESS").is_some() {
            std::fs::write(&path, &expected).expect("write commands.ts");
        }
        let actual = std::fs::read_to_string(&path).unwrap_or_default().replace("\r\n", "\n");
        assert!(actual == expected, "ui/src/lib/commands.ts is stale: run `cargo xtask bindings`");
    }

    /// No remote origin, no inline script, no eval.
    #[test]
    fn the_content_security_policy_is_strict() {
        let config: serde_json::Value = serde_json::from_str(include_str!("../tauri.conf.json")).expect("json");
        let csp = config["app"]["security"]["csp"].as_object().expect("csp as an object");
        assert_eq!(csp["default-src"], "'self'");
        assert_eq!(csp["script-src"], "'self'");
        for (directive, value) in csp {
            let value = value.as_str().unwrap_or_default();
            assert!(!value.contains("unsafe"), "{directive}: {value}");
            assert!(!value.contains("http:") && !value.contains("https:") || directive == "connect-src", "{directive}: {value}");
            assert!(!value.contains('*'), "{directive}: {value}");
        }
        assert_eq!(csp["connect-src"], "ipc: http://ipc.localhost");
    }
}

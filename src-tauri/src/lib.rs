//! The desktop shell: wiring only. Reads the command line, opens the shop, sets up logging and
//! the single-instance guard, and registers the commands. Everything the owner can do lives in
//! `regulars-core`; the commands in [`commands`] translate IPC to those use cases.

mod backup;
mod commands;
mod error;
pub mod ipc;
mod logging;
mod menu;
mod notify;
mod state;

use std::path::PathBuf;

use tauri::Manager;
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

pub use error::{ErrorCode, IpcError};

/// The file, in the data folder, that keeps the window's size and place.
pub const WINDOW_STATE_FILE: &str = "window-state.json";

/// Starts the app. `--data-dir DIR` (or `REGULARS_DATA_DIR`) chooses where the shop lives.
pub fn run() {
    regulars_core::use_os_language();
    let data_dir = flag_value(std::env::args().skip(1), "--data-dir").map(PathBuf::from);
    // Test-only: end-to-end tests move "today" forward. Debug builds only; the rules never see it.
    let today = if cfg!(debug_assertions) { flag_value(std::env::args().skip(1), "--today") } else { None };
    let state = state::AppState::open(data_dir.as_deref(), today.as_deref());
    // `--sample` (as `cargo xtask run --sample` passes): an empty shop starts as the sample.
    if std::env::args().skip(1).any(|arg| arg == "--sample") {
        let loaded = state.with_session(|s| {
            if s.shop()?.is_none() && s.store().is_empty().map_err(regulars_core::Error::from)? {
                Ok(Some(s.load_sample_shop()?))
            } else {
                Ok(None)
            }
        });
        if let Err(error) = loaded {
            eprintln!("Regulars: could not load the sample shop: {}", error.message);
        }
    }
    logging::init(state.data_dir());
    log::info!("Regulars {} starting", env!("CARGO_PKG_VERSION"));
    let language = regulars_text::language();
    let broken = regulars_text::broken_messages(&language);
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
        .invoke_handler(tauri::generate_handler![
            commands::shop_get,
            commands::shop_set_up,
            commands::customer_add,
            commands::customer_edit,
            commands::customer_archive,
            commands::customer_unarchive,
            commands::customer_page,
            commands::duplicates_list,
            commands::duplicates_dismiss,
            commands::customers_merge,
            commands::customer_split,
            commands::customers_list,
            commands::customers_search,
            commands::sale_log,
            commands::sale_log_new_customer,
            commands::sale_edit,
            commands::sale_delete,
            commands::sale_undo_delete,
            commands::sales_recent,
            commands::today_get,
            commands::reminder_done,
            commands::reminder_dismiss,
            commands::reminder_snooze,
            commands::reminder_add,
            commands::contact_log,
            commands::contact_reach,
            commands::templates_get,
            commands::template_set,
            commands::template_preview,
            commands::reminders_export_ics,
            commands::notifications_get,
            commands::notifications_set,
            commands::sample_load,
            commands::sample_remove,
            commands::shop_unlock,
            commands::shop_lock,
            commands::dashboard_get,
            commands::outlook_get,
            commands::charts_get,
            commands::chart_export,
            commands::pack_export,
            commands::import_pick,
            commands::import_preview,
            commands::import_run,
            commands::import_cancel,
            commands::imports_list,
            commands::import_undo,
            commands::export_csv,
            commands::backup_now,
            commands::backups_list,
            commands::backup_restore,
            commands::backup_restore_newest,
        ])
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

#[cfg(test)]
mod security_tests {
    /// The main window is granted our commands, one by one, and nothing else.
    #[test]
    fn capabilities_grant_only_our_commands() {
        let text = include_str!("../capabilities/main.json");
        let capability: serde_json::Value = serde_json::from_str(text).expect("json");
        assert_eq!(capability["windows"], serde_json::json!(["main"]));
        let granted: Vec<&str> = capability["permissions"].as_array().expect("list").iter().filter_map(|p| p.as_str()).collect();
        let build = include_str!("../build.rs");
        for permission in &granted {
            let command = permission.strip_prefix("allow-").expect("only allow- permissions of our own commands").replace('-', "_");
            assert!(build.contains(&format!("\"{command}\"")), "{permission} is not one of our commands");
        }
        assert_eq!(granted.len(), 52, "every command granted, one by one");
        // …and exactly the commands ARCHITECTURE.md lists, so the documented surface is the
        // shipped one.
        let architecture = include_str!("../../ARCHITECTURE.md");
        let listed =
            architecture.split("<!-- commands -->").nth(1).and_then(|rest| rest.split("<!-- /commands -->").next()).expect("the list");
        let mut listed: Vec<String> = listed.split(", ").map(|c| format!("allow-{}", c.trim_matches('`').replace('_', "-"))).collect();
        let mut granted: Vec<String> = granted.iter().map(|p| (*p).to_owned()).collect();
        listed.sort();
        granted.sort();
        assert_eq!(granted, listed, "capabilities/main.json and ARCHITECTURE.md disagree");
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

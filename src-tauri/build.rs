//! Tauri's build step, with our commands declared so capabilities can grant them one by one.

fn main() {
    // Tauri embeds the built UI at compile time and refuses a missing folder. `cargo xtask`
    // always builds the UI first; this keeps a bare `cargo build` or `cargo test` working.
    let dist = std::path::Path::new("../ui/dist");
    if !dist.exists() {
        let _ = std::fs::create_dir_all(dist);
    }
    // The UI is embedded into the binary: rebuild when a new UI build lands.
    println!("cargo:rerun-if-changed=../ui/dist");
    let commands: &[&str] = &[
        "shop_get",
        "shop_set_up",
        "customer_add",
        "customer_edit",
        "customer_archive",
        "customer_unarchive",
        "customer_page",
        "customers_list",
        "customers_search",
        "duplicates_list",
        "duplicates_dismiss",
        "customers_merge",
        "customer_split",
        "sale_log",
        "sale_log_new_customer",
        "sale_edit",
        "sale_delete",
        "sale_undo_delete",
        "sales_recent",
        "today_get",
        "reminder_done",
        "reminder_dismiss",
        "reminder_snooze",
        "reminder_add",
        "contact_log",
        "contact_reach",
        "templates_get",
        "template_set",
        "template_preview",
        "reminders_export_ics",
        "notifications_get",
        "notifications_set",
        "sample_load",
        "sample_remove",
        "shop_unlock",
        "shop_lock",
        "dashboard_get",
        "outlook_get",
        "charts_get",
        "chart_export",
        "pack_export",
        "import_pick",
        "import_preview",
        "import_run",
        "import_cancel",
        "imports_list",
        "import_undo",
        "export_csv",
        "backup_now",
        "backups_list",
        "backup_restore",
        "backup_restore_newest",
    ];
    let attributes = tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(commands));
    tauri_build::try_build(attributes).expect("tauri build step");
}

//! Exports and backups: the CSV tables, back up now, the list, restore.

use super::*;

/// Saves customers, sales or contacts as CSV where the owner chooses.
#[tauri::command]
pub async fn export_csv(app: AppHandle, state: State<'_, AppState>, table: String) -> Reply<Option<String>> {
    let Some(kind) = regulars_core::ExportTable::ALL.into_iter().find(|t| t.key() == table) else {
        return Err(IpcError::internal(t!("app.cannotExport", table = table.as_str())));
    };
    let bytes = state.with_session(|s| Ok(s.export_csv(kind)?))?;
    let Some(path) = save_path(&app, &format!("{}.csv", kind.key()), &t!("dialog.csv"), "csv") else { return Ok(None) };
    write_file(&state, &path, &bytes)?;
    Ok(Some(path.display().to_string()))
}

/// "Back up now" to a file the owner picks.
#[tauri::command]
pub async fn backup_now(app: AppHandle, state: State<'_, AppState>) -> Reply<Option<String>> {
    let name = state.with_session(|s| Ok(format!("regulars-backup-{}.sqlite3", s.today())))?;
    let Some(path) = save_path(&app, &name, &t!("dialog.backup"), "sqlite3") else { return Ok(None) };
    state.with_session(|s| Ok(s.backup_now(&path)?))?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command]
pub fn backups_list(state: State<'_, AppState>) -> Reply<Vec<BackupView>> {
    Ok(regulars_core::list_backups(state.data_dir())
        .into_iter()
        .filter_map(|b| {
            Some(BackupView { name: b.path.file_name()?.to_string_lossy().into_owned(), kind: b.kind, when: b.when, bytes: b.bytes })
        })
        .collect())
}

/// Restores a backup: one from the backups folder by its name, or (with an empty name) a
/// file the owner picks. The current shop is saved first. Returns where that copy is.
#[tauri::command]
pub async fn backup_restore(app: AppHandle, state: State<'_, AppState>, name: String) -> Reply<Option<String>> {
    let source = if name.is_empty() {
        let picked =
            app.dialog().file().add_filter(t!("dialog.backup"), &["sqlite3", "db"]).blocking_pick_file().and_then(|p| p.into_path().ok());
        let Some(path) = picked else { return Ok(None) };
        path
    } else {
        regulars_core::list_backups(state.data_dir())
            .into_iter()
            .find(|b| b.path.file_name().is_some_and(|n| n.to_string_lossy() == name))
            .map(|b| b.path)
            .ok_or_else(|| IpcError::internal(t!("app.noBackup", name = name)))?
    };
    let safety = state.alone(|| state.with_session(|s| Ok(s.restore_backup(&source)?)))?;
    if let Ok(mut damage) = state.damage.lock() {
        *damage = None;
    }
    Ok(Some(safety.display().to_string()))
}

/// For a damaged shop: puts the newest good backup in its place, keeping the damaged file.
#[tauri::command]
pub fn backup_restore_newest(state: State<'_, AppState>) -> Reply<ShopState> {
    let key = state.passphrase();
    let backup =
        regulars_core::newest_good_backup(state.data_dir(), key.as_ref()).ok_or_else(|| IpcError::internal(t!("app.noGoodBackup")))?;
    state.alone(|| {
        state.reopen_after(|dir| regulars_core::replace_damaged_shop(dir, &backup, key.as_ref()).map(|_| ()).map_err(|e| e.to_string()))
    })?;
    if let Ok(mut damage) = state.damage.lock() {
        *damage = None;
    }
    shop_get(state)
}

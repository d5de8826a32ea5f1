//! Importing a sales export: pick the file, the dry run, the import with progress and cancel, past imports and undo.

use super::*;

/// The picked file, or the message asking the owner to choose one first.
fn picked_file(state: &AppState) -> Result<PathBuf, IpcError> {
    state.import_file.lock().ok().and_then(|p| p.clone()).ok_or_else(|| IpcError {
        code: crate::ErrorCode::Conflict,
        message: t!("app.chooseFileFirst"),
        field: None,
    })
}

/// Runs an import job in a worker process (see `worker.rs`), started from this app's binary.
fn in_worker(
    state: &AppState,
    options: ImportOptionsInput,
    import: Option<bool>,
    progress: &mut dyn FnMut(ImportProgress),
    cancel: &std::sync::atomic::AtomicBool,
) -> Result<crate::worker::Said, IpcError> {
    let job = crate::worker::Job {
        data_dir: state.data_dir().to_path_buf(),
        passphrase: state.passphrase().map(|p| p.as_typed().to_owned()),
        today: match state.clock() {
            regulars_core::Clock::Fixed(day) => Some(day),
            regulars_core::Clock::Local => None,
        },
        file: picked_file(state)?,
        options,
        import,
    };
    let program = std::env::current_exe().map_err(|e| IpcError::internal(t!("import.workerFailed", detail = e.to_string())))?;
    crate::worker::run(&program, &job, progress, cancel)
}

/// Opens the file dialog for a CSV to import; the path stays in Rust. Returns the file's
/// name, or `null` when the owner cancelled.
#[tauri::command]
pub async fn import_pick(app: AppHandle, state: State<'_, AppState>) -> Reply<Option<String>> {
    #[cfg(debug_assertions)]
    let chosen = crate::flag_value(std::env::args().skip(1), "--e2e-import-file").map(PathBuf::from);
    #[cfg(not(debug_assertions))]
    let chosen: Option<PathBuf> = None;
    let chosen = match chosen {
        Some(path) => Some(path),
        None => app
            .dialog()
            .file()
            .add_filter(t!("dialog.importable"), &["csv", "txt", "tsv"])
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok()),
    };
    let Some(path) = chosen else { return Ok(None) };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    if let Ok(mut slot) = state.import_file.lock() {
        *slot = Some(path);
    }
    Ok(name)
}

/// The dry run of the picked file: nothing is written.
#[tauri::command]
pub async fn import_preview(state: State<'_, AppState>, options: ImportOptionsInput) -> Reply<ImportPreviewView> {
    // "Cancel" is for imports; a dry run is never stopped by one.
    match in_worker(&state, options, None, &mut |_| {}, &std::sync::atomic::AtomicBool::new(false))? {
        crate::worker::Said::Preview(preview) => Ok(*preview),
        crate::worker::Said::Failed(error) => Err(error),
        other => Err(IpcError::internal(t!("import.workerFailed", detail = format!("{other:?}")))),
    }
}

/// Imports the picked file in one transaction, reporting progress; `import_cancel` stops it
/// with nothing written (`null`).
#[tauri::command]
pub async fn import_run(
    state: State<'_, AppState>,
    options: ImportOptionsInput,
    allow_problems: bool,
    progress: Channel<ImportProgress>,
) -> Reply<Option<ImportRecordView>> {
    state.cancel_import.store(false, std::sync::atomic::Ordering::SeqCst);
    match in_worker(
        &state,
        options,
        Some(allow_problems),
        &mut |report| {
            let _ = progress.send(report);
        },
        &state.cancel_import,
    )? {
        crate::worker::Said::Imported(record) => Ok(record),
        crate::worker::Said::Failed(error) => Err(error),
        other => Err(IpcError::internal(t!("import.workerFailed", detail = format!("{other:?}")))),
    }
}

#[tauri::command]
pub fn import_cancel(state: State<'_, AppState>) {
    state.cancel_import.store(true, std::sync::atomic::Ordering::SeqCst);
}

#[tauri::command]
pub fn imports_list(state: State<'_, AppState>) -> Reply<Vec<ImportRecordView>> {
    state.with_session(|s| Ok(s.imports()?.into_iter().map(Into::into).collect()))
}

#[tauri::command]
pub fn import_undo(state: State<'_, AppState>, id: i64) -> Reply<ImportRecordView> {
    state.with_session(|s| Ok(s.undo_import(id)?.into()))
}

//! Importing a sales export: pick the file, the dry run, the import with progress and cancel, past imports and undo.

use super::*;

fn import_request(state: &AppState, options: &ImportOptionsInput) -> Result<(regulars_core::ImportRequest, Vec<u8>), IpcError> {
    let path = state.import_file.lock().ok().and_then(|p| p.clone()).ok_or_else(|| IpcError {
        code: crate::ErrorCode::Conflict,
        message: t!("app.chooseFileFirst"),
        field: None,
    })?;
    let bytes = std::fs::read(&path)
        .map_err(|e| IpcError::internal(t!("file.cannotRead", path = path.display().to_string(), detail = e.to_string())))?;
    let blank = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
    let priced = !options.amount_column.trim().is_empty() || !options.unit_price_column.trim().is_empty();
    let mapping = (!options.date_column.trim().is_empty() && priced).then(|| regulars_core::Mapping {
        date: options.date_column.trim().to_owned(),
        amount: options.amount_column.trim().to_owned(),
        name: blank(&options.customer_column),
        email: blank(&options.email_column),
        phone: blank(&options.phone_column),
        customer_id: blank(&options.customer_id_column),
        description: blank(&options.description_column),
        quantity: blank(&options.quantity_column),
        order_id: blank(&options.order_id_column),
        status: blank(&options.status_column),
        unit_price: blank(&options.unit_price_column),
        time: blank(&options.time_column),
        currency: blank(&options.currency_column),
        ..regulars_core::Mapping::default()
    });
    let request = regulars_core::ImportRequest {
        file_name: path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned()),
        preset: if mapping.is_some() { None } else { blank(&options.preset) },
        mapping,
        date_order: regulars_core::DateOrder::parse(&options.date_order),
    };
    Ok((request, bytes))
}

fn notes(list: impl IntoIterator<Item = (u64, String, String, String)>) -> Vec<ImportRowNote> {
    list.into_iter().map(|(line, column, value, message)| ImportRowNote { line, column, value, message }).collect()
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
    if let Ok(mut prepared) = state.prepared_import.lock() {
        *prepared = None;
    }
    if let Ok(mut slot) = state.import_file.lock() {
        *slot = Some(path);
    }
    Ok(name)
}

/// The dry run of the picked file: nothing is written.
#[tauri::command]
pub fn import_preview(state: State<'_, AppState>, options: ImportOptionsInput) -> Reply<ImportPreviewView> {
    let (request, bytes) = import_request(&state, &options)?;
    let file_name = request.file_name.clone();
    let empty = |needs: &str, message: String, examples: Vec<String>, headers: Vec<String>| ImportPreviewView {
        file_name: file_name.clone(),
        needs: Some(needs.to_owned()),
        message: Some(message),
        examples,
        headers,
        ..ImportPreviewView::default()
    };
    let key = format!("{options:?}");
    state.with_session(|s| match s.prepare_import(&bytes, &request) {
        Ok(prepared) => {
            let p = prepared.preview.clone();
            if let Ok(mut slot) = state.prepared_import.lock() {
                *slot = Some((key.clone(), prepared));
            }
            Ok(ImportPreviewView {
                file_name: file_name.clone(),
                preset: p.preset,
                preset_label: p.preset_label,
                encoding: p.encoding,
                date_order: p.date_order.as_str().to_owned(),
                rows: p.rows,
                sales: p.sales,
                already_imported: p.already_imported,
                customers_new: p.customers_new,
                customers_matched: p.customers_matched,
                revenue_minor: p.revenue_minor,
                revenue_column: p.revenue_column,
                revenue_means: p.revenue_means,
                sales_stop: p.sales_stop,
                time_zone: p.time_zone,
                file_orders: p.file_orders,
                refunded_minor: p.refunded_minor,
                first_day: p.first_day.map(|d| d.to_string()),
                last_day: p.last_day.map(|d| d.to_string()),
                first_sales: p
                    .first_sales
                    .into_iter()
                    .map(|x| PreviewSaleView {
                        line: x.line,
                        date: x.date.to_string(),
                        amount_minor: x.amount_minor,
                        customer: x.customer,
                        new_customer: x.new_customer,
                        description: x.description,
                    })
                    .collect(),
                skipped: notes(p.skipped.into_iter().map(|k| (k.line, String::new(), String::new(), k.reason))),
                problems: notes(p.problems.into_iter().map(|k| (k.line, k.column, k.value, k.message))),
                ..ImportPreviewView::default()
            })
        }
        Err(regulars_core::Error::Import(error)) => {
            let message = error.to_string();
            Ok(match error {
                regulars_core::ImportError::AmbiguousDates { examples } => empty("dateOrder", message, examples, Vec::new()),
                regulars_core::ImportError::UnknownColumns { headers } | regulars_core::ImportError::MissingColumn { headers, .. } => {
                    empty("mapping", message, Vec::new(), headers)
                }
                _ => empty("file", message, Vec::new(), Vec::new()),
            })
        }
        Err(other) => Err(other.into()),
    })
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
    use std::sync::atomic::Ordering;
    let key = format!("{options:?}");
    let ready = state.prepared_import.lock().ok().and_then(|mut slot| slot.take()).filter(|(k, _)| *k == key).map(|(_, p)| p);
    let prepared = match ready {
        Some(prepared) => prepared,
        None => {
            let (request, bytes) = import_request(&state, &options)?;
            state.with_session(|s| Ok(s.prepare_import(&bytes, &request)?))?
        }
    };
    state.cancel_import.store(false, Ordering::SeqCst);
    let cancel = &state.cancel_import;
    state.with_session(|s| {
        let record = s.import_prepared(prepared, allow_problems, &mut |done, total| {
            let _ = progress.send(ImportProgress { done, total });
            !cancel.load(Ordering::SeqCst)
        })?;
        Ok(record.map(Into::into))
    })
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

//! The commands the UI invokes, one module per area; each command is declared once in
//! `commands.txt` (see `table.rs`). Each one: take the IPC input, parse it into domain types,
//! call one use case, map the result. No rules live here. The helpers they share are below;
//! an area module sees this module's imports and helpers through `use super::*`.

use regulars_core::text::t;
use std::path::{Path, PathBuf};

use regulars_core::{ChartFormat, ChartKind, Filter, Session, currency_from_os_locale};
use regulars_domain::{
    ContactDraft, Currency, CustomerDraft, CustomerId, Field, SaleDraft, SaleId, ShopName, ShopSettings, WeekStart, parse_day,
};
use tauri::ipc::Channel;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::IpcError;
use crate::ipc::{
    BackupView, Camel, ChartView, ContactInput, ContactView, CustomerInput, CustomerListView, CustomerPageView, CustomerSortInput,
    CustomerSummaryView, CustomerView, DashboardView, DraftView, DuplicateView, FilterInput, ImportOptionsInput, ImportPreviewView,
    ImportProgress, ImportRecordView, ManualReminderInput, MergeView, OutlookView, PackProgress, ReachView, SaleInput, SaleView, ShopInput,
    ShopState, ShopView, TemplateView, TodayView,
};
use crate::state::AppState;

type Reply<T> = Result<T, IpcError>;

pub mod analytics;
pub mod backups;
pub mod customers;
pub mod import;
pub mod reminders;
pub mod sales;
pub mod shop;

use shop::shop_get;

/// The slug `chart_export` takes for the prediction model's hold-out check.
const HOLDOUT_CHART: &str = "holdout";

fn filter(session: &Session, input: &FilterInput) -> Result<Filter, IpcError> {
    Ok(session.parse_filter(Some(&input.from), Some(&input.to), Some(&input.period), input.follow_up_days)?)
}

fn chart_kind(kind: &str) -> Result<ChartKind, IpcError> {
    ChartKind::from_slug(kind).ok_or_else(|| IpcError::internal(t!("app.noChart", kind = kind)))
}

/// Where to save: the owner's choice in the save dialog (`None` when they cancel). Debug
/// builds under test may name a folder with `--e2e-save-dir DIR` instead, because a native
/// dialog cannot be driven by WebDriver.
fn save_path(app: &AppHandle, file_name: &str, filter_name: &str, extension: &str) -> Option<PathBuf> {
    #[cfg(debug_assertions)]
    if let Some(dir) = crate::flag_value(std::env::args().skip(1), "--e2e-save-dir") {
        return Some(Path::new(&dir).join(file_name));
    }
    let folder = directories::UserDirs::new().and_then(|dirs| dirs.document_dir().map(Path::to_path_buf));
    let mut dialog = app.dialog().file().set_file_name(file_name).add_filter(filter_name, &[extension]);
    if let Some(folder) = folder.filter(|f| f.is_dir()) {
        dialog = dialog.set_directory(folder);
    }
    dialog.blocking_save_file().and_then(|path| path.into_path().ok())
}

/// Writes next to the target, then renames over it (a crash never leaves half a file), and
/// never over the shop, a file beside it, or a backup, whatever the dialog was given.
fn write_file(state: &AppState, path: &Path, bytes: &[u8]) -> Result<(), IpcError> {
    Ok(regulars_core::save_as(state.data_dir(), path, bytes)?)
}

fn customer_draft(input: &CustomerInput) -> Result<CustomerDraft, IpcError> {
    Ok(CustomerDraft::parse(&input.name, &input.email, &input.phone, &input.notes, &input.tags)?)
}

fn sale_draft(session: &regulars_core::Session, input: &SaleInput) -> Result<SaleDraft, IpcError> {
    let currency = session.currency()?;
    let draft = SaleDraft::parse(
        input.customer_id.map(CustomerId),
        &input.date,
        &input.amount,
        &input.description,
        &input.channel,
        &input.note,
        currency,
        session.today(),
    )?;
    Ok(draft)
}

//! The commands the UI invokes. Each one: take the IPC input, parse it into domain types, call
//! one use case, map the result. No rules live here.

use regulars_text::t;
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
    BackupView, ChartView, ContactInput, ContactView, CustomerInput, CustomerListView, CustomerPageView, CustomerSortInput,
    CustomerSummaryView, CustomerView, DashboardView, DraftView, DuplicateView, FilterInput, ImportOptionsInput, ImportPreviewView,
    ImportProgress, ImportRecordView, ImportRowNote, ManualReminderInput, MergeView, OutlookView, PackProgress, PreviewSaleView, ReachView,
    SaleInput, SaleView, ShopInput, ShopState, ShopView, TemplateView, TodayView,
};
use crate::state::AppState;

type Reply<T> = Result<T, IpcError>;

#[tauri::command]
pub fn shop_get(state: State<'_, AppState>) -> Reply<ShopState> {
    let data_dir = state.data_dir().display().to_string();
    state.with_session(|s| {
        Ok(ShopState {
            shop: s.shop()?.map(|settings| ShopView::of(settings, s)).transpose()?,
            suggested_currency: currency_from_os_locale().map(|c| c.code().to_owned()),
            data_dir,
            is_sample: s.is_sample()?,
            locked: s.is_locked(),
            damage: state.damage.lock().ok().and_then(|d| d.clone()),
        })
    })
}

/// Opens a shop locked with a passphrase with the one the owner typed.
#[tauri::command]
pub fn shop_unlock(state: State<'_, AppState>, passphrase: String) -> Reply<ShopState> {
    state.unlock(&passphrase)?;
    shop_get(state)
}

/// Locks the shop with `passphrase`, changes it, or removes it (`null`); `current` is the
/// passphrase it is locked with now, if it is.
#[tauri::command]
pub fn shop_lock(state: State<'_, AppState>, current: Option<String>, passphrase: Option<String>) -> Reply<ShopState> {
    state.set_passphrase(current.as_deref(), passphrase.as_deref())?;
    shop_get(state)
}

/// The first-run set-up, and the Settings screen's save: name, currency, week start, check-in.
#[tauri::command]
pub fn shop_set_up(state: State<'_, AppState>, input: ShopInput) -> Reply<ShopState> {
    let settings = ShopSettings { name: ShopName::parse(&input.name)?, currency: Currency::parse(&input.currency)? };
    let week_start = WeekStart::parse(&input.week_start)?;
    state.with_session(|s| {
        // The one field checked by the session: refused before anything is saved.
        if let Some(zone) = &input.time_zone {
            s.set_time_zone(zone)?;
        }
        if let Some(count) = input.contacts_per_day {
            s.set_contacts_per_day(count)?;
        }
        Ok(s.configure_shop(&settings, week_start, input.check_in_days)?)
    })?;
    shop_get(state)
}

#[tauri::command]
pub fn customer_add(state: State<'_, AppState>, input: CustomerInput) -> Reply<CustomerView> {
    let draft = customer_draft(&input)?;
    state.with_session(|s| Ok(s.add_customer(draft)?.into()))
}

#[tauri::command]
pub fn customer_edit(state: State<'_, AppState>, id: i64, input: CustomerInput) -> Reply<CustomerView> {
    let draft = customer_draft(&input)?;
    state.with_session(|s| Ok(s.edit_customer(CustomerId(id), draft)?.into()))
}

#[tauri::command]
pub fn customer_archive(state: State<'_, AppState>, id: i64) -> Reply<CustomerView> {
    state.with_session(|s| Ok(s.archive_customer(CustomerId(id))?.into()))
}

#[tauri::command]
pub fn customer_unarchive(state: State<'_, AppState>, id: i64) -> Reply<CustomerView> {
    state.with_session(|s| Ok(s.unarchive_customer(CustomerId(id))?.into()))
}

#[tauri::command]
pub fn customer_page(state: State<'_, AppState>, id: i64) -> Reply<CustomerPageView> {
    state.with_session(|s| {
        let mut view: CustomerPageView = s.customer_page(CustomerId(id))?.into();
        let outlook = s.outlook(None)?;
        view.outlook = outlook.customers.iter().find(|c| c.customer_id == id).cloned();
        view.outlook_unavailable = outlook.unavailable.clone();
        Ok(view)
    })
}

/// Customers who may be one person, strongest reason first.
#[tauri::command]
pub fn duplicates_list(state: State<'_, AppState>, limit: u32) -> Reply<Vec<DuplicateView>> {
    state.with_session(|s| Ok(s.possible_duplicates(limit)?.into_iter().map(DuplicateView::from).collect()))
}

/// "These are two people": the pair is not listed again.
#[tauri::command]
pub fn duplicates_dismiss(state: State<'_, AppState>, a: i64, b: i64) -> Reply<()> {
    state.with_session(|s| Ok(s.not_duplicates(CustomerId(a), CustomerId(b))?))
}

/// Merges `merged` into `kept` (undone by `customer_split`).
#[tauri::command]
pub fn customers_merge(state: State<'_, AppState>, kept: i64, merged: i64) -> Reply<MergeView> {
    state.with_session(|s| Ok(s.merge_customers(CustomerId(kept), CustomerId(merged))?.into()))
}

/// Takes a merge back; returns the customer who came back.
#[tauri::command]
pub fn customer_split(state: State<'_, AppState>, merge_id: i64) -> Reply<CustomerView> {
    state.with_session(|s| Ok(s.split_customer(merge_id)?.into()))
}

/// The slug `chart_export` takes for the prediction model's hold-out check.
const HOLDOUT_CHART: &str = "holdout";

/// Who is slipping away: the fitted model, the `limit` customers with the most money at
/// risk, and the hold-out check.
#[tauri::command]
pub fn outlook_get(state: State<'_, AppState>, limit: u32) -> Reply<OutlookView> {
    state.with_session(|s| {
        let outlook = s.outlook(None)?;
        let holdout_svg = s.holdout_chart(ChartFormat::Svg)?.map(|svg| String::from_utf8_lossy(&svg).into_owned());
        Ok(OutlookView {
            as_of: outlook.as_of.to_string(),
            horizon_days: outlook.horizon_days,
            models: outlook.models.clone(),
            unavailable: outlook.unavailable.clone(),
            scored: outlook.customers.len() as u32,
            at_risk: outlook.customers.iter().take(limit as usize).cloned().collect(),
            holdout: outlook.holdout.clone(),
            sales_stop: s.sales_stop()?.map(|d| d.to_string()),
            holdout_svg,
            definitions: regulars_analytics::definitions::PREDICTIONS.iter().map(|d| (d.name(), d.text())).collect(),
        })
    })
}

#[tauri::command]
pub fn customers_list(state: State<'_, AppState>, sort: CustomerSortInput, limit: u32, offset: u32) -> Reply<CustomerListView> {
    state.with_session(|s| Ok(s.list_customers(sort.into(), limit, offset)?.into()))
}

#[tauri::command]
pub fn customers_search(state: State<'_, AppState>, query: String, limit: u32) -> Reply<Vec<CustomerSummaryView>> {
    state.with_session(|s| Ok(s.search_customers(&query, limit)?.into_iter().map(Into::into).collect()))
}

#[tauri::command]
pub fn sale_log(state: State<'_, AppState>, input: SaleInput) -> Reply<SaleView> {
    state.with_session(|s| {
        let draft = sale_draft(s, &input)?;
        Ok(s.log_sale(draft)?.into())
    })
}

/// Logs a sale for a customer added in the same form: both are checked first and saved in one
/// transaction, so a sale with no amount leaves no customer behind.
#[tauri::command]
pub fn sale_log_new_customer(state: State<'_, AppState>, customer: CustomerInput, input: SaleInput) -> Reply<SaleView> {
    let customer = customer_draft(&customer)?;
    state.with_session(|s| {
        let draft = sale_draft(s, &SaleInput { customer_id: None, ..input })?;
        Ok(s.log_sale_for_new_customer(customer, draft)?.into())
    })
}

#[tauri::command]
pub fn sale_edit(state: State<'_, AppState>, id: i64, input: SaleInput) -> Reply<SaleView> {
    state.with_session(|s| {
        let draft = sale_draft(s, &input)?;
        Ok(s.edit_sale(SaleId(id), draft)?.into())
    })
}

#[tauri::command]
pub fn sale_delete(state: State<'_, AppState>, id: i64) -> Reply<SaleView> {
    state.with_session(|s| Ok(s.delete_sale(SaleId(id))?.into()))
}

#[tauri::command]
pub fn sale_undo_delete(state: State<'_, AppState>, id: i64) -> Reply<SaleView> {
    state.with_session(|s| Ok(s.undo_delete_sale(SaleId(id))?.into()))
}

#[tauri::command]
pub fn sales_recent(state: State<'_, AppState>, limit: u32) -> Reply<Vec<SaleView>> {
    state.with_session(|s| Ok(s.recent_sales(limit)?.into_iter().map(Into::into).collect()))
}

#[tauri::command]
pub fn today_get(state: State<'_, AppState>) -> Reply<TodayView> {
    state.with_session(|s| Ok(s.today_plan()?.into()))
}

#[tauri::command]
pub fn reminder_done(state: State<'_, AppState>, key: String) -> Reply<TodayView> {
    state.with_session(|s| {
        s.reminder_done(&key)?;
        Ok(s.today_plan()?.into())
    })
}

#[tauri::command]
pub fn reminder_dismiss(state: State<'_, AppState>, key: String) -> Reply<TodayView> {
    state.with_session(|s| {
        s.reminder_dismiss(&key)?;
        Ok(s.today_plan()?.into())
    })
}

#[tauri::command]
pub fn reminder_snooze(state: State<'_, AppState>, key: String, until: String) -> Reply<TodayView> {
    let until = parse_day(Field::DueDate, &until)?;
    state.with_session(|s| {
        s.reminder_snooze(&key, until)?;
        Ok(s.today_plan()?.into())
    })
}

#[tauri::command]
pub fn reminder_add(state: State<'_, AppState>, input: ManualReminderInput) -> Reply<TodayView> {
    let due = parse_day(Field::DueDate, &input.due)?;
    state.with_session(|s| {
        s.add_manual_reminder(CustomerId(input.customer_id), due, &input.note)?;
        Ok(s.today_plan()?.into())
    })
}

/// Drafts the follow-up of a reminder kind for a customer and hands its `mailto:`, `tel:` or
/// `sms:` URL to the OS. Nothing is sent by Regulars and nothing goes on the network from the
/// app; the owner's own mail or phone app does the sending.
#[tauri::command]
pub fn contact_reach(state: State<'_, AppState>, customer_id: i64, kind: String, channel: String) -> Reply<ReachView> {
    let channel = regulars_core::ReachChannel::parse(&channel)
        .ok_or_else(|| IpcError::internal(t!("error.notOneOf", value = channel.as_str(), choices = "email, call, text")))?;
    let draft = state.with_session(|s| Ok(s.draft_with(&kind, CustomerId(customer_id))?))?;
    let url = draft.url(channel).ok_or_else(|| IpcError {
        code: crate::ErrorCode::Conflict,
        message: if channel == regulars_core::ReachChannel::Email { t!("reach.noEmail") } else { t!("reach.noPhone") },
        field: None,
    })?;
    tauri_plugin_opener::open_url(&url, None::<&str>).map_err(|e| IpcError {
        code: crate::ErrorCode::Conflict,
        message: t!("reach.cannotOpen", detail = e.to_string()),
        field: None,
    })?;
    Ok(ReachView { url, draft: draft.into(), method: channel.method().to_owned() })
}

/// The message templates, one per reminder kind.
#[tauri::command]
pub fn templates_get(state: State<'_, AppState>) -> Reply<Vec<TemplateView>> {
    state.with_session(|s| regulars_core::TEMPLATE_KINDS.iter().map(|k| Ok(s.template(k)?.into())).collect())
}

/// Saves a template (both fields empty: back to the one Regulars ships).
#[tauri::command]
pub fn template_set(state: State<'_, AppState>, kind: String, subject: String, body: String) -> Reply<TemplateView> {
    state.with_session(|s| Ok(s.set_template(&kind, &subject, &body)?.into()))
}

/// A template kind's message as drafted for a customer (the Settings preview).
#[tauri::command]
pub fn template_preview(state: State<'_, AppState>, kind: String, customer_id: i64) -> Reply<DraftView> {
    state.with_session(|s| Ok(s.draft_with(&kind, CustomerId(customer_id))?.into()))
}

#[tauri::command]
pub fn contact_log(state: State<'_, AppState>, input: ContactInput) -> Reply<ContactView> {
    state.with_session(|s| {
        let draft = ContactDraft::parse(
            CustomerId(input.customer_id),
            &input.date,
            &input.method,
            &input.outcome,
            input.sale_id.map(SaleId),
            &input.note,
            s.today(),
        )?;
        Ok(s.log_contact(draft, input.completes.as_deref())?.into())
    })
}

/// Saves the open reminders of the next 90 days as `regulars-reminders.ics` in the owner's
/// Downloads folder (else the data folder) and says where.
#[tauri::command]
pub fn reminders_export_ics(state: State<'_, AppState>) -> Reply<String> {
    let folder = directories::UserDirs::new()
        .and_then(|dirs| dirs.download_dir().map(|d| d.to_path_buf()))
        .filter(|d| d.is_dir())
        .unwrap_or_else(|| state.data_dir().to_path_buf());
    let path = folder.join("regulars-reminders.ics");
    let calendar = state.with_session(|s| Ok(s.reminders_calendar(90)?))?;
    write_file(&state, &path, calendar.as_bytes())?;
    Ok(path.display().to_string())
}

#[tauri::command]
pub fn notifications_get(state: State<'_, AppState>) -> Reply<bool> {
    state.with_session(|s| Ok(s.notifications_enabled()?))
}

#[tauri::command]
pub fn notifications_set(state: State<'_, AppState>, enabled: bool) -> Reply<bool> {
    state.with_session(|s| {
        s.set_notifications_enabled(enabled)?;
        Ok(s.notifications_enabled()?)
    })
}

#[tauri::command]
pub fn sample_load(state: State<'_, AppState>) -> Reply<ShopState> {
    state.with_session(|s| Ok(s.load_sample_shop().map(|_| ())?))?;
    shop_get(state)
}

#[tauri::command]
pub fn sample_remove(state: State<'_, AppState>) -> Reply<ShopState> {
    state.with_session(|s| Ok(s.remove_sample_shop()?))?;
    shop_get(state)
}

fn filter(session: &Session, input: &FilterInput) -> Result<Filter, IpcError> {
    Ok(session.parse_filter(Some(&input.from), Some(&input.to), Some(&input.period), input.follow_up_days)?)
}

fn chart_kind(kind: &str) -> Result<ChartKind, IpcError> {
    ChartKind::from_slug(kind).ok_or_else(|| IpcError::internal(t!("app.noChart", kind = kind)))
}

#[tauri::command]
pub fn dashboard_get(state: State<'_, AppState>, filter: FilterInput) -> Reply<DashboardView> {
    state.with_session(|s| {
        let filter = self::filter(s, &filter)?;
        let span = s.sales_span()?;
        Ok(DashboardView {
            report: s.report(&filter)?,
            first_sale: span.map(|(first, _)| first.to_string()),
            last_sale: span.map(|(_, last)| last.to_string()),
            definitions: regulars_analytics::definitions::ALL.iter().map(|d| (d.name(), d.text())).collect(),
        })
    })
}

#[tauri::command]
pub fn charts_get(state: State<'_, AppState>, filter: FilterInput) -> Reply<Vec<ChartView>> {
    state.with_session(|s| {
        let filter = self::filter(s, &filter)?;
        Ok(s.charts_svg(&filter)?
            .into_iter()
            .map(|(kind, svg)| ChartView { kind: kind.slug().to_owned(), title: kind.title(), svg })
            .collect())
    })
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

/// Saves one chart as PNG (`png`, or `png2x` for double size), SVG or CSV. Returns the path,
/// or `null` when the owner cancelled the dialog.
#[tauri::command]
pub async fn chart_export(
    app: AppHandle,
    state: State<'_, AppState>,
    kind: String,
    format: String,
    filter: FilterInput,
) -> Reply<Option<String>> {
    let (chart_format, suffix, label) = match format.as_str() {
        "png" => (ChartFormat::Png { scale: 1 }, "png", t!("dialog.png")),
        "png2x" => (ChartFormat::Png { scale: 2 }, "png", t!("dialog.png")),
        "svg" => (ChartFormat::Svg, "svg", t!("dialog.svg")),
        "csv" => (ChartFormat::Csv, "csv", t!("dialog.csv")),
        other => return Err(IpcError::internal(t!("app.noFormat", format = other))),
    };
    // The prediction model's hold-out check is a chart too, outside the dashboard's range.
    let (slug, bytes) = if kind == HOLDOUT_CHART {
        let bytes = state.with_session(|s| s.holdout_chart(chart_format)?.ok_or_else(|| IpcError::internal(t!("app.noHoldout"))))?;
        (HOLDOUT_CHART, bytes)
    } else {
        let kind = chart_kind(&kind)?;
        let bytes = state.with_session(|s| {
            let filter = self::filter(s, &filter)?;
            Ok(s.chart_file(kind, &filter, chart_format)?)
        })?;
        (kind.slug(), bytes)
    };
    let Some(path) = save_path(&app, &format!("{slug}.{suffix}"), &label, suffix) else { return Ok(None) };
    write_file(&state, &path, &bytes)?;
    Ok(Some(path.display().to_string()))
}

/// Saves the meeting pack PDF, reporting each page done on `progress`.
#[tauri::command]
pub async fn pack_export(
    app: AppHandle,
    state: State<'_, AppState>,
    filter: FilterInput,
    progress: Channel<PackProgress>,
) -> Reply<Option<String>> {
    let name = state.with_session(|s| {
        let shop = s.shop()?.map(|shop| shop.name.as_str().to_owned()).unwrap_or_default();
        let safe: String = shop.chars().map(|c| if c.is_alphanumeric() { c } else { '-' }).collect();
        Ok(format!("{}-repeat-business-{}.pdf", safe.trim_matches('-'), s.today()))
    })?;
    let Some(path) = save_path(&app, &name, &t!("dialog.pdf"), "pdf") else { return Ok(None) };
    let bytes = state.with_session(|s| {
        let filter = self::filter(s, &filter)?;
        Ok(s.meeting_pack(&filter, |done, total| {
            let _ = progress.send(PackProgress { done: done as u32, total: total as u32 });
        })?)
    })?;
    write_file(&state, &path, &bytes)?;
    Ok(Some(path.display().to_string()))
}

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

/// Saves customers, sales or contacts as CSV where the owner chooses.
#[tauri::command]
pub async fn export_csv(app: AppHandle, state: State<'_, AppState>, table: String) -> Reply<Option<String>> {
    let (kind, name) = match table.as_str() {
        "customers" => (regulars_core::ExportTable::Customers, "customers.csv"),
        "sales" => (regulars_core::ExportTable::Sales, "sales.csv"),
        "contacts" => (regulars_core::ExportTable::Contacts, "contacts.csv"),
        other => return Err(IpcError::internal(t!("app.cannotExport", table = other))),
    };
    let bytes = state.with_session(|s| Ok(s.export_csv(kind)?))?;
    let Some(path) = save_path(&app, name, &t!("dialog.csv"), "csv") else { return Ok(None) };
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
    let safety = state.with_session(|s| Ok(s.restore_backup(&source)?))?;
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
    state.reopen_after(|dir| regulars_core::replace_damaged_shop(dir, &backup, key.as_ref()).map(|_| ()).map_err(|e| e.to_string()))?;
    if let Ok(mut damage) = state.damage.lock() {
        *damage = None;
    }
    shop_get(state)
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

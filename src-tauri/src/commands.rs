//! The commands the UI invokes. Each one: take the IPC input, parse it into domain types, call
//! one use case, map the result. No rules live here.

use regulars_core::currency_from_os_locale;
use regulars_domain::{ContactDraft, Currency, CustomerDraft, CustomerId, Field, SaleDraft, SaleId, ShopName, ShopSettings, parse_day};
use tauri::State;

use crate::IpcError;
use crate::ipc::{
    ContactInput, ContactView, CustomerInput, CustomerListView, CustomerPageView, CustomerSortInput, CustomerSummaryView, CustomerView,
    ManualReminderInput, SaleInput, SaleView, ShopInput, ShopState, TodayView,
};
use crate::state::AppState;

type Reply<T> = Result<T, IpcError>;

#[tauri::command]
pub fn shop_get(state: State<'_, AppState>) -> Reply<ShopState> {
    let data_dir = state.data_dir().display().to_string();
    state.with_session(|s| {
        Ok(ShopState {
            shop: s.shop()?.map(Into::into),
            suggested_currency: currency_from_os_locale().map(|c| c.code().to_owned()),
            data_dir,
        })
    })
}

#[tauri::command]
pub fn shop_set_up(state: State<'_, AppState>, input: ShopInput) -> Reply<ShopState> {
    let settings = ShopSettings { name: ShopName::parse(&input.name)?, currency: Currency::parse(&input.currency)? };
    state.with_session(|s| Ok(s.set_up_shop(settings)?))?;
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
    state.with_session(|s| Ok(s.customer_page(CustomerId(id))?.into()))
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
    state.with_session(|s| Ok(s.today_list()?.into()))
}

#[tauri::command]
pub fn reminder_done(state: State<'_, AppState>, key: String) -> Reply<TodayView> {
    state.with_session(|s| {
        s.reminder_done(&key)?;
        Ok(s.today_list()?.into())
    })
}

#[tauri::command]
pub fn reminder_dismiss(state: State<'_, AppState>, key: String) -> Reply<TodayView> {
    state.with_session(|s| {
        s.reminder_dismiss(&key)?;
        Ok(s.today_list()?.into())
    })
}

#[tauri::command]
pub fn reminder_snooze(state: State<'_, AppState>, key: String, until: String) -> Reply<TodayView> {
    let until = parse_day(Field::DueDate, &until)?;
    state.with_session(|s| {
        s.reminder_snooze(&key, until)?;
        Ok(s.today_list()?.into())
    })
}

#[tauri::command]
pub fn reminder_add(state: State<'_, AppState>, input: ManualReminderInput) -> Reply<TodayView> {
    let due = parse_day(Field::DueDate, &input.due)?;
    state.with_session(|s| {
        s.add_manual_reminder(CustomerId(input.customer_id), due, &input.note)?;
        Ok(s.today_list()?.into())
    })
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
    std::fs::write(&path, calendar).map_err(|e| IpcError::internal(format!("Could not save {}: {e}", path.display())))?;
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

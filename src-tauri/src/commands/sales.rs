//! Sales: log (for a new customer too), edit, delete and undo, the recent ones.

use super::*;

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

//! Customers: add, edit, archive, their page, the list and search, possible duplicates, merge and split.

use super::*;

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
        view.outlook = Camel(outlook.customers.iter().find(|c| c.customer_id == id).cloned());
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

#[tauri::command]
pub fn customers_list(state: State<'_, AppState>, sort: CustomerSortInput, limit: u32, offset: u32) -> Reply<CustomerListView> {
    state.with_session(|s| Ok(s.list_customers(sort.into(), limit, offset)?.into()))
}

#[tauri::command]
pub fn customers_search(state: State<'_, AppState>, query: String, limit: u32) -> Reply<Vec<CustomerSummaryView>> {
    state.with_session(|s| Ok(s.search_customers(&query, limit)?.into_iter().map(Into::into).collect()))
}

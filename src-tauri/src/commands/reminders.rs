//! Today, reminders and follow-up contacts: the plan, done/dismiss/snooze, manual reminders, reaching out, message templates, the calendar export.

use super::*;

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

//! The shop itself: open, unlock and lock it, set it up, the sample shop, the daily notification.

use super::*;

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

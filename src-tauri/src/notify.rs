//! The morning nudge: a desktop notification with the number of customers to contact, when the
//! app starts and again whenever the day changes while it runs. Sent from Rust, so the web view
//! needs no notification permission; the owner turns it off on the Today screen.

use std::time::Duration;

use tauri::{AppHandle, Manager};
use tauri_plugin_notification::NotificationExt;

use crate::state::AppState;

pub fn start_daily(app: AppHandle) {
    let spawned = std::thread::Builder::new().name("daily-notification".into()).spawn(move || {
        let mut last_day = None;
        loop {
            // Checking the day is cheap; the list is computed once a day, not every minute.
            let today = app.state::<AppState>().with_session(|s| Ok(s.today())).ok();
            if today.is_some() && today != last_day {
                last_day = today;
                notify_count(&app);
            }
            std::thread::sleep(Duration::from_secs(60));
        }
    });
    if let Err(error) = spawned {
        log::warn!("no daily notification: {error}");
    }
}

/// Shows "N customers to contact today." when notifications are on and someone is due.
fn notify_count(app: &AppHandle) {
    let due = app.state::<AppState>().with_session(|s| Ok((s.notifications_enabled()?, s.today_plan()?.plan.len())));
    let Ok((true, count)) = due else { return };
    if count == 0 {
        return;
    }
    let body = regulars_core::text::t!("notify.body", count = count);
    if let Err(error) = app.notification().builder().title("Regulars").body(body).show() {
        log::warn!("the desktop notification could not be shown: {error}");
    }
}

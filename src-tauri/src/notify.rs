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
            let state = app.state::<AppState>();
            let due = state.with_session(|s| Ok((s.today(), s.notifications_enabled()?, s.today_list()?.due.len())));
            if let Ok((today, enabled, count)) = due
                && last_day != Some(today)
            {
                last_day = Some(today);
                if enabled && count > 0 {
                    let body =
                        if count == 1 { "1 customer to contact today.".to_owned() } else { format!("{count} customers to contact today.") };
                    if let Err(error) = app.notification().builder().title("Regulars").body(body).show() {
                        log::warn!("the desktop notification could not be shown: {error}");
                    }
                }
            }
            std::thread::sleep(Duration::from_secs(60));
        }
    });
    if let Err(error) = spawned {
        log::warn!("no daily notification: {error}");
    }
}

//! The rolling backup: made when the app starts and again whenever the day changes while it
//! runs (7 daily and 6 monthly copies are kept in the data folder's `backups/`). Its check of
//! the copy is also the daily check of the shop file: damage found there is shown to the owner
//! with the offer to restore the newest good backup.

use std::time::Duration;

use tauri::{AppHandle, Manager};

use regulars_core::Session;

use crate::state::AppState;

pub fn start_daily(app: AppHandle) {
    let spawned = std::thread::Builder::new().name("daily-backup".into()).spawn(move || {
        // Let the first screen load before reading the whole file.
        std::thread::sleep(Duration::from_secs(5));
        let mut last_day = None;
        loop {
            let state = app.state::<AppState>();
            let today = state.with_session(|s| Ok(s.today())).ok();
            if today.is_some() && today != last_day {
                last_day = today;
                // On a connection of its own: a large shop takes seconds to copy, and the
                // owner's screens keep working meanwhile (WAL lets the copy read beside them).
                let made = state.on_a_side_session(|| {
                    Session::open_with(state.data_dir(), state.clock(), state.passphrase().as_ref())
                        .and_then(|session| session.rolling_backup())
                });
                match made {
                    Ok(made) => log::info!("rolling backup: {} new copies", made.len()),
                    Err(error) => {
                        log::error!("the daily backup failed: {error}");
                        if matches!(error, regulars_core::Error::Store(regulars_core::StoreError::Damaged { .. }))
                            && let Ok(mut damage) = state.damage.lock()
                        {
                            *damage = Some(error.to_string());
                        }
                    }
                }
            }
            std::thread::sleep(Duration::from_secs(60));
        }
    });
    if let Err(error) = spawned {
        log::warn!("no daily backup: {error}");
    }
}

//! The app's log: `regulars.log` in the data directory. It records what happened and every
//! caught panic, never customer data (no names, emails, amounts).

use std::fs::OpenOptions;
use std::path::Path;

/// Starts logging to the data directory and routes panics into the log.
pub fn init(data_dir: &Path) {
    let path = data_dir.join("regulars.log");
    let config = simplelog::ConfigBuilder::new().set_time_format_rfc3339().build();
    if let Ok(file) = OpenOptions::new().create(true).append(true).open(&path) {
        let _ = simplelog::WriteLogger::init(log::LevelFilter::Info, config, file);
    }
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let location = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        log::error!("panic at {location}: {}", panic_message(info.payload()));
        default_hook(info);
    }));
}

pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "unknown panic".to_owned()
    }
}

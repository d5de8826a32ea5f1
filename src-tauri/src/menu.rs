//! The app menu: the screens and the shortcuts list, for owners who look for them in a menu bar
//! rather than on the keyboard. A chosen item is handed to the window as a `regulars-menu`
//! DOM event whose detail is the item's id, which the window treats like the matching shortcut.

use tauri::menu::{AboutMetadata, Menu, MenuBuilder, MenuEvent, SubmenuBuilder};
use tauri::{AppHandle, Manager, Runtime};

/// Each item's id (what the window receives) and its label, by submenu. The ids are the
/// window's screen names, and `help` for the shortcuts list.
pub const ITEMS: [(&str, &[(&str, &str)]); 3] = [
    ("Shop", &[("sale", "Log a sale"), ("data", "Import and backup"), ("settings", "Settings")]),
    ("Go", &[("today", "Today"), ("customers", "Customers"), ("dashboard", "Repeat business"), ("atRisk", "At risk")]),
    ("Help", &[("help", "Keyboard shortcuts")]),
];

pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let mut menu = MenuBuilder::new(app);
    for (index, (title, items)) in ITEMS.iter().enumerate() {
        let mut submenu = SubmenuBuilder::new(app, *title);
        for (id, label) in *items {
            submenu = submenu.text(*id, *label);
        }
        submenu = match index {
            0 => submenu.separator().quit(),
            2 => submenu.separator().about(Some(AboutMetadata {
                name: Some("Regulars".to_owned()),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
                comments: Some("Turns first-time buyers into regulars.".to_owned()),
                ..Default::default()
            })),
            _ => submenu,
        };
        menu = menu.item(&submenu.build()?);
    }
    menu.build()
}

/// Hands a chosen item to the window (the quit and about items are handled by the menu itself).
pub fn chosen<R: Runtime>(app: &AppHandle<R>, event: &MenuEvent) {
    let id = event.id().as_ref();
    if !ITEMS.iter().any(|(_, items)| items.iter().any(|(known, _)| *known == id)) {
        return;
    }
    if let Some(window) = app.get_webview_window("main") {
        // `id` is one of ours (checked above): plain letters, nothing to escape.
        let _ = window.eval(format!("window.dispatchEvent(new CustomEvent('regulars-menu', {{ detail: '{id}' }}))"));
    }
}

#[cfg(test)]
mod tests {
    /// Every item the menu sends is one the window knows.
    #[test]
    fn every_menu_item_is_a_screen_the_window_opens() {
        let app = include_str!("../../ui/src/App.svelte");
        let screens = app.split("const menuScreens = [").nth(1).and_then(|rest| rest.split(']').next()).expect("the list in App.svelte");
        for (_, items) in super::ITEMS {
            for (id, _) in items {
                assert!(*id == "help" || screens.contains(&format!("\"{id}\"")), "{id} is not a screen the window opens");
            }
        }
    }
}

//! The app menu: the screens and the shortcuts list, for owners who look for them in a menu bar
//! rather than on the keyboard. A chosen item is handed to the window as a `regulars-menu`
//! DOM event whose detail is the item's id, which the window treats like the matching shortcut.

use regulars_core::text::t;
use tauri::menu::{AboutMetadata, Menu, MenuBuilder, MenuEvent, SubmenuBuilder};
use tauri::{AppHandle, Manager, Runtime};

/// The items' ids, by submenu (Shop, Go, Help): the window's screen names, and `help` for the
/// shortcuts list. The window receives the id.
pub const ITEMS: [&[&str]; 3] = [&["sale", "data", "settings"], &["today", "customers", "dashboard", "atRisk"], &["help"]];

/// What a submenu is called, from the catalog.
fn title(index: usize) -> String {
    match index {
        0 => t!("menu.shop"),
        1 => t!("menu.go"),
        _ => t!("menu.help"),
    }
}

/// What an item is called: the same words as the window's navigation.
fn label(id: &str) -> String {
    match id {
        "sale" => t!("nav.sale"),
        "data" => t!("nav.data"),
        "settings" => t!("nav.settings"),
        "today" => t!("nav.today"),
        "customers" => t!("nav.customers"),
        "dashboard" => t!("nav.dashboard"),
        "atRisk" => t!("nav.atRisk"),
        _ => t!("help.title"),
    }
}

pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let mut menu = MenuBuilder::new(app);
    for (index, ids) in ITEMS.iter().enumerate() {
        let mut submenu = SubmenuBuilder::new(app, title(index));
        for id in *ids {
            submenu = submenu.text(*id, label(id));
        }
        submenu = match index {
            0 => submenu.separator().quit(),
            2 => submenu.separator().about(Some(AboutMetadata {
                name: Some("Regulars".to_owned()),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
                comments: Some(t!("menu.about")),
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
    if !ITEMS.iter().any(|ids| ids.contains(&id)) {
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
        for ids in super::ITEMS {
            for id in ids {
                assert!(*id == "help" || screens.contains(&format!("\"{id}\"")), "{id} is not a screen the window opens");
            }
        }
    }
}

//! The `regulars` desktop binary.

// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    regulars_app::run();
}

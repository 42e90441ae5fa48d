//! What each desktop needs of its own, kept small and in one place. macOS: the tray icon is a
//! template image (the menu bar draws it in its own colour; the status is in its shape, as the
//! icons are drawn), and the app is an "accessory" — no Dock icon — while only the tray is shown,
//! a regular app while its window is open. The first notification makes macOS ask for the
//! permission once (the system's own prompt). Windows: notifications carry the bundle identifier
//! as AppUserModelID once the installer registered it, and start at login is the per-user Run key
//! (tauri-plugin-autostart). Linux needs nothing here.

use tauri::AppHandle;

/// Whether the tray icon is a template image (macOS draws it in the menu bar's colour).
pub const TRAY_ICON_IS_TEMPLATE: bool = cfg!(target_os = "macos");

/// The window was opened (`true`) or closed (`false`): on macOS the Dock icon shows only while
/// it is open.
#[cfg(target_os = "macos")]
pub fn window_shown(app: &AppHandle, shown: bool) {
    let policy = match shown {
        true => tauri::ActivationPolicy::Regular,
        false => tauri::ActivationPolicy::Accessory,
    };
    if let Err(error) = app.set_activation_policy(policy) {
        log::warn!("cannot change the Dock icon: {error}");
    }
}

/// The window was opened or closed: nothing to do outside macOS.
#[cfg(not(target_os = "macos"))]
pub fn window_shown(_app: &AppHandle, _shown: bool) {}

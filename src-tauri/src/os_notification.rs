//! Showing one OS notification. On Linux it goes straight to the desktop's notification server
//! (notify-rust, which the notification plugin uses underneath) with a default action, so that
//! clicking it opens the incident in the window; elsewhere through the notification plugin.

use lookout_desktop::Notification;
use tauri::AppHandle;

/// Shows `notification`; a click opens its route where the platform reports clicks.
#[cfg(target_os = "linux")]
pub fn show(app: &AppHandle, notification: &Notification) -> Result<(), String> {
    let handle = notify_rust::Notification::new()
        .appname("Lookout")
        .summary(&notification.title)
        .body(&notification.markup_body())
        .action("default", "Open")
        .show()
        .map_err(|e| e.to_string())?;
    let (app, route) = (app.clone(), notification.route.clone());
    // Waits until the notification is clicked or closed (the server closes it after a while).
    std::thread::spawn(move || {
        handle.wait_for_action(|action| {
            if action == "default" {
                let handle = app.clone();
                let opened = app.run_on_main_thread(move || {
                    crate::window::open(&handle, Some(&route));
                });
                if let Err(error) = opened {
                    log::warn!("cannot open the window from a notification: {error}");
                }
            }
        });
    });
    Ok(())
}

/// Shows `notification` through the notification plugin.
#[cfg(not(target_os = "linux"))]
pub fn show(app: &AppHandle, notification: &Notification) -> Result<(), String> {
    use tauri_plugin_notification::NotificationExt;
    app.notification()
        .builder()
        .title(&notification.title)
        .body(&notification.body)
        .show()
        .map_err(|e| e.to_string())
}

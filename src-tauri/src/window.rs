//! The window: built when opened and destroyed when closed (a hidden webview still costs tens of
//! megabytes), opened at a route such as `#/provider/3`, its webview set up to cost little.

use tauri::{AppHandle, Manager, WebviewUrl, WebviewWindowBuilder};

/// The window's label (the capability in `capabilities/main.json` names it).
pub const LABEL: &str = "main";

/// Shows the window at `route` (e.g. `#/add`), building it if it was closed.
pub fn open(app: &AppHandle, route: Option<&str>) {
    if let Some(window) = app.get_webview_window(LABEL) {
        if let Some(route) = route {
            let script = format!("window.location.hash = {};", quoted(route));
            if let Err(error) = window.eval(&script) {
                log::warn!("cannot move the window to {route}: {error}");
            }
        }
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
        return;
    }
    let mut builder = WebviewWindowBuilder::new(app, LABEL, WebviewUrl::App("index.html".into()))
        .title("Lookout")
        .inner_size(1040.0, 720.0)
        .min_inner_size(640.0, 420.0);
    if let Some(route) = route {
        // Before the page's own scripts run, so its router starts on this route.
        builder = builder.initialization_script(format!(
            "if (!window.location.hash) {{ history.replaceState(null, '', {}); }}",
            quoted(route)
        ));
    }
    match builder.build() {
        Ok(window) => {
            lighten(&window);
            crate::platform::window_shown(app, true);
        }
        Err(error) => log::error!("cannot open the window: {error}"),
    }
}

/// WebKitGTK set up for a small local document rather than a browser: no GPU compositing (under
/// a software renderer it cost about 75 MB in the web process; `process_env` also turns it off
/// before the web process starts, which saves a few MB more), the smallest caches (the
/// "document viewer" model), no page cache, no WebGL, audio or media.
#[cfg(target_os = "linux")]
fn lighten(window: &tauri::WebviewWindow) {
    use webkit2gtk::{
        CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt,
    };
    let done = window.with_webview(|webview| {
        let view = webview.inner();
        drop_scripts_when_destroyed(&view);
        if let Some(context) = view.context() {
            context.set_cache_model(CacheModel::DocumentViewer);
        }
        if let Some(settings) = WebViewExt::settings(&view) {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            settings.set_enable_page_cache(false);
            settings.set_enable_webgl(false);
            settings.set_enable_webaudio(false);
            settings.set_enable_media(false);
        }
    });
    if let Err(error) = done {
        log::warn!("cannot set up the webview: {error}");
    }
}

/// Empties the view's user content manager when the view is destroyed. wry's IPC handler holds
/// the view it is connected to, so a closed window's view is never finalized, and the scripts
/// Tauri and its plugins gave it (about 70 KB a window, in WebKit's own strings) would stay in
/// the app's memory after every close (heaptrack over 20 opened and closed windows).
#[cfg(target_os = "linux")]
fn drop_scripts_when_destroyed(view: &webkit2gtk::WebView) {
    use webkit2gtk::glib::prelude::ObjectExt;
    use webkit2gtk::{UserContentManagerExt, WebViewExt};
    view.connect_local("destroy", false, |values| {
        let view = values.first()?.get::<webkit2gtk::WebView>().ok()?;
        if let Some(manager) = view.user_content_manager() {
            manager.remove_all_scripts();
            manager.remove_all_style_sheets();
        }
        None
    });
}

#[cfg(not(target_os = "linux"))]
fn lighten(_window: &tauri::WebviewWindow) {}

/// A route as a JavaScript string literal; only `#/` routes with safe characters are used.
fn quoted(route: &str) -> String {
    let safe: String = route
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "#/-_.:%".contains(*c))
        .collect();
    serde_json::Value::String(safe).to_string()
}

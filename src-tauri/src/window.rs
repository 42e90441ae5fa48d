//! The window: built when first opened; closed, its page ends (on Linux the window is hidden and
//! its web process ended, elsewhere it is destroyed: a hidden page still costs tens of
//! megabytes); opened at a route such as `#/provider/3`, its webview set up to cost little.

use std::sync::{Mutex, PoisonError};

use tauri::{AppHandle, Manager, WebviewUrl, WebviewWindowBuilder};

/// The kept window's page once [`close`] ended it, until it is loaded again to be shown: `Some`
/// with the page's address, if it had one (a view whose web process ended has none to give).
static ENDED_PAGE: Mutex<Option<Option<String>>> = Mutex::new(None);

/// The window's label (the capability in `capabilities/main.json` names it).
pub const LABEL: &str = "main";

/// Shows the window at `route` (e.g. `#/add`), building it if it was closed.
pub fn open(app: &AppHandle, route: Option<&str>) {
    if let Some(window) = app.get_webview_window(LABEL) {
        let ended = ENDED_PAGE
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(url) = ended {
            load_again(&window, url, route);
        } else if let Some(route) = route {
            let script = format!("window.location.hash = {};", quoted(route));
            if let Err(error) = window.eval(&script) {
                log::warn!("cannot move the window to {route}: {error}");
            }
        }
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
        crate::platform::window_shown(app, true);
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

/// Closes the window as its close button asks, on Linux by hiding it and ending its web process:
/// the page's memory is freed as a destroyed window's is, and the view is kept for the next
/// opening. A view made for each opening would stay in the app's memory after its window closed
/// (wry's IPC handler holds the view it belongs to; about 55 KB a window, `scripts/bench`).
/// Whether the close was handled here (the caller then prevents the default, destroying).
pub fn close(app: &AppHandle) -> bool {
    let Some(window) = app.get_webview_window(LABEL) else {
        return false;
    };
    if !end_page(&window) {
        return false;
    }
    let _ = window.hide();
    crate::platform::window_shown(app, false);
    true
}

/// Loads the kept window's ended page (at `url`, if it had one) again, at `route` or at the start
/// view.
fn load_again(window: &tauri::WebviewWindow, url: Option<String>, route: Option<&str>) {
    let loaded = match url.and_then(|url| tauri::Url::parse(&url).ok()) {
        Some(mut url) => {
            url.set_fragment(route.map(|route| route.trim_start_matches('#')));
            window.navigate(url)
        }
        None => window.reload(),
    };
    if let Err(error) = loaded {
        log::warn!("cannot load the window's page again: {error}");
    }
}

#[cfg(target_os = "linux")]
fn end_page(window: &tauri::WebviewWindow) -> bool {
    use webkit2gtk::WebViewExt;
    window
        .with_webview(|webview| {
            let view = webview.inner();
            let url = view.uri().map(|uri| uri.to_string());
            view.terminate_web_process();
            *ENDED_PAGE.lock().unwrap_or_else(PoisonError::into_inner) = Some(url);
        })
        .is_ok()
}

/// Elsewhere the window is destroyed: no view is kept.
#[cfg(not(target_os = "linux"))]
fn end_page(_window: &tauri::WebviewWindow) -> bool {
    false
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

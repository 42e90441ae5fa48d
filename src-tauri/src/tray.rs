//! The tray icon: its picture is the worst watched status (one icon per status from `icons/tray/`,
//! colour and shape), its tooltip says what is wrong, and its menu opens the window, lists the
//! providers with a problem (with what the user set on them), snoozes and unsnoozes them,
//! refreshes, pauses notifications (saying for how long), toggles start at login, and quits.

use crate::error::Reply;
use crate::state::AppState;
use crate::window;
use lookout_desktop::{
    following_overview, overview_in, pause_notifications, Pause, Settings, StatusChanged,
    TrayAction, TraySnooze, TrayState, STATUS_CHANGED,
};
use lookout_engine::operations::alerts::Snooze;
use lookout_engine::operations::following::Server;
use tauri::image::Image;
use tauri::menu::{
    CheckMenuItem, IsMenuItem, Menu, MenuEvent, MenuItem, PredefinedMenuItem, Submenu,
};
use tauri::tray::{MouseButton, MouseButtonState, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Emitter, Manager, Wry};
use tauri_plugin_autostart::ManagerExt;

/// The tray icon's id.
pub const ID: &str = "lookout";

/// The PNG shown for an icon name of [`lookout_desktop::tray::icon_for`].
fn icon_bytes(name: &str) -> &'static [u8] {
    match name {
        "operational" => include_bytes!("../../icons/tray/operational.png"),
        "under_maintenance" => include_bytes!("../../icons/tray/under_maintenance.png"),
        "degraded_performance" => include_bytes!("../../icons/tray/degraded_performance.png"),
        "partial_outage" => include_bytes!("../../icons/tray/partial_outage.png"),
        "major_outage" => include_bytes!("../../icons/tray/major_outage.png"),
        "suspected" => include_bytes!("../../icons/tray/suspected.png"),
        _ => include_bytes!("../../icons/tray/unknown.png"),
    }
}

/// Creates the tray icon (grey until the first read).
pub fn create(app: &AppHandle) -> tauri::Result<()> {
    let state = TrayState {
        status: lookout_core::ComponentStatus::Unknown,
        icon: "unknown",
        summary: "Starting…".into(),
        problems: Vec::new(),
        snoozed: Vec::new(),
        paused_left: None,
        services: Vec::new(),
    };
    TrayIconBuilder::with_id(ID)
        .icon(Image::from_bytes(icon_bytes(state.icon))?)
        .icon_as_template(crate::platform::TRAY_ICON_IS_TEMPLATE)
        .tooltip("Lookout")
        .menu(&menu(app, &state)?)
        .show_menu_on_left_click(false)
        .on_menu_event(on_menu)
        .on_tray_icon_event(|tray, event| {
            if let TrayIconEvent::Click {
                button: MouseButton::Left,
                button_state: MouseButtonState::Up,
                ..
            } = event
            {
                window::open(tray.app_handle(), None);
            }
        })
        .build(app)?;
    changed(app);
    Ok(())
}

/// A menu item whose id is `action`'s text (read back by [`on_menu`]), showing `text` as it is
/// (a vendor's `&` is not a mnemonic).
fn item(
    app: &AppHandle,
    action: TrayAction,
    text: &str,
    enabled: bool,
) -> tauri::Result<MenuItem<Wry>> {
    let shown = lookout_desktop::tray::menu_text(text);
    MenuItem::with_id(app, action.to_string(), shown, enabled, None::<&str>)
}

fn menu(app: &AppHandle, state: &TrayState) -> tauri::Result<Menu<Wry>> {
    let summary = item(app, TrayAction::Summary, &state.summary, false)?;
    let open = item(app, TrayAction::Open, "Open Lookout", true)?;
    let services = state
        .services
        .iter()
        .map(|line| item(app, TrayAction::Open, line, true))
        .collect::<tauri::Result<Vec<_>>>()?;
    let problems = state
        .problems
        .iter()
        .map(|p| item(app, TrayAction::ShowProvider(p.provider), &p.label, true))
        .collect::<tauri::Result<Vec<_>>>()?;
    let snooze = snooze_menu(app, state)?;
    let refresh = item(app, TrayAction::Refresh, "Refresh now", true)?;
    let updates = item(app, TrayAction::CheckForUpdates, "Check for updates…", true)?;
    let pause = pause_menu(app, state)?;
    let at_login = app.autolaunch().is_enabled().unwrap_or(false);
    let login = CheckMenuItem::with_id(
        app,
        TrayAction::StartAtLogin.to_string(),
        "Start at login",
        true,
        at_login,
        None::<&str>,
    )?;
    let quit = item(app, TrayAction::Quit, "Quit Lookout", true)?;
    let separators = [
        PredefinedMenuItem::separator(app)?,
        PredefinedMenuItem::separator(app)?,
        PredefinedMenuItem::separator(app)?,
    ];
    let mut items: Vec<&dyn IsMenuItem<Wry>> = vec![&summary, &separators[0], &open];
    items.extend(services.iter().map(|s| s as &dyn IsMenuItem<Wry>));
    items.extend(problems.iter().map(|p| p as &dyn IsMenuItem<Wry>));
    items.extend([
        &separators[1] as &dyn IsMenuItem<Wry>,
        &refresh,
        &pause,
        &snooze,
        &login,
        &updates,
        &separators[2],
        &quit,
    ]);
    Menu::with_items(app, &items)
}

/// "Snooze": each provider with a problem not snoozed yet, for each length, then "Unsnooze
/// Slack (7 h left)" for each provider snoozed (disabled when there is none of either).
fn snooze_menu(app: &AppHandle, state: &TrayState) -> tauri::Result<Submenu<Wry>> {
    let mut snoozes = Vec::new();
    for problem in state.problems.iter().filter(|p| !p.snoozed) {
        for length in TraySnooze::ALL {
            let text = format!("{} {}", problem.name, length.words());
            let action = TrayAction::Snooze(problem.provider, length);
            snoozes.push(item(app, action, &text, true)?);
        }
    }
    for snoozed in &state.snoozed {
        let action = TrayAction::Unsnooze(snoozed.provider);
        snoozes.push(item(app, action, &snoozed.label, true)?);
    }
    let items: Vec<&dyn IsMenuItem<Wry>> =
        snoozes.iter().map(|i| i as &dyn IsMenuItem<Wry>).collect();
    Submenu::with_id_and_items(app, "snooze", "Snooze", !snoozes.is_empty(), &items)
}

/// "Pause notifications" ("Notifications paused (2 h left)" while they are): for an hour, until
/// tomorrow, or resume (only while paused).
fn pause_menu(app: &AppHandle, state: &TrayState) -> tauri::Result<Submenu<Wry>> {
    let hour = item(app, TrayAction::Pause(Pause::Hour), "For 1 hour", true)?;
    let tomorrow = item(
        app,
        TrayAction::Pause(Pause::Tomorrow),
        "Until tomorrow",
        true,
    )?;
    let paused = state.paused_left.is_some();
    let resume = item(app, TrayAction::Pause(Pause::Resume), "Resume", paused)?;
    let title = match &state.paused_left {
        Some(left) => format!("Notifications paused ({left})"),
        None => "Pause notifications".to_string(),
    };
    Submenu::with_id_and_items(app, "pause", title, true, &[&hour, &tomorrow, &resume])
}

/// Menu clicks arrive on the GUI thread: anything that touches the store is handed to a task.
/// An item's id is the text of its [`TrayAction`] (the submenus' ids are not clicked).
fn on_menu(app: &AppHandle, event: MenuEvent) {
    let action = match event.id.as_ref().parse::<TrayAction>() {
        Ok(action) => action,
        Err(error) => {
            log::warn!("tray menu: {error}");
            return;
        }
    };
    match action {
        TrayAction::Open | TrayAction::Summary => window::open(app, None),
        TrayAction::ShowProvider(provider) => {
            window::open(app, Some(&format!("#/provider/{provider}")));
        }
        TrayAction::Refresh => app.state::<AppState>().lookout.refresh.now(),
        TrayAction::Quit => app.exit(0),
        TrayAction::Snooze(..)
        | TrayAction::Unsnooze(_)
        | TrayAction::Pause(_)
        | TrayAction::CheckForUpdates
        | TrayAction::StartAtLogin => {
            let app = app.clone();
            tauri::async_runtime::spawn(async move { on_menu_task(&app, action).await });
        }
    }
}

async fn on_menu_task(app: &AppHandle, action: TrayAction) {
    let state = app.state::<AppState>();
    match action {
        TrayAction::StartAtLogin => start_at_login(app, &state).await,
        TrayAction::CheckForUpdates => return crate::updates::check_from_tray(app).await,
        TrayAction::Snooze(provider, length) => {
            if let Err(error) = state.lookout.snooze(provider, length.snooze()).await {
                log::error!("cannot snooze: {error}");
            }
        }
        TrayAction::Unsnooze(provider) => {
            if let Err(error) = state.lookout.snooze(provider, Snooze::Off).await {
                log::error!("cannot unsnooze: {error}");
            }
        }
        TrayAction::Pause(pause) => {
            if let Err(error) = self::pause(&state, pause).await {
                log::error!("cannot pause notifications: {}", error.message);
            }
        }
        _ => return,
    }
    changed(app);
}

/// Turns start at login on or off, and remembers it.
async fn start_at_login(app: &AppHandle, state: &AppState) {
    let autostart = app.autolaunch();
    let enable = !autostart.is_enabled().unwrap_or(false);
    let result = if enable {
        autostart.enable()
    } else {
        autostart.disable()
    };
    if let Err(error) = result {
        log::error!("cannot change start at login: {error}");
    }
    let mut settings = state.settings().await;
    settings.start_at_login = enable;
    if let Err(error) = settings.save(&state.lookout).await {
        log::error!("cannot save settings: {error}");
    }
}

/// Pauses or resumes notifications (from the menu or the window); returns the settings.
pub async fn pause(state: &AppState, pause: Pause) -> Reply<Settings> {
    let now = state.lookout.clock.now().with_timezone(&chrono::Local);
    // The engine wakes the alert loop: the pause's end may be the next moment that matters.
    Ok(pause_notifications(&state.lookout, pause, &now).await?)
}

/// Something stored changed: update the tray and tell the window to re-read (in a task: the
/// store is read off the calling thread, which may be the GUI thread).
pub fn changed(app: &AppHandle) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let worst = refresh(&app).await;
        if let Err(error) = app.emit(STATUS_CHANGED, StatusChanged { worst }) {
            log::warn!("cannot tell the window: {error}");
        }
    });
}

/// Brings the tray up to date with the store; returns the worst status word. The store is read
/// on a blocking thread; no lock is held while the tray (the GUI thread) is changed.
pub async fn refresh(app: &AppHandle) -> String {
    let state = app.state::<AppState>();
    let paused = state.settings().await.notifications_paused_until;
    let view = match state.lookout.provider_details().await {
        Ok(details) => following_overview(
            overview_in(details, paused, state.lookout.clock.now(), &chrono::Local),
            state.following.as_ref().map(Server::masked).as_deref(),
        ),
        Err(error) => {
            log::error!("cannot read the overview: {error}");
            return "unknown".into();
        }
    };
    // Your services first, when a vendor affects one (none described: the vendors alone).
    let services = state.lookout.services().await.unwrap_or_else(|error| {
        log::error!("cannot read your services: {error}");
        Vec::new()
    });
    let next = TrayState::from_overview(&view).leading_with(&services);
    let worst = next.status.as_str().to_string();
    let previous = {
        let mut shown = state.tray.lock().unwrap_or_else(|e| e.into_inner());
        if shown.as_ref() == Some(&next) {
            return worst;
        }
        shown.replace(next.clone())
    };
    if let Some(tray) = app.tray_by_id(ID) {
        if previous.as_ref().map(|s| s.icon) != Some(next.icon) {
            match Image::from_bytes(icon_bytes(next.icon)) {
                Ok(image) => {
                    if let Err(error) = tray.set_icon(Some(image)) {
                        log::error!("cannot change the tray icon: {error}");
                    }
                }
                Err(error) => log::error!("bad tray icon {}: {error}", next.icon),
            }
        }
        let _ = tray.set_tooltip(Some(format!("Lookout — {}", next.summary)));
        match menu(app, &next) {
            Ok(menu) => {
                let _ = tray.set_menu(Some(menu));
            }
            Err(error) => log::error!("cannot rebuild the tray menu: {error}"),
        }
        log::info!("tray: {} ({})", next.icon, next.summary);
    }
    worst
}

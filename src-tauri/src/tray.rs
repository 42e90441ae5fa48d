//! The tray icon: its picture is the worst watched status (one icon per status from `icons/tray/`,
//! colour and shape), its tooltip says what is wrong, and its menu opens the window, lists the
//! providers with a problem, refreshes, pauses notifications, toggles start at login, and quits.

use crate::error::Reply;
use crate::state::AppState;
use crate::window;
use lookout_alerts::{snooze_provider, ProviderRules, Snooze};
use lookout_core::ProviderId;
use lookout_desktop::{
    overview_in, pause_notifications, Pause, Settings, StatusChanged, TrayState, STATUS_CHANGED,
};
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
    };
    TrayIconBuilder::with_id(ID)
        .icon(Image::from_bytes(icon_bytes(state.icon))?)
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

fn menu(app: &AppHandle, state: &TrayState) -> tauri::Result<Menu<Wry>> {
    let summary = MenuItem::with_id(app, "summary", &state.summary, false, None::<&str>)?;
    let open = MenuItem::with_id(app, "open", "Open Lookout", true, None::<&str>)?;
    let problems = state
        .problems
        .iter()
        .map(|(id, label)| {
            MenuItem::with_id(app, format!("provider:{id}"), label, true, None::<&str>)
        })
        .collect::<tauri::Result<Vec<_>>>()?;
    let mut snoozes = Vec::new();
    for (id, label) in &state.problems {
        // "Acme: partial outage": the status words never contain ": ".
        let name = label
            .rsplit_once(": ")
            .map_or(label.as_str(), |(name, _)| name);
        for (length, words) in [("1h", "for 1 hour"), ("resolved", "until resolved")] {
            let item_id = format!("snooze:{id}:{length}");
            let text = format!("{name} {words}");
            snoozes.push(MenuItem::with_id(app, item_id, text, true, None::<&str>)?);
        }
    }
    let snooze_items: Vec<&dyn IsMenuItem<Wry>> =
        snoozes.iter().map(|i| i as &dyn IsMenuItem<Wry>).collect();
    let snooze =
        Submenu::with_id_and_items(app, "snooze", "Snooze", !snoozes.is_empty(), &snooze_items)?;
    let refresh = MenuItem::with_id(app, "refresh", "Refresh now", true, None::<&str>)?;
    let pause = Submenu::with_id_and_items(
        app,
        "pause",
        "Pause notifications",
        true,
        &[
            &MenuItem::with_id(app, "pause:hour", "For 1 hour", true, None::<&str>)?,
            &MenuItem::with_id(app, "pause:tomorrow", "Until tomorrow", true, None::<&str>)?,
            &MenuItem::with_id(app, "pause:resume", "Resume", true, None::<&str>)?,
        ],
    )?;
    let at_login = app.autolaunch().is_enabled().unwrap_or(false);
    let login =
        CheckMenuItem::with_id(app, "login", "Start at login", true, at_login, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", "Quit Lookout", true, None::<&str>)?;
    let separators = [
        PredefinedMenuItem::separator(app)?,
        PredefinedMenuItem::separator(app)?,
        PredefinedMenuItem::separator(app)?,
    ];
    let mut items: Vec<&dyn IsMenuItem<Wry>> = vec![&summary, &separators[0], &open];
    items.extend(problems.iter().map(|p| p as &dyn IsMenuItem<Wry>));
    items.extend([
        &separators[1] as &dyn IsMenuItem<Wry>,
        &refresh,
        &pause,
        &snooze,
        &login,
        &separators[2],
        &quit,
    ]);
    Menu::with_items(app, &items)
}

/// Menu clicks arrive on the GUI thread: anything that touches the store is handed to a task.
fn on_menu(app: &AppHandle, event: MenuEvent) {
    let id = event.id.as_ref().to_string();
    match id.as_str() {
        "open" | "summary" => window::open(app, None),
        "refresh" => app.state::<AppState>().refresh.now(),
        "quit" => app.exit(0),
        _ => {
            let app = app.clone();
            tauri::async_runtime::spawn(async move { on_menu_task(&app, &id).await });
        }
    }
}

async fn on_menu_task(app: &AppHandle, id: &str) {
    let state = app.state::<AppState>();
    if id == "login" {
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
        if let Err(error) = state.store.run(move |s| settings.save(s)).await {
            log::error!("cannot save settings: {error}");
        }
    } else if let Some((provider, length)) =
        id.strip_prefix("snooze:").and_then(|s| s.split_once(':'))
    {
        let provider = provider.parse::<i64>().ok().map(ProviderId::new);
        let chosen = Snooze::parse(length).ok().zip(provider);
        if let Some((length, provider)) = chosen {
            if let Err(error) = snooze(&state, provider, length).await {
                log::error!("cannot snooze: {}", error.message);
            }
        }
    } else if let Some(provider) = id.strip_prefix("provider:") {
        window::open(app, Some(&format!("#/provider/{provider}")));
        return;
    } else if let Some(pause) = id.strip_prefix("pause:") {
        let pause = match pause {
            "hour" => Pause::Hour,
            "tomorrow" => Pause::Tomorrow,
            _ => Pause::Resume,
        };
        if let Err(error) = self::pause(&state, pause).await {
            log::error!("cannot pause notifications: {}", error.message);
        }
    }
    changed(app);
}

/// Pauses or resumes notifications (from the menu or the window); returns the settings.
pub async fn pause(state: &AppState, pause: Pause) -> Reply<Settings> {
    let now = chrono::Local::now();
    let settings = state
        .store
        .run(move |store| pause_notifications(store, pause, &now))
        .await?;
    // The alert loop sleeps until the next moment that matters: this may be a new one.
    state.events.signal();
    Ok(settings)
}

/// Snoozes a provider (from the menu or the window) and returns its rules.
pub async fn snooze(
    state: &AppState,
    provider_id: ProviderId,
    length: Snooze,
) -> Reply<ProviderRules> {
    let now = state.clock.now();
    let rules = state
        .store
        .run(move |store| snooze_provider(store, provider_id, length, now))
        .await?;
    state.events.signal();
    Ok(rules)
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
    let now = state.clock.now();
    let view = match state
        .reader
        .run(move |store| overview_in(store, paused, now, &chrono::Local))
        .await
    {
        Ok(view) => view,
        Err(error) => {
            log::error!("cannot read the overview: {error}");
            return "unknown".into();
        }
    };
    let next = TrayState::from_overview(&view);
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

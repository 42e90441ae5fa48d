//! The tray icon: its picture is the worst watched status (one icon per status from `icons/tray/`,
//! colour and shape), its tooltip says what is wrong, and its menu opens the window, lists the
//! providers with a problem, refreshes, pauses notifications, toggles start at login, and quits.

use crate::state::AppState;
use crate::window;
use lookout_alerts::{ProviderRules, Snooze};
use lookout_desktop::{overview, Pause, Settings, TrayState};
use lookout_poller::poll::lock;
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
    refresh(app);
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

fn on_menu(app: &AppHandle, event: MenuEvent) {
    let id = event.id.as_ref();
    let state = app.state::<AppState>();
    match id {
        "open" | "summary" => window::open(app, None),
        "refresh" => state.refresh.now(),
        "quit" => app.exit(0),
        "login" => {
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
            let mut settings = state.settings();
            settings.start_at_login = enable;
            save(app, &state, &settings);
        }
        _ => {
            if let Some((provider, length)) =
                id.strip_prefix("snooze:").and_then(|s| s.split_once(':'))
            {
                let chosen = Snooze::parse(length).ok().zip(provider.parse::<i64>().ok());
                if let Some((length, provider)) = chosen {
                    if let Err(error) = snooze(&state, provider, length) {
                        log::error!("cannot snooze: {}", error.message);
                    }
                    changed(app);
                }
            } else if let Some(provider) = id.strip_prefix("provider:") {
                window::open(app, Some(&format!("#/provider/{provider}")));
            } else if let Some(pause) = id.strip_prefix("pause:") {
                let pause = match pause {
                    "hour" => Pause::Hour,
                    "tomorrow" => Pause::Tomorrow,
                    _ => Pause::Resume,
                };
                let mut settings = state.settings();
                settings.notifications_paused_until = pause.until(&chrono::Local::now());
                save(app, &state, &settings);
            }
        }
    }
}

/// Snoozes a provider (from the menu or the window) and returns its rules.
pub fn snooze(
    state: &AppState,
    provider_id: i64,
    length: Snooze,
) -> Result<ProviderRules, lookout_desktop::CommandError> {
    let mut store = lock(&state.store);
    if store.provider(&provider_id.to_string())?.is_none() {
        return Err(
            lookout_desktop::DesktopError::NotFound(format!("no provider #{provider_id}")).into(),
        );
    }
    let mut rules =
        ProviderRules::load(&store, provider_id).map_err(lookout_desktop::CommandError::from)?;
    rules.snooze(length, state.clock.now());
    rules
        .save(&mut store, provider_id)
        .map_err(lookout_desktop::CommandError::from)?;
    Ok(rules)
}

fn save(app: &AppHandle, state: &AppState, settings: &Settings) {
    if let Err(error) = settings.save(&mut lock(&state.store)) {
        log::error!("cannot save settings: {error}");
    }
    changed(app);
}

/// Something stored changed: update the tray and tell the window to re-read.
pub fn changed(app: &AppHandle) {
    let worst = refresh(app);
    if let Err(error) = app.emit("status-changed", serde_json::json!({ "worst": worst })) {
        log::warn!("cannot tell the window: {error}");
    }
}

/// Brings the tray up to date with the store; returns the worst status word.
pub fn refresh(app: &AppHandle) -> String {
    let state = app.state::<AppState>();
    let paused = state.settings().notifications_paused_until;
    let now = state.clock.now();
    let view = match overview(&lock(&state.store), paused, now) {
        Ok(view) => view,
        Err(error) => {
            log::error!("cannot read the overview: {error}");
            return "unknown".into();
        }
    };
    let next = TrayState::from_overview(&view);
    let worst = next.status.as_str().to_string();
    let mut shown = state.tray.lock().unwrap_or_else(|e| e.into_inner());
    if shown.as_ref() == Some(&next) {
        return worst;
    }
    if let Some(tray) = app.tray_by_id(ID) {
        if shown.as_ref().map(|s| s.icon) != Some(next.icon) {
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
    *shown = Some(next);
    worst
}

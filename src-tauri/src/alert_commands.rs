//! The window's alert commands (contract in `docs/app-commands.md`, "Alerts"): quiet hours,
//! per-provider rules and snooze, alert sinks with "send test", and the delivery log.

use crate::error::Reply;
use crate::state::AppState;
use crate::tray;
use lookout_alerts::{
    add_sink as add, delivery_rows, send_test, sink_views, AlertSettings, DeliveryRow,
    EventChoices, NewSink, ProviderRules, QuietHours, SinkView, Snooze,
};
use lookout_core::{ProviderId, SinkId};
use lookout_desktop::{CommandError, DesktopError};
use lookout_store::Store;
use tauri::{AppHandle, State};

fn alert(error: lookout_alerts::AlertError) -> CommandError {
    CommandError::from(error)
}

fn known_provider(store: &Store, provider_id: ProviderId) -> Reply<()> {
    match store.provider(provider_id)? {
        Some(_) => Ok(()),
        None => Err(DesktopError::NotFound(format!("no provider #{provider_id}")).into()),
    }
}

#[tauri::command]
pub async fn alert_settings(state: State<'_, AppState>) -> Reply<AlertSettings> {
    state
        .reader
        .run(|store| AlertSettings::load(store))
        .await
        .map_err(alert)
}

/// The choices of events a new install alerts on: the window's own defaults come from here.
#[tauri::command]
pub fn default_event_choices() -> EventChoices {
    EventChoices::default()
}

#[tauri::command]
pub async fn set_quiet_hours(
    app: AppHandle,
    state: State<'_, AppState>,
    window: Option<String>,
    days: String,
    allow_major: bool,
) -> Reply<AlertSettings> {
    let quiet = match window.as_deref().map(str::trim).filter(|w| !w.is_empty()) {
        Some(window) => Some(QuietHours::parse(window, &days, allow_major).map_err(alert)?),
        None => None,
    };
    let settings = state
        .store
        .run(move |store| {
            store.atomically(|store| {
                let mut settings = AlertSettings::load(store)?;
                settings.quiet_hours = quiet;
                settings.save(store)?;
                Ok(settings)
            })
        })
        .await
        .map_err(alert)?;
    tray::changed(&app);
    Ok(settings)
}

#[tauri::command]
pub async fn provider_rules(
    state: State<'_, AppState>,
    provider_id: ProviderId,
) -> Reply<ProviderRules> {
    state
        .reader
        .run(move |store| {
            known_provider(store, provider_id)?;
            ProviderRules::load(store, provider_id).map_err(alert)
        })
        .await
}

#[tauri::command]
pub async fn save_provider_rules(
    app: AppHandle,
    state: State<'_, AppState>,
    provider_id: ProviderId,
    rules: ProviderRules,
) -> Reply<ProviderRules> {
    let saved = rules.clone();
    state
        .store
        .run(move |store| {
            known_provider(store, provider_id)?;
            saved.save(store, provider_id).map_err(alert)
        })
        .await?;
    tray::changed(&app);
    Ok(rules)
}

#[tauri::command]
pub async fn snooze_provider(
    app: AppHandle,
    state: State<'_, AppState>,
    provider_id: ProviderId,
    snooze: String,
) -> Reply<ProviderRules> {
    let snooze = Snooze::parse(&snooze).map_err(alert)?;
    let rules = crate::tray::snooze(&state, provider_id, snooze).await?;
    tray::changed(&app);
    Ok(rules)
}

#[tauri::command]
pub async fn sinks(state: State<'_, AppState>) -> Reply<Vec<SinkView>> {
    state
        .reader
        .run(|store| sink_views(store))
        .await
        .map_err(alert)
}

#[tauri::command]
pub async fn add_sink(state: State<'_, AppState>, request: NewSink) -> Reply<SinkView> {
    let now = state.clock.now();
    state
        .store
        .run(move |store| add(store, &request, now))
        .await
        .map_err(alert)
}

#[tauri::command]
pub async fn remove_sink(state: State<'_, AppState>, sink_id: SinkId) -> Reply<()> {
    state
        .store
        .run(move |store| store.remove_sink(sink_id))
        .await?;
    Ok(())
}

#[tauri::command]
pub async fn test_sink(state: State<'_, AppState>, sink_id: SinkId) -> Reply<()> {
    send_test(&state.store, &state.sender, sink_id, state.clock.now())
        .await
        .map_err(alert)
}

#[tauri::command]
pub async fn delivery_log(state: State<'_, AppState>, limit: u32) -> Reply<Vec<DeliveryRow>> {
    state
        .reader
        .run(move |store| delivery_rows(store, limit.clamp(1, 500)))
        .await
        .map_err(alert)
}
#[tauri::command]
pub async fn test_notification(app: AppHandle) -> Reply<()> {
    use tauri_plugin_notification::NotificationExt;
    app.notification()
        .builder()
        .title("Lookout test notification")
        .body("Desktop notifications from Lookout reach you.")
        .show()
        .map_err(|e| CommandError::internal(format!("the notification could not be shown: {e}")))
}

//! The window's alert commands (contract in `docs/app-commands.md`, "Alerts"): quiet hours,
//! per-provider rules and snooze, alert sinks with "send test", and the delivery log — each the
//! engine's operation (`lookout_engine::operations::alerts`), its arguments translated here.

use crate::error::Reply;
use crate::state::AppState;
use crate::tray;
use lookout_core::{ProviderId, SinkId};
use lookout_desktop::CommandError;
use lookout_engine::operations::alerts::{self as operations, Snooze};
use lookout_engine::operations::alerts::{
    AlertSettings, DeliveryRow, EventChoices, NewSink, ProviderRules, QuietHours, SinkView,
};
use tauri::{AppHandle, State};

#[tauri::command]
pub async fn alert_settings(state: State<'_, AppState>) -> Reply<AlertSettings> {
    Ok(state.lookout.alert_settings().await?)
}

/// The choices of events a new install alerts on: the window's own defaults come from here.
#[tauri::command]
pub fn default_event_choices() -> EventChoices {
    operations::default_event_choices()
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
        Some(window) => {
            Some(QuietHours::parse(window, &days, allow_major).map_err(CommandError::from)?)
        }
        None => None,
    };
    let settings = state.lookout.set_quiet_hours(quiet).await?;
    tray::changed(&app);
    Ok(settings)
}

#[tauri::command]
pub async fn provider_rules(
    state: State<'_, AppState>,
    provider_id: ProviderId,
) -> Reply<ProviderRules> {
    Ok(state.lookout.provider_rules(provider_id).await?)
}

#[tauri::command]
pub async fn save_provider_rules(
    app: AppHandle,
    state: State<'_, AppState>,
    provider_id: ProviderId,
    rules: ProviderRules,
) -> Reply<ProviderRules> {
    state
        .lookout
        .save_provider_rules(provider_id, rules.clone())
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
    let snooze = Snooze::parse(&snooze).map_err(CommandError::from)?;
    let rules = state.lookout.snooze(provider_id, snooze).await?;
    tray::changed(&app);
    Ok(rules)
}

#[tauri::command]
pub async fn sinks(state: State<'_, AppState>) -> Reply<Vec<SinkView>> {
    Ok(state.lookout.sinks().await?)
}

#[tauri::command]
pub async fn add_sink(state: State<'_, AppState>, request: NewSink) -> Reply<SinkView> {
    Ok(state.lookout.add_sink(request).await?)
}

#[tauri::command]
pub async fn remove_sink(state: State<'_, AppState>, sink_id: SinkId) -> Reply<()> {
    state.lookout.remove_sink(sink_id).await?;
    Ok(())
}

#[tauri::command]
pub async fn test_sink(state: State<'_, AppState>, sink_id: SinkId) -> Reply<()> {
    Ok(state.lookout.test_sink(sink_id).await?)
}

#[tauri::command]
pub async fn delivery_log(state: State<'_, AppState>, limit: u32) -> Reply<Vec<DeliveryRow>> {
    Ok(state.lookout.delivery_log(limit.clamp(1, 500)).await?)
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

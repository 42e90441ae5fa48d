//! The window's Tauri commands (contract in `docs/app-commands.md`): each reads or changes the
//! store through `lookout-desktop` and fails with a serialisable `{code, message}`.

use crate::error::Reply;
use crate::state::AppState;
use crate::tray;
use lookout_core::{IncidentRef, ProviderId};
use lookout_desktop::{
    add_provider as add, preview, read_history, AddProvider, CatalogCategory, CatalogEntry,
    CommandError, DesktopError, IncidentDetail, IncidentQuery, IncidentRow, MaintenanceRow,
    Overview, Pause, Preview, ProviderCard, Settings,
};
use tauri::{AppHandle, State};
use tauri_plugin_autostart::ManagerExt;
use tauri_plugin_opener::OpenerExt;

#[tauri::command]
pub async fn overview(state: State<'_, AppState>) -> Reply<Overview> {
    let paused = state.settings().await.notifications_paused_until;
    let now = state.lookout.clock.now();
    Ok(state
        .lookout
        .reader
        .run(move |store| lookout_desktop::overview_in(store, paused, now, &chrono::Local))
        .await?)
}

#[tauri::command]
pub async fn incidents(
    state: State<'_, AppState>,
    query: IncidentQuery,
) -> Reply<Vec<IncidentRow>> {
    let now = state.lookout.clock.now();
    Ok(state
        .lookout
        .reader
        .run(move |store| lookout_desktop::incidents(store, &query, now))
        .await?)
}

#[tauri::command]
pub async fn incident(
    state: State<'_, AppState>,
    provider_id: ProviderId,
    incident_id: String,
) -> Reply<IncidentDetail> {
    let now = state.lookout.clock.now();
    Ok(state
        .lookout
        .reader
        .run(move |store| {
            lookout_desktop::incident(store, &IncidentRef::new(provider_id, incident_id), now)
        })
        .await?)
}

#[tauri::command]
pub async fn follow_incident(
    state: State<'_, AppState>,
    provider_id: ProviderId,
    incident_id: String,
    follow: bool,
) -> Reply<IncidentDetail> {
    let now = state.lookout.clock.now();
    Ok(state
        .lookout
        .store
        .run(move |store| {
            let which = IncidentRef::new(provider_id, incident_id);
            lookout_desktop::follow_incident(store, &which, follow, now)
        })
        .await?)
}

#[tauri::command]
pub async fn maintenances(state: State<'_, AppState>) -> Reply<Vec<MaintenanceRow>> {
    let now = state.lookout.clock.now();
    Ok(state
        .lookout
        .reader
        .run(move |store| lookout_desktop::maintenances(store, now))
        .await?)
}

#[tauri::command]
pub async fn catalog_search(text: String) -> Reply<Vec<CatalogEntry>> {
    Ok(lookout_desktop::catalog_search(&text))
}

#[tauri::command]
pub async fn catalog_categories() -> Reply<Vec<CatalogCategory>> {
    Ok(lookout_desktop::catalog_categories())
}

#[tauri::command]
pub async fn catalog_category(category: String) -> Reply<Vec<CatalogEntry>> {
    Ok(lookout_desktop::catalog_category(&category))
}

#[tauri::command]
pub async fn preview_provider(state: State<'_, AppState>, url: String) -> Reply<Preview> {
    Ok(preview(&state.lookout.fetcher, &url, state.lookout.clock.now()).await?)
}

#[tauri::command]
pub async fn add_provider(
    app: AppHandle,
    state: State<'_, AppState>,
    request: AddProvider,
) -> Reply<ProviderCard> {
    let default_interval = state.settings().await.poll_interval_secs;
    let now = state.lookout.clock.now();
    // The history the page publishes is stored with it, so the window shows it at once.
    let history = read_history(&state.lookout.fetcher, &request, now).await;
    let card = state
        .lookout
        .store
        .run(move |store| add(store, &request, default_interval, history.as_ref(), now))
        .await?;
    state.lookout.refresh.now();
    tray::changed(&app);
    Ok(card)
}

#[tauri::command]
pub async fn remove_provider(
    app: AppHandle,
    state: State<'_, AppState>,
    provider_id: ProviderId,
) -> Reply<()> {
    state
        .lookout
        .store
        .run(move |store| store.remove_provider(provider_id))
        .await?;
    tray::changed(&app);
    Ok(())
}

#[tauri::command]
pub async fn set_watched(
    app: AppHandle,
    state: State<'_, AppState>,
    provider_id: ProviderId,
    component_ids: Vec<String>,
) -> Reply<ProviderCard> {
    let now = state.lookout.clock.now();
    let card = state
        .lookout
        .store
        .run(move |store| -> Reply<ProviderCard> {
            let provider = store
                .provider(provider_id)?
                .ok_or_else(|| DesktopError::NotFound(format!("no provider #{provider_id}")))?;
            store.set_watched_components(provider_id, &component_ids)?;
            Ok(lookout_desktop::provider_card(store, &provider, now)?)
        })
        .await?;
    tray::changed(&app);
    Ok(card)
}

#[tauri::command]
pub async fn settings(app: AppHandle, state: State<'_, AppState>) -> Reply<Settings> {
    let mut settings = state.settings().await;
    settings.start_at_login = app
        .autolaunch()
        .is_enabled()
        .unwrap_or(settings.start_at_login);
    Ok(settings)
}

#[tauri::command]
pub async fn save_settings(
    app: AppHandle,
    state: State<'_, AppState>,
    settings: Settings,
) -> Reply<Settings> {
    let autostart = app.autolaunch();
    if autostart.is_enabled().unwrap_or(false) != settings.start_at_login {
        let result = if settings.start_at_login {
            autostart.enable()
        } else {
            autostart.disable()
        };
        result.map_err(|e| CommandError::internal(format!("cannot change start at login: {e}")))?;
    }
    let saved = settings.clone();
    state
        .lookout
        .store
        .run(move |store| saved.save(store))
        .await?;
    tray::changed(&app);
    Ok(settings)
}

#[tauri::command]
pub async fn pause_notifications(
    app: AppHandle,
    state: State<'_, AppState>,
    pause: Pause,
) -> Reply<Settings> {
    let settings = tray::pause(&state, pause).await?;
    tray::changed(&app);
    Ok(settings)
}

#[tauri::command]
pub async fn refresh_now(state: State<'_, AppState>) -> Reply<()> {
    state.lookout.refresh.now();
    Ok(())
}

#[tauri::command]
pub async fn open_link(app: AppHandle, url: String) -> Reply<()> {
    let parsed = url::Url::parse(&url)
        .map_err(|_| DesktopError::InvalidInput(format!("not a link: {url}")))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(DesktopError::InvalidInput("only http(s) links are opened".into()).into());
    }
    app.opener()
        .open_url(parsed.as_str(), None::<&str>)
        .map_err(|e| CommandError::internal(format!("cannot open the link: {e}")))
}

//! The window's Tauri commands (contract in `docs/app-commands.md`): each asks the engine's
//! operation, has `lookout-desktop` shape the answer for the window, and fails with a
//! serialisable `{code, message}`.

use crate::error::Reply;
use crate::state::AppState;
use crate::tray;
use lookout_core::services::{ServiceSpec, ServiceState};
use lookout_core::{IncidentRef, ProviderId};
use lookout_desktop::{
    incident_detail, incident_rows, provider_card, AddProvider, CatalogCategory, CatalogEntry,
    CommandError, DesktopError, IncidentDetail, IncidentQuery, IncidentRow, MaintenanceRow,
    Overview, Pause, Preview, ProviderCard, Settings, Watching,
};
use lookout_engine::operations::following::Server;
use tauri::{AppHandle, State};
use tauri_plugin_autostart::ManagerExt;
use tauri_plugin_opener::OpenerExt;

#[tauri::command]
pub async fn overview(state: State<'_, AppState>) -> Reply<Overview> {
    let paused = state.settings().await.notifications_paused_until;
    let details = state.lookout.provider_details().await?;
    let now = state.lookout.clock.now();
    let overview = lookout_desktop::overview_in(details, paused, now, &chrono::Local);
    let server = state.following.as_ref().map(Server::masked);
    Ok(lookout_desktop::following_overview(
        overview,
        server.as_deref(),
    ))
}

#[tauri::command]
pub async fn incidents(
    state: State<'_, AppState>,
    query: IncidentQuery,
) -> Reply<Vec<IncidentRow>> {
    let list = state.lookout.incidents(query.filter()).await?;
    Ok(incident_rows(&list, state.lookout.clock.now()))
}

#[tauri::command]
pub async fn incident(
    state: State<'_, AppState>,
    provider_id: ProviderId,
    incident_id: String,
) -> Reply<IncidentDetail> {
    let which = IncidentRef::new(provider_id, incident_id);
    let record = state.lookout.incident(which).await?;
    Ok(incident_detail(record, state.lookout.clock.now()))
}

#[tauri::command]
pub async fn follow_incident(
    state: State<'_, AppState>,
    provider_id: ProviderId,
    incident_id: String,
    follow: bool,
) -> Reply<IncidentDetail> {
    let which = IncidentRef::new(provider_id, incident_id);
    let record = state.lookout.set_followed(which, follow).await?;
    Ok(incident_detail(record, state.lookout.clock.now()))
}

#[tauri::command]
pub async fn maintenances(state: State<'_, AppState>) -> Reply<Vec<MaintenanceRow>> {
    let list = state.lookout.maintenances(None).await?;
    Ok(lookout_desktop::maintenances(
        list,
        state.lookout.clock.now(),
    ))
}

/// Your services (`[[services]]`), the affected first.
#[tauri::command]
pub async fn services(state: State<'_, AppState>) -> Reply<Vec<ServiceState>> {
    Ok(state.lookout.services().await?)
}

/// Your services as `[[services]]` TOML, for the window's editor.
#[tauri::command]
pub async fn services_text(state: State<'_, AppState>) -> Reply<String> {
    Ok(state.lookout.services_text().await?)
}

/// Makes `text` (`[[services]]` only) your services; refused with the line at fault, nothing
/// changed.
#[tauri::command]
pub async fn save_services(
    app: AppHandle,
    state: State<'_, AppState>,
    text: String,
) -> Reply<Vec<ServiceState>> {
    let services = state.lookout.save_services_text(text).await?;
    tray::changed(&app);
    Ok(services)
}

/// Your services as stored, for the Settings form.
#[tauri::command]
pub async fn service_specs(state: State<'_, AppState>) -> Reply<Vec<ServiceSpec>> {
    Ok(state.lookout.service_specs().await?)
}

/// Makes `services` (from the Settings form) your services; refused with the part at fault,
/// nothing changed.
#[tauri::command]
pub async fn save_service_specs(
    app: AppHandle,
    state: State<'_, AppState>,
    services: Vec<ServiceSpec>,
) -> Reply<Vec<ServiceState>> {
    let services = state.lookout.save_service_specs(services).await?;
    tray::changed(&app);
    Ok(services)
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

/// The provider already watched that `text` (a name, an alias, a URL) names, if any: the Add
/// view says so before reading the page.
#[tauri::command]
pub async fn already_watching(state: State<'_, AppState>, text: String) -> Reply<Option<Watching>> {
    let providers = state.lookout.providers().await?;
    Ok(lookout_desktop::already_watching(&text, &providers))
}

#[tauri::command]
pub async fn preview_provider(state: State<'_, AppState>, url: String) -> Reply<Preview> {
    Ok(lookout_desktop::preview(&state.lookout, &url).await?)
}

#[tauri::command]
pub async fn add_provider(
    app: AppHandle,
    state: State<'_, AppState>,
    request: AddProvider,
) -> Reply<ProviderCard> {
    let default_interval = state.settings().await.poll_interval_secs;
    // The history the page publishes is stored with it, so the window shows it at once.
    let card = lookout_desktop::add_provider(&state.lookout, &request, default_interval).await?;
    tray::changed(&app);
    Ok(card)
}

#[tauri::command]
pub async fn remove_provider(
    app: AppHandle,
    state: State<'_, AppState>,
    provider_id: ProviderId,
) -> Reply<()> {
    state.lookout.remove_provider(provider_id).await?;
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
    let lookout = &state.lookout;
    lookout
        .set_watched_components(provider_id, component_ids)
        .await?;
    let detail = lookout.provider_detail(provider_id).await?;
    tray::changed(&app);
    Ok(provider_card(detail, lookout.clock.now()))
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
    settings.save(&state.lookout).await?;
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

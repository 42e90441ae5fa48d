//! The window's history commands (contract in `docs/app-commands.md`): a provider's bars and
//! reliability card, and "Export CSV" (the save dialog is opened here, by the app: the window
//! never names a file itself).

use crate::error::Reply;
use crate::state::AppState;
use lookout_core::ProviderId;
use lookout_desktop::{CommandError, DesktopError, ExportedFile, IncidentQuery, ProviderHistory};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

#[tauri::command]
pub async fn provider_history(
    state: State<'_, AppState>,
    provider_id: ProviderId,
    days: Option<u32>,
) -> Reply<ProviderHistory> {
    let now = state.lookout.clock.now();
    let days = days.unwrap_or(90);
    Ok(state
        .lookout
        .reader
        .run(move |store| {
            lookout_desktop::provider_history(store, provider_id, days, &chrono::Local, now)
        })
        .await?)
}

/// Asks where to save, then writes the incidents `query` selects there as CSV; answers where and
/// how many, or `null` when the user cancelled.
#[tauri::command]
pub async fn export_incidents(
    app: AppHandle,
    state: State<'_, AppState>,
    query: IncidentQuery,
) -> Reply<Option<ExportedFile>> {
    let (chosen, picked) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .set_title("Export incidents")
        .set_file_name("lookout-incidents.csv")
        .add_filter("CSV", &["csv"])
        .save_file(move |path| {
            let _ = chosen.send(path);
        });
    let Some(path) = picked.await.ok().flatten() else {
        return Ok(None);
    };
    let path = path
        .into_path()
        .map_err(|error| CommandError::from(DesktopError::InvalidInput(error.to_string())))?;
    let shown = path.display().to_string();
    let written = state
        .lookout
        .reader
        .run(move |store| {
            let file = std::fs::File::create(&path).map_err(|error| {
                DesktopError::InvalidInput(format!("cannot write {}: {error}", path.display()))
            })?;
            lookout_desktop::export_csv(store, &query, std::io::BufWriter::new(file))
        })
        .await?;
    Ok(Some(ExportedFile {
        path: shown,
        incidents: written,
    }))
}

//! The window's history commands (contract in `docs/app-commands.md`): a provider's bars and
//! reliability card, and "Export CSV" (the save dialog is opened here, by the app: the window
//! never names a file itself).

use crate::error::Reply;
use crate::state::AppState;
use lookout_core::ProviderId;
use lookout_desktop::{CommandError, DesktopError, ExportedFile, IncidentQuery, ProviderHistory};
use lookout_engine::operations::incidents::write_csv;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

#[tauri::command]
pub async fn provider_history(
    state: State<'_, AppState>,
    provider_id: ProviderId,
    days: Option<u32>,
) -> Reply<ProviderHistory> {
    let days = days.unwrap_or(90);
    let lookout = &state.lookout;
    let record = lookout
        .provider_history(provider_id, days, chrono::Local)
        .await?;
    let now = lookout.clock.now();
    Ok(lookout_desktop::provider_history(
        provider_id,
        record,
        &chrono::Local,
        now,
    ))
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
    let list = state.lookout.incidents(query.export_filter()).await?;
    let written = list.len();
    tokio::task::spawn_blocking(move || {
        let file = std::fs::File::create(&path).map_err(|error| {
            DesktopError::InvalidInput(format!("cannot write {}: {error}", path.display()))
        })?;
        write_csv(&list, std::io::BufWriter::new(file)).map_err(DesktopError::from)
    })
    .await
    .map_err(|error| CommandError::internal(error.to_string()))??;
    Ok(Some(ExportedFile {
        path: shown,
        incidents: written,
    }))
}

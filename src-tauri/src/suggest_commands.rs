//! "Suggest from a project folder" in Add a service (contract in `docs/app-commands.md`): the
//! folder is chosen in the app's own folder dialog (the window never names a path), then its
//! manifests are read as `lookout suggest` reads them. Nothing is sent anywhere.

use crate::error::Reply;
use crate::state::AppState;
use lookout_desktop::{folder_suggestions, CommandError, DesktopError, FolderSuggestions};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

/// Asks for a project folder, then answers the catalogue's vendors its manifests depend on;
/// `null` when the user cancelled.
#[tauri::command]
pub async fn suggest_from_folder(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Reply<Option<FolderSuggestions>> {
    let (chosen, picked) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .set_title("Choose a project folder")
        .pick_folder(move |path| {
            let _ = chosen.send(path);
        });
    let Some(path) = picked.await.ok().flatten() else {
        return Ok(None);
    };
    let folder = path
        .into_path()
        .map_err(|error| CommandError::from(DesktopError::InvalidInput(error.to_string())))?;
    let found = state.lookout.suggestions_from(vec![folder.clone()]).await?;
    Ok(Some(folder_suggestions(&folder, found)))
}

//! The window's probe commands (contract in `docs/app-commands.md`): a provider's probes listed,
//! suggested, added and removed; the watch loop picks changes up on its next scan.

use crate::error::Reply;
use crate::state::AppState;
use lookout_core::{ProbeId, ProviderId};
use lookout_desktop::{AddProbe, ProbeSuggestion, ProbeView};
use tauri::State;

#[tauri::command]
pub async fn provider_probes(
    state: State<'_, AppState>,
    provider_id: ProviderId,
) -> Reply<Vec<ProbeView>> {
    Ok(lookout_desktop::provider_probes(&state.lookout, provider_id).await?)
}

#[tauri::command]
pub async fn probe_suggestions(
    state: State<'_, AppState>,
    provider_id: ProviderId,
) -> Reply<Vec<ProbeSuggestion>> {
    Ok(lookout_desktop::probe_suggestions(&state.lookout, provider_id).await?)
}

#[tauri::command]
pub async fn add_probe(
    state: State<'_, AppState>,
    provider_id: ProviderId,
    request: AddProbe,
) -> Reply<Vec<ProbeView>> {
    Ok(lookout_desktop::add_probe(&state.lookout, provider_id, &request).await?)
}

#[tauri::command]
pub async fn remove_probe(
    state: State<'_, AppState>,
    provider_id: ProviderId,
    probe_id: ProbeId,
) -> Reply<Vec<ProbeView>> {
    Ok(lookout_desktop::remove_probe(&state.lookout, provider_id, probe_id).await?)
}

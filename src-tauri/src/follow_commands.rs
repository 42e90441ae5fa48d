//! The window's "Follow a Lookout server" (Settings): which server is followed, following one
//! (checked first: it must answer as a Lookout server and take the token; then the app restarts
//! on the database it keeps for following) and watching from this computer again (the app
//! restarts on the user's own database, as it was).

use crate::error::Reply;
use crate::state::AppState;
use lookout_desktop::FollowingView;
use lookout_engine::operations::following::{
    following_database, write_following, Following, Server,
};
use std::time::Duration;
use tauri::{AppHandle, State};

/// The server followed, if one is.
#[tauri::command]
pub async fn following(state: State<'_, AppState>) -> Reply<FollowingView> {
    Ok(FollowingView {
        server: state.following.as_ref().map(Server::masked),
        providers: None,
    })
}

/// Follows the `lookout serve` at `url` (with its `token`, if it asks for one) instead of the
/// vendors: checked, written to `following.json`, then the app restarts following it.
#[tauri::command]
pub async fn follow_server(
    app: AppHandle,
    state: State<'_, AppState>,
    url: String,
    token: Option<String>,
) -> Reply<FollowingView> {
    let following = Following {
        url,
        token: token.filter(|t| !t.trim().is_empty()),
    };
    let server = Server::new(&following)?;
    let providers = state.lookout.check_server(&server).await?;
    if state.following.is_none() {
        // The rules the user set here decide there too (quiet hours, pause, events chosen).
        let database = following_database(&state.local_db);
        state.lookout.carry_settings_to(database).await?;
    }
    write_following(&state.local_db, Some(&following))?;
    log::info!(
        "following {} ({providers} providers): restarting",
        server.masked()
    );
    restart_soon(app);
    Ok(FollowingView {
        server: Some(server.masked()),
        providers: Some(providers),
    })
}

/// Watches the vendors from this computer again: the app restarts on the user's own database.
#[tauri::command]
pub async fn watch_locally(app: AppHandle, state: State<'_, AppState>) -> Reply<FollowingView> {
    write_following(&state.local_db, None)?;
    log::info!("watching locally again: restarting");
    restart_soon(app);
    Ok(FollowingView {
        server: None,
        providers: None,
    })
}

/// Restarts the app once the command has answered (the engine stops in order first).
fn restart_soon(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(Duration::from_millis(300)).await;
        app.request_restart();
    });
}

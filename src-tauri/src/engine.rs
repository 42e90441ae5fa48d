//! The engine inside the app: the watch loop polling every provider on its schedule (providers
//! the CLI adds are picked up without a restart), and after each poll the OS notifications owed
//! and a tray/window update.

use crate::state::AppState;
use crate::tray;
use lookout_desktop::take_notifications;
use lookout_poller::poll::lock;
use lookout_poller::{watch, PollConfig, ProviderPoll};
use tauri::{AppHandle, Manager};
use tauri_plugin_notification::NotificationExt;

/// Starts polling in the background for as long as the app runs.
pub fn start(app: &AppHandle) {
    let handle = app.clone();
    let state = app.state::<AppState>();
    let (store, fetcher, clock, refresh) = (
        state.store.clone(),
        state.fetcher.clone(),
        state.clock.clone(),
        state.refresh.clone(),
    );
    tauri::async_runtime::spawn(async move {
        // Whatever was recorded while the app was closed (by the CLI) is notified once now.
        notify(&handle);
        watch(
            store,
            fetcher,
            clock,
            PollConfig::default(),
            refresh,
            |poll: &ProviderPoll| after_poll(&handle, poll),
            std::future::pending::<()>(),
        )
        .await;
    });
}

fn after_poll(app: &AppHandle, poll: &ProviderPoll) {
    if let Some(error) = &poll.error {
        log::info!("{}: {error}", poll.provider.name);
    }
    for event in &poll.events {
        log::info!("{}: {}", event.provider, event.kind.name());
    }
    notify(app);
    tray::changed(app);
}

/// Sends the notifications owed (at most one per provider), marking them in the ledger.
fn notify(app: &AppHandle) {
    let state = app.state::<AppState>();
    let settings = state.settings();
    let owed = take_notifications(&mut lock(&state.store), &settings, state.clock.now());
    let notifications = match owed {
        Ok(list) => list,
        Err(error) => {
            log::error!("cannot work out notifications: {error}");
            return;
        }
    };
    for notification in notifications {
        log::info!("notify: {} | {}", notification.title, notification.body);
        let shown = app
            .notification()
            .builder()
            .title(&notification.title)
            .body(&notification.body)
            .show();
        if let Err(error) = shown {
            log::warn!("the notification could not be shown: {error}");
        }
    }
}

//! The engine inside the app: the watch loop polling every provider on its schedule (providers
//! the CLI adds are picked up without a restart) with a tray/window update after each poll, and
//! the alert loop: every few seconds, the OS notifications owed (so changes of several providers
//! polled together are coalesced) and the webhook deliveries due, retries included.

use crate::state::AppState;
use crate::tray;
use lookout_alerts::deliver_webhooks;
use lookout_desktop::take_notifications;
use lookout_poller::poll::lock;
use lookout_poller::{watch, PollConfig, ProviderPoll};
use std::time::Duration;
use tauri::{AppHandle, Manager};

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
    let alerts = app.clone();
    tauri::async_runtime::spawn(async move { alert_loop(alerts).await });
    tauri::async_runtime::spawn(async move {
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
    tray::changed(app);
}

/// Alerts every [`ALERT_TICK`]: what was recorded while the app was closed (by the CLI) goes out
/// on the first tick, and the changes of providers polled within one tick share one pass.
async fn alert_loop(app: AppHandle) {
    loop {
        notify(&app);
        let state = app.state::<AppState>();
        let now = state.clock.now();
        match deliver_webhooks(&state.store, &state.sender, now, &chrono::Local).await {
            Ok(report) if report != Default::default() => log::info!("webhooks: {report:?}"),
            Ok(_) => {}
            Err(error) => log::error!("webhook alerts: {error}"),
        }
        tokio::time::sleep(ALERT_TICK).await;
    }
}

/// How often the alert loop runs.
const ALERT_TICK: Duration = Duration::from_secs(2);

/// Shows the OS notifications owed (at most one per provider), marked in the ledger first.
fn notify(app: &AppHandle) {
    let state = app.state::<AppState>();
    let owed = take_notifications(&mut lock(&state.store), state.clock.now(), &chrono::Local);
    let notifications = match owed {
        Ok(list) => list,
        Err(error) => {
            log::error!("cannot work out notifications: {error}");
            return;
        }
    };
    for notification in notifications {
        log::info!("notify: {} | {}", notification.title, notification.body);
        if let Err(error) = crate::os_notification::show(app, &notification) {
            log::warn!("the notification could not be shown: {error}");
        }
    }
}

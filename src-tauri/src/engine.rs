//! The engine inside the app: the watch loop polling every provider on its own schedule (kept
//! alive by `keep_watching`; providers the CLI adds are picked up without a restart) with a
//! tray/window update after each poll, and the alert loop, which runs a pass when events were
//! stored (by the app or by another process) and at the next moment that matters (a retry falls
//! due, a pause or snooze ends) — and otherwise sleeps.

use crate::state::AppState;
use crate::tray;
use lookout_alerts::deliver_webhooks;
use lookout_desktop::take_notifications;
use lookout_poller::{keep_watching, PollConfig, ProviderPoll};
use tauri::{AppHandle, Manager};

/// Starts polling and alerting in the background for as long as the app runs.
pub fn start(app: &AppHandle) {
    let handle = app.clone();
    let state = app.state::<AppState>();
    let watching = keep_watching(
        state.store.clone(),
        state.fetcher.clone(),
        state.clock.clone(),
        PollConfig::default(),
        state.refresh.clone(),
        state.events.clone(),
        move |poll: &ProviderPoll| after_poll(&handle, poll),
    );
    let alerts = app.clone();
    tauri::async_runtime::spawn(async move { alert_loop(alerts).await });
    tauri::async_runtime::spawn(watching);
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

/// What was recorded while the app was closed (by the CLI) goes out on the first pass; then a
/// pass runs on each "events stored" signal (changes of providers polled together share one
/// pass) and when the next queued delivery or pause/snooze end falls due.
async fn alert_loop(app: AppHandle) {
    let state = app.state::<AppState>();
    let mut reason = "start";
    loop {
        let now = state.clock.now();
        log::debug!("alert pass ({reason})");
        notify(&app).await;
        match deliver_webhooks(&state.store, &state.sender, now, &chrono::Local).await {
            Ok(report) if report != Default::default() => log::info!("webhooks: {report:?}"),
            Ok(_) => {}
            Err(error) => log::error!("webhook alerts: {error}"),
        }
        let next = state
            .reader
            .run(move |store| lookout_alerts::next_moment(store, now))
            .await
            .unwrap_or_else(|error| {
                log::error!("cannot work out the next alert pass: {error}");
                None
            });
        let wait = lookout_alerts::until_next(next, state.clock.now());
        log::debug!("alert loop asleep for {wait:?} or until events are stored");
        reason = tokio::select! {
            () = state.events.wait() => "events stored",
            () = tokio::time::sleep(wait) => "a moment that matters",
        };
    }
}

/// Shows the OS notifications owed (at most one per provider), marked in the ledger first.
async fn notify(app: &AppHandle) {
    let state = app.state::<AppState>();
    let now = state.clock.now();
    let owed = state
        .store
        .run(move |store| take_notifications(store, now, &chrono::Local))
        .await;
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

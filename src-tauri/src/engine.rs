//! The engine inside the app: the watch loop (kept alive by `keep_watching`; providers the CLI
//! adds are picked up without a restart) with a tray/window update after each poll, and the
//! alert loop shared with `lookout watch`, here also showing OS notifications.

use crate::state::AppState;
use crate::tray;
use lookout_alerts::{run_alert_loop, AlertLoop, Pass};
use lookout_desktop::{Notification, PollOutcome};
use lookout_poller::{keep_watching, PollConfig, ProviderPoll, Watch};
use tauri::{AppHandle, Manager};

/// Starts polling and alerting in the background for as long as the app runs.
pub fn start(app: &AppHandle) {
    let state = app.state::<AppState>();
    let setup = Watch {
        store: state.store.clone(),
        fetcher: state.fetcher.clone(),
        clock: state.clock.clone(),
        config: PollConfig::default(),
        refresh: state.refresh.clone(),
        events: state.events.clone(),
    };
    let alerts = AlertLoop {
        store: state.store.clone(),
        sender: state.sender.clone(),
        events: state.events.clone(),
        clock: state.clock.clone(),
        tz: chrono::Local,
        os_notifications: true,
    };
    let (polled, alerted) = (app.clone(), app.clone());
    let watching = keep_watching(setup, move |poll: &ProviderPoll| after_poll(&polled, poll));
    let alerting = run_alert_loop(alerts, move |pass| after_pass(&alerted, pass));
    // Both loops on one thread of their own: waking one thread for a poll costs a fraction of
    // waking the GUI runtime's workers (measured: idle CPU of `lookout watch` halved).
    let engine = std::thread::Builder::new()
        .name("lookout-engine".into())
        .spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build();
            let both = async {
                tokio::join!(watching, alerting);
            };
            match runtime {
                Ok(runtime) => runtime.block_on(both),
                Err(error) => {
                    log::warn!("the engine's own runtime cannot start ({error}): using the app's");
                    tauri::async_runtime::block_on(both);
                }
            }
        });
    if let Err(error) = engine {
        log::error!("the engine's thread cannot start: {error}");
    }
}

fn after_poll(app: &AppHandle, poll: &ProviderPoll) {
    if let Some(error) = &poll.error {
        log::info!("{}: {error}", poll.provider.name);
    }
    for event in &poll.events {
        log::info!("{}: {}", event.provider, event.kind.name());
    }
    let outcome = if poll.error.is_some() {
        PollOutcome::Failed
    } else if poll.unchanged && poll.events.is_empty() {
        PollOutcome::Quiet
    } else {
        PollOutcome::Changed
    };
    let state = app.state::<AppState>();
    let now = state.clock.now();
    let refresh = state
        .tray_refreshes
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .after_poll(poll.provider.id, outcome, now);
    if refresh {
        tray::changed(app);
    }
}

/// Shows the pass's OS notifications (at most one per provider; already marked in the ledger),
/// logs what the webhooks did, and brings the tray up to date: a pass runs when events were
/// stored — by this app or by another process (a suspicion another process cleared, an
/// incident `lookout poll` read) — or a snooze, pause or reminder came due, none of which a
/// quiet poll of this app would show before the next minute.
fn after_pass(app: &AppHandle, pass: Pass) {
    tray::changed(app);
    for message in pass.notifications {
        let notification = Notification::from(message);
        log::info!("notify: {} | {}", notification.title, notification.body);
        if let Err(error) = crate::os_notification::show(app, &notification) {
            log::warn!("the notification could not be shown: {error}");
        }
    }
    match pass.webhooks {
        Ok(report) if report != Default::default() => log::info!("webhooks: {report:?}"),
        Ok(_) => {}
        Err(error) => log::error!("webhook alerts: {error}"),
    }
}

//! The engine inside the app (`lookout_engine`, on a thread of its own): started with the app,
//! the tray brought up to date after polls, OS notifications shown after alert passes, and
//! stopped in order when the app quits; while following a team's server, its list of providers
//! kept up with.

use crate::state::AppState;
use crate::tray;
use lookout_desktop::{Notification, PollOutcome};
use lookout_engine::catalogue::{
    CatalogueCheck, CatalogueChecked, TrustedKey, UpdateRequest, DEFAULT_URL, TIMEOUT,
};
use lookout_engine::operations::following::Server;
use lookout_engine::{Engine, EngineOptions, Observer, Pass, PollConfig, ProviderPoll};
use std::sync::Arc;
use std::time::Duration;
use tauri::{AppHandle, Manager};

/// Starts polling, alerting and (unless `offline`) the weekly catalogue check on the engine's own
/// thread, for as long as the app runs (until [`stop`]).
pub fn start(app: &AppHandle, offline: bool) {
    let state = app.state::<AppState>();
    let mut poll = PollConfig::default();
    if let Some(server) = &state.following {
        // The team's server not answering is known at once: its providers are unknown from the
        // first failed read, never the last green they showed.
        poll.failure_threshold = 1;
        keep_up_with(app, server.clone());
    }
    let options = EngineOptions {
        poll,
        os_notifications: true,
        observer: Arc::new(AppObserver(app.clone())),
        catalogue: if offline {
            None
        } else {
            catalogue_check(&state)
        },
    };
    match Engine::start_on_own_thread(state.lookout.clone(), options) {
        Ok(engine) => *state.engine.lock().unwrap_or_else(|e| e.into_inner()) = Some(engine),
        Err(error) => log::error!("{error}"),
    }
}

/// How often the followed server's list of providers is read again.
const SERVER_LIST_EVERY: Duration = Duration::from_secs(60);

/// Keeps the providers those of the followed `server` (at once, then every
/// [`SERVER_LIST_EVERY`]) and reads them at each of its events, until the app quits.
fn keep_up_with(app: &AppHandle, server: Server) {
    let state = app.state::<AppState>();
    let (lookout, events_of, stop) = (
        state.lookout.clone(),
        server.clone(),
        state.stopping.clone(),
    );
    // Each event the server stores: its documents read at once.
    tauri::async_runtime::spawn(async move { lookout.follow_events(&events_of, stop).await });
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let state = app.state::<AppState>();
        loop {
            match state.lookout.sync_with_server(&server).await {
                Ok(synced) if synced != Default::default() => {
                    log::info!("{}: {synced:?}", server.masked());
                    tray::changed(&app);
                }
                Ok(_) => {}
                Err(error) => log::warn!("{}: {error}", server.masked()),
            }
            tokio::select! {
                _ = state.stopping.cancelled() => break,
                _ = tokio::time::sleep(SERVER_LIST_EVERY) => {}
            }
        }
    });
}

/// Stops the engine in order (polls in flight finished, quiet reads and deliveries written) as
/// the app quits: at most [`lookout_engine::SHUTDOWN_WITHIN`], then a little more for the
/// thread to answer.
pub fn stop(app: &AppHandle) {
    let state = app.state::<AppState>();
    state.stopping.cancel();
    let engine = state
        .engine
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .take();
    if let Some(engine) = engine {
        let within = lookout_engine::SHUTDOWN_WITHIN + Duration::from_millis(400);
        match engine.shutdown(within) {
            Some(shutdown) if shutdown.abandoned.is_empty() => log::info!("engine stopped"),
            Some(shutdown) => log::warn!("engine stopped, abandoning {:?}", shutdown.abandoned),
            None => log::warn!("the engine did not answer; quitting anyway"),
        }
    }
}

/// The weekly catalogue check: a first look two minutes after start, then one an hour (each
/// making a newer installed file the one in use; a download when a week has passed). The Add a
/// service view reads the catalogue in use at each search, so an update shows at once.
fn catalogue_check(state: &AppState) -> Option<CatalogueCheck> {
    let key = TrustedKey::from_environment()
        .inspect_err(|error| log::warn!("no catalogue check: {error}"))
        .ok()?;
    Some(CatalogueCheck {
        files: state.catalogue_files.clone(),
        request: UpdateRequest {
            url: DEFAULT_URL.to_string(),
            key,
            timeout: TIMEOUT,
        },
        first_look_after: Duration::from_secs(120),
        look_every: Duration::from_secs(3600),
        on_checked: Arc::new(|checked: &CatalogueChecked| {
            log::info!("catalogue check: {}", checked.outcome);
        }),
    })
}

/// The app's side of the engine: the tray after polls, notifications after alert passes.
struct AppObserver(AppHandle);

impl Observer for AppObserver {
    fn polled(&self, poll: &ProviderPoll) {
        after_poll(&self.0, poll);
    }

    fn alerted(&self, pass: Pass) {
        after_pass(&self.0, pass);
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
    let now = state.lookout.clock.now();
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

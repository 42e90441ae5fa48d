//! The one alert loop, run by the desktop app and by `lookout watch`: a pass at start (what was
//! recorded while nobody was running goes out), then whenever events were stored (by this
//! process or another) and at the next moment that matters (a retry falls due, a pause or a
//! snooze ends, a maintenance reminder is due) — and asleep in between, never on a timer — until
//! it is told to stop.

use crate::message::Message;
use crate::pass::{deliver_webhooks, take_os_notifications, DeliveryReport};
use crate::reminders::record_due_shared;
use crate::send::Sender;
use crate::wake::{next_moment, until_next};
use chrono::TimeZone;
use lookout_core::Clock;
use lookout_store::{EventsStored, SharedStore};
use std::sync::Arc;
use tokio_util::sync::CancellationToken;

/// What an alert loop works with.
#[derive(Debug, Clone)]
pub struct AlertLoop<Tz> {
    /// The database.
    pub store: SharedStore,
    /// The HTTP client for sinks.
    pub sender: Sender,
    /// Wakes the loop when events were stored.
    pub events: EventsStored,
    /// Time.
    pub clock: Arc<dyn Clock>,
    /// The user's time zone (quiet hours).
    pub tz: Tz,
    /// Whether this process shows OS notifications (the app does; `lookout watch` does not, so
    /// it never takes them from the app).
    pub os_notifications: bool,
}

/// What one pass did.
#[derive(Debug)]
pub struct Pass {
    /// Why it ran: "start", "events stored" or "a moment that matters".
    pub reason: &'static str,
    /// The OS notifications to show now (empty unless `os_notifications`).
    pub notifications: Vec<Message>,
    /// What the webhook sinks' deliveries did.
    pub webhooks: crate::Result<DeliveryReport>,
}

/// Runs alert passes until `stop` is cancelled, handing each pass to `on_pass`. A pass under
/// way when it is cancelled is finished (its deliveries written to the ledger) before this
/// returns; the engine bounds how long it waits.
pub async fn run_alert_loop<Tz, F>(setup: AlertLoop<Tz>, mut on_pass: F, stop: CancellationToken)
where
    Tz: TimeZone + Send + Sync + 'static,
    F: FnMut(Pass),
{
    let mut reason = "start";
    while !stop.is_cancelled() {
        let now = setup.clock.now();
        log::debug!("alert pass ({reason})");
        record_due_shared(&setup.store, now).await;
        let mut notifications = Vec::new();
        if setup.os_notifications {
            let tz = setup.tz.clone();
            let owed = setup
                .store
                .run(move |store| take_os_notifications(store, now, &tz))
                .await;
            match owed {
                Ok(owed) => notifications = owed,
                Err(error) => log::error!("cannot work out notifications: {error}"),
            }
        }
        let webhooks = deliver_webhooks(&setup.store, &setup.sender, now, &setup.tz).await;
        on_pass(Pass {
            reason,
            notifications,
            webhooks,
        });
        let next = setup
            .store
            .run(move |store| next_moment(store, now))
            .await
            .unwrap_or_else(|error| {
                log::error!("cannot work out the next alert pass: {error}");
                None
            });
        let wait = until_next(next, setup.clock.now());
        log::debug!(
            "alert loop asleep for {} s or until events are stored",
            wait.as_secs()
        );
        reason = tokio::select! {
            () = setup.events.wait() => "events stored",
            () = tokio::time::sleep(wait) => "a moment that matters",
            () = stop.cancelled() => return,
        };
    }
}

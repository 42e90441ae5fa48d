//! Resource-updated notifications: which resources the events stored touch, and the follower that
//! tells a session when one it subscribed to changed — `resources/subscribe` (protocol versions
//! with the `initialize` handshake) and `subscriptions/listen` (2026-07-28). Under `lookout serve`
//! the engine wakes the follower when events are stored; under stdio, beside the app or
//! `lookout watch` writing the database, the follower looks at the event ledger every few
//! seconds.

use super::resources;
use lookout_core::EventKind;
use lookout_engine::operations::events::{EventSubscription, RecordedEvent};
use lookout_engine::{EngineError, Lookout};
use rmcp::model::ResourceUpdatedNotificationParam;
use rmcp::service::{Peer, SubscriptionContext};
use rmcp::RoleServer;
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio_util::sync::{CancellationToken, DropGuard};

/// How often a stdio session looks at the event ledger for events another process stored.
pub const LOOK_EVERY: Duration = Duration::from_secs(2);

/// Where a session learns that events were stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Woken {
    /// The engine runs in this process (`lookout serve`) and signals each write.
    ByEngine,
    /// Another process writes (`lookout mcp`): look at the ledger every so often.
    Looking(Duration),
}

/// The resources one session subscribed to with `resources/subscribe`, and its follower (started
/// at the first subscription, stopped when the session ends).
#[derive(Debug)]
pub struct Subscribed {
    uris: Arc<Mutex<BTreeSet<String>>>,
    following: AtomicBool,
    ended: CancellationToken,
    _ends_with_session: DropGuard,
}

impl Default for Subscribed {
    fn default() -> Self {
        let ended = CancellationToken::new();
        Subscribed {
            uris: Arc::default(),
            following: AtomicBool::new(false),
            _ends_with_session: ended.clone().drop_guard(),
            ended,
        }
    }
}

impl Subscribed {
    /// Subscribes to `uri`; the first subscription starts following the events for `peer`.
    pub async fn add(
        &self,
        lookout: &Lookout,
        woken: Woken,
        uri: &str,
        peer: Peer<RoleServer>,
    ) -> Result<(), EngineError> {
        if !self.following.load(Ordering::Acquire) {
            let changes = ResourceChanges::start(lookout, woken).await?;
            if !self.following.swap(true, Ordering::AcqRel) {
                let (uris, ended) = (self.uris.clone(), self.ended.clone());
                tokio::spawn(notify_subscribed(changes, uris, peer, ended));
            }
        }
        lock(&self.uris).insert(uri.to_string());
        Ok(())
    }

    /// No more updates of `uri`.
    pub fn remove(&self, uri: &str) {
        lock(&self.uris).remove(uri);
    }
}

fn lock(uris: &Mutex<BTreeSet<String>>) -> std::sync::MutexGuard<'_, BTreeSet<String>> {
    uris.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Tells `peer` of each subscribed resource an event touched, until the session ends.
async fn notify_subscribed(
    mut changes: ResourceChanges,
    uris: Arc<Mutex<BTreeSet<String>>>,
    peer: Peer<RoleServer>,
    ended: CancellationToken,
) {
    loop {
        let touched = tokio::select! {
            () = ended.cancelled() => return,
            touched = changes.next() => touched,
        };
        let Ok(touched) = touched else {
            log::error!("MCP resource updates: the events stored cannot be read");
            return;
        };
        let wanted: Vec<String> = touched.intersection(&lock(&uris)).cloned().collect();
        for uri in wanted {
            let param = ResourceUpdatedNotificationParam::new(uri);
            if peer.notify_resource_updated(param).await.is_err() {
                return;
            }
        }
    }
}

/// `subscriptions/listen`: the accepted resources' updates, until the client cancels.
pub async fn listen(
    lookout: &Lookout,
    woken: Woken,
    context: SubscriptionContext,
) -> Result<(), EngineError> {
    let wanted: BTreeSet<String> = context
        .accepted()
        .resource_subscriptions
        .iter()
        .flatten()
        .cloned()
        .collect();
    if wanted.is_empty() {
        context.cancelled().await;
        return Ok(());
    }
    let mut changes = ResourceChanges::start(lookout, woken).await?;
    loop {
        let touched = tokio::select! {
            () = context.cancelled() => return Ok(()),
            touched = changes.next() => touched?,
        };
        for uri in touched.intersection(&wanted) {
            if context.sink().notify_resource_updated(uri).await.is_err() {
                return Ok(());
            }
        }
    }
}

/// The resources touched by the events stored from now on, batch by batch.
struct ResourceChanges {
    events: EventSubscription,
    look: Option<tokio::time::Interval>,
}

impl ResourceChanges {
    async fn start(lookout: &Lookout, woken: Woken) -> Result<ResourceChanges, EngineError> {
        let events = lookout.subscribe_events(None).await?;
        let look = match woken {
            Woken::ByEngine => None,
            Woken::Looking(every) => {
                let mut look = tokio::time::interval(every);
                look.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
                Some(look)
            }
        };
        Ok(ResourceChanges { events, look })
    }

    /// The resources the next events stored touch (never empty).
    async fn next(&mut self) -> Result<BTreeSet<String>, EngineError> {
        loop {
            let batch = match self.look.as_mut() {
                None => self.events.next().await?,
                // A look: the subscription reads the ledger again each time it is asked.
                Some(look) => tokio::select! {
                    batch = self.events.next() => batch?,
                    _ = look.tick() => continue,
                },
            };
            let touched = touched(&batch);
            if !touched.is_empty() {
                return Ok(touched);
            }
        }
    }
}

/// The resources `batch` changed: each event's provider, and the incident it is about.
fn touched(batch: &[RecordedEvent]) -> BTreeSet<String> {
    let mut uris = BTreeSet::new();
    for recorded in batch {
        uris.insert(resources::provider_uri(recorded.provider_id));
        if let Some(incident) = incident_of(&recorded.event.kind) {
            uris.insert(resources::incident_uri(recorded.provider_id, incident));
        }
    }
    uris
}

/// The incident an event is about, if it is about one.
fn incident_of(kind: &EventKind) -> Option<&str> {
    match kind {
        EventKind::IncidentOpened { incident_id, .. }
        | EventKind::IncidentUpdated { incident_id, .. }
        | EventKind::IncidentResolved { incident_id, .. } => Some(incident_id),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use lookout_core::{Event, ProviderId};

    fn recorded(id: i64, provider: i64, kind: EventKind) -> RecordedEvent {
        let at = Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap();
        RecordedEvent {
            id,
            provider_id: ProviderId::new(provider),
            event: Event {
                provider: "Acme".into(),
                at,
                kind,
            },
        }
    }

    #[test]
    fn an_event_touches_its_provider_and_the_incident_it_is_about() {
        let updated = EventKind::IncidentUpdated {
            incident_id: "inc/1".into(),
            title: "API down".into(),
            update_id: "u2".into(),
            status: lookout_core::IncidentStatus::Identified,
            body: "found".into(),
        };
        let batch = [
            recorded(1, 7, updated),
            recorded(2, 9, EventKind::ProviderRecovered),
        ];
        let uris: Vec<String> = touched(&batch).into_iter().collect();
        assert_eq!(
            uris,
            [
                "lookout://incidents/7/inc/1",
                "lookout://providers/7",
                "lookout://providers/9"
            ]
        );
        assert!(touched(&[]).is_empty());
    }
}

//! Which OS notifications recorded events deserve: only the kinds the user chose, only for
//! watched components, nothing while paused, at most one notification per provider per batch,
//! and each event handed over once (the store's ledger, across restarts and processes).

use crate::error::Result;
use crate::sanitize::plain_text;
use crate::settings::Settings;
use crate::views::status_label;
use chrono::{DateTime, Duration, Utc};
use lookout_core::event::human_duration;
use lookout_core::{ComponentStatus, EventKind};
use lookout_store::{Delivery, IncidentFilter, RecordedEvent, Store};
use serde::Serialize;
use std::collections::BTreeMap;

/// The ledger's name for the OS notification centre.
pub const OS_SINK: &str = "os";

/// Undelivered events older than this are not notified any more (a long-closed app does not
/// replay yesterday's incidents).
pub const HORIZON: Duration = Duration::hours(6);

/// One OS notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notification {
    /// The provider it is about.
    pub provider_id: i64,
    /// "Acme: partial outage".
    pub title: String,
    /// The incident's title and its latest update, plain text.
    pub body: String,
    /// Where a click on it leads in the window (`#/incident/<provider>/<incident>`).
    pub route: String,
}

/// The notifications owed at `now`, and the ledger updated so none is owed again: events the
/// user does not want are recorded as skipped, the others as sent.
pub fn take_notifications(
    store: &mut Store,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Result<Vec<Notification>> {
    let pending = store.undelivered(OS_SINK, now - HORIZON, now)?;
    let mut by_provider: BTreeMap<i64, Vec<RecordedEvent>> = BTreeMap::new();
    for event in pending {
        by_provider
            .entry(event.provider_id)
            .or_default()
            .push(event);
    }
    let paused = settings.paused_at(now);
    let mut notifications = Vec::new();
    let (mut sent, mut skipped) = (Vec::new(), Vec::new());
    for (provider_id, events) in by_provider {
        let mut wanted = Vec::new();
        for event in events {
            if !paused && wants(settings, &event.event.kind) && concerns_watched(store, &event)? {
                wanted.push(event);
            } else {
                skipped.push(event.id);
            }
        }
        if wanted.is_empty() {
            continue;
        }
        sent.extend(wanted.iter().map(|e| e.id));
        let status = store.provider_status(provider_id)?;
        notifications.push(compose(provider_id, &status, &wanted));
    }
    store.record_deliveries(&skipped, OS_SINK, Delivery::Skipped, None, now)?;
    store.record_deliveries(&sent, OS_SINK, Delivery::Sent, None, now)?;
    Ok(notifications)
}

fn wants(settings: &Settings, kind: &EventKind) -> bool {
    match kind {
        EventKind::IncidentOpened { .. } => settings.notify_incident_opened,
        EventKind::IncidentUpdated { .. } => settings.notify_incident_updated,
        EventKind::IncidentResolved { .. } => settings.notify_incident_resolved,
        EventKind::MaintenanceStarted { .. } => settings.notify_maintenance_started,
        EventKind::ComponentChanged { .. } => settings.notify_component_changed,
        EventKind::MaintenanceScheduled { .. }
        | EventKind::MaintenanceCompleted { .. }
        | EventKind::ProviderUnreachable { .. }
        | EventKind::ProviderRecovered => false,
    }
}

/// False only when the user watches some components and the event names components, none of
/// them watched (an incident that names no component may concern any, so it is kept).
fn concerns_watched(store: &Store, event: &RecordedEvent) -> Result<bool> {
    let watched = store.watched_components(event.provider_id)?;
    if watched.is_empty() {
        return Ok(true);
    }
    let named: Vec<String> = match &event.event.kind {
        EventKind::ComponentChanged { component_id, .. } => vec![component_id.clone()],
        EventKind::IncidentOpened { incident_id, .. }
        | EventKind::IncidentUpdated { incident_id, .. }
        | EventKind::IncidentResolved { incident_id, .. } => store
            .incidents(&IncidentFilter {
                provider_id: Some(event.provider_id),
                incident_id: Some(incident_id.clone()),
                ..IncidentFilter::default()
            })?
            .into_iter()
            .flat_map(|i| i.incident.component_ids)
            .collect(),
        EventKind::MaintenanceStarted { maintenance_id, .. } => store
            .maintenances(event.provider_id)?
            .into_iter()
            .filter(|m| &m.id == maintenance_id)
            .flat_map(|m| m.component_ids)
            .collect(),
        _ => Vec::new(),
    };
    Ok(named.is_empty() || named.iter().any(|id| watched.contains(id)))
}

/// How much an event matters for the notification's headline; the biggest wins.
fn weight(kind: &EventKind) -> u8 {
    match kind {
        EventKind::IncidentResolved { .. } => 5,
        EventKind::IncidentOpened { .. } => 4,
        EventKind::IncidentUpdated { .. } => 3,
        EventKind::MaintenanceStarted { .. } => 2,
        _ => 1,
    }
}

/// One notification for a provider's events of one batch (at least one).
fn compose(provider_id: i64, status: &ComponentStatus, events: &[RecordedEvent]) -> Notification {
    let provider = events[0].event.provider.clone();
    let headline = events
        .iter()
        .rev()
        .max_by_key(|e| weight(&e.event.kind))
        .map(|e| &e.event.kind)
        .unwrap_or(&events[0].event.kind);
    let (what, mut lines, route) = match headline {
        EventKind::IncidentResolved {
            incident_id,
            title,
            duration_seconds,
            ..
        } => (
            "resolved".to_string(),
            vec![match duration_seconds {
                Some(secs) => format!("{title} — resolved after {}", human_duration(*secs)),
                None => format!("{title} — resolved"),
            }],
            format!("#/incident/{provider_id}/{incident_id}"),
        ),
        EventKind::IncidentOpened {
            incident_id,
            title,
            status: incident_status,
            body,
            ..
        } => incident_lines(
            provider_id,
            status,
            incident_id,
            title,
            incident_status,
            body.as_deref(),
        ),
        EventKind::IncidentUpdated {
            incident_id,
            title,
            status: incident_status,
            body,
            ..
        } => incident_lines(
            provider_id,
            status,
            incident_id,
            title,
            incident_status,
            Some(body),
        ),
        EventKind::MaintenanceStarted { title, .. } => (
            "maintenance started".to_string(),
            vec![title.clone()],
            format!("#/provider/{provider_id}"),
        ),
        EventKind::ComponentChanged { component, to, .. } => (
            status_label(status),
            vec![format!("{component}: {}", status_label(to))],
            format!("#/provider/{provider_id}"),
        ),
        _ => (
            status_label(status),
            Vec::new(),
            format!("#/provider/{provider_id}"),
        ),
    };
    let others = events.len() - 1;
    if others > 0 {
        lines.push(format!(
            "and {others} more change{}",
            if others == 1 { "" } else { "s" }
        ));
    }
    Notification {
        provider_id,
        title: format!("{provider}: {what}"),
        body: lines.join("\n"),
        route,
    }
}

/// Headline word, lines and route for a new or updated incident: the provider's status when a
/// component shows it, else the incident's own status word.
fn incident_lines(
    provider_id: i64,
    status: &ComponentStatus,
    incident_id: &str,
    title: &str,
    incident_status: &lookout_core::IncidentStatus,
    body: Option<&str>,
) -> (String, Vec<String>, String) {
    let what = if status.is_operational() {
        incident_status.as_str().to_string()
    } else {
        status_label(status)
    };
    let mut lines = vec![title.to_string()];
    if let Some(text) = body.map(|b| plain_text(b, 200)).filter(|t| !t.is_empty()) {
        lines.push(text);
    }
    (
        what,
        lines,
        format!("#/incident/{provider_id}/{incident_id}"),
    )
}

//! Alert messages: one per provider per pass (its changes summed up: a headline and the latest
//! text), a summary when many providers change at once, the "offline" notice, and a test. The
//! message is also the generic webhook's documented JSON payload.

use crate::text::plain_text;
use chrono::{DateTime, TimeZone, Utc};
use lookout_core::event::human_duration;
use lookout_core::services::ServiceState;
use lookout_core::{ComponentStatus, Event, EventKind, IncidentStatus, ProviderId};
use serde::{Deserialize, Serialize};

/// What a message is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageKind {
    /// One provider's changes.
    Provider,
    /// Several providers changed at once.
    Summary,
    /// Every provider failed at once: the network is probably down.
    Offline,
    /// A "send test" from the user.
    Test,
}

/// The provider a message is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderRef {
    /// Local id.
    pub id: ProviderId,
    /// Display name.
    pub name: String,
    /// Its status page.
    pub url: String,
}

/// One alert, as sent to every kind of sink.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// Unique per message and sink, the same on every retry: the receiver's idempotency key.
    pub delivery_id: String,
    /// What it is about.
    pub kind: MessageKind,
    /// "Acme: partial outage".
    pub title: String,
    /// The incident's title and latest update, plain text (several lines).
    pub text: String,
    /// The worst status involved.
    pub status: ComponentStatus,
    /// The provider, for single-provider messages.
    pub provider: Option<ProviderRef>,
    /// The changes it reports, as the engine recorded them.
    pub events: Vec<Event>,
    /// Your services a vendor it is about affects now (`[[services]]`), affected first by
    /// criticality; empty when none is (or none is described).
    #[serde(default)]
    pub affected_services: Vec<String>,
    /// When it was composed.
    pub created_at: DateTime<Utc>,
}

impl Message {
    /// The message saying which of your services the vendors it is about affect now: the
    /// names in `affected_services` and a last line of its text.
    pub fn affecting(mut self, services: Vec<String>) -> Message {
        if !services.is_empty() {
            self.text
                .push_str(&format!("\nAffects your services: {}", services.join(", ")));
        }
        self.affected_services = services;
        self
    }
}

/// The names of the `services` affected now through a part of `provider` (its name).
pub fn services_affected_by(services: &[ServiceState], provider: &str) -> Vec<String> {
    services
        .iter()
        .filter(|s| s.affected)
        .filter(|s| {
            s.dependencies.iter().any(|d| {
                d.provider.eq_ignore_ascii_case(provider)
                    && (!d.status.is_operational() || d.suspected)
            })
        })
        .map(|s| s.name.clone())
        .collect()
}

fn weight(kind: &EventKind) -> u8 {
    match kind {
        EventKind::IncidentResolved { .. } => 6,
        EventKind::IncidentOpened { .. } => 5,
        EventKind::IncidentUpdated { .. } => 4,
        EventKind::SuspectedOutage { .. } => 4,
        EventKind::ProviderUnreachable { .. } => 3,
        EventKind::MaintenanceStarted { .. } | EventKind::MaintenanceSoon { .. } => 2,
        _ => 1,
    }
}

/// What an event is about: one incident, maintenance, component, or the page itself.
fn subject(kind: &EventKind) -> String {
    match kind {
        EventKind::IncidentOpened { incident_id, .. }
        | EventKind::IncidentUpdated { incident_id, .. }
        | EventKind::IncidentResolved { incident_id, .. } => format!("incident:{incident_id}"),
        EventKind::MaintenanceScheduled { maintenance_id, .. }
        | EventKind::MaintenanceSoon { maintenance_id, .. }
        | EventKind::MaintenanceStarted { maintenance_id, .. }
        | EventKind::MaintenanceCompleted { maintenance_id, .. } => {
            format!("maintenance:{maintenance_id}")
        }
        EventKind::ComponentChanged { component_id, .. } => format!("component:{component_id}"),
        EventKind::ProviderUnreachable { .. } | EventKind::ProviderRecovered => "page".into(),
        EventKind::SuspectedOutage { .. }
        | EventKind::SuspectedCleared { .. }
        | EventKind::NetworkOffline { .. } => "probes".into(),
    }
}

/// The headline word and lines for a new or updated incident: the provider's status when a
/// component shows it, else the incident's own status word.
fn incident_lines(
    status: &ComponentStatus,
    title: &str,
    is: &IncidentStatus,
    body: Option<&str>,
) -> (String, Vec<String>) {
    let what = if status.is_operational() {
        is.as_str().to_string()
    } else {
        status.label()
    };
    let mut lines = vec![title.to_string()];
    lines.extend(body.map(|b| plain_text(b, 200)).filter(|t| !t.is_empty()));
    (what, lines)
}

/// The message for one provider's changes in one pass (`events` not empty). `status` is the
/// provider's status now; times of day are written in `tz` (the user's time zone).
pub fn for_provider<Tz: TimeZone>(
    delivery_id: String,
    provider: ProviderRef,
    status: &ComponentStatus,
    events: Vec<Event>,
    now: DateTime<Utc>,
    tz: &Tz,
) -> Message {
    let headline = events
        .iter()
        .rev()
        .max_by_key(|e| weight(&e.kind))
        .map(|e| e.kind.clone())
        .unwrap_or(EventKind::ProviderRecovered);
    let (what, mut lines) = headline_lines(&headline, status, tz);
    let mut subjects: Vec<String> = events.iter().map(|e| subject(&e.kind)).collect();
    subjects.sort();
    subjects.dedup();
    let others = subjects.len().saturating_sub(1);
    if others > 0 {
        lines.push(format!(
            "and {others} more change{}",
            if others == 1 { "" } else { "s" }
        ));
    }
    Message {
        delivery_id,
        kind: MessageKind::Provider,
        title: format!("{}: {what}", provider.name),
        text: lines.join("\n"),
        status: status.clone(),
        provider: Some(provider),
        events,
        affected_services: Vec::new(),
        created_at: now,
    }
}

/// What the headline change says: the title's word after the provider's name, and its lines.
fn headline_lines<Tz: TimeZone>(
    headline: &EventKind,
    status: &ComponentStatus,
    tz: &Tz,
) -> (String, Vec<String>) {
    match headline {
        EventKind::IncidentResolved {
            title,
            duration_seconds,
            ..
        } => (
            "resolved".to_string(),
            vec![resolved_line(title, *duration_seconds)],
        ),
        EventKind::IncidentOpened {
            title,
            status: is,
            body,
            ..
        } => incident_lines(status, title, is, body.as_deref()),
        EventKind::IncidentUpdated {
            title,
            status: is,
            body,
            ..
        } => incident_lines(status, title, is, Some(body)),
        EventKind::ProviderUnreachable { reason } => {
            ("unknown".to_string(), vec![unreachable_line(reason)])
        }
        EventKind::ProviderRecovered => {
            (status.label(), vec!["Its status page reads again.".into()])
        }
        EventKind::SuspectedOutage { .. } => {
            ("suspected outage".into(), vec![headline.summary_in(tz)])
        }
        EventKind::SuspectedCleared { probes_removed, .. } => (
            cleared_word(*probes_removed).into(),
            vec![headline.summary_in(tz)],
        ),
        EventKind::NetworkOffline { .. } => ("offline".into(), vec![headline.summary_in(tz)]),
        EventKind::MaintenanceScheduled { title, .. } => {
            ("maintenance scheduled".into(), vec![title.clone()])
        }
        EventKind::MaintenanceSoon { .. } => {
            ("maintenance soon".into(), vec![headline.summary_in(tz)])
        }
        EventKind::MaintenanceStarted { title, .. } => {
            ("maintenance started".into(), vec![title.clone()])
        }
        EventKind::MaintenanceCompleted { title, .. } => {
            ("maintenance completed".into(), vec![title.clone()])
        }
        EventKind::ComponentChanged { component, to, .. } => {
            (status.label(), vec![format!("{component}: {}", to.label())])
        }
    }
}

/// Why the page is unknown, the vendor's words (as `reason` carries them) cut short.
fn unreachable_line(reason: &str) -> String {
    format!(
        "Lookout cannot read its status page: {}",
        plain_text(reason, 160)
    )
}

/// The title's word for a suspicion that ended: withdrawn with the probes, or over.
fn cleared_word(probes_removed: bool) -> &'static str {
    if probes_removed {
        "suspicion withdrawn"
    } else {
        "probes pass again"
    }
}

/// "{title} — resolved after {its length}", or without its length when none is known.
fn resolved_line(title: &str, duration_seconds: Option<i64>) -> String {
    match duration_seconds {
        Some(secs) => format!("{title} — resolved after {}", human_duration(secs)),
        None => format!("{title} — resolved"),
    }
}

/// One message for many providers' messages of the same pass.
pub fn summary(delivery_id: String, parts: Vec<Message>, now: DateTime<Utc>) -> Message {
    let status = ComponentStatus::worst(parts.iter().map(|m| &m.status));
    let lines: Vec<String> = parts
        .iter()
        .map(|m| match m.text.lines().next() {
            Some(first) => format!("{} — {first}", m.title),
            None => m.title.clone(),
        })
        .collect();
    let mut affected_services: Vec<String> = Vec::new();
    for name in parts.iter().flat_map(|m| &m.affected_services) {
        if !affected_services.contains(name) {
            affected_services.push(name.clone());
        }
    }
    Message {
        affected_services,
        delivery_id,
        kind: MessageKind::Summary,
        title: format!("{} services changed", parts.len()),
        text: lines.join("\n"),
        status,
        provider: None,
        events: parts.into_iter().flat_map(|m| m.events).collect(),
        created_at: now,
    }
}

/// The one notice for every provider failing at once.
pub fn offline(
    delivery_id: String,
    providers: usize,
    events: Vec<Event>,
    now: DateTime<Utc>,
) -> Message {
    Message {
        delivery_id,
        kind: MessageKind::Offline,
        title: "You appear to be offline".into(),
        text: if events
            .iter()
            .any(|e| matches!(e.kind, EventKind::NetworkOffline { .. }))
        {
            "Every probe of several services fails at once: your network looks down, not theirs. \
             Lookout raises no suspected outage meanwhile."
                .to_string()
        } else {
            format!(
                "Lookout cannot reach any of the {providers} status pages it watches; it keeps \
                 trying and shows them as unknown meanwhile."
            )
        },
        status: ComponentStatus::Unknown,
        provider: None,
        events,
        affected_services: Vec::new(),
        created_at: now,
    }
}

/// A test message for a sink.
pub fn test(delivery_id: String, sink_name: &str, now: DateTime<Utc>) -> Message {
    Message {
        delivery_id,
        kind: MessageKind::Test,
        title: "Lookout test alert".into(),
        text: format!("Alerts from Lookout reach {sink_name}."),
        status: ComponentStatus::Operational,
        provider: None,
        events: Vec::new(),
        affected_services: Vec::new(),
        created_at: now,
    }
}

//! Paging services (PagerDuty Events API v2 and Opsgenie): which changes page (a new or updated
//! incident triggers, its resolution resolves; a suspected outage triggers, its clearing
//! resolves; nothing else), the de-duplication key that makes every Lookout watching the same
//! vendor open one alert per incident, and the JSON bodies each service receives.

use crate::message::{Message, MessageKind, ProviderRef};
use lookout_core::{ComponentStatus, EventKind};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// PagerDuty's Events API v2 address.
pub const PAGERDUTY_ENDPOINT: &str = "https://events.pagerduty.com/v2/enqueue";

/// Opsgenie's API base address (EU accounts use `https://api.eu.opsgenie.com`).
pub const OPSGENIE_ENDPOINT: &str = "https://api.opsgenie.com";

/// What a request asks of the paging service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PagingAction {
    /// Open (or update) the alert with this key.
    Trigger,
    /// Close the alert with this key.
    Resolve,
}

/// One request to a paging service, worked out from a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PagingRequest {
    /// Trigger or resolve.
    pub action: PagingAction,
    /// The de-duplication key (PagerDuty's `dedup_key`, Opsgenie's `alias`): see [`paging_key`].
    pub key: String,
    /// One line: "Acme: Elevated API errors".
    pub summary: String,
    /// `critical`, `error`, `warning` or `info` (PagerDuty's words).
    pub severity: &'static str,
    /// The provider's name ("Lookout" for a test).
    pub provider: String,
    /// The provider's status page.
    pub url: String,
    /// The message's text, for the alert's description.
    pub text: String,
    /// What the request is about: `incident`, `suspected_outage` or `test`.
    pub class: &'static str,
    /// The vendor's incident id, for an incident.
    pub incident_id: Option<String>,
}

/// Whether a change of this kind pages: incidents and suspected outages do; component
/// changes, maintenances and unreachable pages do not (they stay in the other sinks).
pub fn is_paged(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::IncidentOpened { .. }
            | EventKind::IncidentUpdated { .. }
            | EventKind::IncidentResolved { .. }
            | EventKind::SuspectedOutage { .. }
            | EventKind::SuspectedCleared { .. }
    )
}

/// The key of what `subject` names on the status page at `url`: the hex SHA-256 of
/// `"<url>#<subject>"` (the URL without a trailing `/`), so two Lookouts with their own
/// databases watching the same page send the same key. `subject` is the vendor's incident id,
/// or `suspected` for a suspected outage.
pub fn paging_key(url: &str, subject: &str) -> String {
    let url = url::Url::parse(url.trim())
        .map(|u| u.to_string())
        .unwrap_or_else(|_| url.trim().to_string());
    let digest = Sha256::digest(format!("{}#{subject}", url.trim_end_matches('/')).as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// PagerDuty's severity for a provider's status.
fn severity(status: &ComponentStatus) -> &'static str {
    match status {
        ComponentStatus::MajorOutage => "critical",
        ComponentStatus::PartialOutage => "error",
        ComponentStatus::DegradedPerformance => "warning",
        _ => "info",
    }
}

/// The paging requests `message` asks for, in the order of its changes (see [`push`] for how
/// requests of one key in one message are merged). A test triggers and resolves its own key;
/// summaries and offline notices never page (the planner does not make them for paging sinks).
pub fn paging_requests(message: &Message) -> Vec<PagingRequest> {
    if message.kind == MessageKind::Test {
        return test_requests(message);
    }
    let mut out: Vec<PagingRequest> = Vec::new();
    let mut opened: Vec<String> = Vec::new();
    let Some(provider) = message
        .provider
        .as_ref()
        .filter(|_| message.kind == MessageKind::Provider)
    else {
        return out;
    };
    for event in &message.events {
        if let Some(request) = requested(&event.kind, provider, message) {
            let opens = matches!(
                event.kind,
                EventKind::IncidentOpened { .. } | EventKind::SuspectedOutage { .. }
            );
            push(&mut out, request, opens, &mut opened);
        }
    }
    out
}

/// A test: an alert of its own, triggered and resolved at once.
fn test_requests(message: &Message) -> Vec<PagingRequest> {
    let request = PagingRequest {
        action: PagingAction::Trigger,
        key: paging_key("lookout:test", &message.delivery_id),
        summary: message.title.clone(),
        severity: "info",
        provider: "Lookout".into(),
        url: String::new(),
        text: message.text.clone(),
        class: "test",
        incident_id: None,
    };
    let resolve = PagingRequest {
        action: PagingAction::Resolve,
        ..request.clone()
    };
    vec![request, resolve]
}

/// The request one change of `provider` asks for, if it pages.
fn requested(kind: &EventKind, provider: &ProviderRef, message: &Message) -> Option<PagingRequest> {
    let (action, subject, summary, status, class) = match kind {
        EventKind::IncidentOpened {
            incident_id,
            title,
            impact,
            ..
        } => (
            PagingAction::Trigger,
            incident_id.as_str(),
            title.clone(),
            impact.implied_status().worse(message.status.clone()),
            "incident",
        ),
        EventKind::IncidentUpdated {
            incident_id, title, ..
        } => (
            PagingAction::Trigger,
            incident_id.as_str(),
            title.clone(),
            message.status.clone(),
            "incident",
        ),
        EventKind::IncidentResolved {
            incident_id, title, ..
        } => (
            PagingAction::Resolve,
            incident_id.as_str(),
            title.clone(),
            ComponentStatus::Operational,
            "incident",
        ),
        EventKind::SuspectedOutage { .. } | EventKind::SuspectedCleared { .. } => (
            if matches!(kind, EventKind::SuspectedOutage { .. }) {
                PagingAction::Trigger
            } else {
                PagingAction::Resolve
            },
            SUSPECTED,
            kind.summary(),
            ComponentStatus::PartialOutage,
            "suspected_outage",
        ),
        _ => return None,
    };
    Some(PagingRequest {
        action,
        key: paging_key(&provider.url, subject),
        summary: cut(&format!("{}: {summary}", provider.name), 1000),
        severity: severity(&status),
        provider: provider.name.clone(),
        url: provider.url.clone(),
        text: message.text.clone(),
        class,
        incident_id: (class == "incident").then(|| subject.to_string()),
    })
}

/// Adds `request` to `out`: an update replaces the trigger of the same key before it (one
/// trigger, the latest), and a resolve replaces the updates before it, unless the alert opened in
/// this same message (then it is opened and resolved, so that a short incident is on record).
fn push(
    out: &mut Vec<PagingRequest>,
    request: PagingRequest,
    opens: bool,
    opened: &mut Vec<String>,
) {
    let was_opened = opened.contains(&request.key);
    if opens {
        opened.push(request.key.clone());
    }
    let same = |p: &PagingRequest| p.key == request.key && p.action == PagingAction::Trigger;
    match request.action {
        PagingAction::Trigger if out.iter().any(same) => {
            out.retain(|p| !same(p));
            out.push(request);
        }
        PagingAction::Resolve if !was_opened => {
            out.retain(|p| !same(p));
            out.push(request);
        }
        _ => out.push(request),
    }
}

/// `text` cut to at most `max` characters (with an ellipsis); the messages are plain already.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let kept: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// The subject of a provider's suspected outage in [`paging_key`].
pub const SUSPECTED: &str = "suspected";

/// The Events API v2 body for `request` (`routing_key` is the integration's key).
pub fn pagerduty_event(request: &PagingRequest, routing_key: &str, delivery_id: &str) -> Value {
    match request.action {
        PagingAction::Resolve => json!({
            "routing_key": routing_key,
            "event_action": "resolve",
            "dedup_key": request.key,
        }),
        PagingAction::Trigger => json!({
            "routing_key": routing_key,
            "event_action": "trigger",
            "dedup_key": request.key,
            "payload": {
                "summary": request.summary,
                "source": if request.url.is_empty() { "lookout" } else { request.url.as_str() },
                "severity": request.severity,
                "component": request.provider,
                "class": request.class,
                "custom_details": details(request, delivery_id),
            },
            "client": "Lookout",
            "links": links(request),
        }),
    }
}

fn links(request: &PagingRequest) -> Value {
    if request.url.is_empty() {
        json!([])
    } else {
        json!([{ "href": request.url, "text": format!("{} status page", request.provider) }])
    }
}

/// Extra fields, strings only (Opsgenie's `details` takes nothing else).
fn details(request: &PagingRequest, delivery_id: &str) -> Value {
    let mut details = json!({
        "provider": request.provider,
        "status_page": request.url,
        "text": request.text,
        "lookout_delivery_id": delivery_id,
    });
    if let (Some(id), Some(map)) = (&request.incident_id, details.as_object_mut()) {
        map.insert("incident_id".into(), json!(id));
    }
    details
}

/// The Opsgenie "create alert" body for a trigger (`POST {base}/v2/alerts`).
pub fn opsgenie_alert(request: &PagingRequest, delivery_id: &str) -> Value {
    let mut description = request.text.clone();
    if !request.url.is_empty() {
        description = format!("{description}\n\n{}", request.url);
    }
    json!({
        "message": cut(&request.summary, 130),
        "alias": request.key,
        "description": cut(&description, 15000),
        "source": "Lookout",
        "entity": request.provider,
        "priority": match request.severity {
            "critical" => "P1",
            "error" => "P2",
            "warning" => "P3",
            _ => "P5",
        },
        "tags": ["lookout", request.class],
        "details": details(request, delivery_id),
    })
}

/// The Opsgenie "close alert" body for a resolve
/// (`POST {base}/v2/alerts/{alias}/close?identifierType=alias`).
pub fn opsgenie_close(request: &PagingRequest) -> Value {
    json!({
        "source": "Lookout",
        "note": cut(&format!("Resolved: {}", request.summary), 1000),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_the_same_for_the_same_page_however_its_url_is_written() {
        let key = paging_key("https://status.acme.com", "abc123");
        assert_eq!(key, paging_key("https://STATUS.acme.com/", "abc123"));
        assert_ne!(key, paging_key("https://status.acme.com", "abc124"));
        assert_eq!(key.len(), 64);
        assert!(key.chars().all(|c| c.is_ascii_hexdigit()));
        let direct: String = Sha256::digest(b"https://status.acme.com#abc123")
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(key, direct);
    }
}

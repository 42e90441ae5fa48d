//! Paging services (PagerDuty Events API v2 and Opsgenie): which changes page (a new or updated
//! incident triggers, its resolution resolves; a suspected outage triggers, its clearing
//! resolves; nothing else), the de-duplication key that makes every Lookout watching the same
//! vendor open one page per incident, and the JSON bodies each service receives.

use crate::message::{Message, MessageKind, ProviderRef};
use lookout_core::{ComponentStatus, EventKind};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// PagerDuty's Events API v2 address.
pub const PAGERDUTY_ENDPOINT: &str = "https://events.pagerduty.com/v2/enqueue";

/// Opsgenie's API base address (EU accounts use `https://api.eu.opsgenie.com`).
pub const OPSGENIE_ENDPOINT: &str = "https://api.opsgenie.com";

/// What a page asks of the paging service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageAction {
    /// Open (or update) the alert with this key.
    Trigger,
    /// Close the alert with this key.
    Resolve,
}

/// One request to a paging service, worked out from a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Trigger or resolve.
    pub action: PageAction,
    /// The de-duplication key (PagerDuty's `dedup_key`, Opsgenie's `alias`): see [`page_key`].
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
    /// What the page is about: `incident`, `suspected_outage` or `test`.
    pub class: &'static str,
    /// The vendor's incident id, for an incident.
    pub incident_id: Option<String>,
}

/// Whether a change of this kind pages: incidents and suspected outages do; component
/// changes, maintenances and unreachable pages do not (they stay in the other sinks).
pub fn pages_for(kind: &EventKind) -> bool {
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
pub fn page_key(url: &str, subject: &str) -> String {
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

/// The pages `message` asks for, in the order of its changes (see [`push`] for how pages of
/// one key in one message are merged). A test triggers and resolves its own key; summaries
/// and offline notices never page (the planner does not make them for paging sinks).
pub fn pages(message: &Message) -> Vec<Page> {
    if message.kind == MessageKind::Test {
        return test_pages(message);
    }
    let mut out: Vec<Page> = Vec::new();
    let mut opened: Vec<String> = Vec::new();
    let Some(provider) = message
        .provider
        .as_ref()
        .filter(|_| message.kind == MessageKind::Provider)
    else {
        return out;
    };
    for event in &message.events {
        if let Some(page) = page_for(&event.kind, provider, message) {
            let opens = matches!(
                event.kind,
                EventKind::IncidentOpened { .. } | EventKind::SuspectedOutage { .. }
            );
            push(&mut out, page, opens, &mut opened);
        }
    }
    out
}

/// A test: an alert of its own, triggered and resolved at once.
fn test_pages(message: &Message) -> Vec<Page> {
    let page = Page {
        action: PageAction::Trigger,
        key: page_key("lookout:test", &message.delivery_id),
        summary: message.title.clone(),
        severity: "info",
        provider: "Lookout".into(),
        url: String::new(),
        text: message.text.clone(),
        class: "test",
        incident_id: None,
    };
    let resolve = Page {
        action: PageAction::Resolve,
        ..page.clone()
    };
    vec![page, resolve]
}

/// The page one change of `provider` asks for, if it pages.
fn page_for(kind: &EventKind, provider: &ProviderRef, message: &Message) -> Option<Page> {
    let (action, subject, summary, status, class) = match kind {
        EventKind::IncidentOpened {
            incident_id,
            title,
            impact,
            ..
        } => (
            PageAction::Trigger,
            incident_id.as_str(),
            title.clone(),
            impact.implied_status().worse(message.status.clone()),
            "incident",
        ),
        EventKind::IncidentUpdated {
            incident_id, title, ..
        } => (
            PageAction::Trigger,
            incident_id.as_str(),
            title.clone(),
            message.status.clone(),
            "incident",
        ),
        EventKind::IncidentResolved {
            incident_id, title, ..
        } => (
            PageAction::Resolve,
            incident_id.as_str(),
            title.clone(),
            ComponentStatus::Operational,
            "incident",
        ),
        EventKind::SuspectedOutage { .. } | EventKind::SuspectedCleared { .. } => (
            if matches!(kind, EventKind::SuspectedOutage { .. }) {
                PageAction::Trigger
            } else {
                PageAction::Resolve
            },
            SUSPECTED,
            kind.summary(),
            ComponentStatus::PartialOutage,
            "suspected_outage",
        ),
        _ => return None,
    };
    Some(Page {
        action,
        key: page_key(&provider.url, subject),
        summary: cut(&format!("{}: {summary}", provider.name), 1000),
        severity: severity(&status),
        provider: provider.name.clone(),
        url: provider.url.clone(),
        text: message.text.clone(),
        class,
        incident_id: (class == "incident").then(|| subject.to_string()),
    })
}

/// Adds `page` to `out`: an update replaces the trigger of the same key before it (one trigger,
/// the latest), and a resolve replaces the updates before it, unless the alert opened in this
/// same message (then it is opened and resolved, so that a short incident is on record).
fn push(out: &mut Vec<Page>, page: Page, opens: bool, opened: &mut Vec<String>) {
    let was_opened = opened.contains(&page.key);
    if opens {
        opened.push(page.key.clone());
    }
    let same = |p: &Page| p.key == page.key && p.action == PageAction::Trigger;
    match page.action {
        PageAction::Trigger if out.iter().any(same) => {
            out.retain(|p| !same(p));
            out.push(page);
        }
        PageAction::Resolve if !was_opened => {
            out.retain(|p| !same(p));
            out.push(page);
        }
        _ => out.push(page),
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

/// The subject of a provider's suspected outage in [`page_key`].
pub const SUSPECTED: &str = "suspected";

/// The Events API v2 body for `page` (`routing_key` is the integration's key).
pub fn pagerduty_event(page: &Page, routing_key: &str, delivery_id: &str) -> Value {
    match page.action {
        PageAction::Resolve => json!({
            "routing_key": routing_key,
            "event_action": "resolve",
            "dedup_key": page.key,
        }),
        PageAction::Trigger => json!({
            "routing_key": routing_key,
            "event_action": "trigger",
            "dedup_key": page.key,
            "payload": {
                "summary": page.summary,
                "source": if page.url.is_empty() { "lookout" } else { page.url.as_str() },
                "severity": page.severity,
                "component": page.provider,
                "class": page.class,
                "custom_details": details(page, delivery_id),
            },
            "client": "Lookout",
            "links": links(page),
        }),
    }
}

fn links(page: &Page) -> Value {
    if page.url.is_empty() {
        json!([])
    } else {
        json!([{ "href": page.url, "text": format!("{} status page", page.provider) }])
    }
}

/// Extra fields, strings only (Opsgenie's `details` takes nothing else).
fn details(page: &Page, delivery_id: &str) -> Value {
    let mut details = json!({
        "provider": page.provider,
        "status_page": page.url,
        "text": page.text,
        "lookout_delivery_id": delivery_id,
    });
    if let (Some(id), Some(map)) = (&page.incident_id, details.as_object_mut()) {
        map.insert("incident_id".into(), json!(id));
    }
    details
}

/// The Opsgenie "create alert" body for a trigger (`POST {base}/v2/alerts`).
pub fn opsgenie_alert(page: &Page, delivery_id: &str) -> Value {
    let mut description = page.text.clone();
    if !page.url.is_empty() {
        description = format!("{description}\n\n{}", page.url);
    }
    json!({
        "message": cut(&page.summary, 130),
        "alias": page.key,
        "description": cut(&description, 15000),
        "source": "Lookout",
        "entity": page.provider,
        "priority": match page.severity {
            "critical" => "P1",
            "error" => "P2",
            "warning" => "P3",
            _ => "P5",
        },
        "tags": ["lookout", page.class],
        "details": details(page, delivery_id),
    })
}

/// The Opsgenie "close alert" body for a resolve
/// (`POST {base}/v2/alerts/{alias}/close?identifierType=alias`).
pub fn opsgenie_close(page: &Page) -> Value {
    json!({
        "source": "Lookout",
        "note": cut(&format!("Resolved: {}", page.summary), 1000),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_the_same_for_the_same_page_however_its_url_is_written() {
        let key = page_key("https://status.acme.com", "abc123");
        assert_eq!(key, page_key("https://STATUS.acme.com/", "abc123"));
        assert_ne!(key, page_key("https://status.acme.com", "abc124"));
        assert_eq!(key.len(), 64);
        assert!(key.chars().all(|c| c.is_ascii_hexdigit()));
        let direct: String = Sha256::digest(b"https://status.acme.com#abc123")
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(key, direct);
    }
}

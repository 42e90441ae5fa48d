//! AWS Health Dashboard parser (`https://health.aws.amazon.com/public/currentevents`): the
//! current events, one incident each, and the service-region pairs they touch as components.
//!
//! Decisions worth knowing:
//! - The body is UTF-16 (with a byte-order mark, either order) on the wire; UTF-8 is read too
//!   (see [`super::encoding`]). The top level is a list of events, or an object holding it under
//!   `events`; an event of the wrong shape is skipped, not fatal.
//! - Not sampled in the wild: the fields read are `service_name`, `service` (AWS's own
//!   service-region key, when present), `region_name`, `summary`, `date` (epoch seconds, as a
//!   string or a number; milliseconds are recognised), `status` and
//!   `event_log[{summary, message, status, timestamp}]`.
//! - Status codes: `0` resolved, `1` informational, `2` degraded, `3` disruption (a string or a
//!   number). An event is resolved at `0`, else open (`investigating`: AWS has no finer words);
//!   an unknown code is kept as `Other`. Impact is the worst code of the event and its log:
//!   1 → minor, 2 → major, 3 → critical (as Google Cloud's three levels).
//! - The title is `summary` without AWS's leading `[RESOLVED]` tag (as the RSS feeds' titles
//!   are read), else the service name.
//! - The event log is the timeline: an entry's id is `<incident id>/<its raw timestamp>`, its
//!   text `message` (else `summary`), its status `resolved` at `0`, else `investigating`.
//! - The incident id is `<component id>-<raw date>`; the component id is `service`, else
//!   `<service_name>-<region_name>` (`<service_name>` alone without a region). A component is named
//!   by `service_name`, grouped by `region_name`; an open event gives it degraded performance (1),
//!   partial outage (2) or major outage (3), an unknown code `Other`, a resolved one operational;
//!   the worst wins per component.
//! - An event with no service name or no readable time is skipped.

use crate::error::SourceError;
use crate::model::{sorted_snapshot, Component, Incident, IncidentUpdate, PageInfo, Snapshot};
use crate::sources::encoding::decode_text;
use crate::sources::{malformed, non_empty};
use crate::status::{ComponentStatus, Impact, IncidentStatus};
use crate::timeline;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;

const WHAT: &str = "AWS Health current events";

/// The public document's URL.
pub const CURRENT_EVENTS: &str = "https://health.aws.amazon.com/public/currentevents";

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct WireEvent {
    service_name: Option<String>,
    service: Option<String>,
    region_name: Option<String>,
    summary: Option<String>,
    date: Option<Value>,
    status: Option<Value>,
    event_log: Option<Vec<Value>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct WireLog {
    summary: Option<String>,
    message: Option<String>,
    status: Option<Value>,
    timestamp: Option<Value>,
}

/// One event, read.
struct Event {
    component: Component,
    incident: Incident,
}

/// Parses `currentevents`: one incident per event (newest first) and the components they touch.
pub fn parse_current_events(body: &[u8]) -> Result<Snapshot, SourceError> {
    let text = decode_text(WHAT, body)?;
    super::budget::json::check(text.as_bytes())?;
    let mut value: Value = serde_json::from_str(&text)
        .map_err(|err| SourceError::from_json(WHAT, text.as_bytes(), &err))?;
    if let Some(object) = value.as_object_mut() {
        value = object.remove("events").unwrap_or_default();
    }
    let Value::Array(items) = value else {
        return Err(malformed(WHAT, "expected a list of events"));
    };
    let events: Vec<Event> = items
        .into_iter()
        .filter_map(|item| serde_json::from_value::<WireEvent>(item).ok())
        .filter_map(|raw| event(&raw))
        .collect();
    let mut gathered = super::WorstById::default();
    let mut incidents: Vec<Incident> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for Event {
        component,
        incident,
    } in events
    {
        gathered.add(component);
        if seen.insert(incident.id.clone()) {
            incidents.push(incident);
        }
    }
    let by_place =
        |a: &Component, b: &Component| (&a.group, &a.name, &a.id).cmp(&(&b.group, &b.name, &b.id));
    let components = gathered.into_ranked_by(by_place);
    let page = PageInfo {
        id: None,
        name: Some("AWS".to_string()),
        url: Some("https://health.aws.amazon.com/health/status".to_string()),
    };
    Ok(sorted_snapshot(page, components, incidents, Vec::new()))
}

/// A value given as a string or a number, as text.
fn raw_text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(text) => non_empty(Some(text)).map(str::to_string),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Epoch seconds (or milliseconds, when too large for seconds) as an instant; `None` when
/// unreadable, not positive or out of range.
fn epoch(raw: &str) -> Option<DateTime<Utc>> {
    let number: f64 = raw.trim().parse().ok()?;
    if !number.is_finite() || number <= 0.0 {
        return None;
    }
    let seconds = if number >= 1e11 {
        number / 1000.0
    } else {
        number
    };
    if seconds >= 1e13 {
        return None;
    }
    // Whole seconds of a finite, positive float below 1e13: the cast is exact.
    DateTime::from_timestamp(seconds.trunc() as i64, 0)
}

/// A status code: `Ok(0..=3)`, or `Err(the raw text)` for anything else.
fn code(value: Option<&Value>) -> Option<Result<u8, String>> {
    let raw = raw_text(value)?;
    Some(match raw.trim().parse::<u8>() {
        Ok(n @ 0..=3) => Ok(n),
        _ => Err(raw),
    })
}

fn update(raw: Value, incident_id: &str) -> Option<IncidentUpdate> {
    let raw: WireLog = serde_json::from_value(raw).ok()?;
    let stamp = raw_text(raw.timestamp.as_ref())?;
    Some(IncidentUpdate {
        id: format!("{incident_id}/{stamp}"),
        status: match code(raw.status.as_ref()) {
            Some(Ok(0)) => IncidentStatus::Resolved,
            _ => IncidentStatus::Investigating,
        },
        body: non_empty(raw.message.as_deref())
            .or(non_empty(raw.summary.as_deref()))
            .unwrap_or_default()
            .to_string(),
        at: epoch(&stamp)?,
        components: Vec::new(),
    })
}

fn impact(codes: &[Option<Result<u8, String>>]) -> Impact {
    let worst = codes.iter().flatten().filter_map(|c| c.as_ref().ok()).max();
    match worst {
        Some(1) => Impact::Minor,
        Some(2) => Impact::Major,
        Some(3) => Impact::Critical,
        Some(_) => Impact::None,
        None => match codes.iter().flatten().find_map(|c| c.as_ref().err()) {
            Some(other) => Impact::Other(other.clone()),
            None => Impact::None,
        },
    }
}

/// A summary or feed headline without AWS's leading `[RESOLVED]` tag (the status says so).
pub(crate) fn headline(summary: &str) -> &str {
    let trimmed = summary.trim();
    match trimmed.get(..10) {
        Some(tag) if tag.eq_ignore_ascii_case("[RESOLVED]") => {
            trimmed.get(10..).unwrap_or_default().trim()
        }
        _ => trimmed,
    }
}

/// The event's status from its own code (0 resolved), else its latest log entry's.
fn event_status(code: &Option<Result<u8, String>>, updates: &[IncidentUpdate]) -> IncidentStatus {
    match code {
        Some(Ok(0)) => IncidentStatus::Resolved,
        Some(Ok(_)) => IncidentStatus::Investigating,
        Some(Err(other)) => IncidentStatus::Other(other.clone()),
        None => updates
            .last()
            .map_or(IncidentStatus::Investigating, |u| u.status.clone()),
    }
}

/// The service's status while the event lasts (1 degraded, 2 partial, 3 major outage).
fn service_status(status: &IncidentStatus, code: &Option<Result<u8, String>>) -> ComponentStatus {
    match (status, code) {
        (status, _) if status.is_resolved() => ComponentStatus::Operational,
        (_, Some(Ok(1))) => ComponentStatus::DegradedPerformance,
        (_, Some(Ok(2))) => ComponentStatus::PartialOutage,
        (_, Some(Ok(3))) => ComponentStatus::MajorOutage,
        (_, Some(Err(other))) => ComponentStatus::Other(other.clone()),
        _ => ComponentStatus::Unknown,
    }
}

fn event(raw: &WireEvent) -> Option<Event> {
    let service = non_empty(raw.service_name.as_deref())?;
    let region = non_empty(raw.region_name.as_deref());
    // The service's own id, else `<service name>-<region>`.
    let component_id = non_empty(raw.service.as_deref()).map_or_else(
        || region.map_or_else(|| service.to_string(), |r| format!("{service}-{r}")),
        str::to_string,
    );
    let logs: Vec<Value> = raw.event_log.clone().unwrap_or_default();
    let log_codes: Vec<Option<Result<u8, String>>> =
        logs.iter().map(|entry| code(entry.get("status"))).collect();
    let date_raw = raw_text(raw.date.as_ref());
    let date = date_raw.as_deref().and_then(epoch);
    // Without a readable `date`, the id takes the first log entry's stamp.
    let first_stamp = logs
        .iter()
        .filter_map(|entry| raw_text(entry.get("timestamp")))
        .find(|stamp| epoch(stamp).is_some());
    let stamp = date.and(date_raw.clone()).or(first_stamp)?;
    let id = format!("{component_id}-{stamp}");
    let mut updates: Vec<IncidentUpdate> = logs
        .into_iter()
        .filter_map(|entry| update(entry, &id))
        .collect();
    timeline::sort_and_dedup(&mut updates);
    let event_code = code(raw.status.as_ref());
    let status = event_status(&event_code, &updates);
    let fallback = date.or_else(|| updates.first().map(|u| u.at))?;
    let started_at = timeline::started_at(&updates, &[date], fallback);
    // Without a resolving log entry, a resolved event ends at its last entry (else its start).
    let last = updates.last().map_or(started_at, |u| u.at);
    let resolved_at =
        timeline::resolved_at(&status, &updates, Some(last)).map(|end| end.max(started_at));
    let component = Component {
        id: component_id.clone(),
        name: service.to_string(),
        group: region.map(str::to_string),
        status: service_status(&status, &event_code),
        position: (0, 0),
    };
    let mut codes = log_codes;
    codes.push(event_code);
    Some(Event {
        component,
        incident: Incident {
            id,
            title: non_empty(raw.summary.as_deref().map(headline))
                .unwrap_or(service)
                .to_string(),
            impact: impact(&codes),
            status,
            started_at,
            resolved_at,
            url: None,
            updates,
            component_ids: vec![component_id],
        },
    })
}

//! Slack status parsers: `https://slack-status.com/api/v2.0.0/current` (the active incidents,
//! outages and maintenances, with their notes as timelines and the services they touch) and
//! `api/v2.0.0/history` (past ones, in the same per-incident shape).
//!
//! Decisions worth knowing:
//! - `type` `incident` → impact minor, `outage` → major, `maintenance` → a [`Maintenance`];
//!   any other type is an incident with the type kept as `Other` impact.
//! - Incident status: `active` → investigating (Slack has no finer words), `resolved`/`closed`
//!   → resolved, anything else kept as `Other`. Maintenance status: `active` → in progress,
//!   `scheduled`, `completed`/`resolved` → completed, anything else kept.
//! - Notes are the timeline: the newest note carries the incident's status, older ones
//!   `investigating`; a note's id is `<incident id>/<its raw date_created>`.
//! - Components are the services named by open records (Slack lists no others): an `outage`
//!   makes them a major outage, an `incident` degraded performance (Slack's own page shows
//!   "incident" as the milder state), an active maintenance under maintenance, any other type
//!   unknown; the worst wins per service. The service name is also its id.
//! - A record without an id or any readable time is skipped.
//! - `history` (not sampled in the wild) is a list of records: a bare array, or an object holding
//!   it under `incidents`, `history` or `active_incidents`. A record of the wrong shape is skipped
//!   there (one odd past incident must not hide the others). It gives no components: services
//!   reflect what is open now, which only `current` says.

use crate::error::SourceError;
use crate::model::{
    sorted_snapshot, Component, Incident, IncidentUpdate, Maintenance, PageInfo, Snapshot,
};
use crate::sources::non_empty;
use crate::sources::time::parse_opt_unbounded;
use crate::status::{ComponentStatus, Impact, IncidentStatus, MaintenanceStatus};
use crate::timeline;
use serde::Deserialize;

const WHAT: &str = "Slack current status";
const HISTORY: &str = "Slack history";

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct WireCurrent {
    status: Option<String>,
    active_incidents: Option<Vec<WireIncident>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct WireIncident {
    id: Option<serde_json::Value>,
    date_created: Option<String>,
    date_updated: Option<String>,
    title: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    status: Option<String>,
    url: Option<String>,
    services: Option<Vec<String>>,
    notes: Option<Vec<WireNote>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct WireNote {
    date_created: Option<String>,
    body: Option<String>,
}

/// Parses the `current` document: active incidents (newest first), maintenances and the
/// services they affect. The top-level `status` key is required.
pub fn parse_current(body: &[u8]) -> Result<Snapshot, SourceError> {
    let doc: WireCurrent =
        serde_json::from_slice(body).map_err(|err| SourceError::from_json(WHAT, body, &err))?;
    if doc.status.is_none() && doc.active_incidents.is_none() {
        return Err(SourceError::Malformed {
            what: WHAT,
            detail: "neither `status` nor `active_incidents` is present".to_string(),
        });
    }
    let records = doc.active_incidents.unwrap_or_default();
    let mut snapshot = records_snapshot(&records);
    snapshot.components = components(&records);
    Ok(snapshot)
}

/// Parses the `history` document: past incidents (newest first) and maintenances, no components.
pub fn parse_history(body: &[u8]) -> Result<Snapshot, SourceError> {
    let mut value: serde_json::Value =
        serde_json::from_slice(body).map_err(|err| SourceError::from_json(HISTORY, body, &err))?;
    if let Some(object) = value.as_object_mut() {
        value = ["incidents", "history", "active_incidents"]
            .into_iter()
            .find_map(|key| object.remove(key))
            .unwrap_or_default();
    }
    let serde_json::Value::Array(items) = value else {
        return Err(SourceError::Malformed {
            what: HISTORY,
            detail: "expected a list of incidents".to_string(),
        });
    };
    let records: Vec<WireIncident> = items
        .into_iter()
        .filter_map(|item| serde_json::from_value(item).ok())
        .collect();
    Ok(records_snapshot(&records))
}

/// The page, incidents and maintenances of `records` (without components).
fn records_snapshot(records: &[WireIncident]) -> Snapshot {
    let mut incidents = Vec::new();
    let mut maintenances = Vec::new();
    for raw in records {
        if is_maintenance(raw) {
            maintenances.extend(maintenance(raw));
        } else {
            incidents.extend(incident(raw));
        }
    }
    let page = PageInfo {
        id: None,
        name: Some("Slack".to_string()),
        url: Some("https://slack-status.com/".to_string()),
    };
    sorted_snapshot(page, Vec::new(), incidents, maintenances)
}

/// The id as text: Slack sends an integer, a string is accepted too.
fn record_id(raw: &WireIncident) -> Option<String> {
    match raw.id.as_ref()? {
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::String(s) => non_empty(Some(s)).map(str::to_string),
        _ => None,
    }
}

fn kind(raw: &WireIncident) -> String {
    non_empty(raw.kind.as_deref())
        .unwrap_or("incident")
        .to_ascii_lowercase()
}

fn is_maintenance(raw: &WireIncident) -> bool {
    kind(raw) == "maintenance"
}

fn incident_status(raw: &WireIncident) -> IncidentStatus {
    match non_empty(raw.status.as_deref()) {
        Some(word) => match word.to_ascii_lowercase().as_str() {
            "active" => IncidentStatus::Investigating,
            "closed" => IncidentStatus::Resolved,
            _ => IncidentStatus::parse(word),
        },
        None => IncidentStatus::Investigating,
    }
}

fn maintenance_status(raw: &WireIncident) -> MaintenanceStatus {
    match non_empty(raw.status.as_deref()) {
        Some(word) => match word.to_ascii_lowercase().as_str() {
            "active" => MaintenanceStatus::InProgress,
            "resolved" | "closed" => MaintenanceStatus::Completed,
            _ => MaintenanceStatus::parse(word),
        },
        None => MaintenanceStatus::InProgress,
    }
}

fn services(raw: &WireIncident) -> Vec<String> {
    let mut names: Vec<String> = raw
        .services
        .iter()
        .flatten()
        .filter_map(|s| non_empty(Some(s)).map(str::to_string))
        .collect();
    names.dedup();
    names
}

fn incident(raw: &WireIncident) -> Option<Incident> {
    let id = record_id(raw)?;
    let status = incident_status(raw);
    let mut updates: Vec<IncidentUpdate> = raw
        .notes
        .iter()
        .flatten()
        .filter_map(|note| {
            let stamp = non_empty(note.date_created.as_deref())?;
            Some(IncidentUpdate {
                id: format!("{id}/{stamp}"),
                status: IncidentStatus::Investigating,
                body: note.body.clone().unwrap_or_default(),
                at: parse_opt_unbounded(Some(stamp))?,
                components: Vec::new(),
            })
        })
        .collect();
    timeline::sort_and_dedup(&mut updates);
    if let Some(newest) = updates.last_mut() {
        newest.status = status.clone();
    }
    let created = parse_opt_unbounded(raw.date_created.as_deref());
    let fallback = created
        .or_else(|| updates.first().map(|u| u.at))
        .or_else(|| parse_opt_unbounded(raw.date_updated.as_deref()))?;
    let started_at = timeline::started_at(&updates, &[created], fallback);
    let vendor_end = parse_opt_unbounded(raw.date_updated.as_deref()).map(|t| t.max(started_at));
    let resolved_at = timeline::resolved_at(&status, &updates, vendor_end);
    let impact = match kind(raw).as_str() {
        "incident" => Impact::Minor,
        "outage" => Impact::Major,
        other => Impact::Other(other.to_string()),
    };
    Some(Incident {
        title: non_empty(raw.title.as_deref()).unwrap_or(&id).to_string(),
        impact,
        status,
        started_at,
        resolved_at,
        url: non_empty(raw.url.as_deref()).map(str::to_string),
        updates,
        component_ids: services(raw),
        id,
    })
}

fn maintenance(raw: &WireIncident) -> Option<Maintenance> {
    let id = record_id(raw)?;
    Some(Maintenance {
        title: non_empty(raw.title.as_deref()).unwrap_or(&id).to_string(),
        status: maintenance_status(raw),
        scheduled_for: parse_opt_unbounded(raw.date_created.as_deref()),
        scheduled_until: None,
        url: non_empty(raw.url.as_deref()).map(str::to_string),
        component_ids: services(raw),
        id,
    })
}

/// The status a still-open record gives its services; `None` once it is over.
fn service_status(raw: &WireIncident) -> Option<ComponentStatus> {
    if is_maintenance(raw) {
        return maintenance_status(raw)
            .is_active()
            .then_some(ComponentStatus::UnderMaintenance);
    }
    if incident_status(raw).is_resolved() {
        return None;
    }
    Some(match kind(raw).as_str() {
        "outage" => ComponentStatus::MajorOutage,
        "incident" => ComponentStatus::DegradedPerformance,
        _ => ComponentStatus::Unknown,
    })
}

fn components(records: &[WireIncident]) -> Vec<Component> {
    let mut gathered = super::WorstById::default();
    for raw in records {
        let Some(status) = service_status(raw) else {
            continue;
        };
        for name in services(raw) {
            gathered.add_ungrouped(name.clone(), name, &status);
        }
    }
    gathered.into_ranked_by(|a, b| a.name.cmp(&b.name))
}

//! status.io parser: the public `GET https://api.status.io/1.0/status/<page_id>` document
//! (components, active incidents, active and upcoming maintenances).
//!
//! Decisions worth knowing:
//! - Each `status[]` entry is one component. Its `containers[]` (regions, data centres) are
//!   not components: they only lend their worst code when the entry has no `status_code` of
//!   its own. Component id is `id`/`_id`, else the name.
//! - Statuses key off `status_code` (labels are operator-renamable): 100 operational,
//!   200 under maintenance, 300 degraded, 400 partial outage, 500 major outage,
//!   600 kept as `Other("security_event")`; without a code the label is parsed.
//! - Incident status follows the newest message's `state` (100 investigating, 200 identified,
//!   300 monitoring); the impact is the worst message `status` (300 minor, 400 major,
//!   500 critical, 200 maintenance). The document lists only open incidents.
//! - `maintenance.active` is in progress, `maintenance.upcoming` scheduled. The document
//!   names neither the page nor its URL, so `PageInfo` and URLs stay empty.

mod wire;

use crate::error::SourceError;
use crate::model::{
    sorted_snapshot, Component, Incident, IncidentUpdate, Maintenance, PageInfo, Snapshot,
};
use crate::sources::non_empty;
use crate::sources::time::parse_opt_unbounded;
use crate::status::{ComponentStatus, Impact, IncidentStatus, MaintenanceStatus};
use crate::timeline;
use serde_json::Value;

/// Parses the `1.0/status/<page_id>` document.
pub fn parse_status(body: &[u8]) -> Result<Snapshot, SourceError> {
    const WHAT: &str = "status.io status";
    let value: Value =
        serde_json::from_slice(body).map_err(|err| SourceError::from_json(WHAT, body, &err))?;
    if !value.get("result").is_some_and(Value::is_object) {
        return Err(SourceError::Malformed {
            what: WHAT,
            detail: "expected an object under `result`".to_string(),
        });
    }
    let doc: wire::Document =
        serde_json::from_value(value).map_err(|err| SourceError::from_json(WHAT, body, &err))?;
    let result = doc.result.unwrap_or_default();
    let components = (0_i64..)
        .zip(result.status.iter().flatten())
        .filter_map(|(index, entry)| component(entry, index))
        .collect();
    let incidents = result.incidents.iter().flatten().filter_map(incident);
    let windows = result.maintenance.unwrap_or_default();
    let maintenances = windows
        .active
        .iter()
        .flatten()
        .filter_map(|m| maintenance(m, MaintenanceStatus::InProgress))
        .chain(
            windows
                .upcoming
                .iter()
                .flatten()
                .filter_map(|m| maintenance(m, MaintenanceStatus::Scheduled)),
        )
        .collect();
    Ok(sorted_snapshot(
        PageInfo::default(),
        components,
        incidents.collect(),
        maintenances,
    ))
}

/// A status code onto the vocabulary; `None` when there is no readable code.
fn code_status(code: Option<&Value>) -> Option<ComponentStatus> {
    Some(match code_number(code)? {
        100 => ComponentStatus::Operational,
        200 => ComponentStatus::UnderMaintenance,
        300 => ComponentStatus::DegradedPerformance,
        400 => ComponentStatus::PartialOutage,
        500 => ComponentStatus::MajorOutage,
        600 => ComponentStatus::Other("security_event".to_string()),
        other => ComponentStatus::Other(other.to_string()),
    })
}

fn code_number(code: Option<&Value>) -> Option<i64> {
    match code? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn component(entry: &wire::Status, index: i64) -> Option<Component> {
    let id = first_id(&entry.id, &entry.underscore_id).or(non_empty(entry.name.as_deref()))?;
    let containers = entry.containers.iter().flatten();
    let status = code_status(entry.status_code.as_ref())
        .or_else(|| {
            let codes: Vec<ComponentStatus> = containers
                .filter_map(|c| code_status(c.status_code.as_ref()))
                .collect();
            (!codes.is_empty()).then(|| ComponentStatus::worst(codes.iter()))
        })
        .or_else(|| non_empty(entry.status.as_deref()).map(ComponentStatus::parse))
        .unwrap_or(ComponentStatus::Unknown);
    Some(Component {
        id: id.to_string(),
        name: entry.name.clone().unwrap_or_else(|| id.to_string()),
        group: None,
        status,
        position: (index, 0),
    })
}

fn first_id<'a>(id: &'a Option<String>, underscore: &'a Option<String>) -> Option<&'a str> {
    non_empty(id.as_deref()).or(non_empty(underscore.as_deref()))
}

fn message_state(state: Option<&Value>) -> IncidentStatus {
    match state {
        Some(Value::String(s)) if code_number(state).is_none() => IncidentStatus::parse(s),
        _ => match code_number(state) {
            Some(100) | None => IncidentStatus::Investigating,
            Some(200) => IncidentStatus::Identified,
            Some(300) => IncidentStatus::Monitoring,
            Some(other) => IncidentStatus::Other(other.to_string()),
        },
    }
}

fn impact(updates: &[wire::Message]) -> Impact {
    let worst = updates
        .iter()
        .filter_map(|m| code_number(m.status.as_ref()))
        .max();
    match worst {
        Some(300) => Impact::Minor,
        Some(400) => Impact::Major,
        Some(500) => Impact::Critical,
        Some(200) => Impact::Maintenance,
        Some(600) => Impact::Other("security_event".to_string()),
        _ => Impact::None,
    }
}

fn affected_ids(event: &wire::Event) -> Vec<String> {
    super::unique_ids(
        event
            .components_affected
            .iter()
            .flatten()
            .filter_map(|one| {
                first_id(&one.id, &one.underscore_id).or(non_empty(one.name.as_deref()))
            }),
    )
}

fn incident(event: &wire::Event) -> Option<Incident> {
    let id = first_id(&event.id, &event.underscore_id)?.to_string();
    let messages = event.messages.as_deref().unwrap_or_default();
    let mut updates: Vec<IncidentUpdate> = messages
        .iter()
        .filter_map(|m| {
            let at = parse_opt_unbounded(m.datetime.as_deref())?;
            Some(IncidentUpdate {
                id: first_id(&m.id, &m.underscore_id)
                    .map_or_else(|| format!("{id}@{}", at.to_rfc3339()), str::to_string),
                status: message_state(m.state.as_ref()),
                body: m.details.clone().unwrap_or_default(),
                at,
                components: Vec::new(),
            })
        })
        .collect();
    timeline::sort_oldest_first(&mut updates);
    let opened = parse_opt_unbounded(event.datetime_open.as_deref());
    let fallback = opened.or_else(|| updates.first().map(|u| u.at))?;
    let status = updates
        .last()
        .map_or(IncidentStatus::Investigating, |u| u.status.clone());
    Some(Incident {
        title: event.name.clone().unwrap_or_default(),
        impact: impact(messages),
        started_at: timeline::started_at(&updates, &[opened], fallback),
        resolved_at: timeline::resolved_at(&status, &updates, None),
        status,
        url: None,
        component_ids: affected_ids(event),
        updates,
        id,
    })
}

fn maintenance(event: &wire::Event, status: MaintenanceStatus) -> Option<Maintenance> {
    Some(Maintenance {
        id: first_id(&event.id, &event.underscore_id)?.to_string(),
        title: event.name.clone().unwrap_or_default(),
        status,
        scheduled_for: parse_opt_unbounded(event.datetime_planned_start.as_deref()),
        scheduled_until: parse_opt_unbounded(event.datetime_planned_end.as_deref()),
        url: None,
        component_ids: affected_ids(event),
    })
}

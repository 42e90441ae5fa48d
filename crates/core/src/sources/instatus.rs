//! Instatus parsers: `/summary.json` (page, active incidents and maintenances),
//! `/v2/components.json` (components, with parents flattened into groups) and
//! `/v2/incidents.json` (incident history with timelines, read by the `incidents` submodule).
//!
//! Decisions worth knowing:
//! - `page.status` is ignored: it can say `UP` while an incident is open; the incidents count.
//! - The summary has no components and no timelines: incidents carry no updates, their
//!   `impact` (component vocabulary, e.g. `DEGRADEDPERFORMANCE`) is mapped onto [`Impact`]
//!   (degraded → minor, partial/minor outage → major, major outage → critical,
//!   maintenance → maintenance; anything else kept as `Other`).
//! - An incident or maintenance without `id` takes the last path segment of its `url`.
//! - Times are ISO 8601 or JS `Date.toString()` ("Sat Jun 11 2022 18:55:50 GMT+0000 (…)").
//! - `duration` (minutes, string or number) gives the maintenance's `scheduled_until`.
//! - An incident with no readable time is skipped, as elsewhere.

mod incidents;

pub use incidents::parse_incidents;

use crate::error::SourceError;
use crate::model::{sorted_snapshot, Component, Incident, Maintenance, PageInfo, Snapshot};
use crate::sources::time::parse_unbounded;
use crate::sources::{malformed, non_empty};
use crate::status::{ComponentStatus, Impact, IncidentStatus, MaintenanceStatus};
use crate::timeline;
use chrono::{DateTime, Utc};
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Summary {
    page: Option<Page>,
    #[serde(rename = "activeIncidents")]
    active_incidents: Option<Vec<Record>>,
    #[serde(rename = "activeMaintenances")]
    active_maintenances: Option<Vec<Record>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Page {
    name: Option<String>,
    url: Option<String>,
}

/// An active incident or maintenance.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Record {
    id: Option<String>,
    name: Option<String>,
    started: Option<String>,
    start: Option<String>,
    status: Option<String>,
    impact: Option<String>,
    url: Option<String>,
    #[serde(rename = "updatedAt")]
    updated_at: Option<String>,
    duration: Option<serde_json::Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct WireComponent {
    id: Option<String>,
    name: Option<String>,
    status: Option<String>,
    #[serde(rename = "isParent")]
    is_parent: Option<bool>,
    children: Option<Vec<WireComponent>>,
}

/// Parses `/summary.json`: page info, active incidents and active or upcoming maintenances.
pub fn parse_summary(body: &[u8]) -> Result<Snapshot, SourceError> {
    const WHAT: &str = "Instatus summary.json";
    let value = decode(WHAT, body)?;
    let Some(object) = value.as_object() else {
        return Err(malformed(WHAT, "expected a JSON object at the top level"));
    };
    if !object.contains_key("page") {
        return Err(malformed(WHAT, "the key `page` is missing"));
    }
    let doc: Summary =
        serde_json::from_value(value).map_err(|err| SourceError::from_json(WHAT, body, &err))?;
    let page = doc
        .page
        .map(|p| PageInfo {
            id: None,
            name: p.name,
            url: p.url,
        })
        .unwrap_or_default();
    let incidents = doc.active_incidents.iter().flatten().filter_map(incident);
    let maintenances = doc
        .active_maintenances
        .iter()
        .flatten()
        .filter_map(maintenance);
    Ok(sorted_snapshot(
        page,
        Vec::new(),
        incidents.collect(),
        maintenances.collect(),
    ))
}

/// Parses `/v2/components.json` (a bare array, or an object with `components`): parents are
/// groups, their children components with `group` = the parent's name.
pub fn parse_components(body: &[u8]) -> Result<Snapshot, SourceError> {
    const WHAT: &str = "Instatus components.json";
    let mut value = decode(WHAT, body)?;
    if let Some(inner) = value.get_mut("components") {
        value = inner.take();
    }
    if !value.is_array() {
        return Err(malformed(WHAT, "expected an array of components"));
    }
    let rows: Vec<WireComponent> =
        serde_json::from_value(value).map_err(|err| SourceError::from_json(WHAT, body, &err))?;
    let mut components = Vec::new();
    for (index, row) in (0_i64..).zip(&rows) {
        let children = row.children.as_deref().unwrap_or_default();
        if row.is_parent == Some(true) || !children.is_empty() {
            let group = non_empty(row.name.as_deref()).map(str::to_string);
            for (own, child) in (0_i64..).zip(children) {
                if let Some(c) = component(child, group.clone(), (index, own)) {
                    components.push(c);
                }
            }
        } else if let Some(c) = component(row, None, (index, 0)) {
            components.push(c);
        }
    }
    Ok(Snapshot {
        components,
        ..Snapshot::default()
    })
}

fn component(
    row: &WireComponent,
    group: Option<String>,
    position: (i64, i64),
) -> Option<Component> {
    let id = non_empty(row.id.as_deref())?;
    Some(Component {
        id: id.to_string(),
        name: row.name.clone().unwrap_or_else(|| id.to_string()),
        group,
        status: non_empty(row.status.as_deref())
            .map_or(ComponentStatus::Unknown, ComponentStatus::parse),
        position,
    })
}

/// Reads an Instatus time: ISO 8601, or JS `Date.toString()`.
pub fn parse_instatus_time(text: &str) -> Option<DateTime<Utc>> {
    if let Some(at) = parse_unbounded(text) {
        return Some(at);
    }
    // "Sat Jun 11 2022 18:55:50 GMT+0000 (Coordinated Universal Time)"
    let head = text.split('(').next().unwrap_or_default().trim();
    DateTime::parse_from_str(head, "%a %b %d %Y %H:%M:%S GMT%z")
        .ok()
        .map(|at| at.with_timezone(&Utc))
}

fn time(text: Option<&str>) -> Option<DateTime<Utc>> {
    text.and_then(parse_instatus_time)
}

fn record_id(raw: &Record) -> Option<String> {
    id_or_url_tail(raw.id.as_deref(), raw.url.as_deref())
}

/// The record's id, else the last segment of its URL (`…/incident/<id>`).
pub(super) fn id_or_url_tail(id: Option<&str>, url: Option<&str>) -> Option<String> {
    non_empty(id)
        .or_else(|| non_empty(url)?.trim_end_matches('/').rsplit('/').next())
        .filter(|id| !id.is_empty() && !id.contains(':'))
        .map(str::to_string)
}

/// The incident's impact word (component vocabulary) onto [`Impact`].
fn impact(word: Option<&str>) -> Impact {
    let Some(word) = non_empty(word) else {
        return Impact::None;
    };
    match ComponentStatus::parse(word) {
        ComponentStatus::Other(_) | ComponentStatus::Unknown => Impact::parse(word),
        known => Impact::from_worst_component(&known),
    }
}

fn incident(raw: &Record) -> Option<Incident> {
    let id = record_id(raw)?;
    let started = time(raw.started.as_deref()).or_else(|| time(raw.start.as_deref()));
    let updated = time(raw.updated_at.as_deref());
    let fallback = started.or(updated)?;
    let status = non_empty(raw.status.as_deref())
        .map_or(IncidentStatus::Investigating, IncidentStatus::parse);
    let started_at = timeline::started_at(&[], &[started], fallback);
    // A resolved record's end is its last change, never before its start.
    let resolved_at = timeline::resolved_at(&status, &[], updated.map(|u| u.max(started_at)));
    Some(Incident {
        id,
        title: raw.name.clone().unwrap_or_default(),
        impact: impact(raw.impact.as_deref()),
        status,
        started_at,
        resolved_at,
        url: non_empty(raw.url.as_deref()).map(str::to_string),
        updates: Vec::new(),
        component_ids: Vec::new(),
    })
}

fn maintenance(raw: &Record) -> Option<Maintenance> {
    let id = record_id(raw)?;
    let start = time(raw.start.as_deref()).or_else(|| time(raw.started.as_deref()));
    let minutes = match &raw.duration {
        Some(serde_json::Value::String(text)) => text.trim().parse::<i64>().ok(),
        Some(serde_json::Value::Number(n)) => n.as_i64(),
        _ => None,
    };
    let until = start.zip(minutes).and_then(|(at, m)| {
        chrono::Duration::try_minutes(m).and_then(|d| at.checked_add_signed(d))
    });
    Some(Maintenance {
        id,
        title: raw.name.clone().unwrap_or_default(),
        status: non_empty(raw.status.as_deref())
            .map_or(MaintenanceStatus::Scheduled, MaintenanceStatus::parse),
        scheduled_for: start,
        scheduled_until: until,
        url: non_empty(raw.url.as_deref()).map(str::to_string),
        component_ids: Vec::new(),
    })
}

fn decode(what: &'static str, body: &[u8]) -> Result<serde_json::Value, SourceError> {
    serde_json::from_slice(body).map_err(|err| SourceError::from_json(what, body, &err))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn js_date_strings_parse() {
        let at = parse_instatus_time("Sat Jun 11 2022 18:55:50 GMT+0200 (CEST)").unwrap();
        assert_eq!(at.to_rfc3339(), "2022-06-11T16:55:50+00:00");
        assert!(parse_instatus_time("2026-03-17T03:00:00.000Z").is_some());
        assert!(parse_instatus_time("Sat Jun 99 2022").is_none());
    }
}

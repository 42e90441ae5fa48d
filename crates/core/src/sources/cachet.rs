//! Cachet (2.x, API v1) parsers: `/api/v1/components` and `/api/v1/incidents`.
//!
//! Decisions worth knowing:
//! - Ids and statuses may be numbers or strings ("1"); both are read.
//! - Component status 1 operational, 2 performance issues (degraded), 3 partial outage,
//!   4 major outage; 0 and anything else keep the vendor's `status_name` (or the number) as `Other`.
//! - `group_id` is kept out: this document does not name groups, so `group` is `None`;
//!   `position` is (`group_id`, `order`). Disabled (`enabled: false`) or deleted rows are skipped.
//! - Timestamps are naive ("2020-02-27 13:22:51") and read as UTC; ISO 8601 also parses.
//! - Incident status 1 investigating, 2 identified, 3 watching → monitoring, 4 fixed → resolved;
//!   status 0 ("scheduled") is a maintenance. Hidden (`visible: 0`) incidents are skipped.
//! - The timeline is the incident's `updates[]` when present; otherwise one update made of the
//!   incident itself (its message and current status, at `updated_at`). Cachet has no impact:
//!   `Impact::None`. Pages are 20 rows each: only the page given is read.

mod wire;

use crate::error::SourceError;
use crate::model::{
    sorted_snapshot, Component, Incident, IncidentUpdate, Maintenance, PageInfo, Snapshot,
};
use crate::sources::non_empty;
use crate::sources::time::parse_unbounded;
use crate::status::{ComponentStatus, Impact, IncidentStatus, MaintenanceStatus};
use crate::timeline;
use chrono::{DateTime, NaiveDateTime, Utc};
use serde_json::Value;

/// Parses `/api/v1/components`.
pub fn parse_components(body: &[u8]) -> Result<Snapshot, SourceError> {
    const WHAT: &str = "Cachet components";
    let rows: Vec<wire::Component> = decode(WHAT, body)?;
    let mut components: Vec<Component> = rows
        .iter()
        .filter(|r| r.enabled != Some(false) && is_null(r.deleted_at.as_ref()))
        .filter_map(|row| {
            let id = text(row.id.as_ref())?;
            let status = match number(row.status.as_ref()) {
                Some(1) => ComponentStatus::Operational,
                Some(2) => ComponentStatus::DegradedPerformance,
                Some(3) => ComponentStatus::PartialOutage,
                Some(4) => ComponentStatus::MajorOutage,
                _ => non_empty(row.status_name.as_deref())
                    .map(str::to_string)
                    .or_else(|| text(row.status.as_ref()))
                    .map_or(ComponentStatus::Unknown, ComponentStatus::Other),
            };
            Some(Component {
                name: row.name.clone().unwrap_or_else(|| id.clone()),
                id,
                group: None,
                status,
                position: (
                    number(row.group_id.as_ref()).unwrap_or(0),
                    number(row.order.as_ref()).unwrap_or(0),
                ),
            })
        })
        .collect();
    super::sort_by_position(&mut components);
    Ok(Snapshot {
        components,
        ..Snapshot::default()
    })
}

/// Parses `/api/v1/incidents`: incidents (newest first) and scheduled maintenances (status 0).
pub fn parse_incidents(body: &[u8]) -> Result<Snapshot, SourceError> {
    const WHAT: &str = "Cachet incidents";
    let rows: Vec<wire::Incident> = decode(WHAT, body)?;
    let visible = rows.iter().filter(|r| {
        !matches!(number(r.visible.as_ref()), Some(0)) && r.visible != Some(Value::Bool(false))
    });
    let mut incidents = Vec::new();
    let mut maintenances = Vec::new();
    for row in visible.filter(|r| is_null(r.deleted_at.as_ref())) {
        if number(row.status.as_ref()) == Some(0) {
            maintenances.extend(maintenance(row));
        } else {
            incidents.extend(incident(row));
        }
    }
    Ok(sorted_snapshot(
        PageInfo::default(),
        Vec::new(),
        incidents,
        maintenances,
    ))
}

/// Reads a Cachet time: naive "YYYY-MM-DD HH:MM:SS" as UTC, or any RFC 3339 time or bare date,
/// whatever its year (the range is checked once the whole page is read).
pub fn parse_cachet_time(text: &str) -> Option<DateTime<Utc>> {
    parse_unbounded(text).or_else(|| {
        NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%d %H:%M:%S")
            .ok()
            .map(|t| t.and_utc())
    })
}

fn time(text: Option<&str>) -> Option<DateTime<Utc>> {
    text.and_then(parse_cachet_time)
}

fn incident_status(code: Option<&Value>, human: Option<&str>) -> IncidentStatus {
    match number(code) {
        Some(1) => IncidentStatus::Investigating,
        Some(2) => IncidentStatus::Identified,
        Some(3) => IncidentStatus::Monitoring,
        Some(4) => IncidentStatus::Resolved,
        _ => non_empty(human)
            .map(str::to_string)
            .or_else(|| text(code))
            .map_or(IncidentStatus::Investigating, IncidentStatus::Other),
    }
}

fn component_ids(row: &wire::Incident) -> Vec<String> {
    match number(row.component_id.as_ref()) {
        Some(0) | None => Vec::new(),
        Some(_) => text(row.component_id.as_ref()).into_iter().collect(),
    }
}

fn incident(row: &wire::Incident) -> Option<Incident> {
    let id = text(row.id.as_ref())?;
    let status = incident_status(row.status.as_ref(), row.human_status.as_deref());
    let created = time(row.created_at.as_deref());
    let occurred = time(row.occurred_at.as_deref());
    let updated = time(row.updated_at.as_deref());
    let mut updates: Vec<IncidentUpdate> = row
        .updates
        .iter()
        .flatten()
        .filter_map(|u| {
            let at = time(u.created_at.as_deref()).or_else(|| time(u.updated_at.as_deref()))?;
            Some(IncidentUpdate {
                id: text(u.id.as_ref()).unwrap_or_else(|| format!("{id}@{}", at.to_rfc3339())),
                status: incident_status(u.status.as_ref(), u.human_status.as_deref()),
                body: u.message.clone().unwrap_or_default(),
                at,
                components: Vec::new(),
            })
        })
        .collect();
    if updates.is_empty() {
        if let Some(at) = updated.or(created).or(occurred) {
            updates.push(IncidentUpdate {
                id: id.clone(),
                status: status.clone(),
                body: row.message.clone().unwrap_or_default(),
                at,
                components: Vec::new(),
            });
        }
    }
    timeline::sort_oldest_first(&mut updates);
    let fallback = occurred
        .or(created)
        .or_else(|| updates.first().map(|u| u.at))?;
    let started_at = timeline::started_at(&updates, &[occurred, created], fallback);
    let resolved_at = timeline::resolved_at(&status, &updates, None);
    Some(Incident {
        title: row.name.clone().unwrap_or_default(),
        impact: Impact::None,
        status,
        started_at,
        resolved_at,
        url: None,
        component_ids: component_ids(row),
        updates,
        id,
    })
}

fn maintenance(row: &wire::Incident) -> Option<Maintenance> {
    Some(Maintenance {
        id: text(row.id.as_ref())?,
        title: row.name.clone().unwrap_or_default(),
        status: MaintenanceStatus::Scheduled,
        scheduled_for: time(row.scheduled_at.as_deref()),
        scheduled_until: None,
        url: None,
        component_ids: component_ids(row),
    })
}

/// Reads `body` as `{data: [...]}` (or a bare array) of `T`.
fn decode<T: serde::de::DeserializeOwned>(
    what: &'static str,
    body: &[u8],
) -> Result<Vec<T>, SourceError> {
    let mut value: Value =
        serde_json::from_slice(body).map_err(|err| SourceError::from_json(what, body, &err))?;
    if let Some(data) = value.get_mut("data") {
        value = data.take();
    }
    if !value.is_array() {
        return Err(SourceError::Malformed {
            what,
            detail: "expected `data` to be an array".to_string(),
        });
    }
    serde_json::from_value(value).map_err(|err| SourceError::from_json(what, body, &err))
}

/// A number, or a string holding one.
fn number(value: Option<&Value>) -> Option<i64> {
    match value? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A string, or a number written out.
fn text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => non_empty(Some(s)).map(str::to_string),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn is_null(value: Option<&Value>) -> bool {
    value.is_none_or(Value::is_null)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn naive_times_are_utc() {
        let at = parse_cachet_time("2020-02-27 13:22:51").unwrap();
        assert_eq!(at.to_rfc3339(), "2020-02-27T13:22:51+00:00");
        assert!(parse_cachet_time("2020-02-27T13:22:51+01:00").is_some());
        assert!(parse_cachet_time("27/02/2020").is_none());
    }
}

//! Heroku Status parser (API v4): `api/v4/current-status` (the systems' colours, open incidents,
//! announced maintenances) and `api/v4/incidents` (the incident history, newest first).
//!
//! Decisions worth knowing:
//! - Each `status[]` entry is one component, its id and name the `system` (Apps, Data, Tools).
//!   Colours: `green` operational, `yellow` degraded performance, `red` major outage, `blue`
//!   under maintenance; another word is kept as it came, none is `unknown`.
//! - An incident's status is its `state` (Heroku's `resolved` flag has been seen `false` on
//!   resolved incidents, so it only counts when there is no `state` and no timeline).
//! - Updates come newest first; they are read oldest first. `update_type` `issue` opens
//!   (investigating), `update` keeps the status the previous update gave, other words
//!   (`monitoring`, `resolved`…) are read as they are. An update's id is its `id`, else
//!   `<incident id>@<time>`; its time is `created_at`, else `updated_at`.
//! - Impact is the worst colour the incident's `systems[]` carry: `yellow` minor, `red` major,
//!   `blue` maintenance, `green` none.
//! - `scheduled[]` entries are maintenances, and so is an entry of `api/v4/incidents` whose
//!   every update is of type `scheduled`. Their state: `upcoming` scheduled, `resolved` or a
//!   `resolved: true` flag completed, other words read as they are. Heroku publishes the window
//!   only in prose, so `scheduled_for`/`scheduled_until` stay empty; the announcement is never
//!   taken for the start.

mod wire;

use crate::error::SourceError;
use crate::model::{
    sorted_snapshot, Component, Incident, IncidentUpdate, Maintenance, PageInfo, Snapshot,
};
use crate::sources::time::parse_opt_unbounded;
use crate::sources::{malformed, non_empty};
use crate::status::{ComponentStatus, Impact, IncidentStatus, MaintenanceStatus};
use crate::timeline;
use serde_json::Value;
use wire::id_text;

/// The status site, for the page's own link.
pub const SITE: &str = "https://status.heroku.com/";

fn page() -> PageInfo {
    PageInfo {
        id: None,
        name: Some("Heroku".to_string()),
        url: Some(SITE.to_string()),
    }
}

/// Parses `api/v4/current-status`: the systems, open incidents and announced maintenances.
pub fn parse_current_status(body: &[u8]) -> Result<Snapshot, SourceError> {
    const WHAT: &str = "Heroku current-status";
    let value: Value =
        serde_json::from_slice(body).map_err(|err| SourceError::from_json(WHAT, body, &err))?;
    if !value.get("status").is_some_and(Value::is_array) {
        return Err(malformed(WHAT, "expected a list of systems under `status`"));
    }
    let doc: wire::CurrentStatus =
        serde_json::from_value(value).map_err(|err| SourceError::from_json(WHAT, body, &err))?;
    let components = (0_i64..)
        .zip(doc.status.iter().flatten())
        .filter_map(|(index, system)| component(system, index))
        .collect();
    let incidents = doc
        .incidents
        .iter()
        .flatten()
        .filter_map(incident)
        .collect();
    let maintenances = doc.scheduled.iter().flatten().filter_map(maintenance);
    Ok(sorted_snapshot(
        page(),
        components,
        incidents,
        maintenances.collect(),
    ))
}

/// Parses `api/v4/incidents`: past and open incidents with their timelines, and the
/// maintenances announced among them.
pub fn parse_incidents(body: &[u8]) -> Result<Snapshot, SourceError> {
    const WHAT: &str = "Heroku incidents";
    let events: Vec<wire::Event> =
        serde_json::from_slice(body).map_err(|err| SourceError::from_json(WHAT, body, &err))?;
    let (planned, unplanned): (Vec<&wire::Event>, Vec<&wire::Event>) =
        events.iter().partition(|e| is_announcement(e));
    let incidents = unplanned.into_iter().filter_map(incident).collect();
    let maintenances = planned.into_iter().filter_map(maintenance).collect();
    Ok(sorted_snapshot(page(), Vec::new(), incidents, maintenances))
}

/// A Heroku colour onto the vocabulary.
fn colour_status(colour: Option<&str>) -> ComponentStatus {
    let Some(word) = non_empty(colour) else {
        return ComponentStatus::Unknown;
    };
    match word.to_ascii_lowercase().as_str() {
        "green" => ComponentStatus::Operational,
        "yellow" => ComponentStatus::DegradedPerformance,
        "red" => ComponentStatus::MajorOutage,
        "blue" => ComponentStatus::UnderMaintenance,
        _ => ComponentStatus::Other(word.to_string()),
    }
}

fn component(system: &wire::System, index: i64) -> Option<Component> {
    let name = non_empty(system.system.as_deref())?;
    Some(Component {
        id: name.to_string(),
        name: name.to_string(),
        group: None,
        status: colour_status(system.status.as_deref()),
        position: (index, 0),
    })
}

/// Whether every update of `event` (at least one) is of type `scheduled`: an announced
/// maintenance, not an incident.
fn is_announcement(event: &wire::Event) -> bool {
    let updates = event.updates.as_deref().unwrap_or_default();
    !updates.is_empty()
        && updates.iter().all(|u| {
            non_empty(u.update_type.as_deref()).is_some_and(|t| t.eq_ignore_ascii_case("scheduled"))
        })
}

fn impact(event: &wire::Event) -> Impact {
    let rank = |colour: &str| match colour.to_ascii_lowercase().as_str() {
        "green" => 0,
        "blue" => 1,
        "yellow" => 2,
        "red" => 3,
        _ => 4,
    };
    let worst = event
        .systems
        .iter()
        .flatten()
        .filter_map(|s| non_empty(s.status.as_deref()))
        .max_by_key(|colour| rank(colour));
    match worst.map(|w| (rank(w), w)) {
        None | Some((0, _)) => Impact::None,
        Some((1, _)) => Impact::Maintenance,
        Some((2, _)) => Impact::Minor,
        Some((3, _)) => Impact::Major,
        Some((_, word)) => Impact::Other(word.to_string()),
    }
}

fn affected(event: &wire::Event) -> Vec<String> {
    super::unique_ids(
        event
            .systems
            .iter()
            .flatten()
            .filter_map(|s| non_empty(s.name.as_deref())),
    )
}

/// The timeline, oldest first, each update's status following `update_type`.
fn updates(event: &wire::Event, incident_id: &str) -> Vec<IncidentUpdate> {
    let mut dated: Vec<(&wire::Update, chrono::DateTime<chrono::Utc>)> = event
        .updates
        .iter()
        .flatten()
        .filter_map(|u| {
            let at = parse_opt_unbounded(u.created_at.as_deref())
                .or_else(|| parse_opt_unbounded(u.updated_at.as_deref()))?;
            Some((u, at))
        })
        .collect();
    dated.sort_by_key(|(_, at)| *at);
    let mut current = IncidentStatus::Investigating;
    let mut out: Vec<IncidentUpdate> = dated
        .into_iter()
        .map(|(u, at)| {
            current = match non_empty(u.update_type.as_deref()) {
                Some(word) if word.eq_ignore_ascii_case("issue") => IncidentStatus::Investigating,
                Some(word) if word.eq_ignore_ascii_case("update") => current.clone(),
                Some(word) => IncidentStatus::parse(word),
                None => current.clone(),
            };
            IncidentUpdate {
                id: id_text(u.id.as_ref())
                    .unwrap_or_else(|| format!("{incident_id}@{}", at.to_rfc3339())),
                status: current.clone(),
                body: u.contents.clone().unwrap_or_default(),
                at,
                components: Vec::new(),
            }
        })
        .collect();
    timeline::sort_and_dedup(&mut out);
    out
}

fn is_flagged_resolved(event: &wire::Event) -> bool {
    matches!(event.resolved, Some(Value::Bool(true)))
}

fn incident(event: &wire::Event) -> Option<Incident> {
    let id = id_text(event.id.as_ref())?;
    let updates = updates(event, &id);
    let created = parse_opt_unbounded(event.created_at.as_deref());
    let fallback = created
        .or_else(|| updates.first().map(|u| u.at))
        .or_else(|| parse_opt_unbounded(event.updated_at.as_deref()))?;
    let status = match non_empty(event.state.as_deref()) {
        Some(state) => IncidentStatus::parse(state),
        None => match updates.last() {
            Some(last) => last.status.clone(),
            None if is_flagged_resolved(event) => IncidentStatus::Resolved,
            None => IncidentStatus::Investigating,
        },
    };
    let started_at = timeline::started_at(&updates, &[created], fallback);
    let resolved_at = timeline::resolved_at(
        &status,
        &updates,
        parse_opt_unbounded(event.updated_at.as_deref()),
    )
    .map(|end| end.max(started_at));
    Some(Incident {
        title: event.title.clone().unwrap_or_default(),
        impact: impact(event),
        status,
        started_at,
        resolved_at,
        url: non_empty(event.full_url.as_deref()).map(str::to_string),
        component_ids: affected(event),
        updates,
        id,
    })
}

fn maintenance_status(event: &wire::Event) -> MaintenanceStatus {
    if is_flagged_resolved(event) {
        return MaintenanceStatus::Completed;
    }
    match non_empty(event.state.as_deref()) {
        None => MaintenanceStatus::Scheduled,
        Some(word) => match word.to_ascii_lowercase().as_str() {
            "upcoming" => MaintenanceStatus::Scheduled,
            "resolved" => MaintenanceStatus::Completed,
            _ => MaintenanceStatus::parse(word),
        },
    }
}

fn maintenance(event: &wire::Event) -> Option<Maintenance> {
    Some(Maintenance {
        id: id_text(event.id.as_ref())?,
        title: event.title.clone().unwrap_or_default(),
        status: maintenance_status(event),
        scheduled_for: None,
        scheduled_until: None,
        url: non_empty(event.full_url.as_deref()).map(str::to_string),
        component_ids: affected(event),
    })
}

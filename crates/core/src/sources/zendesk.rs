//! Zendesk Status API parser (`status.zendesk.com/api/incidents/active` and
//! `api/incidents/maintenance`): JSON:API documents whose `data` lists incidents and whose
//! `included` holds their `incident_update`s and `service`s.
//!
//! Decisions worth knowing:
//! - The API lists active incidents only (no history, no component list), so components are
//!   the services the listed incidents name, each at the worst status an open incident gives
//!   it: `outage: true` major outage, `degradation: true` degraded performance, else by
//!   `impact` (`critical` major outage, `major` partial outage, `minor` degraded performance),
//!   else unknown. Ids are the services' ids; names their `name`, else the id.
//! - An incident's status is its `status` word (kept as it came when unknown), resolved once
//!   `resolved_at` is set; its impact is `impact` (Zendesk also says `security` and
//!   `no impact`: the first is kept, the second is none). Its start is `started_at`.
//! - Its `incident_update`s are its timeline (`created_at`, `description`): investigating, the
//!   last one taking the incident's status. An update named twice (or by two incidents) is
//!   read once, for the first incident that names it. The document has no incident links.
//! - `api/incidents/maintenance` entries are maintenances from `started_at`; completed once
//!   `resolved_at` is set, else their `status` word when it is a maintenance word, else
//!   scheduled. The documented shape gives them no planned end.
//! - A body whose `data` is not a list, or lists something other than incidents, is refused.

use crate::error::SourceError;
use crate::model::{sorted_snapshot, Incident, IncidentUpdate, Maintenance, PageInfo, Snapshot};
use crate::sources::time::parse_opt_unbounded;
use crate::sources::{malformed, non_empty};
use crate::status::{ComponentStatus, Impact, IncidentStatus, MaintenanceStatus};
use crate::timeline;
use serde_json::Value;
use std::collections::HashMap;

/// Zendesk's status site.
pub const SITE: &str = "https://status.zendesk.com/";

/// The `included` records by (type, id).
type Included<'a> = HashMap<(&'a str, String), &'a Value>;

/// Parses `api/incidents/active`: the active incidents and the services they touch.
pub fn parse_active(body: &[u8]) -> Result<Snapshot, SourceError> {
    let (data, included) = read("Zendesk active incidents", body)?;
    let index = index(&included);
    let mut given = Given::default();
    let incidents: Vec<Incident> = data
        .iter()
        .filter_map(|i| incident(i, &index, &mut given))
        .collect();
    let mut gathered = super::WorstById::default();
    for record in data
        .iter()
        .filter(|r| attribute(r, "resolved_at").is_none())
    {
        let status = service_status(record);
        for (id, name) in services(record, &index) {
            gathered.add_ungrouped(id, name, &status);
        }
    }
    let components =
        gathered.into_ranked_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
    Ok(sorted_snapshot(page(), components, incidents, Vec::new()))
}

/// Parses `api/incidents/maintenance`: the announced and running maintenances.
pub fn parse_maintenance(body: &[u8]) -> Result<Snapshot, SourceError> {
    let (data, included) = read("Zendesk maintenance incidents", body)?;
    let index = index(&included);
    let mut maintenances: Vec<Maintenance> =
        data.iter().filter_map(|m| maintenance(m, &index)).collect();
    crate::model::sort_maintenances(&mut maintenances);
    Ok(Snapshot {
        page: page(),
        maintenances,
        ..Snapshot::default()
    })
}

fn page() -> PageInfo {
    PageInfo {
        id: None,
        name: Some("Zendesk".to_string()),
        url: Some(SITE.to_string()),
    }
}

/// The `data` list (each a record of type `incident`) and the `included` list.
fn read(what: &'static str, body: &[u8]) -> Result<(Vec<Value>, Vec<Value>), SourceError> {
    let value: Value =
        serde_json::from_slice(body).map_err(|err| SourceError::from_json(what, body, &err))?;
    let Value::Object(mut doc) = value else {
        return Err(malformed(what, "expected a JSON:API object"));
    };
    let Some(Value::Array(data)) = doc.remove("data") else {
        return Err(malformed(what, "expected a list of incidents under `data`"));
    };
    if data.iter().any(|r| kind(r) != Some("incident")) {
        return Err(malformed(
            what,
            "`data` lists records that are not incidents",
        ));
    }
    let included = match doc.remove("included") {
        Some(Value::Array(included)) => included,
        _ => Vec::new(),
    };
    Ok((data, included))
}

fn kind(record: &Value) -> Option<&str> {
    record.get("type").and_then(Value::as_str)
}

/// A record's id as text (JSON:API ids are strings; numbers are accepted).
fn id(record: &Value) -> Option<String> {
    match record.get("id")? {
        Value::String(s) => non_empty(Some(s)).map(str::to_string),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn attribute<'a>(record: &'a Value, name: &str) -> Option<&'a str> {
    non_empty(record.get("attributes")?.get(name)?.as_str())
}

fn flag(record: &Value, name: &str) -> bool {
    record
        .get("attributes")
        .and_then(|a| a.get(name))
        .and_then(Value::as_bool)
        .unwrap_or(false)
}

fn index(included: &[Value]) -> Included<'_> {
    included
        .iter()
        .filter_map(|r| Some(((kind(r)?, id(r)?), r)))
        .collect()
}

/// The (type, id) pairs a relationship names.
fn related<'a>(record: &'a Value, relationship: &str) -> impl Iterator<Item = (&'a str, String)> {
    record
        .get("relationships")
        .and_then(|r| r.get(relationship))
        .and_then(|r| r.get("data"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|link| Some((kind(link)?, id(link)?)))
}

/// (id, name) of each service an incident names.
fn services(record: &Value, index: &Included<'_>) -> Vec<(String, String)> {
    let mut seen = std::collections::HashSet::new();
    related(record, "services")
        .filter(|(_, service)| seen.insert(service.clone()))
        .map(|(kind, service)| {
            let name = index
                .get(&(kind, service.clone()))
                .and_then(|s| attribute(s, "name"))
                .unwrap_or(&service)
                .to_string();
            (service, name)
        })
        .collect()
}

fn service_status(record: &Value) -> ComponentStatus {
    if flag(record, "outage") {
        return ComponentStatus::MajorOutage;
    }
    if flag(record, "degradation") {
        return ComponentStatus::DegradedPerformance;
    }
    match attribute(record, "impact")
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("critical") => ComponentStatus::MajorOutage,
        Some("major") => ComponentStatus::PartialOutage,
        Some("minor") => ComponentStatus::DegradedPerformance,
        _ => ComponentStatus::Unknown,
    }
}

fn impact(record: &Value) -> Impact {
    match attribute(record, "impact") {
        None => Impact::None,
        Some(word) if word.eq_ignore_ascii_case("no impact") => Impact::None,
        Some(word) => Impact::parse(word),
    }
}

/// The `included` updates already given to an incident: each is given once, to the first
/// incident that names it, however often it is named (so naming one long update many times
/// copies nothing).
type Given<'a> = std::collections::HashSet<(&'a str, String)>;

fn updates<'a>(
    record: &'a Value,
    incident_id: &str,
    index: &Included<'_>,
    given: &mut Given<'a>,
) -> Vec<IncidentUpdate> {
    let mut out: Vec<IncidentUpdate> = related(record, "incident_updates")
        .filter(|link| given.insert(link.clone()))
        .filter_map(|(kind, update)| {
            let found = index.get(&(kind, update.clone()))?;
            let at = parse_opt_unbounded(attribute(found, "created_at"))?;
            Some(IncidentUpdate {
                id: format!("{incident_id}/{update}"),
                status: IncidentStatus::Investigating,
                body: attribute(found, "description")
                    .unwrap_or_default()
                    .to_string(),
                at,
                components: Vec::new(),
            })
        })
        .collect();
    timeline::sort_and_dedup(&mut out);
    out
}

fn incident<'a>(
    record: &'a Value,
    index: &Included<'_>,
    given: &mut Given<'a>,
) -> Option<Incident> {
    let id = id(record)?;
    let mut updates = updates(record, &id, index, given);
    let started = parse_opt_unbounded(attribute(record, "started_at"));
    let ended = parse_opt_unbounded(attribute(record, "resolved_at"));
    let fallback = started
        .or_else(|| updates.first().map(|u| u.at))
        .or(ended)?;
    let status = if ended.is_some() {
        IncidentStatus::Resolved
    } else {
        attribute(record, "status").map_or(IncidentStatus::Investigating, IncidentStatus::parse)
    };
    if let Some(last) = updates.last_mut() {
        last.status = status.clone();
    }
    let started_at = timeline::started_at(&updates, &[started], fallback);
    let resolved_at =
        timeline::resolved_at(&status, &updates, ended).map(|end| end.max(started_at));
    Some(Incident {
        title: attribute(record, "title").unwrap_or_default().to_string(),
        impact: impact(record),
        status,
        started_at,
        resolved_at,
        url: None,
        component_ids: services(record, index)
            .into_iter()
            .map(|(id, _)| id)
            .collect(),
        updates,
        id,
    })
}

fn maintenance(record: &Value, index: &Included<'_>) -> Option<Maintenance> {
    let status = if attribute(record, "resolved_at").is_some() {
        MaintenanceStatus::Completed
    } else {
        match attribute(record, "status").map(MaintenanceStatus::parse) {
            Some(MaintenanceStatus::Other(_)) | None => MaintenanceStatus::Scheduled,
            Some(known) => known,
        }
    };
    Some(Maintenance {
        id: id(record)?,
        title: attribute(record, "title").unwrap_or_default().to_string(),
        status,
        scheduled_for: parse_opt_unbounded(attribute(record, "started_at")),
        scheduled_until: None,
        url: None,
        component_ids: services(record, index)
            .into_iter()
            .map(|(id, _)| id)
            .collect(),
    })
}

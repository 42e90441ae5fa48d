//! Salesforce Trust parser (`api.status.salesforce.com/v1`), which also carries Heroku, MuleSoft,
//! Tableau, Marketing Cloud and Salesforce's other products: `v1/instances?products=<Product>`
//! (or `v1/instances/status/preview`, every instance) for the components, and
//! `v1/incidents/active` for the open incidents with their messages.
//!
//! Decisions worth knowing:
//! - Each active instance (`NA132`, `EU45`…) is one component, grouped by its `location`;
//!   an instance with `isActive: false` is retired and skipped. Its `status`: `OK` and
//!   `INFORMATIONAL_*` operational, `MAINTENANCE_*` under maintenance, `MINOR_INCIDENT_*`
//!   degraded performance, `MAJOR_INCIDENT_NONCORE` partial outage, `MAJOR_INCIDENT_CORE`
//!   major outage; another word is kept as it came.
//! - An incident has no title: it is named after its worst impact's `type`
//!   (`featurePerfDegradation` → "Feature perf degradation"). Impact is the worst impact
//!   `severity` (`minor`, `major`, `critical`; Salesforce's `blocker` is critical).
//! - It is open while it says so (`status` other than resolved/closed/completed) and, without
//!   a `status`, while an impact has no `endTime`; its start is the earliest of `createdAt` and
//!   the impacts' `startTime`, its vendor end the latest `endTime`. Its messages
//!   (`IncidentEvents`) are its timeline: investigating, the last one resolved when it is over.
//! - It touches the instances in `instanceKeys`; when it affects all (`affectsAll`) it names
//!   none. `v1/incidents/active` lists every product's incidents, so a page keeps only those
//!   naming one of its instances or affecting all ([`keep_page_events`], after the merge).
//! - Maintenances come embedded in instances (`Maintenances`), windowed by their impacts'
//!   `startTime`/`endTime`; `v1/maintenances` is not read (its window needs a `startTime`).

mod wire;

use crate::error::SourceError;
use crate::model::{
    sorted_snapshot, Component, Incident, IncidentUpdate, Maintenance, PageInfo, Snapshot,
};
use crate::sources::time::parse_opt_unbounded;
use crate::sources::{malformed, non_empty};
use crate::status::{ComponentStatus, Impact, IncidentStatus, MaintenanceStatus};
use crate::timeline;
use chrono::{DateTime, Utc};
use serde_json::Value;
use std::collections::HashSet;

/// Salesforce's status site, whose incident pages are `incidents/<id>`.
pub const SITE: &str = "https://status.salesforce.com/";

/// Parses `v1/instances…`: the instances, and the incidents and maintenances embedded in them.
pub fn parse_instances(body: &[u8]) -> Result<Snapshot, SourceError> {
    const WHAT: &str = "Salesforce Trust instances";
    let value: Value =
        serde_json::from_slice(body).map_err(|err| SourceError::from_json(WHAT, body, &err))?;
    let is_instance_list = value
        .as_array()
        .is_some_and(|items| items.iter().all(|i| i.get("key").is_some()));
    if !is_instance_list {
        return Err(malformed(
            WHAT,
            "expected a list of instances, each with a `key`",
        ));
    }
    let instances: Vec<wire::Instance> =
        serde_json::from_value(value).map_err(|err| SourceError::from_json(WHAT, body, &err))?;
    let active = || {
        instances
            .iter()
            .filter(|i| !matches!(i.is_active, Some(Value::Bool(false))))
    };
    let components = (0_i64..)
        .zip(active())
        .filter_map(|(index, instance)| component(instance, index))
        .collect();
    let mut incidents: Vec<Incident> = Vec::new();
    let mut seen = HashSet::new();
    let mut maintenances: Vec<Maintenance> = Vec::new();
    for instance in active() {
        for event in instance.incidents.iter().flatten() {
            if let Some(incident) = incident(event).filter(|i| seen.insert(i.id.clone())) {
                incidents.push(incident);
            }
        }
        for event in instance.maintenances.iter().flatten() {
            if let Some(m) = maintenance(event).filter(|m| seen.insert(format!("m/{}", m.id))) {
                maintenances.push(m);
            }
        }
    }
    let page = PageInfo {
        id: None,
        name: Some("Salesforce Trust".to_string()),
        url: Some(SITE.to_string()),
    };
    Ok(sorted_snapshot(page, components, incidents, maintenances))
}

/// Parses `v1/incidents/active` (or any list of Trust incidents).
pub fn parse_incidents(body: &[u8]) -> Result<Snapshot, SourceError> {
    const WHAT: &str = "Salesforce Trust incidents";
    let events: Vec<wire::Event> =
        serde_json::from_slice(body).map_err(|err| SourceError::from_json(WHAT, body, &err))?;
    let mut incidents: Vec<Incident> = events.iter().filter_map(incident).collect();
    crate::model::sort_incidents(&mut incidents);
    incidents.dedup_by(|a, b| a.id == b.id);
    Ok(Snapshot {
        incidents,
        ..Snapshot::default()
    })
}

/// Keeps the incidents and maintenances of `snapshot` that name one of its components or name
/// none (they affect all instances): `v1/incidents/active` lists every Salesforce product's.
pub fn keep_page_events(snapshot: &mut Snapshot) {
    let own: HashSet<&str> = snapshot.components.iter().map(|c| c.id.as_str()).collect();
    let concerns =
        |ids: &[String]| ids.is_empty() || ids.iter().any(|id| own.contains(id.as_str()));
    let incidents = std::mem::take(&mut snapshot.incidents);
    let maintenances = std::mem::take(&mut snapshot.maintenances);
    snapshot.incidents = incidents
        .into_iter()
        .filter(|i| concerns(&i.component_ids))
        .collect();
    snapshot.maintenances = maintenances
        .into_iter()
        .filter(|m| concerns(&m.component_ids))
        .collect();
}

/// An instance status onto the vocabulary.
fn instance_status(word: Option<&str>) -> ComponentStatus {
    let Some(word) = non_empty(word) else {
        return ComponentStatus::Unknown;
    };
    let upper = word.to_ascii_uppercase();
    match upper.as_str() {
        "OK" | "INFORMATIONAL_CORE" | "INFORMATIONAL_NONCORE" => ComponentStatus::Operational,
        "MAINTENANCE_CORE" | "MAINTENANCE_NONCORE" => ComponentStatus::UnderMaintenance,
        "MINOR_INCIDENT_CORE" | "MINOR_INCIDENT_NONCORE" => ComponentStatus::DegradedPerformance,
        "MAJOR_INCIDENT_NONCORE" => ComponentStatus::PartialOutage,
        "MAJOR_INCIDENT_CORE" => ComponentStatus::MajorOutage,
        _ => ComponentStatus::Other(word.to_string()),
    }
}

fn component(instance: &wire::Instance, index: i64) -> Option<Component> {
    let key = non_empty(instance.key.as_deref())?;
    Some(Component {
        id: key.to_string(),
        name: key.to_string(),
        group: non_empty(instance.location.as_deref()).map(str::to_string),
        status: instance_status(instance.status.as_deref()),
        position: (index, 0),
    })
}

/// A severity's rank and meaning; an unknown word ranks above every known one.
fn severity(word: &str) -> (u8, Impact) {
    match word.to_ascii_lowercase().as_str() {
        "minor" => (1, Impact::Minor),
        "major" => (2, Impact::Major),
        "critical" | "blocker" => (3, Impact::Critical),
        _ => (4, Impact::Other(word.to_string())),
    }
}

/// The worst impact: its meaning and its `type`.
fn worst_impact(event: &wire::Event) -> (Impact, Option<&str>) {
    event
        .impacts()
        .filter_map(|i| non_empty(i.severity.as_deref()).map(|s| (severity(s), i)))
        .max_by_key(|((rank, _), _)| *rank)
        .map_or_else(
            || {
                (
                    Impact::None,
                    event.impacts().find_map(|i| non_empty(i.kind.as_deref())),
                )
            },
            |((_, impact), i)| (impact, non_empty(i.kind.as_deref())),
        )
}

/// `featurePerfDegradation` → `Feature perf degradation`.
fn humanise(kind: &str) -> String {
    let mut out = String::with_capacity(kind.len() + 8);
    for (at, c) in kind.chars().enumerate() {
        if at == 0 {
            out.extend(c.to_uppercase());
        } else if c.is_uppercase() {
            out.push(' ');
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Instances it names (or its services, when it names no instance and does not affect all,
/// so that a page of instances does not take it for its own); none when it affects all.
fn touched(event: &wire::Event) -> Vec<String> {
    if wire::is_true(event.affects_all.as_ref()) {
        return Vec::new();
    }
    let keys = |list: &Option<Vec<Value>>| -> Vec<String> {
        list.iter()
            .flatten()
            .filter_map(|k| wire::text(Some(k)))
            .collect()
    };
    let instances = keys(&event.instance_keys);
    let named = if instances.is_empty() {
        keys(&event.service_keys)
    } else {
        instances
    };
    super::unique_ids(named.iter().map(String::as_str))
}

fn is_over(event: &wire::Event) -> bool {
    match non_empty(event.status.as_deref()) {
        Some(word) => matches!(
            word.to_ascii_lowercase().as_str(),
            "resolved" | "closed" | "completed" | "complete"
        ),
        None => {
            let mut impacts = event.impacts().peekable();
            impacts.peek().is_some()
                && impacts.all(|i| parse_opt_unbounded(i.end_time.as_deref()).is_some())
        }
    }
}

/// Earliest impact start and latest impact end.
fn window(event: &wire::Event) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
    let starts = event
        .impacts()
        .filter_map(|i| parse_opt_unbounded(i.start_time.as_deref()));
    let ends = event
        .impacts()
        .filter_map(|i| parse_opt_unbounded(i.end_time.as_deref()));
    (starts.min(), ends.max())
}

fn updates(event: &wire::Event, id: &str, over: bool) -> Vec<IncidentUpdate> {
    let mut out: Vec<IncidentUpdate> = event
        .notes()
        .filter_map(|note| {
            let at = parse_opt_unbounded(note.created_at.as_deref())?;
            Some(IncidentUpdate {
                id: wire::text(note.id.as_ref())
                    .unwrap_or_else(|| format!("{id}@{}", at.to_rfc3339())),
                status: IncidentStatus::Investigating,
                body: note
                    .message
                    .as_ref()
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
                at,
                components: Vec::new(),
            })
        })
        .collect();
    timeline::sort_and_dedup(&mut out);
    if let (true, Some(last)) = (over, out.last_mut()) {
        last.status = IncidentStatus::Resolved;
    }
    out
}

fn incident(event: &wire::Event) -> Option<Incident> {
    let id = wire::text(event.id.as_ref())?;
    let over = is_over(event);
    let updates = updates(event, &id, over);
    let created = parse_opt_unbounded(event.created_at.as_deref());
    let (first_impact, last_end) = window(event);
    let fallback = created
        .or(first_impact)
        .or_else(|| updates.first().map(|u| u.at))
        .or_else(|| parse_opt_unbounded(event.updated_at.as_deref()))?;
    let status = if over {
        IncidentStatus::Resolved
    } else {
        IncidentStatus::Investigating
    };
    let started_at = timeline::started_at(&updates, &[created, first_impact], fallback);
    let resolved_at =
        timeline::resolved_at(&status, &updates, last_end).map(|end| end.max(started_at));
    let (impact, kind) = worst_impact(event);
    let title = non_empty(event.name.as_deref())
        .map(str::to_string)
        .or_else(|| kind.map(humanise))
        .unwrap_or_else(|| format!("Salesforce incident {id}"));
    Some(Incident {
        title,
        impact,
        status,
        started_at,
        resolved_at,
        url: Some(format!("{SITE}incidents/{id}")),
        component_ids: touched(event),
        updates,
        id,
    })
}

fn maintenance(event: &wire::Event) -> Option<Maintenance> {
    let id = wire::text(event.id.as_ref())?;
    let (scheduled_for, scheduled_until) = window(event);
    let status = match non_empty(event.status.as_deref()) {
        None => MaintenanceStatus::Scheduled,
        Some(word) => match word.to_ascii_lowercase().as_str() {
            "resolved" | "closed" => MaintenanceStatus::Completed,
            _ => MaintenanceStatus::parse(word),
        },
    };
    let (_, kind) = worst_impact(event);
    Some(Maintenance {
        title: non_empty(event.name.as_deref())
            .map(str::to_string)
            .or_else(|| kind.map(humanise))
            .unwrap_or_else(|| format!("Salesforce maintenance {id}")),
        status,
        scheduled_for,
        scheduled_until,
        url: None,
        component_ids: touched(event),
        id,
    })
}

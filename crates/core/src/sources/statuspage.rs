//! Atlassian Statuspage v2 parsers (`summary.json`, `components.json`, `incidents.json`,
//! `scheduled-maintenances.json`), also used for incident.io's Statuspage-compatible layer.
//!
//! Decisions worth knowing:
//! - Group rows (`group: true`) are not components; their name becomes each child's `group`.
//! - `summary.json` must carry at least one of `components`, `page` or `status` (so `status.json`
//!   and `components.json` parse); `incidents.json` needs `incidents`, and
//!   `scheduled-maintenances.json` needs `scheduled_maintenances`. Anything else is `Malformed`.
//! - An update's time is `display_at`, else `created_at`; updates without any time take the
//!   incident's own creation time. An incident with no time at all is skipped: it has no place on a timeline.

mod wire;

use crate::error::SourceError;
use crate::model::{sort_incidents, sort_maintenances};
use crate::model::{
    Component, Incident, IncidentUpdate, Maintenance, PageInfo, Snapshot, UpdateComponent,
};
use crate::sources::time::parse_opt_unbounded;
use crate::sources::{malformed, non_empty};
use crate::status::{Impact, IncidentStatus, MaintenanceStatus};
use crate::timeline;
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// Parses `summary.json` (or `components.json` / `status.json`): page, components, unresolved
/// incidents and upcoming or active maintenances.
pub fn parse_summary(body: &[u8]) -> Result<Snapshot, SourceError> {
    const WHAT: &str = "Statuspage summary.json";
    let doc = decode(WHAT, body, &["components", "page", "status"])?;
    let page = page_info(doc.page.as_ref());
    let components = components(doc.components.as_deref().unwrap_or_default());
    let known: Known<'_> = components.iter().map(|c| (c.id.as_str(), c)).collect();
    let incidents = incident_list(doc.incidents.as_deref(), &page, &known);
    let maintenances = maintenance_list(doc.scheduled_maintenances.as_deref(), &page);
    Ok(Snapshot {
        page,
        components,
        incidents,
        maintenances,
        warnings: Vec::new(),
    })
}

/// The page's components by id (looked up in constant time: an update may name thousands).
type Known<'a> = HashMap<&'a str, &'a Component>;

/// Every readable incident of a list, newest first.
fn incident_list(
    raw: Option<&[wire::Incident]>,
    page: &PageInfo,
    known: &Known<'_>,
) -> Vec<Incident> {
    let mut list: Vec<Incident> = raw
        .unwrap_or_default()
        .iter()
        .filter_map(|one| incident(one, page, known))
        .collect();
    sort_incidents(&mut list);
    list
}

/// Every readable maintenance of a list, in maintenance order.
fn maintenance_list(raw: Option<&[wire::Incident]>, page: &PageInfo) -> Vec<Maintenance> {
    let mut list: Vec<Maintenance> = raw
        .unwrap_or_default()
        .iter()
        .filter_map(|one| maintenance(one, page))
        .collect();
    sort_maintenances(&mut list);
    list
}

/// Parses `incidents.json` (or `incidents/unresolved.json`): incidents with their timelines.
/// The document names no groups, so update component names keep their "Group - " prefix.
pub fn parse_incidents(body: &[u8]) -> Result<Snapshot, SourceError> {
    const WHAT: &str = "Statuspage incidents.json";
    let doc = decode(WHAT, body, &["incidents"])?;
    let page = page_info(doc.page.as_ref());
    let incidents = incident_list(doc.incidents.as_deref(), &page, &Known::new());
    Ok(Snapshot {
        page,
        incidents,
        ..Snapshot::default()
    })
}

/// Parses `scheduled-maintenances.json` (or its `upcoming`/`active` variants).
pub fn parse_maintenances(body: &[u8]) -> Result<Snapshot, SourceError> {
    const WHAT: &str = "Statuspage scheduled-maintenances.json";
    let doc = decode(WHAT, body, &["scheduled_maintenances"])?;
    let page = page_info(doc.page.as_ref());
    let maintenances = maintenance_list(doc.scheduled_maintenances.as_deref(), &page);
    Ok(Snapshot {
        page,
        maintenances,
        ..Snapshot::default()
    })
}

/// Reads `body` as a JSON object holding at least one of `required_any` keys.
fn decode(
    what: &'static str,
    body: &[u8],
    required_any: &[&str],
) -> Result<wire::Document, SourceError> {
    let value: serde_json::Value =
        serde_json::from_slice(body).map_err(|err| SourceError::from_json(what, body, &err))?;
    let Some(object) = value.as_object() else {
        return Err(malformed(what, "expected a JSON object at the top level"));
    };
    if !required_any.iter().any(|key| object.contains_key(*key)) {
        let wanted = required_any.join("`, `");
        return Err(malformed(
            what,
            &format!("none of the keys `{wanted}` is present"),
        ));
    }
    serde_json::from_value(value).map_err(|err| SourceError::from_json(what, body, &err))
}

fn page_info(page: Option<&wire::Page>) -> PageInfo {
    page.map(|p| PageInfo {
        id: p.id.clone(),
        name: p.name.clone(),
        url: p.url.clone(),
    })
    .unwrap_or_default()
}

/// Flattens component rows: group rows become the `group` of their children.
fn components(rows: &[wire::Component]) -> Vec<Component> {
    // Group id → (name, position); child id → group id from the group's own `components` list.
    let mut groups: HashMap<&str, (&str, i64)> = HashMap::new();
    let mut listed_parent: HashMap<&str, &str> = HashMap::new();
    for row in rows.iter().filter(|r| r.group == Some(true)) {
        let Some(id) = non_empty(row.id.as_deref()) else {
            continue;
        };
        groups.insert(
            id,
            (row.name.as_deref().unwrap_or(id), row.position.unwrap_or(0)),
        );
        for child in row.components.iter().flatten() {
            listed_parent.insert(child.as_str(), id);
        }
    }
    let mut out: Vec<Component> = rows
        .iter()
        .filter(|r| r.group != Some(true))
        .filter_map(|row| {
            let id = non_empty(row.id.as_deref())?;
            let own = row.position.unwrap_or(0);
            let parent =
                non_empty(row.group_id.as_deref()).or_else(|| listed_parent.get(id).copied());
            let (group, position) = match parent.and_then(|g| groups.get(g)) {
                Some((name, group_pos)) => (Some((*name).to_string()), (*group_pos, own)),
                None => (None, (own, 0)),
            };
            Some(Component {
                id: id.to_string(),
                name: row.name.clone().unwrap_or_else(|| id.to_string()),
                group,
                status: super::status_word(row.status.as_deref()),
                position,
            })
        })
        .collect();
    super::sort_by_position(&mut out);
    out
}

/// Every time the record carries, for fallbacks.
fn known_times(raw: &wire::Incident) -> impl Iterator<Item = DateTime<Utc>> + '_ {
    [
        &raw.created_at,
        &raw.started_at,
        &raw.updated_at,
        &raw.monitoring_at,
        &raw.resolved_at,
    ]
    .into_iter()
    .filter_map(|t| parse_opt_unbounded(t.as_deref()))
}

/// The page's link for a record: its shortlink, else `<page url>/incidents/<id>`.
fn record_url(raw: &wire::Incident, id: &str, page: &PageInfo) -> Option<String> {
    non_empty(raw.shortlink.as_deref())
        .map(str::to_string)
        .or_else(|| {
            let base = non_empty(page.url.as_deref())?.trim_end_matches('/');
            Some(format!("{base}/incidents/{id}"))
        })
}

/// The display name of an affected component: without "Group - " when `known` names its group.
fn update_component_name(code: &str, name: Option<&str>, known: &Known<'_>) -> String {
    let Some(name) = non_empty(name) else {
        return known
            .get(code)
            .map_or_else(|| code.to_string(), |c| c.name.clone());
    };
    let group = known.get(code).and_then(|c| c.group.as_deref());
    group
        .and_then(|g| name.strip_prefix(g))
        .and_then(|rest| rest.strip_prefix(" - "))
        .filter(|rest| !rest.is_empty())
        .unwrap_or(name)
        .to_string()
}

/// The timeline, oldest first.
fn updates(
    raw: &wire::Incident,
    incident_id: &str,
    fallback: Option<DateTime<Utc>>,
    known: &Known<'_>,
) -> Vec<IncidentUpdate> {
    let mut out: Vec<IncidentUpdate> = raw
        .incident_updates
        .iter()
        .flatten()
        .filter_map(|u| {
            let at = parse_opt_unbounded(u.display_at.as_deref())
                .or_else(|| parse_opt_unbounded(u.created_at.as_deref()))
                .or_else(|| parse_opt_unbounded(u.updated_at.as_deref()))
                .or(fallback)?;
            let id = non_empty(u.id.as_deref()).map_or_else(
                || format!("{incident_id}@{}", at.to_rfc3339()),
                str::to_string,
            );
            let components = u
                .affected_components
                .iter()
                .flatten()
                .filter_map(|a| {
                    let code = non_empty(a.code.as_deref())?;
                    Some(UpdateComponent {
                        id: code.to_string(),
                        name: update_component_name(code, a.name.as_deref(), known),
                        status: super::status_word(a.new_status.as_deref()),
                    })
                })
                .collect();
            Some(IncidentUpdate {
                id,
                status: IncidentStatus::parse(u.status.as_deref().unwrap_or_default()),
                body: u.body.clone().unwrap_or_default(),
                at,
                components,
            })
        })
        .collect();
    timeline::sort_oldest_first(&mut out);
    out
}

/// Ids of the record's `components[]`, then any other code its updates mention.
fn component_ids(raw: &wire::Incident, updates: &[IncidentUpdate]) -> Vec<String> {
    let listed = raw
        .components
        .iter()
        .flatten()
        .filter_map(|c| non_empty(c.id.as_deref()));
    let mentioned = updates
        .iter()
        .flat_map(|u| u.components.iter().map(|c| c.id.as_str()));
    super::unique_ids(listed.chain(mentioned))
}

fn incident(raw: &wire::Incident, page: &PageInfo, known: &Known<'_>) -> Option<Incident> {
    let id = non_empty(raw.id.as_deref())?.to_string();
    let created = parse_opt_unbounded(raw.created_at.as_deref());
    let earliest = known_times(raw).min();
    let updates = updates(raw, &id, created.or(earliest), known);
    let status = match non_empty(raw.status.as_deref()) {
        Some(status) => IncidentStatus::parse(status),
        None => updates
            .last()
            .map_or(IncidentStatus::Investigating, |u| u.status.clone()),
    };
    let fallback = created
        .or(earliest)
        .or_else(|| updates.first().map(|u| u.at))?;
    let started_at = timeline::started_at(
        &updates,
        &[parse_opt_unbounded(raw.started_at.as_deref()), created],
        fallback,
    );
    let resolved_at = timeline::resolved_at(
        &status,
        &updates,
        parse_opt_unbounded(raw.resolved_at.as_deref()),
    )
    // The vendor's end never comes before the start (a page can say it did).
    .map(|end| end.max(started_at));
    Some(Incident {
        title: raw.name.clone().unwrap_or_default(),
        impact: non_empty(raw.impact.as_deref()).map_or(Impact::None, Impact::parse),
        status,
        started_at,
        resolved_at,
        url: record_url(raw, &id, page),
        component_ids: component_ids(raw, &updates),
        updates,
        id,
    })
}

fn maintenance(raw: &wire::Incident, page: &PageInfo) -> Option<Maintenance> {
    let id = non_empty(raw.id.as_deref())?.to_string();
    let updates = updates(raw, &id, known_times(raw).min(), &Known::new());
    let status = match non_empty(raw.status.as_deref()) {
        Some(status) => MaintenanceStatus::parse(status),
        None => updates.last().map_or(MaintenanceStatus::Scheduled, |u| {
            MaintenanceStatus::parse(u.status.as_str())
        }),
    };
    Some(Maintenance {
        title: raw.name.clone().unwrap_or_default(),
        status,
        scheduled_for: parse_opt_unbounded(raw.scheduled_for.as_deref()),
        scheduled_until: parse_opt_unbounded(raw.scheduled_until.as_deref()),
        url: record_url(raw, &id, page),
        component_ids: component_ids(raw, &updates),
        id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_needs_some_statuspage_key() {
        assert!(matches!(
            parse_summary(b"{\"foo\":1}"),
            Err(SourceError::Malformed { .. })
        ));
        assert!(matches!(
            parse_summary(b"[]"),
            Err(SourceError::Malformed { .. })
        ));
        let status_only =
            parse_summary(br#"{"page":{"id":"p"},"status":{"indicator":"none"}}"#).unwrap();
        assert!(status_only.components.is_empty());
        assert_eq!(status_only.page.id.as_deref(), Some("p"));
    }

    #[test]
    fn group_prefix_is_stripped_only_for_a_known_group() {
        let listed = [Component {
            id: "c".into(),
            name: "API".into(),
            group: Some("Core".into()),
            status: crate::status::ComponentStatus::Operational,
            position: (1, 1),
        }];
        let known: Known<'_> = listed.iter().map(|c| (c.id.as_str(), c)).collect();
        assert_eq!(
            update_component_name("c", Some("Core - API"), &known),
            "API"
        );
        assert_eq!(
            update_component_name("x", Some("Core - API"), &known),
            "Core - API"
        );
        assert_eq!(update_component_name("c", None, &known), "API");
    }
}

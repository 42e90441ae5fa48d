//! incident.io status-page parsers: `/proxy/<host>` (current state) and
//! `/proxy/<host>/incidents` (incident and maintenance history with timelines).
//!
//! Decisions worth knowing:
//! - Component status lives only in `summary.affected_components`: anything absent is operational.
//!   When `summary.structure` has items it is the page's layout: groups come from it, hidden
//!   groups and components are dropped and positions follow its order; without a structure the
//!   flat `summary.components` list is used, ungrouped.
//! - The incidents document names no components, so an update's component is named by its id
//!   there; in the summary the name comes from `components`/`structure`.
//! - incident.io gives no impact: it is derived from the worst component status the record
//!   carries (full outage → critical, partial → major, degraded → minor, maintenance → maintenance).
//! - No incident URL is built: the parser does not know the page's base URL for history records.
//! - When no update resolves a resolved incident, its end is the latest `end_at` it carries.

mod records;
mod wire;

use crate::error::SourceError;
use crate::model::{Component, PageInfo, Snapshot};
use crate::sources::{malformed, non_empty};
use crate::status::ComponentStatus;
use records::{add_record, finish};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// Parses `GET /proxy/<host>`: page, components (with groups), ongoing incidents and any
/// scheduled maintenances. The body must be an object with a `summary` object.
pub fn parse_summary(body: &[u8]) -> Result<Snapshot, SourceError> {
    const WHAT: &str = "incident.io summary";
    let value = decode_object(WHAT, body)?;
    if !value.get("summary").is_some_and(Value::is_object) {
        return Err(malformed(WHAT, "no `summary` object"));
    }
    let doc: wire::SummaryDocument =
        serde_json::from_value(value).map_err(|err| SourceError::from_json(WHAT, body, &err))?;
    let summary = doc.summary.unwrap_or_default();
    let page = PageInfo {
        id: summary.id.clone(),
        name: summary.name.clone(),
        url: summary.public_url.clone(),
    };
    let names = component_names(&summary);
    let components = layout(&summary, &names);
    let mut snapshot = Snapshot {
        page,
        components,
        ..Snapshot::default()
    };
    for raw in summary.ongoing_incidents.iter().flatten() {
        add_record(&mut snapshot, raw, &names, false);
    }
    for raw in summary.scheduled_maintenances.iter().flatten() {
        add_record(&mut snapshot, raw, &names, true);
    }
    finish(&mut snapshot);
    Ok(snapshot)
}

/// Parses `GET /proxy/<host>/incidents`: `{"incidents": [...]}` (a bare array is accepted too).
pub fn parse_incidents(body: &[u8]) -> Result<Snapshot, SourceError> {
    const WHAT: &str = "incident.io incidents";
    let value: Value =
        serde_json::from_slice(body).map_err(|err| SourceError::from_json(WHAT, body, &err))?;
    let value = match value {
        Value::Array(items) => serde_json::json!({ "incidents": items }),
        Value::Object(ref object) if object.contains_key("incidents") => value,
        Value::Object(_) => return Err(malformed(WHAT, "no `incidents` key")),
        _ => return Err(malformed(WHAT, "expected a JSON object at the top level")),
    };
    let doc: wire::IncidentsDocument =
        serde_json::from_value(value).map_err(|err| SourceError::from_json(WHAT, body, &err))?;
    let mut snapshot = Snapshot::default();
    let names = HashMap::new();
    for raw in doc.incidents.iter().flatten() {
        add_record(&mut snapshot, raw, &names, false);
    }
    finish(&mut snapshot);
    Ok(snapshot)
}

fn decode_object(what: &'static str, body: &[u8]) -> Result<Value, SourceError> {
    let value: Value =
        serde_json::from_slice(body).map_err(|err| SourceError::from_json(what, body, &err))?;
    if value.is_object() {
        Ok(value)
    } else {
        Err(malformed(what, "expected a JSON object at the top level"))
    }
}

/// Component id → display name, from the flat list and then the layout.
fn component_names(summary: &wire::Summary) -> HashMap<String, String> {
    let mut names = HashMap::new();
    let flat = summary
        .components
        .iter()
        .flatten()
        .map(|c| (c.id.as_deref(), c.name.as_deref()));
    let items = summary
        .structure
        .iter()
        .flat_map(|s| s.items.iter().flatten());
    let laid_out = items
        .flat_map(|item| {
            let grouped = item
                .group
                .iter()
                .flat_map(|g| g.components.iter().flatten());
            grouped.chain(item.component.iter())
        })
        .map(|c| (c.component_id.as_deref(), c.name.as_deref()));
    for (id, name) in flat.chain(laid_out) {
        if let (Some(id), Some(name)) = (non_empty(id), non_empty(name)) {
            names
                .entry(id.to_string())
                .or_insert_with(|| name.to_string());
        }
    }
    names
}

/// The page's visible components, in layout order, with their current status.
/// The worst status each affected component is given (operational for the rest).
fn affected_statuses(summary: &wire::Summary) -> HashMap<&str, ComponentStatus> {
    let mut statuses: HashMap<&str, ComponentStatus> = HashMap::new();
    for affected in summary.affected_components.iter().flatten() {
        let Some(id) = non_empty(affected.component_id.as_deref()) else {
            continue;
        };
        let word =
            non_empty(affected.status.as_deref()).or(non_empty(affected.current_status.as_deref()));
        let status = word.map_or(ComponentStatus::Unknown, ComponentStatus::parse);
        let entry = statuses.entry(id).or_insert(ComponentStatus::Operational);
        *entry = entry.clone().worse(status);
    }
    statuses
}

fn layout(summary: &wire::Summary, names: &HashMap<String, String>) -> Vec<Component> {
    let statuses = affected_statuses(summary);
    let mut out: Vec<Component> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut push = |id: Option<&str>, group: Option<&str>, position: (i64, i64)| {
        let Some(id) = non_empty(id) else { return };
        if !seen.insert(id.to_string()) {
            return;
        }
        out.push(Component {
            id: id.to_string(),
            name: names.get(id).cloned().unwrap_or_else(|| id.to_string()),
            group: non_empty(group).map(str::to_string),
            status: statuses
                .get(id)
                .cloned()
                .unwrap_or(ComponentStatus::Operational),
            position,
        });
    };
    let items = summary
        .structure
        .as_ref()
        .and_then(|s| s.items.as_deref())
        .unwrap_or_default();
    if items.is_empty() {
        for (index, c) in (1..).zip(summary.components.iter().flatten()) {
            push(c.id.as_deref(), None, (index, 0));
        }
        return out;
    }
    for (index, item) in (1..).zip(items) {
        if let Some(group) = &item.group {
            if group.hidden == Some(true) {
                continue;
            }
            let children = group
                .components
                .iter()
                .flatten()
                .filter(|c| c.hidden != Some(true));
            for (own, c) in (1..).zip(children) {
                push(
                    c.component_id.as_deref(),
                    group.name.as_deref(),
                    (index, own),
                );
            }
        } else if let Some(c) = item.component.as_ref().filter(|c| c.hidden != Some(true)) {
            push(c.component_id.as_deref(), None, (index, 0));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_without_the_summary_object_is_malformed() {
        assert!(matches!(
            parse_summary(b"{\"page_title\":\"x\"}"),
            Err(SourceError::Malformed { .. })
        ));
        assert!(parse_summary(b"{\"summary\":{}}").is_ok_and(|s| s.components.is_empty()));
    }
}

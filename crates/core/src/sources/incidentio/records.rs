//! incident.io incidents and maintenances (history records and the summary's ongoing ones) into
//! the model: timelines, start and end, derived impact, maintenance windows.

use super::{non_empty, wire};
use crate::model::{Incident, IncidentUpdate, Maintenance, Snapshot, UpdateComponent};
use crate::sources::time::parse_opt_unbounded;
use crate::status::{ComponentStatus, Impact, IncidentStatus, MaintenanceStatus};
use crate::timeline;
use chrono::{DateTime, Utc};
use serde_json::Value;
use std::collections::HashMap;

/// Adds `raw` to the snapshot as an incident or (by its `type` or status words) a maintenance.
pub(super) fn add_record(
    snapshot: &mut Snapshot,
    raw: &wire::Incident,
    names: &HashMap<String, String>,
    maintenance: bool,
) {
    let Some(id) = non_empty(raw.id.as_deref()) else {
        return;
    };
    let is_maintenance = maintenance
        || non_empty(raw.kind.as_deref()).is_some_and(|k| k.eq_ignore_ascii_case("maintenance"))
        || non_empty(raw.status.as_deref()).is_some_and(|s| s.starts_with("maintenance_"));
    let updates = updates(raw, id, names);
    if is_maintenance {
        snapshot
            .maintenances
            .push(to_maintenance(raw, id, &updates));
    } else {
        snapshot.incidents.extend(to_incident(raw, id, updates));
    }
}

pub(super) fn finish(snapshot: &mut Snapshot) {
    crate::model::sort_incidents(&mut snapshot.incidents);
    crate::model::sort_maintenances(&mut snapshot.maintenances);
}

/// The timeline, oldest first; updates without a time take the record's `published_at`.
fn updates(
    raw: &wire::Incident,
    record_id: &str,
    names: &HashMap<String, String>,
) -> Vec<IncidentUpdate> {
    let published = parse_opt_unbounded(raw.published_at.as_deref());
    let mut out: Vec<IncidentUpdate> = raw
        .updates
        .iter()
        .flatten()
        .filter_map(|u| {
            let at = parse_opt_unbounded(u.published_at.as_deref()).or(published)?;
            let id = non_empty(u.id.as_deref()).map_or_else(
                || format!("{record_id}@{}", at.to_rfc3339()),
                str::to_string,
            );
            let word = non_empty(u.to_status.as_deref())
                .or(non_empty(u.status.as_deref()))
                .or(non_empty(raw.status.as_deref()))
                .unwrap_or_default();
            let body = match (&u.message_string, &u.message) {
                (Some(text), _) => text.clone(),
                (None, Some(message)) => message_text(message),
                (None, None) => String::new(),
            };
            let components = u
                .component_statuses
                .iter()
                .flatten()
                .filter_map(|c| {
                    let cid = non_empty(c.component_id.as_deref())?;
                    Some(UpdateComponent {
                        id: cid.to_string(),
                        name: names.get(cid).cloned().unwrap_or_else(|| cid.to_string()),
                        status: non_empty(c.status.as_deref())
                            .map_or(ComponentStatus::Unknown, ComponentStatus::parse),
                    })
                })
                .collect();
            Some(IncidentUpdate {
                id,
                status: IncidentStatus::parse(word),
                body,
                at,
                components,
            })
        })
        .collect();
    timeline::sort_oldest_first(&mut out);
    out
}

/// Plain text of an update's rich `message` (ProseMirror JSON under `text_node`, or a string).
fn message_text(message: &Value) -> String {
    fn inline(node: &Value, out: &mut String) {
        if let Some(text) = node.get("text").and_then(Value::as_str) {
            out.push_str(text);
        } else if matches!(
            node.get("type").and_then(Value::as_str),
            Some("hardBreak" | "hard_break")
        ) {
            out.push('\n');
        }
        for child in node
            .get("content")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            inline(child, out);
        }
    }
    fn blocks(node: &Value, lines: &mut Vec<String>) {
        let kind = node.get("type").and_then(Value::as_str).unwrap_or_default();
        let children = node.get("content").and_then(Value::as_array);
        let has_block_children =
            children.is_some_and(|c| c.iter().any(|n| n.get("content").is_some()));
        if kind == "paragraph"
            || kind == "heading"
            || node.get("text").is_some()
            || !has_block_children
        {
            let mut line = String::new();
            inline(node, &mut line);
            lines.push(line);
        } else {
            for child in children.into_iter().flatten() {
                blocks(child, lines);
            }
        }
    }
    match message {
        Value::String(text) => text.clone(),
        Value::Object(object) => {
            let mut lines = Vec::new();
            blocks(object.get("text_node").unwrap_or(message), &mut lines);
            lines.join("\n")
        }
        _ => String::new(),
    }
}

/// Every component status word the record carries.
fn statuses(raw: &wire::Incident, updates: &[IncidentUpdate]) -> Vec<ComponentStatus> {
    let words = raw
        .component_impacts
        .iter()
        .flatten()
        .map(|c| c.status.as_deref());
    let words = words.chain(
        raw.status_summaries
            .iter()
            .flatten()
            .map(|s| s.worst_component_status.as_deref()),
    );
    let words = words.chain(
        raw.affected_components
            .iter()
            .flatten()
            .map(|a| a.status.as_deref()),
    );
    let mut out: Vec<ComponentStatus> = words
        .filter_map(non_empty)
        .map(ComponentStatus::parse)
        .collect();
    out.extend(
        updates
            .iter()
            .flat_map(|u| u.components.iter().map(|c| c.status.clone())),
    );
    out
}

/// Window bounds: (earliest `start_at`, latest `end_at`) of the component impacts, else of the
/// status summaries.
fn window(raw: &wire::Incident) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
    let impacts = raw.component_impacts.iter().flatten();
    let from_impacts = (
        impacts
            .clone()
            .filter_map(|c| parse_opt_unbounded(c.start_at.as_deref()))
            .min(),
        impacts
            .filter_map(|c| parse_opt_unbounded(c.end_at.as_deref()))
            .max(),
    );
    let summaries = raw.status_summaries.iter().flatten();
    let from_summaries = (
        summaries
            .clone()
            .filter_map(|s| parse_opt_unbounded(s.start_at.as_deref()))
            .min(),
        summaries
            .filter_map(|s| parse_opt_unbounded(s.end_at.as_deref()))
            .max(),
    );
    (
        from_impacts.0.or(from_summaries.0),
        from_impacts.1.or(from_summaries.1),
    )
}

/// Ids from affected components, component impacts and updates, first seen first.
fn component_ids(raw: &wire::Incident, updates: &[IncidentUpdate]) -> Vec<String> {
    let affected = raw
        .affected_components
        .iter()
        .flatten()
        .map(|a| a.component_id.as_deref());
    let impacted = raw
        .component_impacts
        .iter()
        .flatten()
        .map(|c| c.component_id.as_deref());
    let mentioned = updates
        .iter()
        .flat_map(|u| u.components.iter().map(|c| Some(c.id.as_str())));
    crate::sources::unique_ids(
        affected
            .chain(impacted)
            .chain(mentioned)
            .filter_map(non_empty),
    )
}

/// `None` for a record with no readable time at all: it cannot be placed on a timeline.
fn to_incident(raw: &wire::Incident, id: &str, updates: Vec<IncidentUpdate>) -> Option<Incident> {
    let published = parse_opt_unbounded(raw.published_at.as_deref());
    let (first_impact, last_end) = window(raw);
    let status = match non_empty(raw.status.as_deref()) {
        Some(word) => IncidentStatus::parse(word),
        None => updates
            .last()
            .map_or(IncidentStatus::Investigating, |u| u.status.clone()),
    };
    let fallback = published
        .or(first_impact)
        .or(last_end)
        .or_else(|| updates.first().map(|u| u.at))?;
    let started_at = timeline::started_at(&updates, &[published, first_impact], fallback);
    // The vendor's end never comes before the start (a page can say it did).
    let resolved_at =
        timeline::resolved_at(&status, &updates, last_end).map(|end| end.max(started_at));
    let worst = ComponentStatus::worst(statuses(raw, &updates).iter());
    Some(Incident {
        id: id.to_string(),
        title: raw.name.clone().unwrap_or_default(),
        impact: Impact::from_worst_component(&worst),
        status,
        started_at,
        resolved_at,
        url: None,
        component_ids: component_ids(raw, &updates),
        updates,
    })
}

fn to_maintenance(raw: &wire::Incident, id: &str, updates: &[IncidentUpdate]) -> Maintenance {
    let status = match non_empty(raw.status.as_deref()) {
        Some(word) => MaintenanceStatus::parse(word),
        None => updates.last().map_or(MaintenanceStatus::Scheduled, |u| {
            MaintenanceStatus::parse(u.status.as_str())
        }),
    };
    let (scheduled_for, scheduled_until) = window(raw);
    Maintenance {
        id: id.to_string(),
        title: raw.name.clone().unwrap_or_default(),
        status,
        scheduled_for,
        scheduled_until,
        url: None,
        component_ids: component_ids(raw, updates),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_mirror_messages_become_lines() {
        let message = serde_json::json!({"text_node": {"type": "doc", "content": [
            {"type": "paragraph", "content": [{"type": "text", "text": "One "}, {"type": "text", "text": "two"}]},
            {"type": "paragraph", "content": [{"type": "text", "text": "Three"}]}
        ]}});
        assert_eq!(message_text(&message), "One two\nThree");
        assert_eq!(message_text(&Value::String("plain".into())), "plain");
    }
}

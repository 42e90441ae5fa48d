//! Renders a [`Snapshot`] as an incident.io status page: the `/proxy/<host>` summary, the
//! `/proxy/<host>/incidents` history (shaped like the saved pleo sample), and the
//! Statuspage-compatible `/api/v2/summary.json` / `status.json` layer. Times are UTC `Z`,
//! `major_outage` is written `full_outage`, ids are used as the snapshot gives them.

use crate::codes::{incidentio_time, seconds_time, ulid_like};
use crate::history::{self, PageCtx, Segment, Step};
use crate::statuspage;
use chrono::{DateTime, Utc};
use lookout_core::{
    Component, ComponentStatus, Incident, IncidentStatus, Maintenance, MaintenanceStatus,
};
use serde_json::{json, Value};

/// incident.io's word for a component status (`full_outage`, not `major_outage`).
pub fn component_word(status: &ComponentStatus) -> &str {
    match status {
        ComponentStatus::MajorOutage => "full_outage",
        other => other.as_str(),
    }
}

fn incident_word(status: &IncidentStatus) -> &str {
    match status {
        IncidentStatus::Postmortem => "resolved",
        other => other.as_str(),
    }
}

fn maintenance_word(status: &str) -> &str {
    match MaintenanceStatus::parse(status) {
        MaintenanceStatus::Scheduled => "maintenance_scheduled",
        MaintenanceStatus::InProgress | MaintenanceStatus::Verifying => "maintenance_in_progress",
        MaintenanceStatus::Completed => "maintenance_complete",
        MaintenanceStatus::Other(_) => status,
    }
}

fn page_id(ctx: &PageCtx) -> String {
    ctx.snapshot
        .page
        .id
        .clone()
        .unwrap_or_else(|| ulid_like(&format!("page/{}", ctx.slug)))
}

fn public_url(ctx: &PageCtx) -> String {
    let url = ctx
        .snapshot
        .page
        .url
        .clone()
        .unwrap_or_else(|| ctx.page_url.clone());
    if url.ends_with('/') {
        url
    } else {
        format!("{url}/")
    }
}

fn name(ctx: &PageCtx) -> String {
    ctx.snapshot
        .page
        .name
        .clone()
        .unwrap_or_else(|| ctx.slug.to_string())
}

fn current_status(ctx: &PageCtx, id: &str) -> String {
    history::component(ctx.snapshot, id)
        .map_or("operational", |c| component_word(&c.status))
        .to_string()
}

fn time(at: Option<DateTime<Utc>>) -> Value {
    at.map_or(Value::Null, |at| Value::String(incidentio_time(at)))
}

fn updates(steps: &[Step], word: impl Fn(&str) -> String) -> Vec<Value> {
    steps
        .iter()
        .rev()
        .map(|step| {
            let statuses: Vec<Value> = step
                .transitions
                .iter()
                .map(|t| json!({ "component_id": t.id, "status": component_word(&t.new) }))
                .collect();
            json!({
                "published_at": incidentio_time(step.at),
                "id": step.id,
                "message_string": step.body,
                "to_status": word(&step.status),
                "component_statuses": statuses,
                "automated_update": false,
            })
        })
        .collect()
}

fn impacts(parent_id: &str, segments: &[Segment]) -> Vec<Value> {
    segments
        .iter()
        .map(|s| {
            let component_id = s.component_id.clone().unwrap_or_default();
            json!({
                "start_at": incidentio_time(s.start),
                "end_at": time(s.end),
                "id": ulid_like(&format!("impact/{parent_id}/{component_id}/{}", s.start)),
                "component_id": component_id,
                "status_page_incident_id": parent_id,
                "status": component_word(&s.status),
            })
        })
        .collect()
}

fn summaries(segments: &[Segment]) -> Vec<Value> {
    segments
        .iter()
        .map(|s| {
            json!({
                "start_at": incidentio_time(s.start),
                "end_at": time(s.end),
                "worst_component_status": component_word(&s.status),
            })
        })
        .collect()
}

fn affected(ctx: &PageCtx, worst: Vec<(String, ComponentStatus)>) -> Vec<Value> {
    worst
        .into_iter()
        .map(|(id, status)| {
            json!({
                "component_id": id,
                "status": component_word(&status),
                "current_status": current_status(ctx, &id),
            })
        })
        .collect()
}

/// One incident as the `/incidents` list (and, by assumption, `ongoing_incidents`) shows it.
pub fn incident(ctx: &PageCtx, i: &Incident) -> Value {
    let steps = history::incident_steps(i);
    let closed = history::resolved_at(i);
    let published = steps
        .first()
        .map_or(i.started_at, |s| s.at.min(i.started_at));
    json!({
        "updates": updates(&steps, |word| incident_word(&IncidentStatus::parse(word)).to_string()),
        "component_impacts": impacts(&i.id, &history::component_segments(&steps, closed)),
        "status_summaries": summaries(&history::worst_segments(&steps, closed)),
        "published_at": incidentio_time(published),
        "id": i.id,
        "status_page_id": page_id(ctx),
        "name": i.title,
        "status": incident_word(&i.status),
        "affected_components": affected(ctx, history::worst_per_component(&steps)),
        "type": "incident",
    })
}

/// One maintenance (`type: "maintenance"`); its impacts cover the planned window.
pub fn maintenance(ctx: &PageCtx, m: &Maintenance) -> Value {
    let steps = history::maintenance_steps(ctx.snapshot, m);
    let (announced, start, end) = history::maintenance_window(m);
    let planned: Vec<Segment> = m
        .component_ids
        .iter()
        .map(|id| Segment {
            component_id: Some(id.clone()),
            status: ComponentStatus::UnderMaintenance,
            start,
            end: Some(end),
        })
        .collect();
    let summary = Segment {
        component_id: None,
        status: ComponentStatus::UnderMaintenance,
        start,
        end: Some(end),
    };
    let worst = m
        .component_ids
        .iter()
        .map(|id| (id.clone(), ComponentStatus::UnderMaintenance))
        .collect();
    json!({
        "updates": updates(&steps, |word| maintenance_word(word).to_string()),
        "component_impacts": impacts(&m.id, &planned),
        "status_summaries": summaries(&[summary]),
        "published_at": incidentio_time(announced),
        "id": m.id,
        "status_page_id": page_id(ctx),
        "name": m.title,
        "status": maintenance_word(m.status.as_str()),
        "affected_components": affected(ctx, worst),
        "type": "maintenance",
    })
}

/// `/proxy/<host>/incidents`: incidents and maintenances, newest first.
pub fn incidents_doc(ctx: &PageCtx) -> Value {
    let mut list: Vec<(DateTime<Utc>, Value)> = ctx
        .snapshot
        .incidents
        .iter()
        .map(|i| (i.started_at, incident(ctx, i)))
        .chain(
            ctx.snapshot
                .maintenances
                .iter()
                .map(|m| (history::maintenance_window(m).0, maintenance(ctx, m))),
        )
        .collect();
    list.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    json!({ "incidents": list.into_iter().map(|(_, v)| v).collect::<Vec<_>>() })
}

fn structure_item(c: &Component) -> Value {
    json!({ "component_id": c.id, "name": c.name, "hidden": false })
}

fn structure(ctx: &PageCtx) -> Value {
    let snapshot = ctx.snapshot;
    let mut items: Vec<(i64, Value)> = snapshot
        .components
        .iter()
        .filter(|c| c.group.is_none())
        .map(|c| (c.position.0, json!({ "component": structure_item(c) })))
        .collect();
    for (group, position) in history::groups(snapshot) {
        let mut children: Vec<&Component> = snapshot
            .components
            .iter()
            .filter(|c| c.group.as_deref() == Some(group.as_str()))
            .collect();
        children.sort_by_key(|c| c.position.1);
        let group_value = json!({
            "id": ulid_like(&format!("group/{}/{group}", ctx.slug)),
            "name": group,
            "hidden": false,
            "components": children.into_iter().map(structure_item).collect::<Vec<_>>(),
        });
        items.push((position, json!({ "group": group_value })));
    }
    items.sort_by_key(|(position, _)| *position);
    json!({
        "id": ulid_like(&format!("structure/{}", ctx.slug)),
        "status_page_id": page_id(ctx),
        "items": items.into_iter().map(|(_, v)| v).collect::<Vec<_>>(),
    })
}

/// `/proxy/<host>`: the page's current state.
///
/// `ongoing_incidents` uses the same incident object as the `/incidents` list (with
/// `updates`): the real summary's incident shape has not been sampled, so this is an assumption.
pub fn summary_doc(ctx: &PageCtx) -> Value {
    let snapshot = ctx.snapshot;
    let components: Vec<Value> = snapshot
        .components
        .iter()
        .map(|c| json!({ "id": c.id, "name": c.name, "status_page_id": page_id(ctx) }))
        .collect();
    let affected: Vec<Value> = snapshot
        .components
        .iter()
        .filter(|c| !c.status.is_operational())
        .map(|c| json!({ "component_id": c.id, "status": component_word(&c.status) }))
        .collect();
    let mut ongoing: Vec<&Incident> = snapshot.active_incidents().collect();
    ongoing.sort_by_key(|i| std::cmp::Reverse(i.started_at));
    json!({
        "summary": {
            "id": page_id(ctx),
            "name": name(ctx),
            "public_url": public_url(ctx),
            "components": components,
            "affected_components": affected,
            "ongoing_incidents": ongoing.into_iter().map(|i| incident(ctx, i)).collect::<Vec<_>>(),
            "structure": structure(ctx),
        }
    })
}

fn compat_page(ctx: &PageCtx) -> Value {
    json!({
        "id": page_id(ctx),
        "name": name(ctx),
        "url": public_url(ctx),
        "updated_at": seconds_time(ctx.updated_at()),
    })
}

/// The Statuspage-compatible `/api/v2/summary.json`: components carry only id, name, status and
/// position (no group fields), and there are no `incidents`/`scheduled_maintenances` keys.
pub fn compat_summary_doc(ctx: &PageCtx) -> Value {
    let components: Vec<Value> = ctx
        .snapshot
        .components
        .iter()
        .enumerate()
        .map(|(n, c)| json!({ "id": c.id, "name": c.name, "status": c.status.as_str(), "position": n }))
        .collect();
    json!({ "page": compat_page(ctx), "status": statuspage::status(ctx), "components": components })
}

/// The Statuspage-compatible `/api/v2/status.json`.
pub fn compat_status_doc(ctx: &PageCtx) -> Value {
    json!({ "page": compat_page(ctx), "status": statuspage::status(ctx) })
}

//! Renders a [`Snapshot`] as Atlassian Statuspage v2 documents (`summary.json`, `status.json`,
//! `components.json`, `incidents.json`, `scheduled-maintenances.json`), shaped like the real
//! payloads: group rows, newest-first `incident_updates`, `affected_components` with
//! "Group - Name", and every time in a non-UTC offset with milliseconds.

use crate::codes::{statuspage_code, statuspage_time, STATUSPAGE_TIME_ZONE};
use crate::history::{self, PageCtx, Step};
use chrono::{DateTime, TimeZone, Utc};
use lookout_core::{Component, ComponentStatus, Impact, Incident, Maintenance, MaintenanceStatus};
use serde_json::{json, Value};

/// Statuspage caps its list endpoints at the 50 most recent items.
const LIST_CAP: usize = 50;

fn created_at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2021, 3, 31, 13, 55, 1)
        .single()
        .unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
}

fn page_id(ctx: &PageCtx) -> String {
    ctx.snapshot
        .page
        .id
        .clone()
        .unwrap_or_else(|| statuspage_code(ctx.slug))
}

fn group_id(ctx: &PageCtx, group: &str) -> String {
    statuspage_code(&format!("{}/group/{group}", ctx.slug))
}

/// The `page` object.
pub fn page(ctx: &PageCtx) -> Value {
    let page = &ctx.snapshot.page;
    json!({
        "id": page_id(ctx),
        "name": page.name.clone().unwrap_or_else(|| ctx.slug.to_string()),
        "url": page.url.clone().unwrap_or_else(|| ctx.page_url.trim_end_matches('/').to_string()),
        "time_zone": STATUSPAGE_TIME_ZONE,
        "updated_at": statuspage_time(ctx.updated_at()),
    })
}

/// The `status` object: indicator and description from open incidents, active maintenances
/// and the worst component.
pub fn status(ctx: &PageCtx) -> Value {
    let snapshot = ctx.snapshot;
    let level = |impact: &Impact| match impact {
        Impact::Critical => 3,
        Impact::Major => 2,
        Impact::Minor => 1,
        _ => 0,
    };
    let from_incidents = snapshot
        .active_incidents()
        .map(|i| level(&i.impact))
        .max()
        .unwrap_or(0);
    let statuses: Vec<&ComponentStatus> = snapshot.components.iter().map(|c| &c.status).collect();
    let all_down =
        !statuses.is_empty() && statuses.iter().all(|s| **s == ComponentStatus::MajorOutage);
    let from_components = match ComponentStatus::worst(statuses.iter().copied()) {
        ComponentStatus::MajorOutage if all_down => 3,
        ComponentStatus::MajorOutage => 2,
        ComponentStatus::PartialOutage | ComponentStatus::DegradedPerformance => 1,
        _ => 0,
    };
    let maintenance = snapshot.maintenances.iter().any(|m| m.status.is_active())
        || statuses
            .iter()
            .any(|s| **s == ComponentStatus::UnderMaintenance);
    let worst = from_incidents.max(from_components);
    let degraded_only = from_incidents == 0
        && ComponentStatus::worst(statuses.iter().copied()) == ComponentStatus::DegradedPerformance;
    let (indicator, description) = match worst {
        3 => ("critical", "Major Service Outage"),
        2 => ("major", "Partial System Outage"),
        1 if degraded_only => ("minor", "Partially Degraded Service"),
        1 => ("minor", "Minor Service Outage"),
        _ if maintenance => ("maintenance", "Service Under Maintenance"),
        _ => ("none", "All Systems Operational"),
    };
    json!({ "indicator": indicator, "description": description })
}

fn component_row(ctx: &PageCtx, c: &Component) -> Value {
    json!({
        "id": c.id,
        "name": c.name,
        "status": c.status.as_str(),
        "created_at": statuspage_time(created_at()),
        "updated_at": statuspage_time(ctx.updated_at()),
        "position": if c.group.is_some() { c.position.1 } else { c.position.0 },
        "description": null,
        "showcase": true,
        "start_date": "2021-03-31",
        "group_id": c.group.as_deref().map(|g| group_id(ctx, g)),
        "page_id": page_id(ctx),
        "group": false,
        "only_show_if_degraded": false,
    })
}

/// Every component row, group rows included (`group: true`, `components: [child ids]`, status
/// the worst child's), ordered by `position` as Statuspage does (positions restart per group).
pub fn components(ctx: &PageCtx) -> Vec<Value> {
    let snapshot = ctx.snapshot;
    let mut rows: Vec<((i64, bool), Value)> = snapshot
        .components
        .iter()
        .map(|c| {
            let row = component_row(ctx, c);
            let position = row["position"].as_i64().unwrap_or(0);
            ((position, false), row)
        })
        .collect();
    for (name, position) in history::groups(snapshot) {
        let children: Vec<&Component> = snapshot
            .components
            .iter()
            .filter(|c| c.group.as_deref() == Some(name.as_str()))
            .collect();
        let row = json!({
            "id": group_id(ctx, &name),
            "name": name,
            "status": ComponentStatus::worst(children.iter().map(|c| &c.status)).as_str(),
            "created_at": statuspage_time(created_at()),
            "updated_at": statuspage_time(ctx.updated_at()),
            "position": position,
            "description": null,
            "showcase": false,
            "start_date": null,
            "group_id": null,
            "page_id": page_id(ctx),
            "group": true,
            "only_show_if_degraded": false,
            "components": children.iter().map(|c| c.id.clone()).collect::<Vec<_>>(),
        });
        rows.push(((position, true), row));
    }
    rows.sort_by_key(|(key, _)| *key);
    rows.into_iter().map(|(_, row)| row).collect()
}

/// "Group - Name" for grouped components, the bare name otherwise.
fn affected_name(ctx: &PageCtx, id: &str, fallback: &str) -> String {
    match history::component(ctx.snapshot, id) {
        Some(Component {
            name,
            group: Some(group),
            ..
        }) => format!("{group} - {name}"),
        Some(c) => c.name.clone(),
        None => fallback.to_string(),
    }
}

fn updates(ctx: &PageCtx, parent_id: &str, steps: &[Step]) -> Vec<Value> {
    steps
        .iter()
        .rev()
        .map(|step| {
            let affected = if step.transitions.is_empty() {
                Value::Null
            } else {
                step.transitions
                    .iter()
                    .map(|t| {
                        json!({
                            "code": t.id,
                            "name": affected_name(ctx, &t.id, &t.name),
                            "old_status": t.old.as_str(),
                            "new_status": t.new.as_str(),
                        })
                    })
                    .collect()
            };
            let at = statuspage_time(step.at);
            json!({
                "id": step.id,
                "status": step.status,
                "body": step.body,
                "incident_id": parent_id,
                "created_at": at,
                "updated_at": at,
                "display_at": at,
                "affected_components": affected,
                "deliver_notifications": true,
                "custom_tweet": null,
                "tweet_id": null,
            })
        })
        .collect()
}

fn attached_components(ctx: &PageCtx, ids: &[String]) -> Vec<Value> {
    ids.iter()
        .filter_map(|id| history::component(ctx.snapshot, id))
        .map(|c| component_row(ctx, c))
        .collect()
}

fn shortlink(id: &str) -> String {
    format!(
        "https://stspg.io/{}",
        statuspage_code(&format!("short/{id}"))
    )
}

/// One incident with its whole timeline (`incident_updates` newest first).
pub fn incident(ctx: &PageCtx, i: &Incident) -> Value {
    let steps = history::incident_steps(i);
    let created = steps.first().map_or(i.started_at, |s| s.at);
    let updated = steps.last().map_or(i.started_at, |s| s.at);
    let time = |at: Option<DateTime<Utc>>| at.map(statuspage_time);
    json!({
        "id": i.id,
        "name": i.title,
        "status": i.status.as_str(),
        "created_at": statuspage_time(created),
        "updated_at": statuspage_time(updated),
        "monitoring_at": time(history::monitoring_at(i)),
        "resolved_at": time(history::resolved_at(i)),
        "impact": i.impact.as_str(),
        "shortlink": i.url.clone().unwrap_or_else(|| shortlink(&i.id)),
        "started_at": statuspage_time(i.started_at),
        "page_id": page_id(ctx),
        "incident_updates": updates(ctx, &i.id, &steps),
        "components": attached_components(ctx, &i.component_ids),
        "reminder_intervals": null,
    })
}

/// One scheduled maintenance (the incident shape plus `scheduled_for`/`scheduled_until`).
pub fn maintenance(ctx: &PageCtx, m: &Maintenance) -> Value {
    let steps = history::maintenance_steps(ctx.snapshot, m);
    let (announced, start, end) = history::maintenance_window(m);
    let at = |word: &str| {
        steps
            .iter()
            .find(|s| s.status == word)
            .map(|s| statuspage_time(s.at))
    };
    let updated = steps.last().map_or(announced, |s| s.at);
    json!({
        "id": m.id,
        "name": m.title,
        "status": m.status.as_str(),
        "created_at": statuspage_time(announced),
        "updated_at": statuspage_time(updated),
        "monitoring_at": at("verifying"),
        "resolved_at": at("completed"),
        "impact": "maintenance",
        "shortlink": m.url.clone().unwrap_or_else(|| shortlink(&m.id)),
        "started_at": statuspage_time(announced),
        "page_id": page_id(ctx),
        "incident_updates": updates(ctx, &m.id, &steps),
        "components": attached_components(ctx, &m.component_ids),
        "scheduled_for": statuspage_time(start),
        "scheduled_until": statuspage_time(end),
    })
}

fn incidents_newest_first<'a>(ctx: &'a PageCtx, open_only: bool) -> Vec<&'a Incident> {
    let mut list: Vec<&Incident> = ctx
        .snapshot
        .incidents
        .iter()
        .filter(|i| !open_only || !i.status.is_resolved())
        .collect();
    list.sort_by_key(|i| std::cmp::Reverse(i.started_at));
    list.truncate(LIST_CAP);
    list
}

/// Which maintenances a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaintenanceFilter {
    /// Any state (`scheduled-maintenances.json`).
    All,
    /// `scheduled`, `in_progress`, `verifying` (the summary).
    Current,
    /// `scheduled` only (`/upcoming.json`).
    Upcoming,
    /// `in_progress`, `verifying` (`/active.json`).
    Active,
}

fn maintenances_newest_first(ctx: &PageCtx, filter: MaintenanceFilter) -> Vec<Value> {
    let mut list: Vec<&Maintenance> = ctx
        .snapshot
        .maintenances
        .iter()
        .filter(|m| match filter {
            MaintenanceFilter::All => true,
            MaintenanceFilter::Current => m.status != MaintenanceStatus::Completed,
            MaintenanceFilter::Upcoming => m.status == MaintenanceStatus::Scheduled,
            MaintenanceFilter::Active => m.status.is_active(),
        })
        .collect();
    list.sort_by(|a, b| {
        history::maintenance_window(b)
            .1
            .cmp(&history::maintenance_window(a).1)
    });
    list.truncate(LIST_CAP);
    list.into_iter().map(|m| maintenance(ctx, m)).collect()
}

/// `/api/v2/summary.json`: unresolved incidents and current maintenances only.
pub fn summary_doc(ctx: &PageCtx) -> Value {
    let incidents: Vec<Value> = incidents_newest_first(ctx, true)
        .into_iter()
        .map(|i| incident(ctx, i))
        .collect();
    json!({
        "page": page(ctx),
        "components": components(ctx),
        "incidents": incidents,
        "scheduled_maintenances": maintenances_newest_first(ctx, MaintenanceFilter::Current),
        "status": status(ctx),
    })
}

/// `/api/v2/status.json`.
pub fn status_doc(ctx: &PageCtx) -> Value {
    json!({ "page": page(ctx), "status": status(ctx) })
}

/// `/api/v2/components.json`.
pub fn components_doc(ctx: &PageCtx) -> Value {
    json!({ "page": page(ctx), "components": components(ctx) })
}

/// `/api/v2/incidents.json` (all, newest first) or `/incidents/unresolved.json`.
pub fn incidents_doc(ctx: &PageCtx, unresolved_only: bool) -> Value {
    let incidents: Vec<Value> = incidents_newest_first(ctx, unresolved_only)
        .into_iter()
        .map(|i| incident(ctx, i))
        .collect();
    json!({ "page": page(ctx), "incidents": incidents })
}

/// `/api/v2/scheduled-maintenances[/upcoming|/active].json`.
pub fn maintenances_doc(ctx: &PageCtx, filter: MaintenanceFilter) -> Value {
    json!({ "page": page(ctx), "scheduled_maintenances": maintenances_newest_first(ctx, filter) })
}

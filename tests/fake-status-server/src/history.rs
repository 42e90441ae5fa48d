//! Dialect-neutral facts derived from a [`Snapshot`]: component lookup with groups, each
//! update's component transitions, maintenance timelines synthesised from a window, and the
//! time segments during which a component (or the page) was in a non-operational status.

use chrono::{DateTime, Duration, Utc};
use lookout_core::{
    Component, ComponentStatus, Incident, IncidentStatus, Maintenance, MaintenanceStatus, Snapshot,
};
use std::collections::HashMap;

/// A component's status before and after one update.
#[derive(Debug, Clone)]
pub struct Transition {
    pub id: String,
    pub name: String,
    pub old: ComponentStatus,
    pub new: ComponentStatus,
}

/// One post on a timeline, oldest-first order, in a dialect-neutral form.
#[derive(Debug, Clone)]
pub struct Step {
    pub id: String,
    /// The vendor word before dialect mapping (`investigating`, `in_progress`…).
    pub status: String,
    pub body: String,
    pub at: DateTime<Utc>,
    pub transitions: Vec<Transition>,
}

/// A period during which something was in `status` (`end` `None`: still going).
#[derive(Debug, Clone)]
pub struct Segment {
    pub component_id: Option<String>,
    pub status: ComponentStatus,
    pub start: DateTime<Utc>,
    pub end: Option<DateTime<Utc>>,
}

/// What a renderer needs to know about one page.
#[derive(Debug, Clone)]
pub struct PageCtx<'a> {
    pub snapshot: &'a Snapshot,
    pub slug: &'a str,
    /// `http://127.0.0.1:PORT/<slug>/`.
    pub page_url: String,
    /// When the test last set this page.
    pub set_at: DateTime<Utc>,
}

impl PageCtx<'_> {
    /// The page's `updated_at`: the newest time in its data, else when it was set.
    pub fn updated_at(&self) -> DateTime<Utc> {
        newest_time(self.snapshot).unwrap_or(self.set_at)
    }
}

/// Finds components by id.
pub fn component<'a>(snapshot: &'a Snapshot, id: &str) -> Option<&'a Component> {
    snapshot.components.iter().find(|c| c.id == id)
}

/// The group names in page order (by group position), each with its position.
pub fn groups(snapshot: &Snapshot) -> Vec<(String, i64)> {
    let mut out: Vec<(String, i64)> = Vec::new();
    for c in &snapshot.components {
        if let Some(group) = &c.group {
            if !out.iter().any(|(name, _)| name == group) {
                out.push((group.clone(), c.position.0));
            }
        }
    }
    out.sort_by_key(|(_, position)| *position);
    out
}

/// An incident's updates as steps, oldest first, with each touched component's old status
/// (components start `operational`).
pub fn incident_steps(incident: &Incident) -> Vec<Step> {
    let mut updates: Vec<_> = incident.updates.iter().collect();
    updates.sort_by_key(|u| u.at);
    let mut current: HashMap<&str, ComponentStatus> = HashMap::new();
    updates
        .into_iter()
        .map(|u| {
            let transitions = u
                .components
                .iter()
                .map(|c| {
                    let old = current
                        .insert(c.id.as_str(), c.status.clone())
                        .unwrap_or(ComponentStatus::Operational);
                    Transition {
                        id: c.id.clone(),
                        name: c.name.clone(),
                        old,
                        new: c.status.clone(),
                    }
                })
                .collect();
            Step {
                id: u.id.clone(),
                status: u.status.as_str().to_string(),
                body: u.body.clone(),
                at: u.at,
                transitions,
            }
        })
        .collect()
}

/// When the first update that resolved the incident was posted (else the model's own field).
pub fn resolved_at(incident: &Incident) -> Option<DateTime<Utc>> {
    incident
        .updates
        .iter()
        .filter(|u| u.status.is_resolved())
        .map(|u| u.at)
        .min()
        .or(incident.resolved_at)
        .filter(|_| incident.status.is_resolved())
}

/// When the first `monitoring` update was posted.
pub fn monitoring_at(incident: &Incident) -> Option<DateTime<Utc>> {
    incident
        .updates
        .iter()
        .filter(|u| u.status == IncidentStatus::Monitoring)
        .map(|u| u.at)
        .min()
}

/// The maintenance window with defaults: (announced, start, end).
pub fn maintenance_window(m: &Maintenance) -> (DateTime<Utc>, DateTime<Utc>, DateTime<Utc>) {
    let start = m
        .scheduled_for
        .or(m.scheduled_until.map(|end| end - Duration::hours(1)))
        .unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
    let end = m.scheduled_until.unwrap_or(start + Duration::hours(1));
    (start - Duration::days(1), start, end)
}

/// A maintenance's timeline synthesised from its status and window, oldest first:
/// `scheduled` (announced a day ahead), `in_progress` at the start, `verifying`/`completed` at
/// the end; covered components go `operational → under_maintenance` and back.
pub fn maintenance_steps(snapshot: &Snapshot, m: &Maintenance) -> Vec<Step> {
    use ComponentStatus::{Operational as Up, UnderMaintenance as Maint};
    let (announced, start, end) = maintenance_window(m);
    let mut plan: Vec<(&str, DateTime<Utc>, &str, ComponentStatus, ComponentStatus)> = vec![(
        "scheduled",
        announced,
        "We will be performing scheduled maintenance during this window.",
        Up,
        Up,
    )];
    let progress = (
        "in_progress",
        start,
        "Scheduled maintenance is currently in progress. We will provide updates as necessary.",
        Up,
        Maint,
    );
    match &m.status {
        MaintenanceStatus::Scheduled => {}
        MaintenanceStatus::InProgress => plan.push(progress),
        MaintenanceStatus::Verifying => {
            plan.push(progress);
            plan.push((
                "verifying",
                end,
                "Maintenance is done; verifying.",
                Maint,
                Maint,
            ));
        }
        MaintenanceStatus::Completed => {
            plan.push(progress);
            plan.push((
                "completed",
                end,
                "The scheduled maintenance has been completed.",
                Maint,
                Up,
            ));
        }
        MaintenanceStatus::Other(word) => {
            plan.push((word.as_str(), start, "Maintenance update.", Up, Maint));
        }
    }
    plan.into_iter()
        .enumerate()
        .map(|(n, (status, at, body, old, new))| Step {
            id: format!("{}-u{n}", m.id),
            status: status.to_string(),
            body: body.to_string(),
            at,
            transitions: m
                .component_ids
                .iter()
                .map(|id| Transition {
                    id: id.clone(),
                    name: component(snapshot, id).map_or_else(|| id.clone(), |c| c.name.clone()),
                    old: old.clone(),
                    new: new.clone(),
                })
                .collect(),
        })
        .collect()
}

/// Per-component segments of non-operational status over `steps`; segments still open when the
/// timeline ends are closed at `closed_at` if given.
pub fn component_segments(steps: &[Step], closed_at: Option<DateTime<Utc>>) -> Vec<Segment> {
    let mut open: Vec<Segment> = Vec::new();
    let mut done: Vec<Segment> = Vec::new();
    for step in steps {
        for t in &step.transitions {
            let position = open
                .iter()
                .position(|s| s.component_id.as_deref() == Some(t.id.as_str()));
            if let Some(index) = position {
                if open[index].status == t.new {
                    continue;
                }
                let mut segment = open.remove(index);
                segment.end = Some(step.at);
                done.push(segment);
            }
            if !t.new.is_operational() {
                open.push(Segment {
                    component_id: Some(t.id.clone()),
                    status: t.new.clone(),
                    start: step.at,
                    end: None,
                });
            }
        }
    }
    for mut segment in open {
        segment.end = closed_at;
        done.push(segment);
    }
    done.sort_by_key(|s| s.start);
    done
}

/// Segments of the worst component status over time (incident.io's `status_summaries`).
pub fn worst_segments(steps: &[Step], closed_at: Option<DateTime<Utc>>) -> Vec<Segment> {
    let mut current: HashMap<&str, ComponentStatus> = HashMap::new();
    let mut out: Vec<Segment> = Vec::new();
    for step in steps {
        for t in &step.transitions {
            current.insert(t.id.as_str(), t.new.clone());
        }
        let worst = ComponentStatus::worst(current.values());
        let same = out
            .last()
            .is_some_and(|s| s.end.is_none() && s.status == worst);
        if same {
            continue;
        }
        if let Some(last) = out.last_mut().filter(|s| s.end.is_none()) {
            last.end = Some(step.at);
        }
        if !worst.is_operational() {
            out.push(Segment {
                component_id: None,
                status: worst,
                start: step.at,
                end: None,
            });
        }
    }
    if let Some(last) = out.last_mut().filter(|s| s.end.is_none()) {
        last.end = closed_at;
    }
    out
}

/// The worst status each component reached over `steps`, in first-touched order.
pub fn worst_per_component(steps: &[Step]) -> Vec<(String, ComponentStatus)> {
    let mut out: Vec<(String, ComponentStatus)> = Vec::new();
    for t in steps.iter().flat_map(|s| &s.transitions) {
        match out.iter_mut().find(|(id, _)| *id == t.id) {
            Some((_, status)) => *status = status.clone().worse(t.new.clone()),
            None => out.push((t.id.clone(), t.new.clone())),
        }
    }
    out
}

/// The newest instant the snapshot mentions (page `updated_at`), if any.
pub fn newest_time(snapshot: &Snapshot) -> Option<DateTime<Utc>> {
    let incidents = snapshot
        .incidents
        .iter()
        .flat_map(|i| i.updates.iter().map(|u| u.at).chain([i.started_at]));
    let maintenances = snapshot
        .maintenances
        .iter()
        .map(|m| maintenance_window(m).0);
    incidents.chain(maintenances).max()
}

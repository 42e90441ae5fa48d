//! The pure diff between what Lookout remembers of a provider and a new observation of its page:
//! the one place that decides which [`Event`]s a poll produces.
//!
//! Rules: the first sync is a baseline (resolved history and current component states produce
//! nothing; each incident still open produces one `incident_opened`); afterwards every new vendor
//! update is one `incident_updated`, a status change of a known component is one
//! `component_changed`, and nothing missing from a snapshot is taken as resolved — except an
//! active maintenance missing from a document that lists every current maintenance.

use crate::event::{Event, EventKind};
use crate::model::{Incident, Snapshot};
use crate::status::{ComponentStatus, IncidentStatus, MaintenanceStatus};
use chrono::{DateTime, Utc};
use std::collections::{HashMap, HashSet};

/// What the store remembers of one incident.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KnownIncident {
    /// Its status when last stored.
    pub status: Option<IncidentStatus>,
    /// Ids of the updates already stored.
    pub update_ids: HashSet<String>,
}

/// What the store remembers of one provider, as the diff needs it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PreviousState {
    /// `false` until the provider's first successful sync: that sync is the baseline.
    pub synced_before: bool,
    /// When the last successful sync happened.
    pub last_synced_at: Option<DateTime<Utc>>,
    /// Component id → status.
    pub components: HashMap<String, ComponentStatus>,
    /// Incident id → what is known of it.
    pub incidents: HashMap<String, KnownIncident>,
    /// Maintenance id → what is known of it.
    pub maintenances: HashMap<String, KnownMaintenance>,
}

/// What the store remembers of one maintenance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownMaintenance {
    /// Its title.
    pub title: String,
    /// Its status when last stored.
    pub status: MaintenanceStatus,
}

impl PreviousState {
    /// Folds `observation` into what is remembered, as the store does when it saves it. Things
    /// missing from the observation are kept (a snapshot never forgets history).
    pub fn remember(&mut self, observation: &Observation, at: DateTime<Utc>) {
        self.synced_before = true;
        self.last_synced_at = Some(at);
        let snapshot = &observation.snapshot;
        for component in &snapshot.components {
            self.components
                .insert(component.id.clone(), component.status.clone());
        }
        for incident in &snapshot.incidents {
            let known = self.incidents.entry(incident.id.clone()).or_default();
            known.status = Some(incident.status.clone());
            known
                .update_ids
                .extend(incident.updates.iter().map(|u| u.id.clone()));
        }
        let listed: HashSet<&str> = snapshot
            .maintenances
            .iter()
            .map(|m| m.id.as_str())
            .collect();
        if observation.maintenances_complete {
            for (id, known) in self.maintenances.iter_mut() {
                if known.status.is_active() && !listed.contains(id.as_str()) {
                    known.status = MaintenanceStatus::Completed;
                }
            }
        }
        for maintenance in &snapshot.maintenances {
            self.maintenances.insert(
                maintenance.id.clone(),
                KnownMaintenance {
                    title: maintenance.title.clone(),
                    status: maintenance.status.clone(),
                },
            );
        }
    }
}

/// One successful poll's result, ready to be diffed and stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Observation {
    /// The page as read.
    pub snapshot: Snapshot,
    /// True when `snapshot.maintenances` lists every upcoming and active maintenance
    /// (so one that vanished has ended).
    pub maintenances_complete: bool,
}

/// The events that turn `previous` into `observation`, in a stable order: components first, then
/// incidents oldest first with their updates in timeline order, then maintenances.
pub fn diff(
    provider: &str,
    previous: &PreviousState,
    observation: &Observation,
    at: DateTime<Utc>,
) -> Vec<Event> {
    let mut kinds = Vec::new();
    let snapshot = &observation.snapshot;
    if previous.synced_before {
        for component in &snapshot.components {
            if let Some(before) = previous.components.get(&component.id) {
                if *before != component.status {
                    kinds.push(EventKind::ComponentChanged {
                        component_id: component.id.clone(),
                        component: component.name.clone(),
                        from: before.clone(),
                        to: component.status.clone(),
                    });
                }
            }
        }
    }
    let mut incidents: Vec<&Incident> = snapshot.incidents.iter().collect();
    incidents.sort_by(|a, b| {
        a.started_at
            .cmp(&b.started_at)
            .then_with(|| a.id.cmp(&b.id))
    });
    for incident in incidents {
        incident_events(previous, incident, &mut kinds);
    }
    maintenance_events(previous, observation, &mut kinds);
    kinds
        .into_iter()
        .map(|kind| Event {
            provider: provider.to_string(),
            at,
            kind,
        })
        .collect()
}

fn incident_events(previous: &PreviousState, incident: &Incident, out: &mut Vec<EventKind>) {
    let resolved = EventKind::IncidentResolved {
        incident_id: incident.id.clone(),
        title: incident.title.clone(),
        status: incident.status.clone(),
        resolved_at: incident.resolved_at,
        duration_seconds: incident.duration().map(|d| d.num_seconds()),
    };
    let Some(known) = previous.incidents.get(&incident.id) else {
        if !incident.status.is_resolved() {
            out.push(EventKind::IncidentOpened {
                incident_id: incident.id.clone(),
                title: incident.title.clone(),
                status: incident.status.clone(),
                impact: incident.impact.clone(),
                body: incident.latest_update().map(|u| u.body.clone()),
            });
        } else if previous.synced_before && ended_since(incident, previous.last_synced_at) {
            // Opened and resolved between two polls (or while Lookout was closed): say it once.
            out.push(resolved);
        }
        return;
    };
    for update in &incident.updates {
        if !known.update_ids.contains(&update.id) {
            out.push(EventKind::IncidentUpdated {
                incident_id: incident.id.clone(),
                title: incident.title.clone(),
                update_id: update.id.clone(),
                status: update.status.clone(),
                body: update.body.clone(),
            });
        }
    }
    let was_resolved = known
        .status
        .as_ref()
        .is_some_and(IncidentStatus::is_resolved);
    if incident.status.is_resolved() && !was_resolved {
        out.push(resolved);
    }
}

fn ended_since(incident: &Incident, last_synced_at: Option<DateTime<Utc>>) -> bool {
    match (incident.resolved_at, last_synced_at) {
        (Some(end), Some(last)) => end > last,
        _ => false,
    }
}

fn maintenance_events(
    previous: &PreviousState,
    observation: &Observation,
    out: &mut Vec<EventKind>,
) {
    if !previous.synced_before {
        return;
    }
    let mut seen = HashSet::new();
    for maintenance in &observation.snapshot.maintenances {
        seen.insert(maintenance.id.as_str());
        let before = previous
            .maintenances
            .get(&maintenance.id)
            .map(|m| &m.status);
        out.extend(maintenance_change(before, maintenance));
    }
    if observation.maintenances_complete {
        let mut vanished: Vec<(&String, &KnownMaintenance)> = previous
            .maintenances
            .iter()
            .filter(|(id, known)| known.status.is_active() && !seen.contains(id.as_str()))
            .collect();
        vanished.sort_by(|a, b| a.0.cmp(b.0));
        for (id, known) in vanished {
            out.push(EventKind::MaintenanceCompleted {
                maintenance_id: id.clone(),
                title: known.title.clone(),
                status: MaintenanceStatus::Completed,
            });
        }
    }
}

/// What changed for one listed maintenance since it was last seen with status `before`.
fn maintenance_change(
    before: Option<&MaintenanceStatus>,
    maintenance: &crate::model::Maintenance,
) -> Option<EventKind> {
    let (id, title, status) = (
        maintenance.id.clone(),
        maintenance.title.clone(),
        maintenance.status.clone(),
    );
    let now_active = status.is_active();
    let now_done = matches!(status, MaintenanceStatus::Completed);
    match before {
        None if now_active => Some(EventKind::MaintenanceStarted {
            maintenance_id: id,
            title,
            status,
        }),
        None if !now_done => Some(EventKind::MaintenanceScheduled {
            maintenance_id: id,
            title,
            scheduled_for: maintenance.scheduled_for,
            status,
        }),
        Some(was) if now_active && !was.is_active() && *was != MaintenanceStatus::Completed => {
            Some(EventKind::MaintenanceStarted {
                maintenance_id: id,
                title,
                status,
            })
        }
        Some(was) if now_done && *was != MaintenanceStatus::Completed => {
            Some(EventKind::MaintenanceCompleted {
                maintenance_id: id,
                title,
                status,
            })
        }
        _ => None,
    }
}

#[cfg(test)]
#[path = "diff_tests.rs"]
mod tests;

//! One incident as `lookout mcp`'s `incident` tool gives it: the stored incident with its whole
//! timeline, and what the timeline says at a glance — how long it stayed in each state and which
//! components it touched, each at the worst status any update gave it.

use crate::incidents::{ComponentChange, IncidentRow};
use chrono::{DateTime, Utc};
use lookout_core::IncidentStatus;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An incident with its timeline read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct IncidentTimeline {
    /// The incident with its whole timeline (as one of `lookout incidents --json`):
    /// `duration_seconds` is how long it lasted, `suspected_lead_seconds` how long before the
    /// vendor's first update Lookout's probes began to fail.
    pub incident: IncidentRow,
    /// Each component its updates touched, at the worst status any of them gave it.
    pub affected_components: Vec<ComponentChange>,
    /// How long it stayed in each state before it was resolved, in order (the last one, while it
    /// is open, up to now).
    pub phases: Vec<Phase>,
    /// Whether it is followed (each of its updates told whatever the rules say).
    pub followed: bool,
}

/// A stretch of an incident in one state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Phase {
    /// The state.
    #[schema(value_type = String)]
    pub status: IncidentStatus,
    /// When the update that set it was posted.
    pub from: DateTime<Utc>,
    /// How long it lasted (up to now while the incident is open).
    pub seconds: i64,
}

impl IncidentTimeline {
    /// `incident`'s timeline read at `now`.
    pub fn new(incident: IncidentRow, followed: bool, now: DateTime<Utc>) -> IncidentTimeline {
        IncidentTimeline {
            affected_components: affected(&incident),
            phases: phases(&incident, now),
            incident,
            followed,
        }
    }
}

/// Each component touched, in the order first touched, at its worst status.
fn affected(incident: &IncidentRow) -> Vec<ComponentChange> {
    let mut touched: Vec<ComponentChange> = Vec::new();
    let changes = incident.report.updates.iter().flat_map(|u| &u.components);
    for change in changes {
        match touched.iter_mut().find(|c| c.id == change.id) {
            Some(seen) if change.status.rank() > seen.status.rank() => {
                seen.status = change.status.clone();
            }
            Some(_) => {}
            None => touched.push(change.clone()),
        }
    }
    touched
}

/// The states before resolution, one stretch per change of state.
fn phases(incident: &IncidentRow, now: DateTime<Utc>) -> Vec<Phase> {
    let report = &incident.report;
    let end = report.resolved_at.unwrap_or(now);
    let mut phases: Vec<Phase> = Vec::new();
    for update in &report.updates {
        if update.at >= end || update.status.is_resolved() {
            break;
        }
        if phases.last().is_some_and(|p| p.status == update.status) {
            continue;
        }
        phases.push(Phase {
            status: update.status.clone(),
            from: update.at,
            seconds: 0,
        });
    }
    let starts: Vec<DateTime<Utc>> = phases.iter().skip(1).map(|p| p.from).collect();
    for (phase, until) in phases.iter_mut().zip(starts.into_iter().chain([end])) {
        phase.seconds = (until - phase.from).num_seconds().max(0);
    }
    phases
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::incidents::{IncidentReport, UpdateReport};
    use chrono::TimeZone;
    use lookout_core::{ComponentStatus, Impact, ProviderId};

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 6, 1, 12, minute, 0).unwrap()
    }

    fn update(status: IncidentStatus, minute: u32, api: ComponentStatus) -> UpdateReport {
        UpdateReport {
            status,
            body: String::new(),
            at: at(minute),
            components: vec![ComponentChange {
                id: "api".into(),
                name: "API".into(),
                status: api,
            }],
        }
    }

    fn row(updates: Vec<UpdateReport>, resolved: Option<u32>) -> IncidentRow {
        IncidentRow {
            report: IncidentReport {
                id: "i".into(),
                title: "Errors".into(),
                impact: Impact::Major,
                status: updates[updates.len() - 1].status.clone(),
                started_at: updates[0].at,
                resolved_at: resolved.map(at),
                duration_seconds: None,
                url: None,
                updates,
            },
            provider_id: ProviderId::new(1),
            provider: "Acme".into(),
            detected_at: at(0),
            suspected_lead_seconds: None,
        }
    }

    #[test]
    fn an_open_incident_has_its_phases_up_to_now_and_its_worst_component() {
        let open = row(
            vec![
                update(
                    IncidentStatus::Investigating,
                    0,
                    ComponentStatus::DegradedPerformance,
                ),
                update(
                    IncidentStatus::Investigating,
                    4,
                    ComponentStatus::DegradedPerformance,
                ),
                update(
                    IncidentStatus::Identified,
                    10,
                    ComponentStatus::PartialOutage,
                ),
                update(IncidentStatus::Monitoring, 20, ComponentStatus::Operational),
            ],
            None,
        );
        let read = IncidentTimeline::new(open, true, at(25));
        let spans: Vec<(String, i64)> = read
            .phases
            .iter()
            .map(|p| (p.status.as_str().to_string(), p.seconds))
            .collect();
        assert_eq!(
            spans,
            [
                ("investigating".to_string(), 600),
                ("identified".to_string(), 600),
                ("monitoring".to_string(), 300)
            ]
        );
        assert_eq!(read.affected_components.len(), 1);
        assert_eq!(
            read.affected_components[0].status,
            ComponentStatus::PartialOutage
        );
        assert!(read.followed);
    }

    #[test]
    fn a_resolved_incident_ends_its_last_phase_at_resolution() {
        let over = row(
            vec![
                update(
                    IncidentStatus::Investigating,
                    0,
                    ComponentStatus::MajorOutage,
                ),
                update(IncidentStatus::Resolved, 30, ComponentStatus::Operational),
                update(IncidentStatus::Postmortem, 50, ComponentStatus::Operational),
            ],
            Some(30),
        );
        let read = IncidentTimeline::new(over, false, at(59));
        assert_eq!(read.phases.len(), 1);
        assert_eq!(read.phases[0].seconds, 1800);
    }
}

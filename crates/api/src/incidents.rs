//! Incidents with their timelines: as a page shows them (`check --json`) and as stored
//! (`incidents --json`, `export --format json`, `GET /api/v1/incidents`).

use chrono::{DateTime, Utc};
use lookout_core::{ComponentStatus, Impact, Incident, IncidentStatus, ProviderId};
use lookout_engine::operations::incidents::StoredIncident;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::ToSchema;

/// One incident with its timeline (updates oldest first).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct IncidentReport {
    /// The vendor's id.
    pub id: String,
    /// Its title (the vendor's text).
    pub title: String,
    /// `none`, `minor`, `major`, `critical`, `maintenance` or the vendor's own word.
    #[schema(value_type = String)]
    pub impact: Impact,
    /// `investigating`, `identified`, `monitoring`, `resolved`, `postmortem` or the vendor's own.
    #[schema(value_type = String)]
    pub status: IncidentStatus,
    /// Its first update (or the vendor's start, whichever is earliest).
    pub started_at: DateTime<Utc>,
    /// The first update that resolved it; `null` while open.
    pub resolved_at: Option<DateTime<Utc>>,
    /// `resolved_at − started_at`; `null` while open.
    pub duration_seconds: Option<i64>,
    /// The vendor's page for it.
    pub url: Option<String>,
    /// The timeline, oldest first.
    pub updates: Vec<UpdateReport>,
}

/// One update: `{status, body, at, components}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct UpdateReport {
    /// The incident's status as of this update.
    #[schema(value_type = String)]
    pub status: IncidentStatus,
    /// The vendor's text, as given (untrusted: may hold HTML).
    pub body: String,
    /// When it was posted.
    pub at: DateTime<Utc>,
    /// The components it touched, with the status it gave each.
    pub components: Vec<ComponentChange>,
}

/// A component's status as one update set it: `{id, name, status}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ComponentChange {
    /// The vendor's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The status the update gave it.
    #[schema(value_type = String)]
    pub status: ComponentStatus,
}

/// One stored incident: its report, its provider, and when Lookout first saw it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct IncidentRow {
    /// The incident and its timeline.
    #[serde(flatten)]
    pub report: IncidentReport,
    /// The provider's id (with `id`, the incident's address:
    /// `/api/v1/incidents/{provider_id}/{id}`).
    #[schema(value_type = i64)]
    pub provider_id: ProviderId,
    /// The provider's name.
    pub provider: String,
    /// When Lookout first saw it.
    pub detected_at: DateTime<Utc>,
    /// How long before the vendor's first update Lookout's probes began to fail; `null` without
    /// such a lead.
    pub suspected_lead_seconds: Option<i64>,
}

impl IncidentReport {
    /// From the model, naming update components by the page's `names` where the update lacks
    /// one.
    pub fn new(incident: &Incident, names: &HashMap<&str, &str>) -> IncidentReport {
        IncidentReport {
            id: incident.id.clone(),
            title: incident.title.clone(),
            impact: incident.impact.clone(),
            status: incident.status.clone(),
            started_at: incident.started_at,
            resolved_at: incident.resolved_at,
            duration_seconds: incident.duration().map(|d| d.num_seconds()),
            url: incident.url.clone(),
            updates: incident
                .updates
                .iter()
                .map(|u| UpdateReport {
                    status: u.status.clone(),
                    body: u.body.clone(),
                    at: u.at,
                    components: u
                        .components
                        .iter()
                        .map(|c| ComponentChange {
                            id: c.id.clone(),
                            name: match names.get(c.id.as_str()) {
                                Some(name) if c.name == c.id => (*name).to_string(),
                                _ => c.name.clone(),
                            },
                            status: c.status.clone(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

impl IncidentRow {
    /// From a stored incident.
    pub fn new(stored: &StoredIncident) -> IncidentRow {
        IncidentRow {
            report: IncidentReport::new(&stored.incident, &HashMap::new()),
            provider_id: stored.provider_id,
            provider: stored.provider.clone(),
            detected_at: stored.detected_at,
            suspected_lead_seconds: stored.suspected_lead_seconds,
        }
    }
}

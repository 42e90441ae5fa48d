//! A provider as Atlassian Statuspage v2 documents (`summary.json`, `incidents.json`): what
//! `lookout serve` republishes under `/providers/{id}/api/v2/`, so another Lookout — or any
//! Statuspage client — follows a team's server as it follows a vendor's page. Built from what the
//! store holds; read back by Lookout's own Statuspage reader to the same components, incidents
//! and maintenance (a test holds the two to that).

use chrono::{DateTime, Utc};
use lookout_core::{Component, ComponentStatus, Incident, Maintenance, MaintenanceStatus};
use serde::Serialize;
use std::collections::HashMap;

/// What one provider's documents are made of.
#[derive(Debug, Clone, Copy)]
pub struct Republished<'a> {
    /// The page's id in the documents (`lookout-<provider id>`).
    pub page_id: &'a str,
    /// The provider's name.
    pub name: &'a str,
    /// Where people see it on this server (`<public url>/providers/<id>`).
    pub url: &'a str,
    /// Its status by the one status rule.
    pub status: &'a ComponentStatus,
    /// Its components, in page order.
    pub components: &'a [Component],
    /// When the page was last read.
    pub updated_at: Option<DateTime<Utc>>,
}

/// `summary.json`.
#[derive(Debug, Serialize)]
pub struct Summary {
    page: Page,
    status: Indicator,
    components: Vec<ComponentRow>,
    incidents: Vec<IncidentRecord>,
    scheduled_maintenances: Vec<IncidentRecord>,
}

/// `incidents.json`.
#[derive(Debug, Serialize)]
pub struct Incidents {
    page: Page,
    incidents: Vec<IncidentRecord>,
}

#[derive(Debug, Serialize)]
struct Page {
    id: String,
    name: String,
    url: String,
    updated_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize)]
struct Indicator {
    indicator: &'static str,
    description: String,
}

#[derive(Debug, Serialize)]
struct ComponentRow {
    id: String,
    name: String,
    status: String,
    position: i64,
    group_id: Option<String>,
    group: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    components: Vec<String>,
}

#[derive(Debug, Serialize)]
struct IncidentRecord {
    id: String,
    name: String,
    status: String,
    impact: String,
    created_at: Option<DateTime<Utc>>,
    started_at: Option<DateTime<Utc>>,
    resolved_at: Option<DateTime<Utc>>,
    scheduled_for: Option<DateTime<Utc>>,
    scheduled_until: Option<DateTime<Utc>>,
    shortlink: Option<String>,
    incident_updates: Vec<UpdateRecord>,
    components: Vec<ComponentRef>,
}

#[derive(Debug, Serialize)]
struct UpdateRecord {
    id: String,
    status: String,
    body: String,
    created_at: DateTime<Utc>,
    display_at: DateTime<Utc>,
    affected_components: Vec<Affected>,
}

#[derive(Debug, Serialize)]
struct Affected {
    code: String,
    name: String,
    new_status: String,
}

#[derive(Debug, Serialize)]
struct ComponentRef {
    id: String,
}

/// `summary.json`: the components (a group row before its children), the incidents not yet
/// resolved and the maintenance not yet completed.
pub fn summary(page: Republished<'_>, open: &[Incident], maintenances: &[Maintenance]) -> Summary {
    Summary {
        page: page_of(&page),
        status: indicator(page.status),
        components: component_rows(page.components),
        incidents: open.iter().map(incident_record).collect(),
        scheduled_maintenances: maintenances
            .iter()
            .filter(|m| m.status != MaintenanceStatus::Completed)
            .map(maintenance_record)
            .collect(),
    }
}

/// `incidents.json`: `incidents`, newest first, resolved ones included.
pub fn incidents(page: Republished<'_>, incidents: &[Incident]) -> Incidents {
    Incidents {
        page: page_of(&page),
        incidents: incidents.iter().map(incident_record).collect(),
    }
}

fn page_of(page: &Republished<'_>) -> Page {
    Page {
        id: page.page_id.to_string(),
        name: page.name.to_string(),
        url: page.url.to_string(),
        updated_at: page.updated_at,
    }
}

/// Statuspage's page indicator for a status.
fn indicator(status: &ComponentStatus) -> Indicator {
    let indicator = match status {
        ComponentStatus::Operational => "none",
        ComponentStatus::DegradedPerformance => "minor",
        ComponentStatus::PartialOutage => "major",
        ComponentStatus::MajorOutage => "critical",
        ComponentStatus::UnderMaintenance => "maintenance",
        _ => "none",
    };
    Indicator {
        indicator,
        description: status.label().to_string(),
    }
}

/// The components: each group as a row (its id `group:<name>`, the worst status of its
/// children) before its children, which name it in `group_id`; positions as the store keeps
/// them, so a reader puts them back in the same order. Linear in the page's components.
fn component_rows(components: &[Component]) -> Vec<ComponentRow> {
    // Each group's children, in page order: one pass, however many components a page has.
    let mut children: HashMap<&str, Vec<&Component>> = HashMap::new();
    for c in components {
        if let Some(group) = &c.group {
            children.entry(group.as_str()).or_default().push(c);
        }
    }
    let mut rows: Vec<ComponentRow> = Vec::new();
    for c in components {
        let group_id = c.group.as_ref().map(|g| format!("group:{g}"));
        // A group's row comes before its first child (then the group is taken: written once).
        if let (Some(members), Some(id)) = (
            c.group.as_deref().and_then(|g| children.remove(g)),
            &group_id,
        ) {
            rows.push(ComponentRow {
                id: id.clone(),
                name: c.group.clone().unwrap_or_default(),
                status: ComponentStatus::worst(members.iter().map(|o| &o.status))
                    .as_str()
                    .to_string(),
                position: c.position.0,
                group_id: None,
                group: true,
                components: members.iter().map(|o| o.id.clone()).collect(),
            });
        }
        rows.push(ComponentRow {
            id: c.id.clone(),
            name: c.name.clone(),
            status: c.status.as_str().to_string(),
            position: if c.group.is_some() {
                c.position.1
            } else {
                c.position.0
            },
            group_id,
            group: false,
            components: Vec::new(),
        });
    }
    rows
}

fn incident_record(incident: &Incident) -> IncidentRecord {
    IncidentRecord {
        id: incident.id.clone(),
        name: incident.title.clone(),
        status: incident.status.as_str().to_string(),
        impact: incident.impact.as_str().to_string(),
        created_at: Some(incident.started_at),
        started_at: Some(incident.started_at),
        resolved_at: incident.resolved_at,
        scheduled_for: None,
        scheduled_until: None,
        shortlink: incident.url.clone(),
        // Newest first, as Statuspage lists them.
        incident_updates: incident
            .updates
            .iter()
            .rev()
            .map(|u| UpdateRecord {
                id: u.id.clone(),
                status: u.status.as_str().to_string(),
                body: u.body.clone(),
                created_at: u.at,
                display_at: u.at,
                affected_components: u
                    .components
                    .iter()
                    .map(|c| Affected {
                        code: c.id.clone(),
                        name: c.name.clone(),
                        new_status: c.status.as_str().to_string(),
                    })
                    .collect(),
            })
            .collect(),
        components: component_refs(&incident.component_ids),
    }
}

fn maintenance_record(maintenance: &Maintenance) -> IncidentRecord {
    IncidentRecord {
        id: maintenance.id.clone(),
        name: maintenance.title.clone(),
        status: maintenance.status.as_str().to_string(),
        impact: "maintenance".into(),
        created_at: None,
        started_at: None,
        resolved_at: None,
        scheduled_for: maintenance.scheduled_for,
        scheduled_until: maintenance.scheduled_until,
        shortlink: maintenance.url.clone(),
        incident_updates: Vec::new(),
        components: component_refs(&maintenance.component_ids),
    }
}

fn component_refs(ids: &[String]) -> Vec<ComponentRef> {
    ids.iter()
        .map(|id| ComponentRef { id: id.clone() })
        .collect()
}

//! `lookout check --json` (architecture.md's command-line contract): a page read just now, with
//! its components, recent incidents (newest first) and maintenances.

use crate::incidents::IncidentReport;
use chrono::{DateTime, Utc};
use lookout_core::{ComponentStatus, Incident, Maintenance, MaintenanceStatus, Platform, Snapshot};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::ToSchema;

/// `{provider, status, components, incidents, maintenances}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CheckReport {
    /// Who.
    pub provider: ProviderInfo,
    /// The worst component status.
    #[schema(value_type = String)]
    pub status: ComponentStatus,
    /// Components in page order.
    pub components: Vec<ComponentReport>,
    /// Recent incidents, newest first.
    pub incidents: Vec<IncidentReport>,
    /// Maintenances.
    pub maintenances: Vec<MaintenanceReport>,
}

/// `{name, url, platform}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ProviderInfo {
    /// Display name.
    pub name: String,
    /// Base URL (credentials masked).
    pub url: String,
    /// Platform (`statuspage`, `incident_io`, …).
    #[schema(value_type = String)]
    pub platform: Platform,
}

/// One component: `{id, name, group, status}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ComponentReport {
    /// The vendor's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its group's name.
    pub group: Option<String>,
    /// Its status: one of Lookout's words (`operational`, `under_maintenance`, `unknown`,
    /// `degraded_performance`, `partial_outage`, `major_outage`) or the vendor's own.
    #[schema(value_type = String)]
    pub status: ComponentStatus,
}

/// One maintenance: `{id, title, status, scheduled_for, scheduled_until, components}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct MaintenanceReport {
    /// The vendor's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// `scheduled`, `in_progress`, `verifying`, `completed` or the vendor's own word.
    #[schema(value_type = String)]
    pub status: MaintenanceStatus,
    /// Planned start.
    pub scheduled_for: Option<DateTime<Utc>>,
    /// Planned end.
    pub scheduled_until: Option<DateTime<Utc>>,
    /// The ids of the components it covers.
    pub components: Vec<String>,
}

impl ComponentReport {
    /// From the model.
    pub fn new(component: &lookout_core::Component) -> ComponentReport {
        ComponentReport {
            id: component.id.clone(),
            name: component.name.clone(),
            group: component.group.clone(),
            status: component.status.clone(),
        }
    }
}

impl MaintenanceReport {
    /// From the model.
    pub fn new(m: &Maintenance) -> MaintenanceReport {
        MaintenanceReport {
            id: m.id.clone(),
            title: m.title.clone(),
            status: m.status.clone(),
            scheduled_for: m.scheduled_for,
            scheduled_until: m.scheduled_until,
            components: m.component_ids.clone(),
        }
    }
}

impl CheckReport {
    /// The report of a page read just now.
    pub fn new(provider: ProviderInfo, snapshot: &Snapshot) -> CheckReport {
        let names: HashMap<&str, &str> = snapshot
            .components
            .iter()
            .map(|c| (c.id.as_str(), c.name.as_str()))
            .collect();
        let mut incidents: Vec<&Incident> = snapshot.incidents.iter().collect();
        incidents.sort_by(|a, b| {
            b.started_at
                .cmp(&a.started_at)
                .then_with(|| a.id.cmp(&b.id))
        });
        CheckReport {
            provider,
            status: snapshot.status(&[]),
            components: snapshot
                .components
                .iter()
                .map(ComponentReport::new)
                .collect(),
            incidents: incidents
                .iter()
                .map(|i| IncidentReport::new(i, &names))
                .collect(),
            maintenances: snapshot
                .maintenances
                .iter()
                .map(MaintenanceReport::new)
                .collect(),
        }
    }
}

//! Serde shapes of Statuspage v2 documents as served on the wire. Every field is optional:
//! incident.io's compatible layer and older payloads drop keys, and `null` is common.

use serde::Deserialize;

/// Any Statuspage v2 document: `summary.json`, `components.json`, `incidents.json`,
/// `scheduled-maintenances.json` and `status.json` are all subsets of these keys.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Document {
    pub page: Option<Page>,
    /// Only its presence matters (the overall indicator is recomputed from components).
    pub status: Option<serde_json::Value>,
    pub components: Option<Vec<Component>>,
    pub incidents: Option<Vec<Incident>>,
    pub scheduled_maintenances: Option<Vec<Incident>>,
}

/// `page`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Page {
    pub id: Option<String>,
    pub name: Option<String>,
    pub url: Option<String>,
}

/// One row of `components` (a group header when `group` is true).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Component {
    pub id: Option<String>,
    pub name: Option<String>,
    pub status: Option<String>,
    pub position: Option<i64>,
    pub group_id: Option<String>,
    pub group: Option<bool>,
    /// Child ids, on group rows only.
    pub components: Option<Vec<String>>,
}

/// An incident, or a scheduled maintenance (same shape plus `scheduled_*`).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Incident {
    pub id: Option<String>,
    pub name: Option<String>,
    pub status: Option<String>,
    pub impact: Option<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    pub started_at: Option<String>,
    pub monitoring_at: Option<String>,
    pub resolved_at: Option<String>,
    pub shortlink: Option<String>,
    pub scheduled_for: Option<String>,
    pub scheduled_until: Option<String>,
    pub incident_updates: Option<Vec<Update>>,
    pub components: Option<Vec<Component>>,
}

/// One `incident_updates` entry.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Update {
    pub id: Option<String>,
    pub status: Option<String>,
    pub body: Option<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    pub display_at: Option<String>,
    pub affected_components: Option<Vec<AffectedComponent>>,
}

/// One `affected_components` entry of an update.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct AffectedComponent {
    pub code: Option<String>,
    pub name: Option<String>,
    pub new_status: Option<String>,
}
